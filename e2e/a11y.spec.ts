import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PasswordServer } from "./password-server";
import { createRouteData, routeCases, type RouteData } from "./route-fixtures";

/**
 * An automated accessibility scan (axe-core, WCAG 2.x A/AA rules) of every
 * route on a desktop and a phone, and the keyboard behaviour the scan cannot
 * see: the skip link, focus returning from a dialog, radio groups as one Tab
 * stop with arrow keys.
 */

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

function describe(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
          .slice(0, 12)
          .map((n) => n.target.join(" "))
          .join("\n  ")}`,
    )
    .join("\n");
}

// Sign-in needs a server with a password; like auth.spec.ts, this starts its own.
// First in the file: started right after the config's server, it finds the
// build that server checked and does not build again.
test.describe("sign-in page", () => {
  // 3221 beside the default server (3210); with E2E_PORT set, the port after it, so suites run side by side.
  const signIn = new PasswordServer(process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 1 : 3221, "a11y check password", "a11y");
  const BASE = signIn.base;

  test.beforeAll(async () => {
    test.setTimeout(200_000);
    await signIn.start(180_000);
  });

  test.afterAll(async () => {
    await signIn.stop();
  });

  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`/login at ${viewport.width} px: no serious or critical axe violations, no sideways scroll`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`${BASE}/login`);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to Trialrun" })).toBeVisible();
      expect(describe(await seriousViolations(page))).toBe("");
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(page.getByRole("button", { name: /Sign in/ })).toBeInViewport();
    });
  }
});

let data: RouteData;

test.describe("routes", () => {
  test.beforeAll(async ({ request }) => {
    data = await createRouteData(request);
  });

  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`every route at ${viewport.width} px has no serious or critical axe violations`, async ({ page }) => {
      // Nine routes, each a full scan.
      test.setTimeout(240_000);
      await page.setViewportSize(viewport);
      const found: string[] = [];
      for (const route of routeCases(data)) {
        await page.goto(route.path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        for (const name of route.names) await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
        if (route.ready) await expect(page.getByTestId(route.ready).first()).toBeVisible();
        if (process.env.E2E_SHOTS_DIR)
          await page.screenshot({ path: `${process.env.E2E_SHOTS_DIR}/${viewport.width}-${route.name.replace(/\s+/g, "-")}.png`, fullPage: true });
        const violations = await seriousViolations(page);
        if (violations.length > 0) found.push(`${route.path}:\n${describe(violations)}`);
      }
      expect(found.join("\n\n")).toBe("");
    });
  }

  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`dialogs and the result drawer, open, at ${viewport.width} px have no serious or critical axe violations`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      const found: string[] = [];
      const scan = async (what: string) => {
        const violations = await seriousViolations(page);
        if (violations.length > 0) found.push(`${what}:\n${describe(violations)}`);
      };

      await page.goto(`/datasets/${data.datasetId}`);
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await expect(page.getByTestId("run-dialog")).toBeVisible();
      await scan("run dialog");
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "Import", exact: true }).first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await scan("import dialog");
      await page.keyboard.press("Escape");

      await page.goto(`/runs/${data.candidateId}`);
      await page.getByTestId("result-row").first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await scan("result drawer");

      expect(found.join("\n\n")).toBe("");
    });
  }

  test("the skip link is the first Tab stop and moves focus to the page's content", async ({ page }) => {
    await page.goto("/runs");
    await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("the run dialog traps focus, its target radios are one Tab stop with arrow keys, and closing it returns focus to the Run button", async ({
    page,
    request,
  }) => {
    // A second saved target, so the saved-target list has two radios.
    const response = await request.post("/api/trpc/targets.create", {
      data: { json: { name: `Echo ${Date.now().toString(36)}`, description: "", config: { kind: "echo" } } },
    });
    expect(response.ok()).toBeTruthy();

    await page.goto(`/datasets/${data.datasetId}`);
    const run = page.getByRole("button", { name: "Run", exact: true });
    await run.click();
    const dialog = page.getByTestId("run-dialog");
    await expect(dialog).toBeVisible();

    // The target source (saved / configure here) is one radio group: one Tab stop.
    const source = dialog.getByRole("radio", { name: "Configure here" });
    const saved = dialog.getByTestId("saved-target-option");
    await expect(saved.first()).toBeVisible();
    const savedCount = await saved.count();
    expect(savedCount).toBeGreaterThanOrEqual(2);
    // Only the checked radio of each group is in the Tab order.
    const tabbable = await saved.evaluateAll((nodes) => nodes.filter((n) => (n as HTMLElement).tabIndex >= 0).length);
    expect(tabbable).toBe(1);

    const checked = dialog.locator('[data-testid="saved-target-option"][aria-checked="true"]');
    await checked.focus();
    const before = await checked.textContent();
    await page.keyboard.press("ArrowDown");
    const now = dialog.locator('[data-testid="saved-target-option"][aria-checked="true"]');
    await expect(now).toBeFocused();
    expect(await now.textContent()).not.toBe(before);
    // Tab leaves the group rather than visiting the next radio.
    await page.keyboard.press("Tab");
    await expect(saved.filter({ has: page.locator(":focus") })).toHaveCount(0);
    await expect(page.locator('[data-testid="saved-target-option"]:focus')).toHaveCount(0);

    // Focus stays inside the dialog however far one tabs.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await expect(source).toBeVisible();

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(run).toBeFocused();
  });
});
