//! Letters over HTTP: the IRO starts, saves (also as they type), sends and
//! corrects a letter; the child and the IRO reply in its thread. Problems
//! show the page again with what was typed.

use super::signed_in::{Failure, SignedIn, SignedInScript};
use super::{AppState, Outcome, Problems, Routes, after_form, help_or, not_found};
use crate::letters;
use app::letters::{LetterForm, ReplyForm, paths};
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

/// A form that cannot be read (not UTF-8): the same as text with
/// unreadable characters, which the checks refuse kindly.
fn unreadable<F: Default>(form: Result<Form<F>, FormRejection>) -> (F, bool) {
    match form {
        Ok(Form(form)) => (form, false),
        Err(_) => (F::default(), true),
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
        Ok(Some(id)) => Redirect::to(&paths::edit(id)).into_response(),
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
fn unreadable_body() -> Result<Outcome, Failure> {
    Ok(Outcome::Problems(vec![(
        "body",
        "consultation-error-unreadable",
    )]))
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
    let page = paths::edit(id);
    let outcome = if bad {
        unreadable_body()
    } else {
        Outcome::of(
            letters::save(&state.db, &user, id, &form).await,
            "letters::save",
            |()| format!("{page}?saved=1"),
        )
    };
    after_form(&state, &headers, user, outcome, &page, form, with_problems).await
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
    let page = paths::edit(id);
    let outcome = if bad {
        unreadable_body()
    } else {
        Outcome::of(
            letters::send(&state.db, &user, id, &form, &state.config.public_base_url).await,
            "letters::send",
            |()| format!("{}?sent=1", paths::letter(id)),
        )
    };
    after_form(&state, &headers, user, outcome, &page, form, with_problems).await
}

/// `POST /letters/{id}/correct`: a new draft that corrects a sent letter.
pub async fn correct(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    match letters::correct(&state.db, &user, id).await {
        Ok(Some(new)) => Redirect::to(&paths::edit(new)).into_response(),
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
        Outcome::of(
            letters::reply(&state.db, &user, id, &form, &state.config.public_base_url).await,
            "letters::reply",
            |help| help_or(help, format!("{}?replied=1", paths::letter(id))),
        )
    };
    let page = paths::letter(id);
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| ReplyForm { errors, ..form },
    )
    .await
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::START, post(start)),
        ("POST", paths::LETTER, post(save)),
        ("POST", paths::AUTOSAVE, post(autosave)),
        ("POST", paths::SEND, post(send)),
        ("POST", paths::CORRECT, post(correct)),
        ("POST", paths::REPLIES, post(reply)),
    ]
}
