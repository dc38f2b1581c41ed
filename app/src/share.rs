//! Share links: the playground's code travels in the URL fragment
//! (`#/playground?code=<base64url of the UTF-8 text>`), so sharing needs no server and the code
//! never leaves the browser except in the link itself.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Larger code is not put in a link (chat apps and mail clients cut long URLs), and a larger
/// link is refused before decoding.
pub const MAX_CODE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not base64url (cut short, or mangled by a chat app).
    Damaged,
    /// Decodes, but not to UTF-8 text.
    NotText,
    TooLarge,
}

/// The fragment parameter for `code`; `None` when it is too large to share as a link.
pub fn encode(code: &str) -> Option<String> {
    (code.len() <= MAX_CODE_BYTES).then(|| URL_SAFE_NO_PAD.encode(code))
}

/// The code in a link's `code=` parameter. Tolerates what links go through: `=` padding,
/// standard base64's `+` and `/`, and `+` turned into a space.
pub fn decode(param: &str) -> Result<String, ShareError> {
    if param.len() > MAX_CODE_BYTES.div_ceil(3) * 4 + 4 {
        return Err(ShareError::TooLarge);
    }
    let cleaned: String = param
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' | ' ' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let bytes = URL_SAFE_NO_PAD
        .decode(cleaned)
        .map_err(|_| ShareError::Damaged)?;
    if bytes.len() > MAX_CODE_BYTES {
        return Err(ShareError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_survives_the_round_trip() {
        for code in [
            "",
            "package main\n\nfunc main() {\n\tprintln(\"hi\")\n}\n",
            "// 注释：通道没有关闭 🚦\nvar s = \"\\t\"\n",
            crate::view::PLAYGROUND_EXAMPLE,
        ] {
            let p = encode(code).expect("small enough");
            assert!(
                p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            );
            assert_eq!(decode(&p).as_deref(), Ok(code));
        }
    }

    #[test]
    fn links_mangled_on_the_way_still_open() {
        let code = "x := <-ch // ü?>";
        let p = encode(code).unwrap();
        let standard = p.replace('-', "+").replace('_', "/");
        assert_eq!(decode(&format!("{standard}==")).as_deref(), Ok(code));
        assert_eq!(decode(&standard.replace('+', " ")).as_deref(), Ok(code));
    }

    #[test]
    fn broken_links_say_why() {
        assert_eq!(decode("not base64!"), Err(ShareError::Damaged));
        // One character cut off the end of a longer link.
        let p = encode("package main\n").unwrap();
        assert_eq!(decode(&p[..p.len() - 1]), Err(ShareError::Damaged));
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode([0xff, 0xfe, 0x00])),
            Err(ShareError::NotText)
        );
        let big = "a".repeat(MAX_CODE_BYTES + 1);
        assert_eq!(encode(&big), None);
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(&big)),
            Err(ShareError::TooLarge)
        );
    }
}
