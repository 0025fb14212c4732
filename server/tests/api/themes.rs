//! The list of themes on both databases: seeded from the service's own
//! report; the CRO adds, renames, retires and offers a theme again; bad
//! names are refused kindly with what was typed kept and nothing stored; a
//! theme is never deleted; every change is audited; only the CRO and
//! managers reach it.

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
}
