//! Invitations end to end over HTTP on both databases: made by an IRO or
//! manager for their own children only, accepted once by link or code,
//! replaced, expired, and refused kindly when the choices do not fit.

use crate::support::plain;

use crate::support::{TestApp, TestDb};
use reqwest::{StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

async fn sign_in_as(test: &TestDb, app: &TestApp, name: &str) -> anyhow::Result<reqwest::Client> {
    let client = crate::support::browser()?;
    if name.contains('@') {
        crate::support::sign_in_staff(test, app, &client, name, DEMO_PASSPHRASE).await?;
        return Ok(client);
    }
    let response = client
        .post(app.url("/sign-in"))
        .form(&[("sign_in_name", name), ("passphrase", DEMO_PASSPHRASE)])
        .send()
        .await?;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{name} could not sign in"
    );
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

struct Slip {
    status: StatusCode,
    html: String,
    token: Option<String>,
    code: Option<String>,
}

async fn invite(app: &TestApp, as_who: &reqwest::Client, child: i64) -> anyhow::Result<Slip> {
    let response = as_who
        .post(app.url(&format!("/children/{child}/invitation")))
        .send()
        .await?;
    let status = response.status();
    let html = response.text().await?;
    let token = html
        .split("/join/")
        .nth(1)
        .and_then(|rest| rest.split(['"', '<']).next())
        .map(str::to_owned);
    let code = html
        .split(r#"class="code""#)
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .map(str::to_owned);
    Ok(Slip {
        status,
        html,
        token,
        code,
    })
}

async fn join(
    app: &TestApp,
    fields: &[(&str, &str)],
) -> anyhow::Result<(reqwest::Client, reqwest::Response)> {
    let child = crate::support::browser()?;
    let response = child.post(app.url("/join")).form(fields).send().await?;
    Ok((child, response))
}

on_both_databases! {
    async fn an_iro_invites_a_child_who_joins_by_link(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let ben = sign_in_as(&test, &app, "ben.carter@example.org").await?;
        let lily = child_id(&test, "Lily").await?;
        let slip = invite(&app, &ben, lily).await?;
        assert_eq!(slip.status, StatusCode::OK);
        assert!(plain(&slip.html).contains("An invitation to MySay for Lily"));
        let token = slip.token.unwrap_or_default();
        assert!(token.len() >= 43, "{token}");
        let code = slip.code.unwrap_or_default();
        assert_eq!(code.len(), 9, "{code}");

        let form = crate::support::browser()?.get(app.url(&format!("/join/{token}"))).send().await?.text().await?;
        assert!(form.contains("Choose a sign-in name") && !form.contains("error-summary"));

        let (child, response) = join(&app, &[("token", &token), ("sign_in_name", "moon-rabbit"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        // Before anything else, a new child learns how to leave quickly.
        assert_eq!(response.headers()[header::LOCATION], "/before-you-start");
        let before = plain(&child.get(app.url("/before-you-start")).send().await?.text().await?);
        assert!(before.contains("Exit this page") && before.contains("Shift key 3 times"), "{before}");
        let onward = child.post(app.url("/before-you-start")).send().await?;
        assert_eq!(onward.headers()[header::LOCATION], "/home");
        let home = plain(&child.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains("Hello, Lily"), "{home}");
        assert!(home.contains("Ben Carter"));

        // Once only.
        let again = crate::support::browser()?.get(app.url(&format!("/join/{token}"))).send().await?.text().await?;
        assert!(again.contains("This invitation has been used"));
        let (_, reuse) = join(&app, &[("code", &code), ("sign_in_name", "moon-rabbit-2"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(reuse.status(), StatusCode::OK);
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM invitations").fetch_all(test.db.pool()).await?;
        assert!(!stored.iter().any(|h| h.contains(&token)), "only a hash is kept");
        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'invitation%' ORDER BY id")
            .fetch_all(test.db.pool()).await?;
        // The used code typed again matched nothing: that is recorded too.
        assert_eq!(actions, ["invitation_created", "invitation_accepted", "invitation_code_failed"]);
        Ok(())
    }

    async fn invitation_codes_cannot_be_guessed(test) {
        server::demo::load_if_empty(&test.db).await?;
        let key = "a-test-secret-key-of-at-least-32-characters";
        let app = test.spawn_app_with(server::config::ConfigLayer {
            session_key: Some(key.to_owned()),
            ..server::config::ConfigLayer::default()
        }).await?;
        let manager = sign_in_as(&test, &app, "morgan.price@example.org").await?;
        let slip = invite(&app, &manager, child_id(&test, "Lily").await?).await?;
        let code = slip.code.unwrap_or_default();
        // Stored as a keyed hash: a bare SHA-256 of the code finds nothing.
        let bare = {
            use sha2::Digest;
            let normal: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
            sha2::Sha256::digest(normal.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        let stored: String = sqlx::query_scalar("SELECT code_hash FROM invitations ORDER BY id DESC LIMIT 1").fetch_one(test.db.pool()).await?;
        assert_ne!(stored, bare, "a copied database does not give the code away");
        // Every wrong code is recorded.
        for n in 0..3 {
            let (_, response) = join(&app, &[("code", &format!("XXXX-XXX{n}")), ("sign_in_name", "star_gazer"), ("passphrase", "green kite over the hill")]).await?;
            assert_eq!(response.status(), StatusCode::OK);
        }
        let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_code_failed'").fetch_one(test.db.pool()).await?;
        assert_eq!(failed, 3);
        // Once the service's budget is spent, typed codes are refused (even
        // a right one), from any address, over restarts: it is counted in
        // the database.
        let now = server::storage::now_millis();
        for _ in 0..server::accounts::invitations::CODE_FAILURE_BUDGET {
            sqlx::query("INSERT INTO audit_log (at, action) VALUES ($1, 'invitation_code_failed')").bind(now).execute(test.db.pool()).await?;
        }
        let restarted = test.spawn_app_with(server::config::ConfigLayer {
            session_key: Some(key.to_owned()),
            ..server::config::ConfigLayer::default()
        }).await?;
        let (_, response) = join(&restarted, &[("code", &code), ("sign_in_name", "star_gazer"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_refused_budget'").fetch_one(test.db.pool()).await?;
        assert_eq!(refused, 1);
        // The link still works.
        let token = slip.token.unwrap_or_default();
        let (_, response) = join(&restarted, &[("token", &token), ("sign_in_name", "star_gazer"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "joined by link");
        Ok(())
    }

    async fn a_child_can_type_the_code_instead(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let manager = sign_in_as(&test, &app, "morgan.price@example.org").await?;
        let slip = invite(&app, &manager, child_id(&test, "Lily").await?).await?;
        let typed = format!(" {} ", slip.code.unwrap_or_default().to_lowercase().replace('-', " "));
        let (_, response) = join(&app, &[("code", &typed), ("sign_in_name", "star_gazer"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        Ok(())
    }

    async fn nobody_can_invite_a_child_they_do_not_look_after(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let lily = child_id(&test, "Lily").await?;
        let amina = sign_in_as(&test, &app, "amina.hussain@example.org").await?;
        let not_hers = invite(&app, &amina, lily).await?;
        assert_eq!(not_hers.status, StatusCode::NOT_FOUND);
        let no_such = invite(&app, &amina, 999_999).await?;
        assert_eq!(no_such.status, StatusCode::NOT_FOUND);
        assert_eq!(plain(&not_hers.html).matches("Page not found").count(), plain(&no_such.html).matches("Page not found").count());
        for who in ["skyblue-fox", "chloe.adams@example.org", "dev.patel@example.org"] {
            let other = sign_in_as(&test, &app, who).await?;
            assert_eq!(invite(&app, &other, lily).await?.status, StatusCode::NOT_FOUND, "{who}");
        }
        let anonymous = crate::support::browser()?.post(app.url(&format!("/children/{lily}/invitation"))).send().await?;
        assert_eq!(anonymous.headers()[header::LOCATION], "/sign-in");
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations").fetch_one(test.db.pool()).await?;
        assert_eq!(count, 0, "nothing was made");
        Ok(())
    }

    async fn a_new_invitation_replaces_the_unused_one(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let ben = sign_in_as(&test, &app, "ben.carter@example.org").await?;
        let lily = child_id(&test, "Lily").await?;
        let first = invite(&app, &ben, lily).await?.token.unwrap_or_default();
        let second = invite(&app, &ben, lily).await?.token.unwrap_or_default();
        let (_, old) = join(&app, &[("token", &first), ("sign_in_name", "moon-rabbit"), ("passphrase", "green kite over the hill")]).await?;
        assert!(old.text().await?.contains("This invitation has been used"));
        let (_, new) = join(&app, &[("token", &second), ("sign_in_name", "moon-rabbit"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(new.status(), StatusCode::SEE_OTHER);
        Ok(())
    }

    async fn invitations_run_out_after_14_days(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let ben = sign_in_as(&test, &app, "ben.carter@example.org").await?;
        let token = invite(&app, &ben, child_id(&test, "Lily").await?).await?.token.unwrap_or_default();
        let expires: i64 = sqlx::query_scalar("SELECT expires_at - created_at FROM invitations").fetch_one(test.db.pool()).await?;
        assert_eq!(expires, 14 * 24 * 60 * 60 * 1000);
        sqlx::query("UPDATE invitations SET expires_at = $1").bind(server::storage::now_millis() - 1).execute(test.db.pool()).await?;
        let (_, response) = join(&app, &[("token", &token), ("sign_in_name", "moon-rabbit"), ("passphrase", "green kite over the hill")]).await?;
        assert!(response.text().await?.contains("has run out"));
        Ok(())
    }

    async fn choices_that_do_not_fit_are_explained_and_nothing_is_stored(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let ben = sign_in_as(&test, &app, "ben.carter@example.org").await?;
        let token = invite(&app, &ben, child_id(&test, "Lily").await?).await?.token.unwrap_or_default();
        let accounts_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(test.db.pool()).await?;
        let cases = [
            ("Lily", "green kite over the hill", "do not use your real name"),
            ("ab", "green kite over the hill", "at least 3 letters"),
            ("sky blue", "green kite over the hill", "with no spaces"),
            ("skyblue-fox", "green kite over the hill", "Someone already has that sign-in name"),
            ("moon-rabbit", "password1", "Lots of people use that passphrase"),
            ("moon-rabbit", "short", "at least 8 characters"),
            ("moon-rabbit", "northshire mysay fun", "cannot have MySay"),
        ];
        for (name, passphrase, expected) in cases {
            let (_, response) = join(&app, &[("token", &token), ("sign_in_name", name), ("passphrase", passphrase)]).await?;
            assert_eq!(response.status(), StatusCode::OK, "{name}");
            let html = plain(&response.text().await?);
            assert!(html.contains(expected), "{name}/{passphrase}: expected {expected:?}");
            assert!(html.contains("<title>Error: Join MySay</title>"));
            assert!(html.contains(&format!(r#"value="{name}""#)), "the name is kept");
            assert!(!html.contains(&format!(r#"value="{passphrase}""#)), "the passphrase is not");
        }
        let accounts_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(test.db.pool()).await?;
        assert_eq!(accounts_before, accounts_after);
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE used_at IS NOT NULL").fetch_one(test.db.pool()).await?;
        assert_eq!(used, 0, "the invitation still works");
        let (_, ok) = join(&app, &[("token", &token), ("sign_in_name", "moon-rabbit"), ("passphrase", "green kite over the hill")]).await?;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        Ok(())
    }

    async fn a_new_invitation_resets_a_forgotten_passphrase(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade_old_session = sign_in_as(&test, &app, "skyblue-fox").await?;
        let amina = sign_in_as(&test, &app, "amina.hussain@example.org").await?;
        let slip = invite(&app, &amina, child_id(&test, "Jade").await?).await?;
        assert!(plain(&slip.html).contains("An invitation to MySay for Jade"));
        let (jade, response) = join(&app, &[("token", &slip.token.unwrap_or_default()), ("sign_in_name", "skyblue-fox"), ("passphrase", "my brand new phrase here")]).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(jade.get(app.url("/home")).send().await?.status(), StatusCode::OK);
        assert_ne!(jade_old_session.get(app.url("/home")).send().await?.status(), StatusCode::OK, "old sessions end");
        let old = crate::support::browser()?.post(app.url("/sign-in")).form(&[("sign_in_name", "skyblue-fox"), ("passphrase", DEMO_PASSPHRASE)]).send().await?;
        assert_eq!(old.status(), StatusCode::OK, "the old passphrase no longer works");
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE role = 'child'").fetch_one(test.db.pool()).await?;
        assert_eq!(accounts, 7, "the same account, not a new one");
        Ok(())
    }
}
