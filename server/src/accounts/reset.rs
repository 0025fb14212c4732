//! A forgotten passphrase, reset by the child themself: where their record
//! has their own email address, they ask by their sign-in name and get a
//! one-time link that lasts 30 minutes. The answer is the same whether or
//! not the name exists or has an address, only the link's hash is kept,
//! and asking is limited (3 links an hour for a name). Using the link sets
//! a new passphrase and ends every other session. Staff ask a manager.

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::{
    audit::{AuditAction, record},
    normalise_sign_in_name, passphrase, sessions,
};
use crate::{
    email::{self, Email},
    storage::{Db, now_millis},
};

/// How long an emailed link works.
pub const LINK_LASTS_MS: i64 = 30 * 60 * 1000;
/// Links one name may be sent in an hour.
pub const LINKS_PER_HOUR: i64 = 3;

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A child asks for a link. Sends one when the name is a child's with an
/// email address on their record and fewer than [`LINKS_PER_HOUR`] were
/// sent this hour; says nothing either way (the caller shows one answer).
pub async fn request(db: &Db, sign_in_name: &str, base_url: &str) -> anyhow::Result<()> {
    let found: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT a.id, c.email FROM accounts a JOIN children c ON c.account_id = a.id \
         WHERE a.sign_in_name = $1 AND a.role = 'child' AND a.disabled_at IS NULL",
    )
    .bind(normalise_sign_in_name(sign_in_name))
    .fetch_optional(db.pool())
    .await?;
    let Some((account_id, Some(to))) = found else {
        return Ok(());
    };
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM passphrase_resets WHERE account_id = $1 AND created_at > $2",
    )
    .bind(account_id)
    .bind(now - 60 * 60 * 1000)
    .fetch_one(&mut *tx)
    .await?;
    if recent >= LINKS_PER_HOUR {
        return Ok(());
    }
    use base64::Engine;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    sqlx::query(
        "INSERT INTO passphrase_resets (account_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(hash(&token))
    .bind(now)
    .bind(now + LINK_LASTS_MS)
    .execute(&mut *tx)
    .await?;
    let link = app::accounts::paths::reset(&token);
    email::enqueue(
        &mut *tx,
        &Email {
            to,
            subject: "Choose a new MySay passphrase".to_owned(),
            body: format!(
                "Hello,\n\nSomeone asked to choose a new passphrase for your MySay account.\n\n\
                 To choose one, open this link in the next 30 minutes:\n\n{base_url}{link}\n\n\
                 If it was not you, you can ignore this email: your passphrase stays as it is. \
                 If it keeps happening, tell your IRO.\n"
            ),
        },
    )
    .await?;
    record(
        &mut *tx,
        None,
        AuditAction::PassphraseResetRequested,
        Some(format!("account:{account_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The account a live link is for.
pub async fn account_for(db: &Db, token: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT r.account_id FROM passphrase_resets r JOIN accounts a ON a.id = r.account_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND a.disabled_at IS NULL",
    )
    .bind(hash(token))
    .bind(now_millis())
    .fetch_optional(db.pool())
    .await?)
}

/// Sets a new passphrase by a live link. `Ok(None)` when the link is not
/// (or no longer) good; a problem with the passphrase changes nothing.
pub async fn reset(
    db: &Db,
    token: &str,
    new: SecretString,
    authority_name: &str,
) -> anyhow::Result<Option<Result<i64, &'static str>>> {
    let Some(account_id) = account_for(db, token).await? else {
        return Ok(None);
    };
    if let Err(problem) = passphrase::check_new(new.expose_secret(), authority_name) {
        return Ok(Some(Err(problem.message_key())));
    }
    let hashed = passphrase::hash(new).await?;
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query(
        "UPDATE passphrase_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(now_millis())
    .bind(hash(token))
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(None);
    }
    sqlx::query("UPDATE accounts SET passphrase_hash = $1 WHERE id = $2")
        .bind(&hashed)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    // Any other link still out there stops working too.
    sqlx::query(
        "UPDATE passphrase_resets SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
    )
    .bind(now_millis())
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(account_id),
        AuditAction::PassphraseResetUsed,
        Some(format!("account:{account_id}")),
    )
    .await?;
    tx.commit().await?;
    sessions::end_all(db, account_id).await?;
    Ok(Some(Ok(account_id)))
}
