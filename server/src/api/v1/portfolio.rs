//! `/api/v1/ideas`, `/api/v1/projects`, `/api/v1/benefits` and `/api/v1/portfolio`: the
//! innovation portfolio (DESIGN §4). Each handler reads its input, calls one service function
//! with the acting user and shapes the answer; the service decides permission and validity.

use app::core::state::AppState;
use app::portfolio::domain::benefit::{BenefitForm, Measurement};
use app::portfolio::domain::filter::FilterText;
use app::portfolio::domain::idea::{IdeaForm, IdeaRecord};
use app::portfolio::domain::view::{
    BenefitView, IdeaRow, IdeaView, KindSum, Named, PhaseRef, PortfolioSummary, ProjectRow,
    ProjectView,
};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{Page, PageParams, created, now};
use crate::api::auth::ApiActor;
use crate::api::problem::{ApiError, ApiJson, ApiPath, ApiQuery, Problem};

#[derive(OpenApi)]
#[openapi(tags((name = "portefølje", description = "Ideas, projects, benefits and the portfolio")))]
struct PortfolioApi;

/// The portfolio's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(PortfolioApi::openapi())
        .routes(routes!(list_ideas, submit_idea))
        .routes(routes!(get_idea))
        .routes(routes!(support_idea, withdraw_support))
        .routes(routes!(assess_idea))
        .routes(routes!(list_projects))
        .routes(routes!(get_project))
        .routes(routes!(change_phase))
        .routes(routes!(list_benefits, add_benefit))
        .routes(routes!(add_measurement))
        .routes(routes!(summary))
}

/// A whole number given as a JSON number or as text ("250 000"); the service parses it, so
/// a negative or non-numeric amount is a 422 that names the field.
#[derive(Deserialize, ToSchema, Clone)]
#[serde(untagged)]
pub enum Amount {
    Number(i64),
    Text(String),
}

impl Amount {
    fn text(&self) -> String {
        match self {
            Amount::Number(n) => n.to_string(),
            Amount::Text(t) => t.clone(),
        }
    }
}

fn optional_text(amount: &Option<Amount>) -> String {
    amount.as_ref().map(Amount::text).unwrap_or_default()
}

/// The portfolio's filters and order; all optional.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilterParams {
    /// A phase's key, e.g. `utvikling_og_utproving`.
    pub phase: Option<String>,
    pub sector_id: Option<String>,
    /// Lead or participating site.
    pub site_id: Option<String>,
    pub programme_id: Option<String>,
    /// A sustainable-development goal, 1–17.
    pub sdg: Option<String>,
    /// A tag's name (case and spaces do not matter).
    pub tag: Option<String>,
    /// The year the project started.
    pub year: Option<String>,
    /// `true`: with funding sources; `false`: without.
    pub funded: Option<String>,
    /// Search in names and descriptions.
    pub q: Option<String>,
    /// `updated` (default), `name`, `started` or `budget`.
    pub sort: Option<String>,
}

impl FilterParams {
    fn text(&self) -> FilterText {
        FilterText {
            phase: self.phase.clone(),
            sector_id: self.sector_id.clone(),
            site_id: self.site_id.clone(),
            programme_id: self.programme_id.clone(),
            sdg: self.sdg.clone(),
            tag: self.tag.clone(),
            year: self.year.clone(),
            funded: self.funded.clone(),
            q: self.q.clone(),
            sort: self.sort.clone(),
        }
    }
}

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
    #[serde(default)]
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
    pub limit: Option<u64>,
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

/// A phase change.
#[derive(Deserialize, ToSchema)]
pub struct PhaseChangeBody {
    /// The phase's key; one step forward, one back (with a note), or `stoppet` (with lessons).
    #[schema(example = "utvikling_og_utproving")]
    pub to: String,
    #[serde(default)]
    pub note: String,
}

/// Something named by its id.
#[derive(Serialize, ToSchema)]
pub struct NamedBody {
    pub id: i32,
    pub name: String,
}

impl From<Named> for NamedBody {
    fn from(n: Named) -> Self {
        Self {
            id: n.id,
            name: n.name,
        }
    }
}

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

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

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

/// Benefits of one kind: targets and latest realised values summed.
#[derive(Serialize, ToSchema)]
pub struct KindSumBody {
    pub kind: String,
    pub benefits: u64,
    pub targeted: i64,
    pub realised: i64,
}

impl From<KindSum> for KindSumBody {
    fn from(k: KindSum) -> Self {
        Self {
            kind: k.kind.as_str().to_owned(),
            benefits: k.benefits,
            targeted: k.targeted,
            realised: k.realised,
        }
    }
}

/// The portfolio's summary under the filters.
#[derive(Serialize, ToSchema)]
pub struct SummaryBody {
    pub projects: u64,
    pub per_phase: Vec<CountBody<PhaseBody>>,
    pub per_sector: Vec<CountBody<NamedBody>>,
    pub benefits: Vec<KindSumBody>,
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

/// Ideas, newest first.
#[utoipa::path(
    get, path = "/ideas", tag = "portefølje", params(IdeaParams),
    responses(
        (status = 200, description = "One page of ideas", body = Page<IdeaRowBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_ideas(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<IdeaParams>,
) -> Result<Json<Page<IdeaRowBody>>, ApiError> {
    let page = app::core::paging::PageQuery {
        limit: params.limit,
        offset: params.offset,
    };
    let result =
        app::portfolio::service::list_ideas(&state.db, &actor.0, params.status.as_deref(), page)
            .await;
    Ok(Json(Page::from(actor.answer(result)?, IdeaRowBody::from)))
}

/// One idea, whole.
#[utoipa::path(
    get, path = "/ideas/{id}", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "The idea", body = IdeaViewBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<IdeaViewBody>, ApiError> {
    let result = app::portfolio::service::get_idea(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Submits an idea in the caller's name.
#[utoipa::path(
    post, path = "/ideas", tag = "portefølje", request_body = NewIdeaBody,
    responses(
        (status = 201, description = "Submitted", body = IdeaBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn submit_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiJson(body): ApiJson<NewIdeaBody>,
) -> Result<Response, ApiError> {
    let form = IdeaForm {
        title: body.title,
        problem: body.problem,
        proposal: body.proposal,
        expected_gain: body.expected_gain,
        site_id: body.site_id.map(|id| id.to_string()).unwrap_or_default(),
        tags: body.tags.join(","),
        sdgs: body.sdgs.iter().map(i64::to_string).collect(),
    };
    let result = app::portfolio::service::submit_idea(&state.db, &actor.0, form, now()).await;
    Ok(created(IdeaBody::from(actor.answer(result)?)))
}

/// Supports someone else's idea (once).
#[utoipa::path(
    post, path = "/ideas/{id}/support", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Supported", body = SupportBody),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already supported", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "One's own idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn support_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<SupportBody>, ApiError> {
    let result = app::portfolio::service::set_support(&state.db, &actor.0, id, true, now()).await;
    Ok(Json(SupportBody {
        supporters: actor.answer(result)?,
    }))
}

/// Withdraws the caller's support.
#[utoipa::path(
    delete, path = "/ideas/{id}/support", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Withdrawn (or there was none)", body = SupportBody),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw_support(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<SupportBody>, ApiError> {
    let result = app::portfolio::service::set_support(&state.db, &actor.0, id, false, now()).await;
    Ok(Json(SupportBody {
        supporters: actor.answer(result)?,
    }))
}

/// Decides on an idea (a manager of its sector or site, or the innovation council); accepting
/// it creates its project, named in `project_id`.
#[utoipa::path(
    post, path = "/ideas/{id}/assessment", tag = "portefølje", request_body = AssessmentBody,
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Decided", body = IdeaBody),
        (status = 403, description = "Not the idea's manager nor the council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or a decision the rules do not allow", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn assess_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<AssessmentBody>,
) -> Result<Json<IdeaBody>, ApiError> {
    let result = app::portfolio::service::assess_idea(
        &state.db,
        &actor.0,
        id,
        &body.decision,
        &body.reason,
        now(),
    )
    .await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Projects under the filters, one page.
#[utoipa::path(
    get, path = "/projects", tag = "portefølje", params(FilterParams, PageParams),
    responses(
        (status = 200, description = "One page of projects", body = Page<ProjectRowBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter that cannot be used", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_projects(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(filter): ApiQuery<FilterParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<ProjectRowBody>>, ApiError> {
    let result =
        app::portfolio::service::list_projects(&state.db, &actor.0, filter.text(), page.page())
            .await;
    Ok(Json(Page::from(
        actor.answer(result)?,
        ProjectRowBody::from,
    )))
}

/// One project, whole: people, timeline, benefits, what it stops doing.
#[utoipa::path(
    get, path = "/projects/{id}", tag = "portefølje",
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = ProjectBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_project(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<ProjectBody>, ApiError> {
    let result = app::portfolio::service::get_project(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Moves a project to another phase (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/phase", tag = "portefølje", request_body = PhaseChangeBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project's new phase", body = PhaseBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A change the roadmap does not allow, or a missing note", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn change_phase(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<PhaseChangeBody>,
) -> Result<Json<PhaseBody>, ApiError> {
    let result =
        app::portfolio::service::change_phase(&state.db, &actor.0, id, &body.to, &body.note, now())
            .await;
    let phase = actor.answer(result)?;
    Ok(Json(PhaseBody {
        id: phase.id,
        key: phase.key,
        name: phase.name,
    }))
}

/// A project's benefits with their measurements.
#[utoipa::path(
    get, path = "/projects/{id}/benefits", tag = "portefølje",
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The benefits", body = [BenefitBody]),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_benefits(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<Vec<BenefitBody>>, ApiError> {
    let result = app::portfolio::service::get_project(&state.db, &actor.0, id).await;
    let project = actor.answer(result)?;
    Ok(Json(project.benefits.into_iter().map(Into::into).collect()))
}

/// Adds a benefit to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/benefits", tag = "portefølje", request_body = NewBenefitBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added", body = BenefitBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_benefit(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<NewBenefitBody>,
) -> Result<Response, ApiError> {
    let form = BenefitForm::from(body);
    let result = app::portfolio::service::add_benefit(&state.db, &actor.0, id, form, now()).await;
    Ok(created(BenefitBody::from(actor.answer(result)?)))
}

/// Records a realised value of a benefit (the project's owner or members).
#[utoipa::path(
    post, path = "/benefits/{id}/measurements", tag = "portefølje", request_body = NewMeasurementBody,
    params(("id" = i32, Path, description = "The benefit's id")),
    responses(
        (status = 201, description = "Recorded", body = MeasurementBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such benefit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A future date or a value that is not a whole number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_measurement(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<NewMeasurementBody>,
) -> Result<Response, ApiError> {
    let value = optional_text(&body.value);
    let result = app::portfolio::service::add_measurement(
        &state.db,
        &actor.0,
        id,
        &body.measured_on,
        &value,
        now(),
    )
    .await;
    Ok(created(MeasurementBody::from(actor.answer(result)?)))
}

/// Counts per phase and per sector, and per benefit kind the sums of the targets and of the
/// latest realised values, under the same filters as `/projects`.
#[utoipa::path(
    get, path = "/portfolio/summary", tag = "portefølje", params(FilterParams),
    responses(
        (status = 200, description = "The summary", body = SummaryBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter that cannot be used", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn summary(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(filter): ApiQuery<FilterParams>,
) -> Result<Json<SummaryBody>, ApiError> {
    let result =
        app::portfolio::service::portfolio_summary(&state.db, &actor.0, filter.text()).await;
    Ok(Json(actor.answer(result)?.into()))
}
