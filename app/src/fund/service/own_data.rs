//! DESIGN §9 (GDPR): the fund's part of a user's own data: the applications they made (with
//! their budget lines and answers, and the outcome once decided), the applications whose team
//! they are on, the applications they anchored as line manager, their reviews with every
//! score, the reports they delivered and the payments they recorded. Not the others' reviews of their application, nor the council's recommendation
//! before the decision: the reviewers' and the council's work. Called by
//! `registry::export_own_data`, which has checked that the user asks for their own data.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::fund::entities::{
    fund_answer, fund_application, fund_budget_line, fund_call, fund_payment, fund_report,
    fund_review, fund_review_score, fund_team_member,
};

pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let made = fund_application::Entity::find()
        .filter(fund_application::Column::ApplicantId.eq(user_id))
        .order_by_asc(fund_application::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = made.iter().map(|a| a.id).collect();
    let lines = fund_budget_line::Entity::find()
        .filter(fund_budget_line::Column::ApplicationId.is_in(ids.clone()))
        .order_by_asc(fund_budget_line::Column::Position)
        .all(db)
        .await?;
    let answers = fund_answer::Entity::find()
        .filter(fund_answer::Column::ApplicationId.is_in(ids))
        .order_by_asc(fund_answer::Column::CriterionId)
        .all(db)
        .await?;
    let team: Vec<i32> = fund_team_member::Entity::find()
        .filter(fund_team_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.application_id)
        .collect();
    let anchored = fund_application::Entity::find()
        .filter(fund_application::Column::AnchoredBy.eq(user_id))
        .order_by_asc(fund_application::Column::Id)
        .all(db)
        .await?;
    let reviews = fund_review::Entity::find()
        .filter(fund_review::Column::ReviewerId.eq(user_id))
        .order_by_asc(fund_review::Column::Id)
        .all(db)
        .await?;
    let scores = fund_review_score::Entity::find()
        .filter(fund_review_score::Column::ReviewId.is_in(reviews.iter().map(|r| r.id)))
        .order_by_asc(fund_review_score::Column::CriterionId)
        .all(db)
        .await?;
    let reports = fund_report::Entity::find()
        .filter(fund_report::Column::SubmittedBy.eq(user_id))
        .order_by_asc(fund_report::Column::Id)
        .all(db)
        .await?;
    let payments = fund_payment::Entity::find()
        .filter(fund_payment::Column::RecordedBy.eq(user_id))
        .order_by_asc(fund_payment::Column::Id)
        .all(db)
        .await?;
    let decided: HashMap<i32, Option<time::OffsetDateTime>> = fund_call::Entity::find()
        .filter(fund_call::Column::Id.is_in(made.iter().map(|a| a.call_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.decided_at))
        .collect();
    let applications: Vec<serde_json::Value> = made
        .iter()
        .map(|a| {
            let decided_at = decided.get(&a.call_id).copied().flatten();
            json!({
                "id": a.id,
                "call_id": a.call_id,
                "title": a.title,
                "summary": a.summary,
                "site_id": a.site_id,
                "project_id": a.project_id,
                "amount": a.amount_nok,
                "own_contribution": a.own_contribution_nok,
                "co_funding": a.co_funding_nok,
                "budget_lines": lines
                    .iter()
                    .filter(|l| l.application_id == a.id)
                    .map(|l| json!({ "description": l.description, "amount": l.amount_nok }))
                    .collect::<Vec<_>>(),
                "answers": answers
                    .iter()
                    .filter(|x| x.application_id == a.id)
                    .map(|x| json!({ "criterion_id": x.criterion_id, "answer": x.body }))
                    .collect::<Vec<_>>(),
                "submitted_at": a.submitted_at.map(rfc3339),
                "created_at": rfc3339(a.created_at),
                "decision": decided_at.map(|at| json!({
                    "decided_at": rfc3339(at),
                    "granted": a.recommended_nok.unwrap_or(0),
                    "feedback": a.justification,
                })),
                "guidance_requested_at": a.guidance_requested_at.map(rfc3339),
            })
        })
        .collect();
    Ok(json!({
        "reports_delivered": reports
            .iter()
            .map(|r| json!({
                "application_id": r.application_id,
                "kind": r.kind,
                "due_on": r.due_on.to_string(),
                "submitted_at": r.submitted_at.map(rfc3339),
                "body": r.body,
            }))
            .collect::<Vec<_>>(),
        "payments_recorded": payments
            .iter()
            .map(|p| json!({
                "application_id": p.application_id,
                "kind": p.kind,
                "amount": p.amount_nok,
                "paid_on": p.paid_on.to_string(),
                "note": p.note,
                "recorded_at": rfc3339(p.recorded_at),
            }))
            .collect::<Vec<_>>(),
        "applications": applications,
        "team_of_applications": team,
        "anchored_applications": anchored
            .iter()
            .map(|a| json!({ "application_id": a.id, "anchored_at": a.anchored_at.map(rfc3339) }))
            .collect::<Vec<_>>(),
        "reviews": reviews
            .iter()
            .map(|r| json!({
                "application_id": r.application_id,
                "conflict": r.conflict,
                "comment": r.comment,
                "scores": scores
                    .iter()
                    .filter(|s| s.review_id == r.id)
                    .map(|s| json!({ "criterion_id": s.criterion_id, "score": s.score }))
                    .collect::<Vec<_>>(),
                "updated_at": rfc3339(r.updated_at),
            }))
            .collect::<Vec<_>>(),
    }))
}
