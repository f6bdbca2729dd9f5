// The browser tests on the run's one shared demo server (sharedDemoSetup.ts starts it): one test file,
// so they run one after another in one worker while the unit files run in the others. Their time is
// mostly waiting on the demo (its collector, its timed refreshes), and beside the unit files' CPU work
// that wait costs the run nothing (alone after the unit files, it was 90 s with the CPU half idle).
// Each area is a module of its own under sharedDemo/, registering its describe block when imported; to
// run one area: `npx vitest run test/e2e/sharedDemo.e2e.test.ts -t "<its describe name>"`.
//
// The order matters: the areas that read only live data first, then those that read a few nights,
// then those that need the demo's whole history collected (batches, then alerts with its newly-slow
// verdict), so the first areas' work, not an idle wait, covers the demo's boot.
import './sharedDemo/onCallViews.ts';
import './sharedDemo/hostileStrings.ts';
import './sharedDemo/onCallPolish.ts';
import './sharedDemo/slowQueries.ts';
import './sharedDemo/loads.ts';
import './sharedDemo/feedEditing.ts';
import './sharedDemo/impact.ts';
import './sharedDemo/batches.ts';
import './sharedDemo/alerts.ts';
