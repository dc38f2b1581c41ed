//! Byte offsets to 1-based lines, Unicode columns and UTF-16 offsets.

use crate::diagnostic::{Position, Span};

pub struct LineIndex<'a> {
    src: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// UTF-16 offset where each line starts.
    starts_utf16: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        let mut starts_utf16 = vec![0];
        let mut u16 = 0usize;
        for (i, c) in src.char_indices() {
            u16 += c.len_utf16();
            if c == '\n' {
                starts.push(i + 1);
                starts_utf16.push(u16);
            }
        }
        LineIndex {
            src,
            starts,
            starts_utf16,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    fn clamp(&self, mut byte: usize) -> usize {
        byte = byte.min(self.src.len());
        while !self.src.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }

    /// Returns the position and absolute UTF-16 offset of a byte offset.
    pub fn position(&self, byte: usize) -> (Position, usize) {
        let byte = self.clamp(byte);
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let text = &self.src[self.starts[line]..byte];
        let chars = text.chars().count();
        let utf16: usize = text.chars().map(char::len_utf16).sum();
        (
            Position {
                line: line as u32 + 1,
                column: chars as u32 + 1,
                utf16_column: utf16 as u32 + 1,
            },
            self.starts_utf16[line] + utf16,
        )
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let (sp, su) = self.position(start);
        let (ep, eu) = self.position(end.max(start));
        Span {
            start_byte: self.clamp(start),
            end_byte: self.clamp(end.max(start)),
            start: sp,
            end: ep,
            start_utf16: su,
            end_utf16: eu,
        }
    }

    /// Byte offset of an absolute UTF-16 offset (clamped to the text).
    pub fn byte_of_utf16(&self, utf16: usize) -> usize {
        let line = self.starts_utf16.partition_point(|&s| s <= utf16).max(1) - 1;
        let mut rest = utf16 - self.starts_utf16[line];
        let mut byte = self.starts[line];
        for c in self.src[byte..].chars() {
            if rest == 0 || c == '\n' {
                break;
            }
            rest = rest.saturating_sub(c.len_utf16());
            byte += c.len_utf8();
        }
        byte
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &'a str {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let end = self.starts.get(i + 1).map_or(self.src.len(), |e| e - 1);
        self.src[start..end.max(start)].trim_end_matches('\r')
    }
}
