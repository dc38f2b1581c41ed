// Shared set-up for the browser tests: a tiny static server over dist/ on 127.0.0.1 and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = path.join(ROOT, "dist");
export const OUT = path.join(ROOT, "tests/browser/out");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves dist/ gzip-compressed (as any real static host would: compressed once per file
 * version, as nginx's gzip_static or a CDN does, not on every request); resolves to its base URL.
 */
export async function startServer() {
  const gzipped = new Map();
  if (!fs.existsSync(path.join(DIST, "index.html"))) {
    throw new Error(`no built site at ${DIST}: run \`cargo xtask build\` (trunk build --release) first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const body = fs.readFileSync(file);
    const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-cache" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      headers["content-encoding"] = "gzip";
      res.writeHead(200, headers);
      const key = `${file}:${fs.statSync(file).mtimeMs}`;
      if (!gzipped.has(key)) gzipped.set(key, zlib.gzipSync(body, { level: 9 }));
      res.end(gzipped.get(key));
    } else {
      res.writeHead(200, headers);
      res.end(body);
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { server, base: `http://127.0.0.1:${port}/` };
}

export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gopitfall-chromium-"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  browser.on("disconnected", () => fs.rmSync(userDataDir, { recursive: true, force: true }));
  return browser;
}

/**
 * A fresh page (own context: empty localStorage) that records console errors and warnings,
 * page errors and failed requests in `problems`.
 */
export async function newPage(browser, { width = 1280, height = 900, locale = "en-US", colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { context, page, problems };
}

/** Opens a hash route and waits until the app has rendered into it. */
export async function open(page, base, hash = "#/") {
  await page.goto(base + hash);
  await page.waitForSelector("header.topbar", { timeout: 20000 });
}

export async function waitEditor(page) {
  await page.waitForSelector('[data-testid="editor"] .cm-content', { timeout: 20000 });
}

/** Replaces the editor's text as a paste would (one input event). */
export async function setEditorText(page, text) {
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** The editor's whole document (CodeMirror only renders the visible lines into the DOM). */
export function editorText(page) {
  return page.$eval('[data-testid="editor"]', (el) => el.editorView.state.doc.toString());
}

export async function diagnostics(page) {
  return page.$$eval('[data-testid="diagnostic"]', (els) =>
    els.map((e) => ({ code: e.dataset.code, line: Number(e.dataset.line) })));
}

export async function screenshot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false });
}

export function catalog() {
  return JSON.parse(fs.readFileSync(path.join(DIST, "catalog.json"), "utf8"));
}

/**
 * The first lesson of the catalog with its expected diagnostics read from its lesson.toml
 * ([[expect]] code + line). Throws if there is no lesson: a lesson test must not pass vacuously.
 */
export function firstLesson() {
  const cat = catalog();
  if (!cat.lessons.length) throw new Error("catalog.json has no lessons: the lesson test cannot run");
  const lesson = cat.lessons[0];
  const contentDir = path.join(ROOT, "lessons/content");
  let expect = null;
  for (const dir of fs.readdirSync(contentDir)) {
    const f = path.join(contentDir, dir, "lesson.toml");
    if (!fs.existsSync(f)) continue;
    const toml = fs.readFileSync(f, "utf8");
    if (!new RegExp(`^id\\s*=\\s*"${lesson.id}"\\s*$`, "m").test(toml)) continue;
    expect = [];
    for (const block of toml.split(/^\[\[expect\]\]\s*$/m).slice(1)) {
      const body = block.split(/^\[/m)[0];
      const code = /^code\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      const line = Number(/^line\s*=\s*(\d+)/m.exec(body)?.[1]);
      if (code && line) expect.push({ code, line });
    }
  }
  if (!expect || !expect.length) throw new Error(`no [[expect]] found for lesson ${lesson.id}`);
  return { ...lesson, expect };
}

/** Registers before/after hooks: one server and one browser per test file. */
export function useSite() {
  const site = {};
  before(async () => {
    const s = await startServer();
    site.server = s.server;
    site.base = s.base;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

/** Waits (up to 5 s) for the editor to show `text` (CodeMirror renders lines in frames). */
export async function waitEditorText(page, text) {
  const want = text.trim();
  try {
    await page.waitForFunction(
      (w) => document.querySelector('[data-testid="editor"]').editorView?.state.doc.toString().trim() === w,
      want, { timeout: 5000 });
  } catch {
    // Fall through: the caller's assertion shows the difference.
  }
  return (await editorText(page)).trim();
}
