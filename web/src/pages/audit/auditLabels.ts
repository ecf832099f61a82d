// The 审计日志 page's helpers. The Chinese names of actions, entity types and payload fields are
// the one table of src/common/audit-labels.ts (checked against src/audit/events.ts at compile time).
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../../src/common/audit-labels.ts';

/** Every action's Chinese name, from the one table in src/common. */
export const AUDIT_ACTIONS: Record<string, string> = AUDIT_ACTION_LABELS;

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
      'unit.import',
      'plaque.import',
      'quota.import',
      'post.import',
      'population.import',
      'students.import',
      'control_total.set',
      'standard.save',
    ],
  },
  { label: '事项', actions: ['matter.step', 'matter.effect'] },
  { label: '数据交换', actions: ['import.run', 'export.run', 'reconciliation.run'] },
  {
    label: '账号与敏感信息',
    actions: [
      'user.login',
      'user.login_failed',
      'user.change_password',
      'user.reset_password',
      'user.create',
      'person.reveal_id',
      'user.totp_enable',
    ],
  },
  {
    label: '登记管理',
    actions: [
      'registration.settings',
      'registration.application',
      'registration.record',
      'registration.certificate',
      'uscc.issue',
      'annual_report.step',
      'spot_check.draw',
      'spot_check.stage',
      'domain.change',
    ],
  },
  { label: '系统', actions: ['security.policy', 'timeliness.settings', 'backup.run', 'audit.key_rotate'] },
];

export const AUDIT_ENTITY_TYPES: Record<string, string> = AUDIT_ENTITY_LABELS;

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
