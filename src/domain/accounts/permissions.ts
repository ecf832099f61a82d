// Who may do what, on which scope: one table per area, declared here and nowhere else. Every
// route names one of these actions (src/http/route-permissions.ts) and every use case calls
// authorize() with it and every entity the request names; the web receives the answers.
//
// 三员 (等保三级): the system administrator manages accounts (of the business roles only) and
// settings; the security administrator sets security policies; the security auditor reads and
// exports the audit log. None of the three reads business data, and the office's
// administrator (admin) manages no accounts and reads no audit log.
import { ROLES, type Role } from '../../common/labels.ts';

/**
 * The data a permission reaches:
 * - `none`: no business data (one's own session, region names);
 * - `read`: regions at or below the principal's, and for a liaison only their unit subtree;
 * - `write`: the principal's own county, and for a liaison only their unit subtree;
 * - `accounts`: accounts in the principal's region whose role is in `manages`;
 * - `audit`: audit events of the principal's region;
 * - `grant`: nothing by role alone: only what a scope grant (`grant` below) opens.
 */
export type DataScope = 'none' | 'read' | 'write' | 'accounts' | 'audit' | 'grant';

/**
 * What a scope grant opens beyond the principal's own region (scope-grants.ts): a 交叉互评 grant
 * lets a user of another county read the plan's units (`read`) and score them in the 交叉互评
 * stage (`score`), until the stage ends. Only the actions declaring it can be reached that way.
 */
export type GrantUse = 'read' | 'score';

export interface Permission {
  roles: readonly Role[];
  scope: DataScope;
  /** For `accounts`: the roles whose accounts may be managed through the application. */
  manages?: readonly Role[];
  /**
   * `unit`: a liaison acts only on exactly their own unit (not the units below it) and must name
   * it — the institution's 经办人 in 登记管理; by default a liaison reaches their unit subtree.
   */
  liaison?: 'unit';
  /** A 交叉互评 grant covering every entity the request names opens this action (scope-grants.ts). */
  grant?: GrantUse;
  /** The refusal, in the user's words. */
  denied: string;
}

/** The roles that work with the staffing data itself. */
export const BUSINESS_ROLES: readonly Role[] = ['admin', 'clerk', 'liaison', 'leader', 'viewer'];
/** The three security administrators (三员). */
export const SECURITY_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
const OFFICE: readonly Role[] = ['admin', 'clerk'];
const PROPOSERS: readonly Role[] = ['admin', 'clerk', 'liaison'];
/** County-wide figures: everyone in the business but a liaison, who sees only their units. */
const FIGURE_READERS: readonly Role[] = ['admin', 'clerk', 'leader', 'viewer'];

const SESSION = {
  'session.self': { roles: ROLES, scope: 'none', denied: '请先登录' },
  'region.list': { roles: ROLES, scope: 'none', denied: '无权查看行政区划' },
} as const satisfies Record<string, Permission>;

const LEDGER = {
  /** 首页: a liaison's figures cover only their units. */
  'ledger.overview': { roles: BUSINESS_ROLES, scope: 'read', denied: '无权查看业务数据' },
  /** The unit tree: names only, which the system administrator needs to place a liaison. */
  'unit.list': { roles: [...BUSINESS_ROLES, 'sysadmin'], scope: 'read', denied: '无权查看机构' },
  /** A 交叉互评 evaluator from another county reads the units under evaluation. */
  'unit.read': { roles: BUSINESS_ROLES, scope: 'read', grant: 'read', denied: '无权查看机构' },
  'person.read': { roles: BUSINESS_ROLES, scope: 'read', denied: '无权查看人员' },
  'person.revealId': { roles: OFFICE, scope: 'write', denied: '无权查看完整身份证号' },
} as const satisfies Record<string, Permission>;

const EXCHANGE = {
  'data.import': { roles: OFFICE, scope: 'write', denied: '无权导入数据' },
  /** The exchange workbook carries 身份证号 in the clear (it must re-import): office staff only. */
  'data.export': { roles: OFFICE, scope: 'write', denied: '无权导出数据' },
} as const satisfies Record<string, Permission>;

const REPORTS = {
  'report.read': {
    roles: FIGURE_READERS,
    scope: 'read',
    denied: '部门联络员只能查看本单位及下属单位的数据，不能查看全县统计报表',
  },
  'standards.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看编制标准测算' },
  'standards.write': { roles: OFFICE, scope: 'write', denied: '只有编办工作人员可以修改编制标准' },
  'inputs.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看学生数和人口' },
  'inputs.write': { roles: OFFICE, scope: 'write', denied: '只有编办可以录入学生数和人口' },
  'timeliness.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看及时性情况' },
  'timeliness.configure': { roles: ['admin'], scope: 'write', denied: '只有编办管理员可以设置及时性要求' },
  'reconciliation.run': { roles: OFFICE, scope: 'write', denied: '只有编办工作人员可以进行数据比对' },
  'reconciliation.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看数据比对结果' },
  /** 统计年报: the year-end tables and checks; submitting locks the year. */
  'yearend.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看统计年报' },
  'yearend.submit': { roles: ['admin'], scope: 'write', denied: '只有编办管理员可以上报并锁定统计年报' },
  /** 全年汇报: the office writes its prose and renders it; the figure readers read it. */
  'fullReport.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看全年汇报' },
  'fullReport.write': { roles: OFFICE, scope: 'write', denied: '只有编办工作人员可以编辑和生成全年汇报' },
} as const satisfies Record<string, Permission>;

/** The steps of a matter (procedure.ts moves the states; this says who). */
const MATTERS = {
  'matter.read': { roles: BUSINESS_ROLES, scope: 'read', denied: '无权查看事项' },
  'matter.propose': { roles: PROPOSERS, scope: 'write', denied: '无权提出动议' },
  'matter.assess': { roles: OFFICE, scope: 'write', denied: '无权论证该事项' },
  'matter.decide': { roles: ['admin'], scope: 'write', denied: '无权审议决定该事项' },
  'matter.implement': { roles: OFFICE, scope: 'write', denied: '无权组织实施该事项' },
  'matter.return': { roles: OFFICE, scope: 'write', denied: '无权退回该事项' },
  'matter.reject': { roles: ['admin'], scope: 'write', denied: '无权驳回该事项' },
  /** A liaison resubmits the matters of their unit (the matter scope says which). */
  'matter.resubmit': { roles: PROPOSERS, scope: 'write', denied: '无权重新提交该事项' },
  'matter.attach': { roles: PROPOSERS, scope: 'write', denied: '无权为该事项上传附件' },
  'matter.controlTotal': { roles: ['admin'], scope: 'write', denied: '只有编办管理员可以设置控制总量' },
} as const satisfies Record<string, Permission>;

/** 机构改革: projects, frozen baselines, sandbox plans, comparison; adopting files 动议. */
const REFORM = {
  'reform.read': { roles: FIGURE_READERS, scope: 'read', denied: '无权查看机构改革' },
  'reform.write': { roles: OFFICE, scope: 'write', denied: '只有编办工作人员可以编制改革方案' },
  'reform.adopt': { roles: OFFICE, scope: 'write', denied: '只有编办工作人员可以采纳改革方案' },
  'reform.limit': { roles: ['admin'], scope: 'write', denied: '只有编办管理员可以设置机构限额' },
} as const satisfies Record<string, Permission>;

/**
 * Accounts: the system administrator manages the business roles' accounts. The three
 * administrators' own accounts (and so the auditor's, who audits the other two) are created and
 * reset only with `bianzhi user add/reset-password` on the server's shell, which is audited.
 */
const ACCOUNTS = {
  'user.list': { roles: ['sysadmin'], scope: 'accounts', manages: ROLES, denied: '无权管理用户' },
  'user.create': { roles: ['sysadmin'], scope: 'accounts', manages: BUSINESS_ROLES, denied: '无权管理用户' },
  'user.resetPassword': {
    roles: ['sysadmin'],
    scope: 'accounts',
    manages: BUSINESS_ROLES,
    denied: '无权管理用户',
  },
} as const satisfies Record<string, Permission>;

/** Security policies (password, login, sessions): their routes name this action. */
const SECURITY = {
  /** The three administrators read the policy they work under (and the auditor audits it). */
  'security.read': {
    roles: ['secadmin', 'sysadmin', 'auditor'],
    scope: 'none',
    denied: '无权查看安全策略',
  },
  'security.configure': { roles: ['secadmin'], scope: 'none', denied: '只有安全管理员可以设置安全策略' },
} as const satisfies Record<string, Permission>;

const AUDIT = {
  'audit.read': { roles: ['auditor'], scope: 'audit', denied: '只有安全审计员可以查看审计日志' },
  'audit.export': { roles: ['auditor'], scope: 'audit', denied: '只有安全审计员可以导出审计日志' },
} as const satisfies Record<string, Permission>;

/**
 * 登记管理, 年度报告, 抽查, 中文域名. Office staff act in their county, leaders and viewers read
 * within their region; a liaison here is the institution's 经办人 and acts on exactly their unit
 * (the 举办单位's liaison gives the 保密审查: the unit named is the record's sponsor).
 */
const READERS: readonly Role[] = ['admin', 'clerk', 'leader', 'viewer'];
const REGISTRATION = {
  /** Registration records, certificates, applications, annual reports of a unit. */
  'registration.read': {
    roles: [...READERS, 'liaison'],
    scope: 'read',
    liaison: 'unit',
    denied: '无权查看该单位的登记信息',
  },
  /** File (or re-file) an application for the unit: its 经办人 or the office on its behalf. */
  'registration.file': {
    roles: PROPOSERS,
    scope: 'write',
    liaison: 'unit',
    denied: '只有本单位经办人或编办可以提交登记申请',
  },
  /** 受理 / 审核 / 核准 / 退回, certificates, USCC issue. */
  'registration.process': { roles: OFFICE, scope: 'write', denied: '只有编办可以办理登记' },
  'registration.configure': {
    roles: ['admin'],
    scope: 'write',
    denied: '只有编办管理员可以设置登记管理参数',
  },
  /** The institution files its annual report. */
  'annual.file': {
    roles: PROPOSERS,
    scope: 'write',
    liaison: 'unit',
    denied: '只有本单位经办人可以报送年度报告',
  },
  /** The 举办单位's 保密审查: the unit named is the sponsor. */
  'annual.signOff': {
    roles: ['liaison'],
    scope: 'write',
    liaison: 'unit',
    denied: '只有举办单位可以进行保密审查',
  },
  'annual.review': { roles: OFFICE, scope: 'write', denied: '只有编办可以审核年度报告' },
  'spotcheck.manage': { roles: OFFICE, scope: 'write', denied: '只有编办可以组织抽查' },
  /** 单位自查: the checked institution answers the checklist (and lists the checks it is in). */
  'spotcheck.selfCheck': {
    roles: PROPOSERS,
    scope: 'write',
    liaison: 'unit',
    denied: '只有被抽查单位可以填写自查',
  },
  'domain.read': {
    roles: [...READERS, 'liaison'],
    scope: 'read',
    liaison: 'unit',
    denied: '无权查看该单位的中文域名',
  },
  'domain.manage': { roles: OFFICE, scope: 'write', denied: '只有编办可以管理中文域名' },
} as const satisfies Record<string, Permission>;

/**
 * 法规制度 library and training records: the office keeps them; every business role reads them
 * (a liaison too: the rules are the county's, not a unit's data).
 */
const LIBRARY = {
  'library.read': { roles: BUSINESS_ROLES, scope: 'read', denied: '无权查看法规制度' },
  'library.write': {
    roles: OFFICE,
    scope: 'write',
    denied: '只有编办工作人员可以维护法规制度和学习宣讲记录',
  },
} as const satisfies Record<string, Permission>;

/** Who may be named 交叉互评 evaluator: office staff and leaders of another county. */
export const CROSS_EVALUATOR_ROLES: readonly Role[] = ['admin', 'clerk', 'leader'];

/**
 * 评估问效: the office sets up plans and does the 实地评估; an evaluated unit's liaison enters its
 * 自评 (only for their own unit); the ranking is county-wide, so no liaison reads it. The office
 * names 交叉互评 evaluators from other counties (evaluation.manage); their grant opens the plan,
 * its units, measures and scores to read and the 交叉互评 stage to score, nothing else.
 */
const EVALUATION = {
  'evaluation.read': { roles: BUSINESS_ROLES, scope: 'read', grant: 'read', denied: '无权查看评估方案' },
  'evaluation.manage': {
    roles: OFFICE,
    scope: 'write',
    denied: '只有编办工作人员可以制定和修改评估方案',
  },
  'evaluation.selfScore': {
    roles: PROPOSERS,
    scope: 'write',
    liaison: 'unit',
    denied: '只有被评估单位的联络员或编办工作人员可以填报自评',
  },
  'evaluation.onsiteScore': { roles: OFFICE, scope: 'write', denied: '只有编办评估组可以实地评估打分' },
  /**
   * The saved scores of one unit at a stage, read back into the form that entered them: a
   * liaison their own unit's 自评 only (实地评估 also needs `evaluation.onsiteScore`); the office all.
   */
  'evaluation.scoresRead': {
    roles: PROPOSERS,
    scope: 'read',
    liaison: 'unit',
    denied: '只有编办工作人员可以查看已保存的评分（部门联络员可查看本单位的自评）',
  },
  /** 问题清单 / 整改清单: an evaluated unit's liaison reads only their own unit's items. */
  'evaluation.findingsRead': {
    roles: BUSINESS_ROLES,
    scope: 'read',
    liaison: 'unit',
    denied: '无权查看问题和整改清单（部门联络员只能查看本单位的）',
  },
  'evaluation.findingsManage': {
    roles: OFFICE,
    scope: 'write',
    denied: '只有编办工作人员可以登记和修改评估发现的问题',
  },
  /** 整改进展: the evaluated unit's liaison on their own unit's items, or the office. */
  'evaluation.findingsProgress': {
    roles: PROPOSERS,
    scope: 'write',
    liaison: 'unit',
    denied: '只有被评估单位的联络员或编办工作人员可以报告整改进展',
  },
  'evaluation.results': {
    roles: FIGURE_READERS,
    scope: 'read',
    grant: 'read',
    denied: '无权查看评估结果和排名',
  },
  /** 交叉互评: only by a grant of the evaluated county, never by the principal's own region. */
  'evaluation.crossScore': {
    roles: CROSS_EVALUATOR_ROLES,
    scope: 'grant',
    grant: 'score',
    denied: '只有被评估县授权的其他县交叉互评人员可以在交叉互评阶段打分',
  },
  /** The caller's own 交叉互评 grants in force (which plans they evaluate). */
  'evaluation.crossGrants': { roles: CROSS_EVALUATOR_ROLES, scope: 'none', denied: '无权查看交叉互评任务' },
} as const satisfies Record<string, Permission>;

export const PERMISSIONS = {
  ...SESSION,
  ...LEDGER,
  ...EXCHANGE,
  ...REPORTS,
  ...MATTERS,
  ...REFORM,
  ...ACCOUNTS,
  ...SECURITY,
  ...AUDIT,
  ...REGISTRATION,
  ...LIBRARY,
  ...EVALUATION,
} satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

export function permissionOf(action: Action): Permission {
  return PERMISSIONS[action];
}

/** Whether the role may take the action at all (the scope is checked by authorize()). */
export function roleMay(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}
