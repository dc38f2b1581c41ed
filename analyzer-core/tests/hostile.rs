//! Analysis is bounded on hostile input and never panics. Every case runs on a thread with
//! a small stack (256 KiB) so that any recursion set by the input would overflow here first.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use analyzer_core::{Analysis, Document, Options, analyze, analyze_bytes};

fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("analysis panicked or overflowed the stack")
}

/// A deterministic xorshift generator: the same "random" input on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn one_megabyte_of_random_bytes() {
    let a: Analysis = small_stack(|| {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let bytes: Vec<u8> = (0..1_000_000).map(|_| rng.next() as u8).collect();
        analyze_bytes(&bytes, &Options::default())
    });
    // Random bytes are not UTF-8, and nest brackets at random: either way a clear message.
    assert_eq!(a.diagnostics[0].code, "GP0004");
    assert!(a.diagnostics.iter().all(|d| !d.message_en.is_empty()));
}

#[test]
fn one_megabyte_of_random_go_tokens() {
    let a = small_stack(|| {
        let mut rng = Rng(42);
        let tokens = [
            "func",
            "go",
            "(",
            ")",
            "{",
            "}",
            "ch",
            "<-",
            ":=",
            "make",
            "chan",
            "int",
            "select",
            "case",
            "for",
            "range",
            "\n",
            "time",
            ".",
            "NewTicker",
            "defer",
            "return",
            "\"s\"",
            "1",
            ",",
            ";",
            "[",
            "]",
        ];
        let mut s = String::from("package p\n");
        while s.len() < 1_000_000 {
            s.push_str(tokens[(rng.next() % tokens.len() as u64) as usize]);
            s.push(' ');
        }
        analyze(&s, &Options::default())
    });
    assert!(!a.diagnostics.is_empty());
}

#[test]
fn nested_parentheses_100k() {
    let a = small_stack(|| {
        analyze(
            &format!("package p\nvar x = {}", "(".repeat(100_000)),
            &Options::default(),
        )
    });
    assert!(a.incomplete);
    assert_eq!(a.diagnostics.len(), 1);
    assert_eq!(a.diagnostics[0].code, "GP0003");
    assert!(a.diagnostics[0].message_en.contains("nested"));
}

#[test]
fn nested_braces_100k_balanced() {
    let a = small_stack(|| {
        let src = format!(
            "package p\nfunc f() {}{}\n",
            "{".repeat(100_000),
            "}".repeat(100_000)
        );
        analyze(&src, &Options::default())
    });
    assert_eq!(a.diagnostics[0].code, "GP0003");
}

#[test]
fn nesting_just_under_the_limit_is_analysed() {
    let a = small_stack(|| {
        let depth = analyzer_core::MAX_NESTING - 2;
        let src = format!(
            "package p\nimport \"time\"\nfunc f() {{\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {{}}\n\t_ = {}1{}\n}}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        analyze(&src, &Options::default())
    });
    assert!(!a.incomplete);
    assert!(a.codes().contains(&"GP3001"), "{:?}", a.codes());
}

#[test]
fn brackets_in_comments_strings_and_runes_do_not_count_as_nesting() {
    // Real code (regexp tests, ASCII diagrams) has long bracket runs in text.
    let many = "(".repeat(analyzer_core::MAX_NESTING * 2);
    let src = format!(
        "package p\n// {many}\n/* {many} */\nvar a = \"{many}\\\"{many}\"\nvar b = `{many}\n{many}`\nvar c = '('\nvar d = '\\''\n"
    );
    let a = analyze(&src, &Options::default());
    assert!(!a.incomplete, "{:?}", a.codes());
    assert!(a.diagnostics.is_empty(), "{:?}", a.codes());
    // The same run outside a literal is still refused.
    let a = analyze(&format!("package p\nvar x = {many}"), &Options::default());
    assert_eq!(a.codes(), ["GP0003"]);
}

#[test]
fn hundred_thousand_line_file() {
    let a = small_stack(|| {
        let mut s = String::from("package p\n\nimport \"time\"\n\n");
        let mut i = 0;
        // 9 lines per function.
        while i * 9 < 100_000 {
            s.push_str(&format!(
                "func f{i}(done chan struct{{}}) {{\n\tt := time.NewTicker(time.Second)\n\tdefer t.Stop()\n\tselect {{\n\tcase <-done:\n\tcase <-t.C:\n\t}}\n}}\n\n"
            ));
            i += 1;
        }
        analyze(&s, &Options::default())
    });
    assert!(a.lines >= 100_000);
    assert!(!a.incomplete);
    assert!(!a.has_syntax_errors);
}

#[test]
fn too_large_input_is_refused_with_a_message() {
    let a = analyze(
        &"a".repeat(analyzer_core::MAX_BYTES + 1),
        &Options::default(),
    );
    assert!(a.incomplete);
    assert_eq!(a.diagnostics[0].code, "GP0002");
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_analysed() {
    let mut bytes = b"package p\n\nimport \"time\"\n\n// \xff\xfe broken\nfunc f() {\n\tt := time.NewTicker(time.Second)\n\tfor range t.C {\n\t}\n}\n".to_vec();
    bytes.push(0xC3);
    let a = analyze_bytes(&bytes, &Options::default());
    assert_eq!(a.diagnostics[0].code, "GP0004");
    assert!(a.codes().contains(&"GP3001"));
}

#[test]
fn mutated_fixtures_never_panic() {
    // Cheap fuzzing: delete, duplicate and swap random spans of every parity case.
    small_stack(|| {
        let mut rng = Rng(7);
        for (_, src) in common::PARITY_CASES {
            for _ in 0..200 {
                let mut s = src.as_bytes().to_vec();
                for _ in 0..(1 + rng.next() % 4) {
                    if s.is_empty() {
                        break;
                    }
                    let a = (rng.next() as usize) % s.len();
                    let b = (a + (rng.next() as usize) % 40).min(s.len());
                    match rng.next() % 3 {
                        0 => {
                            s.drain(a..b);
                        }
                        1 => {
                            let chunk = s[a..b].to_vec();
                            let at = (rng.next() as usize) % s.len();
                            s.splice(at..at, chunk);
                        }
                        _ => s[a..b].reverse(),
                    }
                }
                let _ = analyze_bytes(&s, &Options::default());
            }
        }
    });
}

#[test]
fn incremental_edits_match_full_analysis() {
    small_stack(|| {
        let mut rng = Rng(99);
        for (_, src) in common::PARITY_CASES {
            let opts = common::options_for(src);
            let mut doc = Document::new(src, opts.clone());
            let mut text = src.to_string();
            for _ in 0..150 {
                // Type or delete one character at a random char boundary, as a learner would.
                let mut at = (rng.next() as usize) % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if rng.next().is_multiple_of(2) || text.is_empty() {
                    let c =
                        ['{', '}', 'x', '\n', '(', ')', '"', ' ', '中'][(rng.next() % 9) as usize];
                    text.insert(at, c);
                } else if at < text.len() {
                    text.remove(at);
                }
                let incremental = doc.set_text(&text).clone();
                assert_eq!(incremental, analyze(&text, &opts), "after edit at {at}");
            }
        }
    });
}

#[test]
fn utf16_edit_offsets_round_trip() {
    let src = "package p\n// 中文🚀\nvar x = 1\n";
    let idx = analyzer_core::LineIndex::new(src);
    for (byte, _) in src.char_indices() {
        let (_, u16) = idx.position(byte);
        assert_eq!(idx.byte_of_utf16(u16), byte);
    }
}
