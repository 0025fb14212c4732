//! Passphrase hashing: argon2id with OWASP's parameters (19 MiB, 2 passes,
//! 1 lane). Hashing takes tens of milliseconds of one core, so it runs on
//! the blocking pool, at most one per core at a time, and never stalls the
//! threads that serve pages.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Semaphore;

static HASHING_SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get())));

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("bad argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a passphrase into a PHC string for storage.
pub async fn hash(passphrase: SecretString) -> anyhow::Result<String> {
    let _slot = HASHING_SLOTS.acquire().await.context("hashing stopped")?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
            .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        let hash = hasher()?
            .hash_password(passphrase.expose_secret().as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
        Ok(hash.to_string())
    })
    .await
    .context("the hashing task failed")?
}

/// Checks a passphrase against a stored hash.
pub async fn verify(passphrase: SecretString, stored: String) -> anyhow::Result<bool> {
    let _slot = HASHING_SLOTS.acquire().await.context("hashing stopped")?;
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| anyhow::anyhow!("stored hash unreadable: {e}"))?;
        Ok(hasher()?
            .verify_password(passphrase.expose_secret().as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .context("the hashing task failed")?
}

/// Why a new passphrase was refused. Each has a message a child can act on
/// (`message_key`, in the translations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    TooShort,
    TooLong,
    Common,
    ContainsOurName,
}

impl PassphraseProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            PassphraseProblem::TooShort => "passphrase-too-short",
            PassphraseProblem::TooLong => "passphrase-too-long",
            PassphraseProblem::Common => "passphrase-common",
            PassphraseProblem::ContainsOurName => "passphrase-our-name",
        }
    }
}

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 256;
/// How far down the list of most-used passwords counts as "common".
const COMMON_RANK: usize = 10_000;

/// Words in an authority's name that are not its name.
const GENERIC_WORDS: [&str; 10] = [
    "council",
    "county",
    "city",
    "borough",
    "district",
    "metropolitan",
    "royal",
    "london",
    "the",
    "and",
];

fn letters_and_digits(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks a passphrase someone is choosing: 8 to 256 characters, any
/// characters at all, not one of the 10,000 most-used passwords, and not
/// containing MySay's or the authority's name.
pub fn check_new(passphrase: &str, authority_name: &str) -> Result<(), PassphraseProblem> {
    let length = passphrase.chars().count();
    if length < MIN_CHARS {
        return Err(PassphraseProblem::TooShort);
    }
    if length > MAX_CHARS {
        return Err(PassphraseProblem::TooLong);
    }
    let squashed = letters_and_digits(passphrase);
    let mut names = vec![letters_and_digits(authority_name)];
    names.extend(
        authority_name
            .split(|c: char| !c.is_alphanumeric())
            .map(letters_and_digits)
            .filter(|word| word.chars().count() >= 4 && !GENERIC_WORDS.contains(&word.as_str())),
    );
    if squashed.contains("mysay")
        || names
            .iter()
            .any(|n| !n.is_empty() && squashed.contains(n.as_str()))
    {
        return Err(PassphraseProblem::ContainsOurName);
    }
    if is_common(passphrase) {
        return Err(PassphraseProblem::Common);
    }
    Ok(())
}

/// Whether the whole passphrase (ignoring case, and the usual letter-for-
/// number swaps) is among the most-used passwords, using zxcvbn's list.
fn is_common(passphrase: &str) -> bool {
    let lowered = passphrase.to_lowercase();
    let last = lowered.chars().count().saturating_sub(1);
    let estimate = zxcvbn::zxcvbn(&lowered, &[]);
    estimate.sequence().iter().any(|m| {
        m.i == 0
            && m.j == last
            && matches!(&m.pattern, zxcvbn::matching::patterns::MatchPattern::Dictionary(d)
                // The dictionary's type is not exported; its name is.
                if format!("{:?}", d.dictionary_name) == "Passwords" && d.rank <= COMMON_RANK)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passphrases_follow_the_baseline() {
        let council = "Northshire County Council";
        assert_eq!(check_new("purple tractor sings loudly", council), Ok(()));
        assert_eq!(
            check_new("short", council),
            Err(PassphraseProblem::TooShort)
        );
        assert_eq!(
            check_new("ééééééé", council),
            Err(PassphraseProblem::TooShort),
            "characters, not bytes"
        );
        assert_eq!(
            check_new(&"a b ".repeat(65), council),
            Err(PassphraseProblem::TooLong)
        );
        assert_eq!(
            check_new(&"ab c".repeat(64), council),
            Ok(()),
            "256 characters are fine"
        );
        for common in [
            "password",
            "Password1",
            "12345678",
            "qwertyuiop",
            "iloveyou",
            "P@ssw0rd",
            "sunshine",
        ] {
            assert_eq!(
                check_new(common, council),
                Err(PassphraseProblem::Common),
                "{common}"
            );
        }
        assert_eq!(
            check_new("my say is good", council),
            Err(PassphraseProblem::ContainsOurName)
        );
        assert_eq!(
            check_new("northshire2026", council),
            Err(PassphraseProblem::ContainsOurName)
        );
        assert_eq!(
            check_new("I live in the county now", council),
            Ok(()),
            "generic words are not the name"
        );
        // No composition rules: spaces, symbols and any script are welcome.
        assert_eq!(check_new("قطتي تحب الحليب", council), Ok(()));
        assert_eq!(check_new("🐱🐶🐭🐹🐰🦊🐻🐼", council), Ok(()));
    }

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_passphrase() -> anyhow::Result<()> {
        let stored = hash(SecretString::from("purple tractor sings loudly")).await?;
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify(
                SecretString::from("purple tractor sings loudly"),
                stored.clone()
            )
            .await?
        );
        assert!(!verify(SecretString::from("purple tractor sings quietly"), stored).await?);
        Ok(())
    }
}
