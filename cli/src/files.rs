//! Which files to check, and which Go version each one is written for.

use analyzer_core::GoVersion;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

pub struct Walk {
    pub include_testdata: bool,
    pub include_vendor: bool,
}

/// The `.go` files under `roots`, sorted, and the roots that could not be read (with why).
/// Directories are walked with an explicit stack. Like the go tool, directories whose name
/// starts with `.` or `_` are skipped, and so are `testdata` and `vendor` unless asked for.
/// A file named on the command line is always checked.
pub fn collect(roots: &[PathBuf], walk: &Walk) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push((root.clone(), e.to_string()));
                continue;
            }
        };
        if !meta.is_dir() {
            files.push(root.clone());
            continue;
        }
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    errors.push((dir.clone(), e.to_string()));
                    continue;
                }
            };
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                // `file_type` does not follow symlinks: a link cycle cannot trap the walk.
                let Ok(ft) = entry.file_type() else { continue };
                if ft.is_dir() {
                    let skip = name.starts_with('.')
                        || name.starts_with('_')
                        || (name == "testdata" && !walk.include_testdata)
                        || (name == "vendor" && !walk.include_vendor);
                    if !skip {
                        stack.push(path);
                    }
                } else if name.ends_with(".go") && (ft.is_file() || ft.is_symlink()) {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// The Go version of the nearest `go.mod` above each file (cached per directory).
#[derive(Default)]
pub struct GoModCache {
    dirs: HashMap<PathBuf, Option<GoVersion>>,
}

impl GoModCache {
    pub fn version_for(&mut self, file: &Path) -> Option<GoVersion> {
        let abs = fs::canonicalize(file).ok()?;
        let start = abs.parent()?.to_path_buf();
        let mut visited = Vec::new();
        let mut dir = Some(start.as_path());
        let mut found = None;
        while let Some(d) = dir {
            if let Some(v) = self.dirs.get(d) {
                found = *v;
                break;
            }
            visited.push(d.to_path_buf());
            if let Ok(text) = fs::read_to_string(d.join("go.mod")) {
                found = GoVersion::from_go_mod(&text);
                break;
            }
            dir = d.parent();
        }
        for v in visited {
            self.dirs.insert(v, found);
        }
        found
    }
}
