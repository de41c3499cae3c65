import { PREFECTURES } from '@madoguchi/domain';
import type { FieldError } from '../../common/errors/app-error';
import { INQUIRY_ASSETS_PATH, escapeHtml as escape } from '../public-inquiries/inquiry-page';
import { consentText } from '../public-inquiries/inquiry-texts';

/** The public pages (outside /api) and where their forms post. */
export const EVENT_PAGE_PREFIX = '/event/';
export const EVENT_CANCEL_PAGE_PREFIX = '/event-cancel/';
export const EVENT_POST_PREFIX = '/api/public/events/';
export const EVENT_CANCEL_POST_PREFIX = '/api/public/event-registrations/';

export const KIND_LABELS: Record<string, string> = {
  seminar: 'セミナー',
  experience_seminar: '体験セミナー',
  exchange_event: '交流会',
  tour: '見学ツアー',
  telework_month: 'テレワーク月間イベント',
  co_sponsored: '共催イベント',
};

/** What the pages and the mails say of an event. */
export interface EventView {
  id: string;
  kind: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  online: boolean;
  capacity: number | null;
  seatsLeft: number | null;
  waitlisted: number;
}

const DATE = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});
const TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2027年1月15日(金) 14:00〜16:00" in JST, whatever the server's zone. */
export function jstWhen(startsAt: Date, endsAt: Date): string {
  const sameDay = DATE.format(startsAt) === DATE.format(endsAt);
  return sameDay
    ? `${DATE.format(startsAt)} ${TIME.format(startsAt)}〜${TIME.format(endsAt)}`
    : `${DATE.format(startsAt)} ${TIME.format(startsAt)}〜${DATE.format(endsAt)} ${TIME.format(endsAt)}`;
}

export const whereOf = (event: Pick<EventView, 'venue' | 'online'>): string =>
  [event.venue, event.online ? 'オンライン(参加方法はメールでお知らせします)' : null]
    .filter(Boolean)
    .join(' / ');

function seatsText(event: EventView): string {
  if (event.seatsLeft === null) {
    return '定員なし';
  }
  if (event.seatsLeft > 0) {
    return `残り${event.seatsLeft}席(定員${event.capacity}名)`;
  }
  return `満席です。お申し込みはキャンセル待ちになります(キャンセル待ち${event.waitlisted}名)`;
}

function layout(title: string, body: string, widget = false): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} | テレワーク相談センター</title>
<link rel="stylesheet" href="${INQUIRY_ASSETS_PATH}/inquiry.css">
${
  widget
    ? `<link rel="stylesheet" href="${INQUIRY_ASSETS_PATH}/altcha.css">
<script type="module" src="${INQUIRY_ASSETS_PATH}/altcha.js"></script>
<script type="module" src="${INQUIRY_ASSETS_PATH}/altcha-ja.js"></script>
`
    : ''
}<script type="module" src="${INQUIRY_ASSETS_PATH}/inquiry.js"></script>
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

function details(event: EventView): string {
  return `<section class="purpose" aria-labelledby="event-title">
<h1 id="event-title">${escape(event.title)}</h1>
<dl>
<dt>種類</dt><dd>${escape(KIND_LABELS[event.kind] ?? event.kind)}</dd>
<dt>日時</dt><dd data-testid="event-when">${escape(jstWhen(event.startsAt, event.endsAt))}</dd>
<dt>会場</dt><dd>${escape(whereOf(event))}</dd>
<dt>空き状況</dt><dd data-testid="event-seats">${escape(seatsText(event))}</dd>
</dl>
${event.description ? `<p>${escape(event.description)}</p>` : ''}
</section>`;
}

const LABELS: Record<string, string> = {
  organizationName: '会社・団体名',
  name: 'お名前',
  nameKana: 'フリガナ',
  email: 'メールアドレス',
  phone: '電話番号',
  employees: '従業員数',
  prefectureCode: '所在地(都道府県)',
  consent: '利用目的への同意',
};

export interface EventFormPage {
  event: EventView;
  values: Partial<Record<string, string>>;
  errors: FieldError[];
  banner?: string;
  formToken: string;
}

/** A person's message for a field error: what is wrong, never the code. */
function fieldMessage(error: FieldError, values: EventFormPage['values']): string {
  if (error.field === 'consent') {
    return '利用目的への同意が必要です';
  }
  const label = LABELS[error.field] ?? error.field;
  const blank = !(values[error.field] ?? '').trim();
  if (error.field === 'prefectureCode') {
    return `${label}を選んでください`;
  }
  return blank ? `${label}を入力してください` : `${label}の形式が正しくありません`;
}

export function renderEventForm(page: EventFormPage): string {
  const { event, values, errors } = page;
  const errorOf = new Map<string, string>();
  for (const error of errors) {
    if (LABELS[error.field] && !errorOf.has(error.field)) {
      errorOf.set(error.field, fieldMessage(error, values));
    }
  }
  const value = (name: string): string => escape(values[name] ?? '');
  const tag = (required: boolean): string =>
    `<span class="tag${required ? ' req' : ''}">${required ? '必須' : '任意'}</span>`;
  const feedback = (name: string): string =>
    errorOf.has(name)
      ? `<p class="error" id="${name}-error">${escape(errorOf.get(name)!)}</p>`
      : '';
  const aria = (name: string): string =>
    errorOf.has(name) ? ` aria-describedby="${name}-error" aria-invalid="true"` : '';
  const input = (
    name: string,
    type: string,
    required: boolean,
    extra = '',
  ): string => `<div class="field">
<label for="${name}">${escape(LABELS[name]!)} ${tag(required)}</label>
${feedback(name)}
<input type="${type}" id="${name}" name="${name}" value="${value(name)}"${required ? ' required' : ''}${extra}${aria(name)}>
</div>`;
  const summary =
    errorOf.size > 0
      ? `<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1" id="summary">
<h2 id="summary-title">入力内容をご確認ください</h2>
<ul>${[...errorOf]
          .map(([field, message]) => `<li><a href="#${field}">${escape(message)}</a></li>`)
          .join('')}</ul>
</div>`
      : '';
  const banner = page.banner
    ? `<div class="banner" role="alert" tabindex="-1" id="banner"><p>${escape(page.banner)}</p></div>`
    : '';
  const prefectures = PREFECTURES.map(
    (p) =>
      `<option value="${p.code}"${values.prefectureCode === p.code ? ' selected' : ''}>${escape(p.nameJa)}</option>`,
  ).join('');
  return layout(
    `${event.title} 参加申し込み`,
    `${details(event)}
${banner}${summary}
<form method="post" action="${EVENT_POST_PREFIX}${event.id}/registrations" accept-charset="utf-8" novalidate>
<input type="hidden" name="formToken" value="${escape(page.formToken)}">
<fieldset>
<legend class="section">参加申し込み</legend>
${input('organizationName', 'text', true, ' maxlength="200" autocomplete="organization"')}
${input('name', 'text', true, ' maxlength="100" autocomplete="name"')}
${input('nameKana', 'text', false, ' maxlength="100"')}
${input('email', 'email', true, ' maxlength="254" autocomplete="email"')}
${input('phone', 'tel', false, ' maxlength="40" autocomplete="tel"')}
${input('employees', 'number', false, ' min="0" max="1000000" inputmode="numeric"')}
<div class="field">
<label for="prefectureCode">${LABELS.prefectureCode} ${tag(false)}</label>
${feedback('prefectureCode')}
<select id="prefectureCode" name="prefectureCode"${aria('prefectureCode')}><option value="">選択してください</option>${prefectures}</select>
</div>
</fieldset>
<div class="hp">
<label for="website">ウェブサイト</label>
<input id="website" name="website" type="text" value="" autocomplete="off" tabindex="-1">
</div>
<section class="purpose" aria-labelledby="purpose-title">
<h2 id="purpose-title">個人情報の利用目的</h2>
<p id="purpose-text">${escape(consentText('ja'))}</p>
${feedback('consent')}
<div class="choice consent"><input type="checkbox" id="consent" name="consent" value="yes"${
      values.consent === 'yes' ? ' checked' : ''
    } required aria-describedby="purpose-text${errorOf.has('consent') ? ' consent-error' : ''}"${
      errorOf.has('consent') ? ' aria-invalid="true"' : ''
    }><label for="consent">上記の利用目的に同意します ${tag(true)}</label></div>
</section>
<div class="verification">
<p class="hint" id="verification-hint">送信時に自動で確認を行います(数秒かかることがあります)。</p>
<altcha-widget challenge="/api/public/challenge" name="altcha" auto="onsubmit" language="ja"></altcha-widget>
</div>
<button type="submit" id="submit">申し込む</button>
</form>`,
    true,
  );
}

export function renderRegistered(event: EventView, status: 'registered' | 'waitlisted'): string {
  const title =
    status === 'registered' ? 'お申し込みを受け付けました' : 'キャンセル待ちで受け付けました';
  return layout(
    title,
    `<h1 tabindex="-1" id="thanks">${escape(title)}</h1>
<section class="receipt" aria-labelledby="thanks">
<p data-testid="registration-status">${escape(
      status === 'registered'
        ? `「${event.title}」(${jstWhen(event.startsAt, event.endsAt)})へのお申し込みを受け付けました。`
        : `「${event.title}」は満席のため、キャンセル待ちとして受け付けました。お席が空きましたらメールでお知らせします。`,
    )}</p>
<p>確認のメールをお送りしました。キャンセルはメールに記載のリンクから行えます。</p>
</section>`,
  );
}

/** A page with one message: an event that is not open, a link that no longer works. */
export function renderMessage(title: string, message: string): string {
  return layout(
    title,
    `<h1 tabindex="-1" id="message-title">${escape(title)}</h1>
<section class="receipt" aria-labelledby="message-title"><p data-testid="message">${escape(message)}</p></section>`,
  );
}

export interface CancelView {
  event: EventView;
  name: string;
  organizationName: string;
  status: 'registered' | 'waitlisted';
}

export function renderCancelForm(token: string, view: CancelView): string {
  return layout(
    'お申し込みのキャンセル',
    `${details(view.event)}
<section aria-labelledby="cancel-title">
<h2 id="cancel-title">お申し込みのキャンセル</h2>
<p data-testid="cancel-registration">${escape(
      `${view.organizationName} ${view.name} 様のお申し込み(${view.status === 'registered' ? '参加' : 'キャンセル待ち'})`,
    )}</p>
<form method="post" action="${EVENT_CANCEL_POST_PREFIX}${escape(token)}/cancel" accept-charset="utf-8">
<button type="submit" id="submit">キャンセルする</button>
</form>
</section>`,
  );
}

export const CANCEL_PROBLEMS = {
  unknown: [
    'リンクが無効です',
    'このキャンセル用リンクは確認できませんでした。メールに記載のリンクをもう一度お確かめください。',
  ],
  already_cancelled: ['キャンセル済みです', 'このお申し込みはすでにキャンセルされています。'],
  expired: [
    'キャンセルの受付は終了しました',
    'イベントの開始時刻を過ぎたため、このリンクからはキャンセルできません。',
  ],
} as const;
