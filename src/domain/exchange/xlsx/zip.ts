// The entries of a zip archive (an .xlsx), read from its central directory and inflated as a
// stream. Only what .xlsx needs: stored and deflated entries, zip64 sizes, no encryption.
// Every entry is capped: it may not inflate to more than its declared size nor beyond a limit,
// so a zip bomb fails with an error instead of filling memory or running for hours.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** A file that is not a readable zip, or an entry that breaks a limit: reported as a file error. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const MB = 1024 * 1024;

async function readAt(
  fd: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the archive, in central-directory order (the order they were written). */
export async function readZipEntries(file: string): Promise<ZipEntry[]> {
  const fd = await open(file, 'r');
  try {
    const { size: fileSize } = await fd.stat();
    const tailLength = Math.min(fileSize, 22 + MAX_COMMENT);
    const tail = await readAt(fd, fileSize - tailLength, tailLength);
    let eocd = tail.length - 22;
    while (eocd >= 0 && tail.readUInt32LE(eocd) !== EOCD) eocd--;
    if (eocd < 0) throw new ZipError('找不到 zip 目录，文件不完整或不是 .xlsx');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR)
        throw new ZipError('zip64 目录定位信息缺失');
      const record = await readAt(fd, Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('zip64 目录损坏');
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > fileSize) throw new ZipError('zip 目录超出文件末尾');
    // A central directory of a workbook is a few kB; a huge one is not a workbook.
    if (cdSize > 64 * MB) throw new ZipError('zip 目录过大');
    const cd = await readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipError('zip 目录损坏');
      const flags = cd.readUInt16LE(p + 8);
      if ((flags & 1) !== 0) throw new ZipError('文件已加密，请先在 Excel 中取消密码');
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
      entries.push(entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await fd.close();
  }
}

/** Sizes and offsets too big for 32 bits sit in the zip64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const value = Number(extra.readBigUInt64LE(q));
        q += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + length;
  }
}

/**
 * The inflated bytes of an entry, as a stream. It fails when the entry inflates to more than
 * it declared or than `maxBytes`: either means a damaged or hostile file.
 */
export async function entryStream(
  file: string,
  entry: ZipEntry,
  maxBytes: number,
): Promise<AsyncIterable<Buffer>> {
  if (entry.size > maxBytes) throw tooBig(entry, maxBytes);
  const fd = await open(file, 'r');
  let header: Buffer;
  try {
    header = await readAt(fd, entry.localHeaderOffset, 30);
  } finally {
    await fd.close();
  }
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
    throw new ZipError(`${entry.name} 的文件头损坏`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return emptyStream();
  const raw = createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: MB });
  if (entry.method === 0) return capped(raw, entry, Math.min(entry.size, maxBytes));
  if (entry.method !== 8) throw new ZipError(`${entry.name} 使用了不支持的压缩方式（${entry.method}）`);
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  raw.on('error', (e) => inflate.destroy(e));
  raw.pipe(inflate);
  return capped(inflate, entry, Math.min(entry.size, maxBytes));
}

function tooBig(entry: ZipEntry, maxBytes: number): ZipError {
  return new ZipError(
    `${entry.name} 解压后超过 ${Math.round(maxBytes / MB)} MB 的上限，文件可能已损坏或为恶意构造`,
  );
}

async function* emptyStream(): AsyncGenerator<Buffer> {
  // nothing
}

async function* capped(
  stream: NodeJS.ReadableStream & { destroy(): void },
  entry: ZipEntry,
  limit: number,
): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of stream) {
      if (!Buffer.isBuffer(chunk)) continue;
      total += chunk.length;
      if (total > limit) {
        throw total > entry.size
          ? new ZipError(`${entry.name} 解压后的大小与记录的不符，文件可能已损坏或为恶意构造`)
          : tooBig(entry, limit);
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`${entry.name} 解压失败（${e instanceof Error ? e.message : String(e)}）`);
  } finally {
    stream.destroy();
  }
}
