// Language and theme switches (remembered), corrupt saved progress, the shortcut help.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, waitEditor } from "./helpers.mjs";

const site = useSite();

test("language follows the browser, switches, and is remembered", async () => {
  const { context, page, problems } = await newPage(site.browser, { locale: "zh-CN" });
  await open(page, site.base, "#/");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.textContent("nav"), /课程/);
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.textContent("nav"), /Curriculum/);
  await page.reload();
  await page.waitForSelector("header.topbar");
  assert.equal(await page.getAttribute("html", "lang"), "en", "remembered across reloads");
  assert.deepEqual(problems, []);
  await context.close();
});

test("theme follows the system and switches", async () => {
  const { context, page, problems } = await newPage(site.browser, { colorScheme: "dark" });
  await open(page, site.base, "#/");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  const bgDark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // system → dark → light
  await page.click('[data-testid="theme-switch"]');
  await page.click('[data-testid="theme-switch"]');
  await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
  const bgLight = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bgDark, bgLight);
  await page.reload();
  await page.waitForSelector("header.topbar");
  assert.equal(await page.getAttribute("html", "data-theme"), "light", "remembered");
  assert.deepEqual(problems, []);
  await context.close();
});

test("corrupt saved progress: the learner is told, the raw value is kept, the app works", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/");
  const junk = '{"version":1,"lessons":{"x":{"code":42';
  await page.evaluate((v) => localStorage.setItem("gopitfall.v1", v), junk);
  await page.reload();
  await page.waitForSelector('[data-testid="notice"]');
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("gopitfall.v1.corrupt")), junk);
  // Still works: the playground analyses and saves again.
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await page.waitForSelector('[data-testid="diagnostic"]');
  await page.click('[data-testid="lang-switch"]');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("gopitfall.v1")));
  assert.equal(saved.version, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("? opens the shortcut help; Escape closes it", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/");
  await page.keyboard.press("?");
  await page.waitForSelector('[role="dialog"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), "help-close");
  await page.keyboard.press("Escape");
  await page.waitForSelector('[role="dialog"]', { state: "detached" });
  // Shortcuts do not fire while typing in the editor.
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.type("?");
  assert.equal(await page.$('[role="dialog"]'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Esc then Tab leaves the editor (no keyboard trap); Tab alone inserts a tab", async () => {
  const { context, page } = await newPage(site.browser);
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press("ControlOrMeta+End");
  const tabs = () => page.evaluate(() => document.querySelector(".cm-content").textContent.split("\t").length - 1);
  const before = await tabs();
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains("cm-content")), "Tab stays");
  assert.equal(await tabs(), before + 1, "a tab character was inserted");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => !document.activeElement.classList.contains("cm-content")), "focus left the editor");
  await context.close();
});
