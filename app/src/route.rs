//! Hash routes, so the site works from any static host and from a folder of files.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Lesson(String),
    Playground,
    /// `#/playground?code=…`: a share link (the raw parameter; `share::decode` reads it).
    Shared(String),
    /// `#/lesson/<id>?code=…`: a lesson with shared code (id, raw parameter).
    SharedLesson(String, String),
    Rules,
    Rule(String),
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (`#/lesson/x`, with or without the `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let path = path.trim_end_matches('/');
        // Percent-decoded: some mail clients escape a link's `=` padding or `+` as %3D / %2B.
        let code = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("code="))
            .map(decode);
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["playground"] => match code {
                Some(code) => Route::Shared(code),
                None => Route::Playground,
            },
            ["rules"] => Route::Rules,
            ["rules", code] => Route::Rule(decode(code)),
            ["lesson", id] => match code {
                Some(code) => Route::SharedLesson(decode(id), code),
                None => Route::Lesson(decode(id)),
            },
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The page a share link opens, without the code (what the address shows once opened);
    /// `None` for routes that are not share links.
    pub fn opened(&self) -> Option<Route> {
        match self {
            Route::Shared(_) => Some(Route::Playground),
            Route::SharedLesson(id, _) => Some(Route::Lesson(id.clone())),
            _ => None,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Lesson(id) => format!("#/lesson/{id}"),
            Route::Playground => "#/playground".into(),
            Route::Shared(code) => format!("#/playground?code={code}"),
            Route::SharedLesson(id, code) => format!("#/lesson/{id}?code={code}"),
            Route::Rules => "#/rules".into(),
            Route::Rule(code) => format!("#/rules/{code}"),
            Route::NotFound(p) => format!("#{p}"),
        }
    }
}

/// Percent-decoding of ASCII escapes (ids and codes are ASCII; anything odd stays as is).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_page() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#/playground"), Route::Playground);
        assert_eq!(Route::parse("#/playground?"), Route::Playground);
        assert_eq!(
            Route::parse("#/playground?code=cGFja2FnZQ"),
            Route::Shared("cGFja2FnZQ".into())
        );
        assert_eq!(
            Route::parse("#/playground/?lang=en&code=x&y=1"),
            Route::Shared("x".into())
        );
        assert_eq!(
            Route::parse("#/playground?code=a%2Bb%3D%3D"),
            Route::Shared("a+b==".into())
        );
        assert_eq!(Route::parse("#/rules/"), Route::Rules);
        assert_eq!(Route::parse("#/rules/GP1001"), Route::Rule("GP1001".into()));
        assert_eq!(
            Route::parse("#/lesson/ticker-leak"),
            Route::Lesson("ticker-leak".into())
        );
        assert_eq!(Route::parse("#/lesson/a%2Db"), Route::Lesson("a-b".into()));
        assert_eq!(
            Route::parse("#/nope/x/y"),
            Route::NotFound("/nope/x/y".into())
        );
    }

    #[test]
    fn href_round_trips() {
        for r in [
            Route::Home,
            Route::Playground,
            Route::Shared("cGFja2FnZQ".into()),
            Route::SharedLesson("x-1".into(), "cGFja2FnZQ".into()),
            Route::Rules,
            Route::Rule("GP3001".into()),
            Route::Lesson("x-1".into()),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
    }

    #[test]
    fn odd_escapes_do_not_panic() {
        for s in [
            "#/lesson/%",
            "#/lesson/%4",
            "#/lesson/%zz",
            "#/lesson/%e4%b8",
            "#/lesson/é%",
        ] {
            let _ = Route::parse(s);
        }
    }
}
