//! The web server end to end over HTTP, on both databases: health, the page
//! shell, languages, security headers and cross-site protection.

use reqwest::{StatusCode, header};

on_both_databases! {
    async fn a_request_too_big_or_too_slow_is_cut_off(test) {
        let app = test.spawn_app().await?;
        let client = crate::support::browser()?;
        let huge = "x".repeat(server::http::BODY_LIMIT + 1);
        let response = client.post(app.url("/sign-in")).form(&[("sign_in_name", huge.as_str()), ("passphrase", "p")]).send().await?;
        assert_eq!(response.status(), reqwest::StatusCode::PAYLOAD_TOO_LARGE);
        // Headers trickled in: the connection is closed once the time to
        // send them has passed.
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.address.trim_start_matches("http://").to_owned();
        let mut stream = tokio::net::TcpStream::connect(&address).await?;
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await?;
        let started = std::time::Instant::now();
        let mut buffer = Vec::new();
        let read = tokio::time::timeout(
            server::startup::HEADER_TIMEOUT + std::time::Duration::from_secs(10),
            stream.read_to_end(&mut buffer),
        ).await;
        assert!(read.is_ok(), "the server kept the connection open");
        assert!(started.elapsed() >= server::startup::HEADER_TIMEOUT - std::time::Duration::from_secs(1));
        Ok(())
    }

    async fn healthz_answers_200_when_the_database_is_up(test) {
        let app = test.spawn_app().await?;
        let response = app.get("/healthz").await?;
        assert_eq!(response.status(), StatusCode::OK);
        Ok(())
    }

    async fn healthz_answers_503_when_the_database_is_down(test) {
        let app = test.spawn_app().await?;
        test.db.close().await;
        let response = app.get("/healthz").await?;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        Ok(())
    }

    async fn the_landing_page_has_the_shell(test) {
        let app = test.spawn_app_with(server::config::ConfigLayer {
            authority_name: Some("Northshire County Council".to_owned()),
            exit_url: Some("https://weather.example.org/today".to_owned()),
            ..Default::default()
        }).await?;
        let response = app.get("/").await?;
        assert_eq!(response.status(), StatusCode::OK);
        let html = response.text().await?;
        assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{html}");
        assert!(html.contains("Northshire County Council"));
        // Exit this page goes through MySay (which ends the session) to the
        // neutral site the authority chose.
        assert!(html.contains(r#"href="/exit""#));
        let exit = app.get("/exit").await?;
        assert_eq!(exit.headers()[reqwest::header::LOCATION], "https://weather.example.org/today");
        assert!(html.contains("Exit this page"));
        assert!(html.contains(r#"<main id="main""#));
        assert!(html.contains(r#"href="/help""#), "Help now in the footer");
        assert!(html.contains(r#"href="/privacy""#));
        assert!(html.contains(r#"href="/sign-in""#));
        Ok(())
    }

    async fn arabic_pages_run_right_to_left(test) {
        let app = test.spawn_app().await?;
        let response = app.get("/language/ar?next=/help").await?;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/help");
        let cookie = response.headers()[header::SET_COOKIE].to_str()?.to_owned();
        assert!(cookie.starts_with("mysay-lang=ar;"), "{cookie}");
        assert!(cookie.contains("HttpOnly"));
        // The client kept the cookie: the next page is in Arabic.
        let html = app.get_text("/help").await?;
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
        assert!(html.contains("مساعدة الآن"));
        Ok(())
    }

    async fn the_browsers_language_is_used_until_one_is_chosen(test) {
        let app = test.spawn_app().await?;
        let html = app
            .client
            .get(app.url("/"))
            .header(header::ACCEPT_LANGUAGE, "ar-IQ,ar;q=0.9,en;q=0.5")
            .send()
            .await?
            .text()
            .await?;
        assert!(html.contains(r#"lang="ar" dir="rtl""#));
        Ok(())
    }

    async fn the_language_switch_never_sends_people_elsewhere(test) {
        let app = test.spawn_app().await?;
        let response = app.get("/language/ar?next=//evil.example/").await?;
        assert_eq!(response.headers()[header::LOCATION], "/");
        let response = app.get("/language/xx?next=/help").await?;
        assert!(response.headers().get(header::SET_COOKIE).is_none());
        Ok(())
    }

    async fn every_response_has_the_security_headers(test) {
        let app = test.spawn_app().await?;
        for path in ["/", "/healthz", "/no-such-page"] {
            let response = app.get(path).await?;
            let h = response.headers();
            let csp = h[header::CONTENT_SECURITY_POLICY].to_str()?;
            assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(h[header::REFERRER_POLICY], "same-origin");
            assert!(h.contains_key(header::STRICT_TRANSPORT_SECURITY));
            assert_eq!(h[header::CACHE_CONTROL], "no-store", "{path}");
        }
        Ok(())
    }

    async fn every_kind_of_response_carries_the_right_headers_and_cookies(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_with_front_end().await?;
        let staff = crate::support::browser()?;
        crate::support::sign_in_staff(&test, &app, &staff, "morgan.price@example.org", server::demo::DEMO_PASSPHRASE).await?;
        let anonymous = crate::support::browser()?;
        let wrong = [("sign_in_name", "nobody"), ("passphrase", "not this one at all")];
        // (kind, response, signed in, cache-control wanted)
        let mut cases: Vec<(&str, reqwest::Response, &str)> = vec![
            ("page", anonymous.get(app.url("/")).send().await?, "no-store"),
            ("signed-in page", staff.get(app.url("/home")).send().await?, "no-store"),
            ("signed-in form shown again", staff.post(app.url("/manage/staff")).form(&[("full_name", "")]).send().await?, "no-store"),
            ("form shown again", anonymous.post(app.url("/sign-in")).form(&wrong).send().await?, "no-store"),
            ("redirect", anonymous.get(app.url("/home")).send().await?, "no-store"),
            ("not found", anonymous.get(app.url("/no-such-page")).send().await?, "no-store"),
            ("signed-in not found", staff.get(app.url("/manage/children/999999")).send().await?, "no-store"),
            ("health check", anonymous.get(app.url("/healthz")).send().await?, "no-store"),
            ("built asset", anonymous.get(app.url("/pkg/mysay.3333333333333333.css")).send().await?, "public, max-age=31536000, immutable"),
            // The built files are answered before the pages' layers: what
            // they answer that is not a file has the headers too.
            ("built asset not there", anonymous.get(app.url("/pkg/mysay.0000000000000000.css")).send().await?, "no-store"),
            ("built asset posted to", anonymous.post(app.url("/pkg/mysay.3333333333333333.css")).send().await?, "no-store"),
            ("cross-site refusal", anonymous.post(app.url("/sign-in")).header("sec-fetch-site", "cross-site").form(&wrong).send().await?, "no-store"),
        ];
        cases.push(("sign-out", staff.post(app.url("/sign-out")).send().await?, "no-store"));
        for (kind, response, cache) in &cases {
            let h = response.headers();
            let csp = h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), "{kind}: {csp}");
            assert!(!csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"), "{kind}: {csp}");
            assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{kind}");
            assert_eq!(h.get(header::REFERRER_POLICY).map(|v| v.as_bytes()), Some(&b"same-origin"[..]), "{kind}");
            assert_eq!(h.get(header::X_FRAME_OPTIONS).map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{kind}");
            assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_some_and(|v| v.to_str().unwrap_or_default().starts_with("max-age=")), "{kind}");
            assert_eq!(h.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some(*cache), "{kind}");
        }
        let status = |kind: &str| cases.iter().find(|(k, _, _)| *k == kind).map(|(_, r, _)| r.status());
        assert_eq!(status("redirect"), Some(reqwest::StatusCode::SEE_OTHER));
        assert_eq!(status("cross-site refusal"), Some(reqwest::StatusCode::FORBIDDEN));
        assert_eq!(status("signed-in not found"), Some(reqwest::StatusCode::NOT_FOUND));
        let sign_out = &cases.last().ok_or_else(|| anyhow::anyhow!("no sign-out"))?.1;
        assert_eq!(sign_out.headers()["clear-site-data"], r#""cache", "cookies", "storage""#);
        let cleared = sign_out.headers()[header::SET_COOKIE].to_str()?;
        assert!(cleared.contains("Max-Age=0") && cleared.contains("HttpOnly"), "{cleared}");

        // Over https the session cookie is __Host- prefixed and Secure.
        let secure = test.spawn_app_with(server::config::ConfigLayer { secure_cookies: Some(true), ..Default::default() }).await?;
        let response = secure.client.post(secure.url("/sign-in"))
            .form(&[("sign_in_name", "skyblue-fox"), ("passphrase", server::demo::DEMO_PASSPHRASE)])
            .send().await?;
        let cookie = response.headers()[header::SET_COOKIE].to_str()?;
        assert!(cookie.starts_with("__Host-mysay-session="), "{cookie}");
        for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure"] {
            assert!(cookie.contains(attribute), "{attribute} in {cookie}");
        }
        assert!(!cookie.contains("Domain="), "{cookie}");
        let token = cookie.split(['=', ';']).nth(1).unwrap_or_default();
        assert!(token.len() >= 22, "128 bits or more: {token}");
        Ok(())
    }

    async fn page_scripts_need_this_responses_nonce(test) {
        let app = test.spawn_app_with_front_end().await?;
        let response = app.get("/").await?;
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str()?.to_owned();
        let html = response.text().await?;
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_default()
            .to_owned();
        assert!(nonce.len() >= 16, "{csp}");
        assert!(csp.contains("'strict-dynamic'") && csp.contains("'wasm-unsafe-eval'"));
        let scripts = html.matches("<script").count();
        let with_nonce = html.matches(&format!(r#"<script nonce="{nonce}""#)).count()
            + html.matches(&format!(r#"<script type="module" nonce="{nonce}""#)).count();
        assert!(html.contains("/pkg/mysay.1111111111111111.js"), "the page's script is on the page");
        assert!(scripts > 0);
        assert_eq!(scripts, with_nonce, "every script carries the nonce: {html}");
        // Pages re-shown by a form handler carry a matching nonce too.
        let shown_again = app
            .client
            .post(app.url("/sign-in"))
            .form(&[("sign_in_name", "nobody"), ("passphrase", "wrong guess")])
            .send()
            .await?;
        let csp_again = shown_again.headers()[header::CONTENT_SECURITY_POLICY].to_str()?.to_owned();
        let html_again = shown_again.text().await?;
        let nonce_again = csp_again.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap_or_default().to_owned();
        assert!(!nonce_again.is_empty(), "{csp_again}");
        assert!(html_again.contains(&format!(r#"nonce="{nonce_again}""#)));
        // A new response, a new nonce.
        let again = app.get("/").await?;
        assert!(!again.headers()[header::CONTENT_SECURITY_POLICY].to_str()?.contains(&nonce));
        Ok(())
    }

    async fn the_landing_page_is_kept_rendered_for_visitors_not_signed_in(test) {
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app_with_front_end().await?;
        let nonce_of = |csp: &str| {
            csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap_or_default().to_owned()
        };
        let fetch = |accept: &'static str| {
            let request = app.client.get(app.url("/")).header(header::ACCEPT_LANGUAGE, accept);
            async move {
                let response = request.send().await?;
                assert_eq!(response.status(), StatusCode::OK);
                let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str()?.to_owned();
                anyhow::Ok((csp, response.text().await?))
            }
        };
        let (first_csp, first) = fetch("en").await?;
        let (second_csp, second) = fetch("en").await?;
        let (one, two) = (nonce_of(&first_csp), nonce_of(&second_csp));
        assert!(one.len() >= 16 && two.len() >= 16, "{first_csp} {second_csp}");
        assert_ne!(one, two, "each answer its own nonce");
        // Every script carries its own answer's nonce, and nothing else
        // differs.
        assert_eq!(first.matches(&format!("nonce=\"{one}\"")).count(), first.matches("<script").count() + 2);
        assert_eq!(second.matches(&format!("nonce=\"{two}\"")).count(), second.matches("<script").count() + 2);
        assert_eq!(first.replace(&one, "N"), second.replace(&two, "N"));
        // Kept for each language.
        let (_, arabic) = fetch("ar").await?;
        assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""), "{arabic}");
        let (_, english) = fetch("en").await?;
        assert!(english.contains("<html lang=\"en\" dir=\"ltr\""), "{english}");
        // Someone signed in gets their own page, never the kept one, and
        // never leaves theirs behind for others.
        let child = crate::support::child_client(&app, "skyblue-fox").await?;
        let theirs = child.get(app.url("/")).send().await?.text().await?;
        assert!(theirs.contains("signed-in-bar"), "{theirs}");
        let (_, after) = fetch("en").await?;
        assert!(!after.contains("signed-in-bar"), "{after}");
        Ok(())
    }

    async fn built_assets_are_compressed_and_cached_for_a_year(test) {
        let app = test.spawn_app_with_front_end().await?;
        let html = app.get_text("/").await?;
        assert!(html.contains(r#"<link rel="stylesheet" href="/pkg/mysay.3333333333333333.css">"#), "{html}");
        let response = app.get("/pkg/mysay.3333333333333333.css").await?;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
        let compressed = app
            .client
            .get(app.url("/pkg/mysay.3333333333333333.css"))
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .send()
            .await?;
        assert_eq!(compressed.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()), Some(&b"br"[..]), "{:?}", compressed.headers());
        let etag = compressed.headers().get(header::ETAG).cloned();
        assert_eq!(compressed.bytes().await?.as_ref(), b"brotli bytes", "the precompressed copy is served");
        // A browser that has the file is told so, without the bytes.
        let Some(etag) = etag else { anyhow::bail!("no ETag") };
        let again = app
            .client
            .get(app.url("/pkg/mysay.3333333333333333.css"))
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .header(header::IF_NONE_MATCH, etag.clone())
            .send()
            .await?;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers().get(header::ETAG), Some(&etag));
        assert!(again.bytes().await?.is_empty());
        // One that takes no compression gets the plain file, its own tag.
        let plain = app.client.get(app.url("/pkg/mysay.3333333333333333.css"))
            .header(header::ACCEPT_ENCODING, "identity").header(header::IF_NONE_MATCH, etag).send().await?;
        assert_eq!(plain.status(), StatusCode::OK);
        assert_eq!(plain.headers()[header::CONTENT_TYPE], "text/css");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let missing = app.get("/pkg/mysay.0000000000000000.css").await?;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        Ok(())
    }

    async fn unknown_pages_are_404_with_a_kind_message(test) {
        let app = test.spawn_app().await?;
        let response = app.get("/no-such-page").await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let html = response.text().await?;
        assert!(html.contains("Page not found"));
        assert!(html.contains("Exit this page"), "the shell is there on errors too");
        Ok(())
    }

    async fn changes_from_another_site_are_refused(test) {
        let app = test.spawn_app().await?;
        let response = app
            .client
            .post(app.url("/api/anything"))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await?;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = app
            .client
            .post(app.url("/api/anything"))
            .header(header::ORIGIN, "https://evil.example")
            .send()
            .await?;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        Ok(())
    }

    async fn starting_more_servers_never_stalls_pages_already_being_served(test) {
        // Leptos works out the page routes with a process-wide switch on
        // that stalls every page load started meanwhile. Routes are worked
        // out once per process, so a server starting beside a busy one (as
        // in these tests) never leaves a page hanging.
        server::demo::load_if_empty(&test.db).await?;
        let app = test.spawn_app().await?;
        let jade = crate::support::child_client(&app, "skyblue-fox").await?;
        for _round in 0..15 {
            let starting = async {
                for _ in 0..3 {
                    test.spawn_app().await?;
                }
                anyhow::Ok(())
            };
            let pages = async {
                for _ in 0..6 {
                    let response = tokio::time::timeout(
                        std::time::Duration::from_secs(10),
                        jade.get(app.url("/consultation")).send(),
                    )
                    .await
                    .map_err(|_| anyhow::anyhow!("the consultation page never answered"))??;
                    anyhow::ensure!(response.status() == StatusCode::OK);
                }
                anyhow::Ok(())
            };
            let (started, served) = tokio::join!(starting, pages);
            started?;
            served?;
        }
        Ok(())
    }

    async fn demo_data_loads_once(test) {
        assert!(server::demo::load_if_empty(&test.db).await?);
        assert!(!server::demo::load_if_empty(&test.db).await?, "never twice");
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(test.db.pool()).await?;
        let children: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children").fetch_one(test.db.pool()).await?;
        let upcoming: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reviews WHERE scheduled_on IS NOT NULL AND scheduled_time IS NOT NULL AND held_on IS NULL")
            .fetch_one(test.db.pool()).await?;
        let roles: Vec<String> = sqlx::query_scalar("SELECT DISTINCT role FROM accounts ORDER BY role").fetch_all(test.db.pool()).await?;
        assert_eq!(accounts, 6 + 7);
        assert_eq!(children, 10);
        assert_eq!(upcoming, 10, "every child has a next review");
        assert_eq!(roles, ["advocacy", "child", "cro", "iro", "manager"]);
        // The demo passphrase really opens a demo account.
        let hash: String = sqlx::query_scalar("SELECT passphrase_hash FROM accounts WHERE sign_in_name = $1")
            .bind("skyblue-fox").fetch_one(test.db.pool()).await?;
        assert!(server::accounts::passphrase::verify(crate::support::secret(server::demo::DEMO_PASSPHRASE), hash).await?);
        Ok(())
    }
}
