import {
  Anchor,
  AppShell,
  Burger,
  Group,
  Kbd,
  Menu,
  NavLink,
  SegmentedControl,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { savedViewHref, useMyWork } from '../features/home/api/use-my-work';
import { SavedViewCount } from '../features/home/SavedViewCount';
import './skip-link.css';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useDeskName } from '../features/cases/api/use-transfers';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { type Language, setLanguage } from '../i18n';
import { useSession } from '../lib/session';
import { TWO_FACTOR_PATH } from './RequireSession';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useSession();
  const deskName = useDeskName();
  const navigate = useNavigate();
  const [opened, { toggle }] = useDisclosure();
  const role = user?.role;
  const location = useLocation();
  const currentView = new URLSearchParams(location.search).get('view');
  const takesIntake = role === 'operator' || role === 'desk_staff';
  const work = useMyWork(!!role && role !== 'expert');
  const here = `${location.pathname}${location.search}`;
  // A new intake from any screen, even while typing elsewhere: the phone rings mid-task.
  useHotkeys(takesIntake ? [['alt+N', () => void navigate('/intake')]] : [], []);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      {/* The first thing Tab reaches: past the header and the menu to the screen's own work. */}
      <Anchor
        href="#main"
        className="skip-link"
        onClick={(event) => {
          // Moving focus, not just scrolling: the next Tab starts from the screen's content.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('a11y.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.main')}
            />
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('language.label')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'ja', label: t('language.ja') },
                { value: 'en', label: t('language.en') },
              ]}
            />
            {user && user.role !== 'expert' && <GlobalSearch />}
            {user && <NotificationBell />}
            {user && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <UnstyledButton title={t('user.menu')}>
                    <Text size="sm" fw={600}>
                      {user.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`roles.${user.role}`)}
                      {user.deskId ? ` · ${deskName(user.deskId)}` : ''}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => void navigate('/change-password')}>
                    {t('user.changePassword')}
                  </Menu.Item>
                  <Menu.Item onClick={() => void navigate(TWO_FACTOR_PATH)}>
                    {t('twoFactor.title')}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    onClick={() => {
                      void signOut().then(() => navigate('/login'));
                    }}
                  >
                    {t('user.logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {/* The menu outgrows a 768 px screen (saved views, admin screens): it scrolls on its own. */}
      <AppShell.Navbar
        p="xs"
        component="nav"
        aria-label={t('nav.main')}
        style={{ overflowY: 'auto' }}
      >
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
        {role !== 'expert' && (
          <NavLink component={RouterLink} to="/events" label={t('nav.events')} />
        )}
        {role !== 'expert' && (
          <NavLink component={RouterLink} to="/awards" label={t('nav.awards')} />
        )}
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
                  to="/admin/retention"
                  label={t('stewardship.nav')}
                />
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
                <NavLink
                  component={RouterLink}
                  to="/admin/jobs"
                  label={t('adminRouting.nav.jobs')}
                />
              </>
            )}
          </NavLink>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
