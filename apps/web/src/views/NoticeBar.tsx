import { READ_ONLY_NOTICE, type PageSnapshot, type PlanningController } from '../session/controller.ts';
import { t } from '../i18n/index.ts';

/**
 * Messages above the view: why this tab is read-only (for as long as it is),
 * and the latest notice: a file that would not open (with every issue's
 * field path), an engine failure. Everything is React text: names from a
 * plan or a file name never run as markup.
 */
export function NoticeBar({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { notice } = snap;
  const lang = snap.session.lang;
  return (
    <>
      {snap.readOnly && (
        <div className="notice readonly" role="status" data-testid="read-only">
          <strong>{lang === 'zh' ? '只读' : 'Read-only'}</strong> {READ_ONLY_NOTICE[lang]}
        </div>
      )}
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-cause={notice.cause ?? ''}>
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
      )}
    </>
  );
}
