import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-calendar-'));

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: work });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const notice2027 = {
  year: 2027,
  days: [
    { date: '2027-01-01', holiday: '元旦', workday: false },
    { date: '2027-02-06', holiday: '春节', workday: false },
    { date: '2027-02-07', holiday: '春节', workday: false },
    { date: '2027-02-08', holiday: '春节', workday: false },
    { date: '2027-02-20', holiday: '春节', workday: true },
  ],
};

describe('shopplan calendar', { timeout: 30_000 }, () => {
  it('Given 2026 --json, Then the shape is exactly the documented one with the published 调休 days', async () => {
    const { code, out, err } = await run(['calendar', '2026', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['year', 'provisional', 'days', 'festivals']);
    expect(json.year).toBe(2026);
    expect(json.provisional).toBe(false);
    expect(json.days).toHaveLength(365);
    expect(Object.keys(json.days[0])).toEqual(['date', 'weekday', 'workday', 'holiday', 'makeUpWorkday']);
    expect(json.days[0]).toEqual({ date: '2026-01-01', weekday: 4, workday: false, holiday: 'new-year', makeUpWorkday: false });
    expect(json.days.filter((d: any) => d.makeUpWorkday).map((d: any) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(Object.keys(json.festivals[0])).toEqual(['id', 'name', 'date', 'kind']);
    const ids = json.festivals.map((f: any) => f.id);
    for (const id of ['spring-festival', 'lantern', 'dragon-boat', 'qixi', 'mid-autumn', '618', 'double-11', 'double-12']) expect(ids).toContain(id);
    expect(json.festivals.find((f: any) => f.id === 'mid-autumn')).toEqual({ id: 'mid-autumn', name: { zh: '中秋节', en: 'Mid-Autumn Festival' }, date: '2026-09-25', kind: 'lunar' });
  });

  it('Given 2027, Then it is provisional in JSON, on stderr and in the text; with --holidays it is not', async () => {
    const plain = await run(['calendar', '2027', '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out).provisional).toBe(true);
    expect(plain.err).toContain('provisional');
    const en = await run(['calendar', '2027', '--lang', 'en']);
    expect(en.out).toContain('holidays: PROVISIONAL');
    expect(en.out).toContain('shopplan calendar 2027 --holidays FILE');
    const zh = await run(['calendar', '2027'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.out).toContain('暂定');
    expect(zh.out).toContain('休 02-05 – 02-13 春节（9 天）');

    const path = file('notice-2027.json', notice2027);
    const overridden = await run(['calendar', '2027', '--json', '--holidays', path]);
    expect(overridden.code).toBe(0);
    expect(overridden.err).toBe('');
    const json = JSON.parse(overridden.out);
    expect(json.provisional).toBe(false);
    expect(json.days.filter((d: any) => d.holiday !== null).map((d: any) => `${d.date} ${d.holiday}`)).toEqual(['2027-01-01 new-year', '2027-02-06 spring-festival', '2027-02-07 spring-festival', '2027-02-08 spring-festival']);
    expect(json.days.filter((d: any) => d.makeUpWorkday).map((d: any) => d.date)).toEqual(['2027-02-20']);
    const text = await run(['calendar', '2027', '--holidays', path, '--lang', 'en']);
    expect(text.out).toContain(`holidays: from ${path}`);
    expect(text.out).not.toContain('PROVISIONAL');
  });

  it('Given the text calendar, Then months are grids marking holidays, 调休 and festivals', async () => {
    const { out } = await run(['calendar', '2026', '--lang', 'en']);
    expect(out).toContain('February 2026');
    expect(out).toMatch(/ 9 +10 +11 +12 +13 +14W +15H/);
    expect(out).toContain('W 02-28 make-up workday (调休) for Spring Festival');
    expect(out).toContain('H 02-15 – 02-23 Spring Festival (9 days off)');
    expect(out).toContain('06-18 618 mid-year sale');
  });

  const issues: Array<[string, string[], number, string, string]> = [
    ['a year before the range', ['calendar', '2000'], 1, 'year: the year 2000 is outside the calendar\'s range 2001–2100', '年份 2000 超出日历范围'],
    ['a year after the range', ['calendar', '2101', '--json'], 1, 'the year 2101 is outside', '年份 2101'],
    ['a fractional year', ['calendar', '2027.5'], 1, 'the year 2027.5 is outside', '年份 2027.5'],
    ['a holiday file for another year', ['calendar', '2028', '--holidays', 'notice-2027.json'], 1, 'year: the holiday file is for 2027, not 2028', '节假日文件是 2027 年的，不是 2028 年的'],
    ['a malformed JSON file', ['calendar', '2027', '--holidays', 'broken.json'], 1, '(file): the holiday file is not valid JSON', '不是有效的 JSON'],
    ['a bad date in the file', ['calendar', '2027', '--holidays', 'bad-date.json'], 1, 'days[1].date: date "2027-13-01" is not a date', '日期 "2027-13-01" 无效'],
    ['a missing field in the file', ['calendar', '2027', '--holidays', 'no-workday.json'], 1, 'days[0].workday: workday must be true', 'workday 应为 true'],
  ];
  it.each(issues)('Given %s, Then it exits %i naming the problem in zh and en', async (_, args, exit, en, zhText) => {
    file('notice-2027.json', notice2027);
    file('broken.json', '{"year": 2027, "days": [');
    file('bad-date.json', { year: 2027, days: [notice2027.days[0], { date: '2027-13-01', holiday: '春节', workday: false }] });
    file('no-workday.json', { year: 2027, days: [{ date: '2027-02-06', holiday: '春节' }] });
    const { code, out, err } = await run(args);
    expect(code).toBe(exit);
    expect(out).toBe('');
    expect(err).toContain(en);
    expect(err).toContain(zhText);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['no year', ['calendar'], 'a YEAR is required'],
    ['a word for a year', ['calendar', 'next'], 'YEAR must be a number'],
    ['a missing holiday file', ['calendar', '2027', '--holidays', 'nowhere.json'], 'no such file: nowhere.json'],
    ['an unknown flag', ['calendar', '2027', '--month', '2'], "Unknown option '--month'"],
  ])('Given %s, Then it is a usage error (exit 2)', async (_, args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('usage: shopplan calendar YEAR');
  });

  it('Given the real command, Then it prints the JSON and exits 0', { timeout: 60_000 }, () => {
    const proc = spawnSync('pnpm', ['-s', 'shopplan', 'calendar', '2030', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(proc.status).toBe(0);
    const json = JSON.parse(proc.stdout);
    expect(json.festivals.find((f: any) => f.id === 'spring-festival').date).toBe('2030-02-03');
    expect(json.provisional).toBe(true);
  });
});
