//! LUP's JSON bodies: what clients send and what they get back.

use crate::lup::domain::coverage::Share;
use crate::lup::domain::forecast::Forecast;
use crate::lup::domain::view::{
    CohortRow, CohortView, CoverageView, GatheringView, GroupRow, GroupView, MemberView,
    SeriesPoint, TargetView,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::common::NamedBody;

/// A cohort (kull).
#[derive(Serialize, ToSchema)]
pub struct CohortBody {
    pub id: i32,
    pub name: String,
    #[schema(format = Date, value_type = String)]
    pub starts_on: String,
    #[schema(format = Date, value_type = String)]
    pub ends_on: String,
    /// How many groups it takes.
    pub capacity: u32,
    /// The least attendance (whole per cent) a group needs to complete, if any.
    pub min_attendance_percent: Option<u8>,
    /// Groups enrolled and not withdrawn.
    pub groups: u32,
    pub completed_groups: u32,
}

impl From<CohortRow> for CohortBody {
    fn from(c: CohortRow) -> Self {
        Self {
            id: c.id,
            name: c.name,
            starts_on: c.starts_on.to_string(),
            ends_on: c.ends_on.to_string(),
            capacity: c.capacity,
            min_attendance_percent: c.min_attendance_percent,
            groups: c.groups,
            completed_groups: c.completed_groups,
        }
    }
}

/// A cohort with its supervisors, gatherings and groups: a body of its own, so a key names one
/// thing (the list's `groups` count is `group_count` here, beside the groups themselves).
#[derive(Serialize, ToSchema)]
pub struct CohortDetailBody {
    pub id: i32,
    pub name: String,
    #[schema(format = Date, value_type = String)]
    pub starts_on: String,
    #[schema(format = Date, value_type = String)]
    pub ends_on: String,
    /// How many groups it takes.
    pub capacity: u32,
    /// The least attendance (whole per cent) a group needs to complete, if any.
    pub min_attendance_percent: Option<u8>,
    /// Groups enrolled and not withdrawn (of those the reader sees).
    pub group_count: u32,
    pub completed_groups: u32,
    pub supervisors: Vec<NamedBody>,
    pub gatherings: Vec<GatheringBody>,
    pub groups: Vec<GroupBody>,
}

impl From<CohortView> for CohortDetailBody {
    fn from(c: CohortView) -> Self {
        let row = c.row;
        Self {
            id: row.id,
            name: row.name,
            starts_on: row.starts_on.to_string(),
            ends_on: row.ends_on.to_string(),
            capacity: row.capacity,
            min_attendance_percent: row.min_attendance_percent,
            group_count: row.groups,
            completed_groups: row.completed_groups,
            supervisors: c.supervisors.into_iter().map(Into::into).collect(),
            gatherings: c.gatherings.into_iter().map(Into::into).collect(),
            groups: c.groups.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new cohort.
#[derive(Deserialize, ToSchema)]
pub struct NewCohortBody {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub starts_on: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub ends_on: String,
    /// How many groups it takes (1–500).
    #[schema(value_type = i64)]
    pub capacity: Option<serde_json::Number>,
    /// The least attendance (1–100 %) a group needs to complete; leave out for none.
    #[schema(value_type = Option<i64>)]
    pub min_attendance_percent: Option<serde_json::Number>,
    /// The supervisors' e-mail addresses (active users).
    #[serde(default, deserialize_with = "crate::http::common::email_list")]
    pub supervisors: Vec<String>,
}

impl From<NewCohortBody> for crate::lup::domain::cohort::CohortForm {
    fn from(b: NewCohortBody) -> Self {
        Self {
            name: b.name,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            capacity: b.capacity.map(|n| n.to_string()).unwrap_or_default(),
            min_attendance_percent: b
                .min_attendance_percent
                .map(|n| n.to_string())
                .unwrap_or_default(),
            supervisors: b.supervisors.join(","),
        }
    }
}

/// A gathering (samling).
#[derive(Serialize, ToSchema)]
pub struct GatheringBody {
    pub id: i32,
    pub cohort_id: i32,
    #[schema(format = Date, value_type = String)]
    pub held_on: String,
    pub theme: String,
    pub place: String,
    /// Open to every completed group.
    pub alumni: bool,
}

impl From<GatheringView> for GatheringBody {
    fn from(g: GatheringView) -> Self {
        Self {
            id: g.id,
            cohort_id: g.cohort_id,
            held_on: g.held_on.to_string(),
            theme: g.theme,
            place: g.place,
            alumni: g.alumni,
        }
    }
}

/// A new gathering: within the cohort's dates, or, for an alumni gathering, after it starts.
#[derive(Deserialize, ToSchema)]
pub struct NewGatheringBody {
    #[serde(default)]
    #[schema(format = Date)]
    pub held_on: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub alumni: bool,
}

impl From<NewGatheringBody> for crate::lup::domain::cohort::GatheringForm {
    fn from(b: NewGatheringBody) -> Self {
        Self {
            held_on: b.held_on,
            theme: b.theme,
            place: b.place,
            alumni: b.alumni,
        }
    }
}

/// A leader group in a list.
#[derive(Serialize, ToSchema)]
pub struct GroupBody {
    pub id: i32,
    pub cohort_id: i32,
    pub site: NamedBody,
    pub sector: NamedBody,
    /// `enrolled`, `in_progress`, `completed` or `withdrawn`.
    pub status: String,
    /// The day it completed or withdrew.
    #[schema(format = Date, value_type = Option<String>)]
    pub status_on: Option<String>,
    pub members: u32,
    /// Present member-gatherings of those held, whole per cent; null before any.
    pub attendance_percent: Option<u32>,
}

impl From<GroupRow> for GroupBody {
    fn from(g: GroupRow) -> Self {
        Self {
            id: g.id,
            cohort_id: g.cohort_id,
            site: g.site.into(),
            sector: g.sector.into(),
            status: g.status.as_str().to_owned(),
            status_on: g.status.date().map(|d| d.to_string()),
            members: g.members,
            attendance_percent: g.attendance_percent,
        }
    }
}

/// A member of a group: a user (leader or enthusiast) or a guest.
#[derive(Serialize, ToSchema)]
pub struct MemberBody {
    pub id: i32,
    /// `leader`, `enthusiast` or `guest`.
    pub role: String,
    pub user: Option<NamedBody>,
    pub guest_name: Option<String>,
    pub guest_organisation: Option<String>,
}

impl From<MemberView> for MemberBody {
    fn from(m: MemberView) -> Self {
        Self {
            id: m.id,
            role: m.role.as_str().to_owned(),
            user: m.user.map(Into::into),
            guest_name: m.guest_name,
            guest_organisation: m.guest_organisation,
        }
    }
}

/// One member's presence at one gathering.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct PresenceBody {
    pub gathering_id: i32,
    pub member_id: i32,
    pub present: bool,
}

/// A group whole: a body of its own, so a key names one thing (the list's `members` count is
/// `member_count` here, beside the members themselves).
#[derive(Serialize, ToSchema)]
pub struct GroupDetailBody {
    pub id: i32,
    pub site: NamedBody,
    pub sector: NamedBody,
    /// `enrolled`, `in_progress`, `completed` or `withdrawn`.
    pub status: String,
    /// The day it completed or withdrew.
    #[schema(format = Date, value_type = Option<String>)]
    pub status_on: Option<String>,
    pub member_count: u32,
    /// Present member-gatherings of those held, whole per cent; null before any.
    pub attendance_percent: Option<u32>,
    pub cohort: NamedBody,
    pub withdrawn_reason: Option<String>,
    /// The portfolio project its development task became, if linked.
    pub project: Option<NamedBody>,
    pub members: Vec<MemberBody>,
    pub gatherings: Vec<GatheringBody>,
    pub attendance: Vec<PresenceBody>,
}

impl From<GroupView> for GroupDetailBody {
    fn from(g: GroupView) -> Self {
        let row = g.row;
        Self {
            id: row.id,
            site: row.site.into(),
            sector: row.sector.into(),
            status: row.status.as_str().to_owned(),
            status_on: row.status.date().map(|d| d.to_string()),
            member_count: row.members,
            attendance_percent: row.attendance_percent,
            cohort: g.cohort.into(),
            withdrawn_reason: g.withdrawn_reason,
            project: g.project.map(Into::into),
            members: g.members.into_iter().map(Into::into).collect(),
            gatherings: g.gatherings.into_iter().map(Into::into).collect(),
            attendance: g
                .attendance
                .into_iter()
                .map(|a| PresenceBody {
                    gathering_id: a.gathering_id,
                    member_id: a.member_id,
                    present: a.present,
                })
                .collect(),
        }
    }
}

/// Coverage on a date: active and covered sites, overall and per sector.
#[derive(Serialize, ToSchema)]
pub struct CoverageBody {
    #[schema(format = Date, value_type = String)]
    pub date: String,
    pub active_sites: u32,
    pub covered_sites: u32,
    /// covered / active (0 when no site is active).
    pub share: f64,
    /// Leader groups completed on or before the date.
    pub completed_groups: u32,
    pub by_sector: Vec<SectorCoverageBody>,
}

#[derive(Serialize, ToSchema)]
pub struct SectorCoverageBody {
    pub sector_id: i32,
    pub name: String,
    pub active_sites: u32,
    pub covered_sites: u32,
    pub share: f64,
}

/// When a number of covered sites is reached at today's pace (issue 32).
#[derive(Serialize, ToSchema)]
pub struct ForecastBody {
    /// The day the forecast is made on.
    #[schema(format = Date, value_type = String)]
    pub date: String,
    pub covered_sites: u32,
    pub active_sites: u32,
    /// The covered sites asked for.
    pub target_sites: u32,
    /// Whether `target_sites` are covered on `date`.
    pub met: bool,
    /// Where the pace is measured from: twelve months before `date`, or the day before the
    /// first completion where that is more recent (at least a month before `date`).
    #[schema(format = Date, value_type = String)]
    pub window_from: String,
    /// Covered sites gained per calendar month since `window_from`, net of covered sites
    /// that closed; two decimals.
    pub pace_per_month: f64,
    /// When the target is reached at that pace: `date` when met, null when the pace does not
    /// reach it (zero or negative, or beyond a century).
    #[schema(format = Date, value_type = Option<String>)]
    pub reached_on: Option<String>,
    /// The pace it takes to reach the target by `due_on`: 0 when met, null without `due_on`
    /// or when it is not after `date`; two decimals.
    pub needed_pace_per_month: Option<f64>,
    /// The reach dates at the fastest and slowest six-month paces since `window_from`.
    pub range: ReachRangeBody,
}

#[derive(Serialize, ToSchema)]
pub struct ReachRangeBody {
    /// At the fastest six-month pace.
    #[schema(format = Date, value_type = Option<String>)]
    pub earliest: Option<String>,
    /// At the slowest six-month pace (null: at that pace, never).
    #[schema(format = Date, value_type = Option<String>)]
    pub latest: Option<String>,
}

/// A pace for JSON: two decimals.
fn two_decimals(pace: f64) -> f64 {
    let rounded = (pace * 100.0).round() / 100.0;
    // −0.0 is 0.
    if rounded == 0.0 { 0.0 } else { rounded }
}

impl From<Forecast> for ForecastBody {
    fn from(f: Forecast) -> Self {
        Self {
            date: f.date.to_string(),
            covered_sites: f.share.covered,
            active_sites: f.share.active,
            target_sites: f.needed,
            met: f.met,
            window_from: f.window_from.to_string(),
            pace_per_month: two_decimals(f.pace),
            reached_on: f.reached_on.map(|d| d.to_string()),
            needed_pace_per_month: f.needed_pace.map(two_decimals),
            range: ReachRangeBody {
                earliest: f.range.earliest.map(|d| d.to_string()),
                latest: f.range.latest.map(|d| d.to_string()),
            },
        }
    }
}

impl From<CoverageView> for CoverageBody {
    fn from(c: CoverageView) -> Self {
        Self {
            date: c.date.to_string(),
            active_sites: c.share.active,
            covered_sites: c.share.covered,
            share: c.share.ratio(),
            completed_groups: c.completed_groups,
            by_sector: c
                .by_sector
                .into_iter()
                .map(|s| SectorCoverageBody {
                    sector_id: s.sector.id,
                    name: s.sector.name,
                    active_sites: s.share.active,
                    covered_sites: s.share.covered,
                    share: s.share.ratio(),
                })
                .collect(),
        }
    }
}

/// One point of the coverage series.
#[derive(Serialize, ToSchema)]
pub struct SeriesPointBody {
    #[schema(format = Date, value_type = String)]
    pub date: String,
    pub active_sites: u32,
    pub covered_sites: u32,
    pub share: f64,
    pub completed_groups: u32,
}

impl From<SeriesPoint> for SeriesPointBody {
    fn from(p: SeriesPoint) -> Self {
        Self {
            date: p.date.to_string(),
            active_sites: p.share.active,
            covered_sites: p.share.covered,
            share: p.share.ratio(),
            completed_groups: p.completed_groups,
        }
    }
}

/// A coverage target and how it stands.
#[derive(Serialize, ToSchema)]
pub struct TargetBody {
    pub id: i32,
    /// `count` (sites) or `share` (whole per cent of the active sites).
    pub kind: String,
    pub value: u32,
    /// Null: the whole organisation.
    pub sector: Option<NamedBody>,
    #[schema(format = Date, value_type = String)]
    pub due_on: String,
    /// Sites needed on its date (today, if not yet due).
    pub needed_sites: u32,
    pub active_sites: u32,
    pub covered_sites: u32,
    pub met: bool,
}

impl From<TargetView> for TargetBody {
    fn from(t: TargetView) -> Self {
        let Share { covered, active } = t.share;
        Self {
            id: t.id,
            kind: t.goal.kind().to_owned(),
            value: t.goal.value(),
            sector: t.sector.map(Into::into),
            due_on: t.due_on.to_string(),
            needed_sites: t.needed,
            active_sites: active,
            covered_sites: covered,
            met: t.met,
        }
    }
}

/// A new target.
#[derive(Deserialize, ToSchema)]
pub struct NewTargetBody {
    /// `count` or `share`.
    #[serde(default)]
    pub kind: String,
    /// Sites (count) or whole per cent (share, 1–100).
    #[schema(value_type = i64)]
    pub value: Option<serde_json::Number>,
    /// Leave out for the whole organisation.
    pub sector_id: Option<i32>,
    #[serde(default)]
    #[schema(format = Date)]
    pub due_on: String,
}

impl From<NewTargetBody> for crate::lup::domain::target::TargetForm {
    fn from(b: NewTargetBody) -> Self {
        Self {
            kind: b.kind,
            value: b.value.map(|n| n.to_string()).unwrap_or_default(),
            sector_id: b.sector_id.map(|id| id.to_string()).unwrap_or_default(),
            due_on: b.due_on,
        }
    }
}
