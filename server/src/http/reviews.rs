//! Reviews over HTTP: the child's IRO (or a manager) schedules the next
//! review and records it as held. Plain form posts.

use super::signed_in::{Failure, SignedIn};
use app::{
    accounts::CurrentUser,
    reviews::{BankHolidayForm, ContactForm, ReviewForm, paths},
};
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use leptos::prelude::provide_context;

use super::{AppState, Routes, date_boxes::Form, render_page_as};
use crate::reviews;

/// Which form was sent.
#[derive(Clone, Copy)]
pub enum Step {
    Schedule,
    Held,
}

async fn submit(
    state: AppState,
    user: CurrentUser,
    headers: HeaderMap,
    child_id: i64,
    form: ReviewForm,
    step: Step,
) -> Response {
    let outcome = match step {
        Step::Schedule => reviews::schedule(&state.db, &user, child_id, &form).await,
        Step::Held => reviews::record_held(&state.db, &user, child_id, &form).await,
    };
    let done = match step {
        Step::Schedule => "scheduled",
        Step::Held => "recorded",
    };
    answer(
        state,
        user,
        headers,
        child_id,
        outcome,
        done,
        move |errors| ReviewForm { errors, ..form },
    )
    .await
}

/// What a form on the child's page gets: back to the page saying what was
/// `done`, the page again with the form's problems and what was typed
/// (`shown`), or "not found".
async fn answer<F: Clone + Send + Sync + 'static>(
    state: AppState,
    user: CurrentUser,
    headers: HeaderMap,
    child_id: i64,
    outcome: anyhow::Result<Option<Result<(), reviews::Problems>>>,
    done: &str,
    shown: impl FnOnce(reviews::Problems) -> F,
) -> Response {
    let page = app::paths::child(child_id);
    match outcome {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{page}?{done}=1")).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = shown(problems);
            render_page_as(&state, &page, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("reviews::submit", error).into_response(),
    }
}

/// `POST /children/{id}/reviews/schedule`.
pub async fn schedule(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> Response {
    submit(state, user, headers, child_id, form, Step::Schedule).await
}

/// `POST /children/{id}/reviews/held`.
pub async fn held(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> Response {
    submit(state, user, headers, child_id, form, Step::Held).await
}

/// `POST /children/{id}/contacts`: the child's IRO (or a manager) records
/// a contact with the child between reviews.
pub async fn contact(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    Form(form): Form<ContactForm>,
) -> Response {
    let outcome = reviews::record_contact(&state.db, &user, child_id, &form).await;
    answer(
        state,
        user,
        headers,
        child_id,
        outcome,
        "contact",
        move |errors| ContactForm { errors, ..form },
    )
    .await
}

/// `POST /manage/bank-holidays`: a manager adds a bank holiday.
pub async fn add_bank_holiday(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<BankHolidayForm>,
) -> Response {
    match reviews::add_bank_holiday(&state.db, &user, &form).await {
        Ok(Some(Ok(()))) => {
            Redirect::to(&format!("{}?added=1", paths::BANK_HOLIDAYS)).into_response()
        }
        Ok(Some(Err(problems))) => {
            let shown = BankHolidayForm {
                errors: problems,
                ..form
            };
            render_page_as(
                &state,
                paths::BANK_HOLIDAYS,
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("reviews::add_bank_holiday", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::SCHEDULE, post(schedule)),
        ("POST", paths::HELD, post(held)),
        ("POST", paths::CONTACTS, post(contact)),
        ("POST", paths::BANK_HOLIDAYS, post(add_bank_holiday)),
    ]
}
