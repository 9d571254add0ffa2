import { isCommissionChannel, isPaid, type Channel, type Plan } from '@shopplan/schema';
import { channelCol, SHEET, type ChannelColumnKey } from '../channel-model.ts';
import { columnLetter, type CellFormat, type CellSpec, type ColumnSpec, type NameSpec, type SheetSpec } from '../workbook-spec.ts';
import { HOLIDAY_NAMES, yearCalendar, type CalendarDay, type HolidayId } from '@shopplan/calendar';
import type { PhasingInputs } from './phasing.ts';

/**
 * What the statutory calendar says of each day of the period, as a planner
 * reads it in the Calendar sheet: the holiday (zh / en), 调休 make-up
 * workdays, and "provisional" for a year whose schedule is not published yet
 * (made by rule, DOMAIN.md section 5), so the xlsx never passes a guess as fact.
 */
function holidayNotes(dates: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const years = new Set(dates.map((d) => Number(d.slice(0, 4))));
  for (const year of years) {
    const cal = yearCalendar(year);
    if (!cal.ok) continue; // a year outside 2001–2100 has no statutory calendar to show
    const mark = cal.calendar.provisional ? '（暂定 provisional）' : '';
    const name = (id: string) => {
      const n = HOLIDAY_NAMES[id as HolidayId];
      return n ? `${n.zh} ${n.en}` : id;
    };
    for (const day of cal.calendar.days as CalendarDay[]) {
      if (day.holiday) out.set(day.date, `${name(day.holiday)}${mark}`);
      else if (day.makeUpWorkday) out.set(day.date, `调休上班 make-up workday${mark}`);
    }
  }
  return out;
}

/** Sheet names of daily phasing, stable across languages. */
export const DAYS_SHEET = { days: 'Days', calendar: 'Calendar' } as const;

/**
 * What a plan's days carry. A target plan phases its GMV target; a budget or
 * channels plan phases its period spend (the budget spread by the same day
 * weights), each day buying what its own rates allow; a plan without a paid
 * channel phases its GMV.
 */
export type PhasedMeasure = 'gmv' | 'spend';

/** Which figure a plan's Days sheet splits in whole fen. */
export function phasedMeasure(plan: Plan): PhasedMeasure {
  return plan.objective.kind === 'target' || !plan.channels.some((ch) => isPaid(ch.cost)) ? 'gmv' : 'spend';
}

/** The day columns of the Days sheet, in order; then six columns per channel (CHANNEL_DAY_COLUMNS). */
export const DAY_COLUMNS = [
  { key: 'date', header: { zh: '日期', en: 'Date' }, format: 'text', width: 12 },
  { key: 'weekday', header: { zh: '星期', en: 'Weekday' }, format: 'text', width: 8 },
  { key: 'activity', header: { zh: '活动', en: 'Activity' }, format: 'text', width: 14 },
  { key: 'phase', header: { zh: '阶段', en: 'Phase' }, format: 'text', width: 10 },
  { key: 'base', header: { zh: '基础权重（星期×季节×周）', en: 'Base weight (weekday × season × week)' }, format: 'ratio', width: 12 },
  { key: 'demand', header: { zh: '需求倍数', en: 'Demand multiplier' }, format: 'ratio', width: 10 },
  { key: 'hangover', header: { zh: '大促后遗症系数', en: 'Hangover' }, format: 'ratio', width: 10 },
  { key: 'weight', header: { zh: '日权重', en: 'Day weight' }, format: 'ratio', width: 10 },
  { key: 'deposit', header: { zh: '预售定金占比', en: 'Presale deposit share' }, format: 'rate', width: 10 },
  { key: 'paidWeight', header: { zh: '计入权重（含尾款）', en: 'Weight when paid (with final payments)' }, format: 'ratio', width: 12 },
  { key: 'exactFen', header: { zh: '精确分摊（分）', en: 'Exact share (fen)' }, format: 'count', width: 14 },
  { key: 'floorFen', header: { zh: '取整（分）', en: 'Whole fen' }, format: 'count', width: 14 },
  { key: 'remainderKey', header: { zh: '余数排序键（小数×10⁶，同值先早日）', en: 'Remainder key (fraction × 10⁶, earlier day first on ties)' }, format: 'count', width: 14 },
  { key: 'remainderFen', header: { zh: '余数补 1 分', en: 'Remainder fen' }, format: 'count', width: 10 },
  { key: 'fen', header: { zh: '日分摊（分）', en: 'Day share (fen)' }, format: 'count', width: 14 },
  { key: 'target', header: { zh: '日目标', en: 'Day target' }, format: 'money', width: 14 },
  { key: 'amount', header: { zh: '按下单倒推额', en: 'Amount back-calculated (as ordered)' }, format: 'money', width: 14 },
  { key: 'fees', header: { zh: '固定费用分摊', en: 'Fixed fees of the day' }, format: 'money', width: 12 },
  { key: 'mixVisitors', header: { zh: '流量结构', en: 'Visitor mix' }, format: 'count', width: 14 },
  { key: 'mixValue', header: { zh: '结构价值/成本', en: 'Mix value or cost' }, format: 'money', width: 14 },
  { key: 'visitors', header: { zh: '访客数', en: 'Visitors' }, format: 'count', width: 14 },
  { key: 'share', header: { zh: '日权重占比', en: 'Share of the weights' }, format: 'rate', width: 10 },
  { key: 'perMix', header: { zh: '每单位结构访客', en: 'Visitors per mix unit' }, format: 'ratio', width: 12 },
  { key: 'gmv', header: { zh: '下单成交额', en: 'GMV ordered' }, format: 'money', width: 14 },
  { key: 'spend', header: { zh: '花费', en: 'Spend' }, format: 'money', width: 14 },
] as const satisfies readonly ColumnSpec[];

/** A key of the Days sheet's day columns. */
export type DayColumnKey = (typeof DAY_COLUMNS)[number]['key'];

/** The per-channel columns of the Days sheet, repeated for every channel in plan order. */
export const CHANNEL_DAY_COLUMNS = ['traffic', 'cvr', 'cost', 'visitors', 'gmv', 'spend'] as const;
/** A per-channel column of the Days sheet. */
export type ChannelDayColumn = (typeof CHANNEL_DAY_COLUMNS)[number];

/** Zero-based column of a day column. */
export function dayCol(key: DayColumnKey): number {
  return DAY_COLUMNS.findIndex((c) => c.key === key);
}

/** Zero-based column of a channel's figure on the Days sheet (channel by plan index). */
export function channelDayCol(channelIndex: number, key: ChannelDayColumn): number {
  return DAY_COLUMNS.length + channelIndex * CHANNEL_DAY_COLUMNS.length + CHANNEL_DAY_COLUMNS.indexOf(key);
}

const cell = (content: CellSpec['content'], format: CellFormat): CellSpec => ({ content, format });

/** Remainder keys break ties by day: 1000 − day number, so periods stay under 1000 days (MAX_PHASED_DAYS). */
const KEY_ROWS = 1000;

/**
 * The Days sheet (channels × days) and the Calendar sheet (the activities and
 * phases of every day) of a plan, as formulas over the Channels sheet and the
 * plan's target or spend. One data row per day of the period, then a total
 * row. How a day is computed:
 *
 * - weight = base × demand × hangover; with presale, the weight when paid =
 *   weight × (1 − deposit share) + on final-payment days the warm-up's
 *   deposits × (1 − drop-out) over the final-payment days;
 * - whole fen: exact = ROUND(total fen × paid weight / Σ, 2), floor = INT,
 *   and the remainder R = total − Σ floors goes one fen each to the R days
 *   with the largest fractions (to a hundredth of a fen), ties to the earlier
 *   day. Hundredths, not millionths: a year's target is ~1e8–1e10 fen, where
 *   a double's last bits sit near the sixth decimal and LibreOffice's ROUND
 *   (which snaps near-halves) and HyperFormula's disagreed on a few days of the
 *   2027 example. Each day's key is
 *   a whole number, fraction in hundredths × 1000 + (1000 − day number), so
 *   keys are unique and exact in every spreadsheet; a day gets the fen when
 *   its key is at or above the R-th largest (LARGE, once, not a rank per
 *   day: a year of days stays linear);
 * - each day is back-calculated with its own rates, reusing the Channels
 *   sheet's figures per visitor: the day's visitors split over channels as
 *   the period's visitors × the day's traffic multiplier; a channel's value
 *   per visitor is Channels' value per visitor × the day's CVR multiplier,
 *   its cost per visitor Channels' cost per visitor × the CPC/CPM multiplier
 *   (commission channels: cost per ¥ of GMV × the day's GMV; live stream
 *   fees spread by day weight).
 *
 * With every multiplier 1 and flat weights each day is the period scaled by
 * its share, so the days' spend sums to the Channels sheet's spend.
 *
 * The per-channel figures and the visitor mix are one array formula per
 * column over all days (pure arithmetic, which Excel, WPS, LibreOffice and
 * HyperFormula evaluate element-wise): a year × 20 channels is 60 formulas
 * there, not 22,000, which halves the build and speeds every target edit.
 */
export function daysSheets(plan: Plan, inputs: PhasingInputs): { sheets: SheetSpec[]; names: NameSpec[] } {
  const { days } = inputs;
  const n = days.length;
  const first = 2; // sheet row of the first day (A1 terms)
  const last = n + 1;
  const tot = n + 2; // the total row
  const measure = phasedMeasure(plan);
  const D = (key: DayColumnKey) => columnLetter(dayCol(key));
  const C = (i: number, key: ChannelDayColumn) => columnLetter(channelDayCol(i, key));
  const chRef = (i: number, key: ChannelColumnKey) => `${SHEET.channels}!$${columnLetter(channelCol(key))}$${i + 2}`;
  const totalRef = (key: ChannelColumnKey) => `${SHEET.channels}!$${columnLetter(channelCol(key))}$${plan.channels.length + 2}`;
  const abs = (key: DayColumnKey, row: number) => `$${D(key)}$${row}`;
  const range = (key: DayColumnKey, from = first, to = last) => `$${D(key)}$${from}:$${D(key)}$${to}`;

  // final-payment rows: the deposits of the warm-up rows, less drop-outs, shared over the final days
  const incoming = new Map<number, string[]>();
  for (const flow of inputs.presales) {
    if (flow.finalRows.length === 0) continue;
    const runs: Array<[number, number]> = [];
    for (const r of flow.warmUpRows) {
      const tail = runs[runs.length - 1];
      if (tail && tail[1] === r - 1) tail[1] = r;
      else runs.push([r, r]);
    }
    const deposits = runs.map(([a, b]) => `SUMPRODUCT($${D('weight')}$${a + first}:$${D('weight')}$${b + first},$${D('deposit')}$${a + first}:$${D('deposit')}$${b + first})`).join('+');
    const term = `(${deposits})*(1-${flow.dropOutRate})/${flow.finalRows.length}`;
    for (const r of flow.finalRows) incoming.set(r, [...(incoming.get(r) ?? []), term]);
  }

  const measureRef = measure === 'gmv' ? (plan.objective.kind === 'target' ? 'target_gmv' : totalRef('gmv')) : totalRef('spend');
  const paid = plan.channels.map((ch) => isPaid(ch.cost));

  /** A column over every day, for array formulas: `T2:T366`. */
  const R = (col: string) => `${col}${first}:${col}${last}`;
  /** An array formula filling the column's day rows from the first. */
  const array = (content: string, format: CellFormat): CellSpec => ({ content, format, arrayRange: { rows: n, columns: 1 } });
  /** A channel's cost per visitor on each day, by cost model, from the Channels sheet. */
  const dayCostPerVisitor = (ch: Channel, i: number): string | null => {
    if (!isPaid(ch.cost)) return null;
    // commission on the value each visitor brings, which moves with the day's CVR
    if (isCommissionChannel(ch.cost)) return `${chRef(i, 'costPerVisitor')}*${R(C(i, 'cvr'))}`;
    return `${chRef(i, 'costPerVisitor')}*${R(C(i, 'cost'))}`;
  };
  const mixVisitors = plan.channels.map((_, i) => `${chRef(i, 'visitors')}*${R(C(i, 'traffic'))}`).join('+');
  const mixValue = measure === 'gmv'
    ? plan.channels.map((_, i) => `${chRef(i, 'visitors')}*${R(C(i, 'traffic'))}*${chRef(i, 'valuePerVisitor')}*${R(C(i, 'cvr'))}`).join('+')
    : plan.channels.map((ch, i) => {
      const cpv = dayCostPerVisitor(ch, i);
      return cpv ? `${chRef(i, 'visitors')}*${R(C(i, 'traffic'))}*${cpv}` : null;
    }).filter((t): t is string => t !== null).join('+');

  const rows: CellSpec[][] = days.map((day, row) => {
    const r = row + first;
    const top = row === 0;
    const extra = incoming.get(row);
    const dayCells: Record<DayColumnKey, CellSpec> = {
      date: cell(day.date, 'text'),
      weekday: cell(day.weekday, 'text'),
      activity: cell(day.phase?.activity ?? '', 'text'),
      phase: cell(day.phase?.kind ?? '', 'text'),
      base: cell(day.base, 'ratio'),
      demand: cell(day.demand, 'ratio'),
      hangover: cell(day.hangover, 'ratio'),
      weight: cell(`=${D('base')}${r}*${D('demand')}${r}*${D('hangover')}${r}`, 'ratio'),
      deposit: cell(day.depositShare, 'rate'),
      // a spend plan spends when orders are placed: presale moves GMV, not spend
      paidWeight: cell(measure === 'spend' ? `=${D('weight')}${r}` : `=${D('weight')}${r}*(1-${D('deposit')}${r})${extra ? `+${extra.join('+')}` : ''}`, 'ratio'),
      exactFen: cell(`=IF(${abs('paidWeight', tot)}=0,0,ROUND(${abs('exactFen', tot)}*${D('paidWeight')}${r}/${abs('paidWeight', tot)},2))`, 'count'),
      floorFen: cell(`=INT(${D('exactFen')}${r})`, 'count'),
      // a whole-number key: the fraction in millionths of a fen, then the earlier day first (unique, exact)
      remainderKey: cell(`=ROUND((${D('exactFen')}${r}-${D('floorFen')}${r})*100,0)*1000+${KEY_ROWS - row - 1}`, 'count'),
      // the remainder's fen go to the days whose keys are the largest: at or above the R-th largest key
      remainderFen: cell(`=IF(${D('remainderKey')}${r}>=${abs('remainderKey', tot)},1,0)`, 'count'),
      fen: cell(`=${D('floorFen')}${r}+${D('remainderFen')}${r}`, 'count'),
      target: cell(`=${D('fen')}${r}/100`, 'money'),
      // presale days order more than they book: back-calculate what is ordered that day
      amount: cell(measure === 'gmv'
        ? `=IF(${D('paidWeight')}${r}=${D('weight')}${r},${D('target')}${r},IF(${abs('paidWeight', tot)}=0,0,${abs('exactFen', tot)}/100*${D('weight')}${r}/${abs('paidWeight', tot)}))`
        : `=${D('target')}${r}`, 'money'),
      fees: cell(`=fixed_fees*${D('share')}${r}`, 'money'),
      mixVisitors: top ? array(`=${mixVisitors}`, 'count') : cell(null, 'count'),
      mixValue: mixValue ? (top ? array(`=${mixValue}`, 'money') : cell(null, 'money')) : cell(0, 'money'),
      visitors: cell(measure === 'gmv'
        ? `=IF(${D('mixValue')}${r}=0,0,${D('amount')}${r}*${D('mixVisitors')}${r}/${D('mixValue')}${r})`
        : `=IF(${D('mixValue')}${r}=0,0,MAX(0,${D('amount')}${r}-${D('fees')}${r})*${D('mixVisitors')}${r}/${D('mixValue')}${r})`, 'count'),
      share: cell(`=IF(${abs('weight', tot)}=0,0,${D('weight')}${r}/${abs('weight', tot)})`, 'rate'),
      perMix: cell(`=IF(${D('mixVisitors')}${r}=0,0,${D('visitors')}${r}/${D('mixVisitors')}${r})`, 'ratio'),
      gmv: top ? array(`=${plan.channels.map((_, i) => R(C(i, 'gmv'))).join('+')}`, 'money') : cell(null, 'money'),
      spend: top ? array(`=${plan.channels.map((_, i) => R(C(i, 'spend'))).join('+')}`, 'money') : cell(null, 'money'),
    };
    const channelCells = plan.channels.flatMap((ch, i): CellSpec[] => {
      const rates = day.channels[i]!;
      // one array formula per channel figure, over every day: the same arithmetic on each row
      let spend: CellSpec;
      if (!paid[i]) spend = cell(0, 'money');
      else if (!top) spend = cell(null, 'money');
      else if (isCommissionChannel(ch.cost)) {
        const fee = ch.cost.model === 'live' ? `${chRef(i, 'fixedFee')}*${R(D('share'))}+` : '';
        spend = array(`=${fee}${R(C(i, 'gmv'))}*${chRef(i, 'costPerGmv')}`, 'money');
      } else spend = array(`=${R(C(i, 'visitors'))}*${chRef(i, 'costPerVisitor')}*${R(C(i, 'cost'))}`, 'money');
      return [
        cell(rates.traffic, 'ratio'),
        cell(rates.cvr, 'ratio'),
        cell(rates.cost, 'ratio'),
        top ? array(`=${R(D('perMix'))}*${chRef(i, 'visitors')}*${R(C(i, 'traffic'))}`, 'count') : cell(null, 'count'),
        top ? array(`=${R(C(i, 'visitors'))}*${chRef(i, 'valuePerVisitor')}*${R(C(i, 'cvr'))}`, 'money') : cell(null, 'money'),
        spend,
      ];
    });
    return [...DAY_COLUMNS.map((c) => dayCells[c.key]), ...channelCells];
  });

  const sum = (col: string, format: CellFormat) => cell(`=SUM(${col}${first}:${col}${last})`, format);
  const totalDay: Partial<Record<DayColumnKey, CellSpec>> = {
    date: cell('total', 'text'),
    weight: sum(D('weight'), 'ratio'),
    paidWeight: sum(D('paidWeight'), 'ratio'),
    // the whole fen to split: the phased figure rounded to the fen
    exactFen: cell(`=ROUND(${measureRef}*100,0)`, 'count'),
    floorFen: sum(D('floorFen'), 'count'),
    // the R-th largest key, R = how many days get one more fen (none: above every key)
    remainderKey: cell(`=IF(${abs('remainderFen', tot)}>0,LARGE(${range('remainderKey')},${abs('remainderFen', tot)}),MAX(${range('remainderKey')})+1)`, 'count'),
    remainderFen: cell(`=${abs('exactFen', tot)}-${abs('floorFen', tot)}`, 'count'),
    fen: sum(D('fen'), 'count'),
    target: sum(D('target'), 'money'),
    amount: sum(D('amount'), 'money'),
    fees: sum(D('fees'), 'money'),
    visitors: sum(D('visitors'), 'count'),
    share: sum(D('share'), 'rate'),
    gmv: sum(D('gmv'), 'money'),
    spend: sum(D('spend'), 'money'),
  };
  const totalRow: CellSpec[] = [
    ...DAY_COLUMNS.map((c) => totalDay[c.key] ?? cell(null, c.format)),
    ...plan.channels.flatMap((_, i) => CHANNEL_DAY_COLUMNS.map((key) => (key === 'visitors' || key === 'gmv' || key === 'spend' ? sum(C(i, key), key === 'visitors' ? 'count' : 'money') : cell(null, 'ratio')))),
  ];

  const channelColumns: ColumnSpec[] = plan.channels.flatMap((ch) => [
    { key: `${ch.id}.traffic`, header: { zh: `${ch.name.zh} 流量倍数`, en: `${ch.name.en} traffic ×` }, format: 'ratio', width: 10 },
    { key: `${ch.id}.cvr`, header: { zh: `${ch.name.zh} 转化倍数`, en: `${ch.name.en} CVR ×` }, format: 'ratio', width: 10 },
    { key: `${ch.id}.cost`, header: { zh: `${ch.name.zh} 出价倍数`, en: `${ch.name.en} CPC/CPM ×` }, format: 'ratio', width: 10 },
    { key: `${ch.id}.visitors`, header: { zh: `${ch.name.zh} 访客数`, en: `${ch.name.en} visitors` }, format: 'count', width: 14 },
    { key: `${ch.id}.gmv`, header: { zh: `${ch.name.zh} 成交额`, en: `${ch.name.en} GMV` }, format: 'money', width: 14 },
    { key: `${ch.id}.spend`, header: { zh: `${ch.name.zh} 花费`, en: `${ch.name.en} spend` }, format: 'money', width: 14 },
  ]);
  const daysSheet: SheetSpec = {
    name: DAYS_SHEET.days,
    title: { zh: '日计划', en: 'Days' },
    columns: [...DAY_COLUMNS, ...channelColumns],
    rows: [...rows, totalRow],
    frozen: { rows: 1, columns: 2 },
  };

  const notes = holidayNotes(days.map((d) => d.date));
  const calendarRows: CellSpec[][] = days.map((day, row) => {
    const r = row + first;
    const ref = (key: DayColumnKey) => `${DAYS_SHEET.days}!${D(key)}${r}`;
    return [
      cell(day.date, 'text'),
      cell(day.weekday, 'text'),
      cell(day.phases.map((p) => `${p.activity} (${p.tier}) ${p.kind}`).join('; '), 'text'),
      cell(day.phase?.activity ?? '', 'text'),
      cell(day.phase?.kind ?? '', 'text'),
      cell(day.phase?.tier ?? '', 'text'),
      cell(`=${ref('demand')}*${ref('hangover')}`, 'ratio'),
      cell(`=IF(${DAYS_SHEET.days}!${abs('paidWeight', tot)}=0,0,${ref('paidWeight')}/${DAYS_SHEET.days}!${abs('paidWeight', tot)})`, 'rate'),
      cell(`=${ref('target')}`, 'money'),
      cell(`=${ref('spend')}`, 'money'),
      cell(notes.get(day.date) ?? '', 'text'),
    ];
  });
  const calendarSheet: SheetSpec = {
    name: DAYS_SHEET.calendar,
    title: { zh: '活动日历', en: 'Calendar' },
    columns: [
      { key: 'date', header: { zh: '日期', en: 'Date' }, format: 'text', width: 12 },
      { key: 'weekday', header: { zh: '星期', en: 'Weekday' }, format: 'text', width: 8 },
      { key: 'phases', header: { zh: '当日活动与阶段', en: 'Activities and phases of the day' }, format: 'text', width: 40 },
      { key: 'activity', header: { zh: '主导活动', en: 'Governing activity' }, format: 'text', width: 14 },
      { key: 'phase', header: { zh: '阶段', en: 'Phase' }, format: 'text', width: 10 },
      { key: 'tier', header: { zh: '等级', en: 'Tier' }, format: 'text', width: 6 },
      { key: 'multiplier', header: { zh: '需求×后遗症', en: 'Demand × hangover' }, format: 'ratio', width: 12 },
      { key: 'share', header: { zh: '日占比', en: 'Share of the period' }, format: 'rate', width: 10 },
      { key: 'target', header: { zh: '日目标', en: 'Day target' }, format: 'money', width: 14 },
      { key: 'spend', header: { zh: '花费', en: 'Spend' }, format: 'money', width: 14 },
      { key: 'holiday', header: { zh: '法定假日 / 调休', en: 'Statutory holiday / 调休' }, format: 'text', width: 28 },
    ],
    rows: calendarRows,
    frozen: { rows: 1, columns: 1 },
  };
  return { sheets: [daysSheet, calendarSheet], names: [] };
}
