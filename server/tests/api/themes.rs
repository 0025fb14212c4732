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

// The themes page against a small service worked out by hand: eight
// children sent views in the year April 2024 to March 2025, six in the
// year before; see `fixture` for who said what.
mod figures {
    use super::*;
    use app::disclosure::{
        Cell::{Hidden, Shown},
        Rule,
    };
    use app::themes::{FiguresAsked, Label, Table};

    /// 00:00 UTC on a day, as stored.
    fn at(day: &str) -> anyhow::Result<i64> {
        let date = server::calendar::parse_date(day).ok_or_else(|| anyhow::anyhow!("{day}"))?;
        Ok(date.midnight().assume_utc().unix_timestamp() * 1000)
    }

    async fn child(test: &TestDb, name: &str, born: &str, gender: &str) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO children (first_name, date_of_birth, came_into_care_on, gender, ethnicity_group, \
             disability, uasc, first_language, interpreter_needed, placement_type, created_at) \
             VALUES ($1, $2, '2020-01-01', $3, 'White', 0, 0, 'English', 0, 'foster care', 0) RETURNING id",
        )
        .bind(name).bind(born).bind(gender)
        .fetch_one(test.db.pool()).await?)
    }

    /// A consultation sent on `day` (for review `sequence`) with answers
    /// (topic, feeling, wants to talk about it); the answers' ids.
    async fn sent(
        test: &TestDb,
        child: i64,
        sequence: i64,
        day: &str,
        band: &str,
        answers: &[(&str, i64, bool)],
    ) -> anyhow::Result<Vec<i64>> {
        let when = at(day)? + 3_600_000;
        let consultation: i64 = sqlx::query_scalar(
            "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at, submitted_at, \
             sent_take_part, sent_who_there, sent_where_held, sent_age_band) \
             VALUES ($1, $2, 'submitted', $3, $3, $3, '', 'MARKER-WHO', '', $4) RETURNING id",
        )
        .bind(child).bind(sequence).bind(when).bind(band)
        .fetch_one(test.db.pool()).await?;
        let mut ids = Vec::new();
        for (topic, feeling, talk) in answers {
            ids.push(sqlx::query_scalar(
                "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, updated_at, \
                 sent_feeling, sent_text, sent_talk_about, sent_share_at_meeting, sent_at) \
                 VALUES ($1, $2, $3, 'MARKER-WORDS', $4, $3, 'MARKER-WORDS', $5, 0, $4) RETURNING id",
            )
            .bind(consultation).bind(*topic).bind(*feeling).bind(when).bind(i64::from(*talk))
            .fetch_one(test.db.pool()).await?);
        }
        // What sending keeps for the figures.
        server::consultations::store::keep_counts(test.db.pool(), Some(consultation)).await?;
        Ok(ids)
    }

    async fn tag(test: &TestDb, answer: i64, theme: &str) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO answer_themes (answer_id, theme_id, tagged_by, tagged_at) \
             SELECT $1, t.id, a.id, 0 FROM themes t, accounts a \
             WHERE t.name_key = $2 AND a.sign_in_name = 'amina.hussain@example.org'",
        )
        .bind(answer)
        .bind(theme)
        .execute(test.db.pool())
        .await?;
        Ok(())
    }

    async fn advocacy(
        test: &TestDb,
        child: i64,
        day: &str,
        categories: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO advocacy_requests (child_id, categories, contact_method, urgent, stage, sent_at, \
             age_band, ethnicity_group, disability, uasc) VALUES ($1, $2, 'carer', 0, 'sent', $3, '10-15', 'White', 0, 0)",
        )
        .bind(child).bind(categories).bind(at(day)? + 3_600_000)
        .execute(test.db.pool()).await?;
        Ok(())
    }

    /// Children A to G (girls A to F, boy G) are 12 in November 2024; H, a
    /// boy, is 16. In the year 2024-25 each sent views once in October to
    /// December, A also in May (only her later views count):
    /// - school: A-F "happy" (4), G "really unhappy" (1), H "unhappy" (2);
    ///   G and H want to talk about it. A's May views: school "really unhappy".
    /// - where I live: A-F "really happy" (5), G and H "happy" (4).
    /// - themes: "Friends" on A-F's school answers, "Feeling safe" on G's,
    ///   "Mental health" on A's May answer (not counted: not her latest).
    /// - advocacy: A-G asked about education, H about housing.
    ///
    /// In 2023-24 A-F (girls, 11) sent views in October: school "happy".
    async fn fixture(test: &TestDb) -> anyhow::Result<()> {
        let mut kids = Vec::new();
        for (name, born, gender) in [
            ("Zebedee-A", "2012-06-01", "female"),
            ("Zebedee-B", "2012-06-01", "female"),
            ("Zebedee-C", "2012-06-01", "female"),
            ("Zebedee-D", "2012-06-01", "female"),
            ("Zebedee-E", "2012-06-01", "female"),
            ("Zebedee-F", "2012-06-01", "female"),
            ("Zebedee-G", "2012-06-01", "male"),
            ("Zebedee-H", "2008-01-01", "male"),
        ] {
            kids.push(child(test, name, born, gender).await?);
        }
        for (i, kid) in kids.iter().enumerate() {
            let (school, talk, band) = match i {
                0..=5 => (4, false, "10-15"),
                6 => (1, true, "10-15"),
                _ => (2, true, "16-plus"),
            };
            let home = if i < 6 { 5 } else { 4 };
            if i < 6 {
                sent(
                    test,
                    *kid,
                    1,
                    "2023-10-10",
                    "10-15",
                    &[("school", 4, false)],
                )
                .await?;
            }
            if i == 0 {
                let may = sent(
                    test,
                    *kid,
                    2,
                    "2024-05-01",
                    "10-15",
                    &[("school", 1, false)],
                )
                .await?;
                tag(test, may[0], "mental health").await?;
            }
            let ids = sent(
                test,
                *kid,
                3,
                "2024-11-01",
                band,
                &[("school", school, talk), ("where-i-live", home, false)],
            )
            .await?;
            match i {
                0..=5 => tag(test, ids[0], "friends").await?,
                6 => tag(test, ids[0], "feeling safe").await?,
                _ => {}
            }
            advocacy(
                test,
                *kid,
                "2024-11-05",
                if i < 7 { "education" } else { "housing" },
            )
            .await?;
        }
        // What tagging keeps for the figures (the tags went in by hand).
        let mut tx = test.db.begin_write().await?;
        server::themes::store::keep_all_themes(&mut tx).await?;
        tx.commit().await?;
        // Speakerbox in 2024-25: a topic in June, 7 answers without a name
        // in November, "you said, we did" in December.
        let cro: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE role = 'cro'")
            .fetch_one(test.db.pool())
            .await?;
        let june = server::calendar::parse_date("2024-06-01")
            .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000)
            .unwrap_or_default();
        let topic: i64 = sqlx::query_scalar(
            "INSERT INTO speakerbox_topics (title, body, opens_on, closes_on, state, created_by, created_at, published_at) \
             VALUES ('Council topic', 'Tell us', '2024-06-01', '2024-06-30', 'published', $1, $2, $2) RETURNING id",
        ).bind(cro).bind(june).fetch_one(test.db.pool()).await?;
        for n in 0..7 {
            sqlx::query("INSERT INTO speakerbox_answers (id, topic_id, words, answered_on) VALUES ($1, $2, 'yes', '2024-11-10')")
                .bind(format!("answer-{n}")).bind(topic).execute(test.db.pool()).await?;
        }
        sqlx::query(
            "INSERT INTO speakerbox_items (topic_id, said, did, responsible, status, published_by, published_at, status_since) \
             VALUES ($1, 'said', 'did', 'CRO', 'done', $2, $3, $3)",
        ).bind(topic).bind(cro).bind(june + 183 * 86_400_000).execute(test.db.pool()).await?;
        Ok(())
    }

    fn row<'a>(table: &'a Table, label: &Label) -> &'a [app::disclosure::Cell] {
        table
            .rows
            .iter()
            .position(|l| l == label)
            .and_then(|r| table.cells.get(r))
            .map_or(&[], |r| r.as_slice())
    }

    fn key(text: &str) -> Label {
        Label::Key(text.to_owned())
    }

    fn asked(year: &str, quarter: &str, age: &str, by: &str) -> FiguresAsked {
        FiguresAsked {
            year: year.into(),
            quarter: quarter.into(),
            age: age.into(),
            by: by.into(),
            ..FiguresAsked::default()
        }
    }

    /// The rows of the page's table with this caption, as the cells' text.
    fn html_table(html: &str, caption: &str) -> Vec<Vec<String>> {
        let Some(start) = html.find(&format!("<caption>{caption}</caption>")) else {
            return Vec::new();
        };
        let rest = &html[start..];
        let table = &rest[..rest.find("</table>").unwrap_or(rest.len())];
        table
            .split("<tr")
            .skip(1)
            .map(|tr| {
                let mut cells = Vec::new();
                let mut rest = tr;
                while let Some(open) = rest.find(['<']) {
                    let tag = &rest[open..];
                    if tag.starts_with("<th") || tag.starts_with("<td") {
                        let body = &tag[tag.find('>').map_or(0, |i| i + 1)..];
                        let close = body.find("</t").unwrap_or(body.len());
                        cells.push(strip_tags(&body[..close]));
                        rest = &body[close..];
                    } else {
                        rest = &tag[1..];
                    }
                }
                cells
            })
            .collect()
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in html.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                _ if !inside => out.push(c),
                _ => {}
            }
        }
        out.trim().to_owned()
    }

    on_both_databases! {
        async fn every_figure_on_the_themes_page_is_as_worked_out_by_hand(test) {
            server::demo::load_if_empty(&test.db).await?;
            fixture(&test).await?;
            let on = server::calendar::parse_date("2026-12-02").ok_or_else(|| anyhow::anyhow!("date"))?;
            let rule = Rule::dfe();
            let year = server::themes::figures::figures(&test.db, asked("2024", "", "", ""), rule, on).await?;
            assert_eq!((year.period.from.as_str(), year.period.to.as_str()), ("2024-04-01", "2025-03-31"));
            assert_eq!((year.previous.from.as_str(), year.previous.to.as_str()), ("2023-04-01", "2024-03-31"));

            // Children who sent views: 8, beside 6.
            assert_eq!(year.sent.cells, vec![vec![Shown(8), Shown(6)]]);
            // Each quarter: A alone in May is hidden.
            assert_eq!(year.trend.cells, vec![
                vec![Hidden, Shown(0)], vec![Shown(0), Shown(0)], vec![Shown(8), Shown(6)], vec![Shown(0), Shown(0)],
            ]);
            // Topics: answered, want to talk (2: hidden), and the year before.
            assert_eq!(row(&year.topics, &key("topic-school")), [Shown(8), Hidden, Shown(6), Shown(0)]);
            assert_eq!(row(&year.topics, &key("topic-where-i-live")), [Shown(8), Shown(0), Shown(0), Shown(0)]);
            assert_eq!(row(&year.topics, &key("topic-health")), [Shown(0), Shown(0), Shown(0), Shown(0)]);
            // Feelings: school's 1 and 1 hidden (each the other's cover);
            // where I live's 2 hidden and so its 6 too (the total is shown).
            assert_eq!(row(&year.feelings, &key("topic-school")), [Hidden, Hidden, Shown(0), Shown(6), Shown(0)]);
            assert_eq!(row(&year.feelings, &key("topic-where-i-live")), [Shown(0), Shown(0), Shown(0), Hidden, Hidden]);
            let totals = year.feelings.row_totals.clone().unwrap_or_default();
            assert_eq!((totals[0], totals[2]), (Shown(8), Shown(8)), "where I live, then school");
            assert_eq!(row(&year.feelings_before, &key("topic-school")), [Shown(0), Shown(0), Shown(0), Shown(6), Shown(0)]);
            // Themes: only those on counted answers, by name.
            assert_eq!(year.themes.rows, vec![Label::Name("Feeling safe".into()), Label::Name("Friends".into())]);
            assert_eq!(year.themes.cells, vec![vec![Hidden, Shown(0)], vec![Shown(6), Shown(0)]]);
            // Advocacy: education 7, housing 1 (hidden).
            assert_eq!(row(&year.advocacy, &key("advocacy-category-education")), [Shown(7), Shown(0)]);
            // Speakerbox, the whole council: 1 topic (hidden), its 7 answers,
            // 1 item (hidden); the demo's own are years later.
            assert_eq!(row(&year.speakerbox, &key("figures-speakerbox-topics")), [Hidden, Shown(0)]);
            assert_eq!(row(&year.speakerbox, &key("figures-speakerbox-answers")), [Shown(7), Shown(0)]);
            assert_eq!(row(&year.speakerbox, &key("figures-speakerbox-items")), [Hidden, Shown(0)]);
            assert_eq!(row(&year.advocacy, &key("advocacy-category-housing")), [Hidden, Shown(0)]);

            // By gender: the boys' 2 hidden, so the girls' 6 too; the
            // total shown.
            let by = server::themes::figures::figures(&test.db, asked("2024", "", "", "gender"), rule, on).await?;
            assert_eq!(by.sent.cells, vec![vec![Hidden, Shown(6)], vec![Hidden, Shown(0)], vec![Shown(0), Shown(0)], vec![Shown(0), Shown(0)]]);
            assert_eq!(by.sent.column_totals, Some(vec![Shown(8), Shown(6)]));

            // October to December, aged 10 to 15: A-G; the quarter before
            // (July to September) had none.
            let q3 = server::themes::figures::figures(&test.db, asked("2024", "3", "10-15", ""), rule, on).await?;
            assert_eq!((q3.period.from.as_str(), q3.period.to.as_str()), ("2024-10-01", "2024-12-31"));
            assert_eq!(q3.sent.cells, vec![vec![Shown(7), Shown(0)]]);
            // School: G's 1 alone in its row, so the 6 beside it hidden too.
            assert_eq!(row(&q3.feelings, &key("topic-school")), [Hidden, Shown(0), Shown(0), Hidden, Shown(0)]);
            assert_eq!(row(&q3.advocacy, &key("advocacy-category-education")), [Shown(7), Shown(0)]);
            assert_eq!(row(&q3.advocacy, &key("advocacy-category-housing")), [Shown(0), Shown(0)]);

            // The page shows the same, and nothing about any one child.
            let app = test.spawn_app().await?;
            let cro = staff(&test, &app, "chloe.adams@example.org").await?;
            let response = cro.get(app.url("/themes?year=2024&quarter=3&age=10-15")).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = text_of(&response.text().await?);
            assert!(html.contains("From 1 October 2024 to 31 December 2024, beside 1 July 2024 to 30 September 2024."), "{html}");
            assert!(html.contains("c: fewer than 6 children"), "{html}");
            assert_eq!(html_table(&html, "Children who sent their views"), vec![
                vec!["Children".to_owned(), "This period".into(), "Period before".into()],
                vec!["All children".to_owned(), "7".into(), "0".into()],
            ]);
            let feelings = html_table(&html, "How children feel about each topic");
            assert!(feelings.contains(&vec!["School, college or work".to_owned(), "c".into(), "0".into(), "0".into(), "c".into(), "0".into(), "7".into()]), "{feelings:?}");
            for never in ["Zebedee", "MARKER-WORDS", "MARKER-WHO", "skyblue-fox", "Jade", "2024-11-01"] {
                assert!(!html.contains(never), "{never} on the themes page");
            }
            // A range that is not one is refused kindly, the year shown.
            let html = text_of(&cro.get(app.url("/themes?year=2024&from=2024-12-01&to=2024-11-01")).send().await?.text().await?);
            assert!(html.contains("<title>Error: What children are telling us: MySay</title>"), "{html}");
            assert!(html.contains("The end date must be the same as or after the start date"), "{html}");
            assert!(html.contains("From 1 April 2024 to 31 March 2025"), "{html}");
            // A table as CSV, and every table as a workbook: the same
            // counts, with what they count; each download recorded.
            let response = cro.get(app.url("/themes/csv/feelings?year=2024&quarter=3&age=10-15")).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
            assert_eq!(
                response.headers()[header::CONTENT_DISPOSITION],
                "attachment; filename=\"what-children-are-telling-us-feelings-2024-10-01-to-2024-12-31.csv\""
            );
            let csv = response.text().await?;
            let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
            assert_eq!(lines[0], "What children are telling us,");
            assert_eq!(lines[1], "Period,2024-10-01 – 2024-12-31");
            assert_eq!(lines[2], "Beside,2024-07-01 – 2024-09-30");
            assert_eq!(lines[3], "Which children,Age when they sent their views: 10 to 15");
            assert_eq!(lines[4], "Small numbers,\"The DfE's rule for children looked after statistics. c: fewer than 6 children, or hidden so that a small number cannot be worked out from the rest.\"");
            assert!(lines[5].starts_with("Made,") && lines[5].ends_with(" UTC"), "{csv}");
            assert!(lines.contains(&"\"School, college or work\",c,0,0,c,0,7"), "{csv}");
            let response = cro.get(app.url("/themes/workbook?year=2024&quarter=3&age=10-15")).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            assert!(response.bytes().await?.starts_with(b"PK"), "a zip, as an xlsx is");
            assert_eq!(audited(&test, "figures_downloaded").await?, 2);
            for never in ["Zebedee", "MARKER-WORDS", "skyblue-fox"] {
                assert!(!csv.contains(never), "{never} in the CSV");
            }
            assert_eq!(cro.get(app.url("/themes/csv/no-such-table")).send().await?.status(), StatusCode::NOT_FOUND);

            // Only the CRO and managers.
            let iro = staff(&test, &app, "amina.hussain@example.org").await?;
            for path in ["/themes", "/themes/csv/sent", "/themes/workbook"] {
                assert_eq!(iro.get(app.url(path)).send().await?.status(), StatusCode::NOT_FOUND, "{path}");
            }
            assert_eq!(audited(&test, "figures_downloaded").await?, 2);
            Ok(())
        }

        async fn an_iros_panel_counts_their_caseload_beside_the_whole_service(test) {
            server::demo::load_if_empty(&test.db).await?;
            fixture(&test).await?;
            // A to G are on Amina's caseload now, H on Ben's.
            for (iro, children) in [("amina.hussain@example.org", "first_name <> 'Zebedee-H'"), ("ben.carter@example.org", "first_name = 'Zebedee-H'")] {
                sqlx::query(&format!(
                    "INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) \
                     SELECT c.id, a.id, 0 FROM children c, accounts a \
                     WHERE c.first_name LIKE 'Zebedee-%' AND c.{children} AND a.sign_in_name = $1"
                ))
                .bind(iro)
                .execute(test.db.pool())
                .await?;
            }
            let mut accounts = Vec::new();
            for name in ["amina.hussain@example.org", "ben.carter@example.org"] {
                accounts.push(
                    sqlx::query_scalar::<_, i64>("SELECT id FROM accounts WHERE sign_in_name = $1")
                        .bind(name)
                        .fetch_one(test.db.pool())
                        .await?,
                );
            }
            let [amina, ben] = accounts[..] else {
                anyhow::bail!("the demo's two IROs");
            };
            let on = server::calendar::parse_date("2024-12-02").ok_or_else(|| anyhow::anyhow!("date"))?;
            let rule = Rule::dfe();
            let saying = server::themes::saying::saying(&test.db, amina, rule, on).await?;
            assert_eq!((saying.period.from.as_str(), saying.period.to.as_str()), ("2024-04-01", "2025-03-31"));
            // Answered and want to talk: A-G (G wants to talk about school,
            // alone: hidden), beside all eight (G and H: hidden).
            assert_eq!(row(&saying.topics, &key("topic-school")), [Shown(7), Hidden, Shown(8), Hidden]);
            assert_eq!(row(&saying.topics, &key("topic-where-i-live")), [Shown(7), Shown(0), Shown(8), Shown(0)]);
            // School: G's 1 alone, so A-F's 6 hidden too; the total shown.
            assert_eq!(row(&saying.feelings, &key("topic-school")), [Hidden, Shown(0), Shown(0), Hidden, Shown(0)]);
            assert_eq!(row(&saying.feelings, &key("topic-where-i-live")), [Shown(0), Shown(0), Shown(0), Hidden, Hidden]);
            let totals = saying.feelings.row_totals.clone().unwrap_or_default();
            assert_eq!((totals[0], totals[2]), (Shown(7), Shown(7)), "where I live, then school");
            // The service's feelings are the themes page's.
            assert_eq!(row(&saying.feelings_service, &key("topic-school")), [Hidden, Hidden, Shown(0), Shown(6), Shown(0)]);
            assert_eq!(saying.themes.rows, vec![Label::Name("Feeling safe".into()), Label::Name("Friends".into())]);
            assert_eq!(saying.themes.cells, vec![vec![Hidden, Hidden], vec![Shown(6), Shown(6)]]);

            // Ben's caseload is H alone: every count of it hidden or none.
            let bens = server::themes::saying::saying(&test.db, ben, rule, on).await?;
            assert_eq!(row(&bens.topics, &key("topic-school")), [Hidden, Hidden, Shown(8), Hidden]);
            assert_eq!(row(&bens.topics, &key("topic-where-i-live")), [Hidden, Shown(0), Shown(8), Shown(0)]);
            assert_eq!(bens.themes.cells, vec![vec![Shown(0), Hidden], vec![Shown(0), Shown(6)]]);
            let totals = bens.feelings.row_totals.clone().unwrap_or_default();
            assert_eq!((totals[0], totals[2]), (Hidden, Hidden), "where I live, then school");

            // On the IRO's home page (this year's), with nothing to
            // download and no child's words; not on the CRO's.
            let app = test.spawn_app().await?;
            let iro = staff(&test, &app, "amina.hussain@example.org").await?;
            let html = text_of(&iro.get(app.url("/home")).send().await?.text().await?);
            assert!(html.contains("<h2 id=\"saying-heading\">What children on my caseload are saying</h2>"), "{html}");
            for caption in [
                "Topics answered: my caseload and the whole service",
                "How children on my caseload feel about each topic",
                "How children across the service feel about each topic",
            ] {
                assert!(html.contains(&format!("<caption>{caption}</caption>")), "{caption}: {html}");
            }
            assert_eq!(html_table(&html, "Topics answered: my caseload and the whole service")[0], vec![
                "Topic".to_owned(), "My caseload: answered".into(), "My caseload: want to talk about it".into(),
                "Whole service: answered".into(), "Whole service: want to talk about it".into(),
            ]);
            // Her caseload above names her children; the panel names none.
            let panel = html
                .split("id=\"saying-heading\"")
                .nth(1)
                .and_then(|rest| rest.split("</section>").next())
                .unwrap_or_default();
            assert!(panel.contains("What children on my caseload are saying"), "{html}");
            for never in ["/themes/csv", "MARKER-WORDS", "Zebedee", "2024-11-01"] {
                assert!(!panel.contains(never), "{never} in the IRO's panel");
            }
            assert!(!html.contains("MARKER-WORDS"), "a child's words on the IRO's home");
            let cro = staff(&test, &app, "chloe.adams@example.org").await?;
            let html = text_of(&cro.get(app.url("/home")).send().await?.text().await?);
            assert!(!html.contains("saying-heading"), "{html}");
            Ok(())
        }

        async fn the_figures_on_the_panel_are_kept_only_while_nothing_they_count_changes(test) {
            server::demo::load_if_empty(&test.db).await?;
            fixture(&test).await?;
            let amina: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'")
                .fetch_one(test.db.pool())
                .await?;
            let friends: i64 = sqlx::query_scalar("SELECT id FROM themes WHERE name_key = 'friends'")
                .fetch_one(test.db.pool())
                .await?;
            let on = server::calendar::parse_date("2024-12-02").ok_or_else(|| anyhow::anyhow!("date"))?;
            let rule = Rule::dfe();
            // The whole service's column: school answered, and children
            // whose views were tagged with each theme.
            let service = || async {
                let saying = server::themes::saying::saying(&test.db, amina, rule, on).await?;
                let themes: Vec<(Label, app::disclosure::Cell)> = saying
                    .themes
                    .rows
                    .iter()
                    .cloned()
                    .zip(saying.themes.cells.iter().map(|cells| cells[1]))
                    .collect();
                anyhow::Ok((row(&saying.topics, &key("topic-school"))[2], themes))
            };
            let friends_of = |themes: &[(Label, app::disclosure::Cell)], name: &str| {
                themes.iter().find(|(label, _)| *label == Label::Name(name.into())).map(|(_, cell)| *cell)
            };
            let mark = || async { server::themes::store::figures_changes(&test.db).await };
            let (school, themes) = service().await?;
            assert_eq!(school, Shown(8));
            assert_eq!(friends_of(&themes, "Friends"), Some(Shown(6)));
            // Kept: read again with nothing changed, the same.
            assert_eq!(service().await?, (school, themes));

            // A child's draft changing is not a change to the figures.
            let before = mark().await?;
            sqlx::query("UPDATE consultations SET updated_at = updated_at + 1").execute(test.db.pool()).await?;
            assert_eq!(mark().await?, before, "a draft saved");

            // Every change below goes straight to the database (as another
            // server's would): nothing tells this server, yet each is seen
            // at once.
            let kid = child(&test, "Zebedee-I", "2012-06-01", "female").await?;
            let answers = sent(&test, kid, 1, "2024-11-20", "10-15", &[("school", 3, false)]).await?;
            assert!(mark().await? > before, "views sent");
            assert_eq!(service().await?.0, Shown(9), "a ninth child's views sent");

            let mut tx = test.db.begin_write().await?;
            server::themes::store::add_tag(&mut tx, answers[0], friends, amina).await?;
            tx.commit().await?;
            assert_eq!(friends_of(&service().await?.1, "Friends"), Some(Shown(7)), "tagged");

            let mut tx = test.db.begin_write().await?;
            server::themes::store::rename(&mut tx, friends, "Friendships", "friendships").await?;
            tx.commit().await?;
            let themes = service().await?.1;
            assert_eq!(friends_of(&themes, "Friends"), None, "renamed");
            assert_eq!(friends_of(&themes, "Friendships"), Some(Shown(7)), "renamed");

            let mut tx = test.db.begin_write().await?;
            server::themes::store::remove_tag(&mut tx, answers[0], friends).await?;
            tx.commit().await?;
            assert_eq!(friends_of(&service().await?.1, "Friendships"), Some(Shown(6)), "untagged");

            // The figures a child's later views replace: hers counted once.
            sent(&test, kid, 2, "2024-11-25", "10-15", &[("where-i-live", 5, false)]).await?;
            assert_eq!(service().await?.0, Shown(8), "her later views, without school");

            // Each IRO's own column is kept too, for them alone, and a
            // child allocated, moved or no longer allocated is seen at once.
            let ben: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'ben.carter@example.org'")
                .fetch_one(test.db.pool())
                .await?;
            let db = &test.db;
            let caseload = |iro: i64| async move {
                let saying = server::themes::saying::saying(db, iro, rule, on).await?;
                anyhow::Ok(row(&saying.topics, &key("topic-school"))[0])
            };
            assert_eq!((caseload(amina).await?, caseload(ben).await?), (Shown(0), Shown(0)));
            sqlx::query(
                "INSERT INTO iro_allocations (child_id, iro_account_id, allocated_at) \
                 SELECT c.id, $1, 0 FROM children c WHERE c.first_name LIKE 'Zebedee-%'",
            )
            .bind(amina)
            .execute(test.db.pool())
            .await?;
            assert_eq!(caseload(amina).await?, Shown(8), "A to I allocated to her (I's latest views without school)");
            assert_eq!(caseload(ben).await?, Shown(0), "not to him");
            let allocation = |name: &'static str| async move {
                anyhow::Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT al.id FROM iro_allocations al JOIN children c ON c.id = al.child_id \
                     WHERE c.first_name = $1 AND al.ended_at IS NULL",
                )
                .bind(name)
                .fetch_one(db.pool())
                .await?)
            };
            sqlx::query("UPDATE iro_allocations SET ended_at = 1 WHERE id = $1")
                .bind(allocation("Zebedee-A").await?)
                .execute(test.db.pool())
                .await?;
            assert_eq!(caseload(amina).await?, Shown(7), "an allocation ended");
            sqlx::query("UPDATE iro_allocations SET iro_account_id = $1 WHERE id = $2")
                .bind(ben)
                .bind(allocation("Zebedee-B").await?)
                .execute(test.db.pool())
                .await?;
            assert_eq!(caseload(amina).await?, Shown(6), "a child moved to Ben");
            assert_eq!(caseload(ben).await?, Hidden, "his one child, hidden");
            sqlx::query("DELETE FROM iro_allocations WHERE id = $1")
                .bind(allocation("Zebedee-C").await?)
                .execute(test.db.pool())
                .await?;
            assert_eq!(caseload(amina).await?, Hidden, "an allocation removed: five, hidden");
            Ok(())
        }
    }
}

// The figures read what each sent consultation keeps (its counts, and how
// many of its answers carry each theme), never every answer: on the
// demo's generated service, what they keep is what counting the answers
// and tags themselves gives, before and after an IRO tags and untags.
mod kept_counts {
    use super::*;
    use app::vocabulary::TOPICS;
    use server::themes::store::{self, Counted, Filters};
    use sqlx::Row;

    /// The latest views each child sent in `[$1, $2)`, as the figures take
    /// them, written out again here.
    const LATEST: &str = "c.submitted_at >= $1 AND c.submitted_at < $2 AND NOT EXISTS \
        (SELECT 1 FROM consultations l WHERE l.child_id = c.child_id AND l.submitted_at >= $1 \
        AND l.submitted_at < $2 AND l.submitted_at > c.submitted_at)";

    /// What the answers themselves say, counted the long way.
    async fn from_answers(test: &TestDb, period: (i64, i64)) -> anyhow::Result<Counted> {
        let mut counted = Counted {
            children: sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM consultations c WHERE {LATEST}"
            ))
            .bind(period.0)
            .bind(period.1)
            .fetch_one(test.db.pool())
            .await?,
            ..Counted::default()
        };
        let rows = sqlx::query(&format!(
            "SELECT a.topic, CAST(a.sent_feeling AS BIGINT) AS feeling, \
             CAST(COALESCE(a.sent_talk_about, 0) AS BIGINT) AS talk, \
             CAST(CASE WHEN a.sent_text <> '' THEN 1 ELSE 0 END AS BIGINT) AS wrote \
             FROM consultation_answers a JOIN consultations c ON c.id = a.consultation_id \
             WHERE a.sent_at IS NOT NULL AND {LATEST}"
        ))
        .bind(period.0)
        .bind(period.1)
        .fetch_all(test.db.pool())
        .await?;
        for row in &rows {
            let topic: String = row.try_get("topic")?;
            let feeling: Option<i64> = row.try_get("feeling")?;
            let talk = row.try_get::<i64, _>("talk")? == 1;
            let wrote = row.try_get::<i64, _>("wrote")? == 1;
            let place = TOPICS
                .iter()
                .position(|t| *t == topic)
                .ok_or_else(|| anyhow::anyhow!("{topic}"))?;
            if feeling.is_some() || talk || wrote {
                *counted
                    .answered
                    .get_mut(place)
                    .ok_or_else(|| anyhow::anyhow!("place"))? += 1;
            }
            if talk {
                *counted
                    .talk
                    .get_mut(place)
                    .ok_or_else(|| anyhow::anyhow!("place"))? += 1;
            }
            if let Some(face) = feeling {
                *counted
                    .faces
                    .get_mut(place)
                    .and_then(|faces| faces.get_mut(usize::try_from(face - 1).ok()?))
                    .ok_or_else(|| anyhow::anyhow!("face"))? += 1;
            }
        }
        Ok(counted)
    }

    /// Children with each theme on their counted answers, the long way.
    async fn themes_from_tags(
        test: &TestDb,
        period: (i64, i64),
    ) -> anyhow::Result<Vec<(i64, String, i64)>> {
        let mut rows: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
            "SELECT t.theme_id, th.name, COUNT(DISTINCT c.child_id) FROM answer_themes t \
             JOIN themes th ON th.id = t.theme_id JOIN consultation_answers a ON a.id = t.answer_id \
             JOIN consultations c ON c.id = a.consultation_id \
             WHERE a.sent_at IS NOT NULL AND {LATEST} GROUP BY t.theme_id, th.name"
        ))
        .bind(period.0)
        .bind(period.1)
        .fetch_all(test.db.pool())
        .await?;
        rows.sort();
        Ok(rows)
    }

    async fn kept(
        test: &TestDb,
        period: (i64, i64),
    ) -> anyhow::Result<(Counted, Vec<(i64, String, i64)>)> {
        let counted = store::counted(&test.db, period, &Filters::default(), None).await?;
        let mut themes = store::theme_counts(&test.db, period, &Filters::default()).await?;
        themes.sort();
        Ok((
            counted
                .into_iter()
                .next()
                .map(|(_, c)| c)
                .unwrap_or_default(),
            themes,
        ))
    }

    async fn same(test: &TestDb, period: (i64, i64)) -> anyhow::Result<()> {
        let (counted, themes) = kept(test, period).await?;
        assert_eq!(counted, from_answers(test, period).await?);
        assert_eq!(themes, themes_from_tags(test, period).await?);
        Ok(())
    }

    on_both_databases! {
        async fn what_each_consultation_keeps_is_what_its_answers_and_tags_say(test) {
            server::demo::load_service_if_empty(&test.db).await?;
            let now = server::storage::now_millis();
            let year = 365 * 86_400_000;
            let (counted, themes) = kept(&test, (now - year, now + 1)).await?;
            // The demo has enough to compare: many children, every topic, tags.
            assert!(counted.children > 100, "{}", counted.children);
            assert!(counted.answered.iter().all(|n| *n > 0), "{counted:?}");
            assert!(themes.len() > 3, "{themes:?}");
            for period in [(0, now + 1), (now - year, now + 1), (now - 2 * year, now - year)] {
                same(&test, period).await?;
            }

            // An IRO tags a counted answer with a theme it had not, then
            // takes it off again (and off once more, which changes nothing).
            let (answer, theme): (i64, i64) = sqlx::query_as(&format!(
                "SELECT a.id, th.id FROM consultation_answers a \
                 JOIN consultations c ON c.id = a.consultation_id CROSS JOIN themes th \
                 WHERE a.sent_at IS NOT NULL AND {LATEST} AND NOT EXISTS \
                 (SELECT 1 FROM answer_themes t WHERE t.answer_id = a.id AND t.theme_id = th.id) \
                 ORDER BY a.id, th.id LIMIT 1"
            ))
            .bind(now - year)
            .bind(now + 1)
            .fetch_one(test.db.pool())
            .await?;
            let iro: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'amina.hussain@example.org'")
                .fetch_one(test.db.pool())
                .await?;
            let before = kept(&test, (now - year, now + 1)).await?.1;
            let mut tx = test.db.begin_write().await?;
            store::add_tag(&mut tx, answer, theme, iro).await?;
            tx.commit().await?;
            same(&test, (now - year, now + 1)).await?;
            assert_ne!(kept(&test, (now - year, now + 1)).await?.1, before);
            for _ in 0..2 {
                let mut tx = test.db.begin_write().await?;
                store::remove_tag(&mut tx, answer, theme).await?;
                tx.commit().await?;
                same(&test, (now - year, now + 1)).await?;
            }
            assert_eq!(kept(&test, (now - year, now + 1)).await?.1, before);
            Ok(())
        }
    }
}
