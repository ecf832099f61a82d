// The first requests of the page being opened, asked for as soon as the session and the county
// are known (session.tsx), while the shell and the page still load and render: the page's own
// request of the same path then takes the answer (api/ahead.ts) instead of starting only after
// the first render. Only a page's default view is asked ahead (no ?asOf, ?year …), for a user
// whose own region is a county (a city's or province's pages start from the sum, chosen on the
// page); the shell's count of waiting matters is asked for every page. A page that opens on a
// chart also starts loading ECharts now, while its data is on the way, rather than once the chart
// has mounted after the data arrived.
import { countWaitingMatters, getOverview, getReportHistory, getUnitFigures } from '../api/endpoints.ts';
import { askAhead } from '../api/client.ts';
import { getFullReport } from '../api/full-report.ts';
import { DEFAULT_BASE_YEAR, DEFAULT_THRESHOLD, getPopulation } from '../api/population.ts';
import { getStandards, getStandardVersions } from '../api/standards.ts';
import { defaultInputsYear, getPopulationInputs, getStudentInputs } from '../api/timeliness.ts';
import type { MeResponse } from '../api/types.ts';

export type AheadRequest =
  | 'waiting'
  | 'overview'
  | 'unitFigures'
  | 'history'
  | 'population'
  | 'fullReport'
  | 'standards'
  | 'standardVersions'
  | 'studentInputs'
  | 'populationInputs';

/** What the page at `pathname` asks first, in its default view (pure, for the tests). */
export function aheadRequests(
  pathname: string,
  search: string,
  user: { permissions: Pick<MeResponse['permissions'], 'readLedger' | 'readReports'>; inCounty: boolean },
): AheadRequest[] {
  const [first = '', ...rest] = pathname.split('/').slice(1);
  if (first === 'login' || first === 'change-password') return [];
  const out: AheadRequest[] = user.permissions.readLedger ? ['waiting'] : [];
  if (search !== '' || rest.some((s) => s !== '') || !user.inCounty) return out;
  if (first === '') {
    if (user.permissions.readLedger) out.push('overview');
    if (user.permissions.readReports) out.push('unitFigures', 'history');
  } else if (first === 'population') out.push('population');
  else if (first === 'full-report') out.push('fullReport');
  else if (first === 'standards') out.push('standards', 'standardVersions');
  else if (first === 'inputs') out.push('studentInputs', 'populationInputs');
  return out;
}

const ASK: Record<AheadRequest, (region: string) => Promise<unknown>> = {
  waiting: (r) => countWaitingMatters(r),
  overview: (r) => getOverview(r),
  unitFigures: (r) => getUnitFigures(r),
  history: (r) => getReportHistory(r),
  population: (r) => getPopulation(r, { baseYear: DEFAULT_BASE_YEAR, threshold: DEFAULT_THRESHOLD }),
  fullReport: (r) => getFullReport(r, undefined),
  standards: (r) => getStandards(r),
  standardVersions: (r) => getStandardVersions(r),
  studentInputs: (r) => getStudentInputs(r, defaultInputsYear()),
  populationInputs: (r) => getPopulationInputs(r, defaultInputsYear()),
};

/** The pages whose default view opens on a chart (首页, 人口与编制, 编制标准). */
export function opensOnChart(pathname: string, search: string): boolean {
  return search === '' && ['/', '/population', '/standards'].includes(pathname);
}

/** Sends the page's first requests for the county `region` (see aheadRequests). */
export function askPageDataAhead(
  location: { pathname: string; search: string },
  region: string,
  user: Parameters<typeof aheadRequests>[2],
): void {
  const wanted = aheadRequests(location.pathname, location.search, user);
  askAhead(() => {
    for (const name of wanted) void ASK[name](region);
  });
  // the same module EChart.tsx imports: loaded and evaluated once
  if (wanted.length > 1 && opensOnChart(location.pathname, location.search))
    import('../components/echarts-core.ts').catch(() => undefined);
}
