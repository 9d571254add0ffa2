import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlanJson, type Lang, type Plan, type PlanIssue } from '@shopplan/schema';
import { UsageError, type CliIo } from './io.ts';

/** Plan files larger than this are refused before parsing: no plan is that big. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and validates a plan file. A missing file is a usage error (exit 2);
 * a file that is not a valid plan returns its issues (exit 1).
 */
export function readPlanFile(path: string | undefined, io: CliIo): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  if (!path) throw new UsageError('a plan file is required');
  const full = resolve(io.cwd, path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  if (size > MAX_PLAN_BYTES) {
    return { ok: false, issues: [{ path: '(file)', code: 'too_large', message: { zh: `计划文件过大（${size} 字节）`, en: `the plan file is too large (${size} bytes)` } }] };
  }
  return parsePlanJson(readFileSync(full, 'utf8'));
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
