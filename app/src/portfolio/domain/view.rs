//! What the portfolio's pages and API show (DESIGN §4): a project's list row, the whole project
//! with its timeline and benefits, and the portfolio's summary. Built by the service.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::core::money::Nok;
use crate::portfolio::domain::benefit::{BenefitKind, Measurement};
use crate::portfolio::domain::project::{Discontinuation, PartnerKind};

pub use crate::core::named::Named;

/// A phase as shown: its key and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseRef {
    pub id: i32,
    pub key: String,
    pub name: String,
}

/// One row of the portfolio's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: i32,
    pub name: String,
    pub phase: PhaseRef,
    pub sector: Named,
    pub lead_site: Named,
    pub programme: Option<Named>,
    pub budget: Option<Nok>,
    pub started_on: Option<Date>,
    pub updated_at: OffsetDateTime,
}

/// One step of a project's timeline: a phase change with who, when and the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub from: Option<PhaseRef>,
    pub to: PhaseRef,
    pub note: String,
    pub by: Option<Named>,
    pub at: OffsetDateTime,
}

/// A partner of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i32,
    pub kind: PartnerKind,
    pub name: String,
}

/// A funding source of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    pub id: i32,
    pub source: String,
    pub amount: Nok,
}

/// A benefit with its measurements, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitView {
    pub id: i32,
    pub project_id: i32,
    pub kind: BenefitKind,
    pub description: String,
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    pub target_date: Option<Date>,
    pub responsible: Named,
    pub measurements: Vec<Measurement>,
}

impl BenefitView {
    /// The latest realised value (DESIGN §4).
    pub fn latest(&self) -> Option<Measurement> {
        crate::portfolio::domain::benefit::latest(&self.measurements)
    }
}

/// A whole project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectView {
    pub row: ProjectRow,
    pub description: String,
    pub owner: Named,
    pub idea_id: Option<i32>,
    pub members: Vec<Named>,
    pub sites: Vec<Named>,
    pub partners: Vec<Partner>,
    pub funding: Vec<Funding>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
    pub timeline: Vec<TimelineStep>,
    pub benefits: Vec<BenefitView>,
    pub discontinuations: Vec<Discontinuation>,
    /// Whether the acting user may change the project (its owner, a member or an admin).
    pub editable: bool,
}

/// Projects per phase or per sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count<T> {
    pub of: T,
    pub projects: u64,
}

/// Everything the portfolio page shows: what its filters choose from, and the page of
/// projects with its summary, or the filter's refusal (shown beside the filter form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioPage {
    pub roadmap: crate::portfolio::domain::phase::Roadmap,
    pub org: Vec<crate::org::domain::SectorWithSites>,
    pub programmes: Vec<Named>,
    pub listing: Result<
        (crate::core::paging::Paged<ProjectRow>, PortfolioSummary),
        crate::core::error::FieldErrors,
    >,
}

/// The portfolio's summary under a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioSummary {
    pub projects: u64,
    /// Every phase of the roadmap in order, with zero where none is.
    pub per_phase: Vec<Count<PhaseRef>>,
    /// Sectors with at least one project, by name.
    pub per_sector: Vec<Count<Named>>,
    /// The benefits' planned and realised gains per kind and unit, in the kinds' order
    /// (`benefit::totals_per_unit`): only units some benefit uses.
    pub benefits: Vec<crate::portfolio::domain::benefit::UnitTotals>,
}

/// A programme with the sums of its projects (DESIGN §4: "a programme page sums its
/// projects").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub id: i32,
    pub name: String,
    pub description: Option<String>,
    pub projects: u64,
    /// The sum of its projects' budgets.
    pub budget: Nok,
    /// The sum of its projects' funding sources.
    pub funding: Nok,
    /// Economic benefits: the planned gains and the gains realised against the baselines, in
    /// kroner (`benefit::planned_gain`, `benefit::realised_gain`).
    pub planned_gain_nok: i64,
    pub realised_gain_nok: i64,
}

/// An idea as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaRow {
    pub id: i32,
    pub title: String,
    pub status: crate::portfolio::domain::idea::IdeaStatus,
    pub site: Option<Named>,
    pub submitted_by: Named,
    pub supporters: u64,
    pub created_at: OffsetDateTime,
}

/// A comment on an idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub author: Named,
    pub body: String,
    pub at: OffsetDateTime,
}

/// A whole idea, as its page shows it to the acting user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaView {
    pub row: IdeaRow,
    pub problem: String,
    pub proposal: String,
    pub expected_gain: Option<String>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
    /// Why it was decided so (DESIGN §4: the submitter sees the reason).
    pub decision_reason: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    /// The project an accepted idea became.
    pub project_id: Option<i32>,
    pub comments: Vec<CommentView>,
    /// Whether the acting user supports it, may support it, and may assess it.
    pub supported_by_me: bool,
    pub may_support: bool,
    pub may_assess: bool,
}

/// A project's page (issue 25: a page asks once).
#[derive(Debug, Clone)]
pub struct ProjectPage {
    pub project: ProjectView,
    pub roadmap: crate::portfolio::domain::phase::Roadmap,
    /// What the forms of the project's owner and members choose from (none for others).
    pub forms: Option<ProjectForms>,
}

#[derive(Debug, Clone)]
pub struct ProjectForms {
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
    pub programmes: Vec<Named>,
}

/// The form for a new idea: the submitter's home site (chosen first) and the sites.
#[derive(Debug, Clone)]
pub struct NewIdeaPage {
    pub home_site_id: Option<i32>,
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
}

/// A programme's page: the programme with its sums, one page of its projects, their summary.
#[derive(Debug, Clone)]
pub struct ProgrammePage {
    pub programme: ProgrammeView,
    pub projects: crate::core::paging::Paged<ProjectRow>,
    pub summary: PortfolioSummary,
    /// The reader may change the programme (an administrator).
    pub manages: bool,
}

/// The parts of a project's page its owner and members change, each on a page of its own
/// behind one "Endre" (`/prosjekter/{id}/endre/{slug}`): the page itself stays short and
/// quick to read, and a form's page shows only what the form is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectSection {
    /// The facts: details, members, sites, partners and funding.
    Facts,
    /// The phase, on the timeline.
    Phase,
    /// Benefits and their measurements.
    Benefits,
    /// What the project lets the municipality stop doing.
    Discontinuations,
}

impl ProjectSection {
    pub const ALL: [Self; 4] = [
        Self::Facts,
        Self::Phase,
        Self::Benefits,
        Self::Discontinuations,
    ];

    /// The section's part of the address.
    pub const fn slug(self) -> &'static str {
        match self {
            Self::Facts => "fakta",
            Self::Phase => "fase",
            Self::Benefits => "gevinster",
            Self::Discontinuations => "avvikling",
        }
    }

    /// The section named by `slug`, if any.
    pub fn parse(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The page that changes this section of project `project_id`: where its forms are, and
    /// where an accepted form returns to.
    pub fn path(self, project_id: i32) -> String {
        format!("/prosjekter/{project_id}/endre/{}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::ProjectSection;

    #[test]
    fn a_section_is_found_by_its_slug_and_nothing_else_is() {
        for section in ProjectSection::ALL {
            assert_eq!(ProjectSection::parse(section.slug()), Some(section));
        }
        assert_eq!(ProjectSection::parse("Fakta"), None);
        assert_eq!(ProjectSection::parse(""), None);
        assert_eq!(
            ProjectSection::Benefits.path(7),
            "/prosjekter/7/endre/gevinster"
        );
    }
}
