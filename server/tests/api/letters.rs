//! Letters from the IRO, on both databases: a draft saved and sent, never
//! changed after; a correction that says so; the read receipt set once;
//! replies both ways; nobody else's letters; bad input refused with
//! nothing lost; emails with none of the letter; typed attacks inert.

use crate::support::{
    TestApp, TestDb, child_client as child, location, page_as as page, plain, post_as as post,
    staff_client as staff,
};
use reqwest::{StatusCode, header};

async fn jade_id(test: &TestDb) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'")
            .fetch_one(test.db.pool())
            .await?,
    )
}

/// Amina starts a letter to Jade: the letter's id.
async fn start(test: &TestDb, app: &TestApp, amina: &reqwest::Client) -> anyhow::Result<i64> {
    let started = post(
        amina,
        app,
        &format!("/children/{}/letters", jade_id(test).await?),
        &[],
    )
    .await?;
    let to = location(&started);
    anyhow::ensure!(to.ends_with("/edit"), "a draft to write: {to}");
    Ok(to
        .trim_start_matches("/letters/")
        .trim_end_matches("/edit")
        .parse()?)
}

const HARD: &str = "Dear Jade,\n\nThe professionals attending considered that the arrangements regarding \
contact with your family should continue unchanged until the subsequent review meeting.";
const SIMPLE: &str = "Dear Jade,\n\nThank you for coming to your meeting.\n\nWe agreed:\n- you stay with Sam\n- you see your brother every week\n\nFrom Amina";

on_both_databases! {
    async fn a_letter_is_written_sent_read_and_answered(test) {
        server::demo::load_if_empty(&test.db).await?;
        sqlx::query("UPDATE children SET email = 'jade@example.net' WHERE first_name = 'Jade'").execute(test.db.pool()).await?;
        let app = test.spawn_app_holding_mail().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = start(&test, &app, &amina).await?;
        // Starting again goes back to the same draft.
        assert_eq!(start(&test, &app, &amina).await?, id);

        // A hard draft: the check warns, and points at what to change.
        let saved = post(&amina, &app, &format!("/letters/{id}"), &[("body", HARD), ("language", "en")]).await?;
        assert_eq!(location(&saved), format!("/letters/{id}/edit?saved=1"));
        let edit = page(&amina, &app, &format!("/letters/{id}/edit")).await?;
        assert!(edit.contains("This may be hard for the child to read") && edit.contains("professionals"), "{edit}");
        assert!(edit.contains("The longest sentences:"));
        // Simpler: no warning; the preview shows the list as a list.
        post(&amina, &app, &format!("/letters/{id}"), &[("body", SIMPLE), ("language", "en")]).await?;
        let edit = page(&amina, &app, &format!("/letters/{id}/edit")).await?;
        assert!(!edit.contains("This may be hard") && edit.contains("<li>you stay with Sam</li>"), "{edit}");
        // Saving as they type.
        let auto = post(&amina, &app, &format!("/letters/{id}/autosave"), &[("body", SIMPLE), ("language", "en")]).await?;
        assert_eq!(auto.text().await?, "saved=1");

        // Jade sees nothing of a draft.
        let jade = child(&app, "skyblue-fox").await?;
        assert_eq!(jade.get(app.url(&format!("/letters/{id}"))).send().await?.status(), StatusCode::NOT_FOUND);
        assert!(!page(&jade, &app, "/home").await?.contains("You have a new letter"));

        let sent = post(&amina, &app, &format!("/letters/{id}/send"), &[("body", SIMPLE), ("language", "en")]).await?;
        assert_eq!(location(&sent), format!("/letters/{id}?sent=1"));
        // Sent: never changed.
        let late = post(&amina, &app, &format!("/letters/{id}"), &[("body", "changed"), ("language", "en")]).await?;
        assert!(plain(&late.text().await?).contains("This letter has been sent, so it can't be changed"));
        let body: String = sqlx::query_scalar("SELECT body FROM letters WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(body, SIMPLE);
        assert!(page(&amina, &app, &format!("/letters/{id}")).await?.contains("Not read yet"));

        // Jade: a notice, the list, the letter; the first opening is the receipt.
        assert!(page(&jade, &app, "/home").await?.contains("You have a new letter from your IRO"));
        let list = page(&jade, &app, "/letters").await?;
        assert!(list.contains("New") && list.contains(&format!("/letters/{id}")), "{list}");
        let letter = page(&jade, &app, &format!("/letters/{id}")).await?;
        assert!(letter.contains("A letter from Amina Hussain") && letter.contains("<li>you see your brother every week</li>"), "{letter}");
        let first: Option<i64> = sqlx::query_scalar("SELECT first_read_at FROM letters WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        let first = first.ok_or_else(|| anyhow::anyhow!("the receipt is set"))?;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        page(&jade, &app, &format!("/letters/{id}")).await?;
        let again: Option<i64> = sqlx::query_scalar("SELECT first_read_at FROM letters WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(again, Some(first), "set once");
        assert!(page(&amina, &app, &format!("/letters/{id}")).await?.contains("Read on "));
        assert!(!page(&jade, &app, "/home").await?.contains("You have a new letter"));

        // Jade asks a question; Amina sees it and answers; Jade sees the answer.
        let asked = post(&jade, &app, &format!("/letters/{id}/replies"), &[("kind", "question"), ("body", "Can Sam come to the next one?")]).await?;
        assert_eq!(location(&asked), format!("/letters/{id}?replied=1"));
        let home = page(&amina, &app, "/home").await?;
        assert!(home.contains("Jade has replied"), "{home}");
        assert!(page(&amina, &app, &format!("/children/{}", jade_id(&test).await?)).await?.contains("Reply waiting"));
        post(&amina, &app, &format!("/letters/{id}/replies"), &[("body", "Yes, Sam can come.")]).await?;
        assert!(!page(&amina, &app, "/home").await?.contains("Jade has replied"));
        let letter = page(&jade, &app, &format!("/letters/{id}")).await?;
        assert!(letter.contains("Can Sam come to the next one?") && letter.contains("Yes, Sam can come."));
        assert!(!letter.contains("Written in"), "the child is not told the language of their own words");
        let seen_by_iro = page(&amina, &app, &format!("/letters/{id}")).await?;
        assert!(seen_by_iro.contains(r#"Written in English</p><p dir="auto" lang="en" class="child-words">Can Sam come to the next one?"#), "{seen_by_iro}");

        // A correction: a new letter that says which one it corrects.
        let corrected = post(&amina, &app, &format!("/letters/{id}/correct"), &[]).await?;
        let new_id: i64 = location(&corrected).trim_start_matches("/letters/").trim_end_matches("/edit").parse()?;
        assert_ne!(new_id, id);
        post(&amina, &app, &format!("/letters/{new_id}/send"), &[("body", "Sorry: you see your brother every two weeks."), ("language", "en")]).await?;
        let letter = page(&jade, &app, &format!("/letters/{new_id}")).await?;
        assert!(letter.contains("This letter corrects the letter of"), "{letter}");
        assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM letters").fetch_one(test.db.pool()).await?, 2, "both kept");

        // Emails: to Jade for each letter and the answer, to Amina for the question; none of the words.
        let emails: Vec<(String, String)> = sqlx::query_as("SELECT to_address, body_text FROM outbox ORDER BY id").fetch_all(test.db.pool()).await?;
        let to: Vec<&str> = emails.iter().map(|(to, _)| to.as_str()).collect();
        assert_eq!(to, ["jade@example.net", "amina.hussain@example.org", "jade@example.net", "jade@example.net"]);
        for (_, body) in &emails {
            for words in ["Sam", "brother", "Jade", "meeting"] {
                assert!(!body.contains(words), "{words} in {body}");
            }
        }
        // The letters and every reply are in Jade's download of her information.
        let download = jade.get(app.url("/my-information")).send().await?;
        assert!(download.headers()[header::CONTENT_DISPOSITION].to_str()?.starts_with("attachment"));
        let info: serde_json::Value = serde_json::from_str(&download.text().await?)?;
        let letters = info["letters_to_me"].as_array().cloned().unwrap_or_default();
        assert_eq!(letters.len(), 2);
        assert_eq!(letters[0]["letter"], SIMPLE);
        let replies = info["replies_about_letters"].as_array().cloned().unwrap_or_default();
        assert_eq!(replies[0]["letter_number"], letters[0]["letter_number"]);
        assert_eq!(replies[0]["message"], "Can Sam come to the next one?");
        assert_eq!(replies[1]["message"], "Yes, Sam can come.");
        assert_eq!(info["my_record"][0]["first_name"], "Jade");
        let yonas = child(&app, "sunny-kite").await?;
        let theirs: serde_json::Value = serde_json::from_str(&yonas.get(app.url("/my-information")).send().await?.text().await?)?;
        assert_eq!(theirs["letters_to_me"].as_array().map(Vec::len), Some(0), "only one's own");
        assert_eq!(amina.get(app.url("/my-information")).send().await?.status(), StatusCode::NOT_FOUND);
        // Every read by staff is in the audit log.
        let viewed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'letter_viewed'").fetch_one(test.db.pool()).await?;
        assert!(viewed >= 4, "{viewed}");
        // Jade's home says so, and names nobody who read another child's
        // letter: child 4's readings are not child 40's (nor 4's record
        // for a child whose id only starts the same).
        let jade_id = jade_id(&test).await?;
        let morgan: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'morgan.price@example.org'").fetch_one(test.db.pool()).await?;
        for subject in [format!("child:{jade_id}0/letter:{id}"), format!("child:{jade_id}0"), format!("child:{jade_id}1/letter:{id}")] {
            sqlx::query("INSERT INTO audit_log (at, actor_account_id, action, subject) VALUES ($1, $2, 'letter_viewed', $3)")
                .bind(server::storage::now_millis()).bind(morgan).bind(subject).execute(test.db.pool()).await?;
        }
        let home = plain(&page(&jade, &app, "/home").await?);
        assert!(home.contains("Amina Hussain (IRO) read a letter to you"), "{home}");
        assert!(!home.contains("Morgan"), "{home}");
        Ok(())
    }

    async fn nobody_else_reaches_a_letter(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = start(&test, &app, &amina).await?;
        post(&amina, &app, &format!("/letters/{id}/send"), &[("body", SIMPLE), ("language", "en")]).await?;
        let yonas = child(&app, "sunny-kite").await?;
        let ben = staff(&test, &app, "ben.carter@example.org").await?;
        let dev = staff(&test, &app, "dev.patel@example.org").await?;
        for who in [&yonas, &ben, &dev] {
            for path in [format!("/letters/{id}"), format!("/letters/{id}/edit")] {
                assert_eq!(who.get(app.url(&path)).send().await?.status(), StatusCode::NOT_FOUND, "{path}");
            }
            for action in ["replies", "correct", "send", ""] {
                let path = format!("/letters/{id}/{action}").trim_end_matches('/').to_owned();
                let response = post(who, &app, &path, &[("kind", "question"), ("body", "hello"), ("language", "en")]).await?;
                assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            }
        }
        assert_eq!(post(&ben, &app, &format!("/children/{}/letters", jade_id(&test).await?), &[]).await?.status(), StatusCode::NOT_FOUND);
        assert!(!page(&yonas, &app, "/letters").await?.contains(&format!("/letters/{id}")));
        assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM letter_replies").fetch_one(test.db.pool()).await?, 0);
        // A child with no review held yet cannot be written to.
        sqlx::query("UPDATE reviews SET held_on = NULL WHERE child_id = (SELECT id FROM children WHERE first_name = 'Yonas')").execute(test.db.pool()).await?;
        let yonas_id: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Yonas'").fetch_one(test.db.pool()).await?;
        assert_eq!(post(&ben, &app, &format!("/children/{yonas_id}/letters"), &[]).await?.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn bad_input_is_refused_and_nothing_is_lost(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = start(&test, &app, &amina).await?;
        post(&amina, &app, &format!("/letters/{id}"), &[("body", SIMPLE), ("language", "en")]).await?;
        let long = "a".repeat(8001);
        for (form, message) in [
            (vec![("body", long.as_str()), ("language", "en")], "That is too long"),
            (vec![("body", "hi \u{202e}there"), ("language", "en")], "Some hidden characters"),
            (vec![("body", SIMPLE), ("language", "xx")], "Choose the language of the letter"),
        ] {
            let response = post(&amina, &app, &format!("/letters/{id}"), &form).await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains("<title>Error:") && html.contains(message), "{message}");
        }
        let empty = post(&amina, &app, &format!("/letters/{id}/send"), &[("body", "  "), ("language", "en")]).await?;
        assert!(plain(&empty.text().await?).contains("Write the letter before sending it"));
        let not_utf8 = amina.post(app.url(&format!("/letters/{id}")))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(b"language=en&body=%FF%FE".to_vec()).send().await?;
        assert!(plain(&not_utf8.text().await?).contains("<title>Error:"));
        // What was saved is untouched and unsent.
        let (body, sent): (String, Option<i64>) = sqlx::query_as("SELECT body, sent_at FROM letters WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!((body.as_str(), sent), (SIMPLE, None));
        post(&amina, &app, &format!("/letters/{id}/send"), &[("body", SIMPLE), ("language", "en")]).await?;
        let jade = child(&app, "skyblue-fox").await?;
        for (form, message) in [
            (vec![("body", "why?")], "Choose what you want to say"),
            (vec![("kind", "shout"), ("body", "why?")], "Choose what you want to say"),
            (vec![("kind", "question"), ("body", " ")], "Write your message"),
        ] {
            let response = post(&jade, &app, &format!("/letters/{id}/replies"), &form).await?;
            let html = plain(&response.text().await?);
            assert!(html.contains("<title>Error:") && html.contains(message), "{message}");
        }
        let too_long = "b".repeat(1501);
        let response = post(&jade, &app, &format!("/letters/{id}/replies"), &[("kind", "question"), ("body", &too_long)]).await?;
        assert!(plain(&response.text().await?).contains(&too_long), "what was typed is kept");
        assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM letter_replies").fetch_one(test.db.pool()).await?, 0);
        Ok(())
    }

    async fn a_long_letter_is_kept_whole(test) {
        // A letter may be up to 8,000 characters: one of 3,000 (longer than
        // a consultation answer may be) is saved, not refused as too long.
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = start(&test, &app, &amina).await?;
        let long = "We talked about school. ".repeat(125);
        assert_eq!(long.chars().count(), 3000);
        let saved = post(&amina, &app, &format!("/letters/{id}"), &[("body", long.as_str()), ("language", "en")]).await?;
        assert!(saved.status().is_redirection(), "saved, not shown again with a problem");
        let body: String = sqlx::query_scalar("SELECT body FROM letters WHERE id = $1").bind(id).fetch_one(test.db.pool()).await?;
        assert_eq!(body, long);
        Ok(())
    }

    async fn typed_attacks_show_as_plain_text_everywhere(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let amina = staff(&test, &app, "amina.hussain@example.org").await?;
        let id = start(&test, &app, &amina).await?;
        let attack = "</textarea><script>alert(1)</script>\n\n- \"><svg onload=alert(1)>\n\njavascript:alert(1)";
        post(&amina, &app, &format!("/letters/{id}"), &[("body", attack), ("language", "en")]).await?;
        let edit = page(&amina, &app, &format!("/letters/{id}/edit")).await?;
        post(&amina, &app, &format!("/letters/{id}/send"), &[("body", attack), ("language", "en")]).await?;
        let jade = child(&app, "skyblue-fox").await?;
        post(&jade, &app, &format!("/letters/{id}/replies"), &[("kind", "disagree"), ("body", attack)]).await?;
        let pages = [
            edit,
            page(&jade, &app, &format!("/letters/{id}")).await?,
            page(&amina, &app, &format!("/letters/{id}")).await?,
            page(&jade, &app, &format!("/letters/{id}?print=1")).await?,
        ];
        for html in &pages {
            let body = html.split("<main").nth(1).unwrap_or_default().split("</main>").next().unwrap_or_default();
            assert!(!body.contains("<script") && !body.contains("<svg onload") && !body.contains("href=\"javascript:"), "{body}");
            assert!(body.contains("&lt;script&gt;"), "shown as text");
        }
        Ok(())
    }
}
