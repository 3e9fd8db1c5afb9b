//! The portfolio's JSON bodies: amounts, filters, names, phases, projects, benefits and the
//! summary.

use crate::portfolio::domain::benefit::{BenefitForm, Measurement, UnitTotals};
use crate::portfolio::domain::view::{
    BenefitView, PhaseRef, PortfolioSummary, ProjectRow, ProjectView,
};
use crate::http::problem::refused;
use crate::portfolio::domain::idea::check_tag_list;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount or a value: a whole JSON number (the document states its bounds; the service
/// refuses a negative one or one too large, naming the field). Text such as "250 000" is the
/// forms' convenience, not the API's: a generated client sends numbers.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(transparent)]
pub struct Amount(i64);

impl Amount {
    pub(super) fn text(&self) -> String {
        self.0.to_string()
    }
}

/// Tags as a list, judged whole (`check_tag_list`): a bad one refuses the field.
pub(super) fn tag_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let tags = Vec::<String>::deserialize(d)?;
    check_tag_list(&tags).map_err(refused)?;
    Ok(tags)
}

/// [`tag_list`] for a patch: `null` or left out keeps the tags.
pub(super) fn optional_tag_list<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<String>>, D::Error> {
    let tags = Option::<Vec<String>>::deserialize(d)?;
    if let Some(tags) = &tags {
        check_tag_list(tags).map_err(refused)?;
    }
    Ok(tags)
}

pub(super) fn optional_text(amount: &Option<Amount>) -> String {
    amount.as_ref().map(Amount::text).unwrap_or_default()
}

/// A phase change.
#[derive(Deserialize, ToSchema)]
pub struct PhaseChangeBody {
    /// The phase's key; one step forward, one back (with a note), or `stoppet` (with lessons).
    #[schema(example = "utvikling_og_utproving")]
    pub to: String,
    #[serde(default)]
    pub note: String,
}

pub use crate::http::common::NamedBody;

/// A phase of the roadmap.
#[derive(Serialize, ToSchema)]
pub struct PhaseBody {
    pub id: i32,
    #[schema(example = "innsikt_og_ide")]
    pub key: String,
    pub name: String,
}

impl From<PhaseRef> for PhaseBody {
    fn from(p: PhaseRef) -> Self {
        Self {
            id: p.id,
            key: p.key,
            name: p.name,
        }
    }
}

/// A project as listed.
#[derive(Serialize, ToSchema)]
pub struct ProjectRowBody {
    pub id: i32,
    pub name: String,
    pub phase: PhaseBody,
    pub sector: NamedBody,
    pub lead_site: NamedBody,
    pub programme: Option<NamedBody>,
    /// Whole kroner.
    pub budget_nok: Option<i64>,
    #[schema(format = Date)]
    pub started_on: Option<String>,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

pub(super) use crate::core::timefmt::rfc3339;

impl From<ProjectRow> for ProjectRowBody {
    fn from(p: ProjectRow) -> Self {
        Self {
            id: p.id,
            name: p.name,
            phase: p.phase.into(),
            sector: p.sector.into(),
            lead_site: p.lead_site.into(),
            programme: p.programme.map(NamedBody::from),
            budget_nok: p.budget.map(|n| n.0),
            started_on: p.started_on.map(|d| d.to_string()),
            updated_at: rfc3339(p.updated_at),
        }
    }
}

/// A realised value of a benefit.
#[derive(Serialize, ToSchema)]
pub struct MeasurementBody {
    #[schema(format = Date)]
    pub measured_on: String,
    pub value: i64,
}

impl From<Measurement> for MeasurementBody {
    fn from(m: Measurement) -> Self {
        Self {
            measured_on: m.measured_on.to_string(),
            value: m.value,
        }
    }
}

/// A benefit (gevinst) with its measurements, oldest first.
#[derive(Serialize, ToSchema)]
pub struct BenefitBody {
    pub id: i32,
    pub project_id: i32,
    /// `economic` (kr), `hours`, `quality`, `climate` (kg CO2e) or `other`.
    pub kind: String,
    pub description: String,
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    #[schema(format = Date)]
    pub target_date: Option<String>,
    pub responsible: NamedBody,
    pub measurements: Vec<MeasurementBody>,
    /// The latest realised value.
    pub latest: Option<i64>,
}

impl From<BenefitView> for BenefitBody {
    fn from(b: BenefitView) -> Self {
        let latest = b.latest().map(|m| m.value);
        Self {
            id: b.id,
            project_id: b.project_id,
            kind: b.kind.as_str().to_owned(),
            description: b.description,
            unit: b.unit,
            baseline: b.baseline,
            target: b.target,
            target_date: b.target_date.map(|d| d.to_string()),
            responsible: b.responsible.into(),
            measurements: b.measurements.into_iter().map(Into::into).collect(),
            latest,
        }
    }
}

/// A step of a project's timeline.
#[derive(Serialize, ToSchema)]
pub struct StepBody {
    pub from: Option<PhaseBody>,
    pub to: PhaseBody,
    pub note: String,
    pub by: Option<NamedBody>,
    #[schema(format = DateTime)]
    pub at: String,
}

/// Something the project stops or replaces.
#[derive(Serialize, ToSchema)]
pub struct DiscontinuationBody {
    pub what: String,
    #[schema(format = Date)]
    pub from: String,
    pub yearly_saving_nok: Option<i64>,
}

/// A partner of a project.
#[derive(Serialize, ToSchema)]
pub struct PartnerBody {
    pub id: i32,
    /// `municipality`, `research`, `business`, `social_entrepreneur` or `volunteer`.
    pub kind: String,
    pub name: String,
}

/// A funding source of a project, in whole kroner.
#[derive(Serialize, ToSchema)]
pub struct FundingBody {
    pub id: i32,
    pub source: String,
    pub amount_nok: i64,
}

/// A whole project.
#[derive(Serialize, ToSchema)]
pub struct ProjectBody {
    #[serde(flatten)]
    pub row: ProjectRowBody,
    pub description: String,
    pub owner: NamedBody,
    pub idea_id: Option<i32>,
    pub members: Vec<NamedBody>,
    /// Participating sites besides the lead site.
    pub sites: Vec<NamedBody>,
    pub partners: Vec<PartnerBody>,
    pub funding: Vec<FundingBody>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
    pub timeline: Vec<StepBody>,
    pub benefits: Vec<BenefitBody>,
    pub discontinuations: Vec<DiscontinuationBody>,
    /// Whether the caller may change the project.
    pub editable: bool,
}

impl From<ProjectView> for ProjectBody {
    fn from(v: ProjectView) -> Self {
        Self {
            row: v.row.into(),
            description: v.description,
            owner: v.owner.into(),
            idea_id: v.idea_id,
            members: v.members.into_iter().map(Into::into).collect(),
            sites: v.sites.into_iter().map(Into::into).collect(),
            partners: v
                .partners
                .into_iter()
                .map(|p| PartnerBody {
                    id: p.id,
                    kind: p.kind.as_str().to_owned(),
                    name: p.name,
                })
                .collect(),
            funding: v
                .funding
                .into_iter()
                .map(|f| FundingBody {
                    id: f.id,
                    source: f.source,
                    amount_nok: f.amount.0,
                })
                .collect(),
            tags: v.tags,
            sdgs: v.sdgs,
            timeline: v
                .timeline
                .into_iter()
                .map(|s| StepBody {
                    from: s.from.map(Into::into),
                    to: s.to.into(),
                    note: s.note,
                    by: s.by.map(Into::into),
                    at: rfc3339(s.at),
                })
                .collect(),
            benefits: v.benefits.into_iter().map(Into::into).collect(),
            discontinuations: v
                .discontinuations
                .into_iter()
                .map(|d| DiscontinuationBody {
                    what: d.what,
                    from: d.from.to_string(),
                    yearly_saving_nok: d.yearly_saving.map(|n| n.0),
                })
                .collect(),
            editable: v.editable,
        }
    }
}

/// A new benefit. `unit` is needed for `quality` and `other`; the other kinds have theirs.
#[derive(Deserialize, ToSchema)]
pub struct NewBenefitBody {
    #[schema(example = "economic")]
    pub kind: String,
    pub description: String,
    #[serde(default)]
    pub unit: String,
    #[schema(value_type = i64)]
    pub baseline: Option<Amount>,
    #[schema(value_type = i64)]
    pub target: Option<Amount>,
    #[serde(default, deserialize_with = "crate::http::common::date_or_null")]
    #[schema(format = Date)]
    pub target_date: Option<String>,
    pub responsible_user_id: Option<i32>,
}

impl From<NewBenefitBody> for BenefitForm {
    fn from(b: NewBenefitBody) -> Self {
        Self {
            kind: b.kind,
            description: b.description,
            unit: b.unit,
            baseline: optional_text(&b.baseline),
            target: optional_text(&b.target),
            target_date: b.target_date.unwrap_or_default(),
            responsible_user_id: b
                .responsible_user_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        }
    }
}

/// A realised value, measured on a day not after today.
#[derive(Deserialize, ToSchema)]
pub struct NewMeasurementBody {
    #[schema(format = Date, example = "2026-11-30")]
    pub measured_on: String,
    #[schema(value_type = i64)]
    pub value: Option<Amount>,
}

/// Counts per phase or sector.
#[derive(Serialize, ToSchema)]
pub struct CountBody<T: ToSchema> {
    pub of: T,
    pub projects: u64,
}

/// The gains of the benefits in one kind and unit (values in different units are never
/// added together).
#[derive(Serialize, ToSchema)]
pub struct UnitSumBody {
    /// `economic`, `hours`, `quality`, `climate` or `other`.
    pub kind: String,
    /// `kr`, `timer`, `kg CO2e`, or the unit the benefits name.
    pub unit: String,
    pub benefits: u64,
    /// How many of them have been measured.
    pub measured: u64,
    /// The distances from the baselines to the targets, summed.
    pub planned_gain: i64,
    /// The latest measurements against the baselines, in each target's direction, summed
    /// (negative where a value moved the other way; nothing before a first measurement).
    pub realised_gain: i64,
}

impl From<UnitTotals> for UnitSumBody {
    fn from(k: UnitTotals) -> Self {
        Self {
            kind: k.kind.as_str().to_owned(),
            unit: k.unit,
            benefits: k.benefits,
            measured: k.measured,
            planned_gain: k.planned,
            realised_gain: k.realised,
        }
    }
}

/// The portfolio's summary under the filters.
#[derive(Serialize, ToSchema)]
pub struct SummaryBody {
    pub projects: u64,
    pub per_phase: Vec<CountBody<PhaseBody>>,
    pub per_sector: Vec<CountBody<NamedBody>>,
    pub benefits: Vec<UnitSumBody>,
}

impl From<PortfolioSummary> for SummaryBody {
    fn from(s: PortfolioSummary) -> Self {
        Self {
            projects: s.projects,
            per_phase: s
                .per_phase
                .into_iter()
                .map(|c| CountBody {
                    of: c.of.into(),
                    projects: c.projects,
                })
                .collect(),
            per_sector: s
                .per_sector
                .into_iter()
                .map(|c| CountBody {
                    of: c.of.into(),
                    projects: c.projects,
                })
                .collect(),
            benefits: s.benefits.into_iter().map(Into::into).collect(),
        }
    }
}

/// A project started directly. `lead_site_id` decides the sector.
#[derive(Deserialize, ToSchema)]
pub struct NewProjectBody {
    #[schema(example = "Sensorer i byggene")]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub lead_site_id: Option<i32>,
    pub programme_id: Option<i32>,
    /// Whole kroner.
    #[schema(value_type = Option<i64>)]
    pub budget: Option<Amount>,
    #[schema(format = Date)]
    #[serde(default, deserialize_with = "crate::http::common::date_or_null")]
    pub started_on: Option<String>,
    #[serde(default, deserialize_with = "tag_list")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sdgs: Vec<i64>,
}

impl From<NewProjectBody> for crate::portfolio::domain::project::ProjectForm {
    fn from(b: NewProjectBody) -> Self {
        let id = |v: Option<i32>| v.map(|id| id.to_string()).unwrap_or_default();
        Self {
            name: b.name,
            description: b.description,
            lead_site_id: id(b.lead_site_id),
            programme_id: id(b.programme_id),
            budget: optional_text(&b.budget),
            started_on: b.started_on.unwrap_or_default(),
            tags: b.tags.join(","),
            sdgs: b.sdgs.iter().map(i64::to_string).collect(),
        }
    }
}

/// A change to a project: only the fields present change; `null` clears `programme_id`,
/// `budget` or `started_on`.
#[derive(Deserialize, ToSchema)]
pub struct ProjectPatchBody {
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::common::present")]
    #[schema(value_type = Option<i32>)]
    pub programme_id: Option<Option<i32>>,
    #[serde(default, deserialize_with = "crate::http::common::present")]
    #[schema(value_type = Option<i64>)]
    pub budget: Option<Option<Amount>>,
    #[serde(default, deserialize_with = "crate::http::common::present_date")]
    #[schema(format = Date, value_type = Option<String>)]
    pub started_on: Option<Option<String>>,
    /// The whole new set of tags (`[]` removes them all).
    #[serde(default, deserialize_with = "optional_tag_list")]
    pub tags: Option<Vec<String>>,
    /// The whole new set of sustainable-development goals, 1–17.
    pub sdgs: Option<Vec<i64>>,
}

impl From<ProjectPatchBody> for crate::portfolio::domain::project::ProjectPatchForm {
    fn from(b: ProjectPatchBody) -> Self {
        // A cleared value is an empty text to the form's parser.
        let cleared = |v: Option<Option<String>>| v.map(Option::unwrap_or_default);
        Self {
            name: b.name,
            description: b.description,
            programme_id: cleared(b.programme_id.map(|p| p.map(|id| id.to_string()))),
            budget: cleared(b.budget.map(|a| a.map(|a| a.text()))),
            started_on: cleared(b.started_on),
            tags: b.tags.map(|tags| tags.join(",")),
            sdgs: b
                .sdgs
                .map(|goals| goals.iter().map(i64::to_string).collect()),
        }
    }
}
