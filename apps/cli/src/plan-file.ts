import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlanJson, planIssue, type Lang, type Plan, type PlanIssue } from '@shopplan/schema';
import { UsageError, type CliIo } from './io.ts';

/** Plan files larger than this are refused before parsing: no plan is that big. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * Reads an input file whole, refusing one over `maxBytes` before it is read
 * into memory. A missing path or file is a usage error (exit 2); a file too
 * large is an issue (exit 1).
 */
export function readInputFile(path: string | undefined, io: CliIo, what: 'plan' | 'workbook' | 'holiday', maxBytes: number): { ok: true; bytes: Buffer } | { ok: false; issues: PlanIssue[] } {
  if (!path) throw new UsageError(`a ${what} file is required`);
  const full = resolve(io.cwd, path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  if (size > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const zh = what === 'plan' ? '计划文件' : '文件';
    return { ok: false, issues: [planIssue('(file)', 'too_large', `${zh}过大（${mb(size)}），上限为 ${mb(maxBytes)}`, `the ${what} file is too large (${mb(size)}); the limit is ${mb(maxBytes)}`)] };
  }
  return { ok: true, bytes: readFileSync(full) };
}

/**
 * Reads and validates a plan file. A missing file is a usage error (exit 2);
 * a file that is not a valid plan returns its issues (exit 1).
 */
export function readPlanFile(path: string | undefined, io: CliIo): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  const read = readInputFile(path, io, 'plan', MAX_PLAN_BYTES);
  return read.ok ? parsePlanJson(planText(read.bytes)) : read;
}

/**
 * The one plan file of a verb that takes one (`shopplan compute PLAN`): a
 * second file is a usage error (exit 2) rather than silently ignored, as a
 * planner who typed two files expects both to count.
 */
export function onePlanPath(positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) throw new UsageError(`one plan file, not ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0];
}

/**
 * The text of a JSON file, without the UTF-8 byte order mark Windows Notepad
 * writes at the start (JSON.parse refuses it as an invisible character).
 */
export function planText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Prints issues, each naming its field path, in both languages (the chosen
 * one first) so a message is understood whoever reads it.
 */
export function printIssues(issues: readonly PlanIssue[], lang: Lang, io: CliIo): void {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  io.err(lang === 'zh' ? '计划有误：' : 'The plan has problems:');
  for (const issue of issues) {
    io.err(`  ${issue.path}: ${issue.message[lang]}`);
    io.err(`  ${' '.repeat(issue.path.length)}  ${issue.message[other]}`);
  }
}
