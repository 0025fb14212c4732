//! The authorization matrix: every route, as every role and as nobody,
//! against the person's own record and someone else's. Each cell says what
//! must happen; "not found" never reveals whether another child exists.
//!
//! Adding a route is adding one row to `ROUTES`.

mod support;

use reqwest::{Method, StatusCode, header};
use server::demo::DEMO_PASSPHRASE;
use support::{TestApp, TestDb};

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
    ("GET", "/staying-safe", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/sign-in", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/join", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/healthz", [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/home", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("GET", "/before-you-start", [To("/sign-in"), Allowed, Allowed, Allowed, Allowed, Allowed]),
    ("POST", "/before-you-start", [To("/sign-in"), To("/home"), To("/home"), To("/home"), To("/home"), To("/home")]),
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
    ("GET", "/children/{own}", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("GET", "/children/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    // Empty forms: the child's IRO and a manager are told what is missing; nothing is stored.
    ("POST", "/children/{own}/reviews/schedule", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/reviews/schedule", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/{own}/reviews/held", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("POST", "/children/{other}/reviews/held", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    ("POST", "/children/999999/reviews/held", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
    ("GET", "/children/{own}/consultation", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/children/{other}/consultation", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, Allowed]),
    // Nothing sent yet: nothing to mark as read, for anyone.
    ("POST", "/children/{other}/consultation/read", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
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
    ("GET", "/letters/{letter}", [To("/sign-in"), Allowed, Allowed, NotFound, NotFound, Allowed]),
    // Sent, so the IRO (and a manager, who may read) are told it cannot change.
    ("GET", "/letters/{letter}/edit", [To("/sign-in"), NotFound, Allowed, NotFound, NotFound, Allowed]),
    ("GET", "/letters/999999", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
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
    // Staff invitations are for staff accounts: never a child's.
    ("POST", "/manage/accounts/{account}/invite", [To("/sign-in"), NotFound, NotFound, NotFound, NotFound, NotFound]),
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
    let client = support::browser()?;
    match who {
        Some(name) if name.contains('@') => {
            support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
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
) -> anyhow::Result<Vec<String>> {
    let fill = |text: &str| {
        text.replace("{own}", &own.to_string())
            .replace("{letter}", &letter.to_string())
            .replace("{draft}", &(letter + 1).to_string())
            .replace("{correction}", &(letter + 2).to_string())
            .replace("{other}", &other.to_string())
            .replace("{account}", &account.to_string())
            .replace("{request}", &request.to_string())
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
        let mut failures = Vec::new();
        for (column, who) in WHO.iter().enumerate() {
            let client = client_for(&test, &app, SIGN_IN[column]).await?;
            for row in ROUTES.iter().chain(ENDING) {
                failures.extend(check(&app, &client, who, row, column, (own, other, account, request, letter)).await?);
            }
        }
        assert!(failures.is_empty(), "authorization matrix:\n{}", failures.join("\n"));
        Ok(())
    }
}
