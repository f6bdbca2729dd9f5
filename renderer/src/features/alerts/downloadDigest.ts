// Downloads a digest export the core made (Markdown, or self-contained escaped HTML): the file is built
// by the core, so the app and door 2 download exactly what an e-mail carries.
import type { ApiClient } from '../../../../shared/api.ts';
import { downloadText } from '../governance/downloadText.ts';

export async function downloadDigest(
  call: ApiClient,
  connectionId: string,
  at: string | null,
  format: 'markdown' | 'html',
): Promise<void> {
  const file = await call('alerts.exportDigest', { connectionId, at, format });
  downloadText(file.text, file.fileName, file.mimeType);
}
