// Screenshots for people to look at: four pages, desktop and 390 px phone, light and dark.
// Also checks that nothing overflows the phone width sideways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, screenshot, catalog } from "./helpers.mjs";

const site = useSite();
const pages = () => [
  ["home", "#/", '[data-testid="chapter-list"]'],
  ["lesson", `#/lesson/${catalog().lessons[0]?.id}`, '[data-testid="editor"] .cm-content'],
  ["playground", "#/playground", '[data-testid="diagnostic"]'],
  ["rules", "#/rules", '[data-testid="rule-link"]'],
];

for (const [device, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`screenshots: ${device} ${colorScheme}`, async () => {
      assert.ok(catalog().lessons.length, "catalog.json has lessons");
      const { context, page, problems } = await newPage(site.browser, { width, height, colorScheme });
      for (const [name, hash, ready] of pages()) {
        await open(page, site.base, hash);
        await page.waitForSelector(ready, { timeout: 20000 });
        await page.waitForTimeout(150);
        await screenshot(page, `${name}-${device}-${colorScheme}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} overflows the ${device} width by ${overflow}px`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
