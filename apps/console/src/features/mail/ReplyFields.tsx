import { FileInput, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReplyForm } from './reply-draft';
import { REPLY_TEMPLATE_KEYS, type ReplyTemplate } from './reply-templates';

/** The reply's addressees, subject, template, body and attachments. */
export function ReplyFields({
  caseNumber,
  form,
  set,
  errors,
  template,
  onTemplate,
  files,
  onFiles,
}: {
  /** The token the subject must keep for replies to reach the case. */
  caseNumber: string;
  form: ReplyForm;
  set: (key: keyof ReplyForm, value: string) => void;
  errors: Record<string, string>;
  template: ReplyTemplate;
  /** A new template replaces the body. */
  onTemplate: (template: ReplyTemplate) => void;
  files: File[];
  onFiles: (files: File[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
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
        onChange={(value) => onTemplate((value ?? 'blank') as ReplyTemplate)}
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
        onChange={onFiles}
        error={Object.entries(errors).find(([field]) => field.startsWith('attachments'))?.[1]}
      />
    </>
  );
}
