const t = performance.now();
await import('../electron/demo/engine/startEmbeddedEngine.ts');
console.log('engine mod', Math.round(performance.now()), Math.round(performance.now() - t));
await import('../electron/core/createCore.ts');
console.log('core', Math.round(performance.now() - t));
await import('../electron/demo/createDemoCluster.ts');
console.log('demo', Math.round(performance.now() - t));
await import('../electron/http/startHttpDoor.ts');
console.log('door', Math.round(performance.now() - t));
