//! Invitations: how a child gets in. An IRO (for a child allocated to them)
//! or a manager creates one; it is a one-time link and a short code, valid
//! for 14 days, that can be printed or read out. Accepting it, the child
//! chooses a sign-in name and a passphrase. A new invitation replaces any
//! unused one, and accepting one for a child who already has an account
//! sets a new passphrase (the "forgotten passphrase" route) and ends their
//! other sessions.

use app::accounts::{CurrentUser, Role, STAFF_ROLES, StaffForm};
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{
    audit::{AuditAction, record},
    normalise_sign_in_name, passphrase, sessions,
};
use crate::{
    email::{self, Email},
    storage::{Db, now_millis},
};

/// How long an invitation lasts: as long as an emailed link may.
pub const VALID_FOR_MS: i64 = crate::email::LINKS_LAST_MS;
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

/// A code's stored form: an HMAC-SHA256 with the server's secret key.
/// A code is short enough to be read out, so a bare hash of it could be
/// reversed by trying every code; without the key, the stored hashes are
/// of no use to anyone who copies the database.
fn code_hash(key: &[u8], code: &str) -> String {
    crate::config::keyed_hash(
        key,
        &[b"mysay invitation code\0", normalise_code(code).as_bytes()],
    )
}

/// Failed typed codes allowed across the whole service in an
/// invitation's lifetime (14 days). Beyond it, typed codes are refused
/// (links still work) until the window moves on: see the README's
/// security section for the arithmetic.
pub const CODE_FAILURE_BUDGET: i64 = 1_000;

/// Whether typed codes are refused right now because too many have failed
/// across the service.
pub async fn code_budget_spent(db: &Db) -> anyhow::Result<bool> {
    let failed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_code_failed' AND at > $1",
    )
    .bind(now_millis() - VALID_FOR_MS)
    .fetch_one(db.pool())
    .await?;
    Ok(failed >= CODE_FAILURE_BUDGET)
}

/// Records a typed code that matched no live invitation.
pub async fn record_code_failure(db: &Db) -> anyhow::Result<()> {
    record(db.pool(), None, AuditAction::InvitationCodeFailed, None).await?;
    Ok(())
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
    /// Also sent to the child's own email address.
    pub emailed: bool,
}

/// Who an invitation is for.
#[derive(Clone, Copy, Debug)]
enum Invitee {
    Child(i64),
    /// A member of staff's account, made without a passphrase.
    Staff(i64),
}

/// A fresh link token and code, stored (as hashes) in the caller's
/// transaction; any unused invitation for the same person is replaced.
async fn insert_invitation(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    key: &[u8],
    invitee: Invitee,
    created_by: i64,
) -> anyhow::Result<(String, String, i64)> {
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let code = new_code();
    let now = now_millis();
    let expires_at = now + VALID_FOR_MS;
    let (column, id, child, account) = match invitee {
        Invitee::Child(id) => ("child_id", id, Some(id), None),
        Invitee::Staff(id) => ("account_id", id, None, Some(id)),
    };
    sqlx::query(&format!(
        "UPDATE invitations SET replaced_at = $1 \
         WHERE {column} = $2 AND used_at IS NULL AND replaced_at IS NULL"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, code_hash, child_id, account_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(sha256_hex(&token))
    .bind(code_hash(key, &code))
    .bind(child)
    .bind(account)
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok((token, code, expires_at))
}

/// The email that carries an invitation: the link, the code, until when.
/// `code` is `None` for a member of staff, whose invitation works by its
/// link only.
fn invitation_email(
    to: String,
    greeting: &str,
    base_url: &str,
    token: &str,
    code: Option<&str>,
    expires_at: i64,
    closing: &str,
) -> Email {
    let until = time::OffsetDateTime::from_unix_timestamp(expires_at.div_euclid(1000))
        .ok()
        .and_then(|at| {
            at.format(time::macros::format_description!(
                "[day padding:none] [month repr:long] [year]"
            ))
            .ok()
        })
        .unwrap_or_default();
    let link = app::accounts::paths::join_link(token);
    Email {
        to,
        subject: "Your invitation to MySay".to_owned(),
        body: format!(
            "{greeting}\n\nTo join, open this link and choose your passphrase:\n\n{base_url}{link}\n\n\
             {}The invitation works once, until {until}.\n\n{closing}\n\n\
             If you were not expecting this email, you can ignore it.\n",
            code.map(|code| format!(
                "If the link does not work, go to {base_url}{} and type this code:\n\n{code}\n\n",
                app::accounts::paths::JOIN
            ))
            .unwrap_or_default()
        ),
    }
}

pub use super::access::may_see_child;

/// Creates an invitation for a child, replacing any unused one. `None`
/// when the child does not exist or this person may not see them (the
/// caller answers "not found" either way).
pub async fn create_for_child(
    db: &Db,
    key: &[u8],
    user: &CurrentUser,
    child_id: i64,
    base_url: &str,
) -> anyhow::Result<Option<NewInvitation>> {
    if super::access::may_change_child(db, user, child_id).await? != super::access::Change::Allowed
    {
        return Ok(None);
    }
    let mut tx = db.begin_write().await?;
    let (child_name, email, account): (String, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT COALESCE(preferred_name, first_name), email, account_id FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_one(&mut *tx)
    .await?;
    let (token, code, expires_at) =
        insert_invitation(&mut tx, key, Invitee::Child(child_id), user.account_id).await?;
    // A child who already has an account is never reset silently: they
    // are told at their next sign-in (their home page), in their
    // information, and by email where they gave an address.
    if let Some(account) = account {
        sqlx::query(
            "UPDATE accounts SET reset_invited_at = $1, reset_invited_by = $2 WHERE id = $3",
        )
        .bind(now_millis())
        .bind(user.account_id)
        .bind(account)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            Some(user.account_id),
            AuditAction::AccountResetByStaff,
            Some(format!("child:{child_id}")),
        )
        .await?;
    }
    // Where the child has their own address, it goes there too. Without
    // their name: an email can be read by someone else.
    let emailed = email.is_some();
    if let Some(to) = email {
        let greeting = if account.is_some() {
            "Hello,\n\nA new invitation has been made for your MySay account. Using it sets a new passphrase. \
             If you did not ask for it, tell your Independent Reviewing Officer (IRO) or someone you trust."
        } else {
            "Hello,\n\nYou have been invited to MySay, where you can tell your Independent Reviewing Officer (IRO) what you think before your review."
        };
        let message = invitation_email(
            to,
            greeting,
            base_url,
            &token,
            Some(&code),
            expires_at,
            "Your sign-in name is up to you, but do not use your real name.",
        );
        email::enqueue(&mut *tx, &message).await?;
    }
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
        emailed,
    }))
}

/// Checks the "add a member of staff" form; the problems are (field,
/// message key) pairs.
pub fn check_staff(form: &StaffForm) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    let name = form.full_name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        problems.push(("full_name", "new-staff-error-name"));
    }
    if !super::is_email_address(&form.email) {
        problems.push(("email", "new-staff-error-email"));
    }
    if !STAFF_ROLES.iter().any(|r| r.as_str() == form.role) {
        problems.push(("role", "new-staff-error-role"));
    }
    problems
}

/// A manager adds a member of staff: their account (no passphrase yet),
/// an invitation, and the email carrying it, in one transaction.
/// `Ok(None)` when the person is not a manager.
pub async fn create_staff(
    db: &Db,
    key: &[u8],
    manager: &CurrentUser,
    form: &StaffForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<i64, Vec<(&'static str, &'static str)>>>> {
    if manager.role != Role::Manager {
        return Ok(None);
    }
    let mut problems = check_staff(form);
    let email_address = normalise_sign_in_name(&form.email);
    if problems.is_empty() {
        let taken: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE sign_in_name = $1")
                .bind(&email_address)
                .fetch_one(db.pool())
                .await?;
        if taken > 0 {
            problems.push(("email", "new-staff-error-email-taken"));
        }
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    let account_id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (role, display_name, sign_in_name, email, created_at) \
         VALUES ($1, $2, $3, $3, $4) RETURNING id",
    )
    .bind(&form.role)
    .bind(form.full_name.trim())
    .bind(&email_address)
    .bind(now_millis())
    .fetch_one(&mut *tx)
    .await?;
    send_staff_invitation(&mut tx, key, manager, account_id, base_url).await?;
    record(
        &mut *tx,
        Some(manager.account_id),
        AuditAction::StaffAccountCreated,
        Some(format!("account:{account_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(account_id)))
}

/// A manager sends a member of staff a new invitation (they never joined,
/// or lost their passphrase), replacing any unused one. `false` when the
/// account is not an enabled staff account or the person not a manager.
pub async fn reinvite_staff(
    db: &Db,
    key: &[u8],
    manager: &CurrentUser,
    account_id: i64,
    base_url: &str,
) -> anyhow::Result<bool> {
    if manager.role != Role::Manager {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    let staff: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE id = $1 AND role <> 'child' \
         AND disabled_at IS NULL AND email IS NOT NULL",
    )
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await?;
    if staff == 0 {
        return Ok(false);
    }
    send_staff_invitation(&mut tx, key, manager, account_id, base_url).await?;
    tx.commit().await?;
    Ok(true)
}

async fn send_staff_invitation(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    key: &[u8],
    manager: &CurrentUser,
    account_id: i64,
    base_url: &str,
) -> anyhow::Result<()> {
    let (name, to): (String, String) =
        sqlx::query_as("SELECT display_name, email FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut **tx)
            .await?;
    let (token, _code, expires_at) =
        insert_invitation(tx, key, Invitee::Staff(account_id), manager.account_id).await?;
    let message = invitation_email(
        to,
        &format!(
            "Hello {name},\n\n{} has invited you to MySay, where children in care share their views with their IRO.",
            manager.display_name
        ),
        base_url,
        &token,
        None,
        expires_at,
        "Your sign-in name is this email address. When you first sign in you will set up an authenticator app on your phone.",
    );
    email::enqueue(&mut **tx, &message).await?;
    record(
        &mut **tx,
        Some(manager.account_id),
        AuditAction::InvitationCreated,
        Some(format!("account:{account_id}")),
    )
    .await?;
    Ok(())
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
    /// The child it is for; `None` for a member of staff.
    pub child_id: Option<i64>,
    pub child_first_name: String,
    pub child_preferred_name: Option<String>,
    pub existing_account: Option<i64>,
    /// A member of staff's sign-in name (their email address).
    pub staff_email: Option<String>,
}

impl LiveInvitation {
    pub fn is_for_staff(&self) -> bool {
        self.staff_email.is_some()
    }
}

/// The invitation for a link or code, if it is unused, not replaced and
/// not expired.
pub async fn find_live(
    db: &Db,
    keys: &[Vec<u8>],
    holding: Holding<'_>,
) -> anyhow::Result<Option<LiveInvitation>> {
    match holding {
        Holding::Link(token) => find_by(db, "token_hash", sha256_hex(token), false).await,
        Holding::Code(code) => {
            let code = normalise_code(code);
            if code.len() != CODE_LENGTH {
                return Ok(None);
            }
            // The current key, then any kept from before a rotation.
            for key in keys {
                if let Some(found) = find_by(db, "code_hash", code_hash(key, &code), true).await? {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        }
    }
}

async fn find_by(
    db: &Db,
    column: &str,
    hash: String,
    by_code: bool,
) -> anyhow::Result<Option<LiveInvitation>> {
    let row = sqlx::query(&format!(
        "SELECT i.id, i.child_id, COALESCE(c.first_name, ''), c.preferred_name, \
         COALESCE(c.account_id, i.account_id), a.email \
         FROM invitations i \
         LEFT JOIN children c ON c.id = i.child_id \
         LEFT JOIN accounts a ON a.id = i.account_id \
         WHERE i.{column} = $1 AND i.used_at IS NULL AND i.replaced_at IS NULL AND i.expires_at > $2 \
         AND (i.account_id IS NULL OR a.disabled_at IS NULL)"
    ))
    .bind(hash)
    .bind(now_millis())
    .fetch_optional(db.pool())
    .await?;
    // A member of staff's invitation opens a staff account: by its link
    // only (256 random bits), never by a code short enough to guess.
    let row = row.filter(|row| {
        !by_code
            || row
                .try_get::<Option<String>, _>(5)
                .is_ok_and(|email| email.is_none())
    });
    row.map(|row| {
        Ok(LiveInvitation {
            id: row.try_get(0)?,
            child_id: row.try_get(1)?,
            child_first_name: row.try_get(2)?,
            child_preferred_name: row.try_get(3)?,
            existing_account: row.try_get(4)?,
            staff_email: row.try_get(5)?,
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
    // Staff sign in with their email address; children choose a name.
    let name = match &invitation.staff_email {
        Some(email) => email.as_str(),
        None => sign_in_name.trim(),
    };
    let mut problems = Vec::new();
    if !invitation.is_for_staff()
        && let Err(problem) = check_sign_in_name(name, invitation)
    {
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
        Some(id) if invitation.is_for_staff() => {
            sqlx::query("UPDATE accounts SET passphrase_hash = $1 WHERE id = $2")
                .bind(&hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
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
        Some(match invitation.child_id {
            Some(child_id) => format!("child:{child_id}"),
            None => format!("account:{account_id}"),
        }),
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
            child_id: Some(1),
            child_first_name: "Jade".into(),
            child_preferred_name: Some("Jaz".into()),
            existing_account: None,
            staff_email: None,
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
