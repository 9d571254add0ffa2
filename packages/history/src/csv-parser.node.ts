import { parse } from 'csv-parse';
import type { CsvParser, CsvParserOptions } from './csv-platform.ts';

/**
 * csv-parse for Node (resolved through the package's `#csv-parser` import
 * when not bundled for a browser): native Buffers, so UTF-8 bytes go to the
 * parser as they come off the disk, never through a JavaScript string.
 */

/** The streaming parser with the options the importer uses. */
export const createCsvParser = (options: CsvParserOptions): CsvParser => parse(options);

/** This build reads bytes: a UTF-8 chunk goes in as a Buffer view (no copy). */
export function bytesForParser(chunk: Uint8Array): Buffer | null {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
