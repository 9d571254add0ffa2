import { createGrid, themeQuartz, type GridApi } from 'ag-grid-community';

/** The grid's look: AG Grid's Quartz theme, denser, as planners know Excel, in the page's font. Every grid of the page uses this one object. */
export const gridTheme = themeQuartz.withParams({
  // the page's font stack (styles.css): Chinese names render in the same face as the page around the grid,
  // and the browser looks up one list of families, not Quartz's own second list (each family it lacks
  // costs a font lookup from the page's main thread on the first load)
  fontFamily: 'var(--sp-font)',
  fontSize: 13,
  headerFontSize: 13,
  spacing: 5,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 4,
  headerBackgroundColor: '#f3f5f8',
});

/** The page's style holder: an empty grid that keeps AG Grid's styles in the document (see `holdGridStyles`). */
let holder: GridApi<Record<string, never>> | undefined;

/**
 * Puts AG Grid's styles (its core and module CSS and the theme's, ~175 kB)
 * into the document once, early, by an empty grid off screen that stays for
 * the life of the page.
 *
 * AG Grid injects these styles as its first grid mounts and removes them
 * when its last grid is destroyed. Injected inside the first real grid's
 * mount, they were parsed there and made the browser restyle the whole page
 * twice in that task (AG Grid reads computed styles and sizes right after):
 * most of the product calendar's longest load task (issue 13). Held from the
 * page's start, while the page is small and the main thread waits for the
 * engine worker, each later grid finds them in place, on first load and on
 * every view switch. Does nothing when called again. Call after the grid
 * modules are registered.
 */
export function holdGridStyles(): void {
  // made even when a view's grid mounted first (its styles are then in already): without the holder,
  // leaving that view for one without a grid would take AG Grid's styles out, and the next grid would
  // parse them again inside its mount
  if (holder) return;
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.dataset.role = 'grid-style-holder';
  // off screen but laid out: a grid in a hidden (display: none) element keeps polling for its size
  host.style.cssText = 'position:fixed;left:-10000px;top:0;width:120px;height:60px;overflow:hidden;contain:strict;pointer-events:none';
  document.body.appendChild(host);
  holder = createGrid<Record<string, never>>(host, { theme: gridTheme, columnDefs: [], rowData: [], headerHeight: 0 });
}
