//! The service's settings on both databases: a manager chooses how small
//! numbers are hidden (the DfE's rule by default, or the ONS's, and the
//! number below which counts are hidden, never below 3); bad input is
//! refused kindly with what was typed kept and nothing changed; every
//! change is audited with its old and new values; the figures follow at
//! once; no one else reaches the page. Likewise the authority's
//! population aged 0 to 17, which rates per 10,000 children are of.

use crate::support::{TestApp, TestDb, plain};
use app::disclosure::{Preset, Rule};
use reqwest::{StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

const PAGE: &str = "/settings/small-numbers";

async fn staff(test: &TestDb, app: &TestApp, name: &str) -> anyhow::Result<reqwest::Client> {
    let client = crate::support::browser()?;
    crate::support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
    Ok(client)
}

fn text_of(html: &str) -> String {
    plain(html)
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

async fn changes(
    test: &TestDb,
) -> anyhow::Result<Vec<(Option<i64>, Option<String>, Option<String>)>> {
    let rows = sqlx::query_as::<_, (Option<i64>, Option<String>, Option<String>)>(
        "SELECT actor_account_id, subject, detail FROM audit_log WHERE action = 'setting_changed' ORDER BY id",
    )
    .fetch_all(test.db.pool())
    .await?;
    Ok(rows)
}

async fn stored(test: &TestDb) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM service_settings")
        .fetch_one(test.db.pool())
        .await?)
}

on_both_databases! {
    async fn a_manager_chooses_how_small_numbers_are_hidden(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let morgan: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'morgan.price@example.org'")
            .fetch_one(test.db.pool()).await?;

        // The manager's home leads to it; the default is the DfE's rule.
        let home = text_of(&manager.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains(&format!("href=\"{PAGE}\"")) && home.contains("How small numbers are hidden in figures"), "{home}");
        let page = text_of(&manager.get(app.url(PAGE)).send().await?.text().await?);
        assert!(page.contains("<title>How small numbers are hidden: MySay</title>"), "{page}");
        assert!(page.contains("The DfE's rule for children looked after statistics: counts from 1 to 5 are shown as \"c\"."), "{page}");
        assert!(page.contains("This is the default: it has not been changed."), "{page}");
        assert_eq!(server::storage::settings::disclosure_rule(&test.db).await?, Rule::dfe());

        // Bad input: told kindly, what was typed kept, nothing changed.
        for (preset, number, message) in [
            ("dfe", "2", "The number cannot be below 3: counts of 1 and 2 could let someone recognise a child"),
            ("ons", "0", "The number cannot be below 3"),
            ("dfe", "six", "Enter a whole number, like 6"),
            ("dfe", "101", "Enter a number of 100 or less"),
            ("", "6", "Choose which rule to use"),
        ] {
            let response = manager.post(app.url(PAGE)).form(&[("preset", preset), ("fewer_than", number)]).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = text_of(&response.text().await?);
            assert!(html.contains("<title>Error: How small numbers are hidden: MySay</title>"), "{number}: {html}");
            assert!(html.contains(message), "{message}: {html}");
            assert!(html.contains(&format!("value=\"{number}\"")), "typed kept: {html}");
        }
        assert_eq!(stored(&test).await?, 0, "nothing stored");
        assert!(changes(&test).await?.is_empty(), "nothing audited");

        // The ONS's rule, counts under 7 hidden: saved, audited with the
        // old and new values.
        let response = manager.post(app.url(PAGE)).form(&[("preset", "ons"), ("fewer_than", " 7 ")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("{PAGE}?saved=1"));
        let page = text_of(&manager.get(app.url(&format!("{PAGE}?saved=1"))).send().await?.text().await?);
        assert!(page.contains("The rule is saved."), "{page}");
        assert!(page.contains("The ONS's rule: counts from 1 to 6 are shown as \"c\", and the other numbers are rounded to the nearest 5."), "{page}");
        assert!(page.contains("Last changed on") && page.contains("value=\"7\""), "{page}");
        assert_eq!(server::storage::settings::disclosure_rule(&test.db).await?, Rule::new(Preset::Ons, 7));
        assert_eq!(changes(&test).await?, vec![(
            Some(morgan),
            Some("setting:disclosure_rule".to_owned()),
            Some("dfe:6 -> ons:7".to_owned()),
        )]);

        // Saving the rule in force again changes nothing.
        manager.post(app.url(PAGE)).form(&[("preset", "ons"), ("fewer_than", "7")]).send().await?;
        assert_eq!(changes(&test).await?.len(), 1);

        // The figures follow at once: the themes page and an IRO's panel
        // say the numbers are rounded.
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;
        let themes = text_of(&cro.get(app.url("/themes")).send().await?.text().await?);
        assert!(themes.contains("The other numbers are rounded to the nearest 5."), "{themes}");
        let iro = staff(&test, &app, "amina.hussain@example.org").await?;
        let home = text_of(&iro.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains("The other numbers are rounded to the nearest 5."), "{home}");

        // An empty number takes the rule's own: the DfE's 6.
        let response = manager.post(app.url(PAGE)).form(&[("preset", "dfe"), ("fewer_than", "")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("{PAGE}?saved=1"));
        assert_eq!(server::storage::settings::disclosure_rule(&test.db).await?, Rule::dfe());
        assert_eq!(changes(&test).await?.last().and_then(|c| c.2.clone()), Some("ons:7 -> dfe:6".to_owned()));
        let themes = text_of(&cro.get(app.url("/themes")).send().await?.text().await?);
        assert!(!themes.contains("rounded to the nearest 5"), "{themes}");

        // The CRO may not change it, nor see the page.
        let response = cro.post(app.url(PAGE)).form(&[("preset", "ons"), ("fewer_than", "10")]).send().await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(cro.get(app.url(PAGE)).send().await?.status(), StatusCode::NOT_FOUND);
        assert_eq!(server::storage::settings::disclosure_rule(&test.db).await?, Rule::dfe());
        Ok(())
    }

    async fn a_manager_enters_the_population_that_rates_are_of(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        const POPULATION: &str = "/settings/population";

        // The manager's home leads to it; nothing entered yet.
        let home = text_of(&manager.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains(&format!("href=\"{POPULATION}\"")), "{home}");
        let page = text_of(&manager.get(app.url(POPULATION)).send().await?.text().await?);
        assert!(page.contains("<title>The population aged 0 to 17: MySay</title>"), "{page}");
        assert!(page.contains("Not entered yet."), "{page}");
        assert_eq!(server::storage::settings::population(&test.db).await?, None);
        // Emptying what was never entered records nothing.
        manager.post(app.url(POPULATION)).form(&[("population", "")]).send().await?;
        assert!(changes(&test).await?.is_empty());

        // Bad input: told kindly, what was typed kept, nothing changed.
        for (typed, message) in [
            ("285.4k", "Enter the population as a whole number, like 285,400"),
            ("0", "Enter a population from 1 to 5,000,000"),
            ("12000000", "Enter a population from 1 to 5,000,000"),
        ] {
            let response = manager.post(app.url(POPULATION)).form(&[("population", typed)]).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = text_of(&response.text().await?);
            assert!(html.contains("<title>Error: The population aged 0 to 17: MySay</title>"), "{typed}: {html}");
            assert!(html.contains(message), "{message}: {html}");
            assert!(html.contains(&format!("value=\"{typed}\"")), "typed kept: {html}");
        }
        assert_eq!(stored(&test).await?, 0, "nothing stored");

        // Written as people write it: saved, shown back, audited.
        let response = manager.post(app.url(POPULATION)).form(&[("population", " 285,400 ")]).send().await?;
        assert_eq!(response.headers()[header::LOCATION], format!("{POPULATION}?saved=1"));
        let page = text_of(&manager.get(app.url(&format!("{POPULATION}?saved=1"))).send().await?.text().await?);
        assert!(page.contains("The population is saved."), "{page}");
        assert!(page.contains("Rates are per 10,000 of 285,400 children.") && page.contains("value=\"285,400\""), "{page}");
        assert_eq!(server::storage::settings::population(&test.db).await?, Some(285_400));
        assert_eq!(changes(&test).await?.last().and_then(|c| c.2.clone()), Some("none -> 285400".to_owned()));
        manager.post(app.url(POPULATION)).form(&[("population", "285400")]).send().await?;
        assert_eq!(changes(&test).await?.len(), 1, "the same again records nothing");

        // Emptied: not known.
        manager.post(app.url(POPULATION)).form(&[("population", "")]).send().await?;
        assert_eq!(server::storage::settings::population(&test.db).await?, None);
        assert_eq!(changes(&test).await?.last().and_then(|c| c.2.clone()), Some("285400 -> none".to_owned()));

        // No one else reaches it.
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;
        assert_eq!(cro.get(app.url(POPULATION)).send().await?.status(), StatusCode::NOT_FOUND);
        let response = cro.post(app.url(POPULATION)).form(&[("population", "1000")]).send().await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(server::storage::settings::population(&test.db).await?, None);
        Ok(())
    }

    async fn a_manager_changes_the_services_details(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        // A second server on the same database (PostgreSQL's case).
        let other = test.spawn_app().await?;
        let manager = staff(&test, &app, "morgan.price@example.org").await?;
        let child = crate::support::child_client(&app, "skyblue-fox").await?;
        let service = "/settings/service";

        // As configured until a manager changes them. The landing page in
        // Arabic, kept rendered for visitors not signed in (below: gone
        // with the language).
        let landing = |server: &crate::support::TestApp| {
            let request = crate::support::browser().map(|b| b.get(server.url("/")).header(header::ACCEPT_LANGUAGE, "ar"));
            async move { anyhow::Ok(request?.send().await?.text().await?) }
        };
        assert!(landing(&app).await?.contains("<html lang=\"ar\""));
        assert!(landing(&other).await?.contains("<html lang=\"ar\""));
        let help = text_of(&child.get(app.url("/help")).send().await?.text().await?);
        assert!(help.contains("Coram Voice") && help.contains("0808 800 5792"), "{help}");
        let home = text_of(&manager.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains(&format!("href=\"{service}\"")), "{home}");
        let page = text_of(&manager.get(app.url(service)).send().await?.text().await?);
        assert!(page.contains("<title>The service's details: MySay</title>"), "{page}");
        assert!(page.contains("value=\"0808 800 5792\""), "{page}");

        let form = |phone: &str, exit: &str| {
            vec![
                ("authority_name", "Northshire County Council".to_owned()),
                ("advocacy_name", "Northshire Advocacy".to_owned()),
                ("advocacy_phone", phone.to_owned()),
                ("out_of_hours_phone", "0300 123 4567".to_owned()),
                ("childline_phone", "0800 1111".to_owned()),
                ("exit_url", exit.to_owned()),
                ("language", "cy".to_owned()),
                ("language", "ti".to_owned()),
            ]
        };
        // Bad input: told kindly, what was typed kept, nothing changed.
        let response = manager.post(app.url(service)).form(&form("ring 0800", "javascript:alert(1)")).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = text_of(&response.text().await?);
        assert!(html.contains("<title>Error: The service's details: MySay</title>"), "{html}");
        assert!(html.contains("Enter the advocacy service's phone number using digits"), "{html}");
        assert!(html.contains("Enter a web address that starts with https://"), "{html}");
        assert!(html.contains("value=\"ring 0800\""), "typed kept: {html}");
        assert!(html.contains("value=\"Northshire Advocacy\""), "typed kept: {html}");
        assert_eq!(stored(&test).await?, 0, "nothing stored");

        // Saved: the child sees the new number on Help now at once.
        let response = manager.post(app.url(service)).form(&form("0800 123 4567", "https://www.bbc.co.uk/news")).send().await?;
        assert_eq!(crate::support::location(&response), format!("{service}?saved=1"));
        let help = text_of(&child.get(app.url("/help")).send().await?.text().await?);
        assert!(help.contains("0800 123 4567") && help.contains("tel:08001234567"), "{help}");
        assert!(help.contains("Northshire Advocacy") && !help.contains("0808 800 5792"), "{help}");
        assert!(help.contains("Northshire County Council"), "the header: {help}");
        let exit = crate::support::browser()?.get(app.url("/exit")).send().await?;
        assert_eq!(crate::support::location(&exit), "https://www.bbc.co.uk/news", "Exit this page");
        // ...and on the other server within seconds.
        let mut seen = false;
        for _ in 0..40 {
            let other_help = text_of(&crate::support::browser()?.get(other.url("/help")).send().await?.text().await?);
            if other_help.contains("0800 123 4567") {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert!(seen, "the other server shows the change");

        // Each change audited with its old and new values; the unchanged
        // ones not at all.
        let morgan: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'morgan.price@example.org'")
            .fetch_one(test.db.pool()).await?;
        let audited = changes(&test).await?;
        assert!(audited.contains(&(Some(morgan), Some("setting:advocacy_phone".to_owned()), Some("0808 800 5792 -> 0800 123 4567".to_owned()))), "{audited:?}");
        assert!(audited.contains(&(Some(morgan), Some("setting:languages".to_owned()), Some("ar,fa-AF,ps,ti,ckb,cy -> ti,cy".to_owned()))), "{audited:?}");
        assert!(!audited.iter().any(|c| c.1.as_deref() == Some("setting:childline_phone")), "{audited:?}");
        let log = text_of(&manager.get(app.url("/audit")).send().await?.text().await?);
        assert!(log.contains("0808 800 5792 -&gt; 0800 123 4567") || log.contains("0808 800 5792 → 0800 123 4567") || log.contains("0800 123 4567"), "{log}");

        // A language no longer offered: pages come in English (the kept
        // landing page too, here at once and on the other server within
        // seconds), the choice is not kept, and the list offers only what
        // is.
        assert!(landing(&app).await?.contains("<html lang=\"en\""), "the kept landing page");
        let mut english = false;
        for _ in 0..40 {
            if landing(&other).await?.contains("<html lang=\"en\"") {
                english = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert!(english, "the other server's kept landing page");

        let arabic = crate::support::browser()?;
        let page = arabic.get(app.url("/help")).header(header::ACCEPT_LANGUAGE, "ar").send().await?.text().await?;
        assert!(page.contains("<html lang=\"en\""), "{page}");
        let chosen = arabic.get(app.url("/language/ar?next=/help")).send().await?;
        assert!(chosen.headers().get(header::SET_COOKIE).is_none(), "not kept");
        let welsh = arabic.get(app.url("/help")).header(header::ACCEPT_LANGUAGE, "cy").send().await?.text().await?;
        assert!(welsh.contains("<html lang=\"cy\""), "Welsh is offered");
        let list = arabic.get(app.url("/languages?next=/help")).send().await?.text().await?;
        assert!(list.contains("Cymraeg") && !list.contains("العربية"), "{list}");

        // No one else reaches it.
        let cro = staff(&test, &app, "chloe.adams@example.org").await?;
        assert_eq!(cro.get(app.url(service)).send().await?.status(), StatusCode::NOT_FOUND);
        let response = cro.post(app.url(service)).form(&form("0800 000 000", "https://example.org")).send().await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let help = text_of(&child.get(app.url("/help")).send().await?.text().await?);
        assert!(help.contains("0800 123 4567"), "unchanged: {help}");
        Ok(())
    }
}
