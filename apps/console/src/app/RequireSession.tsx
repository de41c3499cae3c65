import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { useSession } from '../lib/session';

export const TWO_FACTOR_PATH = '/account/two-factor';

/**
 * Screens behind sign-in; a temporary password must be changed before anything else, and a role
 * that requires two-factor sign-in sets it up next (the API refuses everything else until then).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading, totpRequired } = useSession();
  const location = useLocation();
  if (loading) {
    return <PageLoader fullScreen />;
  }
  if (!user) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  if (!user.mustChangePassword && totpRequired && location.pathname !== TWO_FACTOR_PATH) {
    return <Navigate to={TWO_FACTOR_PATH} replace />;
  }
  return children;
}
