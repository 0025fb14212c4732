//! Accounts: the people who can sign in, the passphrases that prove it,
//! sessions, sign-in throttling, and the audit log of it all.

pub mod access;
pub mod audit;
pub mod away;
pub mod children;
pub mod invitations;
pub mod passphrase;
pub mod preferences;
pub mod reset;
pub mod schedule;
pub mod second_factor;
pub mod service;
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

/// A page's data as the page gets it: what was loaded, "not found" for a
/// record that is not there or not this person's, and "unavailable" (with
/// the error logged, never shown) when the database failed.
pub fn for_page<T>(
    result: anyhow::Result<Option<T>>,
    what: &str,
) -> Result<T, app::accounts::Refusal> {
    match result {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(app::accounts::Refusal::NotFound),
        Err(error) => {
            tracing::error!(error = %error, "{what} could not be loaded");
            Err(app::accounts::Refusal::Unavailable)
        }
    }
}

/// Sign-in names and emails match whatever their case or surrounding space.
pub fn normalise_sign_in_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether the text is a usable email address (what a mail server would
/// accept, and short enough to store).
pub fn is_email_address(text: &str) -> bool {
    let text = text.trim();
    text.len() <= 254 && text.parse::<lettre::Address>().is_ok()
}

/// An account's role.
pub async fn role_of(db: &Db, account_id: i64) -> anyhow::Result<Option<Role>> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

/// What a manager can do to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountChange {
    /// The account can no longer sign in, and its sessions end at once.
    Disable,
    Enable,
    /// Clears failed sign-ins, lifting a lock.
    Unlock,
}

/// A manager changes an account. `false` when the account does not exist,
/// the person is not a manager, or a manager tries to disable themself.
pub async fn change_account(
    db: &Db,
    manager: &app::accounts::CurrentUser,
    account_id: i64,
    change: AccountChange,
) -> anyhow::Result<bool> {
    use audit::{AuditAction, record};
    if manager.role != Role::Manager
        || (change == AccountChange::Disable && manager.account_id == account_id)
    {
        return Ok(false);
    }
    if role_of(db, account_id).await?.is_none() {
        return Ok(false);
    }
    let action = match change {
        AccountChange::Disable => {
            sqlx::query(
                "UPDATE accounts SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL",
            )
            .bind(now_millis())
            .bind(account_id)
            .execute(db.pool())
            .await?;
            sessions::end_all(db, account_id).await?;
            AuditAction::AccountDisabled
        }
        AccountChange::Enable => {
            sqlx::query("UPDATE accounts SET disabled_at = NULL WHERE id = $1")
                .bind(account_id)
                .execute(db.pool())
                .await?;
            AuditAction::AccountEnabled
        }
        AccountChange::Unlock => {
            sign_in::unlock(db, account_id).await?;
            AuditAction::AccountUnlocked
        }
    };
    record(
        db.pool(),
        Some(manager.account_id),
        action,
        Some(format!("account:{account_id}")),
    )
    .await?;
    Ok(true)
}

/// Problems with a passphrase change, as message keys: (current, new).
pub type ChangeProblems = (Option<&'static str>, Option<&'static str>);

/// Changes a signed-in person's own passphrase after checking the current
/// one (wrong tries count towards the sign-in lock). Every other session
/// of theirs ends; the one with `keep_token` carries on.
pub async fn change_passphrase(
    db: &Db,
    user: &app::accounts::CurrentUser,
    keep_token: &str,
    current: SecretString,
    new: SecretString,
    authority_name: &str,
) -> anyhow::Result<Result<(), ChangeProblems>> {
    use audit::{AuditAction, record};
    use secrecy::ExposeSecret;
    let (name, stored): (String, Option<String>) =
        sqlx::query_as("SELECT sign_in_name, passphrase_hash FROM accounts WHERE id = $1")
            .bind(user.account_id)
            .fetch_one(db.pool())
            .await?;
    let policy = sign_in::SignInPolicy::default();
    let locked = sign_in::is_locked(db, &policy, &name).await?;
    let right = match stored.filter(|_| !locked) {
        Some(hash) => passphrase::verify(current, hash).await?,
        None => false,
    };
    let new_problem = passphrase::check_new(new.expose_secret(), authority_name).err();
    if !right || new_problem.is_some() {
        if !right {
            sign_in::record_failure(db, &name).await?;
            record(
                db.pool(),
                Some(user.account_id),
                AuditAction::PassphraseChangeRefused,
                None,
            )
            .await?;
        }
        return Ok(Err((
            (!right).then_some("passphrase-change-wrong"),
            new_problem.map(|p| p.message_key()),
        )));
    }
    let hash = passphrase::hash(new).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE accounts SET passphrase_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user.account_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(user.account_id)
        .bind(sessions::hash_token(keep_token))
        .execute(&mut *tx)
        .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::PassphraseChanged,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
