import { Alert, Anchor, Button, Card, Group, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { PageLoader } from '../../components/PageLoader';
import { fieldErrors } from '../../lib/field-errors';
import { useSession } from '../../lib/session';
import { useMerge, useMergePreview, useOrganization } from './api/use-organizations';
import { MergePreviewCard } from './components/MergePreviewCard';
import { OrganizationPicker } from './components/OrganizationPicker';
import { ConsoleForm } from '../../components/ConsoleForm';

/**
 * `/organizations/:id/merge?into=`: the organization :id disappears into `into`. The preview
 * comes first (what moves, the allowance afterwards); the merge needs a reason for the audit.
 */
export function MergePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const into = params.get('into');
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const canMerge = user?.role === 'operator' || user?.role === 'manager';
  const source = useOrganization(id);
  const preview = useMergePreview(id, into);
  const merge = useMerge();
  const [reason, setReason] = useState('');
  const conflict =
    merge.error instanceof ApiError && merge.error.body.code === 'ORGANIZATION_VERSION_CONFLICT';

  if (source.isPending) {
    return <PageLoader />;
  }
  if (!source.data) {
    return <ErrorAlert error={source.error} />;
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!preview.data || !reason.trim()) {
      return;
    }
    merge.mutate(
      {
        into: preview.data.target.id,
        body: {
          duplicateId: preview.data.source.id,
          version: preview.data.target.version,
          reason: reason.trim(),
        },
      },
      { onSuccess: (result) => void navigate(`/organizations/${result.organization.id}`) },
    );
  };

  return (
    <Stack maw={900}>
      <Anchor component={Link} to={`/organizations/${id}`} size="sm">
        ← {source.data.name}
      </Anchor>
      <Title order={2}>{t('organizations.merge.title')}</Title>
      {!canMerge && (
        <Alert color="gray" role="status">
          {t('organizations.merge.notAllowed')}
        </Alert>
      )}
      <Card withBorder component={ConsoleForm} onSubmit={onSubmit}>
        <Stack>
          <OrganizationPicker
            excludeId={id}
            value={into}
            current={preview.data?.target}
            onChange={(next) => setParams(next ? { into: next } : {}, { replace: true })}
          />
          {into && (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => void navigate(`/organizations/${into}/merge?into=${id}`)}
              >
                {t('organizations.merge.swap')}
              </Button>
            </Group>
          )}
          {preview.isFetching && !preview.data && <PageLoader />}
          <ErrorAlert error={preview.error} />
          {preview.data && <MergePreviewCard preview={preview.data} />}
          {conflict ? (
            <Alert color="orange" role="alert">
              {t('organizations.merge.conflict')}
            </Alert>
          ) : (
            merge.error &&
            Object.keys(fieldErrors(merge.error)).length === 0 && <ErrorAlert error={merge.error} />
          )}
          {preview.data && canMerge && (
            <>
              <Textarea
                label={t('organizations.merge.reason')}
                required
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldErrors(merge.error).reason}
              />
              <Group justify="flex-end">
                <Button
                  type="submit"
                  color={preview.data.overAllowance ? 'red' : undefined}
                  disabled={!reason.trim()}
                  loading={merge.isPending}
                >
                  {t('organizations.merge.confirm')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
