//! The addresses every area links to (home, signing in, Help now), the
//! site's own pages, and the one way to put an id into an area's route
//! pattern. Each area keeps
//! its own addresses in its `paths.rs`; nothing writes a path twice.

/// A signed-in person's home page.
pub const HOME: &str = "/home";
/// Signing in.
pub const SIGN_IN: &str = "/sign-in";
/// Help now: who to call, shown at once after words that suggest a child
/// may not be safe.
pub const HELP: &str = "/help";
/// A child's page for their IRO or a manager: every area links back to
/// it, so it lives here rather than with the page.
pub const CHILD: &str = "/children/{id}";
/// The child's own information, to download.
pub const MY_INFORMATION: &str = "/my-information";
/// Help now after something was kept (it says so).
pub const HELP_SAVED: &str = "/help?saved=1";

/// The landing page: what MySay is and how to get in.
pub const LANDING: &str = "/";
/// The kind page for an address MySay does not have (or a record this
/// person may not see: the two look the same).
pub const NOT_FOUND: &str = "/not-found";
/// Before a child's first visit: how to leave quickly (GET), and that
/// they have read it (POST).
pub const BEFORE_YOU_START: &str = "/before-you-start";
/// Staying safe online: how to leave and leave no trace.
pub const STAYING_SAFE: &str = "/staying-safe";
/// Who reads a child's words.
pub const PRIVACY: &str = "/privacy";
/// The list of languages (without JavaScript).
pub const LANGUAGES: &str = "/languages";
/// Choosing a language (GET, with `?next=`).
pub const LANGUAGE: &str = "/language/{code}";
/// Turning simpler mode on or off (POST).
pub const SIMPLER: &str = "/simpler";
/// The site's icon.
pub const FAVICON: &str = "/favicon.svg";

/// Choosing the language `code`; `next` (already encoded) is where to go
/// back to.
pub fn language(code: &str, next: &str) -> String {
    format!("{}?next={next}", LANGUAGE.replacen("{code}", code, 1))
}

/// The list of languages, coming back to `next` (already encoded).
pub fn languages(next: &str) -> String {
    format!("{LANGUAGES}?next={next}")
}

/// The child's page.
pub fn child(id: i64) -> String {
    with_id(CHILD, id)
}

/// `pattern` (a route as the router knows it, `/advocacy/my/{id}`) with
/// its `{id}` filled in.
/// The page's `{id}` (`:id` in the route), or -1 when there is none or it
/// is not a number (no record has it, so the page is "not found").
pub fn id_param() -> i64 {
    use leptos::prelude::ReadUntracked;
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1)
}

pub fn with_id(pattern: &str, id: i64) -> String {
    pattern.replacen("{id}", &id.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::with_id;

    #[test]
    fn an_id_fills_its_place() {
        assert_eq!(
            with_id("/advocacy/my/{id}/message", 7),
            "/advocacy/my/7/message"
        );
    }
}
