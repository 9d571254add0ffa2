import JSZip from 'jszip';

/**
 * Reads and edits the XML of a workbook directly, as a tool that is not
 * ExcelJS would (a person's spreadsheet program, a script). Cells are found
 * by sheet name through workbook.xml and its relationships.
 */
export class XlsxXml {
  private constructor(readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<XlsxXml> {
    return new XlsxXml(await JSZip.loadAsync(bytes));
  }

  async sheetPath(sheet: string): Promise<string> {
    const book = await this.read('xl/workbook.xml');
    const rels = await this.read('xl/_rels/workbook.xml.rels');
    const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(book)?.[1];
    const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    if (!id || !target) throw new Error(`no sheet ${sheet}`);
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }

  async read(path: string): Promise<string> {
    const file = this.zip.file(path);
    if (!file) throw new Error(`no ${path}`);
    return file.async('string');
  }

  write(path: string, text: string): void {
    this.zip.file(path, text);
  }

  /** The XML of one cell (`<c r="C5" …>…</c>`), or undefined. */
  async cellXml(sheet: string, address: string): Promise<string | undefined> {
    const xml = await this.read(await this.sheetPath(sheet));
    return new RegExp(`<c r="${address}"(?: [^>]*)?(?:/>|>.*?</c>)`).exec(xml)?.[0];
  }

  /** Replaces one cell's XML: `inner` is what goes inside `<c r=… >`, `attrs` its attributes after r. */
  async setCell(sheet: string, address: string, attrs: string, inner: string): Promise<void> {
    const path = await this.sheetPath(sheet);
    const xml = await this.read(path);
    const re = new RegExp(`<c r="${address}"(?: [^>]*)?(?:/>|>.*?</c>)`);
    if (!re.test(xml)) throw new Error(`no cell ${sheet}!${address}`);
    // keep the style (s="…") so the cell still looks the same
    const style = / s="\d+"/.exec(re.exec(xml)?.[0] ?? '')?.[0] ?? '';
    this.write(path, xml.replace(re, `<c r="${address}"${style}${attrs ? ` ${attrs}` : ''}>${inner}</c>`));
  }

  async setNumber(sheet: string, address: string, value: number): Promise<void> {
    await this.setCell(sheet, address, '', `<v>${value}</v>`);
  }

  async setInlineText(sheet: string, address: string, text: string): Promise<void> {
    await this.setCell(sheet, address, 't="inlineStr"', `<is><t>${text}</t></is>`);
  }

  /**
   * The value stored with every cell of a sheet that holds one, by A1
   * address: for a formula its cached result, a number, text ('' for an empty
   * result) or an error such as `#DIV/0!`; cells inside an array formula's
   * range hold their cached result without a formula.
   */
  async cachedFormulaValues(sheet: string): Promise<Map<string, number | string>> {
    const xml = await this.read(await this.sheetPath(sheet));
    const out = new Map<string, number | string>();
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
      const [, address, attrs, inner] = m;
      if (!address || !inner || /t="(s|inlineStr)"/.test(attrs ?? '')) continue;
      const v = /<v>(.*?)<\/v>/.exec(inner)?.[1] ?? '';
      const numeric = !/t="(str|e|s|inlineStr|b)"/.test(attrs ?? '');
      out.set(address, numeric && v !== '' ? Number(v) : v);
    }
    return out;
  }

  async bytes(): Promise<Uint8Array> {
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }
}
