//! Money is whole Norwegian kroner in an `i64`, never floating point (DESIGN §4, §6).

use serde::{Deserialize, Serialize};

use crate::core::error::FieldError;

/// Whole kroner.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Nok(pub i64);

/// The largest amount a form or file may give: a trillion kroner is a typing mistake here.
pub const MAX_NOK: i64 = 1_000_000_000_000;

impl Nok {
    /// An amount as people type it: `12500`, `12 500`, `12 500 kr`, `kr 12 500`, `12.500`
    /// (thousands grouped by spaces, no-break spaces or dots). Negative amounts, decimals and
    /// amounts over [`MAX_NOK`] are refused.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim();
        let text = text
            .strip_suffix("kr")
            .or_else(|| text.strip_prefix("kr"))
            .or_else(|| text.strip_suffix("NOK"))
            .unwrap_or(text)
            .trim();
        if text.is_empty() {
            return Err(FieldError::Required);
        }
        if text.starts_with('-') || text.contains(',') {
            return Err(FieldError::InvalidNumber);
        }
        let digits: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(FieldError::InvalidNumber);
        }
        match digits.parse::<i64>() {
            Ok(value) if value <= MAX_NOK => Ok(Self(value)),
            _ => Err(FieldError::OutOfRange),
        }
    }

    /// [`Nok::parse`] for a field that may be left empty (`None`).
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        match Self::parse(raw) {
            Ok(amount) => Ok(Some(amount)),
            Err(FieldError::Required) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `12 500 kr`, grouped as Norwegian text does (with no-break spaces, so it never wraps).
    pub fn format_nb(self) -> String {
        format!("{} kr", group_thousands(self.0))
    }

    /// The sum, saturating instead of overflowing.
    pub fn saturating_add(self, other: Nok) -> Nok {
        Nok(self.0.saturating_add(other.0))
    }
}

/// `1234567` → `1 234 567` (no-break spaces).
pub fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    if value < 0 {
        format!("−{grouped}")
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        for (raw, kroner) in [
            ("12500", 12_500),
            (" 12 500 ", 12_500),
            ("12\u{a0}500 kr", 12_500),
            ("kr 500 000", 500_000),
            ("10.000.000", 10_000_000),
            ("35 000 NOK", 35_000),
            ("0", 0),
        ] {
            assert_eq!(Nok::parse(raw), Ok(Nok(kroner)), "{raw:?}");
        }
    }

    #[test]
    fn negative_fractional_and_huge_amounts_are_refused() {
        assert_eq!(Nok::parse("-500"), Err(FieldError::InvalidNumber));
        assert_eq!(Nok::parse("12,50"), Err(FieldError::InvalidNumber));
        assert_eq!(Nok::parse("tolv"), Err(FieldError::InvalidNumber));
        assert_eq!(Nok::parse("1e6"), Err(FieldError::InvalidNumber));
        assert_eq!(Nok::parse(" kr "), Err(FieldError::Required));
        assert_eq!(Nok::parse_optional(" "), Ok(None));
        assert_eq!(Nok::parse_optional("-1"), Err(FieldError::InvalidNumber));
        assert_eq!(Nok::parse("1000000000001"), Err(FieldError::OutOfRange));
        assert_eq!(
            Nok::parse("99999999999999999999"),
            Err(FieldError::OutOfRange)
        );
    }

    #[test]
    fn amounts_are_written_the_norwegian_way() {
        assert_eq!(Nok(10_000_000).format_nb(), "10\u{a0}000\u{a0}000 kr");
        assert_eq!(Nok(500).format_nb(), "500 kr");
        assert_eq!(group_thousands(-1_234), "−1\u{a0}234");
        assert_eq!(Nok(i64::MAX).saturating_add(Nok(1)), Nok(i64::MAX));
    }
}
