//! A manager's changes to accounts, as plain form posts.

use super::signed_in::{Failure, SignedIn};
use app::accounts::{ChildForm, StaffForm, paths};
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};

use super::{AppState, Routes, date_boxes::Form, render_page, render_page_as};
use crate::accounts::{AccountChange, change_account, children, invitations};
use leptos::prelude::provide_context;

/// `POST /manage/children`: add a child's record.
pub async fn add_child(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<ChildForm>,
) -> Response {
    match children::create(&state.db, &user, &form).await {
        Ok(Some(Ok(_))) => Redirect::to(app::paths::HOME).into_response(),
        Ok(Some(Err(problems))) => {
            let shown = ChildForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::NEW_CHILD, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("manage::add_child", error).into_response(),
    }
}

/// `POST /manage/children/{id}`: change a child's record or IRO.
pub async fn update_child(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path(child_id): Path<i64>,
    Form(form): Form<ChildForm>,
) -> Response {
    match children::update(&state.db, &user, child_id, &form).await {
        Ok(Some(Ok(()))) => {
            Redirect::to(&format!("{}?saved=1", paths::edit_child(child_id))).into_response()
        }
        Ok(Some(Err(problems))) => {
            let shown = ChildForm {
                errors: problems,
                ..form
            };
            render_page_as(
                &state,
                &paths::edit_child(child_id),
                &headers,
                Some(user),
                move || provide_context(shown.clone()),
            )
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("manage::update_child", error).into_response(),
    }
}

/// `POST /manage/staff`: add a member of staff and email their invitation.
pub async fn add_staff(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form(form): Form<StaffForm>,
) -> Response {
    let base_url = &state.config.public_base_url;
    match invitations::create_staff(&state.db, state.config.secret_key(), &user, &form, base_url)
        .await
    {
        Ok(Some(Ok(_))) => {
            state.outbox.notify_one();
            Redirect::to(paths::ACCOUNTS_INVITED).into_response()
        }
        Ok(Some(Err(problems))) => {
            let shown = StaffForm {
                errors: problems,
                ..form
            };
            render_page_as(&state, paths::NEW_STAFF, &headers, Some(user), move || {
                provide_context(shown.clone())
            })
            .await
        }
        Ok(None) => super::not_found(&state, &headers, user).await,
        Err(error) => Failure::new("manage::add_staff", error).into_response(),
    }
}

/// `POST /manage/accounts/{id}/{disable|enable|unlock|invite}`.
pub async fn change(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Path((account_id, action)): Path<(i64, String)>,
) -> Response {
    let change = match action.as_str() {
        "disable" => AccountChange::Disable,
        "enable" => AccountChange::Enable,
        "unlock" => AccountChange::Unlock,
        "invite" => {
            let base_url = &state.config.public_base_url;
            return match invitations::reinvite_staff(
                &state.db,
                state.config.secret_key(),
                &user,
                account_id,
                base_url,
            )
            .await
            {
                Ok(true) => {
                    state.outbox.notify_one();
                    Redirect::to(paths::ACCOUNTS_INVITED).into_response()
                }
                Ok(false) => render_page(&state, app::paths::NOT_FOUND, &headers, || {}).await,
                Err(error) => Failure::new("manage::change", error).into_response(),
            };
        }
        _ => return render_page(&state, app::paths::NOT_FOUND, &headers, || {}).await,
    };
    match change_account(&state.db, &user, account_id, change).await {
        Ok(true) => Redirect::to(paths::ACCOUNTS).into_response(),
        Ok(false) => render_page(&state, app::paths::NOT_FOUND, &headers, || {}).await,
        Err(error) => Failure::new("manage::change", error).into_response(),
    }
}

/// A manager's routes for accounts and children's records.
pub fn routes() -> Routes {
    vec![
        ("POST", paths::ACCOUNT_ACTION, post(change)),
        ("POST", paths::CHILDREN, post(add_child)),
        ("POST", paths::EDIT_CHILD, post(update_child)),
        ("POST", paths::STAFF, post(add_staff)),
    ]
}
