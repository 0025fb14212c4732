//! Where a person goes back to after a choice (`?next=`, a form's
//! `next`): only ever one of MySay's own pages. One function decides, for
//! every route that takes a return address.

/// `next` when it is a path on this site, else `None`.
///
/// A browser strips tabs and new lines from an address and reads `\` as
/// `/`, so `/\t/evil.example` or `/\evil.example` would become
/// `//evil.example` (another site). Anything that is not a plain path is
/// refused: it must start with one `/`, hold only printable ASCII with no
/// spaces or backslashes, not start `//` or with an encoded slash or
/// backslash, and resolve against our own address to our own address.
pub fn local_path(next: Option<&str>) -> Option<&str> {
    let next = next?;
    let bytes = next.as_bytes();
    if next.is_empty() || next.len() > 2_000 || bytes[0] != b'/' {
        return None;
    }
    if !bytes.iter().all(|b| b.is_ascii_graphic()) || next.contains('\\') {
        return None;
    }
    let after = next[1..].to_ascii_lowercase();
    if after.starts_with('/') || after.starts_with("%2f") || after.starts_with("%5c") {
        return None;
    }
    // Whatever the browser decodes, the path must stay ours.
    let base = url::Url::parse("https://mysay.invalid/").ok()?;
    let joined = base.join(next).ok()?;
    (joined.origin() == base.origin()).then_some(next)
}

/// `next` if it is one of our own pages, else the landing page.
pub fn local_or_home(next: Option<&str>) -> String {
    local_path(next).unwrap_or("/").to_owned()
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_our_own_pages_are_returned_to() {
        for ours in [
            "/",
            "/help",
            "/consultation/topics/school?saved=1",
            "/a%20b",
            "/letters/3#reply",
        ] {
            assert_eq!(local_path(Some(ours)), Some(ours), "{ours:?}");
        }
        let tricks = [
            "",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%5C/evil.example",
            "/%5cevil.example",
            "https://evil.example",
            "http:/evil.example",
            "evil.example",
            "javascript:alert(1)",
            " /help",
            "/help\u{0}",
            "/héllo",
            "/\u{3000}/evil.example",
        ];
        for trick in tricks {
            assert_eq!(local_path(Some(trick)), None, "{trick:?}");
        }
        assert_eq!(local_path(None), None);
    }
}
