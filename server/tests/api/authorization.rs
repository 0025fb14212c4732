//! The authorization matrix: every route, as every role and as nobody,
//! against the person's own record and someone else's. Each cell says what
//! must happen; "not found" never reveals whether another child exists.
//!
//! Adding a route is adding one row to `ROUTES`.

use crate::support::{TestApp, TestDb};
use reqwest::{Method, StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

/// What must happen.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// 200.
    Ok,
    /// A redirect to this path.
    To(&'static str),
    /// 404, the same page as for a record that does not exist.
    NotFound,
    /// This status and no page (what a page's script calls).
    Code(u16),
}
use Expect::{Code, NotFound, Ok as Allowed, To};

/// The people the matrix is run as, in column order.
const WHO: [&str; 6] = ["anonymous", "child", "iro", "cro", "advocacy", "manager"];

/// Sign-in names for each column (demo data): the child is Jade, the IRO
/// is Amina (Jade's IRO). `{own}` is Jade's record; `{other}` is Lily's,
/// whose IRO is Ben; `{account}` is Jade's account; `{request}` is
/// Jade's request for an advocate; `{letter}` a letter Amina sent her.
const SIGN_IN: [Option<&str>; 6] = [
    None,
    Some("skyblue-fox"),
    Some("amina.hussain@example.org"),
    Some("chloe.adams@example.org"),
    Some("dev.patel@example.org"),
    Some("morgan.price@example.org"),
];

/// method, path, then one cell per column of `WHO`.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, [Expect; 6])] = &[
    ("GET", "/", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/help", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/privacy", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/languages?next=/help", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/staying-safe", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/sign-in", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/join", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/healthz", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/readyz", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    // Served only with a token set (none here), and then only to its bearer.
    ("GET", "/metrics", [Code(404), Code(404), Code(404), Code(404), Code(404), Code(404)]),
    // An empty sign-in form: the usual kind failure, for anyone.
    ("POST", "/sign-in", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    // No half-finished sign-in: back to the start.
    ("POST", "/sign-in/second-step", [To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in")]),
    // Only ever rendered by the handlers above, with their data.
    ("GET", "/sign-in/second-step/page", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/invitation", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    // A link that is no invitation: the joining page says so.
    ("GET", "/join/not-an-invitation", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("POST", "/join", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    // A forgotten passphrase: the same answer for anyone; a made-up link
    // says it is not good.
    ("GET", "/forgotten", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("POST", "/forgotten", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/reset/not-a-link", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("POST", "/reset/not-a-link", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/reset-passphrase", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/pkg/mysay.3333333333333333.css", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/favicon.svg", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    // Anything else, and nothing from the site folder but the built files.
    ("GET", "/no-such-page", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/hash.txt", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/home", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/before-you-start", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("POST", "/before-you-start", [To("/sign-in"), To("/home"), To("/home"), To("/home"), To("/home"), To("/home")]),
    // The child has seen that staff made a new invitation for them.
    ("POST", "/home/reset-notice", [To("/sign-in"), To("/home"), To("/home"), To("/home"), To("/home"), To("/home")]),
    // Choices anyone can make, signed in or not; kept on the account too.
    // (English, so the pages that follow are still in English.)
    ("GET", "/language/en?next=/help", [To("/help"), To("/help"), To("/help"), To("/help"), To("/help"), To("/help")]),
    ("POST", "/simpler", [To("/"), To("/"), To("/"), To("/"), To("/"), To("/")]),
    ("GET", "/sign-in/second-step", [To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in"), To("/sign-in")]),
    ("GET", "/stay-signed-in?next=/help", [To("/sign-in"), To("/help"), To("/help"), To("/help"), To("/help"), To("/help")]),
    ("GET", "/account/passphrase", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    // An empty form is refused kindly (the current passphrase is wrong).
    ("POST", "/account/passphrase", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    // An empty form: the IRO is asked for a date; only an IRO can be away.
    ("POST", "/account/away", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, NotFound]),
    ("POST", "/children/{own}/invitation", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/invitation", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/999999/invitation", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // The annual figures: managers, the CRO to read; their reviews CSV managers only.
    ("GET", "/figures", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/figures?year=2020", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/figures/reviews.csv", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // The pack (the figures and the themes chapter): managers and the CRO.
    ("GET", "/figures/print", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/figures/print?year=2024", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/figures/pack.xlsx", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/children/{own}", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/children/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Empty forms: the child's IRO and a manager are told what is missing; nothing is stored.
    ("POST", "/children/{own}/reviews/schedule", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/reviews/schedule", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/{own}/reviews/held", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/reviews/held", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/999999/reviews/held", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/children/{own}/contacts", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/contacts", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/999999/contacts", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/children/{own}/consultation", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}/consultation", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // The meeting copy: as the summary (a manager sees the status only).
    ("GET", "/children/{own}/consultation?meeting=1", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}/consultation?meeting=1", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // Nothing sent yet: nothing to mark as read, for anyone.
    ("POST", "/children/{other}/consultation/read", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // An empty reason: the manager is told why it is needed; nothing opens.
    ("POST", "/children/{own}/open", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/999999/open", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/children/{other}/alerts/seen", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, To("/home")]),
    ("GET", "/consultation", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/consultation/topics/where-i-live", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/consultation/topics/no-such-topic", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/consultation/taking-part", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/consultation/check", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    // An empty topic: saved as nothing changed, on to the next topic.
    ("POST", "/consultation/topics/where-i-live", [To("/sign-in"), To("/consultation/topics/family-and-friends"), NotFound, NotFound, NotFound, NotFound]),
    // Saving as the child types: an empty topic is saved as nothing changed.
    ("POST", "/consultation/topics/where-i-live/autosave", [Code(401), Allowed, Code(404), Code(404), Code(404), Code(404)]),
    ("POST", "/consultation/taking-part", [To("/sign-in"), To("/consultation/check"), NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/consultation/submit", [To("/sign-in"), To("/consultation?sent=1"), NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/advocacy", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/advocacy/new", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/advocacy/my/{request}", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/advocacy/my/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Lily's request: never Jade's to see or add to; the caseworker's to read.
    ("GET", "/advocacy/my/{other_request}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/advocacy/my/{other_request}/message", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/advocacy/cases/{other_request}", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("GET", "/advocacy/inbox", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("GET", "/advocacy/cases/{request}", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("GET", "/advocacy/cases/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Empty forms: the child, or the caseworker, is told what is missing.
    ("POST", "/advocacy", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/advocacy/my/{request}/message", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/advocacy/my/999999/message", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/advocacy/my/{request}/withdraw", [To("/sign-in"), To("/advocacy/my/{request}?withdrawn=1"), NotFound, NotFound, NotFound, NotFound]),
    // By now the child has withdrawn it: the caseworker is told it has finished.
    ("POST", "/advocacy/cases/{request}/accept", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("POST", "/advocacy/cases/{request}/allocate", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("POST", "/advocacy/cases/{request}/notes", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("POST", "/advocacy/cases/{request}/close", [To("/sign-in"), NotFound, NotFound, NotFound, Allowed, NotFound]),
    ("POST", "/advocacy/cases/{request}/delete", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/advocacy/cases/999999/accept", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/my-information", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/letters", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    // A letter is the child's words' kind: a manager reads it only while
    // covering for the IRO or after opening the record (neither here).
    ("GET", "/letters/{letter}", [To("/sign-in"), Allowed, Allowed, NotFound, NotFound, NotFound]),
    // Sent, so the IRO is told it cannot change.
    ("GET", "/letters/{letter}/edit", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, NotFound]),
    ("GET", "/letters/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Ben's letter to Lily: not Jade's, not Amina's.
    ("GET", "/letters/{other_letter}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/letters/{other_letter}/replies", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Amina's unsent letter to Jade: still Amina's to write.
    ("GET", "/letters/{unsent}", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, NotFound]),
    ("POST", "/children/{own}/letters", [To("/sign-in"), NotFound, To("/letters/{draft}/edit"), NotFound, NotFound, NotFound]),
    ("POST", "/children/{other}/letters", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Sent: the IRO is told it cannot change; nothing is changed.
    ("POST", "/letters/{letter}", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, NotFound]),
    ("POST", "/letters/{letter}/autosave", [Code(401), Code(404), Code(422), Code(404), Code(404), Code(404)]),
    ("POST", "/letters/{letter}/send", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, NotFound]),
    ("POST", "/letters/{letter}/correct", [To("/sign-in"), NotFound, To("/letters/{correction}/edit"), NotFound, NotFound, NotFound]),
    // Empty replies: the child and the IRO are told what is missing.
    ("POST", "/letters/{letter}/replies", [To("/sign-in"), Allowed, Allowed, NotFound, NotFound, NotFound]),
    ("POST", "/letters/999999/replies", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/manage/accounts", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/manage/accounts/{account}/unlock", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, To("/manage/accounts")]),
    ("POST", "/manage/accounts/999999/disable", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/manage/children/new", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // An empty form: the manager is shown what is missing; nobody else learns anything.
    ("POST", "/manage/children", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/manage/children/{own}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/manage/children/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // An empty form changes nothing: the manager is shown what is missing.
    ("POST", "/manage/children/{own}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/manage/children/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/manage/staff/new", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/manage/staff", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/manage/bank-holidays", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/manage/bank-holidays", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // The list of themes: the CRO's, and a manager's. Empty forms: told
    // what is missing; nothing is stored. Restoring a theme in use changes
    // nothing.
    // What children are telling us: the CRO's and managers' only.
    ("GET", "/themes", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes?year=2024&quarter=3&age=10-15&by=gender", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/csv/sent?by=age", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/csv/no-such-table", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/themes/workbook?quarter=2", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/words", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/words?year=2024&quarter=2&topic=school&theme=1&picked=yes", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/words/csv?topic=health", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/themes/words/pick", [To("/sign-in"), NotFound, NotFound, To("/themes/words"), NotFound, To("/themes/words")]),
    ("GET", "/themes/list", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/themes/list", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/list/1", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/themes/list/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/themes/list/1", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/themes/list/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/themes/list/1/restore", [To("/sign-in"), NotFound, NotFound, To("/themes/list?saved=1"), NotFound, To("/themes/list?saved=1")]),
    ("POST", "/themes/list/999999/retire", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/themes/list/999999/restore", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // How small numbers are hidden: a manager's setting. An empty form
    // is told what is missing; nothing changes.
    ("GET", "/settings/small-numbers", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/settings/small-numbers", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/settings/population", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/settings/population", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, To("/settings/population?saved=1")]),
    // Tagging a sent answer: whoever may read the child's words (her IRO;
    // a manager only when covering or having opened the record). No boxes
    // ticked: no themes.
    ("POST", "/children/{own}/consultation/answers/{answer}/themes", [To("/sign-in"), NotFound, To("/children/{own}/consultation?tagged=school#themes-school"), NotFound, NotFound, NotFound]),
    ("POST", "/children/{other}/consultation/answers/{other_answer}/themes", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/children/{own}/consultation/answers/{other_answer}/themes", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Staff invitations are for staff accounts: never a child's.
    ("POST", "/manage/accounts/{account}/invite", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Speakerbox: Jade is a member (the demo's council); "Pocket money"
    // is open to every member, "Family time" closed, "Moving home" the
    // CRO's draft. The CRO runs it, a manager manages members and reads
    // counts. Empty forms are told what is missing; nothing is stored.
    ("GET", "/speakerbox", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/topics/{sb_topic}", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/topics/{sb_closed}", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/topics/{sb_draft}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/topics/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/topics/{sb_topic}/safe", [To("/sign-in"), Allowed, NotFound, NotFound, NotFound, NotFound]),
    // Nothing chosen is "no": nothing is raised.
    ("POST", "/speakerbox/topics/{sb_topic}/safe", [To("/sign-in"), To("/speakerbox/topics/{sb_topic}?told=0"), NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/speakerbox/topics/{sb_draft}/safe", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // No topic named: not found for anyone.
    ("POST", "/speakerbox/answer", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/run", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/speakerbox/run/members", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/speakerbox/run/members", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/speakerbox/run/groups", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/speakerbox/run/topics/new", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/new", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("GET", "/speakerbox/run/topics/{sb_topic}", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/speakerbox/run/topics/{sb_closed}", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, Allowed]),
    ("GET", "/speakerbox/run/topics/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/speakerbox/run/topics/{sb_draft}/edit", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("GET", "/speakerbox/run/topics/{sb_topic}/edit", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_draft}/edit", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_topic}/edit", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_draft}/translate", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_closed}/hide", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_closed}/close", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/999999/publish", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_topic}/no-such-action", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // "You said, we did": every child's, the CRO's and managers'; the CRO
    // writes it (empty forms are told what is missing). How long an item
    // may stay planned: a manager's setting.
    ("GET", "/speakerbox/you-said-we-did", [To("/sign-in"), Allowed, NotFound, Allowed, NotFound, Allowed]),
    ("POST", "/speakerbox/run/topics/{sb_closed}/item", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/topics/{sb_topic}/item", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/speakerbox/run/items/{sb_item}/update", [To("/sign-in"), NotFound, NotFound, Allowed, NotFound, NotFound]),
    ("POST", "/speakerbox/run/items/999999/update", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/settings/you-said-we-did", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/settings/you-said-we-did", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // Escalations: the child's IRO and managers; nobody else, not even to
    // learn one exists. Empty forms come back with their problems.
    ("GET", "/children/{own}/escalations/new", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}/escalations/new", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/{own}/escalations/new", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/escalations/new", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/{own}/escalations/good-practice", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/escalations/good-practice", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/escalations/{esc}", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/escalations/{other_esc}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/escalations/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("POST", "/escalations/{esc}/respond", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/escalations/{other_esc}/respond", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // Nothing chosen changes nothing.
    ("POST", "/escalations/{esc}/details", [To("/sign-in"), NotFound, To("/escalations/{esc}?details=1"), NotFound, NotFound, To("/escalations/{esc}?details=1")]),
    ("POST", "/escalations/{other_esc}/details", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, To("/escalations/{other_esc}?details=1")]),
    ("POST", "/escalations/{esc}/views", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/escalations/{other_esc}/views", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/escalations", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/escalations/counts.csv", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/escalations/counts.xlsx?year=nonsense", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/settings/escalations", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/settings/escalations", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/settings/service", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/settings/service", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // The audit log: managers only.
    ("GET", "/audit", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/audit?child={own}&from=nonsense", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/audit/entries.csv", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // Last for the child: she leaves Speakerbox.
    ("POST", "/speakerbox/leave", [To("/sign-in"), To("/speakerbox?left=1"), NotFound, NotFound, NotFound, NotFound]),
];

/// Where "Exit this page" goes (the default neutral site).
const EXIT: &str = "https://www.bbc.co.uk/weather";

/// Routes that end the session run last, in their own pass.
#[rustfmt::skip]
const ENDING: &[(&str, &str, [Expect; 6])] = &[
    ("POST", "/sign-out-everywhere", [To("/"), To("/"), To("/"), To("/"), To("/"), To("/")]),
    ("POST", "/sign-out", [To("/"), To("/"), To("/"), To("/"), To("/"), To("/")]),
    ("GET", "/exit", [To(EXIT), To(EXIT), To(EXIT), To(EXIT), To(EXIT), To(EXIT)]),
];

async fn client_for(
    test: &TestDb,
    app: &TestApp,
    who: Option<&str>,
) -> anyhow::Result<reqwest::Client> {
    let client = crate::support::browser()?;
    match who {
        Some(name) if name.contains('@') => {
            crate::support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
        }
        Some(name) => {
            let response = client
                .post(app.url("/sign-in"))
                .form(&[("sign_in_name", name), ("passphrase", DEMO_PASSPHRASE)])
                .send()
                .await?;
            anyhow::ensure!(
                response.status() == StatusCode::SEE_OTHER,
                "{name} could not sign in"
            );
        }
        None => {}
    }
    Ok(client)
}

async fn check(
    app: &TestApp,
    client: &reqwest::Client,
    who: &str,
    (method, path, cells): &(&str, &str, [Expect; 6]),
    column: usize,
    (own, other, account, request, letter): (i64, i64, i64, i64, i64),
    others: &Others,
) -> anyhow::Result<Vec<String>> {
    let fill = |text: &str| {
        text.replace("{own}", &own.to_string())
            .replace("{other_esc}", &others.escalations[1].to_string())
            .replace("{esc}", &others.escalations[0].to_string())
            .replace("{other_request}", &others.request.to_string())
            .replace("{other_letter}", &others.letter.to_string())
            .replace("{unsent}", &others.unsent.to_string())
            .replace("{letter}", &letter.to_string())
            .replace("{other_answer}", &others.other_answer.to_string())
            .replace("{answer}", &others.answer.to_string())
            // Amina's letters to Jade: starting one opens her unsent draft,
            // and a correction is the next letter made.
            .replace("{draft}", &others.unsent.to_string())
            .replace("{correction}", &(others.unsent + 1).to_string())
            .replace("{other}", &other.to_string())
            .replace("{account}", &account.to_string())
            .replace("{request}", &request.to_string())
            .replace("{sb_topic}", &others.speakerbox[0].to_string())
            .replace("{sb_closed}", &others.speakerbox[1].to_string())
            .replace("{sb_draft}", &others.speakerbox[2].to_string())
            .replace("{sb_item}", &others.speakerbox[3].to_string())
    };
    let path = fill(path);
    let mut request = client.request(Method::from_bytes(method.as_bytes())?, app.url(&path));
    if *method == "POST" {
        // As a browser sends a form with nothing filled in.
        request = request.form(&[("", "")][..0]);
    }
    let response = request.send().await?;
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    let expected = cells[column];
    let fine = match expected {
        Allowed => status == StatusCode::OK,
        To(target) => status.is_redirection() && location == Some(fill(target)),
        NotFound => {
            status == StatusCode::NOT_FOUND && response.text().await?.contains("Page not found")
        }
        Code(code) => status.as_u16() == code,
    };
    Ok(if fine {
        Vec::new()
    } else {
        vec![format!(
            "{method} {path} as {who}: expected {expected:?}, got {status} {location:?}"
        )]
    })
}

/// Records that are not Jade's, or not hers yet.
struct Others {
    /// Lily's request for an advocate.
    request: i64,
    /// A letter Ben sent Lily.
    letter: i64,
    /// A letter Amina has started to Jade and not sent.
    unsent: i64,
    /// An answer Jade sent for her next review, and one Lily sent.
    answer: i64,
    other_answer: i64,
    /// The demo's Speakerbox topics (open, closed and a draft) and the
    /// closed one's "you said, we did" item.
    speakerbox: [i64; 4],
    /// A concern Amina raised about Jade, and one Ben raised about Lily.
    escalations: [i64; 2],
}

/// A sent consultation for the child's next review with one sent answer
/// (on school); the answer's id.
async fn sent_answer(test: &TestDb, child_id: i64) -> anyhow::Result<i64> {
    let consultation: i64 = sqlx::query_scalar(
        "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at, submitted_at, \
         sent_take_part, sent_who_there, sent_where_held) \
         SELECT $1, MAX(sequence), 'submitted', 0, 0, 0, '', '', '' FROM reviews WHERE child_id = $1 RETURNING id",
    )
    .bind(child_id)
    .fetch_one(test.db.pool())
    .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, updated_at, \
         sent_feeling, sent_text, sent_talk_about, sent_share_at_meeting, sent_at) \
         VALUES ($1, 'school', 3, 'OK', 0, 3, 'OK', 0, 0, 0) RETURNING id",
    )
    .bind(consultation)
    .fetch_one(test.db.pool())
    .await?)
}

/// A path pattern with every parameter (`{id}`, a number, a placeholder
/// such as `{own}`, a made-up token) and any query reduced to `{}`, so a
/// router's pattern and a matrix row's path can be compared.
fn pattern(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|segment| {
            let placeholder =
                segment.starts_with('{') || segment.starts_with(':') || segment.starts_with('*');
            let number = !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit());
            if placeholder || number { "{}" } else { segment }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_route_the_server_answers_has_a_row() {
    let rows: Vec<(String, String)> = ROUTES
        .iter()
        .chain(ENDING)
        .map(|(method, path, _)| ((*method).to_owned(), pattern(path)))
        .collect();
    let matches = |method: &str, route: &str| {
        let wanted = pattern(route);
        rows.iter().any(|(m, p)| {
            m == method
                && (p == &wanted
                    // A row with a made-up value where the route takes a word
                    // (`/join/not-an-invitation`, `/pkg/<file>`,
                    // `/advocacy/cases/{}/accept`).
                    || (p.split('/').count() == wanted.split('/').count()
                        && p.split('/').zip(wanted.split('/')).all(|(a, b)| a == b || b == "{}")))
        })
    };
    let mut missing = Vec::new();
    for (method, route) in server::http::route_table() {
        let found = if route == "(anything else)" {
            rows.iter().any(|(m, p)| m == "GET" && p == "/no-such-page")
        } else {
            matches(&method, &route)
        };
        if !found {
            missing.push(format!("{method} {route}"));
        }
    }
    assert!(
        missing.is_empty(),
        "routes with no row in the matrix:\n{}",
        missing.join("\n")
    );
}

on_both_databases! {
    async fn every_route_answers_every_role_as_the_matrix_says(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let own: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let other: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Lily'").fetch_one(test.db.pool()).await?;
        let account: i64 = sqlx::query_scalar("SELECT account_id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        // Jade's request for an advocate.
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
             age_band, ethnicity_group, disability, uasc) \
             VALUES ($1, 'housing', 'carer', 0, 'sent', 0, '10-15', 'White', 0, 0) RETURNING id",
        )
        .bind(own)
        .fetch_one(test.db.pool())
        .await?;
        // A letter Amina sent Jade; the next two made are Amina's draft and
        // her correction.
        let letter: i64 = sqlx::query_scalar(
            "INSERT INTO letters (child_id, author_account_id, body, language, created_at, updated_at, sent_at) \
             SELECT $1, id, 'Dear Jade', 'en', 0, 0, 0 FROM accounts WHERE sign_in_name = 'amina.hussain@example.org' \
             RETURNING id",
        )
        .bind(own)
        .fetch_one(test.db.pool())
        .await?;
        let lily_request: i64 = sqlx::query_scalar(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
             age_band, ethnicity_group, disability, uasc) \
             VALUES ($1, 'housing', 'carer', 0, 'sent', 0, '5-9', 'White', 0, 0) RETURNING id",
        )
        .bind(other)
        .fetch_one(test.db.pool())
        .await?;
        let lily_letter: i64 = sqlx::query_scalar(
            "INSERT INTO letters (child_id, author_account_id, body, language, created_at, updated_at, sent_at) \
             SELECT $1, id, 'Dear Lily', 'en', 0, 0, 0 FROM accounts WHERE sign_in_name = 'ben.carter@example.org' \
             RETURNING id",
        )
        .bind(other)
        .fetch_one(test.db.pool())
        .await?;
        let unsent: i64 = sqlx::query_scalar(
            "INSERT INTO letters (child_id, author_account_id, body, language, created_at, updated_at) \
             SELECT $1, id, 'Dear Jade, draft', 'en', 0, 0 FROM accounts WHERE sign_in_name = 'amina.hussain@example.org' \
             RETURNING id",
        )
        .bind(own)
        .fetch_one(test.db.pool())
        .await?;
        let answer = sent_answer(&test, own).await?;
        let other_answer = sent_answer(&test, other).await?;
        let mut speakerbox = [0; 4];
        for (slot, title) in speakerbox.iter_mut().zip(["Pocket money", "Family time", "Moving home"]) {
            *slot = sqlx::query_scalar("SELECT id FROM speakerbox_topics WHERE title = $1").bind(title).fetch_one(test.db.pool()).await?;
        }
        speakerbox[3] = sqlx::query_scalar("SELECT id FROM speakerbox_items WHERE topic_id = $1").bind(speakerbox[1]).fetch_one(test.db.pool()).await?;
        let mut escalations = [0; 2];
        for (slot, (child, iro)) in escalations.iter_mut().zip([(own, "amina.hussain@example.org"), (other, "ben.carter@example.org")]) {
            *slot = sqlx::query_scalar(
                "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, what_needed, stage, created_at) \
                 SELECT $1, 'concern', '2026-01-05', id, 'No plan.', 'A plan.', 'stage1', 0 FROM accounts WHERE sign_in_name = $2 \
                 RETURNING id",
            )
            .bind(child)
            .bind(iro)
            .fetch_one(test.db.pool())
            .await?;
            sqlx::query(
                "INSERT INTO escalation_stages (escalation_id, stage, started_on, due_on, raised_to_name, raised_to_role, recorded_by) \
                 SELECT $1, 'stage1', '2026-01-05', '2026-01-12', 'Pat', 'Team manager', raised_by FROM escalations WHERE id = $1",
            )
            .bind(*slot)
            .execute(test.db.pool())
            .await?;
        }
        let others = Others { request: lily_request, letter: lily_letter, unsent, answer, other_answer, speakerbox, escalations };
        let mut failures = Vec::new();
        for (column, who) in WHO.iter().enumerate() {
            let client = client_for(&test, &app, SIGN_IN[column]).await?;
            for row in ROUTES.iter().chain(ENDING) {
                failures.extend(check(&app, &client, who, row, column, (own, other, account, request, letter), &others).await?);
            }
        }
        assert!(failures.is_empty(), "authorization matrix:\n{}", failures.join("\n"));
        Ok(())
    }

    async fn every_change_from_another_site_is_refused(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let own: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        // Signed in as the child and as a manager: the cookie goes with a
        // cross-site form, and the request must still change nothing.
        let child = client_for(&test, &app, Some("skyblue-fox")).await?;
        let manager = client_for(&test, &app, Some("morgan.price@example.org")).await?;
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(test.db.pool()).await?;
        let mut failures = Vec::new();
        for (method, path, _) in ROUTES.iter().chain(ENDING).filter(|(m, ..)| *m != "GET") {
            let path = path.replace("{own}", &own.to_string()).replace(['{', '}'], "");
            for (who, client) in [("child", &child), ("manager", &manager)] {
                for (header_name, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
                    let response = client
                        .request(Method::from_bytes(method.as_bytes())?, app.url(&path))
                        .header(header_name, value)
                        .form(&[("reason", "a long enough reason to open a record")])
                        .send()
                        .await?;
                    if response.status() != StatusCode::FORBIDDEN {
                        failures.push(format!("{method} {path} as {who} with {header_name}: {}", response.status()));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "cross-site changes answered:\n{}", failures.join("\n"));
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(test.db.pool()).await?;
        assert_eq!(before, after, "nothing was done, nothing recorded");
        Ok(())
    }
}
