//! A manager's changes to accounts, as plain form posts.

use app::accounts::{ChildForm, CurrentUser};
use axum::{
    Extension, Form,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};

use super::{AppState, auth::unavailable, render_page, render_page_as};
use crate::accounts::{AccountChange, change_account, children};
use leptos::prelude::provide_context;

/// `POST /manage/children`: add a child's record.
pub async fn add_child(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Form(form): Form<ChildForm>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    match children::create(&state.db, &user, &form).await {
        Ok(Some(Ok(_))) => Redirect::to("/home").into_response(),
        Ok(Some(Err(problems))) => {
            let shown = ChildForm {
                errors: problems,
                ..form
            };
            render_page_as(
                &state,
                "/manage/children/new",
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => render_page_as(&state, "/not-found", &headers, Some(user), || {}).await,
        Err(error) => unavailable(&error),
    }
}

/// `POST /manage/accounts/{id}/{disable|enable|unlock}`.
pub async fn change(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    Path((account_id, action)): Path<(i64, String)>,
) -> Response {
    let Some(Extension(user)) = user else {
        return Redirect::to("/sign-in").into_response();
    };
    let change = match action.as_str() {
        "disable" => AccountChange::Disable,
        "enable" => AccountChange::Enable,
        "unlock" => AccountChange::Unlock,
        _ => return render_page(&state, "/not-found", &headers, || {}).await,
    };
    match change_account(&state.db, &user, account_id, change).await {
        Ok(true) => Redirect::to("/manage/accounts").into_response(),
        Ok(false) => render_page(&state, "/not-found", &headers, || {}).await,
        Err(error) => unavailable(&error),
    }
}
