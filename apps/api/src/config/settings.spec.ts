import { parseEnv } from './app-env';
import { toSettings } from './settings';

describe(toSettings.name, () => {
  const defaults = { consoleDir: '/srv/console' };

  it('turns demo data on for the embedded database only', () => {
    expect(
      toSettings(parseEnv({}), { url: 'postgres://e', embedded: true }, defaults).demoData,
    ).toBe(true);
    expect(
      toSettings(parseEnv({}), { url: 'postgres://p', embedded: false }, defaults).demoData,
    ).toBe(false);
  });

  it('lets DEMO_DATA override either way', () => {
    const on = toSettings(
      parseEnv({ DEMO_DATA: 'true' }),
      { url: 'postgres://p', embedded: false },
      defaults,
    );
    const off = toSettings(
      parseEnv({ DEMO_DATA: 'false' }),
      { url: 'postgres://e', embedded: true },
      defaults,
    );
    expect(on.demoData).toBe(true);
    expect(off.demoData).toBe(false);
  });

  it('uses the built console unless CONSOLE_DIR says otherwise', () => {
    expect(
      toSettings(parseEnv({}), { url: 'postgres://p', embedded: false }, defaults).consoleDir,
    ).toBe('/srv/console');
    expect(
      toSettings(
        parseEnv({ CONSOLE_DIR: '/tmp/c' }),
        { url: 'postgres://p', embedded: false },
        defaults,
      ).consoleDir,
    ).toBe('/tmp/c');
  });
});
