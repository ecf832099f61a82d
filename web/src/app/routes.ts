// The lazily loaded modules of the client, by name, and which of them a path needs. App.tsx
// builds its lazy pages from these loaders, and main.tsx starts loading the shell and the page of
// the address being opened at once, in parallel with the session probe, instead of one after the
// other (session → shell → page); a module requested twice is fetched and run once.

export const pageModules = {
  AppLayout: () => import('../components/AppLayout.tsx'),
  ChangePasswordPage: () => import('../pages/account/ChangePasswordPage.tsx'),
  HomePage: () => import('../pages/home/HomePage.tsx'),
  UnitsPage: () => import('../pages/units/UnitsPage.tsx'),
  PeoplePage: () => import('../pages/people/PeoplePage.tsx'),
  ImportPage: () => import('../pages/import/ImportPage.tsx'),
  ExportPage: () => import('../pages/export/ExportPage.tsx'),
  ReportsPage: () => import('../pages/reports/ReportsPage.tsx'),
  OrgChartPage: () => import('../pages/org-chart/OrgChartPage.tsx'),
  ReformPage: () => import('../pages/reform/ReformPage.tsx'),
  MattersPage: () => import('../pages/matters/MattersPage.tsx'),
  NewMatterPage: () => import('../pages/matters/NewMatterPage.tsx'),
  MatterPage: () => import('../pages/matters/MatterPage.tsx'),
  UsersPage: () => import('../pages/users/UsersPage.tsx'),
  WorkStatisticsPage: () => import('../pages/work-statistics/WorkStatisticsPage.tsx'),
  FullReportPage: () => import('../pages/full-report/FullReportPage.tsx'),
  YearendPage: () => import('../pages/yearend/YearendPage.tsx'),
  SecurityPolicyPage: () => import('../pages/security/SecurityPolicyPage.tsx'),
  AuditPage: () => import('../pages/audit/AuditPage.tsx'),
  StandardsPage: () => import('../pages/standards/StandardsPage.tsx'),
  ReconciliationPage: () => import('../pages/reconciliation/ReconciliationPage.tsx'),
  PopulationPage: () => import('../pages/population/PopulationPage.tsx'),
  LibraryPage: () => import('../pages/library/LibraryPage.tsx'),
  EvaluationPage: () => import('../pages/evaluation/EvaluationPage.tsx'),
  TimelinessPage: () => import('../pages/timeliness/TimelinessPage.tsx'),
  InputsPage: () => import('../pages/inputs/InputsPage.tsx'),
  RegistrationPage: () => import('../pages/registration/RegistrationPage.tsx'),
  AnnualReportsPage: () => import('../pages/registration/AnnualReportsPage.tsx'),
  SpotChecksPage: () => import('../pages/registration/SpotChecksPage.tsx'),
  DomainsPage: () => import('../pages/registration/DomainsPage.tsx'),
};

type Loader = () => Promise<unknown>;

/** Pages under the shell, by the first segment of their path (matters/… is handled below). */
const PAGE_BY_SEGMENT: Record<string, Loader> = {
  '': pageModules.HomePage,
  units: pageModules.UnitsPage,
  people: pageModules.PeoplePage,
  import: pageModules.ImportPage,
  export: pageModules.ExportPage,
  reports: pageModules.ReportsPage,
  'org-chart': pageModules.OrgChartPage,
  reform: pageModules.ReformPage,
  users: pageModules.UsersPage,
  'work-statistics': pageModules.WorkStatisticsPage,
  'full-report': pageModules.FullReportPage,
  yearend: pageModules.YearendPage,
  security: pageModules.SecurityPolicyPage,
  audit: pageModules.AuditPage,
  standards: pageModules.StandardsPage,
  reconciliation: pageModules.ReconciliationPage,
  population: pageModules.PopulationPage,
  library: pageModules.LibraryPage,
  evaluation: pageModules.EvaluationPage,
  timeliness: pageModules.TimelinessPage,
  inputs: pageModules.InputsPage,
  registration: pageModules.RegistrationPage,
  'annual-reports': pageModules.AnnualReportsPage,
  'spot-checks': pageModules.SpotChecksPage,
  domains: pageModules.DomainsPage,
};

/** The loaders a path needs: the shell and its page, the password page, or none (login, unknown). */
export function modulesFor(pathname: string): Loader[] {
  const [first = '', second] = pathname.split('/').slice(1);
  if (first === 'login') return [];
  if (first === 'change-password') return [pageModules.ChangePasswordPage];
  let page: Loader | undefined;
  if (first === 'matters')
    page =
      second === 'new'
        ? pageModules.NewMatterPage
        : second
          ? pageModules.MatterPage
          : pageModules.MattersPage;
  else page = PAGE_BY_SEGMENT[first];
  return page ? [pageModules.AppLayout, page] : [pageModules.AppLayout];
}

/** Starts loading what `pathname` shows; errors surface later, where the lazy page renders. */
export function preloadModules(pathname: string): void {
  for (const load of modulesFor(pathname)) load().catch(() => undefined);
}
