// axe-core finds no serious or critical violations on home, lesson, playground and rules
// pages, in both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { useSite, newPage, open, catalog } from "./helpers.mjs";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const site = useSite();

async function scan(hash, ready, colorScheme) {
  const { context, page } = await newPage(site.browser, { colorScheme });
  await open(page, site.base, hash);
  await page.waitForSelector(ready, { timeout: 20000 });
  await page.waitForTimeout(200);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  await context.close();
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

const lessonId = () => {
  const first = catalog().lessons[0];
  if (!first) throw new Error("catalog.json has no lessons: cannot scan a lesson page");
  return first.id;
};

for (const colorScheme of ["light", "dark"]) {
  test(`axe: home (${colorScheme})`, async () => {
    assert.deepEqual(await scan("#/", '[data-testid="chapter-list"]', colorScheme), []);
  });
  test(`axe: playground (${colorScheme})`, async () => {
    assert.deepEqual(await scan("#/playground", '[data-testid="diagnostic"]', colorScheme), []);
  });
  test(`axe: rules (${colorScheme})`, async () => {
    assert.deepEqual(await scan("#/rules", '[data-testid="rule-link"]', colorScheme), []);
    assert.deepEqual(await scan("#/rules/GP3001", ".rule-page .prose", colorScheme), []);
  });
  test(`axe: lesson (${colorScheme})`, async () => {
    assert.deepEqual(await scan(`#/lesson/${lessonId()}`, '[data-testid="editor"] .cm-content', colorScheme), []);
  });
}
