//! What a person chose for themselves: their language and simpler mode.
//! The browser keeps a copy in cookies (the pages read those), and the
//! account keeps the choice so it comes back at every sign-in, on any
//! phone, even after "Exit this page" cleared the browser's copy. Also
//! whether a child has been shown how "Exit this page" works.

use app::i18n::Locale;
use sqlx::Row;

use crate::storage::{Db, now_millis};

/// A person's saved choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Preferences {
    /// `None`: the browser's own language.
    pub language: Option<Locale>,
    pub simpler: bool,
    /// Whether they have been shown how "Exit this page" works.
    pub exit_explained: bool,
}

pub async fn get(db: &Db, account_id: i64) -> anyhow::Result<Preferences> {
    let row =
        sqlx::query("SELECT language, simpler, exit_explained_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?;
    let Some(row) = row else {
        return Ok(Preferences::default());
    };
    Ok(Preferences {
        language: row
            .try_get::<Option<String>, _>(0)?
            .as_deref()
            .and_then(Locale::from_code),
        simpler: row.try_get::<i64, _>(1)? == 1,
        exit_explained: row.try_get::<Option<i64>, _>(2)?.is_some(),
    })
}

pub async fn set_language(db: &Db, account_id: i64, language: Locale) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET language = $1 WHERE id = $2")
        .bind(language.code())
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_simpler(db: &Db, account_id: i64, on: bool) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET simpler = $1 WHERE id = $2")
        .bind(i64::from(on))
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The child has read how "Exit this page" works; the first time only.
pub async fn mark_exit_explained(db: &Db, account_id: i64) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE accounts SET exit_explained_at = $1 WHERE id = $2 AND exit_explained_at IS NULL",
    )
    .bind(now_millis())
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
