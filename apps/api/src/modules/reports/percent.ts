/** part ÷ whole as a percentage with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The median of a list of numbers (mean of the middle two for an even count). */
export function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median of a histogram of (value, count) pairs, as `median` would answer over the values
 * each repeated count times.
 */
export function weightedMedian(histogram: readonly (readonly [number, number])[]): number | null {
  const sorted = histogram.filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) {
    return null;
  }
  const at = (index: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) {
        return value;
      }
    }
    return sorted[sorted.length - 1]![0];
  };
  const mid = total >> 1;
  return total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
