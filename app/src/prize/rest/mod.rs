//! `/api/v1/prize/…`: the annual innovation prize (DESIGN §7). Each handler reads its input,
//! calls one service function with the acting user and shapes the answer; the service
//! decides permission and validity. DTOs in `bodies`; handlers in `years` (categories,
//! publication, results) and `nominations` (shortlist, ballots).

mod bodies;
mod nominations;
mod years;

use crate::core::state::AppState;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use nominations::*;
use years::*;

#[derive(OpenApi)]
#[openapi(tags((name = "prize", description = "The innovation prize: years, categories, nominations, shortlist, ballots, results")))]
struct PrizeApi;

/// The prize's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(PrizeApi::openapi())
        .routes(routes!(list_prize_years, create_prize_year))
        .routes(routes!(patch_prize_year))
        .routes(routes!(list_prize_categories, create_prize_category))
        .routes(routes!(publish_prize_year))
        .routes(routes!(prize_results))
        .routes(routes!(list_prize_nominations, create_prize_nomination))
        .routes(routes!(shortlist_prize_category))
        .routes(routes!(put_prize_ballot))
}
