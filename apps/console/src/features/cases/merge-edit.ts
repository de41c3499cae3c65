/** The fields a desk edits on the case page, as the API's UpdateCaseDto names them. */
export interface CaseEdit {
  subject: string;
  description: string;
  topics: string[];
  callDurationSeconds: number | null;
  callDirection: 'inbound' | 'outbound' | null;
}

export type EditField = keyof CaseEdit;
export const EDIT_FIELDS: readonly EditField[] = [
  'subject',
  'description',
  'topics',
  'callDurationSeconds',
  'callDirection',
];

export interface FieldComparison {
  field: EditField;
  theirs: CaseEdit[EditField];
  mine: CaseEdit[EditField];
  /** Both sides changed the field, differently: the user must choose. */
  collides: boolean;
  /** Which side the merge takes unless the user chooses otherwise. */
  take: 'theirs' | 'mine';
}

const sorted = (list: readonly unknown[]): string[] => list.map(String).sort();

/** Equal values; lists (topics) compare as sets, since their order means nothing. */
const same = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && Array.isArray(b)) {
    const [x, y] = [sorted(a as unknown[]), sorted(b as unknown[])];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
};

/**
 * A three-way comparison of an edit that lost the race: `base` is what the user started from,
 * `mine` their draft, `theirs` what someone else saved meanwhile. A field only one side changed
 * takes that side; a field both changed the same way is no conflict; a field both changed
 * differently collides and keeps the user's draft until they choose. Only fields someone
 * changed are listed.
 */
export function compareEdits(base: CaseEdit, mine: CaseEdit, theirs: CaseEdit): FieldComparison[] {
  const rows: FieldComparison[] = [];
  for (const field of EDIT_FIELDS) {
    const mineChanged = !same(base[field], mine[field]);
    const theirsChanged = !same(base[field], theirs[field]);
    if (!mineChanged && !theirsChanged) {
      continue;
    }
    const collides = mineChanged && theirsChanged && !same(mine[field], theirs[field]);
    rows.push({
      field,
      theirs: theirs[field],
      mine: mine[field],
      collides,
      take: mineChanged ? 'mine' : 'theirs',
    });
  }
  return rows;
}

/** The merged edit: their version, with the user's side taken where `choices` say so. */
export function mergeEdits(
  theirs: CaseEdit,
  mine: CaseEdit,
  rows: readonly FieldComparison[],
  choices: Partial<Record<EditField, 'theirs' | 'mine'>> = {},
): CaseEdit {
  const merged = { ...theirs };
  for (const row of rows) {
    if ((choices[row.field] ?? row.take) === 'mine') {
      (merged as Record<EditField, unknown>)[row.field] = mine[row.field];
    }
  }
  return merged;
}

/** '5:05' or '305' (seconds) or '1:02:03' to seconds; '' to null; anything else undefined. */
export function parseDuration(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return null;
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const m = /^(?:(\d+):)?(\d{1,3}):([0-5]\d)$/.exec(trimmed);
  if (!m) {
    return undefined;
  }
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Seconds as 'm:ss' (or 'h:mm:ss' from an hour). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) {
    return '';
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
