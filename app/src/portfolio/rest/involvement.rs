//! A project's members, participating sites, partners and funding: added one at a time,
//! removed by id (the project's owner and members).

use crate::core::state::AppState;
use crate::portfolio::domain::involvement::{AdditionForm, Part};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

use super::bodies::{Amount, ProjectBody};
use crate::http::problem::ApiBody;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, Problem, as_body_names};
use crate::http::common::created;

/// A new member: `user_id`, or `email` when the id is not known; one of the two, not both
/// (422 `one_of_two`). The person must be an active user.
#[derive(Deserialize, ToSchema)]
#[serde(try_from = "MemberFields")]
pub struct NewProjectMemberBody {
    pub user_id: Option<i32>,
    #[schema(format = Email)]
    pub email: Option<String>,
}

/// The body's fields as sent, before [`NewProjectMemberBody`] takes one of them.
#[derive(Deserialize)]
struct MemberFields {
    user_id: Option<i32>,
    #[serde(default, deserialize_with = "crate::http::common::email_or_null")]
    email: Option<String>,
}

impl TryFrom<MemberFields> for NewProjectMemberBody {
    type Error = String;
    fn try_from(fields: MemberFields) -> Result<Self, String> {
        if fields.user_id.is_some() && fields.email.is_some() {
            return Err(format!(
                "{}{}",
                crate::http::problem::REFUSED,
                crate::core::error::FieldError::OneOfTwo.code()
            ));
        }
        Ok(Self {
            user_id: fields.user_id,
            email: fields.email,
        })
    }
}

/// A participating service site (not the lead site; not a closed one).
#[derive(Deserialize, ToSchema)]
pub struct NewProjectSiteBody {
    pub site_id: i32,
}

/// A partner.
#[derive(Deserialize, ToSchema)]
pub struct NewPartnerBody {
    /// `municipality`, `research`, `business`, `social_entrepreneur` or `volunteer`.
    #[schema(example = "research")]
    pub kind: String,
    pub name: String,
}

/// A funding source, in whole kroner (more than zero).
#[derive(Deserialize, ToSchema)]
pub struct NewFundingBody {
    pub source: String,
    #[schema(value_type = i64)]
    pub amount_nok: Amount,
}

/// Adds what `form` says to project `id` and answers with the project as it now stands.
async fn add(
    state: &AppState,
    actor: &ApiActor,
    id: i32,
    form: impl crate::core::parse::Input<Parsed = crate::portfolio::domain::involvement::Addition>,
    names: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let result =
        crate::portfolio::service::add_to_project(&state.db, &actor.0, id, form, state.clock.now())
            .await;
    actor.answer(result.map_err(|e| as_body_names(e, names)))?;
    let project = crate::portfolio::service::get_project(&state.db, &actor.0, id).await;
    Ok(created(ProjectBody::from(actor.answer(project)?)))
}

/// Adds a member to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/members", tag = "portefølje", request_body = NewProjectMemberBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added; the project as it now stands", body = ProjectBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already a member (or the owner)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No active user with that id or address, or 100 members already", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_member(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewProjectMemberBody>,
) -> Result<Response, ApiError> {
    // The service judges one `user`; a refusal names the field the body gave it in.
    let by_email = std::sync::atomic::AtomicBool::new(false);
    let form = body.into_input(|body: NewProjectMemberBody| AdditionForm {
        part: Part::Members.as_str().into(),
        user: match (body.user_id, body.email) {
            (Some(user_id), _) => user_id.to_string(),
            (None, Some(email)) => {
                by_email.store(true, std::sync::atomic::Ordering::Relaxed);
                email
            }
            (None, None) => String::new(),
        },
        ..Default::default()
    });
    let result = add(&state, &actor, id, form, &[]).await;
    let field = if by_email.load(std::sync::atomic::Ordering::Relaxed) {
        "email"
    } else {
        "user_id"
    };
    result.map_err(|e| match e {
        ApiError::App(error) => ApiError::App(as_body_names(error, &[("user", field)])),
        other => other,
    })
}

/// Adds a participating service site to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/sites", tag = "portefølje", request_body = NewProjectSiteBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added; the project as it now stands", body = ProjectBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The site already takes part", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown or closed site, or the lead site", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_site(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewProjectSiteBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(|body: NewProjectSiteBody| AdditionForm {
        part: Part::Sites.as_str().into(),
        site_id: body.site_id.to_string(),
        ..Default::default()
    });
    add(&state, &actor, id, form, &[]).await
}

/// Adds a partner to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/partners", tag = "portefølje", request_body = NewPartnerBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added; the project as it now stands", body = ProjectBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A partner of that kind and name is already there", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind or a missing name", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_partner(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewPartnerBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(|body: NewPartnerBody| AdditionForm {
        part: Part::Partners.as_str().into(),
        kind: body.kind,
        name: body.name,
        ..Default::default()
    });
    add(&state, &actor, id, form, &[]).await
}

/// Adds a funding source to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/funding", tag = "portefølje", request_body = NewFundingBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added; the project as it now stands", body = ProjectBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A missing source, or an amount that is not a whole number above zero", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_funding(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewFundingBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(|body: NewFundingBody| AdditionForm {
        part: Part::Funding.as_str().into(),
        source: body.source,
        amount: body.amount_nok.text(),
        ..Default::default()
    });
    add(&state, &actor, id, form, &[("amount", "amount_nok")]).await
}

/// Removes a member (by user id), a participating site (by site id), a partner or a funding
/// source (by its id) from a project (its owner or members). The owner cannot be removed.
/// Removing what is not there is not an error (the request may be repeated).
#[utoipa::path(
    delete, path = "/projects/{id}/{part}/{part_id}", tag = "portefølje",
    params(
        ("id" = i32, Path, description = "The project's id"),
        ("part" = String, Path, description = "`members`, `sites`, `partners` or `funding`"),
        ("part_id" = i32, Path, description = "The user's, the site's, the partner's or the funding source's id"),
    ),
    responses(
        (status = 204, description = "Removed, or it was not there"),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project or part", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The owner cannot be removed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn remove_from_project(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath((id, part, part_id)): ApiPath<(i32, String, i32)>,
) -> Result<Response, ApiError> {
    let Some(part) = Part::parse(&part) else {
        return Err(ApiError::App(crate::core::error::AppError::NotFound));
    };
    let result = crate::portfolio::service::remove_from_project(
        &state.db,
        &actor.0,
        id,
        part,
        part_id,
        state.clock.now(),
    )
    .await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
