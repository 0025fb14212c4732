//! Protections on every request and response: cross-site changes refused,
//! and the security headers (CSP, HSTS, nosniff, referrer, framing, caching).

use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::shell::{NonceSlot, content_security_policy};

use crate::config::Config;

/// The policy for responses that carry no script of ours (the shell sets
/// its own, with a nonce, on pages).
const STRICT_CSP: &str = "default-src 'self'; script-src 'none'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

pub async fn protect(
    State(config): State<Arc<Config>>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = NonceSlot::default();
    // The refusal gets the same headers as every other response.
    let mut response = if is_cross_site_change(&config, request.method(), request.headers()) {
        (
            StatusCode::FORBIDDEN,
            "This request came from another website, so MySay did not act on it.\n",
        )
            .into_response()
    } else {
        request.extensions_mut().insert(slot.clone());
        next.run(request).await
    };
    let headers = response.headers_mut();
    apply_page_policy(&slot, headers);
    set_headers(headers);
    response
}

/// The security headers every response has, each unless the response set
/// its own: the hashed files (served before the pages' layers) set them
/// here too.
pub fn set_headers(headers: &mut HeaderMap) {
    set_if_absent(headers, header::CONTENT_SECURITY_POLICY, STRICT_CSP);
    set_if_absent(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Nothing leaves for other sites. Not "no-referrer": with it, browsers
    // send `Origin: null` on our own form posts, which the check in
    // `protect` must refuse.
    set_if_absent(headers, header::REFERRER_POLICY, "same-origin");
    set_if_absent(headers, header::X_FRAME_OPTIONS, "DENY");
    set_if_absent(
        headers,
        header::STRICT_TRANSPORT_SECURITY,
        "max-age=63072000; includeSubDomains",
    );
    set_if_absent(
        headers,
        header::HeaderName::from_static("permissions-policy"),
        "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    );
    set_if_absent(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    // Pages can hold a child's words: never keep them in a shared or
    // browser cache. Hashed assets set their own long-lived policy.
    set_if_absent(headers, header::CACHE_CONTROL, "no-store");
}

/// A page rendered with a nonce gets the policy that allows its scripts.
pub fn apply_page_policy(slot: &NonceSlot, headers: &mut HeaderMap) {
    let page_nonce = slot.0.lock().ok().and_then(|kept| kept.clone());
    if let Some(nonce) = page_nonce
        && let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

fn set_if_absent(headers: &mut HeaderMap, name: header::HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// An unsafe method (anything but GET, HEAD, OPTIONS) whose browser says it
/// came from another site, or whose `Origin` is not ours.
fn is_cross_site_change(config: &Config, method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && (site == "cross-site" || site == "same-site")
    {
        return true;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        // Every browser of the last years sends one or the other on a
        // change; a request with neither cannot show where it came from,
        // so it is refused unless the council must serve older browsers.
        None => !headers.contains_key("sec-fetch-site") && !config.serve_old_browsers,
        Some(origin) => !is_our_origin(config, origin, headers),
    }
}

/// Whether a GET may change something of the person's (a read receipt,
/// the idle clock, ending a session): only when the browser says it came
/// from one of our own pages or was typed or bookmarked by the person
/// (`Sec-Fetch-Site: same-origin` or `none`). Another site can make a
/// browser send a GET with the session cookie; it cannot fake this header.
/// Without the header at all, only when the council serves old browsers.
pub fn is_own_navigation(config: &Config, headers: &HeaderMap) -> bool {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        None => config.serve_old_browsers,
    }
}

fn is_our_origin(config: &Config, origin: &str, headers: &HeaderMap) -> bool {
    if origin == config.public_base_url {
        return true;
    }
    // Behind no proxy in development the browser's origin is the Host it
    // used (localhost or 127.0.0.1, any port the tests picked).
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (host, url::Url::parse(origin)) {
        (Some(host), Ok(url)) => {
            let origin_host = match url.port() {
                Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
                None => url.host_str().unwrap_or_default().to_owned(),
            };
            !config.secure_cookies && origin_host == host
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, ConfigLayer};

    fn config(public: &str) -> anyhow::Result<Config> {
        Config::from_layer(ConfigLayer {
            public_base_url: Some(public.to_owned()),
            ..ConfigLayer::default()
        })
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn reads_are_never_blocked() -> anyhow::Result<()> {
        let c = config("https://mysay.example.gov.uk")?;
        let h = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(!is_cross_site_change(&c, &Method::GET, &h));
        Ok(())
    }

    #[test]
    fn changes_from_other_sites_are_refused() -> anyhow::Result<()> {
        let c = config("https://mysay.example.gov.uk")?;
        let from_browser = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(is_cross_site_change(&c, &Method::POST, &from_browser));
        let other_origin = headers(&[("origin", "https://evil.example")]);
        assert!(is_cross_site_change(&c, &Method::POST, &other_origin));
        // Sandboxed frames and privacy modes send an opaque origin.
        let opaque = headers(&[("origin", "null")]);
        assert!(is_cross_site_change(&c, &Method::POST, &opaque));
        let ours = headers(&[
            ("origin", "https://mysay.example.gov.uk"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(!is_cross_site_change(&c, &Method::POST, &ours));
        Ok(())
    }

    #[test]
    fn changes_that_cannot_say_where_they_came_from_are_refused() -> anyhow::Result<()> {
        let c = config("https://mysay.example.gov.uk")?;
        assert!(is_cross_site_change(&c, &Method::POST, &headers(&[])));
        let same = headers(&[("sec-fetch-site", "same-origin")]);
        assert!(!is_cross_site_change(&c, &Method::POST, &same));
        let old = Config::from_layer(ConfigLayer {
            public_base_url: Some("https://mysay.example.gov.uk".to_owned()),
            serve_old_browsers: Some(true),
            ..ConfigLayer::default()
        })?;
        assert!(!is_cross_site_change(&old, &Method::POST, &headers(&[])));
        Ok(())
    }

    #[test]
    fn only_our_own_pages_change_things_on_a_get() -> anyhow::Result<()> {
        let c = config("https://mysay.example.gov.uk")?;
        assert!(is_own_navigation(
            &c,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(is_own_navigation(
            &c,
            &headers(&[("sec-fetch-site", "none")])
        ));
        assert!(!is_own_navigation(
            &c,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!is_own_navigation(
            &c,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!is_own_navigation(&c, &headers(&[])));
        Ok(())
    }

    #[test]
    fn local_development_accepts_its_own_host() -> anyhow::Result<()> {
        let c = config("http://127.0.0.1:3000")?;
        let h = headers(&[
            ("origin", "http://localhost:4321"),
            ("host", "localhost:4321"),
        ]);
        assert!(!is_cross_site_change(&c, &Method::POST, &h));
        let h = headers(&[
            ("origin", "http://evil.test:4321"),
            ("host", "localhost:4321"),
        ]);
        assert!(is_cross_site_change(&c, &Method::POST, &h));
        Ok(())
    }
}
