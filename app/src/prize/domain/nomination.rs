//! Nominations (DESIGN §7): any employee nominates a project, a team or a person — their own
//! work too — in one category, with a justification per criterion and links.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{clean_line, name_key, parse_name, parse_optional_id, parse_text};

pub const MAX_TITLE_CHARS: usize = 160;
pub const MAX_NOMINEE_CHARS: usize = 200;
pub const MAX_JUSTIFICATION_CHARS: usize = 4000;
pub const MAX_LINKS: usize = 10;
pub const MAX_LINK_CHARS: usize = 500;
pub const MAX_STATEMENT_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominationStatus {
    Submitted,
    Withdrawn,
}

impl NominationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            NominationStatus::Submitted => "submitted",
            NominationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Self {
        if raw == "withdrawn" {
            NominationStatus::Withdrawn
        } else {
            NominationStatus::Submitted
        }
    }
}

/// A nomination as parsed. The justification is keyed as the nominator gave it (a
/// criterion's id or name); [`match_justification`] ties it to the category's criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNomination {
    pub title: String,
    pub nominee: String,
    /// The colleague nominated, if one is, by name or e-mail address (they are told, and
    /// jurors who are them recuse).
    pub nominee_email: Option<crate::core::parse::PersonRef>,
    pub project_id: Option<i32>,
    /// The service site the work comes from; none: the project's lead site, else the
    /// nominator's home site.
    pub site_id: Option<i32>,
    pub links: Vec<String>,
    pub justification: BTreeMap<String, String>,
}

crate::parsed_input!(NewNomination);

/// A nomination as typed or sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NominationForm {
    pub title: String,
    pub nominee: String,
    pub nominee_email: String,
    pub project_id: String,
    pub site_id: String,
    /// One link per line.
    pub links: String,
    pub justification: BTreeMap<String, String>,
}

impl crate::core::parse::Input for NominationForm {
    type Parsed = NewNomination;

    fn parse(self) -> Result<NewNomination, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = parse_name(&self.title, MAX_TITLE_CHARS)
            .map_err(|e| errors.insert("title".into(), e))
            .ok();
        let nominee = parse_name(&self.nominee, MAX_NOMINEE_CHARS)
            .map_err(|e| errors.insert("nominee".into(), e))
            .ok();
        let nominee_email = if self.nominee_email.trim().is_empty() {
            None
        } else {
            crate::core::parse::PersonRef::parse(&self.nominee_email)
                .map_err(|e| errors.insert("nominee_email".into(), e))
                .ok()
        };
        let project_id = parse_optional_id(self.project_id.trim_start_matches('#'))
            .map_err(|e| errors.insert("project_id".into(), e))
            .ok()
            .flatten();
        let site_id = parse_optional_id(&self.site_id)
            .map_err(|e| errors.insert("site_id".into(), e))
            .ok()
            .flatten();
        let links = parse_links(&self.links)
            .map_err(|e| errors.insert("links".into(), e))
            .ok();
        let mut justification = BTreeMap::new();
        for (key, text) in self.justification {
            let key = clean_line(&key).unwrap_or_default();
            match parse_text(&text, MAX_JUSTIFICATION_CHARS) {
                Ok(text) => {
                    justification.insert(key, text);
                }
                Err(FieldError::Required) => {}
                Err(e) => {
                    errors.insert(format!("justification[{key}]"), e);
                }
            }
        }
        match (title, nominee, links) {
            (Some(title), Some(nominee), Some(links)) if errors.is_empty() => Ok(NewNomination {
                title,
                nominee,
                nominee_email,
                project_id,
                site_id,
                links,
                justification,
            }),
            _ => Err(errors),
        }
    }
}

/// Links one per line: web addresses (http or https) or paths on this service; each once.
pub fn parse_links(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut links: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let link = clean_line(line)?;
        if link.chars().count() > MAX_LINK_CHARS {
            return Err(FieldError::TooLong);
        }
        let lower = link.to_lowercase();
        let local = link.starts_with('/') && !link.starts_with("//");
        let web = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !link.contains(char::is_whitespace);
        if !local && !web {
            return Err(FieldError::InvalidLink);
        }
        if !links.contains(&link) {
            links.push(link);
        }
    }
    if links.len() > MAX_LINKS {
        return Err(FieldError::TooMany);
    }
    Ok(links)
}

/// The justification per criterion of the category (`criteria`: id and name), from what was
/// given by criterion id or name. Every criterion needs one (DESIGN §7); a key that names no
/// criterion is refused.
pub fn match_justification(
    criteria: &[(i32, String)],
    given: &BTreeMap<String, String>,
) -> Result<Vec<(i32, String)>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut matched: BTreeMap<i32, String> = BTreeMap::new();
    for (key, text) in given {
        let found = criteria.iter().find(|(id, name)| {
            key.parse::<i32>().ok() == Some(*id) || name_key(name) == name_key(key)
        });
        match found {
            Some((id, _)) => {
                matched.insert(*id, text.clone());
            }
            None => {
                errors.insert(
                    format!("justification[{key}]"),
                    FieldError::UnknownReference,
                );
            }
        }
    }
    for (id, _) in criteria {
        if !matched.contains_key(id) {
            errors.insert(format!("justification[{id}]"), FieldError::Required);
        }
    }
    if errors.is_empty() {
        Ok(matched.into_iter().collect())
    } else {
        Err(errors)
    }
}

/// Finalists as the committee picks them, with a short statement each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortlist {
    pub finalists: Vec<(i32, Option<String>)>,
}

crate::parsed_input!(Shortlist);

/// The most finalists of one category.
pub const MAX_FINALISTS: usize = 10;

/// The committee's choice as sent: nomination ids, and statements by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistInput {
    pub nomination_ids: Vec<i64>,
    pub statements: BTreeMap<String, String>,
}

impl crate::core::parse::Input for ShortlistInput {
    type Parsed = Shortlist;

    fn parse(self) -> Result<Shortlist, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut finalists: Vec<(i32, Option<String>)> = Vec::new();
        for raw in self.nomination_ids {
            let Ok(id) = i32::try_from(raw) else {
                errors.insert("nomination_ids".into(), FieldError::UnknownReference);
                continue;
            };
            if finalists.iter().any(|(f, _)| *f == id) {
                continue;
            }
            let statement = self
                .statements
                .get(&id.to_string())
                .map(|s| crate::core::parse::parse_optional_text(s, MAX_STATEMENT_CHARS))
                .transpose()
                .map_err(|e| errors.insert(format!("statements[{id}]"), e))
                .ok()
                .flatten()
                .flatten();
            finalists.push((id, statement));
        }
        if finalists.is_empty() {
            errors.insert("nomination_ids".into(), FieldError::Required);
        }
        if finalists.len() > MAX_FINALISTS {
            errors.insert("nomination_ids".into(), FieldError::TooMany);
        }
        if errors.is_empty() {
            Ok(Shortlist { finalists })
        } else {
            Err(errors)
        }
    }
}

/// A nomination with the category it is for: read together, so the service judges both after
/// its permission check.
pub struct InCategory<I> {
    pub category_id: i32,
    pub form: I,
}

impl<I: crate::core::parse::Input<Parsed = NewNomination>> crate::core::parse::Input
    for InCategory<I>
{
    type Parsed = (i32, NewNomination);
    fn parse(self) -> Result<Self::Parsed, FieldErrors> {
        Ok((self.category_id, self.form.parse()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::Input;

    fn criteria() -> Vec<(i32, String)> {
        vec![(3, "Nyhetsverdi".into()), (4, "Realisert".into())]
    }

    #[test]
    fn justification_is_matched_by_id_or_name() {
        let given = BTreeMap::from([
            ("3".to_owned(), "Nytt".to_owned()),
            ("realisert".to_owned(), "I bruk".to_owned()),
        ]);
        let matched = match_justification(&criteria(), &given).unwrap();
        assert_eq!(matched, vec![(3, "Nytt".into()), (4, "I bruk".into())]);
    }

    #[test]
    fn a_missing_or_unknown_criterion_is_refused_by_name() {
        let given = BTreeMap::from([("Pris".to_owned(), "x".to_owned())]);
        let errors = match_justification(&criteria(), &given).unwrap_err();
        assert_eq!(
            errors.get("justification[Pris]"),
            Some(&FieldError::UnknownReference)
        );
        assert_eq!(errors.get("justification[3]"), Some(&FieldError::Required));
        assert_eq!(errors.get("justification[4]"), Some(&FieldError::Required));
    }

    #[test]
    fn links_are_web_addresses_or_local_paths() {
        assert_eq!(
            parse_links("https://example.org/a\n/prosjekter/3\n\nhttps://example.org/a").unwrap(),
            vec![
                "https://example.org/a".to_owned(),
                "/prosjekter/3".to_owned()
            ]
        );
        assert_eq!(
            parse_links("javascript:alert(1)"),
            Err(FieldError::InvalidLink)
        );
        assert_eq!(
            parse_links("//evil.example/x"),
            Err(FieldError::InvalidLink)
        );
    }

    #[test]
    fn a_nomination_form_keeps_blank_justifications_out_and_reads_ids() {
        let parsed = NominationForm {
            title: "  Digital   innsjekk ".into(),
            nominee: "Team Innsjekk".into(),
            project_id: "#12".into(),
            justification: BTreeMap::from([("3".into(), "Ny".into()), ("4".into(), " ".into())]),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(parsed.title, "Digital innsjekk");
        assert_eq!(parsed.project_id, Some(12));
        assert_eq!(parsed.justification.len(), 1);
        let errors = NominationForm::default().parse().unwrap_err();
        assert_eq!(errors.get("title"), Some(&FieldError::Required));
        assert_eq!(errors.get("nominee"), Some(&FieldError::Required));
    }

    #[test]
    fn a_shortlist_needs_finalists_and_keeps_each_once() {
        let parsed = ShortlistInput {
            nomination_ids: vec![5, 6, 5],
            statements: BTreeMap::from([("6".into(), "Sterk".into())]),
        }
        .parse()
        .unwrap();
        assert_eq!(parsed.finalists, vec![(5, None), (6, Some("Sterk".into()))]);
        assert!(ShortlistInput::default().parse().is_err());
    }
}
