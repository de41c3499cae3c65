import type { MetadataStorage } from 'class-validator';

type Lookup = MetadataStorage['getTargetValidationMetadatas'];

const INSTALLED = Symbol.for('madoguchi.validationMetadataMemo');

/**
 * Makes class-validator look each class's rules up once instead of on every validation.
 *
 * To find a class's inherited rules, `getTargetValidationMetadatas` tests the class against every
 * class that has rules (`prototype instanceof`), on every call, nested objects included
 * (typestack/class-validator#2686, open). This application has a few hundred DTO classes, so
 * that scan was the largest single cost of validating a list's query string: ~70 µs of a
 * request's ~1.2 ms of CPU (docs/benchmarks.md, stop 34).
 *
 * The rules do not change once the classes are loaded, but a rule registered later (a
 * `registerDecorator` at run time) clears the memo, so the answers are always class-validator's
 * own. Callers only read the arrays returned (the validator groups them, the error mapper looks
 * constraints up in them).
 */
export function memoizeValidationMetadata(storage: MetadataStorage): void {
  const holder = storage as MetadataStorage & { [INSTALLED]?: true };
  if (holder[INSTALLED]) {
    return;
  }
  holder[INSTALLED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let memo = new WeakMap<object, Map<string, ReturnType<Lookup>>>();

  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    addValidationMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = memo.get(target);
    if (!byOptions) {
      byOptions = new Map();
      memo.set(target, byOptions);
    }
    let found = byOptions.get(key);
    if (!found) {
      found = lookup(target, schema, always, strictGroups, groups);
      byOptions.set(key, found);
    }
    return found;
  };
}
