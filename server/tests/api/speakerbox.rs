//! Speakerbox on both databases: joining and leaving; a topic from draft
//! to closed; answers with and without a name (every column of every
//! table an answer touches read back, so one without a name is shown to
//! hold nothing that leads to the account, a session or the exact time);
//! one answer per member; results hidden until closing; Help now after
//! words that suggest a member may not be safe, with nothing identifying
//! sent unless they say yes; hidden answers audited; small counts hidden;
//! emails without the topic's words; bad input refused kindly with
//! nothing lost; and nobody sees what is not theirs.

use crate::support::{
    TestApp, TestDb, child_client as child, location, page_as as page, post_as as post,
    staff_client as staff,
};
use reqwest::StatusCode;

const CRO: &str = "chloe.adams@example.org";

async fn count(test: &TestDb, sql: &str) -> anyhow::Result<i64> {
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

/// Every column of an answer's row.
#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: String,
    topic_id: i64,
    child_id: Option<i64>,
    choices: String,
    words: String,
    language: Option<String>,
    answered_on: String,
    hidden_reason: Option<String>,
    hidden_by: Option<i64>,
    hidden_at: Option<i64>,
}

fn is_not_found(status: StatusCode, body: &str) -> bool {
    status == StatusCode::NOT_FOUND && body.contains("Page not found")
}

async fn not_found(client: &reqwest::Client, app: &TestApp, path: &str) -> anyhow::Result<bool> {
    let response = client.get(app.url(path)).send().await?;
    let status = response.status();
    Ok(is_not_found(status, &response.text().await?))
}

/// The CRO writes a poll for every member, open from today for a week,
/// and publishes it: its id.
async fn publish_poll(
    cro: &reqwest::Client,
    app: &TestApp,
    title: &str,
    several: bool,
) -> anyhow::Result<i64> {
    let today = time::OffsetDateTime::now_utc().date();
    let closes = today + time::Duration::days(7);
    let (d, m, y) = (
        today.day().to_string(),
        u8::from(today.month()).to_string(),
        today.year().to_string(),
    );
    let (cd, cm, cy) = (
        closes.day().to_string(),
        u8::from(closes.month()).to_string(),
        closes.year().to_string(),
    );
    let mut form = vec![
        ("title", title),
        (
            "body",
            "Tell us what you think about the new youth club opening hours.",
        ),
        ("question", "What would you change?"),
        (
            "choices",
            "Later in the evening\nAt weekends\nKeep them as they are",
        ),
        ("audience", "all"),
        ("opens_on-day", d.as_str()),
        ("opens_on-month", m.as_str()),
        ("opens_on-year", y.as_str()),
        ("closes_on-day", cd.as_str()),
        ("closes_on-month", cm.as_str()),
        ("closes_on-year", cy.as_str()),
    ];
    if several {
        form.push(("several", "yes"));
    }
    let saved = post(cro, app, "/speakerbox/run/topics/new", &form).await?;
    let to = location(&saved);
    anyhow::ensure!(to.ends_with("?saved=1"), "the draft was saved: {to}");
    let id: i64 = to
        .trim_start_matches("/speakerbox/run/topics/")
        .trim_end_matches("?saved=1")
        .parse()?;
    let published = post(
        cro,
        app,
        &format!("/speakerbox/run/topics/{id}/publish"),
        &[],
    )
    .await?;
    anyhow::ensure!(
        location(&published) == format!("/speakerbox/run/topics/{id}?done=published"),
        "published"
    );
    Ok(id)
}

on_both_databases! {
    async fn a_member_joins_with_their_agreement_and_can_leave(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let members = page(&cro, &app, "/speakerbox/run/members").await?;
        for shown in ["skyblue-fox", "sunny-kite", "quiet-moon", "little-owl", "Junior council", "Council"] {
            assert!(members.contains(shown), "{shown} on the members page");
        }
        assert!(!members.contains("Jade") && !members.contains("Sara"), "sign-in names, never real names");

        // Tom is not a member: his Speakerbox says what it is and how to join.
        let tom = child(&app, "river-stone").await?;
        let his = page(&tom, &app, "/speakerbox").await?;
        assert!(his.contains("Would you like to join?") && !his.contains("Leave Speakerbox"), "{his}");
        let topic: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Pocket money'").await?;
        assert!(not_found(&tom, &app, &format!("/speakerbox/topics/{topic}")).await?, "not his to open");

        // Without his agreement, or by a name nobody has, nothing changes.
        let refused = post(&cro, &app, "/speakerbox/run/members", &[("sign_in_name", "river-stone")]).await?;
        assert_eq!(refused.status(), StatusCode::OK);
        let text = refused.text().await?;
        assert!(text.contains("Tick to say the young person has agreed to join") && text.contains(r#"value="river-stone""#), "kind, and kept");
        let unknown = post(&cro, &app, "/speakerbox/run/members", &[("sign_in_name", "no-such-fox"), ("agreed", "yes")]).await?;
        assert!(unknown.text().await?.contains("No young person has this sign-in name"));
        assert_eq!(count(&test, "SELECT COUNT(*) FROM speakerbox_members").await?, 4);

        // With it, he is a member from today, in the council.
        let council: i64 = count(&test, "SELECT id FROM speakerbox_groups WHERE name = 'Council'").await?;
        let added = post(&cro, &app, "/speakerbox/run/members", &[("sign_in_name", " River-Stone "), ("agreed", "yes"), ("group", &council.to_string())]).await?;
        assert_eq!(location(&added), "/speakerbox/run/members?added=1");
        let tom_id = child_id(&test, "Tom").await?;
        let (agreed_on, left_at): (String, Option<i64>) = sqlx::query_as("SELECT agreed_on, left_at FROM speakerbox_members WHERE child_id = $1")
            .bind(tom_id).fetch_one(test.db.pool()).await?;
        assert_eq!((agreed_on.len(), left_at), (10, None));
        let his = page(&tom, &app, "/speakerbox").await?;
        assert!(his.contains("You have been a member of Speakerbox since") && his.contains("Pocket money") && his.contains("Family time"), "{his}");
        let home = page(&tom, &app, "/home").await?;
        assert!(home.contains("Questions to answer: 1"), "told in the portal: {home}");
        let audited = count(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'speakerbox_member_added'").await?;
        assert_eq!(audited, 1);

        // He answers, then leaves from his own page: his answer is kept,
        // he is kept as having been a member, and no longer reads the topics.
        let answered = post(&tom, &app, "/speakerbox/answer", &[("topic", &topic.to_string()), ("choice", "1"), ("named", "yes")]).await?;
        assert_eq!(location(&answered), format!("/speakerbox/topics/{topic}?sent=1"));
        let left = post(&tom, &app, "/speakerbox/leave", &[]).await?;
        assert_eq!(location(&left), "/speakerbox?left=1");
        assert!(page(&tom, &app, "/speakerbox?left=1").await?.contains("You have left Speakerbox."));
        assert!(not_found(&tom, &app, &format!("/speakerbox/topics/{topic}")).await?);
        let (left_at, groups): (Option<i64>, i64) = sqlx::query_as(
            "SELECT left_at, (SELECT COUNT(*) FROM speakerbox_member_groups WHERE child_id = $1) FROM speakerbox_members WHERE child_id = $1",
        ).bind(tom_id).fetch_one(test.db.pool()).await?;
        assert!(left_at.is_some() && groups == 0);
        assert!(!page(&cro, &app, "/speakerbox/run/members").await?.contains("river-stone"));
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM speakerbox_answers WHERE child_id = $1").bind(tom_id).fetch_one(test.db.pool()).await?;
        assert_eq!(kept, 1, "answers already sent are kept, as the page says");
        // Leaving twice: not a member, nothing to leave.
        let again = post(&tom, &app, "/speakerbox/leave", &[]).await?;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);

        // Groups: a name is needed, and must be new.
        let empty = post(&cro, &app, "/speakerbox/run/groups", &[("group_name", " ")]).await?;
        assert!(empty.text().await?.contains("Enter the group"), "kind");
        let taken = post(&cro, &app, "/speakerbox/run/groups", &[("group_name", "council")]).await?;
        assert!(taken.text().await?.contains("There is already a group with this name"));
        let made = post(&cro, &app, "/speakerbox/run/groups", &[("group_name", "Young carers")]).await?;
        assert_eq!(location(&made), "/speakerbox/run/members?group=1");
        // A manager may manage members too.
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let by_manager = post(&manager, &app, "/speakerbox/run/members", &[("sign_in_name", "river-stone"), ("agreed", "yes")]).await?;
        assert_eq!(location(&by_manager), "/speakerbox/run/members?added=1");
        Ok(())
    }

    async fn a_topic_goes_from_draft_to_closed_and_results_wait_for_closing(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let cro = staff(&test, &app, CRO).await?;
        // Bad input: told kindly, everything typed kept, nothing saved.
        let before = count(&test, "SELECT COUNT(*) FROM speakerbox_topics").await?;
        let bad = post(&cro, &app, "/speakerbox/run/topics/new", &[
            ("title", "Youth club"), ("body", ""), ("choices", "Only one choice"), ("audience", "all"),
            ("opens_on-day", "31"), ("opens_on-month", "2"), ("opens_on-year", "2027"),
        ]).await?;
        assert_eq!(bad.status(), StatusCode::OK);
        let text = bad.text().await?;
        for message in ["Enter what the topic is about", "A poll needs from 2 to 10 choices", "Enter the last day to answer"] {
            assert!(text.contains(message), "{message}");
        }
        assert!(text.contains(r#"value="Youth club""#) && text.contains("Only one choice"), "what was typed is kept");
        assert!(text.contains("<title>Error: "), "the title says so");
        // A title too long is told, and kept whole: no box cuts it.
        let long = "Opening hours ".repeat(9);
        let cut = post(&cro, &app, "/speakerbox/run/topics/new", &[("title", long.as_str())]).await?;
        let text = cut.text().await?;
        assert!(text.contains("The title must be 120 characters or fewer"), "{text}");
        assert!(text.contains(&format!(r#"value="{long}""#)) && !text.contains("maxlength"), "kept whole");
        assert_eq!(count(&test, "SELECT COUNT(*) FROM speakerbox_topics").await?, before);

        // Sara has an email address: she is told, with none of the words.
        let sara = child_id(&test, "Sara").await?;
        sqlx::query("UPDATE accounts SET email = 'sara@example.org' WHERE id = (SELECT account_id FROM children WHERE id = $1)")
            .bind(sara).execute(test.db.pool()).await?;
        let jade = child(&app, "skyblue-fox").await?;
        let today = time::OffsetDateTime::now_utc().date();
        let closes = today + time::Duration::days(7);
        let saved = post(&cro, &app, "/speakerbox/run/topics/new", &[
            ("title", "Youth club"), ("body", "Tell us what you think about the youth club opening hours."),
            ("choices", "Later\nWeekends\nAs they are"), ("audience", "all"),
            ("opens_on", &server::storage::iso_date_of(today)), ("closes_on", &server::storage::iso_date_of(closes)),
        ]).await?;
        let draft_page = location(&saved).trim_end_matches("?saved=1").to_owned();
        let id: i64 = draft_page.trim_start_matches("/speakerbox/run/topics/").parse()?;
        assert!(page(&cro, &app, &draft_page).await?.contains("Draft"));
        assert!(not_found(&jade, &app, &format!("/speakerbox/topics/{id}")).await?, "a draft is the CRO's alone");
        assert_eq!(count(&test, "SELECT COUNT(*) FROM outbox").await?, 0);

        let published = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/publish"), &[]).await?;
        assert_eq!(location(&published), format!("/speakerbox/run/topics/{id}?done=published"));
        let emails: Vec<(String, String, String)> = sqlx::query_as("SELECT to_address, subject, body_text FROM outbox").fetch_all(test.db.pool()).await?;
        assert_eq!(emails.len(), 1, "the one member with an address");
        let (to, subject, body) = &emails[0];
        assert_eq!(to, "sara@example.org");
        assert!(subject.contains("Speakerbox") && body.contains("/speakerbox"));
        for private in ["Youth club", "opening hours", "Later", "Weekends"] {
            assert!(!subject.contains(private) && !body.contains(private), "{private} in the email");
        }
        // Published words stay as members read them.
        let locked = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/edit"), &[("title", "Changed")]).await?;
        assert_eq!(locked.status(), StatusCode::NOT_FOUND);

        // Jade votes with her name; no one sees counts while it runs.
        let topic = page(&jade, &app, &format!("/speakerbox/topics/{id}")).await?;
        assert!(topic.contains("Youth club") && topic.contains("Without my name") && topic.contains("What \"without my name\" means"), "{topic}");
        let sent = post(&jade, &app, "/speakerbox/answer", &[("topic", &id.to_string()), ("choice", "1"), ("named", "yes")]).await?;
        assert_eq!(location(&sent), format!("/speakerbox/topics/{id}?sent=1"));
        let shown = page(&jade, &app, &format!("/speakerbox/topics/{id}?sent=1")).await?;
        assert!(shown.contains("Your answer was sent") && shown.contains("You can change your answer until the question closes"));
        assert!(!shown.contains("Members who answered"), "no results while open");
        let staff_view = page(&cro, &app, &format!("/speakerbox/run/topics/{id}")).await?;
        assert!(!staff_view.contains("Members who answered") && staff_view.contains("can be read once the topic closes"));
        let list = page(&cro, &app, "/speakerbox/run").await?;
        assert!(list.contains("Youth club") && list.contains("Open"));

        // Closed early: the results, through disclosure control (1 vote is "c").
        let closed = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/close"), &[]).await?;
        assert_eq!(location(&closed), format!("/speakerbox/run/topics/{id}?done=closed"));
        let results = page(&cro, &app, &format!("/speakerbox/run/topics/{id}")).await?;
        assert!(results.contains("Members who answered: c") && results.contains("means a number too small to show"), "{results}");
        let member_results = page(&jade, &app, &format!("/speakerbox/topics/{id}")).await?;
        assert!(member_results.contains("Members who answered: c") && !member_results.contains("Send my answer"));
        let late = post(&jade, &app, "/speakerbox/answer", &[("topic", &id.to_string()), ("choice", "0"), ("named", "yes")]).await?;
        assert!(late.text().await?.contains("This question is not open for answers now"));
        let choices: String = sqlx::query_scalar("SELECT choices FROM speakerbox_answers WHERE topic_id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(choices, "1", "nothing changed after closing");

        // The demo's closed topic has enough answers to show.
        let family: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Family time'").await?;
        let shown = page(&cro, &app, &format!("/speakerbox/run/topics/{family}")).await?;
        assert!(shown.contains("Members who answered: 14"), "{shown}");
        assert!(shown.contains(r#"<th scope="row" lang="en">Enough</th><td class="numeric">6</td>"#), "{shown}");
        assert!(shown.contains(r#"<th scope="row" lang="en">Not enough</th><td class="numeric">8</td>"#));
        // Written answers: the first name only where given.
        assert!(shown.contains("<strong>Jade</strong>") && shown.contains("I only see my brother"));
        assert!(shown.contains("Without a name") && shown.contains("Let us meet somewhere fun"));
        // One entry for the topic, and one for Jade, whose words carry her
        // name: her home says who read them, as the privacy page promises.
        assert_eq!(count(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'speakerbox_answers_read'").await?, 2);
        let jade_home = page(&jade, &app, "/home").await?;
        assert!(jade_home.contains("Chloe Adams (Children&#x27;s Rights Officer) read the Speakerbox answers sent with your name on")
            || jade_home.contains("Chloe Adams (Children's Rights Officer) read the Speakerbox answers sent with your name on"), "{jade_home}");
        let sara_home = page(&child(&app, "quiet-moon").await?, &app, "/home").await?;
        assert!(!sara_home.contains("read the Speakerbox answers"), "Sara's named answer was a vote: no words read");
        let privacy = page(&jade, &app, "/privacy").await?;
        assert!(privacy.contains("the Children&#x27;s Rights Officer reads the written answers once a question closes")
            || privacy.contains("the Children's Rights Officer reads the written answers once a question closes"), "{privacy}");
        // Members see the numbers only, as their page says.
        let jade_reads = page(&jade, &app, &format!("/speakerbox/topics/{family}")).await?;
        assert!(jade_reads.contains("Members who answered: 14") && jade_reads.contains("Other members see only these numbers"));
        for words in ["I only see my brother", "Let us meet somewhere fun", "It is fine for me"] {
            assert!(!jade_reads.contains(words), "{words} shown to a member");
        }
        // A manager sees the counts, never the words.
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let theirs = page(&manager, &app, &format!("/speakerbox/run/topics/{family}")).await?;
        assert!(theirs.contains("Members who answered: 14") && !theirs.contains("I only see my brother") && !theirs.contains("Publish"));
        Ok(())
    }

    async fn an_answer_without_a_name_holds_nothing_that_leads_back(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let id = publish_poll(&cro, &app, "Youth club", false).await?;
        let sara = child(&app, "quiet-moon").await?;
        let sara_id = child_id(&test, "Sara").await?;
        let account: i64 = count(&test, &format!("SELECT account_id FROM children WHERE id = {sara_id}")).await?;
        let audit_before = count(&test, "SELECT COUNT(*) FROM audit_log").await?;
        let outbox_before = count(&test, "SELECT COUNT(*) FROM outbox").await?;
        sara.get(app.url("/language/ar?next=/help")).send().await?;
        let sent = sara.post(app.url("/speakerbox/answer"))
            .form(&[("topic", id.to_string().as_str()), ("choice", "0"), ("words", "نريد أن يبقى النادي مفتوحا حتى التاسعة"), ("named", "no")])
            .send().await?;
        assert_eq!(location(&sent), format!("/speakerbox/topics/{id}?sent=1"));

        // Every column of the answer's row.
        // (Every column the table has: a new one fails here until it is read.)
        let schema = server::storage::schema::describe(&test.db).await?;
        let columns: Vec<&str> = schema["speakerbox_answers"].columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(columns, ["answered_on", "child_id", "choices", "hidden_at", "hidden_by", "hidden_reason", "id", "language", "topic_id", "words"]);
        let AnswerRow { id: answer_id, topic_id, child_id: named, choices, words, language, answered_on, hidden_reason: hidden, hidden_by, hidden_at } = sqlx::query_as(
            "SELECT id, topic_id, child_id, choices, words, language, answered_on, hidden_reason, hidden_by, hidden_at \
             FROM speakerbox_answers WHERE topic_id = $1",
        ).bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(topic_id, id);
        assert_eq!(named, None, "no child");
        assert_eq!((choices.as_str(), language.as_deref()), ("0", Some("ar")));
        assert!(words.starts_with("نريد"));
        assert_eq!(answered_on, server::storage::iso_date_of(time::OffsetDateTime::now_utc().date()), "the day, no finer");
        assert!(hidden.is_none() && hidden_by.is_none() && hidden_at.is_none());
        assert!(answer_id.len() == 32 && answer_id.chars().all(|c| c.is_ascii_hexdigit()), "a random id");
        // The id is no account's, session's or child's.
        let sessions: Vec<(i64, String, i64, i64)> = sqlx::query_as("SELECT id, token_hash, account_id, last_seen_at FROM sessions").fetch_all(test.db.pool()).await?;
        for (session, token_hash, _, _) in &sessions {
            assert!(answer_id != session.to_string() && !token_hash.contains(&answer_id) && !answer_id.contains(&token_hash[..8]));
        }
        for number in [account, sara_id] {
            assert_ne!(answer_id, number.to_string());
        }
        // The one-answer mark: the topic and a keyed hash, nothing else.
        let columns: Vec<&str> = schema["speakerbox_answered"].columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(columns, ["mark", "topic_id"]);
        let marks: Vec<(i64, String)> = sqlx::query_as("SELECT topic_id, mark FROM speakerbox_answered WHERE topic_id = $1").bind(id).fetch_all(test.db.pool()).await?;
        assert_eq!(marks.len(), 1);
        let mark = &marks[0].1;
        assert_eq!(mark.len(), 64);
        assert!(!mark.contains(&answer_id), "the mark says nothing of the answer");
        use sha2::Digest;
        let unkeyed: String = sha2::Sha256::digest(format!("speakerbox:{id}:{sara_id}")).iter().map(|b| format!("{b:02x}")).collect();
        assert_ne!(mark, &unkeyed, "keyed with the server's secret, not a plain hash anyone could make");
        // No audit entry, no email, no alert: nothing else was written.
        assert_eq!(count(&test, "SELECT COUNT(*) FROM audit_log").await?, audit_before, "the answer is not in the log");
        assert_eq!(count(&test, "SELECT COUNT(*) FROM safety_alerts").await?, 0);
        assert_eq!(count(&test, "SELECT COUNT(*) FROM outbox").await?, outbox_before);

        // She is told plainly (back in English here) that it cannot be
        // shown or changed.
        sara.get(app.url("/language/en?next=/help")).send().await?;
        let mine = page(&sara, &app, &format!("/speakerbox/topics/{id}")).await?;
        assert!(mine.contains("You answered without your name") && !mine.contains("Send my answer"), "{mine}");
        assert!(page(&sara, &app, "/speakerbox").await?.contains("Answered"), "her list knows, by the mark");
        // One answer per member: another is refused, kindly, nothing kept.
        let again = post(&sara, &app, "/speakerbox/answer", &[("topic", &id.to_string()), ("choice", "2"), ("named", "yes")]).await?;
        assert!(again.text().await?.contains("You have already answered without your name"));
        assert_eq!(count(&test, &format!("SELECT COUNT(*) FROM speakerbox_answers WHERE topic_id = {id}")).await?, 1);
        assert_eq!(count(&test, &format!("SELECT COUNT(*) FROM speakerbox_answered WHERE topic_id = {id}")).await?, 1);
        Ok(())
    }

    async fn a_named_answer_changes_until_closing_and_stays_one(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let id = publish_poll(&cro, &app, "Youth club", true).await?;
        let jade = child(&app, "skyblue-fox").await?;
        let jade_id = child_id(&test, "Jade").await?;
        let topic = id.to_string();
        // Bad input: kind messages, what she wrote kept, nothing stored.
        let bad = post(&jade, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "7"), ("words", "keep my words please")]).await?;
        let text = bad.text().await?;
        assert!(text.contains("Pick from the choices shown") && text.contains("Choose with your name or without your name") && text.contains("keep my words please"), "{text}");
        assert_eq!(count(&test, "SELECT COUNT(*) FROM speakerbox_answers").await?, 14, "only the demo's");
        // Several choices, with her name; then changed.
        post(&jade, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "0"), ("choice", "1"), ("words", "Open later"), ("named", "yes")]).await?;
        let shown = page(&jade, &app, &format!("/speakerbox/topics/{id}")).await?;
        assert!(shown.contains("Open later") && shown.contains(r#"value="0" checked"#), "her answer is shown to change: {shown}");
        post(&jade, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "2"), ("words", "Actually fine"), ("named", "yes")]).await?;
        let rows: Vec<(Option<i64>, String, String)> = sqlx::query_as("SELECT child_id, choices, words FROM speakerbox_answers WHERE topic_id = $1").bind(id).fetch_all(test.db.pool()).await?;
        assert_eq!(rows, [(Some(jade_id), "2".to_owned(), "Actually fine".to_owned())]);
        assert_eq!(count(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'speakerbox_answered'").await?, 2);
        // Then without her name: still one answer, now with no child.
        post(&jade, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "1"), ("named", "no")]).await?;
        let rows: Vec<(Option<i64>, String)> = sqlx::query_as("SELECT child_id, choices FROM speakerbox_answers WHERE topic_id = $1").bind(id).fetch_all(test.db.pool()).await?;
        assert_eq!(rows, [(None, "1".to_owned())]);
        assert_eq!(count(&test, &format!("SELECT COUNT(*) FROM speakerbox_answered WHERE topic_id = {id}")).await?, 1);
        Ok(())
    }

    async fn words_that_suggest_danger_bring_help_and_tell_no_one_without_a_yes(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let cro = staff(&test, &app, CRO).await?;
        let id = publish_poll(&cro, &app, "Youth club", false).await?;
        let outbox_before = count(&test, "SELECT COUNT(*) FROM outbox").await?;
        // Without a name: Help now at once, and a question; nothing raised.
        let sara = child(&app, "quiet-moon").await?;
        let sent = post(&sara, &app, "/speakerbox/answer", &[("topic", &id.to_string()), ("words", "I don't feel safe at home"), ("named", "no")]).await?;
        assert_eq!(location(&sent), format!("/speakerbox/topics/{id}/safe"));
        let help = page(&sara, &app, &format!("/speakerbox/topics/{id}/safe")).await?;
        assert!(help.contains("Childline") && help.contains("Do you want your IRO to know who you are?"), "{help}");
        assert_eq!(count(&test, "SELECT COUNT(*) FROM safety_alerts").await?, 0, "nothing until she says");
        let no = post(&sara, &app, &format!("/speakerbox/topics/{id}/safe"), &[("tell", "no")]).await?;
        assert_eq!(location(&no), format!("/speakerbox/topics/{id}?told=0"));
        assert_eq!(count(&test, "SELECT COUNT(*) FROM safety_alerts").await?, 0);
        assert_eq!(count(&test, "SELECT COUNT(*) FROM outbox").await?, outbox_before);
        // She changes her mind: her IRO is told who she is, not what she wrote.
        let yes = post(&sara, &app, &format!("/speakerbox/topics/{id}/safe"), &[("tell", "yes")]).await?;
        assert_eq!(location(&yes), format!("/speakerbox/topics/{id}?told=1"));
        let sara_id = child_id(&test, "Sara").await?;
        let alert: (i64, String, String, Option<i64>) = sqlx::query_as("SELECT child_id, reason, source, source_id FROM safety_alerts").fetch_one(test.db.pool()).await?;
        assert_eq!(alert, (sara_id, "words".to_owned(), "speakerbox".to_owned(), Some(id)));
        let emails: Vec<(String, String)> = sqlx::query_as("SELECT subject, body_text FROM outbox ORDER BY id").fetch_all(test.db.pool()).await?;
        let (subject, body) = emails.last().cloned().unwrap_or_default();
        assert!(subject.starts_with("Urgent") && !body.contains("safe at home") && !body.contains("Youth club"));
        // The answer itself is still without a name.
        let named: Option<i64> = sqlx::query_scalar("SELECT child_id FROM speakerbox_answers WHERE topic_id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(named, None);
        // With a name: the IRO is told at once, and she sees Help now.
        let jade = child(&app, "skyblue-fox").await?;
        let named = post(&jade, &app, "/speakerbox/answer", &[("topic", &id.to_string()), ("words", "someone hits me"), ("named", "yes")]).await?;
        assert_eq!(location(&named), format!("/speakerbox/topics/{id}/safe?told=1"));
        let jade_help = page(&jade, &app, &format!("/speakerbox/topics/{id}/safe?told=1")).await?;
        assert!(jade_help.contains("we have let your IRO know") && !jade_help.contains("Do you want your IRO"));
        assert_eq!(count(&test, "SELECT COUNT(*) FROM safety_alerts WHERE source = 'speakerbox'").await?, 2);
        Ok(())
    }

    async fn the_cro_hides_an_answer_which_is_kept_and_audited(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let family: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Family time'").await?;
        let answer: String = sqlx::query_scalar("SELECT id FROM speakerbox_answers WHERE words LIKE 'The contact centre%'").fetch_one(test.db.pool()).await?;
        let path = format!("/speakerbox/run/topics/{family}/hide");
        let empty = post(&cro, &app, &path, &[("answer", &answer), ("reason", "  ")]).await?;
        assert_eq!(empty.status(), StatusCode::OK);
        assert!(empty.text().await?.contains("Say why the answer must not be shown"));
        let hidden = post(&cro, &app, &path, &[("answer", &answer), ("reason", "Names a member of staff")]).await?;
        assert_eq!(location(&hidden), format!("/speakerbox/run/topics/{family}?done=hidden"));
        let shown = page(&cro, &app, &format!("/speakerbox/run/topics/{family}")).await?;
        assert!(shown.contains("Hidden: Names a member of staff") && !shown.contains("The contact centre"), "{shown}");
        let kept: (String, Option<String>) = sqlx::query_as("SELECT words, hidden_reason FROM speakerbox_answers WHERE id = $1").bind(&answer).fetch_one(test.db.pool()).await?;
        assert!(kept.0.starts_with("The contact centre") && kept.1.as_deref() == Some("Names a member of staff"), "kept");
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'speakerbox_answer_hidden' AND subject = $1")
            .bind(format!("speakerbox-answer:{answer}")).fetch_one(test.db.pool()).await?;
        assert_eq!(audited, 1);
        // Its vote still counts: 14 answered.
        assert!(shown.contains("Members who answered: 14"));
        // Only the CRO hides, only a closed topic's answers.
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let theirs = post(&manager, &app, &path, &[("answer", &answer), ("reason", "x")]).await?;
        assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn nobody_else_sees_speakerbox_pages(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let topic: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Pocket money'").await?;
        let family: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Family time'").await?;
        // Mia is a member, but only of the junior council: "Family time"
        // was for the council.
        let mia = child(&app, "little-owl").await?;
        assert!(!not_found(&mia, &app, &format!("/speakerbox/topics/{topic}")).await?);
        assert!(not_found(&mia, &app, &format!("/speakerbox/topics/{family}")).await?, "not her group's");
        let sent = post(&mia, &app, "/speakerbox/answer", &[("topic", &family.to_string()), ("choice", "0"), ("named", "yes")]).await?;
        assert_eq!(sent.status(), StatusCode::NOT_FOUND);
        // An IRO and a caseworker: none of it.
        for name in ["amina.hussain@example.org", "dev.patel@example.org"] {
            let client = staff(&test, &app, name).await?;
            for path in ["/speakerbox", "/speakerbox/run", "/speakerbox/run/members", &format!("/speakerbox/run/topics/{family}"), &format!("/speakerbox/topics/{topic}")] {
                assert!(not_found(&client, &app, path).await?, "{name} {path}");
            }
        }
        // A child never reaches the staff pages.
        let jade = child(&app, "skyblue-fox").await?;
        for path in ["/speakerbox/run", "/speakerbox/run/members", &format!("/speakerbox/run/topics/{family}")] {
            assert!(not_found(&jade, &app, path).await?, "{path}");
        }
        Ok(())
    }

    async fn a_member_reads_a_topic_in_their_language_where_the_cro_gave_it(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let draft: i64 = count(&test, "SELECT id FROM speakerbox_topics WHERE title = 'Moving home'").await?;
        let path = format!("/speakerbox/run/topics/{draft}/translate");
        // The same parts as the English: a question, no poll.
        let wrong = post(&cro, &app, &path, &[("language", "ar"), ("title", "الانتقال"), ("body", "أخبرنا"), ("choices", "نعم\nلا")]).await?;
        let text = wrong.text().await?;
        assert!(text.contains("Give the question in this language") && text.contains("Give the same number of choices"), "{text}");
        let english = post(&cro, &app, &path, &[("language", "en"), ("title", "x"), ("body", "y"), ("question", "z")]).await?;
        assert!(english.text().await?.contains("Choose a language"));
        assert_eq!(count(&test, "SELECT COUNT(*) FROM speakerbox_translations").await?, 0);
        let saved = post(&cro, &app, &path, &[("language", "ar"), ("title", "الانتقال إلى بيت جديد"), ("body", "أخبرنا بما ساعدك"), ("question", "ماذا يجب أن يحدث؟")]).await?;
        assert_eq!(location(&saved), format!("/speakerbox/run/topics/{draft}?translated=1"));
        assert!(page(&cro, &app, &format!("/speakerbox/run/topics/{draft}")).await?.contains("Translations</dt><dd>Arabic"));
        // Published (its first day moved to today), Sara reads it in Arabic
        // and Jade, reading MySay in Welsh, gets the English marked as such.
        sqlx::query("UPDATE speakerbox_topics SET opens_on = $1 WHERE id = $2")
            .bind(server::storage::iso_date_of(time::OffsetDateTime::now_utc().date())).bind(draft)
            .execute(test.db.pool()).await?;
        post(&cro, &app, &format!("/speakerbox/run/topics/{draft}/publish"), &[]).await?;
        let sara = child(&app, "quiet-moon").await?;
        sara.get(app.url("/language/ar?next=/help")).send().await?;
        let arabic = page(&sara, &app, &format!("/speakerbox/topics/{draft}")).await?;
        assert!(arabic.contains(r#"<div lang="ar"><h1 id="topic">الانتقال إلى بيت جديد</h1>"#), "{arabic}");
        let jade = child(&app, "skyblue-fox").await?;
        jade.get(app.url("/language/cy?next=/help")).send().await?;
        let welsh = page(&jade, &app, &format!("/speakerbox/topics/{draft}")).await?;
        assert!(welsh.contains(r#"<div lang="en"><h1 id="topic">Moving home</h1>"#), "{welsh}");
        let list = page(&jade, &app, "/speakerbox").await?;
        assert!(list.contains(r#"lang="en">Moving home</a>"#), "{list}");
        Ok(())
    }

    async fn you_said_we_did_is_every_childs_to_read_and_tells_those_who_answered(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        let id = publish_poll(&cro, &app, "Youth club", false).await?;
        let topic = id.to_string();
        let jade = child(&app, "skyblue-fox").await?;
        let sara = child(&app, "quiet-moon").await?;
        let yonas = child(&app, "sunny-kite").await?;
        let tom = child(&app, "river-stone").await?;
        post(&jade, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "1"), ("named", "yes")]).await?;
        post(&sara, &app, "/speakerbox/answer", &[("topic", &topic), ("choice", "0"), ("named", "no")]).await?;
        // Not while it is open.
        let early = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/item"), &[("said", "x"), ("did", "y"), ("responsible", "z"), ("status", "planned")]).await?;
        assert_eq!(early.status(), StatusCode::NOT_FOUND);
        post(&cro, &app, &format!("/speakerbox/run/topics/{id}/close"), &[]).await?;
        // Bad input: kind, kept, nothing published.
        let bad = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/item"), &[("said", "Open later on Fridays"), ("did", " "), ("status", "soon")]).await?;
        let text = bad.text().await?;
        for message in ["Say what the service did or will do", "Say who is responsible", "Choose where it is now"] {
            assert!(text.contains(message), "{message}");
        }
        assert!(text.contains("Open later on Fridays"), "kept");
        assert_eq!(count(&test, &format!("SELECT COUNT(*) FROM speakerbox_items WHERE topic_id = {id}")).await?, 0);
        let shared = post(&cro, &app, &format!("/speakerbox/run/topics/{id}/item"), &[
            ("said", "You want the youth club open later on Fridays."),
            ("did", "From March it will open until 9pm on Fridays."),
            ("responsible", "Youth service manager"), ("status", "planned"),
        ]).await?;
        assert_eq!(location(&shared), format!("/speakerbox/run/topics/{id}?done=item#items"));
        assert_eq!(count(&test, "SELECT COUNT(*) FROM audit_log WHERE action = 'speakerbox_item_published'").await?, 1);

        // Every child reads the board, newest first: Tom is no member.
        let board = page(&tom, &app, "/speakerbox/you-said-we-did").await?;
        let (youth, family, wifi) = (board.find("until 9pm on Fridays"), board.find("Weekend family time has started"), board.find("Wi-Fi that works for school"));
        assert!(youth.is_some() && family.is_some() && wifi.is_some(), "{board}");
        assert!(youth < family && family < wifi, "newest news first");
        assert!(board.contains("Youth service manager") && board.contains("Being done") && !board.contains(">New<"), "{board}");
        assert!(!page(&tom, &app, "/home").await?.contains("There is news in"));
        // Those who answered are told on their home: Jade with her name,
        // Sara without hers (known only by the keyed mark); not Yonas, who
        // did not answer.
        for (who, told) in [(&jade, true), (&sara, true), (&yonas, false)] {
            let home = page(who, &app, "/home").await?;
            assert_eq!(home.contains("There is news in \"You said, we did\" about a question you answered."), told, "{home}");
        }
        // Opened from another site's page: not seen yet.
        sara.get(app.url("/speakerbox/you-said-we-did")).header("sec-fetch-site", "cross-site").send().await?;
        assert!(page(&sara, &app, "/home").await?.contains("There is news in"));
        // Opened by her: marked new once, then seen.
        let hers = page(&sara, &app, "/speakerbox/you-said-we-did").await?;
        assert!(hers.contains(">New<"), "{hers}");
        assert!(!page(&sara, &app, "/home").await?.contains("There is news in"));
        assert!(!page(&sara, &app, "/speakerbox/you-said-we-did").await?.contains(">New<"));

        // An update: told again; the status moves on.
        let item: i64 = count(&test, &format!("SELECT id FROM speakerbox_items WHERE topic_id = {id}")).await?;
        let empty = post(&cro, &app, &format!("/speakerbox/run/items/{item}/update"), &[("body", ""), ("status", "in-progress")]).await?;
        assert!(empty.text().await?.contains("Say what has happened"));
        // Two updates in one millisecond would share a time: wait one.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let updated = post(&cro, &app, &format!("/speakerbox/run/items/{item}/update"), &[("body", "The new hours start on 6 March."), ("status", "in-progress")]).await?;
        assert_eq!(location(&updated), format!("/speakerbox/run/topics/{id}?done=updated#items"));
        assert!(page(&sara, &app, "/home").await?.contains("There is news in"));
        let status: String = sqlx::query_scalar("SELECT status FROM speakerbox_items WHERE id = $1").bind(item).fetch_one(test.db.pool()).await?;
        assert_eq!(status, "in-progress");
        assert!(page(&tom, &app, "/speakerbox/you-said-we-did").await?.contains("The new hours start on 6 March."));
        // Only the CRO writes it.
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let theirs = post(&manager, &app, &format!("/speakerbox/run/items/{item}/update"), &[("body", "x"), ("status", "done")]).await?;
        assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
        assert!(!page(&manager, &app, "/speakerbox/you-said-we-did").await?.is_empty());
        let iro = staff(&test, &app, "amina.hussain@example.org").await?;
        assert!(not_found(&iro, &app, "/speakerbox/you-said-we-did").await?);
        Ok(())
    }

    async fn a_promise_still_planned_after_the_managers_setting_is_flagged(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, CRO).await?;
        // The demo's Wi-Fi promise has been planned for 140 days; family
        // time is being done.
        let run = page(&cro, &app, "/speakerbox/run").await?;
        assert!(run.contains("Still planned after 3 months") && run.contains("Wi-Fi where you live</a>"), "{run}");
        assert!(!run[run.find("Still planned").unwrap_or(0)..].split("</ul>").next().unwrap_or_default().contains("Family time"));
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        for bad in ["0", "25", "three", ""] {
            let refused = post(&manager, &app, "/settings/you-said-we-did", &[("months", bad)]).await?;
            assert!(refused.text().await?.contains("Enter a whole number of months from 1 to 24"), "{bad}");
        }
        let saved = post(&manager, &app, "/settings/you-said-we-did", &[("months", "6")]).await?;
        assert_eq!(location(&saved), "/settings/you-said-we-did?saved=1");
        let detail: Option<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE subject = 'setting:speakerbox_planned_months'").fetch_one(test.db.pool()).await?;
        assert_eq!(detail.as_deref(), Some("3 -> 6"));
        assert!(!page(&cro, &app, "/speakerbox/run").await?.contains("Still planned after"), "140 days is under 6 months");
        // The CRO may not change the setting.
        let theirs = post(&cro, &app, "/settings/you-said-we-did", &[("months", "1")]).await?;
        assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
        Ok(())
    }
}
