import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailRows, auditValueText } from './audit-labels.ts';

describe('audit labels', () => {
  it('names event kinds in Chinese', () => {
    expect(auditActionLabel('user.login')).toBe('登录');
    expect(auditActionLabel('quota.set')).toBe('编制');
    expect(auditActionLabel('uscc.issue')).toBe('赋统一社会信用代码');
  });

  it('turns a payload into Chinese key/value rows, marking what changed', () => {
    const rows = auditDetailRows(
      { unitCode: 'A01', approved: 10, effectiveFrom: '2026-01-01' },
      { unitCode: 'A01', approved: 12, effectiveFrom: '2026-01-01' },
    );
    expect(rows).toEqual([
      { field: 'unitCode', label: '机构编码', before: 'A01', after: 'A01', changed: false },
      { field: 'approved', label: '核定数', before: '10', after: '12', changed: true },
      {
        field: 'effectiveFrom',
        label: '生效日期',
        before: '2026-01-01',
        after: '2026-01-01',
        changed: false,
      },
    ]);
    expect(auditDetailRows(null, { username: 'zhang' })).toEqual([
      { field: 'username', label: '用户名', before: null, after: 'zhang', changed: false },
    ]);
  });

  it('writes values as a reader reads them', () => {
    expect(auditValueText(true)).toBe('是');
    expect(auditValueText(['a', 'b'])).toBe('a、b');
    expect(auditValueText({ inserted: 3 })).toBe('inserted：3');
    expect(auditValueText({ quotaType: '行政编制' })).toBe('编制类型：行政编制');
  });
});
