/**
 * Loads the browser's locale data (ICU) on a thread of its own while the
 * page starts, then ends.
 *
 * Chromium loads ICU's data once per renderer process, on the first use of
 * anything locale-aware (`Intl.*`, `toLocaleString`, `localeCompare`), and
 * that first use costs 40–130 ms. On the page's main thread it fell inside
 * the first render of the product calendar (its heading's product count) and
 * inside AG Grid's first grid (it sorts its modules' styles with
 * `localeCompare`): two of the long tasks of issue 13. Used here first, the
 * data is loaded by the time the page needs it, and the main thread's first
 * use takes well under a millisecond.
 */
const started = performance.now();
// the uses the page makes: number grouping in English and Chinese, and the default collator
(10_000).toLocaleString('en-US');
new Intl.NumberFormat('zh-CN').format(10_000);
'a'.localeCompare('b');
postMessage({ ms: performance.now() - started });
close();
