//! Invitations: how a child gets in. An IRO (for a child allocated to them)
//! or a manager creates one; it is a one-time link and a short code, valid
//! for 14 days, that can be printed or read out. Accepting it, the child
//! chooses a sign-in name and a passphrase. A new invitation replaces any
//! unused one, and accepting one for a child who already has an account
//! sets a new passphrase (the "forgotten passphrase" route) and ends their
//! other sessions.

use app::accounts::{CurrentUser, Role};
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{
    audit::{AuditAction, record},
    normalise_sign_in_name, passphrase, sessions,
};
use crate::storage::{Db, now_millis};

pub const VALID_FOR_MS: i64 = 14 * 24 * 60 * 60 * 1000;
/// Letters and digits that cannot be mistaken for one another when read
/// aloud or handwritten: no 0/O, 1/I/L, 5/S, 8/B, 2/Z.
const CODE_ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";
const CODE_LENGTH: usize = 8;

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A code as typed: case, spaces and dashes do not matter.
fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn new_code() -> String {
    let mut code = String::with_capacity(CODE_LENGTH + 1);
    for i in 0..CODE_LENGTH {
        if i == CODE_LENGTH / 2 {
            code.push('-');
        }
        let pick = rand::random_range(0..CODE_ALPHABET.len());
        code.push(char::from(CODE_ALPHABET[pick]));
    }
    code
}

/// A freshly made invitation: the only time its link and code exist in
/// the clear.
#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub token: String,
    pub code: String,
    pub expires_at: i64,
    pub child_name: String,
}

/// Whether this person may see this child's record: a manager any child,
/// an IRO the children allocated to them, nobody else.
pub async fn may_see_child(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<bool> {
    let visible: i64 = match user.role {
        Role::Manager => {
            sqlx::query_scalar("SELECT COUNT(*) FROM children WHERE id = $1")
                .bind(child_id)
                .fetch_one(db.pool())
                .await?
        }
        Role::Iro => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM iro_allocations \
             WHERE child_id = $1 AND iro_account_id = $2 AND ended_at IS NULL",
            )
            .bind(child_id)
            .bind(user.account_id)
            .fetch_one(db.pool())
            .await?
        }
        _ => 0,
    };
    Ok(visible > 0)
}

/// Creates an invitation for a child, replacing any unused one. `None`
/// when the child does not exist or this person may not see them (the
/// caller answers "not found" either way).
pub async fn create_for_child(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<NewInvitation>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let code = new_code();
    let now = now_millis();
    let expires_at = now + VALID_FOR_MS;
    let mut tx = db.begin_write().await?;
    let child_name: String = sqlx::query_scalar(
        "SELECT COALESCE(preferred_name, first_name) FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE invitations SET replaced_at = $1 \
         WHERE child_id = $2 AND used_at IS NULL AND replaced_at IS NULL",
    )
    .bind(now)
    .bind(child_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, code_hash, child_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_hex(&token))
    .bind(sha256_hex(&normalise_code(&code)))
    .bind(child_id)
    .bind(user.account_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::InvitationCreated,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(NewInvitation {
        token,
        code,
        expires_at,
        child_name,
    }))
}

/// How the person says which invitation they hold.
pub enum Holding<'a> {
    Link(&'a str),
    Code(&'a str),
}

/// An invitation that can still be accepted.
#[derive(Clone, Debug)]
pub struct LiveInvitation {
    pub id: i64,
    pub child_id: i64,
    pub child_first_name: String,
    pub child_preferred_name: Option<String>,
    pub existing_account: Option<i64>,
}

/// The invitation for a link or code, if it is unused, not replaced and
/// not expired.
pub async fn find_live(db: &Db, holding: Holding<'_>) -> anyhow::Result<Option<LiveInvitation>> {
    let (column, hash) = match holding {
        Holding::Link(token) => ("token_hash", sha256_hex(token)),
        Holding::Code(code) => {
            let code = normalise_code(code);
            if code.len() != CODE_LENGTH {
                return Ok(None);
            }
            ("code_hash", sha256_hex(&code))
        }
    };
    let row = sqlx::query(&format!(
        "SELECT i.id, i.child_id, c.first_name, c.preferred_name, c.account_id \
         FROM invitations i JOIN children c ON c.id = i.child_id \
         WHERE i.{column} = $1 AND i.used_at IS NULL AND i.replaced_at IS NULL AND i.expires_at > $2"
    ))
    .bind(hash)
    .bind(now_millis())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(LiveInvitation {
            id: row.try_get(0)?,
            child_id: row.try_get(1)?,
            child_first_name: row.try_get(2)?,
            child_preferred_name: row.try_get(3)?,
            existing_account: row.try_get(4)?,
        })
    })
    .transpose()
}

/// A problem with what was typed when accepting, by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptProblem {
    NameTooShort,
    NameTooLong,
    NameCharacters,
    NameIsRealName,
    NameTaken,
    Passphrase(passphrase::PassphraseProblem),
}

impl AcceptProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            AcceptProblem::NameTooShort => "join-name-too-short",
            AcceptProblem::NameTooLong => "join-name-too-long",
            AcceptProblem::NameCharacters => "join-name-characters",
            AcceptProblem::NameIsRealName => "join-name-real-name",
            AcceptProblem::NameTaken => "join-name-taken",
            AcceptProblem::Passphrase(p) => p.message_key(),
        }
    }

    pub fn is_about_the_name(self) -> bool {
        !matches!(self, AcceptProblem::Passphrase(_))
    }
}

/// Checks a sign-in name a child is choosing: 3 to 30 letters (any
/// script), digits, dashes, dots or underscores, and not their real name.
pub fn check_sign_in_name(name: &str, invitation: &LiveInvitation) -> Result<(), AcceptProblem> {
    let length = name.chars().count();
    if length < 3 {
        return Err(AcceptProblem::NameTooShort);
    }
    if length > 30 {
        return Err(AcceptProblem::NameTooLong);
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(AcceptProblem::NameCharacters);
    }
    let lowered = name.to_lowercase();
    let real = [
        Some(invitation.child_first_name.as_str()),
        invitation.child_preferred_name.as_deref(),
    ];
    if real
        .into_iter()
        .flatten()
        .any(|n| !n.is_empty() && lowered == n.to_lowercase())
    {
        return Err(AcceptProblem::NameIsRealName);
    }
    Ok(())
}

/// Accepts an invitation: checks the choices, creates the child's account
/// (or sets a new passphrase on it), marks the invitation used and ends
/// any other sessions. Returns the account to sign in, or every problem
/// found (nothing is stored then).
pub async fn accept(
    db: &Db,
    invitation: &LiveInvitation,
    sign_in_name: &str,
    passphrase_typed: SecretString,
    authority_name: &str,
) -> anyhow::Result<Result<i64, Vec<AcceptProblem>>> {
    let name = sign_in_name.trim();
    let mut problems = Vec::new();
    if let Err(problem) = check_sign_in_name(name, invitation) {
        problems.push(problem);
    }
    if let Err(problem) = passphrase::check_new(passphrase_typed.expose_secret(), authority_name) {
        problems.push(AcceptProblem::Passphrase(problem));
    }
    let normalised = normalise_sign_in_name(name);
    if problems.is_empty() {
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM accounts WHERE sign_in_name = $1 AND id <> $2",
        )
        .bind(&normalised)
        .bind(invitation.existing_account.unwrap_or(-1))
        .fetch_one(db.pool())
        .await?;
        if taken > 0 {
            problems.push(AcceptProblem::NameTaken);
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let hash = passphrase::hash(passphrase_typed).await?;
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    // Claim the invitation first: if two tabs accept at once, one wins.
    let claimed = sqlx::query(
        "UPDATE invitations SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND replaced_at IS NULL",
    )
    .bind(now)
    .bind(invitation.id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(Err(Vec::new()));
    }
    let account_id = match invitation.existing_account {
        Some(id) => {
            sqlx::query(
                "UPDATE accounts SET sign_in_name = $1, display_name = $2, passphrase_hash = $3 WHERE id = $4",
            )
            .bind(&normalised)
            .bind(name)
            .bind(&hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (role, display_name, sign_in_name, passphrase_hash, created_at) \
                 VALUES ('child', $1, $2, $3, $4) RETURNING id",
            )
            .bind(name)
            .bind(&normalised)
            .bind(&hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("UPDATE children SET account_id = $1 WHERE id = $2")
                .bind(id)
                .bind(invitation.child_id)
                .execute(&mut *tx)
                .await?;
            id
        }
    };
    record(
        &mut *tx,
        Some(account_id),
        AuditAction::InvitationAccepted,
        Some(format!("child:{}", invitation.child_id)),
    )
    .await?;
    tx.commit().await?;
    if invitation.existing_account.is_some() {
        // A new passphrase: every session on the old one ends.
        sessions::end_all(db, account_id).await?;
    }
    Ok(Ok(account_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_and_unambiguous() {
        for _ in 0..200 {
            let code = new_code();
            assert_eq!(code.len(), 9);
            assert_eq!(code.chars().nth(4), Some('-'));
            for c in code.chars().filter(|c| *c != '-') {
                assert!(CODE_ALPHABET.contains(&(c as u8)), "{c}");
                assert!(!"0O1IL5S8B2Z".contains(c), "{c} is ambiguous");
            }
        }
        assert_eq!(normalise_code(" abcd-efgh "), "ABCDEFGH");
    }

    fn invitation() -> LiveInvitation {
        LiveInvitation {
            id: 1,
            child_id: 1,
            child_first_name: "Jade".into(),
            child_preferred_name: Some("Jaz".into()),
            existing_account: None,
        }
    }

    #[test]
    fn sign_in_names_are_checked_kindly() {
        let i = invitation();
        assert_eq!(check_sign_in_name("skyblue-fox", &i), Ok(()));
        assert_eq!(check_sign_in_name("نجمة_2", &i), Ok(()), "any script");
        assert_eq!(
            check_sign_in_name("ab", &i),
            Err(AcceptProblem::NameTooShort)
        );
        assert_eq!(
            check_sign_in_name(&"a".repeat(31), &i),
            Err(AcceptProblem::NameTooLong)
        );
        assert_eq!(
            check_sign_in_name("sky blue", &i),
            Err(AcceptProblem::NameCharacters)
        );
        assert_eq!(
            check_sign_in_name("<script>", &i),
            Err(AcceptProblem::NameCharacters)
        );
        assert_eq!(
            check_sign_in_name("JADE", &i),
            Err(AcceptProblem::NameIsRealName)
        );
        assert_eq!(
            check_sign_in_name("jaz", &i),
            Err(AcceptProblem::NameIsRealName)
        );
    }
}
