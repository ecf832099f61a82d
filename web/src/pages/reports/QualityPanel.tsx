import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Collapse, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { QualityIssue } from '../../api/index.ts';

type Kind = QualityIssue['kind'];

const KINDS: { kind: Kind; title: string; hint: string }[] = [
  { kind: 'over_quota', title: '超编单位', hint: '实有人数超过核定编制数' },
  { kind: 'posts_over', title: '领导职数超配', hint: '在编任该职级的人数超过核定领导职数' },
  { kind: 'partition', title: '分项与合计不符', hint: '按规格、经费形式或隶属关系的分项之和不等于总数' },
  { kind: 'no_quota', title: '无编制核定的单位', hint: '统计日没有现行编制核定的机构' },
  {
    kind: 'people_in_missing_unit',
    title: '单位不存在但仍有人员',
    hint: '机构在统计日不存在或已撤销，仍有人员记录',
  },
];

const SHOWN = 10;

function IssueList({ items, asOf }: { items: readonly QualityIssue[]; asOf: string | undefined }) {
  const [all, setAll] = useState(false);
  const search = asOf ? `?asOf=${asOf}` : '';
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <>
      <ul className="bz-quality-list">
        {shown.map((issue, index) => (
          <li key={index}>
            {issue.unitId !== null ? (
              <Link to={`/units/${String(issue.unitId)}${search}`}>{issue.message}</Link>
            ) : (
              <span>{issue.message}</span>
            )}
          </li>
        ))}
      </ul>
      {items.length > SHOWN ? (
        <Button type="link" size="small" onClick={() => setAll(!all)} style={{ paddingInline: 0 }}>
          {all ? '收起' : `展开其余 ${String(items.length - SHOWN)} 条`}
        </Button>
      ) : null}
    </>
  );
}

/** The data-quality warnings of the report, grouped by kind; each links to its unit. */
export function QualityPanel({
  issues,
  asOf,
}: {
  issues: readonly QualityIssue[];
  asOf: string | undefined;
}) {
  if (issues.length === 0) {
    return (
      <div data-testid="quality-panel" className="bz-quality-empty">
        <CheckCircleOutlined style={{ color: '#389e0d' }} /> 未发现数据质量问题
      </div>
    );
  }
  const groups = KINDS.map((k) => ({ ...k, items: issues.filter((i) => i.kind === k.kind) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <div data-testid="quality-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        <WarningOutlined style={{ color: '#d46b08' }} /> 共 {issues.length} 条提示，请核实相关机构的数据。
      </Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={groups.map((g) => g.kind)}
        items={groups.map((g) => ({
          key: g.kind,
          label: (
            <span data-testid={`quality-${g.kind}`} title={g.hint}>
              <strong>{g.title}</strong> <span className="bz-muted">（{g.items.length}）</span>
            </span>
          ),
          children: <IssueList items={g.items} asOf={asOf} />,
        }))}
      />
    </div>
  );
}
