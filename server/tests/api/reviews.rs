//! Reviews on both databases: the IRO sees due dates and flags, schedules
//! the next review, records it as held with a participation code; bad input
//! is refused kindly with nothing stored; nobody else's child is reachable.

use crate::support::{TestApp, TestDb, plain};
use reqwest::{StatusCode, header};
use server::{calendar::parse_date, demo::DEMO_PASSPHRASE, storage::iso_date_of};
use time::{Duration, OffsetDateTime};

async fn staff(test: &TestDb, app: &TestApp, name: &str) -> anyhow::Result<reqwest::Client> {
    let client = crate::support::browser()?;
    crate::support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
    Ok(client)
}

async fn child_id(test: &TestDb, first_name: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE first_name = $1")
            .bind(first_name)
            .fetch_one(test.db.pool())
            .await?,
    )
}

fn days_from_today(days: i64) -> String {
    iso_date_of(OffsetDateTime::now_utc().date() + Duration::days(days))
}

async fn reviews_stored(
    test: &TestDb,
    child: i64,
) -> anyhow::Result<Vec<(i64, Option<String>, Option<String>, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT sequence, scheduled_on, held_on, participation_code FROM reviews WHERE child_id = $1 ORDER BY sequence",
    )
    .bind(child)
    .fetch_all(test.db.pool())
    .await?)
}

on_both_databases! {
    async fn an_iro_schedules_and_records_a_review_and_the_next_one_falls_due(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let jade = child_id(&test, "Jade").await?;

        let page = plain(&amina.get(app.url(&format!("/children/{jade}"))).send().await?.text().await?);
        assert!(page.contains("<h1>Jade</h1>"), "{page}");
        assert!(page.contains("Next review") && page.contains("Reviews held"));
        assert!(page.contains("Out of timescale"), "the demo's first review was late");

        // Problems: nothing stored, answers kept.
        let before = reviews_stored(&test, jade).await?;
        let response = amina.post(app.url(&format!("/children/{jade}/reviews/schedule")))
            .form(&[("scheduled_on", "2020-01-01"), ("scheduled_time", "25:00")]).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("<title>Error: "), "{html}");
        assert!(html.contains("Enter the date of the review: today or later"));
        assert!(html.contains("Enter the time as hours and minutes"));
        assert!(html.contains(r#"name="scheduled_on-year" type="text" inputmode="numeric" value="2020""#), "answers kept: {html}");
        assert_eq!(reviews_stored(&test, jade).await?, before);

        // The GOV.UK date input: three boxes, put together on the server;
        // the message names the part that is wrong, and the boxes keep
        // what was typed.
        let next_year = (OffsetDateTime::now_utc().year() + 1).to_string();
        for (day, month, year, message) in [
            ("31", "2", next_year.as_str(), "The date must be a real date: check the day and the month"),
            ("3", "", next_year.as_str(), "The date must include a month"),
            ("", "3", next_year.as_str(), "The date must include a day"),
            ("3", "3", "27", "The year must be 4 numbers, like 2027"),
            ("3", "", "", "Enter the day, the month and the year"),
            ("", "", "", "Enter the date of the review: today or later"),
        ] {
            let response = amina.post(app.url(&format!("/children/{jade}/reviews/schedule")))
                .form(&[("scheduled_on-day", day), ("scheduled_on-month", month), ("scheduled_on-year", year), ("scheduled_time", "14:30")])
                .send().await?;
            let html = plain(&response.text().await?);
            assert!(html.contains(message), "{day}/{month}/{year}: {html}");
            assert!(html.contains(&format!(r#"name="scheduled_on-day" type="text" inputmode="numeric" value="{day}""#)), "{html}");
            assert_eq!(reviews_stored(&test, jade).await?, before);
        }
        let response = amina.post(app.url(&format!("/children/{jade}/reviews/schedule")))
            .form(&[("scheduled_on-day", "7"), ("scheduled_on-month", "3"), ("scheduled_on-year", next_year.as_str()), ("scheduled_time", "09:15")])
            .send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (on,): (String,) = sqlx::query_as("SELECT scheduled_on FROM reviews WHERE child_id = $1 AND held_on IS NULL")
            .bind(jade).fetch_one(test.db.pool()).await?;
        assert_eq!(on, format!("{next_year}-03-07"), "saved as an ISO date, whatever was typed");

        let day = days_from_today(20);
        let response = amina.post(app.url(&format!("/children/{jade}/reviews/schedule")))
            .form(&[("scheduled_on", day.as_str()), ("scheduled_time", "14:30")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("/children/{jade}?scheduled=1"));
        let page = plain(&amina.get(app.url(&format!("/children/{jade}?scheduled=1"))).send().await?.text().await?);
        assert!(page.contains("The review has been scheduled.") && page.contains("at 14:30"), "{page}");
        let (time,): (String,) = sqlx::query_as("SELECT scheduled_time FROM reviews WHERE child_id = $1 AND sequence = 4")
            .bind(jade).fetch_one(test.db.pool()).await?;
        assert_eq!(time, "14:30");
        // The caseload names the earliest review not held, with its time.
        let on = server::calendar::parse_date(&day).ok_or_else(|| anyhow::anyhow!("{day}"))?;
        let when = format!("{} {} {} at 14:30", on.day(), on.month(), on.year());
        let home = plain(&amina.get(app.url("/home")).send().await?.text().await?);
        let jade_row = home.split("Jade").nth(1).and_then(|rest| rest.split("</tr>").next()).unwrap_or_default();
        assert!(jade_row.contains(&when), "{when}: {jade_row}");

        // Recording it: codes must fit the child and whether they came.
        let today = days_from_today(0);
        for (form, message) in [
            ([("held_on", days_from_today(1)), ("attended", "no".into()), ("code", "PN6".into())], "Enter the date the review was held"),
            ([("held_on", today.clone()), ("attended", "no".into()), ("code", "PN0".into())], "PN0 is only for a child under 4"),
            ([("held_on", today.clone()), ("attended", "yes".into()), ("code", "PN6".into())], "PN5, PN6 and PN7 are for a child who did not attend"),
            ([("held_on", today.clone()), ("attended", "no".into()), ("code", "PN1".into())], "PN1 to PN4 are for a child who attended"),
            ([("held_on", today.clone()), ("attended", "".into()), ("code", "PN9".into())], "Choose how the child took part"),
        ] {
            let response = amina.post(app.url(&format!("/children/{jade}/reviews/held"))).form(&form).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains(message), "{message}: {html}");
        }
        let stored = reviews_stored(&test, jade).await?;
        assert_eq!(stored.iter().filter(|r| r.2.is_some()).count(), 3, "nothing recorded");

        let response = amina.post(app.url(&format!("/children/{jade}/reviews/held")))
            .form(&[("held_on", today.as_str()), ("attended", "no"), ("code", "PN6")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("/children/{jade}?recorded=1"));
        let stored = reviews_stored(&test, jade).await?;
        assert_eq!(stored[3], (4, Some(day.clone()), Some(today.clone()), Some("PN6".to_owned())));
        let (attended, recorded_by): (i64, i64) = sqlx::query_as(
            "SELECT child_attended, recorded_by FROM reviews WHERE child_id = $1 AND sequence = 4",
        ).bind(jade).fetch_one(test.db.pool()).await?;
        assert_eq!(attended, 0);
        assert!(recorded_by > 0);

        // The fifth review is due six months after today's.
        let held = parse_date(&today).ok_or_else(|| anyhow::anyhow!("today"))?;
        let due = server::calendar::add_months(held, 6);
        let page = plain(&amina.get(app.url(&format!("/children/{jade}?recorded=1"))).send().await?.text().await?);
        assert!(page.contains("The review has been recorded."), "{page}");
        assert!(page.contains("Next review") && page.contains("Not scheduled yet"), "the fifth is next");
        let home = plain(&amina.get(app.url("/home")).send().await?.text().await?);
        let (year, month) = (due.year(), u8::from(due.month()));
        let month_name = ["January","February","March","April","May","June","July","August","September","October","November","December"][usize::from(month) - 1];
        assert!(home.contains(&format!("{} {month_name} {year}", due.day())), "due {due} on the caseload: {home}");
        let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'review_%' ORDER BY id")
            .fetch_all(test.db.pool()).await?;
        assert_eq!(audit, ["review_scheduled", "review_scheduled", "review_recorded"], "scheduled from the boxes, then again");
        Ok(())
    }

    async fn overdue_children_come_first_on_the_caseload(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'")
            .fetch_one(test.db.pool()).await?;
        // Came into care 60 days ago; no review yet: the initial one is overdue.
        let zara: i64 = sqlx::query_scalar(
            "INSERT INTO children (first_name, date_of_birth, came_into_care_on, gender, ethnicity_group, disability, uasc, \
             first_language, interpreter_needed, placement_type, created_at) \
             VALUES ('Zara', '2014-03-03', $1, 'female', 'White', 0, 0, 'en', 0, 'foster care', 0) RETURNING id",
        ).bind(days_from_today(-60)).fetch_one(test.db.pool()).await?;
        sqlx::query("INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) VALUES ($1, $2, 0)")
            .bind(zara).bind(amina_id).execute(test.db.pool()).await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let home = plain(&amina.get(app.url("/home")).send().await?.text().await?);
        let zara_at = home.find("Zara").ok_or_else(|| anyhow::anyhow!("Zara missing: {home}"))?;
        let jade_at = home.find("Jade").ok_or_else(|| anyhow::anyhow!("Jade missing"))?;
        assert!(zara_at < jade_at, "overdue first");
        assert!(home[zara_at..jade_at].contains("Overdue"), "{home}");
        let page = plain(&amina.get(app.url(&format!("/children/{zara}"))).send().await?.text().await?);
        assert!(page.contains("Next initial review") && page.contains("Overdue"), "{page}");
        assert!(page.contains("No reviews have been held yet."));
        Ok(())
    }

    async fn a_child_under_4_gets_pn0_suggested(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let ben_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'ben.carter@example.org'")
            .fetch_one(test.db.pool()).await?;
        let baby: i64 = sqlx::query_scalar(
            "INSERT INTO children (first_name, date_of_birth, came_into_care_on, gender, ethnicity_group, disability, uasc, \
             first_language, interpreter_needed, placement_type, created_at) \
             VALUES ('Noah', $1, $2, 'male', 'Mixed', 0, 0, 'en', 0, 'foster care', 0) RETURNING id",
        ).bind(days_from_today(-400)).bind(days_from_today(-5)).fetch_one(test.db.pool()).await?;
        sqlx::query("INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) VALUES ($1, $2, 0)")
            .bind(baby).bind(ben_id).execute(test.db.pool()).await?;
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        let page = plain(&ben.get(app.url(&format!("/children/{baby}"))).send().await?.text().await?);
        assert!(page.contains(r#"value="PN0" checked"#), "{page}");
        assert!(page.contains("suggested"));
        let response = ben.post(app.url(&format!("/children/{baby}/reviews/held")))
            .form(&[("held_on", days_from_today(0).as_str()), ("attended", "yes"), ("code", "PN0")]).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        Ok(())
    }

    async fn nobody_else_reaches_a_childs_reviews(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child_id(&test, "Jade").await?;
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        let before = reviews_stored(&test, jade).await?;
        let day = days_from_today(10);
        for response in [
            ben.get(app.url(&format!("/children/{jade}"))).send().await?,
            ben.post(app.url(&format!("/children/{jade}/reviews/schedule")))
                .form(&[("scheduled_on", day.as_str()), ("scheduled_time", "10:00")]).send().await?,
            ben.post(app.url(&format!("/children/{jade}/reviews/held")))
                .form(&[("held_on", days_from_today(0).as_str()), ("attended", "yes"), ("code", "PN1")]).send().await?,
        ] {
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
            assert!(!response.text().await?.contains("Jade"), "nothing revealed");
        }
        assert_eq!(reviews_stored(&test, jade).await?, before);
        Ok(())
    }

    async fn a_bank_holiday_a_manager_adds_moves_due_dates(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let lily = child_id(&test, "Lily").await?;
        let before_calendar = server::calendar::load_calendar(&test.db).await?;
        let (due_before, _) = server::accounts::schedule::next_due(&test.db, &before_calendar, lily).await?;
        let due_before = due_before.as_deref().and_then(parse_date).ok_or_else(|| anyhow::anyhow!("Lily has a due date"))?;
        // A working day before Lily's initial review is due.
        let mut day = OffsetDateTime::now_utc().date();
        while !before_calendar.is_working_day(day) {
            day += Duration::days(1);
        }
        anyhow::ensure!(day < due_before, "the test needs a working day before {due_before}");

        let page = plain(&manager.get(app.url("/manage/bank-holidays")).send().await?.text().await?);
        assert!(page.contains("Christmas Day"), "{page}");
        let count = || async {
            anyhow::Ok(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM bank_holidays").fetch_one(test.db.pool()).await?)
        };
        for (form, message) in [
            ([("date", "2026-12-25"), ("name", "Again")], "That date is already a bank holiday"),
            ([("date", "2031-01-04"), ("name", "A Saturday")], "That date is a Saturday or Sunday"),
            ([("date", "31/12/2031"), ("name", "")], "Enter a real date"),
        ] {
            let response = manager.post(app.url("/manage/bank-holidays")).form(&form).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains(message) && html.contains("<title>Error: Bank holidays: MySay</title>"), "{message}: {html}");
        }
        assert_eq!(count().await?, 0, "nothing stored");

        let iso = iso_date_of(day);
        let response = manager.post(app.url("/manage/bank-holidays"))
            .form(&[("date", iso.as_str()), ("name", "A one-off holiday")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/manage/bank-holidays?added=1");
        let page = plain(&manager.get(app.url("/manage/bank-holidays?added=1")).send().await?.text().await?);
        assert!(page.contains("A one-off holiday") && page.contains("added by a manager"));
        let after_calendar = server::calendar::load_calendar(&test.db).await?;
        assert!(after_calendar.is_bank_holiday(day));
        let (due_after, _) = server::accounts::schedule::next_due(&test.db, &after_calendar, lily).await?;
        let due_after = due_after.as_deref().and_then(parse_date).ok_or_else(|| anyhow::anyhow!("due"))?;
        assert!(due_after > due_before, "{due_before} moves to {due_after}");
        assert_eq!(after_calendar.working_days_between(due_before, due_after), 1);

        // Only a manager.
        let iro = staff(&test, &app, "ben.carter@example.org").await?;
        let refused = iro.post(app.url("/manage/bank-holidays")).form(&[("date", "2031-01-02"), ("name", "No")]).send().await?;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
        assert_eq!(count().await?, 1);
        Ok(())
    }

    async fn an_iro_records_contacts_between_reviews(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let jade = child_id(&test, "Jade").await?;
        let contacts = || async {
            anyhow::Ok(sqlx::query_as::<_, (String, String, Option<String>)>(
                "SELECT contact_on, kind, note FROM iro_contacts WHERE child_id = $1 ORDER BY id",
            ).bind(jade).fetch_all(test.db.pool()).await?)
        };
        let page = plain(&amina.get(app.url(&format!("/children/{jade}"))).send().await?.text().await?);
        assert!(page.contains("Contacts between reviews") && page.contains("Saw Jade at her foster home after school."), "{page}");
        assert!(page.contains("Midway review"), "the demo's midway review: {page}");
        let before = contacts().await?;
        assert_eq!(before.len(), 2);

        // Problems: nothing stored, what was typed kept.
        let long = "x".repeat(201);
        let tomorrow = days_from_today(1);
        for (form, message) in [
            (vec![("contact_on", tomorrow.as_str()), ("kind", "visit"), ("note", "Too soon")], "Enter the date of the contact: not in the future"),
            (vec![("contact_on", "2001-01-01"), ("kind", "visit"), ("note", "")], "while the child was looked after"),
            (vec![("contact_on-day", "30"), ("contact_on-month", "2"), ("contact_on-year", "2026"), ("kind", "call")], "The date must be a real date"),
            (vec![("contact_on", "2026-01-05"), ("kind", "letter"), ("note", "Kept")], "Choose the kind of contact"),
            (vec![("contact_on", "2026-01-05"), ("kind", "call"), ("note", long.as_str())], "Shorten the note to 200 characters or fewer"),
        ] {
            let response = amina.post(app.url(&format!("/children/{jade}/contacts"))).form(&form).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains(message) && html.contains("<title>Error: "), "{message}: {html}");
            if let Some((_, note)) = form.iter().find(|(k, _)| *k == "note") {
                assert!(html.contains(&format!(r#"name="note" type="text" value="{note}""#)), "the note is kept: {html}");
            }
        }
        assert_eq!(contacts().await?, before, "nothing stored");

        let today = days_from_today(0);
        let response = amina.post(app.url(&format!("/children/{jade}/contacts")))
            .form(&[("contact_on", today.as_str()), ("kind", "call"), ("note", "  Checked in before the review.  ")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("/children/{jade}?contact=1"));
        let after = contacts().await?;
        assert_eq!(after.last(), Some(&(today.clone(), "call".to_owned(), Some("Checked in before the review.".to_owned()))));
        let response = amina.post(app.url(&format!("/children/{jade}/contacts")))
            .form(&[("contact_on", today.as_str()), ("kind", "midway"), ("note", "")]).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(contacts().await?.last(), Some(&(today.clone(), "midway".to_owned(), None)), "no words: none stored");
        let page = plain(&amina.get(app.url(&format!("/children/{jade}?contact=1"))).send().await?.text().await?);
        assert!(page.contains("The contact has been recorded.") && page.contains("Checked in before the review."), "{page}");
        assert!(page.contains("Phone or video call") && page.contains("Amina Hussain"), "{page}");
        let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'contact_recorded' AND subject = $1")
            .bind(format!("child:{jade}")).fetch_one(test.db.pool()).await?;
        assert_eq!(audit, 2);
        Ok(())
    }

    async fn a_ceased_childs_record_is_read_only_except_for_a_manager(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let jade = child_id(&test, "Jade").await?;
        let ceased = days_from_today(-7);
        sqlx::query("UPDATE children SET ceased_on = $1 WHERE id = $2").bind(&ceased).bind(jade)
            .execute(test.db.pool()).await?;
        let page = plain(&amina.get(app.url(&format!("/children/{jade}"))).send().await?.text().await?);
        assert!(page.contains("Ceased to be looked after on") && page.contains("This record is read-only now"), "{page}");
        for form in ["reviews/schedule", "reviews/held", "contacts", "invitation"] {
            assert!(!page.contains(&format!(r#"action="/children/{jade}/{form}""#)), "no {form} form: {page}");
        }
        assert!(!page.contains(&format!(r#"action="/children/{jade}/letters""#)), "no letter to start");
        assert!(page.contains("Reviews held") && page.contains("Saw Jade at her foster home"), "still readable: {page}");
        assert!(!page.contains("Overdue") && !page.contains("Due within 14 days"), "no review falls due: {page}");

        // A page sent before the change: told why, nothing stored.
        let reviews_before = reviews_stored(&test, jade).await?;
        let contacts_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM iro_contacts").fetch_one(test.db.pool()).await?;
        let invitations = || async {
            anyhow::Ok(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM invitations WHERE child_id = $1")
                .bind(jade).fetch_one(test.db.pool()).await?)
        };
        let invitations_before = invitations().await?;
        let in_ten = days_from_today(10);
        let week_ago = days_from_today(-8);
        for (path, form) in [
            ("reviews/schedule", vec![("scheduled_on", in_ten.as_str()), ("scheduled_time", "10:00")]),
            ("reviews/held", vec![("held_on", week_ago.as_str()), ("attended", "yes"), ("code", "PN1")]),
            ("contacts", vec![("contact_on", week_ago.as_str()), ("kind", "visit"), ("note", "Kept for you")]),
        ] {
            let response = amina.post(app.url(&format!("/children/{jade}/{path}"))).form(&form).send().await?;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let html = plain(&response.text().await?);
            assert!(html.contains("This record is read-only because the child has ceased to be looked after"), "{path}: {html}");
            assert!(html.contains(r##"href="#read-only""##) && html.contains(r#"id="read-only""#), "the summary points at the notice: {html}");
        }
        for path in ["invitation", "letters"] {
            let response = amina.post(app.url(&format!("/children/{jade}/{path}"))).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(reviews_stored(&test, jade).await?, reviews_before);
        let contacts_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM iro_contacts").fetch_one(test.db.pool()).await?;
        assert_eq!(contacts_after, contacts_before);
        assert_eq!(invitations().await?, invitations_before);

        // Off the IRO's caseload; still on the manager's list.
        let home = plain(&amina.get(app.url("/home")).send().await?.text().await?);
        assert!(!home.contains(&format!(r#"href="/children/{jade}""#)) && home.contains("Tom"), "{home}");
        let home = plain(&manager.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains(&format!(r#"href="/manage/children/{jade}">Jade<"#)), "{home}");

        // A manager still changes it, within the dates the child was looked after.
        let page = plain(&manager.get(app.url(&format!("/children/{jade}"))).send().await?.text().await?);
        assert!(page.contains("Ceased to be looked after on") && !page.contains("This record is read-only now"), "{page}");
        assert!(page.contains(&format!(r#"action="/children/{jade}/contacts""#)), "{page}");
        let response = manager.post(app.url(&format!("/children/{jade}/contacts")))
            .form(&[("contact_on", days_from_today(-1).as_str()), ("kind", "call"), ("note", "")]).send().await?;
        assert!(plain(&response.text().await?).contains("while the child was looked after"), "after they ceased");
        let response = manager.post(app.url(&format!("/children/{jade}/contacts")))
            .form(&[("contact_on", ceased.as_str()), ("kind", "call"), ("note", "Said goodbye.")]).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        Ok(())
    }
}
