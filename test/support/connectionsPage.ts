// Driving the connections page in a browser: the steps the e2e files share (find a row, add a direct
// connection through the form).
import type { Locator, Page } from 'playwright-core';
import { testIds as ids } from '../../shared/testIds.ts';

/** The connections table's row whose name reads exactly `name`. */
export function rowOf(page: Page, name: string): Locator {
  return page
    .getByTestId(ids.connections.row)
    .filter({ has: page.getByTestId(ids.connections.name).getByText(name, { exact: true }) });
}

export interface DirectDraft {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

/** Adds a direct (non-TLS) connection through the Add form and waits for its row. */
export async function addDirect(page: Page, draft: DirectDraft): Promise<Locator> {
  await page.getByTestId(ids.connections.addButton).click();
  const form = page.getByTestId(ids.addForm.root);
  await form.getByTestId(ids.addForm.kindDirect).click();
  await form.getByTestId(ids.addForm.name).fill(draft.name);
  await form.getByTestId(ids.addForm.host).fill(draft.host);
  await form.getByTestId(ids.addForm.port).fill(String(draft.port));
  await form.getByTestId(ids.addForm.database).fill(draft.database);
  await form.getByTestId(ids.addForm.user).fill(draft.user);
  if (draft.password !== undefined) await form.getByTestId(ids.addForm.password).fill(draft.password);
  await form.getByTestId(ids.addForm.sslMode).selectOption('disable');
  await form.getByTestId(ids.addForm.submit).click();
  await form.waitFor({ state: 'detached' });
  const row = rowOf(page, draft.name);
  await row.waitFor();
  return row;
}
