import { unwrap } from '@madoguchi/api-client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const useReadiness = () =>
  useQuery({
    queryKey: ['health', 'ready'],
    queryFn: () => unwrap(api.GET('/api/health/ready')),
    refetchInterval: 30_000,
    retry: false,
  });
