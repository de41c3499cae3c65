import { fillMailTemplate, quoteForReply } from '@madoguchi/domain';
import {
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { toastDone } from '../../lib/toast';
import { type ReplyDraft, useSendReply } from './api/use-mail';
import { REPLY_TEMPLATE_KEYS, REPLY_TEMPLATES, type ReplyTemplate } from './reply-templates';

interface Props {
  caseId: string;
  caseNumber: string;
  draft: ReplyDraft;
  /** The case's contact: the addressee's name, and the address when no mail came in yet. */
  contactName: string | null;
  contactEmail: string | null;
  onClose: () => void;
}

const addresses = (value: string): string[] =>
  value
    .split(/[,、\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/**
 * Writes a reply: a template's opening with the addressee and case number filled in, the
 * desk's signature, and the mail being answered quoted below. Leaving with unsent text asks
 * first, within the console and when the tab is closed, as the intake screen does.
 */
export function ReplyComposer({
  caseId,
  caseNumber,
  draft,
  contactName,
  contactEmail,
  onClose,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const send = useSendReply(caseId);
  const errors = fieldErrors(send.error);
  const name = draft.quoted?.fromName || contactName || draft.to[0] || '';

  const compose = (template: ReplyTemplate): string => {
    const opening = fillMailTemplate(REPLY_TEMPLATES[template][language], { name, caseNumber });
    const quote = draft.quoted
      ? quoteForReply(
          draft.quoted.text,
          t('mail.reply.quoteHeader', {
            date: formatDateTime(draft.quoted.sentAt, i18n.language),
            from: draft.quoted.fromName
              ? `${draft.quoted.fromName} <${draft.quoted.fromAddress}>`
              : draft.quoted.fromAddress,
          }),
        )
      : '';
    return [opening, draft.signature, quote].filter(Boolean).join('\n\n');
  };
  const initial = useMemo(
    () => ({
      to: (draft.to.length ? draft.to : contactEmail ? [contactEmail] : []).join(', '),
      cc: '',
      subject: draft.subject,
      body: compose('blank'),
    }),
    // The starting point is fixed when the composer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const [template, setTemplate] = useState<ReplyTemplate>('blank');
  const [form, setForm] = useState(initial);
  const set = (key: keyof typeof initial, value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  const sent = useRef(false);
  const dirty =
    form.to !== initial.to ||
    form.cc !== initial.cc ||
    form.subject !== initial.subject ||
    form.body !== initial.body;
  const blocker = useBlocker(() => dirty && !sent.current);
  useEffect(() => {
    if (!dirty) {
      return;
    }
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cc = addresses(form.cc);
    send.mutate(
      {
        to: addresses(form.to),
        ...(cc.length ? { cc } : {}),
        subject: form.subject,
        body: form.body,
      },
      {
        onSuccess: () => {
          sent.current = true;
          toastDone(t('mail.reply.queued'));
          onClose();
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="reply-title">
      <Title order={4} size="h5" mb="sm" id="reply-title">
        {t('mail.reply.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('mail.reply.from', { address: draft.from })}
        </Text>
        <ErrorAlert error={send.error} />
        <TextInput
          label={t('mail.reply.to')}
          value={form.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          error={errors.to}
          required
        />
        <TextInput
          label={t('mail.reply.cc')}
          description={t('mail.reply.addressesHint')}
          value={form.cc}
          onChange={(e) => set('cc', e.currentTarget.value)}
          error={errors.cc}
        />
        <TextInput
          label={t('mail.reply.subject')}
          description={t('mail.reply.subjectHint', { token: `[#${caseNumber}]` })}
          value={form.subject}
          onChange={(e) => set('subject', e.currentTarget.value)}
          error={errors.subject}
          required
        />
        <Select
          label={t('mail.reply.template')}
          data={REPLY_TEMPLATE_KEYS.map((key) => ({
            value: key,
            label: t(`mail.reply.templates.${key}`),
          }))}
          value={template}
          allowDeselect={false}
          onChange={(value) => {
            const next = (value ?? 'blank') as ReplyTemplate;
            setTemplate(next);
            set('body', compose(next));
          }}
        />
        <Textarea
          label={t('mail.reply.body')}
          value={form.body}
          onChange={(e) => set('body', e.currentTarget.value)}
          error={errors.body}
          autosize
          minRows={10}
          maxRows={30}
          required
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('mail.reply.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending}>
            {t('mail.reply.send')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('mail.reply.leave.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">{t('mail.reply.leave.body')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button
              variant="default"
              color="red"
              onClick={() => {
                sent.current = true;
                blocker.proceed?.();
              }}
            >
              {t('mail.reply.leave.discard')}
            </Button>
            <Button data-autofocus onClick={() => blocker.reset?.()}>
              {t('mail.reply.leave.stay')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
