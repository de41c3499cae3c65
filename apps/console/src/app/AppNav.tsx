import { Kbd, NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterLink, useLocation } from 'react-router';
import { savedViewHref, useMyWork } from '../features/home/api/use-my-work';
import { SavedViewCount } from '../features/home/SavedViewCount';
import { useSession } from '../lib/session';

/** The menu's links for the user's role: case views, saved views and the admin screens. */
export function AppNav() {
  const { t } = useTranslation();
  const { user } = useSession();
  const role = user?.role;
  const location = useLocation();
  const currentView = new URLSearchParams(location.search).get('view');
  const takesIntake = role === 'operator' || role === 'desk_staff';
  const work = useMyWork(!!role && role !== 'expert');
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <NavLink component={RouterLink} to="/" end label={t('nav.home')} />
      {takesIntake && (
        <NavLink
          component={RouterLink}
          to="/intake"
          label={t('nav.intake')}
          aria-keyshortcuts="Alt+N"
          rightSection={
            <Kbd size="xs" aria-hidden>
              Alt+N
            </Kbd>
          }
        />
      )}
      {role !== 'expert' && (
        <>
          {(
            [
              [null, t('cases.list')],
              ['mine', t('cases.views_.mine')],
              ['overdue', t('cases.views_.overdue')],
              ['incoming', t('cases.views_.incoming')],
              ['outgoing', t('cases.views_.outgoing')],
              ['at_risk', t('cases.views_.at_risk')],
            ] as const
          ).map(([view, label]) => (
            <NavLink
              key={view ?? 'all'}
              // A plain link: the router's NavLink would mark every view of /cases active.
              component={Link}
              to={view ? `/cases?view=${view}` : '/cases'}
              label={label}
              // Views share a path; the query says which one is open.
              active={location.pathname === '/cases' && currentView === view}
              pl={view ? 'lg' : undefined}
            />
          ))}
          {(work.data?.savedViews ?? []).map((view) => {
            const href = savedViewHref(view.query);
            return (
              <NavLink
                key={view.id}
                component={Link}
                to={href}
                label={view.name}
                active={here === href}
                pl="lg"
                rightSection={<SavedViewCount count={view.count} />}
                data-testid="sidebar-saved-view"
              />
            );
          })}
        </>
      )}
      {role !== 'expert' && (
        <NavLink component={RouterLink} to="/follow-ups" label={t('nav.followUps')} />
      )}
      {role === 'expert' && (
        <NavLink component={RouterLink} to="/sessions" label={t('sessions.mine')} />
      )}
      {role !== 'expert' && (
        <NavLink component={RouterLink} to="/surveys" label={t('nav.surveys')} />
      )}
      {role !== 'expert' && <NavLink component={RouterLink} to="/events" label={t('nav.events')} />}
      {role !== 'expert' && (
        <NavLink component={RouterLink} to="/partner-plans" label={t('partnerPlans.nav')} />
      )}
      {role !== 'expert' && <NavLink component={RouterLink} to="/awards" label={t('nav.awards')} />}
      {/* The reports API answers managers and admins only (REPORT_READERS). */}
      {(role === 'admin' || role === 'manager') && (
        <NavLink component={RouterLink} to="/reports" label={t('nav.reports')} />
      )}
      {/* APPI requests are answered by the national center: operators, managers, admins. */}
      {(role === 'admin' || role === 'manager' || role === 'operator') && (
        <NavLink component={RouterLink} to="/data-subjects" label={t('dataSubjects.nav')} />
      )}
      {(role === 'admin' || role === 'manager') && (
        <NavLink label={t('nav.admin')} defaultOpened>
          {role === 'admin' && (
            <NavLink component={RouterLink} to="/admin/users" label={t('nav.users')} />
          )}
          {role === 'admin' && (
            <NavLink component={RouterLink} to="/admin/tokens" label={t('nav.tokens')} />
          )}
          {role === 'admin' && (
            <NavLink component={RouterLink} to="/admin/mailboxes" label={t('nav.mailboxes')} />
          )}
          {role === 'admin' && (
            <>
              <NavLink component={RouterLink} to="/admin/experts" label={t('experts.nav')} />
              <NavLink component={RouterLink} to="/admin/program" label={t('program.nav')} />
              <NavLink
                component={RouterLink}
                to="/admin/referral-programs"
                label={t('referralCatalogue.nav')}
              />
              <NavLink component={RouterLink} to="/admin/retention" label={t('stewardship.nav')} />
            </>
          )}
          <NavLink component={RouterLink} to="/admin/audit" label={t('nav.audit')} />
          {role === 'admin' && (
            <>
              <NavLink
                component={RouterLink}
                to="/admin/routing"
                label={t('adminRouting.nav.routing')}
              />
              <NavLink
                component={RouterLink}
                to="/admin/desks"
                label={t('adminRouting.nav.desks')}
              />
              <NavLink component={RouterLink} to="/admin/jobs" label={t('adminRouting.nav.jobs')} />
            </>
          )}
        </NavLink>
      )}
    </>
  );
}
