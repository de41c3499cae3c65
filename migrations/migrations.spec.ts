import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('migrations', () => {
  const files = readdirSync(__dirname).filter((f) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(f));

  it('lists every migration file, in timestamp order', () => {
    const names = MIGRATIONS.map((m) => new m().name);
    const expected = files.sort().map((f) => {
      const [, stamp, name] = /^(\d{13})-([A-Za-z0-9]+)\.ts$/.exec(f)!;
      return `${name}${stamp}`;
    });
    expect(names).toEqual(expected);
  });
});
