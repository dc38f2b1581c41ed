// The lesson player, end to end on the catalog's first lesson: its expected diagnostic at
// its expected line, the fix makes it solved, a reload keeps code and progress, hints,
// solution and reset work. Fails (never skips) when there is no lesson.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  useSite, newPage, open, waitEditor, setEditorText, editorText, diagnostics, screenshot, firstLesson,
} from "./helpers.mjs";

const site = useSite();

const status = (page) => page.getAttribute('[data-testid="lesson-status"]', "data-status");

test("a lesson: expected diagnostic, fix, solved, kept after reload", async () => {
  const lesson = firstLesson();
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/");
  await page.click(`[data-testid="lesson-link"][data-lesson-id="${lesson.id}"]`);
  await waitEditor(page);
  assert.equal(await status(page), "unsolved");
  const found = await diagnostics(page);
  for (const e of lesson.expect) {
    assert.ok(found.some((d) => d.code === e.code && d.line === e.line),
      `expected ${e.code} at line ${e.line}; found ${JSON.stringify(found)}`);
  }
  assert.equal((await editorText(page)).trim(), lesson.buggy.trim(), "the editor starts with the buggy code");
  await screenshot(page, "lesson-unsolved");

  // Fix it as a learner pasting the corrected code would.
  await setEditorText(page, lesson.fixed);
  await page.waitForSelector('[data-testid="lesson-status"][data-status="solved"]', { timeout: 5000 });
  assert.deepEqual(await diagnostics(page), []);
  await screenshot(page, "lesson-solved");

  // Reload: code and progress are kept.
  await page.reload();
  await waitEditor(page);
  await page.waitForSelector('[data-testid="lesson-status"][data-status="solved"]', { timeout: 5000 });
  assert.equal((await editorText(page)).trim(), lesson.fixed.trim());
  await open(page, site.base, "#/");
  assert.equal(
    await page.getAttribute(`[data-testid="lesson-link"][data-lesson-id="${lesson.id}"]`, "data-status"),
    "solved",
  );
  assert.match(await page.textContent(".progress-text"), /^\D*1\s*\/\s*\d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a lesson: three graded hints, solution after confirmation, reset with a way back", async () => {
  const lesson = firstLesson();
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, `#/lesson/${lesson.id}`);
  await waitEditor(page);
  for (let i = 1; i <= 3; i++) {
    await page.click('[data-testid="hint-button"]');
    await page.waitForFunction((n) => document.querySelectorAll(".hint").length === n, i);
  }
  assert.ok(await page.isDisabled('[data-testid="hint-button"]'), "no fourth hint");

  await page.click('[data-testid="solution-button"]');
  assert.equal(await page.$('[data-testid="solution-diff"]'), null, "asks before showing");
  await page.click('[data-testid="solution-confirm"]');
  const added = await page.$$eval('[data-testid="solution-diff"] .added', (els) => els.length);
  const removed = await page.$$eval('[data-testid="solution-diff"] .removed', (els) => els.length);
  assert.ok(added + removed > 0, "the diff shows changes");

  // The learner's own version survives a reset.
  await setEditorText(page, lesson.buggy + "\n// my attempt\n");
  await page.waitForTimeout(100);
  await page.click('[data-testid="reset-button"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="editor"]').textContent.includes("my attempt"));
  assert.equal((await editorText(page)).trim(), lesson.buggy.trim());
  await page.click('[data-testid="undo-reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]').textContent.includes("my attempt"));
  assert.deepEqual(problems, []);
  await context.close();
});
