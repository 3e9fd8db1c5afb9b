//! What LUP's service gives its pages and the REST API: cohorts, groups, coverage and the
//! lists of sites by status.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::lup::domain::coverage::Share;
use crate::lup::domain::group::GroupStatus;
use crate::lup::domain::member::MemberRole;
use crate::lup::domain::target::Goal;

/// Something with an id and a name (a user, a site, a sector, a project): the portfolio's.
pub use crate::core::named::Named;

/// A cohort in the list: its dates and how full it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortRow {
    pub id: i32,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: u32,
    pub min_attendance_percent: Option<u8>,
    /// Groups enrolled (not withdrawn).
    pub groups: u32,
    pub completed_groups: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatheringView {
    pub id: i32,
    pub cohort_id: i32,
    pub held_on: Date,
    pub theme: String,
    pub place: String,
    pub alumni: bool,
}

/// A group in a cohort's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: i32,
    pub cohort_id: i32,
    pub site: Named,
    pub sector: Named,
    pub status: GroupStatus,
    pub members: u32,
    /// Present member-gatherings of the possible ones, in whole per cent; `None` before any.
    pub attendance_percent: Option<u32>,
}

/// A cohort with its supervisors, gatherings and groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortView {
    pub row: CohortRow,
    pub supervisors: Vec<Named>,
    pub gatherings: Vec<GatheringView>,
    pub groups: Vec<GroupRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: i32,
    /// The user, for a leader or an enthusiast.
    pub user: Option<Named>,
    pub guest_name: Option<String>,
    pub guest_organisation: Option<String>,
    pub role: MemberRole,
}

impl MemberView {
    /// The name to show: the user's, or the guest's with their organisation.
    pub fn display_name(&self) -> String {
        match (&self.user, &self.guest_name, &self.guest_organisation) {
            (Some(user), _, _) => user.name.clone(),
            (None, Some(name), Some(org)) => format!("{name} ({org})"),
            (None, Some(name), None) => name.clone(),
            (None, None, _) => String::new(),
        }
    }
}

/// One member's presence at one gathering (`None`: not recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub gathering_id: i32,
    pub member_id: i32,
    pub present: bool,
}

/// A group whole: its members, the cohort's gatherings and who was at each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub row: GroupRow,
    pub cohort: Named,
    pub cohort_starts_on: Date,
    pub withdrawn_reason: Option<String>,
    pub project: Option<Named>,
    pub members: Vec<MemberView>,
    pub gatherings: Vec<GatheringView>,
    pub attendance: Vec<Presence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorShare {
    pub sector: Named,
    pub share: Share,
}

/// Coverage on a date as the dashboard and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageView {
    pub date: Date,
    pub share: Share,
    pub completed_groups: u32,
    pub by_sector: Vec<SectorShare>,
}

/// One point of the coverage series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub date: Date,
    pub share: Share,
    pub completed_groups: u32,
}

/// Where a site stands with LUP on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStanding {
    /// At least one completed group.
    Covered,
    /// A group enrolled or in progress, none completed.
    InProgress,
    /// No group yet (or only withdrawn ones).
    NotStarted,
}

impl SiteStanding {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Covered => "covered",
            Self::InProgress => "in_progress",
            Self::NotStarted => "not_started",
        }
    }
}

/// An active site's standing, for the dashboard's lists and the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRow {
    pub site: Named,
    pub sector: Named,
    pub standing: SiteStanding,
    /// The last completion, if covered.
    pub completed_on: Option<Date>,
    /// Covered, but none of the site's current leaders was in a completed group.
    pub leader_turnover: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    pub id: i32,
    pub goal: Goal,
    /// `None`: the whole organisation.
    pub sector: Option<Named>,
    pub due_on: Date,
    /// Sites needed when it is due (or today, if the date has not come): from the active
    /// sites then.
    pub needed: u32,
    /// Coverage on its date (or today, if the date has not come).
    pub share: Share,
    pub met: bool,
    /// When it is reached at today's pace, and the pace it takes (issue 32).
    pub forecast: crate::lup::domain::forecast::Forecast,
}

/// The dashboard whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub coverage: CoverageView,
    pub series: Vec<SeriesPoint>,
    pub targets: Vec<TargetView>,
    pub sites: Vec<SiteRow>,
    /// Whether the viewer sees the whole organisation (admins, LUP coordinators).
    pub everything: bool,
}

/// A LUP page's model (issue 25: a page asks once): what it shows, whether the reader may
/// change LUP (the page shows its forms then), and the organisation for a form that picks a
/// site or sector (empty when the reader may not change LUP or the page has no such form).
#[derive(Debug, Clone)]
pub struct LupPage<T> {
    pub model: T,
    pub manages: bool,
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
}
