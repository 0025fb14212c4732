//! Who is signed in, and what their home page shows: the types the pages
//! and the server share, and the operations the server provides.

use serde::{Deserialize, Serialize};

/// The one role a person has in MySay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Child,
    Iro,
    ChildrensRightsOfficer,
    AdvocacyCaseworker,
    Manager,
}

pub mod pages;
pub mod paths;

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Child,
        Role::Iro,
        Role::ChildrensRightsOfficer,
        Role::AdvocacyCaseworker,
        Role::Manager,
    ];

    /// As stored in `accounts.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Child => "child",
            Role::Iro => "iro",
            Role::ChildrensRightsOfficer => "cro",
            Role::AdvocacyCaseworker => "advocacy",
            Role::Manager => "manager",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The translation key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Child => "role-child",
            Role::Iro => "role-iro",
            Role::ChildrensRightsOfficer => "role-cro",
            Role::AdvocacyCaseworker => "role-advocacy",
            Role::Manager => "role-manager",
        }
    }

    pub fn is_staff(self) -> bool {
        self != Role::Child
    }
}

/// The person this request is from, as the server's session check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub account_id: i64,
    pub role: Role,
    pub display_name: String,
}

/// An account as a manager sees it in the list of accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    /// Too many failed sign-ins in the last hour.
    pub locked: bool,
    /// Invited, and has not yet chosen a passphrase.
    pub invited: bool,
}

/// An IRO says until when they are away from work, or that they are back
/// (`back` is "yes").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AwayForm {
    pub away_until: String,
    pub back: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The roles a manager can give a member of staff.
pub const STAFF_ROLES: [Role; 4] = [
    Role::Iro,
    Role::ChildrensRightsOfficer,
    Role::AdvocacyCaseworker,
    Role::Manager,
];

/// The "add a member of staff" form as sent, with a translation key per
/// field that has a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffForm {
    pub full_name: String,
    pub email: String,
    /// As stored in `accounts.role`.
    pub role: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The choices on a child's record, as stored and as the form lists them.
/// The most a manager's reason for opening a child's record may say.
pub const REASON_LIMIT: usize = 500;

pub const GENDERS: [&str; 4] = ["female", "male", "another", "not-recorded"];
pub const ETHNICITY_GROUPS: [&str; 5] = [
    "White",
    "Mixed",
    "Asian or Asian British",
    "Black or Black British",
    "Other",
];
pub const PLACEMENT_TYPES: [&str; 6] = [
    "foster care",
    "kinship care",
    "children's home",
    "supported accommodation",
    "placed with parents",
    "other",
];

/// The "add a child" form as sent, with a translation key per field that
/// has a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChildForm {
    pub first_name: String,
    pub preferred_name: String,
    pub date_of_birth: String,
    pub came_into_care_on: String,
    pub gender: String,
    pub ethnicity_group: String,
    pub disability: String,
    pub uasc: String,
    pub first_language: String,
    pub interpreter_needed: String,
    pub placement_type: String,
    /// The IRO's account id, or empty for "not allocated yet".
    pub iro: String,
    /// The child's own email address, if they have one and want
    /// invitations and notices there (optional).
    pub email: String,
    /// The day they ceased to be looked after (`YYYY-MM-DD`), empty while
    /// they are.
    #[serde(default)]
    pub ceased_on: String,
    /// Their reference in the council's case-management system (optional).
    #[serde(default)]
    pub case_reference: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// One IRO's time with a child: dates as `YYYY-MM-DD`; `to` is empty for
/// the current IRO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub iro_name: String,
    pub from: String,
    pub to: Option<String>,
}

/// A child's record as a manager edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRecord {
    pub id: i64,
    pub form: ChildForm,
    /// Newest first.
    pub allocations: Vec<Allocation>,
}

/// A manager's "open this child's record" form, shown again with its
/// problem (a translation key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenRecordForm {
    pub reason: String,
    pub error: Option<&'static str>,
}

/// "We have sent a link, if we could": the forgotten-passphrase form was sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ForgottenSent;

/// The choose-a-new-passphrase page, from an emailed link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResetAttempt {
    pub token: String,
    /// The link can still be used.
    pub valid: bool,
    /// A problem with the new passphrase (a translation key).
    pub error: Option<&'static str>,
}

/// Why an operation was not done, in terms safe to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Not there, or not for this person: the same answer either way.
    NotFound,
    Unavailable,
}

#[cfg(feature = "ssr")]
/// What a page's data call gives back: the data, or why not.
pub type Pending<'a, T> = std::pin::Pin<Box<dyn Future<Output = Result<T, Refusal>> + Send + 'a>>;

/// The account operations pages need; `server` implements them and puts
/// an `Arc<dyn AccountsApi>` in every request's context.
#[cfg(feature = "ssr")]
pub trait AccountsApi: Send + Sync {
    /// Every account, for a manager.
    fn accounts<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<AccountRow>>;
    /// The IROs a child can be allocated to (id, name), for a manager.
    fn iros<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<(i64, String)>>;
    /// A child's record and IRO history, for a manager.
    fn child_record<'a>(&'a self, user: &'a CurrentUser, child_id: i64)
    -> Pending<'a, ChildRecord>;
}

page_data!(
    /// A child's record to edit (managers only).
    load_child_record(child_id: i64) -> ChildRecord, dyn AccountsApi, child_record
);
page_data!(
    /// The IROs to choose from (managers only).
    load_iros() -> Vec<(i64, String)>, dyn AccountsApi, iros
);
page_data!(
    /// The list of accounts (managers only).
    load_accounts() -> Vec<AccountRow>, dyn AccountsApi, accounts
);

/// The signed-in person and one area's service, from the request's
/// context: what every page's data call starts from. Nobody signed in is
/// "not found"; a missing service is "unavailable".
#[cfg(feature = "ssr")]
pub fn user_and_service<S: ?Sized + Send + Sync + 'static>()
-> Result<(CurrentUser, std::sync::Arc<S>), Refusal> {
    let user = current_user().ok_or(Refusal::NotFound)?;
    let api = leptos::prelude::use_context::<std::sync::Arc<S>>().ok_or(Refusal::Unavailable)?;
    Ok((user, api))
}

/// The signed-in person, if any (server side: from the session check).
#[cfg(feature = "ssr")]
pub fn current_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
}

/// The council serves browsers too old to say where a request came from
/// (the server's `serve_old_browsers` setting, in every page's context).
#[derive(Clone, Copy, Debug, Default)]
pub struct ServeOldBrowsers(pub bool);

/// Whether this page was opened from one of our own pages or by the
/// person themself (typed, bookmarked): `Sec-Fetch-Site` is `same-origin`
/// or `none`. Another site can make a browser open a page with the
/// session cookie, but not with these; a page changes nothing unless so.
#[cfg(feature = "ssr")]
pub fn is_own_navigation() -> bool {
    use leptos::prelude::use_context;
    let site = use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    match site {
        Some(site) => site == "same-origin" || site == "none",
        None => use_context::<ServeOldBrowsers>().is_some_and(|s| s.0),
    }
}

/// Sends the browser to another page instead of this one (a real redirect
/// whatever the request accepts; Leptos's own only redirects HTML requests).
#[cfg(feature = "ssr")]
pub fn redirect_to(path: &'static str) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SEE_OTHER);
        response.insert_header(http::header::LOCATION, http::HeaderValue::from_static(path));
    }
}

/// For pages that need a signed-in person: true when someone is signed in;
/// otherwise sends the browser to sign in, and the page should render
/// nothing more.
pub fn require_sign_in() -> bool {
    #[cfg(feature = "ssr")]
    if current_user().is_none() {
        redirect_to(crate::paths::SIGN_IN);
        return false;
    }
    true
}

/// Whether the signed-in person has this role (decided on the server;
/// for pages with nothing to load that would refuse them).
pub fn signed_in_as(role: Role) -> bool {
    #[cfg(feature = "ssr")]
    {
        current_user().is_some_and(|user| user.role == role)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = role;
        false
    }
}

/// A new invitation, shown once to the IRO or manager who made it, to print
/// or read out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationSlip {
    pub child_name: String,
    /// Also emailed to the child's own address.
    pub emailed: bool,
    pub link: String,
    pub code: String,
    /// `YYYY-MM-DD`.
    pub expires_on: String,
}

/// The joining form, as last sent, when it has to be shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JoinAttempt {
    /// A member of staff's invitation (by link): their sign-in name is
    /// this email address, so they only choose a passphrase.
    pub staff_email: Option<String>,
    /// The link's token, when the child came by link (else they type the code).
    pub token: Option<String>,
    pub code: String,
    pub sign_in_name: String,
    /// The invitation itself is used, replaced, expired or unknown.
    pub invitation_not_valid: bool,
    /// Translation keys of problems with the name and the passphrase.
    pub name_error: Option<&'static str>,
    pub passphrase_error: Option<&'static str>,
}

/// The second step of a member of staff's sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecondStep {
    /// First sign-in: scan this QR code (or type the key) into an
    /// authenticator app, then enter a code from it.
    SetUp {
        /// The QR code as an SVG picture, base64.
        qr_svg_base64: String,
        /// The same key, for typing in, in groups of four.
        key: String,
        error: Option<&'static str>,
    },
    /// Enter a code from the app, or a recovery code.
    Code { error: Option<&'static str> },
    /// Set up: the recovery codes, shown once.
    RecoveryCodes { codes: Vec<String> },
}

/// The change-passphrase form's outcome, when it is shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassphraseChange {
    /// Translation keys of problems with the current and the new passphrase.
    pub current_error: Option<&'static str>,
    pub new_error: Option<&'static str>,
    /// The change was made.
    pub done: bool,
}

/// What the sign-in form last sent, when it has to be shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInAttempt {
    pub sign_in_name: String,
    /// The translation key of the message to show.
    pub error: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_round_trip_through_storage() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
