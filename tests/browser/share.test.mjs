// Share links: the playground's code travels in the URL fragment; opening a link never loses
// the learner's own code, and a broken link says so and replaces nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, useSite, newPage, open, waitEditor, setEditorText, waitEditorText, diagnostics, screenshot, firstLesson } from "./helpers.mjs";

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

/** "Restore my own code" brings `own` back, and it is what a reload shows. */
async function restoresOwn(page, own) {
  await page.click('[data-testid="restore-own"]');
  assert.equal(await waitEditorText(page, own), own.trim());
  await page.reload();
  await waitEditor(page);
  assert.equal(await waitEditorText(page, own), own.trim(), "the restored code is saved");
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
  // Back to one's own code (after another link: only the first one sets it aside).
  await page.goto(site.base + "#/");
  await page.goto(site.base + linkFor(SHARED + "// again\n"));
  await waitEditor(page);
  await restoresOwn(page, OWN);
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

test("share: a lesson link opens a shared attempt, which is graded, and the learner's own comes back", async () => {
  const lesson = firstLesson();
  const dir = fs.readdirSync(path.join(ROOT, "lessons/content")).find((d) =>
    new RegExp(`^id\\s*=\\s*"${lesson.id}"\\s*$`, "m").test(fs.readFileSync(path.join(ROOT, "lessons/content", d, "lesson.toml"), "utf8")));
  const fixed = fs.readFileSync(path.join(ROOT, "lessons/content", dir, "fixed.go"), "utf8");
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, `#/lesson/${lesson.id}`);
  await waitEditor(page);
  const mine = (await page.$eval('[data-testid="editor"]', (el) => el.editorView.state.doc.toString())) + "\n// my attempt\n";
  await setEditorText(page, mine);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-status"]').dataset.status === "unsolved");
  // The share button makes a lesson link.
  await page.click('[data-testid="share-button"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  assert.ok(link.includes(`#/lesson/${lesson.id}?code=`), link);
  // A teacher's link with the fix: it opens graded as solved, the attempt is set aside.
  await page.goto(site.base + `#/lesson/${lesson.id}?code=${Buffer.from(fixed, "utf8").toString("base64url")}`);
  await waitEditor(page);
  assert.equal(await waitEditorText(page, fixed), fixed.trim());
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-status"]').dataset.status === "solved");
  assert.equal(await page.evaluate(() => location.hash), `#/lesson/${lesson.id}`);
  await restoresOwn(page, mine);
  assert.deepEqual(problems, []);
  await context.close();
});
