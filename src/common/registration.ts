// 事业单位登记管理 and 中文域名 (domain.md §10, practice.md): the enumerations, their values being
// the Chinese terms users see, and the fixed lists (materials, annual-report items, the default
// spot-check checklist). Zod-free: shared by server, CLI and web.

export const REGISTRATION_STATES = ['登记', '变更中', '注销'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const APPLICATION_KINDS = ['设立', '变更', '注销', '证书补领'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/**
 * 待申请: a task opened by an implemented matter, waiting for the institution to file.
 * 待受理 → (受理) 待审核 → (审核) 待核准 → (核准) 已核准; 材料不全 when 受理 finds materials
 * missing (the applicant completes them and files again); 已退回 with reasons at any step.
 */
export const APPLICATION_STATES = [
  '待申请',
  '待受理',
  '材料不全',
  '待审核',
  '待核准',
  '已核准',
  '已退回',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = {
  file: '提交申请',
  accept: '受理',
  review: '审核',
  approve: '核准',
  return: '退回',
} as const;
export type ApplicationAction = keyof typeof APPLICATION_ACTIONS;

/** The materials each kind requires (事业单位登记管理暂行条例实施细则, usual practice). */
export const REQUIRED_MATERIALS: Record<ApplicationKind, readonly string[]> = {
  设立: [
    '登记申请书',
    '审批机关批准设立的文件',
    '场所使用权证明',
    '法定代表人任职文件及身份证明',
    '开办资金确认证明',
    '章程草案',
  ],
  变更: ['变更登记申请书', '变更事项的证明文件', '事业单位法人证书正副本'],
  注销: ['注销登记申请书', '撤销或解散的批准文件', '清算报告', '事业单位法人证书正副本'],
  证书补领: ['证书补领申请书', '遗失声明'],
};

export const CERTIFICATE_COPIES = ['正本', '副本'] as const;
export const CERTIFICATE_VALID_YEARS = 5;

/** 统一社会信用代码 categories the staffing office codes (登记管理部门代码 1). */
export const USCC_CATEGORIES = { 机关: '1', 事业单位: '2', 群团: '3', 其他: '9' } as const;
export type UsccCategoryName = keyof typeof USCC_CATEGORIES;

export const ANNUAL_REPORT_ITEMS = {
  businessActivities: '业务活动',
  assetsAndResults: '资产损益',
  changeRegistration: '变更登记执行',
  performanceAndAwards: '绩效与奖惩',
  litigation: '诉讼',
  complaints: '社会投诉',
  donations: '捐赠资助',
  other: '其他',
} as const;
export type AnnualReportItemKey = keyof typeof ANNUAL_REPORT_ITEMS;

export const ANNUAL_REPORT_ATTACHMENTS = [
  '资产负债表',
  '资质许可',
  '法定代表人任职文件',
  '住所证明',
] as const;

/** 草稿 → 待审查 (filed, awaiting the 举办单位's 保密审查) → 待审核 → 已公示, or 退回修改. */
export const ANNUAL_REPORT_STATES = ['草稿', '待审查', '待审核', '退回修改', '已公示'] as const;
export type AnnualReportState = (typeof ANNUAL_REPORT_STATES)[number];

/** The 16 items of the seed's 公示信息抽查 (the office may edit the list of a check). */
export const DEFAULT_SPOT_CHECK_ITEMS: readonly string[] = [
  '名称与登记一致',
  '宗旨和业务范围与登记一致',
  '住所与登记一致',
  '法定代表人与登记一致',
  '开办资金与登记一致',
  '经费来源与登记一致',
  '举办单位与登记一致',
  '证书在有效期内并按规定悬挂',
  '变更事项按时办理变更登记',
  '年度报告按时报送并公示',
  '年度报告内容真实完整',
  '资产损益情况真实',
  '开展业务活动未超出宗旨和业务范围',
  '从业人员与机构编制台账一致',
  '网上名称（中文域名）与登记名称一致',
  '受奖惩、诉讼、投诉情况如实公示',
];

export const SPOT_CHECK_STAGES = ['单位自查', '实地检查', '反馈整改', '已完成'] as const;
export type SpotCheckStage = (typeof SPOT_CHECK_STAGES)[number];

export const DOMAIN_SUFFIXES = ['.政务', '.公益'] as const;
export type DomainSuffix = (typeof DOMAIN_SUFFIXES)[number];
export const DOMAIN_STATES = ['注册', '转移', '冻结', '解冻', '删除'] as const;
export type DomainState = (typeof DOMAIN_STATES)[number];
export const DOMAIN_OPERATIONS = ['注册', '转移', '冻结', '解冻', '续费', '变更', '删除'] as const;
export type DomainOperation = (typeof DOMAIN_OPERATIONS)[number];
