import '@mantine/core/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/notifications/styles.css';
import {
  Alert,
  createTheme,
  type CSSVariablesResolver,
  MantineProvider,
  Modal,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { SessionProvider } from './lib/session';
import { router } from './app/router';
import { PageLoader } from './components/PageLoader';
import { ApiError } from './lib/api-client';
import './i18n';

// WCAG 2.1 AA needs 4.5:1 for text: a darker primary shade for white-on-colour buttons, and a
// darker "dimmed" grey than Mantine's default (3.3:1 on white), and darker field errors.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  components: {
    // A modal's <header> in <body> would be a second banner landmark beside the app's own.
    Modal: Modal.extend({ defaultProps: { portalProps: { target: '#dialogs' } } }),
    // Light alerts keep their tinted background but dark text, which reads at any tint.
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-black)' },
        message: { color: 'var(--mantine-color-black)' },
      },
    }),
  },
  fontFamily: '"Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, system-ui, sans-serif',
});

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field errors in red-6 read at 3.5:1 on white; red-8 passes.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});

// A 4xx (not found, malformed id, no access) will answer the same again: retrying it only
// keeps a spinner on screen. Network failures and 5xx are retried as before.
const retry = (failures: number, error: unknown): boolean =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 3;

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <Suspense fallback={<PageLoader />}>
            <RouterProvider router={router} />
          </Suspense>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
