import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '../components/feedback.tsx';
import { RequireAuth } from '../components/RequireAuth.tsx';
import { LoginPage } from '../pages/login/LoginPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';

// Only the login page is in the first download: the shell (menu, header), every page and the
// charts library load on demand, so the login page stays small (bench/web.ts measures it).
const AppLayout = lazy(() => import('../components/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const ChangePasswordPage = lazy(() =>
  import('../pages/account/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const HomePage = lazy(() => import('../pages/home/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const UnitsPage = lazy(() => import('../pages/units/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })));
const PeoplePage = lazy(() =>
  import('../pages/people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const ImportPage = lazy(() =>
  import('../pages/import/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const ExportPage = lazy(() =>
  import('../pages/export/ExportPage.tsx').then((m) => ({ default: m.ExportPage })),
);
const ReportsPage = lazy(() =>
  import('../pages/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })),
);
const OrgChartPage = lazy(() =>
  import('../pages/org-chart/OrgChartPage.tsx').then((m) => ({ default: m.OrgChartPage })),
);
const ReformPage = lazy(() =>
  import('../pages/reform/ReformPage.tsx').then((m) => ({ default: m.ReformPage })),
);
const MattersPage = lazy(() =>
  import('../pages/matters/MattersPage.tsx').then((m) => ({ default: m.MattersPage })),
);
const NewMatterPage = lazy(() =>
  import('../pages/matters/NewMatterPage.tsx').then((m) => ({ default: m.NewMatterPage })),
);
const MatterPage = lazy(() =>
  import('../pages/matters/MatterPage.tsx').then((m) => ({ default: m.MatterPage })),
);
const UsersPage = lazy(() => import('../pages/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const WorkStatisticsPage = lazy(() =>
  import('../pages/work-statistics/WorkStatisticsPage.tsx').then((m) => ({ default: m.WorkStatisticsPage })),
);
const FullReportPage = lazy(() =>
  import('../pages/full-report/FullReportPage.tsx').then((m) => ({ default: m.FullReportPage })),
);
const YearendPage = lazy(() =>
  import('../pages/yearend/YearendPage.tsx').then((m) => ({ default: m.YearendPage })),
);
const SecurityPolicyPage = lazy(() =>
  import('../pages/security/SecurityPolicyPage.tsx').then((m) => ({ default: m.SecurityPolicyPage })),
);
const AuditPage = lazy(() => import('../pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const StandardsPage = lazy(() =>
  import('../pages/standards/StandardsPage.tsx').then((m) => ({ default: m.StandardsPage })),
);
const ReconciliationPage = lazy(() =>
  import('../pages/reconciliation/ReconciliationPage.tsx').then((m) => ({ default: m.ReconciliationPage })),
);
const PopulationPage = lazy(() =>
  import('../pages/population/PopulationPage.tsx').then((m) => ({ default: m.PopulationPage })),
);
const LibraryPage = lazy(() =>
  import('../pages/library/LibraryPage.tsx').then((m) => ({ default: m.LibraryPage })),
);
const EvaluationPage = lazy(() =>
  import('../pages/evaluation/EvaluationPage.tsx').then((m) => ({ default: m.EvaluationPage })),
);
const TimelinessPage = lazy(() =>
  import('../pages/timeliness/TimelinessPage.tsx').then((m) => ({ default: m.TimelinessPage })),
);
const InputsPage = lazy(() =>
  import('../pages/inputs/InputsPage.tsx').then((m) => ({ default: m.InputsPage })),
);
const RegistrationPage = lazy(() =>
  import('../pages/registration/RegistrationPage.tsx').then((m) => ({ default: m.RegistrationPage })),
);
const AnnualReportsPage = lazy(() =>
  import('../pages/registration/AnnualReportsPage.tsx').then((m) => ({ default: m.AnnualReportsPage })),
);
const SpotChecksPage = lazy(() =>
  import('../pages/registration/SpotChecksPage.tsx').then((m) => ({ default: m.SpotChecksPage })),
);
const DomainsPage = lazy(() =>
  import('../pages/registration/DomainsPage.tsx').then((m) => ({ default: m.DomainsPage })),
);

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
