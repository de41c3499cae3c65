import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftRestoredNotice, LeaveDraftModal } from '../../components/DraftNotices';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDraftGuard } from '../../lib/use-draft-guard';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-date';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import { type ReplyDraft, useSendReply } from './api/use-mail';
import {
  addresses,
  readReplyDraft,
  type ReplyForm,
  replyDraftKey,
  serializeReply,
  toAttachment,
} from './reply-draft';
import type { ReplyTemplate } from './reply-templates';
import { ReplyFields } from './ReplyFields';
import { useComposeReply } from './use-compose-reply';
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
  const { user } = useSession();
  const storageKey = replyDraftKey(user?.id ?? 'anonymous', caseId);
  const send = useSendReply(caseId);
  const errors = fieldErrors(send.error);

  const compose = useComposeReply(draft, contactName, caseNumber);
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
        <ReplyFields
          caseNumber={caseNumber}
          form={form}
          set={set}
          errors={errors}
          template={template}
          onTemplate={(next) => {
            setTemplate(next);
            set('body', compose(next));
          }}
          files={files}
          onFiles={setFiles}
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
