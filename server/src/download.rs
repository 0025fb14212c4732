//! A file to download (a table as CSV, a workbook), and what keeps a
//! spreadsheet from running what someone typed.

/// A file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A cell a spreadsheet must not take for a formula: words someone wrote
/// that start like one are kept as words.
pub fn as_words(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::as_words;

    #[test]
    fn words_that_look_like_formulas_stay_words() {
        assert_eq!(as_words("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(as_words("@sum"), "'@sum");
        assert_eq!(as_words("CR-1234"), "CR-1234");
    }
}
