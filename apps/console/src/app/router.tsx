import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { RequireSession, TWO_FACTOR_PATH } from './RequireSession';

// Each screen is its own chunk: the first load carries only the shell and the sign-in page.
const LoginPage = lazy(() =>
  import('../features/auth/LoginPage').then((m) => ({ default: m.LoginPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../features/auth/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);
// Pages that show other features' parts are composed in routes/, so features never import each other.
const HomeRoute = lazy(() => import('./routes/HomeRoute').then((m) => ({ default: m.HomeRoute })));
const NotFoundPage = lazy(() =>
  import('../features/home/NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
);
const UsersPage = lazy(() =>
  import('../features/admin-users/UsersPage').then((m) => ({ default: m.UsersPage })),
);
const IntakeScreen = lazy(() =>
  import('../features/cases/IntakePage').then((m) => ({ default: m.IntakeScreen })),
);
const CasesPage = lazy(() =>
  import('../features/cases/CasesPage').then((m) => ({ default: m.CasesPage })),
);
const CaseDetailRoute = lazy(() =>
  import('./routes/CaseDetailRoute').then((m) => ({ default: m.CaseDetailRoute })),
);
const OrganizationRoute = lazy(() =>
  import('./routes/OrganizationRoute').then((m) => ({ default: m.OrganizationRoute })),
);
const MergePage = lazy(() =>
  import('../features/organizations/MergePage').then((m) => ({ default: m.MergePage })),
);
const FollowUpsPage = lazy(() =>
  import('../features/follow-ups/FollowUpsPage').then((m) => ({ default: m.FollowUpsPage })),
);
const MySessionsPage = lazy(() =>
  import('../features/expert-sessions/MySessionsPage').then((m) => ({ default: m.MySessionsPage })),
);
const TokensPage = lazy(() =>
  import('../features/admin-tokens/TokensPage').then((m) => ({ default: m.TokensPage })),
);
const MailboxesPage = lazy(() =>
  import('../features/admin-mailboxes/MailboxesPage').then((m) => ({ default: m.MailboxesPage })),
);
const RoutingRulesPage = lazy(() =>
  import('../features/admin-routing/RoutingRulesPage').then((m) => ({
    default: m.RoutingRulesPage,
  })),
);
const ReportsPage = lazy(() =>
  import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const AwardCandidatesPage = lazy(() =>
  import('../features/awards/AwardCandidatesPage').then((m) => ({
    default: m.AwardCandidatesPage,
  })),
);
const UnansweredSurveysPage = lazy(() =>
  import('../features/surveys/UnansweredSurveysPage').then((m) => ({
    default: m.UnansweredSurveysPage,
  })),
);
const EventsPage = lazy(() =>
  import('../features/events/EventsPage').then((m) => ({ default: m.EventsPage })),
);
const EventFormPage = lazy(() =>
  import('../features/events/EventFormPage').then((m) => ({ default: m.EventFormPage })),
);
const EventPage = lazy(() =>
  import('../features/events/EventPage').then((m) => ({ default: m.EventPage })),
);
const EventImportPage = lazy(() =>
  import('../features/events/EventImportPage').then((m) => ({ default: m.EventImportPage })),
);
const MonthlyReportPage = lazy(() =>
  import('../features/reports/MonthlyReportPage').then((m) => ({ default: m.MonthlyReportPage })),
);
const DesksPage = lazy(() =>
  import('../features/admin-desks/DesksPage').then((m) => ({ default: m.DesksPage })),
);
const TwoFactorPage = lazy(() =>
  import('../features/account/TwoFactorPage').then((m) => ({ default: m.TwoFactorPage })),
);
const ExpertsPage = lazy(() =>
  import('../features/admin-experts/ExpertsPage').then((m) => ({ default: m.ExpertsPage })),
);
const AuditPage = lazy(() =>
  import('../features/admin-audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);
const RetentionPage = lazy(() =>
  import('../features/stewardship/RetentionPage').then((m) => ({ default: m.RetentionPage })),
);
const DataSubjectsPage = lazy(() =>
  import('../features/stewardship/DataSubjectsPage').then((m) => ({
    default: m.DataSubjectsPage,
  })),
);
const ProgramPage = lazy(() =>
  import('../features/admin-program/ProgramPage').then((m) => ({ default: m.ProgramPage })),
);
const PartnerPlansRoute = lazy(() =>
  import('./routes/PartnerPlansRoute').then((m) => ({ default: m.PartnerPlansRoute })),
);
const ReferralCataloguePage = lazy(() =>
  import('../features/admin-referrals/ReferralCataloguePage').then((m) => ({
    default: m.ReferralCataloguePage,
  })),
);
const JobsPage = lazy(() =>
  import('../features/admin-jobs/JobsPage').then((m) => ({ default: m.JobsPage })),
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'change-password', element: <ChangePasswordPage /> },
      { path: TWO_FACTOR_PATH.slice(1), element: <TwoFactorPage /> },
      { path: 'intake', element: <IntakeScreen /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'cases/:id', element: <CaseDetailRoute /> },
      { path: 'organizations/:id', element: <OrganizationRoute /> },
      { path: 'organizations/:id/merge', element: <MergePage /> },
      { path: 'follow-ups', element: <FollowUpsPage /> },
      { path: 'sessions', element: <MySessionsPage /> },
      { path: 'surveys', element: <UnansweredSurveysPage /> },
      { path: 'events', element: <EventsPage /> },
      { path: 'awards', element: <AwardCandidatesPage /> },
      { path: 'events/new', element: <EventFormPage /> },
      { path: 'events/:id', element: <EventPage /> },
      { path: 'events/:id/import', element: <EventImportPage /> },
      { path: 'partner-plans', element: <PartnerPlansRoute /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'reports/monthly', element: <MonthlyReportPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/tokens', element: <TokensPage /> },
      { path: 'admin/mailboxes', element: <MailboxesPage /> },
      { path: 'admin/routing', element: <RoutingRulesPage /> },
      { path: 'admin/desks', element: <DesksPage /> },
      { path: 'admin/jobs', element: <JobsPage /> },
      { path: 'admin/experts', element: <ExpertsPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'admin/program', element: <ProgramPage /> },
      { path: 'admin/referral-programs', element: <ReferralCataloguePage /> },
      { path: 'admin/retention', element: <RetentionPage /> },
      { path: 'data-subjects', element: <DataSubjectsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
