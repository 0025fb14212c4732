//! The list of themes over HTTP: the CRO (or a manager) adds, renames,
//! retires and offers again; an IRO tags a child's sent answer. All plain
//! form posts.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Routes, date_boxes::Form, not_found, render_page_as};
use crate::themes::{self, Change, Wanted};
use app::themes::{FiguresAsked, PickForm, ThemeForm, WordsAsked, paths};
use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use leptos::prelude::provide_context;

/// `POST /themes/list`: a new theme.
pub async fn add(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<ThemeForm>,
) -> Response {
    save(state, user, headers, None, form).await
}

/// `POST /themes/list/{id}`: a theme's new name.
pub async fn rename(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(theme_id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<ThemeForm>,
) -> Response {
    save(state, user, headers, Some(theme_id), form).await
}

async fn save(
    state: AppState,
    user: app::accounts::CurrentUser,
    headers: HeaderMap,
    theme_id: Option<i64>,
    form: ThemeForm,
) -> Response {
    match themes::save(&state.db, &user, theme_id, &form).await {
        Ok(Some(Ok(()))) => Redirect::to(&format!("{}?saved=1", paths::LIST)).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = ThemeForm {
                theme_id,
                errors: problems,
                ..form
            };
            let page = theme_id.map_or_else(|| paths::LIST.to_owned(), paths::rename);
            render_page_as(&state, &page, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::save", error).into_response(),
    }
}

/// `POST /themes/list/{id}/retire`.
pub async fn retire(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(theme_id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    change(state, user, headers, theme_id, Change::Retire).await
}

/// `POST /themes/list/{id}/restore`.
pub async fn restore(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(theme_id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    change(state, user, headers, theme_id, Change::Restore).await
}

async fn change(
    state: AppState,
    user: app::accounts::CurrentUser,
    headers: HeaderMap,
    theme_id: i64,
    change: Change,
) -> Response {
    match themes::change(&state.db, &user, theme_id, change).await {
        Ok(Some(())) => Redirect::to(&format!("{}?saved=1", paths::LIST)).into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::change", error).into_response(),
    }
}

/// `POST /children/{id}/consultation/answers/{answer}/themes`: the
/// answer's themes, one `theme` field per ticked box (none: no themes).
pub async fn tag(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((child_id, answer_id)): Path<(i64, i64)>,
    headers: HeaderMap,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let ticked: Option<Vec<i64>> = pairs
        .iter()
        .filter(|(name, _)| name == "theme")
        .map(|(_, value)| value.parse().ok())
        .collect();
    let Some(ticked) = ticked else {
        return not_found(&state, &headers, user).await;
    };
    match themes::tag(&state.db, &user, child_id, answer_id, &ticked).await {
        Ok(Some(topic)) => Redirect::to(&format!(
            "{}?tagged={topic}#themes-{topic}",
            app::consultations::paths::summary(child_id)
        ))
        .into_response(),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::tag", error).into_response(),
    }
}

/// `GET /themes/csv/{table}`: one table of the themes page, as CSV.
pub async fn csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(table): Path<String>,
    Query(asked): Query<FiguresAsked>,
    headers: HeaderMap,
) -> Response {
    download(state, user, headers, asked, Wanted::Csv(table)).await
}

/// `GET /themes/workbook`: every table of the themes page, as a workbook.
pub async fn workbook(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(asked): Query<FiguresAsked>,
    headers: HeaderMap,
) -> Response {
    download(state, user, headers, asked, Wanted::Workbook).await
}

/// `POST /themes/words/pick`: picks or unpicks a child's words as a
/// quote, then back to the page where it was (words taken back meanwhile
/// are simply no longer there).
pub async fn pick(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<PickForm>,
) -> Response {
    match themes::pick(&state.db, &user, &form).await {
        Ok(Some(done)) => {
            let back: WordsAsked = serde_urlencoded::from_str(&form.back).unwrap_or_default();
            let anchor = if done {
                format!("#quote-{}", form.reference)
            } else {
                String::new()
            };
            let query = back.query();
            let sep = if query.is_empty() { "" } else { "?" };
            Redirect::to(&format!("{}{sep}{query}{anchor}", paths::WORDS)).into_response()
        }
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::pick", error).into_response(),
    }
}

/// `GET /themes/words/csv`: the words asked for, as CSV.
pub async fn words_csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(asked): Query<WordsAsked>,
    headers: HeaderMap,
) -> Response {
    let locale = app::shell::locale_from_headers(&headers);
    match themes::words_csv(&state.db, &user, asked, locale).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::words_csv", error).into_response(),
    }
}

async fn download(
    state: AppState,
    user: app::accounts::CurrentUser,
    headers: HeaderMap,
    asked: FiguresAsked,
    wanted: Wanted,
) -> Response {
    let locale = app::shell::locale_from_headers(&headers);
    match themes::download(&state.db, &user, asked, wanted, locale).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("themes::download", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("POST", paths::LIST, post(add)),
        ("POST", paths::RENAME, post(rename)),
        ("POST", paths::RETIRE, post(retire)),
        ("POST", paths::RESTORE, post(restore)),
        ("POST", paths::TAG, post(tag)),
        ("GET", paths::CSV, get(csv)),
        ("GET", paths::WORKBOOK, get(workbook)),
        ("POST", paths::PICK, post(pick)),
        ("GET", paths::WORDS_CSV, get(words_csv)),
    ]
}
