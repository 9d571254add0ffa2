import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { t } from '../i18n/index.ts';

/** A message above the view: a file that would not open (with every issue's field path), an engine failure. */
export function NoticeBar({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { notice } = snap;
  const lang = snap.session.lang;
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <strong>{notice.title[lang]}</strong>
      {notice.issues && (
        <ul>
          {notice.issues.map((i, n) => (
            <li key={n}><code>{i.path}</code> {i.message[lang]}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => controller.dismissNotice()}>{t('close', lang)}</button>
    </div>
  );
}
