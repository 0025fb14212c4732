//! The list of themes on both databases: seeded from the service's own
//! report; the CRO adds, renames, retires and offers a theme again; bad
//! names are refused kindly with what was typed kept and nothing stored; a
//! theme is never deleted; every change is audited; only the CRO and
//! managers reach it. The IRO tags each answer a child sent with themes,
//! on the consultation summary.

use crate::support::{TestApp, TestDb, plain};
use reqwest::{StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

async fn staff(test: &TestDb, app: &TestApp, name: &str) -> anyhow::Result<reqwest::Client> {
    let client = crate::support::browser()?;
    crate::support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
    Ok(client)
}

/// The page as text to match: the marks Fluent puts around values gone,
/// and apostrophes however the page escapes them.
fn text_of(html: &str) -> String {
    plain(html).replace("&#x27;", "'").replace("&#39;", "'")
}

async fn themes_stored(test: &TestDb) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM themes")
        .fetch_one(test.db.pool())
        .await?)
}

async fn theme_id(test: &TestDb, key: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM themes WHERE name_key = $1")
            .bind(key)
            .fetch_one(test.db.pool())
            .await?,
    )
}

async fn audited(test: &TestDb, action: &str) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(action)
            .fetch_one(test.db.pool())
            .await?,
    )
}

on_both_databases! {
    async fn the_cro_keeps_the_list_of_themes(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;

        // The CRO's home leads to the list.
        let home = text_of(&cro.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains("href=\"/themes/list\"") && home.contains("The list of themes"), "{home}");

        // Seeded from the service's own report.
        let page = text_of(&cro.get(app.url("/themes/list")).send().await?.text().await?);
        for seeded in ["Contact with family", "Housing when leaving care", "Feeling safe", "Changes of worker"] {
            assert!(page.contains(seeded), "{seeded}: {page}");
        }
        let seeded = themes_stored(&test).await?;

        // Bad names: told kindly, what was typed kept, nothing stored.
        let too_long = "x".repeat(61);
        for (name, message) in [
            ("   ", "Enter the theme's name"),
            (too_long.as_str(), "A theme's name can be up to 60 characters"),
            ("  feeling   SAFE ", "There is already a theme with this name"),
        ] {
            let response = cro.post(app.url("/themes/list")).form(&[("name", name)]).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = text_of(&response.text().await?);
            assert!(html.contains("<title>Error: Themes: MySay</title>"), "{name}: {html}");
            assert!(html.contains(message), "{message}: {html}");
            if !name.trim().is_empty() {
                assert!(html.contains(&format!("value=\"{name}\"")), "typed kept: {html}");
            }
        }
        assert_eq!(themes_stored(&test).await?, seeded, "nothing stored");

        // Added, tidied.
        let response = cro.post(app.url("/themes/list")).form(&[("name", "  Sleep   and rest ")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/themes/list?saved=1");
        let page = text_of(&cro.get(app.url("/themes/list?saved=1")).send().await?.text().await?);
        assert!(page.contains("The list of themes is saved.") && page.contains("Sleep and rest"), "{page}");
        let sleep = theme_id(&test, "sleep and rest").await?;

        // Renamed; a name another theme has is refused on the rename page,
        // with what was typed kept.
        let response = cro.post(app.url(&format!("/themes/list/{sleep}"))).form(&[("name", "Friends")]).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = text_of(&response.text().await?);
        assert!(html.contains("<title>Error: Change a theme's name: MySay</title>"), "{html}");
        assert!(html.contains("There is already a theme with this name") && html.contains("value=\"Friends\""), "{html}");
        let response = cro.post(app.url(&format!("/themes/list/{sleep}"))).form(&[("name", "Sleep")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/themes/list?saved=1");
        let page = text_of(&cro.get(app.url(&format!("/themes/list/{sleep}"))).send().await?.text().await?);
        assert!(page.contains("value=\"Sleep\""), "{page}");

        // Retired: still there, shown as retired, never deleted; then offered again.
        let response = cro.post(app.url(&format!("/themes/list/{sleep}/retire"))).send().await?;
        assert_eq!(response.headers()[header::LOCATION], "/themes/list?saved=1");
        let page = text_of(&cro.get(app.url("/themes/list")).send().await?.text().await?);
        assert!(page.contains("No, retired") && page.contains("Sleep"), "{page}");
        assert_eq!(themes_stored(&test).await?, seeded + 1);
        let retired: Option<i64> = sqlx::query_scalar("SELECT retired_at FROM themes WHERE id = $1")
            .bind(sleep).fetch_one(test.db.pool()).await?;
        assert!(retired.is_some());
        cro.post(app.url(&format!("/themes/list/{sleep}/restore"))).send().await?;
        let retired: Option<i64> = sqlx::query_scalar("SELECT retired_at FROM themes WHERE id = $1")
            .bind(sleep).fetch_one(test.db.pool()).await?;
        assert!(retired.is_none());

        for (action, times) in [("theme_added", 1), ("theme_renamed", 1), ("theme_retired", 1), ("theme_restored", 1)] {
            assert_eq!(audited(&test, action).await?, times, "{action}");
        }

        // A manager may keep the list too; an IRO may not, and learns nothing.
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let page = text_of(&manager.get(app.url("/themes/list")).send().await?.text().await?);
        assert!(page.contains("Sleep"));
        let iro = staff(&test, &app, "ben.carter@example.org").await?;
        for response in [
            iro.get(app.url("/themes/list")).send().await?,
            iro.post(app.url("/themes/list")).form(&[("name", "Not mine")]).send().await?,
            iro.post(app.url(&format!("/themes/list/{sleep}"))).form(&[("name", "Not mine")]).send().await?,
            iro.post(app.url(&format!("/themes/list/{sleep}/retire"))).send().await?,
        ] {
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
            assert!(!response.text().await?.contains("Sleep"));
        }
        assert_eq!(themes_stored(&test).await?, seeded + 1);
        assert_eq!(audited(&test, "theme_retired").await?, 1);
        Ok(())
    }

    async fn the_iro_tags_each_answer_a_child_sent(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'")
            .fetch_one(test.db.pool()).await?;
        let (school, home) = (sent_answer(&test, jade, "school").await?, sent_answer(&test, jade, "where-i-live").await?);
        let contact = theme_id(&test, "contact with family").await?;
        let safe = theme_id(&test, "feeling safe").await?;
        let friends = theme_id(&test, "friends").await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let summary = format!("/children/{jade}/consultation");
        let tag = |answer: i64| app.url(&format!("/children/{jade}/consultation/answers/{answer}/themes"));

        // Under each answer: none yet, and a box per theme in use.
        let page = text_of(&amina.get(app.url(&summary)).send().await?.text().await?);
        assert_eq!(page.matches("Themes: none yet").count(), 2, "{page}");
        assert!(page.contains(&format!("action=\"/children/{jade}/consultation/answers/{school}/themes\"")), "{page}");
        assert!(page.contains(&format!("name=\"theme\" value=\"{contact}\"")), "{page}");

        // Two themes on the school answer: by Amina, now; audited.
        let response = amina.post(tag(school)).form(&[("theme", contact.to_string()), ("theme", safe.to_string())]).send().await?;
        assert_eq!(response.headers()[header::LOCATION].to_str()?, format!("{summary}?tagged=school#themes-school"));
        assert_eq!(tags(&test, school).await?, vec![contact, safe]);
        assert_eq!(tags(&test, home).await?, Vec::<i64>::new());
        let by: Vec<String> = sqlx::query_scalar(
            "SELECT a.sign_in_name FROM answer_themes t JOIN accounts a ON a.id = t.tagged_by WHERE t.answer_id = $1")
            .bind(school).fetch_all(test.db.pool()).await?;
        assert_eq!(by, vec!["amina.hussain@example.org"; 2]);
        assert_eq!(audited(&test, "answer_tagged").await?, 1);
        let page = text_of(&amina.get(app.url(&format!("{summary}?tagged=school"))).send().await?.text().await?);
        assert!(page.contains("The themes are saved."), "{page}");
        assert!(page.contains("Themes: Contact with family, Feeling safe") && page.contains("Themes: none yet"), "{page}");

        // One taken off: the one kept is as it was (who, when).
        let at = |theme: i64| sqlx::query_scalar::<_, i64>("SELECT tagged_at FROM answer_themes WHERE answer_id = $1 AND theme_id = $2")
            .bind(school).bind(theme);
        let before = at(contact).fetch_one(test.db.pool()).await?;
        amina.post(tag(school)).form(&[("theme", contact.to_string())]).send().await?;
        assert_eq!(tags(&test, school).await?, vec![contact]);
        assert_eq!(at(contact).fetch_one(test.db.pool()).await?, before);

        // Retired themes: one an answer has stays offered (ticked, marked
        // retired) so saving keeps it; one it has not cannot be given.
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;
        for theme in [contact, friends] {
            cro.post(app.url(&format!("/themes/list/{theme}/retire"))).send().await?;
        }
        let page = text_of(&amina.get(app.url(&summary)).send().await?.text().await?);
        assert!(page.contains("Contact with family (retired)"), "{page}");
        assert!(!page.contains(&format!("value=\"{friends}\"")), "{page}");
        let response = amina.post(tag(school)).form(&[("theme", contact.to_string()), ("theme", safe.to_string())]).send().await?;
        assert!(response.status().is_redirection());
        assert_eq!(tags(&test, school).await?, vec![contact, safe]);

        // Made-up values, a retired theme newly given, another child's
        // answer, an answer not sent: not found, nothing changed.
        let lily: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Lily'")
            .fetch_one(test.db.pool()).await?;
        let lilys = sent_answer(&test, lily, "school").await?;
        let unsent: i64 = sqlx::query_scalar("UPDATE consultation_answers SET sent_at = NULL WHERE id = $1 RETURNING id")
            .bind(home).fetch_one(test.db.pool()).await?;
        for (answer, value) in [
            (school, "999999".to_owned()),
            (school, "not-a-theme".to_owned()),
            (home, friends.to_string()),
            (school, friends.to_string()),
            (lilys, safe.to_string()),
            (unsent, safe.to_string()),
        ] {
            let response = amina.post(tag(answer)).form(&[("theme", value.as_str())]).send().await?;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{answer} {value}");
        }
        assert_eq!(tags(&test, school).await?, vec![contact, safe]);
        assert_eq!(tags(&test, lilys).await?, Vec::<i64>::new());

        // The meeting copy has no tags; a manager who may not read Jade's
        // words sees none and cannot tag.
        let meeting = text_of(&amina.get(app.url(&format!("{summary}?meeting=1"))).send().await?.text().await?);
        assert!(!meeting.contains("name=\"theme\"") && !meeting.contains("Themes:"), "{meeting}");
        let morgan = staff(&test, &app, "morgan.price@example.org").await?;
        let page = text_of(&morgan.get(app.url(&summary)).send().await?.text().await?);
        assert!(!page.contains("name=\"theme\"") && !page.contains("Feeling safe"), "{page}");
        let response = morgan.post(tag(school)).form(&[("theme", safe.to_string())]).send().await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(tags(&test, school).await?, vec![contact, safe]);
        Ok(())
    }
}

/// A sent consultation for the child's next review (made if there is none)
/// with one sent answer on `topic`; the answer's id.
async fn sent_answer(test: &TestDb, child_id: i64, topic: &str) -> anyhow::Result<i64> {
    sqlx::query(
        "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at, submitted_at, \
         sent_take_part, sent_who_there, sent_where_held) \
         SELECT $1, MAX(sequence), 'submitted', 0, 0, 0, '', '', '' FROM reviews WHERE child_id = $1 \
         GROUP BY child_id HAVING NOT EXISTS (SELECT 1 FROM consultations WHERE child_id = $1)",
    )
    .bind(child_id)
    .execute(test.db.pool())
    .await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, updated_at, \
         sent_feeling, sent_text, sent_talk_about, sent_share_at_meeting, sent_at) \
         SELECT id, $2, 3, 'OK', 0, 3, 'OK', 0, 0, 0 FROM consultations WHERE child_id = $1 RETURNING id",
    )
    .bind(child_id)
    .bind(topic)
    .fetch_one(test.db.pool())
    .await?)
}

/// An answer's themes, by id.
async fn tags(test: &TestDb, answer_id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT theme_id FROM answer_themes WHERE answer_id = $1 ORDER BY theme_id",
    )
    .bind(answer_id)
    .fetch_all(test.db.pool())
    .await?)
}
