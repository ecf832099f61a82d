// Wire types, imported as types only so that zod never reaches the browser bundle.
import type { z } from 'zod';
import type {
  ChangePasswordBody as ChangePasswordBodySchema,
  CreateUserBody as CreateUserBodySchema,
  LoginBody as LoginBodySchema,
  PasswordResponse as PasswordResponseSchema,
  RevealResponse as RevealResponseSchema,
  TableCounts as TableCountsSchema,
} from '../../../src/common/wire.ts';
import type {
  AssessBody as AssessBodySchema,
  DecideBody as DecideBodySchema,
  ImplementBody as ImplementBodySchema,
  MatterDetail,
  ReasonBody as ReasonBodySchema,
  ResubmitBody as ResubmitBodySchema,
  WaitingCount as WaitingCountSchema,
} from '../../../src/common/wire-matters.ts';

export type {
  CurrentUser,
  ImportJob,
  ImportResult,
  MeResponse,
  OverviewResponse,
  PeoplePage,
  Permissions,
  PersonDetail,
  PersonSummary,
  QuotaFigure,
  RegionDto,
  RowErrorDto,
  UnitDetail,
  UnitNode,
  UserSummary,
  PasswordPolicyInfo,
} from '../../../src/common/wire.ts';
export type { TotpEnrolment } from '../../../src/common/wire-security.ts';

export type LoginBody = z.infer<typeof LoginBodySchema>;
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;
export type PasswordResponse = z.infer<typeof PasswordResponseSchema>;
export type RevealResponse = z.infer<typeof RevealResponseSchema>;
export type TableCounts = z.infer<typeof TableCountsSchema>;

export type {
  BasicReportResponse,
  CountiesResponse,
  DrillResponse,
  DrillUnitRow,
  HistoryResponse,
  QualityIssue,
  UnitFiguresResponse,
} from '../../../src/common/wire-reports.ts';
export type { BasicFigure, BasicReport } from '../../../src/common/report-basic.ts';

// ---- matters (事项办理) ----
export type {
  CheckResponse,
  MatterDetail,
  MatterList,
  MatterSummary,
  ProposeBody,
} from '../../../src/common/wire-matters.ts';
export type {
  Change,
  ChangeKind,
  MatterAction,
  MatterState,
  RuleName,
  RuleResult,
} from '../../../src/common/matters.ts';

export type AssessBody = z.input<typeof AssessBodySchema>;
export type DecideBody = z.input<typeof DecideBodySchema>;
export type ImplementBody = z.input<typeof ImplementBodySchema>;
export type ReasonBody = z.input<typeof ReasonBodySchema>;
export type ResubmitBody = z.input<typeof ResubmitBodySchema>;
export type WaitingCount = z.infer<typeof WaitingCountSchema>;
export type MatterStep = MatterDetail['steps'][number];
export type MatterAttachment = MatterDetail['attachments'][number];
