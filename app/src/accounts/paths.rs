//! Every address of the accounts: joining, signing in and out, the second
//! step, passphrases, and a manager's accounts and children. The server's
//! router and the pages' links both use these; the Leptos routes in
//! `lib.rs` say the same pages in Leptos's own syntax.

use crate::paths::with_id;

/// A manager opens a child's record, with a reason (POST).
pub const OPEN_RECORD: &str = "/children/{id}/open";
/// The IRO (or a manager) has acted on a child's urgent alerts (POST).
pub const ALERTS_SEEN: &str = "/children/{id}/alerts/seen";
/// A new invitation for a child (POST).
pub const INVITE: &str = "/children/{id}/invitation";

/// Signing out (POST), and signing out on every device (POST).
pub const SIGN_OUT: &str = "/sign-out";
pub const SIGN_OUT_EVERYWHERE: &str = "/sign-out-everywhere";
/// "Stay signed in" from the session-timeout warning (GET, `?next=`).
pub const STAY_SIGNED_IN: &str = "/stay-signed-in";
/// Leaving quickly: signs out and goes to a harmless site.
pub const EXIT: &str = "/exit";
/// Joining with an invitation code (GET the page, POST the code).
pub const JOIN: &str = "/join";
/// The link in an invitation email.
pub const JOIN_LINK: &str = "/join/{token}";
/// The invitation slip a manager prints for a child.
pub const INVITATION: &str = "/invitation";
/// Asking for a reset link (GET the page, POST the address).
pub const FORGOTTEN: &str = "/forgotten";
/// The link in a reset email (GET), and the new passphrase (POST).
pub const RESET: &str = "/reset/{token}";
/// Choosing a new passphrase after following a reset link.
pub const RESET_PASSPHRASE: &str = "/reset-passphrase";
/// The second step of signing in for staff (POST the code; GET redirects).
pub const SECOND_STEP: &str = "/sign-in/second-step";
/// The page that asks for the second step's code.
pub const SECOND_STEP_PAGE: &str = "/sign-in/second-step/page";
/// Changing one's own passphrase.
pub const PASSPHRASE: &str = "/account/passphrase";
/// An IRO's time away (POST).
pub const AWAY: &str = "/account/away";
/// The notice that a passphrase was reset has been seen (POST).
pub const RESET_NOTICE: &str = "/home/reset-notice";
/// A manager's list of accounts.
pub const ACCOUNTS: &str = "/manage/accounts";
/// The list of accounts, saying an invitation was sent.
pub const ACCOUNTS_INVITED: &str = "/manage/accounts?invited=1";
/// A manager's action on an account: `enable`, `disable`, `invite`,
/// `unlock` (POST).
pub const ACCOUNT_ACTION: &str = "/manage/accounts/{id}/{action}";
/// Adding a child (POST).
pub const CHILDREN: &str = "/manage/children";
/// The form for adding a child.
pub const NEW_CHILD: &str = "/manage/children/new";
/// A child's record for a manager (GET the form, POST the changes).
pub const EDIT_CHILD: &str = "/manage/children/{id}";
/// Adding a member of staff (POST).
pub const STAFF: &str = "/manage/staff";
/// The form for adding a member of staff.
pub const NEW_STAFF: &str = "/manage/staff/new";

/// The invitation email's link for `token` (never logged).
pub fn join_link(token: &str) -> String {
    JOIN_LINK.replacen("{token}", token, 1)
}

/// The reset link for `token` (never logged).
pub fn reset(token: &str) -> String {
    RESET.replacen("{token}", token, 1)
}

/// A child's record for a manager.
pub fn edit_child(child_id: i64) -> String {
    with_id(EDIT_CHILD, child_id)
}

/// A manager's action on an account (POST).
pub fn account_action(account_id: i64, action: &str) -> String {
    with_id(ACCOUNT_ACTION, account_id).replacen("{action}", action, 1)
}

pub fn open_record(child_id: i64) -> String {
    with_id(OPEN_RECORD, child_id)
}

pub fn alerts_seen(child_id: i64) -> String {
    with_id(ALERTS_SEEN, child_id)
}

pub fn invite(child_id: i64) -> String {
    with_id(INVITE, child_id)
}
