import { createHash } from 'node:crypto';

export type InquiryLanguage = 'ja' | 'en';

/**
 * The purpose of use shown above the consent box (APPI Art. 21). Its version and the very text
 * shown are stored with every submission: change the text, change the version.
 */
export const CONSENT_VERSION = '2026-12-01';

const CONSENT: Record<InquiryLanguage, string> = {
  ja:
    'ご入力いただいた個人情報(氏名、フリガナ、電話番号、メールアドレス、お問い合わせ内容)は、' +
    'テレワーク・ワンストップ・サポート事業の相談対応(ご連絡、専門家(テレワークマネージャー)による' +
    '相談の調整、実施状況の報告)のためにのみ利用します。相談対応のため、地域の相談窓口や専門家に' +
    '業務を委託して提供することがあります。法令に基づく場合を除き、ご本人の同意なく第三者に提供' +
    'することはありません。開示・訂正・利用停止・消去のご請求は相談センターまでお申し出ください。',
  en:
    'The personal data you enter (name, reading, phone number, email address and your message) is ' +
    'used only to handle your consultation under the Telework One-Stop Support Program: to contact ' +
    'you, to arrange sessions with expert telework managers, and to report on the program. To ' +
    'handle it, we may entrust it to a regional desk or an expert working for the program. We do ' +
    'not give it to third parties without your consent except where the law requires it. To ask ' +
    'for disclosure, correction, a stop of use or erasure, contact the Consultation Center.',
};

export const consentText = (lang: InquiryLanguage): string => CONSENT[lang];
export const consentHash = (lang: InquiryLanguage): string =>
  createHash('sha256').update(CONSENT[lang]).digest('hex');

/** Everything the public page says, in each language; the English object must match in shape. */
const JA = {
  title: 'テレワーク相談 お問い合わせフォーム',
  center: 'テレワーク相談センター',
  intro:
    'テレワークの導入・運用について、労務管理とICTの両面から無料でご相談いただけます。' +
    '担当者から、営業日(平日9:00〜17:00)にご連絡します。',
  switchLanguage: 'English',
  required: '必須',
  optional: '任意',
  organization: '組織について',
  orgName: '組織名(会社名・団体名)',
  orgNameKana: '組織名のフリガナ',
  prefectureCode: '所在地の都道府県',
  industryCode: '業種',
  employees: '従業員数',
  chooseOne: '選択してください',
  contact: 'ご担当者について',
  contactName: 'お名前',
  contactNameKana: 'お名前のフリガナ',
  phone: '電話番号',
  phoneHint: '例: 03-1234-5678',
  email: 'メールアドレス',
  emailHint: '受付番号をお送りします',
  inquiry: 'ご相談内容',
  topic: '相談したいこと',
  topicLabour: '労務管理(就業規則、労働時間、費用負担、助成金など)',
  topicIct: 'ICT(ネットワーク、セキュリティ、ツールなど)',
  topicBoth: '両方 / わからない',
  message: 'ご相談の内容',
  preferredChannel: 'ご希望の連絡方法',
  channelEmail: 'メール',
  channelPhone: '電話',
  preferredTimes: '連絡を希望する時間帯',
  preferredTimesHint: '例: 平日の午前中',
  purpose: '個人情報の利用目的',
  consent: '上記の利用目的に同意します',
  verification: 'ロボットでないことの確認',
  verificationHint: '送信時に、お使いの端末で自動的に確認します(数秒かかることがあります)。',
  website: 'このフィールドは空のままにしてください',
  submit: '送信する',
  errorSummary: '入力内容を確認してください',
  requiredError: 'を入力してください',
  choiceError: 'を選択してください',
  invalidError: 'の形式が正しくありません',
  consentError: '利用目的への同意が必要です',
  emailOrPhoneError: 'ご希望の連絡方法の連絡先を入力してください',
  refused:
    '申し訳ありません。このお問い合わせを受け付けられませんでした。内容はそのまま残っていますので、' +
    'もう一度送信してください。繰り返し表示される場合は、お電話でご相談ください。',
  rateLimited:
    'ただいまお問い合わせが集中しています。入力内容はそのまま残っています。少し時間をおいて({minutes}分ほど)から、もう一度送信してください。',
  thanksTitle: 'お問い合わせを受け付けました',
  referenceNumber: '受付番号',
  thanksBody:
    '担当者から、営業日(平日9:00〜17:00)にご連絡します。お問い合わせの際は受付番号をお伝えください。',
  thanksMail: '受付番号を記載した確認メールをお送りしました。',
  newInquiry: '別のお問い合わせをする',
  mailSubject: '【テレワーク相談センター】お問い合わせを受け付けました(受付番号 {number})',
  mailBody: [
    'テレワーク相談センターです。',
    'お問い合わせを受け付けました。',
    '',
    '受付番号: {number}',
    '',
    '担当者から、営業日(平日9:00〜17:00)にご連絡します。',
    'お問い合わせの際は受付番号をお伝えください。',
    'このメールに心当たりがない場合は、破棄してください。',
    '',
    'テレワーク相談センター',
  ].join('\n'),
};

export type InquiryTexts = typeof JA;

const EN: InquiryTexts = {
  title: 'Telework consultation: inquiry form',
  center: 'Telework Consultation Center',
  intro:
    'Ask us about introducing or running telework, on labour management and ICT alike, free of ' +
    'charge. We will contact you on a business day (weekdays 9:00–17:00 JST).',
  switchLanguage: '日本語',
  required: 'required',
  optional: 'optional',
  organization: 'Your organization',
  orgName: 'Organization name',
  orgNameKana: 'Organization name reading (katakana)',
  prefectureCode: 'Prefecture',
  industryCode: 'Industry',
  employees: 'Number of employees',
  chooseOne: 'Choose one',
  contact: 'Contact person',
  contactName: 'Your name',
  contactNameKana: 'Your name reading (katakana)',
  phone: 'Phone number',
  phoneHint: 'e.g. 03-1234-5678',
  email: 'Email address',
  emailHint: 'We send your reference number here',
  inquiry: 'Your inquiry',
  topic: 'What you want to talk about',
  topicLabour: 'Labour management (work rules, working time, costs, subsidies…)',
  topicIct: 'ICT (networks, security, tools…)',
  topicBoth: 'Both / not sure',
  message: 'Your message',
  preferredChannel: 'How should we contact you?',
  channelEmail: 'Email',
  channelPhone: 'Phone',
  preferredTimes: 'Preferred times',
  preferredTimesHint: 'e.g. weekday mornings',
  purpose: 'Purpose of use of personal data',
  consent: 'I agree to the purpose of use above',
  verification: 'Checking you are not a robot',
  verificationHint:
    'When you send the form, your device checks this automatically (it may take a few seconds).',
  website: 'Leave this field empty',
  submit: 'Send',
  errorSummary: 'Please check what you entered',
  requiredError: ' is required',
  choiceError: ': please choose one',
  invalidError: ' is not in a valid format',
  consentError: 'Your agreement to the purpose of use is required',
  emailOrPhoneError: 'Enter the contact details for how you want us to contact you',
  refused:
    'Sorry, we could not accept this inquiry. What you entered is still here: please send it ' +
    'again. If this keeps happening, please call us.',
  rateLimited:
    'We are receiving many inquiries right now. What you entered is still here: please send it again in about {minutes} minutes.',
  thanksTitle: 'We have received your inquiry',
  referenceNumber: 'Reference number',
  thanksBody:
    'We will contact you on a business day (weekdays 9:00–17:00 JST). Please quote the reference number.',
  thanksMail: 'We have emailed you a confirmation with the reference number.',
  newInquiry: 'Send another inquiry',
  mailSubject: 'Telework Consultation Center: inquiry received (reference {number})',
  mailBody: [
    'This is the Telework Consultation Center.',
    'We have received your inquiry.',
    '',
    'Reference number: {number}',
    '',
    'We will contact you on a business day (weekdays 9:00–17:00 JST).',
    'Please quote the reference number when you contact us.',
    'If you did not send an inquiry, please ignore this mail.',
    '',
    'Telework Consultation Center',
  ].join('\n'),
};

export const textsFor = (lang: InquiryLanguage): InquiryTexts => (lang === 'en' ? EN : JA);

export const languageOf = (value: unknown): InquiryLanguage => (value === 'en' ? 'en' : 'ja');
