//! Children's words, only with their say-so, on both databases: an answer
//! sent without "You can use my words" ticked never reaches the CRO (page,
//! CSV, the themes page and workbook, raw HTML); one sent with it does,
//! with no name, no sign-in name, no number and no date finer than the
//! month; reading it is noted and the child's home says so; the CRO picks
//! it as a quote; unticking takes it off at once, and unpicks it; two
//! devices never undo each other's choice.

use crate::support::{
    TestApp, child_client as child, location, page_as as page, staff_client as staff,
};
use reqwest::StatusCode;

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
) -> anyhow::Result<reqwest::Response> {
    let path = format!("/consultation/topics/{topic}");
    let mut form = base_of(&page(client, app, &path).await?);
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Ok(client.post(app.url(&path)).form(&form).send().await?)
}

/// The CRO's words page as text, with apostrophes as typed.
async fn words_page(cro: &reqwest::Client, app: &TestApp, query: &str) -> anyhow::Result<String> {
    Ok(page(cro, app, &format!("/themes/words{query}"))
        .await?
        .replace("&#x27;", "'")
        .replace("&#39;", "'"))
}

/// The references the page offers to pick.
fn references(html: &str) -> Vec<String> {
    html.split(r#"name="reference" value=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

on_both_databases! {
    async fn childrens_words_reach_the_cro_only_with_their_say_so(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = child(&app, "skyblue-fox").await?;
        let jade_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'")
            .fetch_one(test.db.pool()).await?;

        // The box is there, off by default, and says who reads them.
        let topic = page(&jade, &app, "/consultation/topics/school").await?;
        assert!(topic.contains("You can use my words, without my name, to help make things better for children in care"), "{topic}");
        assert!(!topic.contains(r#"name="use_words" value="yes" checked"#), "off by default");
        assert!(topic.contains("the Children&#x27;s Rights Officer and the managers of the IRO service can read these words")
            || topic.contains("the Children's Rights Officer and the managers of the IRO service can read these words"), "{topic}");

        save(&jade, &app, "school", &[("feeling", "4"), ("text", "MARKER-YES art class is the best"), ("share", "iro"), ("use_words", "yes")]).await?;
        save(&jade, &app, "health", &[("feeling", "2"), ("text", "MARKER-NO my secret worry"), ("share", "meeting")]).await?;
        let check = page(&jade, &app, "/consultation/check").await?;
        assert!(check.contains("You said your words can be used without your name."), "{check}");

        // Ticked but not sent yet: not on the CRO's page.
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;
        let before = words_page(&cro, &app, "").await?;
        assert!(!before.contains("MARKER-YES") && !before.contains("MARKER-NO"), "not sent yet");

        let response = jade.post(app.url("/consultation/submit")).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        // Sent: the words with the say-so reach the CRO, the others never.
        let html = words_page(&cro, &app, "").await?;
        assert!(html.contains("MARKER-YES art class is the best"), "{html}");
        assert!(!html.contains("MARKER-NO"), "an answer without the say-so never reaches the CRO");
        for identifying in ["Jade", "skyblue-fox", &format!("/children/{jade_id}")] {
            assert!(!html.contains(identifying), "{identifying} on the CRO's page");
        }
        // The month, never the day.
        let today = server::calendar::today();
        let month = format!("{} {}", ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"][usize::from(u8::from(today.month())) - 1], today.year());
        let day = format!("{} {month}", today.day());
        let quote = html.split("MARKER-YES").nth(1).unwrap_or_default();
        let quote = quote.split("</li>").next().unwrap_or_default();
        assert!(quote.contains(&month), "{quote}");
        assert!(!html.contains(&day), "no date finer than the month");
        // The reference is random, not the answer's number.
        // (The demo's own children's words are there too.)
        let refs = references(quote);
        assert_eq!(refs.len(), 1, "{refs:?}");
        assert!(refs[0].len() == 24 && refs[0].chars().all(|c| c.is_ascii_hexdigit()), "{refs:?}");
        // By topic: another topic has none of it.
        assert!(words_page(&cro, &app, "?topic=school").await?.contains("MARKER-YES"));
        assert!(!words_page(&cro, &app, "?topic=health").await?.contains("MARKER"));

        // Reading is noted, once per child per page, and Jade is told.
        let readings: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'childrens_words_read' AND subject = $1")
            .bind(format!("child:{jade_id}")).fetch_one(test.db.pool()).await?;
        assert_eq!(readings, 2, "one note for each page that showed her words");
        let home = page(&jade, &app, "/home").await?.replace("&#x27;", "'");
        assert!(home.contains("Chloe Adams (Children's Rights Officer) read words you said could be used, without your name"), "{home}");

        // The CSV: the same words, none of the others, formulas disarmed.
        let csv = cro.get(app.url("/themes/words/csv")).send().await?;
        assert_eq!(csv.status(), StatusCode::OK);
        let csv = csv.text().await?;
        assert!(csv.contains("MARKER-YES art class is the best"), "{csv}");
        for absent in ["MARKER-NO", "Jade", "skyblue-fox"] {
            assert!(!csv.contains(absent), "{absent} in the CSV");
        }
        // The themes page and its workbook carry no words at all.
        let figures = page(&cro, &app, "/themes").await?;
        assert!(!figures.contains("MARKER") && figures.contains("href=\"/themes/words\""), "{figures}");
        let workbook = cro.get(app.url("/themes/workbook")).send().await?.bytes().await?;
        assert!(!String::from_utf8_lossy(&workbook).contains("MARKER"));

        // Picked as a quote.
        let response = cro.post(app.url("/themes/words/pick"))
            .form(&[("reference", refs[0].as_str()), ("pick", "yes"), ("back", "topic=school")]).send().await?;
        assert_eq!(location(&response), format!("/themes/words?topic=school#quote-{}", refs[0]));
        let picked = words_page(&cro, &app, "?picked=yes").await?;
        assert!(picked.contains("MARKER-YES") && picked.contains("Picked for a report"), "{picked}");

        // Another device, on a page opened before the box was ticked,
        // changes only the words' face: the say-so stays.
        // (Its base says "not ticked", it sends "not ticked": unchanged there.)
        let response = jade.post(app.url("/consultation/topics/school")).form(&[
            ("base_feeling", "4"), ("base_text", &app::consultations::fingerprint("MARKER-YES art class is the best")),
            ("base_talk_about", ""), ("base_share", "iro"), ("base_use_words", ""),
            ("feeling", "5"), ("text", "MARKER-YES art class is the best"), ("share", "iro"),
        ]).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let still: i64 = sqlx::query_scalar("SELECT use_words FROM consultation_answers WHERE topic = 'school' AND consultation_id IN (SELECT id FROM consultations WHERE child_id = $1)")
            .bind(jade_id).fetch_one(test.db.pool()).await?;
        assert_eq!(still, 1, "another device never silently unticks it");

        // Unticked: off the CRO's page at once, unpicked, without sending again.
        save(&jade, &app, "school", &[("feeling", "5"), ("text", "MARKER-YES art class is the best"), ("share", "iro")]).await?;
        let html = words_page(&cro, &app, "").await?;
        assert!(!html.contains("MARKER-YES"), "withdrawn at once");
        assert!(!cro.get(app.url("/themes/words/csv")).send().await?.text().await?.contains("MARKER-YES"));
        let picks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picked_words")
            .fetch_one(test.db.pool()).await?;
        assert_eq!(picks, 0, "unpicked");
        let gone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultation_answers WHERE words_ref = $1")
            .bind(&refs[0]).fetch_one(test.db.pool()).await?;
        assert_eq!(gone, 0, "the reference went with the say-so");
        // Picking words taken back changes nothing.
        let response = cro.post(app.url("/themes/words/pick"))
            .form(&[("reference", refs[0].as_str()), ("pick", "yes"), ("back", "")]).send().await?;
        assert_eq!(location(&response), "/themes/words");
        let picks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM picked_words")
            .fetch_one(test.db.pool()).await?;
        assert_eq!(picks, 0);
        // Ticked again: back only once she sends, under a new reference.
        save(&jade, &app, "school", &[("feeling", "5"), ("text", "MARKER-YES art class is the best"), ("share", "iro"), ("use_words", "yes")]).await?;
        assert!(!words_page(&cro, &app, "").await?.contains("MARKER-YES"), "not until she sends");
        jade.post(app.url("/consultation/submit")).send().await?;
        let html = words_page(&cro, &app, "").await?;
        assert!(html.contains("MARKER-YES"), "{html}");
        assert!(!references(&html).contains(&refs[0]), "a new reference");

        // Her download shows her choice.
        let mine = jade.get(app.url("/my-information")).send().await?.text().await?;
        assert!(mine.contains("my_words_can_be_used_without_my_name"), "{mine}");

        // Only the CRO and managers; an IRO or the child learn nothing.
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        for client in [&amina, &jade] {
            assert_eq!(client.get(app.url("/themes/words")).send().await?.status(), StatusCode::NOT_FOUND);
            assert_eq!(client.get(app.url("/themes/words/csv")).send().await?.status(), StatusCode::NOT_FOUND);
        }
        let morgan = staff(&test, &app, "morgan.price@example.org").await?;
        assert_eq!(morgan.get(app.url("/themes/words")).send().await?.status(), StatusCode::OK);
        Ok(())
    }
}
