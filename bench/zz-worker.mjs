import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const w = new Worker(`
const { parentPort } = require('node:worker_threads');
import('@electric-sql/pglite').then(async ({ PGlite }) => {
  const t = performance.now();
  const db = await PGlite.create({ dataDir: '/tmp/f14b-prof/demo-cluster', database: 'postgres' });
  parentPort.postMessage('ready ' + Math.round(performance.now() - t));
  await db.close();
});`, { eval: true });
w.on('message', (m) => { console.log(m, Math.round(performance.now() - t0)); setTimeout(() => w.terminate(), 500); });
