//! Cohorts (kull) and their gatherings (samlinger), DESIGN §5: a name, start and end dates, a
//! capacity, supervisors, and gatherings with a date, a theme and a place.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, parse_bounded, parse_date, parse_name};

/// Longest cohort name, gathering theme or place.
pub const MAX_NAME_CHARS: usize = 160;
/// Most leader groups one cohort takes: a cohort is a room of people, not the whole city.
pub const MAX_CAPACITY: i64 = 500;
/// Most supervisors of one cohort.
pub const MAX_SUPERVISORS: usize = 20;

/// A cohort as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCohort {
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: u16,
    pub min_attendance_percent: Option<u8>,
    /// The supervisors, looked up by the service.
    pub supervisors: Vec<crate::core::parse::PersonRef>,
}

crate::parsed_input!(NewCohort);

/// A cohort as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity: String,
    /// Empty: no least attendance.
    pub min_attendance_percent: String,
    /// The supervisors by name or e-mail address, separated by commas or lines.
    pub supervisors: String,
}

impl Input for CohortForm {
    type Parsed = NewCohort;

    fn parse(self) -> Result<NewCohort, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, MAX_NAME_CHARS)
            .map_err(|e| errors.insert("name".into(), e))
            .ok();
        let starts_on = parse_date(&self.starts_on)
            .map_err(|e| errors.insert("starts_on".into(), e))
            .ok();
        let ends_on = parse_date(&self.ends_on)
            .map_err(|e| errors.insert("ends_on".into(), e))
            .ok();
        if let (Some(starts), Some(ends)) = (starts_on, ends_on)
            && ends < starts
        {
            errors.insert("ends_on".into(), FieldError::EndBeforeStart);
        }
        let capacity = parse_bounded(&self.capacity, 1, MAX_CAPACITY)
            .map_err(|e| errors.insert("capacity".into(), e))
            .ok()
            .and_then(|c| u16::try_from(c).ok());
        let min_attendance_percent = if self.min_attendance_percent.trim().is_empty() {
            None
        } else {
            parse_bounded(&self.min_attendance_percent, 1, 100)
                .map_err(|e| errors.insert("min_attendance_percent".into(), e))
                .ok()
                .and_then(|p| u8::try_from(p).ok())
        };
        let supervisors = crate::core::parse::parse_person_list(&self.supervisors, MAX_SUPERVISORS)
            .map_err(|e| errors.insert("supervisors".into(), e))
            .ok();
        match (name, starts_on, ends_on, capacity, supervisors) {
            (Some(name), Some(starts_on), Some(ends_on), Some(capacity), Some(supervisors))
                if errors.is_empty() =>
            {
                Ok(NewCohort {
                    name,
                    starts_on,
                    ends_on,
                    capacity,
                    min_attendance_percent,
                    supervisors,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A gathering as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGathering {
    pub held_on: Date,
    pub theme: String,
    pub place: String,
    /// Open to every completed group, not only the cohort's.
    pub alumni: bool,
}

crate::parsed_input!(NewGathering);

/// A gathering as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatheringForm {
    pub held_on: String,
    pub theme: String,
    pub place: String,
    pub alumni: bool,
}

impl Input for GatheringForm {
    type Parsed = NewGathering;

    fn parse(self) -> Result<NewGathering, FieldErrors> {
        let mut errors = FieldErrors::new();
        let held_on = parse_date(&self.held_on)
            .map_err(|e| errors.insert("held_on".into(), e))
            .ok();
        let theme = parse_name(&self.theme, MAX_NAME_CHARS)
            .map_err(|e| errors.insert("theme".into(), e))
            .ok();
        let place = parse_name(&self.place, MAX_NAME_CHARS)
            .map_err(|e| errors.insert("place".into(), e))
            .ok();
        match (held_on, theme, place) {
            (Some(held_on), Some(theme), Some(place)) if errors.is_empty() => Ok(NewGathering {
                held_on,
                theme,
                place,
                alumni: self.alumni,
            }),
            _ => Err(errors),
        }
    }
}

/// A cohort's own gatherings fall within its dates; an alumni gathering may come any time
/// after it starts (DESIGN §5: alumni meetings follow the programme).
pub fn gathering_fits(gathering: &NewGathering, starts_on: Date, ends_on: Date) -> bool {
    gathering.held_on >= starts_on && (gathering.alumni || gathering.held_on <= ends_on)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn cohort() -> CohortForm {
        CohortForm {
            name: " Kull 7 ".into(),
            starts_on: "2026-01-15".into(),
            ends_on: "2026-06-30".into(),
            capacity: "20".into(),
            min_attendance_percent: String::new(),
            supervisors: "Lup@ideverket.example,\nlup@ideverket.example; leder@ideverket.example"
                .into(),
        }
    }

    #[test]
    fn a_cohort_form_becomes_a_cohort() {
        let c = cohort().parse().unwrap();
        assert_eq!(c.name, "Kull 7");
        assert_eq!(
            (c.starts_on, c.ends_on),
            (date!(2026 - 01 - 15), date!(2026 - 06 - 30))
        );
        assert_eq!((c.capacity, c.min_attendance_percent), (20, None));
        let emails: Vec<&str> = c
            .supervisors
            .iter()
            .filter_map(|p| match p {
                crate::core::parse::PersonRef::Email(e) => Some(e.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            emails,
            ["lup@ideverket.example", "leder@ideverket.example"],
            "lower-cased, each once"
        );
        let strict = CohortForm {
            min_attendance_percent: "80".into(),
            ..cohort()
        };
        assert_eq!(strict.parse().unwrap().min_attendance_percent, Some(80));
    }

    #[test]
    fn a_cohort_ends_after_it_starts_and_has_room() {
        let errors = CohortForm {
            ends_on: "2026-01-14".into(),
            capacity: "0".into(),
            min_attendance_percent: "120".into(),
            supervisors: "Kari Nordmann, kari@".into(),
            ..cohort()
        }
        .parse()
        .unwrap_err();
        assert_eq!(errors.get("ends_on"), Some(&FieldError::EndBeforeStart));
        assert_eq!(errors.get("capacity"), Some(&FieldError::OutOfRange));
        assert_eq!(
            errors.get("min_attendance_percent"),
            Some(&FieldError::OutOfRange)
        );
        assert_eq!(errors.get("supervisors"), Some(&FieldError::InvalidEmail));
        let one_day = CohortForm {
            ends_on: "2026-01-15".into(),
            ..cohort()
        };
        assert!(one_day.parse().is_ok(), "a one-day cohort is a cohort");
    }

    #[test]
    fn a_gathering_has_a_date_a_theme_and_a_place() {
        let g = GatheringForm {
            held_on: "2026-02-10".into(),
            theme: "Innsikt".into(),
            place: "Rådhuset".into(),
            alumni: false,
        }
        .parse()
        .unwrap();
        assert_eq!(g.held_on, date!(2026 - 02 - 10));
        let errors = GatheringForm::default().parse().unwrap_err();
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn gatherings_fall_within_the_cohort_and_alumni_meetings_after_its_start() {
        let (starts, ends) = (date!(2026 - 01 - 15), date!(2026 - 06 - 30));
        let at = |held_on, alumni| NewGathering {
            held_on,
            theme: "Samling".into(),
            place: "Rådhuset".into(),
            alumni,
        };
        assert!(gathering_fits(&at(starts, false), starts, ends));
        assert!(gathering_fits(&at(ends, false), starts, ends));
        assert!(!gathering_fits(
            &at(date!(2026 - 07 - 01), false),
            starts,
            ends
        ));
        assert!(gathering_fits(
            &at(date!(2027 - 03 - 01), true),
            starts,
            ends
        ));
        assert!(!gathering_fits(
            &at(date!(2026 - 01 - 14), true),
            starts,
            ends
        ));
    }
}
