import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { planIssue, type Lang, type PlanIssue } from '@shopplan/schema';
import { DEFAULT_IMPORT_LIMITS, importWorkbook } from '@shopplan/xlsx';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues } from '../plan-file.ts';

function printWarnings(warnings: readonly PlanIssue[], lang: Lang, io: CliIo): void {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  io.err(lang === 'zh' ? '注意（未读回的改动）：' : 'Note (changes not taken back):');
  for (const w of warnings) {
    io.err(`  ${w.path}: ${w.message[lang]}`);
    io.err(`  ${' '.repeat(w.path.length)}  ${w.message[other]}`);
  }
}

/** `shopplan import plan.xlsx [-o plan.json] [--lang zh|en]`: an edited workbook back into a plan document. */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  const path = positionals[0];
  if (!path) throw new UsageError('a workbook file is required');
  const full = resolve(io.cwd, path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  // refuse a huge file before reading it into memory
  if (size > DEFAULT_IMPORT_LIMITS.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    printIssues([planIssue('(file)', 'too_large', `文件过大（${mb(size)}），上限为 ${mb(DEFAULT_IMPORT_LIMITS.maxFileBytes)}`, `the file is too large (${mb(size)}); the limit is ${mb(DEFAULT_IMPORT_LIMITS.maxFileBytes)}`)], lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = await importWorkbook(new Uint8Array(readFileSync(full)));
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  if (outcome.warnings.length > 0) printWarnings(outcome.warnings, lang, io);
  const json = `${JSON.stringify(outcome.plan, null, 2)}\n`;
  if (!values.output) {
    io.out(json.trimEnd());
    return EXIT.ok;
  }
  try {
    writeFileSync(resolve(io.cwd, values.output), json);
  } catch (error) {
    throw new UsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.out(lang === 'zh' ? `已读回计划 ${values.output}` : `wrote ${values.output}`);
  return EXIT.ok;
}
