import { fillMailTemplate, quoteForReply } from '@madoguchi/domain';
import {
  Button,
  Card,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftRestoredNotice, LeaveDraftModal } from '../../components/DraftNotices';
import { ErrorAlert } from '../../components/ErrorAlert';
import { readDraft } from '../../lib/draft-storage';
import { useDraftGuard } from '../../lib/use-draft-guard';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import { type ReplyDraft, useSendReply } from './api/use-mail';
import { REPLY_TEMPLATE_KEYS, REPLY_TEMPLATES, type ReplyTemplate } from './reply-templates';
import { ConsoleForm } from '../../components/ConsoleForm';

interface Props {
  caseId: string;
  caseNumber: string;
  draft: ReplyDraft;
  /** The case's contact: the addressee's name, and the address when no mail came in yet. */
  contactName: string | null;
  contactEmail: string | null;
  onClose: () => void;
}

interface ReplyForm {
  to: string;
  cc: string;
  subject: string;
  body: string;
}
interface SavedReply {
  form: ReplyForm;
  template: ReplyTemplate;
  savedAt: number;
}

/** Where an unsent reply is kept, per user and case, until it is sent or discarded. */
export const replyDraftKey = (userId: string, caseId: string): string =>
  `madoguchi.reply.draft.${userId}.${caseId}`;

const parseReplyDraft = (raw: string | null): SavedReply | null => {
  const saved = JSON.parse(raw ?? 'null') as SavedReply | null;
  return saved && typeof saved.form?.body === 'string' ? saved : null;
};

export const readReplyDraft = (key: string): SavedReply | null =>
  readDraft(localStorage, key, parseReplyDraft);

const serializeReply = (draft: Omit<SavedReply, 'savedAt'>, savedAt: number): string =>
  JSON.stringify({ ...draft, savedAt } satisfies SavedReply);

/** A file as the API takes it: its bytes in base64. */
async function toAttachment(file: File): Promise<{ filename: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { filename: file.name, contentBase64: btoa(binary) };
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
  const { user } = useSession();
  const storageKey = replyDraftKey(user?.id ?? 'anonymous', caseId);
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
    (): ReplyForm => ({
      to: (draft.to.length ? draft.to : contactEmail ? [contactEmail] : []).join(', '),
      cc: '',
      subject: draft.subject,
      body: compose('blank'),
    }),
    // The starting point is fixed when the composer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  // A reply left unsent (a reload, a crashed tab, leaving with "keep") comes back.
  const [restored] = useState(() => readReplyDraft(storageKey));
  const [restoredAt, setRestoredAt] = useState(restored?.savedAt ?? null);
  const [template, setTemplate] = useState<ReplyTemplate>(restored?.template ?? 'blank');
  const [form, setForm] = useState<ReplyForm>(restored?.form ?? initial);
  const set = (key: keyof ReplyForm, value: string) => setForm((f) => ({ ...f, [key]: value }));
  // Files are not kept in the draft: they are picked again after a reload.
  const [files, setFiles] = useState<File[]>([]);

  const dirty =
    form.to !== initial.to ||
    form.cc !== initial.cc ||
    form.subject !== initial.subject ||
    form.body !== initial.body;
  const unsent = useMemo(() => (dirty ? { form, template } : null), [dirty, form, template]);
  const guard = useDraftGuard(storageKey, unsent, serializeReply);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cc = addresses(form.cc);
    const attachments = await Promise.all(files.map(toAttachment));
    send.mutate(
      {
        to: addresses(form.to),
        ...(cc.length ? { cc } : {}),
        subject: form.subject,
        body: form.body,
        ...(attachments.length ? { attachments } : {}),
      },
      {
        onSuccess: () => {
          guard.release();
          guard.discard();
          toastDone(t('mail.reply.queued'));
          onClose();
        },
      },
    );
  };

  return (
    <Card
      withBorder
      component={ConsoleForm}
      onSubmit={(event) => void submit(event)}
      aria-labelledby="reply-title"
    >
      <Title order={4} size="h5" mb="sm" id="reply-title">
        {t('mail.reply.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('mail.reply.from', { address: draft.from })}
        </Text>
        {restoredAt !== null && (
          <DraftRestoredNotice
            message={t('mail.reply.restored', {
              at: formatDateTime(new Date(restoredAt), i18n.language),
            })}
            discardLabel={t('mail.reply.discardDraft')}
            onDiscard={() => {
              guard.discard();
              setRestoredAt(null);
              setTemplate('blank');
              setForm(initial);
            }}
          />
        )}
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
        <FileInput
          label={t('mail.reply.attachments')}
          description={t('mail.reply.attachmentsHint')}
          multiple
          clearable
          value={files}
          onChange={setFiles}
          error={Object.entries(errors).find(([field]) => field.startsWith('attachments'))?.[1]}
        />
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            onClick={() => {
              // Cancel means cancel: the text goes, not into a draft.
              guard.release();
              guard.discard();
              onClose();
            }}
          >
            {t('mail.reply.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending}>
            {t('mail.reply.send')}
          </Button>
        </Group>
      </Stack>
      <LeaveDraftModal
        guard={guard}
        texts={{
          title: t('mail.reply.leave.title'),
          body: t('mail.reply.leave.body'),
          discard: t('mail.reply.leave.discard'),
          keepDraft: t('mail.reply.leave.keepDraft'),
          stay: t('mail.reply.leave.stay'),
        }}
      />
    </Card>
  );
}
