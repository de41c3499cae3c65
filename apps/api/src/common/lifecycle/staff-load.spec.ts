import { StaffLoad } from './staff-load';

describe(StaffLoad.name, () => {
  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true));
    // yieldToStaff lets one turn of the event loop pass before it decides.
    for (let turn = 0; turn < 3; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  };

  it('does not hold an export back when nobody else is asking', async () => {
    const load = new StaffLoad();
    const download = load.begin();
    load.download();
    expect(load.busy).toBe(false);
    expect(await settled(load.yieldToStaff(10_000))).toBe(true);
    download();
  });

  it('holds an export back until the last other request ends', async () => {
    const load = new StaffLoad();
    const first = load.begin();
    const second = load.begin();
    const waiting = load.yieldToStaff(10_000);
    expect(await settled(waiting)).toBe(false);
    first();
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
  });

  it('never holds it back longer than the wait it was given', async () => {
    const load = new StaffLoad();
    load.begin();
    const started = Date.now();
    await load.yieldToStaff(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('counts a request once, however often its end is reported', () => {
    const load = new StaffLoad();
    const end = load.begin();
    const other = load.begin();
    end();
    end();
    expect(load.busy).toBe(true);
    other();
    expect(load.busy).toBe(false);
  });
});
