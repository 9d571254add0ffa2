import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  TextEditorModule,
  TooltipModule,
  ValidationModule,
  type Module,
} from 'ag-grid-community';

/**
 * The AG Grid Community modules the page's grids use, and no more: every
 * registered module is code the page evaluates and beans each grid creates
 * as it mounts, so `AllCommunityModule` (filters, sorting, pagination, CSV
 * export, row selection, …, none of which a planner's sheet has) made the
 * first grid come later.
 *
 * What each one is for, in SpreadsheetGrid:
 * - ClientSideRowModelModule: rows handed over as data (`rowData`);
 * - ClientSideRowModelApiModule: `applyTransaction`, the changed rows only;
 * - CustomEditorModule: the number editor (`cellEditorSelector`);
 * - TextEditorModule: what `colDef.editable` asks for (AG Grid's default editor, though ours replaces it);
 * - CellStyleModule: `cellClass` / `cellClassRules` (editable, derived, error, range);
 * - TooltipModule: formula and error tooltips, header tooltips;
 * - PinnedRowModule: the totals rows (`pinnedBottomRowData`);
 * - RenderApiModule: `refreshCells`, `getRenderedNodes`;
 * - ScrollApiModule: `ensureIndexVisible`, `ensureColumnVisible`, `ensureNodeVisible`, `getFirstDisplayedRowIndex`;
 * - RowApiModule: `getRowNode`, `getDisplayedRowAtIndex`;
 * - ColumnApiModule: `getAllDisplayedColumns`.
 * Column resizing, moving and pinning, keyboard navigation and cell editing
 * come with AG Grid's core. A grid feature added later needs its module here:
 * in development the ValidationModule names a missing one in the console.
 */
export const GRID_MODULES: Module[] = [
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  CustomEditorModule,
  TextEditorModule,
  CellStyleModule,
  TooltipModule,
  PinnedRowModule,
  RenderApiModule,
  ScrollApiModule,
  RowApiModule,
  ColumnApiModule,
];

/** Registers the grids' modules once for the page (and AG Grid's own checks in a development build). */
export function registerGridModules(): void {
  ModuleRegistry.registerModules(import.meta.env.DEV ? [...GRID_MODULES, ValidationModule] : GRID_MODULES);
}
