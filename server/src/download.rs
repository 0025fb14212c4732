//! A file to download (a table as CSV, a workbook), what keeps a
//! spreadsheet from running what someone typed, and a sheet's name Excel
//! takes.

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

/// A sheet's name: numbered (so two never clash), without the characters
/// Excel refuses, and at most its 31 characters.
pub fn sheet_name(caption: &str, number: usize) -> String {
    let spaced: String = caption
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'' => ' ',
            c => c,
        })
        .collect();
    let clean = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = if number == 0 {
        clean
    } else {
        format!("{number} {clean}")
    };
    name.chars().take(31).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::{as_words, sheet_name};

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        assert_eq!(
            sheet_name("How children feel about each topic", 3),
            "3 How children feel about each"
        );
        assert_eq!(sheet_name("What: [this]/that?", 1), "1 What this that");
        assert_eq!(sheet_name("About", 0), "About");
    }

    #[test]
    fn words_that_look_like_formulas_stay_words() {
        assert_eq!(as_words("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(as_words("@sum"), "'@sum");
        assert_eq!(as_words("CR-1234"), "CR-1234");
    }
}
