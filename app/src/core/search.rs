//! Text search in SQL: what a person types in a search box matches literally, on both
//! backends (issue 11: `%` and `_` matched anything).

use sea_orm::sea_query::LikeExpr;

/// The escape character of the patterns made here.
const ESCAPE: char = '\\';

/// `text` with LIKE's wildcards (`%`, `_`) and the escape character itself escaped.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | ESCAPE) {
            escaped.push(ESCAPE);
        }
        escaped.push(c);
    }
    escaped
}

/// Longest search text (a search box, the API's `q`): longer is a 422, not a slow query.
pub const MAX_SEARCH_CHARS: usize = 100;

/// What a search box's text is compared as: normalised like a name's key (NFC, spaces, lower
/// case), control characters dropped.
pub fn needle(typed: &str) -> String {
    crate::core::parse::name_key(typed)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// A LIKE pattern matching any text that contains `needle` literally.
pub fn contains(needle: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", escape_like(needle))).escape(ESCAPE)
}

/// A LIKE pattern matching any text that starts with `prefix` literally.
pub fn starts_with(prefix: &str) -> LikeExpr {
    LikeExpr::new(format!("{}%", escape_like(prefix))).escape(ESCAPE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_the_escape_are_escaped() {
        assert_eq!(escape_like("100%_a\\b"), "100\\%\\_a\\\\b");
        assert_eq!(escape_like("Kari"), "Kari");
    }

    #[test]
    fn the_needle_is_normalised_like_a_name() {
        assert_eq!(needle("  KARI\u{a0} Nord\u{0}mann "), "kari nordmann");
    }
}
