import JSZip from 'jszip';
import { planIssue, type PlanIssue } from '@shopplan/schema';

/** Limits an imported workbook must stay within; anything beyond is refused before it is read. */
export interface ImportLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Sum of all entries once inflated. */
  maxUncompressedBytes: number;
  /** Inflated size over compressed size of one entry (zip bombs reach thousands). */
  maxCompressionRatio: number;
  /** Cells over all sheets. */
  maxCells: number;
}

/** The default limits: ample for a 10,000-product yearly calendar, far below what hurts a laptop. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxUncompressedBytes: 768 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxCells: 5_000_000,
};

/** One entry of a zip's central directory: its name and declared sizes, read before anything is inflated. */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const fileIssue = (code: string, zh: string, en: string): PlanIssue => planIssue('(file)', code, zh, en);

/**
 * Reads the central directory of a zip (the table of contents at its end):
 * names and declared sizes, without inflating anything. Returns undefined when
 * the bytes are not a zip. ZIP64 entries report their size as 0xFFFFFFFF,
 * which the limits then refuse: no workbook of ours needs ZIP64.
 */
export function zipEntries(bytes: Uint8Array): ZipEntryInfo[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record is in the last 22 + 65,535 bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntryInfo[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Counts `<c` cell elements in a stream of sheet XML chunks (a tag may straddle two chunks). */
class CellCounter {
  count = 0;
  #carry = 0; // 1 when the previous chunk ended in '<'
  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      const prevLt = i === 0 ? this.#carry === 1 : chunk[i - 1] === 0x3c;
      if (prevLt && b === 0x63) {
        const next = i + 1 < chunk.length ? chunk[i + 1] : 0x20;
        if (next === 0x20 || next === 0x3e || next === 0x2f) this.count++;
      }
    }
    this.#carry = chunk[chunk.length - 1] === 0x3c ? 1 : 0;
  }
}

interface StreamHelper {
  on(event: 'data', cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'end', cb: () => void): StreamHelper;
  on(event: 'error', cb: (e: Error) => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/**
 * Checks an uploaded workbook before any spreadsheet library reads it: file
 * size, declared and actual inflated sizes (a zip bomb is stopped while it
 * inflates, whatever its headers claim), compression ratio, cell count, and
 * external links (refused: the plan must not depend on other files).
 * Returns the issues that refuse it; an empty list means it may be read.
 */
export async function checkWorkbookZip(bytes: Uint8Array, limits: ImportLimits): Promise<PlanIssue[]> {
  if (bytes.length > limits.maxFileBytes) {
    return [fileIssue('too_large', `文件过大（${MB(bytes.length)}），上限为 ${MB(limits.maxFileBytes)}`, `the file is too large (${MB(bytes.length)}); the limit is ${MB(limits.maxFileBytes)}`)];
  }
  const entries = zipEntries(bytes);
  if (!entries) return [fileIssue('not_xlsx', '文件不是 xlsx 工作簿（不是 zip 格式）', 'the file is not an xlsx workbook (not a zip archive)')];
  const bomb = (detail: { zh: string; en: string }) => [fileIssue('zip_bomb', `文件解压后过大，疑似压缩炸弹，已拒绝：${detail.zh}`, `the file inflates to too much data and looks like a zip bomb, so it was refused: ${detail.en}`)];
  const declared = entries.reduce((acc, e) => acc + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) {
    return bomb({ zh: `声明解压大小 ${MB(declared)}，上限 ${MB(limits.maxUncompressedBytes)}`, en: `it declares ${MB(declared)} inflated, the limit is ${MB(limits.maxUncompressedBytes)}` });
  }
  for (const e of entries) {
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxCompressionRatio) {
      return bomb({ zh: `${e.name} 压缩比超过 ${limits.maxCompressionRatio}:1`, en: `${e.name} is compressed more than ${limits.maxCompressionRatio}:1` });
    }
  }
  const external = entries.filter((e) => /^xl\/externalLinks\//i.test(e.name));
  if (external.length > 0) {
    return [fileIssue('external_links', '工作簿链接了其他文件（外部链接），shopplan 不读取外部链接；请先断开链接（数据 → 编辑链接 → 断开链接）再导入', 'the workbook links to other files (external links), which shopplan does not follow: break the links (Data → Edit Links → Break Link) and import again')];
  }

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [fileIssue('not_xlsx', `文件不是有效的 xlsx 工作簿：${why}`, `the file is not a valid xlsx workbook: ${why}`)];
  }
  // Inflate every entry as a stream, counting: headers can lie, the counter cannot.
  let inflated = 0;
  const cells = new CellCounter();
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    const outcome = await new Promise<'ok' | 'bomb' | 'cells' | Error>((resolve) => {
      const stream = (file as unknown as { internalStream(type: 'uint8array'): StreamHelper }).internalStream('uint8array');
      stream
        .on('data', (chunk) => {
          inflated += chunk.length;
          if (inflated > limits.maxUncompressedBytes) {
            stream.pause();
            resolve('bomb');
            return;
          }
          if (isSheet) {
            cells.feed(chunk);
            if (cells.count > limits.maxCells) {
              stream.pause();
              resolve('cells');
            }
          }
        })
        .on('end', () => resolve('ok'))
        .on('error', (e) => resolve(e))
        .resume();
    });
    if (outcome === 'bomb') return bomb({ zh: `解压超过 ${MB(limits.maxUncompressedBytes)}`, en: `it inflates beyond ${MB(limits.maxUncompressedBytes)}` });
    if (outcome === 'cells') {
      return [fileIssue('too_many_cells', `工作簿单元格过多（超过 ${limits.maxCells} 个），已拒绝`, `the workbook has too many cells (more than ${limits.maxCells}), so it was refused`)];
    }
    if (outcome instanceof Error) return [fileIssue('not_xlsx', `文件已损坏：${file.name}（${outcome.message}）`, `the file is damaged: ${file.name} (${outcome.message})`)];
  }
  const rels = Object.values(zip.files).filter((f) => f.name.endsWith('.rels'));
  for (const f of rels) {
    const xml = await f.async('string');
    if (/relationships\/externalLink"/.test(xml) || /relationships\/externalLinkPath"/.test(xml)) {
      return [fileIssue('external_links', '工作簿链接了其他文件（外部链接），shopplan 不读取外部链接；请先断开链接再导入', 'the workbook links to other files (external links), which shopplan does not follow: break the links and import again')];
    }
  }
  return [];
}
