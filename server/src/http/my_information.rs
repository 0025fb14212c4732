//! The child's own information, as a file they can keep.

use super::signed_in::{Failure, SignedIn};
use super::{AppState, Routes, not_found};
use axum::{
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
};

/// `GET /my-information`: the child's own information, as a JSON file.
pub async fn download(
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
        Err(error) => Failure::new("my_information::download", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![("GET", app::paths::MY_INFORMATION, get(download))]
}
