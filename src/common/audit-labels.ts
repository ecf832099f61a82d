// The Chinese names of audit events, of the things they name and of the fields of their
// payloads, kept once for the server (exports) and the web (the 审计日志 page). Every action of
// src/audit/events.ts must have a label here: events.ts checks it at compile time.

export const AUDIT_ACTION_LABELS = {
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
  'unit.import': '导入机构',
  'plaque.import': '导入加挂牌子',
  'quota.import': '导入编制',
  'post.import': '导入领导职数',
  'population.import': '导入人口',
  'students.import': '导入学生数',
  'import.run': '导入',
  'import.abort': '撤销未完成的导入',
  'export.run': '导出',
  'user.create': '新建用户',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.login': '登录',
  'user.login_failed': '登录失败',
  'user.totp_enable': '启用动态口令',
  'security.policy': '安全策略',
  'person.reveal_id': '查看身份证号',
  'matter.step': '事项办理',
  'matter.effect': '事项实施',
  'control_total.set': '控制总量',
  'reconciliation.run': '数据比对',
  'standard.save': '编制标准',
  'backup.run': '备份',
  'audit.key_rotate': '更换审计密钥',
  'keys.rotate_master': '更换主密钥',
  'timeliness.settings': '及时性设置',
  'registration.settings': '登记管理设置',
  'registration.application': '登记申请',
  'registration.record': '登记事项',
  'registration.certificate': '登记证书',
  'uscc.issue': '赋统一社会信用代码',
  'annual_report.step': '年度报告',
  'spot_check.draw': '抽查抽取',
  'spot_check.stage': '抽查环节',
  'domain.change': '中文域名',
  'import.mapping': '导入映射',
  'yearend.submit': '统计年报上报',
  'history.import': '导入历史事项',
  'institution_limit.set': '机构限额',
  'reform.project': '改革项目',
  'reform.baseline_freeze': '冻结改革底数',
  'reform.plan': '改革方案',
  'reform.plan_adopt': '采纳改革方案',
  'library.document': '法规制度',
  'training.record': '学习宣讲',
  'library.attachment': '法规制度附件',
  'evaluation.plan': '评估方案',
  'evaluation.score': '评估打分',
  'evaluation.finding': '评估问题和整改措施',
  'evaluation.finding_progress': '整改进展',
  'full_report.save': '全年汇报文稿',
  'full_report.render': '生成全年汇报',
  'evaluation.cross_grant': '交叉互评授权',
  'evaluation.cross_revoke': '撤销交叉互评授权',
  'evaluation.cross_expire': '交叉互评授权到期',
} as const satisfies Record<string, string>;

export type LabelledAuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
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
  annual_report: '年度报告',
  audit_key: '审计密钥',
  master_key: '主密钥',
  database: '数据库',
  domain: '中文域名',
  registration: '事业单位登记',
  registration_application: '登记申请',
  security_policy: '安全策略',
  settings: '设置',
  spot_check: '抽查',
  uscc: '统一社会信用代码',
  history_matter: '历史事项',
  import_mapping: '导入映射',
  institution_limit: '机构限额',
  library_document: '法规制度',
  evaluation_plan: '评估方案',
  evaluation_finding: '评估发现的问题',
  reform_baseline: '改革底数',
  reform_plan: '改革方案',
  reform_project: '改革项目',
  training: '学习宣讲',
  yearend_submission: '统计年报',
  report_document: '全年汇报',
};

/** Payload fields in Chinese; a field not listed is shown by its own name. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  code: '代码',
  name: '名称',
  level: '级别',
  unitCode: '机构编码',
  unitId: '机构',
  plaques: '加挂牌子',
  quotaType: '编制类型',
  source: '来源',
  approved: '核定数',
  effectiveFrom: '生效日期',
  effectiveOn: '实施日期',
  idMasked: '身份证号（脱敏）',
  personId: '人员',
  created: '新增',
  corrected: '更正',
  year: '年度',
  population: '人口',
  files: '文件',
  counts: '数量',
  timing: '写入耗时',
  slices: '分片数',
  longestSliceMs: '最长分片（毫秒）',
  finalMs: '生效事务（毫秒）',
  publishMs: '其中人员生效（毫秒）',
  publishedWithSlices: '随分片生效的人员编制',
  slicesDuringCheck: '校验期间写入的分片',
  importId: '导入批次',
  regionCode: '行政区划',
  units: '机构数',
  people: '人员数',
  username: '用户名',
  role: '角色',
  reason: '原因',
  state: '状态',
  action: '操作',
  comment: '意见',
  docNo: '文号',
  kind: '类型',
  total: '总量',
  fileName: '文件名',
  comparedOn: '比对日期',
  key: '标准代码',
  version: '版本',
  sourceDocument: '依据文件',
  validFrom: '起始日期',
  validTo: '截止日期',
  rule: '规则',
  rounding: '取整方式',
  file: '文件',
  keys: '密钥数',
  fromEventId: '起始事件',
  workingDays: '办理时限（工作日）',
  holidays: '节假日',
  extraWorkdays: '调休工作日',
  certificateNo: '证书编号',
  issuedOn: '发证日期',
  uscc: '统一社会信用代码',
  category: '类别',
  serial: '顺序码',
  late: '逾期',
  seed: '随机种子',
  algorithm: '抽取方法',
  drawn: '抽中单位',
  stage: '环节',
  result: '结果',
  rank: '规格',
  affiliation: '隶属',
  funding: '经费形式',
  type: '单位类型',
  sector: '行业',
  parentCode: '上级机构',
  foundedOn: '成立日期',
  abolishedOn: '撤销日期',
  status: '人员状态',
  channel: '进入方式',
  enteredOn: '入编日期',
  leftOn: '出编日期',
  leadershipLevel: '领导职务',
  planId: '评估方案',
  indicatorCode: '指标',
  finding: '存在问题',
  measure: '整改措施',
  deadline: '整改时限',
  responsible: '责任单位',
  progress: '整改进展',
  doneOn: '整改完成日期',
  paragraphs: '段落数',
  figures: '引用数字',
  workFrom: '工作统计起始日期',
  asOf: '统计日期',
  changed: '变化的数字',
  title: '标题',
  grantId: '授权编号',
  evaluatorId: '评估人员',
  evaluatorRegion: '评估人员所在行政区划',
  unitIds: '被评估单位',
  validUntil: '有效期至',
  revokedAt: '撤销时间',
  expiredRecordedAt: '到期记录时间',
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

export function auditEntityLabel(entityType: string): string {
  return AUDIT_ENTITY_LABELS[entityType] ?? entityType;
}

export function auditFieldLabel(field: string): string {
  return AUDIT_FIELD_LABELS[field] ?? field;
}

/** A payload value as a reader reads it: 是/否, lists joined, nested objects as 键：值. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value === '' ? '（空）' : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map(auditValueText).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditFieldLabel(k)}：${auditValueText(v)}`)
      .join('；');
  }
  return String(value);
}

export interface AuditDetailRow {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

/** The rows of an event's detail: one per payload field, before and after, in Chinese. */
export function auditDetailRows(before: unknown, after: unknown): AuditDetailRow[] {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const b = isRecord(before) ? before : null;
  const a = isRecord(after) ? after : null;
  if (b === null && a === null) return [];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys.map((field) => {
    const bv = b === null ? null : auditValueText(b[field]);
    const av = a === null ? null : auditValueText(a[field]);
    return {
      field,
      label: auditFieldLabel(field),
      before: bv,
      after: av,
      changed: b !== null && a !== null && JSON.stringify(b[field]) !== JSON.stringify(a[field]),
    };
  });
}
