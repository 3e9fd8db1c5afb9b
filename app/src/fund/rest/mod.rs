//! `/api/v1/fund/…`: the research and innovation fund (DESIGN §6). Each handler reads its
//! input, calls one service function with the acting user and shapes the answer; the service
//! decides permission and validity. DTOs in `bodies`; handlers in `calls` (calls, ranking,
//! decision, overview) and `applications` (drafts, submission, anchoring, reviews,
//! recommendations).

mod applications;
mod bodies;
mod calls;

use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use applications::*;
use calls::*;

#[derive(OpenApi)]
#[openapi(tags((name = "fund", description = "The research and innovation fund: calls, applications, reviews, the council's recommendation and decision, the yearly overview")))]
struct FundApi;

/// The fund's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(FundApi::openapi())
        .routes(routes!(list_fund_calls, create_fund_call))
        .routes(routes!(get_fund_call, patch_fund_call))
        .routes(routes!(fund_call_ranking))
        .routes(routes!(decide_fund_call))
        .routes(routes!(fund_overview))
        .routes(routes!(list_fund_applications, create_fund_application))
        .routes(routes!(get_fund_application, put_fund_application))
        .routes(routes!(submit_fund_application))
        .routes(routes!(anchor_fund_application))
        .routes(routes!(put_fund_review))
        .routes(routes!(put_fund_recommendation));
    crate::http::contract::strict(router, rules())
}

/// What the fund's services accept, from the domain's own limits (issue 26).
fn rules() -> Rules {
    use crate::core::money::MAX_NOK;
    use crate::fund::domain::application as app;
    use crate::fund::domain::budget::{MAX_CASE_NUMBER_CHARS, MAX_JUSTIFICATION_CHARS};
    use crate::fund::domain::call as call;
    use crate::fund::domain::review::{MAX_COMMENT_CHARS, MAX_SCORE, MIN_SCORE};
    use bodies::*;
    let money = || Rule::Range(0, MAX_NOK);
    let positive = || Rule::Range(1, MAX_NOK);
    Rules {
        bodies: vec![
            body::<NewFundCriterionBody>(vec![
                ("name", Rule::Name(call::MAX_CRITERION_CHARS).required()),
                ("weight", Rule::Range(call::MIN_WEIGHT, call::MAX_WEIGHT).required()),
            ]),
            body::<NewCallBody>(vec![
                ("track_id", Rule::Id.required()),
                ("title", Rule::Name(call::MAX_TITLE_CHARS).required()),
                ("text", Rule::Text(call::MAX_TEXT_CHARS).required()),
                ("opens_at", Rule::Instant.required()),
                ("closes_at", Rule::Instant.required()),
                ("budget", positive().required()),
                ("max_amount", positive().required()),
                ("criteria", Rule::some(Rule::Nested, Some(call::MAX_CRITERIA))),
                ("reviewer_emails", Rule::each(Rule::Email, Some(call::MAX_REVIEWERS))),
            ]),
            body::<CallPatchBody>(vec![
                ("opens_at", Rule::Instant),
                ("closes_at", Rule::Instant),
                ("budget", positive()),
            ]),
            body::<BudgetLineBody>(vec![
                ("description", Rule::Name(app::MAX_LINE_CHARS).required()),
                ("amount", money().required()),
            ]),
            body::<ApplicationInBody>(vec![
                ("call_id", Rule::Id.required()),
                ("title", Rule::Name(app::MAX_TITLE_CHARS).required()),
                ("summary", Rule::Optional(app::MAX_SUMMARY_CHARS)),
                ("site_id", Rule::Id),
                ("project_id", Rule::Id),
                ("amount", positive()),
                ("own_contribution", money()),
                ("co_funding", money()),
                (
                    "budget_lines",
                    Rule::each(Rule::Nested, Some(app::MAX_BUDGET_LINES)),
                ),
                ("answers", Rule::Map(Box::new(Rule::Optional(app::MAX_ANSWER_CHARS)))),
                ("team_emails", Rule::each(Rule::Email, Some(app::MAX_TEAM))),
            ]),
            body::<ReviewInBody>(vec![
                ("comment", Rule::Optional(MAX_COMMENT_CHARS)),
                ("scores", Rule::Map(Box::new(Rule::Range(MIN_SCORE, MAX_SCORE)))),
            ]),
            body::<RecommendationInBody>(vec![
                ("amount", money().required()),
                ("justification", Rule::Optional(MAX_JUSTIFICATION_CHARS)),
            ]),
            body::<DecisionBody>(vec![("case_number", Rule::Name(MAX_CASE_NUMBER_CHARS))]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("call_id", Rule::AnyId),
            ("year", Rule::Range(2000, 2100)),
        ],
    }
}
