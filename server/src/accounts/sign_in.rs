//! Checking a sign-in. Every failure looks the same from outside: one
//! message, and the same work (a real argon2 verification against a dummy
//! hash when the name is unknown or locked). Failures are counted by a hash
//! of the name typed, so names with and without an account slow down and
//! lock alike: a growing delay after 5 failures in an hour, and a soft lock
//! at 10 that lifts as the hour passes (or when a manager unlocks it).

use std::{net::IpAddr, time::Duration};

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use sqlx::Row;
use tokio::sync::OnceCell;

use super::{
    audit::{AuditAction, record},
    normalise_sign_in_name, passphrase,
};
use crate::storage::{Db, now_millis};

/// How hard sign-in pushes back on repeated failures.
#[derive(Clone, Copy, Debug)]
pub struct SignInPolicy {
    /// Failures in the window before any delay.
    pub free_failures: i64,
    /// Failures in the window at which the name is locked.
    pub lock_failures: i64,
    pub window_ms: i64,
    /// The delay grows by this much with each failure past the free ones.
    pub delay_step: Duration,
    pub max_delay: Duration,
}

impl Default for SignInPolicy {
    fn default() -> Self {
        SignInPolicy {
            free_failures: 5,
            lock_failures: 10,
            window_ms: 60 * 60 * 1000,
            delay_step: Duration::from_millis(500),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl SignInPolicy {
    /// The pause before answering, given the failures already counted.
    pub fn delay_for(&self, failures: i64) -> Duration {
        if failures < self.free_failures {
            return Duration::ZERO;
        }
        let steps = u32::try_from(failures - self.free_failures + 1).unwrap_or(u32::MAX);
        self.delay_step.saturating_mul(steps).min(self.max_delay)
    }
}

pub fn name_hash(name: &str) -> String {
    Sha256::digest(normalise_sign_in_name(name).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A hash of a random passphrase, checked when there is no real one, so an
/// unknown name costs the same as a known one.
async fn dummy_hash() -> anyhow::Result<String> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| async {
            let random: [u8; 16] = rand::random();
            passphrase::hash(SecretString::from(format!("{random:?}"))).await
        })
        .await
        .cloned()
}

/// Checks a name and passphrase. `Ok(Some(account id))` on success;
/// `Ok(None)` for every kind of failure.
pub async fn check(
    db: &Db,
    policy: &SignInPolicy,
    name: &str,
    passphrase_typed: SecretString,
) -> anyhow::Result<Option<i64>> {
    let key = name_hash(name);
    let now = now_millis();
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_failures WHERE name_hash = $1 AND at > $2",
    )
    .bind(&key)
    .bind(now - policy.window_ms)
    .fetch_one(db.pool())
    .await?;
    let delay = policy.delay_for(failures);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let locked = failures >= policy.lock_failures;

    let account = sqlx::query(
        "SELECT id, passphrase_hash, disabled_at FROM accounts WHERE sign_in_name = $1",
    )
    .bind(normalise_sign_in_name(name))
    .fetch_optional(db.pool())
    .await?;
    let (account_id, stored) = match account {
        Some(row) => {
            let id: i64 = row.try_get(0)?;
            let hash: Option<String> = row.try_get(1)?;
            let disabled: Option<i64> = row.try_get(2)?;
            (Some(id), hash.filter(|_| disabled.is_none()))
        }
        None => (None, None),
    };
    let usable = stored.filter(|_| !locked);
    let matched = match usable {
        Some(hash) => passphrase::verify(passphrase_typed, hash).await?,
        None => {
            // Same work, certain failure.
            let _ = passphrase::verify(passphrase_typed, dummy_hash().await?).await?;
            false
        }
    };

    let subject = account_id.map(|id| format!("account:{id}"));
    let mut tx = db.begin_write().await?;
    if matched {
        sqlx::query("DELETE FROM sign_in_failures WHERE name_hash = $1")
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        record(&mut *tx, account_id, AuditAction::SignIn, subject).await?;
    } else {
        sqlx::query("INSERT INTO sign_in_failures (name_hash, at) VALUES ($1, $2)")
            .bind(&key)
            .bind(now_millis())
            .execute(&mut *tx)
            .await?;
        let action = if locked {
            AuditAction::SignInRefusedLocked
        } else {
            AuditAction::SignInFailed
        };
        record(&mut *tx, None, action, subject).await?;
    }
    tx.commit().await?;
    Ok(account_id.filter(|_| matched))
}

/// Whether a name is locked by failures (passphrase or second factor).
pub async fn is_locked(db: &Db, policy: &SignInPolicy, name: &str) -> anyhow::Result<bool> {
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_failures WHERE name_hash = $1 AND at > $2",
    )
    .bind(name_hash(name))
    .bind(now_millis() - policy.window_ms)
    .fetch_one(db.pool())
    .await?;
    Ok(failures >= policy.lock_failures)
}

/// The name hashes locked right now.
pub async fn locked_name_hashes(
    db: &Db,
    policy: &SignInPolicy,
) -> anyhow::Result<std::collections::HashSet<String>> {
    let hashes: Vec<String> = sqlx::query_scalar(
        "SELECT name_hash FROM sign_in_failures WHERE at > $1 \
         GROUP BY name_hash HAVING COUNT(*) >= $2",
    )
    .bind(now_millis() - policy.window_ms)
    .bind(policy.lock_failures)
    .fetch_all(db.pool())
    .await?;
    Ok(hashes.into_iter().collect())
}

/// Counts a failed second-factor code against the name, like a wrong
/// passphrase.
pub async fn record_failure(db: &Db, name: &str) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (name_hash, at) VALUES ($1, $2)")
        .bind(name_hash(name))
        .bind(now_millis())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets failures older than the longest window they count in (a day,
/// to be generous): a name's failures are kept no longer than needed.
pub async fn purge_old_failures(db: &Db) -> anyhow::Result<u64> {
    let day_ago = now_millis() - 24 * 60 * 60 * 1000;
    Ok(sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
        .bind(day_ago)
        .execute(db.pool())
        .await?
        .rows_affected())
}

/// Lifts a lock early (a manager's action).
pub async fn unlock(db: &Db, account_id: i64) -> anyhow::Result<()> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT sign_in_name FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?;
    if let Some(name) = name {
        sqlx::query("DELETE FROM sign_in_failures WHERE name_hash = $1")
            .bind(name_hash(&name))
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

/// Sign-in, reset and invitation attempts per network address, counted in
/// the database before any hashing (so every server shares the count, and
/// one address cannot make the servers hash without limit). The address is
/// kept only as a keyed hash, and for no longer than the window.
pub struct AddressLimiter {
    db: Db,
    key: Vec<u8>,
    max_attempts: i64,
    window: Duration,
}

impl AddressLimiter {
    pub fn new(db: Db, key: &[u8], max_attempts: usize, window: Duration) -> AddressLimiter {
        AddressLimiter {
            db,
            key: key.to_vec(),
            max_attempts: i64::try_from(max_attempts).unwrap_or(i64::MAX),
            window,
        }
    }

    /// Counts an attempt; false when the address is over its limit (or
    /// when the count cannot be read: better a kind "try later" than
    /// unlimited guessing).
    pub async fn allow(&self, address: IpAddr) -> bool {
        match self.count(address).await {
            Ok(allowed) => allowed,
            Err(error) => {
                tracing::warn!(error = %error, "could not count attempts from an address");
                false
            }
        }
    }

    async fn count(&self, address: IpAddr) -> anyhow::Result<bool> {
        let hash =
            crate::config::keyed_hash(&self.key, &[b"address:", address.to_string().as_bytes()]);
        let now = now_millis();
        let since = now - i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX);
        let seen: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM address_attempts WHERE address_hash = $1 AND at > $2",
        )
        .bind(&hash)
        .bind(since)
        .fetch_one(self.db.pool())
        .await?;
        if seen >= self.max_attempts {
            return Ok(false);
        }
        sqlx::query("INSERT INTO address_attempts (address_hash, at) VALUES ($1, $2)")
            .bind(&hash)
            .bind(now)
            .execute(self.db.pool())
            .await?;
        Ok(true)
    }

    /// Forgets attempts older than the window; returns how many went.
    pub async fn purge(&self) -> anyhow::Result<u64> {
        let since = now_millis() - i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX);
        Ok(sqlx::query("DELETE FROM address_attempts WHERE at <= $1")
            .bind(since)
            .execute(self.db.pool())
            .await?
            .rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_grows_after_five_failures_and_is_capped() {
        let policy = SignInPolicy::default();
        assert_eq!(policy.delay_for(0), Duration::ZERO);
        assert_eq!(policy.delay_for(4), Duration::ZERO);
        assert_eq!(policy.delay_for(5), Duration::from_millis(500));
        assert_eq!(policy.delay_for(6), Duration::from_millis(1000));
        assert_eq!(policy.delay_for(100), Duration::from_secs(5));
    }

    #[test]
    fn names_match_whatever_their_case() {
        assert_eq!(name_hash("  Skyblue-Fox "), name_hash("skyblue-fox"));
        assert_ne!(name_hash("skyblue-fox"), name_hash("river-stone"));
    }
}
