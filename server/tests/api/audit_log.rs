//! The audit log in the browser, on both databases: "who looked at this
//! child's record" is one link from the child's page; filters by staff,
//! child, kind and dates; newest first, a page at a time; CSV; reading the
//! log is itself logged; a date that cannot be read is said kindly.

use crate::support::{page_as as page, staff_client as staff};

const MORGAN: &str = "morgan.price@example.org";

on_both_databases! {
    async fn a_manager_finds_who_looked_at_a_childs_record(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let kai: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Kai'").fetch_one(test.db.pool()).await?;
        let amina_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'")
            .fetch_one(test.db.pool()).await?;
        // Amina reads Kai's page.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        page(&amina, &app, &format!("/children/{kai}")).await?;

        let morgan = staff(&test, &app, MORGAN).await?;
        let record = page(&morgan, &app, &format!("/children/{kai}")).await?;
        let link = format!("/audit?child={kai}");
        assert!(record.contains(&format!(r#"href="{link}""#)) && record.contains("Who looked at this child"), "one link from the record");
        assert!(!page(&amina, &app, &format!("/children/{kai}")).await?.contains(&link), "not for the IRO");
        let whole = page(&morgan, &app, &link).await?;
        // The entries (the filters above list every child).
        let log = whole.split(r#"id="audit""#).nth(1).unwrap_or_default().to_owned();
        assert!(log.contains("child page viewed") && log.contains("Amina Hussain (IRO)") && log.contains("<strong>Kai</strong>"), "{whole}");
        assert!(!log.contains("Jade"), "only Kai's record: {log}");
        // Newest first: Morgan's own reading of the log, then her reading of
        // Kai's page, then Amina's.
        let first_reader = log.find("audit log read").unwrap_or(usize::MAX);
        let amina_at = log.find("Amina Hussain (IRO)").unwrap_or(0);
        assert!(first_reader < amina_at, "newest first");
        let read: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'audit_log_read' AND subject = $1")
            .bind(format!("child:{kai}")).fetch_one(test.db.pool()).await?;
        assert_eq!(read, 1, "reading the log is logged, under the child");

        // By member of staff and kind of event.
        let hers = page(&morgan, &app, &format!("/audit?staff={amina_id}&kind=child_page_viewed")).await?;
        let hers = hers.split(r#"id="audit""#).nth(1).unwrap_or_default();
        assert!(hers.contains("Amina Hussain (IRO)") && !hers.contains("Morgan Price (manager)"), "{hers}");
        // By dates: none before this year's first day of 2000.
        let old = page(&morgan, &app, "/audit?from=1999-01-01&to=1999-12-31").await?;
        assert!(old.contains("No entries match."));
        let wrong = page(&morgan, &app, "/audit?from=31/12/2025").await?;
        assert!(wrong.contains("Enter the date as year-month-day"), "kind, and the rest still shown");

        // A page at a time: 50, then the older ones.
        for n in 0..60 {
            sqlx::query("INSERT INTO audit_log (at, action, subject) VALUES ($1, 'sign_in_failed', NULL)")
                .bind(n).execute(test.db.pool()).await?;
        }
        let first = page(&morgan, &app, "/audit?kind=sign_in_failed").await?;
        assert_eq!(first.matches("<tr>").count(), 51, "a header and 50 entries");
        assert!(first.contains(r#"rel="next""#) && first.contains("Not signed in"));
        let second = page(&morgan, &app, "/audit?kind=sign_in_failed&page=2").await?;
        assert!(second.contains(r#"rel="prev""#) && !second.contains(r#"rel="next""#));

        // The CSV: the same filters, the entries as rows.
        let csv = morgan.get(app.url(&format!("/audit/entries.csv?child={kai}"))).send().await?;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await?;
        assert!(text.starts_with("\u{feff}when_utc,who,role,what,about,child,detail"));
        assert!(text.contains(&format!("Amina Hussain,iro,child_page_viewed,child:{kai},Kai,")), "{text}");
        assert!(!text.contains('@'), "no email address: {text}");
        Ok(())
    }
}
