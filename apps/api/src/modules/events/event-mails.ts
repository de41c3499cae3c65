import { type EventView, jstWhen } from './event-page';

export interface Mail {
  subject: string;
  body: string;
}

const SIGNATURE = ['', '--', 'テレワーク相談センター', '(このメールは送信専用です)'].join('\n');

function eventLines(event: EventView, onlineUrl: string | null): string[] {
  return [
    `イベント: ${event.title}`,
    `日時: ${jstWhen(event.startsAt, event.endsAt)}`,
    `会場: ${event.venue ?? 'オンライン'}`,
    ...(onlineUrl ? [`参加URL: ${onlineUrl}`] : []),
  ];
}

/**
 * The confirmation right after a public registration. Only this mail carries the cancellation
 * link: the server keeps the link's hash alone, so it cannot be written again later. An online
 * event's URL goes only to those with a seat.
 */
export function confirmationMail(
  event: EventView,
  name: string,
  status: 'registered' | 'waitlisted',
  onlineUrl: string | null,
  cancelUrl: string,
): Mail {
  const registered = status === 'registered';
  return {
    subject: registered
      ? `【お申し込み受付】${event.title}`
      : `【キャンセル待ち受付】${event.title}`,
    body: [
      `${name} 様`,
      '',
      registered
        ? '以下のイベントへのお申し込みを受け付けました。当日のご参加をお待ちしております。'
        : '以下のイベントは満席のため、キャンセル待ちとして受け付けました。お席が空きましたら、あらためてメールでお知らせします。',
      '',
      ...eventLines(event, registered ? onlineUrl : null),
      '',
      'ご都合が悪くなった場合は、次のリンクからキャンセルしてください(イベント開始まで有効です)。',
      cancelUrl,
      SIGNATURE,
    ].join('\n'),
  };
}

/** A seat freed up and the waiting registration took it. */
export function promotedMail(event: EventView, name: string, onlineUrl: string | null): Mail {
  return {
    subject: `【参加確定】${event.title}`,
    body: [
      `${name} 様`,
      '',
      'キャンセル待ちでお申し込みいただいていたイベントにお席が空き、参加が確定しました。',
      '',
      ...eventLines(event, onlineUrl),
      '',
      'ご都合が悪くなった場合は、お申し込み時のメールに記載のリンクからキャンセルしてください。',
      SIGNATURE,
    ].join('\n'),
  };
}

/** The day before, to those with a seat. */
export function reminderMail(event: EventView, name: string, onlineUrl: string | null): Mail {
  return {
    subject: `【明日開催】${event.title}`,
    body: [
      `${name} 様`,
      '',
      'お申し込みいただいたイベントは明日開催です。',
      '',
      ...eventLines(event, onlineUrl),
      '',
      'ご都合が悪くなった場合は、お申し込み時のメールに記載のリンクからキャンセルしてください。',
      SIGNATURE,
    ].join('\n'),
  };
}
