//! Escalations over HTTP: raising a concern or noting good practice from
//! the child's page, the response and what comes next, Cafcass and the
//! child told, citing the child's view; the manager's counts as files.
//! Problems show the form again with what was typed.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Outcome, Routes, after_form, date_boxes, not_found};
use crate::escalations::{self, Wanted};
use app::escalations::{
    DetailsForm, LinkForm, OverviewAsked, PraiseForm, RaiseForm, RespondForm, paths,
};
use axum::{
    Form,
    body::Bytes,
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::{get, post},
};

/// `POST /children/{id}/escalations/new`. The body is read by hand: each
/// ticked issue arrives as its own `issue` pair, and the date boxes are
/// put together.
pub async fn raise(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    body: Bytes,
) -> Response {
    let pairs = date_boxes::put_together(url::form_urlencoded::parse(&body).into_owned().collect());
    let form = RaiseForm::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let outcome = Outcome::of(
        escalations::raise(&state.db, &user, child_id, &form).await,
        "escalations::raise",
        |id| format!("{}?raised=1", paths::escalation(id)),
    );
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &paths::raise(child_id),
        form,
        |form, errors| RaiseForm { errors, ..form },
    )
    .await
}

/// `POST /children/{id}/escalations/good-practice`.
pub async fn praise(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    date_boxes::Form(form): date_boxes::Form<PraiseForm>,
) -> Response {
    let outcome = Outcome::of(
        escalations::praise(&state.db, &user, child_id, &form).await,
        "escalations::praise",
        |id| format!("{}?noted=1", paths::escalation(id)),
    );
    after_form(
        &state,
        &headers,
        user,
        outcome,
        &paths::raise(child_id),
        form,
        |form, errors| PraiseForm { errors, ..form },
    )
    .await
}

/// What a form on an escalation's page gets: back to the page saying what
/// was done (`notice`), the page again with the problems and what was
/// typed, or "not found".
async fn on_page<F: Clone + Send + Sync + 'static>(
    (state, user, headers): (AppState, app::accounts::CurrentUser, HeaderMap),
    id: i64,
    done: anyhow::Result<Option<Result<(), escalations::Problems>>>,
    (doing, notice): (&'static str, &str),
    form: F,
    with_errors: impl FnOnce(F, escalations::Problems) -> F,
) -> Response {
    let outcome = Outcome::of(done, doing, |()| {
        format!("{}?{notice}", paths::escalation(id))
    });
    let page = paths::escalation(id);
    after_form(&state, &headers, user, outcome, &page, form, with_errors).await
}

/// `POST /escalations/{id}/respond`.
pub async fn respond(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    date_boxes::Form(form): date_boxes::Form<RespondForm>,
) -> Response {
    let done = escalations::respond(&state.db, &user, id, &form).await;
    on_page(
        (state, user, headers),
        id,
        done,
        ("escalations::respond", "responded=1"),
        form,
        |form, errors| RespondForm { errors, ..form },
    )
    .await
}

/// `POST /escalations/{id}/details`.
pub async fn details(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    date_boxes::Form(form): date_boxes::Form<DetailsForm>,
) -> Response {
    let done = escalations::details(&state.db, &user, id, &form).await;
    on_page(
        (state, user, headers),
        id,
        done,
        ("escalations::details", "details=1"),
        form,
        |form, errors| DetailsForm { errors, ..form },
    )
    .await
}

/// `POST /escalations/{id}/views`. A view that cannot be cited is a
/// problem with the page's one field: the page shows it again.
pub async fn link(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<LinkForm>,
) -> Response {
    let done = escalations::link(&state.db, &user, id, &form).await;
    on_page(
        (state, user, headers),
        id,
        done,
        ("escalations::link", "linked=1#views"),
        DetailsForm::default(),
        |form, errors| DetailsForm { errors, ..form },
    )
    .await
}

async fn download(
    state: AppState,
    user: app::accounts::CurrentUser,
    headers: HeaderMap,
    asked: OverviewAsked,
    wanted: Wanted,
) -> Response {
    let locale = app::shell::locale_from_headers(&headers);
    match escalations::download(&state.db, &user, asked.year.parse().ok(), wanted, locale).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("escalations::download", error).into_response(),
    }
}

/// `GET /escalations/counts.csv`.
pub async fn csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Query(asked): Query<OverviewAsked>,
) -> Response {
    download(state, user, headers, asked, Wanted::Csv).await
}

/// `GET /escalations/counts.xlsx`.
pub async fn workbook(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Query(asked): Query<OverviewAsked>,
) -> Response {
    download(state, user, headers, asked, Wanted::Workbook).await
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::RAISE, post(raise)),
        ("POST", paths::PRAISE, post(praise)),
        ("POST", paths::RESPOND, post(respond)),
        ("POST", paths::DETAILS, post(details)),
        ("POST", paths::LINK, post(link)),
        ("GET", paths::CSV, get(csv)),
        ("GET", paths::WORKBOOK, get(workbook)),
    ]
}
