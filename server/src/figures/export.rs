//! The annual figures as sheets of a workbook: a sheet per table, with
//! its caption, its note, the columns' headings, and a row per figure with
//! its definition beside it. The figures are the page's, already through
//! the disclosure rule: counts are numbers a spreadsheet can add up, "c"
//! stays "c", and a share or a percentage reads as it does on the page.

use app::{
    disclosure::Cell,
    figures::{AnnualFigures, Figure, Measure, column_words, figure_words, row_words},
    i18n::Locale,
};
use rust_xlsxwriter::{Format, Workbook};

use crate::download::sheet_name;

/// Words for a spreadsheet: without the marks a page puts around values
/// so they read the right way in any language.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// A figure's number where it is one, for a spreadsheet to add up.
fn number(figure: Figure) -> Option<f64> {
    let whole = |n: i64| i32::try_from(n).ok().map(f64::from);
    match figure {
        Figure::Count(Cell::Shown(n)) | Figure::Rate(Some(n)) | Figure::Days(Measure::Of(n)) => {
            whole(n)
        }
        Figure::Tenths(Measure::Of(tenths)) => whole(tenths).map(|t| t / 10.0),
        _ => None,
    }
}

/// A sheet per table of the figures, numbered from `first`; the number
/// after the last.
pub fn add_sheets(
    book: &mut Workbook,
    figures: &AnnualFigures,
    locale: Locale,
    first: usize,
) -> anyhow::Result<usize> {
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_text_wrap();
    let mut number_of = first;
    for block in &figures.blocks {
        let caption = plain(&locale.text(&block.key));
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&caption, number_of))?;
        number_of += 1;
        sheet.write_string_with_format(0, 0, &caption, &bold)?;
        let mut row = 1u32;
        if block.noted {
            sheet.write_string(row, 0, plain(&locale.text(&format!("{}-note", block.key))))?;
            row += 1;
        }
        row += 1;
        let [this_year, last_year] = column_words(locale, block, figures.year);
        let headings = [
            locale.text("annual-figure"),
            this_year,
            last_year,
            locale.text("annual-definition"),
        ];
        for (c, heading) in (0u16..).zip(headings) {
            sheet.write_string_with_format(row, c, plain(&heading), &bold)?;
        }
        for line in &block.lines {
            row += 1;
            let (name, definition) = row_words(locale, &line.label);
            sheet.write_string_with_format(row, 0, plain(&name), &bold)?;
            for (c, figure) in [(1u16, line.this_year), (2, line.last_year)] {
                match number(figure) {
                    Some(n) => sheet.write_number(row, c, n)?,
                    None => sheet.write_string(
                        row,
                        c,
                        plain(&figure_words(locale, figure, figures.has_population)),
                    )?,
                };
            }
            if let Some(definition) = definition {
                sheet.write_string_with_format(row, 3, plain(&definition), &wrapped)?;
            }
        }
        sheet.set_column_width(0, 45)?;
        sheet.set_column_width(1, 22)?;
        sheet.set_column_width(2, 22)?;
        sheet.set_column_width(3, 80)?;
    }
    Ok(number_of)
}
