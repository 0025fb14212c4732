//! A manager adds a child's record with their IRO, on both databases.

use crate::support::plain;

use reqwest::{StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

const FORM: [(&str, &str); 11] = [
    ("first_name", "Amir"),
    ("preferred_name", ""),
    ("date_of_birth", "2011-05-02"),
    ("came_into_care_on", "2025-09-01"),
    ("gender", "male"),
    ("ethnicity_group", "Asian or Asian British"),
    ("disability", "no"),
    ("uasc", "yes"),
    ("first_language", "Dari"),
    ("interpreter_needed", "yes"),
    ("placement_type", "foster care"),
];

on_both_databases! {
    async fn a_manager_records_when_a_child_ceased_to_be_looked_after_and_their_reference(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let tom: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Tom'").fetch_one(test.db.pool()).await?;
        let page = plain(&app.get_text(&format!("/manage/children/{tom}")).await?);
        assert!(page.contains("Date they ceased to be looked after"), "{page}");
        assert!(page.contains("Leave empty while they are looked after."));
        assert!(page.contains("Reference in the council"));
        let path = format!("/manage/children/{tom}");
        let stored = || async {
            let row: (Option<String>, Option<String>) =
                sqlx::query_as("SELECT ceased_on, case_reference FROM children WHERE id = $1")
                    .bind(tom).fetch_one(test.db.pool()).await?;
            anyhow::Ok(row)
        };
        assert_eq!(stored().await?, (None, None), "empty while looked after");
        let iro: i64 = sqlx::query_scalar("SELECT iro_account_id FROM iro_allocations WHERE child_id = $1 AND ended_at IS NULL")
            .bind(tom).fetch_one(test.db.pool()).await?;
        let iro = iro.to_string();
        let form = || {
            let mut fields = FORM.to_vec();
            fields.push(("iro", iro.as_str()));
            fields
        };

        // Before they came into care, and a reference with a tag in it: both
        // said kindly, what was typed kept, nothing stored.
        let mut fields = form();
        fields.extend([
            ("ceased_on-day", "31"), ("ceased_on-month", "8"), ("ceased_on-year", "2025"),
            ("case_reference", "<b>LCS</b>"),
        ]);
        let html = plain(&app.client.post(app.url(&path)).form(&fields).send().await?.text().await?);
        assert!(html.contains("Enter the date they ceased to be looked after: not in the future, and not before they came into care"), "{html}");
        assert!(html.contains("Enter the reference with letters, numbers, spaces, - and / only"));
        assert!(html.contains(r#"value="31""#) && html.contains(r#"value="&lt;b&gt;LCS&lt;/b&gt;""#), "what was typed is kept");
        assert_eq!(stored().await?, (None, None));

        // The day after they came into care, and a real reference: stored,
        // shown again on the form.
        let mut fields = form();
        fields.extend([
            ("ceased_on-day", "1"), ("ceased_on-month", "4"), ("ceased_on-year", "2026"),
            ("case_reference", " LCS-40213/2 "),
        ]);
        let response = app.client.post(app.url(&path)).form(&fields).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("{path}?saved=1"));
        assert_eq!(stored().await?, (Some("2026-04-01".to_owned()), Some("LCS-40213/2".to_owned())));
        // The audit log names what changed, never what it holds.
        let detail: Option<String> = sqlx::query_scalar(
            "SELECT detail FROM audit_log WHERE action = 'child_record_changed' ORDER BY id DESC LIMIT 1",
        ).fetch_one(test.db.pool()).await?;
        let detail = detail.unwrap_or_default();
        assert!(detail.contains("ceased_on") && detail.contains("case_reference"), "{detail}");
        assert!(!detail.contains("LCS") && !detail.contains("2026"), "{detail}");
        let page = plain(&app.get_text(&path).await?);
        assert!(page.contains(r#"value="2026""#) && page.contains(r#"value="LCS-40213/2""#), "{page}");

        // Emptied again (they came back into care): none.
        let response = app.client.post(app.url(&path)).form(&form()).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(stored().await?, (None, None));
        Ok(())
    }

    async fn a_manager_adds_a_child_and_their_iro_sees_them(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let amina: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'")
            .fetch_one(test.db.pool()).await?;
        let form_page = app.get_text("/manage/children/new").await?;
        assert!(form_page.contains("Amina Hussain") && form_page.contains("Not allocated yet"), "{form_page}");
        let amina_text = amina.to_string();
        let mut fields = FORM.to_vec();
        fields.push(("iro", &amina_text));
        let response = app.client.post(app.url("/manage/children")).form(&fields).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/home");
        assert!(plain(&app.get_text("/home").await?).contains("Invite Amir"));
        let (uasc, interpreter, allocated): (i64, i64, i64) = sqlx::query_as(
            "SELECT c.uasc, c.interpreter_needed, al.allocated_at FROM children c \
             JOIN iro_allocations al ON al.child_id = c.id WHERE c.first_name = 'Amir' AND al.iro_account_id = $1",
        )
        .bind(amina)
        .fetch_one(test.db.pool())
        .await?;
        assert_eq!((uasc, interpreter), (1, 1));
        assert!(allocated > 0, "the allocation date is kept");

        let iro = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &iro, "amina.hussain@example.org", DEMO_PASSPHRASE).await?;
        assert!(iro.get(app.url("/home")).send().await?.text().await?.contains("Amir"));
        let other_iro = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &other_iro, "ben.carter@example.org", DEMO_PASSPHRASE).await?;
        assert!(!other_iro.get(app.url("/home")).send().await?.text().await?.contains("Amir"), "another IRO does not see them");
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE action = 'child_record_created'")
            .fetch_all(test.db.pool()).await?;
        assert_eq!(actions.len(), 1);
        Ok(())
    }

    async fn a_form_with_problems_is_shown_again_with_nothing_stored(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children").fetch_one(test.db.pool()).await?;
        let mut fields = FORM.to_vec();
        fields[0] = ("first_name", "</textarea><script>alert(1)</script>");
        fields[2] = ("date_of_birth", "2031-01-01");
        fields[6] = ("disability", "maybe");
        fields.push(("iro", "999999"));
        let response = app.client.post(app.url("/manage/children")).form(&fields).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("<title>Error: Add a child: MySay</title>"));
        assert!(html.contains("Enter a real date of birth"));
        assert!(html.contains("Choose yes or no"));
        assert!(html.contains(r##"href="#iro""##), "the IRO problem is linked");
        assert!(!html.contains("<script>alert(1)</script>"), "typed text is escaped");
        assert!(html.contains(r#"value="Dari""#), "answers are kept");
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children").fetch_one(test.db.pool()).await?;
        assert_eq!(before, after);
        Ok(())
    }

    async fn a_manager_changes_a_record_and_reallocates_the_iro_keeping_the_history(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_holding_mail().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let tom: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Tom'").fetch_one(test.db.pool()).await?;
        let ben: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'ben.carter@example.org'")
            .fetch_one(test.db.pool()).await?;
        let page = plain(&app.get_text(&format!("/manage/children/{tom}")).await?);
        assert!(page.contains("Change the record of Tom"), "{page}");
        assert!(page.contains(r#"value="Tom""#), "the form holds the record");
        assert!(page.contains("IROs so far") && page.contains("Amina Hussain"));

        // A problem: nothing changes, the answers stay.
        let mut fields = FORM.to_vec();
        fields[0] = ("first_name", "Tommy");
        fields.push(("email", "not an address"));
        let ben_text = ben.to_string();
        fields.push(("iro", &ben_text));
        let response = app.client.post(app.url(&format!("/manage/children/{tom}"))).form(&fields).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = plain(&response.text().await?);
        assert!(html.contains("<title>Error: Change a child&#x27;s record: MySay</title>") || html.contains("<title>Error: Change a child's record: MySay</title>"), "{html}");
        assert!(html.contains("Enter an email address in the correct format"));
        assert!(html.contains(r#"value="Tommy""#), "answers kept");
        let name: String = sqlx::query_scalar("SELECT first_name FROM children WHERE id = $1").bind(tom).fetch_one(test.db.pool()).await?;
        assert_eq!(name, "Tom");

        // Fixed: saved, and Ben is now Tom's IRO.
        fields.retain(|(field, _)| *field != "email");
        fields.push(("email", "tommy@example.org"));
        let response = app.client.post(app.url(&format!("/manage/children/{tom}"))).form(&fields).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("/manage/children/{tom}?saved=1"));
        let page = plain(&app.get_text(&format!("/manage/children/{tom}?saved=1")).await?);
        assert!(page.contains("The changes have been saved."));
        assert!(page.contains("Ben Carter") && page.contains("Amina Hussain"), "both IROs in the history");
        let history: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT iro_account_id, ended_at FROM iro_allocations WHERE child_id = $1 ORDER BY id",
        ).bind(tom).fetch_all(test.db.pool()).await?;
        assert_eq!(history.len(), 2);
        assert!(history[0].1.is_some(), "Amina's allocation ended, and is kept");
        assert_eq!(history[1], (ben, None));

        let amina = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &amina, "amina.hussain@example.org", DEMO_PASSPHRASE).await?;
        assert!(!amina.get(app.url("/home")).send().await?.text().await?.contains("Tommy"));
        let refused = amina.post(app.url(&format!("/children/{tom}/invitation"))).send().await?;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "no longer Amina's child");
        let ben_client = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &ben_client, "ben.carter@example.org", DEMO_PASSPHRASE).await?;
        assert!(ben_client.get(app.url("/home")).send().await?.text().await?.contains("Tommy"));

        // The child has an address now: their next invitation goes there too,
        // without their name.
        let slip = plain(&ben_client.post(app.url(&format!("/children/{tom}/invitation"))).send().await?.text().await?);
        assert!(slip.contains("It has also been emailed to the child's own email address.") || slip.contains("It has also been emailed to the child&#x27;s own email address."), "{slip}");
        let (to, body): (String, String) = sqlx::query_as("SELECT to_address, body_text FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(test.db.pool()).await?;
        assert_eq!(to, "tommy@example.org");
        assert!(body.contains("/join/") && !body.contains("Tom"), "{body}");
        let audit: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action IN ('child_record_changed', 'iro_allocated') ORDER BY id",
        ).fetch_all(test.db.pool()).await?;
        assert_eq!(audit, ["iro_allocated", "child_record_changed"]);
        Ok(())
    }
}
