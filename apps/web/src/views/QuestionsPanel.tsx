import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { t } from '../i18n/index.ts';

/**
 * The planner's questions of issue 5 (goal seek, budget allocation, risk).
 * Each creates a new scenario or opens a panel; none edits the plan in place.
 */
export function QuestionsPanel({ snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  return (
    <section className="panel questions" data-testid="questions">
      <h2>{t('questions', lang)}</h2>
      <div className="question-buttons">
        <button type="button" disabled title={t('notYetAvailable', lang)}>{t('goalSeek', lang)}</button>
        <button type="button" disabled title={t('notYetAvailable', lang)}>{t('allocate', lang)}</button>
        <button type="button" disabled title={t('notYetAvailable', lang)}>{t('risk', lang)}</button>
      </div>
      <p className="hint">{t('notYetAvailable', lang)}</p>
    </section>
  );
}
