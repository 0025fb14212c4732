//! A manager adds a member of staff, on both databases: the invitation
//! goes by email through a real SMTP server on loopback, the new member of
//! staff chooses a passphrase from its link and goes straight on to set up
//! their authenticator app. Problems are refused kindly with nothing
//! stored; a new invitation replaces the old one.

use std::time::Duration;

use crate::support::{TestApp, TestDb, plain, smtp::SmtpSink};
use reqwest::{StatusCode, header};
use server::{config::ConfigLayer, demo::DEMO_PASSPHRASE};

const NEW_PASSPHRASE: &str = "lanterns over quiet harbours";

fn staff_form<'a>(name: &'a str, email: &'a str, role: &'a str) -> [(&'a str, &'a str); 3] {
    [("full_name", name), ("email", email), ("role", role)]
}

/// Waits for the `n`th email to reach the sink and returns it, with
/// quoted-printable soft line breaks undone.
async fn nth_email(sink: &SmtpSink, n: usize) -> anyhow::Result<String> {
    for _ in 0..100 {
        if let Some(message) = sink.messages().get(n - 1) {
            return Ok(message
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "="));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("email {n} never arrived")
}

fn token_in(email: &str) -> Option<String> {
    email
        .split("/join/")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace()).next())
        .map(str::to_owned)
}

async fn manager(test: &TestDb, app: &TestApp) -> anyhow::Result<()> {
    crate::support::sign_in_staff(
        test,
        app,
        &app.client,
        "morgan.price@example.org",
        DEMO_PASSPHRASE,
    )
    .await?;
    Ok(())
}

on_both_databases! {
    async fn a_manager_invites_staff_by_email_and_they_join_with_a_second_factor(test) {
        server::demo::load_if_empty(&test.db).await?;
        let sink = SmtpSink::start(0).await?;
        let app = test
            .spawn_app_with(ConfigLayer { smtp_url: Some(sink.url()), ..ConfigLayer::default() })
            .await?;
        manager(&test, &app).await?;
        let page = plain(&app.get_text("/manage/staff/new").await?);
        assert!(page.contains("Add a member of staff"), "{page}");

        let response = app
            .client
            .post(app.url("/manage/staff"))
            .form(&staff_form("Farah Iqbal", " Farah.Iqbal@Example.org ", "iro"))
            .send()
            .await?;
        assert_eq!(response.headers()[header::LOCATION], "/manage/accounts?invited=1");
        let accounts = plain(&app.get_text("/manage/accounts?invited=1").await?);
        assert!(accounts.contains("The invitation has been emailed."));
        assert!(accounts.contains("Farah Iqbal") && accounts.contains("Invited, not joined yet"));

        let email = nth_email(&sink, 1).await?;
        assert!(email.contains("To: farah.iqbal@example.org"), "{email}");
        assert!(email.contains("Hello Farah Iqbal") && email.contains("Morgan Price has invited you"));
        let token = token_in(&email).ok_or_else(|| anyhow::anyhow!("the email carries no link"))?;
        // A staff invitation opens a staff account: by its link only, never
        // by a short code.
        assert!(!email.contains("type this code"), "{email}");

        // Only hashes are kept.
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM invitations WHERE account_id IS NOT NULL")
            .fetch_all(test.db.pool()).await?;
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0], token);

        // Cannot sign in before joining.
        let someone = crate::support::browser()?;
        let refused = someone
            .post(app.url("/sign-in"))
            .form(&[("sign_in_name", "farah.iqbal@example.org"), ("passphrase", NEW_PASSPHRASE)])
            .send().await?;
        assert_eq!(refused.status(), StatusCode::OK, "no passphrase yet: the usual failure");

        let new_staff = crate::support::browser()?;
        let join = plain(&new_staff.get(app.url(&format!("/join/{token}"))).send().await?.text().await?);
        assert!(join.contains("Your sign-in name is your email address:"), "{join}");
        assert!(join.contains("farah.iqbal@example.org"));
        assert!(!join.contains("Choose a sign-in name"), "staff do not choose one");

        let weak = new_staff
            .post(app.url("/join"))
            .form(&[("token", token.as_str()), ("passphrase", "password")])
            .send().await?;
        assert_eq!(weak.status(), StatusCode::OK);
        assert!(plain(&weak.text().await?).contains("<title>Error: Join MySay</title>"));

        let joined = new_staff
            .post(app.url("/join"))
            .form(&[("token", token.as_str()), ("passphrase", NEW_PASSPHRASE)])
            .send().await?;
        assert_eq!(joined.headers()[header::LOCATION], "/sign-in/second-step", "straight on to the authenticator");
        let second = new_staff.get(app.url("/home")).send().await?;
        assert_eq!(second.headers()[header::LOCATION], "/sign-in", "not signed in without the second factor");

        // The whole staff sign-in now works, and they have the role given.
        let fresh = crate::support::browser()?;
        let codes = crate::support::sign_in_staff(&test, &app, &fresh, "farah.iqbal@example.org", NEW_PASSPHRASE).await?;
        assert_eq!(codes.len(), 10, "recovery codes on setting up");
        let home = plain(&fresh.get(app.url("/home")).send().await?.text().await?);
        assert!(home.contains("Hello, Farah Iqbal"), "{home}");
        assert!(home.contains("Your children") && home.contains("No children are allocated to you yet"), "an IRO's home");

        // The link worked once.
        let again = crate::support::browser()?
            .get(app.url(&format!("/join/{token}"))).send().await?.text().await?;
        assert!(plain(&again).contains("This invitation has been used"));
        let audit: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action IN ('staff_account_created', 'invitation_created', 'invitation_accepted') ORDER BY id",
        ).fetch_all(test.db.pool()).await?;
        assert_eq!(audit, ["invitation_created", "staff_account_created", "invitation_accepted"]);
        sink.stop();
        Ok(())
    }

    async fn a_new_staff_invitation_replaces_the_old_and_disabling_stops_both(test) {
        server::demo::load_if_empty(&test.db).await?;
        let sink = SmtpSink::start(0).await?;
        let app = test
            .spawn_app_with(ConfigLayer { smtp_url: Some(sink.url()), ..ConfigLayer::default() })
            .await?;
        manager(&test, &app).await?;
        app.client.post(app.url("/manage/staff"))
            .form(&staff_form("Gus Lee", "gus.lee@example.org", "advocacy")).send().await?;
        let first = token_in(&nth_email(&sink, 1).await?).ok_or_else(|| anyhow::anyhow!("no link"))?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = 'gus.lee@example.org'")
            .fetch_one(test.db.pool()).await?;
        let resent = app.client.post(app.url(&format!("/manage/accounts/{id}/invite"))).send().await?;
        assert_eq!(resent.headers()[header::LOCATION], "/manage/accounts?invited=1");
        let second = token_in(&nth_email(&sink, 2).await?).ok_or_else(|| anyhow::anyhow!("no link"))?;
        assert_ne!(first, second);
        let old = crate::support::browser()?.get(app.url(&format!("/join/{first}"))).send().await?.text().await?;
        assert!(plain(&old).contains("This invitation has been used, has run out"), "replaced");

        let disabled = app.client.post(app.url(&format!("/manage/accounts/{id}/disable"))).send().await?;
        assert_eq!(disabled.headers()[header::LOCATION], "/manage/accounts");
        let joined = crate::support::browser()?
            .post(app.url("/join"))
            .form(&[("token", second.as_str()), ("passphrase", NEW_PASSPHRASE)])
            .send().await?;
        assert_eq!(joined.status(), StatusCode::OK, "a disabled account cannot join");
        let hash: Option<String> = sqlx::query_scalar("SELECT passphrase_hash FROM accounts WHERE id = $1")
            .bind(id).fetch_one(test.db.pool()).await?;
        assert!(hash.is_none());

        // A child's account never gets a staff invitation.
        let jade: i64 = sqlx::query_scalar("SELECT account_id FROM children WHERE first_name = 'Jade'")
            .fetch_one(test.db.pool()).await?;
        let refused = app.client.post(app.url(&format!("/manage/accounts/{jade}/invite"))).send().await?;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
        sink.stop();
        Ok(())
    }

    async fn a_staff_form_with_problems_is_shown_again_with_nothing_stored(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        manager(&test, &app).await?;
        let count = || async {
            let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(test.db.pool()).await?;
            let emails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox").fetch_one(test.db.pool()).await?;
            anyhow::Ok((accounts, emails))
        };
        let before = count().await?;
        for (form, message) in [
            (staff_form("", "not an email", "iro"), "Enter their full name"),
            (staff_form("<script>alert(1)</script>", "not an email", "iro"), "Enter an email address in the correct format"),
            (staff_form("Ann", "ann@example.org", "child"), "Choose their role"),
            (staff_form("Amina Again", "AMINA.HUSSAIN@example.org", "iro"), "Someone already signs in with that email address"),
        ] {
            let response = app.client.post(app.url("/manage/staff")).form(&form).send().await?;
            assert_eq!(response.status(), StatusCode::OK);
            let html = plain(&response.text().await?);
            assert!(html.contains("<title>Error: Add a member of staff: MySay</title>"), "{html}");
            assert!(html.contains(message), "{message}");
            assert!(!html.contains("<script>alert(1)</script>"), "escaped");
            assert!(html.contains(&format!(r#"value="{}""#, form[1].1.replace('<', "&lt;").replace('>', "&gt;"))), "answers kept");
        }
        assert_eq!(count().await?, before, "nothing stored, nothing emailed");
        // Only a manager.
        let iro = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &iro, "amina.hussain@example.org", DEMO_PASSPHRASE).await?;
        let refused = iro.post(app.url("/manage/staff")).form(&staff_form("X Y", "x@example.org", "manager")).send().await?;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
        assert_eq!(count().await?, before);
        Ok(())
    }
}
