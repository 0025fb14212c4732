//! The audit log over HTTP: the CSV of the entries the filters choose.
//! (The page itself is a Leptos route.)

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Routes, not_found};
use crate::audit_log;
use app::audit_log::{AuditAsked, paths};
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
};

/// `GET /audit/entries.csv`.
pub async fn csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Query(asked): Query<AuditAsked>,
) -> Response {
    match audit_log::csv(&state.db, &user, asked).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("audit_log::csv", error).into_response(),
    }
}

/// The area's routes, for the router.
pub fn routes() -> Routes {
    vec![("GET", paths::CSV, get(csv))]
}
