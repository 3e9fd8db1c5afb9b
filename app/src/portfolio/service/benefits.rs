//! A project's benefits (gevinster), their realised measurements, and what the project stops
//! doing (avvikling), DESIGN §4. Changed by the project's owner and members (or an admin).

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::money::Nok;
use crate::core::parse::Input;
use crate::portfolio::entities::{benefit, benefit_measurement, discontinuation};
use crate::portfolio::domain::benefit::{Measurement, NewBenefit};
use crate::portfolio::domain::project::Discontinuation;
use crate::portfolio::domain::view::{BenefitView, Named};

use super::phases::editable_project;

/// Adds a benefit to a project, with the person responsible for realising it.
pub async fn add_benefit(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    input: impl Input<Parsed = NewBenefit>,
    now: OffsetDateTime,
) -> Result<BenefitView, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    editable_project(&txn, actor, project_id).await?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let responsible = crate::core::people::active_user_by_id(&txn, new.responsible_user_id)
        .await?
        .ok_or_else(|| AppError::invalid("responsible_user_id", FieldError::UnknownReference))?;
    let created = benefit::ActiveModel {
        project_id: Set(project_id),
        kind: Set(new.kind.as_str().to_owned()),
        description: Set(new.description),
        unit: Set(new.unit),
        baseline: Set(new.baseline),
        target: Set(new.target),
        target_date: Set(new.target_date),
        responsible_user_id: Set(responsible.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "benefit_id": created.id, "kind": created.kind });
    super::audit(
        &txn,
        actor,
        "project.benefit_added",
        ("project", project_id),
        details,
        now,
    )
    .await?;
    super::touch(&txn, project_id, now).await?;
    txn.commit().await?;
    Ok(BenefitView {
        id: created.id,
        project_id,
        kind: new.kind,
        description: created.description,
        unit: created.unit,
        baseline: created.baseline,
        target: created.target,
        target_date: created.target_date,
        responsible: Named {
            id: responsible.id,
            name: responsible.name,
        },
        measurements: Vec::new(),
    })
}

/// The planned gain of a benefit row in SQL: `benefit::planned_gain`.
pub(super) const PLANNED_GAIN_SQL: &str = "CAST(SUM(ABS(benefits.target - benefits.baseline)) AS BIGINT)";
/// The realised gain of a benefit row in SQL, nothing before its first measurement:
/// `benefit::realised_gain` of the latest value.
pub(super) const REALISED_GAIN_SQL: &str = "CAST(SUM(CASE WHEN benefits.target < benefits.baseline \
     THEN benefits.baseline - benefits.latest_value \
     ELSE benefits.latest_value - benefits.baseline END) AS BIGINT)";

/// Records a realised value of a benefit, measured on a day not after today (in Oslo).
pub async fn add_measurement(
    db: &DatabaseConnection,
    actor: &Actor,
    benefit_id: i32,
    measured_on: &str,
    value: &str,
    now: OffsetDateTime,
) -> Result<Measurement, AppError> {
    let text = crate::portfolio::domain::benefit::MeasurementText {
        measured_on: measured_on.to_owned(),
        value: value.to_owned(),
    };
    measure(db, actor, benefit_id, text, now).await
}

/// [`add_measurement`] of a measurement read only once the caller may change the benefit's
/// project (the REST body: issue 26, 404 and 403 before 422).
pub async fn measure(
    db: &DatabaseConnection,
    actor: &Actor,
    benefit_id: i32,
    input: impl Input<Parsed = crate::portfolio::domain::benefit::MeasurementText>,
    now: OffsetDateTime,
) -> Result<Measurement, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let found = benefit::Entity::find_by_id(benefit_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    editable_project(&txn, actor, found.project_id).await?;
    let text = input.parse().map_err(AppError::Invalid)?;
    let today = crate::core::timefmt::oslo_date(now);
    let measurement =
        Measurement::parse(&text.measured_on, &text.value, today).map_err(AppError::Invalid)?;
    benefit_measurement::ActiveModel {
        benefit_id: Set(benefit_id),
        measured_on: Set(measurement.measured_on),
        value: Set(measurement.value),
        recorded_by: Set(actor.user_id()),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // The benefit's latest value: this one unless an earlier recorded one is of a later day
    // (a later entry wins a tie of dates, as `benefit::latest`).
    benefit::Entity::update_many()
        .col_expr(benefit::Column::LatestValue, Expr::value(measurement.value))
        .col_expr(
            benefit::Column::LatestOn,
            Expr::value(measurement.measured_on),
        )
        .filter(benefit::Column::Id.eq(benefit_id))
        .filter(
            Condition::any()
                .add(benefit::Column::LatestOn.is_null())
                .add(benefit::Column::LatestOn.lte(measurement.measured_on)),
        )
        .exec(&txn)
        .await?;
    let details = json!({
        "benefit_id": benefit_id,
        "measured_on": measurement.measured_on.to_string(),
        "value": measurement.value,
    });
    super::audit(
        &txn,
        actor,
        "project.benefit_measured",
        ("project", found.project_id),
        details,
        now,
    )
    .await?;
    super::touch(&txn, found.project_id, now).await?;
    txn.commit().await?;
    Ok(measurement)
}

/// Records something the project stops or replaces, from a date, with its yearly saving.
pub async fn add_discontinuation(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    (what, from, yearly_saving): (&str, &str, &str),
    now: OffsetDateTime,
) -> Result<Discontinuation, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    editable_project(&txn, actor, project_id).await?;
    let parsed = Discontinuation::parse(what, from, yearly_saving).map_err(AppError::Invalid)?;
    discontinuation::ActiveModel {
        project_id: Set(project_id),
        what: Set(parsed.what.clone()),
        from_date: Set(parsed.from),
        yearly_saving_nok: Set(parsed.yearly_saving.map(|Nok(kr)| kr)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "what": parsed.what, "from": parsed.from.to_string() });
    super::audit(
        &txn,
        actor,
        "project.discontinuation_added",
        ("project", project_id),
        details,
        now,
    )
    .await?;
    super::touch(&txn, project_id, now).await?;
    txn.commit().await?;
    Ok(parsed)
}
