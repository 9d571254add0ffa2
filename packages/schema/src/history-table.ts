import type { HistoryRow } from './history.ts';

/**
 * A shop's daily history held by column (issue 14): per plan channel, its
 * days and each measure as typed arrays. A 50 MB export is ~800,000
 * day × channel rows; as objects they cost ~200 bytes each and a string key
 * per row, as columns 8 bytes per figure. The importer (@shopplan/history)
 * builds it, calibration and review (@shopplan/engine) read it; both run in
 * Node and in a browser worker (typed arrays cross postMessage cheaply).
 */

/** The figures of a history row, in the order the builder takes them. */
export const HISTORY_MEASURES = ['spend', 'impressions', 'clicks', 'visitors', 'addToCart', 'orders', 'gmv', 'refunds'] as const;
/** One figure of a history row. */
export type HistoryMeasure = (typeof HISTORY_MEASURES)[number];
/** Figures every row has (the importer refuses a file without them). */
const ALWAYS: ReadonlySet<HistoryMeasure> = new Set(['visitors', 'orders', 'gmv']);

/**
 * One channel's history: row i is day `day[i]` (days since 1970-01-01, UTC),
 * rows in ascending day order. A measure the file did not have (or that any
 * of the channel's rows left out) is null: unknown, never zero.
 */
export interface ChannelHistory {
  /** The plan channel's id. */
  channel: string;
  length: number;
  day: Int32Array;
  spend: Float64Array | null;
  impressions: Float64Array | null;
  clicks: Float64Array | null;
  visitors: Float64Array;
  addToCart: Float64Array | null;
  orders: Float64Array;
  gmv: Float64Array;
  refunds: Float64Array | null;
}

/** A history by channel, in the order the table was built with (the plan's channel order). */
export interface HistoryTable {
  channels: ChannelHistory[];
  /** Rows over all channels. */
  rows: number;
  /** First and last day of any row (days since 1970-01-01), null when empty. */
  firstDay: number | null;
  lastDay: number | null;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD (which must name a real day; not checked here). */
export function historyDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** The YYYY-MM-DD of a day number. */
export function historyDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Growable columns of one channel while rows are added. */
class ChannelColumns {
  length = 0;
  day = new Int32Array(64);
  values: Float64Array[] = HISTORY_MEASURES.map(() => new Float64Array(64));
  missing: boolean[] = HISTORY_MEASURES.map(() => false);
  sorted = true;

  constructor(readonly channel: string) {}

  push(day: number, figures: ArrayLike<number>): void {
    if (this.length === this.day.length) this.grow();
    const i = this.length;
    if (i > 0 && day < this.day[i - 1]!) this.sorted = false;
    this.day[i] = day;
    for (let m = 0; m < HISTORY_MEASURES.length; m += 1) {
      const v = figures[m]!;
      if (Number.isNaN(v)) this.missing[m] = true;
      this.values[m]![i] = v;
    }
    this.length = i + 1;
  }

  private grow(): void {
    const size = this.day.length * 2;
    const day = new Int32Array(size);
    day.set(this.day);
    this.day = day;
    this.values = this.values.map((old) => {
      const next = new Float64Array(size);
      next.set(old);
      return next;
    });
  }

  finish(): ChannelHistory {
    const n = this.length;
    // rows usually arrive in day order; otherwise sort once, stable (equal days keep file order)
    let order: Uint32Array | null = null;
    if (!this.sorted) {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i += 1) order[i] = i;
      const days = this.day;
      order.sort((a, b) => days[a]! - days[b]! || a - b);
    }
    const take = <T extends Int32Array | Float64Array>(src: T, make: (n: number) => T): T => {
      const out = make(n);
      if (order === null) out.set(src.subarray(0, n));
      else for (let i = 0; i < n; i += 1) out[i] = src[order[i]!]!;
      return out;
    };
    const col = (m: HistoryMeasure): Float64Array | null => {
      const k = HISTORY_MEASURES.indexOf(m);
      if (this.missing[k] && !ALWAYS.has(m)) return null;
      return take(this.values[k]!, (size) => new Float64Array(size));
    };
    return {
      channel: this.channel,
      length: n,
      day: take(this.day, (size) => new Int32Array(size)),
      spend: col('spend'),
      impressions: col('impressions'),
      clicks: col('clicks'),
      visitors: col('visitors')!,
      addToCart: col('addToCart'),
      orders: col('orders')!,
      gmv: col('gmv')!,
      refunds: col('refunds'),
    };
  }
}

/**
 * Builds a HistoryTable row by row: columns grow by doubling and are cut to
 * size (and sorted by day where needed) once, at `build()`.
 * @example const b = new HistoryTableBuilder(['search']); b.add(0, historyDay('2026-03-01'), [10, NaN, NaN, 100, NaN, 2, 300, NaN]); b.build()
 */
export class HistoryTableBuilder {
  private readonly columns: ChannelColumns[];
  private firstDay: number | null = null;
  private lastDay: number | null = null;
  private count = 0;

  /** @param channels plan channel ids; rows name a channel by its index here. */
  constructor(channels: readonly string[]) {
    this.columns = channels.map((id) => new ChannelColumns(id));
  }

  /**
   * Adds one row: the channel's index, the day number, and the figures in
   * HISTORY_MEASURES order (NaN for a figure the row does not have; visitors,
   * orders and GMV must be numbers).
   * @throws RangeError for a channel index the builder was not given.
   */
  add(channel: number, day: number, figures: ArrayLike<number>): void {
    const col = this.columns[channel];
    if (!col) throw new RangeError(`HistoryTableBuilder.add: no channel ${channel}`);
    col.push(day, figures);
    this.count += 1;
    if (this.firstDay === null || day < this.firstDay) this.firstDay = day;
    if (this.lastDay === null || day > this.lastDay) this.lastDay = day;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.count;
  }

  /** The table; the builder should not be used afterwards. */
  build(): HistoryTable {
    return { channels: this.columns.map((c) => c.finish()), rows: this.count, firstDay: this.firstDay, lastDay: this.lastDay };
  }
}

/**
 * A table from row objects (tests, generated history, small actuals files).
 * Rows naming a channel outside `channels` are returned as `unknown`.
 * @example historyTableOf(rows, plan.channels.map((c) => c.id)).table.channels[0]?.length
 */
export function historyTableOf(rows: readonly HistoryRow[], channels: readonly string[]): { table: HistoryTable; unknown: HistoryRow[] } {
  const index = new Map(channels.map((id, i) => [id, i]));
  const builder = new HistoryTableBuilder(channels);
  const unknown: HistoryRow[] = [];
  const figures = new Float64Array(HISTORY_MEASURES.length);
  for (const r of rows) {
    const i = index.get(r.channel);
    if (i === undefined) {
      unknown.push(r);
      continue;
    }
    for (let m = 0; m < HISTORY_MEASURES.length; m += 1) figures[m] = r[HISTORY_MEASURES[m]!] ?? NaN;
    builder.add(i, historyDay(r.date), figures);
  }
  return { table: builder.build(), unknown };
}

/**
 * The rows of a table as objects, in day then channel order (for display or
 * a small export; calibration and review read the columns).
 * @example historyRowsOf(table).length === table.rows
 */
export function historyRowsOf(table: HistoryTable): HistoryRow[] {
  const out: HistoryRow[] = [];
  for (const c of table.channels) {
    const at = (col: Float64Array | null, i: number): number | null => (col === null ? null : col[i]!);
    for (let i = 0; i < c.length; i += 1) {
      out.push({
        date: historyDate(c.day[i]!), channel: c.channel, spend: at(c.spend, i), impressions: at(c.impressions, i), clicks: at(c.clicks, i),
        visitors: c.visitors[i]!, addToCart: at(c.addToCart, i), orders: c.orders[i]!, gmv: c.gmv[i]!, refunds: at(c.refunds, i),
      });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}
