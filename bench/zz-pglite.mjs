import { PGlite } from '@electric-sql/pglite';
const t0 = performance.now();
const db = await PGlite.create({ dataDir: '/tmp/f14b-prof/demo-cluster', database: 'postgres' });
console.log('create', Math.round(performance.now() - t0));
await db.exec("SET TIME ZONE 'UTC'");
console.log('exec', Math.round(performance.now() - t0));
await db.close();
console.log('close', Math.round(performance.now() - t0));
