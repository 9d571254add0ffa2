import { strToU8, zipSync } from 'fflate';
import { columnLetter, type WorkbookSpec } from '@shopplan/engine';

/**
 * A bare xlsx of a WorkbookSpec: values and formulas only, no styles and no
 * cached values, so LibreOffice must compute every formula itself. For
 * sheets the plan export does not carry yet (the product plan's grids);
 * the plan's own workbook goes through @shopplan/xlsx.
 */
export function specToXlsx(spec: WorkbookSpec): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const files: Record<string, Uint8Array> = {};
  const sheetXml = spec.sheets.map((sheet) => {
    const rows: string[] = [];
    const header = sheet.columns.map((c, col) => `<c r="${columnLetter(col)}1" t="inlineStr"><is><t>${esc(c.header.en)}</t></is></c>`).join('');
    rows.push(`<row r="1">${header}</row>`);
    sheet.rows.forEach((row, i) => {
      const r = i + 2;
      const cells = row.map((cell, col) => {
        const ref = `${columnLetter(col)}${r}`;
        const v = cell.content;
        if (v === null) return '';
        if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
        if (cell.format !== 'text' && v.startsWith('=')) return `<c r="${ref}"><f>${esc(v.slice(1))}</f></c>`;
        return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      }).join('');
      rows.push(`<row r="${r}">${cells}</row>`);
    });
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  });
  files['[Content_Types].xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${spec.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`);
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files['xl/workbook.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${spec.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><calcPr fullCalcOnLoad="1"/></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`);
  spec.sheets.forEach((_, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml[i]!)));
  return zipSync(files);
}
