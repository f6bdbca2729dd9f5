// First start and restart of `serve --demo` (the app's embedded engine) on one data directory, issue
// #14: from process start to the server's ready line, to the demo connected, and to first data (the
// first live poll and the first query history read of this process). The restart resumes the demo kept in the data
// directory; the naive ways are the first start, which generates the history, and the restart of the
// sources through tsx (what `npm start` ran before it ran the bundle, dist-electron/serve.cjs). Goal
// (issue #14): the collector polling again (first live data) within 3 s of a restart.
// Run: npx tsx bench/demoRestart.bench.ts [--nights N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CollectorStatus } from '../shared/model/collector.ts';
import { buildElectron, SERVE_BUNDLE } from '../scripts/build-electron.ts';
import { ROOT, startServe } from '../test/support/serveProcess.ts';

const { values } = parseArgs({ options: { nights: { type: 'string', default: '75' } } });

interface Timings {
  ready: number;
  connected: number;
  liveData: number;
  historyData: number;
}

async function timeStart(dataDir: string, bundle?: string): Promise<Timings> {
  const started = performance.now();
  const wallStart = Date.now();
  const server = await startServe({
    admin: true,
    dataDir,
    ...(bundle !== undefined ? { bundle } : {}),
    args: ['--demo', '--demo-nights', values.nights!],
  });
  const ready = performance.now() - started;
  const seen: Partial<Timings> = {};
  try {
    while (seen.connected === undefined || seen.liveData === undefined || seen.historyData === undefined) {
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
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    // A server that died says why on its stderr.
    throw new Error(`${String(error)}; serve's stderr ends:\n${server.stderr().slice(-3000)}`, {
      cause: error,
    });
  } finally {
    await server.stop();
  }
  return { ready, connected: seen.connected ?? NaN, liveData: seen.liveData, historyData: seen.historyData };
}

// The bundle `npm start` builds and runs.
await buildElectron({ root: ROOT });
const bundle = join(ROOT, 'dist-electron', SERVE_BUNDLE);
const dataDir = mkdtempSync(join(tmpdir(), 'nightshift-bench-restart-'));
try {
  const first = await timeStart(dataDir, bundle);
  const fromSource = await timeStart(dataDir);
  const restart = await timeStart(dataDir, bundle);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  console.log(`serve --demo, ${values.nights} nights, embedded engine, one data directory:`);
  console.log(
    `                     first start   restart (tsx)   restart (bundle)   bundle / first   bundle / tsx`,
  );
  for (const key of ['ready', 'connected', 'liveData', 'historyData'] as const) {
    const label = {
      ready: 'ready line',
      connected: 'demo connected',
      liveData: 'first live data',
      historyData: 'first history',
    }[key];
    console.log(
      `  ${label.padEnd(18)} ${s(first[key])}        ${s(fromSource[key])}           ${s(restart[key])}` +
        `           ${(restart[key] / first[key]).toFixed(2)}x          ${(restart[key] / fromSource[key]).toFixed(2)}x`,
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
