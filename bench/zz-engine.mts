import { startEmbeddedEngine } from '../electron/demo/engine/startEmbeddedEngine.ts';
const t0 = performance.now();
const e = await startEmbeddedEngine({ dataDir: '/tmp/f14b-prof/demo-cluster' });
console.log('engine', Math.round(performance.now() - t0));
await e.stop();
