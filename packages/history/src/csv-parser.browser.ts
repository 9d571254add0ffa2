import { parse } from 'csv-parse/browser/esm';
import type { CsvParser, CsvParserOptions } from './csv-platform.ts';

/**
 * csv-parse's browser build (resolved through the package's `#csv-parser`
 * import under the `browser` condition, e.g. in the page's worker): it
 * carries its own Buffer, which a platform Uint8Array is not, so text goes
 * in as strings from the TextDecoder.
 */

/** The streaming parser with the options the importer uses. */
export const createCsvParser = (options: CsvParserOptions): CsvParser => parse(options);

/** This build takes text only: null says "decode first". */
export function bytesForParser(_chunk: Uint8Array): null {
  return null;
}
