//! Lesson and rule markdown to HTML. Raw HTML in the source is shown as text, never
//! rendered, and only http(s), relative and in-page links survive; the app inserts the
//! result as HTML, so this is the one place that decides what markup reaches the page.

use crate::i18n::Lang;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        // A colon before any slash is a scheme: allow only the web ones.
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('#') => {
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

/// Renders markdown. ```go bad / ```go good blocks get a labelled frame.
pub fn render(md: &str, lang: Lang) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut events = Vec::new();
    let mut in_unsafe_link = Vec::new();
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let ok = safe_url(dest_url);
                in_unsafe_link.push(!ok);
                if ok {
                    events.push(ev);
                }
            }
            Event::End(TagEnd::Link) => {
                if !in_unsafe_link.pop().unwrap_or(false) {
                    events.push(ev);
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) => {
                let mut words = info.split_whitespace();
                let language = words.next().unwrap_or("").to_string();
                let label = words.find_map(|w| match (w, lang) {
                    ("bad", Lang::Zh) => Some(("bad", "反例")),
                    ("bad", Lang::En) => Some(("bad", "Bad")),
                    ("good", Lang::Zh) => Some(("good", "正例")),
                    ("good", Lang::En) => Some(("good", "Good")),
                    _ => None,
                });
                if let Some((class, text)) = label {
                    events.push(Event::Html(CowStr::from(format!(
                        "<div class=\"example {class}\"><div class=\"example-label\">{text}</div>"
                    ))));
                    events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                        CowStr::from(language),
                    ))));
                    // Marker so the matching end closes the frame.
                    events.push(Event::Html(CowStr::from("")));
                } else {
                    events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                        CowStr::from(language),
                    ))));
                }
            }
            other => events.push(other),
        }
    }
    close_example_frames(&mut events);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// Every labelled code block opened a `<div class="example">` followed by an empty Html
/// marker; close the frame after the block's end.
fn close_example_frames(events: &mut Vec<Event<'_>>) {
    let mut out = Vec::with_capacity(events.len());
    let mut open = false;
    for ev in events.drain(..) {
        match ev {
            Event::Html(ref s) if s.is_empty() => open = true,
            Event::End(TagEnd::CodeBlock) if open => {
                out.push(ev);
                out.push(Event::Html(CowStr::from("</div>")));
                open = false;
            }
            other => out.push(other),
        }
    }
    *events = out;
}

/// The Go code of the first ```go bad block, for "open in playground".
pub fn first_bad_example(md: &str) -> Option<String> {
    let mut inside = false;
    let mut code = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().any(|w| w == "bad") =>
            {
                inside = true;
            }
            Event::Text(t) if inside => code.push_str(&t),
            Event::End(TagEnd::CodeBlock) if inside => return Some(code),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let h = render(
            "hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n",
            Lang::En,
        );
        assert!(!h.contains("<script>"), "{h}");
        assert!(!h.contains("<div onclick"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn unsafe_links_lose_their_href_but_keep_text() {
        let h = render(
            "[a](javascript:alert(1)) [b](https://go.dev) [c](#/rules/GP1001) [d](JaVaScRiPt:x)",
            Lang::En,
        );
        assert!(!h.to_lowercase().contains("javascript"), "{h}");
        assert!(h.contains("href=\"https://go.dev\""), "{h}");
        assert!(h.contains("href=\"#/rules/GP1001\""), "{h}");
        assert!(h.contains('a') && h.contains('d'));
    }

    #[test]
    fn labelled_examples() {
        let md = "## Example\n```go bad\npackage a\n```\n\n```go good\npackage b\n```\n";
        let h = render(md, Lang::Zh);
        assert!(h.contains("<div class=\"example bad\"><div class=\"example-label\">反例</div>\n<pre><code class=\"language-go\">package a\n</code></pre>\n</div>"), "{h}");
        assert!(h.contains("example good"));
        assert_eq!(first_bad_example(md).as_deref(), Some("package a\n"));
        assert_eq!(first_bad_example("```go\nx\n```"), None);
    }

    #[test]
    fn headings_and_code() {
        let h = render("## Why\nUse `t.Stop()`.", Lang::En);
        assert!(h.contains("<h2>Why</h2>"));
        assert!(h.contains("<code>t.Stop()</code>"));
    }
}
