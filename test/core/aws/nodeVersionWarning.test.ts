// No "will require node >= 22" warning from the AWS SDK when the core builds its clients (issue #14:
// terminal noise on every start; the README supports Node 20.19).
import { describe, expect, it } from 'vitest';
import { createCloudWatchApi } from '../../../electron/core/aws/createCloudWatchApi.ts';
import { createRedshiftApiWith } from '../../../electron/core/aws/createRedshiftApi.ts';

describe('AWS SDK clients', () => {
  it('are built without the Node version warning', async () => {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
      const endpoint = async () => ({ url: new URL('http://127.0.0.1:1') });
      createCloudWatchApi({ region: 'eu-west-1', endpoint, credentials }).destroy();
      createRedshiftApiWith({ region: 'eu-west-1', endpoint, credentials }).destroy();
      // process.emitWarning delivers on a later turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('NodeVersionSupportWarning'))).toEqual([]);
  });
});
