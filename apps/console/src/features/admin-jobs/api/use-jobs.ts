import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type JobsStatus = Schemas['JobsStatusDto'];
export type FailedJob = Schemas['FailedJobDto'];

export const useJobs = () =>
  useQuery({
    queryKey: ['jobs'],
    queryFn: () => unwrap(api.GET('/api/jobs')),
    // Failures arrive on their own; the page keeps up while it is open.
    refetchInterval: 30_000,
  });

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, queue }: Pick<FailedJob, 'id' | 'queue'>) =>
      unwrap(api.POST('/api/jobs/{id}/retry', { params: { path: { id } }, body: { queue } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
