//! The manager's counts as files: CSV, or a workbook with a sheet per
//! table. Each opens with the year counted, the rule for small numbers and
//! the day it was made. The counts are already through the disclosure
//! rule: nothing here sees a child.

use app::{
    disclosure::Cell,
    escalations::{CountTable, Label},
    i18n::Locale,
};
use rust_xlsxwriter::{Format, Workbook};

use super::figures::Counted;
use crate::download::{Download, as_words, sheet_name};

/// Words for a file, without the marks a page puts around values.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

fn words(locale: Locale, label: &Label) -> String {
    match label {
        Label::Key(key) => plain(&locale.text(key)),
        // An IRO's name as typed: kept from a spreadsheet's formulas.
        Label::Name(name) => as_words(name),
    }
}

/// A cell: a number a spreadsheet can add up, or "c".
enum Value {
    Text(String),
    Number(i64),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(n) => n.to_string(),
        }
    }
}

fn value(cell: Cell) -> Value {
    match cell {
        Cell::Shown(n) => Value::Number(n),
        Cell::Hidden => Value::Text(cell.text()),
    }
}

/// What the file counts, as (label, value) lines.
fn about(counted: &Counted, locale: Locale, made: &str) -> Vec<(String, String)> {
    let mut lines = vec![
        (
            plain(&locale.text("escalations-overview-title")),
            String::new(),
        ),
        (
            plain(&locale.text("figures-export-period")),
            format!("{} – {}", counted.from, counted.to),
        ),
        (
            plain(&locale.text("figures-export-rule")),
            plain(&locale.text_with("figures-c", &[("n", counted.fewer_than.to_string())])),
        ),
    ];
    if let Some(days) = counted.median_days {
        lines.push((plain(&locale.text("escalations-median")), days.to_string()));
    }
    lines.push((plain(&locale.text("figures-export-made")), made.to_owned()));
    lines
}

/// A table as rows: its caption, its heading row, a row per line, and its
/// totals row when it has one.
fn rows_of(table: &CountTable, locale: Locale) -> Vec<Vec<Value>> {
    let mut heading = vec![Value::Text(plain(
        &locale.text(&format!("{}-rows", table.key)),
    ))];
    heading.extend(table.columns.iter().map(|c| Value::Text(words(locale, c))));
    if table.percents.is_some() {
        heading.push(Value::Text(plain(&locale.text("escalations-column-share"))));
    }
    let mut rows = vec![vec![Value::Text(plain(&locale.text(&table.key)))], heading];
    for (r, label) in table.rows.iter().enumerate() {
        let mut row = vec![Value::Text(words(locale, label))];
        row.extend(table.cells[r].iter().map(|c| value(*c)));
        if let Some(percents) = &table.percents {
            row.push(match percents[r] {
                Some(p) => Value::Text(format!("{p}%")),
                None => Value::Text("c".into()),
            });
        }
        rows.push(row);
    }
    if let Some(totals) = &table.column_totals {
        let mut row = vec![Value::Text(plain(&locale.text("figures-total")))];
        row.extend(totals.iter().map(|c| value(*c)));
        rows.push(row);
    }
    rows
}

fn file_name(counted: &Counted, extension: &str) -> String {
    format!("escalations-{}-to-{}.{extension}", counted.from, counted.to)
}

/// Every table as one CSV (UTF-8 with a byte-order mark), a blank line
/// between tables.
pub fn csv(counted: &Counted, locale: Locale, made: &str) -> anyhow::Result<Download> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer("\u{feff}".as_bytes().to_vec());
    for (label, value) in about(counted, locale, made) {
        writer.write_record([label, value])?;
    }
    for table in &counted.tables {
        writer.write_record([""])?;
        for row in rows_of(table, locale) {
            writer.write_record(row.iter().map(Value::text))?;
        }
    }
    Ok(Download {
        file_name: file_name(counted, "csv"),
        content_type: "text/csv; charset=utf-8",
        bytes: writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
    })
}

/// A sheet per table, numbered from `first`; the next number.
pub fn add_sheets(
    book: &mut Workbook,
    tables: &[CountTable],
    locale: Locale,
    first: usize,
) -> anyhow::Result<usize> {
    let bold = Format::new().set_bold();
    let mut number = first;
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&plain(&locale.text(&table.key)), number))?;
        for (r, row) in (0u32..).zip(rows_of(table, locale)) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Value::Number(n) => {
                        sheet.write_number(r, c, n as f64)?;
                    }
                    Value::Text(text) if r < 2 => {
                        sheet.write_string_with_format(r, c, &text, &bold)?;
                    }
                    Value::Text(text) => {
                        sheet.write_string(r, c, &text)?;
                    }
                }
            }
        }
        sheet.set_column_width(0, 40)?;
        number += 1;
    }
    Ok(number)
}

/// A sheet saying what the file counts, then a sheet per table.
pub fn workbook(counted: &Counted, locale: Locale, made: &str) -> anyhow::Result<Download> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&locale.text("figures-export-sheet-about"), 0))?;
    for (row, (label, value)) in (0u32..).zip(about(counted, locale, made)) {
        sheet.write_string_with_format(row, 0, &label, &bold)?;
        sheet.write_string(row, 1, &value)?;
    }
    sheet.set_column_width(0, 40)?;
    add_sheets(&mut book, &counted.tables, locale, 1)?;
    Ok(Download {
        file_name: file_name(counted, "xlsx"),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: book.save_to_buffer()?,
    })
}
