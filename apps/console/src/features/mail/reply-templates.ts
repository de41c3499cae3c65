/**
 * Standard openings for a reply, with `{{name}}` (the addressee) and `{{caseNumber}}`. Kept
 * apart from the i18n resources: i18next would read their placeholders as its own.
 */
export const REPLY_TEMPLATES = {
  blank: {
    ja: '{{name}} 様\n\n',
    en: 'Dear {{name}},\n\n',
  },
  thanks: {
    ja: '{{name}} 様\n\nお問い合わせ（受付番号 {{caseNumber}}）をいただき、ありがとうございます。\n以下のとおりご回答いたします。\n\n',
    en: 'Dear {{name}},\n\nThank you for your inquiry (reference {{caseNumber}}). Our answer follows.\n\n',
  },
  needInfo: {
    ja: '{{name}} 様\n\nお問い合わせ（受付番号 {{caseNumber}}）について、ご回答のため次の点を教えていただけますでしょうか。\n\n',
    en: 'Dear {{name}},\n\nTo answer your inquiry (reference {{caseNumber}}), could you tell us the following?\n\n',
  },
  session: {
    ja: '{{name}} 様\n\nお問い合わせ（受付番号 {{caseNumber}}）について、テレワークマネージャーによる無料相談をご案内いたします。\nご都合のよい日時をいくつかお知らせください。\n\n',
    en: 'Dear {{name}},\n\nAbout your inquiry (reference {{caseNumber}}), we can offer a free session with a telework manager.\nPlease let us know a few dates and times that suit you.\n\n',
  },
} as const;

export type ReplyTemplate = keyof typeof REPLY_TEMPLATES;
export const REPLY_TEMPLATE_KEYS = Object.keys(REPLY_TEMPLATES) as ReplyTemplate[];
