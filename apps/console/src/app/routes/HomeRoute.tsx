import { HomePage } from '../../features/home/HomePage';
import { StatusCard } from '../../features/status/StatusCard';

/** The home page, with the service status card of its own feature. */
export function HomeRoute() {
  return <HomePage status={<StatusCard />} />;
}
