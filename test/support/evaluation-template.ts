// A fixed indicator system for tests whose hand-computed scores must not move when the default
// 共性 template changes (plan-rules.ts defaultIndicators): two computed leaves (超编进人,
// 中小学编制保障率), a veto and manual leaves, 100 points.
import type { IndicatorSystemInput } from '../../src/common/wire-evaluation.ts';

export function fixedIndicatorSystem(): IndicatorSystemInput {
  const manual = (code: string, name: string, points: number) => ({
    code,
    name,
    category: 'common' as const,
    points,
    rule: { kind: 'manual' as const },
  });
  return {
    thresholds: { excellent: 0.9, good: 0.8, pass: 0.6 },
    indicators: [
      {
        code: 'A',
        name: '机构编制纪律',
        category: 'common',
        points: 40,
        children: [
          {
            code: 'A1',
            name: '超编进人',
            category: 'common',
            points: 20,
            rule: { kind: 'deduction', perOccurrence: 2, floor: 0 },
            measure: 'overQuotaEntries',
          },
          manual('A2', '超职数配备领导干部', 10),
          {
            code: 'A3',
            name: '擅自设立机构或突破限额',
            category: 'common',
            points: 10,
            rule: { kind: 'veto', cap: 'pass' },
          },
        ],
      },
      {
        code: 'B',
        name: '编制使用效益',
        category: 'common',
        points: 30,
        children: [
          {
            code: 'B1',
            name: '中小学编制保障率',
            category: 'common',
            points: 10,
            rule: { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 },
            measure: 'schoolQuotaRatio',
          },
          manual('B2', '空编使用和编制结构', 10),
          manual('B3', '实名制管理信息一致', 10),
        ],
      },
      {
        code: 'C',
        name: '职责履行和工作落实',
        category: 'common',
        points: 30,
        children: [manual('C1', '法规制度学习宣讲', 10), manual('C2', '职责任务履行', 20)],
      },
    ],
  };
}
