//! The themes page's tables as files: one table as CSV, or every table as
//! an Excel workbook. Each opens with what it counts: the period and the
//! one beside it, the children chosen, the rule for small numbers and when
//! it was made. The counts are the page's, already through the disclosure
//! rule: nothing here sees a child.

use app::{
    disclosure::{Cell, Preset},
    i18n::Locale,
    themes::{Figures, Label, Table},
};
use rust_xlsxwriter::{Format, Workbook};

use crate::download::{Download, sheet_name};

/// One cell of a file: words, or a number a spreadsheet can add up.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Text(String),
    Number(i64),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(text) => plain(text),
            Value::Number(n) => n.to_string(),
        }
    }
}

impl From<Cell> for Value {
    fn from(cell: Cell) -> Value {
        match cell {
            Cell::Shown(n) => Value::Number(n),
            Cell::Hidden => Value::Text(cell.text()),
        }
    }
}

/// A table's name in addresses and files: its key without `figures-`.
pub fn name_of(table: &Table) -> &str {
    table.key.strip_prefix("figures-").unwrap_or(&table.key)
}

fn words(locale: Locale, label: &Label) -> String {
    match label {
        Label::Key(key) => locale.text(key),
        Label::Name(name) => name.clone(),
    }
}

/// Words for a file: without the marks a page puts around values so they
/// read the right way in any language (a spreadsheet shows them as junk).
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// What the file counts, as (label, value) lines.
fn about(figures: &Figures, locale: Locale, made: &str) -> Vec<(String, String)> {
    let asked = &figures.asked;
    let chosen: Vec<String> = [
        ("figures-age", &asked.age, Some("figures-age-")),
        ("figures-gender", &asked.gender, Some("gender-")),
        ("figures-ethnicity", &asked.ethnicity, None),
        ("figures-placement", &asked.placement, None),
        (
            "figures-disability",
            &asked.disability,
            Some("figures-yes-no-"),
        ),
        ("figures-uasc", &asked.uasc, Some("figures-yes-no-")),
    ]
    .into_iter()
    .filter(|(_, value, _)| !value.is_empty())
    .map(|(label, value, prefix)| {
        let value = match prefix {
            Some(prefix) => locale.text(&format!("{prefix}{value}")),
            None => value.clone(),
        };
        format!("{}: {value}", locale.text(label))
    })
    .collect();
    let who = if chosen.is_empty() {
        locale.text("figures-everyone")
    } else {
        chosen.join("; ")
    };
    let rule = match figures.rule.preset {
        Preset::Dfe => "figures-export-rule-dfe",
        Preset::Ons => "figures-export-rule-ons",
    };
    let mut lines = vec![
        (locale.text("figures-heading"), String::new()),
        (
            locale.text("figures-export-period"),
            format!("{} – {}", figures.period.from, figures.period.to),
        ),
        (
            locale.text("figures-export-before"),
            format!("{} – {}", figures.previous.from, figures.previous.to),
        ),
        (locale.text("figures-who"), who),
    ];
    if !asked.by.is_empty() {
        lines.push((
            locale.text("figures-by"),
            locale.text(&format!("figures-{}", asked.by)),
        ));
    }
    lines.push((
        locale.text("figures-export-rule"),
        format!(
            "{}. {}",
            locale.text(rule),
            locale.text_with("figures-c", &[("n", figures.rule.fewer_than.to_string())])
        ),
    ));
    lines.push((locale.text("figures-export-made"), made.to_owned()));
    lines
}

/// A table as rows of cells: its caption, its heading row, a row per
/// group and its totals row when it has one.
fn rows_of(table: &Table, locale: Locale) -> Vec<Vec<Value>> {
    let mut heading = vec![Value::Text(
        locale.text(&format!("{}-rows", table.key.trim_end_matches("-before"))),
    )];
    heading.extend(table.columns.iter().map(|c| Value::Text(words(locale, c))));
    if table.row_totals.is_some() {
        heading.push(Value::Text(locale.text("figures-total")));
    }
    let mut rows = vec![vec![Value::Text(locale.text(&table.key))], heading];
    for (r, label) in table.rows.iter().enumerate() {
        let mut row = vec![Value::Text(words(locale, label))];
        row.extend(
            table
                .cells
                .get(r)
                .into_iter()
                .flatten()
                .map(|c| Value::from(*c)),
        );
        if let Some(total) = table.row_totals.as_ref().and_then(|t| t.get(r)) {
            row.push(Value::from(*total));
        }
        rows.push(row);
    }
    if let Some(totals) = &table.column_totals {
        let mut row = vec![Value::Text(locale.text("figures-total"))];
        row.extend(totals.iter().map(|c| Value::from(*c)));
        rows.push(row);
    }
    rows
}

fn file_name(figures: &Figures, what: &str, extension: &str) -> String {
    format!(
        "what-children-are-telling-us-{what}-{}-to-{}.{extension}",
        figures.period.from, figures.period.to
    )
}

/// One table of the page as CSV (UTF-8 with a byte-order mark, so
/// spreadsheets read every language's letters); `None` if the page has no
/// table of that name.
pub fn csv(
    figures: &Figures,
    table: &str,
    locale: Locale,
    made: &str,
) -> anyhow::Result<Option<Download>> {
    let Some(found) = figures.tables().into_iter().find(|t| name_of(t) == table) else {
        return Ok(None);
    };
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer("\u{feff}".as_bytes().to_vec());
    for (label, value) in about(figures, locale, made) {
        writer.write_record([plain(&label), plain(&value)])?;
    }
    writer.write_record([""])?;
    for row in rows_of(found, locale) {
        writer.write_record(row.iter().map(Value::text))?;
    }
    Ok(Some(Download {
        file_name: file_name(figures, table, "csv"),
        content_type: "text/csv; charset=utf-8",
        bytes: writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    }))
}

/// Every table of the page as an Excel workbook: a sheet saying what it
/// counts, then a sheet per table.
pub fn workbook(figures: &Figures, locale: Locale, made: &str) -> anyhow::Result<Download> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let about_sheet = book.add_worksheet();
    about_sheet.set_name(sheet_name(&locale.text("figures-export-sheet-about"), 0))?;
    for (row, (label, value)) in (0u32..).zip(about(figures, locale, made)) {
        about_sheet.write_string_with_format(row, 0, plain(&label), &bold)?;
        about_sheet.write_string(row, 1, plain(&value))?;
    }
    about_sheet.set_column_width(0, 30)?;
    about_sheet.set_column_width(1, 80)?;
    add_sheets(&mut book, figures, locale, 1)?;
    Ok(Download {
        file_name: file_name(figures, "all", "xlsx"),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: book.save_to_buffer()?,
    })
}

/// A sheet per table of the page, numbered from `first`; the number after
/// the last.
pub fn add_sheets(
    book: &mut Workbook,
    figures: &Figures,
    locale: Locale,
    first: usize,
) -> anyhow::Result<usize> {
    let bold = Format::new().set_bold();
    let mut number = first;
    for table in figures.tables() {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&plain(&locale.text(&table.key)), number))?;
        number += 1;
        for (r, row) in (0u32..).zip(rows_of(table, locale)) {
            for (c, value) in (0u16..).zip(row) {
                let heading = r < 2 || c == 0;
                match (value, heading) {
                    (Value::Number(n), _) => {
                        let n = i32::try_from(n).map_or(f64::MAX, f64::from);
                        sheet.write_number(r, c, n)?;
                    }
                    (Value::Text(text), true) => {
                        sheet.write_string_with_format(r, c, plain(&text), &bold)?;
                    }
                    (Value::Text(text), false) => {
                        sheet.write_string(r, c, plain(&text))?;
                    }
                }
            }
        }
        sheet.set_column_width(0, 40)?;
    }
    Ok(number)
}
