import type { Lang } from '@shopplan/schema';
import type { Schedule } from '@shopplan/engine';
import { LABEL_WIDTH } from './Gantt.tsx';
import { usedShare } from './geometry.ts';

/** Colour of a day by the share of its capacity in use: pale when free, deep when near full. */
function heat(share: number): string {
  if (share <= 0) return '#f5f6f8';
  const light = Math.round(92 - share * 52);
  return `hsl(${share >= 0.9 ? 8 : 30}, 85%, ${light}%)`;
}

/** Each resource's use per day under the Gantt (used / capacity as the engine counted it). */
export function HeatStrip({ schedule, lang, dayW }: { schedule: Schedule; lang: Lang; dayW: number }) {
  return (
    <div className="promo-heat" data-testid="promo-heat">
      {schedule.resources.map((r) => (
        <div key={r.id} className="promo-row" data-testid={`promo-heat-${r.id}`}>
          <div className="promo-label" style={{ width: LABEL_WIDTH }} title={r.name[lang]}>{r.name[lang]}{r.per === 'week' ? (lang === 'zh' ? '（周）' : ' (week)') : ''}</div>
          <div className="promo-track promo-heat-track">
            {r.days.map((d) => {
              const share = usedShare(d.used, d.capacity);
              return <span key={d.date} style={{ width: dayW, background: heat(share) }} data-share={share.toFixed(2)} title={`${d.date} ${Math.round(d.used * 100) / 100} / ${d.capacity}`} />;
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
