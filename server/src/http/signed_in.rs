//! What every handler needs first: who is signed in, and one way to say
//! that something failed.

use app::accounts::CurrentUser;
use axum::{
    extract::FromRequestParts,
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};

/// The signed-in person, for a form a page sends: without a session the
/// browser goes to the sign-in page.
pub struct SignedIn(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Response> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(SignedIn)
            .ok_or_else(|| Redirect::to(app::paths::SIGN_IN).into_response())
    }
}

/// The signed-in person, for a request a script sends (saving as a child
/// types): without a session, 401, which the script shows as "sign in
/// again".
pub struct SignedInScript(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for SignedInScript {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Response> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .map(SignedInScript)
            .ok_or_else(|| StatusCode::UNAUTHORIZED.into_response())
    }
}

/// Something failed that the person cannot put right: the database did
/// not answer, a mail could not be queued. Logged once, here, with what
/// was being done and the cause (never what anyone typed: causes come from
/// the database and the mailer, which do not carry bound values); the
/// person is told MySay is having trouble and nothing they typed was kept.
pub struct Failure {
    /// What was being done, as a log line says it ("saving a letter").
    pub doing: &'static str,
    pub cause: anyhow::Error,
}

impl Failure {
    pub fn new(doing: &'static str, cause: impl Into<anyhow::Error>) -> Failure {
        Failure {
            doing,
            cause: cause.into(),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        tracing::error!(error = %self.cause, "{} could not complete", self.doing);
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "MySay is having trouble. Nothing you typed was kept. Please try again soon.\n",
        )
            .into_response()
    }
}
