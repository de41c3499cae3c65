/** The acknowledgement a new mailbox starts with; admins edit it per mailbox. */
export const DEFAULT_ACK_TEMPLATE_JA = `{{name}} 様

このたびはテレワーク相談窓口へお問い合わせいただき、誠にありがとうございます。
以下のとおりお問い合わせを受け付けました。

受付番号: {{caseNumber}}
件名: {{subject}}

担当者より、通常2営業日以内にご連絡いたします。
本メールにご返信いただく際は、件名の受付番号 [#{{caseNumber}}] を消さずにお送りください。

{{signature}}`;

export const DEFAULT_ACK_TEMPLATE_EN = `Dear {{name}},

Thank you for contacting the Telework Consultation Desk. We have received your inquiry.

Reference number: {{caseNumber}}
Subject: {{subject}}

A member of staff will contact you, usually within two business days.
When you reply, please keep the reference [#{{caseNumber}}] in the subject.

{{signature}}`;

export const ACK_SUBJECT = {
  ja: 'お問い合わせを受け付けました',
  en: 'We have received your inquiry',
} as const;
