//! A manager's changes to accounts, as plain form posts.

use app::accounts::CurrentUser;
use axum::{
    Extension,
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};

use super::{AppState, auth::unavailable, render_page};
use crate::accounts::{AccountChange, change_account};

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
