// Wire shapes of 及时性 (timeliness of recording, domain.md §10) and of the standards' input
// forms (学生数与人口). Shared by the server and the web (the web imports the types only).
import { z } from 'zod';
import { DateString } from './dates.ts';

const IsoDate = DateString;

export const TimelinessSettingsInput = z.object({
  region: z.string().regex(/^\d{6}$/),
  workingDays: z.number().int().min(1, '工作日数至少为 1').max(60, '工作日数至多为 60'),
  holidays: z.array(IsoDate).max(400),
  extraWorkdays: z.array(IsoDate).max(100),
});
export type TimelinessSettingsInput = z.infer<typeof TimelinessSettingsInput>;

export interface TimelinessSettings {
  regionCode: string;
  workingDays: number;
  holidays: string[];
  extraWorkdays: string[];
}

/** A matter that was (or still is) not implemented in time. */
export interface TimelinessItem {
  matterId: number;
  title: string;
  docNo: string | null;
  decidedOn: string;
  /** The last working day on which implementation was in time. */
  deadline: string;
  effectiveOn: string | null;
  /** The date (in China) the implementation was recorded; null while still waiting. */
  recordedOn: string | null;
  /** Working days after the deadline: till today (overdue) or till it was recorded (late). */
  daysLate: number;
}

export interface TimelinessResponse extends TimelinessSettings {
  today: string;
  /** 审议决定后未及时组织实施: decided, not implemented, deadline passed. */
  overdue: TimelinessItem[];
  /** 录入不及时: implemented, but recorded after the deadline. */
  late: TimelinessItem[];
}

export const StudentInput = z.object({
  region: z.string().regex(/^\d{6}$/),
  unitId: z.number().int().positive(),
  year: z.number().int().min(1990).max(2100),
  senior: z.number().int().min(0).max(1_000_000).nullable(),
  junior: z.number().int().min(0).max(1_000_000).nullable(),
  primary: z.number().int().min(0).max(1_000_000).nullable(),
  preschool: z.number().int().min(0).max(1_000_000).nullable(),
});
export type StudentInput = z.infer<typeof StudentInput>;

export const PopulationInput = z.object({
  region: z.string().regex(/^\d{6}$/),
  unitId: z.number().int().positive().nullable(),
  year: z.number().int().min(1990).max(2100),
  population: z.number().int().min(0).max(100_000_000),
});
export type PopulationInput = z.infer<typeof PopulationInput>;

export type StudentUnitKind = 'school' | 'kindergarten';

export interface StudentInputRow {
  unitId: number;
  unitCode: string;
  unitName: string;
  kind: StudentUnitKind;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  preschool: number | null;
  /** When the year's figures were recorded; null when there are none. */
  recordedAt: string | null;
}

export interface StudentInputsResponse {
  regionCode: string;
  year: number;
  rows: StudentInputRow[];
}

/** county: 常住人口 of the county; township: 常住人口 of a 乡镇; healthCentre: 服务人口. */
export type PopulationKind = 'county' | 'township' | 'healthCentre';

export interface PopulationInputRow {
  unitId: number | null;
  unitCode: string | null;
  name: string;
  kind: PopulationKind;
  population: number | null;
  recordedAt: string | null;
}

export interface PopulationInputsResponse {
  regionCode: string;
  year: number;
  rows: PopulationInputRow[];
}
