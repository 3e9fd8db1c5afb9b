//! The follow-up of grants (DESIGN §6): the grantee delivers the interim and the final report;
//! the administrators record payments and money returned (never more paid out than granted,
//! never more returned than paid); a declined applicant asks for guidance and the
//! administrators record that it was given. Every step is in the audit log.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError, FieldErrors, noted};
use crate::core::money::Nok;
use crate::core::parse::{Input, parse_date, parse_optional_text, parse_text};
use crate::core::timefmt::oslo_date;
use crate::fund::domain::application::Stage;
use crate::fund::domain::followup::{MAX_NOTE_CHARS, MAX_REPORT_CHARS, PaymentForm, PaymentKind, overdue};
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::view::{PaymentView, ReportView};
use crate::fund::entities::{fund_application, fund_payment, fund_report};

use super::access::{find_application, stage, standing};
use super::audit;


/// The grantee (the applicant or one of the team) delivers a report.
pub async fn submit_report(
    db: &DatabaseConnection,
    actor: &Actor,
    report_id: i32,
    body: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::View)?;
    let report = fund_report::Entity::find_by_id(report_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (application, _) = find_application(db, report.application_id).await?;
    let standing = standing(db, actor, &application).await?;
    if !(standing.applicant || standing.team) {
        return Err(AppError::Forbidden);
    }
    if report.submitted_at.is_some() {
        return Err(AppError::conflict("body", FieldError::AlreadySubmitted));
    }
    let body = parse_text(body, MAX_REPORT_CHARS).map_err(|e| AppError::invalid("body", e))?;
    let txn = crate::core::txn::begin_write(db).await?;
    let done = fund_report::Entity::update_many()
        .col_expr(fund_report::Column::SubmittedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .col_expr(fund_report::Column::SubmittedBy, sea_orm::sea_query::Expr::value(actor.user_id()))
        .col_expr(fund_report::Column::Body, sea_orm::sea_query::Expr::value(Some(body.clone())))
        .filter(fund_report::Column::Id.eq(report_id))
        .filter(fund_report::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict("body", FieldError::AlreadySubmitted));
    }
    audit(
        &txn,
        actor,
        "fund.report_submitted",
        ("fund_application", application.id),
        json!({ "report_id": report_id, "kind": report.kind }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records money paid to a grant or returned from it (the administrators). Under the
/// application's row lock: concurrent records cannot pay out more than granted together.
pub async fn record_payment(
    db: &DatabaseConnection,
    actor: &Actor,
    application_id: i32,
    input: impl Input<Parsed = PaymentForm>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::Manage)?;
    let (application, call) = find_application(db, application_id).await?;
    let form = input.parse().map_err(AppError::Invalid)?;
    let mut errors = FieldErrors::new();
    let kind = noted(
        &mut errors,
        "kind",
        PaymentKind::parse(form.kind.trim()).ok_or(FieldError::InvalidChoice),
    );
    let amount = noted(
        &mut errors,
        "amount",
        Nok::parse(&form.amount).and_then(|a| {
            if a.0 == 0 {
                Err(FieldError::OutOfRange)
            } else {
                Ok(a)
            }
        }),
    );
    let paid_on = noted(&mut errors, "paid_on", parse_date(&form.paid_on));
    let note = noted(&mut errors, "note", parse_optional_text(&form.note, MAX_NOTE_CHARS)).flatten();
    let (Some(kind), Some(amount), Some(paid_on)) = (kind, amount, paid_on) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if stage(&application, call.decided_at.is_some()) != Stage::Granted {
        return Err(AppError::conflict("amount", FieldError::NotGranted));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::find_locked::<fund_application::Entity>(&txn, application_id).await?;
    let (paid, returned) = money_moved(&txn, application_id).await?;
    let granted = application.recommended_nok.unwrap_or(0);
    match kind {
        // Money returned is back in the fund (the overview counts it there): it is not paid
        // out to the same grant again.
        PaymentKind::Payment if paid + amount.0 > granted => {
            return Err(AppError::invalid("amount", FieldError::AboveGranted));
        }
        PaymentKind::Returned if returned + amount.0 > paid => {
            return Err(AppError::invalid("amount", FieldError::MoreThanPaid));
        }
        _ => {}
    }
    fund_payment::ActiveModel {
        application_id: Set(application_id),
        kind: Set(kind.as_str().to_owned()),
        amount_nok: Set(amount.0),
        paid_on: Set(paid_on),
        note: Set(note.clone()),
        recorded_by: Set(actor.user_id()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        actor,
        "fund.payment_recorded",
        ("fund_application", application_id),
        json!({ "kind": kind.as_str(), "amount": amount.0, "paid_on": paid_on.to_string(), "note": note }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Paid out and returned so far for an application, in kroner.
async fn money_moved(db: &impl ConnectionTrait, application_id: i32) -> Result<(i64, i64), AppError> {
    let mut paid = 0;
    let mut returned = 0;
    for payment in fund_payment::Entity::find()
        .filter(fund_payment::Column::ApplicationId.eq(application_id))
        .all(db)
        .await?
    {
        match PaymentKind::parse(&payment.kind) {
            Some(PaymentKind::Returned) => returned += payment.amount_nok,
            _ => paid += payment.amount_nok,
        }
    }
    Ok((paid, returned))
}

/// A declined applicant asks for guidance (Oppdrift, DESIGN §1); asking twice keeps the first.
pub async fn request_guidance(
    db: &DatabaseConnection,
    actor: &Actor,
    application_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::View)?;
    let (application, call) = find_application(db, application_id).await?;
    if actor.user_id() != Some(application.applicant_id) {
        return Err(AppError::Forbidden);
    }
    if stage(&application, call.decided_at.is_some()) != Stage::Declined {
        return Err(AppError::conflict("guidance", FieldError::NotDeclined));
    }
    if application.guidance_requested_at.is_some() {
        return Ok(());
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let mut active: fund_application::ActiveModel = application.into();
    active.guidance_requested_at = Set(Some(now));
    active.update(&txn).await?;
    audit(&txn, actor, "fund.guidance_requested", ("fund_application", application_id), json!({}), now).await?;
    txn.commit().await?;
    Ok(())
}

/// The administrators record that the guidance asked for was given.
pub async fn guidance_given(
    db: &DatabaseConnection,
    actor: &Actor,
    application_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::Manage)?;
    let (application, _) = find_application(db, application_id).await?;
    if application.guidance_requested_at.is_none() {
        return Err(AppError::conflict("guidance", FieldError::GuidanceNotAsked));
    }
    if application.guidance_given_at.is_some() {
        return Ok(());
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let mut active: fund_application::ActiveModel = application.into();
    active.guidance_given_at = Set(Some(now));
    active.update(&txn).await?;
    audit(&txn, actor, "fund.guidance_given", ("fund_application", application_id), json!({}), now).await?;
    txn.commit().await?;
    Ok(())
}

/// An application's reports, by due date.
pub(super) async fn reports_of(
    db: &impl ConnectionTrait,
    application: &fund_application::Model,
    now: OffsetDateTime,
) -> Result<Vec<ReportView>, AppError> {
    let today = oslo_date(now);
    Ok(fund_report::Entity::find()
        .filter(fund_report::Column::ApplicationId.eq(application.id))
        .order_by_asc(fund_report::Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReportView {
            id: r.id,
            application_id: r.application_id,
            application_title: application.title.clone(),
            overdue: overdue(r.due_on, r.submitted_at.is_some(), today),
            kind: r.kind,
            due_on: r.due_on,
            submitted_at: r.submitted_at,
        })
        .collect())
}

/// An application's payments and returns, in the order recorded.
pub(super) async fn payments_of(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Vec<PaymentView>, AppError> {
    Ok(fund_payment::Entity::find()
        .filter(fund_payment::Column::ApplicationId.eq(application_id))
        .order_by_asc(fund_payment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PaymentView {
            kind: PaymentKind::parse(&p.kind).unwrap_or(PaymentKind::Payment),
            amount: Nok(p.amount_nok),
            paid_on: p.paid_on,
            note: p.note,
        })
        .collect())
}
