import type { ICellEditorComp, ICellEditorParams, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { numberToClipboardText, type NumberUnit } from '../number/index.ts';
import { cellNumber } from './cells.ts';
import type { GridCell } from './types.ts';

/** Extra parameters the grid hands to `NumberCellEditor`. */
export interface NumberEditorParams {
  unit: NumberUnit;
  /** Text the grid refused in this cell before: editing starts from it, so the planner corrects rather than retypes. */
  retry?: string;
  /**
   * Takes the typed text when editing ends (Enter, Tab, a click elsewhere),
   * synchronously, in the task of the key or click that ended it. AG Grid
   * hands its own edit events to listeners a timer later, so a tab killed
   * right after Enter would otherwise lose an entry the planner saw accepted.
   */
  commit?: (text: string) => void;
}

/**
 * A plain-DOM text editor (no React per cell: 10,000 rows stay fast). It
 * starts from the full-precision value in the form planners type it back
 * (`2.5%` for a rate, so a bare edit never turns 2.5% into 0.025%), or from
 * the key that started the edit, as Excel does. It returns the raw text: the
 * grid parses it, so an invalid entry can be reported, never dropped.
 */
export class NumberCellEditor implements ICellEditorComp {
  private input!: HTMLInputElement;
  private startedWithKey = false;
  private commit: ((text: string) => void) | undefined;

  init(params: ICellEditorParams & NumberEditorParams): void {
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.className = 'sp-editor';
    input.setAttribute('data-testid', 'grid-cell-editor');
    const key = params.eventKey;
    if (key === 'Backspace' || key === 'Delete') input.value = '';
    else if (key && key.length === 1) {
      input.value = key;
      this.startedWithKey = true;
    } else if (params.retry !== undefined) {
      input.value = params.retry;
    } else {
      const cell = params.value as GridCell | undefined;
      input.value = numberToClipboardText(cellNumber(cell) ?? null, params.unit);
    }
    this.input = input;
    this.commit = params.commit;
  }

  getGui(): HTMLElement {
    return this.input;
  }

  afterGuiAttached(): void {
    this.input.focus();
    if (this.startedWithKey) this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    else this.input.select();
  }

  getValue(): string {
    return this.input.value;
  }

  isPopup(): boolean {
    return false;
  }

  /**
   * Called once when editing ends without Escape. With a `commit` the editor
   * hands the text over here and tells AG Grid to drop its own (deferred)
   * edit request, so each entry is committed exactly once.
   */
  isCancelAfterEnd(): boolean {
    if (!this.commit) return false;
    this.commit(this.input.value);
    return true;
  }
}

/** Parameters of `ErrorCellRenderer`, computed by the grid per cell. */
export interface ErrorRendererParams {
  /** The last good value, formatted. */
  shown: string;
  /** The message in the interface language. */
  message: string;
  /** What the planner typed, when the grid itself refused it. */
  typed?: string;
  lang: 'zh' | 'en';
}

/**
 * Shows an invalid cell: the value still in force, then the message, with
 * the typed text in the tooltip. Only cells with an error use it.
 */
export class ErrorCellRenderer implements ICellRendererComp {
  private gui!: HTMLElement;

  init(params: ICellRendererParams & ErrorRendererParams): void {
    this.gui = document.createElement('span');
    this.gui.className = 'sp-error-wrap';
    this.render(params);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams & ErrorRendererParams): boolean {
    this.render(params);
    return true;
  }

  private render(params: ErrorRendererParams): void {
    this.gui.replaceChildren();
    const value = document.createElement('span');
    value.className = 'sp-cell-value';
    value.textContent = params.shown;
    const message = document.createElement('span');
    message.className = 'sp-cell-error';
    message.setAttribute('role', 'alert');
    message.textContent = `⚠ ${params.message}`;
    this.gui.append(value, message);
    const typed = params.typed === undefined ? '' : params.lang === 'zh' ? `输入“${params.typed}”：` : `typed "${params.typed}": `;
    const kept = params.lang === 'zh' ? `（仍使用 ${params.shown}）` : ` (still using ${params.shown})`;
    const drop = params.typed === undefined ? '' : params.lang === 'zh' ? '；按 Esc 放弃这次输入' : '; Esc drops the entry';
    this.gui.title = `${typed}${params.message}${kept}${drop}`;
  }
}
