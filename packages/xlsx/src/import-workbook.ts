import ExcelJS from 'exceljs';
import { PlanModel, absoluteRef, columnLetter, planWorkbookSpec, type NameSpec } from '@shopplan/engine';
import { documentLocation, formatPath, listAssumptions, parsePlan, planIssue, writeAssumption, type Plan, type PlanIssue } from '@shopplan/schema';
import { sameCellText } from './cell-text.ts';
import { PLAN_SHEET, PLAN_SHEET_MARKER } from './embedded-plan.ts';
import { guardWorkbookZip, DEFAULT_IMPORT_LIMITS, type ImportLimits } from './zip-guard.ts';

export { DEFAULT_IMPORT_LIMITS };
export type { ImportLimits };

/**
 * What an import gives back: the plan with the assumptions as the workbook
 * holds them (and warnings about edits it did not take back), or the issues
 * that stop it, each naming a sheet and cell (`Assumptions!C5`) or `(file)`.
 */
export type ImportOutcome = { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[] };

const fail = (issues: PlanIssue[]): ImportOutcome => ({ ok: false, issues });

/** `Assumptions!$C$5` or `'My sheet'!C5` → sheet name and A1 address; undefined for ranges or other shapes. */
function parseRef(ref: string): { sheet: string; address: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return undefined;
  return { sheet: (m[1]?.replaceAll("''", "'") ?? m[2] ?? ''), address: `${m[3]}${m[4]}` };
}

/**
 * The document path zod reports for an assumption path, from the field
 * registry: `channels.search.cpc` → `channels[1].cost.cpc`,
 * `channels.search.kappa` → `channels[1].response.kappa`.
 */
function documentPath(plan: Plan, path: string): string {
  const at = documentLocation(plan, path);
  return at ? formatPath(at) : path;
}

/** Reads the plan document that `exportWorkbook` put on the hidden sheet. */
function embeddedPlan(book: ExcelJS.Workbook): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  const sheet = book.getWorksheet(PLAN_SHEET);
  const at = (r: number) => `${PLAN_SHEET}!A${r}`;
  if (!sheet || sheet.getCell('A1').text !== PLAN_SHEET_MARKER) {
    return { ok: false, issues: [planIssue(at(1), 'not_shopplan', `这个工作簿不是 shopplan 导出的（缺少隐藏的计划数据表“${PLAN_SHEET}”），无法读回计划`, `this workbook was not written by shopplan (the hidden plan sheet "${PLAN_SHEET}" is missing), so no plan can be read back`)] };
  }
  const damaged = (row: number, why: { zh: string; en: string }) => ({ ok: false as const, issues: [planIssue(at(row), 'plan_sheet_damaged', `隐藏的计划数据表已被改动，无法读回计划：${why.zh}`, `the hidden plan sheet was changed, so the plan cannot be read back: ${why.en}`)] });
  // the count is data from the file: trust it only as far as the sheet has rows
  // (a count of 100,000,000 must not make the import visit 100,000,000 cells)
  const countText = sheet.getCell('A2').text;
  const count = Number(countText);
  const present = sheet.actualRowCount - 2;
  if (!/^\d{1,9}$/.test(countText) || count < 1 || count > present) {
    return damaged(2, { zh: `块数“${countText.slice(0, 20)}”与表中的 ${Math.max(0, present)} 行数据不符`, en: `the chunk count "${countText.slice(0, 20)}" does not match the ${Math.max(0, present)} rows of data on the sheet` });
  }
  const chunks: string[] = [];
  for (let r = 3; r < 3 + count; r++) chunks.push(sheet.getCell(`A${r}`).text);
  let raw: unknown;
  try {
    raw = JSON.parse(chunks.join(''));
  } catch (error) {
    return damaged(3, { zh: '计划数据不是有效的 JSON', en: error instanceof Error ? error.message : String(error) });
  }
  let parsed: ReturnType<typeof parsePlan>;
  try {
    parsed = parsePlan(raw);
  } catch {
    // a document nested thousands of levels deep exhausts the validator's stack
    return damaged(3, { zh: '计划数据的结构过深或无法校验', en: 'the plan data is nested too deeply to be checked' });
  }
  if (parsed.ok) return parsed;
  const first = parsed.issues.slice(0, 3);
  return damaged(3, { zh: first.map((i) => `${i.path}：${i.message.zh}`).join('；'), en: first.map((i) => `${i.path}: ${i.message.en}`).join('; ') });
}

/**
 * True when two numbers are the same to the 15 significant digits spreadsheets
 * keep (LibreOffice rounds the 16th digit either way, so compare relatively).
 */
function samePrecision15(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-14 * Math.max(Math.abs(a), Math.abs(b));
}

/** A list of cells for an issue's path, shortened when long (10,000 product shares). */
function cellList(cells: string[]): string | undefined {
  if (cells.length === 0) return undefined;
  return cells.length <= 8 ? cells.join(', ') : `${cells.slice(0, 8).join(', ')} … (+${cells.length - 8})`;
}

/** Normalises formula text for comparison: Excel, WPS and LibreOffice may respace, re-case or add `$`. */
const normal = (f: string) => f.replace(/^=/, '').replace(/_xlfn\./gi, '').replace(/[\s$]/g, '').toUpperCase();

/**
 * Reads a workbook that shopplan wrote (and a person edited in Excel, WPS or
 * LibreOffice) back into a plan: the structure from the plan document on the
 * hidden sheet, every assumption from its named cell. Nothing is guessed: a
 * deleted name, text where a number belongs, a formula typed over an
 * assumption or a value that fails validation is an issue naming its cell.
 * Derived cells overwritten by hand are warnings: they are recomputed, not
 * taken back. Refuses oversized files, zip bombs and external links first.
 * @example const outcome = await importWorkbook(bytes); if (outcome.ok) outcome.plan
 */
export async function importWorkbook(bytes: Uint8Array, limits: Partial<ImportLimits> = {}): Promise<ImportOutcome> {
  const guarded = guardWorkbookZip(bytes, { ...DEFAULT_IMPORT_LIMITS, ...limits });
  if (!guarded.ok) return fail(guarded.issues);

  const book = new ExcelJS.Workbook();
  try {
    // only the parts the guard checked and passed on, never the uploaded bytes
    await book.xlsx.load(guarded.bytes as unknown as ArrayBuffer);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail([planIssue('(file)', 'not_xlsx', '无法读取工作簿：文件结构已损坏或不是 Excel/WPS/LibreOffice 保存的 xlsx', `the workbook cannot be read: ${why}`)]);
  }
  const embedded = embeddedPlan(book);
  if (!embedded.ok) return embedded;
  const original = embedded.plan;
  const spec = planWorkbookSpec(original);

  const issues: PlanIssue[] = [];
  const cellOf = new Map<string, string>(); // document path → where the value was read
  let next: Plan = original;
  const assumptions = listAssumptions(original);
  const labels = new Map(assumptions.map((a) => [a.path, a.label]));
  const exported = new Map(assumptions.map((a) => [a.path, a.value]));
  // array formulas of each sheet that holds assumptions, found once per sheet:
  // a cell inside one holds only the formula's cached result, not an input
  const arrays = new Map<string, Array<{ master: string; top: number; left: number; bottom: number; right: number }>>();
  const arrayOver = (cell: ExcelJS.Cell): string | undefined => {
    const ws = cell.worksheet;
    let list = arrays.get(ws.name);
    if (!list) {
      list = [];
      const found = list;
      ws.eachRow((row) => row.eachCell((c) => {
        const v = c.value as { shareType?: string; ref?: string } | null;
        const m = v && typeof v === 'object' && v.shareType === 'array' && typeof v.ref === 'string' ? /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(v.ref) : null;
        if (!m) return;
        const col = (letters: string) => [...letters].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
        const [, c1 = 'A', r1 = '1', c2 = c1, r2 = r1] = m;
        found.push({ master: `${ws.name}!${c.address}`, top: Number(r1), left: col(c1), bottom: Number(r2), right: col(c2) });
      }));
      arrays.set(ws.name, list);
    }
    const r = Number(cell.row);
    const c = Number(cell.col);
    return list.find((a) => a.master !== `${ws.name}!${cell.address}` && a.top <= r && r <= a.bottom && a.left <= c && c <= a.right)?.master;
  };
  /** Checks the value found for one assumption; records it, or the issue that stops it. */
  const take = (path: string, nameText: string, where: string, cell: ExcelJS.Cell | undefined): void => {
    const label = labels.get(path) ?? { zh: path, en: path };
    const value: unknown = cell?.value;
    const spill = cell ? arrayOver(cell) : undefined;
    if (spill) {
      issues.push(planIssue(where, 'array_over_assumption', `${label.zh}（${nameText}）被 ${spill} 处的数组公式覆盖；假设必须是单独输入的数字，请删除该数组公式`, `an array formula at ${spill} spills over ${label.en} (${nameText}); an assumption must be a number typed in its own cell, so remove the array formula`));
      return;
    }
    if (cell && cell.isMerged && cell.master !== cell) {
      const master = `${where.split('!')[0]}!${cell.master.address}`;
      issues.push(planIssue(where, 'merged_over_assumption', `${label.zh}（${nameText}）所在单元格被合并到 ${master}，显示的是 ${master} 的值；请取消合并`, `the cell of ${label.en} (${nameText}) was merged into ${master}, which it now shows; unmerge it`));
      return;
    }
    if (cell && cell.type === ExcelJS.ValueType.Formula) {
      issues.push(planIssue(where, 'formula_over_assumption', `${label.zh}（${nameText}）处输入了公式；假设必须是数字`, `a formula was typed over ${label.en} (${nameText}); an assumption must be a number`));
      return;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const shown = value === null || value === undefined ? '' : cell?.text ?? String(value);
      issues.push(shown === ''
        ? planIssue(where, 'empty', `${label.zh}（${nameText}）为空；请填写数字`, `${label.en} (${nameText}) is empty; enter a number`)
        : planIssue(where, 'not_a_number', `${label.zh}（${nameText}）应为数字，而不是“${shown}”`, `${label.en} (${nameText}) must be a number, not "${shown}"`));
      return;
    }
    cellOf.set(documentPath(original, path), where);
    // LibreOffice stores 15 significant digits: a value unchanged at that
    // precision is the plan's own value, not an edit
    const before = exported.get(path);
    // only a changed value makes a new plan: 10,000 products stay fast
    if (before === undefined || !samePrecision15(before, value)) next = writeAssumption(next, path, value) ?? next;
  };

  // named assumptions: read wherever the name points now (rows may have moved)
  const named = new Set<string>();
  const pointedAt = new Map<string, string>(); // cell → the name read there
  for (const name of spec.names.filter((n): n is NameSpec & { assumptionPath: string } => n.assumptionPath !== undefined)) {
    named.add(name.assumptionPath);
    const label = labels.get(name.assumptionPath) ?? { zh: name.assumptionPath, en: name.assumptionPath };
    const expected = absoluteRef(name.sheet, name.col, name.row).replaceAll('$', '');
    const ranges = book.definedNames.getRanges(name.name).ranges;
    const ref = ranges.length === 1 && ranges[0] ? parseRef(ranges[0]) : undefined;
    if (!ref) {
      issues.push(planIssue(expected, 'name_missing', `名称“${name.name}”（${label.zh}）已被删除或不再指向单个单元格，无法读回`, `the name "${name.name}" (${label.en}) was deleted or no longer names one cell, so it cannot be read back`));
      continue;
    }
    const where = `${ref.sheet}!${ref.address}`;
    const ws = book.getWorksheet(ref.sheet);
    const repointed = (zh: string, en: string) => issues.push(planIssue(expected, 'name_repointed', `名称“${name.name}”（${label.zh}）已被改为指向 ${where}，${zh}；无法读回，请把名称改回原来的单元格`, `the name "${name.name}" (${label.en}) was changed to point at ${where}, ${en}; it cannot be read back: point the name at its own cell again`));
    if (ref.sheet !== name.sheet) {
      repointed(`不在“${name.sheet}”表上`, `which is not on the ${name.sheet} sheet`);
      continue;
    }
    // a sorted sheet moves the whole row, path in column A included: the row
    // must still be this assumption's row, or the name was pointed elsewhere
    const row = ws?.getRow(Number(/\d+$/.exec(ref.address)?.[0] ?? 0));
    let ownRow = false;
    row?.eachCell((c) => {
      if (c.text === name.assumptionPath) ownRow = true;
    });
    if (!ownRow) {
      const other = row?.getCell(1).text;
      repointed(other ? `那是另一项假设（${other}）的单元格` : '那不是它所在的行', other ? `the cell of another assumption (${other})` : 'which is not its row');
      continue;
    }
    const earlier = pointedAt.get(where);
    if (earlier) {
      repointed(`与名称“${earlier}”指向同一个单元格`, `the same cell as the name "${earlier}"`);
      continue;
    }
    pointedAt.set(where, name.name);
    take(name.assumptionPath, name.name, where, ws?.getCell(ref.address));
  }
  // unnamed assumptions (a product's share and price): read at their place in
  // the spec, but only while the row still carries its id in column A
  for (const sheet of spec.sheets) {
    const ws = book.getWorksheet(sheet.name);
    sheet.rows.forEach((row, i) => row.forEach((cellSpec, col) => {
      const path = cellSpec.assumptionPath;
      if (!path || named.has(path)) return;
      const where = `${sheet.name}!${columnLetter(col)}${i + 2}`;
      const id = row[0]?.content;
      if (!ws || !sameCellText(ws.getCell(i + 2, 1).text, String(id))) {
        issues.push(planIssue(where, 'row_moved', `${sheet.name} 表第 ${i + 2} 行应为“${String(id)}”，行已被移动、插入或删除；无法读回 ${path}。请恢复原来的行顺序`, `row ${i + 2} of ${sheet.name} should be "${String(id)}": rows were moved, inserted or deleted, so ${path} cannot be read back; restore the original row order`));
        return;
      }
      take(path, path, where, ws.getCell(i + 2, col + 1));
    }));
  }
  if (issues.length > 0) return fail(issues);

  const located = (list: PlanIssue[]): PlanIssue[] => list.map((issue) => {
    const where = cellOf.get(issue.path) ?? (issue.code === 'shares_sum'
      ? cellList([...cellOf.entries()].filter(([p]) => p.startsWith(`${issue.path}[`) && /\.share$/.test(p)).map(([, w]) => w))
      : undefined);
    return where ? { ...issue, path: where } : issue;
  });
  const parsed = parsePlan(next);
  if (!parsed.ok) return fail(located(parsed.issues));

  const warnings: PlanIssue[] = [];
  // derived cells typed over by hand: recomputed from the assumptions, not taken back
  for (const sheet of spec.sheets) {
    const ws = book.getWorksheet(sheet.name);
    if (!ws) {
      warnings.push(planIssue(`${sheet.name}!A1`, 'sheet_missing', `工作表“${sheet.name}”已被删除；其中的公式会按假设重新计算`, `the sheet "${sheet.name}" was deleted; its formulas are recomputed from the assumptions`));
      continue;
    }
    sheet.rows.forEach((row, i) => row.forEach((spec, col) => {
      if (typeof spec.content === 'number' && spec.assumptionPath === undefined) {
        // a plan figure that is not an assumption (a week's weight): shown, not read back
        const found = ws.getCell(i + 2, col + 1).value;
        if (typeof found !== 'number' || !samePrecision15(found, spec.content)) {
          const where = `${sheet.name}!${columnLetter(col)}${i + 2}`;
          warnings.push(planIssue(where, 'value_not_taken_back', `${where} 的数值 ${spec.content} 被改动；它不是假设，不会读回（请在计划文件中修改）`, `${where} held ${spec.content} and was changed; it is not an assumption and is not read back (change it in the plan document)`));
        }
        return;
      }
      if (spec.format === 'text' || typeof spec.content !== 'string' || !spec.content.startsWith('=')) return;
      const cell = ws.getCell(i + 2, col + 1);
      const where = `${sheet.name}!${columnLetter(col)}${i + 2}`;
      const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
      if (formula === undefined || normal(formula) !== normal(spec.content)) {
        warnings.push(planIssue(where, 'derived_changed', `${where} 原为公式 ${spec.content}，被改动；shopplan 只读回假设，此处将按公式重新计算`, `${where} held the formula ${spec.content} and was changed; shopplan reads back assumptions only, so it is recomputed from the formula`));
      }
    }));
  }
  const model = PlanModel.build(parsed.plan);
  try {
    warnings.push(...located(model.result().issues));
  } finally {
    model.dispose();
  }
  return { ok: true, plan: parsed.plan, warnings };
}
