// class-transformer @Transform functions for the public forms, which arrive as JSON or as a
// plain HTML form post.

/** A form post sends every field, blank ones as ''; blank means "not given". */
export const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;

export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** A checkbox posts "yes" (its value) when ticked and nothing at all when not; JSON says true. */
export const checked = ({ value }: { value: unknown }): unknown =>
  value === true || value === 'yes' || value === 'on' || value === 'true';
