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

use crate::core::state::AppState;
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
    OpenApiRouter::with_openapi(PortfolioApi::openapi())
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
        .routes(routes!(get_programme))
}
