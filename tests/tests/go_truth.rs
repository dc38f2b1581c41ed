//! Every lesson checked against the real Go toolchain (env `GOPITFALL_GO`, set by
//! `cargo xtask test`). In a temporary module whose go.mod has the lesson's `go` version:
//! - buggy.go, fixed.go and every variant compile and are gofmt-clean;
//! - fixed.go and the alt-*.go fixes pass `go vet`; buggy.go's vet output holds what the
//!   lesson quotes (`verify.vet_output`);
//! - the run-time proof (`verify.kind`): buggy.go fails, under a time limit, with output
//!   containing `verify.buggy_output`; fixed.go and the alt fixes succeed without it.
//!   With a `proof_test.go` the proof is that test (`go test`, `-race` for races);
//!   without one it is the program itself (`go run`, `-race` for races).
//!
//! Lessons run two at a time (the machines have two cores). `GP_LESSON=<part of a folder
//! name>` checks only the matching lessons.

use lessons::{Lesson, ProofKind};
use pitfall_tests::{VariantKind, proof_test, variants};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const RUN_LIMIT: Duration = Duration::from_secs(60);
const WORKERS: usize = 2;

struct Go {
    go: PathBuf,
    gofmt: PathBuf,
}

fn toolchain() -> Go {
    let go = std::env::var_os("GOPITFALL_GO")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "GOPITFALL_GO is not set: these checks need the real Go toolchain. \
             Run them through `cargo xtask test`, which installs Go and sets it, \
             or set GOPITFALL_GO=/path/to/go yourself."
            )
        });
    let out = go_cmd(&go)
        .args(["env", "GOROOT"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", go.display()));
    let goroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        out.status.success() && !goroot.is_empty(),
        "`go env GOROOT` failed"
    );
    Go {
        gofmt: Path::new(&goroot).join("bin/gofmt"),
        go,
    }
}

/// A go command that never reaches the network and never switches toolchains.
fn go_cmd(go: &Path) -> Command {
    let mut c = Command::new(go);
    for (k, v) in [
        ("GOTOOLCHAIN", "local"),
        ("GOPROXY", "off"),
        ("GOFLAGS", "-mod=mod"),
        ("GOTELEMETRY", "off"),
    ] {
        if std::env::var_os(k).is_none() {
            c.env(k, v);
        }
    }
    c
}

struct Run {
    ok: bool,
    timed_out: bool,
    out: String,
}

/// Runs `cmd` in `dir` with a time limit; stdout and stderr together.
fn run(mut cmd: Command, dir: &Path, limit: Duration) -> Run {
    let log = dir.join(format!(
        "out-{}.log",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let file = std::fs::File::create(&log).expect("log file");
    let err = file.try_clone().expect("log file");
    cmd.current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::from(file))
        .stderr(Stdio::from(err));
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let start = Instant::now();
    let (ok, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break (status.success(), false);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break (false, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    Run { ok, timed_out, out }
}

/// One Go file of a lesson, set up as `main.go` of its own module.
struct Module {
    dir: PathBuf,
}

impl Module {
    fn new(root: &Path, lesson: &Lesson, name: &str, source: &str, proof: Option<&str>) -> Self {
        let dir = root.join(lesson.dir).join(name.trim_end_matches(".go"));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("go.mod"),
            format!("module lesson\n\ngo {}\n", lesson.meta.go_version),
        )
        .expect("go.mod");
        std::fs::write(dir.join("main.go"), source).expect("main.go");
        if let Some(p) = proof {
            std::fs::write(dir.join("proof_test.go"), p).expect("proof_test.go");
        }
        Module { dir }
    }
}

/// Checks one lesson; returns its problems and a one-line account of what was proven.
fn check_lesson(go: &Go, root: &Path, l: &Lesson) -> (Vec<String>, String) {
    let mut problems = Vec::new();
    let mut say = |p: String| problems.push(format!("{}: {p}", l.dir));
    let proof = proof_test(l.dir);
    let vs = variants(&l.meta.id).unwrap_or_default();
    let mut files: Vec<(String, &str, Option<VariantKind>)> = vec![
        ("buggy.go".into(), l.buggy, None),
        ("fixed.go".into(), l.fixed, Some(VariantKind::Alt)),
    ];
    for v in &vs {
        files.push((v.name.clone(), &v.source, Some(v.kind)));
    }
    let kind = l.meta.verify.kind;
    let race = kind == ProofKind::Race;
    let mut proven = Vec::new();
    for (name, src, vkind) in &files {
        let m = Module::new(root, l, name, src, proof.as_deref());
        let is_correct = *vkind == Some(VariantKind::Alt);
        let is_buggy = vkind.is_none();
        let runs_proof = kind != ProofKind::None && (is_correct || is_buggy);
        // A file whose proof is built below is compiled there; the others are built here.
        if !runs_proof {
            let build = run(
                {
                    let mut c = go_cmd(&go.go);
                    c.args(["build", "-o", "prog", "."]);
                    c
                },
                &m.dir,
                RUN_LIMIT,
            );
            if !build.ok {
                say(format!("{name} does not compile:\n{}", build.out));
                continue;
            }
        }
        let fmt = run(
            {
                let mut c = Command::new(&go.gofmt);
                c.args(["-l", "main.go"]);
                c
            },
            &m.dir,
            RUN_LIMIT,
        );
        if !fmt.ok || !fmt.out.trim().is_empty() {
            say(format!(
                "{name} is not gofmt-clean (gofmt -l: {})",
                fmt.out.trim()
            ));
        }
        if !(is_correct || is_buggy) {
            continue; // wrong fixes only need to compile: they are graded, not run
        }
        // buggy.go is vetted only to hold it to the vet output its explanation quotes.
        if is_correct || l.meta.verify.vet_output.is_some() {
            let mut c = go_cmd(&go.go);
            c.args(["vet", "."]);
            let vet = run(c, &m.dir, RUN_LIMIT);
            if is_correct && !vet.ok {
                say(format!("{name} fails go vet:\n{}", vet.out));
            }
            if let (true, Some(want)) = (is_buggy, &l.meta.verify.vet_output) {
                if vet.ok || !vet.out.contains(want.as_str()) {
                    say(format!(
                        "go vet buggy.go does not print {want:?}:\n{}",
                        vet.out
                    ));
                } else {
                    proven.push("vet");
                }
            }
        }
        if !runs_proof {
            continue;
        }
        // Build the program (or the proof test) first and run the binary itself, so that
        // the time limit kills the process that hangs, not a `go run` wrapper.
        let built = run(
            proof_build(&go.go, proof.is_some(), race),
            &m.dir,
            RUN_LIMIT * 3,
        );
        if !built.ok {
            say(format!(
                "{name} does not compile (with the proof):\n{}",
                built.out
            ));
            continue;
        }
        let r = run(proof_run(&m.dir, proof.is_some()), &m.dir, RUN_LIMIT);
        let want = l.meta.verify.buggy_output.as_deref().unwrap_or("");
        if is_buggy {
            if r.ok || !r.out.contains(want) {
                say(format!(
                    "the proof does not show the bug: buggy.go {} and its output lacks {want:?}:\n{}",
                    if r.timed_out {
                        "timed out"
                    } else if r.ok {
                        "succeeded"
                    } else {
                        "failed"
                    },
                    tail(&r.out)
                ));
            } else {
                proven.push("buggy fails");
            }
            if let Some(v) = &l.meta.verify.fixed_by_go {
                let m = Module::new(root, l, "buggy-newer-go.go", src, proof.as_deref());
                std::fs::write(m.dir.join("go.mod"), format!("module lesson\n\ngo {v}\n"))
                    .expect("go.mod");
                let built = run(
                    proof_build(&go.go, proof.is_some(), race),
                    &m.dir,
                    RUN_LIMIT * 3,
                );
                let r = run(proof_run(&m.dir, proof.is_some()), &m.dir, RUN_LIMIT);
                if built.ok && r.ok {
                    proven.push("buggy is fine under the newer go line");
                } else {
                    say(format!(
                        "verify.fixed_by_go = {v}: buggy.go's proof still fails with go {v}:\n{}{}",
                        built.out,
                        tail(&r.out)
                    ));
                }
            }
        } else if !r.ok || r.out.contains(want) {
            say(format!(
                "the proof fails for {name} ({}):\n{}",
                if r.timed_out {
                    "timed out"
                } else {
                    "failed or printed the buggy output"
                },
                tail(&r.out)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(root.join(l.dir));
    let account = format!("{:<40} {:?} {}", l.dir, kind, proven.join(", "));
    (problems, account)
}

/// Builds the proof: the test binary of `proof_test.go`, or the program itself.
fn proof_build(go: &Path, has_test: bool, race: bool) -> Command {
    let mut b = go_cmd(go);
    if has_test {
        b.args(["test", "-c", "-o", "proof.bin"]);
    } else {
        b.args(["build", "-o", "proof.bin"]);
    }
    if race {
        b.arg("-race");
    }
    b.arg(".");
    b
}

fn proof_run(dir: &Path, has_test: bool) -> Command {
    let mut c = Command::new(dir.join("proof.bin"));
    if has_test {
        c.args(["-test.count=1", "-test.timeout=30s", "-test.v"]);
    }
    c
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[test]
fn lessons_hold_with_the_real_go_toolchain() {
    let go = toolchain();
    let mut lessons = lessons::load().unwrap_or_else(|e| panic!("malformed lessons: {e:?}"));
    // `GP_LESSON=02-4` checks only the lessons whose folder name contains it.
    if let Ok(only) = std::env::var("GP_LESSON") {
        lessons.retain(|l| l.dir.contains(only.as_str()));
    }
    let root = std::env::temp_dir().join(format!("pitfall-go-truth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let next = Mutex::new(0usize);
    let results = Mutex::new(Vec::new());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(l) = lessons.get(i) else { break };
                    let t = Instant::now();
                    let (p, account) = check_lesson(&go, &root, l);
                    results.lock().unwrap().push((
                        i,
                        p,
                        format!("{account} ({:.1}s)", t.elapsed().as_secs_f64()),
                    ));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&root);
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);
    for (_, _, account) in &results {
        println!("{account}");
    }
    println!(
        "{} lessons checked with {} in {:.1}s",
        lessons.len(),
        go.go.display(),
        start.elapsed().as_secs_f64()
    );
    let problems: Vec<String> = results.into_iter().flat_map(|r| r.1).collect();
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

/// The analyzer's grammar test (`analyzer-core/tests/grammar.rs`) asserts that this file parses
/// without syntax errors; that only means something if it is Go the toolchain accepts.
#[test]
fn the_grammar_tests_current_go_is_real_go() {
    let go = toolchain();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../analyzer-core/tests/syntax/current_go.go");
    let dir = std::env::temp_dir().join(format!("pitfall-current-go-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("go.mod"), "module currentgo\n\ngo 1.27\n").expect("go.mod");
    std::fs::copy(&src, dir.join("main.go")).expect("copy current_go.go");
    let mut fmt = Command::new(&go.gofmt);
    fmt.args(["-l", "main.go"]);
    let gofmt = run(fmt, &dir, RUN_LIMIT);
    let mut vet = go_cmd(&go.go);
    vet.arg("vet");
    let vet = run(vet, &dir, RUN_LIMIT);
    let mut exec = go_cmd(&go.go);
    exec.args(["run", "."]);
    let exec = run(exec, &dir, RUN_LIMIT);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        gofmt.ok && gofmt.out.trim().is_empty(),
        "gofmt: {}",
        gofmt.out
    );
    assert!(vet.ok, "go vet: {}", vet.out);
    assert!(exec.ok, "go run: {}", exec.out);
}
