// The changes an admin makes to the demo cluster from the browser, on one demo bed of the file's own
// (3 nights; the shared demo server only serves readers): first cancel / end session from the live
// view, audited (governanceCases.ts), then the WLM editor's applies (wlmEditorCases.ts). One bed for
// both saves a boot of the double (a minute or more on a busy 2-core machine); the WLM cases run second
// because they change the queues, and each part counts only its own audit action.
// Needs the built renderer (`npm run build:renderer`). Screenshots land in test-artifacts/screenshots/.
import { describe } from 'vitest';
import { browserOnDemoBed } from '../support/browserOnDemoBed.ts';
import { governanceCases } from './governanceCases.ts';
import { wlmEditorCases } from './wlmEditorCases.ts';

describe('admin actions on the demo cluster', () => {
  const e2e = browserOnDemoBed({ nights: 3, viewport: { width: 1280, height: 900 } });
  describe('governance: cancel from the live view, audited', () => governanceCases(e2e));
  describe('WLM editor', () => wlmEditorCases(e2e));
});
