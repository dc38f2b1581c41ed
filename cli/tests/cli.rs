//! End-to-end tests of the `gopitfall` binary: formats, exit codes, go.mod pickup, directory
//! walking and unreadable input.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("gopitfall-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gopitfall"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gopitfall")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Discards the error of strconv.Atoi on line 6 (GP6001) and captures the loop variable in
/// a goroutine on line 12 (GP2005, only before Go 1.22).
const PITFALLS: &str = r#"package app

import "strconv"

func port(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func spawn(ids []int, out chan<- int) {
	for _, id := range ids {
		go func() { out <- id }()
	}
}
"#;

const CLEAN: &str = r#"package app

func add(a, b int) int {
	return a + b
}
"#;

fn json_findings(o: &Output) -> Vec<Value> {
    let v: Value = serde_json::from_str(&stdout(o)).expect("stdout is JSON");
    v.as_array().expect("a JSON array").clone()
}

fn codes(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_lists_findings_with_one_based_positions() {
    let t = TempDir::new("json");
    t.write("go.mod", "module example.com/app\n\ngo 1.21\n");
    t.write("app.go", PITFALLS);
    let o = run(&t.0, &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let f = json_findings(&o);
    assert_eq!(codes(&f), ["GP6001", "GP2005"]);
    let d = &f[0];
    assert_eq!(d["file"], "./app.go");
    assert_eq!(d["rule"], "error-discarded");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 2);
    assert_eq!(d["end_line"], 6);
    assert_eq!(d["end_column"], 25);
    assert!(d["message"].as_str().unwrap().contains("strconv.Atoi"));
    assert!(d["message_zh"].as_str().unwrap().contains("错误"));
    assert_eq!(f[1]["line"], 12);
}

#[test]
fn go_mod_sets_the_version_per_file_and_go_flag_overrides_it() {
    let t = TempDir::new("gomod");
    t.write(
        "old/go.mod",
        "module example.com/old\n\ngo 1.21 // before per-iteration loops\n",
    );
    t.write("old/app.go", PITFALLS);
    t.write("new/go.mod", "module example.com/new\n\ngo 1.22.3\n");
    t.write("new/internal/deep/app.go", PITFALLS);
    let o = run(&t.0, &["check", "--format", "json", "old", "new"]);
    assert_eq!(o.status.code(), Some(1));
    let f = json_findings(&o);
    let loop_files: Vec<&str> = f
        .iter()
        .filter(|d| d["code"] == "GP2005")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(loop_files, ["old/app.go"]);
    // --go wins over go.mod.
    let o = run(&t.0, &["check", "--format", "json", "--go", "1.21", "new"]);
    assert!(codes(&json_findings(&o)).contains(&"GP2005".to_string()));
    let o = run(&t.0, &["check", "--format", "json", "--go", "1.23", "old"]);
    assert!(!codes(&json_findings(&o)).contains(&"GP2005".to_string()));
}

#[test]
fn sarif_is_2_1_0_with_rules_and_relative_locations() {
    let t = TempDir::new("sarif");
    t.write("go.mod", "module example.com/app\n\ngo 1.21\n");
    t.write("pkg/app.go", PITFALLS);
    let o = run(&t.0, &["check", "--format", "sarif", "pkg"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let gp6001 = rules
        .iter()
        .find(|r| r["id"] == "GP6001")
        .expect("rule listed");
    assert_eq!(gp6001["name"], "error-discarded");
    assert!(
        !gp6001["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert!(
        gp6001["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("#/rules/GP6001")
    );
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let r = &results[0];
    assert_eq!(r["ruleId"], "GP6001");
    assert_eq!(r["level"], "warning");
    assert!(
        r["message"]["text"]
            .as_str()
            .unwrap()
            .contains("strconv.Atoi")
    );
    let idx = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "GP6001");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "pkg/app.go");
    assert_eq!(loc["region"]["startLine"], 6);
    assert_eq!(loc["region"]["startColumn"], 2);
    // Absolute help links on request (GitHub code scanning wants them).
    let o = run(
        &t.0,
        &[
            "check",
            "--format",
            "sarif",
            "--docs-base",
            "https://lab.example/",
            "pkg",
        ],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let driver = &v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], "https://lab.example/");
    let r = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "GP6002")
        .unwrap();
    assert_eq!(r["helpUri"], "https://lab.example/#/rules/GP6002");
}

#[test]
fn text_shows_code_frames_and_exit_codes_follow_findings() {
    let t = TempDir::new("text");
    t.write("bad.go", PITFALLS);
    t.write("good.go", CLEAN);
    let o = run(&t.0, &["check", "bad.go"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("bad.go:6:2 GP6001 [error-discarded]"), "{out}");
    assert!(
        out.contains(
            "    6 | \tn, _ := strconv.Atoi(s)"
                .replace('\t', "    ")
                .as_str()
        ),
        "{out}"
    );
    assert!(out.contains("^^^^"), "{out}");
    let o = run(&t.0, &["check", "good.go"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let o = run(&t.0, &["check", "--format", "json", "good.go"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(json_findings(&o).is_empty());
    // Messages in Chinese on request.
    let o = run(&t.0, &["check", "--lang", "zh", "bad.go"]);
    assert!(stdout(&o).contains("被赋给了 `_`"), "{}", stdout(&o));
}

#[test]
fn rule_and_ignore_filter_findings() {
    let t = TempDir::new("filter");
    t.write("go.mod", "module m\n\ngo 1.21\n");
    t.write("app.go", PITFALLS);
    let o = run(
        &t.0,
        &["check", "--format", "json", "--rule", "GP2005", "."],
    );
    assert_eq!(codes(&json_findings(&o)), ["GP2005"]);
    let o = run(
        &t.0,
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "GP2005,error-discarded",
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(json_findings(&o).is_empty());
    let o = run(&t.0, &["check", "--rule", "GP9999", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("GP9999"));
}

#[test]
fn vendor_and_testdata_are_skipped_unless_asked() {
    let t = TempDir::new("skip");
    t.write("main.go", CLEAN);
    t.write("vendor/example.com/dep/dep.go", PITFALLS);
    t.write("internal/testdata/bad.go", PITFALLS);
    t.write(".hidden/bad.go", PITFALLS);
    let o = run(&t.0, &["check", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(
        &t.0,
        &["check", "--format", "json", "--include-vendor", "."],
    );
    let files: Vec<String> = json_findings(&o)
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, ["./vendor/example.com/dep/dep.go"]);
    let o = run(
        &t.0,
        &["check", "--format", "json", "--include-testdata", "."],
    );
    let files: Vec<String> = json_findings(&o)
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, ["./internal/testdata/bad.go"]);
    // A file named on the command line is checked wherever it is.
    let o = run(
        &t.0,
        &["check", "--format", "json", "vendor/example.com/dep/dep.go"],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unreadable_input_gives_exit_2_but_other_files_are_checked() {
    let t = TempDir::new("unreadable");
    t.write("bad.go", PITFALLS);
    #[cfg(unix)]
    std::os::unix::fs::symlink(t.0.join("nowhere.go"), t.0.join("dangling.go")).unwrap();
    let o = run(&t.0, &["check", "--format", "json", ".", "missing-dir"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("missing-dir"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("dangling.go"), "{err}");
    assert!(codes(&json_findings(&o)).contains(&"GP6001".to_string()));
}

#[test]
fn usage_errors_exit_2() {
    let t = TempDir::new("usage");
    assert_eq!(run(&t.0, &["check"]).status.code(), Some(2));
    assert_eq!(
        run(&t.0, &["check", "--format", "xml", "."]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&t.0, &["check", "--go", "one.two", "."]).status.code(),
        Some(2)
    );
    assert_eq!(run(&t.0, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn rules_and_explain() {
    let t = TempDir::new("rules");
    let o = run(&t.0, &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("CODE"));
    for code in ["GP2005", "GP6001", "GP6002", "GP6003", "GP7001"] {
        assert!(out.contains(code), "{code} missing from\n{out}");
    }
    let o = run(&t.0, &["explain", "GP6002", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("## 它检查什么"));
    let o = run(&t.0, &["explain", "error-wrapped-with-v"]);
    assert!(stdout(&o).contains("## What it does"));
    assert_eq!(run(&t.0, &["explain", "GP9999"]).status.code(), Some(2));
}

#[test]
fn stats_report_files_lines_and_rates_per_rule() {
    let t = TempDir::new("stats");
    t.write("go.mod", "module m\n\ngo 1.21\n");
    t.write("a.go", PITFALLS);
    t.write("b.go", CLEAN);
    let o = run(&t.0, &["check", "--format", "json", "--stats", "."]);
    let err = stderr(&o);
    let lines = PITFALLS.lines().count() + CLEAN.lines().count();
    assert!(err.contains(&format!("files 2, lines {lines},")), "{err}");
    assert!(err.contains("MB/s"), "{err}");
    let row = err
        .lines()
        .find(|l| l.starts_with("GP6001"))
        .expect("a row per rule");
    let per10k: f64 = row.split_whitespace().last().unwrap().parse().unwrap();
    let want = 10_000.0 / lines as f64;
    assert!((per10k - want).abs() < 0.01, "{row}");
    // JSON on stdout stays parseable.
    assert_eq!(json_findings(&o).len(), 2);
}
