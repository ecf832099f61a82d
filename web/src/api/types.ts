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
} from '../../../src/common/wire.ts';

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
