//! What children are telling the service, theme by theme. This part: the
//! service-wide list of themes the Children's Rights Officer keeps (a
//! manager may too): add, rename, retire, offer again. A theme is never
//! deleted. And the tags: the IRO tags each answer a child sent with the
//! themes in it.
//!
//! In the areas' shape: the operations here; `rules` (what a name must
//! be), `store` (the SQL; only it writes the `themes` table).

pub mod export;
pub mod figures;
pub mod rules;
pub mod saying;
pub mod store;
pub mod words;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    themes::{
        AnswerTags, Figures, FiguresAsked, PickForm, Saying, Tagging, Theme, ThemeForm, ThemesApi,
        Words, WordsAsked,
    },
};

use crate::{
    accounts::{
        access::words_access,
        audit::{AuditAction, record},
        for_page,
    },
    storage::Db,
};
pub use rules::Problems;

/// Who keeps the list: the Children's Rights Officer, and managers.
fn keeps_the_list(user: &CurrentUser) -> bool {
    matches!(user.role, Role::ChildrensRightsOfficer | Role::Manager)
}

/// A change to a theme already on the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Retire,
    Restore,
}

/// Adds a theme (`theme_id: None`) or renames one. `Ok(None)` when the
/// person does not keep the list or there is no such theme.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    theme_id: Option<i64>,
    form: &ThemeForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !keeps_the_list(user) {
        return Ok(None);
    }
    let name = rules::tidy(&form.name);
    let key = rules::key_of(&name);
    let mut tx = db.begin_write().await?;
    if let Some(id) = theme_id
        && !store::exists(&mut tx, id).await?
    {
        return Ok(None);
    }
    let taken = store::key_taken(&mut tx, &key, theme_id).await?;
    let problems = rules::check_name(&name, taken);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let (id, action) = match theme_id {
        Some(id) => {
            store::rename(&mut tx, id, &name, &key).await?;
            (id, AuditAction::ThemeRenamed)
        }
        None => (
            store::add(&mut tx, &name, &key).await?,
            AuditAction::ThemeAdded,
        ),
    };
    record(
        &mut *tx,
        Some(user.account_id),
        action,
        Some(format!("theme:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// Retires a theme or offers it again. `Ok(None)` when the person does not
/// keep the list or there is no such theme.
pub async fn change(
    db: &Db,
    user: &CurrentUser,
    theme_id: i64,
    change: Change,
) -> anyhow::Result<Option<()>> {
    if !keeps_the_list(user) {
        return Ok(None);
    }
    let mut tx = db.begin_write().await?;
    if !store::exists(&mut tx, theme_id).await? {
        return Ok(None);
    }
    let action = match change {
        Change::Retire => AuditAction::ThemeRetired,
        Change::Restore => AuditAction::ThemeRestored,
    };
    store::set_retired(&mut tx, theme_id, change == Change::Retire).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        action,
        Some(format!("theme:{theme_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(()))
}

/// What a child's sent answers are tagged with, and the themes offered:
/// for someone who may read the child's words (their IRO, a manager
/// covering or who has opened the record), else `None`.
pub async fn tagging(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<Tagging>> {
    if words_access(db, user, child_id).await?.is_none() {
        return Ok(None);
    }
    let tags = store::tags_of_child(db, child_id).await?;
    let answers: Vec<AnswerTags> = store::sent_answers(db, child_id)
        .await?
        .into_iter()
        .map(|(answer_id, topic)| AnswerTags {
            answer_id,
            topic,
            theme_ids: tags
                .iter()
                .filter(|(answer, _)| *answer == answer_id)
                .map(|(_, theme)| *theme)
                .collect(),
        })
        .collect();
    let offered = store::list(db)
        .await?
        .into_iter()
        .filter(|theme| !theme.retired || answers.iter().any(|a| a.theme_ids.contains(&theme.id)))
        .collect();
    Ok(Some(Tagging { offered, answers }))
}

/// Sets the themes of one answer a child sent in their latest
/// consultation to `theme_ids`: tags kept stay as they were (who, when),
/// new ones are the person's, now. A retired theme can be kept but not
/// newly given. Gives the answer's topic. `Ok(None)` when the person may not read the child's
/// words, the answer is not one of the child's sent answers shown on the
/// summary, or a theme is not on offer.
pub async fn tag(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    answer_id: i64,
    theme_ids: &[i64],
) -> anyhow::Result<Option<String>> {
    if words_access(db, user, child_id).await?.is_none() {
        return Ok(None);
    }
    let Some((_, topic)) = store::sent_answers(db, child_id)
        .await?
        .into_iter()
        .find(|(id, _)| *id == answer_id)
    else {
        return Ok(None);
    };
    let themes = store::list(db).await?;
    let mut tx = db.begin_write().await?;
    let had = store::tags_of_answer(&mut tx, answer_id).await?;
    let offered = |id: &i64| {
        themes
            .iter()
            .any(|theme| theme.id == *id && (!theme.retired || had.contains(id)))
    };
    if !theme_ids.iter().all(offered) {
        return Ok(None);
    }
    // Taken off (false) and given (true), in the themes' order: each
    // change counts in the consultation's row for that theme, so two IROs
    // tagging one consultation at once take those rows in the same order.
    let mut changes: Vec<(i64, bool)> = had
        .iter()
        .filter(|id| !theme_ids.contains(id))
        .map(|id| (*id, false))
        .chain(
            theme_ids
                .iter()
                .filter(|id| !had.contains(id))
                .map(|id| (*id, true)),
        )
        .collect();
    changes.sort_unstable();
    changes.dedup();
    for (theme, given) in changes {
        if given {
            store::add_tag(&mut tx, answer_id, theme, user.account_id).await?;
        } else {
            store::remove_tag(&mut tx, answer_id, theme).await?;
        }
    }
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AnswerTagged,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(topic))
}

/// What to download from the themes page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wanted {
    /// One table, by its name (`sent`, `feelings`...), as CSV.
    Csv(String),
    /// Every table, as an Excel workbook.
    Workbook,
}

/// A download of the themes page's figures, in the person's language:
/// for the CRO and managers only, and recorded (what, never who it
/// counts). `Ok(None)` for anyone else, or a table the page does not have.
pub async fn download(
    db: &Db,
    user: &CurrentUser,
    asked: FiguresAsked,
    wanted: Wanted,
    locale: app::i18n::Locale,
) -> anyhow::Result<Option<crate::download::Download>> {
    if !keeps_the_list(user) {
        return Ok(None);
    }
    let rule = crate::storage::settings::disclosure_rule(db).await?;
    let figures = figures::figures_today(db, asked, rule).await?;
    let made = time::OffsetDateTime::now_utc();
    let made = format!(
        "{} {:02}:{:02} UTC",
        crate::storage::iso_date_of(made.date()),
        made.hour(),
        made.minute()
    );
    let (file, what) = match &wanted {
        Wanted::Csv(table) => (
            export::csv(&figures, table, locale, &made)?,
            format!("csv:{table}"),
        ),
        Wanted::Workbook => (
            Some(export::workbook(&figures, locale, &made)?),
            "xlsx".to_owned(),
        ),
    };
    if file.is_some() {
        let mut tx = db.begin_write().await?;
        record(
            &mut *tx,
            Some(user.account_id),
            AuditAction::FiguresDownloaded,
            Some(format!(
                "themes:{what}:{}:{}",
                figures.period.from, figures.period.to
            )),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(file)
}

/// The themes over the database.
pub struct ThemesService {
    pub db: Db,
}

impl ThemesApi for ThemesService {
    fn list<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<Theme>> {
        Box::pin(async move {
            if !keeps_the_list(user) {
                return Err(Refusal::NotFound);
            }
            for_page(store::list(&self.db).await.map(Some), "the list of themes")
        })
    }

    fn figures<'a>(&'a self, user: &'a CurrentUser, asked: FiguresAsked) -> Pending<'a, Figures> {
        Box::pin(async move {
            if !keeps_the_list(user) {
                return Err(Refusal::NotFound);
            }
            let figures = async {
                let rule = crate::storage::settings::disclosure_rule(&self.db).await?;
                figures::figures_today(&self.db, asked, rule).await
            };
            for_page(figures.await.map(Some), "the themes page")
        })
    }

    fn words<'a>(&'a self, user: &'a CurrentUser, asked: WordsAsked) -> Pending<'a, Words> {
        Box::pin(async move {
            if !keeps_the_list(user) {
                return Err(Refusal::NotFound);
            }
            let words =
                words::words(&self.db, user.account_id, asked, crate::calendar::today()).await;
            for_page(words.map(Some), "children's words")
        })
    }
}

/// What children on an IRO's caseload are saying this financial year,
/// beside the whole service, for their home page (the caller is the IRO).
pub async fn caseload_saying(db: &Db, iro: &CurrentUser) -> anyhow::Result<Saying> {
    let rule = crate::storage::settings::disclosure_rule(db).await?;
    saying::saying(db, iro.account_id, rule, crate::calendar::today()).await
}

/// Picks or unpicks a child's words as a quote (the CRO and managers):
/// `Ok(None)` for anyone else; `Ok(Some(false))` when the words are no
/// longer there to pick.
pub async fn pick(db: &Db, user: &CurrentUser, form: &PickForm) -> anyhow::Result<Option<bool>> {
    if !keeps_the_list(user) {
        return Ok(None);
    }
    Ok(Some(words::pick(db, user.account_id, form).await?))
}

/// The words asked for, as CSV (the CRO and managers; `Ok(None)` for
/// anyone else).
pub async fn words_csv(
    db: &Db,
    user: &CurrentUser,
    asked: WordsAsked,
    locale: app::i18n::Locale,
) -> anyhow::Result<Option<crate::download::Download>> {
    if !keeps_the_list(user) {
        return Ok(None);
    }
    Ok(Some(
        words::csv(db, user.account_id, asked, crate::calendar::today(), locale).await?,
    ))
}
