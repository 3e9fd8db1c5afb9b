//! `/api/v1/prize/…`: the annual innovation prize (DESIGN §7). Each handler reads its input,
//! calls one service function with the acting user and shapes the answer; the service
//! decides permission and validity. DTOs in `bodies`; handlers in `years` (categories,
//! publication, results) and `nominations` (shortlist, ballots).

mod bodies;
mod nominations;
mod years;

use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
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
    let router = OpenApiRouter::with_openapi(PrizeApi::openapi())
        .routes(routes!(list_prize_years, create_prize_year))
        .routes(routes!(patch_prize_year))
        .routes(routes!(list_prize_categories, create_prize_category))
        .routes(routes!(publish_prize_year))
        .routes(routes!(prize_results))
        .routes(routes!(list_prize_nominations, create_prize_nomination))
        .routes(routes!(shortlist_prize_category))
        .routes(routes!(put_prize_ballot));
    crate::http::contract::strict(router, rules())
}

/// What the prize's services accept, from the domain's own limits (issue 26).
fn rules() -> Rules {
    use crate::prize::domain::ballot::{MAX_COMMENT_CHARS, MAX_SCORE, MIN_SCORE};
    use crate::prize::domain::category::{MAX_CRITERIA, MAX_JURORS, MAX_NAME_CHARS, MAX_WEIGHT};
    use crate::prize::domain::nomination::{
        MAX_FINALISTS, MAX_JUSTIFICATION_CHARS, MAX_LINK_CHARS, MAX_LINKS, MAX_NOMINEE_CHARS,
        MAX_STATEMENT_CHARS, MAX_TITLE_CHARS,
    };
    use crate::prize::domain::year::{MAX_YEAR, MIN_YEAR};
    use bodies::*;
    let instants = |year: Vec<(&'static str, Rule)>, required: bool| {
        let mut fields = year;
        let needed = |rule: Rule| if required { rule.required() } else { rule };
        fields.extend([
            ("nominations_open", needed(Rule::Instant)),
            ("nominations_close", needed(Rule::Instant)),
            ("jury_deadline", needed(Rule::Instant)),
            ("award_date", needed(Rule::Date)),
        ]);
        fields
    };
    Rules {
        bodies: vec![
            body::<NewYearBody>(instants(
                vec![("year", Rule::Range(MIN_YEAR, MAX_YEAR).required())],
                true,
            )),
            body::<YearPatchBody>(instants(Vec::new(), false)),
            body::<NewCriterionBody>(vec![
                ("name", Rule::Name(MAX_NAME_CHARS).required()),
                ("weight", Rule::Range(1, MAX_WEIGHT)),
            ]),
            body::<NewCategoryBody>(vec![
                ("name", Rule::Name(MAX_NAME_CHARS).required()),
                ("criteria", Rule::some(Rule::Nested, Some(MAX_CRITERIA))),
                ("jury_user_ids", Rule::each(Rule::Id, Some(MAX_JURORS))),
                ("chair_user_id", Rule::Id),
            ]),
            body::<NewNominationBody>(vec![
                ("category_id", Rule::Id.required()),
                ("title", Rule::Name(MAX_TITLE_CHARS).required()),
                ("nominee", Rule::Name(MAX_NOMINEE_CHARS).required()),
                ("nominee_email", Rule::Email),
                ("project_id", Rule::Id),
                ("site_id", Rule::Id),
                ("links", Rule::each(Rule::Link(MAX_LINK_CHARS), Some(MAX_LINKS))),
                (
                    "justification",
                    Rule::Map(Box::new(Rule::Text(MAX_JUSTIFICATION_CHARS))),
                ),
            ]),
            body::<ShortlistBody>(vec![
                (
                    "nomination_ids",
                    Rule::some(Rule::Id, Some(MAX_FINALISTS)).required(),
                ),
                (
                    "statements",
                    Rule::Map(Box::new(Rule::Optional(MAX_STATEMENT_CHARS))),
                ),
            ]),
            body::<BallotBody>(vec![
                ("comment", Rule::Optional(MAX_COMMENT_CHARS)),
                ("scores", Rule::Map(Box::new(Rule::Range(MIN_SCORE, MAX_SCORE)))),
            ]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("year_id", Rule::AnyId),
            ("category_id", Rule::AnyId),
            ("sector_id", Rule::AnyId),
            ("site_id", Rule::AnyId),
        ],
    }
}
