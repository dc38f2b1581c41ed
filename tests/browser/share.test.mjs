// Share links: the playground's code travels in the URL fragment; opening a link never loses
// the learner's own code, and a broken link says so and replaces nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, waitEditor, setEditorText, waitEditorText, diagnostics, screenshot } from "./helpers.mjs";

const site = useSite();

const OWN = 'package main\n\nfunc main() {\n\tprintln("mine")\n}\n';
const SHARED = 'package main\n\nimport "time"\n\nfunc poll(check func() bool) {\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {\n\t\tif check() {\n\t\t\treturn\n\t\t}\n\t}\n}\n\nfunc main() { poll(func() bool { return true }) }\n';

/** Opens the playground and types `code` as the learner's own (a clean one: no findings). */
async function ownCode(page, code) {
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await setEditorText(page, code);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length === 0);
}

const linkFor = (code) => `#/playground?code=${Buffer.from(code, "utf8").toString("base64url")}`;

test("share: a link opens the shared code, sets the learner's own aside, and restores it", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await ownCode(page, OWN);
  // Opening a link (as a click in a chat would: a new navigation to the address).
  await page.goto(site.base + linkFor(SHARED));
  await waitEditor(page);
  assert.equal(await waitEditorText(page, SHARED), SHARED.trim());
  await page.waitForSelector('[data-testid="diagnostic"][data-code="GP3001"]', { timeout: 5000 });
  assert.deepEqual(await diagnostics(page), [{ code: "GP3001", line: 6 }]);
  assert.equal(await page.evaluate(() => location.hash), "#/playground", "the code leaves the address bar");
  assert.match(await page.textContent('[data-testid="notice"]'), /set aside/);
  await screenshot(page, "share-opened");
  // A reload shows the shared code (now the playground's), not the link again.
  await page.reload();
  await waitEditor(page);
  assert.equal(await waitEditorText(page, SHARED), SHARED.trim());
  // Back to one's own code (the notice is gone after a reload, so open the link again).
  await page.goto(site.base + "#/");
  await page.goto(site.base + linkFor(SHARED + "// again\n"));
  await waitEditor(page);
  await page.click('[data-testid="restore-own"]');
  assert.equal(await waitEditorText(page, OWN), OWN.trim());
  await page.reload();
  await waitEditor(page);
  assert.equal(await waitEditorText(page, OWN), OWN.trim(), "restored code is saved");
  assert.deepEqual(problems, []);
  await context.close();
});

test("share: the share button makes a link that opens the same code", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.base });
  const code = 'package main\n\n// 中文注释 🚦\nfunc main() {\n\tch := make(chan int)\n\tclose(ch)\n}\n';
  await ownCode(page, code);
  await page.click('[data-testid="share-button"]');
  await page.waitForSelector('[data-testid="share-link"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.ok(link.startsWith(site.base.replace(/\/?$/, "/") + "#/playground?code=") || link.startsWith(site.base + "#/playground?code="), link);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, "copied");
  await screenshot(page, "share-link");
  const other = await context.newPage();
  await other.goto(link);
  await waitEditor(other);
  assert.equal(await waitEditorText(other, code), code.trim());
  assert.deepEqual(problems, []);
  await context.close();
});

test("share: a damaged link replaces nothing and says so", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await ownCode(page, OWN);
  const good = linkFor(SHARED);
  for (const bad of [good.slice(0, -1), "#/playground?code=%%%", "#/playground?code=" + Buffer.from([0xff, 0xfe]).toString("base64url")]) {
    await page.goto(site.base + "#/");
    await page.goto(site.base + bad);
    await waitEditor(page);
    assert.equal(await page.getAttribute('[data-testid="notice"]', "role"), "alert", bad);
    assert.match(await page.textContent('[data-testid="notice"]'), /unchanged/);
    assert.equal(await waitEditorText(page, OWN), OWN.trim(), bad);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
