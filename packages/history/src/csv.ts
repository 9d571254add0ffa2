import { parse } from 'csv-parse/browser/esm';
import { planIssue } from '@shopplan/schema';
import { HistoryChecker, type HistoryImport, type HistoryImportOptions } from './check.ts';

/**
 * Reading a history CSV as a stream: bytes arrive in chunks (a Node file
 * stream, or a browser File's stream()), are decoded with the platform's
 * TextDecoder (GBK or UTF-8, found from the first chunk), parsed by csv-parse
 * (its browser build, which runs the same in Node and in the page) and checked
 * row by row, so a 50 MB export is never held in memory as text.
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

/** Something that yields the file's bytes in order: a Node ReadStream, a web ReadableStream, an array of chunks. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Imports a history CSV from a stream of bytes. Every problem is reported
 * at once (file, row, column, zh and en); rows are returned only when there
 * is none.
 * @example await importHistoryCsv(createReadStream('history.csv'), { file: 'history.csv', channels: plan.channels })
 */
export async function importHistoryCsv(source: ByteSource, options: HistoryImportOptions & { encoding?: HistoryEncoding }): Promise<HistoryImport> {
  const checker = new HistoryChecker(options);
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true });
  let failed: Error | null = null;
  let stop = false;
  parser.on('error', (e: Error) => {
    failed = e;
  });
  const drain = (): void => {
    for (let rec = parser.read() as { record: string[]; info: { lines: number } } | null; rec !== null; rec = parser.read()) {
      if (stop) continue;
      if (!checker.hasHeader) stop = !checker.readHeader(rec.record, rec.info.lines);
      else checker.readRow(rec.record, rec.info.lines);
    }
  };
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let encoding: HistoryEncoding = options.encoding ?? 'utf-8';
  for await (const chunk of source) {
    if (decoder === null) {
      encoding = options.encoding ?? sniffEncoding(chunk);
      decoder = new TextDecoder(encoding);
    }
    parser.write(decoder.decode(chunk, { stream: true }));
    drain();
    if (failed || stop) break;
  }
  // With no bytes at all there is nothing to parse (and csv-parse's browser build trips ending an unused parser).
  if (decoder === null) return checker.finish(encoding);
  if (!failed) parser.write(decoder.decode());
  parser.end();
  drain();
  if (failed) {
    const f = options.file;
    const err = failed as Error & { lines?: number };
    const line = err.lines ?? 0;
    return { ok: false, header: null, issues: [planIssue(`${f}:${line}`, 'bad_csv', `${f} 第 ${line} 行：CSV 格式有误（${err.message}）`, `${f} row ${line}: the CSV is malformed (${err.message})`)] };
  }
  return checker.finish(encoding);
}
