import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { HISTORY_CHANNELS } from '@shopplan/examples';
import { historyRowsOf } from '@shopplan/schema';
import { importHistoryCsv, importHistoryXlsx, readDate, readNumber, sniffEncoding, fieldOfHeader } from './index.ts';
import { importCsvWith } from './csv.ts';
import * as nodeParser from './csv-parser.node.ts';
import * as browserParser from './csv-parser.browser.ts';

const channels = HISTORY_CHANNELS.map((c) => ({ id: c.id, name: c.name }));
const example = (name: string): string => fileURLToPath(new URL(`../../examples/history/${name}`, import.meta.url));
const utf8 = (text: string): Uint8Array[] => [new TextEncoder().encode(text)];
const HEADER = '日期,渠道,花费,访客数,支付买家数,支付金额';
const csv = (...lines: string[]) => utf8([HEADER, ...lines].join('\n'));
const run = (lines: Uint8Array[], extra: Partial<Parameters<typeof importHistoryCsv>[1]> = {}) =>
  importHistoryCsv(lines, { file: 'h.csv', channels, ...extra });

describe('importing history files', () => {
  it('Given the generated year (UTF-8 with BOM, Chinese headers), When streamed in 4 KB chunks, Then every row comes back matched to plan channels', async () => {
    const out = await importHistoryCsv(createReadStream(example('shop-2026.csv'), { highWaterMark: 4096 }), { file: 'shop-2026.csv', channels });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(historyRowsOf(out.history)).toHaveLength(2190);
    expect(out.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(new Set(historyRowsOf(out.history).map((r) => r.channel))).toEqual(new Set(channels.map((c) => c.id)));
  });

  it('Given the messy GBK file (other aliases, English names, ￥, thousands separators, quotes, blank lines, CRLF), Then it reads and lists the unused column as ignored', async () => {
    const out = await importHistoryCsv(createReadStream(example('messy-gbk.csv'), { highWaterMark: 64 }), { file: 'messy-gbk.csv', channels });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.encoding).toBe('gbk');
    expect(historyRowsOf(out.history)).toHaveLength(6);
    expect(historyRowsOf(out.history).find((r) => r.channel === 'search' && r.date === '2026-03-02')).toMatchObject({ spend: 3120.5, impressions: 118930, visitors: 3806, orders: 95, gmv: 15201, refunds: 760.05 });
    expect(out.header.columns.find((c) => c.header === '转化率')).toEqual({ header: '转化率', field: null });
  });

  it('Given a planner mapping, Then a channel label of the file matches through it', async () => {
    const out = await run(csv('2026-03-01,天猫直通车,10,100,2,300'), { mapping: { 天猫直通车: 'search' } });
    expect(out.ok && historyRowsOf(out.history)[0]?.channel).toBe('search');
  });

  it('Given an xlsx workbook, Then it goes through the same alias table and checks', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('history');
    sheet.addRow(['统计日期', '流量来源', '消耗', 'UV', '成交订单数', '成交金额']);
    sheet.addRow([new Date(Date.UTC(2026, 2, 1)), '直通车', 100, 1000, 20, 3000]);
    sheet.addRow(['2026/3/2', 'Paid search', '1,200', '-5', 20, 3000]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const out = await importHistoryXlsx(bytes, { file: 'h.xlsx', channels });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toEqual([expect.objectContaining({ path: 'h.xlsx:3:UV', code: 'negative' })]);
    sheet.getRow(3).getCell(4).value = 1500;
    const fixed = await importHistoryXlsx(new Uint8Array(await book.xlsx.writeBuffer()), { file: 'h.xlsx', channels });
    expect(fixed.ok && historyRowsOf(fixed.history).map((r) => [r.date, r.channel, r.spend, r.visitors])).toEqual([['2026-03-01', 'search', 100, 1000], ['2026-03-02', 'search', 1200, 1500]]);
  });
});

describe('bad history input: every problem at once, naming file, row and column, in zh and en; nothing returned', () => {
  it('Given a missing required column, Then it says which', async () => {
    const out = await run(utf8('日期,渠道,访客数,支付金额\n2026-03-01,直通车,10,100'));
    expect(out).toMatchObject({ ok: false, issues: [{ path: 'h.csv:1:支付买家数', code: 'missing_column' }] });
    if (!out.ok) expect(out.issues[0]!.message.en).toContain('orders');
  });

  it('Given an unknown channel, Then it is an error, never dropped', async () => {
    const out = await run(csv('2026-03-01,抖音,10,100,2,300', '2026-03-01,直通车,10,100,2,300'));
    expect(out).toMatchObject({ ok: false, issues: [{ path: 'h.csv:2:渠道', code: 'unknown_channel' }] });
    if (!out.ok) expect(out.issues[0]!.message.zh).toContain('第 2 行第 2 列');
  });

  it('Given an unknown channel, Then the labels read say which matched a plan channel and which did not, with their rows', async () => {
    const out = await run(csv('2026-03-01,抖音,10,100,2,300', '2026-03-02,抖音,10,100,2,300', '2026-03-01,直通车,10,100,2,300'));
    expect(out.labels).toEqual([{ label: '抖音', channel: null, rows: 2 }, { label: '直通车', channel: 'search', rows: 1 }]);
  });

  it('Given a duplicated day and channel, Then the second row names the first', async () => {
    const out = await run(csv('2026-03-01,直通车,10,100,2,300', '2026-03-01,search,10,100,2,300'));
    expect(out).toMatchObject({ ok: false, issues: [{ path: 'h.csv:3', code: 'duplicate_day_channel' }] });
    if (!out.ok) expect(out.issues[0]!.message.en).toContain('row 2');
  });

  it('Given text where a number belongs, a blank, a negative value, orders above visitors, a bad date and a date out of range, Then all are reported together', async () => {
    const out = await run(
      csv(
        '2026-03-01,直通车,ten,100,2,300',
        '2026-03-02,直通车,,100,2,300',
        '2026-03-03,直通车,10,-100,2,300',
        '2026-03-04,直通车,10,100,200,300',
        '2026-02-30,直通车,10,100,2,300',
        '2025-12-31,直通车,10,100,2,300',
        '2026-03-05,直通车,10,100,2,300',
      ),
      { range: { start: '2026-01-01', end: '2026-12-31' } },
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => [i.path, i.code])).toEqual([
      ['h.csv:2:花费', 'not_a_number'],
      ['h.csv:3:花费', 'blank'],
      ['h.csv:4:访客数', 'negative'],
      ['h.csv:5:支付买家数', 'orders_above_visitors'],
      ['h.csv:6:日期', 'bad_date'],
      ['h.csv:7:日期', 'date_out_of_range'],
    ]);
    for (const issue of out.issues) {
      expect(issue.message.zh).toMatch(/^h\.csv 第 \d+ 行第 \d+ 列/);
      expect(issue.message.en).toMatch(/^h\.csv row \d+, column \d+/);
    }
  });

  it('Given an empty file, or a header without rows, Then it is an error', async () => {
    expect(await run([])).toMatchObject({ ok: false, issues: [{ code: 'empty_file' }] });
    expect(await run(utf8('\n\n'))).toMatchObject({ ok: false, issues: [{ code: 'empty_file' }] });
    expect(await run(csv())).toMatchObject({ ok: false, issues: [{ code: 'empty_file' }] });
  });

  it('Given more bad rows than the cap, Then the list is capped and the rest counted', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `2026-03-01,渠道${i},10,100,2,300`);
    const out = await run(csv(...lines), { maxIssues: 10 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toHaveLength(11);
    expect(out.issues[10]).toMatchObject({ code: 'more_issues' });
    expect(out.issues[10]!.message.en).toContain('110 more');
  });

  it('Given a file with one bad row among good ones, Then no rows are returned at all', async () => {
    const out = await run(csv('2026-03-01,直通车,10,100,2,300', '2026-03-02,直通车,10,100,2,x'));
    expect(out.ok).toBe(false);
    expect('history' in out).toBe(false);
  });
});

describe('cells and headers', () => {
  it('reads numbers as exports write them', () => {
    expect(['1,234.5', '¥3,120.50', '￥88', '2.5%', ' 7 ', '１２３'].map((s) => readNumber(s))).toEqual([
      { ok: true, value: 1234.5 }, { ok: true, value: 3120.5 }, { ok: true, value: 88 }, { ok: true, value: 0.025 }, { ok: true, value: 7 }, { ok: true, value: 123 },
    ]);
    expect(readNumber('12abc')).toEqual({ ok: false, code: 'not_a_number' });
    expect(readNumber('')).toEqual({ ok: false, code: 'blank' });
  });

  it('reads dates and refuses impossible ones', () => {
    expect(['2026-03-02', '2026/3/2', '2026.3.2', '20260302', '2026年3月2日'].map(readDate)).toEqual(Array(5).fill('2026-03-02'));
    expect(readDate('2026-02-29')).toBeNull();
    expect(readDate('March 2')).toBeNull();
  });

  it('maps every alias of the table, case and spacing aside', () => {
    expect(['日期', '统计日期', 'Date', '渠道', '流量来源', '花费', '消耗', 'Cost', '展现量', '曝光量', '点击量', '访客数', 'UV', 'Sessions', '加购人数', 'add_to_cart', 'Add to cart', '支付买家数', '成交订单数', '支付金额', '成交金额', 'Revenue', 'GMV', '退款金额', 'refunds'].map(fieldOfHeader))
      .toEqual(['date', 'date', 'date', 'channel', 'channel', 'spend', 'spend', 'spend', 'impressions', 'impressions', 'clicks', 'visitors', 'visitors', 'visitors', 'addToCart', 'addToCart', 'addToCart', 'orders', 'orders', 'gmv', 'gmv', 'gmv', 'gmv', 'refunds', 'refunds']);
    expect(fieldOfHeader('转化率')).toBeNull();
  });

  it('sniffs the encoding from the first bytes', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(sniffEncoding(new Uint8Array(readFileSync(example('messy-gbk.csv'))))).toBe('gbk');
    expect(sniffEncoding(new TextEncoder().encode('日期,渠道'))).toBe('utf-8');
  });
});

describe('one entry for Node and the page', () => {
  const messy = () => new Uint8Array(readFileSync(example('messy-gbk.csv')));
  const year = () => new Uint8Array(readFileSync(example('shop-2026.csv')));
  const chunks = (bytes: Uint8Array, size: number): Uint8Array[] => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

  it('Given a web ReadableStream (what File.stream() gives in the page), Then it reads the same history as the Node file stream', async () => {
    const fromBlob = await importHistoryCsv(new Blob([year()]).stream(), { file: 'shop-2026.csv', channels });
    const fromFile = await importHistoryCsv(createReadStream(example('shop-2026.csv')), { file: 'shop-2026.csv', channels });
    expect(fromBlob.ok && fromFile.ok).toBe(true);
    if (!fromBlob.ok || !fromFile.ok) return;
    expect(historyRowsOf(fromBlob.history)).toEqual(historyRowsOf(fromFile.history));
  });

  it('Given csv-parse\'s browser build (the page\'s), Then GBK and UTF-8 files read exactly as with the Node build, chunks split mid-character', async () => {
    for (const [name, bytes] of [['messy-gbk.csv', messy()], ['shop-2026.csv', year()]] as const) {
      const node = await importCsvWith(nodeParser, chunks(bytes, 7), { file: name, channels });
      const page = await importCsvWith(browserParser, chunks(bytes, 7), { file: name, channels });
      expect(node.ok && page.ok, name).toBe(true);
      if (!node.ok || !page.ok) return;
      expect(page.encoding).toBe(node.encoding);
      expect(historyRowsOf(page.history)).toEqual(historyRowsOf(node.history));
    }
  });

  it('Given bad rows, Then the browser build reports the same problems at the same rows', async () => {
    const bad = csv('2026-03-01,直通车,ten,100,2,300', '2026-03-01,search,10,100,2,300', '2026-03-02,抖音,10,-1,2,300');
    const node = await importCsvWith(nodeParser, bad, { file: 'h.csv', channels });
    const page = await importCsvWith(browserParser, bad, { file: 'h.csv', channels });
    expect(node.ok).toBe(false);
    expect(page).toEqual(node);
  });

  it('Given rows out of date order, Then each channel\'s columns come back in day order with their own figures', async () => {
    const out = await run(csv('2026-03-03,直通车,30,300,3,900', '2026-03-01,直通车,10,100,1,300', '2026-03-02,直通车,20,200,2,600'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const search = out.history.channels.find((c) => c.channel === 'search')!;
    expect(Array.from(search.day, (d) => new Date(d * 86_400_000).toISOString().slice(0, 10))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(Array.from(search.visitors)).toEqual([100, 200, 300]);
    expect(search.impressions).toBeNull(); // a column the file does not have is unknown, not zero
    expect(out.period).toEqual({ start: '2026-03-01', end: '2026-03-03' });
  });

  it('Given a mapping to a channel id the plan does not have, Then the row is an unknown channel, not a row of a phantom channel', async () => {
    const out = await run(csv('2026-03-01,天猫直通车,10,100,2,300'), { mapping: { 天猫直通车: 'tiktok' } });
    expect(out).toMatchObject({ ok: false, issues: [{ path: 'h.csv:2:渠道', code: 'unknown_channel' }] });
  });
});

describe('a malformed CSV', () => {
  it('Given a quote never closed, Then both parser builds refuse the file with the row, in zh and en, and return no history', async () => {
    const text = utf8('日期,渠道,访客数,支付买家数,支付金额\n2026-03-01,直通车,100,2,300\n2026-03-02,"直通车,100,2,300\n2026-03-03,直通车,100,2,300\n');
    for (const build of [nodeParser, browserParser]) {
      const out = await importCsvWith(build, text, { file: 'q.csv', channels });
      expect(out).toMatchObject({ ok: false, issues: [{ code: 'bad_csv', path: 'q.csv:4' }] });
      if (!out.ok) {
        expect(out.issues[0]!.message.zh).toMatch(/^q\.csv 第 4 行：CSV 格式有误/);
        expect(out.issues[0]!.message.en).toMatch(/^q\.csv row 4: the CSV is malformed/);
      }
    }
  });
});
