// The on-call views (issue #5): overview, live, the query history and one query's detail, slow queries
// by fingerprint, run history, blast radius, executed steps, WLM samples and pressure. Everything is
// read from the store (electron/core/views, and the shared history reader in store/history); only
// live.text and queries.steps reach the cluster, on demand, when the store lacks what they show.
import type Database from 'better-sqlite3';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';
import { readQueryHistory } from '../store/history/readQueryHistory.ts';
import { hiddenMatcherOf, readHiddenPatterns } from '../store/lists/HiddenPatternsStore.ts';
import { readQuery } from '../views/readQuery.ts';
import { readWlmSamples } from '../views/readWlmSamples.ts';
import { ApiError } from '../base/ApiError.ts';
import { readBlastRadius } from '../views/readBlastRadius.ts';
import { readFingerprints } from '../views/readFingerprints.ts';
import { readLive } from '../views/readLive.ts';
import { readLiveText } from '../views/readLiveText.ts';
import { readOverview } from '../views/readOverview.ts';
import { readQueryRuns } from '../views/readQueryRuns.ts';
import { readQuerySteps } from '../views/readQuerySteps.ts';
import { readWlmPressure } from '../views/readWlmPressure.ts';
import type { ApiHandlers } from './dispatch.ts';

type ViewMethods =
  | 'queries.history'
  | 'queries.get'
  | 'wlm.samples'
  | 'overview.get'
  | 'live.get'
  | 'live.text'
  | 'queries.fingerprints'
  | 'queries.runs'
  | 'queries.blastRadius'
  | 'queries.steps'
  | 'wlm.pressure';

export function viewHandlers(deps: {
  db: Database.Database;
  access: ClusterAccess;
  now?: () => Date;
}): Pick<ApiHandlers, ViewMethods> {
  // The connection's hidden patterns (issue #14), unless the caller asked to see everything.
  const hiddenUnless = (showHidden: boolean | undefined, connectionId: string) =>
    showHidden === true ? null : hiddenMatcherOf(deps.db, connectionId);
  const nowUs = () => (deps.now ?? (() => new Date()))().getTime() * 1000;
  return {
    'queries.history': async (args) =>
      readQueryHistory(
        deps.db,
        args,
        args.showHidden === true ? [] : readHiddenPatterns(deps.db, args.connectionId).patterns,
      ),
    'queries.get': async (args) => {
      const found = readQuery(deps.db, args);
      if (!found)
        throw new ApiError(
          'not_found',
          `Query ${args.query} is not in the stored history of this connection.`,
        );
      return found;
    },
    'wlm.samples': async (args) => readWlmSamples(deps.db, args, nowUs()),
    'overview.get': async (args) =>
      readOverview(deps.db, args.connectionId, nowUs(), hiddenUnless(args.showHidden, args.connectionId)),
    'live.get': async (args) =>
      readLive(deps.db, args.connectionId, hiddenUnless(args.showHidden, args.connectionId)),
    'live.text': (args) => readLiveText(deps.db, deps.access, args),
    'queries.fingerprints': async (args) =>
      readFingerprints(deps.db, args, hiddenUnless(args.showHidden, args.connectionId)),
    'queries.runs': async (args) => readQueryRuns(deps.db, args),
    'queries.blastRadius': async (args) => readBlastRadius(deps.db, args),
    'queries.steps': (args) => readQuerySteps(deps.db, deps.access, args),
    'wlm.pressure': async (args) => readWlmPressure(deps.db, args, nowUs()),
  };
}
