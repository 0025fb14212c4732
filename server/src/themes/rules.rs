//! The themes' rules, without the database: what a theme's name must be.

use app::themes::NAME_LIMIT;

pub use crate::outcome::Problems;

/// The name as kept: trimmed, with runs of spaces made one.
pub fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name folded for comparison, so no two themes differ by case or
/// spacing alone.
pub fn key_of(name: &str) -> String {
    tidy(name).to_lowercase()
}

/// The problems with a theme's name; `taken` says whether another theme
/// already has it.
pub fn check_name(name: &str, taken: bool) -> Problems {
    let name = tidy(name);
    let problem = if name.is_empty() {
        Some("themes-error-empty")
    } else {
        crate::text::check(&name, NAME_LIMIT, "themes-error-too-long")
            .or(taken.then_some("themes-error-taken"))
    };
    problem.map(|key| vec![("name", key)]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_tidied_and_compared_without_case() {
        assert_eq!(tidy("  Feeling   safe "), "Feeling safe");
        assert_eq!(key_of("Feeling  SAFE"), key_of("feeling safe"));
    }

    #[test]
    fn a_name_must_be_there_short_and_new() {
        assert!(check_name("Friends", false).is_empty());
        assert_eq!(
            check_name("   ", false),
            vec![("name", "themes-error-empty")]
        );
        assert_eq!(
            check_name(&"a".repeat(NAME_LIMIT + 1), false),
            vec![("name", "themes-error-too-long")]
        );
        assert!(check_name(&"a".repeat(NAME_LIMIT), false).is_empty());
        assert_eq!(
            check_name("Friends", true),
            vec![("name", "themes-error-taken")]
        );
    }
}
