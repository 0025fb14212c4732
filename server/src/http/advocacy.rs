//! Asking for an advocate over HTTP: the child sends a request, adds a
//! message, withdraws it; the advocacy service accepts, allocates, writes
//! notes and closes. Problems show the form again with what was typed.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Outcome, Routes, after_form, help_or, not_found};
use crate::advocacy::{self, Action};
use app::advocacy::{CaseForm, RequestForm, paths};
use axum::{
    Form,
    body::Bytes,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

/// `POST /advocacy`: the child sends a request. The body is read by hand:
/// each ticked category arrives as its own `category` pair.
pub async fn create(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Bytes that are not UTF-8 become U+FFFD, which the checks refuse kindly.
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let mut form = RequestForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    let outcome = Outcome::of(
        advocacy::create(&state.db, &user, &form, &state.config.public_base_url).await,
        "advocacy::create",
        |(id, help)| help_or(help, format!("{}?sent=1", paths::my_request(id))),
    );
    after_form(
        &state,
        &headers,
        user,
        outcome,
        paths::NEW,
        form,
        |form, errors| RequestForm { errors, ..form },
    )
    .await
}

/// `POST /advocacy/my/{id}/message`.
pub async fn add_message(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(mut form): Form<CaseForm>,
) -> Response {
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    let outcome = Outcome::of(
        advocacy::add_message(&state.db, &user, id, &form, &state.config.public_base_url).await,
        "advocacy::add_message",
        |help| help_or(help, format!("{}?added=1", paths::my_request(id))),
    );
    let page = paths::my_request(id);
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| CaseForm { errors, ..form },
    )
    .await
}

/// `POST /advocacy/my/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    match advocacy::withdraw(&state.db, &user, id).await {
        Ok(Some(_)) => {
            Redirect::to(&format!("{}?withdrawn=1", paths::my_request(id))).into_response()
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("advocacy::withdraw", error).into_response(),
    }
}

/// `POST /advocacy/cases/{id}/{accept|allocate|notes|close}`.
pub async fn act(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<CaseForm>,
) -> Response {
    let done = match Action::from_path(&action) {
        Some(action) => advocacy::act(&state.db, &user, id, action, &form).await,
        None => Ok(None),
    };
    let outcome = Outcome::of(done, "advocacy::act", |()| {
        format!("{}?done=1", paths::case(id))
    });
    let page = paths::case(id);
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &page,
        form,
        |form, errors| CaseForm { errors, ..form },
    )
    .await
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::HOME, post(create)),
        ("POST", paths::MESSAGE, post(add_message)),
        ("POST", paths::WITHDRAW, post(withdraw)),
        ("POST", paths::CASE_ACTION, post(act)),
    ]
}
