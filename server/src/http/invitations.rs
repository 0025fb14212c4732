//! Invitations over HTTP: an IRO or manager makes one (and gets a page to
//! print), and a child accepts one by link or code. Plain form posts, so
//! all of it works without JavaScript.

use super::signed_in::{Failure, SignedIn};
use std::net::SocketAddr;

use app::accounts::{InvitationSlip, JoinAttempt, paths};
use axum::{
    Form,
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use leptos::prelude::provide_context;
use secrecy::SecretString;
use serde::Deserialize;

use super::{AppState, Routes, auth::passphrase_accepted, render_page, render_page_as};
use crate::accounts::invitations::{self, AcceptProblem, Holding};

/// `POST /children/{id}/invitation`.
pub async fn create(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
) -> Response {
    let base_url = &state.config.public_base_url;
    match invitations::create_for_child(
        &state.db,
        state.config.secret_key(),
        &user,
        child_id,
        base_url,
    )
    .await
    {
        Ok(Some(invitation)) => {
            if invitation.emailed {
                state.outbox.notify_one();
            }
            let slip = InvitationSlip {
                child_name: invitation.child_name,
                emailed: invitation.emailed,
                link: format!("{}/join/{}", state.config.public_base_url, invitation.token),
                code: invitation.code,
                expires_on: crate::storage::iso_date(invitation.expires_at).unwrap_or_default(),
            };
            render_page_as(&state, paths::INVITATION, &headers, Some(user), move || {
                provide_context(slip.clone())
            })
            .await
        }
        // Another IRO's child, or no such child: the same answer.
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("invitations::create", error).into_response(),
    }
}

/// `GET /join/{token}`: the joining form, if the link still works.
pub async fn open_link(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let live = match invitations::find_live(
        &state.db,
        &state.config.secret_keys(),
        Holding::Link(&token),
    )
    .await
    {
        Ok(live) => live,
        Err(error) => return Failure::new("invitations::open_link", error).into_response(),
    };
    let attempt = JoinAttempt {
        staff_email: live.as_ref().and_then(|l| l.staff_email.clone()),
        invitation_not_valid: live.is_none(),
        token: Some(token),
        ..JoinAttempt::default()
    };
    render_page(&state, paths::JOIN, &headers, move || {
        provide_context(attempt.clone())
    })
    .await
}

#[derive(Deserialize)]
pub struct JoinForm {
    token: Option<String>,
    #[serde(default)]
    code: String,
    #[serde(default)]
    sign_in_name: String,
    #[serde(default)]
    passphrase: String,
}

/// `POST /join`: accept an invitation.
pub async fn accept(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<JoinForm>,
) -> Response {
    let mut attempt = JoinAttempt {
        token: form
            .token
            .clone()
            .filter(|t| !t.is_empty() && t.len() <= 100),
        code: form.code.chars().take(20).collect(),
        sign_in_name: form.sign_in_name.trim().chars().take(60).collect(),
        ..JoinAttempt::default()
    };
    let show_again = |attempt: JoinAttempt| {
        render_page(&state, paths::JOIN, &headers, move || {
            provide_context(attempt.clone())
        })
    };
    // Guessing codes is limited like guessing passphrases: per address
    // (an IPv6 /64 counts as one), and across the whole service.
    let from = crate::config::address_group(state.config.client_address(peer.ip(), &headers));
    if !state.limiter.allow(from).await {
        attempt.invitation_not_valid = true;
        let mut response = show_again(attempt).await;
        *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return response;
    }
    let typed = attempt.token.is_none();
    if typed {
        match invitations::code_budget_spent(&state.db).await {
            Ok(false) => {}
            Ok(true) => {
                if let Err(error) = crate::accounts::audit::record(
                    state.db.pool(),
                    None,
                    crate::accounts::audit::AuditAction::InvitationRefusedBudget,
                    None,
                )
                .await
                {
                    return Failure::new("invitations::accept", error).into_response();
                }
                attempt.invitation_not_valid = true;
                let mut response = show_again(attempt).await;
                *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                return response;
            }
            Err(error) => return Failure::new("invitations::accept", error).into_response(),
        }
    }
    let holding = match &attempt.token {
        Some(token) => Holding::Link(token),
        None => Holding::Code(&attempt.code),
    };
    let live = match invitations::find_live(&state.db, &state.config.secret_keys(), holding).await {
        Ok(live) => live,
        Err(error) => return Failure::new("invitations::accept", error).into_response(),
    };
    let Some(invitation) = live else {
        // Every code that matches nothing is recorded: the service-wide
        // budget counts these.
        if typed && let Err(error) = invitations::record_code_failure(&state.db).await {
            return Failure::new("invitations::accept", error).into_response();
        }
        attempt.invitation_not_valid = true;
        return show_again(attempt).await;
    };
    if attempt.token.is_some() {
        attempt.staff_email.clone_from(&invitation.staff_email);
    }
    let accepted = invitations::accept(
        &state.db,
        &invitation,
        &form.sign_in_name,
        SecretString::from(form.passphrase),
        &state.site().authority_name,
    )
    .await;
    match accepted {
        Ok(Ok(account_id)) => passphrase_accepted(&state, &headers, account_id).await,
        Ok(Err(problems)) if problems.is_empty() => {
            attempt.invitation_not_valid = true;
            show_again(attempt).await
        }
        Ok(Err(problems)) => {
            attempt.name_error = problems
                .iter()
                .find(|p| p.is_about_the_name())
                .map(|p| p.message_key());
            attempt.passphrase_error = problems
                .iter()
                .find(|p| !p.is_about_the_name())
                .map(|p: &AcceptProblem| p.message_key());
            show_again(attempt).await
        }
        Err(error) => Failure::new("invitations::accept", error).into_response(),
    }
}

/// The invitations' routes.
pub fn routes() -> Routes {
    vec![
        ("POST", paths::INVITE, post(create)),
        ("GET", paths::JOIN_LINK, get(open_link)),
        ("POST", paths::JOIN, post(accept)),
    ]
}
