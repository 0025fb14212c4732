//! The accounts operations the pages call: the list of accounts, the IROs
//! to allocate, a child's record.

use app::accounts::{AccountRow, AccountsApi, ChildRecord, CurrentUser, Pending, Refusal, Role};
use sqlx::Row;

use crate::storage::Db;

/// The accounts operations the pages call, over the database.
pub struct AccountsService {
    pub db: Db,
}

pub(crate) fn unavailable(error: anyhow::Error) -> Refusal {
    tracing::error!(error = %error, "an accounts page could not be loaded");
    Refusal::Unavailable
}

impl AccountsApi for AccountsService {
    fn accounts<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<AccountRow>> {
        Box::pin(async move {
            if user.role != Role::Manager {
                return Err(Refusal::NotFound);
            }
            accounts(&self.db).await.map_err(unavailable)
        })
    }

    fn child_record<'a>(
        &'a self,
        user: &'a CurrentUser,
        child_id: i64,
    ) -> Pending<'a, ChildRecord> {
        Box::pin(async move {
            match super::children::load(&self.db, user, child_id).await {
                Ok(Some(record)) => Ok(record),
                Ok(None) => Err(Refusal::NotFound),
                Err(error) => Err(unavailable(error)),
            }
        })
    }

    fn iros<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<(i64, String)>> {
        Box::pin(async move {
            if user.role != Role::Manager {
                return Err(Refusal::NotFound);
            }
            iros(&self.db).await.map_err(unavailable)
        })
    }
}

async fn iros(db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE role = 'iro' AND disabled_at IS NULL ORDER BY display_name",
    )
    .fetch_all(db.pool())
    .await?)
}

async fn accounts(db: &Db) -> anyhow::Result<Vec<AccountRow>> {
    let locked =
        super::sign_in::locked_name_hashes(db, &super::sign_in::SignInPolicy::default()).await?;
    let rows = sqlx::query(
        "SELECT id, display_name, role, disabled_at, sign_in_name, passphrase_hash FROM accounts ORDER BY role, display_name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(role) = Role::parse(&row.try_get::<String, _>(2)?) else {
            continue;
        };
        let name: String = row.try_get(4)?;
        list.push(AccountRow {
            id: row.try_get(0)?,
            display_name: row.try_get(1)?,
            role,
            disabled: row.try_get::<Option<i64>, _>(3)?.is_some(),
            locked: locked.contains(&super::sign_in::name_hash(&name)),
            invited: row.try_get::<Option<String>, _>(5)?.is_none(),
        });
    }
    Ok(list)
}
