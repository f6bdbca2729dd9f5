import { chromium } from 'playwright-core';
import { startServe } from '/work/wt/f14b/test/support/serveProcess.ts';
async function main() {
  const s = await startServe({ admin: true, dataDir: '/tmp/f14b-prof', args: ['--demo', '--demo-nights', '10'] });
  console.log(s.url);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 820 } })).newPage();
  // wait for data
  await new Promise((r) => setTimeout(r, 15000));
  for (const [name, hash] of (process.argv[2] ?? 'pressure=#/wlm?range=90d').split(',').map((x) => x.split('='))) {
    await page.goto(`${s.url}${hash}`);
    await new Promise((r) => setTimeout(r, 8000));
    if (name.startsWith('livepanel')) {
      await page.getByTestId('live-row').first().click();
      await new Promise((r) => setTimeout(r, 1500));
    }
    if (name.startsWith('pressure')) {
      await page.getByLabel('Range').selectOption('90d');
      await new Promise((r) => setTimeout(r, 6000));
    }
    if (name.startsWith('pressureall')) {
      await page.getByTestId('pressure-empty-toggle').click();
      await new Promise((r) => setTimeout(r, 1500));
    }
    await page.screenshot({ path: `/tmp/f14b-shots/${name}.png`, fullPage: true });
    if (name.startsWith('pressure')) { await page.getByTestId('pressure-config').scrollIntoViewIfNeeded(); await page.screenshot({ path: `/tmp/f14b-shots/${name}-config.png` }); }
  }
  await browser.close();
  await s.stop();
}
main();
