import * as platform from '#csv-parser';
import { planIssue } from '@shopplan/schema';
import type { CsvPlatform } from './csv-platform.ts';
import { HistoryChecker, type HistoryImport, type HistoryImportOptions } from './check.ts';

/**
 * Reading a history CSV as a stream: bytes arrive in chunks (a Node file
 * stream, or a browser File's stream()), are decoded with the platform's
 * TextDecoder (GBK or UTF-8, found from the first chunk), parsed by csv-parse
 * (its Node build in Node, reading UTF-8 bytes as they are; its browser build
 * in the page, reading decoded text: package.json's `#csv-parser` import
 * picks one by the resolver's `browser` condition) and checked row by row
 * into columns, so a 50 MB export is never held in memory as text or as row
 * objects.
 */

/** The text encodings the importer reads. */
export type HistoryEncoding = 'utf-8' | 'gbk' | 'utf-16le';

/**
 * Picks the encoding from the first bytes: a UTF-8 or UTF-16 byte-order mark
 * decides; otherwise bytes that are valid UTF-8 are UTF-8, and anything else
 * is GBK (what Excel on Chinese Windows writes for "CSV").
 */
export function sniffEncoding(first: Uint8Array): HistoryEncoding {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8';
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/**
 * Something that yields the file's bytes in order: a web ReadableStream (a
 * browser File's or Blob's stream(), a fetch body), a Node ReadStream, any
 * async iterable of chunks, or an array of chunks.
 */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The chunks of a byte source; a ReadableStream through its reader (not every browser can iterate one). */
async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if ('getReader' in source) {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
    } finally {
      reader.releaseLock();
    }
    return;
  }
  yield* source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Imports a history CSV from a stream of bytes: THE entry for Node (a file
 * stream) and the page (a File's stream() in a worker). Every problem is
 * reported at once (file, row, column, zh and en); the history is returned
 * only when there is none.
 * @example await importHistoryCsv(createReadStream('history.csv'), { file: 'history.csv', channels: plan.channels })
 * @example await importHistoryCsv(file.stream(), { file: file.name, channels: plan.channels })
 */
export async function importHistoryCsv(source: ByteSource, options: HistoryImportOptions & { encoding?: HistoryEncoding }): Promise<HistoryImport> {
  return importCsvWith(platform, source, options);
}

/**
 * The import with a given csv-parse build: `importHistoryCsv` passes the one
 * the resolver picked (Node or browser); tests pass each in turn.
 */
export async function importCsvWith(csv: CsvPlatform, source: ByteSource, options: HistoryImportOptions & { encoding?: HistoryEncoding }): Promise<HistoryImport> {
  const checker = new HistoryChecker(options);
  // trim: cells as exports pad them; info: each record's line number, for the messages
  const parser = csv.createCsvParser({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true });
  let failed: Error | null = null;
  let stop = false;
  parser.on('error', (e?: Error) => {
    failed ??= e ?? new Error('unknown parser error'); // the first error is the one to report; writes after it fail too
  });
  const drain = (): void => {
    for (let rec = parser.read() as { record: string[]; info: { lines: number } } | null; rec !== null; rec = parser.read() as typeof rec) {
      if (stop) continue;
      if (!checker.hasHeader) stop = !checker.readHeader(rec.record, rec.info.lines);
      else checker.readRow(rec.record, rec.info.lines);
    }
  };
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let encoding: HistoryEncoding = options.encoding ?? 'utf-8';
  let started = false;
  // UTF-8 goes to a byte-reading parser as it is; GBK and UTF-16 (and any text for the browser build) are decoded by the platform first
  let asBytes = false;
  for await (const chunk of chunksOf(source)) {
    if (chunk.byteLength === 0) continue;
    if (!started) {
      started = true;
      encoding = options.encoding ?? sniffEncoding(chunk);
      asBytes = encoding === 'utf-8' && csv.bytesForParser(chunk) !== null;
      if (!asBytes) decoder = new TextDecoder(encoding);
    }
    parser.write(asBytes ? csv.bytesForParser(chunk) : decoder!.decode(chunk, { stream: true }));
    drain();
    if (failed || stop) break;
  }
  // With no bytes at all there is nothing to parse (and csv-parse's browser build trips ending an unused parser).
  if (!started) return checker.finish(encoding);
  if (decoder !== null && !failed && !stop) {
    const rest = decoder.decode();
    if (rest !== '') parser.write(rest);
  }
  // Node's build reports an error found at the end (a quote never closed) on the next tick: wait for the parser to settle
  const settled = new Promise<void>((resolve) => {
    for (const event of ['finish', 'close', 'error']) parser.on(event, () => resolve());
  });
  parser.end();
  drain();
  if (!failed) await settled;
  drain();
  if (failed) {
    const f = options.file;
    const err = failed as Error & { lines?: number };
    const line = err.lines ?? 0;
    return { ok: false, header: null, issues: [planIssue(`${f}:${line}`, 'bad_csv', `${f} 第 ${line} 行：CSV 格式有误（${err.message}）`, `${f} row ${line}: the CSV is malformed (${err.message})`)] };
  }
  return checker.finish(encoding);
}
