//! Server-side sessions. The browser holds a random 256-bit token; the
//! database holds only its SHA-256, so a copy of the database opens no
//! session. A session ends after 30 minutes idle or 12 hours in all.

use app::accounts::{CurrentUser, Role};
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::storage::{Db, now_millis};

pub const IDLE_TIMEOUT_MS: i64 = 30 * 60 * 1000;
pub const ABSOLUTE_TIMEOUT_MS: i64 = 12 * 60 * 60 * 1000;
/// How stale `last_seen_at` may get before a request refreshes it: saves a
/// write on every page while keeping the idle timeout accurate to a minute.
const TOUCH_AFTER_MS: i64 = 60 * 1000;

/// A session token as the cookie carries it.
pub struct SessionToken(pub String);

impl SessionToken {
    fn new() -> SessionToken {
        let bytes: [u8; 32] = rand::random();
        SessionToken(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }
}

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// How far a session has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// Passphrase right; a member of staff must now set up their
    /// authenticator app.
    SetUp,
    /// Passphrase right; a member of staff must now enter a code.
    Code,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::SetUp => "set_up",
            Stage::Code => "code",
        }
    }
}

/// How long a half-signed-in session waits for the second factor.
pub const SECOND_STEP_TIMEOUT_MS: i64 = 10 * 60 * 1000;

/// Starts a new, fully signed-in session for the account, with a new token.
pub async fn start(db: &Db, account_id: i64) -> anyhow::Result<SessionToken> {
    start_at(db, account_id, Stage::Full).await
}

/// Starts a session at the given stage, with a new token.
pub async fn start_at(db: &Db, account_id: i64, stage: Stage) -> anyhow::Result<SessionToken> {
    let token = SessionToken::new();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, stage, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token.0))
    .bind(account_id)
    .bind(stage.as_str())
    .bind(now)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(token)
}

/// A session waiting for its second factor: the account and what is
/// still to do. `None` for anything else, or once 10 minutes have passed.
pub async fn check_second_step(
    db: &Db,
    token: &str,
) -> anyhow::Result<Option<(i64, String, Stage)>> {
    let row = sqlx::query(
        "SELECT s.account_id, a.sign_in_name, s.stage, s.created_at FROM sessions s \
         JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.stage <> 'full' AND a.disabled_at IS NULL",
    )
    .bind(hash_token(token))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let created_at: i64 = row.try_get(3)?;
    if now_millis() - created_at >= SECOND_STEP_TIMEOUT_MS {
        end(db, token).await?;
        return Ok(None);
    }
    let stage = match row.try_get::<String, _>(2)?.as_str() {
        "set_up" => Stage::SetUp,
        _ => Stage::Code,
    };
    Ok(Some((row.try_get(0)?, row.try_get(1)?, stage)))
}

/// The person a token belongs to, if the session is live. Expired sessions
/// and sessions of disabled accounts are removed on sight.
pub async fn check(db: &Db, token: &str) -> anyhow::Result<Option<CurrentUser>> {
    let hash = hash_token(token);
    let row = sqlx::query(
        "SELECT s.account_id, s.created_at, s.last_seen_at, a.role, a.display_name, a.disabled_at \
         FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.stage = 'full'",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let now = now_millis();
    let created_at: i64 = row.try_get(1)?;
    let last_seen_at: i64 = row.try_get(2)?;
    let disabled_at: Option<i64> = row.try_get(5)?;
    let role = Role::parse(&row.try_get::<String, _>(3)?);
    let expired = now - last_seen_at >= IDLE_TIMEOUT_MS || now - created_at >= ABSOLUTE_TIMEOUT_MS;
    let (false, None, Some(role)) = (expired, disabled_at, role) else {
        end(db, token).await?;
        return Ok(None);
    };
    if now - last_seen_at >= TOUCH_AFTER_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(CurrentUser {
        account_id: row.try_get(0)?,
        role,
        display_name: row.try_get(4)?,
    }))
}

/// Marks a live session as active now ("stay signed in").
pub async fn touch(db: &Db, token: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND stage = 'full'")
        .bind(now_millis())
        .bind(hash_token(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn end(db: &Db, token: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of an account (sign out everywhere, passphrase
/// changed, account disabled).
pub async fn end_all(db: &Db, account_id: i64) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// Removes every expired session; run periodically.
pub async fn purge_expired(db: &Db) -> anyhow::Result<u64> {
    let now = now_millis();
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2")
        .bind(now - IDLE_TIMEOUT_MS)
        .bind(now - ABSOLUTE_TIMEOUT_MS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_a_hash() {
        let a = SessionToken::new();
        let b = SessionToken::new();
        assert_ne!(a.0, b.0);
        assert!(a.0.len() >= 43, "256 bits in base64url");
        let hash = hash_token(&a.0);
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&a.0));
    }
}
