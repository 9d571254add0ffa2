import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { parsePlan } from '@shopplan/schema';
import { exportWorkbook, PLAN_SHEET, XlsxXml } from '@shopplan/xlsx';
import { runCli } from './cli.ts';
import { displayWidth } from './format.ts';
import { terminalSafe } from './terminal.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-hostile-'));
const JUNE = EXAMPLE_PLAN_DOCUMENTS['june-shop'];

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function writeText(name: string, text: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** The June plan as JSON text with `version` replaced by `raw` (JSON.stringify cannot write a 20,000-deep value). */
const juneWithVersion = (raw: string) => JSON.stringify(JUNE).replace(/"version":\s*\d+/, `"version":${raw}`);
const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** A refusal a planner can act on: exit 1, the field's path, Chinese and English, no stack trace, nothing on stdout. */
function expectRefusal(r: { code: number; out: string; err: string }, path: string, english: string) {
  expect(r.code).toBe(1);
  expect(r.err).toContain(`${path}`);
  expect(r.err).toContain(english);
  expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).toBe('');
}

describe('hostile plan files end in exit 1 with a message, never an internal error', () => {
  it('Given a version nested 20,000 levels deep, When computed, Then exit 1 names version in zh and en', async () => {
    const r = await run(['compute', writeText('deep-version.json', juneWithVersion(deepArray(20_000)))]);
    expectRefusal(r, 'version[0][0]', 'nested too deep');
  });

  it('Given 130,000 uncertainty entries, When risk runs, Then exit 1 names uncertainty', async () => {
    const doc = { ...structuredClone(JUNE as Record<string, unknown>), version: 2, uncertainty: Object.fromEntries(Array.from({ length: 130_000 }, (_, i) => [`channels.c${i}.cvr`, { low: 0.01, high: 0.02 }])) };
    const r = await run(['risk', writeText('uncertainty.json', JSON.stringify(doc)), '--draws', '10']);
    expectRefusal(r, 'uncertainty: ', 'too many entries (130,000); the limit is 5,000');
  });

  it('Given a plan saved by Notepad with a UTF-8 byte order mark, Then it is read as the same plan', async () => {
    const bom = writeText('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(JUNE))]));
    const withBom = await run(['compute', bom, '--json']);
    const plain = await run(['compute', 'packages/examples/plans/june-shop.json', '--json']);
    expect(withBom.code).toBe(0);
    expect(withBom.out).toBe(plain.out);
  });

  const siblings: Array<[string, string, string, string]> = [
    ['a huge array', JSON.stringify({ ...(JUNE as object), weeks: Array.from({ length: 100_001 }, () => 1) }), 'weeks: ', 'too many entries (100,001)'],
    ['a huge string', JSON.stringify({ ...(JUNE as object), shop: 'x'.repeat(1_000_000) }), 'shop: ', 'the text is too long (1,000,000 characters)'],
    ['deep arrays in a channel', JSON.stringify(JUNE).replace('"aov":', `"tags":${deepArray(5_000)},"aov":`), 'channels[0].tags[0]', 'nested too deep'],
    ['deep objects in a record', JSON.stringify({ ...(JUNE as object), version: 2 }).replace(/\}$/, `,"uncertainty":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`), 'uncertainty.a.a', 'nested too deep'],
    ['a __proto__ key', JSON.stringify(JUNE).replace(/^\{/, '{"__proto__":{"version":1},'), '__proto__: ', 'the field name "__proto__" is not allowed'],
    ['a number past a double (1e309)', JSON.stringify(JUNE).replace(/"aov":\s*[\d.]+/, '"aov":1e309'), 'channels[0].aov: ', 'the number is out of range'],
  ];
  for (const [what, text, path, english] of siblings) {
    it(`Given ${what}, Then exit 1 names ${path.replace(/: $/, '')}`, async () => {
      expectRefusal(await run(['compute', writeText(`${what.replace(/\W+/g, '-')}.json`, text)]), path, english);
    });
  }

  it('Given a session file nested 20,000 levels deep, When exported, Then exit 1, not a stack overflow in the session schema', async () => {
    const text = `{"version":1,"scenarios":[{"id":"a","plan":${deepArray(20_000)}}],"activeScenarioId":"a"}`;
    const r = await run(['export', writeText('deep-session.json', text), '-o', join(work, 'deep-session.xlsx')]);
    expectRefusal(r, 'scenarios[0].plan', 'nested too deep');
  });

  it('Given a workbook whose hidden plan sheet holds a version nested 20,000 levels deep, When imported, Then exit 1 names the sheet', async () => {
    const plan = parsePlan(JUNE);
    if (!plan.ok) throw new Error('the June plan is invalid');
    const xml = await XlsxXml.open(await exportWorkbook({ plan: plan.plan, lang: 'en' }));
    // the whole document in the first chunk cell, and the chunk count saying so
    await xml.setNumber(PLAN_SHEET, 'A2', 1);
    await xml.setInlineText(PLAN_SHEET, 'A3', juneWithVersion(deepArray(20_000)));
    const r = await run(['import', writeText('deep-version.xlsx', Buffer.from(await xml.bytes()))]);
    expectRefusal(r, `${PLAN_SHEET}!A3`, 'nested too deep');
  });
});

describe('plan text reaches the terminal safely', () => {
  const hostileName = { zh: '\u001b[2J\u001b[31m假计划\u202egnp.exe', en: '\u001b[2J\u001b[1A\rFAKE OK\u009b31m\u2066x\u2069' };
  const file = () => writeText('hostile-name.json', JSON.stringify({ ...(JUNE as object), name: hostileName, channels: (JUNE as { channels: Array<Record<string, unknown>> }).channels.map((c, i) => (i === 1 ? { ...c, name: { zh: '直通车\u001b]0;title\u0007', en: 'search\u001b[0m\u200f' } } : c)) }));
  /** Nothing a terminal acts on but the newline. */
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it('escapes C0 and C1 controls, ESC sequences and bidi controls as visible \\uXXXX', () => {
    expect(terminalSafe('a\u001b[2Jb\r\u009b\u202e\u2067c\nd\te')).toBe('a\\u001b[2Jb\\u000d\\u009b\\u202e\\u2067c\nd\\u0009e');
    expect(terminalSafe('直通车 · ¥1,000')).toBe('直通车 · ¥1,000');
  });

  it('Given names with escape sequences, When printed as text in en and zh, Then no control character reaches the terminal and the table stays aligned', async () => {
    for (const lang of ['en', 'zh']) {
      const r = await run(['compute', file(), '--lang', lang]);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(UNSAFE);
      expect(r.out).toContain(lang === 'en' ? '\\u001b[2J\\u001b[1A\\u000dFAKE OK\\u009b31m' : '\\u001b[2J\\u001b[31m假计划\\u202egnp.exe');
      const tableLines = r.out.split('\n').slice(2);
      expect(tableLines[1]).toMatch(/^-+( +-+)+$/);
      // every line of the table is as wide as its rule: an escaped name did not shift the columns
      expect(new Set(tableLines.map(displayWidth))).toEqual(new Set([displayWidth(tableLines[1]!)]));
    }
  });

  it('Given a name with escape sequences, When printed as --json, Then it stays one valid JSON document with no raw control character', async () => {
    const r = await run(['import', writeText('x.txt', 'not a workbook')]);
    expect(r.err).not.toMatch(UNSAFE);
    const path = file();
    const risk = await run(['risk', path, '--draws', '20', '--json']);
    expect(risk.code).toBe(0);
    expect(risk.out).not.toMatch(UNSAFE);
    expect(() => JSON.parse(risk.out)).not.toThrow();
  });

  it('Given a path with escape sequences, When the file is missing, Then the usage message is escaped too', async () => {
    const r = await run(['compute', 'no-such\u001b[2J.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such\\u001b[2J.json');
    expect(r.err).not.toMatch(UNSAFE);
  });

  it('Given a bad value in a channel with a hostile id, When refused, Then the message echoing the input is escaped', async () => {
    const doc = structuredClone(JUNE) as { channels: Array<Record<string, unknown>> };
    doc.channels[1]!.id = 'search\u001b[2J';
    const r = await run(['compute', writeText('hostile-id.json', JSON.stringify(doc))]);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(UNSAFE);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  });
});
