//! Signing in and out, sessions and throttling, over HTTP on both databases.

use crate::support::plain;

use crate::support::TestApp;
use reqwest::{StatusCode, header};
use server::demo::DEMO_PASSPHRASE;

const CHILD: &str = "skyblue-fox";
const OTHER_CHILD: &str = "river-stone";
const IRO: &str = "amina.hussain@example.org";

/// Posts the sign-in form; returns the response.
async fn sign_in(app: &TestApp, name: &str, passphrase: &str) -> anyhow::Result<reqwest::Response> {
    Ok(app
        .client
        .post(app.url("/sign-in"))
        .form(&[("sign_in_name", name), ("passphrase", passphrase)])
        .send()
        .await?)
}

/// The session token a response set, if any.
fn session_token(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("mysay-session="))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
        .filter(|t| !t.is_empty())
}

/// GET with an explicit session cookie, outside the client's own jar.
async fn get_as(app: &TestApp, path: &str, token: &str) -> anyhow::Result<reqwest::Response> {
    let client = crate::support::without_cookie_jar().build()?;
    Ok(client
        .get(app.url(path))
        .header(header::COOKIE, format!("mysay-session={token}"))
        .send()
        .await?)
}

async fn is_signed_in(app: &TestApp, token: &str) -> anyhow::Result<bool> {
    Ok(get_as(app, "/home", token).await?.status() == StatusCode::OK)
}

/// A page's text without the invisible marks Fluent puts around inserted
/// values (they keep names the right way round in right-to-left pages).
async fn page(app: &TestApp, path: &str) -> anyhow::Result<String> {
    Ok(plain(&app.get_text(path).await?))
}

/// The error message a re-shown sign-in form carries.
fn error_text(html: &str) -> Option<String> {
    let start = html.find(r#"class="error-message""#)?;
    let rest = &html[start..];
    let end = rest.find("</p>")?;
    Some(rest[..end].to_owned())
}

async fn audit_actions(test: &crate::support::TestDb) -> anyhow::Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
            .fetch_all(test.db.pool())
            .await?,
    )
}

on_both_databases! {
    async fn a_child_signs_in_and_sees_their_home(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let response = sign_in(&app, "  SkyBlue-Fox ", DEMO_PASSPHRASE).await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        // The first time: how to leave quickly, before anything else.
        assert_eq!(response.headers()[header::LOCATION], "/before-you-start");
        let cookie = response.headers()[header::SET_COOKIE].to_str()?.to_owned();
        assert!(cookie.starts_with("mysay-session="), "{cookie}");
        for attribute in ["Path=/", "HttpOnly", "SameSite=Lax"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
        assert!(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "ends with the browser");
        let before = plain(&app.get_text("/before-you-start").await?);
        assert!(before.contains("Before you start") && before.contains("Exit this page"), "{before}");
        let onward = app.client.post(app.url("/before-you-start")).send().await?;
        assert_eq!(onward.headers()[header::LOCATION], "/home");
        let home = app.get("/home").await?;
        assert_eq!(home.status(), StatusCode::OK);
        assert_eq!(home.headers()[header::CACHE_CONTROL], "no-store");
        let html = plain(&home.text().await?);
        assert!(html.contains("Hello, Jade"), "{html}");
        assert!(html.contains("Amina Hussain"), "their IRO");
        assert!(!html.contains("Tom") && !html.contains("Yonas"), "nobody else's name");
        assert_eq!(audit_actions(&test).await?, ["sign_in"]);
        Ok(())
    }

    async fn a_childs_language_and_simpler_mode_come_back_at_every_sign_in(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        sign_in(&app, "skyblue-fox", DEMO_PASSPHRASE).await?;
        app.client.post(app.url("/before-you-start")).send().await?;
        let chosen = app.get("/language/ar?next=/home").await?;
        assert_eq!(chosen.headers()[header::LOCATION], "/home");
        let simpler = app.client.post(app.url("/simpler")).form(&[("on", "1"), ("next", "/consultation")]).send().await?;
        assert_eq!(simpler.headers()[header::LOCATION], "/consultation");
        let page = app.get_text("/consultation").await?;
        assert!(page.contains(r#"<body class="simpler">"#), "{page}");
        assert!(page.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(page.contains(r#"class="picture""#), "pictures beside the topics");

        // A new phone (or after Exit this page cleared the cookies): the
        // account brings both back, and the first-time page is not shown again.
        let other = test.spawn_app().await?;
        let response = sign_in(&other, "skyblue-fox", DEMO_PASSPHRASE).await?;
        assert_eq!(response.headers()[header::LOCATION], "/home");
        let cookies: Vec<&str> = response.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
        assert!(cookies.iter().any(|c| c.starts_with("mysay-lang=ar;")), "{cookies:?}");
        assert!(cookies.iter().any(|c| c.starts_with("mysay-simpler=1;")), "{cookies:?}");
        let home = other.get_text("/home").await?;
        assert!(home.contains(r#"<body class="simpler">"#) && home.contains(r#"dir="rtl""#));

        // Switched off again: off everywhere.
        let off = other.client.post(other.url("/simpler")).form(&[("on", "0"), ("next", "//evil.example")]).send().await?;
        assert_eq!(off.headers()[header::LOCATION], "/", "only our own pages");
        assert!(off.headers()[header::SET_COOKIE].to_str()?.starts_with("mysay-simpler=; Path=/; Max-Age=0"));
        assert!(!other.get_text("/home").await?.contains(r#"<body class="simpler">"#));
        let again = sign_in(&app, "skyblue-fox", DEMO_PASSPHRASE).await?;
        let cookies: Vec<&str> = again.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
        assert!(cookies.iter().any(|c| c.starts_with("mysay-simpler=;")), "{cookies:?}");
        Ok(())
    }

    async fn simpler_mode_works_for_visitors_without_an_account(test) {
        let app = test.spawn_app().await?;
        let html = app.get_text("/help").await?;
        assert!(html.contains(r#"action="/simpler""#) && !html.contains(r#"<body class="simpler">"#));
        app.client.post(app.url("/simpler")).form(&[("on", "1"), ("next", "/help")]).send().await?;
        let html = app.get_text("/help").await?;
        assert!(html.contains(r#"<body class="simpler">"#), "{html}");
        assert!(html.contains(r#"aria-pressed="true""#));
        Ok(())
    }

    async fn home_needs_a_session(test) {
        let app = test.spawn_app().await?;
        let response = app.get("/home").await?;
        assert!(response.status().is_redirection());
        assert_eq!(response.headers()[header::LOCATION], "/sign-in");
        assert!(!get_as(&app, "/home", "made-up-token").await?.status().is_success());
        Ok(())
    }

    async fn every_failure_looks_the_same(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let wrong = sign_in(&app, CHILD, "not the passphrase").await?;
        assert_eq!(wrong.status(), StatusCode::OK);
        assert!(session_token(&wrong).is_none());
        let wrong = wrong.text().await?;
        let unknown = sign_in(&app, "nobody-here", "not the passphrase").await?.text().await?;
        let empty = sign_in(&app, CHILD, "").await?.text().await?;
        let message = error_text(&wrong).unwrap_or_default();
        assert!(message.contains("The sign-in name or passphrase is not right"), "{wrong}");
        assert_eq!(error_text(&unknown), Some(message.clone()));
        assert_eq!(error_text(&empty), Some(message));
        assert!(wrong.contains("<title>Error: Sign in: MySay</title>"));
        assert!(wrong.contains(r#"class="error-summary""#));
        assert!(wrong.contains(r#"value="skyblue-fox""#), "the name is kept");
        assert!(!wrong.contains("not the passphrase"), "the passphrase is not");
        assert_eq!(audit_actions(&test).await?, ["sign_in_failed", "sign_in_failed"]);
        Ok(())
    }

    async fn typed_text_is_escaped_when_shown_again(test) {
        let app = test.spawn_app().await?;
        let html = sign_in(&app, r#""><script>alert(1)</script>"#, "whatever!").await?.text().await?;
        assert!(!html.contains("<script>alert(1)</script>"));
        assert!(html.contains("&lt;script&gt;") || html.contains("&quot;&gt;"), "{html}");
        Ok(())
    }

    async fn each_sign_in_gets_a_new_session(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let first = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let second = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        assert!(!first.is_empty() && first != second);
        assert!(!is_signed_in(&app, &first).await?, "the browser's old session ended");
        assert!(is_signed_in(&app, &second).await?);
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(test.db.pool()).await?;
        assert_eq!(stored.len(), 1);
        assert!(!stored.iter().any(|h| h.contains(&second)), "only a hash is stored");
        Ok(())
    }

    async fn signing_out_ends_the_session_and_clears_the_browser(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let token = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let response = app.client.post(app.url("/sign-out")).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["clear-site-data"], r#""cache", "cookies", "storage""#);
        assert!(response.headers()[header::SET_COOKIE].to_str()?.contains("Max-Age=0"));
        assert!(!is_signed_in(&app, &token).await?);
        assert_eq!(audit_actions(&test).await?, ["sign_in", "sign_out"]);
        Ok(())
    }

    async fn exit_this_page_ends_the_session_and_goes_somewhere_neutral(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let token = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        // A link, so a plain GET: it works without JavaScript.
        let response = app.client.get(app.url("/exit")).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "https://www.bbc.co.uk/weather");
        assert_eq!(response.headers()["clear-site-data"], r#""cache", "cookies", "storage""#);
        assert!(response.headers()[header::SET_COOKIE].to_str()?.contains("Max-Age=0"));
        assert!(!is_signed_in(&app, &token).await?);
        // Signed out already: it still goes, and clears.
        let again = app.client.get(app.url("/exit")).send().await?;
        assert_eq!(again.headers()[header::LOCATION], "https://www.bbc.co.uk/weather");
        assert!(again.headers().contains_key("clear-site-data"));
        Ok(())
    }

    async fn sign_out_everywhere_ends_every_session(test) {
        server::demo::load_if_empty(&test.db).await?;
        let phone = test.spawn_app().await?;
        let phone_token = session_token(&sign_in(&phone, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let laptop_token = session_token(&sign_in(&phone, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        // The laptop signed in separately (a fresh browser: its own cookie).
        let laptop = crate::support::without_cookie_jar().build()?;
        let laptop_session = laptop
            .post(phone.url("/sign-in"))
            .form(&[("sign_in_name", CHILD), ("passphrase", DEMO_PASSPHRASE)])
            .send()
            .await?;
        let laptop_token_2 = session_token(&laptop_session).unwrap_or_default();
        let someone_else = session_token(&sign_in(&test.spawn_app().await?, OTHER_CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        assert!(is_signed_in(&phone, &laptop_token_2).await?);
        let response = phone.client.post(phone.url("/sign-out-everywhere")).send().await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        for token in [&phone_token, &laptop_token, &laptop_token_2] {
            assert!(!is_signed_in(&phone, token).await?);
        }
        assert!(is_signed_in(&phone, &someone_else).await?, "other people stay signed in");
        Ok(())
    }

    async fn sessions_end_after_30_idle_minutes_or_12_hours(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let idle = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let old = session_token(&sign_in(&test.spawn_app().await?, OTHER_CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let now = server::storage::now_millis();
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now - 31 * 60 * 1000)
            .bind(server::accounts::sessions::hash_token(&idle))
            .execute(test.db.pool()).await?;
        sqlx::query("UPDATE sessions SET created_at = $1, last_seen_at = $2 WHERE token_hash = $3")
            .bind(now - 12 * 60 * 60 * 1000 - 1)
            .bind(now)
            .bind(server::accounts::sessions::hash_token(&old))
            .execute(test.db.pool()).await?;
        assert!(!is_signed_in(&app, &idle).await?, "idle for 31 minutes");
        assert!(!is_signed_in(&app, &old).await?, "twelve hours old");
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(test.db.pool()).await?;
        assert_eq!(left, 0, "expired sessions are removed");
        Ok(())
    }

    async fn stay_signed_in_restarts_the_idle_clock(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let token = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let html = page(&app, "/home").await?;
        assert!(html.contains("MySay signs you out after 30 minutes without activity"));
        assert!(html.contains(r#"href="/stay-signed-in?next=/home""#), "{html}");
        let nearly = server::storage::now_millis() - 29 * 60 * 1000;
        sqlx::query("UPDATE sessions SET last_seen_at = $1").bind(nearly).execute(test.db.pool()).await?;
        let response = app.get("/stay-signed-in?next=/help").await?;
        assert_eq!(response.headers()[header::LOCATION], "/help");
        let seen: i64 = sqlx::query_scalar("SELECT last_seen_at FROM sessions").fetch_one(test.db.pool()).await?;
        assert!(seen > nearly + 28 * 60 * 1000, "the clock started again");
        assert!(is_signed_in(&app, &token).await?);
        let elsewhere = app.get("/stay-signed-in?next=https://evil.example").await?;
        assert_eq!(elsewhere.headers()[header::LOCATION], "/home");
        let anonymous = get_as(&app, "/stay-signed-in?next=/home", "no-such-token").await?;
        assert_eq!(anonymous.headers()[header::LOCATION], "/sign-in");
        Ok(())
    }

    async fn changing_the_passphrase_ends_every_other_session(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let here = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let elsewhere = session_token(&sign_in(&test.spawn_app().await?, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        // Wrong current passphrase, and a common new one: both explained, nothing changed.
        let refused = app.client.post(app.url("/account/passphrase"))
            .form(&[("current", "not it at all"), ("new", "password1")]).send().await?;
        let html = plain(&refused.text().await?);
        assert!(html.contains("That is not your passphrase now"), "{html}");
        assert!(html.contains("Lots of people use that passphrase"));
        assert!(is_signed_in(&app, &elsewhere).await?, "nothing changed");
        let changed = app.client.post(app.url("/account/passphrase"))
            .form(&[("current", DEMO_PASSPHRASE), ("new", "a brand new phrase for me")]).send().await?;
        assert!(plain(&changed.text().await?).contains("Your passphrase has changed"));
        assert!(is_signed_in(&app, &here).await?, "this session carries on");
        assert!(!is_signed_in(&app, &elsewhere).await?, "the others end");
        let old = crate::support::without_cookie_jar().build()?;
        let response = old.post(app.url("/sign-in")).form(&[("sign_in_name", CHILD), ("passphrase", "a brand new phrase for me")]).send().await?;
        assert!(session_token(&response).is_some(), "the new passphrase works");
        assert!(audit_actions(&test).await?.contains(&"passphrase_changed".to_owned()));
        Ok(())
    }

    async fn expired_sessions_are_purged(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let live = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        let _stale = session_token(&sign_in(&test.spawn_app().await?, OTHER_CHILD, DEMO_PASSPHRASE).await?);
        sqlx::query("UPDATE sessions SET last_seen_at = 0 WHERE token_hash <> $1")
            .bind(server::accounts::sessions::hash_token(&live))
            .execute(test.db.pool()).await?;
        assert_eq!(server::accounts::sessions::purge_expired(&test.db).await?, 1);
        assert!(is_signed_in(&app, &live).await?);
        Ok(())
    }

    async fn a_disabled_account_is_signed_out_and_cannot_sign_in(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let token = session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        sqlx::query("UPDATE accounts SET disabled_at = 1 WHERE sign_in_name = $1")
            .bind(CHILD).execute(test.db.pool()).await?;
        assert!(!is_signed_in(&app, &token).await?);
        assert!(session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).is_none());
        Ok(())
    }

    async fn ten_failures_in_an_hour_lock_the_name(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let started = std::time::Instant::now();
        for _ in 0..10 {
            sign_in(&app, CHILD, "wrong guess").await?;
        }
        // Failures 6 to 10 were slowed: 0.5 + 1 + 1.5 + 2 + 2.5 seconds.
        assert!(started.elapsed() >= std::time::Duration::from_millis(7_500), "{:?}", started.elapsed());
        let refused = sign_in(&app, CHILD, DEMO_PASSPHRASE).await?;
        assert!(session_token(&refused).is_none(), "locked, even with the right passphrase");
        let actions = audit_actions(&test).await?;
        assert_eq!(actions.last().map(String::as_str), Some("sign_in_refused_locked"));
        // A manager unlocks it (or the hour passes).
        let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
            .bind(CHILD).fetch_one(test.db.pool()).await?;
        server::accounts::sign_in::unlock(&test.db, id).await?;
        assert!(session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).is_some());
        Ok(())
    }

    async fn one_address_cannot_try_without_limit(test) {
        let app = test.spawn_app().await?;
        for n in 0..30 {
            let html = sign_in(&app, &format!("name-{n}"), "wrong guess").await?.text().await?;
            assert!(!html.contains("too many tries"), "attempt {n} limited too early");
        }
        let refused = sign_in(&app, "name-31", "wrong guess").await?;
        assert_eq!(refused.status(), reqwest::StatusCode::TOO_MANY_REQUESTS, "told apart from a wrong passphrase");
        let html = refused.text().await?;
        assert!(html.contains("too many tries"), "{html}");
        let hashed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures").fetch_one(test.db.pool()).await?;
        assert_eq!(hashed, 30, "the limited attempt was refused before any hashing");
        Ok(())
    }

    async fn behind_a_trusted_proxy_each_person_is_limited_on_their_own(test) {
        let app = test.spawn_app_with(server::config::ConfigLayer {
            trusted_proxies: Some(vec!["127.0.0.1".to_owned()]),
            ..server::config::ConfigLayer::default()
        }).await?;
        let from = |address: &'static str, n: usize| {
            let client = crate::support::without_cookie_jar().build();
            let url = app.url("/sign-in");
            async move {
                Ok::<_, anyhow::Error>(client?
                    .post(url)
                    .header("x-forwarded-for", address)
                    .form(&[("sign_in_name", format!("name-{n}")), ("passphrase", "wrong guess".to_owned())])
                    .send()
                    .await?)
            }
        };
        for n in 0..30 {
            assert_eq!(from("198.51.100.1", n).await?.status(), reqwest::StatusCode::OK);
        }
        assert_eq!(from("198.51.100.1", 31).await?.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
        // Someone else behind the same proxy is not locked out.
        assert_eq!(from("203.0.113.7", 32).await?.status(), reqwest::StatusCode::OK);
        // A /64 is one address: another address in it is limited too.
        for n in 0..30 {
            from("2001:db8:5:6::1", 100 + n).await?;
        }
        assert_eq!(from("2001:db8:5:6:ffff::2", 200).await?.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
        // Without trusting the proxy, the header is the person's own words:
        // every request is the proxy's (here, loopback's) address.
        let plain_app = test.spawn_app().await?;
        let client = crate::support::without_cookie_jar().build()?;
        for n in 0..31 {
            let address = format!("198.51.100.{}", n + 1);
            let status = client.post(plain_app.url("/sign-in")).header("x-forwarded-for", address)
                .form(&[("sign_in_name", format!("other-{n}")), ("passphrase", "wrong guess".to_owned())])
                .send().await?.status();
            if n == 30 {
                assert_eq!(status, reqwest::StatusCode::TOO_MANY_REQUESTS, "a forged header buys no more tries");
            }
        }
        Ok(())
    }

    async fn the_audit_log_cannot_be_changed(test) {
        server::accounts::audit::record(test.db.pool(), None, server::accounts::audit::AuditAction::SignInFailed, None).await?;
        assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'").execute(test.db.pool()).await.is_err());
        assert!(sqlx::query("DELETE FROM audit_log").execute(test.db.pool()).await.is_err());
        if test.backend == server::storage::Backend::Postgres {
            assert!(sqlx::query("TRUNCATE audit_log").execute(test.db.pool()).await.is_err(), "not emptied in one go");
        }
        assert_eq!(audit_actions(&test).await?, ["sign_in_failed"]);
        Ok(())
    }

    async fn an_iro_sees_only_their_own_children(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, IRO, DEMO_PASSPHRASE).await?;
        let html = page(&app, "/home").await?;
        assert!(html.contains("Hello, Amina Hussain"));
        assert!(html.contains("Jade") && html.contains("Tom"), "{html}");
        assert!(!html.contains("Yonas") && !html.contains("Lily"), "Ben's children are not shown");
        Ok(())
    }

    async fn the_caseload_filters_sorts_and_shows_the_next_7_days(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, IRO, DEMO_PASSPHRASE).await?;
        // A letter Jade has not opened yet.
        let jade: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'").fetch_one(test.db.pool()).await?;
        let tom: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Tom'").fetch_one(test.db.pool()).await?;
        let amina: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1").bind(IRO).fetch_one(test.db.pool()).await?;
        sqlx::query("INSERT INTO letters (child_id, author_account_id, language, body, created_at, updated_at, sent_at) \
                     VALUES ($1, $2, 'en', 'Hello', 1, 1, 1)")
            .bind(jade).bind(amina).execute(test.db.pool()).await?;
        let html = plain(&page(&app, "/home").await?);
        let rows = |html: &str| html.matches("<tr><td><a href=\"/children/").count();
        let all = rows(&html);
        assert!(all >= 3, "{html}");
        // Tom's review is in 4 days (the demo): in the next 7 days, with his views' status.
        let week = &html[html.find("Reviews in the next 7 days").ok_or_else(|| anyhow::anyhow!("no the week"))?..html.find(r#"id="caseload""#).ok_or_else(|| anyhow::anyhow!("no the table"))?];
        assert!(week.contains("Tom") && week.contains("at 10:00") && !week.contains("Jade"), "{week}");
        assert!(week.contains("Not started"), "{week}");
        // "New invitation" is on the child's page now, not in the table.
        assert!(!html.contains("/invitation\""), "{html}");
        let child_page = plain(&page(&app, &format!("/children/{jade}")).await?);
        assert!(child_page.contains(&format!(r#"action="/children/{jade}/invitation""#)), "{child_page}");
        // A count of each, and each filter shows just those.
        let link = &html[html.find(r#"href="/home?show=letters-unread#caseload">Letter not read"#).ok_or_else(|| anyhow::anyhow!("no the filter"))?..];
        assert!(link[..link.find("</a>").ok_or_else(|| anyhow::anyhow!("no its end"))?].contains(r#"<span class="count">1</span>"#), "{link}");
        let letters = plain(&page(&app, "/home?show=letters-unread").await?);
        assert_eq!(rows(&letters), 1, "{letters}");
        assert!(letters.contains(">Jade</a>") && letters.contains("Not read yet"), "{letters}");
        let none = plain(&page(&app, "/home?show=views-unread").await?);
        assert_eq!(rows(&none), 0);
        assert!(none.contains("No children match this."), "{none}");
        // Sorted by next review: Tom (4 days) first.
        let sorted = plain(&page(&app, "/home?sort=review").await?);
        assert_eq!(rows(&sorted), all);
        let first = sorted.find("<tr><td><a href=\"/children/").ok_or_else(|| anyhow::anyhow!("no a row"))?;
        assert!(sorted[first..].starts_with(&format!("<tr><td><a href=\"/children/{}\">Tom", tom)), "{sorted}");
        assert!(sorted.contains(r#"aria-sort="ascending">Next review"#), "{sorted}");
        // A filter that is not one shows everyone.
        assert_eq!(rows(&plain(&page(&app, "/home?show=nonsense").await?)), all);
        Ok(())
    }

    async fn staff_set_up_an_authenticator_app_on_first_sign_in(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let response = sign_in(&app, IRO, DEMO_PASSPHRASE).await?;
        assert_eq!(response.headers()[header::LOCATION], "/sign-in/second-step");
        let pending = session_token(&response).unwrap_or_default();
        assert!(!is_signed_in(&app, &pending).await?, "not signed in until the second step");
        let html = app.get_text("/sign-in/second-step").await?;
        assert!(html.contains("Set up your authenticator app"));
        assert!(html.contains("data:image/svg+xml;base64,"), "a QR code");
        // A wrong code is refused and nothing changes.
        let wrong = app.client.post(app.url("/sign-in/second-step")).form(&[("code", "000000")]).send().await?;
        assert!(wrong.text().await?.contains("That code is not right"));
        assert!(!is_signed_in(&app, &pending).await?);
        // The right one signs in, with a new session id, and shows ten recovery codes once.
        let fresh = crate::support::browser()?;
        let codes = crate::support::sign_in_staff(&test, &app, &fresh, IRO, DEMO_PASSPHRASE).await?;
        assert_eq!(codes.len(), 10, "{codes:?}");
        assert_eq!(fresh.get(app.url("/home")).send().await?.status(), StatusCode::OK);
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = $1")
            .bind(&codes[0]).fetch_one(test.db.pool()).await?;
        assert_eq!(stored, 0, "only hashes are kept");
        let actions = audit_actions(&test).await?;
        assert!(actions.contains(&"second_factor_failed".to_owned()));
        assert!(actions.contains(&"second_factor_set_up".to_owned()));

        // Next time: a code, not set-up; a recovery code works once.
        let later = crate::support::browser()?;
        later.post(app.url("/sign-in")).form(&[("sign_in_name", IRO), ("passphrase", DEMO_PASSPHRASE)]).send().await?;
        let html = later.get(app.url("/sign-in/second-step")).send().await?.text().await?;
        assert!(html.contains("Enter the code from your authenticator app"), "{html}");
        let used = later.post(app.url("/sign-in/second-step")).form(&[("code", codes[0].to_uppercase().as_str())]).send().await?;
        assert_eq!(used.headers()[header::LOCATION], "/home");
        let again = crate::support::browser()?;
        again.post(app.url("/sign-in")).form(&[("sign_in_name", IRO), ("passphrase", DEMO_PASSPHRASE)]).send().await?;
        let reused = again.post(app.url("/sign-in/second-step")).form(&[("code", codes[0].as_str())]).send().await?;
        assert_eq!(reused.status(), StatusCode::OK, "a recovery code works once");
        Ok(())
    }

    async fn a_code_from_the_app_works_once(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, IRO, DEMO_PASSPHRASE).await?;
        let (sealed, last_step): (String, i64) = sqlx::query_as("SELECT secret, last_step FROM second_factors").fetch_one(test.db.pool()).await?;
        let (secret, _) = server::accounts::second_factor::open(&app.keys, &sealed).unwrap_or_default();
        let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes())?;
        let replayed = format!("{:06}", server::accounts::second_factor::code_for_step(&key, last_step).unwrap_or_default());
        let other = crate::support::browser()?;
        other.post(app.url("/sign-in")).form(&[("sign_in_name", IRO), ("passphrase", DEMO_PASSPHRASE)]).send().await?;
        let response = other.post(app.url("/sign-in/second-step")).form(&[("code", replayed.as_str())]).send().await?;
        assert!(response.text().await?.contains("That code is not right"), "the same code twice is refused");
        Ok(())
    }

    async fn the_second_step_waits_ten_minutes_at_most(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        sign_in(&app, IRO, DEMO_PASSPHRASE).await?;
        sqlx::query("UPDATE sessions SET created_at = $1").bind(server::storage::now_millis() - 11 * 60 * 1000).execute(test.db.pool()).await?;
        let response = app.get("/sign-in/second-step").await?;
        assert_eq!(response.headers()[header::LOCATION], "/sign-in");
        Ok(())
    }

    async fn a_manager_disables_enables_and_unlocks_accounts(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = session_token(&sign_in(&test.spawn_app().await?, CHILD, DEMO_PASSPHRASE).await?).unwrap_or_default();
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let list = page(&app, "/manage/accounts").await?;
        assert!(list.contains("skyblue-fox") && list.contains("Amina Hussain"), "{list}");
        let (jade_id, morgan_id): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT id FROM accounts WHERE sign_in_name = 'skyblue-fox'), \
                    (SELECT id FROM accounts WHERE sign_in_name = 'morgan.price@example.org')",
        ).fetch_one(test.db.pool()).await?;

        let disabled = app.client.post(app.url(&format!("/manage/accounts/{jade_id}/disable"))).send().await?;
        assert_eq!(disabled.headers()[header::LOCATION], "/manage/accounts");
        assert!(!is_signed_in(&app, &jade).await?, "her sessions end at once");
        assert!(session_token(&sign_in(&app, CHILD, DEMO_PASSPHRASE).await?).is_none());
        assert!(page(&app, "/manage/accounts").await?.contains("Disabled"));
        app.client.post(app.url(&format!("/manage/accounts/{jade_id}/enable"))).send().await?;
        let again = crate::support::without_cookie_jar().build()?;
        let response = again.post(app.url("/sign-in")).form(&[("sign_in_name", CHILD), ("passphrase", DEMO_PASSPHRASE)]).send().await?;
        assert!(session_token(&response).is_some(), "enabled again");

        // Locked by failures; a manager unlocks it.
        for _ in 0..10 {
            sqlx::query("INSERT INTO sign_in_failures (name_hash, at) VALUES ($1, $2)")
                .bind(server::accounts::sign_in::name_hash(CHILD))
                .bind(server::storage::now_millis())
                .execute(test.db.pool()).await?;
        }
        assert!(page(&app, "/manage/accounts").await?.contains("Locked after failed sign-ins"));
        app.client.post(app.url(&format!("/manage/accounts/{jade_id}/unlock"))).send().await?;
        assert!(!page(&app, "/manage/accounts").await?.contains("Locked after failed sign-ins"));

        // A manager cannot lock themself out.
        let myself = app.client.post(app.url(&format!("/manage/accounts/{morgan_id}/disable"))).send().await?;
        assert_eq!(myself.status(), StatusCode::NOT_FOUND);
        let actions = audit_actions(&test).await?;
        for action in ["account_disabled", "account_enabled", "account_unlocked"] {
            assert!(actions.contains(&action.to_owned()), "{action} not audited");
        }
        Ok(())
    }

    async fn a_manager_sees_staff_and_children(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        crate::support::sign_in_staff(&test, &app, &app.client, "morgan.price@example.org", DEMO_PASSPHRASE).await?;
        let html = page(&app, "/home").await?;
        for name in ["Ben Carter", "Chloe Adams", "Dev Patel", "Jade", "Yonas", "Lily"] {
            assert!(html.contains(name), "{name} missing");
        }
        Ok(())
    }
}
