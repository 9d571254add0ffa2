/**
 * Seeded fuzz run over malformed plan files and workbooks (issue 10, "what it
 * must show"). Valid example plans and workbooks exported from them are
 * mutated (wrong types, deleted keys, huge / negative / non-finite numbers,
 * odd strings, deep nesting, __proto__ keys, truncated or flipped bytes,
 * random XML edits) and run through the CLI's entry point in-process, plus a
 * few through the bundled command as a real process. Every outcome must be
 * exit 0 with only finite numbers in --json, or exit 1 with a message in
 * Chinese and English naming the field or cell.
 *
 * SHOPPLAN_FUZZ_PLANS (300), SHOPPLAN_FUZZ_WORKBOOKS (100) and
 * SHOPPLAN_FUZZ_SEED (20261130) set the size and the seed; CI runs the defaults.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS, examplePlan } from '@shopplan/examples';
import { exportWorkbook, XlsxXml } from '@shopplan/xlsx';
import { runCli } from './cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bundle = join(repoRoot, 'apps/cli/dist/shopplan.js');
const work = mkdtempSync(join(tmpdir(), 'shopplan-fuzz-'));
const PLANS = Number(process.env.SHOPPLAN_FUZZ_PLANS ?? 300);
const WORKBOOKS = Number(process.env.SHOPPLAN_FUZZ_WORKBOOKS ?? 100);
const SEED = Number(process.env.SHOPPLAN_FUZZ_SEED ?? 20261130);
// The year-long calendar examples (hundreds of days × channels in the Days
// sheet) cost seconds per case; the fuzz keeps to the examples that compute in
// milliseconds, the presale month among them, so CI runs every case in minutes.
const SLOW_EXAMPLES = new Set(['year-2027', 'history-shop-2026', 'scale']);
const EXAMPLES = Object.keys(EXAMPLE_PLAN_DOCUMENTS).filter((id) => !SLOW_EXAMPLES.has(id));
/** SHOPPLAN_FUZZ_VERBOSE=1 prints each case's outcome and first message line. */
const VERBOSE = Boolean(process.env.SHOPPLAN_FUZZ_VERBOSE);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------- mutations

/** Every path to a value in a JSON document, the root included, up to 200 deep (walked without recursion: a mutated document may be 30,000 deep). */
function pathsOf(doc: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[Json, Array<string | number>]> = [[doc, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    out.push(path);
    if (path.length >= 200) continue;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, [...path, i]]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push([v, [...path, k]]);
  }
  return out;
}

/** A position in a file or a part, uniform over [0, 1) (fc.double leans to the extremes). */
const fraction = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);

/** A value that breaks expectations: wrong types, extreme numbers, odd strings. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, '', '0.03', 'NaN', 'Infinity', '-1', [], {}, [1, 2], { model: 'cpc' }),
  fc.constantFrom<Json>(0, -0, -1, -1e-9, 5e-324, 1e-300, 1e15, 1e300, -1e300, Number.MAX_VALUE, 2 ** 53 + 1, 0.1 + 0.2, 1.0000004),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom<Json>('\u001b[2J', 'a\u0000b', '\u202egnp.exe', '直通车', 'x'.repeat(20_000), '_x0022_', '=SUM(1)', '<script>'),
);

/** One edit of a parsed plan document. */
type DocEdit =
  | { kind: 'nudge'; pick: number; factor: number }
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'nest'; pick: number; depth: number }
  | { kind: 'proto'; pick: number }
  | { kind: 'grow'; pick: number; copies: number };
/** One edit of a plan file's text, after the document edits. */
type TextEdit =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'bom' }
  | { kind: 'infinity'; pick: number };

const docEdit: fc.Arbitrary<DocEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('nudge' as const), pick: fc.nat(), factor: fc.constantFrom(0, 0.5, 0.9, 1.1, 2, 10, -1) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), pick: fc.nat(), depth: fc.constantFrom(3, 40, 5_000, 30_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grow' as const), pick: fc.nat(), copies: fc.constantFrom(2, 50, 6_000) }) },
);
const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fraction, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('infinity' as const), pick: fc.nat() }) },
);

/** A verb and its flags, run on the mutated plan. */
const verb: fc.Arbitrary<string[]> = fc.constantFrom(
  ['compute', '--json'], ['compute', '--json'], ['compute', '--lang', 'zh'],
  ['risk', '--draws', '12', '--json'], ['allocate', '--budget', '800000', '--json'], ['allocate', '--target', '2500000', '--json'],
  ['seek', '--driver', 'budget', '--json'], ['seek', '--driver', 'channels.search.cvr', '--budget', '900000', '--json'],
);

const planCase = fc.record({ example: fc.constantFrom(...EXAMPLES), edits: fc.array(docEdit, { minLength: 1, maxLength: 2 }), text: textEdit, verb });
type PlanCase = typeof planCase extends fc.Arbitrary<infer T> ? T : never;

function valueAt(doc: Json, path: Array<string | number>): Json | undefined {
  let at: Json | undefined = doc;
  for (const k of path) at = at !== null && typeof at === 'object' ? (at as Record<string | number, Json>)[k] : undefined;
  return at;
}

function applyDocEdit(doc: Json, edit: DocEdit): Json {
  const paths = pathsOf(doc);
  const path = paths[edit.pick % paths.length]!;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  let parent: Json = doc;
  for (const k of parentPath) parent = (parent as Record<string | number, Json>)[k]!;
  const target = key === undefined ? doc : (parent as Record<string | number, Json>)[key]!;
  const put = (value: Json): Json => {
    if (key === undefined) return value;
    (parent as Record<string | number, Json>)[key] = value;
    return doc;
  };
  switch (edit.kind) {
    case 'nudge': {
      // a plausible edit: the nearest number at or after the picked path, scaled
      const numeric = paths.slice(edit.pick % paths.length).concat(paths).find((p) => typeof valueAt(doc, p) === 'number');
      if (!numeric || numeric.length === 0) return doc;
      const holder = valueAt(doc, numeric.slice(0, -1)) as Record<string | number, Json>;
      const last = numeric[numeric.length - 1]!;
      holder[last] = (holder[last] as number) * edit.factor;
      return doc;
    }
    case 'set':
      return put(edit.value);
    case 'delete':
      if (key === undefined) return doc;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, Json>)[key as string];
      return doc;
    case 'nest': {
      let nested: Json = target;
      for (let i = 0; i < edit.depth; i++) nested = i % 2 ? [nested] : { v: nested };
      return put(nested);
    }
    case 'proto':
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
      return doc;
    case 'grow':
      // the same value again, not a copy: the text repeats it, and a 30,000-deep value is never walked here
      if (Array.isArray(target) && target.length > 0) for (let i = 0; i < edit.copies; i++) target.push(target[i % target.length]!);
      else if (target !== null && typeof target === 'object') for (let i = 0; i < edit.copies; i++) (target as Record<string, Json>)[`k${i}`] = i;
      return doc;
  }
}

/** Punctuation to write as is, on the stack of `toJsonText`. */
class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of a document too deep for JSON.stringify: written without recursion. */
function toJsonText(doc: Json): string {
  const parts: string[] = [];
  const stack: Array<Json | Raw> = [doc];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Raw) parts.push(item.text);
    else if (Array.isArray(item)) {
      parts.push('[');
      stack.push(new Raw(']'));
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]!, ...(i > 0 ? [new Raw(',')] : []));
    } else if (item !== null && typeof item === 'object') {
      parts.push('{');
      stack.push(new Raw('}'));
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]![1], new Raw(`${i > 0 ? ',' : ''}${JSON.stringify(entries[i]![0])}:`));
    } else parts.push(JSON.stringify(item) ?? 'null');
  }
  return parts.join('');
}

function planBytes(c: PlanCase): Buffer {
  let doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS[c.example]) as Json;
  for (const edit of c.edits) doc = applyDocEdit(doc, edit);
  let text = toJsonText(doc);
  const t = c.text;
  if (t.kind === 'infinity') {
    // JSON cannot say Infinity; 1e309 parses as it
    const numbers = [...text.matchAll(/(?<=:)-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
    const m = numbers[t.pick % Math.max(1, numbers.length)];
    if (m?.index !== undefined) text = `${text.slice(0, m.index)}1e309${text.slice(m.index + m[0].length)}`;
  }
  let bytes = Buffer.from(text, 'utf8');
  if (t.kind === 'truncate') bytes = bytes.subarray(0, Math.floor(bytes.length * t.at));
  if (t.kind === 'flip' && bytes.length > 0) bytes[Math.min(bytes.length - 1, Math.floor(bytes.length * t.at))] = t.byte;
  if (t.kind === 'bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  return bytes;
}

// ---------------------------------------------------------------- workbooks

/** One edit of an exported workbook. */
type BookEdit =
  | { kind: 'nudge'; part: number; pick: number; factor: number }
  | { kind: 'value'; part: number; pick: number; value: string }
  | { kind: 'dropCell'; part: number; pick: number }
  | { kind: 'splice'; part: number; at: number; cut: number; insert: string }
  | { kind: 'truncatePart'; part: number; at: number }
  | { kind: 'truncateZip'; at: number }
  | { kind: 'flipZip'; at: number; byte: number };

const bookEdit: fc.Arbitrary<BookEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('nudge' as const), part: fc.nat(), pick: fc.nat(), factor: fc.constantFrom(0, 0.5, 0.9, 1.1, 2, 10, -1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('value' as const), part: fc.nat(), pick: fc.nat(), value: fc.constantFrom('abc', '-1', '0', '1e308', '1e309', '', 'NaN', '-0.5', '99999999999999999999', '2', '0.0000001', '#DIV/0!') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropCell' as const), part: fc.nat(), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('splice' as const), part: fc.nat(), at: fraction, cut: fc.integer({ min: 0, max: 40 }), insert: fc.constantFrom('', '<', '"', '{"version":', '</t>', '<c r="A1"><v>1</v></c>', '[[[[[[', '&amp;', 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncatePart' as const), part: fc.nat(), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncateZip' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flipZip' as const), at: fraction, byte: fc.integer({ min: 0, max: 255 }) }) },
);
const bookCase = fc.record({ example: fc.constantFrom(...EXAMPLES), lang: fc.constantFrom('zh', 'en'), edits: fc.array(bookEdit, { minLength: 1, maxLength: 2 }) });
type BookCase = typeof bookCase extends fc.Arbitrary<infer T> ? T : never;

const exported = new Map<string, Uint8Array>();
async function exportedBook(example: string, lang: 'zh' | 'en'): Promise<Uint8Array> {
  const key = `${example}/${lang}`;
  if (!exported.has(key)) exported.set(key, await exportWorkbook({ plan: examplePlan(example), lang }));
  return exported.get(key)!;
}

async function bookBytes(c: BookCase): Promise<Uint8Array> {
  const xml = await XlsxXml.open(await exportedBook(c.example, c.lang as 'zh' | 'en'));
  const parts = Object.keys(xml.zip.files).filter((p) => /^xl\/(worksheets\/sheet\d+|sharedStrings|workbook)\.xml$/.test(p)).sort();
  const zipEdits: BookEdit[] = [];
  for (const edit of c.edits) {
    if (edit.kind === 'truncateZip' || edit.kind === 'flipZip') {
      zipEdits.push(edit);
      continue;
    }
    const part = parts[edit.part % parts.length]!;
    const text = await xml.read(part);
    let next = text;
    if (edit.kind === 'nudge') {
      // a planner's edit: one stored number scaled (an assumption, a cached result, a count)
      const values = [...text.matchAll(/<v>(-?[\d.]+(?:E[+-]?\d+)?)<\/v>/gi)];
      const m = values[edit.pick % Math.max(1, values.length)];
      if (m?.index !== undefined) next = `${text.slice(0, m.index)}<v>${Number(m[1]) * edit.factor}</v>${text.slice(m.index + m[0].length)}`;
    } else if (edit.kind === 'value') {
      const values = [...text.matchAll(/<v>[^<]*<\/v>|<t(?: [^>]*)?>[^<]*<\/t>/g)];
      const m = values[edit.pick % Math.max(1, values.length)];
      if (m?.index !== undefined) next = `${text.slice(0, m.index)}${m[0].startsWith('<v>') ? `<v>${edit.value}</v>` : `<t>${edit.value}</t>`}${text.slice(m.index + m[0].length)}`;
    } else if (edit.kind === 'dropCell') {
      const cells = [...text.matchAll(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>.*?<\/c>)/g)];
      const m = cells[edit.pick % Math.max(1, cells.length)];
      if (m?.index !== undefined) next = text.slice(0, m.index) + text.slice(m.index + m[0].length);
    } else if (edit.kind === 'splice') {
      const at = Math.floor(text.length * edit.at);
      next = text.slice(0, at) + edit.insert + text.slice(at + edit.cut);
    } else {
      next = text.slice(0, Math.floor(text.length * edit.at));
    }
    xml.write(part, next);
  }
  let bytes = await xml.bytes();
  for (const edit of zipEdits) {
    if (edit.kind === 'truncateZip') bytes = bytes.subarray(0, Math.floor(bytes.length * edit.at));
    if (edit.kind === 'flipZip' && bytes.length > 0) {
      bytes = bytes.slice();
      bytes[Math.min(bytes.length - 1, Math.floor(bytes.length * edit.at))] = edit.byte;
    }
  }
  return bytes;
}

// ---------------------------------------------------------------- outcomes

/** Every number in a JSON value is finite (null stands for "does not apply"). */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

/**
 * What is wrong with one outcome, or undefined when it is acceptable: exit 0
 * with finite numbers in --json, or exit 1 whose stderr names a field or cell
 * (`  path: message` lines, as printIssues writes them) in zh and en.
 */
function judge(code: number, out: string, err: string, json: boolean): string | undefined {
  if (code === 0) {
    if (!json) return out.length > 0 ? undefined : 'exit 0 printed nothing';
    try {
      return allFinite(JSON.parse(out)) ? undefined : 'exit 0 with a non-finite number in --json';
    } catch {
      return 'exit 0 with --json that does not parse';
    }
  }
  if (code === 1) {
    const issueLines = err.split('\n').filter((l) => /^ {2}\S[^\n]*?: \S/.test(l));
    if (issueLines.length === 0) return `exit 1 without a line naming a field or cell: ${err.slice(0, 300)}`;
    if (!/[\u4e00-\u9fff]/.test(err)) return `exit 1 without Chinese: ${err.slice(0, 300)}`;
    if (!/[a-z]{2,} [a-z]{2,}/i.test(err)) return `exit 1 without English: ${err.slice(0, 300)}`;
    if (/\n\s+at /.test(err)) return 'exit 1 with a stack trace';
    return undefined;
  }
  return `exit ${code}: ${err.slice(0, 300)}`;
}

async function runInProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: work });
  } catch (error) {
    // what the process entry would turn into exit 70
    code = 70;
    err.push(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Outcome counts, printed at the end for the closing note of issue 10. */
const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

describe(`fuzz: ${PLANS} plan files and ${WORKBOOKS} workbooks, seed ${SEED}`, { timeout: 1_800_000 }, () => {
  it('every mutated plan file ends in exit 0 with finite --json, or exit 1 naming the field in zh and en', async () => {
    const cases = fc.sample(planCase, { seed: SEED, numRuns: PLANS });
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const file = join(work, `plan-${i}.json`);
      writeFileSync(file, planBytes(c));
      const [name, ...flags] = c.verb;
      const r = await runInProcess([name!, file, ...flags]);
      count(`plan ${name} exit ${r.code}${r.code === 1 ? (/^ {2}\(file\): /m.test(r.err) ? ', whole file named (not JSON)' : ', field named') : ''}`);
      if (VERBOSE) console.log(`plan ${i} ${JSON.stringify(c.edits).slice(0, 160)} ${c.text.kind} ${c.verb.join(' ')} → ${r.code} ${r.err.split('\n')[1] ?? ''}`);
      const wrong = judge(r.code, r.out, r.err, flags.includes('--json'));
      if (wrong) failures.push(`case ${i} (${c.example}, ${JSON.stringify(c.edits).slice(0, 200)}, ${c.text.kind}, ${c.verb.join(' ')}): ${wrong}`);
    }
    expect(failures).toEqual([]);
  });

  it('every mutated workbook imports with exit 0 (and the plan computes) or exit 1 naming the cell or field in zh and en', async () => {
    const cases = fc.sample(bookCase, { seed: SEED, numRuns: WORKBOOKS });
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const book = join(work, `book-${i}.xlsx`);
      writeFileSync(book, await bookBytes(c));
      const planFile = join(work, `book-${i}.json`);
      const r = await runInProcess(['import', book, '-o', planFile]);
      count(`workbook import exit ${r.code}${r.code === 1 ? (/^ {2}\(file\): /m.test(r.err) ? ', whole file named' : ', cell or field named') : ''}`);
      if (VERBOSE) console.log(`book ${i} ${JSON.stringify(c.edits).slice(0, 160)} → ${r.code} ${r.err.split('\n')[1] ?? ''}`);
      let wrong = judge(r.code, r.out, r.err, false);
      if (!wrong && r.code === 0) {
        // what came back is a plan the other verbs read
        const computed = await runInProcess(['compute', planFile, '--json']);
        count(`workbook then compute exit ${computed.code}`);
        wrong = judge(computed.code, computed.out, computed.err, true);
      }
      if (wrong) failures.push(`case ${i} (${c.example}/${c.lang}, ${JSON.stringify(c.edits)}): ${wrong}`);
    }
    expect(failures).toEqual([]);
    console.log(`fuzz outcomes (seed ${SEED}):\n${[...tally].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}`);
  });

  it('the bundled command, as a process, gives the same kinds of outcome on a few of them', () => {
    expect(existsSync(bundle)).toBe(true); // built by the turbo `build` task the cli tests depend on
    const cases = fc.sample(planCase, { seed: SEED + 1, numRuns: 6 });
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const file = join(work, `spawned-${i}.json`);
      writeFileSync(file, planBytes(c));
      const [name, ...flags] = c.verb;
      const proc = spawnSync(process.execPath, [bundle, name!, file, ...flags], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const wrong = judge(proc.status ?? -1, proc.stdout.trimEnd(), proc.stderr, flags.includes('--json'));
      if (wrong) failures.push(`spawned case ${i}: ${wrong}`);
    }
    const deep = join(work, 'spawned-deep.json');
    writeFileSync(deep, JSON.stringify(EXAMPLE_PLAN_DOCUMENTS['june-shop']).replace(/"version":\s*\d+/, `"version":${'['.repeat(20_000)}1${']'.repeat(20_000)}`));
    const proc = spawnSync(process.execPath, [bundle, 'compute', deep], { encoding: 'utf8' });
    expect(proc.status).toBe(1);
    expect(proc.stderr).toContain('nested too deep');
    expect(failures).toEqual([]);
  });
});
