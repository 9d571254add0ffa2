import type { Lang } from '@shopplan/schema';

/** Where a command writes; the real process streams in production, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment used for defaults such as the language. */
  env: Record<string, string | undefined>;
  /** Working directory that relative paths are read from. */
  cwd: string;
  /**
   * Progress of a long run (`risk`), e.g. "draws 2,000 / 10,000": a status
   * line, not output. The process entry shows it on stderr only when stderr
   * is a terminal; absent, progress is not shown. Never written to stdout.
   */
  progress?(text: string): void;
  /**
   * Today's date (YYYY-MM-DD) for figures that depend on it (an order-by
   * date already past): the process's clock when absent; tests pin it.
   */
  today?: string;
}

/** Exit codes of the `shopplan` command: a public interface scripts rely on. */
export const EXIT = { ok: 0, invalidPlan: 1, usage: 2 } as const;

/** A usage mistake (unknown verb or flag, missing argument): exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The interface language: `--lang` wins, then the locale (LC_ALL, LC_MESSAGES,
 * LANG): Chinese for a zh locale, English otherwise.
 */
export function resolveLang(flag: string | undefined, env: CliIo['env']): Lang {
  if (flag !== undefined) {
    if (flag !== 'zh' && flag !== 'en') throw new UsageError(`--lang must be zh or en, not "${flag}"`);
    return flag;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
