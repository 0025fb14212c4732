//! The service's settings over HTTP: a manager changes how small numbers
//! are hidden in figures, and the authority's population aged 0 to 17.
//! Plain form posts.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Routes, not_found, render_page_as};
use crate::settings;
use app::settings::{
    DisclosureForm, EscalationDaysForm, PlannedForm, PopulationForm, ServiceForm, paths,
};
use axum::{
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use leptos::prelude::provide_context;

/// `POST /settings/small-numbers`: the rule figures are published under.
pub async fn save_disclosure(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    axum::Form(form): axum::Form<DisclosureForm>,
) -> Response {
    match settings::save_disclosure(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{}?saved=1", paths::DISCLOSURE)).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = DisclosureForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::DISCLOSURE, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("settings::save_disclosure", error).into_response(),
    }
}

/// `POST /settings/population`: the population rates are of.
pub async fn save_population(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PopulationForm>,
) -> Response {
    match settings::save_population(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{}?saved=1", paths::POPULATION)).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = PopulationForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::POPULATION, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("settings::save_population", error).into_response(),
    }
}

/// `POST /settings/you-said-we-did`: how long an item may stay planned.
pub async fn save_planned(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PlannedForm>,
) -> Response {
    match settings::save_planned(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{}?saved=1", paths::PLANNED)).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = PlannedForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::PLANNED, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("settings::save_planned", error).into_response(),
    }
}

/// `POST /settings/escalations`: the working days at each escalation stage.
pub async fn save_escalation_days(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    axum::Form(form): axum::Form<EscalationDaysForm>,
) -> Response {
    match settings::save_escalation_days(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => {
            Redirect::to(&format!("{}?saved=1", paths::ESCALATION_DAYS)).into_response()
        }
        Ok(Some(Err(problems))) => {
            let shown = EscalationDaysForm {
                errors: problems,
                ..form
            };
            render_page_as(
                &state,
                paths::ESCALATION_DAYS,
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("settings::save_escalation_days", error).into_response(),
    }
}

/// `POST /settings/service`: the service's details. Each ticked language
/// arrives as its own `language` pair, so the body is read by hand.
pub async fn save_service(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let form = ServiceForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    match settings::save_service(&state.db, &state.config.site, &user, &form).await {
        Ok(Some(Ok(()))) => {
            // This server shows the change at once; the others within
            // seconds, as they read the details again.
            if let Err(error) =
                crate::storage::settings::refresh_site(&state.db, &state.config.site, &state.site)
                    .await
            {
                return Failure::new("settings::save_service", error).into_response();
            }
            Redirect::to(&format!("{}?saved=1", paths::SERVICE)).into_response()
        }
        Ok(Some(Err(problems))) => {
            let shown = ServiceForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::SERVICE, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("settings::save_service", error).into_response(),
    }
}

pub fn routes() -> Routes {
    vec![
        ("POST", paths::DISCLOSURE, post(save_disclosure)),
        ("POST", paths::POPULATION, post(save_population)),
        ("POST", paths::PLANNED, post(save_planned)),
        ("POST", paths::ESCALATION_DAYS, post(save_escalation_days)),
        ("POST", paths::SERVICE, post(save_service)),
    ]
}
