import type { FieldError } from '../../common/errors/app-error';
import { INQUIRY_ASSETS_PATH } from '../public-inquiries/inquiry-page';

/** Survey answers are posted here, followed by the token. */
export const SURVEY_POST_PREFIX = '/api/public/surveys/';

/** Appended to a survey link: the page that stops further surveys to the contact. */
export const OPT_OUT_SUFFIX = '/opt-out';

export const TELEWORK_INTENTS = ['introduce', 'extend', 'no', 'undecided'] as const;

const escape = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const LABELS = {
  overall: '相談全体の満足度',
  usefulness: '専門家の助言の役立ち度',
  teleworkIntent: 'テレワークを導入・拡大する予定はありますか',
  comment: 'ご意見・ご感想',
};

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} | テレワーク相談センター</title>
<link rel="stylesheet" href="${INQUIRY_ASSETS_PATH}/inquiry.css">
</head>
<body>
<header class="site-header"><p class="center">テレワーク相談センター</p></header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** A page that says why the survey cannot be answered (used, expired or unknown link). */
export function renderSurveyClosed(reason: 'answered' | 'closed'): string {
  const text =
    reason === 'answered'
      ? 'このアンケートには回答済みです。ご協力ありがとうございました。'
      : 'このアンケートのリンクは無効か、回答期限(30日)を過ぎています。';
  return layout('アンケート', `<h1>アンケート</h1><p>${escape(text)}</p>`);
}

export function renderSurveyThanks(): string {
  return layout(
    'ご回答ありがとうございました',
    `<h1 tabindex="-1" id="thanks">ご回答ありがとうございました</h1>
<p>いただいたご意見は、相談の質の向上に活用します。</p>`,
  );
}

export function renderSurveyForm(
  token: string,
  values: Partial<Record<string, string>> = {},
  errors: FieldError[] = [],
): string {
  const failed = new Set(errors.map((e) => e.field));
  const scale = (name: 'overall' | 'usefulness'): string => `<fieldset class="field radios"${
    failed.has(name) ? ` aria-describedby="${name}-error"` : ''
  }>
<legend>${escape(LABELS[name])} <span class="tag req">必須</span></legend>
<p class="hint">1(不満)〜 5(満足)</p>
${failed.has(name) ? `<p class="error" id="${name}-error">${escape(LABELS[name])}を選択してください</p>` : ''}
${[1, 2, 3, 4, 5]
  .map(
    (n) =>
      `<div class="choice"><input type="radio" id="${name}-${n}" name="${name}" value="${n}"${
        values[name] === String(n) ? ' checked' : ''
      } required><label for="${name}-${n}">${n}</label></div>`,
  )
  .join('\n')}
</fieldset>`;
  const intents: Record<(typeof TELEWORK_INTENTS)[number], string> = {
    introduce: '導入する予定',
    extend: '対象や頻度を拡大する予定',
    no: '予定はない',
    undecided: '未定',
  };
  return layout(
    '相談のアンケート',
    `<h1>相談のアンケート</h1>
<p class="intro">専門家による相談はいかがでしたか。1分ほどで終わります。回答は一度だけできます。</p>
${
  errors.length > 0
    ? `<div class="summary" role="alert" tabindex="-1" id="summary"><h2>入力内容を確認してください</h2></div>`
    : ''
}
<form method="post" action="${SURVEY_POST_PREFIX}${escape(token)}" accept-charset="utf-8" novalidate>
${scale('overall')}
${scale('usefulness')}
<fieldset class="field radios">
<legend>${escape(LABELS.teleworkIntent)} <span class="tag">任意</span></legend>
${TELEWORK_INTENTS.map(
  (v) =>
    `<div class="choice"><input type="radio" id="teleworkIntent-${v}" name="teleworkIntent" value="${v}"${
      values.teleworkIntent === v ? ' checked' : ''
    }><label for="teleworkIntent-${v}">${escape(intents[v])}</label></div>`,
).join('\n')}
</fieldset>
<div class="field">
<label for="comment">${escape(LABELS.comment)} <span class="tag">任意</span></label>
<textarea id="comment" name="comment" rows="5" maxlength="2000">${escape(values.comment ?? '')}</textarea>
</div>
<button type="submit" id="submit">回答する</button>
</form>
<p class="opt-out"><a href="/survey/${escape(token)}${OPT_OUT_SUFFIX}">今後アンケートを受け取らない</a></p>`,
  );
}

/** Asks before stopping: a mail scanner that follows links must not opt anyone out. */
export function renderOptOutForm(token: string): string {
  return layout(
    'アンケートの送付停止',
    `<h1>アンケートの送付停止</h1>
<p>今後、専門家相談のアンケートをお送りしないようにします。相談窓口からのご連絡は引き続き届きます。</p>
<form method="post" action="${SURVEY_POST_PREFIX}${escape(token)}${OPT_OUT_SUFFIX}" accept-charset="utf-8">
<button type="submit" id="submit">送付を停止する</button>
</form>`,
  );
}

export function renderOptedOut(): string {
  return layout(
    'アンケートの送付を停止しました',
    `<h1 tabindex="-1" id="thanks">アンケートの送付を停止しました</h1>
<p>今後、アンケートはお送りしません。</p>`,
  );
}
