//! Every promise the privacy page makes a child, kept in the code, on both
//! databases: a child's words reach their IRO when they send them (a
//! draft's existence only before); a manager reads them only while covering
//! for an absent IRO or after opening the record with a reason, and the
//! child sees who read what; the meeting copy carries nothing the child
//! kept just for their IRO, last time's feelings included; no page carries
//! data it does not show.

use crate::support::{
    TestApp, TestDb, child_client as child, location, plain, staff_client as staff,
};
use reqwest::{StatusCode, header};

/// The raw HTML of a page (nothing stripped: what a browser receives).
async fn raw(client: &reqwest::Client, app: &TestApp, path: &str) -> anyhow::Result<String> {
    Ok(client.get(app.url(path)).send().await?.text().await?)
}

/// The hidden `base_*` values a topic page carries.
fn base_of(html: &str) -> Vec<(String, String)> {
    ["base_feeling", "base_text", "base_talk_about", "base_share"]
        .iter()
        .map(|name| {
            let value = html
                .split(&format!(r#"name="{name}" value=""#))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default();
            ((*name).to_owned(), value.to_owned())
        })
        .collect()
}

/// The child saves a topic as their page would.
async fn save(
    client: &reqwest::Client,
    app: &TestApp,
    topic: &str,
    fields: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    let page = raw(client, app, &format!("/consultation/topics/{topic}")).await?;
    let mut form = base_of(&page);
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Ok(client
        .post(app.url(&format!("/consultation/topics/{topic}")))
        .form(&form)
        .send()
        .await?)
}

async fn child_id(test: &TestDb, first_name: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE first_name = $1")
            .bind(first_name)
            .fetch_one(test.db.pool())
            .await?,
    )
}

on_both_databases! {
    async fn the_iro_sees_that_a_draft_exists_but_not_its_words_until_it_is_sent(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = child_id(&test, "Jade").await?;
        let summary = format!("/children/{id}/consultation");

        save(&jade, &app, "school", &[("feeling", "2"), ("text", "DRAFT-MARKER maths"), ("share", "iro"), ("then", "list")]).await?;
        let before = raw(&amina, &app, &summary).await?;
        assert!(!before.contains("DRAFT-MARKER"), "a draft's words never reach the IRO: {before}");
        assert!(plain(&before).contains("has started or changed their views"), "its existence does: {before}");
        assert!(!raw(&amina, &app, &format!("{summary}?meeting=1")).await?.contains("DRAFT-MARKER"));

        jade.post(app.url("/consultation/submit")).send().await?;
        let sent = raw(&amina, &app, &summary).await?;
        assert!(sent.contains("DRAFT-MARKER"), "sent: the IRO reads it");
        assert!(!plain(&sent).contains("has started or changed their views"), "nothing unsent now");

        // A change after sending stays the child's own until they send again.
        save(&jade, &app, "school", &[("feeling", "2"), ("text", "CHANGED-MARKER maths"), ("share", "iro"), ("then", "list")]).await?;
        let changed = raw(&amina, &app, &summary).await?;
        assert!(changed.contains("DRAFT-MARKER") && !changed.contains("CHANGED-MARKER"), "{changed}");
        assert!(plain(&changed).contains("has started or changed their views"));
        let mine = plain(&raw(&jade, &app, "/consultation").await?);
        assert!(mine.contains("You have changed things since you sent them"), "the child is told: {mine}");
        // A new answer, never sent, is not there either.
        save(&jade, &app, "health", &[("feeling", "1"), ("text", "NEW-MARKER"), ("then", "list")]).await?;
        assert!(!raw(&amina, &app, &summary).await?.contains("NEW-MARKER"));
        jade.post(app.url("/consultation/submit")).send().await?;
        let again = raw(&amina, &app, &summary).await?;
        assert!(again.contains("CHANGED-MARKER") && again.contains("NEW-MARKER") && !again.contains("DRAFT-MARKER"));
        Ok(())
    }

    async fn a_manager_reads_a_childs_words_only_when_covering_or_after_opening_the_record(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let id = child_id(&test, "Jade").await?;
        save(&jade, &app, "safe", &[("feeling", "4"), ("text", "PRIVATE-MARKER my nan"), ("share", "iro"), ("then", "list")]).await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let letter = {
            let response = amina.post(app.url(&format!("/children/{id}/letters"))).send().await?;
            location(&response)
        };
        let morgan = staff(&test, &app, "morgan.price@example.org").await?;
        let summary = format!("/children/{id}/consultation");

        // Not covering, not opened: the status, no words, the way to open.
        let closed = raw(&morgan, &app, &summary).await?;
        assert!(!closed.contains("PRIVATE-MARKER"), "{closed}");
        assert!(plain(&closed).contains("Open this child's record") || plain(&closed).contains("Open this child&#x27;s record"));
        assert!(!raw(&morgan, &app, &format!("{summary}?meeting=1")).await?.contains("PRIVATE-MARKER"));
        let marking = morgan.post(app.url(&format!("{summary}/read"))).send().await?;
        assert_eq!(marking.status(), StatusCode::NOT_FOUND, "cannot mark unread words as read");
        if !letter.is_empty() {
            let path = letter.trim_end_matches("/edit");
            assert_eq!(morgan.get(app.url(path)).send().await?.status(), StatusCode::NOT_FOUND, "nor read a letter");
        }

        // A reason too short is refused kindly; nothing opens.
        let refused = morgan.post(app.url(&format!("/children/{id}/open"))).form(&[("reason", "because")]).send().await?;
        let refused = plain(&refused.text().await?);
        assert!(refused.contains("Say why you must read this child") && !refused.contains("PRIVATE-MARKER"), "{refused}");
        let opened: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record_openings").fetch_one(test.db.pool()).await?;
        assert_eq!(opened, 0);

        // Opened with a reason: read, recorded, and shown to the child.
        let response = morgan.post(app.url(&format!("/children/{id}/open")))
            .form(&[("reason", "A complaint about a placement move needs checking today")]).send().await?;
        assert_eq!(location(&response), summary);
        let open = raw(&morgan, &app, &summary).await?;
        assert!(open.contains("PRIVATE-MARKER"), "{open}");
        assert!(plain(&open).contains("You opened this child"));
        let audit: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE actor_account_id = (SELECT id FROM accounts WHERE sign_in_name = 'morgan.price@example.org') \
             AND action IN ('child_record_opened', 'consultation_viewed') ORDER BY id",
        ).fetch_all(test.db.pool()).await?;
        assert_eq!(audit.first().map(String::as_str), Some("child_record_opened"), "{audit:?}");
        assert!(audit.iter().any(|a| a == "consultation_viewed"), "{audit:?}");
        let home = plain(&raw(&jade, &app, "/home").await?);
        assert!(home.contains("Who has read what you wrote"), "{home}");
        assert!(home.contains("Morgan Price (a manager) opened your record on") && home.contains("A complaint about a placement move"), "{home}");
        assert!(home.contains("Morgan Price (manager) read your views on"), "{home}");
        let download = raw(&jade, &app, "/my-information").await?;
        assert!(download.contains("A complaint about a placement move") && download.contains("who_read_what_i_wrote"), "{download}");

        // Covering for an absent IRO: another manager reads without opening.
        amina.post(app.url("/account/away")).form(&[("away_until", &time::OffsetDateTime::now_utc().date().to_string())]).send().await?;
        let nadia = staff(&test, &app, "nadia.shah@example.org").await?;
        let covering = raw(&nadia, &app, &summary).await?;
        assert!(covering.contains("PRIVATE-MARKER"), "covering: {covering}");
        assert!(plain(&covering).contains("you are covering for the child"));
        // Other staff never.
        amina.post(app.url("/account/away")).form(&[("back", "yes")]).send().await?;
        let nadia_again = raw(&nadia, &app, &summary).await?;
        assert!(!nadia_again.contains("PRIVATE-MARKER"), "back at work: closed again");
        for name in ["ben.carter@example.org", "chloe.adams@example.org", "dev.patel@example.org"] {
            let other = staff(&test, &app, name).await?;
            let response = other.get(app.url(&summary)).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{name}");
            assert!(!response.text().await?.contains("PRIVATE-MARKER"));
        }
        Ok(())
    }

    async fn the_meeting_copy_shows_last_times_feelings_only_where_the_child_shared_them(test) {
        server::demo::load_if_empty(&test.db).await?;
        let id = child_id(&test, "Jade").await?;
        // Last time (sent): "school" kept just for the IRO, "where I live" shared.
        let now = server::storage::now_millis();
        let before: i64 = sqlx::query_scalar(
            "INSERT INTO consultations (child_id, review_sequence, status, take_part, who_there, where_held, created_at, updated_at, submitted_at, \
             sent_take_part, sent_who_there, sent_where_held) VALUES ($1, 0, 'submitted', '', '', '', $2, $2, $2, '', '', '') RETURNING id",
        ).bind(id).bind(now).fetch_one(test.db.pool()).await?;
        for (topic, feeling, share) in [("school", 1, 0), ("where-i-live", 2, 1)] {
            sqlx::query(
                "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, talk_about, share_at_meeting, updated_at, \
                 sent_feeling, sent_text, sent_talk_about, sent_share_at_meeting, sent_at) VALUES ($1, $2, $3, '', 0, $4, $5, $3, '', 0, $4, $5)",
            ).bind(before).bind(topic).bind(feeling).bind(share).bind(now).execute(test.db.pool()).await?;
        }
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        // This time both are shared.
        save(&jade, &app, "school", &[("feeling", "4"), ("text", "school now"), ("share", "meeting"), ("then", "list")]).await?;
        save(&jade, &app, "where-i-live", &[("feeling", "5"), ("text", "home now"), ("share", "meeting"), ("then", "list")]).await?;
        jade.post(app.url("/consultation/taking-part")).form(&[("speak", "yes"), ("who_there", "WHO-MARKER"), ("where_held", "WHERE-MARKER")]).send().await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let full = plain(&raw(&amina, &app, &format!("/children/{id}/consultation")).await?);
        assert!(full.contains("(last time: Really unhappy)") && full.contains("(last time: Unhappy)"), "the IRO sees both: {full}");
        assert!(full.contains("WHO-MARKER"));
        let meeting = plain(&raw(&amina, &app, &format!("/children/{id}/consultation?meeting=1")).await?);
        assert!(meeting.contains("school now") && meeting.contains("home now"), "{meeting}");
        assert!(!meeting.contains("Really unhappy"), "last time's private feeling stays out: {meeting}");
        assert!(meeting.contains("(last time: Unhappy)"), "last time's shared one is there: {meeting}");
        assert!(!meeting.contains("WHO-MARKER") && !meeting.contains("WHERE-MARKER"), "who and where are just for the IRO");
        Ok(())
    }

    async fn a_change_on_two_devices_is_never_silently_lost_whatever_the_field(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let phone = child(&app, "skyblue-fox").await?;
        let laptop = child(&app, "skyblue-fox").await?;
        // Both open the page before either saves.
        let phone_base = base_of(&raw(&phone, &app, "/consultation/topics/health").await?);
        let laptop_base = base_of(&raw(&laptop, &app, "/consultation/topics/health").await?);
        let post = |client: &reqwest::Client, base: &[(String, String)], fields: &[(&str, &str)]| {
            let mut form = base.to_vec();
            form.extend(fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
            client.post(app.url("/consultation/topics/health")).form(&form).send()
        };
        let first = post(&phone, &phone_base, &[("feeling", "4"), ("talk_about", "yes"), ("share", "meeting"), ("then", "list")]).await?;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        // The laptop picks another face and leaves the rest as it was.
        let second = post(&laptop, &laptop_base, &[("feeling", "2"), ("share", "iro"), ("then", "list")]).await?;
        assert_eq!(second.status(), StatusCode::OK, "shown again, not saved");
        let shown = plain(&second.text().await?);
        assert!(shown.contains("On the other phone or computer you chose: Happy"), "{shown}");
        assert!(!shown.contains("On the other phone or computer you chose: My IRO"), "sharing was not changed here: no clash");
        let stored: (Option<i64>, i64, i64) = sqlx::query_as(
            "SELECT feeling, talk_about, share_at_meeting FROM consultation_answers WHERE topic = 'health'",
        ).fetch_one(test.db.pool()).await?;
        assert_eq!(stored, (Some(4), 1, 1), "the phone's answer is kept");
        // The laptop chooses again with what it was shown, and that saves.
        let retry_base = base_of(&shown);
        let retry = post(&laptop, &retry_base, &[("feeling", "2"), ("share", "iro"), ("then", "list")]).await?;
        assert_eq!(retry.status(), StatusCode::SEE_OTHER);
        // The face is the laptop's now; who may see it is still the phone's
        // choice, since the laptop never changed that.
        let stored: (Option<i64>, i64) = sqlx::query_as("SELECT feeling, share_at_meeting FROM consultation_answers WHERE topic = 'health'")
            .fetch_one(test.db.pool()).await?;
        assert_eq!(stored, (Some(2), 1));
        // Saving as the child types says so too (409), storing nothing.
        let autosave = {
            let mut form = phone_base.clone();
            form.extend([("feeling".to_owned(), "5".to_owned())]);
            phone.post(app.url("/consultation/topics/health/autosave")).form(&form).send().await?
        };
        assert_eq!(autosave.status(), StatusCode::CONFLICT);
        Ok(())
    }

    async fn how_the_child_wants_to_take_part_is_never_silently_lost_either(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let phone = child(&app, "skyblue-fox").await?;
        let laptop = child(&app, "skyblue-fox").await?;
        let fields = |html: &str| -> Vec<(String, String)> {
            ["based", "base_choices", "base_who", "base_where"]
                .iter()
                .map(|name| {
                    let value = html.split(&format!(r#"name="{name}" value=""#)).nth(1)
                        .and_then(|rest| rest.split('"').next()).unwrap_or_default();
                    ((*name).to_owned(), value.to_owned())
                })
                .collect()
        };
        let phone_base = fields(&raw(&phone, &app, "/consultation/taking-part").await?);
        let laptop_base = fields(&raw(&laptop, &app, "/consultation/taking-part").await?);
        let post = |client: &reqwest::Client, base: &[(String, String)], extra: &[(&str, &str)]| {
            let mut form = base.to_vec();
            form.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
            client.post(app.url("/consultation/taking-part")).form(&form).send()
        };
        let first = post(&phone, &phone_base, &[("speak", "yes"), ("who_there", "My nan")]).await?;
        assert_eq!(location(&first), "/consultation/check");
        // The laptop, opened before, writes someone else: both shown, nothing lost.
        let second = post(&laptop, &laptop_base, &[("speak", "yes"), ("who_there", "My carer")]).await?;
        assert_eq!(second.status(), StatusCode::OK);
        let shown = plain(&second.text().await?);
        assert!(shown.contains("On the other phone or computer you chose: My nan"), "{shown}");
        assert!(shown.contains("My carer"), "what this device wrote is kept in the box");
        let stored: String = sqlx::query_scalar(
            "SELECT c.who_there FROM consultations c JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade'",
        ).fetch_one(test.db.pool()).await?;
        assert_eq!(stored, "My nan");
        // Saving again from the page that showed both keeps the child's choice.
        let retry = post(&laptop, &fields(&shown), &[("speak", "yes"), ("who_there", "My nan and my carer")]).await?;
        assert_eq!(location(&retry), "/consultation/check");
        let stored: String = sqlx::query_scalar(
            "SELECT c.who_there FROM consultations c JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade'",
        ).fetch_one(test.db.pool()).await?;
        assert_eq!(stored, "My nan and my carer");
        Ok(())
    }

    async fn words_that_suggest_a_child_is_not_safe_raise_an_alert_wherever_they_write(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let alerts = || sqlx::query_as::<_, (String, String)>("SELECT source, reason FROM safety_alerts ORDER BY id").fetch_all(test.db.pool());
        let response = jade.post(app.url("/advocacy")).form(&[
            ("category", "something-else"), ("something_else", "I don't feel safe at home"),
            ("contact_method", "iro"),
        ]).send().await?;
        assert_eq!(location(&response), "/help?saved=1", "Help now at once");
        assert_eq!(alerts().await?, [("advocacy".to_owned(), "words".to_owned())]);
        let request: i64 = sqlx::query_scalar("SELECT id FROM advocacy_requests").fetch_one(test.db.pool()).await?;
        let response = jade.post(app.url(&format!("/advocacy/my/{request}/message"))).form(&[("message", "he hits me")]).send().await?;
        assert_eq!(location(&response), "/help?saved=1");
        assert_eq!(alerts().await?.len(), 1, "one open alert per request and reason");
        let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE subject LIKE 'Urgent: a child%' ORDER BY id LIMIT 1")
            .fetch_optional(test.db.pool()).await?.unwrap_or_default();
        assert!(!body.contains("safe at home") && !body.contains("hits"), "no words in the email");
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        assert!(plain(&raw(&amina, &app, "/home").await?).contains("read and act today"), "the IRO sees it first");
        Ok(())
    }

    async fn pages_carry_no_data_they_do_not_show(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        save(&jade, &app, "school", &[("feeling", "3"), ("text", "SECRET-MARKER"), ("share", "iro"), ("then", "list")]).await?;
        save(&jade, &app, "enjoy", &[("feeling", "5"), ("text", "SHARED-MARKER"), ("share", "meeting"), ("then", "list")]).await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        let id = child_id(&test, "Jade").await?;
        // Every page as each role opens it: the page's script is there
        // (rendered as shipped), and no serialised page data with it.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let morgan = staff(&test, &app, "morgan.price@example.org").await?;
        let chloe = staff(&test, &app, "chloe.adams@example.org").await?;
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        let tom = child(&app, "river-stone").await?;
        let pages_for = |role: &str| -> Vec<String> {
            let mut pages = vec!["/home".to_owned(), "/help".to_owned(), "/privacy".to_owned()];
            match role {
                "child" => pages.extend(["/consultation", "/consultation/check", "/consultation/topics/school", "/advocacy", "/letters"].map(str::to_owned)),
                "iro" | "manager" => pages.extend([format!("/children/{id}"), format!("/children/{id}/consultation"), format!("/children/{id}/consultation?meeting=1")]),
                _ => {}
            }
            if role == "manager" {
                pages.extend([format!("/manage/children/{id}"), "/manage/accounts".to_owned()]);
            }
            if role == "advocacy" {
                pages.push("/advocacy/inbox".to_owned());
            }
            pages
        };
        let cases: [(&str, &reqwest::Client, &[&str]); 5] = [
            ("iro", &amina, &[]),
            ("manager", &morgan, &["SECRET-MARKER", "SHARED-MARKER"]),
            ("cro", &chloe, &["SECRET-MARKER", "SHARED-MARKER", "Jade"]),
            ("advocacy", &dev, &["SECRET-MARKER", "SHARED-MARKER"]),
            ("child", &tom, &["SECRET-MARKER", "SHARED-MARKER", "Jade"]),
        ];
        for (role, client, forbidden) in cases {
            for path in pages_for(role) {
                let html = raw(client, &app, &path).await?;
                assert!(html.contains("/pkg/mysay."), "{role} {path}: rendered as shipped, with its script");
                // Leptos writes an empty list of resolved data into every
                // page; a page that serialised its data would fill it.
                assert!(!html.contains("__RESOLVED_RESOURCES["), "{role} {path}: serialised data");
                for list in ["__RESOLVED_RESOURCES=[", "__SERIALIZED_ERRORS=["] {
                    for after in html.split(list).skip(1) {
                        assert!(after.starts_with("];"), "{role} {path}: serialised data in {list}");
                    }
                }
                for word in forbidden {
                    assert!(!html.contains(word), "{role} {path} carries {word}");
                }
            }
        }
        // The meeting copy never carries what is just for the IRO.
        let meeting = raw(&amina, &app, &format!("/children/{id}/consultation?meeting=1")).await?;
        assert!(meeting.contains("SHARED-MARKER") && !meeting.contains("SECRET-MARKER"));
        // Server functions are not mounted: nothing answers under /api/.
        for path in ["/api/consultation_summary", "/api/letter", "/api/home", "/api/child_page"] {
            let response = amina.get(app.url(path)).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            assert!(!response.text().await?.contains("SECRET-MARKER"));
        }
        Ok(())
    }

    async fn nothing_changes_on_a_get_another_site_can_trigger(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = child_id(&test, "Jade").await?;
        let letter: i64 = sqlx::query_scalar(
            "INSERT INTO letters (child_id, author_account_id, body, language, created_at, updated_at, sent_at) \
             SELECT $1, id, 'Dear Jade', 'en', 1, 1, 1 FROM accounts WHERE sign_in_name = 'amina.hussain@example.org' RETURNING id",
        ).bind(id).fetch_one(test.db.pool()).await?;
        let _ = amina;
        let jade = child(&app, "skyblue-fox").await?;
        let read_at = || sqlx::query_scalar::<_, Option<i64>>("SELECT first_read_at FROM letters WHERE id = $1").bind(letter).fetch_one(test.db.pool());
        // Another site's page makes the browser fetch the letter: no receipt.
        let response = jade.get(app.url(&format!("/letters/{letter}"))).header("sec-fetch-site", "cross-site").send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(read_at().await?, None, "not read by the child");
        // The child opens it from their list: the receipt.
        jade.get(app.url(&format!("/letters/{letter}"))).send().await?;
        assert!(read_at().await?.is_some());
        // The language is not changed by another site's link.
        let response = jade.get(app.url("/language/ar?next=/help")).header("sec-fetch-site", "cross-site").send().await?;
        assert!(response.headers().get(header::SET_COOKIE).is_none());
        let language: Option<String> = sqlx::query_scalar("SELECT language FROM accounts WHERE sign_in_name = 'skyblue-fox'").fetch_one(test.db.pool()).await?;
        assert_ne!(language.as_deref(), Some("ar"));
        // A change that cannot say where it came from is refused.
        let bare = crate::support::plain_client()?;
        let refused = bare.post(app.url("/sign-in")).form(&[("sign_in_name", "x"), ("passphrase", "y")]).send().await?;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // Return addresses stay on MySay, whatever the trick.
        // (As sent: `%09` arrives as a tab, `%5C` as a backslash.)
        for trick in ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/%5Cevil.example", "/%5C/evil.example", "/%2F%2Fevil.example", "https://evil.example"] {
            let response = jade.get(app.url(&format!("/language/en?next={trick}"))).send().await?;
            let to = location(&response);
            assert_eq!(to, "/", "{trick} went to {to}");
            let response = jade.get(app.url(&format!("/stay-signed-in?next={trick}"))).send().await?;
            let to = location(&response);
            assert_eq!(to, "/home", "{trick} went to {to}");
        }
        Ok(())
    }

    async fn a_second_session_never_sees_the_authenticator_secret_once_it_is_set_up(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let name = "chloe.adams@example.org";
        let other = crate::support::browser()?;
        let response = other.post(app.url("/sign-in")).form(&[("sign_in_name", name), ("passphrase", server::demo::DEMO_PASSPHRASE)]).send().await?;
        assert_eq!(location(&response), "/sign-in/second-step");
        // The first browser sets the authenticator up (and gets its codes).
        let first = crate::support::browser()?;
        let codes = crate::support::sign_in_staff(&test, &app, &first, name, server::demo::DEMO_PASSPHRASE).await?;
        assert_eq!(codes.len(), 10);
        // The other, half signed in before that, is asked for a code only.
        let page = plain(&raw(&other, &app, "/sign-in/second-step").await?);
        let sealed: String = sqlx::query_scalar(
            "SELECT f.secret FROM second_factors f JOIN accounts a ON a.id = f.account_id WHERE a.sign_in_name = $1",
        ).bind(name).fetch_one(test.db.pool()).await?;
        let (secret, _) = server::accounts::second_factor::open(&app.keys, &sealed).unwrap_or_default();
        assert!(!secret.is_empty() && !sealed.contains(&secret), "sealed at rest");
        assert!(!page.contains("Set up your authenticator app"), "{page}");
        let grouped: String = secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
        assert!(!page.contains(&grouped) && !page.contains(&secret), "the secret is not shown again");
        use server::accounts::second_factor::{code_for_step, step_at};
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT f.last_step FROM second_factors f JOIN accounts a ON a.id = f.account_id WHERE a.sign_in_name = $1",
        ).bind(name).fetch_one(test.db.pool()).await?;
        let now = step_at(server::storage::now_millis() / 1000);
        let step = last.map_or(now, |l| now.max(l + 1));
        let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes())?;
        let code = format!("{:06}", code_for_step(&key, step).unwrap_or_default());
        let response = other.post(app.url("/sign-in/second-step")).form(&[("code", code.as_str())]).send().await?;
        assert_eq!(location(&response), "/home", "signed in, with no second set of recovery codes");
        let recovery: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes r JOIN accounts a ON a.id = r.account_id WHERE a.sign_in_name = $1",
        ).bind(name).fetch_one(test.db.pool()).await?;
        assert_eq!(recovery, 10);
        Ok(())
    }

    async fn a_childs_download_holds_every_column_of_their_information(test) {
        use server::my_information::{Keep, NOT_IN_DOWNLOAD, SECTIONS};
        let schema = server::storage::schema::describe(&test.db).await?;
        let mut problems = Vec::new();
        for section in SECTIONS {
            let Some(table) = schema.get(section.table) else {
                problems.push(format!("{} is not a table", section.table));
                continue;
            };
            for column in &table.columns {
                if !section.columns.iter().any(|(name, _)| *name == column.name) {
                    problems.push(format!("{}.{} is neither in the download nor left out with a reason", section.table, column.name));
                }
            }
            for (name, _) in section.columns {
                if !table.columns.iter().any(|c| c.name == *name) {
                    problems.push(format!("{}.{name} is declared but not in the schema", section.table));
                }
            }
        }
        // Every table that points at a child (or at a child's own rows) is
        // in the download or said not to be.
        let covered = |name: &str| SECTIONS.iter().any(|s| s.table == name) || NOT_IN_DOWNLOAD.iter().any(|(t, _)| *t == name);
        let childs: Vec<&str> = SECTIONS.iter().map(|s| s.table).collect();
        for (name, table) in &schema {
            let points_at_a_child = table.foreign_keys.iter().any(|(_, to, _)| childs.contains(&to.as_str()) && to != "accounts");
            if points_at_a_child && !covered(name) {
                problems.push(format!("{name} holds a child's information but is not in the download"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));

        // And the download carries each given column, with the child's data.
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        save(&jade, &app, "school", &[("feeling", "3"), ("text", "MINE-MARKER"), ("then", "list")]).await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        // Her IRO tags the answer with a theme (as the summary will let
        // them): the tag is hers to see, under the theme's name.
        sqlx::query(
            "INSERT INTO answer_themes (answer_id, theme_id, tagged_by, tagged_at) \
             SELECT a.id, (SELECT id FROM themes WHERE name_key = 'education, training and work'), \
                    (SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'), 1 \
             FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id \
             JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade' AND a.topic = 'school'",
        ).execute(test.db.pool()).await?;
        jade.post(app.url("/advocacy")).form(&[("category", "meetings"), ("contact_method", "iro"), ("good_times", "GOOD-TIMES-MARKER"), ("other_help", "OTHER-HELP-MARKER")]).send().await?;
        let info: serde_json::Value = serde_json::from_str(&raw(&jade, &app, "/my-information").await?)?;
        for section in SECTIONS {
            let rows = info[section.heading].as_array().cloned().unwrap_or_default();
            for row in rows.iter().take(1) {
                for (_, keep) in section.columns {
                    if let Keep::As(name, _) = keep {
                        assert!(row.get(*name).is_some(), "{} lacks {name}", section.heading);
                    }
                }
            }
        }
        let text = info.to_string();
        assert!(info["themes_in_my_answers"].as_array().is_some_and(|rows| !rows.is_empty()), "{text}");
        // Her Speakerbox membership, group and the answer she gave with her
        // name (the demo's "Family time").
        assert!(info["my_speakerbox_groups"][0]["group"] == "Council", "{text}");
        assert!(info["my_speakerbox_answers_with_my_name"][0]["topic"] == "Family time", "{text}");
        for marker in ["MINE-MARKER", "GOOD-TIMES-MARKER", "OTHER-HELP-MARKER", "Amina Hussain", "Education, training and work", "I only see my brother", "Chloe Adams"] {
            assert!(text.contains(marker), "{marker} not in the download");
        }
        assert!(!text.contains("$argon2"), "no passphrase hash");
        Ok(())
    }

    async fn a_new_invitation_for_a_childs_account_is_never_silent(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let id = child_id(&test, "Jade").await?;
        sqlx::query("UPDATE children SET email = 'jade@example.net' WHERE id = $1").bind(id).execute(test.db.pool()).await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let slip = amina.post(app.url(&format!("/children/{id}/invitation"))).send().await?;
        assert_eq!(slip.status(), StatusCode::OK);
        // Told at the next sign-in, on the home page.
        let jade = child(&app, "skyblue-fox").await?;
        let home = plain(&raw(&jade, &app, "/home").await?);
        assert!(home.contains("Amina Hussain made a new invitation for your account"), "{home}");
        // Told by email, without the child's name.
        let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_address = 'jade@example.net'").fetch_one(test.db.pool()).await?;
        assert!(body.contains("A new invitation has been made for your MySay account") && !body.contains("Jade"), "{body}");
        // In their information, and in the audit log with who did it.
        let download = raw(&jade, &app, "/my-information").await?;
        assert!(download.contains("new_invitation_made_by") && download.contains("Amina Hussain"), "{download}");
        let who: Option<i64> = sqlx::query_scalar("SELECT actor_account_id FROM audit_log WHERE action = 'account_reset_by_staff'").fetch_one(test.db.pool()).await?;
        let amina_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'").fetch_one(test.db.pool()).await?;
        assert_eq!(who, Some(amina_id));
        // Seen: the notice goes.
        let seen = jade.post(app.url("/home/reset-notice")).send().await?;
        assert_eq!(location(&seen), "/home");
        assert!(!plain(&raw(&jade, &app, "/home").await?).contains("made a new invitation for your account"));
        Ok(())
    }

    async fn a_child_with_an_email_address_resets_a_forgotten_passphrase_by_a_link(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let id = child_id(&test, "Jade").await?;
        sqlx::query("UPDATE children SET email = 'jade@example.net' WHERE id = $1").bind(id).execute(test.db.pool()).await?;
        let visitor = crate::support::browser()?;
        let emails = || sqlx::query_as::<_, (String, String)>("SELECT to_address, body_text FROM outbox ORDER BY id").fetch_all(test.db.pool());
        // The same answer whether or not the name exists or has an address.
        let unknown = plain(&visitor.post(app.url("/forgotten")).form(&[("sign_in_name", "no-such-child")]).send().await?.text().await?);
        let tom = plain(&visitor.post(app.url("/forgotten")).form(&[("sign_in_name", "river-stone")]).send().await?.text().await?);
        let jade = plain(&visitor.post(app.url("/forgotten")).form(&[("sign_in_name", "SkyBlue-Fox")]).send().await?.text().await?);
        for page in [&unknown, &tom, &jade] {
            assert!(page.contains("If that sign-in name has an email address with it, we have sent a link there."), "{page}");
        }
        let sent = emails().await?;
        assert_eq!(sent.len(), 1, "only Jade has an address");
        assert_eq!(sent[0].0, "jade@example.net");
        assert!(!sent[0].1.contains("Jade"), "no name in the email");
        let token = sent[0].1.split("/reset/").nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap_or_default().to_owned();
        assert!(token.len() >= 43);
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM passphrase_resets").fetch_all(test.db.pool()).await?;
        assert!(!stored.iter().any(|h| h.contains(&token)), "only a hash is kept");
        // Throttled: three links an hour for a name.
        for _ in 0..4 {
            visitor.post(app.url("/forgotten")).form(&[("sign_in_name", "skyblue-fox")]).send().await?;
        }
        assert_eq!(emails().await?.len(), 3);
        // The link: a weak passphrase is refused, the old one still works.
        let form = plain(&raw(&visitor, &app, &format!("/reset/{token}")).await?);
        assert!(form.contains("Choose a new passphrase") && form.contains("New passphrase"), "{form}");
        let weak = plain(&visitor.post(app.url(&format!("/reset/{token}"))).form(&[("passphrase", "short")]).send().await?.text().await?);
        assert!(weak.contains("Your passphrase needs at least 8 characters"), "{weak}");
        let phone = child(&app, "skyblue-fox").await?;
        // A good one: signed in with it; every other session ends; the link is used up.
        let done = visitor.post(app.url(&format!("/reset/{token}"))).form(&[("passphrase", "seven blue kites flying")]).send().await?;
        // (Signed in: home, or first how "Exit this page" works.)
        assert!(["/home", "/before-you-start"].contains(&location(&done).as_str()), "{}", location(&done));
        assert_ne!(phone.get(app.url("/home")).send().await?.status(), StatusCode::OK, "other sessions end");
        let old = crate::support::browser()?.post(app.url("/sign-in")).form(&[("sign_in_name", "skyblue-fox"), ("passphrase", server::demo::DEMO_PASSPHRASE)]).send().await?;
        assert_eq!(old.status(), StatusCode::OK, "the old passphrase no longer works");
        let again = plain(&raw(&crate::support::browser()?, &app, &format!("/reset/{token}")).await?);
        assert!(again.contains("This link has been used, has run out or is not right"), "{again}");
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'passphrase_reset_used'").fetch_one(test.db.pool()).await?;
        assert_eq!(used, 1);
        Ok(())
    }

    async fn every_read_of_a_childs_record_is_audited(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let id = child_id(&test, "Jade").await?;
        let jade = child(&app, "skyblue-fox").await?;
        jade.post(app.url("/advocacy")).form(&[("category", "meetings"), ("contact_method", "iro")]).send().await?;
        let request: i64 = sqlx::query_scalar("SELECT id FROM advocacy_requests").fetch_one(test.db.pool()).await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let morgan = staff(&test, &app, "morgan.price@example.org").await?;
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        let count = |action: &'static str| sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_log WHERE action = $1").bind(action).fetch_one(test.db.pool());
        raw(&amina, &app, &format!("/children/{id}")).await?;
        assert_eq!(count("child_page_viewed").await?, 1);
        raw(&amina, &app, &format!("/children/{id}/consultation")).await?;
        assert_eq!(count("consultation_viewed").await?, 1);
        raw(&morgan, &app, &format!("/manage/children/{id}")).await?;
        assert_eq!(count("child_record_viewed").await?, 1);
        raw(&dev, &app, "/advocacy/inbox").await?;
        assert_eq!(count("advocacy_inbox_viewed").await?, 1);
        raw(&dev, &app, &format!("/advocacy/cases/{request}")).await?;
        assert_eq!(count("advocacy_case_viewed").await?, 1);
        let subjects: Vec<Option<String>> = sqlx::query_scalar(
            "SELECT subject FROM audit_log WHERE action IN ('child_page_viewed', 'consultation_viewed', 'child_record_viewed', 'advocacy_case_viewed')",
        ).fetch_all(test.db.pool()).await?;
        assert!(subjects.iter().all(|s| s.as_deref().is_some_and(|s| s.starts_with(&format!("child:{id}")))), "{subjects:?}");
        Ok(())
    }
}
