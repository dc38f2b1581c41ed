//! Line diff between the lesson's original code and its solution (longest common
//! subsequence; lessons are small, and a size cap keeps the table bounded on any input).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Same,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: Kind,
    pub text: String,
    /// 1-based line in the old text (for `Same` and `Removed`).
    pub old_line: Option<usize>,
    /// 1-based line in the new text (for `Same` and `Added`).
    pub new_line: Option<usize>,
}

/// Above this many table cells the diff degrades to "all removed, all added".
const MAX_CELLS: usize = 4_000_000;

pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    let line = |kind, text: &str, o, nw| DiffLine {
        kind,
        text: text.to_string(),
        old_line: o,
        new_line: nw,
    };
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        let mut out: Vec<DiffLine> = a
            .iter()
            .enumerate()
            .map(|(i, t)| line(Kind::Removed, t, Some(i + 1), None))
            .collect();
        out.extend(
            b.iter()
                .enumerate()
                .map(|(j, t)| line(Kind::Added, t, None, Some(j + 1))),
        );
        return out;
    }
    // lcs[i][j] = LCS length of a[i..] and b[j..], filled bottom-up (no recursion).
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(line(Kind::Same, a[i], Some(i + 1), Some(j + 1)));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            // Removals first: a changed line reads as "-old" then "+new".
            out.push(line(Kind::Removed, a[i], Some(i + 1), None));
            i += 1;
        } else {
            out.push(line(Kind::Added, b[j], None, Some(j + 1)));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(d: &[DiffLine]) -> String {
        d.iter()
            .map(|l| {
                let c = match l.kind {
                    Kind::Same => ' ',
                    Kind::Removed => '-',
                    Kind::Added => '+',
                };
                format!("{c}{}\n", l.text)
            })
            .collect()
    }

    #[test]
    fn inserted_defer_is_one_added_line() {
        let old = "t := time.NewTicker(d)\nfor range t.C {\n}\n";
        let new = "t := time.NewTicker(d)\ndefer t.Stop()\nfor range t.C {\n}\n";
        let d = diff_lines(old, new);
        assert_eq!(
            render(&d),
            " t := time.NewTicker(d)\n+defer t.Stop()\n for range t.C {\n }\n"
        );
        assert_eq!(d[1].new_line, Some(2));
        assert_eq!(d[2].old_line, Some(2));
    }

    #[test]
    fn replaced_line_is_removed_then_added() {
        let d = diff_lines("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(render(&d), " a\n-b\n+B\n c\n");
    }

    #[test]
    fn empty_sides() {
        assert!(diff_lines("", "").is_empty());
        assert_eq!(render(&diff_lines("", "x")), "+x\n");
        assert_eq!(render(&diff_lines("x", "")), "-x\n");
    }

    #[test]
    fn huge_inputs_stay_bounded() {
        let big: String = (0..3000).map(|i| format!("{i}\n")).collect();
        let other: String = (0..3000).map(|i| format!("x{i}\n")).collect();
        assert_eq!(diff_lines(&big, &other).len(), 6000);
    }
}
