//! The consultation over HTTP: the child saves each topic (every step is
//! saved, so nothing is lost without JavaScript), says how they want to
//! take part, and sends it; the IRO marks it read and acts on alerts.

use super::signed_in::{Failure, SignedIn, SignedInScript};
use app::consultations::{TakingPartForm, TopicForm, paths, topics_for};
use axum::{
    Form,
    extract::{Path, State, rejection::FormRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use leptos::prelude::provide_context;

use super::{AppState, Routes, not_found, render_page_as};
use crate::consultations::{self, Saved};

/// Where "save and continue" goes after `topic`.
fn after(topic: &str, age: i64) -> String {
    let mut topics = topics_for(age).skip_while(|t| *t != topic).skip(1);
    match topics.next() {
        Some(next) => paths::topic(next),
        None => paths::TAKING_PART.to_owned(),
    }
}

/// `POST /consultation/topics/{topic}`.
pub async fn save_topic(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(topic): Path<String>,
    form: Result<Form<TopicForm>, FormRejection>,
) -> Response {
    // Text that is not UTF-8 (or a form that cannot be read at all): say
    // so kindly; what was saved before is untouched.
    let Ok(Form(mut form)) = form else {
        return Redirect::to(&format!("{}?unreadable=1", paths::topic(&topic))).into_response();
    };
    let then = form.then.clone();
    let base_url = state.config.public_base_url.clone();
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    match consultations::save_topic(&state.db, &user, &topic, form, &base_url).await {
        Ok(Some(Saved::Done { help, .. })) => {
            if help {
                state.outbox.notify_one();
                return Redirect::to(app::paths::HELP_SAVED).into_response();
            }
            if then == "list" {
                return Redirect::to(&format!("{}?saved=1", paths::OVERVIEW)).into_response();
            }
            let age = consultations::age_of(&state.db, &user).await.unwrap_or(0);
            Redirect::to(&after(&topic, age)).into_response()
        }
        Ok(Some(Saved::Problems(shown))) => {
            let shown = *shown;
            render_page_as(
                &state,
                &paths::topic(&topic),
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(Some(Saved::Locked)) => Redirect::to(paths::OVERVIEW).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::save_topic", error).into_response(),
    }
}

/// `POST /consultation/topics/{topic}/autosave`: the same save, sent by
/// the page's script while the child types. It answers with what the page
/// now stands on (a form body), or a status the script explains: 409 when
/// it was changed on another device or the review has started, 422 when
/// something needs fixing (saving with the button then shows what).
pub async fn autosave_topic(
    State(state): State<AppState>,
    SignedInScript(user): SignedInScript,
    headers: HeaderMap,
    Path(topic): Path<String>,
    form: Result<Form<TopicForm>, FormRejection>,
) -> Response {
    let Ok(Form(mut form)) = form else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let base_url = state.config.public_base_url.clone();
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    match consultations::save_topic(&state.db, &user, &topic, form, &base_url).await {
        Ok(Some(Saved::Done { help, base })) => {
            if help {
                state.outbox.notify_one();
            }
            (
                [(header::CONTENT_TYPE, "application/x-www-form-urlencoded")],
                base.to_form_body(help),
            )
                .into_response()
        }
        Ok(Some(Saved::Problems(shown))) if shown.has_clash() => {
            StatusCode::CONFLICT.into_response()
        }
        Ok(Some(Saved::Problems(_))) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
        Ok(Some(Saved::Locked)) => StatusCode::CONFLICT.into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => Failure::new("consultations::autosave_topic", error).into_response(),
    }
}

/// `POST /consultation/taking-part`.
pub async fn taking_part(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(mut form): Form<TakingPartForm>,
) -> Response {
    form.language = app::shell::locale_from_headers(&headers).code().to_owned();
    match consultations::save_taking_part(&state.db, &user, &mut form).await {
        Ok(Some(Ok(()))) => Redirect::to(paths::CHECK).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = TakingPartForm {
                errors: problems,
                ..form
            };
            render_page_as(
                &state,
                paths::TAKING_PART,
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::taking_part", error).into_response(),
    }
}

/// `POST /consultation/submit`.
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
) -> Response {
    match consultations::submit(&state.db, &user, &state.config.public_base_url).await {
        Ok(Some(true)) => {
            state.outbox.notify_one();
            Redirect::to(&format!("{}?sent=1", paths::OVERVIEW)).into_response()
        }
        Ok(Some(false)) => Redirect::to(paths::OVERVIEW).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::submit", error).into_response(),
    }
}

/// `POST /children/{id}/consultation/read`.
pub async fn mark_read(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
) -> Response {
    match consultations::mark_read(&state.db, &user, child_id).await {
        Ok(true) => Redirect::to(&format!("{}?read=1", paths::summary(child_id))).into_response(),
        Ok(false) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::mark_read", error).into_response(),
    }
}

/// `POST /children/{id}/alerts/seen`.
pub async fn alerts_seen(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
) -> Response {
    match crate::safety::alerts_seen(&state.db, &user, child_id).await {
        Ok(true) => Redirect::to(app::paths::HOME).into_response(),
        Ok(false) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::alerts_seen", error).into_response(),
    }
}

#[derive(serde::Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    reason: String,
}

/// `POST /children/{id}/open`: a manager who is not covering for the
/// child's IRO says why they must read the child's words. Recorded, and
/// shown to the child; the consultation then opens for an hour.
pub async fn open_record(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    Form(form): Form<OpenForm>,
) -> Response {
    match crate::accounts::access::open_record(&state.db, &user, child_id, &form.reason).await {
        Ok(Some(Ok(()))) => Redirect::to(&paths::summary(child_id)).into_response(),
        Ok(Some(Err(problem))) => {
            let shown = app::accounts::OpenRecordForm {
                reason: form.reason,
                error: Some(problem),
            };
            render_page_as(
                &state,
                &paths::summary(child_id),
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("consultations::open_record", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler). With
/// them, the two things staff do from a consultation's page: act on
/// alerts, and open a child's record.
pub fn routes() -> Routes {
    use app::accounts::paths as accounts;
    vec![
        ("POST", paths::MARK_READ, post(mark_read)),
        ("POST", accounts::OPEN_RECORD, post(open_record)),
        ("POST", accounts::ALERTS_SEEN, post(alerts_seen)),
        ("POST", paths::TOPIC, post(save_topic)),
        ("POST", paths::TOPIC_AUTOSAVE, post(autosave_topic)),
        ("POST", paths::TAKING_PART, post(taking_part)),
        ("POST", paths::SUBMIT, post(submit)),
    ]
}
