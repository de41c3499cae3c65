// Full-width (CJK, full-width forms) characters take about twice the width of Latin letters
// and half-width katakana on an axis.
const NARROW = /[ -\u00ff\uff61-\uff9f]/;

/**
 * A long category name (a topic, a support program) shortened to fit a chart axis: `units` is
 * the room in half-width characters, a full-width character counting two. The chart's tooltip
 * and the data table under it keep the whole name.
 */
export function axisLabel(text: string, units = 30): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += NARROW.test(ch) ? 1 : 2;
    if (used > units) {
      return `${out.trimEnd()}…`;
    }
    out += ch;
  }
  return out;
}
