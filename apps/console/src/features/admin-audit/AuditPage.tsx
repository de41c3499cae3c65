import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import {
  type AuditFilters,
  auditExportHref,
  useAuditTrail,
  useCaseByNumber,
} from './api/use-audit';
import { AuditFilterForm, type AuditSearch } from './AuditFilterForm';
import { AuditTable } from './AuditTable';

/**
 * The audit trail for admins and managers (a regional manager sees their desk's staff): who
 * did what, searched by person, case and action over a period, and exported as CSV.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState<AuditSearch>({});
  const caseNumber = search.caseNumber ?? '';
  const named = useCaseByNumber(caseNumber);
  const caseMissing = caseNumber !== '' && named.isSuccess && named.data === null;
  const filters: AuditFilters = {
    ...(search.actorEmail ? { actorEmail: search.actorEmail } : {}),
    ...(search.action ? { action: search.action } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
    ...(named.data ? { entityType: 'case', entityId: named.data.id } : {}),
  };
  const ready = caseNumber === '' || !!named.data;
  const trail = useAuditTrail(filters, ready);
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Anchor href={auditExportHref(filters)} download>
          {t('audit.export')}
        </Anchor>
      </Group>
      <AuditFilterForm onSearch={setSearch} />
      <ErrorAlert error={trail.error ?? named.error} />
      {caseMissing && (
        <Alert color="yellow" role="status">
          {t('audit.noCase')}
        </Alert>
      )}
      {ready && trail.isPending ? <PageLoader /> : ready && <AuditTable items={items} />}
      {trail.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          loading={trail.isFetchingNextPage}
          onClick={() => void trail.fetchNextPage()}
        >
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}
