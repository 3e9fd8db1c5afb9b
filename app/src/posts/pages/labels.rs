//! Words the posts' pages share.

use crate::i18n::*;
use crate::posts::domain::post::{Status, Visibility};
use crate::posts::domain::view::PostRow;

/// Where the post stands, in words: a draft, internal or public.
pub fn standing(locale: Locale, row: &PostRow) -> String {
    match (row.status, row.visibility) {
        (Status::Draft, _) => td_string!(locale, posts_draft).to_string(),
        (Status::Published, Visibility::Internal) => td_string!(locale, posts_internal).to_string(),
        (Status::Published, Visibility::Public) => td_string!(locale, posts_public).to_string(),
    }
}

/// A reaction's label.
pub fn reaction_label(locale: Locale, kind: &str) -> String {
    match kind {
        "like" => td_string!(locale, posts_reaction_like).to_string(),
        "idea" => td_string!(locale, posts_reaction_idea).to_string(),
        _ => td_string!(locale, posts_reaction_thanks).to_string(),
    }
}

/// A linked object's kind.
pub fn link_label(locale: Locale, kind: &str) -> String {
    match kind {
        "project" => td_string!(locale, posts_link_project).to_string(),
        "application" => td_string!(locale, posts_link_application).to_string(),
        _ => td_string!(locale, posts_link_nomination).to_string(),
    }
}

/// The authors' names joined.
pub fn authors(row: &PostRow) -> String {
    row.authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
