/**
 * What the importer needs of a csv-parse build, so the Node and the browser
 * builds (package.json's `#csv-parser` import) plug in the same way.
 */

/** The csv-parse options the importer sets. */
export interface CsvParserOptions {
  bom: boolean;
  skip_empty_lines: boolean;
  relax_column_count: boolean;
  trim: boolean;
  info: boolean;
}

/** What the importer uses of a csv-parse parser (the same in both builds). */
export interface CsvParser {
  write(chunk: unknown): boolean;
  end(): unknown;
  read(): unknown;
  on(event: string, listener: (e?: Error) => void): unknown;
}

/** A csv-parse build: its parser, and the chunk it reads for UTF-8 bytes (null: it reads decoded text only). */
export interface CsvPlatform {
  createCsvParser: (options: CsvParserOptions) => CsvParser;
  bytesForParser: (chunk: Uint8Array) => unknown;
}
