import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '../components/feedback.tsx';
import { RequireAuth } from '../components/RequireAuth.tsx';
import { LoginPage } from '../pages/login/LoginPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { pageModules } from './routes.ts';

// Only the login page is in the first download: the shell (menu, header), every page and the
// charts library load on demand, so the login page stays small (bench/web.ts measures it).
// main.tsx starts loading the shell and the page being opened before the session is known.
const AppLayout = lazy(() => pageModules.AppLayout().then((m) => ({ default: m.AppLayout })));
const ChangePasswordPage = lazy(() =>
  pageModules.ChangePasswordPage().then((m) => ({ default: m.ChangePasswordPage })),
);
const HomePage = lazy(() => pageModules.HomePage().then((m) => ({ default: m.HomePage })));
const UnitsPage = lazy(() => pageModules.UnitsPage().then((m) => ({ default: m.UnitsPage })));
const PeoplePage = lazy(() => pageModules.PeoplePage().then((m) => ({ default: m.PeoplePage })));
const ImportPage = lazy(() => pageModules.ImportPage().then((m) => ({ default: m.ImportPage })));
const ExportPage = lazy(() => pageModules.ExportPage().then((m) => ({ default: m.ExportPage })));
const ReportsPage = lazy(() => pageModules.ReportsPage().then((m) => ({ default: m.ReportsPage })));
const OrgChartPage = lazy(() => pageModules.OrgChartPage().then((m) => ({ default: m.OrgChartPage })));
const ReformPage = lazy(() => pageModules.ReformPage().then((m) => ({ default: m.ReformPage })));
const MattersPage = lazy(() => pageModules.MattersPage().then((m) => ({ default: m.MattersPage })));
const NewMatterPage = lazy(() => pageModules.NewMatterPage().then((m) => ({ default: m.NewMatterPage })));
const MatterPage = lazy(() => pageModules.MatterPage().then((m) => ({ default: m.MatterPage })));
const UsersPage = lazy(() => pageModules.UsersPage().then((m) => ({ default: m.UsersPage })));
const WorkStatisticsPage = lazy(() =>
  pageModules.WorkStatisticsPage().then((m) => ({ default: m.WorkStatisticsPage })),
);
const FullReportPage = lazy(() => pageModules.FullReportPage().then((m) => ({ default: m.FullReportPage })));
const YearendPage = lazy(() => pageModules.YearendPage().then((m) => ({ default: m.YearendPage })));
const SecurityPolicyPage = lazy(() =>
  pageModules.SecurityPolicyPage().then((m) => ({ default: m.SecurityPolicyPage })),
);
const AuditPage = lazy(() => pageModules.AuditPage().then((m) => ({ default: m.AuditPage })));
const StandardsPage = lazy(() => pageModules.StandardsPage().then((m) => ({ default: m.StandardsPage })));
const ReconciliationPage = lazy(() =>
  pageModules.ReconciliationPage().then((m) => ({ default: m.ReconciliationPage })),
);
const PopulationPage = lazy(() => pageModules.PopulationPage().then((m) => ({ default: m.PopulationPage })));
const LibraryPage = lazy(() => pageModules.LibraryPage().then((m) => ({ default: m.LibraryPage })));
const EvaluationPage = lazy(() => pageModules.EvaluationPage().then((m) => ({ default: m.EvaluationPage })));
const TimelinessPage = lazy(() => pageModules.TimelinessPage().then((m) => ({ default: m.TimelinessPage })));
const InputsPage = lazy(() => pageModules.InputsPage().then((m) => ({ default: m.InputsPage })));
const RegistrationPage = lazy(() =>
  pageModules.RegistrationPage().then((m) => ({ default: m.RegistrationPage })),
);
const AnnualReportsPage = lazy(() =>
  pageModules.AnnualReportsPage().then((m) => ({ default: m.AnnualReportsPage })),
);
const SpotChecksPage = lazy(() => pageModules.SpotChecksPage().then((m) => ({ default: m.SpotChecksPage })));
const DomainsPage = lazy(() => pageModules.DomainsPage().then((m) => ({ default: m.DomainsPage })));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth allowPasswordChange>
            <Page>
              <ChangePasswordPage />
            </Page>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Page>
              <AppLayout />
            </Page>
          </RequireAuth>
        }
      >
        <Route
          index
          element={
            <Page>
              <HomePage />
            </Page>
          }
        />
        <Route
          path="units/:id?"
          element={
            <Page>
              <UnitsPage />
            </Page>
          }
        />
        <Route
          path="people"
          element={
            <Page>
              <PeoplePage />
            </Page>
          }
        />
        <Route
          path="matters"
          element={
            <Page>
              <MattersPage />
            </Page>
          }
        />
        <Route
          path="matters/new"
          element={
            <Page>
              <NewMatterPage />
            </Page>
          }
        />
        <Route
          path="matters/:id"
          element={
            <Page>
              <MatterPage />
            </Page>
          }
        />
        <Route
          path="reports"
          element={
            <Page>
              <ReportsPage />
            </Page>
          }
        />
        <Route
          path="reform"
          element={
            <Page>
              <ReformPage />
            </Page>
          }
        />
        <Route
          path="org-chart"
          element={
            <Page>
              <OrgChartPage />
            </Page>
          }
        />
        <Route
          path="import"
          element={
            <Page>
              <ImportPage />
            </Page>
          }
        />
        <Route
          path="export"
          element={
            <Page>
              <ExportPage />
            </Page>
          }
        />
        <Route
          path="users"
          element={
            <Page>
              <UsersPage />
            </Page>
          }
        />
        <Route
          path="work-statistics"
          element={
            <Page>
              <WorkStatisticsPage />
            </Page>
          }
        />
        <Route
          path="full-report"
          element={
            <Page>
              <FullReportPage />
            </Page>
          }
        />
        <Route
          path="yearend"
          element={
            <Page>
              <YearendPage />
            </Page>
          }
        />
        <Route
          path="security"
          element={
            <Page>
              <SecurityPolicyPage />
            </Page>
          }
        />
        <Route
          path="audit"
          element={
            <Page>
              <AuditPage />
            </Page>
          }
        />
        <Route
          path="standards"
          element={
            <Page>
              <StandardsPage />
            </Page>
          }
        />
        <Route
          path="population"
          element={
            <Page>
              <PopulationPage />
            </Page>
          }
        />
        <Route
          path="reconciliation"
          element={
            <Page>
              <ReconciliationPage />
            </Page>
          }
        />
        <Route
          path="library"
          element={
            <Page>
              <LibraryPage />
            </Page>
          }
        />
        <Route
          path="evaluation"
          element={
            <Page>
              <EvaluationPage />
            </Page>
          }
        />
        <Route
          path="timeliness"
          element={
            <Page>
              <TimelinessPage />
            </Page>
          }
        />
        <Route
          path="inputs"
          element={
            <Page>
              <InputsPage />
            </Page>
          }
        />
        <Route
          path="registration"
          element={
            <Page>
              <RegistrationPage />
            </Page>
          }
        />
        <Route
          path="annual-reports"
          element={
            <Page>
              <AnnualReportsPage />
            </Page>
          }
        />
        <Route
          path="spot-checks"
          element={
            <Page>
              <SpotChecksPage />
            </Page>
          }
        />
        <Route
          path="domains"
          element={
            <Page>
              <DomainsPage />
            </Page>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
