// The Chinese names of the audit log's action codes and entity types. They mirror AuditEventMap of
// src/audit/events.ts (server-only code, so the keys are copied here rather than imported).

export const AUDIT_ACTIONS: Record<string, string> = {
  'region.ensure': '登记行政区划',
  'unit.create': '新建机构',
  'unit.correct': '更正机构',
  'plaque.set': '加挂牌子',
  'quota.set': '编制',
  'post.set': '领导职数',
  'person.create': '新增人员',
  'person.correct': '更正人员',
  'placement.set': '人员编制信息',
  'person.import': '导入人员',
  'population.set': '人口',
  'students.set': '学生数',
  'import.run': '导入',
  'export.run': '导出',
  'import.mapping': '导入映射',
  'user.create': '新建用户',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.login': '登录',
  'user.login_failed': '登录失败',
  'person.reveal_id': '查看身份证号',
  'matter.step': '事项办理',
  'matter.effect': '事项实施',
  'control_total.set': '控制总量',
  'standard.save': '编制标准',
  'reconciliation.run': '数据比对',
};

/** The groups of the 操作类型 filter, in the order an auditor looks for them. */
export const AUDIT_ACTION_GROUPS: readonly { label: string; actions: readonly string[] }[] = [
  {
    label: '台账',
    actions: [
      'region.ensure',
      'unit.create',
      'unit.correct',
      'plaque.set',
      'quota.set',
      'post.set',
      'person.create',
      'person.correct',
      'placement.set',
      'person.import',
      'population.set',
      'students.set',
      'control_total.set',
      'standard.save',
    ],
  },
  { label: '事项', actions: ['matter.step', 'matter.effect'] },
  { label: '数据交换', actions: ['import.run', 'import.mapping', 'export.run', 'reconciliation.run'] },
  {
    label: '账号与敏感信息',
    actions: [
      'user.login',
      'user.login_failed',
      'user.change_password',
      'user.reset_password',
      'user.create',
      'person.reveal_id',
    ],
  },
];

export const AUDIT_ENTITY_TYPES: Record<string, string> = {
  region: '行政区划',
  unit: '机构',
  quota: '编制',
  leadership_post: '领导职数',
  person: '人员',
  population: '人口',
  students: '学生数',
  control_total: '控制总量',
  standard: '编制标准',
  matter: '事项',
  import: '导入',
  export: '导出',
  reconciliation: '数据比对',
  user: '用户',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

export function entityTypeLabel(entityType: string): string {
  return AUDIT_ENTITY_TYPES[entityType] ?? entityType;
}

/** Tag colours: failed logins and views of ID numbers stand out, exports and imports next. */
export function actionColor(action: string): string {
  if (action === 'user.login_failed') return 'red';
  if (action === 'person.reveal_id') return 'orange';
  if (action === 'export.run' || action === 'import.run' || action === 'reconciliation.run') return 'purple';
  if (action.startsWith('matter.')) return 'blue';
  if (action.startsWith('user.')) return 'default';
  return 'cyan';
}

/** "2026-05-04 09:12:30" in China time, whatever the browser's time zone. */
export function chinaDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
  } catch {
    return iso;
  }
}

export interface ParsedPayload {
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event's {before, after}; null when the payload is not that shape (then it is shown raw). */
export function parsePayload(payload: string): ParsedPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(value) || !('before' in value || 'after' in value)) return null;
  return { before: value.before ?? null, after: value.after ?? null };
}

/** Top-level fields whose values differ between before and after (both must be objects). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
