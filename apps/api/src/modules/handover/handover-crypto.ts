import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The optional passphrase layer around the archive, documented in docs/handover-format.md:
 *
 *   "MDGHOENC" | u8 version (1) | u32 BE header length | header JSON | chunk…
 *
 * The header names the key derivation (scrypt, its cost and salt) and the chunk size. The plaintext
 * is cut into chunks of `chunkSize` bytes (the last one shorter, possibly empty), each sealed with
 * AES-256-GCM: ciphertext then its 16-byte tag. A chunk's 12-byte nonce is the header's 7-byte
 * prefix, the chunk's index (u32 BE) and 1 for the last chunk else 0, and the whole header is the
 * associated data — so reordered, dropped or truncated chunks and an edited header all fail, and no
 * byte is released before its chunk is authenticated (plain streaming GCM would only tell at the end).
 */
export const ENCRYPTION_MAGIC = Buffer.from('MDGHOENC', 'ascii');
const VERSION = 1;
const TAG_BYTES = 16;
const DEFAULT_CHUNK = 64 * 1024;

export interface EncryptionHeader {
  cipher: 'aes-256-gcm';
  kdf: 'scrypt';
  /** scrypt cost parameters and salt (base64). */
  N: number;
  r: number;
  p: number;
  salt: string;
  /** base64 of 7 random bytes. */
  noncePrefix: string;
  chunkSize: number;
}

export class HandoverDecryptError extends Error {}

function deriveKey(passphrase: string, header: EncryptionHeader): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(header.salt, 'base64'),
      32,
      { N: header.N, r: header.r, p: header.p, maxmem: 256 * header.N * header.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

function encodeHeader(header: EncryptionHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const fixed = Buffer.alloc(ENCRYPTION_MAGIC.length + 5);
  ENCRYPTION_MAGIC.copy(fixed);
  fixed[ENCRYPTION_MAGIC.length] = VERSION;
  fixed.writeUInt32BE(json.length, ENCRYPTION_MAGIC.length + 1);
  return Buffer.concat([fixed, json]);
}

/** A transform that seals what passes through under a key derived from the passphrase. */
export async function encryptingStream(
  passphrase: string,
  options: { chunkSize?: number; N?: number } = {},
): Promise<Transform> {
  const header: EncryptionHeader = {
    cipher: 'aes-256-gcm',
    kdf: 'scrypt',
    N: options.N ?? 2 ** 15,
    r: 8,
    p: 1,
    salt: randomBytes(16).toString('base64'),
    noncePrefix: randomBytes(7).toString('base64'),
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK,
  };
  const key = await deriveKey(passphrase, header);
  const headerBytes = encodeHeader(header);
  const prefix = Buffer.from(header.noncePrefix, 'base64');
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, index, last));
    cipher.setAAD(headerBytes);
    index += 1;
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };
  let headerWritten = false;
  const emitHeader = (stream: Transform): void => {
    if (!headerWritten) {
      stream.push(headerBytes);
      headerWritten = true;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      emitHeader(this);
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Keep at least one byte back: the last chunk must be sealed as last, even if it is full.
      while (pendingBytes > header.chunkSize) {
        const all = Buffer.concat(pending);
        this.push(seal(all.subarray(0, header.chunkSize), false));
        const rest = all.subarray(header.chunkSize);
        pending = [rest];
        pendingBytes = rest.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      emitHeader(this);
      this.push(seal(Buffer.concat(pending), true));
      pending = [];
      done();
    },
  });
}

/** Whether a file's first bytes are the encryption magic. */
export function isEncrypted(firstBytes: Buffer): boolean {
  return (
    firstBytes.length >= ENCRYPTION_MAGIC.length &&
    firstBytes.subarray(0, ENCRYPTION_MAGIC.length).equals(ENCRYPTION_MAGIC)
  );
}

/** The inverse of encryptingStream; fails with HandoverDecryptError on a wrong passphrase or a damaged file. */
export function decryptingStream(passphrase: string): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let header: EncryptionHeader | null = null;
  let headerBytes: Buffer = Buffer.alloc(0);
  let key: Buffer | null = null;
  let prefix: Buffer = Buffer.alloc(0);
  let index = 0;
  const open = (sealed: Buffer, last: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', key!, nonce(prefix, index, last));
    decipher.setAAD(headerBytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    index += 1;
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new HandoverDecryptError(
        index === 1
          ? 'The passphrase is wrong, or the archive is damaged.'
          : `The archive is damaged or was altered (encrypted chunk ${index - 1} fails its check).`,
      );
    }
  };
  const readHeader = async (): Promise<boolean> => {
    const fixed = ENCRYPTION_MAGIC.length + 5;
    if (buffered.length < fixed) {
      return false;
    }
    if (!isEncrypted(buffered)) {
      throw new HandoverDecryptError('This archive is not encrypted with a passphrase.');
    }
    if (buffered[ENCRYPTION_MAGIC.length] !== VERSION) {
      throw new HandoverDecryptError(
        `Unknown encryption version ${buffered[ENCRYPTION_MAGIC.length]}.`,
      );
    }
    const length = buffered.readUInt32BE(ENCRYPTION_MAGIC.length + 1);
    if (buffered.length < fixed + length) {
      return false;
    }
    headerBytes = Buffer.from(buffered.subarray(0, fixed + length));
    header = JSON.parse(
      buffered.subarray(fixed, fixed + length).toString('utf8'),
    ) as EncryptionHeader;
    if (header.cipher !== 'aes-256-gcm' || header.kdf !== 'scrypt') {
      throw new HandoverDecryptError(`Unknown cipher ${header.cipher} / ${header.kdf}.`);
    }
    prefix = Buffer.from(header.noncePrefix, 'base64');
    key = await deriveKey(passphrase, header);
    buffered = buffered.subarray(fixed + length);
    return true;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const work = async (): Promise<void> => {
        if (!header && !(await readHeader())) {
          return;
        }
        const sealedSize = header!.chunkSize + TAG_BYTES;
        // A chunk is known not to be the last only once more bytes follow it.
        while (buffered.length > sealedSize) {
          this.push(open(buffered.subarray(0, sealedSize), false));
          buffered = buffered.subarray(sealedSize);
        }
      };
      work().then(() => done(), done);
    },
    flush(done: TransformCallback) {
      try {
        if (!header || buffered.length < TAG_BYTES) {
          throw new HandoverDecryptError('The encrypted archive is truncated.');
        }
        this.push(open(buffered, true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
