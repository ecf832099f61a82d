import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../api/index.ts';
import type { RuleResult } from '../../api/index.ts';
import { ruleLabel } from '../../lib/matter-labels.ts';

type Outcome = 'ok' | 'waived' | 'failed';

function outcomeOf(result: RuleResult): Outcome {
  if (result.ok) return 'ok';
  return result.waived ? 'waived' : 'failed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRuleResult(value: unknown): value is RuleResult {
  return (
    isRecord(value) &&
    typeof value.rule === 'string' &&
    typeof value.ok === 'boolean' &&
    typeof value.waived === 'boolean' &&
    typeof value.message === 'string'
  );
}

/** The rule results of a 422 RULE_VIOLATION answer, or null for any other error. */
export function ruleViolation(error: unknown): RuleResult[] | null {
  if (!(error instanceof ApiError) || error.code !== 'RULE_VIOLATION') return null;
  const results = isRecord(error.details) ? error.details.results : undefined;
  return Array.isArray(results) ? results.filter(isRuleResult) : [];
}

/** Rules a recorded exception (例外说明) may let through: over quota, over posts. */
export function exceptionMayHelp(results: readonly RuleResult[]): boolean {
  return results.some(
    (r) => outcomeOf(r) === 'failed' && (r.rule === 'noOverQuota' || r.rule === 'noOverPosts'),
  );
}

export function OutcomeTag({ result }: { result: RuleResult }) {
  switch (outcomeOf(result)) {
    case 'ok':
      return (
        <Tag color="success" icon={<CheckCircleFilled />}>
          通过
        </Tag>
      );
    case 'waived':
      return (
        <Tag color="warning" icon={<ExclamationCircleFilled />}>
          例外放行
        </Tag>
      );
    case 'failed':
      return (
        <Tag color="error" icon={<CloseCircleFilled />}>
          未通过
        </Tag>
      );
  }
}

const columns: TableColumnsType<RuleResult> = [
  {
    title: '规则',
    dataIndex: 'rule',
    width: 150,
    render: (rule: string) => ruleLabel(rule),
  },
  {
    title: '结果',
    key: 'outcome',
    width: 110,
    render: (_: unknown, row) => <OutcomeTag result={row} />,
  },
  { title: '说明', dataIndex: 'message' },
  {
    title: '超出',
    dataIndex: 'excess',
    width: 70,
    align: 'right',
    render: (excess: number) => (excess > 0 ? excess : '—'),
  },
];

const compactColumns: TableColumnsType<RuleResult> = [
  { title: '规则', dataIndex: 'rule', width: 104, render: (rule: string) => ruleLabel(rule) },
  { title: '结果', key: 'outcome', width: 96, render: (_: unknown, row) => <OutcomeTag result={row} /> },
  { title: '说明', dataIndex: 'message' },
];

/** The outcome of the rules: failing ones first and in red. */
export function RuleResultsTable({
  results,
  testId = 'rule-results',
  compact = false,
}: {
  results: readonly RuleResult[];
  testId?: string;
  /** For narrow places (the steps of the record): no 超出 column. */
  compact?: boolean;
}) {
  const order: Record<Outcome, number> = { failed: 0, waived: 1, ok: 2 };
  const sorted = [...results].sort((a, b) => order[outcomeOf(a)] - order[outcomeOf(b)]);
  return (
    <div data-testid={testId}>
      <Table<RuleResult>
        scroll={{ x: 'max-content' }}
        size="small"
        bordered
        rowKey={(row) => `${row.rule}:${String(row.unitId)}:${row.message}`}
        columns={compact ? compactColumns : columns}
        dataSource={sorted}
        pagination={false}
        rowClassName={(row) => {
          const outcome = outcomeOf(row);
          return outcome === 'failed' ? 'bz-rule-failed' : outcome === 'waived' ? 'bz-rule-waived' : '';
        }}
        locale={{ emptyText: '本事项不涉及需要检查的规则' }}
      />
    </div>
  );
}

/** One line saying whether the rules hold. */
export function RuleSummary({ results }: { results: readonly RuleResult[] }) {
  const failed = results.filter((r) => outcomeOf(r) === 'failed').length;
  const waived = results.filter((r) => outcomeOf(r) === 'waived').length;
  if (failed > 0) {
    return (
      <Alert
        type="error"
        showIcon
        title={`有 ${String(failed)} 项规则未通过，须调整变更内容${
          exceptionMayHelp(results) ? '，或在论证时填写例外说明' : ''
        }`}
        style={{ marginBottom: 8 }}
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      title={
        <Space size={4}>全部规则通过{waived > 0 ? `（其中 ${String(waived)} 项按例外说明放行）` : ''}</Space>
      }
      style={{ marginBottom: 8 }}
    />
  );
}

/** e.g. "3 项，1 项未通过" or "2 项，全部通过，其中 1 项例外放行". */
export function ruleTally(results: readonly RuleResult[]): string {
  const failed = results.filter((r) => outcomeOf(r) === 'failed').length;
  const waived = results.filter((r) => outcomeOf(r) === 'waived').length;
  const total = `${String(results.length)} 项`;
  if (failed > 0) return `${total}，${String(failed)} 项未通过`;
  return waived > 0 ? `${total}，全部通过，其中 ${String(waived)} 项例外放行` : `${total}，全部通过`;
}
