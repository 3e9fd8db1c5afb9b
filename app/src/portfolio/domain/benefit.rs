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
                errors.insert("measured_on".into(), FieldError::InvalidDate);
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

/// Per kind: the sum of the targets and the sum of the latest realised values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTotals {
    pub benefits: u64,
    pub targeted: i64,
    pub realised: i64,
}

/// The portfolio's benefits summed per kind (issue 12's summary): each benefit adds its target
/// and its latest realised value (nothing before its first measurement). Sums saturate.
pub fn totals_per_kind<'a>(
    benefits: impl IntoIterator<Item = (BenefitKind, i64, &'a [Measurement])>,
) -> BTreeMap<BenefitKind, KindTotals> {
    let mut totals: BTreeMap<BenefitKind, KindTotals> = BTreeMap::new();
    for (kind, target, measurements) in benefits {
        let entry = totals.entry(kind).or_default();
        entry.benefits += 1;
        entry.targeted = entry.targeted.saturating_add(target);
        if let Some(m) = latest(measurements) {
            entry.realised = entry.realised.saturating_add(m.value);
        }
    }
    totals
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
        assert_eq!(errors.get("measured_on"), Some(&FieldError::InvalidDate));
        assert_eq!(errors.get("value"), Some(&FieldError::InvalidNumber));
    }

    #[test]
    fn the_summary_adds_targets_and_the_latest_realised_values_per_kind() {
        let m = |d: Date, v| Measurement {
            measured_on: d,
            value: v,
        };
        let first = [
            m(date!(2026 - 01 - 01), 100),
            m(date!(2026 - 06 - 01), 300),
            m(date!(2026 - 03 - 01), 900),
        ];
        let second = [m(date!(2026 - 05 - 01), 50), m(date!(2026 - 05 - 01), 70)];
        let none: [Measurement; 0] = [];
        let totals = totals_per_kind([
            (BenefitKind::Economic, 1_000, &first[..]),
            (BenefitKind::Economic, 500, &second[..]),
            (BenefitKind::Hours, 40, &none[..]),
        ]);
        assert_eq!(
            totals[&BenefitKind::Economic],
            KindTotals {
                benefits: 2,
                targeted: 1_500,
                realised: 300 + 70
            }
        );
        assert_eq!(
            totals[&BenefitKind::Hours],
            KindTotals {
                benefits: 1,
                targeted: 40,
                realised: 0
            }
        );
        assert!(!totals.contains_key(&BenefitKind::Climate));
        let huge = totals_per_kind([
            (BenefitKind::Other, i64::MAX, &none[..]),
            (BenefitKind::Other, 1, &none[..]),
        ]);
        assert_eq!(huge[&BenefitKind::Other].targeted, i64::MAX);
    }
}
