//! `/api/v1/ideas`, `/api/v1/projects`, `/api/v1/benefits` and `/api/v1/portfolio`: the
//! innovation portfolio (DESIGN §4). Each handler reads its input, calls one service function
//! with the acting user and shapes the answer; the service decides permission and validity.
//! DTOs in `bodies` (shared and projects') and `idea_bodies`; handlers in `ideas`,
//! `projects`, `involvement` (members, sites, partners, funding) and `programmes`.

mod bodies;
mod idea_bodies;
mod ideas;
mod involvement;
mod programmes;
mod projects;

use crate::core::parse::{MAX_YEAR, MIN_YEAR};
use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use ideas::*;
use involvement::*;
use programmes::*;
use projects::*;

#[derive(OpenApi)]
#[openapi(tags((name = "portefølje", description = "Ideas, projects, benefits and the portfolio")))]
struct PortfolioApi;

/// The portfolio's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(PortfolioApi::openapi())
        .routes(routes!(list_ideas, submit_idea))
        .routes(routes!(get_idea))
        .routes(routes!(support_idea, withdraw_support))
        .routes(routes!(assess_idea))
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project))
        .routes(routes!(change_phase))
        .routes(routes!(add_member))
        .routes(routes!(add_site))
        .routes(routes!(add_partner))
        .routes(routes!(add_funding))
        .routes(routes!(remove_from_project))
        .routes(routes!(list_benefits, add_benefit))
        .routes(routes!(add_measurement))
        .routes(routes!(summary))
        .routes(routes!(list_programmes))
        .routes(routes!(get_programme));
    crate::http::contract::strict(router, rules())
}

/// What the portfolio's services accept, from the domain's own limits and lists (issue 26).
fn rules() -> Rules {
    use crate::portfolio::domain::benefit::{
        BenefitKind, MAX_DESCRIPTION_CHARS, MAX_UNIT_CHARS, MAX_VALUE,
    };
    use crate::portfolio::domain::filter::{FUNDED_WORDS, MAX_QUERY_CHARS, ProjectSort};
    use crate::portfolio::domain::idea::{IdeaStatus, MAX_TAG_CHARS, MAX_TAGS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
    use crate::portfolio::domain::involvement::{MAX_PART_NAME_CHARS, Part};
    use crate::portfolio::domain::project::{MAX_PROJECT_NAME_CHARS, PartnerKind};
    use crate::core::money::MAX_NOK;
    use bodies::*;
    use idea_bodies::*;
    use involvement::*;
    let tags = || Rule::each(Rule::Tag(MAX_TAG_CHARS), Some(MAX_TAGS));
    let sdgs = || Rule::each(Rule::Range(1, 17), None);
    let decisions = IdeaStatus::ALL
        .into_iter()
        .filter(|s| *s != IdeaStatus::Submitted)
        .map(IdeaStatus::as_str)
        .collect();
    Rules {
        bodies: vec![
            body::<NewIdeaBody>(vec![
                ("title", Rule::Name(MAX_TITLE_CHARS).required()),
                ("problem", Rule::Text(MAX_TEXT_CHARS).required()),
                ("proposal", Rule::Text(MAX_TEXT_CHARS).required()),
                ("expected_gain", Rule::Optional(MAX_TEXT_CHARS)),
                ("site_id", Rule::Id),
                ("tags", tags()),
                ("sdgs", sdgs()),
            ]),
            body::<AssessmentBody>(vec![
                ("decision", Rule::Choice(decisions).required()),
                ("reason", Rule::Text(MAX_TEXT_CHARS).required()),
            ]),
            body::<NewProjectBody>(vec![
                ("name", Rule::Name(MAX_PROJECT_NAME_CHARS).required()),
                ("description", Rule::Text(MAX_TEXT_CHARS).required()),
                ("lead_site_id", Rule::Id.required()),
                ("programme_id", Rule::Id),
                ("budget", Rule::Range(0, MAX_NOK)),
                ("started_on", Rule::Date),
                ("tags", tags()),
                ("sdgs", sdgs()),
            ]),
            body::<ProjectPatchBody>(vec![
                ("name", Rule::Name(MAX_PROJECT_NAME_CHARS)),
                ("description", Rule::Text(MAX_TEXT_CHARS)),
                ("programme_id", Rule::Id),
                ("budget", Rule::Range(0, MAX_NOK)),
                ("started_on", Rule::Date),
                ("tags", tags()),
                ("sdgs", sdgs()),
            ]),
            body::<PhaseChangeBody>(vec![
                ("to", Rule::Key.required()),
                ("note", Rule::Optional(MAX_TEXT_CHARS)),
            ]),
            body::<NewProjectMemberBody>(vec![("user_id", Rule::Id), ("email", Rule::Email)]),
            body::<NewProjectSiteBody>(vec![("site_id", Rule::Id.required())]),
            body::<NewPartnerBody>(vec![
                ("kind", Rule::choice(PartnerKind::ALL, PartnerKind::as_str).required()),
                ("name", Rule::Name(MAX_PART_NAME_CHARS).required()),
            ]),
            body::<NewFundingBody>(vec![
                ("source", Rule::Name(MAX_PART_NAME_CHARS).required()),
                ("amount_nok", Rule::Range(1, MAX_NOK).required()),
            ]),
            body::<NewBenefitBody>(vec![
                ("kind", Rule::choice(BenefitKind::ALL, BenefitKind::as_str).required()),
                ("description", Rule::Name(MAX_DESCRIPTION_CHARS).required()),
                ("unit", Rule::Optional(MAX_UNIT_CHARS)),
                ("baseline", Rule::Range(0, MAX_VALUE).required()),
                ("target", Rule::Range(0, MAX_VALUE).required()),
                ("target_date", Rule::Date),
                ("responsible_user_id", Rule::Id.required()),
            ]),
            body::<NewMeasurementBody>(vec![
                ("measured_on", Rule::Date.required()),
                ("value", Rule::Range(0, MAX_VALUE).required()),
            ]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("part_id", Rule::AnyId),
            ("part", Rule::choice(Part::ALL, Part::as_str)),
            ("status", Rule::choice(IdeaStatus::ALL, IdeaStatus::as_str)),
            ("q", Rule::Name(MAX_QUERY_CHARS)),
            ("tag", Rule::Name(MAX_QUERY_CHARS)),
            ("phase", Rule::Key),
            ("sector_id", Rule::AnyId),
            ("site_id", Rule::AnyId),
            ("programme_id", Rule::AnyId),
            ("sdg", Rule::Range(1, 17)),
            ("year", Rule::Range(i64::from(MIN_YEAR), i64::from(MAX_YEAR))),
            ("funded", Rule::Choice(FUNDED_WORDS.iter().map(|(word, _)| *word).collect())),
            ("sort", Rule::choice(ProjectSort::ALL, ProjectSort::as_str)),
        ],
    }
}
