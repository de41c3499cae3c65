import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { decryptingStream, encryptingStream, HandoverDecryptError } from './handover-crypto';

const seal = async (plain: Buffer, passphrase: string, chunkSize: number): Promise<Buffer> =>
  buffer(Readable.from([plain]).pipe(await encryptingStream(passphrase, { chunkSize, N: 1024 })));

// Fed in odd-sized pieces, so chunk boundaries never line up with writes.
const open = (sealed: Buffer, passphrase: string): Promise<Buffer> => {
  const pieces: Buffer[] = [];
  for (let i = 0; i < sealed.length; i += 37) {
    pieces.push(sealed.subarray(i, i + 37));
  }
  return buffer(Readable.from(pieces).pipe(decryptingStream(passphrase)));
};

describe('hand-over passphrase layer', () => {
  it.each([0, 1, 100, 256, 1000])('round-trips %i bytes in 100-byte chunks', async (size) => {
    const plain = randomBytes(size);
    const sealed = await seal(plain, 'pass phrase', 100);
    expect(sealed.subarray(0, 8).toString()).toBe('MDGHOENC');
    expect(await open(sealed, 'pass phrase')).toEqual(plain);
  });

  it('refuses a wrong passphrase', async () => {
    const sealed = await seal(randomBytes(500), 'right', 100);
    await expect(open(sealed, 'wrong')).rejects.toThrow(HandoverDecryptError);
    await expect(open(sealed, 'wrong')).rejects.toThrow(/passphrase is wrong/);
  });

  it('refuses a truncated file, even cut at a chunk boundary', async () => {
    const sealed = await seal(randomBytes(500), 'pw', 100);
    await expect(open(sealed.subarray(0, sealed.length - 116), 'pw')).rejects.toThrow(
      HandoverDecryptError,
    );
    await expect(open(sealed.subarray(0, sealed.length - 1), 'pw')).rejects.toThrow(
      HandoverDecryptError,
    );
  });

  it('refuses a flipped bit anywhere', async () => {
    const sealed = await seal(randomBytes(300), 'pw', 100);
    for (const at of [20, sealed.length - 150, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 1;
      await expect(open(bad, 'pw')).rejects.toThrow(HandoverDecryptError);
    }
  });
});
