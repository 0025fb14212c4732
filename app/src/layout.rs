//! The frame every page sits in: skip link, "Exit this page", the header
//! with the authority's name and the language switch, the main landmark
//! and the footer with "Help now".

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::{
    i18n::{t, t_args, use_locale},
    session_timeout::SessionTimeout,
    site::SiteInfo,
};

/// Minutes without activity before the server ends a session.
const IDLE_MINUTES: u64 = 30;

/// The page frame. Children are the page's own content, placed in `<main>`.
#[component]
pub fn PageLayout(children: Children) -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    #[cfg(feature = "ssr")]
    let user = crate::accounts::current_user();
    #[cfg(not(feature = "ssr"))]
    let user: Option<crate::accounts::CurrentUser> = None;
    let location = use_location();
    let stay_href = format!(
        "{}?next={}",
        crate::accounts::paths::STAY_SIGNED_IN,
        encode_path(&location.pathname.get_untracked())
    );
    let is_staff = user.as_ref().is_some_and(|u| u.role.is_staff());
    let simpler = crate::simpler::use_simpler();
    let locale = use_locale();
    let signed_in = user.map(|user| {
        let minutes = crate::i18n::number(IDLE_MINUTES);
        view! {
            <div class="signed-in-bar">
                <span>{t_args("signed-in-as", &[("name", user.display_name.clone())])}</span>
                <form method="post" action=crate::accounts::paths::SIGN_OUT class="inline-form">
                    <button type="submit" class="link-button">{t("sign-out")}</button>
                </form>
            </div>
            <SessionTimeout
                idle_ms=IDLE_MINUTES * 60_000
                warn_ms=2 * 60_000
                note=t_args("session-note", &[("minutes", minutes)])
                warning=t("session-warning")
                ended=t("session-ended")
                stay_label=t("session-stay")
                stay_href=stay_href.clone()
                sign_in_label=t("landing-sign-in")
            />
        }
    });
    view! {
        <div class="page">
            <a class="skip-link" href="#exit-this-page">{t("skip-to-exit")}</a>
            <a class="skip-link" href="#main">{t("skip-to-main")}</a>
            <ExitThisPage label=t("exit-this-page") />
            <header class="site-header">
                <a class="site-name" href="/">
                    <span class="service">{t("site-title")}</span>
                    <span class="authority">{site.authority_name.clone()}</span>
                </a>
                <div class="header-tools">
                    <LanguageSwitch />
                    {(!is_staff).then(|| view! { <crate::simpler::SimplerSwitch /> })}
                </div>
            </header>
            {signed_in}
            <main id="main" tabindex="-1">
                {simpler.then(|| view! {
                    <crate::read_aloud::ReadAloud
                        target="main".to_owned()
                        lang=locale.code().to_owned()
                        label=t("simpler-read-aloud")
                        stop_label=t("letters-stop-reading")
                    />
                })}
                {children()}
            </main>
            <footer class="site-footer">
                <ul>
                    <li>
                        <a href=crate::paths::HELP class="help-now-link">{t("footer-help-now")}</a>
                    </li>
                    <li>
                        <a href=crate::paths::STAYING_SAFE>{t("footer-staying-safe")}</a>
                    </li>
                    <li>
                        <a href=crate::paths::PRIVACY>{t("footer-privacy")}</a>
                    </li>
                </ul>
            </footer>
        </div>
    }
}

/// "Exit this page" (the GOV.UK pattern): first on every page, a link to
/// `/exit`, which ends the session, clears the site's data and goes to a
/// neutral site. Without JavaScript it is that plain link. With it (the
/// `enhance` crate), the page is blanked at once and replaced in the
/// history, and pressing Shift three times within 5 seconds does the same;
/// the script then marks the bar `data-hydrated="true"`, which tests use to
/// tell a page with its script running from plain HTML.
#[component]
fn ExitThisPage(label: String) -> impl IntoView {
    view! {
        <div class="exit-bar" data-hydrated="false">
            <a class="exit-this-page" id="exit-this-page" href=crate::accounts::paths::EXIT rel="external nofollow">
                {label}
            </a>
        </div>
    }
}

/// The language link in the header: the page's language, in its own name,
/// leading to `/languages` (every language, each in its own name). With
/// JavaScript the same list, in the page but hidden, opens in place. One
/// link rather than seven keeps the header small on a phone, and other
/// scripts' letters undrawn (so their fonts unfetched) on a page that does
/// not need them.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_locale();
    let path = use_location().pathname.get_untracked();
    let next = encode_path(&path);
    let choices = use_context::<SiteInfo>()
        .unwrap_or_default()
        .offered()
        .into_iter()
        .map(|locale| LanguageChoice {
            code: locale.code().to_owned(),
            dir: locale.direction().as_str().to_owned(),
            name: locale.native_name().to_owned(),
            href: crate::paths::language(locale.code(), &next),
            current: locale == current,
        })
        .collect();
    view! {
        <LanguageMenu
            label=t("language-switch-label")
            code=current.code().to_owned()
            name=current.native_name().to_owned()
            href=crate::paths::languages(&next)
            choices
        />
    }
}

/// One language in the list that opens in place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageChoice {
    pub code: String,
    pub dir: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// The link and, hidden until the script opens it in place, the list.
#[component]
fn LanguageMenu(
    label: String,
    code: String,
    name: String,
    href: String,
    choices: Vec<LanguageChoice>,
) -> impl IntoView {
    let nav_label = label.clone();
    view! {
        <nav class="language-switch" aria-label=nav_label>
            <a class="language-link" href=href rel="nofollow">
                <svg class="language-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"
                    fill="none" stroke="currentColor" stroke-width="2">
                    <circle cx="12" cy="12" r="9" />
                    <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9M12 3c-2.5 2.6-3.8 5.6-3.8 9s1.3 6.4 3.8 9" />
                </svg>
                <span class="visually-hidden">{label} ": "</span>
                <span lang=code.clone()>{name}</span>
            </a>
            <ul class="language-list" id="language-list" hidden>
                {choices
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li>
                                <a href=c.href rel="external" lang=c.code.clone()
                                    hreflang=c.code dir=c.dir
                                    aria-current=c.current.then_some("true")>
                                    {c.name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Percent-encodes a path for use as a query value; paths here are our own
/// routes, so only the characters that would break a query need escaping.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Loads a page's data on the server and renders `view` with it: a
/// refusal (not there, or not this person's) is "not found", a failure says
/// MySay is unavailable. The data is awaited in place (no resource), so
/// none of it is serialised into the HTML: the page carries only what the
/// view shows.
pub fn with_loaded<T, Fut, V>(
    fetch: impl FnOnce() -> Fut,
    view: impl FnOnce(T) -> V + Send + 'static,
) -> leptos::prelude::AnyView
where
    T: Send + 'static,
    Fut: Future<Output = Result<T, crate::accounts::Refusal>> + Send + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::*;
    let data = fetch();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(loaded) => view(loaded).into_any(),
                    Err(crate::accounts::Refusal::NotFound) => view! { <crate::not_found::NotFound /> }.into_any(),
                    Err(crate::accounts::Refusal::Unavailable) => {
                        view! { <p>{crate::i18n::t("home-unavailable")}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn paths_are_made_safe_for_a_query_string() {
        assert_eq!(encode_path("/help"), "/help");
        assert_eq!(encode_path("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
    }
}
