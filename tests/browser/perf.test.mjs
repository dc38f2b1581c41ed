// Measures and prints: first-visit bytes (gzip), navigation → interactive editor, and
// keystroke → updated diagnostics (median of 30). Asserts the 900 KB budget always and the
// timing targets only when PERF_STRICT=1 (shared 2-core machines are too noisy for those).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, waitEditor, catalog } from "./helpers.mjs";

const STRICT = process.env.PERF_STRICT === "1";
const site = useSite();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

test("perf: first visit bytes and time to an interactive editor", async () => {
  const { context, page } = await newPage(site.browser);
  const client = await context.newCDPSession(page);
  await client.send("Network.enable");
  const sizes = new Map();
  client.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  const urls = new Map();
  client.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  const t0 = Date.now();
  await page.goto(site.base + "#/playground");
  await waitEditor(page);
  await page.waitForSelector('[data-testid="diagnostic"]');
  const interactive = Date.now() - t0;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), now: Math.round(performance.now()) };
  });
  await page.waitForTimeout(300);
  let total = 0;
  const rows = [];
  for (const [id, bytes] of sizes) {
    total += bytes;
    rows.push(`${String(bytes).padStart(9)}  ${(urls.get(id) || "?").replace(site.base, "")}`);
  }
  console.log(`first visit, bytes on the wire (gzip):\n${rows.join("\n")}\n${String(total).padStart(9)}  total`);
  console.log(`navigation → interactive editor with findings: ${interactive} ms (performance.now at ready: ${nav.now} ms)`);
  await context.close();
  assert.ok(total > 0);
  // Bytes are deterministic, so the size budget holds on every run (timing only when strict).
  assert.ok(total <= 900 * 1000, `first visit ${total} bytes > 900 KB`);
  if (STRICT) {
    assert.ok(nav.now <= 1500, `interactive after ${nav.now} ms > 1500 ms`);
  }
});

test("perf: keystroke → updated diagnostics on a lesson snippet", async () => {
  const lesson = catalog().lessons[0];
  if (!lesson) throw new Error("catalog.json has no lessons: cannot measure on a lesson snippet");
  const { context, page } = await newPage(site.browser);
  await open(page, site.base, `#/lesson/${lesson.id}`);
  await waitEditor(page);
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("// ");
  // In-page clock: keydown → the findings panel shows the analysis of the new text
  // (`data-chars` on the status line is the length of the text it describes).
  await page.evaluate(() => {
    window.__lat = [];
    let t0 = 0;
    document.addEventListener("keydown", () => { t0 = performance.now(); }, true);
    const el = document.querySelector('[data-testid="analysis-time"]');
    new MutationObserver(() => {
      if (t0) { window.__lat.push(performance.now() - t0); t0 = 0; }
    }).observe(el, { attributes: true, attributeFilter: ["data-chars"] });
  });
  const N = 30;
  for (let i = 0; i < N; i++) {
    await page.keyboard.type(i % 2 ? "x" : "y");
    await page.waitForFunction((n) => window.__lat.length >= n, i + 1, { timeout: 5000 });
  }
  const times = await page.evaluate(() => window.__lat);
  const analysisMs = Number(await page.getAttribute('[data-testid="analysis-time"]', "data-ms"));
  const m = median(times);
  console.log(`keystroke → diagnostics panel updated: median ${m.toFixed(2)} ms over ${times.length} (analysis itself ${analysisMs} ms)`);
  await context.close();
  if (STRICT) assert.ok(m <= 16, `median ${m} ms > 16 ms`);
});
