/**
 * Tables ordered so that each comes after the tables it references (self-references ignored).
 * Ties keep the given order. A cycle (desk ↔ app_user today) is broken at the earliest table in
 * the given order; the importer does not depend on the order (it re-checks foreign keys at the
 * end), but another reader loading file by file can, and the format document names the cycles.
 */
export function loadOrder(
  tables: readonly string[],
  references: readonly { table: string; references: string }[],
): string[] {
  const wanted = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) {
    if (r.table !== r.references && wanted.has(r.table) && wanted.has(r.references)) {
      parents.get(r.table)!.add(r.references);
    }
  }
  const done = new Set<string>();
  const ordered: string[] = [];
  while (ordered.length < tables.length) {
    const remaining = tables.filter((t) => !done.has(t));
    const ready =
      remaining.find((t) => [...parents.get(t)!].every((p) => done.has(p))) ?? remaining[0]!;
    done.add(ready);
    ordered.push(ready);
  }
  return ordered;
}
