//! Accounts: the people who can sign in, the passphrases that prove it,
//! sessions, sign-in throttling, and the audit log of it all.

pub mod audit;
pub mod home;
pub mod invitations;
pub mod passphrase;
pub mod second_factor;
pub mod sessions;
pub mod sign_in;

use anyhow::Context;
use secrecy::SecretString;

use crate::storage::{Db, now_millis};

pub use app::accounts::Role;

/// A new account's details.
pub struct NewAccount<'a> {
    pub role: Role,
    pub display_name: &'a str,
    pub sign_in_name: &'a str,
    pub email: Option<&'a str>,
    pub passphrase: SecretString,
}

/// Creates an account with a passphrase already chosen (the admin command
/// and demo data; people otherwise arrive through invitations).
pub async fn create_account(db: &Db, new: NewAccount<'_>) -> anyhow::Result<i64> {
    let hash = passphrase::hash(new.passphrase).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (role, display_name, sign_in_name, email, passphrase_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.role.as_str())
    .bind(new.display_name)
    .bind(normalise_sign_in_name(new.sign_in_name))
    .bind(new.email)
    .bind(hash)
    .bind(now_millis())
    .fetch_one(db.pool())
    .await
    .context("could not create the account (is the sign-in name already taken?)")?;
    Ok(id)
}

/// How many managers exist; the first one is made from the command line.
pub async fn count_managers(db: &Db) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE role = 'manager'")
            .fetch_one(db.pool())
            .await?,
    )
}

/// Sign-in names and emails match whatever their case or surrounding space.
pub fn normalise_sign_in_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// An account's role.
pub async fn role_of(db: &Db, account_id: i64) -> anyhow::Result<Option<Role>> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}
