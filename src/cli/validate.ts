// `bianzhi validate id|uscc`: checks a number without opening the database.
import { checkIdNumber } from '../common/codes/id-card.ts';
import { describeUscc, checkUscc } from '../common/codes/uscc.ts';
import type { Out } from './commands.ts';

export function validateCommand(kind: string, value: string, out: Out): number {
  if (kind === 'id') {
    const r = checkIdNumber(value);
    if (!r.ok) {
      out(`无效：${r.reason}`);
      return 1;
    }
    out(r.warning ? `有效（提示：${r.warning}）` : '有效');
    return 0;
  }
  if (kind === 'uscc') {
    const r = checkUscc(value);
    if (!r.ok) {
      out(`无效：${r.reason}`);
      return 1;
    }
    const d = describeUscc(value);
    out(
      d
        ? `有效（${d.authority ?? ''} · ${d.category ?? ''} · 区划 ${d.regionCode} · 组织机构代码 ${d.organizationCode}）`
        : '有效',
    );
    return 0;
  }
  out(`未知的校验类型：${kind}（应为 id 或 uscc）`);
  return 2;
}
