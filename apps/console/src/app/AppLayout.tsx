import { Anchor, AppShell } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { useSession } from '../lib/session';
import { AppHeader } from './AppHeader';
import { AppNav } from './AppNav';
import './skip-link.css';

/** The console's frame: a skip link, the header, the menu and the current screen. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [opened, { toggle }] = useDisclosure();
  const role = user?.role;
  const takesIntake = role === 'operator' || role === 'desk_staff';
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
        <AppHeader opened={opened} onBurger={toggle} />
      </AppShell.Header>
      {/* The menu outgrows a 768 px screen (saved views, admin screens): it scrolls on its own. */}
      <AppShell.Navbar
        p="xs"
        component="nav"
        aria-label={t('nav.main')}
        style={{ overflowY: 'auto' }}
      >
        <AppNav />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
