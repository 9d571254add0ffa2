import { historyDate, historyDay, HistoryTableBuilder, planIssue, type HistoryTable, type LocalizedText, type PlanIssue } from '@shopplan/schema';
import { FIELD_NAMES, fieldOfHeader, NUMBER_FIELDS, REQUIRED_FIELDS, type HistoryField } from './aliases.ts';
import { readDay, readNumber } from './values.ts';

/** A plan channel as the importer matches rows to it. */
export interface ChannelLabel {
  id: string;
  name: LocalizedText;
}

/** What the importer checks rows against. */
export interface HistoryImportOptions {
  /** The file's name, used in every message. */
  file: string;
  /** The plan's channels: a row's channel matches an id, a zh or an en name. */
  channels: readonly ChannelLabel[];
  /** The planner's own names for channels: label in the file → plan channel id. */
  mapping?: Readonly<Record<string, string>>;
  /** Days allowed (inclusive); a row outside is an error. */
  range?: { start: string; end: string };
  /** At most this many issues are listed; the rest are counted. Default 50. */
  maxIssues?: number;
}

/** How the file's columns were read: each header and the field it maps to (null: ignored). */
export interface HeaderMapping {
  columns: { header: string; field: HistoryField | null }[];
}

/**
* A channel label as the file wrote it, the plan channel it matched (null:
 * none, an `unknown_channel` error) and on how many rows it appeared, so a
 * page can show the matching and offer a mapping for the unmatched.
 */
export interface ChannelLabelUse {
  label: string;
  channel: string | null;
  rows: number;
}

/**
 * The importer's answer: the whole history, by channel in columns (the plan's
 * channel order), or every problem (and then no history at all); with the
 * channel labels read either way.
 */
export type HistoryImport =
  | { ok: true; history: HistoryTable; header: HeaderMapping; period: { start: string; end: string }; encoding: string; labels?: ChannelLabelUse[] }
  | { ok: false; issues: PlanIssue[]; header: HeaderMapping | null; labels?: ChannelLabelUse[] };

const DEFAULT_MAX_ISSUES = 50;
const VISITORS = NUMBER_FIELDS.indexOf('visitors');
const ORDERS = NUMBER_FIELDS.indexOf('orders');
const GMV = NUMBER_FIELDS.indexOf('gmv');

/**
 * Checks a history file row by row as the parser hands rows over, keeping
 * every problem (up to a cap, then a count) so the planner sees them all at
 * once. Rows are only returned when there is no problem at all.
 */
export class HistoryChecker {
  private header: HeaderMapping | null = null;
  private index = new Map<HistoryField, number>();
  /** Column of each numeric field in NUMBER_FIELDS order, -1 where the file has none. */
  private numberColumns: number[] = [];
  private dateColumn = -1;
  private channelColumn = -1;
  private readonly builder: HistoryTableBuilder;
  private issues: PlanIssue[] = [];
  private extraIssues = 0;
  /** First line of each day + channel seen (key: day × channels + channel index). */
  private seen = new Map<number, number>();
  private labels = new Map<string, number>();
  /** Labels as they appear in the file → channel index (-1: none), so each distinct label is looked up once. */
  private labelCache = new Map<string, number>();
  /** Every channel label read (trimmed as written), with its match and row count: kept past the issue cap. */
  private used = new Map<string, ChannelLabelUse>();
  private readonly ids: string[];
  private readonly max: number;
  private readonly range: { start: number; end: number } | null;
  private lastDateText = '';
  private lastDay: number | null = null;
  private readonly figures = new Float64Array(NUMBER_FIELDS.length);

  constructor(private readonly options: HistoryImportOptions) {
    this.max = options.maxIssues ?? DEFAULT_MAX_ISSUES;
    this.ids = options.channels.map((c) => c.id);
    this.builder = new HistoryTableBuilder(this.ids);
    const byId = new Map(this.ids.map((id, i) => [id, i]));
    options.channels.forEach((c, i) => {
      for (const label of [c.id, c.name.zh, c.name.en]) this.labels.set(label.trim().toLowerCase(), i);
    });
    // the planner's mapping wins over names (a mapping to an id the plan lacks matches nothing)
    for (const [label, id] of Object.entries(options.mapping ?? {})) this.labels.set(label.trim().toLowerCase(), byId.get(id) ?? -1);
    this.range = options.range ? { start: historyDay(options.range.start), end: historyDay(options.range.end) } : null;
  }

  private where(line: number, field?: HistoryField, header?: string): { path: string; zh: string; en: string } {
    const f = this.options.file;
    if (!field) return { path: `${f}:${line}`, zh: `${f} 第 ${line} 行`, en: `${f} row ${line}` };
    const col = (this.index.get(field) ?? -1) + 1;
    const h = header ?? this.header?.columns[col - 1]?.header ?? FIELD_NAMES[field].zh;
    return { path: `${f}:${line}:${h}`, zh: `${f} 第 ${line} 行第 ${col} 列「${h}」`, en: `${f} row ${line}, column ${col} "${h}" (${FIELD_NAMES[field].en})` };
  }

  private add(path: string, code: string, zh: string, en: string): void {
    if (this.issues.length < this.max) this.issues.push(planIssue(path, code, zh, en));
    else this.extraIssues += 1;
  }

  /** Reads the header row. Returns false when a required column is missing (rows cannot be read then). */
  readHeader(cells: readonly unknown[], line: number): boolean {
    const columns = cells.map((c) => ({ header: String(c ?? '').trim(), field: fieldOfHeader(String(c ?? '')) }));
    this.header = { columns };
    columns.forEach((c, i) => {
      if (c.field === null) return;
      if (this.index.has(c.field)) {
        const w = this.where(line);
        this.add(`${w.path}:${c.header}`, 'duplicate_column', `${w.zh}：第 ${i + 1} 列「${c.header}」与第 ${this.index.get(c.field)! + 1} 列都是「${FIELD_NAMES[c.field].zh}」`, `${w.en}: column ${i + 1} "${c.header}" and column ${this.index.get(c.field)! + 1} are both ${FIELD_NAMES[c.field].en}`);
      } else this.index.set(c.field, i);
    });
    for (const field of REQUIRED_FIELDS) {
      if (this.index.has(field)) continue;
      const w = this.where(line);
      this.add(`${w.path}:${FIELD_NAMES[field].zh}`, 'missing_column', `${w.zh}：缺少必需的列「${FIELD_NAMES[field].zh}」`, `${w.en}: the required column "${FIELD_NAMES[field].en}" is missing`);
    }
    this.numberColumns = NUMBER_FIELDS.map((f) => this.index.get(f) ?? -1);
    this.dateColumn = this.index.get('date') ?? -1;
    this.channelColumn = this.index.get('channel') ?? -1;
    return this.issues.length === 0;
  }

  /** Whether the header has been read. */
  get hasHeader(): boolean {
    return this.header !== null;
  }

  /** The day a date cell names; consecutive rows mostly share a date, so the last one is remembered. */
  private dayOf(cell: unknown): number | null {
    if (typeof cell === 'string' && cell === this.lastDateText) return this.lastDay;
    const day = readDay(cell);
    if (typeof cell === 'string') {
      this.lastDateText = cell;
      this.lastDay = day;
    }
    return day;
  }

  /** The channel index a label matches, or -1. */
  private channelOf(label: string): number {
    let i = this.labelCache.get(label);
    if (i === undefined) {
      i = this.labels.get(label.trim().toLowerCase()) ?? -1;
      this.labelCache.set(label, i);
    }
    return i;
  }

  /**
   * Checks one data row (line: its row number in the file, 1 = header) and,
   * while the file has no problem, keeps it in the columns.
   */
  readRow(cells: readonly unknown[], line: number): void {
    let blank = true;
    for (let i = 0; i < cells.length && blank; i += 1) {
      const c = cells[i];
      if (c !== null && c !== undefined && (typeof c !== 'string' || c.trim() !== '')) blank = false;
    }
    if (blank) return; // a blank line: nothing to read, nothing lost
    const cell = (column: number): unknown => (column < 0 ? null : cells[column]);
    let bad = false;
    const dateCell = cell(this.dateColumn);
    const day = this.dayOf(dateCell);
    if (day === null) {
      const w = this.where(line, 'date');
      this.add(w.path, 'bad_date', `${w.zh}：「${String(dateCell ?? '')}」不是日期（应为 2026-03-02 或 2026/3/2）`, `${w.en}: "${String(dateCell ?? '')}" is not a date (write 2026-03-02 or 2026/3/2)`);
      bad = true;
    } else if (this.range && (day < this.range.start || day > this.range.end)) {
      const w = this.where(line, 'date');
      const { start, end } = this.options.range!;
      const date = historyDate(day);
      this.add(w.path, 'date_out_of_range', `${w.zh}：${date} 不在 ${start} 至 ${end} 之内`, `${w.en}: ${date} is outside ${start} – ${end}`);
      bad = true;
    }
    const labelCell = cell(this.channelColumn);
    const channel = this.channelOf(typeof labelCell === 'string' ? labelCell : String(labelCell ?? ''));
    const label = () => String(labelCell ?? '').trim();
    const written = label();
    const use = this.used.get(written);
    if (use) use.rows += 1;
    else this.used.set(written, { label: written, channel: channel < 0 ? null : this.ids[channel]!, rows: 1 });
    if (channel < 0) {
      const w = this.where(line, 'channel');
      this.add(w.path, 'unknown_channel', `${w.zh}：渠道「${label()}」与计划中的渠道都对不上（可按 id、中文名、英文名或映射匹配）`, `${w.en}: channel "${label()}" matches no channel of the plan (by id, zh or en name, or the mapping)`);
      bad = true;
    }
    const figures = this.figures;
    for (let k = 0; k < NUMBER_FIELDS.length; k += 1) {
      const column = this.numberColumns[k]!;
      if (column < 0) {
        figures[k] = NaN;
        continue;
      }
      const raw = cells[column];
      const read = readNumber(raw);
      if (read.ok && read.value >= 0) {
        figures[k] = read.value;
        continue;
      }
      figures[k] = NaN;
      const field = NUMBER_FIELDS[k]!;
      const w = this.where(line, field);
      if (!read.ok) {
        const text = String(raw ?? '');
        if (read.code === 'blank') this.add(w.path, 'blank', `${w.zh}：空白，应为数字（没有就填 0）`, `${w.en}: blank; a number belongs here (write 0 for none)`);
        else this.add(w.path, 'not_a_number', `${w.zh}：「${text}」不是数字`, `${w.en}: "${text}" is not a number`);
      } else {
        this.add(w.path, 'negative', `${w.zh}：${read.value} 为负数，不能小于 0`, `${w.en}: ${read.value} is negative; it cannot be below 0`);
      }
      bad = true;
    }
    const visitors = figures[VISITORS]!;
    const orders = figures[ORDERS]!;
    const gmv = figures[GMV]!;
    if (orders > visitors) {
      const w = this.where(line, 'orders');
      this.add(w.path, 'orders_above_visitors', `${w.zh}：订单数 ${orders} 大于访客数 ${visitors}`, `${w.en}: ${orders} orders is more than the ${visitors} visitors`);
      bad = true;
    }
    if (orders === 0 && gmv > 0) {
      const w = this.where(line, 'gmv');
      this.add(w.path, 'gmv_without_orders', `${w.zh}：没有订单却有成交额 ${gmv}`, `${w.en}: GMV ${gmv} with no orders`);
      bad = true;
    }
    if (day !== null && channel >= 0) {
      const key = day * this.ids.length + channel;
      const first = this.seen.get(key);
      if (first !== undefined) {
        const w = this.where(line);
        const date = historyDate(day);
        this.add(w.path, 'duplicate_day_channel', `${w.zh}：${date} 的渠道「${label()}」已在第 ${first} 行出现`, `${w.en}: ${date} for channel "${label()}" already appears on row ${first}`);
        bad = true;
      } else this.seen.set(key, line);
    }
    if (bad || this.issues.length > 0 || this.extraIssues > 0) return; // once anything is wrong no rows are kept: nothing is applied
    this.builder.add(channel, day!, figures);
  }

  /** The import's outcome: the whole history, or every problem. */
  finish(encoding: string): HistoryImport {
    const f = this.options.file;
    if (this.header === null || (this.issues.length === 0 && this.extraIssues === 0 && this.builder.rows === 0)) {
      this.add(`${f}:1`, 'empty_file', `${f}：文件为空，没有${this.header === null ? '表头和' : ''}数据行`, `${f}: the file is empty: no ${this.header === null ? 'header and no ' : ''}data rows`);
    }
    this.seen.clear();
    if (this.issues.length > 0) {
      const issues = [...this.issues];
      if (this.extraIssues > 0) issues.push(planIssue(`${f}`, 'more_issues', `另有 ${this.extraIssues} 个问题未列出`, `${this.extraIssues} more problems not listed`));
      return { ok: false, issues, header: this.header, labels: [...this.used.values()] };
    }
    const history = this.builder.build();
    return { ok: true, history, header: this.header!, period: { start: historyDate(history.firstDay!), end: historyDate(history.lastDay!) }, encoding, labels: [...this.used.values()] };
  }
}
