import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { importHistoryCsv, importHistoryXlsx, type HistoryImport, type HistoryImportOptions } from '@shopplan/history';
import type { Lang, PlanIssue } from '@shopplan/schema';
import { UsageError, type CliIo } from '../io.ts';

/**
 * Reads a history or actuals file for `calibrate` and `review`: .xlsx through
 * the workbook reader, anything else as CSV streamed from disk (a 50 MB
 * export is never read whole). A missing file is a usage error (exit 2).
 */
export async function readHistoryFile(path: string | undefined, io: CliIo, options: Omit<HistoryImportOptions, 'file'>): Promise<HistoryImport> {
  if (!path) throw new UsageError('a history file is required');
  const full = resolve(io.cwd, path);
  try {
    if (!statSync(full).isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  const file = basename(path);
  if (extname(path).toLowerCase() === '.xlsx') return importHistoryXlsx(new Uint8Array(readFileSync(full)), { ...options, file });
  return importHistoryCsv(createReadStream(full), { ...options, file });
}

/** Prints a history file's problems, each in both languages (the chosen one first). */
export function printHistoryIssues(issues: readonly PlanIssue[], lang: Lang, io: CliIo): void {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  io.err(lang === 'zh' ? '历史数据有误，未做任何更改：' : 'The history file has problems; nothing was changed:');
  for (const issue of issues) {
    io.err(`  ${issue.message[lang]}`);
    io.err(`    ${issue.message[other]}`);
  }
}

/** `--map LABEL=ID` flags as the importer's mapping. */
export function parseMapping(flags: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags ?? []) {
    const eq = flag.lastIndexOf('=');
    if (eq <= 0 || eq === flag.length - 1) throw new UsageError(`--map must be LABEL=CHANNEL_ID, not "${flag}"`);
    out[flag.slice(0, eq).trim()] = flag.slice(eq + 1).trim();
  }
  return out;
}

/** Checks a --from / --to date. */
export function isoDateFlag(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new UsageError(`${name} must be a date YYYY-MM-DD, not "${value}"`);
  return value;
}
