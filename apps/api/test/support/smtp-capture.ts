import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: Buffer;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpCapture(): Promise<{
  url: string;
  received: CapturedMail[];
  /** Subject, body and headers of each captured mail, decoded. */
  parsed: () => Promise<
    { to: string[]; subject: string; text: string; headers: Map<string, unknown> }[]
  >;
  close: () => Promise<void>;
  /** Answers the next `count` messages with a temporary failure (451), as a busy server does. */
  refuse: (count: number) => void;
}> {
  const received: CapturedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        done();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    parsed: () =>
      Promise.all(
        received.map(async (m) => {
          const mail = await simpleParser(m.raw);
          return {
            to: m.to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            headers: mail.headers,
          };
        }),
      ),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
    refuse: (count) => {
      refusals = count;
    },
  };
}
