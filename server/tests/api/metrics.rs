//! Metrics and health for the IT team: `/metrics` in Prometheus's text
//! format behind a bearer token, counting requests by route pattern (never
//! by path), with the outbox, unseen safety alerts and the pool read when
//! scraped; no personal data in it. `/readyz` says whether this server can
//! take requests.

use crate::support::{child_client, staff_client};
use reqwest::{StatusCode, header};
use server::{
    config::ConfigLayer,
    email::{Email, enqueue},
};

const TOKEN: &str = "a-metrics-token-for-the-it-team-0123456789";

on_both_databases! {
    async fn metrics_are_served_to_the_token_holder_without_personal_data(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test
            .spawn_app_with(ConfigLayer { metrics_token: Some(TOKEN.to_owned()), ..ConfigLayer::default() })
            .await?;
        // Traffic with names, ids and addresses in it.
        let child = child_client(&app, "skyblue-fox").await?;
        child.get(app.url("/home")).send().await?;
        child.get(app.url("/consultation")).send().await?;
        let jade: i64 = sqlx::query_scalar("SELECT id FROM children WHERE first_name = 'Jade'")
            .fetch_one(test.db.pool())
            .await?;
        let iro = staff_client(&test, &app, "amina.hussain@example.org").await?;
        let summary = format!("/children/{jade}/consultation");
        assert_eq!(iro.get(app.url(&summary)).send().await?.status(), StatusCode::OK);
        iro.get(app.url("/no-such-page/jade@example.org")).send().await?;
        enqueue(test.db.pool(), &Email {
            to: "someone.private@example.org".to_owned(),
            subject: "You have something new in MySay".to_owned(),
            body: "Sign in to see it.".to_owned(),
        })
        .await?;

        // No token, or the wrong one: nothing.
        let plain = crate::support::plain_client()?;
        let none = plain.get(app.url("/metrics")).send().await?;
        assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
        let wrong = plain.get(app.url("/metrics")).bearer_auth("not-the-token").send().await?;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(!wrong.text().await?.contains("mysay_"));

        let response = plain.get(app.url("/metrics")).bearer_auth(TOKEN).send().await?;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.to_str().unwrap_or_default().starts_with("text/plain")));
        let text = response.text().await?;
        for expected in [
            "mysay_http_requests_total{",
            "route=\"/children/{id}/consultation\"",
            "route=\"/sign-in\"",
            "status=\"200\"",
            "mysay_http_request_duration_seconds_bucket{",
            "mysay_outbox_unsent ",
            "mysay_outbox_oldest_unsent_seconds ",
            "mysay_safety_alerts_unseen ",
            "mysay_db_pool_connections ",
        ] {
            assert!(text.contains(expected), "{expected} missing:\n{text}");
        }
        // The outbox's depth is at least the email just queued (the worker
        // may not have sent it yet), and the demo's unseen alerts counted.
        let alerts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM safety_alerts WHERE seen_at IS NULL")
            .fetch_one(test.db.pool())
            .await?;
        assert!(text.contains(&format!("mysay_safety_alerts_unseen {alerts}\n")), "{alerts}:\n{text}");
        // Nothing personal: no address, name, sign-in name, id or path.
        for personal in ["@", "Jade", "skyblue-fox", "amina", "jade", "no-such-page", &format!("/children/{jade}")] {
            assert!(!text.contains(personal), "{personal} in the metrics:\n{text}");
        }
        for line in text.lines().filter(|l| l.contains("route=")) {
            let route = line.split("route=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
            assert!(!route.split('/').any(|part| part.chars().any(|c| c.is_ascii_digit())), "an id in {line}");
        }
        Ok(())
    }

    async fn ready_means_migrated_and_sending(test) {
        let app = test.spawn_app().await?;
        let mut ready = false;
        for _ in 0..50 {
            if app.get("/readyz").await?.status() == StatusCode::OK {
                ready = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(ready, "a server sending email is ready");
        assert_eq!(app.get("/healthz").await?.status(), StatusCode::OK);
        // A server whose outbox worker is not running is alive, not ready.
        let holding = test.spawn_app_holding_mail().await?;
        assert_eq!(holding.get("/healthz").await?.status(), StatusCode::OK);
        let response = holding.get("/readyz").await?;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.text().await?, "outbox worker not running\n");
        // Nor is one whose database lacks this release's migrations.
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
            .execute(test.db.pool())
            .await?;
        let response = app.get("/readyz").await?;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.text().await?, "database not migrated to this release\n");
        Ok(())
    }
}
