//! The annual report pack for a financial year: the figures area's tables
//! and, as its own chapter, the themes area's tables for the same year,
//! on one printable page and in one workbook. A composite: it asks each
//! area for its part, each already through the disclosure rule. Managers
//! and the Children's Rights Officer; every download is in the audit log.

use app::{
    accounts::{CurrentUser, Pending},
    annual_pack::{AnnualPackApi, Pack},
    disclosure::Preset,
    figures::{AnnualAsked, year_words},
    i18n::Locale,
    themes::FiguresAsked,
};
use rust_xlsxwriter::{Format, Workbook};
use time::Date;

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page,
    },
    calendar::today,
    download::{Download, sheet_name},
    escalations, figures,
    storage::{Db, iso_date_of},
    themes,
};

/// The pack as of `today`; `None` for anyone but a manager or the CRO.
pub async fn pack(
    db: &Db,
    user: &CurrentUser,
    asked: &AnnualAsked,
    today: Date,
) -> anyhow::Result<Option<Pack>> {
    if !figures::may_read(user) {
        return Ok(None);
    }
    let figures = figures::annual(db, user, asked, today).await?;
    // The themes of the same financial year, for every child.
    let chosen = FiguresAsked {
        year: figures.year.to_string(),
        ..FiguresAsked::default()
    };
    let themes = themes::figures::figures(db, chosen, figures.rule, today).await?;
    // The escalations of the same year, without each IRO's footprint (a
    // manager's view, not the report's).
    let calendar = crate::calendar::load_calendar(db).await?;
    let escalations = escalations::figures::for_year(db, &calendar, figures.year)
        .await?
        .tables
        .into_iter()
        .filter(|t| t.key != escalations::figures::FOOTPRINT)
        .collect();
    Ok(Some(Pack {
        figures,
        themes,
        escalations,
    }))
}

/// The pack as one workbook: a sheet saying what it is, a sheet per table
/// of the figures (definitions beside them), then the themes chapter's.
/// Recorded in the audit log (the year, never who it counts).
pub async fn workbook(
    db: &Db,
    user: &CurrentUser,
    asked: &AnnualAsked,
    locale: Locale,
) -> anyhow::Result<Option<Download>> {
    let Some(pack) = pack(db, user, asked, today()).await? else {
        return Ok(None);
    };
    let year = pack.figures.year;
    let (from, to) = (format!("{year}-04-01"), format!("{}-03-31", year + 1));
    let made = time::OffsetDateTime::now_utc();
    let made = format!(
        "{} {:02}:{:02} UTC",
        iso_date_of(made.date()),
        made.hour(),
        made.minute()
    );
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let rule = pack.figures.rule;
    let rule_words = match rule.preset {
        Preset::Dfe => "figures-export-rule-dfe",
        Preset::Ons => "figures-export-rule-ons",
    };
    let mut about = vec![
        (locale.text("annual-heading"), String::new()),
        (locale.text("figures-year"), year_words(locale, year)),
        (
            locale.text("figures-export-rule"),
            format!(
                "{}. {}",
                locale.text(rule_words),
                locale.text_with("figures-c", &[("n", rule.fewer_than.to_string())])
            ),
        ),
        (locale.text("figures-export-made"), made),
        (String::new(), locale.text("annual-explain")),
        (
            String::new(),
            locale.text_with(
                "annual-print-themes-explain",
                &[("year", year_words(locale, year))],
            ),
        ),
    ];
    if let Some(day) = &pack.figures.so_far {
        about.push((
            String::new(),
            locale.text_with("annual-so-far", &[("date", day.clone())]),
        ));
    }
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&locale.text("figures-export-sheet-about"), 0))?;
    for (row, (label, value)) in (0u32..).zip(about) {
        let clean = |t: &str| t.replace(['\u{2068}', '\u{2069}'], "");
        sheet.write_string_with_format(row, 0, clean(&label), &bold)?;
        sheet.write_string(row, 1, clean(&value))?;
    }
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 100)?;
    let next = figures::export::add_sheets(&mut book, &pack.figures, locale, 1)?;
    let next = themes::export::add_sheets(&mut book, &pack.themes, locale, next)?;
    escalations::export::add_sheets(&mut book, &pack.escalations, locale, next)?;
    let bytes = book.save_to_buffer()?;

    let mut tx = db.begin_write().await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::FiguresDownloaded,
        Some(format!("figures:pack:{from}:{to}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Download {
        file_name: format!("annual-report-figures-{from}-to-{to}.xlsx"),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    }))
}

/// The pack over the database.
pub struct AnnualPackService {
    pub db: Db,
}

impl AnnualPackApi for AnnualPackService {
    fn pack<'a>(&'a self, user: &'a CurrentUser, asked: AnnualAsked) -> Pending<'a, Pack> {
        Box::pin(async move {
            for_page(
                pack(&self.db, user, &asked, today()).await,
                "the annual report pack",
            )
        })
    }
}
