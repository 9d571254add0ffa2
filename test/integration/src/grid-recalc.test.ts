import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  columnLetter, GRID_LAYOUT, GridEvaluator, gridAdd as add, gridDiv as div, gridGt as gt, gridIf as iff, gridLt as lt, gridMax as max, gridMeasure as measure,
  gridMul as mul, gridPow as pow, gridPrev as prev, gridProductInput as productInput, gridRound as round, gridRoundUp as roundUp, gridRowTotal as rowTotal,
  gridScalar as scalar, gridSub as sub, gridWeekInput as weekInput, gridWeekTotal as weekTotal, gridWorkbookSpec, type GridDefinition, type GridInputs,
  type WorkbookSpec,
} from '@shopplan/engine';
import { calcNumber } from './csv.ts';
import { recalcWithLibreOffice } from './libreoffice.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The smallest xlsx that carries a WorkbookSpec's formulas (no cached values,
 * no styles): enough for LibreOffice to recalculate every cell itself. The
 * grid here has no plan, so the project's exportWorkbook (which writes a
 * plan's workbook) does not apply; array formulas are written as `t="array"`.
 */
async function minimalXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const zip = new JSZip();
  const sheets = spec.sheets.map((s, i) => ({ s, file: `sheet${i + 1}.xml`, id: i + 1 }));
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((x) => `<Override PartName="/xl/worksheets/${x.file}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((x) => `<Relationship Id="rId${x.id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/${x.file}"/>`).join('')}</Relationships>`);
  const names = spec.names.map((n) => `<definedName name="${esc(n.name)}">${esc(n.sheet)}!$${columnLetter(n.col)}$${n.row + 1}</definedName>`).join('');
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((x) => `<sheet name="${esc(x.s.name)}" sheetId="${x.id}" r:id="rId${x.id}"/>`).join('')}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}</workbook>`);
  for (const { s, file } of sheets) {
    const rows = [s.columns.map((c) => c.header.en).map((h) => ({ content: h as string | number | null, arrayRange: undefined as { rows: number; columns: number } | undefined })), ...s.rows.map((r) => r.map((c) => ({ content: c.content, arrayRange: c.arrayRange })))];
    const xml = rows.map((row, r) => `<row r="${r + 1}">${row.map((c, col) => {
      const ref = `${columnLetter(col)}${r + 1}`;
      if (c.content === null) return '';
      if (typeof c.content === 'number') return `<c r="${ref}"><v>${c.content}</v></c>`;
      if (c.content.startsWith('=')) {
        const range = c.arrayRange ? ` t="array" ref="${ref}:${columnLetter(col + c.arrayRange.columns - 1)}${r + c.arrayRange.rows}"` : '';
        return `<c r="${ref}"><f${range}>${esc(c.content.slice(1))}</f></c>`;
      }
      return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.content)}</t></is></c>`;
    }).join('')}</row>`).join('');
    zip.file(`xl/worksheets/${file}`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xml}</sheetData></worksheet>`);
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/** A stock grid in the product model's shape: normalised revenue, units, safety stock, the stock recurrence, a stock-out flag. */
const STOCK_GRID: GridDefinition = {
  products: { sheet: 'Products', columns: { share: 1, price: 2, promo: 3, elasticity: 4, stock: 5, moq: 6 } },
  weeks: { sheet: 'Weeks', columns: { gmv: 1 } },
  scalars: ['z_service'],
  measures: [
    { name: 'weight', sheet: 'Weight', title: { zh: '权重', en: 'Weight' }, format: 'count', template: mul(productInput('share'), pow(div(productInput('promo'), productInput('price')), sub(1, productInput('elasticity')))) },
    { name: 'revenue', sheet: 'Revenue', title: { zh: '成交额', en: 'Revenue' }, format: 'money', template: round(div(mul(weekInput('gmv'), measure('weight')), weekTotal('weight')), 2) },
    { name: 'units', sheet: 'Units', title: { zh: '件数', en: 'Units' }, format: 'count', template: div(measure('revenue'), productInput('promo')) },
    { name: 'safety', sheet: 'Safety', title: { zh: '安全库存', en: 'Safety' }, format: 'count', template: mul(scalar('z_service'), div(rowTotal('units'), 12)) },
    { name: 'opening', sheet: 'Opening', title: { zh: '期初', en: 'Opening' }, format: 'count', template: prev('closing', productInput('stock')) },
    { name: 'order', sheet: 'Orders', title: { zh: '订货', en: 'Order' }, format: 'count', template: iff(gt(add(measure('units'), measure('safety')), measure('opening')), max(productInput('moq'), roundUp(sub(add(measure('units'), measure('safety')), measure('opening')), 0)), 0) },
    { name: 'closing', sheet: 'Closing', title: { zh: '期末', en: 'Closing' }, format: 'count', template: sub(add(measure('opening'), measure('order')), measure('units')) },
    { name: 'short', sheet: 'Short', title: { zh: '缺货', en: 'Short' }, format: 'count', template: lt(measure('closing'), 0) },
  ],
};

function stockInputs(n: number, weeks: number): GridInputs {
  return {
    productIds: Array.from({ length: n }, (_, i) => `p${i + 1}`),
    weekLabels: Array.from({ length: weeks }, (_, w) => `w${w + 1}`),
    products: {
      share: Array.from({ length: n }, (_, i) => (1 + (i % 7)) / 40),
      price: Array.from({ length: n }, (_, i) => 19.9 + i * 7.3),
      promo: Array.from({ length: n }, (_, i) => (19.9 + i * 7.3) * (0.75 + (i % 3) * 0.1)),
      elasticity: Array.from({ length: n }, (_, i) => 1.2 + (i % 5) * 0.3),
      stock: Array.from({ length: n }, (_, i) => (i * 53) % 400),
      moq: Array.from({ length: n }, (_, i) => 10 + (i % 4) * 20),
    },
    weeks: { gmv: Array.from({ length: weeks }, (_, w) => 250_000 + 12_345.67 * ((w * 5) % 9)) },
    scalars: { z_service: 1.65 },
  };
}

describe('a grid recalculated by LibreOffice equals the fast evaluator', () => {
  for (const blockRows of [undefined, 8]) {
    it(`Given the stock grid (30 products × 12 weeks${blockRows ? ', array formulas per 8 products' : ', one formula per cell'}), When LibreOffice recalculates the xlsx, Then every cell and total matches (relative error < 1e-12)`, async () => {
      const inputs = stockInputs(30, 12);
      const n = 30;
      const weeks = 12;
      const spec = gridWorkbookSpec(STOCK_GRID, inputs, { blockRows });
      const sheets = recalcWithLibreOffice(await minimalXlsx(spec), `grid-${blockRows ?? 'cells'}`);
      const grid = new GridEvaluator(STOCK_GRID, { products: n, weeks });
      for (const [k, v] of Object.entries(inputs.products)) grid.setProductInputs(k, v);
      for (const [k, v] of Object.entries(inputs.weeks)) grid.setWeekInputs(k, v);
      grid.setScalar('z_service', 1.65);
      grid.recalculate();
      let compared = 0;
      const mismatches: string[] = [];
      const check = (where: string, text: string | undefined, fast: number | { error: string }) => {
        compared++;
        const lo = calcNumber(text);
        if (typeof fast !== 'number') {
          if (lo !== undefined) mismatches.push(`${where}: LibreOffice ${text}, fast ${fast.error}`);
          return;
        }
        if (lo === undefined || Math.abs(lo - fast) > 1e-12 * Math.max(1, Math.abs(fast))) mismatches.push(`${where}: LibreOffice ${text}, fast ${fast}`);
      };
      for (const m of STOCK_GRID.measures) {
        const rows = sheets.get(m.sheet);
        expect(rows, m.sheet).toBeDefined();
        for (let r = 0; r < n; r++) {
          for (let w = 0; w < weeks; w++) check(`${m.sheet}!${columnLetter(GRID_LAYOUT.firstWeekCol + w)}${r + 2}`, rows?.[r + 1]?.[GRID_LAYOUT.firstWeekCol + w], grid.cell(m.name, r, w));
          check(`${m.sheet} row total ${r + 2}`, rows?.[r + 1]?.[GRID_LAYOUT.totalCol(weeks)], grid.rowTotal(m.name, r));
        }
        for (let w = 0; w <= weeks; w++) check(`${m.sheet} week total ${w}`, rows?.[GRID_LAYOUT.totalRow(n)]?.[GRID_LAYOUT.firstWeekCol + w], grid.weekTotal(m.name, w));
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBe(8 * (30 * 12 + 30 + 13));
    });
  }
});
