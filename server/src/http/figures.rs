//! The annual figures over HTTP: the page is a Leptos route; the reviews
//! CSV for the case-management system is a plain download.

use app::figures::{AnnualAsked, paths};
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
};

use super::{
    AppState, Routes, not_found,
    signed_in::{Failure, SignedIn},
};
use crate::figures;

/// `GET /figures/reviews.csv?year=`: a year's reviews (managers).
pub async fn reviews_csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(asked): Query<AnnualAsked>,
    headers: HeaderMap,
) -> Response {
    let locale = app::shell::locale_from_headers(&headers);
    match figures::reviews_csv(&state.db, &user, &asked, locale).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("figures::reviews_csv", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![("GET", paths::REVIEWS_CSV, get(reviews_csv))]
}
