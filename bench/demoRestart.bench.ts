// First start and restart of `serve --demo` (the app's embedded engine) on one data directory, issue
// #14: from process start to the server's ready line, to the demo connected, to first data (the first
// live poll and the first query history read of this process), and to the first data painted on the
// overview in real Chromium (launched before the process starts, as the desktop window is there at
// once: the page opens on the ready line). The first start then waits until the demo's 75 nights are
// all written and read ("history complete"), so the restarts resume them. The naive ways are the first
// start, which generates the history, and the restart of the sources through tsx (what `npm start` ran
// before it ran the bundle, dist-electron/serve.cjs). Goals (issue #14): first live data within 10 s
// of a first start; data painted within 1.5 s of a restart.
// Run: npx tsx bench/demoRestart.bench.ts [--nights N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import type { CollectorStatus } from '../shared/model/collector.ts';
import { testIds } from '../shared/testIds.ts';
import { buildElectron, SERVE_BUNDLE } from '../scripts/build-electron.ts';
import { launchChromium } from '../test/support/browser.ts';
import { ROOT, startServe } from '../test/support/serveProcess.ts';

const { values } = parseArgs({ options: { nights: { type: 'string', default: '75' } } });

interface Timings {
  ready: number;
  connected: number;
  liveData: number;
  historyData: number;
  painted: number;
  /** The demo's history all written and read (the first start only; NaN on restarts). */
  complete: number;
}

/** What the overview shows from the store or the first polls: a queue row or a slow statement. */
const FIRST_DATA = [testIds.overview.queueRow, testIds.overview.slowRow]
  .map((id) => `[data-testid="${id}"]`)
  .join(', ');

async function timeStart(
  browser: Browser,
  dataDir: string,
  options: { bundle?: string; untilComplete?: boolean } = {},
): Promise<Timings> {
  const page = await browser.newPage();
  const started = performance.now();
  const wallStart = Date.now();
  const server = await startServe({
    admin: true,
    dataDir,
    ...(options.bundle !== undefined ? { bundle: options.bundle } : {}),
    args: ['--demo', '--demo-nights', values.nights!],
  });
  const ready = performance.now() - started;
  const seen: Partial<Timings> = {};
  const painted = page
    .goto(`${server.url}#/overview`)
    .then(() => page.waitForSelector(FIRST_DATA, { timeout: 600_000 }))
    .then(() => (seen.painted = performance.now() - started));
  try {
    while (
      seen.connected === undefined ||
      seen.liveData === undefined ||
      seen.historyData === undefined ||
      (options.untilComplete === true && seen.complete === undefined)
    ) {
      const { body } = await server.call('collector.status');
      const status = (body as { result?: CollectorStatus }).result;
      const conn = status?.connections[0];
      const at = performance.now() - started;
      // A success of this process (a restart also reports the previous run's last success).
      const succeeded = (job: string) => {
        const last = conn?.jobs.find((j) => j.job === job)?.lastSuccessAt;
        return last != null && Date.parse(last) >= wallStart;
      };
      if (conn?.state === 'connected') seen.connected ??= at;
      if (succeeded('live_activity')) seen.liveData ??= at;
      if (succeeded('query_history')) seen.historyData ??= at;
      // Written and read: every job's last run succeeded and did not ask to go on at once.
      const readAll = conn?.jobs.every(
        (j) =>
          j.state.kind === 'skipped' ||
          (j.state.kind === 'ok' &&
            j.lastRunAt !== null &&
            j.nextRunAt !== null &&
            Date.parse(j.nextRunAt) - Date.parse(j.lastRunAt) >= j.intervalMs),
      );
      if (conn?.state === 'connected' && !conn.preparing && readAll === true) seen.complete ??= at;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await painted;
  } catch (error) {
    // A server that died says why on its stderr.
    throw new Error(`${String(error)}; serve's stderr ends:\n${server.stderr().slice(-3000)}`, {
      cause: error,
    });
  } finally {
    await page.close();
    await server.stop();
  }
  return {
    ready,
    connected: seen.connected ?? NaN,
    liveData: seen.liveData ?? NaN,
    historyData: seen.historyData ?? NaN,
    painted: seen.painted ?? NaN,
    complete: seen.complete ?? NaN,
  };
}

// The pages `serve` hands out, built from this tree: a stale dist/renderer measured an overview that
// waited for its 10 s refresh (11.0 s to data painted instead of 4.4 s).
execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
// The bundle `npm start` builds and runs.
await buildElectron({ root: ROOT });
const bundle = join(ROOT, 'dist-electron', SERVE_BUNDLE);
const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-bench-restart-'));
const browser = await launchChromium();
try {
  const first = await timeStart(browser, dataDir, { bundle, untilComplete: true });
  const fromSource = await timeStart(browser, dataDir);
  const restart = await timeStart(browser, dataDir, { bundle });
  const load = loadavg().map((l) => l.toFixed(1));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  console.log(
    `serve --demo, ${values.nights} nights, embedded engine, one data directory (load average ${load.join(', ')}):`,
  );
  console.log(
    `                     first start   restart (tsx)   restart (bundle)   bundle / first   bundle / tsx`,
  );
  for (const key of ['ready', 'connected', 'liveData', 'historyData', 'painted', 'complete'] as const) {
    const label = {
      ready: 'ready line',
      connected: 'demo connected',
      liveData: 'first live data',
      historyData: 'first history',
      painted: 'data painted',
      complete: 'history complete',
    }[key];
    console.log(
      `  ${label.padEnd(18)} ${s(first[key])}        ${s(fromSource[key])}           ${s(restart[key])}` +
        `           ${(restart[key] / first[key]).toFixed(2)}x          ${(restart[key] / fromSource[key]).toFixed(2)}x`,
    );
  }
} finally {
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });
}
// The shared Chromium process lives as long as this one (test/support/browser.ts): end both.
process.exit(0);
