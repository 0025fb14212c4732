//! The HTML document around the application, rendered only on the server.
//!
//! It decides the page's language from the visitor's saved choice (a
//! cookie) or their browser's languages, sets `<html lang dir>`, and issues
//! the Content-Security-Policy with a fresh nonce that the page's script
//! carries: only MySay's own scripts can run.

use leptos::{
    nonce::{provide_nonce, use_nonce},
    prelude::*,
};
use leptos_axum::ResponseOptions;
use leptos_meta::{MetaTags, provide_meta_context};

use crate::{App, i18n::Locale};

/// A slot the server's security middleware puts in each request: the
/// shell writes the page's nonce there, and the middleware builds the
/// Content-Security-Policy header from it once the page is rendered.
/// (Headers set from inside rendering were sometimes lost on pages that
/// wait for data.)
#[derive(Clone, Debug, Default)]
pub struct NonceSlot(pub std::sync::Arc<std::sync::Mutex<Option<String>>>);

/// The name of the cookie that remembers a visitor's language.
pub const LANGUAGE_COOKIE: &str = "mysay-lang";

/// The name of the cookie that remembers simpler mode is on.
pub const SIMPLER_COOKIE: &str = "mysay-simpler";

/// The value of cookie `name` in a request's headers.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// Where the built front end lives, if one was built (tests without a
/// front-end build render unstyled pages without a script).
#[derive(Clone, Debug, Default)]
pub struct Assets {
    pub stylesheet: Option<String>,
    pub script: Option<Script>,
}

/// The page's one script (the `enhance` crate): wasm-bindgen's module and
/// the WebAssembly it loads, both with hashed names.
#[derive(Clone, Debug)]
pub struct Script {
    pub module: String,
    pub wasm: String,
}

/// The language for this request: the saved choice, else the browser's
/// preference among shipped languages, else English.
pub fn locale_for_request(parts: &http::request::Parts) -> Locale {
    locale_from_headers(&parts.headers)
}

/// As [`locale_for_request`], from the request's headers alone.
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    let from_cookie = cookie(headers, LANGUAGE_COOKIE).and_then(Locale::from_code);
    from_cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The policy: our own origin only, scripts only with this response's nonce
/// (and what they load), WebAssembly allowed to compile.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

pub fn shell(_options: LeptosOptions) -> impl IntoView {
    // A language the service does not offer (any more) is English.
    let site = use_context::<crate::site::SiteInfo>().unwrap_or_default();
    let locale = use_context::<http::request::Parts>()
        .map(|parts| locale_for_request(&parts))
        .filter(|l| site.offers(*l))
        .unwrap_or_default();
    provide_context(locale);
    let simpler = use_context::<http::request::Parts>()
        .is_some_and(|parts| cookie(&parts.headers, SIMPLER_COOKIE) == Some("1"));
    provide_context(crate::simpler::Simpler(simpler));
    provide_meta_context();
    provide_nonce();
    if let Some(nonce) = use_nonce() {
        if let Some(slot) = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<NonceSlot>().cloned())
            && let Ok(mut kept) = slot.0.lock()
        {
            *kept = Some(nonce.to_string());
        }
        if let Some(response) = use_context::<ResponseOptions>()
            && let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce))
        {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let assets = use_context::<Assets>().unwrap_or_default();
    // Fetched at once beside the page, run once it is parsed; the module
    // starts itself when its WebAssembly is in.
    let script = assets.script.map(|Script { module, wasm }| {
        let start = format!(
            "import init from \"{module}\";init({{module_or_path:\"{wasm}\"}});"
        );
        view! {
            <link rel="modulepreload" href=module nonce=use_nonce() />
            <link rel="preload" href={wasm} as="fetch" type="application/wasm" crossorigin="" nonce=use_nonce() />
            <script type="module" nonce=use_nonce() inner_html=start></script>
        }
    });
    // Staff pages get a wider layout (a caseload of 70 on a laptop);
    // children's pages stay as they are.
    let staff = crate::accounts::current_user().is_some_and(|u| u.role.is_staff());
    let body_class = match (simpler, staff) {
        (true, true) => Some("simpler staff"),
        (true, false) => Some("simpler"),
        (false, true) => Some("staff"),
        (false, false) => None,
    };

    view! {
        <!DOCTYPE html>
        <html lang=locale.code() dir=locale.direction().as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href=crate::paths::FAVICON type="image/svg+xml" />
                {assets.stylesheet.map(|href| view! { <link rel="stylesheet" href=href /> })}
                {script}
                <MetaTags />
            </head>
            <body class=body_class>
                <App />
            </body>
        </html>
    }
}
