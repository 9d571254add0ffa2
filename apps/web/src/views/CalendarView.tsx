import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { t } from '../i18n/index.ts';

/** The product calendar: products × weeks, virtualised (for plans with products and weeks). */
export function CalendarView({ snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const figures = snap.figures[snap.session.activeScenarioId];
  if (!figures?.calendar) {
    return <section className="panel placeholder" data-testid="calendar-empty"><h2>{t('viewCalendar', lang)}</h2><p>{t('noCalendar', lang)}</p></section>;
  }
  return <section className="panel"><h2>{t('viewCalendar', lang)}</h2></section>;
}
