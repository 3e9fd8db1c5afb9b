//! Benefits (gevinster) after the national guidance on benefits realisation (DESIGN §4): a
//! kind, a baseline (nullpunkt), a target with a date, dated realised values and one person
//! responsible. Values are whole numbers in the benefit's unit; money is whole kroner.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, parse_date, parse_name, parse_optional_date};

/// Longest unit (`timer per år`, `kg CO2e`, `andel fornøyde`).
pub const MAX_UNIT_CHARS: usize = 40;
/// Longest description of a benefit.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// Largest value of a benefit in any unit.
pub const MAX_VALUE: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitKind {
    /// Kroner saved or earned.
    Economic,
    /// Hours freed.
    Hours,
    /// A quality indicator (satisfaction, waiting time, errors).
    Quality,
    /// Kilograms of CO2 equivalents avoided.
    Climate,
    Other,
}

impl BenefitKind {
    pub const ALL: [BenefitKind; 5] = [
        BenefitKind::Economic,
        BenefitKind::Hours,
        BenefitKind::Quality,
        BenefitKind::Climate,
        BenefitKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BenefitKind::Economic => "economic",
            BenefitKind::Hours => "hours",
            BenefitKind::Quality => "quality",
            BenefitKind::Climate => "climate",
            BenefitKind::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<BenefitKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The unit a kind is always measured in; `None` where the benefit names its own.
    pub fn fixed_unit(self) -> Option<&'static str> {
        match self {
            BenefitKind::Economic => Some("kr"),
            BenefitKind::Hours => Some("timer"),
            BenefitKind::Climate => Some("kg CO2e"),
            BenefitKind::Quality | BenefitKind::Other => None,
        }
    }
}

/// A whole number in a benefit's unit, as typed: spaces between thousands allowed, negative
/// values and decimals refused (a drop is a target lower than the baseline, not a negative).
pub fn parse_value(raw: &str) -> Result<i64, FieldError> {
    crate::core::money::Nok::parse(raw).and_then(|n| {
        if n.0 > MAX_VALUE {
            Err(FieldError::OutOfRange)
        } else {
            Ok(n.0)
        }
    })
}

/// A new benefit of a project, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBenefit {
    pub kind: BenefitKind,
    pub description: String,
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    pub target_date: Option<Date>,
    pub responsible_user_id: i32,
}

crate::parsed_input!(NewBenefit);

/// The benefit form (or API body) as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitForm {
    pub kind: String,
    pub description: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub target_date: String,
    pub responsible_user_id: String,
}

impl Input for BenefitForm {
    type Parsed = NewBenefit;
    fn parse(self) -> Result<NewBenefit, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut put = |field: &str, e: FieldError| {
            errors.insert(field.to_owned(), e);
        };
        let kind = BenefitKind::parse(self.kind.trim());
        if kind.is_none() {
            put("kind", FieldError::InvalidChoice);
        }
        let description = parse_name(&self.description, MAX_DESCRIPTION_CHARS)
            .map_err(|e| put("description", e))
            .ok();
        // A kind with a fixed unit takes it; the others must name theirs.
        let unit = match kind.and_then(BenefitKind::fixed_unit) {
            // The kind's unit wins; one given anyway is still read as text, so a control
            // character or an overlong unit is refused, not passed over.
            Some(unit) => {
                if let Err(e) = crate::core::parse::parse_optional_text(&self.unit, MAX_UNIT_CHARS) {
                    put("unit", e);
                }
                Some(unit.to_owned())
            }
            None => parse_name(&self.unit, MAX_UNIT_CHARS)
                .map_err(|e| put("unit", e))
                .ok(),
        };
        let baseline = parse_value(&self.baseline)
            .map_err(|e| put("baseline", e))
            .ok();
        let target = parse_value(&self.target).map_err(|e| put("target", e)).ok();
        let target_date = parse_optional_date(&self.target_date)
            .map_err(|e| put("target_date", e))
            .ok()
            .flatten();
        let responsible = crate::core::parse::parse_optional_id(&self.responsible_user_id)
            .map_err(|e| put("responsible_user_id", e))
            .ok()
            .flatten();
        if responsible.is_none() && !errors.contains_key("responsible_user_id") {
            errors.insert("responsible_user_id".into(), FieldError::Required);
        }
        match (kind, description, unit, baseline, target, responsible) {
            (
                Some(kind),
                Some(description),
                Some(unit),
                Some(baseline),
                Some(target),
                Some(who),
            ) if errors.is_empty() => Ok(NewBenefit {
                kind,
                description,
                unit,
                baseline,
                target,
                target_date,
                responsible_user_id: who,
            }),
            _ => Err(errors),
        }
    }
}

/// A realised value measured on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    pub measured_on: Date,
    pub value: i64,
}

impl Measurement {
    /// A measurement as typed; a date after `today` is refused (it has not been measured yet).
    pub fn parse(measured_on: &str, value: &str, today: Date) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let date = match parse_date(measured_on) {
            Ok(date) if date > today => {
                errors.insert("measured_on".into(), FieldError::FutureDate);
                None
            }
            Ok(date) => Some(date),
            Err(e) => {
                errors.insert("measured_on".into(), e);
                None
            }
        };
        let value = parse_value(value)
            .map_err(|e| errors.insert("value".into(), e))
            .ok();
        match (date, value) {
            (Some(measured_on), Some(value)) => Ok(Self { measured_on, value }),
            _ => Err(errors),
        }
    }
}

/// The latest of a benefit's measurements (the last one entered wins a tie of dates).
pub fn latest(measurements: &[Measurement]) -> Option<Measurement> {
    measurements
        .iter()
        .enumerate()
        .max_by_key(|(i, m)| (m.measured_on, *i))
        .map(|(_, m)| *m)
}

/// Which way a benefit is a gain: up (more hours freed, higher satisfaction) or down (lower
/// costs, shorter waits). Read from the plan: a target below the baseline is a cut; a target
/// at or above it is growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub fn of(baseline: i64, target: i64) -> Direction {
        if target < baseline {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    }
}

/// The gain a benefit plans: how far its target lies from its baseline, in its direction
/// (a cost cut from 120 000 to 20 000 plans a gain of 100 000).
pub fn planned_gain(baseline: i64, target: i64) -> i64 {
    target.saturating_sub(baseline).saturating_abs()
}

/// The gain a value realises against the baseline, in the benefit's direction: positive when
/// it moved the planned way, negative when it moved the other (a cost cut from 120 000 whose
/// latest measurement is 20 000 has realised 100 000; one measured at 130 000, -10 000).
pub fn realised_gain(baseline: i64, target: i64, value: i64) -> i64 {
    match Direction::of(baseline, target) {
        Direction::Increase => value.saturating_sub(baseline),
        Direction::Decrease => baseline.saturating_sub(value),
    }
}

/// One benefit's plan and latest measurement, as the sums read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned<'a> {
    pub kind: BenefitKind,
    pub unit: &'a str,
    pub baseline: i64,
    pub target: i64,
    pub latest: Option<i64>,
}

/// The gains of the benefits measured in one unit: how many, how many have been measured,
/// their planned gains summed and their realised gains summed (a benefit not yet measured
/// has realised nothing). Values in different units are never added together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitTotals {
    pub kind: BenefitKind,
    pub unit: String,
    pub benefits: u64,
    pub measured: u64,
    pub planned: i64,
    pub realised: i64,
}

/// The benefits' gains summed per kind and unit (DESIGN §4: benefits targeted vs realised),
/// in the kinds' order and then by unit. Sums saturate.
pub fn totals_per_unit<'a>(benefits: impl IntoIterator<Item = Planned<'a>>) -> Vec<UnitTotals> {
    let mut totals: BTreeMap<(BenefitKind, &'a str), UnitTotals> = BTreeMap::new();
    for b in benefits {
        let entry = totals
            .entry((b.kind, b.unit))
            .or_insert_with(|| UnitTotals {
                kind: b.kind,
                unit: b.unit.to_owned(),
                benefits: 0,
                measured: 0,
                planned: 0,
                realised: 0,
            });
        entry.benefits += 1;
        entry.planned = entry.planned.saturating_add(planned_gain(b.baseline, b.target));
        if let Some(value) = b.latest {
            entry.measured += 1;
            entry.realised = entry
                .realised
                .saturating_add(realised_gain(b.baseline, b.target, value));
        }
    }
    totals.into_values().collect()
}

/// The totals of the kroner (the economic kind's one unit), zero where there are none.
pub fn kroner(totals: &[UnitTotals]) -> UnitTotals {
    totals
        .iter()
        .find(|t| t.kind == BenefitKind::Economic)
        .cloned()
        .unwrap_or(UnitTotals {
            kind: BenefitKind::Economic,
            unit: "kr".to_owned(),
            benefits: 0,
            measured: 0,
            planned: 0,
            realised: 0,
        })
}

/// A measurement as typed or sent: its date and value, judged by [`Measurement::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasurementText {
    pub measured_on: String,
    pub value: String,
}

crate::parsed_input!(MeasurementText);

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn form() -> BenefitForm {
        BenefitForm {
            kind: "economic".into(),
            description: "Færre manuelle registreringer".into(),
            unit: String::new(),
            baseline: "0".into(),
            target: "250 000".into(),
            target_date: "2027-12-31".into(),
            responsible_user_id: "4".into(),
        }
    }

    #[test]
    fn an_economic_benefit_is_in_whole_kroner() {
        let b = form().parse().unwrap();
        assert_eq!(
            (b.kind, b.unit.as_str(), b.target),
            (BenefitKind::Economic, "kr", 250_000)
        );
        assert_eq!(b.target_date, Some(date!(2027 - 12 - 31)));
    }

    #[test]
    fn a_quality_benefit_needs_its_unit_and_amounts_are_whole_and_positive() {
        let quality = BenefitForm {
            kind: "quality".into(),
            ..form()
        };
        assert_eq!(
            quality.parse().unwrap_err().get("unit"),
            Some(&FieldError::Required)
        );
        let bad = BenefitForm {
            kind: "penger".into(),
            baseline: "-5".into(),
            target: "12,5".into(),
            responsible_user_id: String::new(),
            ..form()
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.get("kind"), Some(&FieldError::InvalidChoice));
        assert_eq!(errors.get("baseline"), Some(&FieldError::InvalidNumber));
        assert_eq!(errors.get("target"), Some(&FieldError::InvalidNumber));
        assert_eq!(
            errors.get("responsible_user_id"),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn a_measurement_cannot_be_from_the_future() {
        let today = date!(2026 - 12 - 02);
        assert_eq!(
            Measurement::parse("2026-11-30", "1 200", today),
            Ok(Measurement {
                measured_on: date!(2026 - 11 - 30),
                value: 1_200
            })
        );
        let errors = Measurement::parse("2026-12-03", "x", today).unwrap_err();
        assert_eq!(errors.get("measured_on"), Some(&FieldError::FutureDate));
        assert_eq!(errors.get("value"), Some(&FieldError::InvalidNumber));
    }

    #[test]
    fn a_gain_is_measured_from_the_baseline_in_the_plans_direction() {
        // A cost cut from 120 000 to 20 000 plans 100 000; measured at 20 000 it has realised
        // all of it, at 70 000 half, at 130 000 it has lost 10 000.
        assert_eq!(Direction::of(120_000, 20_000), Direction::Decrease);
        assert_eq!(planned_gain(120_000, 20_000), 100_000);
        assert_eq!(realised_gain(120_000, 20_000, 20_000), 100_000);
        assert_eq!(realised_gain(120_000, 20_000, 70_000), 50_000);
        assert_eq!(realised_gain(120_000, 20_000, 130_000), -10_000);
        // Satisfaction from 70 to 85: 15 planned; measured at 80, 10 realised.
        assert_eq!(Direction::of(70, 85), Direction::Increase);
        assert_eq!(planned_gain(70, 85), 15);
        assert_eq!(realised_gain(70, 85, 80), 10);
        assert_eq!(realised_gain(70, 85, 60), -10);
        // A target equal to the baseline plans nothing and counts growth as gain.
        assert_eq!(planned_gain(5, 5), 0);
        assert_eq!(realised_gain(5, 5, 7), 2);
        // Nothing overflows.
        assert_eq!(planned_gain(0, i64::MAX), i64::MAX);
        assert_eq!(realised_gain(i64::MAX, 0, i64::MIN), i64::MAX);
    }

    #[test]
    fn gains_are_summed_per_unit_and_never_across_units() {
        let b = |kind, unit, baseline, target, latest| Planned {
            kind,
            unit,
            baseline,
            target,
            latest,
        };
        let totals = totals_per_unit([
            // Two cost cuts and one income in kroner.
            b(BenefitKind::Economic, "kr", 120_000, 20_000, Some(20_000)),
            b(BenefitKind::Economic, "kr", 50_000, 40_000, None),
            b(BenefitKind::Economic, "kr", 0, 30_000, Some(12_000)),
            // Quality in two units: percent and errors a year.
            b(BenefitKind::Quality, "prosent", 70, 85, Some(80)),
            b(BenefitKind::Quality, "avvik per år", 40, 10, Some(25)),
            b(BenefitKind::Quality, "prosent", 60, 90, Some(55)),
            b(BenefitKind::Hours, "timer", 0, 600, None),
        ]);
        let row = |kind, unit: &str| {
            totals
                .iter()
                .find(|t| t.kind == kind && t.unit == unit)
                .cloned()
                .unwrap()
        };
        let kr = row(BenefitKind::Economic, "kr");
        assert_eq!((kr.benefits, kr.measured), (3, 2));
        assert_eq!(kr.planned, 100_000 + 10_000 + 30_000);
        assert_eq!(kr.realised, 100_000 + 12_000);
        assert_eq!(kroner(&totals), kr);
        let percent = row(BenefitKind::Quality, "prosent");
        assert_eq!((percent.planned, percent.realised), (15 + 30, 10 - 5));
        let errors = row(BenefitKind::Quality, "avvik per år");
        assert_eq!((errors.planned, errors.realised), (30, 15));
        let hours = row(BenefitKind::Hours, "timer");
        assert_eq!((hours.benefits, hours.measured, hours.realised), (1, 0, 0));
        // The kinds' order, then the unit's.
        let order: Vec<(BenefitKind, &str)> =
            totals.iter().map(|t| (t.kind, t.unit.as_str())).collect();
        assert_eq!(
            order,
            [
                (BenefitKind::Economic, "kr"),
                (BenefitKind::Hours, "timer"),
                (BenefitKind::Quality, "avvik per år"),
                (BenefitKind::Quality, "prosent"),
            ]
        );
        assert_eq!(kroner(&[]).planned, 0);
        let huge = totals_per_unit([
            b(BenefitKind::Other, "x", 0, i64::MAX, None),
            b(BenefitKind::Other, "x", 0, 1, None),
        ]);
        assert_eq!(huge[0].planned, i64::MAX);
    }
}
