//! What each of the fund's pages shows, read in one call per page.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::timefmt::oslo_date;
use crate::fund::domain::followup::overdue;
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::view::{
    ApplyPage, CallPage, FundPage, OverviewPage, ReportView,
};
use crate::fund::entities::{fund_application, fund_report};
use crate::org::directory::Directory;

use super::{get_application, get_call, list_applications, list_calls, list_tracks, open_calls};

/// The fund's front page (`/fond`).
pub async fn fund_page(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<FundPage, AppError> {
    authorize(actor, FundAction::View)?;
    let me = actor.user_id();
    let (mine, handled) = list_applications(db, actor, None)
        .await?
        .into_iter()
        .partition(|a| Some(a.applicant.id) == me);
    Ok(FundPage {
        open: open_calls(db, actor, now).await?,
        calls: list_calls(db, actor, now).await?,
        mine,
        handled,
        manages: authorize(actor, FundAction::Manage).is_ok(),
        council: authorize(actor, FundAction::Recommend).is_ok(),
    })
}

/// A call's page (`/fond/utlysninger/{id}`).
pub async fn call_page(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: i32,
    now: OffsetDateTime,
) -> Result<CallPage, AppError> {
    let call = get_call(db, actor, call_id, now).await?;
    let me = actor.user_id();
    let mine = list_applications(db, actor, Some(call_id))
        .await?
        .into_iter()
        .filter(|a| Some(a.applicant.id) == me)
        .collect();
    Ok(CallPage {
        call,
        mine,
        manages: authorize(actor, FundAction::Manage).is_ok(),
        council: authorize(actor, FundAction::Recommend).is_ok(),
    })
}

/// The application form: a new one to the call `call_id`, or the applicant's draft
/// `application_id` (the form's other fields come from it).
pub async fn apply_page(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: Option<i32>,
    application_id: Option<i32>,
    now: OffsetDateTime,
) -> Result<ApplyPage, AppError> {
    authorize(actor, FundAction::Apply)?;
    let draft = match application_id {
        Some(id) => {
            let view = get_application(db, actor, id, now).await?;
            if !view.may_edit {
                return Err(AppError::Forbidden);
            }
            Some(view)
        }
        None => None,
    };
    let call_id = draft.as_ref().map(|d| d.row.call_id).or(call_id).unwrap_or(0);
    Ok(ApplyPage {
        call: get_call(db, actor, call_id, now).await?,
        organisation: Directory::load(db).await?.sectors_with_sites(),
        draft,
    })
}

/// The administrators' page (`/fond/oversikt`): the year per track, the tracks for the
/// budget form, and the reports granted projects owe, overdue first.
pub async fn overview_page(
    db: &DatabaseConnection,
    actor: &Actor,
    year: i32,
    now: OffsetDateTime,
) -> Result<OverviewPage, AppError> {
    authorize(actor, FundAction::Manage)?;
    let overview = super::overview(db, actor, year, now).await?;
    let today = oslo_date(now);
    let reports = fund_report::Entity::find()
        .filter(fund_report::Column::SubmittedAt.is_null())
        .order_by_asc(fund_report::Column::DueOn)
        .all(db)
        .await?;
    let titles: std::collections::HashMap<i32, String> = fund_application::Entity::find()
        .filter(fund_application::Column::Id.is_in(reports.iter().map(|r| r.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    let asking = fund_application::Entity::find()
        .filter(fund_application::Column::GuidanceRequestedAt.is_not_null())
        .filter(fund_application::Column::GuidanceGivenAt.is_null())
        .order_by_asc(fund_application::Column::GuidanceRequestedAt)
        .all(db)
        .await?;
    let decided = super::applications::decided_calls(db, asking.iter().map(|a| a.call_id)).await?;
    let guidance = super::applications::rows(db, &asking, &decided).await?;
    Ok(OverviewPage {
        guidance,
        overview,
        tracks: list_tracks(db, actor).await?,
        reports: reports
            .into_iter()
            .map(|r| ReportView {
                id: r.id,
                application_id: r.application_id,
                application_title: titles.get(&r.application_id).cloned().unwrap_or_default(),
                overdue: overdue(r.due_on, r.submitted_at.is_some(), today),
                kind: r.kind,
                due_on: r.due_on,
                submitted_at: r.submitted_at,
            })
            .collect(),
    })
}
