use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{ChosenId, Input, parse_date, parse_optional_date};

/// Longest accepted name of a sector or a service site, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A sector (tjenesteområde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sector {
    pub id: i32,
    pub name: String,
}

/// A service site (tjenestested), belonging to one sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSite {
    pub id: i32,
    pub sector_id: i32,
    pub name: String,
    pub active_from: Date,
    /// The first day the site is no longer active.
    pub closed_on: Option<Date>,
}

/// Where a site stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteState {
    /// Before its active-from date.
    NotOpen,
    Active,
    /// On or after the day it closed.
    Closed,
}

/// DESIGN §3: a site is active on `date` from its active-from date up to, not including, the
/// day it closed. The one home of the rule: every feature asks it through
/// [`ServiceSite::is_active_on`] (sites from `org::directory`), [`site_active_on`] or here.
pub fn site_state_on(active_from: Date, closed_on: Option<Date>, date: Date) -> SiteState {
    if date < active_from {
        SiteState::NotOpen
    } else if closed_on.is_some_and(|closed| closed <= date) {
        SiteState::Closed
    } else {
        SiteState::Active
    }
}

/// Whether a site is active on `date` ([`site_state_on`]).
pub fn site_active_on(active_from: Date, closed_on: Option<Date>, date: Date) -> bool {
    site_state_on(active_from, closed_on, date) == SiteState::Active
}

impl ServiceSite {
    /// See [`site_active_on`].
    pub fn is_active_on(&self, date: Date) -> bool {
        site_active_on(self.active_from, self.closed_on, date)
    }
}

/// A sector with its service sites, for the organisation overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorWithSites {
    pub sector: Sector,
    pub sites: Vec<ServiceSite>,
}

/// Groups `sites` under their sectors, keeping the order of both lists. Sites whose sector is
/// not in `sectors` are left out.
pub fn group_by_sector(sectors: Vec<Sector>, sites: Vec<ServiceSite>) -> Vec<SectorWithSites> {
    let mut grouped: Vec<SectorWithSites> = sectors
        .into_iter()
        .map(|sector| SectorWithSites {
            sector,
            sites: Vec::new(),
        })
        .collect();
    for site in sites {
        if let Some(group) = grouped.iter_mut().find(|g| g.sector.id == site.sector_id) {
            group.sites.push(site);
        }
    }
    grouped
}

/// Counts for the front page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub sectors: i64,
    pub sites: i64,
}

/// A validated name: one clean line (`core::parse::parse_name`), at most [`MAX_NAME_CHARS`]
/// characters.
fn parse_name(raw: &str, field: &str, errors: &mut FieldErrors) -> String {
    crate::core::parse::parse_name(raw, MAX_NAME_CHARS).unwrap_or_else(|e| {
        errors.insert(field.to_owned(), e);
        raw.trim().to_owned()
    })
}

/// Input for a new sector, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSector {
    pub name: String,
}

impl NewSector {
    pub fn parse(name: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(name, "name", &mut errors);
        if errors.is_empty() {
            Ok(Self { name })
        } else {
            Err(errors)
        }
    }
}

/// Input for a new service site, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewServiceSite {
    pub sector_id: i32,
    pub name: String,
    pub active_from: Date,
    pub closed_on: Option<Date>,
}

impl NewServiceSite {
    pub fn parse(
        sector_id: i32,
        name: &str,
        active_from: Date,
        closed_on: Option<Date>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(name, "name", &mut errors);
        if closed_on.is_some_and(|closed| closed <= active_from) {
            errors.insert("closed_on".to_owned(), FieldError::EndBeforeStart);
        }
        if errors.is_empty() {
            Ok(Self {
                sector_id,
                name,
                active_from,
                closed_on,
            })
        } else {
            Err(errors)
        }
    }
}

/// A change to a service site: only the fields given change. `closed_on: Some(None)` reopens
/// a closed site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitePatch {
    pub name: Option<String>,
    pub sector_id: Option<i32>,
    pub active_from: Option<Date>,
    pub closed_on: Option<Option<Date>>,
}

impl SitePatch {
    /// The site with this patch applied, checked as a whole (name, dates).
    pub fn apply(&self, site: &ServiceSite) -> Result<NewServiceSite, FieldErrors> {
        NewServiceSite::parse(
            self.sector_id.unwrap_or(site.sector_id),
            self.name.as_deref().unwrap_or(&site.name),
            self.active_from.unwrap_or(site.active_from),
            self.closed_on.unwrap_or(site.closed_on),
        )
    }
}

crate::parsed_input!(NewSector, NewServiceSite, SitePatch);

/// A sector's name as typed in a form.
pub struct SectorName<'a>(pub &'a str);

impl Input for SectorName<'_> {
    type Parsed = NewSector;
    fn parse(self) -> Result<NewSector, FieldErrors> {
        NewSector::parse(self.0)
    }
}

/// The site form as posted (new or edited): every field text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteForm {
    pub name: String,
    pub sector_id: String,
    pub active_from: String,
    pub closed_on: String,
}

impl SiteForm {
    /// The sector and the dates, every bad one reported at once.
    fn parse_parts(&self) -> Result<(i32, Date, Option<Date>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let sector = ChosenId {
            field: "sector_id",
            raw: &self.sector_id,
        }
        .parse()
        .map_err(|e| errors.extend(e))
        .ok();
        let dates = parse_site_dates(&self.active_from, &self.closed_on, &mut errors);
        match (sector, dates) {
            (Some(sector), Some((from, closed))) => Ok((sector, from, closed)),
            _ => Err(errors),
        }
    }
}

impl Input for SiteForm {
    type Parsed = NewServiceSite;
    fn parse(self) -> Result<NewServiceSite, FieldErrors> {
        let (sector, from, closed) = self.parse_parts()?;
        NewServiceSite::parse(sector, &self.name, from, closed)
    }
}

/// The edit form sends every field: all of them change.
pub struct SiteEditForm(pub SiteForm);

impl Input for SiteEditForm {
    type Parsed = SitePatch;
    fn parse(self) -> Result<SitePatch, FieldErrors> {
        let (sector, from, closed) = self.0.parse_parts()?;
        Ok(SitePatch {
            name: Some(self.0.name),
            sector_id: Some(sector),
            active_from: Some(from),
            closed_on: Some(closed),
        })
    }
}

/// Parses a site's `active_from` (required) and `closed_on` (optional) as typed in a form,
/// a file or a request, adding each bad one to `errors` under its own name.
pub fn parse_site_dates(
    active_from: &str,
    closed_on: &str,
    errors: &mut FieldErrors,
) -> Option<(Date, Option<Date>)> {
    let from = parse_date(active_from)
        .map_err(|e| errors.insert("active_from".into(), e))
        .ok();
    let closed = parse_optional_date(closed_on)
        .map_err(|e| errors.insert("closed_on".into(), e))
        .ok();
    from.zip(closed)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn site(active_from: Date, closed_on: Option<Date>) -> ServiceSite {
        ServiceSite {
            id: 1,
            sector_id: 1,
            name: "Sandvika barnehage".into(),
            active_from,
            closed_on,
        }
    }

    #[test]
    fn a_site_is_not_open_before_its_first_day_and_closed_from_its_closing_day() {
        let (from, closed) = (date!(2026 - 08 - 01), Some(date!(2027 - 06 - 30)));
        assert_eq!(
            site_state_on(from, closed, date!(2026 - 07 - 31)),
            SiteState::NotOpen
        );
        assert_eq!(
            site_state_on(from, closed, date!(2026 - 08 - 01)),
            SiteState::Active
        );
        assert_eq!(
            site_state_on(from, closed, date!(2027 - 06 - 29)),
            SiteState::Active
        );
        assert_eq!(
            site_state_on(from, closed, date!(2027 - 06 - 30)),
            SiteState::Closed
        );
        assert_eq!(
            site_state_on(from, None, date!(2099 - 01 - 01)),
            SiteState::Active
        );
        assert!(!site_active_on(from, closed, date!(2026 - 07 - 31)));
    }

    #[test]
    fn site_is_active_from_its_first_day() {
        let s = site(date!(2020 - 08 - 01), None);
        assert!(!s.is_active_on(date!(2020 - 07 - 31)));
        assert!(s.is_active_on(date!(2020 - 08 - 01)));
        assert!(s.is_active_on(date!(2030 - 01 - 01)));
    }

    #[test]
    fn closed_site_is_not_active_on_or_after_its_closing_day() {
        let s = site(date!(2015 - 01 - 01), Some(date!(2024 - 06 - 30)));
        assert!(s.is_active_on(date!(2024 - 06 - 29)));
        assert!(!s.is_active_on(date!(2024 - 06 - 30)));
        assert!(!s.is_active_on(date!(2025 - 01 - 01)));
    }

    #[test]
    fn sites_are_grouped_under_their_sector_in_order() {
        let sectors = vec![
            Sector {
                id: 2,
                name: "Oppvekst skole".into(),
            },
            Sector {
                id: 1,
                name: "Oppvekst barnehage".into(),
            },
        ];
        let mk = |id, sector_id, name: &str| ServiceSite {
            id,
            sector_id,
            name: name.into(),
            active_from: date!(2015 - 01 - 01),
            closed_on: None,
        };
        let sites = vec![
            mk(1, 1, "A"),
            mk(2, 2, "B"),
            mk(3, 1, "C"),
            mk(4, 9, "orphan"),
        ];
        let grouped = group_by_sector(sectors, sites);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].sector.id, 2);
        assert_eq!(
            grouped[0].sites.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![2]
        );
        assert_eq!(
            grouped[1].sites.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn sector_name_is_trimmed_and_required() {
        assert_eq!(
            NewSector::parse("  Teknisk ").map(|s| s.name),
            Ok("Teknisk".to_owned())
        );
        let errors = NewSector::parse("   ").unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
    }

    #[test]
    fn overlong_name_is_refused() {
        let long = "æ".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            NewSector::parse(&long).unwrap_err().get("name"),
            Some(&FieldError::TooLong)
        );
        assert!(NewSector::parse(&"æ".repeat(MAX_NAME_CHARS)).is_ok());
    }

    #[test]
    fn site_cannot_close_before_or_on_the_day_it_opens() {
        let opened = date!(2020 - 01 - 01);
        let errors = NewServiceSite::parse(1, "Fornebu skole", opened, Some(opened)).unwrap_err();
        assert_eq!(errors.get("closed_on"), Some(&FieldError::EndBeforeStart));
        assert!(
            NewServiceSite::parse(1, "Fornebu skole", opened, Some(date!(2020 - 01 - 02))).is_ok()
        );
    }

    #[test]
    fn patch_changes_only_what_it_names_and_is_checked_whole() {
        let s = site(date!(2020 - 01 - 01), None);
        let closing = SitePatch {
            closed_on: Some(Some(date!(2026 - 12 - 31))),
            ..Default::default()
        };
        let patched = closing.apply(&s).unwrap();
        assert_eq!(patched.name, s.name);
        assert_eq!(patched.closed_on, Some(date!(2026 - 12 - 31)));
        let too_early = SitePatch {
            closed_on: Some(Some(date!(2019 - 12 - 31))),
            ..Default::default()
        };
        assert_eq!(
            too_early.apply(&s).unwrap_err().get("closed_on"),
            Some(&FieldError::EndBeforeStart)
        );
    }

    #[test]
    fn both_bad_site_dates_are_reported() {
        let mut errors = FieldErrors::new();
        assert_eq!(parse_site_dates("1.8.2026", "snart", &mut errors), None);
        assert_eq!(errors.get("active_from"), Some(&FieldError::InvalidDate));
        assert_eq!(errors.get("closed_on"), Some(&FieldError::InvalidDate));
        let mut none = FieldErrors::new();
        assert_eq!(
            parse_site_dates("2026-08-01", "", &mut none),
            Some((date!(2026 - 08 - 01), None))
        );
        assert!(none.is_empty());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let opened = date!(2020 - 01 - 01);
        let errors = NewServiceSite::parse(1, "", opened, Some(date!(2019 - 01 - 01))).unwrap_err();
        assert_eq!(errors.len(), 2);
    }
}
