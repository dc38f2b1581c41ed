use serde::{Deserialize, Serialize};
use std::fmt;

/// A Go language version (`go 1.22` in go.mod). Some pitfalls changed meaning between
/// versions: loop variables are per-iteration since 1.22; timers changed in 1.23.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct GoVersion {
    pub major: u16,
    pub minor: u16,
}

impl GoVersion {
    pub const CURRENT: GoVersion = GoVersion::new(1, 27);
    pub const fn new(major: u16, minor: u16) -> Self {
        GoVersion { major, minor }
    }
    /// Parses `1.22`, `1.22.3`, `go1.22` or `go1.22rc1`.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let s = s.trim();
        let s = s.strip_prefix("go").unwrap_or(s);
        let mut parts = s.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor_raw = parts.next()?;
        let digits: String = minor_raw
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let minor = digits.parse().ok()?;
        Some(GoVersion { major, minor })
    }
    /// Reads the `go` directive of a go.mod file.
    pub fn from_go_mod(go_mod: &str) -> Option<GoVersion> {
        go_mod.lines().find_map(|line| {
            let line = line.split("//").next().unwrap_or("").trim();
            line.strip_prefix("go ").and_then(GoVersion::parse)
        })
    }
}

impl Default for GoVersion {
    fn default() -> Self {
        GoVersion::CURRENT
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    pub go_version: GoVersion,
    /// If non-empty, only these rule codes run.
    pub only: Vec<String>,
    /// These rule codes never run.
    pub ignore: Vec<String>,
}

impl Options {
    pub fn with_go(go_version: GoVersion) -> Self {
        Options {
            go_version,
            ..Options::default()
        }
    }
    pub fn rule_enabled(&self, code: &str) -> bool {
        (self.only.is_empty() || self.only.iter().any(|c| c == code))
            && !self.ignore.iter().any(|c| c == code)
    }
}
