import { useRef, useState } from 'react';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { SCENARIO_NAME_SUGGESTIONS, t } from '../i18n/index.ts';
import { download } from './download.ts';

/**
 * The page header: plan name, scenario tabs (duplicate, rename, delete,
 * baseline), language switch and file actions.
 */
export function Header({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { session } = snap;
  const lang = session.lang;
  const active = activeScenario(session);
  const plan = active.plan;
  const fileInput = useRef<HTMLInputElement>(null);
  const [menu, setMenu] = useState(false);
  const [customName, setCustomName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameText, setRenameText] = useState('');
  const [exporting, setExporting] = useState(false);

  const taken = new Set(session.scenarios.map((s) => s.name.zh));
  const suggestions = SCENARIO_NAME_SUGGESTIONS.filter((n) => !taken.has(n.zh));

  const duplicateAs = (name: { zh: string; en: string }) => {
    setMenu(false);
    setCustomName('');
    void controller.duplicate(name);
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      download(await controller.xlsxFile());
    } catch (error) {
      controller.notify({ kind: 'error', cause: 'file', title: { zh: `导出失败：${String(error)}`, en: `Export failed: ${String(error)}` } });
    } finally {
      setExporting(false);
    }
  };

  return (
    <header className="header">
      <div className="title">
        <span className="brand">shopplan</span>
        <h1 data-testid="plan-name">{plan.name[lang]}</h1>
        <span className="meta">{plan.shop} · {plan.period.start} – {plan.period.end}</span>
      </div>
      <div className="actions">
        <button type="button" data-testid="undo" disabled={snap.readOnly || session.undo.length === 0} onClick={() => void controller.undo()} title="Ctrl+Z">↶ {t('undo', lang)}</button>
        <button type="button" data-testid="redo" disabled={snap.readOnly || session.redo.length === 0} onClick={() => void controller.redo()} title="Ctrl+Y">↷ {t('redo', lang)}</button>
        <span className="sep" />
        <button type="button" data-testid="open-plan" disabled={snap.readOnly} onClick={() => fileInput.current?.click()}>{t('openPlan', lang)}</button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.xlsx,application/json"
          data-testid="open-file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void controller.openFile(file);
          }}
        />
        <button type="button" data-testid="save-plan" onClick={() => download(controller.planFile())}>{t('savePlan', lang)}</button>
        <button type="button" data-testid="save-session" onClick={() => download(controller.sessionFile())}>{t('saveSession', lang)}</button>
        <button type="button" data-testid="export-xlsx" disabled={exporting} onClick={() => void exportXlsx()}>{t('exportXlsx', lang)}</button>
        <span className="sep" />
        <div className="lang" role="group" aria-label="language">
          <button type="button" data-testid="lang-zh" className={lang === 'zh' ? 'active' : ''} onClick={() => controller.setLang('zh')}>中文</button>
          <button type="button" data-testid="lang-en" className={lang === 'en' ? 'active' : ''} onClick={() => controller.setLang('en')}>English</button>
        </div>
        {/* The status line tells the truth: a failed write shows until a write succeeds; a read-only tab saves nothing. */}
        <span
          className="save-status"
          data-testid="save-status"
          data-state={snap.readOnly ? 'read-only' : snap.saving ? 'saving' : snap.saveError ? 'error' : 'saved'}
          title={snap.saveError?.[lang]}
          role={snap.saveError ? 'alert' : undefined}
        >
          {snap.readOnly ? t('readOnly', lang) : snap.saving ? `… ${t('saved', lang)}` : snap.saveError ? `⚠ ${t('notSaved', lang)}` : `✓ ${t('saved', lang)}`}
        </span>
      </div>
      <div className="scenarios" role="tablist" aria-label={t('scenarios', lang)}>
        {session.scenarios.map((s, i) => {
          const isActive = s.id === session.activeScenarioId;
          const isBase = s.id === session.baselineScenarioId;
          return (
            <div key={s.id} className={`scenario-tab${isActive ? ' active' : ''}`} data-testid={`scenario-tab-${i}`} data-scenario-id={s.id} role="tab" aria-selected={isActive}>
              {renaming === s.id ? (
                <input
                  autoFocus
                  data-testid="rename-input"
                  value={renameText}
                  onChange={(e) => setRenameText(e.target.value)}
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && renameText.trim()) {
                      void controller.rename(s.id, { zh: renameText.trim(), en: renameText.trim() });
                      setRenaming(null);
                    } else if (e.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button type="button" className="name" onClick={() => controller.activate(s.id)} onDoubleClick={() => { setRenaming(s.id); setRenameText(s.name[lang]); }} title={t('rename', lang)}>
                  {s.name[lang]}
                </button>
              )}
              {isBase ? (
                <span className="badge" data-testid="baseline-badge">{t('baseline', lang)}</span>
              ) : (
                <button type="button" className="mini" data-testid={`set-baseline-${i}`} title={t('setBaseline', lang)} onClick={() => controller.setBaseline(s.id)}>{t('setBaseline', lang)}</button>
              )}
              {session.scenarios.length > 1 && (
                <button type="button" className="mini" data-testid={`delete-scenario-${i}`} title={t('delete', lang)} onClick={() => void controller.remove(s.id)}>×</button>
              )}
            </div>
          );
        })}
        <div className="dup">
          <button type="button" data-testid="duplicate" disabled={snap.readOnly} onClick={() => setMenu((m) => !m)}>＋ {t('duplicate', lang)}</button>
          {menu && (
            <div className="menu" data-testid="duplicate-menu">
              {suggestions.map((n) => (
                <button key={n.zh} type="button" data-testid={`duplicate-as-${n.en.toLowerCase()}`} onClick={() => duplicateAs(n)}>{n[lang]}</button>
              ))}
              <form onSubmit={(e) => { e.preventDefault(); if (customName.trim()) duplicateAs({ zh: customName.trim(), en: customName.trim() }); }}>
                <input placeholder={t('newScenarioName', lang)} value={customName} onChange={(e) => setCustomName(e.target.value)} data-testid="duplicate-name" />
              </form>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
