//! The addresses every area links to (home, signing in, Help now), and
//! the one way to put an id into an area's route pattern. Each area keeps
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

/// The child's page.
pub fn child(id: i64) -> String {
    with_id(CHILD, id)
}

/// `pattern` (a route as the router knows it, `/advocacy/my/{id}`) with
/// its `{id}` filled in.
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
