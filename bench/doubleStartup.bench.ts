// Time from `npm run double` to its ready line, for each engine (issue: the Redshift double).
// Run: npx tsx bench/doubleStartup.bench.ts [--nights N]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { nights: { type: 'string', default: '75' } } });

async function timeToReady(engine: 'postgres' | 'embedded'): Promise<number> {
  const started = performance.now();
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['electron/demo/cli.ts', '--engine', engine, '--nights', values.nights!],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`double exited with ${code}`)));
  });
  const ms = performance.now() - started;
  JSON.parse(line);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const results: Record<string, number> = {};
for (const engine of ['postgres', 'embedded'] as const) results[engine] = await timeToReady(engine);
console.log(`double ready, ${values.nights} nights, small scale:`);
for (const [engine, ms] of Object.entries(results))
  console.log(`  ${engine.padEnd(9)} ${(ms / 1000).toFixed(1)} s`);
console.log(`  embedded / postgres: ${(results.embedded! / results.postgres!).toFixed(2)}x`);
