import { describe, expect, it } from 'vitest';
import type { HistoryRow } from './history.ts';
import { historyDate, historyDay, historyRowsOf, historyTableOf, HistoryTableBuilder } from './history-table.ts';

const row = (date: string, channel: string, visitors: number, spend: number | null = 10): HistoryRow => ({
  date, channel, spend, impressions: null, clicks: null, visitors, addToCart: null, orders: 1, gmv: 100, refunds: null,
});

describe('the columnar history table', () => {
  it('Given rows in any order, When tabled and read back, Then each channel is in day order and the rows come back as they were', () => {
    const rows = [row('2026-03-02', 'b', 20), row('2026-03-01', 'a', 10), row('2026-02-28', 'a', 5), row('2026-03-01', 'b', 15)];
    const { table, unknown } = historyTableOf(rows, ['a', 'b']);
    expect(unknown).toEqual([]);
    expect(table.rows).toBe(4);
    expect([table.firstDay, table.lastDay].map((d) => historyDate(d!))).toEqual(['2026-02-28', '2026-03-02']);
    expect(Array.from(table.channels[0]!.visitors)).toEqual([5, 10]);
    expect(Array.from(table.channels[1]!.day, historyDate)).toEqual(['2026-03-01', '2026-03-02']);
    expect(historyRowsOf(table)).toEqual([...rows].sort((x, y) => (x.date + x.channel < y.date + y.channel ? -1 : 1)));
  });

  it('Given a figure one row of a channel lacks, Then that channel\'s column is null (unknown), and other channels keep theirs', () => {
    const { table } = historyTableOf([row('2026-03-01', 'a', 1, null), row('2026-03-02', 'a', 1), row('2026-03-01', 'b', 1)], ['a', 'b']);
    expect(table.channels[0]!.spend).toBeNull();
    expect(Array.from(table.channels[1]!.spend!)).toEqual([10]);
    expect(table.channels[0]!.impressions).toBeNull();
  });

  it('Given a row of a channel the table was not made for, Then it is handed back, not dropped', () => {
    const stray = row('2026-03-01', 'tiktok', 1);
    expect(historyTableOf([stray], ['a']).unknown).toEqual([stray]);
  });

  it('Given more rows than the first allocation, Then the columns grow and keep every row', () => {
    const b = new HistoryTableBuilder(['a']);
    for (let i = 0; i < 1000; i += 1) b.add(0, historyDay('2020-01-01') + i, [i, NaN, NaN, i, NaN, 0, 0, NaN]);
    const t = b.build();
    expect(t.channels[0]!.length).toBe(1000);
    expect(t.channels[0]!.spend![999]).toBe(999);
    expect(t.channels[0]!.day.length).toBe(1000); // cut to size
    expect(() => b.add(3, 0, [])).toThrow(RangeError);
  });

  it('numbers days from 1970-01-01 and back', () => {
    expect(['1970-01-01', '1900-03-01', '2026-12-31'].map(historyDay)).toEqual([0, -25508, 20818]);
    expect([0, -25508, 20818].map(historyDate)).toEqual(['1970-01-01', '1900-03-01', '2026-12-31']);
  });
});
