import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { t } from '../i18n/index.ts';

/** Charts of the scenario in front. */
export function ChartsView({ snap }: { controller: PlanningController; snap: PageSnapshot }) {
  return <section className="panel"><h2>{t('viewCharts', snap.session.lang)}</h2></section>;
}
