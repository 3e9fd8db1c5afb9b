//! Password policy and hashing (DESIGN §9: argon2id). Server only: the strength estimate
//! carries dictionaries that do not belong in the browser bundle.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::core::error::{AppError, FieldError};

/// Shortest accepted password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest accepted password: hashing cost must stay bounded.
pub const MAX_PASSWORD_CHARS: usize = 200;

/// A password that passed the policy. Never logged, never serialised.
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Accepts a new password for the person with `name` and `email`: at least
    /// [`MIN_PASSWORD_CHARS`] characters, not built on their whole name or e-mail address, and
    /// not among the most common or easily guessed passwords (zxcvbn score 2 or more, with the
    /// parts of their name and address counted as guessable).
    pub fn parse(raw: &str, name: &str, email: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError::PasswordTooShort);
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(FieldError::TooLong);
        }
        let squeeze = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let password = squeeze(raw);
        let local_part = email.split('@').next().unwrap_or_default();
        let personal = [squeeze(name), squeeze(local_part)];
        if personal
            .iter()
            .any(|p| p.chars().count() >= 4 && password.contains(p.as_str()))
        {
            return Err(FieldError::PasswordTooCommon);
        }
        let mut guessable: Vec<&str> = name.split_whitespace().collect();
        guessable.extend([email, local_part]);
        if zxcvbn::zxcvbn(raw, &guessable).score() < zxcvbn::Score::Two {
            return Err(FieldError::PasswordTooCommon);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| AppError::Internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password in PHC string form. CPU-heavy: call through [`hash_password`].
fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AppError::Internal)
}

/// Checks `password` against a stored PHC hash. A malformed hash never matches.
fn verify_blocking(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    hasher().is_ok_and(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of a random password, checked against when the e-mail is unknown, so an unknown
/// address takes as long to refuse as a wrong password (no user enumeration by timing).
static DUMMY_HASH: LazyLock<Option<String>> =
    LazyLock::new(|| hash_blocking("dummy password that matches nothing").ok());

/// Hashes off the async runtime (argon2 takes tens of milliseconds of CPU).
pub async fn hash_password(password: &Password) -> Result<String, AppError> {
    let owned = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_blocking(&owned))
        .await
        .map_err(|_| AppError::Internal)?
}

/// Verifies off the async runtime. With no stored hash (unknown e-mail, anonymised user) it
/// still does the same work against a dummy hash, then answers false.
pub async fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_deref() {
                let _ = verify_blocking(&password, dummy);
            }
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_password_is_refused() {
        assert_eq!(
            Password::parse("kort1!", "", "").unwrap_err(),
            FieldError::PasswordTooShort
        );
    }

    #[test]
    fn common_passwords_are_refused_even_when_long_enough() {
        for common in ["1234567890", "passord123", "qwertyuiop", "password123"] {
            assert_eq!(
                Password::parse(common, "Kari Nordmann", "kari@baerum.example").unwrap_err(),
                FieldError::PasswordTooCommon,
                "{common}"
            );
        }
    }

    #[test]
    fn password_built_from_the_users_own_name_is_refused() {
        for guess in ["karinordmann1", "Kari-Nordmann-2026", "kari.nordmann99"] {
            let err = Password::parse(guess, "Kari Nordmann", "kari.nordmann@baerum.example");
            assert_eq!(err.unwrap_err(), FieldError::PasswordTooCommon, "{guess}");
        }
    }

    #[test]
    fn a_reasonable_passphrase_is_accepted() {
        assert!(
            Password::parse(
                "Blåbær-syltetøy-på-Fornebu",
                "Kari Nordmann",
                "kari@baerum.example"
            )
            .is_ok()
        );
    }

    #[test]
    fn hash_verifies_the_same_password_only() {
        let hash = hash_blocking("Blåbær-syltetøy-på-Fornebu").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("Blåbær-syltetøy-på-Fornebu", &hash));
        assert!(!verify_blocking("Blåbær-syltetøy-på-Fornebu!", &hash));
        assert!(!verify_blocking("anything", "not a phc string"));
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = Password::parse(
            "Blåbær-syltetøy-på-Fornebu",
            "Kari Nordmann",
            "kari@baerum.example",
        )
        .unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
