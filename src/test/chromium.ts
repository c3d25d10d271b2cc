import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * How the e2e tests and the bench start Chromium: Debian's Chromium where it
 * is installed (servers without internet), otherwise Playwright's own browser
 * (`npx playwright install chromium`); headless in a container, without the
 * background services that only add noise to timings.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return {
    executablePath: fs.existsSync(systemChromium) ? systemChromium : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}
