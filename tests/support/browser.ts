import { type Browser, chromium } from 'playwright-core';

/**
 * Launches the Debian-packaged headless Chromium, the one browser the test machine has.
 * The flags keep it off the network except for the pages a test opens (no update checks,
 * sync or QUIC probes), and `--no-sandbox` because tests run as root in a container.
 * Callers close the browser (`await browser.close()`) in their `afterAll`.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
