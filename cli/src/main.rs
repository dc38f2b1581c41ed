//! `gopitfall`: the analyzer on the command line.
//!
//! Exit codes: 0 no findings, 1 findings, 2 usage error, unreadable input or an internal
//! error (other files are still checked; the error is reported on stderr).

mod files;
mod output;

use analyzer_core::{GoVersion, Lang, Options, rules};
use clap::{Parser, Subcommand, ValueEnum};
use output::FileReport;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "gopitfall",
    version,
    about = "Finds Go pitfalls (Go 避坑实验室)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse Go files and directories (recursively).
    Check(CheckArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Show a rule's documentation.
    Explain {
        /// Rule code (GP6001) or name (error-discarded).
        code: String,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Go language version for every file (default: the `go` line of the nearest go.mod
    /// above each file, else the current version).
    #[arg(long)]
    go: Option<String>,
    /// Only run these rules (codes or names, comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    rule: Vec<String>,
    /// Never run these rules.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Print files, lines, bytes, time, throughput and findings per rule to stderr.
    #[arg(long)]
    stats: bool,
    /// Also check `testdata` directories.
    #[arg(long)]
    include_testdata: bool,
    /// Also check `vendor` directories.
    #[arg(long)]
    include_vendor: bool,
    /// Language of the messages in text and SARIF output.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Base URL of the rule docs, for SARIF `helpUri` (`<base>#/rules/<code>`).
    #[arg(long, default_value = "")]
    docs_base: String,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { lang } => {
            print_rules(lang.into());
            ExitCode::SUCCESS
        }
        Command::Explain { code, lang } => match analyzer_core::rule(&code) {
            Some(r) => {
                let lang = lang.into();
                println!("{} {}: {}\n", r.code, r.name, r.title(lang));
                println!("{}", r.docs(lang).trim_end());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("gopitfall: unknown rule `{code}` (see `gopitfall rules`)");
                ExitCode::from(2)
            }
        },
    }
}

fn print_rules(lang: Lang) {
    let rows: Vec<[String; 5]> = rules()
        .iter()
        .map(|r| {
            let go = match (r.min_go, r.max_go) {
                (None, None) => "all".to_string(),
                (Some(a), None) => format!(">={a}"),
                (None, Some(b)) => format!("<={b}"),
                (Some(a), Some(b)) => format!("{a}-{b}"),
            };
            [
                r.code.to_string(),
                r.name.to_string(),
                r.severity.as_str().to_string(),
                go,
                r.title(lang).to_string(),
            ]
        })
        .collect();
    let header = ["CODE", "NAME", "SEVERITY", "GO", "TITLE"];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i < 4 {
                s.push_str(&format!("{c:<w$}  ", w = widths[i]));
            } else {
                s.push_str(c);
            }
        }
        s
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", line(header));
    for r in &rows {
        let _ = writeln!(
            out,
            "{}",
            line([&r[0], &r[1], &r[2], &r[3], &r[4]].map(String::as_str))
        );
    }
}

/// Resolves `--rule`/`--ignore` entries (codes or names) to codes.
fn rule_codes(list: &[String]) -> Result<Vec<String>, String> {
    list.iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| {
            analyzer_core::rule(c)
                .map(|r| r.code.to_string())
                .or_else(|| {
                    // The engine's own diagnostics (GP0001 syntax-error, ...) can be ignored too.
                    (c.len() == 6 && c.to_ascii_uppercase().starts_with("GP0"))
                        .then(|| c.to_ascii_uppercase())
                })
                .ok_or_else(|| format!("unknown rule `{c}` (see `gopitfall rules`)"))
        })
        .collect()
}

/// What one worker produced for one file.
struct Outcome {
    report: FileReport,
    lines: usize,
    bytes: usize,
    error: Option<String>,
}

fn check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let (only, ignore) = match (rule_codes(&args.rule), rule_codes(&args.ignore)) {
        (Ok(o), Ok(i)) => (o, i),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("gopitfall: {e}");
            return ExitCode::from(2);
        }
    };
    let forced_go = match args.go.as_deref().map(GoVersion::parse) {
        None => None,
        Some(Some(v)) => Some(v),
        Some(None) => {
            eprintln!(
                "gopitfall: invalid --go version `{}` (expected e.g. 1.22)",
                args.go.unwrap_or_default()
            );
            return ExitCode::from(2);
        }
    };
    if let Some(j) = args.jobs {
        // Only fails if a pool was already built, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let walk = files::Walk {
        include_testdata: args.include_testdata,
        include_vendor: args.include_vendor,
    };
    let (paths, walk_errors) = files::collect(&args.paths, &walk);
    let mut failed = false;
    for (p, e) in &walk_errors {
        eprintln!("gopitfall: {}: {e}", p.display());
        failed = true;
    }
    let mut gomods = files::GoModCache::default();
    let jobs: Vec<(PathBuf, GoVersion)> = paths
        .into_iter()
        .map(|p| {
            let v = forced_go
                .or_else(|| gomods.version_for(&p))
                .unwrap_or_default();
            (p, v)
        })
        .collect();
    let lang: Lang = args.lang.into();
    let text = args.format == Format::Text;
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|(path, go)| {
            let options = Options {
                go_version: *go,
                only: only.clone(),
                ignore: ignore.clone(),
            };
            analyse_file(path, &options, &only, &ignore, text, lang)
        })
        .collect();
    let mut reports = Vec::new();
    let (mut lines, mut bytes, mut per_code) = (0usize, 0usize, BTreeMap::<&str, usize>::new());
    let mut files_with = BTreeMap::<&str, usize>::new();
    for o in outcomes {
        if let Some(e) = &o.error {
            eprintln!("gopitfall: {}: {e}", o.report.display);
            failed = true;
        }
        lines += o.lines;
        bytes += o.bytes;
        let mut seen = std::collections::BTreeSet::new();
        for d in &o.report.diagnostics {
            *per_code.entry(d.code).or_default() += 1;
            if seen.insert(d.code) {
                *files_with.entry(d.code).or_default() += 1;
            }
        }
        reports.push(o.report);
    }
    let findings: usize = per_code.values().sum();
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Text => {
            for r in &reports {
                if let Some(f) = &r.frames {
                    let _ = out.write_all(f.as_bytes());
                }
            }
            if findings > 0 {
                let nfiles = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
                eprintln!("{findings} finding(s) in {nfiles} file(s)");
            }
        }
        Format::Json => {
            let _ = writeln!(out, "{}", output::json(&reports));
        }
        Format::Sarif => {
            let _ = writeln!(out, "{}", output::sarif(&reports, &args.docs_base, lang));
        }
    }
    let _ = out.flush();
    if args.stats {
        print_stats(
            reports.len(),
            lines,
            bytes,
            started.elapsed().as_secs_f64(),
            &per_code,
            &files_with,
        );
    }
    if failed {
        ExitCode::from(2)
    } else if findings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn analyse_file(
    path: &Path,
    options: &Options,
    only: &[String],
    ignore: &[String],
    text: bool,
    lang: Lang,
) -> Outcome {
    let display = path.display().to_string();
    let empty = |error: String| Outcome {
        report: FileReport {
            display: display.clone(),
            diagnostics: Vec::new(),
            frames: None,
        },
        lines: 0,
        bytes: 0,
        error: Some(error),
    };
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => return empty(e.to_string()),
    };
    // analyze never panics by contract; if it ever does, report the file and go on.
    let analysed = std::panic::catch_unwind(|| analyzer_core::analyze_bytes(&data, options))
        .map_err(|p| {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error (analyzer panicked): {msg}")
        });
    let mut analysis = match analysed {
        Ok(a) => a,
        Err(e) => return empty(e),
    };
    // Rules are filtered by the engine; its own diagnostics (GP0xxx) only by --ignore.
    analysis.diagnostics.retain(|d| {
        !ignore.iter().any(|c| c == d.code)
            && (only.is_empty() || only.iter().any(|c| c == d.code) || d.code.starts_with("GP0"))
    });
    let frames = (text && !analysis.diagnostics.is_empty()).then(|| {
        let src = String::from_utf8_lossy(&data);
        analyzer_core::render::code_frames(&display, &src, &analysis.diagnostics, lang)
    });
    Outcome {
        report: FileReport {
            display,
            diagnostics: analysis.diagnostics,
            frames,
        },
        lines: line_count(&data),
        bytes: data.len(),
        error: None,
    }
}

/// Lines as `wc -l` counts them, plus an unterminated last line.
fn line_count(data: &[u8]) -> usize {
    let newlines = data.iter().filter(|&&b| b == b'\n').count();
    newlines + usize::from(data.last().is_some_and(|&b| b != b'\n'))
}

fn print_stats(
    files: usize,
    lines: usize,
    bytes: usize,
    secs: f64,
    per_code: &BTreeMap<&str, usize>,
    files_with: &BTreeMap<&str, usize>,
) {
    let mb = bytes as f64 / 1_000_000.0;
    let per10k = |n: usize| {
        if lines == 0 {
            0.0
        } else {
            n as f64 * 10_000.0 / lines as f64
        }
    };
    let mut e = std::io::stderr().lock();
    let _ = writeln!(
        e,
        "files {files}, lines {lines}, bytes {bytes}, wall {secs:.2}s, {:.1} MB/s, {} threads",
        if secs > 0.0 { mb / secs } else { 0.0 },
        rayon::current_num_threads()
    );
    let _ = writeln!(
        e,
        "{:<8} {:<36} {:>8} {:>6} {:>9}",
        "CODE", "RULE", "FINDINGS", "FILES", "PER 10K"
    );
    let mut codes: Vec<(&str, &str)> = vec![
        ("GP0001", "syntax-error"),
        ("GP0002", "input-too-large"),
        ("GP0003", "input-too-deeply-nested"),
        ("GP0004", "invalid-utf8"),
    ];
    codes.extend(rules().iter().map(|r| (r.code, r.name)));
    for (code, name) in codes {
        let n = per_code.get(code).copied().unwrap_or(0);
        let f = files_with.get(code).copied().unwrap_or(0);
        let _ = writeln!(e, "{code:<8} {name:<36} {n:>8} {f:>6} {:>9.3}", per10k(n));
    }
}
