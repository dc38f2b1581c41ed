// The one bridge between the yew app and CodeMirror 6. The app sees only these functions
// (imported by app/src/ui/editor.rs through wasm-bindgen); everything CodeMirror stays here.
// Offsets are UTF-16 code units, which is what the analyzer's `*_utf16` fields give.

import { EditorState, StateEffect, StateField, Compartment } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, Decoration,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, insertTab, indentLess } from "@codemirror/commands";
import {
  bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, HighlightStyle,
} from "@codemirror/language";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { setDiagnostics as cmSetDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { go } from "@codemirror/lang-go";
import { tags as t } from "@lezer/highlight";

// Colours come from CSS variables so the light and dark themes need no editor rebuild.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: "var(--hl-keyword)" },
  { tag: [t.string, t.special(t.string), t.character], color: "var(--hl-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--hl-number)" },
  { tag: [t.lineComment, t.blockComment, t.comment], color: "var(--hl-comment)", fontStyle: "italic" },
  { tag: [t.typeName, t.standard(t.typeName)], color: "var(--hl-type)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: "var(--hl-func)" },
  { tag: [t.operator, t.punctuation, t.bracket], color: "var(--hl-punct)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--code-bg)", fontSize: "14px" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)", tabSize: "4" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "var(--code-gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--code-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--code-active)", color: "var(--fg)" },
  "&.cm-focused": { outline: "2px solid var(--focus)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection)" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-matchingBracket": { backgroundColor: "var(--code-match)", outline: "1px solid var(--muted)" },
  ".cm-tooltip": { backgroundColor: "var(--bg-raised)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-diagnostic": { padding: "6px 10px", maxWidth: "min(560px, 90vw)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warn)" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--err)" },
  ".cm-panels": { backgroundColor: "var(--bg-raised)", color: "var(--fg)" },
  ".cm-textfield": { backgroundColor: "var(--bg)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-button": { backgroundImage: "none", backgroundColor: "var(--bg)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-related": { backgroundColor: "var(--related-bg)", borderBottom: "2px dotted var(--related)" },
});

// Related locations ("the goroutine blocks here") are marks, separate from lint's ranges.
const setRelated = StateEffect.define();
const relatedField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setRelated)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function clamp(view, n) {
  return Math.max(0, Math.min(view.state.doc.length, n | 0));
}

function renderMessage(d) {
  const box = document.createElement("div");
  box.className = "diag-tip";
  const msg = document.createElement("div");
  msg.textContent = d.message;
  box.appendChild(msg);
  const code = document.createElement("a");
  code.href = "#/rules/" + encodeURIComponent(d.code);
  code.textContent = d.code + (d.rule ? " " + d.rule : "");
  code.className = "diag-code";
  box.appendChild(code);
  for (const r of d.related || []) {
    const rel = document.createElement("div");
    rel.className = "diag-related";
    rel.textContent = "↳ " + r.label + " (" + r.line + ")";
    box.appendChild(rel);
  }
  return box;
}

/** Creates an editor in `el` holding `text`; `onChange(text)` runs after every edit. */
export function create(el, text, onChange, label) {
  const lang = new Compartment();
  let pending = false;
  const view = new EditorView({
    parent: el,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        relatedField,
        indentUnit.of("\t"),
        EditorState.tabSize.of(4),
        lang.of(go()),
        syntaxHighlighting(highlight),
        theme,
        EditorView.contentAttributes.of({ "aria-label": label || "Go code", spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
        keymap.of([
          // gofmt indents with tabs. Esc then Tab leaves the editor (CodeMirror's tab focus mode).
          { key: "Tab", run: insertTab, shift: indentLess },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...lintKeymap,
        ]),
        // Deferred to a microtask: the app answers with setDiagnostics, and CodeMirror
        // forbids dispatching from inside an update. Bursts of edits coalesce into one call.
        EditorView.updateListener.of((u) => {
          if (!u.docChanged || pending) return;
          pending = true;
          queueMicrotask(() => {
            pending = false;
            if (!u.view.destroyed) onChange(u.view.state.doc.toString());
          });
        }),
      ],
    }),
  });
  return view;
}

/** Replaces the whole text (an undoable edit; onChange fires). */
export function setText(view, text) {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export function getText(view) {
  return view.state.doc.toString();
}

/**
 * Shows findings. `list` is an array of
 * (or its JSON) {from, to, severity, message, code, rule, related: [{from, to, label, line}], fixes: [{title, edits: [{from, to, insert}]}]}
 */
export function setDiagnostics(view, list) {
  if (typeof list === "string") list = JSON.parse(list);
  const diags = [];
  const marks = [];
  for (const d of list) {
    const from = clamp(view, d.from);
    const to = Math.max(from, clamp(view, d.to));
    diags.push({
      from,
      to,
      severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
      message: d.message,
      source: d.code,
      renderMessage: () => renderMessage(d),
      actions: (d.fixes || []).map((f) => ({
        name: f.title,
        apply(v) {
          v.dispatch({
            changes: f.edits.map((e) => ({ from: clamp(v, e.from), to: clamp(v, e.to), insert: e.insert })),
          });
        },
      })),
    });
    for (const r of d.related || []) {
      const rf = clamp(view, r.from);
      const rt = clamp(view, r.to);
      if (rt > rf) {
        marks.push(Decoration.mark({ class: "cm-related", attributes: { title: r.label } }).range(rf, rt));
      }
    }
  }
  marks.sort((a, b) => a.from - b.from || a.to - b.to);
  const tr = cmSetDiagnostics(view.state, diags);
  view.dispatch({ ...tr, effects: [...[tr.effects].flat(), setRelated.of(Decoration.set(marks, true))] });
}

/** Selects `from..to`, scrolls it into view and focuses the editor. */
export function reveal(view, from, to) {
  const a = clamp(view, from);
  const b = Math.max(a, clamp(view, to));
  view.dispatch({
    selection: { anchor: a, head: b },
    effects: EditorView.scrollIntoView(a, { y: "center" }),
  });
  view.focus();
}

export function destroy(view) {
  view.destroy();
}
