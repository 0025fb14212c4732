//! Escalations on both databases: each transition (informal to resolved;
//! stage 1 to 2 to 3 to resolved; a skip to stage 3; Cafcass at stage 1),
//! due dates on the working-day clock and overdue flags where the IRO and
//! the manager look, counts by type and stage against a fixture counted by
//! hand, the manager's setting, the child's download in plain words, every
//! reading audited, nothing deleted, and bad input refused kindly with
//! nothing lost.

use crate::support::{
    TestDb, child_client as child, location, page_as as page, post_as as post,
    staff_client as staff,
};
use app::disclosure::{Cell, Preset, Rule};
use reqwest::StatusCode;
use server::{
    calendar::Calendar,
    escalations::{
        figures,
        store::{self, Which},
    },
    storage::iso_date_of,
};
use time::Date;

const AMINA: &str = "amina.hussain@example.org";
const BEN: &str = "ben.carter@example.org";
const MORGAN: &str = "morgan.price@example.org";

async fn scalar(test: &TestDb, sql: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(sql).fetch_one(test.db.pool()).await?)
}

async fn child_id(test: &TestDb, first_name: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE first_name = $1")
            .bind(first_name)
            .fetch_one(test.db.pool())
            .await?,
    )
}

fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn day(date: Date) -> String {
    iso_date_of(date)
}

/// The id in `/escalations/{id}?raised=1`.
fn id_in(to: &str) -> i64 {
    to.trim_start_matches("/escalations/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or(-1)
}

/// (stage, started, due, response day) of each stage, oldest first.
async fn stages(
    test: &TestDb,
    id: i64,
) -> anyhow::Result<Vec<(String, String, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT stage, started_on, due_on, response_on FROM escalation_stages \
         WHERE escalation_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(test.db.pool())
    .await?)
}

async fn audited(test: &TestDb, action: &str, subject: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject = $2")
            .bind(action)
            .bind(subject)
            .fetch_one(test.db.pool())
            .await?,
    )
}

/// A concern of the hand-counted fixture, straight into the tables.
struct Fixture {
    by: &'static str,
    child: &'static str,
    raised_on: &'static str,
    issues: &'static [&'static str],
    stages: &'static [&'static str],
    resolved_on: Option<&'static str>,
    cafcass: bool,
    told: bool,
    view: bool,
}

async fn load_fixture(test: &TestDb, fixture: &Fixture) -> anyhow::Result<()> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, what_needed, stage, \
         resolved_on, cafcass_on, child_told, created_at) \
         SELECT c.id, 'concern', $1, a.id, 'w', 'n', $2, $3, $4, $5, 0 FROM children c, accounts a \
         WHERE c.first_name = $6 AND a.sign_in_name = $7 RETURNING id",
    )
    .bind(fixture.raised_on)
    .bind(*fixture.stages.last().unwrap_or(&"informal"))
    .bind(fixture.resolved_on)
    .bind(fixture.cafcass.then_some(fixture.raised_on))
    .bind(fixture.told.then_some(1i64))
    .bind(fixture.child)
    .bind(fixture.by)
    .fetch_one(test.db.pool())
    .await?;
    for issue in fixture.issues {
        sqlx::query("INSERT INTO escalation_issues (escalation_id, issue) VALUES ($1, $2)")
            .bind(id)
            .bind(*issue)
            .execute(test.db.pool())
            .await?;
    }
    for stage in fixture.stages {
        sqlx::query(
            "INSERT INTO escalation_stages (escalation_id, stage, started_on, due_on, raised_to_name, raised_to_role, recorded_by) \
             SELECT $1, $2, raised_on, raised_on, 'P', 'R', raised_by FROM escalations WHERE id = $1",
        ).bind(id).bind(*stage).execute(test.db.pool()).await?;
    }
    if fixture.view {
        sqlx::query(
            "INSERT INTO escalation_views (escalation_id, source, source_id, linked_by, linked_at) \
             SELECT $1, 'advocacy', 1, raised_by, 0 FROM escalations WHERE id = $1",
        )
        .bind(id)
        .execute(test.db.pool())
        .await?;
    }
    Ok(())
}

const F: Fixture = Fixture {
    by: AMINA,
    child: "Jade",
    raised_on: "",
    issues: &[],
    stages: &[],
    resolved_on: None,
    cafcass: false,
    told: false,
    view: false,
};

/// 2025-26: seven concerns (five formal), one good practice note, and one
/// concern of the year before that must not count.
const FIXTURE: [Fixture; 8] = [
    Fixture {
        raised_on: "2025-05-01",
        issues: &["care-plan", "care-plan-delay"],
        stages: &["stage1"],
        resolved_on: Some("2025-05-09"),
        ..F
    },
    Fixture {
        raised_on: "2025-06-02",
        issues: &["care-plan"],
        stages: &["stage1", "stage2"],
        resolved_on: Some("2025-06-16"),
        ..F
    },
    Fixture {
        raised_on: "2025-06-10",
        issues: &["care-plan", "education"],
        stages: &["stage1", "stage2", "stage3"],
        cafcass: true,
        ..F
    },
    Fixture {
        raised_on: "2025-07-01",
        issues: &["care-plan-delay"],
        stages: &["informal"],
        resolved_on: Some("2025-07-03"),
        ..F
    },
    Fixture {
        by: BEN,
        child: "Lily",
        raised_on: "2025-08-01",
        issues: &["care-plan", "follow-up", "other"],
        stages: &["stage1"],
        view: true,
        ..F
    },
    Fixture {
        by: BEN,
        child: "Lily",
        raised_on: "2025-09-01",
        issues: &["care-plan-delay", "education"],
        stages: &["stage1", "stage3"],
        resolved_on: Some("2025-09-22"),
        told: true,
        ..F
    },
    Fixture {
        by: BEN,
        child: "Lily",
        raised_on: "2026-03-31",
        issues: &["health"],
        stages: &["informal"],
        ..F
    },
    Fixture {
        raised_on: "2025-03-31",
        issues: &["care-plan"],
        stages: &["stage1"],
        ..F
    },
];

on_both_databases! {
    async fn a_concern_goes_from_stage_one_to_three_and_is_resolved(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, AMINA).await?;
        let kai = child_id(&test, "Kai").await?;
        let calendar = Calendar::shipped();
        // Raised three weeks ago at stage 1: the team manager's response
        // was due five working days later, so it is overdue now.
        let raised = today() - time::Duration::days(21);
        let raised_on = day(raised);
        let form = [
            ("issue", "care-plan"),
            ("issue", "education"),
            ("what_wrong", "No education plan since the move."),
            ("what_needed", "A personal education plan before the review."),
            ("stage", "stage1"),
            ("raised_on", raised_on.as_str()),
            ("to_name", "Pat Jones"),
            ("to_role", "Team manager"),
            ("child_told", "yes"),
            ("advocacy_offered", "no"),
        ];
        let sent = post(&amina, &app, &format!("/children/{kai}/escalations/new"), &form).await?;
        let to = location(&sent);
        assert!(to.ends_with("?raised=1"), "{to}");
        let id = id_in(&to);
        let due = calendar.add_working_days(raised, 5);
        assert_eq!(stages(&test, id).await?, [("stage1".to_owned(), raised_on.clone(), day(due), None)]);
        let issues: Vec<String> = sqlx::query_scalar("SELECT issue FROM escalation_issues WHERE escalation_id = $1 ORDER BY issue")
            .bind(id).fetch_all(test.db.pool()).await?;
        assert_eq!(issues, ["care-plan", "education"]);

        // Overdue on her home, on the child's page and on the manager's view.
        let home = page(&amina, &app, "/home").await?;
        assert!(home.contains("Open escalations") && home.contains(&format!(r#"href="/escalations/{id}""#)), "{home}");
        let subject = format!("child:{kai}/escalation:{id}");
        let listed = scalar(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'escalations_listed'").await?;
        assert!(listed >= 1, "listing them is audited");
        let child_page = page(&amina, &app, &format!("/children/{kai}")).await?;
        assert!(child_page.contains("Inadequate care plan, Education") && child_page.contains("Overdue"), "{child_page}");
        let morgan = staff(&test, &app, MORGAN).await?;
        let overview = page(&morgan, &app, "/escalations").await?;
        assert!(overview.contains("<td>Kai</td>") && overview.contains(&format!(r#"href="/escalations/{id}""#)) && overview.contains("Overdue"), "{overview}");

        // Reading it is audited, every time.
        let read = page(&amina, &app, &format!("/escalations/{id}")).await?;
        assert!(read.contains("No education plan since the move.") && !read.contains("Late"), "{read}");
        page(&amina, &app, &format!("/escalations/{id}")).await?;
        assert_eq!(audited(&test, "escalation_viewed", &subject).await?, 2);

        // The response comes today, late; on to stage 2 (head of service).
        let now = day(today());
        let moved = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", now.as_str()), ("response", "No plan yet."), ("next", "stage2"),
            ("to_name", "Sam Lee"), ("to_role", "Head of service"),
        ]).await?;
        assert_eq!(location(&moved), format!("/escalations/{id}?responded=1"));
        let after = page(&amina, &app, &format!("/escalations/{id}")).await?;
        assert!(after.contains("Late") && after.contains("Stage 2 (head of service)"), "{after}");
        let stage2_due = day(calendar.add_working_days(today(), 5));
        assert_eq!(stages(&test, id).await?[1], ("stage2".to_owned(), now.clone(), stage2_due, None));
        // The formal stages are checked against 20 working days from stage 1.
        assert!(after.contains("The formal stages should end by"), "{after}");

        // Stage 3, then resolved with an outcome.
        let third = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", now.as_str()), ("response", "Still no plan."), ("next", "stage3"),
            ("to_name", "Alex Doe"), ("to_role", "Director"),
        ]).await?;
        assert_eq!(location(&third), format!("/escalations/{id}?responded=1"));
        let done = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", now.as_str()), ("response", "Plan agreed."), ("next", "resolve"),
            ("outcome", "A plan is in place and school starts on Monday."),
        ]).await?;
        assert_eq!(location(&done), format!("/escalations/{id}?responded=1"));
        let (stage, resolved_on, outcome): (String, Option<String>, String) =
            sqlx::query_as("SELECT stage, resolved_on, outcome FROM escalations WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!((stage.as_str(), resolved_on.as_deref(), outcome.as_str()), ("stage3", Some(now.as_str()), "A plan is in place and school starts on Monday."));
        let all = stages(&test, id).await?;
        assert_eq!(all.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), ["stage1", "stage2", "stage3"]);
        assert!(all.iter().all(|s| s.3.as_deref() == Some(now.as_str())), "each stage answered");
        assert_eq!(audited(&test, "escalation_moved_on", &subject).await?, 2);
        assert_eq!(audited(&test, "escalation_resolved", &subject).await?, 1);
        // Resolved: no longer open anywhere; a response now is refused kindly.
        assert!(!page(&amina, &app, "/home").await?.contains(&format!(r#"href="/escalations/{id}""#)));
        let again = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", now.as_str()), ("response", "More."), ("next", "resolve"), ("outcome", "x"),
        ]).await?;
        assert_eq!(again.status(), StatusCode::OK);
        assert!(again.text().await?.contains("This concern has no stage waiting for a response"));

        // Never deleted: the database refuses.
        assert!(sqlx::query("DELETE FROM escalations WHERE id = $1").bind(id).execute(test.db.pool()).await.is_err());
        assert!(sqlx::query("DELETE FROM escalation_stages").execute(test.db.pool()).await.is_err());
        assert_eq!(stages(&test, id).await?.len(), 3);

        // The child never sees it as written: their download says in plain
        // words that it was raised and how it ended.
        let kai_client = child(&app, "bright-comet").await?;
        let download = kai_client.get(app.url("/my-information")).send().await?.text().await?;
        assert!(download.contains("a concern about your care plan") && download.contains("raised with a director")
            && download.contains(&format!("sorted out on {now}")) && download.contains("education"), "{download}");
        for staff_words in ["No education plan since the move.", "Plan agreed.", "A plan is in place", "Pat Jones"] {
            assert!(!download.contains(staff_words), "{staff_words} is staff's words");
        }
        assert!(!page(&kai_client, &app, "/home").await?.contains("escalation"));
        // The privacy page says so, and that only shared answers are cited.
        let privacy = page(&kai_client, &app, "/privacy").await?;
        assert!(privacy.contains("only from answers you said they can share, and never with your words")
            && privacy.contains("Your download says when a worry was raised and how it ended."), "{privacy}");
        Ok(())
    }
    async fn informal_skips_and_cafcass(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, AMINA).await?;
        let jade = child_id(&test, "Jade").await?;
        let now = day(today());
        let raise = |stage: &'static str| {
            let now = now.clone();
            vec![
                ("issue", "placement".to_owned()), ("what_wrong", "Placement far from school.".to_owned()),
                ("what_needed", "A closer placement.".to_owned()), ("stage", stage.to_owned()),
                ("raised_on", now), ("to_name", "Kim Ray".to_owned()), ("to_role", "Social worker".to_owned()),
            ]
        };
        let send = |form: Vec<(&'static str, String)>| {
            let amina = amina.clone();
            let url = format!("/children/{jade}/escalations/new");
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let sent = post(&amina, app, &url, &pairs).await?;
                anyhow::Ok(id_in(&location(&sent)))
            }
        };
        // Informal, due in 10 working days, then resolved.
        let informal = send(raise("informal")).await?;
        let due = Calendar::shipped().add_working_days(today(), 10);
        assert_eq!(stages(&test, informal).await?[0].2, day(due));
        let resolved = post(&amina, &app, &format!("/escalations/{informal}/respond"), &[
            ("response_on", now.as_str()), ("response", "Agreed to look."), ("next", "resolve"), ("outcome", "A move is planned."),
        ]).await?;
        assert_eq!(location(&resolved), format!("/escalations/{informal}?responded=1"));
        assert_eq!(stages(&test, informal).await?.len(), 1);

        // Stage 1 straight to stage 3: stage 2 skipped.
        let skipped = send(raise("stage1")).await?;
        let moved = post(&amina, &app, &format!("/escalations/{skipped}/respond"), &[
            ("response_on", now.as_str()), ("response", "Refused."), ("next", "stage3"),
            ("to_name", "Alex Doe"), ("to_role", "Assistant director"),
        ]).await?;
        assert_eq!(location(&moved), format!("/escalations/{skipped}?responded=1"));
        let path: Vec<String> = stages(&test, skipped).await?.into_iter().map(|s| s.0).collect();
        assert_eq!(path, ["stage1", "stage3"]);

        // Cafcass at stage 1, with whether the child was told; a second
        // day never replaces the first, and nothing chosen changes nothing.
        let cafcass = send(raise("stage1")).await?;
        let told = post(&amina, &app, &format!("/escalations/{cafcass}/details"), &[
            ("cafcass_on", now.as_str()), ("child_told", "yes"), ("advocacy_offered", "yes"),
        ]).await?;
        assert_eq!(location(&told), format!("/escalations/{cafcass}?details=1"));
        post(&amina, &app, &format!("/escalations/{cafcass}/details"), &[("cafcass_on", "2000-01-01")]).await?;
        post(&amina, &app, &format!("/escalations/{cafcass}/details"), &[]).await?;
        let row: (Option<String>, Option<i64>, Option<i64>, String) = sqlx::query_as(
            "SELECT cafcass_on, child_told, advocacy_offered, stage FROM escalations WHERE id = $1",
        ).bind(cafcass).fetch_one(test.db.pool()).await?;
        assert_eq!(row, (Some(now.clone()), Some(1), Some(1), "stage1".to_owned()));
        let shown = page(&amina, &app, &format!("/escalations/{cafcass}")).await?;
        assert!(shown.contains("Referred to Cafcass") && shown.contains("Cafcass"), "{shown}");

        // The child's view: her request for an advocate can be cited.
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
             age_band, ethnicity_group, disability, uasc) \
             VALUES ($1, 'placement', 'carer', 0, 'sent', 0, '10-15', 'White', 0, 0) RETURNING id",
        ).bind(jade).fetch_one(test.db.pool()).await?;
        let linked = post(&amina, &app, &format!("/escalations/{cafcass}/views"), &[("view", &format!("advocacy:{request}"))]).await?;
        assert_eq!(location(&linked), format!("/escalations/{cafcass}?linked=1#views"));
        // Another child's request, or something that is not a view: refused.
        let lily = child_id(&test, "Lily").await?;
        let theirs: i64 = sqlx::query_scalar(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
             age_band, ethnicity_group, disability, uasc) \
             VALUES ($1, 'placement', 'carer', 0, 'sent', 0, '5-9', 'White', 0, 0) RETURNING id",
        ).bind(lily).fetch_one(test.db.pool()).await?;
        for view in [format!("advocacy:{theirs}"), "letters:1".to_owned()] {
            let refused = post(&amina, &app, &format!("/escalations/{cafcass}/views"), &[("view", &view)]).await?;
            assert_eq!(refused.status(), StatusCode::OK);
            assert!(refused.text().await?.contains("Choose one of the child"));
        }
        let views: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM escalation_views WHERE escalation_id = $1")
            .bind(cafcass).fetch_one(test.db.pool()).await?;
        assert_eq!(views, 1, "only her own request");

        // Views she sent count only where she agreed an answer may be
        // shared beyond her IRO: until then they are not offered.
        let consultation: i64 = sqlx::query_scalar(
            "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at, submitted_at, \
             sent_take_part, sent_who_there, sent_where_held) VALUES ($1, 99, 'submitted', 0, 0, 0, '', '', '') RETURNING id",
        ).bind(jade).fetch_one(test.db.pool()).await?;
        sqlx::query(
            "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, updated_at, \
             sent_feeling, sent_text, sent_talk_about, sent_share_at_meeting, sent_at) \
             VALUES ($1, 'school', 3, 'JUST-FOR-MY-IRO', 0, 3, 'JUST-FOR-MY-IRO', 0, 0, 0)",
        ).bind(consultation).execute(test.db.pool()).await?;
        let view = format!("consultation:{consultation}");
        let page_text = page(&amina, &app, &format!("/escalations/{cafcass}")).await?;
        assert!(!page_text.contains(&view), "not offered: {page_text}");
        let refused = post(&amina, &app, &format!("/escalations/{cafcass}/views"), &[("view", &view)]).await?;
        assert_eq!(refused.status(), StatusCode::OK);
        sqlx::query("UPDATE consultation_answers SET sent_share_at_meeting = 1 WHERE consultation_id = $1")
            .bind(consultation).execute(test.db.pool()).await?;
        let page_text = page(&amina, &app, &format!("/escalations/{cafcass}")).await?;
        assert!(page_text.contains(&view) && !page_text.contains("JUST-FOR-MY-IRO"), "offered, without her words");
        let cited = post(&amina, &app, &format!("/escalations/{cafcass}/views"), &[("view", &view)]).await?;
        assert_eq!(location(&cited), format!("/escalations/{cafcass}?linked=1#views"));

        // A good practice note counts apart, and is never open.
        let noted = post(&amina, &app, &format!("/children/{jade}/escalations/good-practice"), &[
            ("noted_on", now.as_str()), ("note", "The social worker visited every week."),
        ]).await?;
        assert!(location(&noted).ends_with("?noted=1"));
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM escalations WHERE resolved_on IS NULL AND child_id = $1")
            .bind(jade).fetch_one(test.db.pool()).await?;
        assert_eq!(open, 2, "the skipped one and the Cafcass one");
        Ok(())
    }

    async fn bad_input_is_refused_kindly_and_nothing_is_lost(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, AMINA).await?;
        let jade = child_id(&test, "Jade").await?;
        let before = scalar(&test, "SELECT COUNT(*) FROM escalations").await?;
        let tomorrow = day(today() + time::Duration::days(1));
        let refused = post(&amina, &app, &format!("/children/{jade}/escalations/new"), &[
            ("issue", "not-an-issue"), ("what_wrong", "The plan is three months late."), ("stage", "stage9"),
            ("raised_on", tomorrow.as_str()), ("to_name", "Pat Jones"), ("child_told", "perhaps"),
        ]).await?;
        assert_eq!(refused.status(), StatusCode::OK);
        let text = crate::support::plain(&refused.text().await?);
        for message in [
            "Tick what the concern is about", "Say what must happen", "Choose the stage",
            "Enter the day it was raised", "Say their role", "Choose yes or no",
        ] {
            assert!(text.contains(message), "{message}");
        }
        assert!(text.contains("The plan is three months late.") && text.contains(r#"value="Pat Jones""#), "what was typed is kept");
        assert_eq!(scalar(&test, "SELECT COUNT(*) FROM escalations").await?, before);

        // A response back to an earlier stage, or before the stage began.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, what_needed, stage, created_at) \
             SELECT $1, 'concern', $2, id, 'w', 'n', 'stage2', 0 FROM accounts WHERE sign_in_name = $3 RETURNING id",
        ).bind(jade).bind(day(today())).bind(AMINA).fetch_one(test.db.pool()).await?;
        sqlx::query(
            "INSERT INTO escalation_stages (escalation_id, stage, started_on, due_on, raised_to_name, raised_to_role, recorded_by) \
             SELECT $1, 'stage2', $2, $2, 'Sam', 'Head', raised_by FROM escalations WHERE id = $1",
        ).bind(id).bind(day(today())).execute(test.db.pool()).await?;
        let long = "x".repeat(2001);
        let back = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", "2020-01-01"), ("response", long.as_str()), ("next", "stage1"),
        ]).await?;
        let text = crate::support::plain(&back.text().await?);
        for message in ["Enter the day of the response", "This must be 2000 characters or fewer", "Choose what happens next"] {
            assert!(text.contains(message), "{message}");
        }
        assert!(text.contains(&long), "the long response is kept to shorten");
        let details = post(&amina, &app, &format!("/escalations/{id}/details"), &[("cafcass_on", tomorrow.as_str())]).await?;
        assert!(crate::support::plain(&details.text().await?).contains("Enter the day it was referred"));
        assert_eq!(stages(&test, id).await?.len(), 1);
        let cafcass: Option<String> = sqlx::query_scalar("SELECT cafcass_on FROM escalations WHERE id = $1")
            .bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(cafcass, None);

        // Once the child has ceased to be looked after, the IRO reads only.
        sqlx::query("UPDATE children SET ceased_on = $1 WHERE id = $2").bind(day(today())).bind(jade).execute(test.db.pool()).await?;
        let read_only = post(&amina, &app, &format!("/escalations/{id}/respond"), &[
            ("response_on", day(today()).as_str()), ("response", "r"), ("next", "resolve"), ("outcome", "o"),
        ]).await?;
        assert!(crate::support::plain(&read_only.text().await?).contains("read"), "told why");
        assert_eq!(stages(&test, id).await?[0].3, None);
        let raise_page = amina.get(app.url(&format!("/children/{jade}/escalations/new"))).send().await?;
        assert_eq!(raise_page.status(), StatusCode::NOT_FOUND);
        assert!(page(&amina, &app, &format!("/escalations/{id}")).await?.contains("Stage 2 (head of service)"), "still read");
        Ok(())
    }

    async fn a_managers_stage_days_set_the_clock(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let morgan = staff(&test, &app, MORGAN).await?;
        let page_text = page(&morgan, &app, "/settings/escalations").await?;
        assert!(page_text.contains(r#"name="informal""#) && page_text.contains(r#"value="10""#));
        let refused = post(&morgan, &app, "/settings/escalations", &[
            ("informal", "10"), ("stage1", "10"), ("stage2", "10"), ("stage3", "5"),
        ]).await?;
        assert!(crate::support::plain(&refused.text().await?).contains("must be 20 working days or fewer"));
        let saved = post(&morgan, &app, "/settings/escalations", &[
            ("informal", "15"), ("stage1", "3"), ("stage2", "5"), ("stage3", "5"),
        ]).await?;
        assert_eq!(location(&saved), "/settings/escalations?saved=1");
        let detail: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'setting_changed' AND subject = 'setting:escalation_days'")
            .fetch_one(test.db.pool()).await?;
        assert_eq!(detail, "10,5,5,5 -> 15,3,5,5");
        // A concern raised now at stage 1 is due in 3 working days.
        let amina = staff(&test, &app, AMINA).await?;
        let jade = child_id(&test, "Jade").await?;
        let now = day(today());
        let sent = post(&amina, &app, &format!("/children/{jade}/escalations/new"), &[
            ("issue", "health"), ("what_wrong", "No health assessment."), ("what_needed", "One this month."),
            ("stage", "stage1"), ("raised_on", now.as_str()), ("to_name", "Pat"), ("to_role", "Team manager"),
        ]).await?;
        let id = id_in(&location(&sent));
        assert_eq!(stages(&test, id).await?[0].2, day(Calendar::shipped().add_working_days(today(), 3)));
        let raise_page = page(&amina, &app, &format!("/children/{jade}/escalations/new")).await?;
        assert!(raise_page.contains("due in 3 working days"));
        Ok(())
    }

    async fn counts_by_type_and_stage_match_the_hand_count(test) {
        server::demo::load_if_empty(&test.db).await?;
        // The demo's own escalations are this year's; the fixture's year
        // holds only the fixture.
        for fixture in &FIXTURE {
            load_fixture(&test, fixture).await?;
        }
        sqlx::query(
            "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, resolved_on, created_at) \
             SELECT c.id, 'good_practice', '2025-10-01', a.id, 'Good.', '2025-10-01', 0 FROM children c, accounts a \
             WHERE c.first_name = 'Lily' AND a.sign_in_name = $1",
        ).bind(BEN).execute(test.db.pool()).await?;
        let wholes = store::read(&test.db, Which::RaisedBetween, "2025-04-01", "2026-03-31").await?;
        let (tables, median) = figures::count(&wholes, &Calendar::shipped(), Rule::new(Preset::Dfe, 3));
        let keys: Vec<&str> = tables.iter().map(|t| t.key.as_str()).collect();
        let order = ["escalations-table-summary", "escalations-table-issues", "escalations-table-stages", "escalations-table-footprint"];
        assert_eq!(keys, order);
        let find = |key: &str| tables[order.iter().position(|k| *k == key).unwrap_or(0)].clone();
        let column = |key: &str| -> Vec<Cell> { find(key).cells.iter().map(|r| r[0]).collect() };
        use Cell::{Hidden as C, Shown as S};
        // Raised 7, formal 5 covering 10 issues, resolved 4; Cafcass 1,
        // the child's view 1, told 1 (each hidden), advocacy 0, good
        // practice 1 (hidden).
        assert_eq!(column("escalations-table-summary"), [S(7), S(5), S(10), S(4), C, C, C, S(0), C]);
        // Table 7, formal escalations only (the health issue was informal):
        // inadequate care plan 4 of 5 (80%); delay 2, education 2, follow-up
        // 1, other 1 (hidden).
        let issues = find("escalations-table-issues");
        assert_eq!(column("escalations-table-issues"), [S(4), C, S(0), S(0), S(0), C, S(0), S(0), C, C]);
        let percents = issues.percents.clone().unwrap_or_default();
        assert_eq!(percents[..2], [Some(80), None]);
        // Stages reached: all 7 informal or later, 5 stage 1, 3 stage 2
        // (the skip to 3 passed it), 2 stage 3.
        let stages = find("escalations-table-stages");
        let reached: Vec<Cell> = stages.cells.iter().map(|r| r[0]).collect();
        assert_eq!(reached, [S(7), S(5), S(3), C]);
        // Footprint: Amina raised 4, Ben 3; 7 in all.
        // Footprint (raised, resolved, reached stages 1 to 3, Cafcass, good
        // practice): every count shown is the hand count, and every small
        // one is hidden.
        let footprint = find("escalations-table-footprint");
        let names: Vec<_> = footprint.rows.iter().map(|r| format!("{r:?}")).collect();
        assert_eq!(names, [r#"Name("Amina Hussain")"#, r#"Name("Ben Carter")"#]);
        let expected = [[4, 3, 3, 2, 1, 1, 0], [3, 1, 2, 1, 1, 0, 1], [7, 4, 5, 3, 2, 1, 1]];
        let got = [footprint.cells[0].clone(), footprint.cells[1].clone(), footprint.column_totals.clone().unwrap_or_default()];
        for (row, want) in got.iter().zip(expected) {
            for (cell, n) in row.iter().zip(want) {
                match cell {
                    S(shown) => assert_eq!(*shown, n, "{footprint:?}"),
                    C => assert!(n >= 0, "hidden"),
                }
                if (1..3).contains(&n) {
                    assert_eq!(*cell, C, "{n} is hidden: {footprint:?}");
                }
            }
        }
        assert_eq!(got[0][0], S(4));
        // Working days to resolution 5, 10, 2 and 15 (the early May bank
        // holiday skipped): the median of 5 and 10, rounded, is 8.
        assert_eq!(median, Some(8));

        // The manager's page and CSV show the same year under the rule in
        // force (fewer than 6 hidden).
        let app = test.spawn_app().await?;
        let morgan = staff(&test, &app, MORGAN).await?;
        let overview = page(&morgan, &app, "/escalations?year=2025").await?;
        // Four resolved is under 6: no median is shown of them.
        assert!(overview.contains("Raised in 2025–26") && overview.contains("Too few were resolved"), "{overview}");
        let csv = morgan.get(app.url("/escalations/counts.csv?year=2025")).send().await?;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let csv = csv.text().await?;
        assert!(csv.contains("2025-04-01 – 2026-03-31"), "{csv}");
        assert!(csv.contains("Concerns raised,7") && csv.contains("Formal escalations (stage 1 or later),c"), "{csv}");
        assert!(csv.contains("Inadequate care plan,c,c"), "4 of 5 is under 6: {csv}");
        // The annual pack for the year has the same tables, but not each
        // IRO's footprint.
        let print = page(&morgan, &app, "/figures/print?year=2025").await?;
        assert!(print.contains("Issues raised in formal escalations") && print.contains("How far concerns went")
            && !print.contains("footprint"), "{print}");
        let xlsx = morgan.get(app.url("/escalations/counts.xlsx?year=2025")).send().await?;
        assert_eq!(xlsx.status(), StatusCode::OK);
        assert!(xlsx.bytes().await?.starts_with(b"PK"));
        assert!(scalar(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'figures_downloaded' AND subject = 'escalations:2025'").await? == 2);
        Ok(())
    }
}
