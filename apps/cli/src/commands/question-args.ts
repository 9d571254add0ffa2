import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lang } from '@shopplan/schema';
import { formatNumber } from '../format.ts';
import { UsageError, type CliIo } from '../io.ts';

/**
 * A numeric flag of seek / allocate / risk: absent is undefined, anything
 * that is not a finite number is a usage error (exit 2) naming the flag.
 * @example numberFlag('--budget', '800000') // 800000
 */
export function numberFlag(flag: string, text: string | undefined, opts: { integer?: boolean } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replace(/[_,]/g, ''));
  if (text.trim() === '' || !Number.isFinite(value) || (opts.integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be ${opts.integer ? 'a whole number' : 'a number'}, not "${text}"`);
  }
  return value;
}

/** Writes a plan document (JSON) where `-o` asks; a write failure is a usage error. */
export function writePlanJson(path: string, doc: unknown, io: CliIo, lang: Lang): void {
  const target = resolve(io.cwd, path);
  try {
    writeFileSync(target, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.out(lang === 'zh' ? `已写入计划 ${path}` : `wrote plan ${path}`);
}

/** Yuan with thousands separators and fen; '—' where a figure does not apply. */
export const money = (x: number | null): string => (x === null ? '—' : `¥${formatNumber(x, 2)}`);
/** A ROI-like ratio to 4 decimals. */
export const ratio = (x: number | null): string => formatNumber(x, 4);
/** A fraction as a percentage. */
export const percent = (x: number | null, decimals = 2): string => (x === null ? '—' : `${formatNumber(x * 100, decimals)}%`);
