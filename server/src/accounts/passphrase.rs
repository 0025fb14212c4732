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

#[cfg(test)]
mod tests {
    use super::*;

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
