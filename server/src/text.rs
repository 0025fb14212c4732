//! What a person typed: the one check every free-text field goes through
//! before it is kept.

/// Characters that would make text misleading or unsafe to show: controls
/// (other than new lines and tabs) and the invisible direction overrides.
pub fn is_refused_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// A problem with free text, as a message key: longer than `limit`
/// characters (the area's own `too_long` message), bytes that were not
/// UTF-8, or hidden characters. `None` when it can be kept.
pub fn check(text: &str, limit: usize, too_long: &'static str) -> Option<&'static str> {
    if text.chars().count() > limit {
        Some(too_long)
    } else if text.contains('\u{fffd}') {
        // What a browser's bytes become when they were not UTF-8.
        Some("consultation-error-unreadable")
    } else if text.chars().any(is_refused_char) {
        Some("consultation-error-characters")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    const TOO_LONG: &str = "consultation-error-too-long";

    #[test]
    fn text_is_checked_for_length_bytes_and_hidden_characters() {
        assert_eq!(check(&"a".repeat(1500), 1500, TOO_LONG), None);
        assert_eq!(check(&"a".repeat(1501), 1500, TOO_LONG), Some(TOO_LONG));
        assert_eq!(check("line one\nline two\ttab", 1500, TOO_LONG), None);
        assert_eq!(
            check("bell\u{7}", 1500, TOO_LONG),
            Some("consultation-error-characters")
        );
        assert_eq!(
            check("abc\u{202e}cba", 1500, TOO_LONG),
            Some("consultation-error-characters")
        );
        assert_eq!(
            check("مرحبا، أنا بخير", 1500, TOO_LONG),
            None,
            "Arabic is fine"
        );
        assert_eq!(
            check("bad \u{fffd} bytes", 1500, TOO_LONG),
            Some("consultation-error-unreadable")
        );
        assert_eq!(
            check("</textarea><script>alert(1)</script>", 1500, TOO_LONG),
            None,
            "markup is kept as text and escaped when shown"
        );
    }
}
