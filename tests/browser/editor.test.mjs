// The editor's pitfall UI end to end: the underline's hover tooltip (message, rule link,
// related location), the fix button applying the analyzer's edit (with non-ASCII text before
// it, so UTF-16 offsets are exercised), and the diagnostics list jumping to a finding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, newPage, open, waitEditor, setEditorText, editorText, diagnostics } from "./helpers.mjs";

const site = useSite();

const CODE = `package main

import (
	"fmt"
	"time"
)

// 心跳：每秒打印一次 ✓
func heartbeat(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-t.C:
			fmt.Println("tick")
		case <-done:
			return
		}
	}
}

func main() {
	done := make(chan struct{})
	close(done)
	heartbeat(done)
}
`;

test("editor: hover shows the finding, its rule link and a fix that works", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await setEditorText(page, CODE);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="diagnostic"]')].some((d) => d.dataset.code === "GP3001"));
  assert.deepEqual(await diagnostics(page), [{ code: "GP3001", line: 10 }]);

  // Hover the underline: the tooltip has the message, a link to the rule and the fix button.
  await page.hover(".cm-lintRange-warning");
  const tip = await page.waitForSelector(".cm-tooltip-lint", { timeout: 5000 });
  assert.match(await tip.textContent(), /ticker `t` is never stopped/);
  assert.equal(await tip.$eval("a.diag-code", (a) => a.getAttribute("href")), "#/rules/GP3001");
  assert.match(await tip.textContent(), /the loop keeps receiving ticks here \(13\)/);
  const fix = await tip.waitForSelector(".cm-diagnosticAction");
  assert.match(await fix.textContent(), /defer t\.Stop\(\)/);

  // The fix inserts `defer t.Stop()` on the next line, at the right place despite the
  // multi-byte comment above, and the finding goes away.
  await fix.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diagnostic"]').length === 0);
  const fixed = await editorText(page);
  assert.ok(
    fixed.includes("\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tfor {"),
    `fix applied in the wrong place:\n${fixed}`,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("editor: a finding in the list jumps to its line", async () => {
  const { context, page, problems } = await newPage(site.browser);
  await open(page, site.base, "#/playground");
  await waitEditor(page);
  await setEditorText(page, CODE);
  const item = await page.waitForSelector('[data-testid="diagnostic"][data-code="GP3001"]');
  await (await item.$("button, a") ?? item).click();
  // The editor now has the focus and its selection is the finding's range.
  const sel = await page.$eval('[data-testid="editor"]', (el) => {
    const v = el.editorView;
    const r = v.state.selection.main;
    return { text: v.state.sliceDoc(r.from, r.to), focused: v.hasFocus };
  });
  assert.equal(sel.text, "time.NewTicker(time.Second)");
  assert.ok(sel.focused, "the editor has the focus after the jump");
  assert.deepEqual(problems, []);
  await context.close();
});
