//! Every server function of the fund (DESIGN §6): thin wrappers over the service layer.
//! Forms post here; an accepted post leaves a notice for the page it sends the browser to.
// A form's fields are its server function's arguments (their names are the fields' names,
// which the inline errors match): the application form has twelve.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;
#[cfg(feature = "ssr")]
use crate::core::state::now;
#[cfg(feature = "ssr")]
use crate::fund::domain::view::{
    ApplicationView, ApplyPage, CallPage, FundPage, OverviewPage, Ranking,
};

#[cfg(feature = "ssr")]
pub async fn load_fund() -> Result<FundPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::fund_page(&state.db, &actor, now()).await
}

/// The calls open now, for the site's front page: none for a visitor who is not signed in.
#[cfg(feature = "ssr")]
pub async fn load_open_calls() -> Result<Vec<crate::fund::domain::view::CallRow>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    if actor.user().is_none() {
        return Ok(Vec::new());
    }
    crate::fund::service::open_calls(&state.db, &actor, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_call(call_id: i32) -> Result<CallPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::call_page(&state.db, &actor, call_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_apply(
    call_id: Option<i32>,
    application_id: Option<i32>,
) -> Result<ApplyPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::apply_page(&state.db, &actor, call_id, application_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_application(id: i32) -> Result<ApplicationView, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::get_application(&state.db, &actor, id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_ranking(call_id: i32) -> Result<Ranking, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::ranking(&state.db, &actor, call_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_overview(year: Option<i32>) -> Result<OverviewPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let at = now();
    let year = year.unwrap_or_else(|| crate::core::timefmt::oslo_date(at).year());
    crate::fund::service::overview_page(&state.db, &actor, year, at).await
}

#[cfg(feature = "ssr")]
pub async fn load_tracks() -> Result<Vec<crate::core::named::Named>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::auth::authorize(&actor, crate::fund::domain::permission::FundAction::Manage)?;
    crate::fund::service::list_tracks(&state.db, &actor).await
}

/// The form's rows of a list (`name[0]`, `name[1]` …), in row order.
#[cfg(feature = "ssr")]
fn rows(map: &HashMap<String, String>) -> Vec<(usize, String)> {
    let mut rows: Vec<(usize, String)> = map
        .iter()
        .filter_map(|(k, v)| Some((k.trim().parse::<usize>().ok()?, v.clone())))
        .filter(|(row, _)| *row < 100)
        .collect();
    rows.sort_by_key(|(row, _)| *row);
    rows
}

/// Two maps of rows as one list of pairs, a row missing in one of them empty there.
#[cfg(feature = "ssr")]
fn row_pairs(a: &HashMap<String, String>, b: &HashMap<String, String>) -> Vec<(String, String)> {
    let (a, b) = (rows(a), rows(b));
    let last = a.iter().chain(b.iter()).map(|(r, _)| *r).max();
    let Some(last) = last else {
        return Vec::new();
    };
    let get = |list: &[(usize, String)], row| {
        list.iter()
            .find(|(r, _)| *r == row)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    // The form offers more rows than most need: a row left blank is no row.
    (0..=last)
        .map(|row| (get(&a, row), get(&b, row)))
        .filter(|(x, y)| !(x.trim().is_empty() && y.trim().is_empty()))
        .collect()
}

/// The domain's names of a list's fields (`budget_lines[0].amount`) as the form's
/// (`line_amount[0]`), so each refusal stands beside its field.
#[cfg(feature = "ssr")]
fn as_form_names(error: AppError) -> AppError {
    let rename = |fields: crate::core::error::FieldErrors| {
        fields
            .into_iter()
            .map(|(name, e)| {
                let renamed = [
                    ("budget_lines[", "].description", "line_description["),
                    ("budget_lines[", "].amount", "line_amount["),
                    ("criteria[", "].name", "criterion_name["),
                    ("criteria[", "].weight", "criterion_weight["),
                ]
                .iter()
                .find_map(|(start, end, to)| {
                    let row = name.strip_prefix(start)?.strip_suffix(end)?;
                    Some(format!("{to}{row}]"))
                });
                // The sum of the lines is the amount's: its message stands beside it.
                let renamed = renamed.or_else(|| (name == "budget_lines").then(|| "amount".into()));
                (renamed.unwrap_or(name), e)
            })
            .collect()
    };
    match error {
        AppError::Invalid(fields) => AppError::Invalid(rename(fields)),
        AppError::Conflict(fields) => AppError::Conflict(rename(fields)),
        other => other,
    }
}

#[server]
pub async fn create_fund_call(
    track_id: String,
    title: String,
    text: String,
    opens_at: String,
    closes_at: String,
    budget: String,
    max_amount: String,
    #[server(default)] criterion_name: HashMap<String, String>,
    #[server(default)] criterion_weight: HashMap<String, String>,
    #[server(default)] reviewers: String,
) -> Result<(), AppError> {
    use crate::fund::domain::call::{CallForm, CriterionForm};
    let (state, actor) = crate::auth::service::acting().await?;
    let form = CallForm {
        track_id,
        title,
        text,
        opens_at,
        closes_at,
        budget,
        max_amount,
        criteria: Some(
            row_pairs(&criterion_name, &criterion_weight)
                .into_iter()
                .map(|(name, weight)| CriterionForm { name, weight })
                .collect(),
        ),
        reviewers,
    };
    let id = crate::fund::service::create_call(&state.db, &actor, form, now())
        .await
        .map_err(as_form_names)?;
    answer_form("call", Notice::Done, &format!("/fond/utlysninger/{id}")).await
}

#[server]
pub async fn move_fund_call(
    call_id: i32,
    opens_at: String,
    closes_at: String,
    budget: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let patch = crate::fund::domain::call::CallPatch {
        opens_at: Some(opens_at),
        closes_at: Some(closes_at),
        budget: Some(budget),
    };
    crate::fund::service::patch_call(&state.db, &actor, call_id, patch, now()).await?;
    answer_form(
        "call-change",
        Notice::Done,
        &format!("/fond/utlysninger/{call_id}"),
    )
    .await
}

/// The application form: a new draft (no `application_id`) or the applicant's draft.
#[server]
pub async fn save_fund_application(
    call_id: i32,
    #[server(default)] application_id: String,
    title: String,
    #[server(default)] summary: String,
    #[server(default)] site_id: String,
    #[server(default)] project_id: String,
    #[server(default)] amount: String,
    #[server(default)] own_contribution: String,
    #[server(default)] co_funding: String,
    #[server(default)] line_description: HashMap<String, String>,
    #[server(default)] line_amount: HashMap<String, String>,
    #[server(default)] answers: HashMap<String, String>,
    #[server(default)] team: String,
) -> Result<(), AppError> {
    use crate::fund::domain::application::{ApplicationForm, BudgetLineForm, InCall};
    let (state, actor) = crate::auth::service::acting().await?;
    let existing = application_id.trim().parse::<i32>().ok();
    let form = ApplicationForm {
        title,
        summary,
        site_id,
        project_id,
        amount,
        own_contribution,
        co_funding,
        budget_lines: row_pairs(&line_description, &line_amount)
            .into_iter()
            .map(|(description, amount)| BudgetLineForm {
                description,
                amount,
            })
            .collect(),
        answers: answers.into_iter().collect(),
        team,
    };
    let id = crate::fund::service::save_application(
        &state.db,
        &actor,
        existing,
        InCall { call_id, form },
        now(),
    )
    .await
    .map_err(as_form_names)?;
    answer_form("application", Notice::Done, &format!("/fond/soknader/{id}")).await
}

#[server]
pub async fn submit_fund_application(application_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::submit_application(&state.db, &actor, application_id, now()).await?;
    answer_form(
        "submit",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

#[server]
pub async fn anchor_fund_application(application_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::anchor_application(&state.db, &actor, application_id, now()).await?;
    answer_form(
        "anchoring",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

/// A reviewer's scores `scores[<criterion id>]` 1–5 each with a comment.
#[server]
pub async fn save_fund_review(
    application_id: i32,
    #[server(default)] scores: HashMap<String, String>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::fund::domain::review::ReviewForm {
        conflict: false,
        scores: scores.into_iter().collect(),
        comment,
    };
    crate::fund::service::save_review(&state.db, &actor, application_id, form, now()).await?;
    answer_form(
        "review",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

/// A reviewer confirms a flagged conflict or declares one, with a reason.
#[server]
pub async fn declare_fund_conflict(
    application_id: i32,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::fund::domain::review::ReviewForm {
        conflict: true,
        scores: Default::default(),
        comment,
    };
    crate::fund::service::save_review(&state.db, &actor, application_id, form, now()).await?;
    answer_form(
        "conflict",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

#[server]
pub async fn recommend_fund_application(
    call_id: i32,
    application_id: i32,
    amount: String,
    #[server(default)] justification: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::fund::domain::budget::RecommendationForm {
        amount,
        justification,
    };
    crate::fund::service::recommend(&state.db, &actor, application_id, form, now()).await?;
    answer_form(
        &format!("recommend-{application_id}"),
        Notice::Done,
        &format!("/fond/utlysninger/{call_id}/innstilling"),
    )
    .await
}

#[server]
pub async fn decide_fund_call(
    call_id: i32,
    #[server(default)] case_number: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::fund::domain::budget::DecisionForm {
        case_number: (!case_number.trim().is_empty()).then_some(case_number),
    };
    crate::fund::service::decide(&state.db, &actor, call_id, form, now()).await?;
    answer_form(
        "decide",
        Notice::Done,
        &format!("/fond/utlysninger/{call_id}/innstilling"),
    )
    .await
}

#[server]
pub async fn set_fund_budget(track_id: String, year: String, budget: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let year =
        crate::fund::service::set_track_budget(&state.db, &actor, &track_id, &year, &budget, now())
            .await?;
    answer_form("budget", Notice::Done, &format!("/fond/oversikt?year={year}")).await
}

#[server]
pub async fn submit_fund_report(
    application_id: i32,
    report_id: i32,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::submit_report(&state.db, &actor, report_id, &body, now()).await?;
    answer_form(
        &format!("report-{report_id}"),
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

#[server]
pub async fn record_fund_payment(
    application_id: i32,
    kind: String,
    amount: String,
    paid_on: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::fund::domain::followup::PaymentForm {
        kind,
        amount,
        paid_on,
        note,
    };
    crate::fund::service::record_payment(&state.db, &actor, application_id, form, now()).await?;
    answer_form(
        "payment",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

#[server]
pub async fn request_fund_guidance(application_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::request_guidance(&state.db, &actor, application_id, now()).await?;
    answer_form(
        "guidance-ask",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}

#[server]
pub async fn fund_guidance_given(application_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::fund::service::guidance_given(&state.db, &actor, application_id, now()).await?;
    answer_form(
        "guidance-given",
        Notice::Done,
        &format!("/fond/soknader/{application_id}"),
    )
    .await
}
