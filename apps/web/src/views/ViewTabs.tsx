import { useRef, type KeyboardEvent } from 'react';
import type { Lang } from '@shopplan/schema';
import { t, type MessageKey } from '../i18n/index.ts';
import { nextIndex } from './Header.tsx';

/** One view of the page as the tabs list it. */
export interface ViewTab {
  id: string;
  label: MessageKey;
  ready: boolean;
}

/** The id of the element holding the view in front (the tab panel the tabs control). */
export const VIEW_PANEL_ID = 'view-panel';

/**
 * The view switcher as a tablist: one tab stop (the selected view), arrow
 * keys move to the next or previous view and show it at once, Home and End
 * jump to the first and last; a click works as before.
 */
export function ViewTabs({ views, current, lang, onSelect }: { views: readonly ViewTab[]; current: string; lang: Lang; onSelect(id: string): void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = nextIndex(e.key, index, views.length, 'horizontal');
    const view = next === undefined ? undefined : views[next];
    if (!view || next === undefined) return;
    e.preventDefault();
    onSelect(view.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <nav className="views" aria-label={t('viewTabs', lang)}>
      <div role="tablist" aria-label={t('viewTabs', lang)} className="view-tabs" ref={list}>
        {views.map((v, i) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`view-tab-${v.id}`}
            aria-selected={current === v.id}
            aria-controls={VIEW_PANEL_ID}
            tabIndex={current === v.id ? 0 : -1}
            data-testid={`view-${v.id}`}
            className={current === v.id ? 'active' : ''}
            onClick={() => onSelect(v.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t(v.label, lang)}
            {!v.ready && <span className="soon">·</span>}
          </button>
        ))}
      </div>
    </nav>
  );
}
