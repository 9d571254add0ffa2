export { importHistoryCsv, sniffEncoding } from './csv.ts';
export type { ByteSource, HistoryEncoding } from './csv.ts';
export { importHistoryXlsx } from './xlsx.ts';
export { HistoryChecker } from './check.ts';
export type { ChannelLabel, ChannelLabelUse, HeaderMapping, HistoryImport, HistoryImportOptions } from './check.ts';
export { HEADER_ALIASES, REQUIRED_FIELDS, NUMBER_FIELDS, FIELD_NAMES, fieldOfHeader, normaliseHeader } from './aliases.ts';
export type { HistoryField, NumberField } from './aliases.ts';
export { readDate, readDay, readNumber } from './values.ts';
export type { NumberCell } from './values.ts';
