import type ExcelJS from 'exceljs';
import { planIssue } from '@shopplan/schema';
import { HistoryChecker, type HistoryImport, type HistoryImportOptions } from './check.ts';

/** Plain value of an exceljs cell: rich text, formulas and hyperlinks read as what they show. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return value.text;
  return '';
}

/**
 * Imports a history workbook (.xlsx): the first worksheet, first row the
 * header, through the same alias table and checks as a CSV. A workbook is
 * read whole with exceljs (exports of daily rows are small as xlsx; the
 * streaming path is the CSV one).
 * @example await importHistoryXlsx(readFileSync('history.xlsx'), { file: 'history.xlsx', channels: plan.channels })
 */
export async function importHistoryXlsx(bytes: Uint8Array, options: HistoryImportOptions): Promise<HistoryImport> {
  const checker = new HistoryChecker(options);
  // loaded on first use: exceljs takes seconds to load, and a CSV import (or a CLI run) never needs it
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const f = options.file;
    return { ok: false, header: null, issues: [planIssue(f, 'bad_xlsx', `${f}：不是可读的 xlsx 工作簿（${(e as Error).message}）`, `${f}: not a readable xlsx workbook (${(e as Error).message})`)] };
  }
  const sheet = book.worksheets[0];
  let stop = false;
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    if (stop) return;
    const cells: unknown[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(plain(row.getCell(c).value));
    if (!checker.hasHeader) stop = !checker.readHeader(cells, line);
    else checker.readRow(cells, line);
  });
  return checker.finish('xlsx');
}
