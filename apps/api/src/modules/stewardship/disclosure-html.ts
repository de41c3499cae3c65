import type { DataSubjectRequestDto } from './dto/data-subject.dto';
import type { SubjectData } from './data-subjects.service';

const escape = (value: string | number | null | undefined): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const jst = (isoTime: string | null): string =>
  isoTime
    ? new Date(isoTime).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false })
    : '—';

const STATUS: Record<string, string> = {
  new: '新規',
  in_progress: '対応中',
  waiting_on_customer: 'お客様回答待ち',
  referred_to_expert: '専門家紹介',
  in_sessions: '専門家派遣中',
  follow_up: 'フォローアップ',
  resolved: '解決',
  closed: '完了',
};

const SESSION_KIND: Record<string, string> = {
  assessment: '現状把握',
  preparation: '導入準備',
  follow_up: '導入後のフォロー',
};

function table(
  caption: string,
  headers: string[],
  rows: (string | number | null | undefined)[][],
): string {
  if (rows.length === 0) {
    return `<h2>${escape(caption)}</h2><p>該当する情報はありません。</p>`;
  }
  return (
    `<h2>${escape(caption)}（${rows.length}件）</h2><table><thead><tr>` +
    headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('') +
    `</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('') +
    `</tbody></table>`
  );
}

/** The disclosure's readable summary: what the desk holds about the person, in Japanese. */
export function renderDisclosureHtml(
  request: DataSubjectRequestDto,
  data: SubjectData,
  generatedAt: Date,
): string {
  const r = data.result;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>保有個人データの開示</title>
<style>body{font-family:sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;margin-bottom:1.5rem}
th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head>
<body>
<h1>保有個人データの開示</h1>
<p>${escape(request.requesterName)} 様からのご請求（受付日時 ${escape(jst(request.receivedAt))}）に基づき、
テレワーク相談窓口が保有する個人データを開示します。作成日時: ${escape(jst(generatedAt.toISOString()))}</p>
<p>［仮名化済み］と表示される項目は、保存期間の経過またはご請求により、すでに個人を特定できない形に置き換えたものです。
詳細なデータは同梱の data.json をご覧ください。</p>
${table(
  '連絡先',
  ['氏名', 'ふりがな', 'メールアドレス', '電話番号', '事業者'],
  r.contacts.map((c) => [c.name, c.nameKana, c.email, c.phone, c.organizationName]),
)}
${table(
  'ご相談（案件）',
  ['案件番号', '件名', '状況', '受付日時', '完了日時'],
  r.cases.map((c) => [
    c.number,
    c.subject,
    STATUS[c.status] ?? c.status,
    jst(c.receivedAt),
    jst(c.closedAt),
  ]),
)}
${table(
  'メール',
  ['日時', '方向', '件名', '差出人'],
  r.mails.map((m) => [
    jst(m.receivedAt),
    m.direction === 'in' ? '受信' : '送信',
    m.subject,
    m.fromAddress,
  ]),
)}
${table(
  '専門家派遣',
  ['日時', '種類', '状況'],
  r.sessions.map((s) => [jst(s.startsAt), SESSION_KIND[s.kind] ?? s.kind, s.status]),
)}
${table(
  '満足度アンケート',
  ['送付日時', '回答日時', '総合評価', 'ご意見'],
  r.surveys.map((s) => [jst(s.invitedAt), jst(s.answeredAt), s.overall, s.comment]),
)}
${table(
  '記録（監査ログ）',
  ['日時', '操作', '対象'],
  r.auditEvents.map((a) => [jst(a.at), a.action, a.entityType]),
)}
</body></html>
`;
}
