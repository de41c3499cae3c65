import { SingleBar } from 'cli-progress';

/** Rows done out of an expected total: a bar on a terminal, a plain line per table otherwise. */
export interface HandoverProgress {
  start(total: number): void;
  table(name: string): void;
  advance(rows: number): void;
  tableDone(name: string, rows: number): void;
  stop(): void;
}

export const silentProgress: HandoverProgress = {
  start: () => undefined,
  table: () => undefined,
  advance: () => undefined,
  tableDone: () => undefined,
  stop: () => undefined,
};

export function terminalProgress(
  verb: string,
  stream: NodeJS.WriteStream = process.stderr,
): HandoverProgress {
  if (!stream.isTTY) {
    return {
      start: (total) => stream.write(`${verb}: about ${total} rows\n`),
      table: () => undefined,
      advance: () => undefined,
      tableDone: (name, rows) => stream.write(`${verb} ${name}: ${rows} rows\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {table} | {duration_formatted}`,
    hideCursor: true,
  });
  let done = 0;
  let total = 0;
  return {
    start: (n) => {
      total = n;
      bar.start(Math.max(n, 1), 0, { table: '' });
    },
    table: (name) => bar.update({ table: name }),
    advance: (rows) => {
      done += rows;
      // Planner estimates can fall short of the truth; the bar grows rather than overflows.
      if (done > total) {
        total = done;
        bar.setTotal(total);
      }
      bar.update(done);
    },
    tableDone: () => undefined,
    stop: () => bar.stop(),
  };
}
