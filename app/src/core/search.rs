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

/// An FTS5 trigram query for `needle` as a literal part of the text: the whole needle as one
/// quoted string (no character of it is FTS5 syntax). `None` under three characters, which a
/// trigram index cannot find.
pub fn trigram_query(needle: &str) -> Option<String> {
    (needle.chars().count() >= 3).then(|| format!("\"{}\"", needle.replace('"', "\"\"")))
}

/// An FTS5 query for the words of `needle`: each word quoted (so no character of it is FTS5
/// syntax) and matched as a prefix, all of them required. `None` when it has no word.
pub fn fts5_query(needle: &str) -> Option<String> {
    let words: Vec<String> = needle
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(10)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Rows of `table` whose `columns` match `needle`, through the indexes the migrations'
/// `text_search` makes (issue 30: each strand's part of `/sok` is one index-backed query): by
/// word (PostgreSQL's Norwegian search document; SQLite's FTS5 by word prefix) or as a
/// literal part of three characters or more (the trigram indexes). A shorter needle with no
/// word compares the text itself.
pub fn indexed(
    table: &'static str,
    columns: &[&'static str],
    backend: sea_orm::DbBackend,
    needle: &str,
) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, ExprTrait as _};
    use sea_orm::{Condition, DbBackend};
    let text = columns
        .iter()
        .map(|c| format!("coalesce({table}.{c}, '')"))
        .collect::<Vec<_>>()
        .join(" || ' ' || ");
    let literal = Expr::cust(format!("lower({text})")).like(contains(needle));
    match backend {
        DbBackend::Postgres => Condition::any().add(literal).add(Expr::cust_with_values(
            format!("{table}.search_words @@ plainto_tsquery('norwegian', $1)"),
            [needle.to_owned()],
        )),
        _ => {
            let words = fts5_query(needle).map(|q| {
                (
                    format!("SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?"),
                    q,
                )
            });
            let part = trigram_query(needle).map(|q| {
                (
                    format!("SELECT rowid FROM {table}_trigram WHERE {table}_trigram MATCH ?"),
                    q,
                )
            });
            let found: Vec<(String, String)> = words.into_iter().chain(part).collect();
            if found.is_empty() {
                return Condition::any().add(literal);
            }
            let (selects, values): (Vec<String>, Vec<String>) = found.into_iter().unzip();
            Condition::all().add(Expr::cust_with_values(
                format!("{table}.id IN ({})", selects.join(" UNION ALL ")),
                values,
            ))
        }
    }
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
