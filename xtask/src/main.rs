//! `cargo xtask <command>`: the project's automation, so that two README commands do all
//! the set-up on a fresh machine.
//!
//! - `setup`  install what is missing (idempotent; seconds when everything is present)
//! - `build`  setup + release build of the site into `dist/`
//! - `serve`  build + serve `dist/` on 127.0.0.1 and print the URL
//! - `test`   setup + every test the project has; ends with `N passed, N failed`
//! - `wasm-bench`  the analyzer benchmark in headless Chromium

mod serve;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(&root).map(|_| ()),
        Some("build") => setup::setup(&root).and_then(|env| build_site(&root, &env)),
        Some("serve") => setup::setup(&root).and_then(|env| {
            build_site(&root, &env)?;
            let port = args
                .get(1)
                .and_then(|p| p.parse().ok())
                .or_else(|| std::env::var("PORT").ok()?.parse().ok())
                .unwrap_or(8080);
            serve::serve(&root.join("dist"), port)
        }),
        Some("test") => return test::run(&root, &args[1..]),
        // The analyzer benchmark in headless Chromium, built like the shipped page (--release).
        Some("wasm-bench") => setup::setup(&root).and_then(|env| {
            let ok = env
                .command("cargo")
                .args(["test", "--release", "-p", "analyzer-core"])
                .args(["--target", "wasm32-unknown-unknown", "--test", "wasm_bench"])
                .args(["--", "--nocapture"])
                // The page cannot answer the runner while a benchmark runs (20 s default).
                .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
                .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "120")
                .current_dir(&root)
                .status()
                .is_ok_and(|s| s.success());
            ok.then_some(())
                .ok_or_else(|| "wasm benchmark failed".into())
        }),
        _ => {
            eprintln!("usage: cargo xtask <setup|build|serve [port]|test|wasm-bench>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repo")
        .to_path_buf()
}

/// Environment every build and test step needs (PATH, CFLAGS for wasm32, Go settings).
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub vars: Vec<(String, String)>,
}

impl Env {
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        for (k, v) in &self.vars {
            c.env(k, v);
        }
        c
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

pub fn build_site(root: &Path, env: &Env) -> Result<(), String> {
    eprintln!("xtask: building the site (trunk build --release) ...");
    let status = env
        .command("trunk")
        .args(["build", "--release"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run trunk: {e}"))?;
    if !status.success() {
        return Err("trunk build --release failed".into());
    }
    Ok(())
}
