/** The dotted paths to the strings of a resource group, e.g. `KeyPath<Resources['sessions']>`. */
export type KeyPath<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyPath<T[K]>}`;
}[keyof T & string];

/**
 * Whether a value from the server names an entry of a resource group, so that it can go into a
 * typed `t()` key; the caller shows the raw value when the console has no words for it.
 */
export const isKeyOf = <T extends object>(group: T, key: unknown): key is keyof T & string =>
  typeof key === 'string' && Object.hasOwn(group, key);
