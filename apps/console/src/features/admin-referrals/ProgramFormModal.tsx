import { Button, Group, Modal, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleForm } from '../../components/ConsoleForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors, missingRequired } from '../../lib/field-errors';
import { toastDone } from '../../lib/toast';
import {
  type ReferralProgram,
  type ReferralProgramFields,
  useCreateReferralProgram,
  useUpdateReferralProgram,
} from './api/use-referral-programs';

const PROVIDERS = ['mhlw', 'mic', 'tokyo', 'chamber', 'other'] as const;
const KINDS = ['subsidy', 'consultation', 'support_center', 'award', 'guideline'] as const;
type Provider = ReferralProgramFields['provider'];
type Kind = ReferralProgramFields['kind'];

interface Props {
  fiscalYear: number;
  /** null: a new program in the fiscal year. */
  program: ReferralProgram | null;
  onClose: () => void;
}

/** Adds a program to a fiscal year, or edits one year's terms (its code and year stay). */
export function ProgramFormModal({ fiscalYear, program, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateReferralProgram();
  const update = useUpdateReferralProgram();
  const [code, setCode] = useState(program?.code ?? '');
  const [provider, setProvider] = useState<Provider>((program?.provider as Provider) ?? 'mhlw');
  const [kind, setKind] = useState<Kind>((program?.kind as Kind) ?? 'subsidy');
  const [nameJa, setNameJa] = useState(program?.nameJa ?? '');
  const [nameEn, setNameEn] = useState(program?.nameEn ?? '');
  const [summaryJa, setSummaryJa] = useState(program?.summaryJa ?? '');
  const [url, setUrl] = useState(program?.url ?? '');
  const [owner, setOwner] = useState(program?.owner ?? '');
  const [active, setActive] = useState(program?.active ?? true);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const saving = program ? update : create;
  const errors = fieldErrors(saving.error);
  const filled = (field: string) => setMissing(({ [field]: _, ...rest }) => rest);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = missingRequired({
      ...(program ? {} : { code: code.trim() }),
      nameJa: nameJa.trim(),
      nameEn: nameEn.trim(),
    });
    setMissing(blank);
    if (Object.keys(blank).length > 0) {
      return;
    }
    const fields = {
      provider,
      kind,
      nameJa: nameJa.trim(),
      nameEn: nameEn.trim(),
      summaryJa,
      url: url.trim() || null,
      owner: owner.trim() || null,
      active,
    };
    const done = () => {
      toastDone(t('referralCatalogue.saved'));
      onClose();
    };
    if (program) {
      update.mutate({ id: program.id, body: fields }, { onSuccess: done });
    } else {
      create.mutate({ ...fields, code: code.trim(), fiscalYear }, { onSuccess: done });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        program
          ? t('referralCatalogue.editTitle', { fiscalYear: program.fiscalYear })
          : t('referralCatalogue.newTitle', { fiscalYear })
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack component={ConsoleForm} onSubmit={submit} gap="sm">
        {Object.keys(errors).length === 0 && <ErrorAlert error={saving.error} />}
        <TextInput
          label={t('referralCatalogue.fields.code')}
          description={t('referralCatalogue.fields.codeHint')}
          required={!program}
          disabled={!!program}
          maxLength={64}
          value={code}
          onChange={(e) => {
            setCode(e.currentTarget.value);
            filled('code');
          }}
          error={missing.code ?? errors.code}
        />
        <Group grow align="flex-start">
          <Select
            label={t('referralCatalogue.fields.provider')}
            required
            allowDeselect={false}
            data={PROVIDERS.map((p) => ({
              value: p,
              label: t(`referralCatalogue.providers.${p}`),
            }))}
            value={provider}
            onChange={(v) => v && setProvider(v as Provider)}
            error={errors.provider}
          />
          <Select
            label={t('referralCatalogue.fields.kind')}
            required
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`referralCatalogue.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as Kind)}
            error={errors.kind}
          />
        </Group>
        <TextInput
          label={t('referralCatalogue.fields.nameJa')}
          required
          data-autofocus
          maxLength={200}
          value={nameJa}
          onChange={(e) => {
            setNameJa(e.currentTarget.value);
            filled('nameJa');
          }}
          error={missing.nameJa ?? errors.nameJa}
        />
        <TextInput
          label={t('referralCatalogue.fields.nameEn')}
          required
          maxLength={200}
          value={nameEn}
          onChange={(e) => {
            setNameEn(e.currentTarget.value);
            filled('nameEn');
          }}
          error={missing.nameEn ?? errors.nameEn}
        />
        <Textarea
          label={t('referralCatalogue.fields.summary')}
          autosize
          minRows={2}
          maxLength={2000}
          value={summaryJa}
          onChange={(e) => setSummaryJa(e.currentTarget.value)}
          error={errors.summaryJa}
        />
        <TextInput
          label={t('referralCatalogue.fields.url')}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
        />
        <TextInput
          label={t('referralCatalogue.fields.owner')}
          description={t('referralCatalogue.fields.ownerHint')}
          maxLength={200}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          error={errors.owner}
        />
        <Switch
          label={t('referralCatalogue.fields.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={saving.isPending}>
            {t('referralCatalogue.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
