//! The one `regex` API tree-sitter calls (`bytes::Regex::new` and `is_match`, for `#match?`
//! predicates), on regex-lite. Our rules' queries use no `#match?` at all, but tree-sitter
//! links the regex engine anyway, and the full `regex` crate (with its Unicode tables) was
//! a quarter of the page's wasm. regex-lite has the same syntax minus Unicode classes
//! (`\p{..}`); a query that needs them fails to compile, which the rule tests would catch.

pub mod bytes {
    use std::fmt;

    /// A regex matched against UTF-8 text (tree-sitter passes node text; invalid UTF-8
    /// is matched lossily, as it can only come from an invalid source file).
    #[derive(Clone)]
    pub struct Regex(regex_lite::Regex);

    impl Regex {
        pub fn new(re: &str) -> Result<Regex, Error> {
            regex_lite::Regex::new(re).map(Regex).map_err(Error)
        }

        pub fn is_match(&self, haystack: &[u8]) -> bool {
            self.0.is_match(&String::from_utf8_lossy(haystack))
        }

        pub fn as_str(&self) -> &str {
            self.0.as_str()
        }
    }

    impl fmt::Debug for Regex {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_tuple("Regex").field(&self.0.as_str()).finish()
        }
    }

    #[derive(Debug, Clone)]
    pub struct Error(regex_lite::Error);

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for Error {}
}

#[cfg(test)]
mod tests {
    use super::bytes::Regex;

    #[test]
    // clippy takes this crate for the real `regex` and checks the deliberately bad pattern.
    #[allow(clippy::invalid_regex)]
    fn matches_like_regex() {
        let re = Regex::new(r"^(Lock|RLock)$").unwrap();
        assert!(re.is_match(b"RLock"));
        assert!(!re.is_match(b"Unlock"));
        assert!(Regex::new("(").is_err());
    }
}
