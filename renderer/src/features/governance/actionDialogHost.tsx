// Where the Cancel / End session dialog lives. Not inside the row that opened it: the live view
// drops a statement's row at the next poll once it is cancelled, and the outcome must stay on screen
// until the user has read it. So the dialog gets its own small React root on document.body, with the
// same Api (passed in), for as long as it is open.
import { createRoot, type Root } from 'react-dom/client';
import type { Api } from '../../api/Api.ts';
import { ApiContext } from '../../api/ApiContext.tsx';
import { ActionDialog, type ActionDialogProps } from './ActionDialog.tsx';

let root: Root | null = null;
let opened = 0;

export function showActionDialog(api: Api, props: Omit<ActionDialogProps, 'onClose'>): void {
  if (root === null) {
    const container = document.createElement('div');
    container.className = 'governance-dialog-host';
    document.body.append(container);
    root = createRoot(container);
  }
  const host = root;
  opened += 1;
  const close = () => host.render(null);
  host.render(
    <ApiContext.Provider value={api}>
      <ActionDialog key={opened} {...props} onClose={close} />
    </ApiContext.Provider>,
  );
}
