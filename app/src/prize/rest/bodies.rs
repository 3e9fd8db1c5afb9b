//! The prize's JSON bodies: what clients send and what they get back. Numbers a client sends
//! are read as JSON numbers of any kind and parsed by the domain (bounded, whole), so a
//! fraction or a huge number is a 422 on its field, not a refused body.

use std::collections::BTreeMap;

use crate::core::timefmt::rfc3339;
use crate::prize::domain::view::{
    BallotView, CategoryResult, CategoryView, CriterionView, FinalistResult, NominationRow,
    YearResults, YearRow,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::common::NamedBody;

/// A prize year.
#[derive(Serialize, ToSchema)]
pub struct YearBody {
    pub id: i32,
    pub year: i32,
    #[schema(format = DateTime, value_type = String)]
    pub nominations_open: String,
    #[schema(format = DateTime, value_type = String)]
    pub nominations_close: String,
    #[schema(format = DateTime, value_type = String)]
    pub jury_deadline: String,
    #[schema(format = Date, value_type = String)]
    pub award_date: String,
    pub peoples_choice: bool,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub published_at: Option<String>,
    /// `upcoming`, `nominating`, `judging`, `sealed` or `published`.
    pub phase: String,
}

impl From<YearRow> for YearBody {
    fn from(y: YearRow) -> Self {
        Self {
            id: y.id,
            year: y.year,
            nominations_open: rfc3339(y.nominations_open),
            nominations_close: rfc3339(y.nominations_close),
            jury_deadline: rfc3339(y.jury_deadline),
            award_date: y.award_on.to_string(),
            peoples_choice: y.peoples_choice,
            published_at: y.published_at.map(rfc3339),
            phase: y.phase.as_str().to_owned(),
        }
    }
}

/// A new prize year: RFC 3339 instants in this order, the award date on or after the
/// jury's deadline.
#[derive(Deserialize, ToSchema)]
pub struct NewYearBody {
    #[schema(value_type = i64)]
    pub year: Option<serde_json::Number>,
    #[serde(default)]
    #[schema(format = DateTime)]
    pub nominations_open: String,
    #[serde(default)]
    #[schema(format = DateTime)]
    pub nominations_close: String,
    #[serde(default)]
    #[schema(format = DateTime)]
    pub jury_deadline: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub award_date: String,
    #[serde(default)]
    pub peoples_choice: bool,
}

impl From<NewYearBody> for crate::prize::domain::year::YearForm {
    fn from(b: NewYearBody) -> Self {
        Self {
            year: b.year.map(|n| n.to_string()).unwrap_or_default(),
            nominations_open: b.nominations_open,
            nominations_close: b.nominations_close,
            jury_deadline: b.jury_deadline,
            award_date: b.award_date,
            peoples_choice: b.peoples_choice,
        }
    }
}

/// New dates for a year (the committee moves them); fields left out stay.
#[derive(Deserialize, ToSchema)]
pub struct YearPatchBody {
    #[schema(format = DateTime)]
    pub nominations_open: Option<String>,
    #[schema(format = DateTime)]
    pub nominations_close: Option<String>,
    #[schema(format = DateTime)]
    pub jury_deadline: Option<String>,
    #[schema(format = Date)]
    pub award_date: Option<String>,
    pub peoples_choice: Option<bool>,
}

impl From<YearPatchBody> for crate::prize::domain::year::YearPatch {
    fn from(b: YearPatchBody) -> Self {
        Self {
            nominations_open: b.nominations_open,
            nominations_close: b.nominations_close,
            jury_deadline: b.jury_deadline,
            award_date: b.award_date,
            peoples_choice: b.peoples_choice,
        }
    }
}

/// A weighted criterion.
#[derive(Serialize, ToSchema)]
pub struct CriterionBody {
    pub id: i32,
    pub name: String,
    pub weight: u16,
}

impl From<CriterionView> for CriterionBody {
    fn from(c: CriterionView) -> Self {
        Self {
            id: c.id,
            name: c.name,
            weight: c.weight,
        }
    }
}

/// A category with its criteria and jury.
#[derive(Serialize, ToSchema)]
pub struct CategoryBody {
    pub id: i32,
    pub year_id: i32,
    pub name: String,
    pub criteria: Vec<CriterionBody>,
    pub jury: Vec<NamedBody>,
    pub chair: NamedBody,
    /// Submitted nominations.
    pub nominations: u32,
    pub finalists: u32,
}

impl From<CategoryView> for CategoryBody {
    fn from(c: CategoryView) -> Self {
        Self {
            id: c.id,
            year_id: c.year_id,
            name: c.name,
            criteria: c.criteria.into_iter().map(Into::into).collect(),
            jury: c.jury.into_iter().map(Into::into).collect(),
            chair: c.chair.into(),
            nominations: c.nominations,
            finalists: c.finalists,
        }
    }
}

/// A criterion of a new category.
#[derive(Deserialize, ToSchema)]
pub struct NewCriterionBody {
    #[serde(default)]
    pub name: String,
    /// 1–100.
    #[schema(value_type = i64)]
    pub weight: Option<serde_json::Number>,
}

/// A new category. Criteria left out: nyhetsverdi, realisert, skapt verdi, endrede
/// arbeidsmåter, spredningsmulighet, equally weighted. The chair is always on the jury.
#[derive(Deserialize, ToSchema)]
pub struct NewCategoryBody {
    #[serde(default)]
    pub name: String,
    pub criteria: Option<Vec<NewCriterionBody>>,
    #[serde(default)]
    #[schema(value_type = Vec<i64>)]
    pub jury_user_ids: Vec<serde_json::Number>,
    #[schema(value_type = i64)]
    pub chair_user_id: Option<serde_json::Number>,
}

/// A whole number a client sent, or one no id or weight can be (refused by the domain).
fn whole(n: Option<&serde_json::Number>) -> i64 {
    n.and_then(serde_json::Number::as_i64).unwrap_or(i64::MIN)
}

impl From<NewCategoryBody> for crate::prize::domain::category::CategoryInput {
    fn from(b: NewCategoryBody) -> Self {
        Self {
            name: b.name,
            criteria: b.criteria.map(|criteria| {
                criteria
                    .into_iter()
                    .map(|c| (c.name, whole(c.weight.as_ref())))
                    .collect()
            }),
            jury_user_ids: b.jury_user_ids.iter().map(|n| whole(Some(n))).collect(),
            chair_user_id: whole(b.chair_user_id.as_ref()),
        }
    }
}

/// A nomination as the gallery shows it.
#[derive(Serialize, ToSchema)]
pub struct NominationBody {
    pub id: i32,
    pub year: i32,
    pub category: NamedBody,
    pub title: String,
    pub nominee: String,
    pub site: NamedBody,
    pub sector: NamedBody,
    pub project: Option<NamedBody>,
    pub nominator: NamedBody,
    /// `submitted` or `withdrawn`.
    pub status: String,
    pub finalist: bool,
    pub statement: Option<String>,
    #[schema(format = DateTime, value_type = String)]
    pub created_at: String,
}

impl From<NominationRow> for NominationBody {
    fn from(n: NominationRow) -> Self {
        Self {
            id: n.id,
            year: n.year,
            category: n.category.into(),
            title: n.title,
            nominee: n.nominee,
            site: n.site.into(),
            sector: n.sector.into(),
            project: n.project.map(Into::into),
            nominator: n.nominator.into(),
            status: n.status.as_str().to_owned(),
            finalist: n.finalist,
            statement: n.statement,
            created_at: rfc3339(n.created_at),
        }
    }
}

/// A new nomination in an open window (409 outside it). `justification` has a text for every
/// criterion of the category, keyed by the criterion's id or name.
#[derive(Deserialize, ToSchema)]
pub struct NewNominationBody {
    #[schema(value_type = i64)]
    pub category_id: Option<serde_json::Number>,
    #[serde(default)]
    pub title: String,
    /// A person, a team or a project, as written.
    #[serde(default)]
    pub nominee: String,
    /// The nominated colleague's e-mail (they are told; jurors who are them recuse).
    pub nominee_email: Option<String>,
    #[schema(value_type = Option<i64>)]
    pub project_id: Option<serde_json::Number>,
    /// The service site of the work; left out: the project's lead site, else the nominator's.
    #[schema(value_type = Option<i64>)]
    pub site_id: Option<serde_json::Number>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub justification: BTreeMap<String, String>,
}

impl NewNominationBody {
    /// The category (the path of the service call) and the form.
    pub fn split(self) -> (i64, crate::prize::domain::nomination::NominationForm) {
        let text = |n: Option<serde_json::Number>| n.map(|n| n.to_string()).unwrap_or_default();
        (
            whole(self.category_id.as_ref()),
            crate::prize::domain::nomination::NominationForm {
                title: self.title,
                nominee: self.nominee,
                nominee_email: self
                    .nominee_email
                    .map(|e| {
                        if e.trim().is_empty() {
                            e
                        } else {
                            crate::http::common::email_field(&e).to_owned()
                        }
                    })
                    .unwrap_or_default(),
                project_id: text(self.project_id),
                site_id: text(self.site_id),
                links: self.links.join("\n"),
                justification: self.justification,
            },
        )
    }
}

/// The committee's finalists of a category, with an optional statement per nomination id.
#[derive(Deserialize, ToSchema)]
pub struct ShortlistBody {
    #[serde(default)]
    #[schema(value_type = Vec<i64>)]
    pub nomination_ids: Vec<serde_json::Number>,
    #[serde(default)]
    pub statements: BTreeMap<String, String>,
}

impl From<ShortlistBody> for crate::prize::domain::nomination::ShortlistInput {
    fn from(b: ShortlistBody) -> Self {
        Self {
            nomination_ids: b.nomination_ids.iter().map(|n| whole(Some(n))).collect(),
            statements: b.statements,
        }
    }
}

/// A juror's ballot: a score 1–5 for every criterion id of the category.
#[derive(Deserialize, ToSchema)]
pub struct BallotBody {
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, i64>)]
    pub scores: BTreeMap<String, serde_json::Value>,
    pub comment: Option<String>,
}

impl From<BallotBody> for crate::prize::domain::ballot::BallotForm {
    fn from(b: BallotBody) -> Self {
        Self {
            scores: crate::http::common::value_texts(b.scores),
            comment: b.comment.unwrap_or_default(),
        }
    }
}

/// The acting juror's saved ballot.
#[derive(Serialize, ToSchema)]
pub struct SavedBallotBody {
    pub scores: BTreeMap<String, u8>,
    pub comment: Option<String>,
    #[schema(format = DateTime, value_type = String)]
    pub updated_at: String,
}

impl From<BallotView> for SavedBallotBody {
    fn from(b: BallotView) -> Self {
        Self {
            scores: b
                .scores
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            comment: b.comment,
            updated_at: rfc3339(b.updated_at),
        }
    }
}

/// A score in hundredths as an exact decimal text ("4.27").
fn decimal(hundredths: Option<i64>) -> Option<String> {
    hundredths.map(|h| format!("{}.{:02}", h / 100, h % 100))
}

/// A criterion's mean score over the jurors counted.
#[derive(Serialize, ToSchema)]
pub struct CriterionMeanBody {
    pub criterion_id: i32,
    pub name: String,
    /// Exact to two decimals, as text ("4.33"); none when no juror could score.
    pub mean: Option<String>,
}

/// A finalist's place and scores.
#[derive(Serialize, ToSchema)]
pub struct FinalistBody {
    pub nomination_id: i32,
    pub title: String,
    /// Empty for a caller outside the municipality when the named colleague declined to be
    /// shown publicly.
    pub nominee: String,
    /// False when the named colleague declined to be shown publicly (DESIGN §7).
    pub nominee_shown_publicly: bool,
    pub site: NamedBody,
    pub statement: Option<String>,
    /// 1 for the winner; equal finalists share a place.
    pub place: u32,
    /// The mean of the counted jurors' weighted scores, as text ("4.27").
    pub score: Option<String>,
    pub criterion_means: Vec<CriterionMeanBody>,
    /// Jurors whose ballots count (not recused, voted).
    pub jurors_counted: u32,
    /// Jurors who gave it their highest score.
    pub first_places: u32,
    /// What decided its place against an equal score: `none`, `first_places`, `chair`,
    /// `shared`.
    pub tie_break: String,
    /// People's choice votes, when the year has it.
    pub people_votes: Option<u32>,
}

impl FinalistBody {
    fn from(f: FinalistResult, criteria: &[CriterionView]) -> Self {
        Self {
            nomination_id: f.nomination_id,
            title: f.title,
            nominee: f.nominee,
            nominee_shown_publicly: f.shown_publicly,
            site: f.site.into(),
            statement: f.statement,
            place: f.place,
            score: decimal(f.score),
            criterion_means: criteria
                .iter()
                .zip(f.criterion_means)
                .map(|(c, m)| CriterionMeanBody {
                    criterion_id: c.id,
                    name: c.name.clone(),
                    mean: decimal(m),
                })
                .collect(),
            jurors_counted: f.jurors_counted,
            first_places: f.first_places,
            tie_break: f.tie_break.as_str().to_owned(),
            people_votes: f.people_votes,
        }
    }
}

/// A category's ranked finalists.
#[derive(Serialize, ToSchema)]
pub struct CategoryResultBody {
    pub category: NamedBody,
    /// Best first.
    pub finalists: Vec<FinalistBody>,
}

impl From<CategoryResult> for CategoryResultBody {
    fn from(c: CategoryResult) -> Self {
        let criteria = c.criteria;
        Self {
            category: c.category.into(),
            finalists: c
                .finalists
                .into_iter()
                .map(|f| FinalistBody::from(f, &criteria))
                .collect(),
        }
    }
}

/// A year's results.
#[derive(Serialize, ToSchema)]
pub struct ResultsBody {
    pub year: YearBody,
    /// The committee's preview before publication.
    pub preview: bool,
    pub categories: Vec<CategoryResultBody>,
}

impl From<YearResults> for ResultsBody {
    fn from(r: YearResults) -> Self {
        Self {
            year: r.year.into(),
            preview: r.preview,
            categories: r.categories.into_iter().map(Into::into).collect(),
        }
    }
}
