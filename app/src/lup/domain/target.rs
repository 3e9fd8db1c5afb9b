//! Coverage targets (DESIGN §5, issue 13): "120 of 200 service sites by 31 December", as a
//! count or a share, for the whole organisation or one sector, with a date.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, parse_date, parse_optional_id};
use crate::lup::domain::coverage::Share;

/// Most sites a count target may name: far above any municipality's.
pub const MAX_TARGET_COUNT: u32 = 100_000;

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Goal {
    /// At least this many covered sites.
    Count(u32),
    /// At least this share of the active sites, in whole per cent (1–100).
    Percent(u8),
}

impl Goal {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Count(_) => "count",
            Self::Percent(_) => "share",
        }
    }

    pub fn value(self) -> u32 {
        match self {
            Self::Count(n) => n,
            Self::Percent(p) => u32::from(p),
        }
    }

    pub fn from_stored(kind: &str, value: i64) -> Option<Self> {
        match kind {
            "count" => u32::try_from(value).ok().map(Self::Count),
            "share" => u8::try_from(value)
                .ok()
                .filter(|p| (1..=100).contains(p))
                .map(Self::Percent),
            _ => None,
        }
    }

    /// How many covered sites meet the goal when `active` sites are active (a share rounds
    /// up: 60 % of 199 sites is 120).
    pub fn needed(self, active: u32) -> u32 {
        match self {
            Self::Count(n) => n,
            Self::Percent(p) => {
                let needed = (u64::from(active) * u64::from(p)).div_ceil(100);
                u32::try_from(needed).unwrap_or(u32::MAX)
            }
        }
    }

    pub fn is_met_by(self, share: Share) -> bool {
        share.covered >= self.needed(share.active)
    }
}

/// A target as parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTarget {
    pub goal: Goal,
    /// `None`: the whole organisation.
    pub sector_id: Option<i32>,
    pub due_on: Date,
}

crate::parsed_input!(NewTarget);

/// A target as typed: the kind (`count` or `share`), the number, the sector (empty for the
/// whole organisation) and the date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetForm {
    pub kind: String,
    pub value: String,
    pub sector_id: String,
    pub due_on: String,
}

impl Input for TargetForm {
    type Parsed = NewTarget;

    fn parse(self) -> Result<NewTarget, FieldErrors> {
        let mut errors = FieldErrors::new();
        let number = crate::core::parse::parse_bounded(&self.value, 1, i64::from(MAX_TARGET_COUNT))
            .map_err(|e| errors.insert("value".into(), e))
            .ok();
        let goal = match (self.kind.trim(), number) {
            ("count", Some(n)) => u32::try_from(n).ok().map(Goal::Count),
            ("share", Some(p)) => match u8::try_from(p).ok().filter(|p| *p <= 100) {
                Some(p) => Some(Goal::Percent(p)),
                None => {
                    errors.insert("value".into(), FieldError::OutOfRange);
                    None
                }
            },
            ("count" | "share", None) => None,
            _ => {
                errors.insert("kind".into(), FieldError::InvalidChoice);
                None
            }
        };
        let sector_id = parse_optional_id(&self.sector_id)
            .map_err(|e| errors.insert("sector_id".into(), e))
            .ok()
            .flatten();
        let due_on = parse_date(&self.due_on)
            .map_err(|e| errors.insert("due_on".into(), e))
            .ok();
        match (goal, due_on) {
            (Some(goal), Some(due_on)) if errors.is_empty() => Ok(NewTarget {
                goal,
                sector_id,
                due_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn form(kind: &str, value: &str) -> TargetForm {
        TargetForm {
            kind: kind.into(),
            value: value.into(),
            sector_id: String::new(),
            due_on: "2024-12-31".into(),
        }
    }

    #[test]
    fn a_count_target_is_met_at_its_number() {
        let goal = Goal::Count(120);
        assert!(!goal.is_met_by(Share {
            covered: 119,
            active: 200
        }));
        assert!(goal.is_met_by(Share {
            covered: 120,
            active: 200
        }));
    }

    #[test]
    fn a_share_target_rounds_the_sites_needed_up() {
        assert_eq!(Goal::Percent(60).needed(200), 120);
        assert_eq!(Goal::Percent(60).needed(199), 120, "119.4 sites is 120");
        assert_eq!(Goal::Percent(100).needed(7), 7);
        assert_eq!(Goal::Percent(60).needed(0), 0);
        assert!(Goal::Percent(60).is_met_by(Share {
            covered: 120,
            active: 199
        }));
        assert!(!Goal::Percent(60).is_met_by(Share {
            covered: 119,
            active: 199
        }));
    }

    #[test]
    fn a_target_form_is_parsed_and_bounded() {
        assert_eq!(
            form("count", "120").parse(),
            Ok(NewTarget {
                goal: Goal::Count(120),
                sector_id: None,
                due_on: date!(2024 - 12 - 31)
            })
        );
        assert_eq!(
            form("share", " 60 ").parse().unwrap().goal,
            Goal::Percent(60)
        );
        let errors = form("share", "101").parse().unwrap_err();
        assert_eq!(errors.get("value"), Some(&FieldError::OutOfRange));
        let errors = form("count", "-3").parse().unwrap_err();
        assert!(errors.contains_key("value"));
        let errors = form("alle", "3").parse().unwrap_err();
        assert_eq!(errors.get("kind"), Some(&FieldError::InvalidChoice));
        let errors = TargetForm {
            sector_id: "x".into(),
            due_on: "31.12.2024".into(),
            ..form("count", "120")
        }
        .parse()
        .unwrap_err();
        assert!(errors.contains_key("sector_id"));
        assert_eq!(errors.get("due_on"), Some(&FieldError::InvalidDate));
    }

    #[test]
    fn a_stored_goal_reads_back_and_nonsense_does_not() {
        for goal in [Goal::Count(152), Goal::Percent(60)] {
            assert_eq!(
                Goal::from_stored(goal.kind(), i64::from(goal.value())),
                Some(goal)
            );
        }
        assert_eq!(Goal::from_stored("share", 0), None);
        assert_eq!(Goal::from_stored("share", 101), None);
        assert_eq!(Goal::from_stored("count", -1), None);
    }
}
