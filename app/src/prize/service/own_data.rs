//! DESIGN §9 (GDPR): the prize's part of a user's own data: the nominations they made (with
//! their justification per criterion), the
//! nominations naming them (without who nominated them or how the jury scored them: another
//! person's data and the jury's secret), their ballots with every score, their people's-choice
//! votes, the conflicts they declared and the recusals recorded for them, and the juries they
//! sit on. Called by `registry::export_own_data`, which has checked that the user asks for
//! their own data.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::prize::entities::{prize_ballot, prize_category, prize_conflict, prize_criterion, prize_juror, prize_justification, prize_nomination, prize_people_vote, prize_recusal, prize_score};

pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let made = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::NominatorId.eq(user_id))
        .order_by_asc(prize_nomination::Column::Id)
        .all(db)
        .await?;
    let received = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::NomineeUserId.eq(user_id))
        .order_by_asc(prize_nomination::Column::Id)
        .all(db)
        .await?;
    let ballots = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::JurorId.eq(user_id))
        .order_by_asc(prize_ballot::Column::Id)
        .all(db)
        .await?;
    let scores = prize_score::Entity::find()
        .filter(prize_score::Column::BallotId.is_in(ballots.iter().map(|b| b.id)))
        .order_by_asc(prize_score::Column::BallotId)
        .order_by_asc(prize_score::Column::CriterionId)
        .all(db)
        .await?;
    // The nominator's own words, per criterion, of the nominations they made.
    let justifications = prize_justification::Entity::find()
        .filter(prize_justification::Column::NominationId.is_in(made.iter().map(|n| n.id)))
        .order_by_asc(prize_justification::Column::NominationId)
        .order_by_asc(prize_justification::Column::CriterionId)
        .all(db)
        .await?;
    let criteria: HashMap<i32, String> = prize_criterion::Entity::find()
        .filter(
            prize_criterion::Column::Id.is_in(
                scores
                    .iter()
                    .map(|s| s.criterion_id)
                    .chain(justifications.iter().map(|j| j.criterion_id)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let votes = prize_people_vote::Entity::find()
        .filter(prize_people_vote::Column::UserId.eq(user_id))
        .order_by_asc(prize_people_vote::Column::CategoryId)
        .all(db)
        .await?;
    let conflicts = prize_conflict::Entity::find()
        .filter(prize_conflict::Column::JurorId.eq(user_id))
        .order_by_asc(prize_conflict::Column::NominationId)
        .all(db)
        .await?;
    let recusals = prize_recusal::Entity::find()
        .filter(prize_recusal::Column::JurorId.eq(user_id))
        .order_by_asc(prize_recusal::Column::NominationId)
        .all(db)
        .await?;
    let juries: Vec<i32> = prize_juror::Entity::find()
        .filter(prize_juror::Column::UserId.eq(user_id))
        .order_by_asc(prize_juror::Column::CategoryId)
        .all(db)
        .await?
        .into_iter()
        .map(|j| j.category_id)
        .collect();
    let category_ids = made
        .iter()
        .chain(&received)
        .map(|n| n.category_id)
        .chain(votes.iter().map(|v| v.category_id))
        .chain(juries.iter().copied());
    let categories: HashMap<i32, prize_category::Model> = prize_category::Entity::find()
        .filter(prize_category::Column::Id.is_in(category_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let category = |id: i32| {
        categories
            .get(&id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let nomination = |n: &prize_nomination::Model, own: bool| {
        let mut row = json!({
            "id": n.id,
            "category": category(n.category_id),
            "title": n.title,
            "nominee": n.nominee,
            "status": n.status,
            "finalist": n.finalist,
            "created_at": rfc3339(n.created_at),
        });
        if own {
            row["links"] = n.links.clone().into();
            row["justification"] = justifications
                .iter()
                .filter(|j| j.nomination_id == n.id)
                .map(|j| {
                    json!({
                        "criterion": criteria.get(&j.criterion_id).cloned().unwrap_or_default(),
                        "text": j.body,
                    })
                })
                .collect::<Vec<_>>()
                .into();
        }
        row
    };
    Ok(json!({
        "nominations_made": made.iter().map(|n| nomination(n, true)).collect::<Vec<_>>(),
        "nominations_received": received.iter().map(|n| nomination(n, false)).collect::<Vec<_>>(),
        "ballots": ballots.iter().map(|b| json!({
            "nomination_id": b.nomination_id,
            "comment": b.comment,
            "updated_at": rfc3339(b.updated_at),
            "scores": scores.iter().filter(|s| s.ballot_id == b.id).map(|s| json!({
                "criterion": criteria.get(&s.criterion_id).cloned().unwrap_or_default(),
                "score": s.score,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "peoples_choice_votes": votes.iter().map(|v| json!({
            "category": category(v.category_id),
            "nomination_id": v.nomination_id,
            "updated_at": rfc3339(v.updated_at),
        })).collect::<Vec<_>>(),
        "conflicts_declared": conflicts.iter().map(|c| json!({
            "nomination_id": c.nomination_id,
            "reason": c.reason,
            "declared_at": rfc3339(c.declared_at),
        })).collect::<Vec<_>>(),
        "recusals": recusals.iter().map(|r| json!({
            "nomination_id": r.nomination_id,
            "reason": r.reason,
            "recorded_at": rfc3339(r.recorded_at),
        })).collect::<Vec<_>>(),
        "juries": juries.iter().map(|id| json!({
            "category": category(*id),
            "chair": categories.get(id).is_some_and(|c| c.chair_id == user_id),
        })).collect::<Vec<_>>(),
    }))
}

/// DESIGN §9: a departed user's name where a nomination names them as its nominee (the
/// nominee's name is kept as text beside the id, as the nominator wrote it), replaced by
/// `name` inside the anonymisation's transaction. What nominators wrote about them in their
/// justifications stays: it is the nominators' text and the prize's history.
pub async fn anonymise_nominee(
    db: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
) -> Result<(), AppError> {
    prize_nomination::Entity::update_many()
        .col_expr(prize_nomination::Column::Nominee, Expr::value(name))
        .filter(prize_nomination::Column::NomineeUserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
