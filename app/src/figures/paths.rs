//! Every address of the figures area.

/// The annual report figures (GET; the year is its query).
pub const ANNUAL: &str = "/figures";
/// The reviews of a year for the case-management system, as CSV (GET,
/// managers; the year is its query).
pub const REVIEWS_CSV: &str = "/figures/reviews.csv";

/// The whole year as one Excel workbook, the themes chapter included
/// (GET; the `annual_pack` composite serves it).
pub const PACK: &str = "/figures/pack.xlsx";
/// The whole year on one page to print on A4 (GET; the `annual_pack`
/// composite).
pub const PRINT: &str = "/figures/print";

/// The figures page for a financial year.
pub fn annual(year: i32) -> String {
    format!("{ANNUAL}?year={year}")
}

/// The reviews CSV for a financial year.
pub fn reviews_csv(year: i32) -> String {
    format!("{REVIEWS_CSV}?year={year}")
}

/// The workbook for a financial year.
pub fn pack(year: i32) -> String {
    format!("{PACK}?year={year}")
}

/// The printable page for a financial year.
pub fn print(year: i32) -> String {
    format!("{PRINT}?year={year}")
}
