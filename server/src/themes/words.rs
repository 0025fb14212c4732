//! Children's words, used only with their say-so. The CRO (or a manager)
//! reads the answers children sent with "You can use my words" ticked, by
//! topic and theme, with the month they were sent and nothing that leads
//! back to the child, and picks quotes for a report. An answer's words
//! reach this page only while both the copy the child sent and what they
//! have now say yes: unticking takes them off at once.
//!
//! Reading them is reading what a child wrote: each child whose words are
//! shown (or downloaded) gets a note in the audit log, which their home
//! page shows them, as the privacy page promises.

use std::collections::BTreeMap;

use app::themes::{
    ChildWords, FiguresAsked, Words, WordsAsked,
    words::{PickForm, SHOWN_AT_MOST},
};
use time::Date;

use super::{figures, store};
use crate::{
    accounts::audit::{AuditAction, record},
    download::{Download, as_words},
    storage::{Db, iso_date},
};

/// The answers' words for what was asked, as of `on`, newest month first
/// (within a month, in no order that tells one day from another), and
/// whose they are (to note the reading).
async fn find(db: &Db, asked: &mut WordsAsked, on: Date) -> anyhow::Result<(Words, Vec<i64>)> {
    let mut period_asked = FiguresAsked {
        year: asked.year.clone(),
        quarter: asked.quarter.clone(),
        ..FiguresAsked::default()
    };
    let (span, _, year, _) = figures::resolve(&mut period_asked, on);
    asked.year = period_asked.year;
    asked.quarter = period_asked.quarter;
    if !app::vocabulary::TOPICS.contains(&asked.topic.as_str()) {
        asked.topic.clear();
    }
    let themes = store::list(db).await?;
    let theme: Option<i64> = asked
        .theme
        .parse()
        .ok()
        .filter(|id| themes.iter().any(|t| t.id == *id));
    asked.theme = theme.map(|id| id.to_string()).unwrap_or_default();
    let picked_only = asked.picked == "yes";
    if !picked_only {
        asked.picked.clear();
    }
    store::clear_stale_picks(db).await?;
    let wanted = store::WordsWanted {
        topic: Some(asked.topic.clone()).filter(|t| !t.is_empty()),
        theme,
        picked_only,
    };
    let mut found = store::words_found(db, span.millis(), &wanted, SHOWN_AT_MOST + 1).await?;
    let more = found.len() > SHOWN_AT_MOST;
    found.truncate(SHOWN_AT_MOST);
    let answers: Vec<i64> = found.iter().map(|f| f.answer_id).collect();
    let mut names: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (answer, name) in store::themes_of_answers(db, &answers).await? {
        names.entry(answer).or_default().push(name);
    }
    let children: Vec<i64> = found.iter().map(|f| f.child_id).collect();
    let mut words: Vec<ChildWords> = found
        .into_iter()
        .map(|f| ChildWords {
            month: iso_date(f.sent_at)
                .map(|day| day.chars().take(7).collect())
                .unwrap_or_default(),
            themes: names.remove(&f.answer_id).unwrap_or_default(),
            reference: f.reference,
            topic: f.topic,
            text: f.text,
            language: f.language,
            picked: f.picked,
        })
        .collect();
    // Newest month first; within a month by the random reference, so the
    // order says nothing finer than the month.
    words.sort_by(|a, b| {
        b.month
            .cmp(&a.month)
            .then_with(|| a.reference.cmp(&b.reference))
    });
    Ok((
        Words {
            asked: asked.clone(),
            period: span.period(),
            years: figures::years_to_show(db, on, year).await?,
            themes,
            words,
            more,
        },
        children,
    ))
}

/// Notes that `reader` read these children's words (once each).
async fn record_readings(db: &Db, reader: i64, mut children: Vec<i64>) -> anyhow::Result<()> {
    children.sort_unstable();
    children.dedup();
    if children.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for child in children {
        record(
            &mut *tx,
            Some(reader),
            AuditAction::ChildrensWordsRead,
            Some(crate::accounts::access::child_subject(child)),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The words page for `reader` (the CRO or a manager: the caller checks).
pub async fn words(db: &Db, reader: i64, mut asked: WordsAsked, on: Date) -> anyhow::Result<Words> {
    let (words, children) = find(db, &mut asked, on).await?;
    record_readings(db, reader, children).await?;
    Ok(words)
}

/// The words as asked, as CSV: month, topic, themes, words, picked.
pub async fn csv(
    db: &Db,
    reader: i64,
    mut asked: WordsAsked,
    on: Date,
    locale: app::i18n::Locale,
) -> anyhow::Result<Download> {
    let (words, children) = find(db, &mut asked, on).await?;
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    out.write_record([
        locale.text("words-csv-month"),
        locale.text("words-topic"),
        locale.text("words-theme"),
        locale.text("words-csv-words"),
        locale.text("words-picked"),
    ])?;
    for w in &words.words {
        out.write_record([
            w.month.clone(),
            locale.text(&format!("topic-{}", w.topic)),
            as_words(&w.themes.join(", ")),
            as_words(&w.text),
            if w.picked {
                locale.text("figures-yes-no-yes")
            } else {
                String::new()
            },
        ])?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    record_readings(db, reader, children).await?;
    let mut tx = db.begin_write().await?;
    record(
        &mut *tx,
        Some(reader),
        AuditAction::FiguresDownloaded,
        Some(format!(
            "themes:words:{}:{}",
            words.period.from, words.period.to
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(Download {
        file_name: format!(
            "childrens-words-{}-to-{}.csv",
            words.period.from, words.period.to
        ),
        content_type: "text/csv; charset=utf-8",
        bytes,
    })
}

/// Picks or unpicks one answer's words: `false` when there are no such
/// words with the child's say-so (taken back meanwhile, or never given).
pub async fn pick(db: &Db, picker: i64, form: &PickForm) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    let action = if form.pick == "yes" {
        if !store::words_with_say_so(&mut tx, &form.reference).await? {
            return Ok(false);
        }
        store::pick_words(&mut tx, &form.reference, picker).await?;
        AuditAction::WordsPicked
    } else {
        if !store::unpick_words(&mut tx, &form.reference).await? {
            return Ok(false);
        }
        AuditAction::WordsUnpicked
    };
    record(&mut *tx, Some(picker), action, None).await?;
    tx.commit().await?;
    Ok(true)
}
