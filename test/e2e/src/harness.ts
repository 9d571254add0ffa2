import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

/** The repository root (test/e2e/src → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The web app's package folder. */
export const WEB_DIR = join(REPO_ROOT, 'apps/web');
/** Debian's Chromium; the tests fail (not skip) without it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for headless Chromium on a CI box without a display or network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

/** Builds the web app if `apps/web/dist` is missing (turbo's `^build` normally did it already). */
export function ensureBuilt(): void {
  if (existsSync(join(WEB_DIR, 'dist/index.html'))) return;
  const run = spawnSync(join(WEB_DIR, 'node_modules/.bin/vite'), ['build'], { cwd: WEB_DIR, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('building the web app failed');
}

/** A running `vite preview` of the built app. */
export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves the built app with `vite preview` on a free localhost port and waits until it answers. */
export async function startPreview(): Promise<PreviewServer> {
  ensureBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(join(WEB_DIR, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: WEB_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => new Promise<void>((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGTERM');
    }),
  };
}

/** Launches Debian's Chromium; throws (so the test fails) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required for the end-to-end tests and was not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The browser side of one test file: a preview of the built app, Chromium, and one context its pages share. */
export interface BrowserSession {
  readonly server: PreviewServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Uncaught errors of every page made by `newPage` (none is expected). */
  readonly pageErrors: string[];
  /** A new page of the context that records its uncaught errors. */
  newPage(): Promise<Page>;
}

/** What a test file needs of its browser session beyond the default 1440×960 zh-CN context. */
export interface BrowserSessionOptions {
  /** Extra options of the shared context (`acceptDownloads`, another locale). */
  context?: BrowserContextOptions;
  /** Runs before the server starts (build the CLI the file calls, say). */
  prepare?: () => void | Promise<void>;
  /** How long the setup may take (the default is vitest's hook timeout). */
  timeout?: number;
}

/**
 * Registers the hooks of a test file that drives the built app: before all
 * tests the preview server, Chromium and a context start; a setup that fails
 * fails every test of the file (never a skip); after all they stop. Call it
 * at the top of the file and use the returned session in tests.
 * @example const browser = useBrowserSession({ context: { acceptDownloads: true } });
 */
export function useBrowserSession(options: BrowserSessionOptions = {}): BrowserSession {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let setupError: unknown;
  const pageErrors: string[] = [];
  const need = <T>(x: T | undefined): T => {
    if (x === undefined) throw setupError ?? new Error('the browser session has not started');
    return x;
  };
  const session: BrowserSession = {
    get server() { return need(server); },
    get browser() { return need(browser); },
    get context() { return need(context); },
    pageErrors,
    async newPage() {
      const page = await need(context).newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
  };
  beforeAll(async () => {
    try {
      await options.prepare?.();
      server = await startPreview();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN', ...options.context });
    } catch (error) {
      setupError = error;
    }
  }, options.timeout);
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });
  return session;
}

/** Waits until the page has loaded its session and computed the scenario in front. */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="app"][data-loading="false"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="kpi-spend"]:not([data-value=""])', { timeout: 120_000 });
}

/** Points a page at the app with a query (`?workspace=kill`) and waits until it is ready. */
export async function openApp(session: BrowserSession, page: Page, query: string): Promise<void> {
  await page.goto(`${session.server.url}${query}`);
  await ready(page);
}

/** A cell of one of the page's grids, by row id and column id. */
export function gridCell(page: Page, grid: string, row: string, col: string): Locator {
  return page.locator(`[data-testid="${grid}"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
}
