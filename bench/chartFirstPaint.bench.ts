// Benchmark: a 90-day, 1-minute, 4-series chart in Chromium (issue #5). Fills a store with 90 days × 4
// CloudWatch series at 1-minute resolution through the core's metric writer (MetricStore.write + the
// roll-ups, as the metrics job does; same fill as bench/metricsSeries.bench.ts), starts `serve` on it,
// and opens a bench page in real Chromium that draws renderer/src/charts/TimeSeriesChart with the four
// series from metrics.series, maxPoints = the chart's width. The page
// (renderer/src/charts/bench/chartFirstPaintPage.tsx) is bundled here with esbuild and served on door
// 2's own origin through Playwright's request routing, so it calls the real API same-origin and the app
// needs no bench route. Prints points delivered per series, API time and time to the chart's first
// paint, three ways in the same run: the page load as the navigation, built as one bundle ("naive") and
// code-split as the app is ("split"), and the navigation inside the running app ("in-app": React's
// shell up and the pages' code prefetched once idle, as the app's frame does; the clock starts at the
// click). Goal ≤ 200 ms from navigation to the chart painted (issue #14); ratios, no assertions.
// Run: npx tsx bench/chartFirstPaint.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { openStore } from '../electron/core/store/openStore.ts';
import { endChromium, launchChromium } from '../test/support/browser.ts';
import type { BenchResult } from '../renderer/src/charts/bench/benchResult.ts';
import { ROOT, startServe } from '../test/support/serveProcess.ts';
import { DAY, DAYS, fillMetricSeries, MIN, SERIES } from './support/fillMetricSeries.ts';

const CONNECTION = 'bench';
const CHART_WIDTH = 1200;

/** The page's globals, seen from here (no DOM types in the Node config). */
type BenchGlobals = { __bench?: BenchResult; __benchSpec?: unknown; __navigate?: () => void };
const RUNS = 7;

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = mkdtempSync(join(tmpdir(), 'ns-bench-chart-'));
const NOW = Math.floor(Date.now() / MIN) * MIN;
const START = NOW - DAYS * DAY;
try {
  // --- Fill: 90 days × 4 series × 1,440 minutes through the metric writer ------------------------
  const fillStart = performance.now();
  const db = openStore({ dataDir });
  fillMetricSeries(db, CONNECTION, START, true);
  db.close();
  console.log(
    `fill: ${DAYS} days × ${SERIES.length} series × 1,440 minutes in ${fmt(performance.now() - fillStart)}`,
  );

  // --- The bench page, bundled two ways ----------------------------------------------------------
  // "naive": one bundle, so React + recharts parse before the page can ask for the series (as the
  // bench page was built before). "split": code-split as the app's pages are (vite.config.ts,
  // renderer/src/app/pages.ts): a small entry fetches the series while the chart's chunk loads.
  const bundle = async (splitting: boolean) => {
    const out = await build({
      entryPoints: { 'bench-chart': join(ROOT, 'renderer/src/charts/bench/chartFirstPaintPage.tsx') },
      bundle: true,
      write: false,
      format: 'esm',
      splitting,
      minify: true,
      jsx: 'automatic',
      outdir: '/bench-page',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const files = new Map(out.outputFiles.map((f) => [f.path.slice('/bench-page'.length), f.text]));
    const entry = files.get('/bench-chart.js') ?? '';
    const js = [...files].filter(([path]) => path.endsWith('.js')).reduce((n, [, t]) => n + t.length, 0);
    console.log(
      `${splitting ? 'split' : 'naive'} page: ${(js / 1024).toFixed(0)} KB JS (minified) in ${files.size} files, entry ${(entry.length / 1024).toFixed(0)} KB`,
    );
    return files;
  };
  const naiveFiles = await bundle(false);
  const splitFiles = await bundle(true);
  // "load": the page load is the navigation (the app starting on this view); "in-app": the app is up
  // and the user opens the view (the clock starts then; the chart's chunk and the data load after).
  const variants = [
    { name: 'naive', files: naiveFiles, mode: 'load' },
    { name: 'split', files: splitFiles, mode: 'load' },
    { name: 'in-app', files: splitFiles, mode: 'in-app' },
  ] as const;
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/bench-chart.css">
<script type="module" src="/bench-chart.js"></script></head>
<body><div id="chart" style="width:${CHART_WIDTH}px;margin:20px"></div></body></html>`;

  // --- serve on the store, Chromium on the page ----------------------------------------------------
  const server = await startServe({ dataDir });
  const browser = await launchChromium();
  try {
    const origin = new URL(server.url).origin;
    const results = { naive: [] as BenchResult[], split: [] as BenchResult[], 'in-app': [] as BenchResult[] };
    // Alternating, so every way sees the same load.
    for (let i = 0; i < RUNS * variants.length; i++) {
      const variant = variants[i % variants.length]!;
      const context = await browser.newContext({ viewport: { width: CHART_WIDTH + 80, height: 500 } });
      const page = await context.newPage();
      await page.route(`${origin}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path.startsWith('/api/')) return route.fallback();
        const body = variant.files.get(path);
        if (body === undefined) return route.fulfill({ contentType: 'text/html', body: html });
        const contentType = path.endsWith('.css') ? 'text/css' : 'text/javascript';
        return route.fulfill({ contentType, body });
      });
      await page.addInitScript(
        (spec) => {
          (globalThis as BenchGlobals).__benchSpec = spec;
        },
        {
          token: server.token,
          connectionId: CONNECTION,
          from: START,
          to: NOW,
          series: SERIES,
          mode: variant.mode,
        },
      );
      await page.goto(`${origin}/bench-chart.html`);
      if (variant.mode === 'in-app') {
        // The shell is up, the pages' code prefetched and the page idle before the user opens the view.
        await page.waitForFunction(() => (globalThis as BenchGlobals).__navigate !== undefined);
        await page.waitForLoadState('load');
        // A frame and a moment after it (a string: the Node config has no DOM types).
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))');
        await page.evaluate(() => (globalThis as BenchGlobals).__navigate!());
      }
      await page.waitForFunction(() => (globalThis as BenchGlobals).__bench !== undefined, undefined, {
        timeout: 60_000,
      });
      const result = (await page.evaluate(() => (globalThis as BenchGlobals).__bench))!;
      if (result.error) throw new Error(`bench page failed: ${result.error}`);
      // The paint entry is queued after the frame that drew the chart: read it once it is there (in
      // the app, the first paint is the shell's: not the chart's).
      if (variant.mode === 'in-app') result.fcpMs = null;
      else
        result.fcpMs ??= await page
          .waitForFunction(
            () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
            undefined,
            { timeout: 2_000 },
          )
          .then((h) => h.jsonValue() as Promise<number>)
          .catch(() => null);
      results[variant.name].push(result);
      await context.close();
    }

    const first = results.split[0]!;
    console.log(`\nchart width ${CHART_WIDTH} px → maxPoints ${first.maxPoints}`);
    console.log(
      `points delivered per series: ${first.pointsPerSeries.join(', ')} (≤ 4,000: ${first.pointsPerSeries.every((n) => n <= 4_000) ? 'yes' : 'NO'})`,
    );
    console.log(
      '\nway     run   fetch start   API (4 calls)   data+code → painted   navigation → chart painted   FCP',
    );
    for (const { name } of variants)
      results[name].forEach((r, i) =>
        console.log(
          `${name}  ${String(i + 1).padStart(3)}   ${fmt(r.startMs).padStart(11)}   ${fmt(r.apiMs).padStart(13)}   ${fmt(r.renderMs).padStart(19)}   ${fmt(r.totalMs).padStart(26)}   ${r.fcpMs === null ? '–' : fmt(r.fcpMs)}`,
        ),
      );
    // The first run of each way warms the server (SQLite pages, JIT): the medians leave it out.
    const medians = (rs: BenchResult[]) => {
      const warm = rs.slice(1);
      const m = (pick: (r: BenchResult) => number) => median(warm.map(pick));
      return {
        start: m((r) => r.startMs),
        api: m((r) => r.apiMs),
        render: m((r) => r.renderMs),
        total: m((r) => r.totalMs),
      };
    };
    const naive = medians(results.naive);
    const split = medians(results.split);
    const inApp = medians(results['in-app']);
    console.log(`\nmedians of runs 2–${RUNS}:`);
    for (const [name, m] of [
      ['naive', naive],
      ['split', split],
      ['in-app', inApp],
    ] as const)
      console.log(
        `  ${name}: fetches start ${fmt(m.start)}, API ${fmt(m.api)}, data+code → painted ${fmt(m.render)}, navigation → chart painted ${fmt(m.total)}`,
      );
    console.log(
      `page load → chart painted: split ${fmt(split.total)} vs naive ${fmt(naive.total)} (${(naive.total / split.total).toFixed(2)}× faster)`,
    );
    console.log(
      `in-app navigation → chart painted: ${fmt(inApp.total)} (${(naive.total / inApp.total).toFixed(2)}× faster than a naive page load; goal ≤ 200 ms, issue #14)`,
    );
  } finally {
    await browser.close();
    await endChromium();
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
