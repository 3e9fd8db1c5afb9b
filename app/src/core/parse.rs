//! Parsers shared by features: input becomes a domain type here or is refused with a
//! field error (parse, don't validate).

use email_address::EmailAddress;
use serde::{Deserialize, Serialize};

use crate::core::error::FieldError;

/// A normalised e-mail address: trimmed, lower-cased, syntactically valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(FieldError::Required);
        }
        if email.len() > 254 || !EmailAddress::is_valid(&email) || !email.contains('.') {
            return Err(FieldError::InvalidEmail);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// UI language of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    #[default]
    Nb,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "nb" => Some(Language::Nb),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Kari.Nordmann@Baerum.Kommune.NO ")
                .unwrap()
                .as_str(),
            "kari.nordmann@baerum.kommune.no"
        );
    }

    #[test]
    fn malformed_email_is_refused() {
        for bad in [
            "kari",
            "kari@",
            "@baerum.no",
            "kari nordmann@baerum.no",
            "kari@localhost",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldError::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse("  "), Err(FieldError::Required));
    }
}
