// file-type ships only as an ES module: loaded once, on first use, and typed here by the one
// function used (a CommonJS file cannot name an ES module's types without import attributes).
interface FileTypeCore {
  fileTypeFromBuffer(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined>;
}
let fileType: Promise<FileTypeCore> | null = null;
const fileTypeFromBuffer = async (bytes: Buffer) =>
  (await (fileType ??= import('file-type/core') as Promise<FileTypeCore>)).fileTypeFromBuffer(
    bytes,
  );

export interface SniffedAttachment {
  /** The type read from the bytes; `application/octet-stream` when nothing is recognised. */
  sniffedType: string;
  quarantined: boolean;
  quarantineReason: string | null;
}

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msi',
  'application/vnd.microsoft.portable-executable',
  'application/x-sharedlib',
]);
const EXECUTABLE_NAME =
  /\.(?:exe|com|scr|pif|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|msi|dll|lnk|jar|cpl|reg|sh|app)$/i;
const ARCHIVE_TYPES = new Set(['application/zip']);

/** The file names inside a ZIP archive, read from its central directory (no decompression). */
export function zipEntryNames(bytes: Buffer): string[] {
  const names: string[] = [];
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  const from = Math.max(0, bytes.length - 65_557);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < from || eocd + 22 > bytes.length) {
    return names;
  }
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && at + 46 <= bytes.length; i += 1) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) {
      break;
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * What an attachment really is, from its bytes (file-type), and whether it must be quarantined:
 * executables (whatever their name says), and archives carrying executables. Quarantined files
 * are kept for an admin, never offered to staff as a download.
 */
export async function sniffAttachment(bytes: Buffer, filename: string): Promise<SniffedAttachment> {
  const type = await fileTypeFromBuffer(bytes);
  const sniffedType = type?.mime ?? 'application/octet-stream';
  if (EXECUTABLE_TYPES.has(sniffedType) || (!type && EXECUTABLE_NAME.test(filename))) {
    return { sniffedType, quarantined: true, quarantineReason: 'EXECUTABLE' };
  }
  if (ARCHIVE_TYPES.has(sniffedType) && zipEntryNames(bytes).some((n) => EXECUTABLE_NAME.test(n))) {
    return { sniffedType, quarantined: true, quarantineReason: 'ARCHIVE_WITH_EXECUTABLE' };
  }
  return { sniffedType, quarantined: false, quarantineReason: null };
}
