import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium (installed by .ci/run where missing); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Whether the machine has the browser the browser tests drive. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * Where the browser tests put their screenshots: test-results/screenshots (git-ignored), or the
 * README's docs/screenshots when UPDATE_SCREENSHOTS=1, so that a test run leaves the tree clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : join(process.cwd(), 'test-results', 'screenshots');

/**
 * Headless Debian chromium through playwright-core, with a fresh profile and without the
 * background networking a closed machine refuses. `caPem` is trusted by ignoring certificate
 * errors: the dev server's CA is local to the run, as a student's browser would be told to trust it.
 */
export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext; close(): Promise<void> }> {
  // playwright gives a launched browser a fresh temporary profile of its own (and refuses --user-data-dir).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  return {
    browser,
    context,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}
