//! The second step of a member of staff's sign-in, over HTTP: set up an
//! authenticator app the first time (then see recovery codes once), enter
//! a code after that. Wrong codes count towards the same lock as wrong
//! passphrases.

use super::signed_in::Failure;
use app::accounts::{SecondStep, paths};
use axum::{
    Form,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use base64::Engine;
use leptos::prelude::provide_context;
use serde::Deserialize;

use super::{
    AppState, Routes,
    auth::{new_session_cookie, session_token},
    render_page,
};
use crate::accounts::{
    audit::{AuditAction, record},
    second_factor,
    sessions::{self, Stage},
    sign_in,
};

const WRONG: &str = "second-code-wrong";

/// `GET /sign-in/second-step`.
pub async fn show(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match pending(&state, &headers).await {
        Ok(Some((account_id, name, stage))) => {
            page(&state, &headers, account_id, &name, stage, None).await
        }
        Ok(None) => Redirect::to(app::paths::SIGN_IN).into_response(),
        Err(error) => Failure::new("second_factor::show", error).into_response(),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /sign-in/second-step`.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let (account_id, name, stage) = match pending(&state, &headers).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return Redirect::to(app::paths::SIGN_IN).into_response(),
        Err(error) => return Failure::new("second_factor::submit", error).into_response(),
    };
    match check(&state, account_id, &name, stage, &form.code).await {
        Ok(true) => {}
        Ok(false) => return page(&state, &headers, account_id, &name, stage, Some(WRONG)).await,
        Err(error) => return Failure::new("second_factor::submit", error).into_response(),
    }
    // Through: a new session id, fully signed in.
    let cookie = match new_session_cookie(&state, &headers, account_id, Stage::Full).await {
        Ok(cookie) => cookie,
        Err(error) => return Failure::new("second_factor::submit", error).into_response(),
    };
    let mut response = match stage {
        Stage::SetUp => match second_factor::new_recovery_codes(&state.db, account_id).await {
            Ok(codes) => {
                let step = SecondStep::RecoveryCodes { codes };
                render_page(&state, paths::SECOND_STEP_PAGE, &headers, move || {
                    provide_context(step.clone())
                })
                .await
            }
            Err(error) => return Failure::new("second_factor::submit", error).into_response(),
        },
        _ => Redirect::to(app::paths::HOME).into_response(),
    };
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

async fn pending(
    state: &AppState,
    headers: &HeaderMap,
) -> anyhow::Result<Option<(i64, String, Stage)>> {
    let Some(token) = session_token(state, headers) else {
        return Ok(None);
    };
    match sessions::check_second_step(&state.db, token).await? {
        // Another session confirmed the authenticator meanwhile: this one
        // enters a code like any later sign-in. The secret is never shown
        // again, and no second set of recovery codes is made.
        Some((account_id, name, Stage::SetUp))
            if second_factor::is_set_up(&state.db, account_id).await? =>
        {
            Ok(Some((account_id, name, Stage::Code)))
        }
        other => Ok(other),
    }
}

/// Whether the code is right (a code from the app, or at the code stage a
/// recovery code), recording the outcome.
async fn check(
    state: &AppState,
    account_id: i64,
    name: &str,
    stage: Stage,
    typed: &str,
) -> anyhow::Result<bool> {
    if sign_in::is_locked(&state.db, &state.sign_in_policy, name).await? {
        record(
            state.db.pool(),
            Some(account_id),
            AuditAction::SecondFactorFailed,
            None,
        )
        .await?;
        return Ok(false);
    }
    let typed = typed.trim();
    let (passed, action) =
        if second_factor::check_code(&state.db, &state.config.secret_keys(), account_id, typed)
            .await?
        {
            let action = if stage == Stage::SetUp {
                AuditAction::SecondFactorSetUp
            } else {
                AuditAction::SecondFactorPassed
            };
            (true, action)
        } else if stage == Stage::Code
            && second_factor::use_recovery_code(&state.db, account_id, typed).await?
        {
            (true, AuditAction::RecoveryCodeUsed)
        } else {
            sign_in::record_failure(&state.db, name).await?;
            (false, AuditAction::SecondFactorFailed)
        };
    record(
        state.db.pool(),
        Some(account_id),
        action,
        Some(format!("account:{account_id}")),
    )
    .await?;
    Ok(passed)
}

async fn page(
    state: &AppState,
    headers: &HeaderMap,
    account_id: i64,
    name: &str,
    stage: Stage,
    error: Option<&'static str>,
) -> Response {
    let step = match stage {
        Stage::SetUp => {
            let secret =
                match second_factor::secret_for(&state.db, &state.config.secret_keys(), account_id)
                    .await
                {
                    Ok((secret, _)) => secret,
                    Err(error) => {
                        return Failure::new("second_factor::page", error).into_response();
                    }
                };
            let url = second_factor::otpauth_url(&secret, name, "MySay");
            let svg = second_factor::qr_svg(&url).unwrap_or_default();
            let key = secret
                .as_bytes()
                .chunks(4)
                .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            SecondStep::SetUp {
                qr_svg_base64: base64::engine::general_purpose::STANDARD.encode(svg),
                key,
                error,
            }
        }
        _ => SecondStep::Code { error },
    };
    render_page(state, paths::SECOND_STEP_PAGE, headers, move || {
        provide_context(step.clone())
    })
    .await
}

/// The second step's routes.
pub fn routes() -> Routes {
    vec![
        ("GET", paths::SECOND_STEP, get(show)),
        ("POST", paths::SECOND_STEP, post(submit)),
    ]
}
