import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.ts';

/** The repository root (test/integration/src → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `<repoRoot>/../shared/tools/xlsx-recalc`, as CI clones it beside the repo. */
export const XLSX_RECALC = resolve(REPO_ROOT, '../shared/tools/xlsx-recalc');

/**
 * Recalculates a workbook with LibreOffice (cached values ignored) and returns
 * each sheet's computed values as CSV rows. Throws, so tests fail rather than
 * skip, when the tool or LibreOffice is missing.
 */
export function recalcWithLibreOffice(bytes: Uint8Array, name: string): Map<string, string[][]> {
  if (!existsSync(XLSX_RECALC)) throw new Error(`xlsx-recalc not found at ${XLSX_RECALC}`);
  const dir = mkdtempSync(join(tmpdir(), 'shopplan-recalc-'));
  try {
    const book = join(dir, `${name}.xlsx`);
    writeFileSync(book, bytes);
    const run = spawnSync(XLSX_RECALC, [book, join(dir, 'csv')], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`xlsx-recalc failed (${run.status}): ${run.stderr}`);
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(join(dir, 'csv'))) {
      const sheet = basename(file, '.csv').slice(name.length + 1);
      sheets.set(sheet, parseCsv(readFileSync(join(dir, 'csv', file), 'utf8')));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each sheet as LibreOffice displays it (number formats applied), as CSV rows:
 * how a planner opening the file in LibreOffice sees the figures.
 */
export function shownByLibreOffice(bytes: Uint8Array, name: string): Map<string, string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'shopplan-shown-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    const book = join(dir, `${name}.xlsx`);
    writeFileSync(book, bytes);
    // as xlsx-recalc, but "save cell contents as shown" = true
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
    const run = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', join(dir, 'csv'), book], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0 || !existsSync(join(dir, 'csv'))) throw new Error(`LibreOffice could not convert the workbook: ${run.stderr || run.error?.message}`);
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(join(dir, 'csv'))) sheets.set(basename(file, '.csv').slice(name.length + 1), parseCsv(readFileSync(join(dir, 'csv', file), 'utf8')));
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens a workbook in LibreOffice (headless), recalculates it and saves it
 * again as xlsx: what a person using LibreOffice does. The file that comes
 * back is LibreOffice's own writing, not ExcelJS's.
 */
export function resaveWithLibreOffice(bytes: Uint8Array, name: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'shopplan-resave-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`);
    const input = join(dir, 'in', `${name}.xlsx`);
    mkdirSync(dirname(input));
    writeFileSync(input, bytes);
    const run = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), input], { encoding: 'utf8', timeout: 600_000 });
    const out = join(dir, 'out', `${name}.xlsx`);
    if (run.status !== 0 || !existsSync(out)) throw new Error(`LibreOffice could not re-save the workbook: ${run.stderr || run.stdout || run.error?.message}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
