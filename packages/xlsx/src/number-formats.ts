import type { CellFormat } from '@shopplan/engine';
import type { Lang } from '@shopplan/schema';

/**
 * The Excel number format of a cell format. Values stay numbers; only their
 * display changes. In Chinese, large money reads in 万 (ten thousands) with
 * four decimals (to the yuan): `0\.0000"万"` inserts a literal point four
 * digits from the right (Excel, WPS and LibreOffice all read it; LibreOffice
 * still exports the plain number).
 * @example numberFormat('rate', 'en') // '0.00%'
 */
export function numberFormat(format: CellFormat, lang: Lang): string {
  switch (format) {
    case 'money':
      return lang === 'zh' ? '[>=100000]"¥"0\\.0000"万";"¥"#,##0.00' : '"¥"#,##0.00';
    case 'rate':
      return '0.00%';
    case 'count':
      return '#,##0.00';
    case 'ratio':
      return '0.0000';
    case 'text':
      return '@';
  }
}
