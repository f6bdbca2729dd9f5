// `npm run double -- [--seed N] [--nights N] [--scale small|large] [--live] [--engine postgres|embedded]
// [--retention-days N]`: starts a Redshift double and prints exactly one JSON line on stdout when ready
// (progress goes to stderr); stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startDouble, type DoubleEngine } from './startDouble.ts';
import type { WorkloadScale } from './workload/day.ts';

const USAGE =
  'usage: npm run double -- [--seed N] [--nights N] [--scale small|large] [--live] [--engine postgres|embedded] [--retention-days N]';

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let options;
  try {
    const { values } = parseArgs({
      options: {
        seed: { type: 'string' },
        nights: { type: 'string' },
        scale: { type: 'string', default: 'small' },
        live: { type: 'boolean', default: false },
        engine: { type: 'string', default: 'postgres' },
        'retention-days': { type: 'string' },
      },
      strict: true,
    });
    if (values.scale !== 'small' && values.scale !== 'large')
      throw new Error('--scale must be small or large');
    if (values.engine !== 'postgres' && values.engine !== 'embedded')
      throw new Error('--engine must be postgres or embedded');
    const seed = positiveInt('seed', values.seed);
    const nights = positiveInt('nights', values.nights);
    const retentionDays = positiveInt('retention-days', values['retention-days']);
    options = {
      engine: values.engine as DoubleEngine,
      scale: values.scale as WorkloadScale,
      live: values.live,
      ...(seed !== undefined ? { seed } : {}),
      ...(nights !== undefined ? { nights } : {}),
      ...(retentionDays !== undefined ? { retentionDays } : {}),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }

  const double = await startDouble({ ...options, log: (line) => process.stderr.write(`double: ${line}\n`) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await double.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  const { host, port, database, user, password } = double.pg;
  process.stdout.write(
    `${JSON.stringify({
      pg: { host, port, database, user, password },
      superuser: { user: double.superuser.user, password: double.superuser.password },
      aws: {
        endpoint: double.aws.endpoint,
        region: double.aws.region,
        clusterIdentifier: double.aws.clusterIdentifier,
      },
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`double: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
