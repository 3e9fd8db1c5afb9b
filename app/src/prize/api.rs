//! Every server function of the prize (DESIGN §7): thin wrappers over the service layer.
//! Forms post here; an accepted post leaves a notice for the page it sends the browser to.
// A form's fields are its server function's arguments (their names are the fields' names,
// which the inline errors match): the nomination form has eight.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;
#[cfg(feature = "ssr")]
use crate::prize::domain::view::{
    CategoryPage, GalleryFilter, GalleryPage, NominatePage, NominationPage, ResultsPage,
    YearView, YearsPage,
};

#[cfg(feature = "ssr")]
use crate::core::state::now;

#[cfg(feature = "ssr")]
pub async fn load_years() -> Result<YearsPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::years_page(&state.db, &actor, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_year(year_id: i32) -> Result<YearView, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::get_year(&state.db, &actor, year_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_gallery(filter: GalleryFilter) -> Result<GalleryPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::gallery_page(&state.db, &actor, &filter, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_nomination(nomination_id: i32) -> Result<NominationPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::nomination_page(&state.db, &actor, nomination_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_results(year_id: i32) -> Result<ResultsPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::results_page(&state.db, &actor, year_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_category(category_id: i32) -> Result<CategoryPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::category_page(&state.db, &actor, category_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_nominate(category_id: i32) -> Result<NominatePage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::nominate_page(&state.db, &actor, category_id, now()).await
}

/// A year's form fields: `peoples_choice` is the check box's value when ticked.
#[server]
pub async fn create_prize_year(
    year: String,
    nominations_open: String,
    nominations_close: String,
    jury_deadline: String,
    award_date: String,
    #[server(default)] peoples_choice: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::prize::domain::year::YearForm {
        year,
        nominations_open,
        nominations_close,
        jury_deadline,
        award_date,
        peoples_choice: peoples_choice.is_some_and(|v| !v.is_empty()),
    };
    let id = crate::prize::service::create_year(&state.db, &actor, form, now()).await?;
    answer_form("year", Notice::Done, &format!("/pris/aar/{id}")).await
}

#[server]
pub async fn move_prize_dates(
    year_id: i32,
    nominations_open: String,
    nominations_close: String,
    jury_deadline: String,
    award_date: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let patch = crate::prize::domain::year::YearPatch {
        nominations_open: Some(nominations_open),
        nominations_close: Some(nominations_close),
        jury_deadline: Some(jury_deadline),
        award_date: Some(award_date),
        peoples_choice: None,
    };
    crate::prize::service::patch_year(&state.db, &actor, year_id, patch, now()).await?;
    answer_form("dates", Notice::Done, &format!("/pris/aar/{year_id}")).await
}

#[server]
pub async fn create_prize_category(
    year_id: i32,
    name: String,
    #[server(default)] criteria: String,
    #[server(default)] jury: String,
    chair: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::prize::domain::category::CategoryForm {
        name,
        criteria,
        jury,
        chair,
    };
    crate::prize::service::create_category(&state.db, &actor, year_id, form, now()).await?;
    answer_form("category", Notice::Done, &format!("/pris/aar/{year_id}")).await
}

/// The nomination form's fields; `justification[<criterion id>]` per criterion.
#[cfg(feature = "ssr")]
fn nomination_form(
    title: String,
    nominee: String,
    nominee_email: String,
    project_id: String,
    site_id: String,
    links: String,
    justification: HashMap<String, String>,
) -> crate::prize::domain::nomination::NominationForm {
    crate::prize::domain::nomination::NominationForm {
        title,
        nominee,
        nominee_email,
        project_id,
        site_id,
        links,
        justification: justification.into_iter().collect(),
    }
}

#[server]
pub async fn nominate(
    category_id: i32,
    title: String,
    nominee: String,
    #[server(default)] nominee_email: String,
    #[server(default)] project_id: String,
    #[server(default)] site_id: String,
    #[server(default)] links: String,
    #[server(default)] justification: HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = nomination_form(
        title,
        nominee,
        nominee_email,
        project_id,
        site_id,
        links,
        justification,
    );
    let id = crate::prize::service::nominate(&state.db, &actor, category_id, form, now()).await?;
    answer_form(
        "nomination",
        Notice::Done,
        &format!("/pris/nominasjoner/{id}"),
    )
    .await
}

#[server]
pub async fn update_nomination(
    nomination_id: i32,
    title: String,
    nominee: String,
    #[server(default)] nominee_email: String,
    #[server(default)] project_id: String,
    #[server(default)] site_id: String,
    #[server(default)] links: String,
    #[server(default)] justification: HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = nomination_form(
        title,
        nominee,
        nominee_email,
        project_id,
        site_id,
        links,
        justification,
    );
    crate::prize::service::update_nomination(&state.db, &actor, nomination_id, form, now()).await?;
    answer_form(
        "nomination",
        Notice::Done,
        &format!("/pris/nominasjoner/{nomination_id}"),
    )
    .await
}

#[server]
pub async fn withdraw_nomination(nomination_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::withdraw_nomination(&state.db, &actor, nomination_id, now()).await?;
    answer_form("withdrawn", Notice::Done, "/pris").await
}

/// The named colleague's choice (DESIGN §7): `shown` is `false` to decline to be shown
/// publicly, `true` to be shown again.
#[server]
pub async fn show_nominee_publicly(nomination_id: i32, shown: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let shown = match shown.trim() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(AppError::invalid(
                "shown",
                crate::core::error::FieldError::InvalidChoice,
            ));
        }
    };
    crate::prize::service::set_shown_publicly(&state.db, &actor, nomination_id, shown, now())
        .await?;
    answer_form(
        "shown-publicly",
        Notice::Done,
        &format!("/pris/nominasjoner/{nomination_id}"),
    )
    .await
}

/// The committee's shortlist: `finalist[<nomination id>]` for each ticked box and
/// `statement[<nomination id>]` for its statement.
#[server]
pub async fn shortlist_finalists(
    category_id: i32,
    #[server(default)] finalist: HashMap<String, String>,
    #[server(default)] statement: HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let mut nomination_ids: Vec<i64> = finalist.keys().filter_map(|k| k.parse().ok()).collect();
    nomination_ids.sort_unstable();
    let input = crate::prize::domain::nomination::ShortlistInput {
        nomination_ids,
        statements: statement.into_iter().collect(),
    };
    crate::prize::service::shortlist(&state.db, &actor, category_id, input, now()).await?;
    answer_form(
        "shortlist",
        Notice::Done,
        &format!("/pris/kategorier/{category_id}"),
    )
    .await
}

/// A juror's ballot: `scores[<criterion id>]` 1–5 each, and a comment.
#[server]
pub async fn cast_ballot(
    nomination_id: i32,
    #[server(default)] scores: HashMap<String, String>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::prize::domain::ballot::BallotForm {
        scores: scores.into_iter().collect(),
        comment,
    };
    crate::prize::service::cast_ballot(&state.db, &actor, nomination_id, form, now()).await?;
    answer_form(
        "ballot",
        Notice::Done,
        &format!("/pris/nominasjoner/{nomination_id}"),
    )
    .await
}

#[server]
pub async fn declare_conflict(nomination_id: i32, reason: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::declare_conflict(&state.db, &actor, nomination_id, &reason, now())
        .await?;
    answer_form(
        "conflict",
        Notice::Done,
        &format!("/pris/nominasjoner/{nomination_id}"),
    )
    .await
}

#[server]
pub async fn record_chair_choice(category_id: i32, nomination_id: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let nomination_id = nomination_id.trim().parse().map_err(|_| {
        AppError::invalid(
            "nomination_id",
            crate::core::error::FieldError::UnknownReference,
        )
    })?;
    crate::prize::service::record_chair_choice(
        &state.db,
        &actor,
        category_id,
        nomination_id,
        now(),
    )
    .await?;
    answer_form(
        "chair",
        Notice::Done,
        &format!("/pris/kategorier/{category_id}"),
    )
    .await
}

#[server]
pub async fn vote_people(nomination_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::prize::service::cast_people_vote(&state.db, &actor, nomination_id, now()).await?;
    answer_form(
        "people",
        Notice::Done,
        &format!("/pris/nominasjoner/{nomination_id}"),
    )
    .await
}

/// Publishes a year's results: `confirm` is the ticked box saying the committee means it
/// (issue 30: one click was enough).
#[server]
pub async fn publish_results(
    year_id: i32,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    if confirm.as_deref().map(str::trim) != Some("on") {
        return Err(AppError::invalid(
            "confirm",
            crate::core::error::FieldError::NotConfirmed,
        ));
    }
    crate::prize::service::publish(&state.db, &actor, year_id, now()).await?;
    answer_form(
        "publish",
        Notice::Done,
        &format!("/pris/aar/{year_id}/resultater"),
    )
    .await
}

