//! Signing in and out over HTTP, and finding the signed-in person on every
//! request. Forms post here as plain HTML forms, so all of it works without
//! JavaScript.

use super::signed_in::{Failure, SignedIn};
use std::net::SocketAddr;

use app::accounts::{CurrentUser, PassphraseChange, SignInAttempt, paths};
use axum::{
    Form,
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use leptos::prelude::provide_context;
use secrecy::SecretString;
use serde::Deserialize;

use super::{AppState, Routes, render_page};
use crate::{
    accounts::{
        audit::{AuditAction, record},
        preferences, role_of, second_factor,
        sessions::{self, Stage},
        sign_in,
    },
    config::Config,
};

/// The session cookie's name: `__Host-` pins it to this exact origin, but
/// browsers accept that prefix only on Secure cookies, so plain-http local
/// development uses the bare name.
pub fn session_cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies {
        "__Host-mysay-session"
    } else {
        "mysay-session"
    }
}

fn session_cookie(config: &Config, token: &str) -> String {
    let secure = if config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}",
        session_cookie_name(config)
    )
}

fn expired_session_cookie(config: &Config) -> String {
    let secure = if config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}",
        session_cookie_name(config)
    )
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    app::shell::cookie(headers, name).filter(|v| !v.is_empty())
}

/// Finds the signed-in person (if any) and puts them in the request.
pub async fn find_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let name = session_cookie_name(&state.config);
    if let Some(token) = cookie_value(request.headers(), name).map(str::to_owned) {
        match sessions::check(&state.db, &token).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(user);
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(error = %error, "could not check a session");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "MySay is having trouble. Please try again soon.\n",
                )
                    .into_response();
            }
        }
    }
    next.run(request).await
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    sign_in_name: String,
    #[serde(default)]
    passphrase: String,
}

/// `POST /sign-in`.
pub async fn sign_in_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let name = form.sign_in_name.trim().to_owned();
    let show_again = |error: &'static str| {
        let attempt = SignInAttempt {
            sign_in_name: name.chars().take(254).collect(),
            error: Some(error),
        };
        render_page(&state, app::paths::SIGN_IN, &headers, move || {
            provide_context(attempt.clone())
        })
    };
    let from = crate::config::address_group(state.config.client_address(peer.ip(), &headers));
    if !state.limiter.allow(from).await {
        // The same kind page, but 429, so monitoring can tell a flood
        // from a wrong passphrase.
        let mut response = show_again("sign-in-too-many").await;
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return response;
    }
    // Over-long input is a failure like any other, without hashing it.
    if name.is_empty()
        || name.len() > 254
        || form.passphrase.is_empty()
        || form.passphrase.len() > 1024
    {
        return show_again("sign-in-failed").await;
    }
    let checked = sign_in::check(
        &state.db,
        &state.sign_in_policy,
        &name,
        SecretString::from(form.passphrase),
    )
    .await;
    match checked {
        Ok(Some(account_id)) => passphrase_accepted(&state, &headers, account_id).await,
        Ok(None) => show_again("sign-in-failed").await,
        Err(error) => Failure::new("auth::sign_in_submit", error).into_response(),
    }
}

/// The person proved their passphrase (signing in, or choosing it on
/// joining): a child is signed in; staff go on to their authenticator app,
/// setting it up the first time.
pub async fn passphrase_accepted(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
) -> Response {
    match role_of(&state.db, account_id).await {
        Ok(Some(role)) if role.is_staff() => {
            let stage = match second_factor::is_set_up(&state.db, account_id).await {
                Ok(true) => Stage::Code,
                Ok(false) => Stage::SetUp,
                Err(error) => {
                    return Failure::new("auth::passphrase_accepted", error).into_response();
                }
            };
            start_session(state, headers, account_id, stage, paths::SECOND_STEP).await
        }
        Ok(_) => signed_in(state, headers, account_id).await,
        Err(error) => Failure::new("auth::passphrase_accepted", error).into_response(),
    }
}

/// Starts a new session and sends the person home, with their language
/// and simpler mode as they last chose them. A child who has not yet been
/// shown how "Exit this page" works sees that first. Any session this
/// browser held ends: a new id at every sign-in.
pub async fn signed_in(state: &AppState, headers: &HeaderMap, account_id: i64) -> Response {
    let (role, chosen) = match (
        role_of(&state.db, account_id).await,
        preferences::get(&state.db, account_id).await,
    ) {
        (Ok(role), Ok(chosen)) => (role, chosen),
        (Err(error), _) | (_, Err(error)) => {
            return Failure::new("auth::signed_in", error).into_response();
        }
    };
    let next = if role == Some(app::accounts::Role::Child) && !chosen.exit_explained {
        app::paths::BEFORE_YOU_START
    } else {
        app::paths::HOME
    };
    let mut response = start_session(state, headers, account_id, Stage::Full, next).await;
    if let Some(language) = chosen.language {
        super::append_preference_cookie(
            &mut response,
            &state.config,
            app::shell::LANGUAGE_COOKIE,
            Some(language.code()),
        );
    }
    super::append_preference_cookie(
        &mut response,
        &state.config,
        app::shell::SIMPLER_COOKIE,
        chosen.simpler.then_some("1"),
    );
    response
}

/// `POST /before-you-start`: the child has read how "Exit this page"
/// works; on to their home.
pub async fn exit_explained(State(state): State<AppState>, SignedIn(user): SignedIn) -> Response {
    match preferences::mark_exit_explained(&state.db, user.account_id).await {
        Ok(()) => Redirect::to(app::paths::HOME).into_response(),
        Err(error) => Failure::new("auth::exit_explained", error).into_response(),
    }
}

/// Replaces this browser's session (if any) with a new one at `stage`, and
/// redirects to `next`.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
    stage: Stage,
    next: &str,
) -> Response {
    match new_session_cookie(state, headers, account_id, stage).await {
        Ok(cookie) => {
            let mut response = Redirect::to(next).into_response();
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            response
        }
        Err(error) => Failure::new("auth::start_session", error).into_response(),
    }
}

/// Ends this browser's session (if any), starts a new one and returns its
/// cookie: a new id at every step of signing in.
pub async fn new_session_cookie(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
    stage: Stage,
) -> anyhow::Result<HeaderValue> {
    if let Some(old) = session_token(state, headers) {
        sessions::end(&state.db, old).await?;
    }
    let token = sessions::start_at(&state.db, account_id, stage).await?;
    Ok(HeaderValue::from_str(&session_cookie(
        &state.config,
        &token.0,
    ))?)
}

/// The session token this request carries, if any.
pub fn session_token<'a>(state: &AppState, headers: &'a HeaderMap) -> Option<&'a str> {
    cookie_value(headers, session_cookie_name(&state.config))
}

/// `GET /stay-signed-in?next=/path`: the idle clock starts again, and the
/// person goes back where they were. A link, so it works without
/// JavaScript.
pub async fn stay_signed_in(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<super::ReturnTo>,
) -> Response {
    // Only the person's own click keeps them signed in, not a link on
    // another site.
    if super::security::is_own_navigation(&state.config, &headers)
        && let Some(token) = session_token(&state, &headers)
        && let Err(error) = sessions::touch(&state.db, token).await
    {
        return Failure::new("auth::stay_signed_in", error).into_response();
    }
    let next = super::return_to::local_path(query.next.as_deref()).unwrap_or(app::paths::HOME);
    Redirect::to(next).into_response()
}

#[derive(Deserialize)]
pub struct PassphraseForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /account/passphrase`: change one's own passphrase.
pub async fn change_passphrase(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<PassphraseForm>,
) -> Response {
    let Some(token) = session_token(&state, &headers) else {
        return Redirect::to(app::paths::SIGN_IN).into_response();
    };
    let changed = crate::accounts::change_passphrase(
        &state.db,
        &user,
        token,
        SecretString::from(form.current),
        SecretString::from(form.new),
        &state.site().authority_name,
    )
    .await;
    let outcome = match changed {
        Ok(Ok(())) => PassphraseChange {
            done: true,
            ..PassphraseChange::default()
        },
        Ok(Err((current_error, new_error))) => PassphraseChange {
            current_error,
            new_error,
            done: false,
        },
        Err(error) => return Failure::new("auth::change_passphrase", error).into_response(),
    };
    super::render_page_as(&state, paths::PASSPHRASE, &headers, Some(user), move || {
        provide_context(outcome.clone())
    })
    .await
}

/// `POST /account/away`: an IRO says until when they are away, or that
/// they are back.
pub async fn set_away(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    super::date_boxes::Form(form): super::date_boxes::Form<app::accounts::AwayForm>,
) -> Response {
    match crate::accounts::away::set_away(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(app::paths::HOME).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = app::accounts::AwayForm {
                errors: problems,
                ..form
            };
            super::render_page_as(&state, app::paths::HOME, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("auth::set_away", error).into_response(),
    }
}

/// `POST /sign-out`: this session ends.
pub async fn sign_out(State(state): State<AppState>, request: Request) -> Response {
    end_sessions(&state, request, false, app::paths::LANDING).await
}

/// `GET /exit`: "Exit this page". Ends the session (if any), tells the
/// browser to forget this site's cookies, storage and cache, and sends the
/// person to a neutral site. A link, so it works without JavaScript; with
/// it, the page is blanked first and this replaces it in the history.
pub async fn exit(State(state): State<AppState>, request: Request) -> Response {
    let to = state.site().exit_url;
    // Another site linking here only sends the browser on: it cannot sign
    // the person out or clear what MySay keeps in their browser.
    if !super::security::is_own_navigation(&state.config, request.headers()) {
        return Redirect::to(&to).into_response();
    }
    end_sessions(&state, request, false, &to).await
}

/// `POST /sign-out-everywhere`: every session of this person ends.
pub async fn sign_out_everywhere(State(state): State<AppState>, request: Request) -> Response {
    end_sessions(&state, request, true, app::paths::LANDING).await
}

async fn end_sessions(state: &AppState, request: Request, everywhere: bool, to: &str) -> Response {
    let user = request.extensions().get::<CurrentUser>().cloned();
    let token =
        cookie_value(request.headers(), session_cookie_name(&state.config)).map(str::to_owned);
    let result = async {
        if let Some(token) = &token {
            sessions::end(&state.db, token).await?;
        }
        if let Some(user) = &user {
            if everywhere {
                sessions::end_all(&state.db, user.account_id).await?;
            }
            let action = if everywhere {
                AuditAction::SignOutEverywhere
            } else {
                AuditAction::SignOut
            };
            record(state.db.pool(), Some(user.account_id), action, None).await?;
        }
        anyhow::Ok(())
    }
    .await;
    if let Err(error) = result {
        return Failure::new("auth::end_sessions", error).into_response();
    }
    let mut response = Redirect::to(to).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&expired_session_cookie(&state.config)) {
        headers.insert(header::SET_COOKIE, value);
    }
    headers.insert(
        header::HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    response
}

/// `POST /home/reset-notice`: the child has seen that staff made a new
/// invitation for their account.
pub async fn reset_notice_seen(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
) -> Response {
    let cleared = sqlx::query(
        "UPDATE accounts SET reset_invited_at = NULL, reset_invited_by = NULL WHERE id = $1",
    )
    .bind(user.account_id)
    .execute(state.db.pool())
    .await;
    match cleared {
        Ok(_) => Redirect::to(app::paths::HOME).into_response(),
        Err(error) => Failure::new("auth::reset_notice_seen", error).into_response(),
    }
}

#[derive(Deserialize)]
pub struct ForgottenForm {
    #[serde(default)]
    sign_in_name: String,
}

/// `POST /forgotten`: a child asks for a link to choose a new passphrase.
/// The answer is the same whatever the name (and whether a link went).
pub async fn forgotten(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<ForgottenForm>,
) -> Response {
    let from = crate::config::address_group(state.config.client_address(peer.ip(), &headers));
    let limited = !state.limiter.allow(from).await;
    let name = form.sign_in_name.trim();
    if !limited && !name.is_empty() && name.len() <= 254 {
        if let Err(error) =
            crate::accounts::reset::request(&state.db, name, &state.config.public_base_url).await
        {
            return Failure::new("auth::forgotten", error).into_response();
        }
        state.outbox.notify_one();
    }
    let mut response = render_page(&state, paths::FORGOTTEN, &headers, || {
        provide_context(app::accounts::ForgottenSent)
    })
    .await;
    if limited {
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    }
    response
}

async fn reset_page(
    state: &AppState,
    headers: &HeaderMap,
    token: String,
    valid: bool,
    error: Option<&'static str>,
) -> Response {
    let attempt = app::accounts::ResetAttempt {
        token,
        valid,
        error,
    };
    render_page(state, paths::RESET_PASSPHRASE, headers, move || {
        provide_context(attempt.clone())
    })
    .await
}

/// `GET /reset/{token}`: the emailed link.
pub async fn reset_link(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Response {
    let token: String = token.chars().take(100).collect();
    match crate::accounts::reset::account_for(&state.db, &token).await {
        Ok(found) => reset_page(&state, &headers, token, found.is_some(), None).await,
        Err(error) => Failure::new("auth::reset_link", error).into_response(),
    }
}

#[derive(Deserialize)]
pub struct NewPassphraseForm {
    #[serde(default)]
    passphrase: String,
}

/// `POST /reset/{token}`: the new passphrase; signed in with it.
pub async fn reset_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path(token): axum::extract::Path<String>,
    Form(form): Form<NewPassphraseForm>,
) -> Response {
    let token: String = token.chars().take(100).collect();
    let done = crate::accounts::reset::reset(
        &state.db,
        &token,
        SecretString::from(form.passphrase),
        &state.site().authority_name,
    )
    .await;
    match done {
        Ok(Some(Ok(account_id))) => signed_in(&state, &headers, account_id).await,
        Ok(Some(Err(problem))) => reset_page(&state, &headers, token, true, Some(problem)).await,
        Ok(None) => reset_page(&state, &headers, token, false, None).await,
        Err(error) => Failure::new("auth::reset_submit", error).into_response(),
    }
}

/// The routes for signing in and out, passphrases and leaving quickly.
pub fn routes() -> Routes {
    vec![
        ("POST", app::paths::SIGN_IN, post(sign_in_submit)),
        ("POST", app::paths::BEFORE_YOU_START, post(exit_explained)),
        ("POST", paths::RESET_NOTICE, post(reset_notice_seen)),
        ("POST", paths::FORGOTTEN, post(forgotten)),
        ("GET", paths::RESET, get(reset_link)),
        ("POST", paths::RESET, post(reset_submit)),
        ("GET", paths::STAY_SIGNED_IN, get(stay_signed_in)),
        ("POST", paths::PASSPHRASE, post(change_passphrase)),
        ("POST", paths::AWAY, post(set_away)),
        ("POST", paths::SIGN_OUT, post(sign_out)),
        ("GET", paths::EXIT, get(exit)),
        (
            "POST",
            paths::SIGN_OUT_EVERYWHERE,
            post(sign_out_everywhere),
        ),
    ]
}
