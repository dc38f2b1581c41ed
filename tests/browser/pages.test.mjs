// Every page loads without console errors or warnings; the playground reports a pitfall
// as Go code is typed into the editor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, waitEditor, setEditorText, diagnostics, screenshot, catalog } from "./helpers.mjs";

const site = useSite();

async function clean(hash, ready) {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, hash);
  await page.waitForSelector(ready, { timeout: 20000 });
  await page.waitForTimeout(300);
  assert.deepEqual(problems, [], `console problems on ${hash}`);
  return { context, page };
}

test("home page lists the chapters without console errors", async () => {
  const { context, page } = await clean("#/", '[data-testid="chapter-list"]');
  const chapters = await page.$$eval(".chapter", (els) => els.length);
  assert.equal(chapters, 100, "all 100 chapters are listed");
  const links = await page.$$eval('[data-testid="lesson-link"]', (els) => els.map((e) => e.dataset.lessonId));
  assert.deepEqual(links, catalog().lessons.map((l) => l.id), "one link per lesson, in catalog order");
  await context.close();
});

test("playground loads its editor without console errors", async () => {
  const { context, page } = await clean("#/playground", '[data-testid="editor"] .cm-content');
  const time = await page.textContent('[data-testid="analysis-time"]');
  assert.match(time, /\d/);
  // The example's pitfalls are listed.
  const codes = (await diagnostics(page)).map((d) => d.code);
  assert.ok(codes.includes("GP3001"), `example findings: ${codes}`);
  await context.close();
});

test("rules pages load without console errors", async () => {
  const { context, page } = await clean("#/rules", '[data-testid="rule-link"]');
  const n = await page.$$eval('[data-testid="rule-link"]', (els) => els.length);
  assert.equal(n, catalog().rules.length);
  await page.fill('[data-testid="rule-search"]', "ticker");
  const filtered = await page.$$eval('[data-testid="rule-link"]', (els) => els.map((e) => e.dataset.code));
  assert.ok(filtered.includes("GP3001") && filtered.length < n, `search: ${filtered}`);
  await page.click('[data-testid="rule-link"][data-code="GP3001"]');
  await page.waitForSelector(".rule-page .prose h2");
  assert.match(await page.textContent("h1"), /GP3001/);
  await context.close();
  const r = await clean("#/rules/GP3001", ".rule-page .prose");
  assert.ok(await r.page.$(".example.bad"), "the bad example is rendered and labelled");
  await r.context.close();
});

test("lesson page loads without console errors", async () => {
  const first = catalog().lessons[0];
  assert.ok(first, "catalog.json has at least one lesson");
  const { context } = await clean(`#/lesson/${first.id}`, '[data-testid="editor"] .cm-content');
  await context.close();
});

test("unknown addresses get a helpful not-found page", async () => {
  const { context, page } = await clean("#/no/such/page", "main h1");
  assert.match(await page.textContent("main h1"), /not found/i);
  assert.ok(await page.$('main a[href="#/"]'));
  await context.close();
});

test("typing Go code in the playground shows a pitfall", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await setEditorText(page, 'package main\n\nimport "time"\n\nfunc poll(check func() bool) {\n\t\n\tfor range t.C {\n\t\tif check() {\n\t\t\treturn\n\t\t}\n\t}\n}\n');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length === 0);
  // To the end of line 6, then real keystrokes one by one (closeBrackets steps over ")").
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.type("t := time.NewTicker(time.Second)", { delay: 5 });
  await page.waitForSelector('[data-testid="diagnostic"][data-code="GP3001"]', { timeout: 5000 });
  const d = await diagnostics(page);
  assert.deepEqual(d, [{ code: "GP3001", line: 6 }]);
  // Its editor underline and gutter marker are there too.
  assert.ok(await page.$(".cm-lintRange-warning, .cm-lintRange-error"), "underline");
  assert.ok(await page.$(".cm-lint-marker"), "gutter marker");
  // Jumping from the panel moves the editor selection to the finding.
  await page.click('[data-testid="diagnostic"]');
  await screenshot(page, "playground-typed");
  // Adding `defer t.Stop()` clears it.
  await setEditorText(page, 'package main\n\nimport "time"\n\nfunc poll(check func() bool) {\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tfor range t.C {\n\t\tif check() {\n\t\t\treturn\n\t\t}\n\t}\n}\n');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length === 0);
  assert.ok(await page.$(".findings .empty"), "empty state shown");
  assert.deepEqual(problems, []);
  await context.close();
});
