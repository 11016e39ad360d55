/** Entry: locale, theme, routing. Every page is a lazily loaded chunk so the login page and the portal stay light. */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { LangProvider, useLang } from './i18n';
import './styles.css';

dayjs.locale('zh-cn');

const StaffLayout = lazy(() => import('./layout/staff-layout'));
const LoginPage = lazy(() => import('./pages/login-page'));
const WorkbenchPage = lazy(() => import('./pages/workbench-page'));
const IntakePage = lazy(() => import('./pages/intake-page'));
const ComplaintListPage = lazy(() => import('./pages/complaint-list-page'));
const ComplaintPage = lazy(() => import('./pages/complaint-page'));
const PrintPage = lazy(() => import('./pages/print-page'));
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const ReportsPage = lazy(() => import('./pages/reports-page'));
const QuarterlyPage = lazy(() => import('./records/quarterly-page'));
const ArchivePage = lazy(() => import('./records/archive-page'));
const ArchiveBatchPage = lazy(() => import('./records/archive-batch-page'));
const RetentionPage = lazy(() => import('./records/retention-page'));
const ImportPage = lazy(() => import('./records/import-page'));
const OrgPage = lazy(() => import('./admin/org-page'));
const UsersPage = lazy(() => import('./admin/users-page'));
const LinksPage = lazy(() => import('./admin/links-page'));
const CalendarPage = lazy(() => import('./admin/calendar-page'));
const SettingsPage = lazy(() => import('./admin/settings-page'));
const PortalLayout = lazy(() => import('./portal/portal-layout'));
const PortalFilePage = lazy(() => import('./portal/file-page'));
const PortalTrackPage = lazy(() => import('./portal/track-page'));
const PortalSurveyPage = lazy(() => import('./portal/survey-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));

const fallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const loc = useLocation();
  if (loading) return fallback;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}

function Root() {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 6 } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={fallback}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/portal" element={<PortalLayout />}>
                  <Route index element={<PortalFilePage />} />
                  <Route path="track" element={<PortalTrackPage />} />
                  <Route path="survey" element={<PortalSurveyPage />} />
                </Route>
                <Route path="/complaints/:id/print" element={<RequireAuth><PrintPage /></RequireAuth>} />
                <Route element={<RequireAuth><StaffLayout /></RequireAuth>}>
                  <Route index element={<WorkbenchPage />} />
                  <Route path="complaints" element={<ComplaintListPage />} />
                  <Route path="complaints/new" element={<IntakePage />} />
                  <Route path="complaints/:id" element={<ComplaintPage />} />
                  <Route path="dashboard" element={<DashboardPage />} />
                  <Route path="reports" element={<ReportsPage />} />
                  <Route path="reports/quarterly" element={<QuarterlyPage />} />
                  <Route path="archive" element={<ArchivePage />} />
                  <Route path="archive/:id" element={<ArchiveBatchPage />} />
                  <Route path="retention" element={<RetentionPage />} />
                  <Route path="imports" element={<ImportPage />} />
                  <Route path="admin/org" element={<OrgPage />} />
                  <Route path="admin/users" element={<UsersPage />} />
                  <Route path="admin/business-links" element={<LinksPage />} />
                  <Route path="admin/calendar" element={<CalendarPage />} />
                  <Route path="admin/settings" element={<SettingsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <Root />
    </LangProvider>
  </StrictMode>,
);
