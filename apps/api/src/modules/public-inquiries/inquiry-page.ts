import { INDUSTRIES, PREFECTURES } from '@madoguchi/domain';
import type { FieldError } from '../../common/errors/app-error';
import { consentText, type InquiryLanguage, type InquiryTexts, textsFor } from './inquiry-texts';

/** Where the page and its files live (outside /api: a page, not an endpoint). */
export const INQUIRY_PAGE_PATH = '/inquiry';
export const INQUIRY_ASSETS_PATH = '/inquiry/assets';
export const INQUIRY_POST_PATH = '/api/public/inquiries';

/**
 * The page's own policy: everything from this origin, nothing inline (not even styles), workers
 * for the proof of work from this origin too, and the form may post only here.
 */
export const INQUIRY_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the person typed, as posted back: every value a string, for re-rendering. */
export type FormValues = Partial<Record<string, string>>;

const escape = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
/** The pages' one escaping rule, shared with the other public pages (events). */
export { escape as escapeHtml };

export interface FormPage {
  lang: InquiryLanguage;
  values: FormValues;
  errors: FieldError[];
  /** A message above the form for a refusal or a rate limit. */
  banner?: string;
  formToken: string;
}

function layout(lang: InquiryLanguage, t: InquiryTexts, title: string, body: string): string {
  const other = lang === 'ja' ? 'en' : 'ja';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} | ${escape(t.center)}</title>
<link rel="stylesheet" href="${INQUIRY_ASSETS_PATH}/inquiry.css">
<link rel="stylesheet" href="${INQUIRY_ASSETS_PATH}/altcha.css">
<script type="module" src="${INQUIRY_ASSETS_PATH}/altcha.js"></script>
<script type="module" src="${INQUIRY_ASSETS_PATH}/altcha-ja.js"></script>
<script type="module" src="${INQUIRY_ASSETS_PATH}/inquiry.js"></script>
</head>
<body>
<header class="site-header">
<p class="center">${escape(t.center)}</p>
<a class="lang" href="${INQUIRY_PAGE_PATH}?lang=${other}" lang="${other}" hreflang="${other}">${escape(t.switchLanguage)}</a>
</header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

export function renderThanks(lang: InquiryLanguage, number: string, mailed: boolean): string {
  const t = textsFor(lang);
  return layout(
    lang,
    t,
    t.thanksTitle,
    `<h1 tabindex="-1" id="thanks">${escape(t.thanksTitle)}</h1>
<section class="receipt" aria-labelledby="thanks">
<p>${escape(t.referenceNumber)}: <strong class="number" data-testid="reference-number">${escape(number)}</strong></p>
<p>${escape(t.thanksBody)}</p>
${mailed ? `<p>${escape(t.thanksMail)}</p>` : ''}
<p><a href="${INQUIRY_PAGE_PATH}?lang=${lang}">${escape(t.newInquiry)}</a></p>
</section>`,
  );
}

/** A person's message for a field error: what is wrong, in their language, never the code. */
export function fieldMessage(t: InquiryTexts, error: FieldError, values: FormValues): string {
  const label = (t as Record<string, string>)[error.field] ?? error.field;
  if (error.field === 'consent') {
    return t.consentError;
  }
  const blank = !(values[error.field] ?? '').trim();
  if (blank && (error.field === 'email' || error.field === 'phone')) {
    return t.emailOrPhoneError;
  }
  if (['topic', 'preferredChannel', 'prefectureCode', 'industryCode'].includes(error.field)) {
    return blank ? `${label}${t.choiceError}` : `${label}${t.invalidError}`;
  }
  return blank ? `${label}${t.requiredError}` : `${label}${t.invalidError}`;
}

export function renderForm(page: FormPage): string {
  const { lang, values, errors } = page;
  const t = textsFor(lang);
  const errorOf = new Map<string, string>();
  for (const error of errors) {
    if (!errorOf.has(error.field)) {
      errorOf.set(error.field, fieldMessage(t, error, values));
    }
  }
  const value = (name: string): string => escape(values[name] ?? '');
  const tag = (required: boolean): string =>
    `<span class="tag${required ? ' req' : ''}">${escape(required ? t.required : t.optional)}</span>`;
  const described = (name: string, hint?: string): string => {
    const ids = [hint ? `${name}-hint` : '', errorOf.has(name) ? `${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    return `${ids ? ` aria-describedby="${ids}"` : ''}${errorOf.has(name) ? ' aria-invalid="true"' : ''}`;
  };
  const feedback = (name: string, hint?: string): string =>
    `${hint ? `<p class="hint" id="${name}-hint">${escape(hint)}</p>` : ''}${
      errorOf.has(name)
        ? `<p class="error" id="${name}-error">${escape(errorOf.get(name)!)}</p>`
        : ''
    }`;
  const input = (
    name: string,
    label: string,
    options: {
      required?: boolean;
      type?: string;
      autocomplete?: string;
      hint?: string;
      extra?: string;
    } = {},
  ): string => `<div class="field">
<label for="${name}">${escape(label)} ${tag(options.required ?? false)}</label>
${feedback(name, options.hint)}
<input id="${name}" name="${name}" type="${options.type ?? 'text'}" value="${value(name)}"${
    options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''
  }${options.required ? ' required' : ''}${options.extra ?? ''}${described(name, options.hint)}>
</div>`;
  const select = (
    name: string,
    label: string,
    choices: { code: string; label: string }[],
  ): string => `<div class="field">
<label for="${name}">${escape(label)} ${tag(false)}</label>
${feedback(name)}
<select id="${name}" name="${name}"${described(name)}>
<option value="">${escape(t.chooseOne)}</option>
${choices
  .map(
    (c) =>
      `<option value="${escape(c.code)}"${values[name] === c.code ? ' selected' : ''}>${escape(c.label)}</option>`,
  )
  .join('\n')}
</select>
</div>`;
  const radios = (
    name: string,
    legend: string,
    choices: { value: string; label: string }[],
  ): string => `<fieldset class="field radios"${described(name)}>
<legend>${escape(legend)} ${tag(true)}</legend>
${feedback(name)}
${choices
  .map(
    (c) =>
      `<div class="choice"><input type="radio" id="${name}-${c.value}" name="${name}" value="${c.value}"${
        values[name] === c.value ? ' checked' : ''
      } required><label for="${name}-${c.value}">${escape(c.label)}</label></div>`,
  )
  .join('\n')}
</fieldset>`;

  const summary =
    errors.length > 0
      ? `<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1" id="summary">
<h2 id="summary-title">${escape(t.errorSummary)}</h2>
<ul>${[...errorOf.entries()]
          .map(
            ([field, message]) => `<li><a href="#${anchorOf(field)}">${escape(message)}</a></li>`,
          )
          .join('')}</ul>
</div>`
      : '';
  const banner = page.banner
    ? `<div class="banner" role="alert" tabindex="-1" id="banner"><p>${escape(page.banner)}</p></div>`
    : '';

  return layout(
    lang,
    t,
    t.title,
    `<h1>${escape(t.title)}</h1>
<p class="intro">${escape(t.intro)}</p>
${banner}${summary}
<form method="post" action="${INQUIRY_POST_PATH}" accept-charset="utf-8" novalidate>
<input type="hidden" name="lang" value="${lang}">
<input type="hidden" name="formToken" value="${escape(page.formToken)}">
<fieldset>
<legend class="section">${escape(t.organization)}</legend>
${input('orgName', t.orgName, { required: true, autocomplete: 'organization' })}
${input('orgNameKana', t.orgNameKana)}
${select(
  'prefectureCode',
  t.prefectureCode,
  PREFECTURES.map((p) => ({ code: p.code, label: lang === 'en' ? p.nameEn : p.nameJa })),
)}
${select(
  'industryCode',
  t.industryCode,
  INDUSTRIES.map((i) => ({
    code: i.code,
    label: `${i.code} ${lang === 'en' ? i.labelEn : i.labelJa}`,
  })),
)}
${input('employees', t.employees, { type: 'number', extra: ' min="0" max="1000000" inputmode="numeric"' })}
</fieldset>
<fieldset>
<legend class="section">${escape(t.contact)}</legend>
${input('contactName', t.contactName, { required: true, autocomplete: 'name' })}
${input('contactNameKana', t.contactNameKana)}
${input('email', t.email, { type: 'email', autocomplete: 'email', hint: t.emailHint })}
${input('phone', t.phone, { type: 'tel', autocomplete: 'tel', hint: t.phoneHint })}
</fieldset>
<fieldset>
<legend class="section">${escape(t.inquiry)}</legend>
${radios('topic', t.topic, [
  { value: 'labour', label: t.topicLabour },
  { value: 'ict', label: t.topicIct },
  { value: 'both', label: t.topicBoth },
])}
<div class="field">
<label for="message">${escape(t.message)} ${tag(true)}</label>
${feedback('message')}
<textarea id="message" name="message" rows="8" maxlength="5000" required${described('message')}>${value('message')}</textarea>
</div>
${radios('preferredChannel', t.preferredChannel, [
  { value: 'email', label: t.channelEmail },
  { value: 'phone', label: t.channelPhone },
])}
${input('preferredTimes', t.preferredTimes, { hint: t.preferredTimesHint })}
</fieldset>
<div class="hp">
<label for="website">${escape(t.website)}</label>
<input id="website" name="website" type="text" value="" autocomplete="off" tabindex="-1">
</div>
<section class="purpose" aria-labelledby="purpose-title">
<h2 id="purpose-title">${escape(t.purpose)}</h2>
<p id="purpose-text">${escape(consentText(lang))}</p>
${feedback('consent')}
<div class="choice consent"><input type="checkbox" id="consent" name="consent" value="yes"${
      values.consent === 'yes' ? ' checked' : ''
    } required aria-describedby="purpose-text${errorOf.has('consent') ? ' consent-error' : ''}"${
      errorOf.has('consent') ? ' aria-invalid="true"' : ''
    }><label for="consent">${escape(t.consent)} ${tag(true)}</label></div>
</section>
<div class="verification">
<p class="hint" id="verification-hint">${escape(t.verificationHint)}</p>
<altcha-widget challenge="/api/public/challenge" name="altcha" auto="onsubmit" language="${lang}"></altcha-widget>
</div>
<button type="submit" id="submit">${escape(t.submit)}</button>
</form>`,
  );
}

/** The element a summary entry jumps to: the first radio of a group, the field otherwise. */
const anchorOf = (field: string): string =>
  field === 'topic'
    ? 'topic-labour'
    : field === 'preferredChannel'
      ? 'preferredChannel-email'
      : field;
