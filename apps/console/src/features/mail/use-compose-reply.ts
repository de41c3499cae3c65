import { fillMailTemplate, quoteForReply } from '@madoguchi/domain';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format-date';
import type { ReplyDraft } from './api/use-mail';
import { REPLY_TEMPLATES, type ReplyTemplate } from './reply-templates';

/**
 * A reply's body for a template: its opening with the addressee and case number filled in, the
 * desk's signature, and the mail being answered quoted below.
 */
export function useComposeReply(
  draft: ReplyDraft,
  contactName: string | null,
  caseNumber: string,
): (template: ReplyTemplate) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const name = draft.quoted?.fromName || contactName || draft.to[0] || '';
  return (template) => {
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
}
