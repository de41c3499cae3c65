import { isValidCorporateNumber, normalizeCorporateNumber } from '@madoguchi/domain';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrors } from '../../../lib/field-errors';
import type { OrganizationView } from '../api/organization-types';
import { useUpdateOrganization } from '../api/use-organizations';
import { smeVerdictKey } from '../../../lib/labels';
import { changesOf, draftOf, type ProfileDraft, reapply } from '../profile-draft';
import { ProfileFields } from './ProfileFields';
import { RegistrySection } from './RegistrySection';

/** What is wrong with a typed corporate number, as a translation key; undefined when nothing. */
function corporateNumberProblem(
  value: string,
): 'cases.corporateNumberDigits' | 'cases.corporateNumberInvalid' | undefined {
  if (!value.trim()) {
    return undefined;
  }
  const n = normalizeCorporateNumber(value);
  if (!n) {
    return 'cases.corporateNumberDigits';
  }
  return isValidCorporateNumber(n) ? undefined : 'cases.corporateNumberInvalid';
}

/** Every field the API keeps about the organization, edited against the version the user saw. */
export function ProfileForm({
  organization,
  canWrite,
}: {
  organization: OrganizationView;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const update = useUpdateOrganization(organization.id);
  const [base, setBase] = useState(organization);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(organization));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const changes = changesOf(draft, base);
  const dirty = Object.keys(changes).length > 0;
  const conflict =
    update.error instanceof ApiError && update.error.body.code === 'ORGANIZATION_VERSION_CONFLICT';

  // A newer version from elsewhere (another tab, a merge) replaces an untouched form; adjusted
  // while rendering, so the stale form is never painted.
  if (!dirty && organization.version !== base.version) {
    setBase(organization);
    setDraft(draftOf(organization));
  }

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const statusChanged = 'teleworkStatus' in changes;
  const cnProblem = corporateNumberProblem(draft.corporateNumber);
  const cnError = cnProblem && t(cnProblem);
  const errors = fieldErrors(update.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || cnError || (statusChanged && !reason.trim())) {
      return;
    }
    const corporateNumber =
      'corporateNumber' in changes && changes.corporateNumber
        ? normalizeCorporateNumber(changes.corporateNumber)
        : changes.corporateNumber;
    update.mutate(
      {
        ...changes,
        ...('corporateNumber' in changes ? { corporateNumber } : {}),
        ...(statusChanged ? { teleworkStatusReason: reason.trim() } : {}),
        version: base.version,
      },
      {
        onSuccess: (updated) => {
          setBase(updated);
          setDraft(draftOf(updated));
          setReason('');
          setSaved(true);
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="org-profile">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4" id="org-profile">
              {t('organizations.sections.profile')}
            </Title>
            <Text size="sm" data-testid="sme-verdict">
              {t('organizations.smeVerdict')}:{' '}
              <strong>{t(`organizations.sme.${smeVerdictKey(organization.sme)}`)}</strong>（
              {t(`organizations.smeReasons.${organization.smeReason}`, {
                defaultValue: organization.smeReason,
              })}
              ）
            </Text>
          </Group>
          {conflict && (
            <Alert color="orange" role="alert" title={t('organizations.conflictTitle')}>
              <Text size="sm">{t('organizations.conflictBody')}</Text>
              <Group mt="xs">
                <Button
                  size="xs"
                  onClick={() => {
                    setDraft(reapply(draft, base, organization));
                    setBase(organization);
                    update.reset();
                  }}
                >
                  {t('organizations.reapply')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setBase(organization);
                    setDraft(draftOf(organization));
                    update.reset();
                  }}
                >
                  {t('organizations.discard')}
                </Button>
              </Group>
            </Alert>
          )}
          {update.error && !conflict && Object.keys(errors).length === 0 && (
            <ErrorAlert error={update.error} />
          )}
          <RegistrySection
            organizationId={organization.id}
            canWrite={canWrite}
            onCopy={(fields) => {
              setSaved(false);
              setDraft((d) => ({ ...d, ...fields }));
            }}
          />
          <ProfileFields
            draft={draft}
            set={set}
            errors={errors}
            disabled={!canWrite}
            corporateNumberError={cnError}
            teleworkStatusChangedAt={organization.teleworkStatusChangedAt ?? null}
            reason={statusChanged ? reason : null}
            onReasonChange={setReason}
          />
          {organization.duplicateOverrideReason && (
            <Text size="sm" c="dimmed">
              {t('organizations.duplicateOverride', {
                reason: organization.duplicateOverrideReason,
              })}
            </Text>
          )}
          {canWrite && (
            <Group justify="flex-end">
              {saved && (
                <Text size="sm" fw={500} role="status">
                  {t('organizations.saved')}
                </Text>
              )}
              <Button
                type="submit"
                disabled={!dirty || (statusChanged && !reason.trim()) || !!cnError}
                loading={update.isPending}
              >
                {t('organizations.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
