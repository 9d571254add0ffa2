import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { SCENARIO_NAME_SUGGESTIONS, t } from '../i18n/index.ts';
import { download } from './download.ts';

/**
 * Moves focus within a row of tabs or a menu by key, the way screen readers
 * and keyboard users expect: arrows step (wrapping), Home and End jump.
 * Returns the index to focus, or undefined when the key is not a move.
 * @example nextIndex('ArrowRight', 2, 3, 'horizontal') // 0
 */
export function nextIndex(key: string, current: number, count: number, orientation: 'horizontal' | 'vertical'): number | undefined {
  if (count === 0) return undefined;
  const back = orientation === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
  const forward = orientation === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
  if (key === back) return (current - 1 + count) % count;
  if (key === forward) return (current + 1) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

/**
 * The page header: plan name, scenario tabs (duplicate, rename, delete,
 * baseline), language switch and file actions. Everything works by
 * keyboard: the scenario tabs are a tablist (arrows move and select, F2 or
 * Enter renames, Escape cancels the rename), the duplicate menu opens with
 * Enter or ArrowDown and closes with Escape, focus going back to its button.
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
  const tabList = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  /** Where focus goes once the tabs re-render (after a rename, or an arrow key selected another tab). */
  const focusTab = useRef<string | null>(null);

  useEffect(() => {
    const id = focusTab.current;
    if (!id || renaming) return;
    focusTab.current = null;
    tabList.current?.querySelector<HTMLElement>(`[data-scenario-id="${CSS.escape(id)}"]`)?.focus();
  });

  // An open menu: its first item takes focus; a click elsewhere closes it.
  useEffect(() => {
    if (!menu) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!(e.target instanceof Node) || menuRef.current?.contains(e.target) || menuButton.current?.contains(e.target)) return;
      setMenu(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [menu]);

  const closeMenu = () => {
    setMenu(false);
    menuButton.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeMenu();
      return;
    }
    if (e.key === 'Tab') {
      setMenu(false);
      return;
    }
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    // Home/End inside the name field move the caret, not the focus.
    if ((e.key === 'Home' || e.key === 'End') && e.target instanceof HTMLInputElement) return;
    const next = nextIndex(e.key, Math.max(at, 0), items.length, 'vertical');
    if (next === undefined) return;
    e.preventDefault();
    items[next]?.focus();
  };

  const startRename = (id: string, name: string) => {
    setRenaming(id);
    setRenameText(name);
  };
  const endRename = (id: string, commit: boolean) => {
    if (commit && renameText.trim()) void controller.rename(id, { zh: renameText.trim(), en: renameText.trim() });
    focusTab.current = id;
    setRenaming(null);
  };
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (e.target !== e.currentTarget) return; // keys inside the tab's own buttons or the rename field
    const s = session.scenarios[index];
    if (!s) return;
    if (e.key === 'F2' || e.key === 'Enter') {
      e.preventDefault();
      startRename(s.id, s.name[lang]);
      return;
    }
    if (e.key === ' ') {
      e.preventDefault();
      controller.activate(s.id);
      return;
    }
    const next = nextIndex(e.key, index, session.scenarios.length, 'horizontal');
    const target = next === undefined ? undefined : session.scenarios[next];
    if (!target) return;
    e.preventDefault();
    focusTab.current = target.id;
    controller.activate(target.id);
  };

  const taken = new Set(session.scenarios.map((s) => s.name.zh));
  const suggestions = SCENARIO_NAME_SUGGESTIONS.filter((n) => !taken.has(n.zh));

  const duplicateAs = (name: { zh: string; en: string }) => {
    setMenu(false);
    setCustomName('');
    menuButton.current?.focus();
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
      <div className="scenarios">
        <div className="scenario-tabs" role="tablist" aria-label={t('scenarios', lang)} ref={tabList}>
          {session.scenarios.map((s, i) => {
            const isActive = s.id === session.activeScenarioId;
            const isBase = s.id === session.baselineScenarioId;
            return (
              <div
                key={s.id}
                className={`scenario-tab${isActive ? ' active' : ''}`}
                data-testid={`scenario-tab-${i}`}
                data-scenario-id={s.id}
                role="tab"
                aria-selected={isActive}
                tabIndex={isActive ? 0 : -1}
                title={t('renameHint', lang)}
                onClick={() => { if (renaming !== s.id) controller.activate(s.id); }}
                onDoubleClick={() => startRename(s.id, s.name[lang])}
                onKeyDown={(e) => onTabKey(e, i)}
              >
                {renaming === s.id ? (
                  <input
                    autoFocus
                    data-testid="rename-input"
                    aria-label={t('renameInput', lang)}
                    value={renameText}
                    onChange={(e) => setRenameText(e.target.value)}
                    onBlur={() => setRenaming(null)}
                    onClick={(e) => e.stopPropagation()}
                    onDoubleClick={(e) => e.stopPropagation()}
                    onKeyDown={(e) => {
                      e.stopPropagation();
                      if (e.key === 'Enter') { e.preventDefault(); endRename(s.id, true); }
                      else if (e.key === 'Escape') { e.preventDefault(); endRename(s.id, false); }
                    }}
                  />
                ) : (
                  // Not a stop of its own: the tab is focusable; a click anywhere on the tab selects it.
                  <button type="button" className="name" tabIndex={-1}>
                    {s.name[lang]}
                  </button>
                )}
                {isBase ? (
                  <span className="badge" data-testid="baseline-badge">{t('baseline', lang)}</span>
                ) : (
                  <button type="button" className="mini" data-testid={`set-baseline-${i}`} title={t('setBaseline', lang)} onClick={() => controller.setBaseline(s.id)}>{t('setBaseline', lang)}</button>
                )}
                {session.scenarios.length > 1 && (
                  <button type="button" className="mini" data-testid={`delete-scenario-${i}`} title={t('delete', lang)} aria-label={`${t('delete', lang)} ${s.name[lang]}`} onClick={(e) => { e.stopPropagation(); void controller.remove(s.id); }}>×</button>
                )}
              </div>
            );
          })}
        </div>
        <div className="dup">
          <button
            type="button"
            ref={menuButton}
            data-testid="duplicate"
            disabled={snap.readOnly}
            aria-haspopup="menu"
            aria-expanded={menu}
            onClick={() => setMenu((m) => !m)}
            onKeyDown={(e) => { if (e.key === 'ArrowDown' && !menu) { e.preventDefault(); setMenu(true); } else if (e.key === 'Escape' && menu) { e.preventDefault(); setMenu(false); } }}
          >＋ {t('duplicate', lang)}</button>
          {menu && (
            <div className="menu" role="menu" aria-label={t('duplicate', lang)} data-testid="duplicate-menu" ref={menuRef} onKeyDown={onMenuKey}>
              {suggestions.map((n) => (
                <button key={n.zh} type="button" role="menuitem" data-testid={`duplicate-as-${n.en.toLowerCase()}`} onClick={() => duplicateAs(n)}>{n[lang]}</button>
              ))}
              <form onSubmit={(e) => { e.preventDefault(); if (customName.trim()) duplicateAs({ zh: customName.trim(), en: customName.trim() }); }}>
                <input role="menuitem" aria-label={t('newScenarioName', lang)} placeholder={t('newScenarioName', lang)} value={customName} onChange={(e) => setCustomName(e.target.value)} data-testid="duplicate-name" />
              </form>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
