//! `cargo xtask test`: every test the project has, each part real. A part that cannot run
//! counts as failed; nothing is skipped silently. Ends with `N passed, N failed`.

use crate::setup;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

struct Tally {
    passed: usize,
    failed: usize,
    lines: Vec<String>,
}

impl Tally {
    fn record(&mut self, name: &str, passed: usize, failed: usize, secs: f64) {
        self.passed += passed;
        self.failed += failed;
        let mark = if failed == 0 { "ok  " } else { "FAIL" };
        self.lines.push(format!(
            "{mark} {name:<34} {passed:>5} passed {failed:>4} failed {secs:>7.1}s"
        ));
    }
}

/// Runs a command, echoing its output live, and returns (success, combined output).
fn tee(mut cmd: Command) -> (bool, String) {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return (false, format!("cannot start {:?}: {e}", cmd.get_program())),
    };
    let pipe = |r: Box<dyn Read + Send>, to_err: bool| {
        std::thread::spawn(move || {
            let mut acc = String::new();
            for line in BufReader::new(r).lines().map_while(Result::ok) {
                if to_err {
                    eprintln!("{line}")
                } else {
                    println!("{line}")
                }
                acc.push_str(&line);
                acc.push('\n');
            }
            acc
        })
    };
    let out = pipe(Box::new(child.stdout.take().expect("piped")), false);
    let err = pipe(Box::new(child.stderr.take().expect("piped")), true);
    let ok = child.wait().is_ok_and(|s| s.success());
    let text = out.join().unwrap_or_default() + &err.join().unwrap_or_default();
    (ok, text)
}

/// Sums `test result: ok. N passed; M failed` lines (cargo test, wasm-bindgen-test-runner).
fn cargo_counts(out: &str) -> (usize, usize) {
    let mut p = 0;
    let mut f = 0;
    for line in out.lines().filter(|l| l.contains("test result:")) {
        let num = |key: &str| -> usize {
            line.split(';')
                .find(|part| part.trim_end().ends_with(key))
                .and_then(|part| part.split_whitespace().rev().nth(1)?.parse().ok())
                .unwrap_or(0)
        };
        p += num("passed");
        f += num("failed");
    }
    (p, f)
}

/// Node's test runner summary: `# pass N` / `# fail N` (or `ℹ pass N`).
fn node_counts(out: &str) -> (usize, usize) {
    let get = |key: &str| {
        out.lines()
            .rev()
            .find_map(|l| {
                let l = l.trim_start_matches(['#', 'ℹ', ' ']);
                l.strip_prefix(key)?.trim().parse::<usize>().ok()
            })
            .unwrap_or(0)
    };
    (get("pass "), get("fail "))
}

enum Count {
    /// The step is one check: passes if the command succeeds.
    Single,
    Cargo,
    Node,
}

fn step(t: &mut Tally, name: &str, cmd: Command, count: Count) {
    println!("\n==== {name} ====");
    let start = Instant::now();
    let (ok, out) = tee(cmd);
    let secs = start.elapsed().as_secs_f64();
    let (p, f) = match count {
        Count::Single => (ok as usize, (!ok) as usize),
        Count::Cargo => cargo_counts(&out),
        Count::Node => node_counts(&out),
    };
    // A failing command with no failing test counted (a build error, a crash) still fails.
    let f = if !ok && f == 0 { 1 } else { f };
    // A runner that passed but ran nothing has not tested anything.
    let f = if ok && p == 0 && f == 0 { 1 } else { f };
    t.record(name, p, f, secs);
}

pub fn run(root: &Path, _args: &[String]) -> ExitCode {
    let start = Instant::now();
    let mut t = Tally {
        passed: 0,
        failed: 0,
        lines: Vec::new(),
    };
    let env = match setup::setup(root) {
        Ok(env) => env,
        Err(e) => {
            eprintln!("xtask test: set-up failed: {e}");
            println!("0 passed, 1 failed");
            return ExitCode::FAILURE;
        }
    };
    t.record("set-up (installs)", 1, 0, start.elapsed().as_secs_f64());
    let cargo = |args: &[&str]| {
        let mut c = env.command("cargo");
        c.args(args).current_dir(root);
        c
    };
    step(
        &mut t,
        "cargo fmt --check",
        cargo(&["fmt", "--all", "--", "--check"]),
        Count::Single,
    );
    step(
        &mut t,
        "clippy (native, all targets)",
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        Count::Single,
    );
    step(
        &mut t,
        "clippy (app, wasm32)",
        cargo(&[
            "clippy",
            "-p",
            "app",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
        Count::Single,
    );
    step(
        &mut t,
        "native tests (cargo test)",
        cargo(&["test", "--workspace", "--no-fail-fast"]),
        Count::Cargo,
    );
    step(
        &mut t,
        "lessons as the app loads them (no toml feature)",
        cargo(&["test", "-p", "lessons", "--no-default-features"]),
        Count::Cargo,
    );
    step(
        &mut t,
        "wasm tests (headless Chromium)",
        cargo(&[
            "test",
            "-p",
            "analyzer-core",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "wasm",
        ]),
        Count::Cargo,
    );
    step(
        &mut t,
        "app component tests (headless Chromium)",
        cargo(&[
            "test",
            "-p",
            "app",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "components",
        ]),
        Count::Cargo,
    );
    let site_start = Instant::now();
    match crate::build_site(root, &env) {
        Ok(()) => {
            t.record(
                "release site build (trunk)",
                1,
                0,
                site_start.elapsed().as_secs_f64(),
            );
            report_sizes(&root.join("dist"));
            let mut node = env.command("node");
            node.args(["--test", "--test-concurrency=1", "tests/browser/"])
                .current_dir(root);
            step(&mut t, "browser tests (playwright)", node, Count::Node);
        }
        Err(e) => {
            eprintln!("{e}");
            t.record(
                "release site build (trunk)",
                0,
                1,
                site_start.elapsed().as_secs_f64(),
            );
            t.record("browser tests (not run: no site)", 0, 1, 0.0);
        }
    }
    println!(
        "\n==== summary ({:.0}s) ====",
        start.elapsed().as_secs_f64()
    );
    for l in &t.lines {
        println!("{l}");
    }
    println!("{} passed, {} failed", t.passed, t.failed);
    if t.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints raw and gzip sizes of every file in the built site (recursively).
fn report_sizes(dist: &Path) {
    let mut files = Vec::new();
    let mut dirs = vec![dist.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in entries.filter_map(Result::ok).map(|e| e.path()) {
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    println!("\nsite files (raw / gzip -9 bytes):");
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    for f in files {
        let raw = f.metadata().map(|m| m.len()).unwrap_or(0);
        let gz = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&f)
            .output()
            .map(|o| o.stdout.len() as u64)
            .unwrap_or(0);
        raw_total += raw;
        gz_total += gz;
        let name = f.strip_prefix(dist).unwrap_or(&f).display().to_string();
        println!("  {name:<48} {raw:>9} {gz:>9}");
    }
    println!("  {:<48} {:>9} {:>9}", "total", raw_total, gz_total);
}
