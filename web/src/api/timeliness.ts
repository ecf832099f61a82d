// 及时性 and the standards' input forms (学生数与人口). Types only from src/common/wire-timeliness.ts.
import type {
  PopulationInput,
  PopulationInputsResponse,
  StudentInput,
  StudentInputsResponse,
  TimelinessResponse,
  TimelinessSettings,
  TimelinessSettingsInput,
} from '../../../src/common/wire-timeliness.ts';
import { buildQuery, request } from './client.ts';

export type {
  PopulationInput,
  PopulationInputRow,
  PopulationInputsResponse,
  PopulationKind,
  StudentInput,
  StudentInputRow,
  StudentInputsResponse,
  StudentUnitKind,
  TimelinessItem,
  TimelinessResponse,
  TimelinessSettings,
  TimelinessSettingsInput,
} from '../../../src/common/wire-timeliness.ts';

export function getTimeliness(region: string): Promise<TimelinessResponse> {
  return request<TimelinessResponse>(`/api/timeliness${buildQuery({ region })}`);
}

export function saveTimelinessSettings(body: TimelinessSettingsInput): Promise<TimelinessSettings> {
  return request<TimelinessSettings>('/api/timeliness/settings', { method: 'PUT', body });
}

/** The year 学生数与人口 opens on: last year, the latest with complete figures. */
export function defaultInputsYear(): number {
  return new Date().getFullYear() - 1;
}

export function getStudentInputs(region: string, year: number): Promise<StudentInputsResponse> {
  return request<StudentInputsResponse>(`/api/inputs/students${buildQuery({ region, year })}`);
}

export function saveStudentInput(body: StudentInput): Promise<{ changed: boolean }> {
  return request<{ changed: boolean }>('/api/inputs/students', { method: 'PUT', body });
}

export function getPopulationInputs(region: string, year: number): Promise<PopulationInputsResponse> {
  return request<PopulationInputsResponse>(`/api/inputs/population${buildQuery({ region, year })}`);
}

export function savePopulationInput(body: PopulationInput): Promise<{ changed: boolean }> {
  return request<{ changed: boolean }>('/api/inputs/population', { method: 'PUT', body });
}
