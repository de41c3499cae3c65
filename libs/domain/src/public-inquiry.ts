/**
 * Rules of the public web inquiry form that need no server: what the plain-words topic choice
 * means in the taxonomy, when a fill time is plausible, and when two messages are the same.
 */

/** The taxonomy's top level, as a person who does not know it would choose. */
export const INQUIRY_TOPIC_CHOICES = [
  { value: 'labour', topics: ['LAB'] },
  { value: 'ict', topics: ['ICT'] },
  { value: 'both', topics: ['LAB', 'ICT'] },
] as const;

export type InquiryTopicChoice = (typeof INQUIRY_TOPIC_CHOICES)[number]['value'];

export const INQUIRY_TOPIC_VALUES: readonly InquiryTopicChoice[] = INQUIRY_TOPIC_CHOICES.map(
  (choice) => choice.value,
);

export const topicsOfInquiryChoice = (choice: InquiryTopicChoice): string[] => [
  ...(INQUIRY_TOPIC_CHOICES.find((c) => c.value === choice)?.topics ?? []),
];

export type FillTimeVerdict = 'ok' | 'too_fast' | 'expired';

/**
 * A person takes a few seconds at least to fill the form in, and a form left open for more than
 * a day is stale (its signed start time could otherwise be replayed forever).
 */
export function fillTimeVerdict(
  startedAtMs: number,
  nowMs: number,
  minSeconds: number,
  maxAgeHours = 24,
): FillTimeVerdict {
  const elapsed = nowMs - startedAtMs;
  if (elapsed < minSeconds * 1000) {
    return 'too_fast';
  }
  return elapsed > maxAgeHours * 3_600_000 ? 'expired' : 'ok';
}

/**
 * The same message sent twice (a double click, a reload, a second try after an error) should
 * land once: widths, case and runs of white space do not make it another message.
 */
export const normalizeInquiryMessage = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
