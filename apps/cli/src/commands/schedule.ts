import { parseArgs } from 'node:util';
import { schedulePlan, type Schedule, type ScheduledActivity } from '@shopplan/engine';
import type { Lang, Plan } from '@shopplan/schema';
import { EXIT, resolveLang, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';

/**
 * The `--json` shape of `shopplan schedule`: a public interface, exactly as
 * issue 11 names it (no more fields, none renamed).
 */
export function scheduleJson(schedule: Schedule): unknown {
  return {
    activities: schedule.activities.map((a) => ({
      id: a.id,
      tier: a.tier,
      window: { start: a.window.start, end: a.window.end },
      placed: a.placed ? { start: a.placed.start, end: a.placed.end } : null,
      phases: a.phases.map((p) => ({ kind: p.kind, start: p.start, end: p.end })),
      needs: { ...a.needs },
      reason: a.reason
        ? { code: a.reason.code, resource: a.reason.resource, dates: [...a.reason.dates], message: { zh: a.reason.message.zh, en: a.reason.message.en } }
        : null,
    })),
    resources: schedule.resources.map((r) => ({
      id: r.id,
      days: r.days.map((d) => ({ date: d.date, used: d.used, capacity: d.capacity })),
    })),
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Phase letters of the Gantt: 预热 W, 爆发 P, 尾期 T, 返场 E. */
const LETTER = { warmUp: 'W', peak: 'P', tail: 'T', encore: 'E' } as const;
/** When a week column holds several phases, the one shown: the peak matters most. */
const SHOWN_FIRST = ['peak', 'warmUp', 'encore', 'tail'] as const;

const TEXT = {
  zh: {
    byDay: '按日', byWeek: '按周（周一起）', legend: 'W 预热期  P 高峰期  T 尾期  E 返场期',
    resources: '资源占用（每列最高占用率：空 0  . ≤25%  : ≤50%  - ≤75%  = <100%  # 满）',
    unplaced: (n: number) => `未排期的活动（${n}）：`, allPlaced: '所有活动均已排期。', none: '计划中没有活动。',
    placed: (n: number, total: number) => `已排期 ${n} / ${total} 个活动`,
  },
  en: {
    byDay: 'by day', byWeek: 'by week (from Monday)', legend: 'W warm-up  P peak  T tail  E encore',
    resources: 'resource use (highest share per column: blank 0  . ≤25%  : ≤50%  - ≤75%  = <100%  # full)',
    unplaced: (n: number) => `activities not placed (${n}):`, allPlaced: 'every activity is placed.', none: 'the plan has no activities.',
    placed: (n: number, total: number) => `${n} of ${total} activities placed`,
  },
} as const;

/** The columns of the Gantt: single days for a short plan, Monday–Sunday weeks for a long one. */
function columns(schedule: Schedule): { first: number; last: number }[] {
  const first = dayOf(schedule.start);
  const last = dayOf(schedule.end);
  const cols: { first: number; last: number }[] = [];
  if (last - first + 1 <= 62) {
    for (let d = first; d <= last; d += 1) cols.push({ first: d, last: d });
    return cols;
  }
  let d = first;
  while (d <= last) {
    const weekday = (((d + 3) % 7) + 7) % 7; // 0 Monday … 6 Sunday (1970-01-01 was a Thursday)
    const end = Math.min(last, d + 6 - weekday);
    cols.push({ first: d, last: end });
    d = end + 1;
  }
  return cols;
}

function bar(a: ScheduledActivity, cols: ReturnType<typeof columns>): string {
  const window = [dayOf(a.window.start), dayOf(a.window.end)] as const;
  return cols.map((col) => {
    const present = SHOWN_FIRST.find((kind) => a.phases.some((p) => p.kind === kind && dayOf(p.start) <= col.last && dayOf(p.end) >= col.first));
    if (present) return LETTER[present];
    return window[0] <= col.last && window[1] >= col.first ? '·' : ' ';
  }).join('');
}

function heat(share: number): string {
  if (share <= 0) return ' ';
  if (share >= 1 - 1e-9) return '#';
  return share <= 0.25 ? '.' : share <= 0.5 ? ':' : share <= 0.75 ? '-' : '=';
}

const width = (text: string): number => [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));

/**
 * The schedule as a readable text Gantt: one row per activity grouped by
 * tier, phases as letters per day or week (· marks the rest of the window),
 * a heat strip per resource, then every unplaced activity with its reason.
 */
export function scheduleText(plan: Plan, schedule: Schedule, lang: Lang): string {
  const t = TEXT[lang];
  const cols = columns(schedule);
  const daily = cols.length === dayOf(schedule.end) - dayOf(schedule.start) + 1;
  const lines = [`${plan.name[lang]} · ${plan.shop} · ${schedule.start} – ${schedule.end} · ${daily ? t.byDay : t.byWeek}`];
  if (schedule.activities.length === 0) return [...lines, t.none].join('\n');
  const byId = new Map((plan.activities ?? []).map((a) => [a.id, a]));
  const placedCount = schedule.activities.filter((a) => a.placed).length;
  lines.push(`${t.placed(placedCount, schedule.activities.length)} · ${t.legend}`, '');
  const labels = schedule.activities.map((a) => `${a.tier} ${a.id} ${byId.get(a.id)?.name[lang] ?? ''}`.trim());
  const resourceLabels = schedule.resources.map((r) => `${r.id} ${r.name[lang]}`);
  const labelWidth = Math.min(40, Math.max(...[...labels, ...resourceLabels].map(width))) + 2;
  const fit = (text: string): string => {
    let out = '';
    for (const ch of text) {
      if (width(out + ch) > labelWidth - 2) break;
      out += ch;
    }
    return pad(out, labelWidth);
  };
  // A ruler over the columns: month numbers where months begin (weekly), day numbers every 5 days (daily).
  const ruler = cols.map(() => ' ');
  cols.forEach((col, i) => {
    const daily = col.first === col.last;
    const date = isoOf(daily ? col.first : col.last);
    const startsMonth = daily ? false : Number(isoOf(col.last).slice(8)) <= col.last - col.first + 1;
    const mark = daily ? (Number(date.slice(8)) % 5 === 0 || date.endsWith('-01') ? String(Number(date.slice(8))) : '') : startsMonth || i === 0 ? String(Number(date.slice(5, 7))) : '';
    // A mark is written whole, with a blank before it, or not at all (no '301' for 30 and 1).
    const room = i + mark.length <= ruler.length && (i === 0 || ruler[i - 1] === ' ') && ruler.slice(i, i + mark.length).every((c) => c === ' ');
    if (mark !== '' && room) [...mark].forEach((ch, k) => (ruler[i + k] = ch));
  });
  lines.push(`${' '.repeat(labelWidth)}${ruler.join('')}`);
  const order = schedule.activities
    .map((a, i) => ({ a, i }))
    .sort((x, y) => 'SABC'.indexOf(x.a.tier) - 'SABC'.indexOf(y.a.tier)
      || (x.a.placed?.start ?? '9999').localeCompare(y.a.placed?.start ?? '9999')
      || x.i - y.i);
  let tier = '';
  for (const { a, i } of order) {
    if (a.tier !== tier && tier !== '') lines.push('');
    tier = a.tier;
    lines.push(`${fit(labels[i]!)}${bar(a, cols)}${a.placed ? '' : '  ✗'}`);
  }
  lines.push('', t.resources);
  schedule.resources.forEach((r, i) => {
    const strip = cols.map((col) => {
      let most = 0;
      for (const day of r.days) {
        const d = dayOf(day.date);
        if (d < col.first || d > col.last) continue;
        most = Math.max(most, day.capacity > 0 ? day.used / day.capacity : 0);
      }
      return heat(most);
    }).join('');
    lines.push(`${fit(resourceLabels[i]!)}${strip}`);
  });
  const unplaced = schedule.activities.filter((a) => a.reason);
  lines.push('', unplaced.length === 0 ? t.allPlaced : t.unplaced(unplaced.length));
  for (const a of unplaced) lines.push(`  ✗ ${a.tier} ${a.id} [${a.reason!.code}${a.reason!.resource ? ` ${a.reason!.resource}` : ''}]: ${a.reason!.message[lang]}`);
  return lines.join('\n');
}

/** `shopplan schedule PLAN [--json] [--lang zh|en]` */
export function schedule(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  const read = readPlanFile(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = schedulePlan(read.plan);
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  io.out(values.json ? JSON.stringify(scheduleJson(outcome.schedule), null, 2) : scheduleText(read.plan, outcome.schedule, lang));
  return EXIT.ok;
}

/** The `schedule` verb as the command table in cli.ts lists it (a Command; not imported, so no cycle). */
