import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../test/support/serveProcess.ts';
const dataDir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'f14b-prof-'));
const t0 = performance.now();
const s = await startServe({ admin: true, dataDir, args: ['--demo', '--demo-nights', '10'] });
console.log('ready', Math.round(performance.now() - t0));
const wall = Date.now();
for (;;) {
  const { body } = await s.call('collector.status');
  const c = (body as any).result?.connections[0];
  const j = c?.jobs.find((x: any) => x.job === 'live_activity');
  if (j?.lastSuccessAt && Date.parse(j.lastSuccessAt) >= wall) break;
  await new Promise((r) => setTimeout(r, 100));
}
console.log('live', Math.round(performance.now() - t0));
await s.stop();
console.log(s.stderr().split('\n').filter(Boolean).join('\n'));
console.log('DIR', dataDir);
