import { Badge } from '@mantine/core';

const CAP = 1000;

/** A saved view's count as a badge: "1000+" at the cap, nothing for a text search. */
export function SavedViewCount({ count }: { count: number | null }) {
  if (count === null) {
    return null;
  }
  return (
    <Badge size="sm" variant="default">
      {count >= CAP ? `${CAP}+` : count}
    </Badge>
  );
}
