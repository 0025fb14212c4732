//! Translations. Every word a person reads comes from the Fluent files in
//! `app/locales/<language>/main.ftl`, looked up through [`t`] and [`t_args`].
//!
//! Fluent was chosen because its plural and select rules handle languages
//! like Arabic (six plural forms) properly, its files are plain text that a
//! translator can review without knowing Rust, and `fluent-templates`
//! compiles them into the binary, so nothing is fetched at run time.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::{Loader, fluent_bundle::FluentValue, static_loader};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
    };
}

/// A language MySay is shipped in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Ar,
    /// Dari, as written in Afghanistan.
    FaAf,
    Ps,
    Ti,
    /// Kurdish Sorani.
    Ckb,
    Cy,
}

/// Which way a script runs, for `<html dir>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

impl Locale {
    /// Every shipped language, in the order the language switch lists them.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::Ar,
        Locale::FaAf,
        Locale::Ps,
        Locale::Ti,
        Locale::Ckb,
        Locale::Cy,
    ];

    /// The BCP 47 tag, used in `lang` attributes, cookies and file names.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ar => "ar",
            Locale::FaAf => "fa-AF",
            Locale::Ps => "ps",
            Locale::Ti => "ti",
            Locale::Ckb => "ckb",
            Locale::Cy => "cy",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    pub fn direction(self) -> Direction {
        match self {
            Locale::Ar | Locale::FaAf | Locale::Ps | Locale::Ckb => Direction::Rtl,
            Locale::En | Locale::Ti | Locale::Cy => Direction::Ltr,
        }
    }

    /// The language's name in itself, so a reader can find their own.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ar => "العربية",
            Locale::FaAf => "دری",
            Locale::Ps => "پښتو",
            Locale::Ti => "ትግርኛ",
            Locale::Ckb => "کوردی",
            Locale::Cy => "Cymraeg",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::En => langid!("en"),
            Locale::Ar => langid!("ar"),
            Locale::FaAf => langid!("fa-AF"),
            Locale::Ps => langid!("ps"),
            Locale::Ti => langid!("ti"),
            Locale::Ckb => langid!("ckb"),
            Locale::Cy => langid!("cy"),
        }
    }

    /// Writes the digits of `text` as this language writes them: the
    /// Arabic-Indic digits for Arabic and Sorani, the Eastern ones for Dari
    /// and Pashto (as CLDR has them), and 0-9 elsewhere. Only for numbers
    /// people read (dates, counts): never for phone numbers to dial.
    pub fn digits(self, text: &str) -> String {
        let zero = match self {
            Locale::Ar | Locale::Ckb => '\u{0660}',
            Locale::FaAf | Locale::Ps => '\u{06F0}',
            Locale::En | Locale::Ti | Locale::Cy => return text.to_owned(),
        };
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(zero as u32 + d).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    /// Picks the first shipped language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim();
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((quality, tag))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.into_iter().find_map(|(_, tag)| {
            let primary = tag.split('-').next().unwrap_or(tag);
            Locale::from_code(tag).or_else(|| {
                Locale::ALL.into_iter().find(|l| {
                    l.code()
                        .split('-')
                        .next()
                        .is_some_and(|p| p.eq_ignore_ascii_case(primary))
                })
            })
        })
    }

    /// Looks a message up in this language.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(&self.langid(), key)
    }

    /// Looks a message up with named values to put into it.
    pub fn text_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.langid(), key, &args)
    }
}

/// The language of the page being rendered.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A number as the page's language writes it.
pub fn number(value: impl std::fmt::Display) -> String {
    use_locale().digits(&value.to_string())
}

/// A message in the page's language.
pub fn t(key: &str) -> String {
    use_locale().text(key)
}

/// A message in the page's language, with named values put into it.
pub fn t_args(key: &str, args: &[(&'static str, String)]) -> String {
    use_locale().text_with(key, args)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeSet;

    pub(crate) fn keys_of(locale: Locale) -> BTreeSet<String> {
        let path = format!(
            "{}/locales/{}/main.ftl",
            env!("CARGO_MANIFEST_DIR"),
            locale.code()
        );
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.is_empty(), "{path} is missing or empty");
        text.lines()
            .filter(|line| !line.starts_with([' ', '#', '.', '\t']))
            .filter_map(|line| line.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.is_empty())
            .collect()
    }

    /// Each message's text, by key.
    fn messages_of(locale: Locale) -> std::collections::BTreeMap<String, String> {
        let path = format!(
            "{}/locales/{}/main.ftl",
            env!("CARGO_MANIFEST_DIR"),
            locale.code()
        );
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.starts_with([' ', '#', '.', '\t']))
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect()
    }

    /// The `{ $name }` values a message puts in.
    fn placeables(text: &str) -> BTreeSet<&str> {
        text.split("{ $")
            .skip(1)
            .filter_map(|rest| rest.split(' ').next())
            .collect()
    }

    #[test]
    fn translations_put_in_the_same_values_as_english() {
        let english = messages_of(Locale::En);
        for locale in Locale::ALL {
            for (key, text) in messages_of(locale) {
                let source = english.get(&key).map(String::as_str).unwrap_or_default();
                assert_eq!(
                    placeables(&text),
                    placeables(source),
                    "{:?} {key} puts in other values than English",
                    locale
                );
                assert!(!text.is_empty(), "{:?} {key} is empty", locale);
            }
        }
    }

    #[test]
    fn every_translation_says_who_must_review_it() {
        for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
            let path = format!(
                "{}/locales/{}/main.ftl",
                env!("CARGO_MANIFEST_DIR"),
                locale.code()
            );
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
            assert!(
                header.contains("must review"),
                "{path} must say at the top who should review it before use"
            );
        }
    }

    #[test]
    fn every_message_loads_in_every_language() {
        // Fluent skips a message it cannot parse and falls back to English:
        // each language's own text must come back, not English's.
        let english = messages_of(Locale::En);
        for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
            let mine = messages_of(locale);
            let mut same_as_english = 0;
            for key in english.keys() {
                let text = locale.text(key);
                assert!(!text.is_empty(), "{:?} {key} is empty", locale);
                if mine.get(key).is_some_and(|m| !m.contains("{ $")) {
                    assert_eq!(&text, &mine[key], "{:?} {key} did not load", locale);
                }
                if text == Locale::En.text(key) {
                    same_as_english += 1;
                }
            }
            assert!(
                same_as_english < english.len() / 5,
                "{:?} is mostly English",
                locale
            );
        }
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(Locale::En.digits("8 December 2026"), "8 December 2026");
        assert_eq!(Locale::Ar.digits("2026"), "٢٠٢٦");
        assert_eq!(Locale::Ckb.digits("10:30"), "١٠:٣٠");
        assert_eq!(Locale::FaAf.digits("1500"), "۱۵۰۰");
        assert_eq!(Locale::Ps.digits("30"), "۳۰");
        assert_eq!(Locale::Ti.digits("16"), "16");
        assert_eq!(Locale::Cy.digits("16"), "16");
    }

    #[test]
    fn the_browsers_language_finds_the_nearest_shipped_one() {
        assert_eq!(
            Locale::from_accept_language("fa-AF,fa;q=0.9"),
            Some(Locale::FaAf)
        );
        assert_eq!(Locale::from_accept_language("fa"), Some(Locale::FaAf));
        assert_eq!(
            Locale::from_accept_language("ckb-IQ, en;q=0.5"),
            Some(Locale::Ckb)
        );
        assert_eq!(Locale::from_accept_language("ti-ER"), Some(Locale::Ti));
        assert_eq!(
            Locale::from_accept_language("de, cy;q=0.8"),
            Some(Locale::Cy)
        );
        assert_eq!(Locale::from_accept_language("de"), None);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
    }

    #[test]
    fn every_shipped_language_has_every_english_message() {
        let english = keys_of(Locale::En);
        assert!(english.len() > 20, "English file looks truncated");
        for locale in Locale::ALL {
            let keys = keys_of(locale);
            let missing: Vec<_> = english.difference(&keys).collect();
            assert!(missing.is_empty(), "{:?} is missing {missing:?}", locale);
            let extra: Vec<_> = keys.difference(&english).collect();
            assert!(
                extra.is_empty(),
                "{:?} has keys English lacks: {extra:?}",
                locale
            );
        }
    }

    /// Every Rust file under `dir`, recursively.
    fn rust_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }

    /// The literal keys the code asks for: `t("…")`, `t_args("…"` and any
    /// string holding `-error-` (problems are passed around as keys).
    fn keys_used(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for opening in ["t(\"", "t_args(\""] {
            for (at, _) in source.match_indices(opening) {
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &source[at + opening.len()..];
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_owned());
                }
            }
        }
        for literal in source.split('"').skip(1).step_by(2) {
            if literal.contains("-error-")
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                keys.push(literal.to_owned());
            }
        }
        keys
    }

    #[test]
    fn every_key_the_code_asks_for_exists() {
        let english = keys_of(Locale::En);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("../server/src"), &mut files);
        assert!(files.len() > 20, "found the sources");
        let mut missing = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap_or_default();
            for key in keys_used(&source) {
                // Keys made with format!() are checked where they are made.
                let is_key = key.starts_with(|c: char| c.is_ascii_lowercase())
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_key && !english.contains(&key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys with no English text:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn arabic_text_comes_from_the_arabic_file() {
        let english = Locale::En.text("site-title");
        let arabic = Locale::Ar.text("site-title");
        assert_ne!(english, arabic);
        assert!(
            arabic
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        );
    }

    #[test]
    fn accept_language_picks_the_best_shipped_language() {
        assert_eq!(
            Locale::from_accept_language("fr-FR, ar;q=0.9, en;q=0.8"),
            Some(Locale::Ar)
        );
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn right_to_left_languages_say_so() {
        assert_eq!(Locale::Ar.direction(), Direction::Rtl);
        assert_eq!(Locale::En.direction(), Direction::Ltr);
    }
}
