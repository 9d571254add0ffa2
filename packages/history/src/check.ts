import { planIssue, type HistoryRow, type LocalizedText, type PlanIssue } from '@shopplan/schema';
import { FIELD_NAMES, fieldOfHeader, NUMBER_FIELDS, REQUIRED_FIELDS, type HistoryField } from './aliases.ts';
import { readDate, readNumber } from './values.ts';

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

/** The importer's answer: every row, or every problem (and then no rows at all). */
export type HistoryImport =
  | { ok: true; rows: HistoryRow[]; header: HeaderMapping; period: { start: string; end: string }; encoding: string; labels?: ChannelLabelUse[] }
  | { ok: false; issues: PlanIssue[]; header: HeaderMapping | null; labels?: ChannelLabelUse[] };

const DEFAULT_MAX_ISSUES = 50;

/**
 * Checks a history file row by row as the parser hands rows over, keeping
 * every problem (up to a cap, then a count) so the planner sees them all at
 * once. Rows are only returned when there is no problem at all.
 */
export class HistoryChecker {
  private header: HeaderMapping | null = null;
  private index = new Map<HistoryField, number>();
  private rows: HistoryRow[] = [];
  private issues: PlanIssue[] = [];
  private extraIssues = 0;
  private seen = new Map<string, number>();
  private labels = new Map<string, string>();
  /** Every channel label read (as written), with its match and row count: kept past the issue cap. */
  private used = new Map<string, ChannelLabelUse>();
  private readonly max: number;

  constructor(private readonly options: HistoryImportOptions) {
    this.max = options.maxIssues ?? DEFAULT_MAX_ISSUES;
    for (const c of options.channels) {
      for (const label of [c.id, c.name.zh, c.name.en]) this.labels.set(label.trim().toLowerCase(), c.id);
    }
    // the planner's mapping wins over names
    for (const [label, id] of Object.entries(options.mapping ?? {})) this.labels.set(label.trim().toLowerCase(), id);
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
    return this.issues.length === 0;
  }

  /** Whether the header has been read. */
  get hasHeader(): boolean {
    return this.header !== null;
  }

  /** Checks one data row (line: its row number in the file, 1 = header). */
  readRow(cells: readonly unknown[], line: number): void {
    if (cells.every((c) => String(c ?? '').trim() === '')) return; // a blank line: nothing to read, nothing lost
    const cell = (field: HistoryField): unknown => {
      const i = this.index.get(field);
      return i === undefined ? null : cells[i];
    };
    let bad = false;
    const date = readDate(cell('date'));
    if (date === null) {
      const w = this.where(line, 'date');
      this.add(w.path, 'bad_date', `${w.zh}：「${String(cell('date') ?? '')}」不是日期（应为 2026-03-02 或 2026/3/2）`, `${w.en}: "${String(cell('date') ?? '')}" is not a date (write 2026-03-02 or 2026/3/2)`);
      bad = true;
    } else if (this.options.range && (date < this.options.range.start || date > this.options.range.end)) {
      const w = this.where(line, 'date');
      const { start, end } = this.options.range;
      this.add(w.path, 'date_out_of_range', `${w.zh}：${date} 不在 ${start} 至 ${end} 之内`, `${w.en}: ${date} is outside ${start} – ${end}`);
      bad = true;
    }
    const label = String(cell('channel') ?? '').trim();
    const channel = this.labels.get(label.toLowerCase());
    const use = this.used.get(label) ?? { label, channel: channel ?? null, rows: 0 };
    use.rows += 1;
    this.used.set(label, use);
    if (!channel) {
      const w = this.where(line, 'channel');
      this.add(w.path, 'unknown_channel', `${w.zh}：渠道「${label}」与计划中的渠道都对不上（可按 id、中文名、英文名或映射匹配）`, `${w.en}: channel "${label}" matches no channel of the plan (by id, zh or en name, or the mapping)`);
      bad = true;
    }
    const values: Partial<Record<(typeof NUMBER_FIELDS)[number], number | null>> = {};
    for (const field of NUMBER_FIELDS) {
      if (!this.index.has(field)) {
        values[field] = null;
        continue;
      }
      const read = readNumber(cell(field));
      if (read.ok && read.value >= 0) {
        values[field] = read.value;
        continue;
      }
      const w = this.where(line, field);
      if (!read.ok) {
        const raw = String(cell(field) ?? '');
        if (read.code === 'blank') this.add(w.path, 'blank', `${w.zh}：空白，应为数字（没有就填 0）`, `${w.en}: blank; a number belongs here (write 0 for none)`);
        else this.add(w.path, 'not_a_number', `${w.zh}：「${raw}」不是数字`, `${w.en}: "${raw}" is not a number`);
        bad = true;
      } else if (read.value < 0) {
        this.add(w.path, 'negative', `${w.zh}：${read.value} 为负数，不能小于 0`, `${w.en}: ${read.value} is negative; it cannot be below 0`);
        bad = true;
      }
    }
    const visitors = values.visitors;
    const orders = values.orders;
    if (typeof visitors === 'number' && typeof orders === 'number' && orders > visitors) {
      const w = this.where(line, 'orders');
      this.add(w.path, 'orders_above_visitors', `${w.zh}：订单数 ${orders} 大于访客数 ${visitors}`, `${w.en}: ${orders} orders is more than the ${visitors} visitors`);
      bad = true;
    }
    if (typeof orders === 'number' && orders === 0 && typeof values.gmv === 'number' && values.gmv > 0) {
      const w = this.where(line, 'gmv');
      this.add(w.path, 'gmv_without_orders', `${w.zh}：没有订单却有成交额 ${values.gmv}`, `${w.en}: GMV ${values.gmv} with no orders`);
      bad = true;
    }
    if (date !== null && channel) {
      const key = `${date}|${channel}`;
      const first = this.seen.get(key);
      if (first !== undefined) {
        const w = this.where(line);
        this.add(w.path, 'duplicate_day_channel', `${w.zh}：${date} 的渠道「${label}」已在第 ${first} 行出现`, `${w.en}: ${date} for channel "${label}" already appears on row ${first}`);
        bad = true;
      } else this.seen.set(key, line);
    }
    if (bad || this.issues.length > 0 || this.extraIssues > 0) return; // once anything is wrong no rows are kept: nothing is applied
    this.rows.push({
      date: date!, channel: channel!, spend: values.spend ?? null, impressions: values.impressions ?? null, clicks: values.clicks ?? null,
      visitors: values.visitors!, addToCart: values.addToCart ?? null, orders: values.orders!, gmv: values.gmv!, refunds: values.refunds ?? null,
    });
  }

  /** The import's outcome: every row, or every problem. */
  finish(encoding: string): HistoryImport {
    const f = this.options.file;
    if (this.header === null || (this.issues.length === 0 && this.extraIssues === 0 && this.rows.length === 0)) {
      this.add(`${f}:1`, 'empty_file', `${f}：文件为空，没有${this.header === null ? '表头和' : ''}数据行`, `${f}: the file is empty: no ${this.header === null ? 'header and no ' : ''}data rows`);
    }
    if (this.issues.length > 0) {
      const issues = [...this.issues];
      if (this.extraIssues > 0) issues.push(planIssue(`${f}`, 'more_issues', `另有 ${this.extraIssues} 个问题未列出`, `${this.extraIssues} more problems not listed`));
      return { ok: false, issues, header: this.header, labels: [...this.used.values()] };
    }
    this.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    return { ok: true, rows: this.rows, header: this.header!, period: { start: this.rows[0]!.date, end: this.rows[this.rows.length - 1]!.date }, encoding, labels: [...this.used.values()] };
  }
}
