//! Every address of the figures area.

/// The annual report figures (GET; the year is its query).
pub const ANNUAL: &str = "/figures";
/// The reviews of a year for the case-management system, as CSV (GET,
/// managers; the year is its query).
pub const REVIEWS_CSV: &str = "/figures/reviews.csv";

/// The figures page for a financial year.
pub fn annual(year: i32) -> String {
    format!("{ANNUAL}?year={year}")
}

/// The reviews CSV for a financial year.
pub fn reviews_csv(year: i32) -> String {
    format!("{REVIEWS_CSV}?year={year}")
}
