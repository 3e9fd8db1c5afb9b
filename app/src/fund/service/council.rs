//! The innovation council's work on a closed call (DESIGN §6): the applications ranked by
//! weighted score with their spread and the running total against the round's budget; a
//! recommended amount per application, refused above the amount asked, without the line's
//! anchoring, or past the budget — decided in the transaction, under the call's row lock, so
//! two council members saving at once cannot pass the budget together; then the decision, a
//! separate recorded step, once.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::money::Nok;
use crate::core::parse::{Input, parse_name, parse_optional_text};
use crate::fund::domain::budget::{
    DecisionForm, MAX_CASE_NUMBER_CHARS, MAX_JUSTIFICATION_CHARS, RecommendationCheck, RecommendationForm,
};
use crate::fund::domain::call::CallState;
use crate::fund::domain::followup::{ReportKind, months_after};
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::ranking::{Candidate, WeightedCriterion, rank};
use crate::fund::domain::view::{Ranking, RankingLine};
use crate::fund::entities::{
    fund_application, fund_call, fund_report, fund_review,
};

use super::access::find_application;
use super::applications::rows;
use super::{audit, call_row, criteria_of, find_call, state, track_names};

/// What the council has recommended in the call `call_id`, leaving out the application
/// `except`.
pub(super) async fn recommended_total(
    db: &impl ConnectionTrait,
    call_id: i32,
    except: Option<i32>,
) -> Result<Nok, AppError> {
    let mut find = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.eq(call_id))
        .filter(fund_application::Column::RecommendedNok.is_not_null());
    if let Some(id) = except {
        find = find.filter(fund_application::Column::Id.ne(id));
    }
    Ok(find
        .all(db)
        .await?
        .iter()
        .fold(Nok(0), |sum, a| {
            sum.saturating_add(Nok(a.recommended_nok.unwrap_or(0)))
        }))
}

/// The call's submitted applications ranked (DESIGN §6), with the council's amounts so far.
pub async fn ranking(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: i32,
    now: OffsetDateTime,
) -> Result<Ranking, AppError> {
    authorize(actor, FundAction::Recommend)?;
    let call = find_call(db, call_id).await?;
    let criteria: Vec<WeightedCriterion> = criteria_of(db, call_id)
        .await?
        .iter()
        .map(|c| WeightedCriterion {
            id: c.id,
            weight: c.weight,
        })
        .collect();
    let applications = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.eq(call_id))
        .filter(fund_application::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let reviews = fund_review::Entity::find()
        .filter(fund_review::Column::ApplicationId.is_in(applications.iter().map(|a| a.id)))
        .filter(fund_review::Column::Conflict.eq(false))
        .all(db)
        .await?;
    let mut scores = super::reviews::scores_of(db, &reviews).await?;
    let candidates: Vec<Candidate> = applications
        .iter()
        .map(|a| Candidate {
            id: a.id,
            reviews: reviews
                .iter()
                .filter(|r| r.application_id == a.id)
                .map(|r| scores.remove(&r.id).unwrap_or_default())
                .collect(),
        })
        .collect();
    // A council member who applied, or is on a team, sees their own line without its scores,
    // spread or amount until the decision (they neither recommend it nor read its reviews).
    let own: Vec<i32> = if call.decided_at.is_none() {
        let stands = super::access::Stands::of(db, actor).await?;
        applications
            .iter()
            .filter(|a| {
                let standing = stands.to(a);
                standing.applicant || standing.team
            })
            .map(|a| a.id)
            .collect()
    } else {
        Vec::new()
    };
    let decided = HashMap::from([(call.id, call.decided_at.is_some())]);
    let mut by_id: HashMap<i32, (crate::fund::domain::view::ApplicationRow, &fund_application::Model)> =
        rows(db, &applications, &decided)
            .await?
            .into_iter()
            .zip(applications.iter())
            .map(|(row, model)| (row.id, (row, model)))
            .collect();
    let lines: Vec<RankingLine> = rank(&criteria, &candidates)
        .into_iter()
        .filter_map(|r| {
            let (row, model) = by_id.remove(&r.id)?;
            let hidden = own.contains(&r.id);
            Some(RankingLine {
                application: row,
                place: r.place,
                score_hundredths: r.score_hundredths.filter(|_| !hidden),
                spread_hundredths: r.spread_hundredths.filter(|_| !hidden),
                reviews: r.reviews,
                recommended: model.recommended_nok.map(Nok).filter(|_| !hidden),
                justification: model.justification.clone().filter(|_| !hidden),
            })
        })
        .collect();
    // The whole round's total, also where a line's own amount is not shown.
    let recommended = applications.iter().fold(Nok(0), |sum, a| {
        sum.saturating_add(Nok(a.recommended_nok.unwrap_or(0)))
    });
    let tracks = track_names(db).await?;
    Ok(Ranking {
        call: call_row(&call, &tracks, now),
        remaining: Nok(call.budget_nok - recommended.0),
        recommended,
        lines,
        decided_at: call.decided_at,
    })
}

/// Sets the council's recommended amount for an application (0: not recommended) with a
/// justification, which the applicant reads as feedback once the call is decided.
pub async fn recommend(
    db: &DatabaseConnection,
    actor: &Actor,
    application_id: i32,
    form: impl Input<Parsed = RecommendationForm>,
    now: OffsetDateTime,
) -> Result<Nok, AppError> {
    authorize(actor, FundAction::Recommend)?;
    let (application, call) = find_application(db, application_id).await?;
    if application.submitted_at.is_none() {
        return Err(AppError::NotFound);
    }
    // A council member does not recommend money for their own application, their team's,
    // or one they anchor as line manager.
    let standing = super::access::standing(db, actor, &application).await?;
    if standing.applicant || standing.team || standing.line_manager {
        return Err(AppError::Forbidden);
    }
    let form = form.parse().map_err(AppError::Invalid)?;
    let mut errors = FieldErrors::new();
    let amount = Nok::parse(&form.amount)
        .map_err(|e| errors.insert("amount".into(), e))
        .ok();
    let justification = parse_optional_text(&form.justification, MAX_JUSTIFICATION_CHARS)
        .map_err(|e| errors.insert("justification".into(), e))
        .ok()
        .flatten();
    let Some(amount) = amount.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    match state(&call, now) {
        CallState::Decided => {
            return Err(AppError::conflict("amount", FieldError::AlreadyDecided));
        }
        CallState::Upcoming | CallState::Open => {
            return Err(AppError::conflict("amount", FieldError::CallOpen));
        }
        CallState::Closed => {}
    }
    let txn = crate::core::txn::begin_write(db).await?;
    // The call's row is the turn: a concurrent recommendation in the same round waits here
    // and then counts this one (issue 28).
    let call = crate::core::txn::find_locked::<fund_call::Entity>(&txn, call.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if call.decided_at.is_some() {
        return Err(AppError::conflict("amount", FieldError::AlreadyDecided));
    }
    let application = fund_application::Entity::find_by_id(application_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let others = recommended_total(&txn, call.id, Some(application_id)).await?;
    let check = RecommendationCheck {
        amount,
        requested: Nok(application.amount_nok.unwrap_or(0)),
        anchored: application.anchored_at.is_some(),
        round_budget: Nok(call.budget_nok),
        others,
    };
    match check.check() {
        Ok(()) => {}
        Err(FieldError::NotAnchored) => {
            return Err(AppError::conflict("amount", FieldError::NotAnchored));
        }
        Err(e) => return Err(AppError::invalid("amount", e)),
    }
    let before = application.recommended_nok;
    let mut active: fund_application::ActiveModel = application.into();
    active.recommended_nok = Set(Some(amount.0));
    active.justification = Set(justification.clone());
    active.recommended_by = Set(actor.user_id());
    active.recommended_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "fund.recommended",
        ("fund_application", application_id),
        json!({ "amount": amount.0, "before": before, "justification": justification }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(amount)
}

/// Records the decision (vedtak) on a closed call, once (DESIGN §6): who, when, and the
/// case number in the municipality's archive. Every applicant then sees the outcome and the
/// council's feedback; each granted application owes an interim and a final report.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: i32,
    form: impl Input<Parsed = DecisionForm>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::Recommend)?;
    find_call(db, call_id).await?;
    let form = form.parse().map_err(AppError::Invalid)?;
    // Given, it is a case number (the form sends none when its field is left empty).
    let case_number = match form.case_number.as_deref() {
        Some(raw) => Some(
            parse_name(raw, MAX_CASE_NUMBER_CHARS)
                .map_err(|e| AppError::invalid("case_number", e))?,
        ),
        None => None,
    };
    let txn = crate::core::txn::begin_write(db).await?;
    let call = crate::core::txn::find_locked::<fund_call::Entity>(&txn, call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match state(&call, now) {
        CallState::Decided => {
            return Err(AppError::conflict("case_number", FieldError::AlreadyDecided));
        }
        CallState::Upcoming | CallState::Open => {
            return Err(AppError::conflict("case_number", FieldError::CallOpen));
        }
        CallState::Closed => {}
    }
    let recommended = recommended_total(&txn, call_id, None).await?;
    if recommended.0 > call.budget_nok {
        return Err(AppError::conflict("case_number", FieldError::OverBudget));
    }
    let granted: Vec<fund_application::Model> = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.eq(call_id))
        .filter(fund_application::Column::SubmittedAt.is_not_null())
        .filter(fund_application::Column::RecommendedNok.gt(0))
        .all(&txn)
        .await?;
    let today = crate::core::timefmt::oslo_date(now);
    let source = format!("Forsknings- og innovasjonsfondet: {}", call.title);
    for application in &granted {
        // DESIGN §6: the grant links the application's project, or starts one for it, with
        // the fund as a funding source (through the portfolio's own service).
        let grant = crate::portfolio::write::Grant {
            project_id: application.project_id,
            name: application.title.clone(),
            description: application.summary.clone().unwrap_or_default(),
            owner_id: application.applicant_id,
            site_id: application.site_id,
            source: source.clone(),
            amount: Nok(application.recommended_nok.unwrap_or(0)),
        };
        let project = crate::portfolio::write::record_grant(&txn, actor, grant, now).await?;
        if application.project_id != Some(project) {
            fund_application::Entity::update_many()
                .col_expr(
                    fund_application::Column::ProjectId,
                    sea_orm::sea_query::Expr::value(Some(project)),
                )
                .filter(fund_application::Column::Id.eq(application.id))
                .exec(&txn)
                .await?;
        }
        for kind in [ReportKind::Interim, ReportKind::Final] {
            fund_report::ActiveModel {
                application_id: Set(application.id),
                kind: Set(kind.as_str().to_owned()),
                due_on: Set(months_after(today, kind.months_after_decision())),
                submitted_at: Set(None),
                submitted_by: Set(None),
                body: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    // Issue 30: every applicant is told the outcome (in the app, and by e-mail if they want).
    let submitted = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.eq(call_id))
        .filter(fund_application::Column::SubmittedAt.is_not_null())
        .all(&txn)
        .await?;
    for application in &submitted {
        let amount = application.recommended_nok.filter(|nok| *nok > 0);
        let detail = amount.map(|nok| Nok(nok).format_nb()).unwrap_or_default();
        let new = crate::notifications::domain::NewNotification {
            user_id: application.applicant_id,
            kind: crate::notifications::domain::NotificationKind::FundDecided,
            subject: &application.title,
            status: if amount.is_some() {
                crate::notifications::domain::GRANTED
            } else {
                "declined"
            },
            detail: &detail,
            link: &format!("/fond/soknader/{}", application.id),
        };
        crate::notifications::service::notify(&txn, new, now).await?;
    }
    // Issue 29: a draft for Tanketanken's editors, linked to the grants, in this transaction.
    if let (Some(author_id), false) = (actor.user_id(), granted.is_empty()) {
        use crate::posts::write::{Announcement, LinkKind, announce, escape_markdown};
        let total: i64 = granted.iter().filter_map(|a| a.recommended_nok).sum();
        let lines: String = granted
            .iter()
            .map(|a| {
                format!(
                    "- **{}**: {}\n",
                    escape_markdown(&a.title),
                    Nok(a.recommended_nok.unwrap_or(0)).format_nb()
                )
            })
            .collect();
        let announcement = Announcement {
            key: format!("fund_call:{call_id}"),
            author_id,
            title: format!("Tildelinger: {}", call.title),
            summary: format!(
                "{} prosjekter får til sammen {} fra forsknings- og innovasjonsfondet.",
                granted.len(),
                Nok(total).format_nb()
            ),
            body: format!(
                "Innovasjonsrådet har fattet vedtak i {}.\n\n{lines}",
                escape_markdown(&call.title)
            ),
            links: granted
                .iter()
                .map(|a| (LinkKind::Application, a.id))
                .collect(),
        };
        announce(&txn, announcement, now).await?;
    }
    let mut active: fund_call::ActiveModel = call.into();
    active.decided_at = Set(Some(now));
    active.decided_by = Set(actor.user_id());
    active.case_number = Set(case_number.clone());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "fund.decided",
        ("fund_call", call_id),
        json!({
            "case_number": case_number,
            "granted": granted
                .iter()
                .map(|a| json!({ "application_id": a.id, "amount": a.recommended_nok }))
                .collect::<Vec<_>>(),
            "total": recommended.0,
        }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
