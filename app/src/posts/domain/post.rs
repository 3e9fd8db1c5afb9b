//! A post as its author writes it (DESIGN §8): parsed from the form or the API's body into a
//! [`NewPost`] that is valid by construction, or refused field by field.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::core::error::{FieldError, FieldErrors, noted};
use crate::core::parse::{
    PersonRef, clean_line, is_forbidden, parse_name, parse_person_list, parse_text,
};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
/// Some 2 000 words, a long post; the cap keeps one post's rendering cheap and its JSON, with
/// the rest of a post, within the API's 64 KiB body limit however many bytes a character
/// takes (4 at most in UTF-8).
pub const MAX_BODY_CHARS: usize = 12_000;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 40;
/// Authors besides the one who writes it.
pub const MAX_CO_AUTHORS: usize = 10;
pub const MAX_LINKS: usize = 10;
pub const MAX_COMMENT_CHARS: usize = 4_000;
pub const MAX_REASON_CHARS: usize = 500;
pub const MAX_ALT_CHARS: usize = 300;

/// Draft → published (DESIGN §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "draft" => Some(Status::Draft),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}

/// Internal (employees), or public (anyone, the feeds) once an editor approved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Internal,
    Public,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Internal => "internal",
            Visibility::Public => "public",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "internal" => Ok(Visibility::Internal),
            "public" => Ok(Visibility::Public),
            "" => Err(FieldError::Required),
            _ => Err(FieldError::InvalidChoice),
        }
    }
}

/// What a post can link to in the other strands (DESIGN §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    Project,
    Application,
    Nomination,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [LinkKind::Project, LinkKind::Application, LinkKind::Nomination];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Project => "project",
            LinkKind::Application => "application",
            LinkKind::Nomination => "nomination",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The form's and the API's field of this kind's ids.
    pub fn field(self) -> &'static str {
        match self {
            LinkKind::Project => "project_ids",
            LinkKind::Application => "application_ids",
            LinkKind::Nomination => "nomination_ids",
        }
    }
}

/// The form or body of a post, as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PostForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    /// Comma-separated (the form).
    pub tags: String,
    /// The tags as a list (the API): each item a tag, a blank one refused; when given, `tags`
    /// is not read.
    #[serde(default)]
    pub tag_list: Option<Vec<String>>,
    /// The co-authors by name or e-mail address (the writer is always an author).
    pub co_authors: String,
    /// Comma-separated ids of projects, applications and nominations.
    pub project_ids: String,
    pub application_ids: String,
    pub nomination_ids: String,
}

/// A post that is valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub tags: Vec<String>,
    pub co_authors: Vec<PersonRef>,
    pub links: Vec<(LinkKind, i32)>,
}

impl PostForm {
    pub fn parse(&self) -> Result<NewPost, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = noted(&mut errors, "title", parse_name(&self.title, MAX_TITLE_CHARS));
        let summary = noted(&mut errors, "summary", parse_text(&self.summary, MAX_SUMMARY_CHARS));
        let body = noted(&mut errors, "body", parse_markdown(&self.body, MAX_BODY_CHARS));
        let tags = noted(
            &mut errors,
            "tags",
            match &self.tag_list {
                Some(list) => parse_tag_list(list),
                None => parse_tags(&self.tags),
            },
        );
        let co_authors = noted(
            &mut errors,
            "co_authors",
            parse_person_list(&self.co_authors, MAX_CO_AUTHORS),
        );
        let mut links = Vec::new();
        for (kind, raw) in [
            (LinkKind::Project, &self.project_ids),
            (LinkKind::Application, &self.application_ids),
            (LinkKind::Nomination, &self.nomination_ids),
        ] {
            if let Some(ids) = noted(&mut errors, kind.field(), parse_ids(raw)) {
                links.extend(ids.into_iter().map(|id| (kind, id)));
            }
        }
        match (title, summary, body, tags, co_authors) {
            (Some(title), Some(summary), Some(body), Some(tags), Some(co_authors))
                if errors.is_empty() =>
            {
                Ok(NewPost {
                    title,
                    summary,
                    body,
                    tags,
                    co_authors,
                    links,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Markdown as written: Unicode NFC, line breaks as `\n`, trailing spaces of each line and
/// blank lines at either end dropped, but indentation kept (code blocks and nested lists
/// depend on it); the invisible characters every text refuses are refused here too.
pub fn parse_markdown(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let nfc: String = raw.nfc().collect();
    if nfc.chars().any(|c| is_forbidden(c) && c != '\t') {
        return Err(FieldError::ForbiddenCharacters);
    }
    let lines: Vec<&str> = nfc.lines().map(str::trim_end).collect();
    let text = lines.join("\n").trim_matches('\n').to_owned();
    if text.trim().is_empty() {
        Err(FieldError::Required)
    } else if text.chars().count() > max_chars {
        Err(FieldError::TooLong)
    } else {
        Ok(text)
    }
}

/// Tags separated by commas or semicolons: each a clean line in lower case (a leading `#`
/// dropped), each once, at most [`MAX_TAGS`]. A tag is text wherever it is shown.
pub fn parse_tags(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    let mut given = 0;
    for part in raw.split([',', ';', '\n']) {
        let line = clean_line(part)?;
        let written = line.trim_start_matches('#').trim();
        if written.is_empty() {
            continue;
        }
        if written.chars().count() > MAX_TAG_CHARS {
            return Err(FieldError::TooLong);
        }
        // Lower case may be longer than the tag as written ("İ" is two characters in lower
        // case); the column holds four times the limit.
        let tag = written.to_lowercase();
        // Counted as given, repeats too (the API's list allows at most this many items).
        given += 1;
        if given > MAX_TAGS {
            return Err(FieldError::TooMany);
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

/// Tags as a list (the API's): at most [`MAX_TAGS`] items, none blank or holding a
/// separator, each read as [`parse_tags`] reads one.
pub fn parse_tag_list(list: &[String]) -> Result<Vec<String>, FieldError> {
    if list.len() > MAX_TAGS {
        return Err(FieldError::TooMany);
    }
    for item in list {
        if item.contains([',', ';', '\n']) {
            return Err(FieldError::ForbiddenCharacters);
        }
        if clean_line(item)?.trim_start_matches('#').trim().is_empty() {
            return Err(FieldError::Required);
        }
    }
    parse_tags(&list.join(","))
}

/// Ids separated by commas or spaces, each once, at most [`MAX_LINKS`] given.
pub fn parse_ids(raw: &str) -> Result<Vec<i32>, FieldError> {
    let mut ids: Vec<i32> = Vec::new();
    let mut given = 0;
    for part in raw.split([',', ';', ' ', '\n']).filter(|p| !p.trim().is_empty()) {
        let id = part
            .trim()
            .trim_start_matches('#')
            .parse::<i32>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or(FieldError::InvalidNumber)?;
        given += 1;
        if given > MAX_LINKS {
            return Err(FieldError::TooMany);
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// A comment, or an editor's reason: a text with its paragraphs, required.
pub fn parse_comment(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    parse_text(raw, max_chars)
}

/// Publishing, as asked: the visibility, and the version of the post the publisher read
/// (its `updated_at` in nanoseconds), if they say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publishing {
    pub visibility: Visibility,
    pub seen: Option<i128>,
}

/// A visibility as sent (`internal`, `public`), read under the field `visibility`, with no
/// version.
pub struct VisibilityForm(pub String);

impl crate::core::parse::Input for VisibilityForm {
    type Parsed = Publishing;
    fn parse(self) -> Result<Publishing, FieldErrors> {
        PublishForm {
            visibility: self.0,
            version: None,
        }
        .parse()
    }
}

/// The publishing form or body: the visibility and, optionally, the version read.
pub struct PublishForm {
    pub visibility: String,
    pub version: Option<String>,
}

impl crate::core::parse::Input for PublishForm {
    type Parsed = Publishing;
    fn parse(self) -> Result<Publishing, FieldErrors> {
        let mut errors = FieldErrors::new();
        let visibility = noted(&mut errors, "visibility", Visibility::parse(&self.visibility));
        let seen = match self.version.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Some(None),
            Some(raw) => noted(
                &mut errors,
                "version",
                raw.parse::<i128>().map(Some).map_err(|_| FieldError::InvalidNumber),
            ),
        };
        match (visibility, seen) {
            (Some(visibility), Some(seen)) => Ok(Publishing { visibility, seen }),
            _ => Err(errors),
        }
    }
}

/// A comment's text (field `body`) or an editor's reason for hiding one (field `reason`).
pub struct CommentText {
    pub field: &'static str,
    pub raw: String,
}

impl CommentText {
    pub fn body(raw: String) -> Self {
        Self { field: "body", raw }
    }

    pub fn reason(raw: String) -> Self {
        Self {
            field: "reason",
            raw,
        }
    }
}

impl crate::core::parse::Input for CommentText {
    type Parsed = String;
    fn parse(self) -> Result<String, FieldErrors> {
        let max = if self.field == "reason" {
            MAX_REASON_CHARS
        } else {
            MAX_COMMENT_CHARS
        };
        parse_comment(&self.raw, max).map_err(|e| FieldErrors::from([(self.field.to_owned(), e)]))
    }
}

/// The reactions a post offers (one per person and post).
pub const REACTIONS: [&str; 3] = ["like", "idea", "thanks"];

pub fn parse_reaction(raw: &str) -> Result<&'static str, FieldError> {
    REACTIONS
        .into_iter()
        .find(|r| *r == raw.trim())
        .ok_or(FieldError::InvalidChoice)
}

/// The changes between a post as it was and as it is written now: each changed field with its
/// value before (the edit history, DESIGN §8 via issue 29).
pub fn changes(before: &[(&str, String)], after: &[(&str, String)]) -> Vec<(String, String)> {
    before
        .iter()
        .filter_map(|(field, old)| {
            let new = after.iter().find(|(f, _)| f == field).map(|(_, v)| v)?;
            (old != new).then(|| ((*field).to_owned(), old.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PostForm {
        PostForm {
            title: "  Selvinnsjekk   på legevakten ".into(),
            summary: "Kortere kø.".into(),
            body: "# Hva vi gjorde\r\n\r\n    kode med innrykk   \r\n\r\n".into(),
            tags: "Velferdsteknologi, #helse, helse".into(),
            co_authors: "Kari@Example.no".into(),
            project_ids: "12, #7".into(),
            ..PostForm::default()
        }
    }

    #[test]
    fn a_post_is_read_as_people_mean_it() {
        let post = form().parse().unwrap();
        assert_eq!(post.title, "Selvinnsjekk på legevakten");
        assert_eq!(post.body, "# Hva vi gjorde\n\n    kode med innrykk");
        assert_eq!(post.tags, vec!["velferdsteknologi", "helse"]);
        assert_eq!(
            post.co_authors[0].email().map(|e| e.as_str()),
            Some("kari@example.no")
        );
        assert_eq!(
            post.links,
            vec![(LinkKind::Project, 12), (LinkKind::Project, 7)]
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = PostForm {
            title: String::new(),
            summary: "x".repeat(MAX_SUMMARY_CHARS + 1),
            body: "a\u{202E}b".into(),
            tags: "a\u{202E}b".into(),
            co_authors: "ikke-en-adresse@".into(),
            project_ids: "-3".into(),
            application_ids: "1,2,3,4,5,6,7,8,9,10,11".into(),
            nomination_ids: "abc".into(),
            tag_list: None,
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.get("title"), Some(&FieldError::Required));
        assert_eq!(errors.get("summary"), Some(&FieldError::TooLong));
        assert_eq!(errors.get("body"), Some(&FieldError::ForbiddenCharacters));
        assert_eq!(errors.get("tags"), Some(&FieldError::ForbiddenCharacters));
        assert_eq!(errors.get("co_authors"), Some(&FieldError::InvalidEmail));
        assert_eq!(errors.get("project_ids"), Some(&FieldError::InvalidNumber));
        assert_eq!(errors.get("application_ids"), Some(&FieldError::TooMany));
        assert_eq!(errors.get("nomination_ids"), Some(&FieldError::InvalidNumber));
    }

    #[test]
    fn a_huge_body_is_refused() {
        let huge = "ord ".repeat(MAX_BODY_CHARS / 2);
        assert_eq!(parse_markdown(&huge, MAX_BODY_CHARS), Err(FieldError::TooLong));
        assert_eq!(parse_markdown(" \n\t\n", MAX_BODY_CHARS), Err(FieldError::Required));
    }

    #[test]
    fn tags_are_bounded() {
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert_eq!(parse_tags(&many.join(",")), Err(FieldError::TooMany));
        assert_eq!(parse_tags(&"x".repeat(MAX_TAG_CHARS + 1)), Err(FieldError::TooLong));
        assert_eq!(parse_tags(" , ").unwrap(), Vec::<String>::new());
        // Repeats count as given (the API's list is at most ten items).
        assert_eq!(parse_tags(&["a"; MAX_TAGS + 1].join(",")), Err(FieldError::TooMany));
        assert_eq!(parse_tags(&["a"; MAX_TAGS].join(",")).unwrap(), vec!["a"]);
        // The API's list: a blank item is refused, not skipped.
        assert_eq!(parse_tag_list(&["".into()]), Err(FieldError::Required));
        assert_eq!(parse_tag_list(&["a,b".into()]), Err(FieldError::ForbiddenCharacters));
        assert_eq!(parse_tag_list(&["Helse".into()]).unwrap(), vec!["helse"]);
    }

    #[test]
    fn the_history_keeps_each_changed_field_as_it_was() {
        let before = [("title", "A".to_owned()), ("body", "x".to_owned())];
        let after = [("title", "B".to_owned()), ("body", "x".to_owned())];
        assert_eq!(changes(&before, &after), vec![("title".to_owned(), "A".to_owned())]);
    }

    #[test]
    fn reactions_are_one_of_the_offered() {
        assert_eq!(parse_reaction("like"), Ok("like"));
        assert_eq!(parse_reaction("<svg>"), Err(FieldError::InvalidChoice));
    }
}
