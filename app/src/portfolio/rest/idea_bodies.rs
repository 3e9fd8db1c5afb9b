//! The JSON bodies of ideas.

use crate::portfolio::domain::idea::IdeaRecord;
use crate::portfolio::domain::view::{IdeaRow, IdeaView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::bodies::{NamedBody, rfc3339};

/// A new idea.
#[derive(Deserialize, ToSchema)]
pub struct NewIdeaBody {
    #[schema(example = "Digital innsjekk i barnehagen")]
    pub title: String,
    /// Who has the problem, and how we know.
    pub problem: String,
    pub proposal: String,
    #[serde(default)]
    pub expected_gain: String,
    pub site_id: Option<i32>,
    #[serde(default, deserialize_with = "super::bodies::tag_list")]
    pub tags: Vec<String>,
    /// Sustainable-development goals, 1–17.
    #[serde(default)]
    pub sdgs: Vec<i64>,
}

/// An idea and where it stands.
#[derive(Serialize, ToSchema)]
pub struct IdeaBody {
    pub id: i32,
    pub title: String,
    /// `submitted`, `under_assessment`, `accepted`, `parked` or `declined`.
    pub status: String,
    pub site_id: Option<i32>,
    pub submitted_by: i32,
    /// Why it was decided so; the submitter sees it.
    pub decision_reason: Option<String>,
    /// The project an accepted idea became.
    pub project_id: Option<i32>,
}

impl From<IdeaRecord> for IdeaBody {
    fn from(i: IdeaRecord) -> Self {
        Self {
            id: i.id,
            title: i.title,
            status: i.status.as_str().to_owned(),
            site_id: i.site_id,
            submitted_by: i.submitted_by,
            decision_reason: i.decision_reason,
            project_id: i.project_id,
        }
    }
}

/// Ideas of one status, one page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdeaParams {
    /// `submitted`, `under_assessment`, `accepted`, `parked` or `declined`.
    pub status: Option<String>,
    /// Items per page, 1–200 (default 50); outside that a 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// How many items to skip, at most 1 000 000 000 (default 0); past that a 422.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
}

/// An idea as listed.
#[derive(Serialize, ToSchema)]
pub struct IdeaRowBody {
    pub id: i32,
    pub title: String,
    pub status: String,
    pub site: Option<NamedBody>,
    pub submitted_by: NamedBody,
    pub supporters: u64,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<IdeaRow> for IdeaRowBody {
    fn from(i: IdeaRow) -> Self {
        Self {
            id: i.id,
            title: i.title,
            status: i.status.as_str().to_owned(),
            site: i.site.map(Into::into),
            submitted_by: i.submitted_by.into(),
            supporters: i.supporters,
            created_at: rfc3339(i.created_at),
        }
    }
}

/// A comment on an idea.
#[derive(Serialize, ToSchema)]
pub struct CommentBody {
    pub author: NamedBody,
    pub body: String,
    #[schema(format = DateTime)]
    pub at: String,
}

/// A whole idea: its text, the reason of its last decision, its comments.
#[derive(Serialize, ToSchema)]
pub struct IdeaViewBody {
    #[serde(flatten)]
    pub row: IdeaRowBody,
    pub problem: String,
    pub proposal: String,
    pub expected_gain: Option<String>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
    pub decision_reason: Option<String>,
    /// The project an accepted idea became.
    pub project_id: Option<i32>,
    pub comments: Vec<CommentBody>,
    pub supported_by_me: bool,
}

impl From<IdeaView> for IdeaViewBody {
    fn from(v: IdeaView) -> Self {
        Self {
            row: v.row.into(),
            problem: v.problem,
            proposal: v.proposal,
            expected_gain: v.expected_gain,
            tags: v.tags,
            sdgs: v.sdgs,
            decision_reason: v.decision_reason,
            project_id: v.project_id,
            comments: v
                .comments
                .into_iter()
                .map(|c| CommentBody {
                    author: c.author.into(),
                    body: c.body,
                    at: rfc3339(c.at),
                })
                .collect(),
            supported_by_me: v.supported_by_me,
        }
    }
}

/// How many support an idea.
#[derive(Serialize, ToSchema)]
pub struct SupportBody {
    pub supporters: u64,
}

/// A decision on an idea, always with a reason.
#[derive(Deserialize, ToSchema)]
pub struct AssessmentBody {
    /// `under_assessment`, `accepted`, `parked` or `declined`.
    #[schema(example = "accepted")]
    pub decision: String,
    pub reason: String,
}
