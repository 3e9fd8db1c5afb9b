//! The portfolio view's filters and order (DESIGN §4: by phase, sector, site, programme, SDG,
//! tag, year started, funding; a search), as typed in a URL or an API query, and parsed.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, clean_line, name_key, parse_optional_id};

/// Longest search text.
pub const MAX_QUERY_CHARS: usize = 100;

/// How the portfolio's list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectSort {
    /// Last changed first.
    #[default]
    Updated,
    /// By name, A–Å.
    Name,
    /// Started last first.
    Started,
    /// Largest budget first.
    Budget,
}

impl ProjectSort {
    pub const ALL: [ProjectSort; 4] = [
        ProjectSort::Updated,
        ProjectSort::Name,
        ProjectSort::Started,
        ProjectSort::Budget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectSort::Updated => "updated",
            ProjectSort::Name => "name",
            ProjectSort::Started => "started",
            ProjectSort::Budget => "budget",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// The filters, valid once constructed; `None` lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFilter {
    /// A phase's key (`utvikling_og_utproving`); the service checks it against the roadmap.
    pub phase: Option<String>,
    pub sector_id: Option<i32>,
    /// Lead or participating site.
    pub site_id: Option<i32>,
    pub programme_id: Option<i32>,
    pub sdg: Option<u8>,
    /// A tag, compared by its name key.
    pub tag: Option<String>,
    /// The year the project started.
    pub year: Option<i32>,
    /// With funding sources (true) or without (false).
    pub funded: Option<bool>,
    /// Search text, normalised like a name's key.
    pub query: Option<String>,
    pub sort: ProjectSort,
}

crate::parsed_input!(PortfolioFilter);

impl PortfolioFilter {
    /// Whether every project passes (the order does not matter).
    pub fn selects_all(&self) -> bool {
        Self {
            sort: ProjectSort::default(),
            ..self.clone()
        } == Self::default()
    }
}

/// The filters as typed (query parameters of a page or of the API): every value a string.
/// The words `funded` takes: the API's and the form's.
pub const FUNDED_WORDS: [(&str, bool); 4] =
    [("true", true), ("false", false), ("ja", true), ("nei", false)];

/// Declared once here (issue 25): the page's filter form ([`FilterText::NAMES`]), its downloads,
/// the REST endpoints and their OpenAPI parameters all take this type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct FilterText {
    /// Search in names and descriptions.
    pub q: Option<String>,
    /// A phase's key, e.g. `utvikling_og_utproving`.
    pub phase: Option<String>,
    pub sector_id: Option<String>,
    /// Lead or participating site.
    pub site_id: Option<String>,
    pub programme_id: Option<String>,
    /// A sustainable-development goal, 1–17.
    pub sdg: Option<String>,
    /// A tag's name (case and spaces do not matter).
    pub tag: Option<String>,
    /// The year the project started.
    pub year: Option<String>,
    /// `true`: with funding sources; `false`: without.
    pub funded: Option<String>,
    /// `updated` (default), `name`, `started` or `budget`.
    pub sort: Option<String>,
}

impl FilterText {
    /// The parameters' names, in the page form's order (the fields' order; a unit test holds
    /// the two together).
    pub const NAMES: [&'static str; 10] = [
        "q",
        "phase",
        "sector_id",
        "site_id",
        "programme_id",
        "sdg",
        "tag",
        "year",
        "funded",
        "sort",
    ];

    /// The filters among `pairs` (name, value), as a page's query string gives them; other
    /// names are ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let mut text = Self::default();
        for (name, value) in pairs {
            if let Some(slot) = text.slot(name.as_ref()) {
                *slot = Some(value.as_ref().to_owned());
            }
        }
        text
    }

    /// The value of the parameter `name`, if it is one.
    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "q" => &mut self.q,
            "phase" => &mut self.phase,
            "sector_id" => &mut self.sector_id,
            "site_id" => &mut self.site_id,
            "programme_id" => &mut self.programme_id,
            "sdg" => &mut self.sdg,
            "tag" => &mut self.tag,
            "year" => &mut self.year,
            "funded" => &mut self.funded,
            "sort" => &mut self.sort,
            _ => return None,
        })
    }
}

/// A value left empty is no filter.
fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Input for FilterText {
    type Parsed = PortfolioFilter;
    fn parse(self) -> Result<PortfolioFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut id = |field: &str, raw: &Option<String>| {
            parse_optional_id(given(raw).unwrap_or_default())
                .map_err(|e| errors.insert(field.to_owned(), e))
                .ok()
                .flatten()
        };
        let sector_id = id("sector_id", &self.sector_id);
        let site_id = id("site_id", &self.site_id);
        let programme_id = id("programme_id", &self.programme_id);
        let sdg = match given(&self.sdg).map(str::parse::<u8>) {
            None => None,
            Some(Ok(goal)) if (1..=17).contains(&goal) => Some(goal),
            Some(_) => {
                errors.insert("sdg".into(), FieldError::InvalidChoice);
                None
            }
        };
        let year = match given(&self.year).map(str::parse::<i32>) {
            None => None,
            Some(Ok(year)) if (1900..=2200).contains(&year) => Some(year),
            Some(Ok(_)) => {
                errors.insert("year".into(), FieldError::OutOfRange);
                None
            }
            Some(Err(_)) => {
                errors.insert("year".into(), FieldError::InvalidNumber);
                None
            }
        };
        let funded = match given(&self.funded) {
            None => None,
            Some(raw) => FUNDED_WORDS
                .iter()
                .find(|(word, _)| *word == raw)
                .map(|(_, funded)| *funded)
                .or_else(|| {
                    errors.insert("funded".into(), FieldError::InvalidChoice);
                    None
                }),
        };
        let sort = match given(&self.sort) {
            None => ProjectSort::default(),
            Some(raw) => ProjectSort::parse(raw).unwrap_or_else(|| {
                errors.insert("sort".into(), FieldError::InvalidChoice);
                ProjectSort::default()
            }),
        };
        let mut text = |field: &str, raw: &Option<String>| match given(raw).map(clean_line) {
            None => None,
            Some(Ok(line)) if line.chars().count() > MAX_QUERY_CHARS => {
                errors.insert(field.to_owned(), FieldError::TooLong);
                None
            }
            Some(Ok(line)) => Some(name_key(&line)).filter(|k| !k.is_empty()),
            Some(Err(e)) => {
                errors.insert(field.to_owned(), e);
                None
            }
        };
        let tag = text("tag", &self.tag);
        let query = text("q", &self.q);
        let phase = given(&self.phase).map(str::to_owned);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PortfolioFilter {
            phase,
            sector_id,
            site_id,
            programme_id,
            sdg,
            tag,
            year,
            funded,
            query,
            sort,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pairs: &[(&str, &str)]) -> FilterText {
        FilterText::from_pairs(pairs)
    }

    #[test]
    fn each_name_is_a_field_of_that_name_in_order() {
        let keys = |text: &FilterText| -> Vec<String> {
            match serde_json::to_value(text) {
                Ok(serde_json::Value::Object(map)) => map
                    .into_iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, _)| k)
                    .collect(),
                other => panic!("{other:?}"),
            }
        };
        let all: Vec<(&str, &str)> = FilterText::NAMES.iter().map(|n| (*n, "x")).collect();
        let mut every = keys(&text(&all));
        let mut names: Vec<String> = FilterText::NAMES.iter().map(|n| (*n).to_owned()).collect();
        every.sort();
        names.sort();
        assert_eq!(every, names, "every field is named once");
        for name in FilterText::NAMES {
            assert_eq!(keys(&text(&[(name, "x")])), [name], "{name}");
        }
        assert_eq!(text(&[("offset", "40")]), FilterText::default());
    }

    #[test]
    fn only_a_filter_without_conditions_selects_all() {
        assert!(PortfolioFilter::default().selects_all());
        let sorted = text(&[("sort", "name")]).parse().unwrap();
        assert!(sorted.selects_all(), "an order is no condition");
        let searched = text(&[("q", "innsjekk")]).parse().unwrap();
        assert!(!searched.selects_all());
        let funded = text(&[("funded", "false")]).parse().unwrap();
        assert!(!funded.selects_all());
    }

    #[test]
    fn empty_values_filter_nothing() {
        let parsed = text(&[("sector_id", ""), ("q", "   "), ("sdg", " ")])
            .parse()
            .unwrap();
        assert_eq!(parsed, PortfolioFilter::default());
    }

    #[test]
    fn each_filter_is_read() {
        let parsed = text(&[
            ("phase", "ny_praksis"),
            ("sector_id", "3"),
            ("site_id", "12"),
            ("programme_id", "1"),
            ("sdg", "11"),
            ("tag", "  Digitalisering "),
            ("year", "2026"),
            ("funded", "ja"),
            ("q", "Innsjekk  SKOLE"),
            ("sort", "budget"),
        ])
        .parse()
        .unwrap();
        assert_eq!(parsed.phase.as_deref(), Some("ny_praksis"));
        assert_eq!(
            (parsed.sector_id, parsed.site_id, parsed.programme_id),
            (Some(3), Some(12), Some(1))
        );
        assert_eq!((parsed.sdg, parsed.year), (Some(11), Some(2026)));
        assert_eq!(parsed.tag.as_deref(), Some("digitalisering"));
        assert_eq!(parsed.query.as_deref(), Some("innsjekk skole"));
        assert_eq!(
            (parsed.funded, parsed.sort),
            (Some(true), ProjectSort::Budget)
        );
    }

    #[test]
    fn hostile_values_are_refused_by_field() {
        let errors = text(&[
            ("sector_id", "9223372036854775808"),
            ("sdg", "18"),
            ("year", "20266"),
            ("funded", "kanskje"),
            ("q", "a\u{0}b"),
            ("sort", "random()"),
        ])
        .parse()
        .unwrap_err();
        assert_eq!(errors.get("sdg"), Some(&FieldError::InvalidChoice));
        assert_eq!(errors.get("year"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("funded"), Some(&FieldError::InvalidChoice));
        assert_eq!(errors.get("q"), Some(&FieldError::ForbiddenCharacters));
        assert_eq!(errors.get("sort"), Some(&FieldError::InvalidChoice));
        assert!(errors.contains_key("sector_id"));
        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        let errors = text(&[("q", &long)]).parse().unwrap_err();
        assert_eq!(errors.get("q"), Some(&FieldError::TooLong));
    }
}
