//! Staff's second factor: time-based one-time codes from an authenticator
//! app (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), and ten
//! one-time recovery codes for a lost phone. Children do not have one (see
//! the README's security section).

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::storage::{Db, now_millis};

const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// Codes from the step before or after count too: phone clocks drift.
const SKEW_STEPS: i64 = 1;
const RECOVERY_CODES: usize = 10;

/// The code for one 30-second step (RFC 4226's HOTP on the step count).
pub fn code_for_step(secret: &[u8], step: i64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&u64::try_from(step).ok()?.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.get(19)? & 0x0f);
    let bytes = digest.get(offset..offset + 4)?;
    let number = u32::from_be_bytes([bytes[0] & 0x7f, bytes[1], bytes[2], bytes[3]]);
    Some(number % 10u32.pow(DIGITS))
}

pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

fn now_step() -> i64 {
    step_at(now_millis() / 1000)
}

/// A new random 160-bit secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    BASE32_NOPAD.encode(&rand::random::<[u8; 20]>())
}

/// The `otpauth://` address a QR code carries to the app.
pub fn otpauth_url(secret: &str, account: &str, issuer: &str) -> String {
    let mut url = match url::Url::parse("otpauth://totp/") {
        Ok(url) => url,
        Err(_) => return String::new(),
    };
    url.set_path(&format!("{issuer}:{account}"));
    url.query_pairs_mut()
        .append_pair("secret", secret)
        .append_pair("issuer", issuer)
        .append_pair("algorithm", "SHA1")
        .append_pair("digits", "6")
        .append_pair("period", "30");
    url.to_string()
}

/// The QR code for an address, as an SVG picture.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build(),
    )
}

/// How a secret is stored: `v1:` and, base64, a random 96-bit nonce then
/// the secret sealed with ChaCha20-Poly1305 under a key derived (HKDF-
/// SHA256) from the server's secret key. A copied database gives no staff
/// member's authenticator away.
const SEALED: &str = "v1:";

fn sealing_key(server_key: &[u8]) -> Option<ring::aead::LessSafeKey> {
    let derive = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"mysay second factor"), server_key);
    let mut key = [0u8; 32];
    derive.expand(b"totp secret v1", &mut key).ok()?;
    let unbound = ring::aead::UnboundKey::new(&ring::aead::CHACHA20_POLY1305, &key).ok()?;
    Some(ring::aead::LessSafeKey::new(unbound))
}

/// A secret sealed for storing, with the current key (`keys[0]`).
pub fn seal(keys: &[Vec<u8>], secret: &str) -> anyhow::Result<String> {
    use base64::Engine;
    let key = keys
        .first()
        .and_then(|k| sealing_key(k))
        .ok_or_else(|| anyhow::anyhow!("no key to seal the second factor with"))?;
    let nonce: [u8; 12] = rand::random();
    let mut data = secret.as_bytes().to_vec();
    key.seal_in_place_append_tag(
        ring::aead::Nonce::assume_unique_for_key(nonce),
        ring::aead::Aad::from(b"mysay totp"),
        &mut data,
    )
    .map_err(|_| anyhow::anyhow!("the second factor could not be sealed"))?;
    let mut out = nonce.to_vec();
    out.extend(data);
    Ok(format!(
        "{SEALED}{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(out)
    ))
}

/// A stored secret opened with the current key or a previous one (after
/// a rotation); the flag says it should be sealed again with the current
/// key (opened with an old key, or stored before secrets were sealed).
pub fn open(keys: &[Vec<u8>], stored: &str) -> Option<(String, bool)> {
    use base64::Engine;
    let Some(sealed) = stored.strip_prefix(SEALED) else {
        return Some((stored.to_owned(), true));
    };
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(sealed)
        .ok()?;
    if bytes.len() < 12 + 16 {
        return None;
    }
    let (nonce, data) = bytes.split_at(12);
    for (index, server_key) in keys.iter().enumerate() {
        let Some(key) = sealing_key(server_key) else {
            continue;
        };
        let Ok(nonce) = ring::aead::Nonce::try_assume_unique_for_key(nonce) else {
            return None;
        };
        let mut data = data.to_vec();
        if let Ok(plain) = key.open_in_place(nonce, ring::aead::Aad::from(b"mysay totp"), &mut data)
        {
            return Some((String::from_utf8(plain.to_vec()).ok()?, index > 0));
        }
    }
    None
}

/// The stored secret, opened (and sealed again with the current key when
/// it needs it).
async fn stored_secret(
    db: &Db,
    keys: &[Vec<u8>],
    account_id: i64,
    stored: &str,
) -> anyhow::Result<Option<String>> {
    let Some((secret, reseal)) = open(keys, stored) else {
        tracing::error!(
            account_id,
            "a second factor could not be opened with any key"
        );
        return Ok(None);
    };
    if reseal {
        sqlx::query("UPDATE second_factors SET secret = $1 WHERE account_id = $2")
            .bind(seal(keys, &secret)?)
            .bind(account_id)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(secret))
}

/// The account's secret, making a new unconfirmed one if there is none.
/// Returns the secret and whether it is confirmed.
pub async fn secret_for(
    db: &Db,
    keys: &[Vec<u8>],
    account_id: i64,
) -> anyhow::Result<(String, bool)> {
    let row = sqlx::query("SELECT secret, confirmed_at FROM second_factors WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(db.pool())
        .await?;
    if let Some(row) = row {
        let confirmed: Option<i64> = row.try_get(1)?;
        let stored: String = row.try_get(0)?;
        let secret = stored_secret(db, keys, account_id, &stored)
            .await?
            .ok_or_else(|| anyhow::anyhow!("a second factor could not be opened"))?;
        return Ok((secret, confirmed.is_some()));
    }
    let secret = new_secret();
    sqlx::query("INSERT INTO second_factors (account_id, secret) VALUES ($1, $2)")
        .bind(account_id)
        .bind(seal(keys, &secret)?)
        .execute(db.pool())
        .await?;
    Ok((secret, false))
}

pub async fn is_set_up(db: &Db, account_id: i64) -> anyhow::Result<bool> {
    let confirmed: Option<Option<i64>> =
        sqlx::query_scalar("SELECT confirmed_at FROM second_factors WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(matches!(confirmed, Some(Some(_))))
}

/// Checks a code typed from the app. Each step's code works only once.
pub async fn check_code(
    db: &Db,
    keys: &[Vec<u8>],
    account_id: i64,
    typed: &str,
) -> anyhow::Result<bool> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.chars().all(|c| c.is_ascii_digit()) {
        return Ok(false);
    }
    let Ok(typed) = typed.parse::<u32>() else {
        return Ok(false);
    };
    let row = sqlx::query("SELECT secret, last_step FROM second_factors WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else {
        return Ok(false);
    };
    let stored: String = row.try_get(0)?;
    let last_step: Option<i64> = row.try_get(1)?;
    let Some(secret) = stored_secret(db, keys, account_id, &stored).await? else {
        return Ok(false);
    };
    let Ok(key) = BASE32_NOPAD.decode(secret.as_bytes()) else {
        return Ok(false);
    };
    let now = now_step();
    let matched = (now - SKEW_STEPS..=now + SKEW_STEPS)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| code_for_step(&key, *step) == Some(typed));
    let Some(step) = matched else {
        return Ok(false);
    };
    // Claim the step; a second use of the same code finds it taken.
    let claimed = sqlx::query(
        "UPDATE second_factors SET last_step = $1, confirmed_at = COALESCE(confirmed_at, $2) \
         WHERE account_id = $3 AND (last_step IS NULL OR last_step < $1)",
    )
    .bind(step)
    .bind(now_millis())
    .bind(account_id)
    .execute(db.pool())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

fn hash_recovery_code(code: &str) -> String {
    let normalised: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Sha256::digest(normalised.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes ten new recovery codes (replacing any old ones) and returns them
/// in the clear, once.
pub async fn new_recovery_codes(db: &Db, account_id: i64) -> anyhow::Result<Vec<String>> {
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let raw = BASE32_NOPAD
                .encode(&rand::random::<[u8; 10]>())
                .to_lowercase();
            format!("{}-{}", &raw[..8], &raw[8..16])
        })
        .collect();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    for code in &codes {
        sqlx::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
            .bind(account_id)
            .bind(hash_recovery_code(code))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// Uses up a recovery code, if it is one of the account's unused ones.
pub async fn use_recovery_code(db: &Db, account_id: i64, typed: &str) -> anyhow::Result<bool> {
    let used = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 \
         WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now_millis())
    .bind(account_id)
    .bind(hash_recovery_code(typed))
    .execute(db.pool())
    .await?;
    Ok(used.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows: the 8-digit values there end in
    /// these 6 digits (the secret is "12345678901234567890" in ASCII).
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(
                code_for_step(secret, step_at(time)),
                Some(expected),
                "T = {time}"
            );
        }
    }

    #[test]
    fn the_qr_code_carries_an_otpauth_address() {
        let url = otpauth_url("JBSWY3DPEHPK3PXP", "amina@example.org", "MySay");
        assert!(
            url.starts_with(
                "otpauth://totp/MySay:amina@example.org?secret=JBSWY3DPEHPK3PXP&issuer=MySay"
            ),
            "{url}"
        );
        let svg = qr_svg(&url).unwrap_or_default();
        assert!(svg.contains("<svg"));
        assert_eq!(new_secret().len(), 32, "160 bits in base32");
    }

    #[test]
    fn secrets_are_sealed_and_open_after_a_key_rotation() {
        let old = b"the old server key, 32 characters or more".to_vec();
        let new = b"the new server key, 32 characters or more".to_vec();
        let secret = new_secret();
        let sealed = seal(std::slice::from_ref(&old), &secret).unwrap_or_default();
        assert!(
            sealed.starts_with("v1:") && !sealed.contains(&secret),
            "{sealed}"
        );
        assert_ne!(
            sealed,
            seal(std::slice::from_ref(&old), &secret).unwrap_or_default(),
            "a new nonce each time"
        );
        assert_eq!(
            open(std::slice::from_ref(&old), &sealed),
            Some((secret.clone(), false))
        );
        // Rotated: the new key first, the old one kept until resealed.
        assert_eq!(
            open(&[new.clone(), old.clone()], &sealed),
            Some((secret.clone(), true))
        );
        assert_eq!(
            open(std::slice::from_ref(&new), &sealed),
            None,
            "the wrong key opens nothing"
        );
        // Stored before sealing: read as it is, to be sealed on use.
        assert_eq!(
            open(std::slice::from_ref(&new), &secret),
            Some((secret.clone(), true))
        );
        let mut tampered = sealed.into_bytes();
        if let Some(last) = tampered.last_mut() {
            *last = if *last == b'A' { b'B' } else { b'A' };
        }
        assert_eq!(
            open(&[old], &String::from_utf8_lossy(&tampered)),
            None,
            "tampering is caught"
        );
    }

    #[test]
    fn recovery_codes_ignore_case_and_dashes() {
        assert_eq!(
            hash_recovery_code("abcd-efgh"),
            hash_recovery_code(" ABCDEFGH ")
        );
    }
}
