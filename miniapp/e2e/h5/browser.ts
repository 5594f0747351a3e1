import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser (TOOLCHAIN.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright's launch() gives every browser a fresh temporary profile, removed on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // without these, Chromium keeps opening connections that this closed network refuses
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
