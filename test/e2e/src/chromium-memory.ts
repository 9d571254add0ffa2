import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of one Chromium's processes, read from Linux's /proc: the
 * browser tab's own share (the renderer process, which runs the page and its
 * Web Workers) and the whole browser (GPU, network and utility processes
 * too). For the web benchmark's "peak memory of the tab" figure; Linux only.
 */

/** Process ids of running Chromium browser processes (those started with a Playwright profile). */
export function chromiumBrowserPids(): Set<number> {
  const out = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = cmdline(Number(entry));
    if (cmd.includes('playwright_chromiumdev_profile') && !cmd.includes('--type=')) out.add(Number(entry));
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** One reading: the largest renderer's RSS and the sum over the browser and all its descendants, in MB. */
export interface ChromiumMemory {
  largestRendererMb: number;
  browserTotalMb: number;
}

/** Reads the memory of the browser `root` and every process below it. */
export function chromiumMemory(root: number): ChromiumMemory {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = statusField(Number(entry), 'PPid');
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let largestRenderer = 0;
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const rss = statusField(pid, 'VmRSS');
    total += rss;
    if (cmdline(pid).includes('--type=renderer')) largestRenderer = Math.max(largestRenderer, rss);
    stack.push(...(children.get(pid) ?? []));
  }
  return { largestRendererMb: largestRenderer / 1024, browserTotalMb: total / 1024 };
}

/**
 * Samples a browser's memory every `everyMs` until stopped; `peak()` gives
 * the highest largest-renderer and browser-total readings seen.
 */
export function sampleChromiumMemory(root: number, everyMs = 250): { peak(): ChromiumMemory; stop(): void } {
  const peak: ChromiumMemory = { largestRendererMb: 0, browserTotalMb: 0 };
  const read = () => {
    const m = chromiumMemory(root);
    peak.largestRendererMb = Math.max(peak.largestRendererMb, m.largestRendererMb);
    peak.browserTotalMb = Math.max(peak.browserTotalMb, m.browserTotalMb);
  };
  read();
  const timer = setInterval(read, everyMs);
  return { peak: () => ({ ...peak }), stop: () => clearInterval(timer) };
}
