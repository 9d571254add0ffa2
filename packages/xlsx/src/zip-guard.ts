import { strToU8, unzipSync, zipSync, type Unzipped, type UnzipFileInfo } from 'fflate';
import { planIssue, type PlanIssue } from '@shopplan/schema';

/** Limits an imported workbook must stay within; anything beyond is refused before a spreadsheet library reads it. */
export interface ImportLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Entries in the zip (its table of contents is read whole, so it is bounded too). */
  maxEntries: number;
  /** Sum of the inflated sizes of the parts the import reads, as declared and as found. */
  maxUncompressedBytes: number;
  /** Inflated size over compressed size of one entry of 64 KiB or more (zip bombs reach thousands). */
  maxCompressionRatio: number;
  /** Cells (`<c>`) over all sheets. */
  maxCells: number;
  /** Rows (`<row>`) over all sheets, empty ones included: each costs a reader as much as a cell. */
  maxRows: number;
  /** Entries of the shared-string table (`<si>`). */
  maxSharedStrings: number;
  /** XML elements over all parts read (formulas, styles, validations … each costs memory). */
  maxElements: number;
}

/**
 * The default limits, sized on the largest plan shopplan writes: a
 * 10,000-product × 52-week calendar has 1.12 million cells, 30,000 rows,
 * 21,000 shared strings, 2.4 million XML elements and 60 MB of XML. Anything
 * far beyond that is not a workbook of ours and is refused before it is read.
 */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 128 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxCells: 1_500_000,
  maxRows: 300_000,
  maxSharedStrings: 500_000,
  maxElements: 4_000_000,
};

/** The parts of a workbook the import reads; all others (images, drawings, comments, printer settings …) are never inflated. */
const READ_PARTS = /^(?:\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/theme\/theme\d+\.xml|xl\/worksheets\/sheet\d+\.xml)$/;
/** Parts inflated only to be checked for links to other files. */
const CHECKED_PARTS = /(?:^|\/)_rels\/[^/]*\.rels$/;
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const fileIssue = (code: string, zh: string, en: string): PlanIssue => planIssue('(file)', code, zh, en);
const count = (n: number) => n.toLocaleString('en-US');

/** A refusal raised while reading the zip's table of contents, before anything is inflated. */
class Refusal extends Error {
  constructor(readonly issue: PlanIssue) {
    super(issue.message.en);
  }
}

const zipBomb = (zh: string, en: string) => fileIssue('zip_bomb', `文件解压后过大，疑似压缩炸弹，已拒绝：${zh}`, `the file inflates to too much data and looks like a zip bomb, so it was refused: ${en}`);
const tooMany = (code: string, what: { zh: string; en: string }, limit: number) => fileIssue(code, `工作簿的${what.zh}过多（超过 ${count(limit)}），已拒绝`, `the workbook has too many ${what.en} (more than ${count(limit)}), so it was refused`);
const externalLinks = () => fileIssue('external_links', '工作簿链接了其他文件（外部链接），shopplan 不读取外部链接；请先断开链接（数据 → 编辑链接 → 断开链接）再导入', 'the workbook links to other files (external links), which shopplan does not follow: break the links (Data → Edit Links → Break Link) and import again');

/** Byte-level counts of one XML part: start tags in all, and `<c>`, `<row>`, `<si>` among them. */
interface XmlCounts {
  elements: number;
  cells: number;
  rows: number;
  strings: number;
}

const isNameStart = (b: number) => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f;
const endsName = (b: number | undefined) => b === undefined || b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Counts start tags in XML bytes without decoding them: a cell is `<c` then a
 * space, `>` or `/`; a row `<row`; a shared string `<si`. Prefixed names
 * (`<x:c>`) count as elements. Linear, no allocation.
 */
function countXml(xml: Uint8Array): XmlCounts {
  const out: XmlCounts = { elements: 0, cells: 0, rows: 0, strings: 0 };
  for (let i = xml.indexOf(0x3c); i >= 0 && i < xml.length - 1; i = xml.indexOf(0x3c, i + 1)) {
    const b = xml[i + 1]!;
    if (!isNameStart(b)) continue;
    out.elements++;
    if (b === 0x63 && endsName(xml[i + 2])) out.cells++;
    else if (b === 0x72 && xml[i + 2] === 0x6f && xml[i + 3] === 0x77 && endsName(xml[i + 4])) out.rows++;
    else if (b === 0x73 && xml[i + 2] === 0x69 && endsName(xml[i + 3])) out.strings++;
  }
  return out;
}

/** The attributes of every element named `tag` in an XML text, quotes of either kind, any namespace prefix. */
function elementAttributes(xml: string, tag: string): Array<Map<string, string>> {
  const found: Array<Map<string, string>> = [];
  for (const m of xml.matchAll(new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}\\b([^>]*)>`, 'g'))) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set((a[1] ?? '').replace(/^.*:/, '').toLowerCase(), a[2] ?? a[3] ?? '');
    found.push(attrs);
  }
  return found;
}

/**
 * True when the package links to another file: a relationship of an
 * external-link type (whatever the linked part is named), a part declared
 * with the external-link content type, or the workbook's list of external
 * references. Looks at what the parts say, not at their file names.
 */
function linksOtherFiles(parts: Unzipped): boolean {
  const text = (name: string) => new TextDecoder().decode(parts[name]);
  for (const name of Object.keys(parts).filter((n) => CHECKED_PARTS.test(n))) {
    for (const rel of elementAttributes(text(name), 'Relationship')) {
      const type = rel.get('type') ?? '';
      if (/\/externalLink(?:Path)?$/i.test(type) || /\/(?:oleObject|package|attachedTemplate|frame)$/i.test(type) && /^external$/i.test(rel.get('targetmode') ?? '')) return true;
    }
  }
  if (parts['[Content_Types].xml'] && /spreadsheetml\.externalLink\+xml/i.test(text('[Content_Types].xml'))) return true;
  if (parts['xl/workbook.xml'] && /<(?:\w+:)?externalReference\b/.test(text('xl/workbook.xml'))) return true;
  return false;
}

/** `_x001f_` (lower-case hex, as LibreOffice writes) → `_x001F_`, token by token from the left, so ExcelJS decodes every escape. */
function upperCaseEscapes(xml: string): string {
  return xml.replace(/<((?:\w+:)?t)(\s[^>]*)?>([^<]*)<\/\1>/g, (whole, tag: string, attrs: string | undefined, body: string) =>
    /_x[0-9A-Fa-f]{4}_/.test(body) ? `<${tag}${attrs ?? ''}>${body.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => `_x${hex.toUpperCase()}_`)}</${tag}>` : whole);
}

const SHEET_TAIL_PARTS = /<(?:\w+:)?(drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|tableParts|hyperlinks|webPublishItems|extLst|dataValidations)\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?\1>)/g;

/** Cells covered by the merged ranges of a sheet's tail (`<mergeCell ref="A1:C3"/>` covers 9). */
function mergedArea(tail: string): number {
  let area = 0;
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?["']/g)) {
    const col = (letters: string) => [...letters].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
    const [, c1 = 'A', r1 = '1', c2 = c1, r2 = r1] = m;
    area += (Math.abs(col(c2) - col(c1)) + 1) * (Math.abs(Number(r2) - Number(r1)) + 1);
  }
  return area;
}

/**
 * A worksheet without the elements that point into parts the import does not
 * read (drawings, comments, tables, hyperlinks) and without data validations
 * (a validation over a whole column makes ExcelJS visit a million cells):
 * they follow `</sheetData>`, so only the sheet's tail is decoded and
 * cleaned. Also gives the cells its merged ranges cover (ExcelJS visits each).
 */
function withoutLinkedParts(xml: Uint8Array<ArrayBuffer>): { xml: Uint8Array<ArrayBuffer>; merged: number } {
  const end = new TextEncoder().encode('</sheetData>');
  let at = -1;
  for (let i = xml.lastIndexOf(0x3c); i >= 0; i = xml.lastIndexOf(0x3c, i - 1)) {
    if (end.every((b, k) => xml[i + k] === b)) {
      at = i + end.length;
      break;
    }
    if (xml.length - i > 16 * 1024 * 1024) break; // a tail this long is not a sheet of ours; leave it whole
  }
  if (at < 0) return { xml, merged: 0 };
  const tail = new TextDecoder().decode(xml.subarray(at));
  const merged = mergedArea(tail);
  const cleaned = tail.replace(SHEET_TAIL_PARTS, '');
  if (cleaned === tail) return { xml, merged };
  const head = xml.subarray(0, at);
  const rest = strToU8(cleaned);
  const out = new Uint8Array(head.length + rest.length);
  out.set(head);
  out.set(rest, head.length);
  return { xml: out, merged };
}

/**
 * True when an XML part ends with the end tag of the element it starts with
 * (or that element closes itself). A part cut short — inflated only to the
 * size its header declared — fails this, and must not reach ExcelJS, whose
 * reader waits forever for the rest of a sheet that never comes.
 */
function isWholeXml(xml: Uint8Array): boolean {
  const head = new TextDecoder().decode(xml.subarray(0, 4096));
  const root = /<(?![?!])([A-Za-z_][\w.:-]*)/.exec(head)?.[1];
  if (!root) return false;
  const tail = new TextDecoder().decode(xml.subarray(Math.max(0, xml.length - 4096))).trimEnd();
  return tail.endsWith(`</${root}>`) || (new RegExp(`<${root}\\b[^<]*/>$`).test(tail) && !head.includes(`</${root}>`));
}

/** What the guard gives back: the parts to read, as a small uncompressed zip, or the issues that refuse the file. */
export type GuardedWorkbook = { ok: true; bytes: Uint8Array } | { ok: false; issues: PlanIssue[] };

/**
 * Checks an uploaded workbook before any spreadsheet library reads it, and
 * hands on only the parts the import needs. With fflate's filtered unzip,
 * the declared sizes of every entry are checked before anything is inflated
 * (total, compression ratio, number of entries); only the workbook, its
 * sheets, shared strings, styles and relationships are inflated, each into a
 * buffer of its declared size (a part that inflates beyond it is damaged).
 * Then cells, rows, shared strings and XML elements are counted, and links
 * to other files are refused. Returns the issues that refuse the file (each
 * zh + en, path `(file)`), or the parts repacked without compression.
 */
export function guardWorkbookZip(bytes: Uint8Array, limits: ImportLimits): GuardedWorkbook {
  const refuse = (issue: PlanIssue): GuardedWorkbook => ({ ok: false, issues: [issue] });
  if (bytes.length > limits.maxFileBytes) {
    return refuse(fileIssue('too_large', `文件过大（${MB(bytes.length)}），上限为 ${MB(limits.maxFileBytes)}`, `the file is too large (${MB(bytes.length)}); the limit is ${MB(limits.maxFileBytes)}`));
  }
  let entries = 0;
  let declared = 0;
  const filter = (file: UnzipFileInfo): boolean => {
    if (++entries > limits.maxEntries) throw new Refusal(tooMany('too_many_entries', { zh: '压缩包条目', en: 'zip entries' }, limits.maxEntries));
    if (!READ_PARTS.test(file.name) && !CHECKED_PARTS.test(file.name)) return false;
    declared += file.originalSize;
    if (declared > limits.maxUncompressedBytes) {
      throw new Refusal(zipBomb(`声明解压大小超过 ${MB(limits.maxUncompressedBytes)}（${file.name}）`, `its parts declare more than ${MB(limits.maxUncompressedBytes)} inflated (${file.name})`));
    }
    if (file.originalSize >= 64 * 1024 && file.originalSize / Math.max(1, file.size) > limits.maxCompressionRatio) {
      throw new Refusal(zipBomb(`${file.name} 压缩比超过 ${limits.maxCompressionRatio}:1`, `${file.name} is compressed more than ${limits.maxCompressionRatio}:1`));
    }
    return true;
  };
  let parts: Unzipped;
  try {
    parts = unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof Refusal) return refuse(error.issue);
    // fflate's own words say what is broken; the planner needs to know that it is
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(fileIssue('not_xlsx', '文件不是 xlsx 工作簿（不是 zip 格式，或已损坏）', `the file is not an xlsx workbook (not a zip archive, or a damaged one): ${detail}`));
  }
  // a part may inflate to less than it declared, never to more (fflate stops at the declared size)
  const inflated = Object.values(parts).reduce((acc, p) => acc + p.length, 0);
  if (inflated > limits.maxUncompressedBytes) return refuse(zipBomb(`解压超过 ${MB(limits.maxUncompressedBytes)}`, `it inflates beyond ${MB(limits.maxUncompressedBytes)}`));
  if (!parts['xl/workbook.xml']) {
    return refuse(fileIssue('not_xlsx', '文件不是 xlsx 工作簿（缺少 xl/workbook.xml）', 'the file is not an xlsx workbook (xl/workbook.xml is missing)'));
  }

  for (const [name, data] of Object.entries(parts)) {
    if (READ_PARTS.test(name) && !isWholeXml(data)) {
      return refuse(fileIssue('not_xlsx', `文件已损坏：${name} 不完整（可能比声明的大小更长，或被截断）`, `the file is damaged: ${name} is incomplete (longer than its header declares, or cut short)`));
    }
  }
  const totals: XmlCounts = { elements: 0, cells: 0, rows: 0, strings: 0 };
  for (const [name, data] of Object.entries(parts)) {
    if (!READ_PARTS.test(name)) continue;
    const c = countXml(data);
    totals.elements += c.elements;
    if (WORKSHEET.test(name)) {
      totals.cells += c.cells;
      totals.rows += c.rows;
    }
    if (name === 'xl/sharedStrings.xml') totals.strings += c.strings;
  }
  if (totals.cells > limits.maxCells) return refuse(tooMany('too_many_cells', { zh: '单元格', en: 'cells' }, limits.maxCells));
  if (totals.rows > limits.maxRows) return refuse(tooMany('too_many_rows', { zh: '行（含空行）', en: 'rows (empty ones included)' }, limits.maxRows));
  if (totals.strings > limits.maxSharedStrings) return refuse(tooMany('too_many_strings', { zh: '共享文本', en: 'shared strings' }, limits.maxSharedStrings));
  if (totals.elements > limits.maxElements) return refuse(tooMany('too_many_elements', { zh: 'XML 元素', en: 'XML elements' }, limits.maxElements));
  if (linksOtherFiles(parts)) return refuse(externalLinks());

  const read: Unzipped = {};
  let merged = 0;
  for (const [name, data] of Object.entries(parts)) {
    if (!READ_PARTS.test(name)) continue;
    if (name === 'xl/sharedStrings.xml') read[name] = strToU8(upperCaseEscapes(new TextDecoder().decode(data)));
    else if (WORKSHEET.test(name)) {
      const sheet = withoutLinkedParts(data);
      read[name] = sheet.xml;
      merged += sheet.merged;
    } else read[name] = data;
  }
  if (merged > limits.maxCells) return refuse(tooMany('too_many_cells', { zh: '合并单元格覆盖的单元格', en: 'cells covered by merged ranges' }, limits.maxCells));
  return { ok: true, bytes: zipSync(read, { level: 0 }) };
}
