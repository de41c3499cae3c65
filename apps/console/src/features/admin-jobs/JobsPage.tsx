import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../lib/format-date';
import { type FailedJob, useJobs, useRetryJob } from './api/use-jobs';
import { describeJobError } from './job-error';

/** Whether this server runs the workers, what each queue does, and what failed, with a retry. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const jobs = useJobs();
  const retry = useRetryJob();
  const [retried, setRetried] = useState<string | null>(null);
  const queueName = (queue: string) =>
    t(`adminRouting.jobs.queueNames.${queue}`, { defaultValue: queue });

  if (jobs.isPending) {
    return <PageLoader />;
  }
  const status = jobs.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('adminRouting.jobs.title')}</Title>
        <Group gap="sm">
          {jobs.dataUpdatedAt > 0 && (
            <Text size="sm" c="dimmed">
              {t('adminRouting.jobs.updatedAt', {
                time: formatDateTime(new Date(jobs.dataUpdatedAt), i18n.language),
              })}
            </Text>
          )}
          <Button variant="default" loading={jobs.isFetching} onClick={() => void jobs.refetch()}>
            {t('adminRouting.jobs.refresh')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={jobs.error ?? retry.error} />
      {retried && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setRetried(null)}
        >
          {t('adminRouting.jobs.retried', { queue: retried })}
        </Alert>
      )}
      {status && (
        <>
          <Paper withBorder p="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge color={status.running ? 'teal.9' : 'red.9'} variant="filled">
                {status.running ? t('adminRouting.jobs.running') : t('adminRouting.jobs.stopped')}
              </Badge>
              <Text size="sm">
                {status.running
                  ? t('adminRouting.jobs.runningBody')
                  : t('adminRouting.jobs.stoppedBody')}
              </Text>
            </Group>
          </Paper>

          <Title order={3} size="h4">
            {t('adminRouting.jobs.queues')}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('adminRouting.jobs.queueList')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('adminRouting.jobs.queue')}</Table.Th>
                  <Table.Th>{t('adminRouting.jobs.purpose')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.queues.map((queue) => (
                  <Table.Tr key={queue}>
                    <Table.Th scope="row" fw={500}>
                      <Text size="sm" fw={500}>
                        {queueName(queue)}
                      </Text>
                      <Code>{queue}</Code>
                    </Table.Th>
                    <Table.Td>
                      {t(`adminRouting.jobs.queuePurposes.${queue}`, { defaultValue: '—' })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Title order={3} size="h4">
            {t('adminRouting.jobs.failed')}
            {status.failed.length > 0 && ` (${status.failed.length})`}
          </Title>
          <Text size="sm" c="dimmed">
            {t('adminRouting.jobs.failedHint')}
          </Text>
          {status.failed.length === 0 ? (
            <Text size="sm">{t('adminRouting.jobs.noFailed')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table aria-label={t('adminRouting.jobs.failed')} verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('adminRouting.jobs.queue')}</Table.Th>
                    <Table.Th>{t('adminRouting.jobs.failedAt')}</Table.Th>
                    <Table.Th>{t('adminRouting.jobs.retries')}</Table.Th>
                    <Table.Th>{t('adminRouting.jobs.error')}</Table.Th>
                    <Table.Th>{t('adminRouting.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {status.failed.map((job) => (
                    <FailedJobRow
                      key={job.id}
                      job={job}
                      queueName={queueName(job.queue)}
                      retrying={retry.isPending && retry.variables?.id === job.id}
                      disabled={!status.running}
                      onRetry={() =>
                        retry.mutate(job, { onSuccess: () => setRetried(queueName(job.queue)) })
                      }
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

function FailedJobRow(props: {
  job: FailedJob;
  queueName: string;
  retrying: boolean;
  disabled: boolean;
  onRetry: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { job } = props;
  const error = describeJobError(job.error);
  const failedAt = formatDateTime(job.failedAt ?? job.createdAt, i18n.language);
  return (
    <Table.Tr>
      <Table.Td>{props.queueName}</Table.Td>
      <Table.Td>{failedAt}</Table.Td>
      <Table.Td>{t('adminRouting.jobs.retryCount', { count: job.retryCount })}</Table.Td>
      <Table.Td maw={420}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {error.message || '—'}
        </Text>
        {error.details && (
          <Box component="details" mt={4}>
            <Text component="summary" size="xs" style={{ cursor: 'pointer' }}>
              {t('adminRouting.jobs.errorDetails')}
            </Text>
            <Code block mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {error.details}
            </Code>
          </Box>
        )}
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-sm"
          aria-label={t('adminRouting.jobs.retryOf', { queue: props.queueName, time: failedAt })}
          loading={props.retrying}
          disabled={props.disabled}
          onClick={props.onRetry}
        >
          {t('adminRouting.jobs.retry')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
