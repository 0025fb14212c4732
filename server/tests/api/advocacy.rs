//! Asking for an advocate, on both databases: the child's request, a
//! message, withdrawing; the caseworker accepts, allocates, notes and
//! closes; the IRO sees the stage. Nobody sees what is not theirs: the
//! caseworker no consultation, the IRO no notes, a child no other child's
//! request. Bad input is refused with nothing stored; emails carry none of
//! the child's words; the service standard counts working days.

use crate::support::{
    TestDb, child_client as child, location, page_as as page, plain, post_as as post,
    staff_client as staff,
};
use reqwest::{StatusCode, header};

async fn count(test: &TestDb, table: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(test.db.pool())
        .await?)
}

/// Jade's request: support at meetings and housing, by text, with an
/// interpreter in Tigrinya.
const REQUEST: &[(&str, &str)] = &[
    ("category", "meetings"),
    ("category", "housing"),
    ("contact_method", "text"),
    ("contact_detail", "07700 900123"),
    ("good_times", "after school marmalade"),
    ("interpreter", "yes"),
    ("interpreter_language", "Tigrinya"),
    ("other_help", "somewhere quiet please pineapple"),
];

on_both_databases! {
    async fn a_request_goes_from_the_child_to_an_advocate_and_back(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let home = page(&jade, &app, "/home").await?;
        assert!(home.contains(r#"href="/advocacy""#), "the child's home leads there");
        let ask = page(&jade, &app, "/advocacy/new").await?;
        assert!(ask.contains("This goes to Coram Voice, the advocacy service") && ask.contains("Amina Hussain, will be told"), "{ask}");

        let sent = post(&jade, &app, "/advocacy", REQUEST).await?;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        let mine = location(&sent);
        assert!(mine.starts_with("/advocacy/my/") && mine.ends_with("?sent=1"), "{mine}");
        let id: i64 = mine.trim_start_matches("/advocacy/my/").trim_end_matches("?sent=1").parse()?;
        let shown = page(&jade, &app, &mine).await?;
        assert!(shown.contains("Support at meetings, Housing") && shown.contains("Waiting for the advocacy service"), "{shown}");
        let stored: (String, String, String) = sqlx::query_as("SELECT categories, interpreter_language, age_band FROM advocacy_requests WHERE id = $1")
            .bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(stored, ("meetings,housing".to_owned(), "Tigrinya".to_owned(), "10-15".to_owned()));

        // The advocacy service and the IRO are told; nothing the child wrote.
        let emails: Vec<(String, String, String)> = sqlx::query_as("SELECT to_address, subject, body_text FROM outbox ORDER BY to_address")
            .fetch_all(test.db.pool()).await?;
        let to: Vec<&str> = emails.iter().map(|(to, ..)| to.as_str()).collect();
        assert_eq!(to, ["amina.hussain@example.org", "dev.patel@example.org"]);
        for (_, subject, body) in &emails {
            for private in ["07700", "marmalade", "pineapple", "Tigrinya", "Jade", "Housing", "meetings"] {
                assert!(!subject.contains(private) && !body.contains(private), "{private} in {body}");
            }
        }

        // A message, then the caseworker's side.
        let added = post(&jade, &app, &format!("/advocacy/my/{id}/message"), &[("message", "Can we meet on Tuesday?")]).await?;
        assert_eq!(location(&added), format!("/advocacy/my/{id}?added=1"));
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        let inbox = page(&dev, &app, "/advocacy/inbox").await?;
        assert!(inbox.contains("Jade") && inbox.contains("Support at meetings, Housing") && inbox.contains("Working days since sent: 0"), "{inbox}");
        let case = page(&dev, &app, &format!("/advocacy/cases/{id}")).await?;
        for expected in ["Request from Jade", "Jade, 12", "English", "Amina Hussain", "07700 900123", "Tigrinya", "Can we meet on Tuesday?"] {
            assert!(case.contains(expected), "{expected} in the case: {case}");
        }
        // The child's words are labelled with the language they wrote in.
        assert!(case.contains(r#"Written in English</p><p dir="auto" lang="en" class="child-words">Can we meet on Tuesday?</p>"#), "{case}");
        assert!(case.contains(r#"lang="en" class="child-words">after school marmalade</p>"#), "{case}");
        let accepted = post(&dev, &app, &format!("/advocacy/cases/{id}/accept"), &[]).await?;
        assert_eq!(location(&accepted), format!("/advocacy/cases/{id}?done=1"));
        assert!(page(&jade, &app, &mine).await?.contains("is finding you an advocate"));
        let allocated = post(&dev, &app, &format!("/advocacy/cases/{id}/allocate"), &[("advocate", "Sam Okafor")]).await?;
        assert_eq!(location(&allocated), format!("/advocacy/cases/{id}?done=1"));
        post(&dev, &app, &format!("/advocacy/cases/{id}/notes"), &[("note", "Spoke to carer; secret-note-words")]).await?;
        let shown = page(&jade, &app, &mine).await?;
        assert!(shown.contains("Your advocate is Sam. They will get in touch."), "{shown}");
        assert!(!shown.contains("Okafor") && !shown.contains("secret-note-words"), "first name only; no notes");

        // The IRO: the stage on the caseload and the child's page, no notes.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let caseload = page(&amina, &app, "/home").await?;
        assert!(caseload.contains("You have an advocate."), "{caseload}");
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let child_page = page(&amina, &app, &format!("/children/{jade_id}")).await?;
        assert!(child_page.contains("Advocacy requests") && child_page.contains("Support at meetings, Housing") && child_page.contains("(Sam)"), "{child_page}");
        assert!(!child_page.contains("secret-note-words") && !child_page.contains("07700"), "no notes, no contact details");

        // Closed with an outcome and a message for the child.
        let closed = post(&dev, &app, &format!("/advocacy/cases/{id}/close"), &[("outcome", "resolved"), ("message", "Your meeting is sorted. Sam will come with you.")]).await?;
        assert_eq!(location(&closed), format!("/advocacy/cases/{id}?done=1"));
        let shown = page(&jade, &app, &mine).await?;
        assert!(shown.contains("Finished.") && shown.contains("Your meeting is sorted."), "{shown}");
        assert!(!shown.contains("Stop this request"), "nothing to stop now");
        let late = post(&jade, &app, &format!("/advocacy/my/{id}/message"), &[("message", "One more thing")]).await?;
        assert!(plain(&late.text().await?).contains("This request has finished"));

        // A second request, withdrawn by the child: more than one can be open.
        let again = post(&jade, &app, "/advocacy", &[("category", "complaint"), ("contact_method", "iro")]).await?;
        let second = location(&again).trim_end_matches("?sent=1").to_owned();
        let withdrawn = post(&jade, &app, &format!("{second}/withdraw"), &[]).await?;
        assert_eq!(location(&withdrawn), format!("{second}?withdrawn=1"));
        assert!(page(&jade, &app, &second).await?.contains("You stopped this request."));
        let outcome: String = sqlx::query_scalar("SELECT outcome FROM advocacy_requests WHERE id <> $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(outcome, "withdrew");
        let list = page(&jade, &app, "/advocacy").await?;
        assert!(list.contains("Making a complaint") && list.contains("Support at meetings, Housing"), "{list}");
        Ok(())
    }

    async fn nobody_sees_what_is_not_theirs(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        // Jade has written views for her review.
        let empty = app::consultations::fingerprint("");
        post(&jade, &app, "/consultation/topics/school", &[
            ("feeling", "2"), ("text", "consultation-only-words"), ("share", "meeting"),
            ("base_text", &empty), ("base_share", "iro"),
        ]).await?;
        let saved: String = sqlx::query_scalar(
            "SELECT a.answer_text FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id \
             JOIN children ch ON ch.id = c.child_id WHERE ch.first_name = 'Jade'",
        ).fetch_one(test.db.pool()).await?;
        assert_eq!(saved, "consultation-only-words");
        let sent = post(&jade, &app, "/advocacy", REQUEST).await?;
        let mine = location(&sent).trim_end_matches("?sent=1").to_owned();
        let id = mine.trim_start_matches("/advocacy/my/").to_owned();
        post(&staff(&test, &app, "dev.patel@example.org").await?, &app, &format!("/advocacy/cases/{id}/notes"), &[("note", "caseworker-only-note")]).await?;

        // Another child: not found, and nothing changes.
        let yonas = child(&app, "sunny-kite").await?;
        assert_eq!(yonas.get(app.url(&mine)).send().await?.status(), StatusCode::NOT_FOUND);
        assert_eq!(post(&yonas, &app, &format!("{mine}/message"), &[("message", "hi")]).await?.status(), StatusCode::NOT_FOUND);
        assert_eq!(post(&yonas, &app, &format!("{mine}/withdraw"), &[]).await?.status(), StatusCode::NOT_FOUND);
        assert!(!page(&yonas, &app, "/advocacy").await?.contains("Support at meetings"));
        assert_eq!(count(&test, "advocacy_messages").await?, 0);
        let stage: String = sqlx::query_scalar("SELECT stage FROM advocacy_requests").fetch_one(test.db.pool()).await?;
        assert_eq!(stage, "sent");

        // The caseworker: no consultation, no child's page.
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        for path in [format!("/children/{jade_id}/consultation"), format!("/children/{jade_id}/consultation?meeting=1"), format!("/children/{jade_id}")] {
            let response = dev.get(app.url(&path)).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
        let case = page(&dev, &app, &format!("/advocacy/cases/{id}")).await?;
        assert!(!case.contains("consultation-only-words"), "no consultation in the case");

        // Another IRO: not Jade's page; Jade's IRO: no notes.
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        assert_eq!(ben.get(app.url(&format!("/children/{jade_id}"))).send().await?.status(), StatusCode::NOT_FOUND);
        assert!(!page(&ben, &app, "/home").await?.contains("Waiting for the advocacy service"));
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let child_page = page(&amina, &app, &format!("/children/{jade_id}")).await?;
        assert!(child_page.contains("Support at meetings") && !child_page.contains("caseworker-only-note"));
        // Staff other than the caseworker cannot act on it.
        for who in [&amina, &ben] {
            assert_eq!(post(who, &app, &format!("/advocacy/cases/{id}/accept"), &[]).await?.status(), StatusCode::NOT_FOUND);
            assert_eq!(who.get(app.url("/advocacy/inbox")).send().await?.status(), StatusCode::NOT_FOUND);
        }
        Ok(())
    }

    async fn bad_input_is_refused_clearly_and_nothing_is_stored(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("contact_method", "carer")], "Choose at least one thing you want help with"),
            (&[("category", "flying"), ("contact_method", "carer")], "Please choose from the list"),
            (&[("category", "something-else"), ("contact_method", "carer")], "Tell us a little about what you want help with"),
            (&[("category", "housing"), ("contact_method", "phone"), ("contact_detail", "")], "Enter a phone number"),
            (&[("category", "housing"), ("contact_method", "text"), ("contact_detail", "call me")], "Enter a phone number"),
            (&[("category", "housing"), ("contact_method", "email"), ("contact_detail", "not an address")], "Enter an email address"),
            (&[("category", "housing")], "Choose how the advocacy service should contact you"),
            (&[("category", "housing"), ("contact_method", "carer"), ("interpreter", "yes")], "Tell us which language"),
            (&[("category", "housing"), ("contact_method", "carer"), ("good_times", "evenings \u{202e}")], "Some hidden characters"),
        ];
        for (form, message) in cases {
            let response = post(&jade, &app, "/advocacy", form).await?;
            assert_eq!(response.status(), StatusCode::OK, "{form:?}");
            let html = plain(&response.text().await?);
            assert!(html.contains("<title>Error:") && html.contains(message), "{message}: {html}");
        }
        // Too long: told kindly, and what was typed is still in the box.
        let long = "a".repeat(1001);
        let response = post(&jade, &app, "/advocacy", &[("category", "housing"), ("contact_method", "carer"), ("other_help", &long)]).await?;
        let html = plain(&response.text().await?);
        assert!(html.contains("That is a bit long") && html.contains(&long) && html.contains(r#"value="housing" checked"#), "answers kept");
        // Not UTF-8: refused kindly.
        let response = jade.post(app.url("/advocacy"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(b"category=housing&contact_method=carer&other_help=%FF%FE".to_vec())
            .send().await?;
        assert!(plain(&response.text().await?).contains("<title>Error:"));
        assert_eq!(count(&test, "advocacy_requests").await?, 0);
        assert_eq!(count(&test, "outbox").await?, 0);

        // The caseworker's forms too.
        let sent = post(&jade, &app, "/advocacy", REQUEST).await?;
        let id = location(&sent).trim_start_matches("/advocacy/my/").trim_end_matches("?sent=1").to_owned();
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        for (action, form, message) in [
            ("allocate", vec![("advocate", "  ")], "Enter the advocate's name"),
            ("notes", vec![("note", "")], "Write the note"),
            ("close", vec![("message", "Done")], "Choose how the request ended"),
            ("close", vec![("outcome", "resolved")], "Write a short message for the child"),
            ("close", vec![("outcome", "exploded"), ("message", "x")], "Choose how the request ended"),
        ] {
            let response = post(&dev, &app, &format!("/advocacy/cases/{id}/{action}"), &form).await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains("<title>Error:") && html.contains(message), "{action}: {message}");
        }
        let stage: String = sqlx::query_scalar("SELECT stage FROM advocacy_requests").fetch_one(test.db.pool()).await?;
        assert_eq!(stage, "sent");
        assert_eq!(count(&test, "advocacy_notes").await?, 0);
        let empty = post(&jade, &app, &format!("/advocacy/my/{id}/message"), &[("message", " ")]).await?;
        assert!(plain(&empty.text().await?).contains("Write your message"));
        assert_eq!(count(&test, "advocacy_messages").await?, 0);
        Ok(())
    }

    async fn typed_attacks_show_as_plain_text_everywhere(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let attacks = ["</textarea><script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)"];
        let form = [
            ("category", "something-else"),
            ("something_else", attacks[0]),
            ("contact_method", "carer"),
            ("good_times", attacks[1]),
            ("other_help", attacks[2]),
        ];
        // Shown again with a problem (no language), then sent.
        let again = post(&jade, &app, "/advocacy", &[&form[..], &[("interpreter", "yes")]].concat()).await?;
        let sent = post(&jade, &app, "/advocacy", &form).await?;
        let mine = location(&sent);
        let id = mine.trim_start_matches("/advocacy/my/").trim_end_matches("?sent=1").to_owned();
        post(&jade, &app, &format!("/advocacy/my/{id}/message"), &[("message", attacks[0])]).await?;
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        post(&dev, &app, &format!("/advocacy/cases/{id}/allocate"), &[("advocate", attacks[1])]).await?;
        post(&dev, &app, &format!("/advocacy/cases/{id}/notes"), &[("note", attacks[0])]).await?;
        let pages = [
            plain(&again.text().await?),
            page(&jade, &app, &mine).await?,
            page(&dev, &app, &format!("/advocacy/cases/{id}")).await?,
            page(&dev, &app, "/advocacy/inbox").await?,
        ];
        for html in &pages {
            let body = html.split("<main").nth(1).unwrap_or_default().split("</main>").next().unwrap_or_default();
            assert!(!body.contains("<script") && !body.contains("<svg onload") && !body.contains("href=\"javascript:"), "{body}");
        }
        assert!(pages[2].contains("&lt;/textarea&gt;&lt;script&gt;"), "shown as text");
        Ok(())
    }

    async fn figures_count_working_days_and_who_asked(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let yonas = child(&app, "sunny-kite").await?;
        post(&jade, &app, "/advocacy", REQUEST).await?;
        post(&yonas, &app, "/advocacy", &[("category", "housing"), ("category", "money"), ("contact_method", "iro")]).await?;
        // Sent on Christmas Eve 2026; accepted on the 29th (Christmas Day
        // and the Boxing Day substitute are not working days); allocated
        // on the 31st.
        let at = |day: &str| -> anyhow::Result<i64> {
            let date = time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]"))?;
            Ok(date.midnight().assume_utc().unix_timestamp() * 1000 + 12 * 3_600_000)
        };
        sqlx::query("UPDATE advocacy_requests SET sent_at = $1, accepted_at = $2, allocated_at = $3, stage = 'allocated', advocate_name = 'Sam'")
            .bind(at("2026-12-24")?).bind(at("2026-12-29")?).bind(at("2026-12-31")?)
            .execute(test.db.pool()).await?;
        let from = time::macros::date!(2026 - 04 - 01);
        let to = time::macros::date!(2027 - 04 - 01);
        let figures = server::advocacy::figures(&test.db, from, to).await?;
        assert_eq!(figures.requests, 2);
        assert_eq!(figures.by_category.get("housing"), Some(&2));
        assert_eq!(figures.by_category.get("meetings"), Some(&1));
        assert_eq!(figures.by_category.get("money"), Some(&1));
        assert_eq!(figures.by_age_band.get("10-15"), Some(&1), "Jade is 12");
        assert_eq!(figures.by_age_band.get("16-17"), Some(&1), "Yonas is 16");
        assert_eq!(figures.days_to_accept, [1, 1]);
        assert_eq!(figures.days_to_allocate, [3, 3]);
        assert_eq!(figures.by_uasc.values().sum::<i64>(), 2);
        // Another year's requests are not counted.
        let earlier = server::advocacy::figures(&test.db, time::macros::date!(2025 - 04 - 01), from).await?;
        assert_eq!(earlier.requests, 0);
        Ok(())
    }
}
