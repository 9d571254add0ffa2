import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Lang, PlanIssue } from '@shopplan/schema';
import { DEFAULT_IMPORT_LIMITS, importWorkbook } from '@shopplan/xlsx';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readInputFile } from '../plan-file.ts';

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
  const read = readInputFile(positionals[0], io, 'workbook', DEFAULT_IMPORT_LIMITS.maxFileBytes);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = await importWorkbook(new Uint8Array(read.bytes));
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
