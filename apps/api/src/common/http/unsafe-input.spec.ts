import { findUnsafeInput, MAX_JSON_DEPTH } from './unsafe-input';

describe(findUnsafeInput.name, () => {
  it('accepts ordinary input, Japanese and other control characters included', () => {
    expect(
      findUnsafeInput({ name: 'テレワーク商事\t㈱', topics: ['ICT.SEC'], n: 3, ok: null }),
    ).toBeNull();
  });

  it('names the field holding a NUL character, however deep', () => {
    expect(findUnsafeInput({ name: 'a\u0000b' })).toEqual({
      field: 'name',
      message: 'must not contain NUL characters',
    });
    expect(
      findUnsafeInput({ organization: { contacts: [{ email: 'x' }, { email: '\u0000' }] } }),
    ).toMatchObject({ field: 'organization.contacts.1.email' });
    expect(findUnsafeInput({ ['bad\u0000key']: 1 })).toMatchObject({ field: 'bad\u0000key' });
  });

  it('refuses nesting beyond the limit, naming where it went too deep', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'x' : { a: nest(levels - 1) });
    expect(findUnsafeInput(nest(MAX_JSON_DEPTH))).toBeNull();
    const found = findUnsafeInput(nest(MAX_JSON_DEPTH + 1));
    expect(found?.message).toMatch(/nested/);
    expect(found?.field.split('.')).toHaveLength(MAX_JSON_DEPTH);
    expect(findUnsafeInput(nest(10_000))?.message).toMatch(/nested/);
  });

  it('calls a bare unsafe value the body', () => {
    expect(findUnsafeInput('\u0000')).toMatchObject({ field: 'body' });
  });
});
