//! The annual figures over HTTP: the page and the printable pack are
//! Leptos routes; the reviews CSV for the case-management system and the
//! pack's workbook are plain downloads.

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

/// `GET /figures/pack.xlsx?year=`: the year's figures and themes as one
/// workbook (managers and the CRO; the `annual_pack` composite).
pub async fn pack(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(asked): Query<AnnualAsked>,
    headers: HeaderMap,
) -> Response {
    let locale = app::shell::locale_from_headers(&headers);
    match crate::annual_pack::workbook(&state.db, &user, &asked, locale).await {
        Ok(Some(file)) => super::send_file(file),
        Ok(None) => not_found(&state, &headers, user).await,
        Err(error) => Failure::new("annual_pack::workbook", error).into_response(),
    }
}

/// The area's routes, for the router: (method, pattern, handler).
pub fn routes() -> Routes {
    vec![
        ("GET", paths::REVIEWS_CSV, get(reviews_csv)),
        ("GET", paths::PACK, get(pack)),
    ]
}
