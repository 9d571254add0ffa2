import { deflateSync } from 'fflate';

/** One entry of a hand-built zip: its name, its deflated bytes, and what its headers declare. */
export interface RawZipEntry {
  name: string;
  deflated: Uint8Array;
  crc: number;
  /** The inflated size the headers declare (a hostile file may lie). */
  declaredSize: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of bytes, as zip headers carry it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry for `data`, deflated once; the same entry object may be reused under many names. */
export function rawEntry(name: string, data: Uint8Array): RawZipEntry {
  return { name, deflated: deflateSync(data, { level: 6 }), crc: crc32(data), declaredSize: data.length };
}

/**
 * Writes a zip from already-deflated entries, so a test can put thousands
 * of copies of one 1 MiB entry into a small file without deflating each, or
 * declare sizes that lie. No ZIP64: up to 65,535 entries.
 */
export function writeRawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const localSize = entries.reduce((acc, e, i) => acc + 30 + names[i]!.length + e.deflated.length, 0);
  const centralSize = names.reduce((acc, n) => acc + 46 + n.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    const name = names[i]!;
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 8, 8, true); // deflate
    view.setUint32(at + 14, e.crc, true);
    view.setUint32(at + 18, e.deflated.length, true);
    view.setUint32(at + 22, e.declaredSize, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(e.deflated, at + 30 + name.length);
    at += 30 + name.length + e.deflated.length;
  });
  const central = at;
  entries.forEach((e, i) => {
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 10, 8, true);
    view.setUint32(at + 16, e.crc, true);
    view.setUint32(at + 20, e.deflated.length, true);
    view.setUint32(at + 24, e.declaredSize, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}
