//! Every address of the advocacy area. The route patterns are what the
//! server's router and the pages' links both use; the Leptos routes in
//! `lib.rs` say the same pages in Leptos's own syntax.

use crate::paths::with_id;

/// The child's requests (GET), and sending a new one (POST).
pub const HOME: &str = "/advocacy";
/// Asking for an advocate.
pub const NEW: &str = "/advocacy/new";
/// The advocacy service's inbox.
pub const INBOX: &str = "/advocacy/inbox";

pub const MY_REQUEST: &str = "/advocacy/my/{id}";
pub const MESSAGE: &str = "/advocacy/my/{id}/message";
pub const WITHDRAW: &str = "/advocacy/my/{id}/withdraw";
pub const CASE: &str = "/advocacy/cases/{id}";
/// A caseworker's action: `accept`, `allocate`, `notes` or `close`.
pub const CASE_ACTION: &str = "/advocacy/cases/{id}/{action}";

/// A child's own request.
pub fn my_request(id: i64) -> String {
    with_id(MY_REQUEST, id)
}

/// Adding a message to a request (POST).
pub fn message(id: i64) -> String {
    with_id(MESSAGE, id)
}

/// Withdrawing a request (POST).
pub fn withdraw(id: i64) -> String {
    with_id(WITHDRAW, id)
}

/// A request as the advocacy service sees it.
pub fn case(id: i64) -> String {
    with_id(CASE, id)
}

/// A caseworker's action on a request (POST).
pub fn case_action(id: i64, action: &str) -> String {
    with_id(CASE_ACTION, id).replacen("{action}", action, 1)
}
