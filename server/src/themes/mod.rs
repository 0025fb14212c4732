//! What children are telling the service, theme by theme. This part: the
//! service-wide list of themes the Children's Rights Officer keeps (a
//! manager may too): add, rename, retire, offer again. A theme is never
//! deleted.
//!
//! In the areas' shape: the operations here; `rules` (what a name must
//! be), `store` (the SQL; only it writes the `themes` table).

pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    themes::{Theme, ThemeForm, ThemesApi},
};

use crate::{
    accounts::{
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
}
