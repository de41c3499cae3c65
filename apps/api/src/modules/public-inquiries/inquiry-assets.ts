import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The page's files, all served from this origin (no third party is reachable from a desk's
 * network, and the page's CSP allows only 'self'). The ALTCHA widget is the package's
 * "external" build: its styles come as a file instead of being injected inline, and it leaves
 * the proof-of-work worker to us, so the worker is a file here too, not a blob: URL.
 */
const STYLES = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --accent: #0b57d0; --error: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; color: var(--ink);
  background: #f7f7f8; line-height: 1.6; font-size: 16px; }
.site-header { display: flex; justify-content: space-between; align-items: center; gap: 1rem;
  padding: 0.75rem 1rem; background: #fff; border-bottom: 1px solid #ddd; }
.site-header .center { margin: 0; font-weight: 600; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.3; }
fieldset { border: 1px solid #ccc; border-radius: 8px; background: #fff; margin: 0 0 1.25rem; padding: 0.75rem 1rem 1rem; }
legend.section { font-weight: 700; font-size: 1.1rem; padding: 0 0.25rem; }
.field { margin: 0.9rem 0; border: 0; padding: 0; background: none; }
.field.radios legend { font-weight: 600; padding: 0; }
label { display: block; font-weight: 600; }
.choice { display: flex; align-items: flex-start; gap: 0.5rem; margin: 0.35rem 0; }
.choice label { font-weight: 400; }
.choice input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
input[type=text], input[type=email], input[type=tel], input[type=number], select, textarea {
  width: 100%; font: inherit; padding: 0.6rem; border: 1px solid #767676; border-radius: 6px; background: #fff; color: var(--ink); }
textarea { resize: vertical; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0 0.4rem; border-radius: 4px;
  background: #e8e8e8; color: #333; vertical-align: middle; }
.tag.req { background: #8c1d18; color: #fff; }
.hint { margin: 0.15rem 0; color: var(--muted); font-size: 0.9rem; }
.error { margin: 0.15rem 0; color: var(--error); font-weight: 600; }
[aria-invalid=true] { border-color: var(--error); border-width: 2px; }
.summary, .banner { border: 2px solid var(--error); border-radius: 8px; background: #fff; padding: 0.5rem 1rem; margin-bottom: 1rem; }
.summary h2 { font-size: 1.1rem; margin: 0.25rem 0; }
.summary a { color: var(--error); }
.purpose { background: #fff; border: 1px solid #ccc; border-radius: 8px; padding: 0.5rem 1rem; margin-bottom: 1.25rem; }
.purpose h2 { font-size: 1.05rem; }
.verification { margin-bottom: 1rem; }
button[type=submit] { font: inherit; font-weight: 700; padding: 0.75rem 2rem; border: 0; border-radius: 8px;
  background: var(--accent); color: #fff; cursor: pointer; width: 100%; }
a { color: var(--accent); }
.receipt .number { font-size: 1.5rem; letter-spacing: 0.05em; }
/* The honeypot: people never see or reach it; a bot filling every field does. */
.hp { display: none; }
@media (min-width: 40rem) { button[type=submit] { width: auto; } }
`;

// A module after the widget's (modules run in document order): registers the proof-of-work
// worker from our origin. The widget's own modules are the package's ES builds, unchanged.
// It also takes a screen reader's user to what changed: the errors, the refusal, or the receipt.
const SCRIPT = `const altcha = globalThis.$altcha;
if (altcha && altcha.algorithms) {
  altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker('/inquiry/assets/altcha-pbkdf2.js'));
}
const news = document.getElementById('summary') || document.getElementById('banner') ||
  document.getElementById('thanks');
if (news) {
  news.focus();
}
`;

export interface Asset {
  type: string;
  body: string | Buffer;
}

// The package's exports name the style sheet; the worker and i18n files lie beside it.
const altchaDist = (): string => join(dirname(require.resolve('altcha/altcha.css')), '..');

let cache: Map<string, Asset> | null = null;

/** The files by name, read once. */
export function inquiryAssets(): Map<string, Asset> {
  if (cache) {
    return cache;
  }
  const dist = altchaDist();
  const js = 'text/javascript; charset=utf-8';
  cache = new Map<string, Asset>([
    ['inquiry.css', { type: 'text/css; charset=utf-8', body: STYLES }],
    ['inquiry.js', { type: js, body: SCRIPT }],
    [
      'altcha.css',
      { type: 'text/css; charset=utf-8', body: readFileSync(join(dist, 'external/altcha.css')) },
    ],
    ['altcha.js', { type: js, body: readFileSync(join(dist, 'external/altcha.min.js')) }],
    ['altcha-ja.js', { type: js, body: readFileSync(join(dist, 'i18n/ja.js')) }],
    ['altcha-pbkdf2.js', { type: js, body: readFileSync(join(dist, 'workers/pbkdf2.js')) }],
  ]);
  return cache;
}
