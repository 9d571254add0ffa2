import type { CellFormat } from '@shopplan/engine';
import type { Lang } from '@shopplan/schema';

/**
 * Chinese money: amounts ≥ ¥100,000 read in 万 (ten thousands) with four
 * decimals (to the yuan); `0\.0000"万"` inserts a literal point four digits
 * from the right. Negative amounts get the first section, `[<0]`, in full
 * yuan: LibreOffice prints the minus sign by itself only in a format's first
 * section and shows the absolute value in every later one, so a loss that
 * fell into a later section (as in the former `[>=100000]…;"¥"#,##0.00`)
 * read as a gain. In the first section the sign shows in every program.
 */
const ZH_MONEY = '[<0]"¥"#,##0.00;[>=100000]"¥"0\\.0000"万";"¥"#,##0.00';

/**
 * The Excel number format of a cell format. Values stay numbers; only their
 * display changes. Every format shows a negative value with its minus sign
 * (LibreOffice checks this in test/integration `number-formats.test.ts`).
 * @example numberFormat('rate', 'en') // '0.00%'
 */
export function numberFormat(format: CellFormat, lang: Lang): string {
  switch (format) {
    case 'money':
      return lang === 'zh' ? ZH_MONEY : '"¥"#,##0.00';
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
