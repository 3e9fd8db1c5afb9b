//! Hashes for what must not be kept in the clear: session ids and API tokens (SHA-256 — they
//! are long random secrets), and typed e-mail addresses of failed sign-ins (HMAC-SHA-256 under
//! the server's own key — an address is guessable, a plain hash of it is not private).

use hmac::{KeyInit, Mac};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::core::error::AppError;
use crate::entities::server_secret;

/// The SHA-256 of `text`, as 64 hex digits.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// `bytes` random bytes from the operating system, as hex.
pub fn random_hex(bytes: usize) -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex::encode(buffer)
}

/// HMAC-SHA-256 of `text` under `key`, as hex.
pub fn keyed_hash(key: &[u8], text: &str) -> String {
    match hmac::Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(text.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes a key of any length; this arm is never taken.
        Err(_) => sha256_hex(text),
    }
}

const PRIVACY_KEY: &str = "privacy_hash_key";

/// The server's key for [`keyed_hash`], made on first use and kept in the database, so every
/// instance and every restart hashes an address alike (the counts of failed sign-ins hold).
pub async fn privacy_key(db: &impl ConnectionTrait) -> Result<Vec<u8>, AppError> {
    if let Some(found) = server_secret::Entity::find_by_id(PRIVACY_KEY)
        .one(db)
        .await?
    {
        return hex::decode(&found.value).map_err(|_| AppError::Internal);
    }
    let made = server_secret::ActiveModel {
        name: Set(PRIVACY_KEY.to_owned()),
        value: Set(random_hex(32)),
    };
    // Two instances starting at once: the second insert fails and both read the first's key.
    let _ = server_secret::Entity::insert(made)
        .exec_without_returning(db)
        .await;
    let found = server_secret::Entity::find_by_id(PRIVACY_KEY)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    hex::decode(&found.value).map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_hashes_differ_by_key_and_hide_the_text() {
        let a = keyed_hash(b"key-one", "kari@baerum.example");
        assert_eq!(a, keyed_hash(b"key-one", "kari@baerum.example"));
        assert_ne!(a, keyed_hash(b"key-two", "kari@baerum.example"));
        assert_ne!(a, sha256_hex("kari@baerum.example"));
        assert_eq!(a.len(), 64);
        assert!(!a.contains('@'));
    }

    #[test]
    fn random_hex_is_fresh_each_time() {
        assert_eq!(random_hex(16).len(), 32);
        assert_ne!(random_hex(16), random_hex(16));
    }
}
