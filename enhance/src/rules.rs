//! What the script decides, apart from the page: plain Rust, tested on
//! the host like the rest of MySay.

/// Where the live number goes in a count's text.
pub const SLOT: &str = "{count}";

/// `n` written in the page's own digits (`digits` holds 0 to 9 in order;
/// Western digits when it does not).
pub fn write_number(mut n: usize, digits: &str) -> String {
    let digits: Vec<char> = digits.chars().collect();
    let digit = |d: usize| {
        if digits.len() == 10 {
            digits[d]
        } else {
            char::from(b'0' + d as u8)
        }
    };
    let mut out = Vec::new();
    loop {
        out.push(digit(n % 10));
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

/// What a box's count line says for `count` characters of `limit`:
/// `within` or `over` (the server's translations, each holding
/// [`SLOT`]) with the number written in.
pub fn count_line(within: &str, over: &str, count: usize, limit: usize, digits: &str) -> String {
    let template = if count > limit { over } else { within };
    template.replace(SLOT, &write_number(count, digits))
}

/// How many characters a box holds, counted as the server counts them
/// (Unicode scalar values, not the browser's UTF-16 units).
pub fn characters(text: &str) -> usize {
    text.chars().count()
}

/// Shift pressed three times within this many milliseconds leaves.
pub const SHIFT_WINDOW_MS: f64 = 5000.0;

/// The Shift presses "Exit this page" listens for.
#[derive(Debug, Default)]
pub struct ShiftPresses {
    at: Vec<f64>,
}

impl ShiftPresses {
    /// A press at `now` (milliseconds); true when it is the third within
    /// the window, and the page should be left.
    pub fn press(&mut self, now: f64) -> bool {
        self.at.retain(|at| now - at < SHIFT_WINDOW_MS);
        self.at.push(now);
        self.at.len() >= 3
    }
}

/// A number of milliseconds from an attribute; nothing when it is not one.
pub fn millis(text: &str) -> Option<i32> {
    text.trim().parse::<i32>().ok().filter(|ms| *ms >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_the_pages_digits() {
        assert_eq!(write_number(0, "0123456789"), "0");
        assert_eq!(write_number(1205, "0123456789"), "1205");
        assert_eq!(write_number(312, "٠١٢٣٤٥٦٧٨٩"), "٣١٢");
        assert_eq!(write_number(47, "۰۱۲۳۴۵۶۷۸۹"), "۴۷");
        assert_eq!(write_number(90, ""), "90");
    }

    #[test]
    fn the_count_line_says_within_or_over() {
        let within = "{count} of 1000 letters";
        let over = "{count} of 1000 letters. That is too long";
        assert_eq!(
            count_line(within, over, 1000, 1000, "0123456789"),
            "1000 of 1000 letters"
        );
        assert_eq!(
            count_line(within, over, 1001, 1000, "0123456789"),
            "1001 of 1000 letters. That is too long"
        );
    }

    #[test]
    fn characters_are_counted_as_the_server_counts_them() {
        // An emoji is two UTF-16 units but one character.
        assert_eq!(characters("héllo 😀"), 7);
        assert_eq!(characters("ሰላም"), 3);
    }

    #[test]
    fn three_shifts_within_five_seconds_leave() {
        let mut presses = ShiftPresses::default();
        assert!(!presses.press(0.0));
        assert!(!presses.press(1000.0));
        assert!(presses.press(4999.0));

        let mut slow = ShiftPresses::default();
        assert!(!slow.press(0.0));
        assert!(!slow.press(3000.0));
        // The first press is now more than 5 seconds old.
        assert!(!slow.press(5000.0));
        assert!(slow.press(6000.0));
    }

    #[test]
    fn milliseconds_are_read_or_refused() {
        assert_eq!(millis("1800000"), Some(1_800_000));
        assert_eq!(millis(" 120000 "), Some(120_000));
        assert_eq!(millis("-5"), None);
        assert_eq!(millis("soon"), None);
    }
}
