//! The child's consultation on both databases: saved step by step, sent,
//! read by the IRO; bad input refused with nothing lost; edits from two
//! devices never silently overwrite each other; safety alerts by face and
//! by phrase, with emails that carry no child's words; nobody else's.

use crate::support::{
    TestApp, TestDb, child_client as child, page_as as page, plain, staff_client as staff,
};
use reqwest::{StatusCode, header};

/// The hidden `base_*` values a topic page carries.
fn base_of(html: &str) -> Vec<(String, String)> {
    [
        "base_feeling",
        "base_text",
        "base_talk_about",
        "base_share",
        "base_use_words",
    ]
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

async fn save(
    client: &reqwest::Client,
    app: &TestApp,
    topic: &str,
    fields: &[(&str, &str)],
    base: &[(String, String)],
) -> anyhow::Result<reqwest::Response> {
    let mut form: Vec<(String, String)> = base.to_vec();
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

/// What the page's script sends while the child types.
async fn autosave(
    client: &reqwest::Client,
    app: &TestApp,
    topic: &str,
    fields: &[(&str, &str)],
    base: &[(String, String)],
) -> anyhow::Result<reqwest::Response> {
    let mut form: Vec<(String, String)> = base.to_vec();
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Ok(client
        .post(app.url(&format!("/consultation/topics/{topic}/autosave")))
        .form(&form)
        .send()
        .await?)
}

fn url_pairs(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

async fn stored_text(test: &TestDb, topic: &str) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT a.answer_text FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id \
         JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade' AND a.topic = $1",
    )
    .bind(topic)
    .fetch_optional(test.db.pool())
    .await?)
}

async fn outbox_bodies(test: &TestDb) -> anyhow::Result<Vec<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT to_address, body_text FROM outbox ORDER BY id")
            .fetch_all(test.db.pool())
            .await?,
    )
}

on_both_databases! {
    async fn the_summary_shows_how_the_child_has_felt_each_time_they_sent_their_views(test) {
        server::demo::load_if_empty(&test.db).await?;
        let jade: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        // Sent three times (school: really unhappy, OK, happy), and a
        // fourth time started and not sent (really happy: not shown).
        for (sequence, day, feeling, sent) in [(1, "2025-05-10", 1, true), (2, "2025-11-10", 3, true), (3, "2026-05-10", 4, true), (4, "2026-11-10", 5, false)] {
            let at = server::calendar::parse_date(day).ok_or_else(|| anyhow::anyhow!("{day}"))?.midnight().assume_utc().unix_timestamp() * 1000;
            let consultation: i64 = sqlx::query_scalar(
                "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at, submitted_at, \
                 sent_take_part, sent_who_there, sent_where_held) VALUES ($1, $2, $3, $4, $4, $5, '', '', '') RETURNING id")
                .bind(jade).bind(sequence).bind(if sent { "submitted" } else { "in_progress" }).bind(at).bind(sent.then_some(at))
                .fetch_one(test.db.pool()).await?;
            sqlx::query(
                "INSERT INTO consultation_answers (consultation_id, topic, feeling, updated_at, sent_feeling, sent_text, \
                 sent_talk_about, sent_share_at_meeting, sent_at) VALUES ($1, 'school', $2, $3, $4, '', 0, 0, $5)")
                .bind(consultation).bind(feeling).bind(at).bind(sent.then_some(feeling)).bind(sent.then_some(at))
                .execute(test.db.pool()).await?;
        }
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let html = plain(&page(&amina, &app, &format!("/children/{jade}/consultation")).await?).replace("<!>", "");
        assert!(html.contains("How Jade has felt about each topic"), "{html}");
        let months: Vec<usize> = ["May 2025", "November 2025", "May 2026"].iter().map(|m| html.find(&format!("<th scope=\"col\">{m}</th>")).unwrap_or(usize::MAX)).collect();
        assert!(months.windows(2).all(|w| w[0] < w[1] && w[1] != usize::MAX), "oldest first: {months:?} {html}");
        assert!(html.contains("<th scope=\"row\">School, college or work</th><td>Really unhappy</td><td>OK</td><td>Happy</td></tr>"), "{html}");
        assert!(!html.contains("November 2026"), "the draft is not shown");
        // Never in the meeting copy.
        let meeting = plain(&page(&amina, &app, &format!("/children/{jade}/consultation?meeting=1")).await?);
        assert!(!meeting.contains("How Jade has felt"), "{meeting}");
        Ok(())
    }

    async fn staff_see_the_childs_words_labelled_with_the_language_they_wrote_in(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        jade.get(app.url("/language/ar?next=/consultation")).send().await?;
        let topic = jade.get(app.url("/consultation/topics/where-i-live")).send().await?.text().await?;
        assert!(topic.contains(r#"<html lang="ar" dir="rtl">"#));
        save(&jade, &app, "where-i-live", &[("feeling", "4"), ("text", "غرفتي هادئة"), ("share", "iro"), ("then", "list")], &base_of(&topic)).await?;
        jade.post(app.url("/consultation/taking-part")).form(&[("speak", "yes"), ("who_there", "جدتي")]).send().await?;
        // Back in English, a second answer.
        jade.get(app.url("/language/en?next=/consultation")).send().await?;
        let topic = page(&jade, &app, "/consultation/topics/school").await?;
        save(&jade, &app, "school", &[("feeling", "3"), ("text", "School is fine"), ("share", "iro"), ("then", "list")], &base_of(&topic)).await?;
        // A later change of the face alone keeps the text's language.
        jade.get(app.url("/language/cy?next=/consultation")).send().await?;
        let topic = page(&jade, &app, "/consultation/topics/where-i-live").await?;
        save(&jade, &app, "where-i-live", &[("feeling", "5"), ("text", "غرفتي هادئة"), ("share", "iro"), ("then", "list")], &base_of(&topic)).await?;

        // The IRO reads what the child sends.
        jade.post(app.url("/consultation/submit")).send().await?;
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let summary = page(&amina, &app, &format!("/children/{jade_id}/consultation")).await?;
        assert!(summary.contains("Written in Arabic"), "{summary}");
        assert!(summary.contains(r#"lang="ar" class="child-words">غرفتي هادئة</p>"#), "{summary}");
        assert!(summary.contains("Written in English") && summary.contains(r#"lang="en" class="child-words">School is fine</p>"#));
        assert!(!summary.contains("Written in Welsh"));
        assert!(summary.contains(r#"lang="ar" class="child-words">جدتي</p>"#), "who they want there, too");
        Ok(())
    }

    async fn a_child_shares_views_step_by_step_and_the_iro_reads_them(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let overview = page(&jade, &app, "/consultation").await?;
        assert!(overview.contains("Share my views before my review") && overview.contains("Amina Hussain"), "{overview}");
        assert!(!overview.contains("Plans for my future"), "asked from 16; Jade is 12");
        assert_eq!(jade.get(app.url("/consultation/topics/future")).send().await?.status(), StatusCode::NOT_FOUND);

        let topic = page(&jade, &app, "/consultation/topics/where-i-live").await?;
        let base = base_of(&topic);
        let response = save(&jade, &app, "where-i-live", &[
            ("feeling", "4"), ("text", "I like my room. <b>not bold</b>"), ("talk_about", "yes"), ("share", "meeting"), ("then", "next"),
        ], &base).await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation/topics/family-and-friends");
        let base = base_of(&page(&jade, &app, "/consultation/topics/school").await?);
        let response = save(&jade, &app, "school", &[
            ("feeling", "2"), ("text", "Maths is hard and nobody helps"), ("share", "iro"), ("then", "list"),
        ], &base).await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation?saved=1");
        let overview = page(&jade, &app, "/consultation?saved=1").await?;
        assert!(overview.contains("Saved.") && overview.contains("(Happy)") && overview.contains("(Unhappy)"), "{overview}");

        let response = jade.post(app.url("/consultation/taking-part"))
            .form(&[("speak", "yes"), ("meet_before", "yes"), ("who_there", "My nan"), ("where_held", "At school")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation/check");
        let check = page(&jade, &app, "/consultation/check").await?;
        assert!(check.contains("Amina Hussain will read this before your review on"), "{check}");
        assert!(check.contains("Send to Amina Hussain"));
        let response = jade.post(app.url("/consultation/submit")).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation?sent=1");
        let overview = page(&jade, &app, "/consultation?sent=1").await?;
        assert!(overview.contains("Sent. Thank you") && overview.contains("You sent this on"), "{overview}");

        let emails = outbox_bodies(&test).await?;
        assert_eq!(emails.len(), 1);
        assert_eq!(emails[0].0, "amina.hussain@example.org");
        assert!(!emails[0].1.contains("room") && !emails[0].1.contains("Maths") && !emails[0].1.contains("Jade"), "no child's words");

        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let home = page(&amina, &app, "/home").await?;
        assert!(home.contains("Sent"), "status on the caseload: {home}");
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let summary = page(&amina, &app, &format!("/children/{jade_id}/consultation")).await?;
        assert!(summary.contains("I like my room. &lt;b&gt;not bold&lt;/b&gt;"), "escaped: {summary}");
        assert!(summary.contains("Maths is hard") && summary.contains("Just for the IRO"));
        assert!(summary.contains("Can be shared at the meeting") && summary.contains("Wants to talk about"));
        assert!(summary.contains("My nan") && summary.contains("Meet my IRO before the meeting"));
        let meeting = page(&amina, &app, &format!("/children/{jade_id}/consultation?meeting=1")).await?;
        assert!(meeting.contains("I like my room") && !meeting.contains("Maths is hard"), "the meeting copy leaves out what is just for the IRO");

        let response = amina.post(app.url(&format!("/children/{jade_id}/consultation/read"))).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("/children/{jade_id}/consultation?read=1"));
        let overview = page(&jade, &app, "/consultation").await?;
        assert!(overview.contains("Read by Amina Hussain on"), "{overview}");
        // The review suggests PN6: the views were sent through MySay.
        let reviews_page = page(&amina, &app, &format!("/children/{jade_id}")).await?;
        assert!(reviews_page.contains(r#"value="PN6" checked"#), "PN6 suggested");
        // Changing and sending again asks the IRO to read it again.
        let base = base_of(&page(&jade, &app, "/consultation/topics/school").await?);
        save(&jade, &app, "school", &[("feeling", "3"), ("text", "Maths is better now"), ("share", "iro"), ("then", "list")], &base).await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        let home = page(&amina, &app, "/home").await?;
        assert!(home.contains("Sent") && !home.contains("Read by your IRO"), "resubmitted: {home}");
        assert_eq!(outbox_bodies(&test).await?.len(), 2, "the IRO is told again");
        let submissions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultations WHERE child_id = $1").bind(jade_id).fetch_one(test.db.pool()).await?;
        assert_eq!(submissions, 1, "one consultation per review, changed in place");
        let viewed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'consultation_viewed'").fetch_one(test.db.pool()).await?;
        assert!(viewed >= 2, "staff reads are audited");

        // Another IRO, and another child, get nothing.
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        let refused = ben.get(app.url(&format!("/children/{jade_id}/consultation"))).send().await?;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
        assert!(!refused.text().await?.contains("Maths"));
        let tom = child(&app, "river-stone").await?;
        let his = page(&tom, &app, "/consultation").await?;
        assert!(!his.contains("(Happy)") && his.contains("Not started yet"), "Tom sees only his own: {his}");
        Ok(())
    }

    async fn bad_input_is_refused_kindly_and_nothing_is_lost(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/health").await?);
        save(&jade, &app, "health", &[("feeling", "3"), ("text", "Fine mostly"), ("share", "iro")], &base).await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/health").await?);
        let long = "a".repeat(1501);
        for (fields, message, kept) in [
            (vec![("feeling", "0"), ("text", "new words")], "Choose one of the faces", "new words"),
            (vec![("feeling", "6"), ("text", "new words")], "Choose one of the faces", "new words"),
            (vec![("feeling", "3"), ("text", long.as_str())], "Please shorten it to 1500 letters or fewer", long.as_str()),
            (vec![("feeling", "3"), ("text", "bell\u{7} ring")], "Some hidden characters", " ring"),
            (vec![("feeling", "3"), ("text", "abc\u{202e}fed")], "Some hidden characters", "fed"),
        ] {
            let response = save(&jade, &app, "health", &fields, &base).await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains(message), "{message}");
            assert!(html.contains("<title>Error: "), "error title");
            assert!(html.contains(kept), "what was typed is kept: {message}");
        }
        assert_eq!(stored_text(&test, "health").await?.as_deref(), Some("Fine mostly"), "nothing lost, nothing changed");
        assert_eq!(jade.post(app.url("/consultation/topics/not-a-topic")).form(&[("text", "x")]).send().await?.status(), StatusCode::NOT_FOUND);
        // Not UTF-8 (it arrives as replacement characters): told kindly, nothing changed.
        let mut raw = b"feeling=3&share=iro&text=%FF%FEbad".to_vec();
        for (name, value) in &base {
            raw.extend_from_slice(format!("&{name}={value}").as_bytes());
        }
        let response = jade.post(app.url("/consultation/topics/health"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(raw)
            .send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("We couldn") && html.contains("<title>Error: "), "{html}");
        // A form that cannot be read at all: the same kind message, with what was saved.
        let response = jade.post(app.url("/consultation/topics/health"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body("feeling=3")
            .send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation/topics/health?unreadable=1");
        let html = page(&jade, &app, "/consultation/topics/health?unreadable=1").await?;
        assert!(html.contains("We couldn") && html.contains("Fine mostly") && html.contains("<title>Error: "), "{html}");
        assert_eq!(stored_text(&test, "health").await?.as_deref(), Some("Fine mostly"));
        let response = jade.post(app.url("/consultation/taking-part")).form(&[("speak", "maybe"), ("who_there", "x".repeat(301).as_str())]).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("Please choose from the list") && html.contains("300 letters"));
        // Staff have no consultation of their own to change.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        assert_eq!(amina.post(app.url("/consultation/topics/health")).form(&[("text", "x")]).send().await?.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn two_devices_never_silently_overwrite_each_other(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let phone = child(&app, "skyblue-fox").await?;
        let laptop = child(&app, "skyblue-fox").await?;
        let base = base_of(&page(&phone, &app, "/consultation/topics/enjoy").await?);
        let same_base = base_of(&page(&laptop, &app, "/consultation/topics/enjoy").await?);
        assert_eq!(base, same_base);
        save(&phone, &app, "enjoy", &[("feeling", "5"), ("text", "Football on Saturdays"), ("share", "iro")], &base).await?;
        // The laptop changes only the face, on the page opened before the
        // phone chose one: the child is shown both faces, nothing is lost.
        let response = save(&laptop, &app, "enjoy", &[("feeling", "4"), ("text", ""), ("share", "iro")], &same_base).await?;
        assert_eq!(response.status(), StatusCode::OK);
        let shown = plain(&response.text().await?);
        assert!(shown.contains("On the other phone or computer you chose: Really happy"), "{shown}");
        let feeling: i64 = sqlx::query_scalar("SELECT feeling FROM consultation_answers WHERE topic = 'enjoy'").fetch_one(test.db.pool()).await?;
        assert_eq!(feeling, 5, "the phone's face is kept until the child chooses again");
        // Choosing again on the page that showed both: the face changes, the phone's words stay.
        let same_base = base_of(&shown);
        let response = save(&laptop, &app, "enjoy", &[("feeling", "4"), ("text", ""), ("share", "iro")], &same_base).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored_text(&test, "enjoy").await?.as_deref(), Some("Football on Saturdays"));
        let feeling: i64 = sqlx::query_scalar("SELECT feeling FROM consultation_answers WHERE topic = 'enjoy'").fetch_one(test.db.pool()).await?;
        assert_eq!(feeling, 4);
        // The laptop then writes different words on the old page: the child is told, both kept.
        let response = save(&laptop, &app, "enjoy", &[("feeling", "4"), ("text", "Drawing comics"), ("share", "iro")], &same_base).await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("You changed this on another phone or computer too"), "{html}");
        assert!(html.contains("Football on Saturdays") && html.contains("Drawing comics"), "both shown");
        assert_eq!(stored_text(&test, "enjoy").await?.as_deref(), Some("Football on Saturdays"));
        // Saving again from that page keeps the child's choice.
        let base = base_of(&html);
        save(&laptop, &app, "enjoy", &[("feeling", "4"), ("text", "Football and drawing comics"), ("share", "iro")], &base).await?;
        assert_eq!(stored_text(&test, "enjoy").await?.as_deref(), Some("Football and drawing comics"));
        Ok(())
    }

    async fn worrying_answers_raise_an_alert_without_the_childs_words(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/safe").await?);
        let response = save(&jade, &app, "safe", &[("feeling", "1"), ("text", "secret worry words"), ("share", "iro")], &base).await?;
        assert_eq!(response.headers()[header::LOCATION], "/help?saved=1", "Help now straight away");
        let help = page(&jade, &app, "/help?saved=1").await?;
        assert!(help.contains("Your answer is saved") && help.contains("0800 1111"));
        // Saving again does not raise it twice.
        let base = base_of(&page(&jade, &app, "/consultation/topics/safe").await?);
        save(&jade, &app, "safe", &[("feeling", "1"), ("text", "secret worry words"), ("share", "iro")], &base).await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/anything-else").await?);
        let response = save(&jade, &app, "anything-else", &[("text", "Sometimes I want to RUN AWAY from here"), ("share", "iro")], &base).await?;
        assert_eq!(response.headers()[header::LOCATION], "/help?saved=1");
        let reasons: Vec<String> = sqlx::query_scalar("SELECT reason FROM safety_alerts ORDER BY id").fetch_all(test.db.pool()).await?;
        assert_eq!(reasons, ["feeling", "words"]);
        let emails = outbox_bodies(&test).await?;
        assert_eq!(emails.len(), 2);
        for (to, body) in &emails {
            assert_eq!(to, "amina.hussain@example.org");
            assert!(!body.contains("worry") && !body.contains("RUN") && !body.contains("Jade"), "{body}");
        }
        // Tom is overdue, which would put him first, but Jade's alert comes before.
        sqlx::query("UPDATE reviews SET held_on = '2020-01-0' || sequence WHERE held_on IS NOT NULL \
                     AND child_id = (SELECT id FROM children WHERE first_name = 'Tom')")
            .execute(test.db.pool()).await?;
        // Not sent, and still the alert stands on the IRO's home.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let home = page(&amina, &app, "/home").await?;
        assert!(home.contains("Urgent: a child may need help now") && home.contains("Jade: read and act today"), "{home}");
        let caseload = home.split("<table class=\"table table-dense caseload\">").nth(1).unwrap_or_default();
        let table = caseload.split("<tbody>").nth(1).unwrap_or_default();
        assert!(table.find("Jade").unwrap_or(usize::MAX) < table.find("Tom").unwrap_or(0), "a child with an alert comes first: {table}");
        assert!(table.contains("Overdue"), "Tom is overdue: {table}");
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let seen = amina.post(app.url(&format!("/children/{jade_id}/alerts/seen"))).send().await?;
        assert_eq!(seen.headers()[header::LOCATION], "/home");
        assert!(!page(&amina, &app, "/home").await?.contains("Urgent:"));
        // Another IRO cannot clear it.
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        assert_eq!(ben.post(app.url(&format!("/children/{jade_id}/alerts/seen"))).send().await?.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn saving_as_the_child_types_keeps_up_with_the_page(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let html = page(&jade, &app, "/consultation/topics/school").await?;
        assert!(html.contains("/consultation/topics/school/autosave"), "the page's script knows where to save");
        let mut base = base_of(&html);
        // The script saves after each pause, each time on what the last save answered.
        for text in ["I like", "I like maths", "I like maths and art"] {
            let response = autosave(&jade, &app, "school", &[("feeling", "4"), ("text", text), ("share", "iro")], &base).await?;
            assert_eq!(response.status(), StatusCode::OK);
            let answer: Vec<(String, String)> = url_pairs(&response.text().await?);
            assert!(answer.contains(&("saved".into(), "1".into())) && answer.contains(&("help".into(), "0".into())));
            base = answer.into_iter().filter(|(k, _)| k.starts_with("base_")).collect();
            assert_eq!(stored_text(&test, "school").await?.as_deref(), Some(text), "saved as typed");
        }
        // The button then saves without a clash: the page stood on the last save.
        let response = save(&jade, &app, "school", &[("feeling", "4"), ("text", "I like maths and art!"), ("share", "iro"), ("then", "next")], &base).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored_text(&test, "school").await?.as_deref(), Some("I like maths and art!"));
        // Another device changed the words meanwhile: the script is told, nothing overwritten.
        let old_base = base.clone();
        let phone_base = base_of(&page(&jade, &app, "/consultation/topics/school").await?);
        save(&jade, &app, "school", &[("feeling", "4"), ("text", "From my phone"), ("share", "iro")], &phone_base).await?;
        let clash = autosave(&jade, &app, "school", &[("feeling", "4"), ("text", "From the laptop"), ("share", "iro")], &old_base).await?;
        assert_eq!(clash.status(), StatusCode::CONFLICT);
        assert_eq!(stored_text(&test, "school").await?.as_deref(), Some("From my phone"));
        // Bad input: refused, nothing lost; the button then shows why.
        let bad = autosave(&jade, &app, "school", &[("feeling", "6"), ("text", "x"), ("share", "iro")], &phone_base).await?;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(stored_text(&test, "school").await?.as_deref(), Some("From my phone"));
        // Worrying words typed: saved, the alert raised, the page told to show Help now.
        let base = base_of(&page(&jade, &app, "/consultation/topics/anything-else").await?);
        let worried = autosave(&jade, &app, "anything-else", &[("text", "I want to run away"), ("share", "iro")], &base).await?;
        assert!(url_pairs(&worried.text().await?).contains(&("help".into(), "1".into())));
        let alerts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM safety_alerts").fetch_one(test.db.pool()).await?;
        assert_eq!(alerts, 1);
        // Nobody else saves through it.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        assert_eq!(autosave(&amina, &app, "school", &[("text", "x")], &[]).await?.status(), StatusCode::NOT_FOUND);
        assert_eq!(autosave(&crate::support::browser()?, &app, "school", &[("text", "x")], &[]).await?.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(autosave(&jade, &app, "no-such-topic", &[("text", "x")], &[]).await?.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn an_alert_also_goes_to_managers_while_the_iro_is_away(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        // A date in the past is refused kindly, nothing stored.
        let response = amina.post(app.url("/account/away")).form(&[("away_until", "2020-01-01")]).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("<title>Error:") && html.contains("Enter your last day away as a date"), "{html}");
        let stored: Option<String> = sqlx::query_scalar("SELECT away_until FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'").fetch_one(test.db.pool()).await?;
        assert_eq!(stored, None);
        let last_day = (time::OffsetDateTime::now_utc().date() + time::Duration::days(10)).to_string();
        let response = amina.post(app.url("/account/away")).form(&[("away_until", last_day.as_str())]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/home");
        assert!(page(&amina, &app, "/home").await?.contains("You are away until"));
        let jade = child(&app, "skyblue-fox").await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/safe").await?);
        save(&jade, &app, "safe", &[("feeling", "1"), ("share", "iro")], &base).await?;
        let mut to: Vec<String> = outbox_bodies(&test).await?.into_iter().map(|(to, _)| to).collect();
        to.sort();
        assert_eq!(to, ["amina.hussain@example.org", "morgan.price@example.org", "nadia.shah@example.org"]);
        // Back at work: alerts go to the IRO alone again.
        let response = amina.post(app.url("/account/away")).form(&[("back", "yes")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/home");
        sqlx::query("DELETE FROM outbox").execute(test.db.pool()).await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/anything-else").await?);
        save(&jade, &app, "anything-else", &[("text", "someone hurts me"), ("share", "iro")], &base).await?;
        let to: Vec<String> = outbox_bodies(&test).await?.into_iter().map(|(to, _)| to).collect();
        assert_eq!(to, ["amina.hussain@example.org"]);
        // Only an IRO says so.
        let jade_says = jade.post(app.url("/account/away")).form(&[("away_until", last_day.as_str())]).send().await?;
        assert_eq!(jade_says.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn nothing_changes_once_the_review_has_started(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/health").await?);
        save(&jade, &app, "health", &[("feeling", "3"), ("text", "Before"), ("share", "iro")], &base).await?;
        sqlx::query("UPDATE reviews SET scheduled_on = '2020-01-01', scheduled_time = '09:00' WHERE held_on IS NULL AND child_id = (SELECT id FROM children WHERE first_name = 'Jade')")
            .execute(test.db.pool()).await?;
        let base = base_of(&page(&jade, &app, "/consultation/topics/health").await?);
        let response = save(&jade, &app, "health", &[("feeling", "3"), ("text", "After"), ("share", "iro")], &base).await?;
        assert_eq!(response.headers()[header::LOCATION], "/consultation");
        assert_eq!(stored_text(&test, "health").await?.as_deref(), Some("Before"));
        assert!(page(&jade, &app, "/consultation").await?.contains("Your review has started"));
        assert_eq!(jade.post(app.url("/consultation/submit")).send().await?.headers()[header::LOCATION], "/consultation");
        let status: String = sqlx::query_scalar(
            "SELECT c.status FROM consultations c JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade'",
        ).fetch_one(test.db.pool()).await?;
        assert_eq!(status, "in_progress");
        Ok(())
    }

    async fn typed_attacks_show_as_plain_text_everywhere(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let corpus = "</textarea><script>alert(1)</script> \"><svg onload=alert(1)> javascript:alert(1)";
        let base = base_of(&page(&jade, &app, "/consultation/topics/school").await?);
        save(&jade, &app, "school", &[("feeling", "3"), ("text", corpus), ("share", "meeting")], &base).await?;
        jade.post(app.url("/consultation/taking-part")).form(&[("who_there", corpus), ("where_held", corpus)]).send().await?;
        jade.post(app.url("/consultation/submit")).send().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        for html in [
            page(&jade, &app, "/consultation/topics/school").await?,
            page(&amina, &app, &format!("/children/{jade_id}/consultation")).await?,
            page(&amina, &app, &format!("/children/{jade_id}/consultation?meeting=1")).await?,
            page(&jade, &app, "/consultation/taking-part").await?,
        ] {
            assert!(!html.contains("<script>alert(1)</script>"), "{html}");
            assert!(!html.contains("<svg onload"), "{html}");
            assert!(!html.contains("href=\"javascript:"), "{html}");
            assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown, as text");
        }
        Ok(())
    }
}
