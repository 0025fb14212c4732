//! Letters over HTTP: the IRO starts, saves (also as they type), sends and
//! corrects a letter; the child and the IRO reply in its thread. Problems
//! show the page again with what was typed.

use super::signed_in::{Failure, SignedIn, SignedInScript};
use super::{AppState, Outcome, Problems, after_form, not_found};
use crate::letters;
use app::letters::{LetterForm, ReplyForm};
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

/// A form that cannot be read (not UTF-8): the same as text with
/// unreadable characters, which the checks refuse kindly.
fn unreadable<F: Default>(form: Result<Form<F>, FormRejection>) -> (F, bool) {
    match form {
        Ok(Form(form)) => (form, false),
        Err(_) => (F::default(), true),
    }
}

/// `GET /my-information`: the child's own information, as a JSON file.
pub async fn my_information(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
) -> Response {
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
        Err(error) => Failure::new("letters::my_information", error).into_response(),
    }
}

/// `POST /children/{id}/letters`: the IRO starts the letter after the
/// latest held review (or goes back to the draft).
pub async fn start(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
) -> Response {
    match letters::start(&state.db, &user, child_id).await {
        Ok(Some(id)) => Redirect::to(&format!("/letters/{id}/edit")).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("letters::start", error).into_response(),
    }
}

fn with_problems(form: LetterForm, problems: Problems) -> LetterForm {
    LetterForm {
        errors: problems,
        ..form
    }
}

/// What a form that could not be read comes to: one kind problem.
fn unreadable_body() -> anyhow::Result<Option<Result<String, Problems>>> {
    Ok(Some(Err(vec![("body", "consultation-error-unreadable")])))
}

/// `POST /letters/{id}`: the IRO saves the draft.
pub async fn save(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
    let (form, bad) = unreadable(form);
    let page = format!("/letters/{id}/edit");
    let outcome = if bad {
        unreadable_body()
    } else {
        letters::save(&state.db, &user, id, &form)
            .await
            .map(|done| done.map(|r| r.map(|()| format!("{page}?saved=1"))))
    };
    after_form(
        &state,
        &headers,
        user,
        outcome
            .map(Outcome::from)
            .map_err(|e| Failure::new("letters::save", e)),
        &page,
        form,
        with_problems,
    )
    .await
}

/// `POST /letters/{id}/autosave`: the same save from the page's script.
pub async fn autosave(
    State(state): State<AppState>,
    SignedInScript(user): SignedInScript,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
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
        Err(error) => Failure::new("letters::autosave", error).into_response(),
    }
}

/// `POST /letters/{id}/send`: saved as it is in the form, then sent.
pub async fn send(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<LetterForm>, FormRejection>,
) -> Response {
    let (form, bad) = unreadable(form);
    let page = format!("/letters/{id}/edit");
    let outcome = if bad {
        unreadable_body()
    } else {
        letters::send(&state.db, &user, id, &form, &state.config.public_base_url)
            .await
            .map(|done| done.map(|r| r.map(|()| format!("/letters/{id}?sent=1"))))
    };
    after_form(
        &state,
        &headers,
        user,
        outcome
            .map(Outcome::from)
            .map_err(|e| Failure::new("letters::send", e)),
        &page,
        form,
        with_problems,
    )
    .await
}

/// `POST /letters/{id}/correct`: a new draft that corrects a sent letter.
pub async fn correct(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    match letters::correct(&state.db, &user, id).await {
        Ok(Some(new)) => Redirect::to(&format!("/letters/{new}/edit")).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("letters::correct", error).into_response(),
    }
}

/// `POST /letters/{id}/replies`: the child's question or disagreement, or
/// the IRO's answer.
pub async fn reply(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<ReplyForm>, FormRejection>,
) -> Response {
    let (form, bad) = unreadable(form);
    let form = ReplyForm {
        language: app::shell::locale_from_headers(&headers).code().to_owned(),
        ..form
    };
    let outcome = if bad {
        unreadable_body()
    } else {
        letters::reply(&state.db, &user, id, &form, &state.config.public_base_url)
            .await
            .map(|done| {
                done.map(|r| {
                    r.map(|help| {
                        if help {
                            "/help?saved=1".to_owned()
                        } else {
                            format!("/letters/{id}?replied=1")
                        }
                    })
                })
            })
    };
    let page = format!("/letters/{id}");
    after_form(
        &state,
        &headers,
        user,
        outcome
            .map(Outcome::from)
            .map_err(|e| Failure::new("letters::reply", e)),
        &page,
        form,
        |form, errors| ReplyForm { errors, ..form },
    )
    .await
}
