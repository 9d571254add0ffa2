import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { TIERS, type Lang } from '@shopplan/schema';
import type { Festival, Schedule, ScheduledActivity } from '@shopplan/engine';
import type { MarkedDay } from '../../worker/promotions.ts';
import { t } from '../../i18n/index.ts';
import { PHASE_COLORS, PHASE_LABEL } from './phases.ts';
import { addDays, dayIndex, monthStarts } from './geometry.ts';


/** Left column of the Gantt (activity names), in pixels. */
export const LABEL_WIDTH = 180;

interface GanttProps {
  schedule: Schedule;
  festivals: Festival[];
  marked: MarkedDay[];
  lang: Lang;
  dayW: number;
  selected: string | null;
  busy: boolean;
  onSelect(id: string): void;
  /** A drag or arrow key asks to start the activity on `start`. */
  onMove(id: string, start: string): void;
}

/** The axis over the Gantt: months, holidays (shaded), 调休 workdays (班) and festivals (ticks). */
function Axis({ schedule, festivals, marked, lang, dayW }: Pick<GanttProps, 'schedule' | 'festivals' | 'marked' | 'lang' | 'dayW'>) {
  const x = (iso: string) => (dayIndex(iso) - dayIndex(schedule.start)) * dayW;
  return (
    <div className="promo-axis" style={{ marginLeft: LABEL_WIDTH, width: (dayIndex(schedule.end) - dayIndex(schedule.start) + 1) * dayW }}>
      {monthStarts(schedule.start, schedule.end).map((m) => (
        <span key={m} className="promo-month" style={{ left: x(m) }}>{lang === 'zh' ? `${Number(m.slice(5, 7))}月` : new Date(`${m}T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' })}</span>
      ))}
      {marked.map((d) => (
        <span
          key={d.date}
          className={d.makeUpWorkday ? 'promo-makeup' : 'promo-holiday'}
          data-testid={d.makeUpWorkday ? 'promo-makeup' : 'promo-holiday'}
          style={{ left: x(d.date), width: Math.max(dayW, 2) }}
          title={`${d.date} ${d.makeUpWorkday ? t('promoMakeUp', lang) : `${t('promoHoliday', lang)} ${d.holiday ?? ''}`}`}
        >
          {d.makeUpWorkday && dayW >= 10 ? '班' : ''}
        </span>
      ))}
      {festivals.map((f) => (
        <span key={`${f.id}-${f.date}`} className={`promo-festival promo-festival-${f.kind}`} data-testid="promo-festival" style={{ left: x(f.date) }} title={`${f.date} ${f.name[lang]}`}>
          <i>{f.name[lang]}</i>
        </span>
      ))}
    </div>
  );
}

/** One activity: its window drawn faintly, its phases coloured; drag or arrow keys move it. */
function Bar({ activity, schedule, lang, dayW, selected, busy, onSelect, onMove }: { activity: ScheduledActivity } & Pick<GanttProps, 'schedule' | 'lang' | 'dayW' | 'selected' | 'busy' | 'onSelect' | 'onMove'>) {
  const origin = dayIndex(schedule.start);
  const x = (iso: string) => (dayIndex(iso) - origin) * dayW;
  const [shift, setShift] = useState(0);
  const drag = useRef<{ x: number; pointer: number } | null>(null);
  const placed = activity.placed;
  const winStart = activity.window.start < schedule.start ? schedule.start : activity.window.start;
  const winEnd = activity.window.end > schedule.end ? schedule.end : activity.window.end;

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (!placed || busy) return;
    onSelect(activity.id);
    drag.current = { x: e.clientX, pointer: e.pointerId };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const moveTo = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setShift(Math.round((e.clientX - drag.current.x) / dayW));
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current || !placed) return;
    const days = Math.round((e.clientX - drag.current.x) / dayW);
    drag.current = null;
    // The bar snaps back at once; if the engine accepts, the new schedule redraws it where it went.
    setShift(0);
    if (days !== 0) onMove(activity.id, addDays(placed.start, days));
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!placed || busy) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      onMove(activity.id, addDays(placed.start, e.key === 'ArrowLeft' ? -1 : 1));
    }
  };

  return (
    <div className="promo-row" data-testid={`promo-row-${activity.id}`}>
      <div className="promo-label" style={{ width: LABEL_WIDTH }} title={activity.name[lang]}>{activity.name[lang]}</div>
      <div className="promo-track">
        {winEnd >= winStart && <div className="promo-window" style={{ left: x(winStart), width: (dayIndex(winEnd) - dayIndex(winStart) + 1) * dayW }} />}
        {placed && (
          <div
            role="button"
            tabIndex={0}
            aria-pressed={selected === activity.id}
            aria-label={`${activity.name[lang]} ${placed.start} – ${placed.end}`}
            className={`promo-bar${selected === activity.id ? ' selected' : ''}`}
            data-testid={`promo-bar-${activity.id}`}
            data-start={placed.start}
            data-end={placed.end}
            style={{ left: x(placed.start) + shift * dayW, width: (dayIndex(placed.end) - dayIndex(placed.start) + 1) * dayW }}
            onPointerDown={down}
            onPointerMove={moveTo}
            onPointerUp={up}
            onPointerCancel={() => { drag.current = null; setShift(0); }}
            onFocus={() => onSelect(activity.id)}
            onKeyDown={key}
          >
            {activity.phases.map((p) => (
              <span
                key={p.kind}
                className={`promo-phase promo-phase-${p.kind}`}
                style={{ left: (dayIndex(p.start) - dayIndex(placed.start)) * dayW, width: (dayIndex(p.end) - dayIndex(p.start) + 1) * dayW, background: PHASE_COLORS[p.kind] }}
                title={`${t(PHASE_LABEL[p.kind], lang)} ${p.start} – ${p.end}`}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The activities as a Gantt, grouped by tier (S, A, B, C), over the plan's period. */
export function Gantt(props: GanttProps) {
  const { schedule, lang } = props;
  return (
    <div className="promo-gantt" data-testid="promo-gantt" style={{ ['--day-w' as string]: `${props.dayW}px` }}>
      <Axis {...props} />
      {TIERS.map((tier) => {
        const rows = schedule.activities.filter((a) => a.tier === tier);
        if (rows.length === 0) return null;
        return (
          <section key={tier} className="promo-tier" data-testid={`promo-tier-${tier}`}>
            <h3>{lang === 'zh' ? `${tier} ${t('tierRow', lang)}` : `${tier}${t('tierRow', lang)}`}</h3>
            {rows.map((a) => <Bar key={a.id} activity={a} {...props} />)}
          </section>
        );
      })}
    </div>
  );
}
