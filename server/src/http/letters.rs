//! Letters over HTTP: the IRO starts, saves (also as they type), sends and
//! corrects a letter; the child and the IRO reply in its thread. Problems
//! show the page again with what was typed.

use app::{
    accounts::CurrentUser,
    letters::{LetterForm, ReplyForm},
};
use axum::{
    Extension, Form,
    extract::{Path, State, rejection::FormRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::provide_context;

use super::{AppState, auth::unavailable, render_page_as};
use crate::letters::{self, Problems};

async fn not_found(state: &AppState, headers: &HeaderMap, user: CurrentUser) -> Response {
    render_page_as(state, "/not-found", headers, Some(user), || {}).await
}

/// A form that cannot be read (not UTF-8): the same as text with
/// unreadable characters, which the checks refuse kindly.
fn unreadable<F: Default>(form: Result<Form<F>, FormRejection>) -> (F, bool) {
    match form {
        Ok(Form(form)) => (form, false),
        Err(_) => (F::default(), true),
    }
}

async fn shown_again<F: Clone + Send + Sync + 'static>(
    state: &AppState,
    headers: &HeaderMap,
    user: CurrentUser,
    page: &str,
    form: F,
) -> Response {
    render_page_as(state, page, headers, Some(user), move || {
        provide_context(form.clone())
    })
    .await
}

/// `GET /my-information`: the child's own information, as a JSON file.
pub async fn my_information(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    match crate::my_information::for_child(&state.db, &user).await {
        Ok(Some(info)) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"my-information-mysay.json\"",
                ),
                (axum::http::header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&info).unwrap_or_default(),
        )
            .into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}

/// `POST /children/{id}/letters`: the IRO starts the letter after the
/// latest held review (or goes back to the draft).
pub async fn start(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    match letters::start(&state.db, &user, child_id).await {
        Ok(Some(id)) => Redirect::to(&format!("/letters/{id}/edit")).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}

fn with_problems(form: LetterForm, problems: Problems) -> LetterForm {
    LetterForm {
        errors: problems,
        ..form
    }
}

/// `POST /letters/{id}`: the IRO saves the draft.
pub async fn save(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    let (form, bad) = unreadable(form);
    let page = format!("/letters/{id}/edit");
    if bad {
        let form = with_problems(form, vec![("body", "consultation-error-unreadable")]);
        return shown_again(&state, &headers, user, &page, form).await;
    }
    match letters::save(&state.db, &user, id, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{page}?saved=1")).into_response(),
        Ok(Some(Err(problems))) => {
            shown_again(&state, &headers, user, &page, with_problems(form, problems)).await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}

/// `POST /letters/{id}/autosave`: the same save from the page's script.
pub async fn autosave(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
    let Some(Extension(user)) = user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(Form(form)) = form else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    match letters::save(&state.db, &user, id, &form).await {
        Ok(Some(Ok(()))) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )],
            "saved=1",
        )
            .into_response(),
        Ok(Some(Err(_))) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => unavailable(&error),
    }
}

/// `POST /letters/{id}/send`: saved as it is in the form, then sent.
pub async fn send(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    let (form, bad) = unreadable(form);
    let page = format!("/letters/{id}/edit");
    if bad {
        let form = with_problems(form, vec![("body", "consultation-error-unreadable")]);
        return shown_again(&state, &headers, user, &page, form).await;
    }
    let base_url = state.config.public_base_url.clone();
    match letters::send(&state.db, &user, id, &form, &base_url).await {
        Ok(Some(Ok(()))) => {
            state.outbox.notify_one();
            Redirect::to(&format!("/letters/{id}?sent=1")).into_response()
        }
        Ok(Some(Err(problems))) => {
            shown_again(&state, &headers, user, &page, with_problems(form, problems)).await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}

/// `POST /letters/{id}/correct`: a new draft that corrects a sent letter.
pub async fn correct(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    match letters::correct(&state.db, &user, id).await {
        Ok(Some(new)) => Redirect::to(&format!("/letters/{new}/edit")).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}

/// `POST /letters/{id}/replies`: the child's question or disagreement, or
/// the IRO's answer.
pub async fn reply(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<ReplyForm>, FormRejection>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    let (form, bad) = unreadable(form);
    let page = format!("/letters/{id}");
    if bad {
        let form = ReplyForm {
            errors: vec![("body", "consultation-error-unreadable")],
            ..form
        };
        return shown_again(&state, &headers, user, &page, form).await;
    }
    let base_url = state.config.public_base_url.clone();
    let form = ReplyForm {
        language: app::shell::locale_from_headers(&headers).code().to_owned(),
        ..form
    };
    match letters::reply(&state.db, &user, id, &form, &base_url).await {
        Ok(Some(Ok(()))) => {
            state.outbox.notify_one();
            Redirect::to(&format!("/letters/{id}?replied=1")).into_response()
        }
        Ok(Some(Err(problems))) => {
            let form = ReplyForm {
                errors: problems,
                ..form
            };
            shown_again(&state, &headers, user, &page, form).await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => unavailable(&error),
    }
}
