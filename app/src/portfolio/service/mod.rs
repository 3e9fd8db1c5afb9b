//! The portfolio's service layer (DESIGN §4): the only code that touches its tables. Every
//! function checks the actor's permission first (`auth::authorize`).

mod benefits;
mod demo;
pub(crate) mod grants;
mod idea_read;
mod ideas;
mod involvement;
mod list;
mod own_data;
mod phases;
mod programmes;
mod projects;
mod read;
mod reference;
mod search;
mod settings;
mod summaries;
mod tasks;

pub use benefits::{add_benefit, add_discontinuation, add_measurement, measure};
pub use demo::seed_demo_portfolio;
pub use idea_read::{get_idea, list_ideas, new_idea_page};
pub use ideas::{assess, assess_idea, comment_on_idea, set_support, submit_idea};
pub use involvement::{MAX_PER_PART, add_to_project, remove_from_project};
pub use list::{
    PORTFOLIO_PAGE_QUERIES, list_projects, portfolio_page, portfolio_summary, programme_page,
    search_statement,
};
pub use own_data::own_data_section;
pub use search::{idea_search_statement, search};
pub use settings::{
    add_phase, reorder_phase, set_phase_optional,
    create_programme, manages_settings, phases_page, rename_phase, update_programme,
};
pub use tasks::{MEASUREMENT_INTERVAL, my_tasks, reminders};
pub use phases::{change_phase, move_phase};
pub use programmes::{get_programme, list_programmes, programmes};
pub use projects::{create_project, update_project};
pub use read::{PROJECT_PAGE_FIRST_QUERIES, PROJECT_PAGE_QUERIES, get_project, project_page};

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::{ConnectionTrait, EntityTrait};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::portfolio::entities::phase;
use crate::portfolio::domain::phase::{Phase, Roadmap};

impl From<phase::Model> for Phase {
    fn from(m: phase::Model) -> Self {
        Self {
            id: m.id,
            key: m.key,
            name: m.name,
            position: m.position,
            stops: m.stops,
            optional: m.optional,
        }
    }
}

/// The portfolio's phases in roadmap order (KS' defaults unless an admin changed them).
pub async fn roadmap(db: &impl ConnectionTrait, actor: &Actor) -> Result<Roadmap, AppError> {
    authorize(actor, PortfolioAction::View)?;
    load_roadmap(db).await
}

/// The roadmap, for a service function that has checked its permission.
pub(super) async fn load_roadmap(db: &impl ConnectionTrait) -> Result<Roadmap, AppError> {
    let phases = phase::Entity::find().all(db).await?;
    Ok(Roadmap::new(phases.into_iter().map(Phase::from)))
}

/// The audit row of a change, in the change's transaction.
pub(super) use crate::core::audit_trail::record_change as audit;
/// The audit row of a change that concerns other users (a member added or removed).
pub(super) use crate::core::audit_trail::record_change_about as audit_about;

/// The names of the tags `ids`, by name key (one query).
pub(super) async fn tag_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<Vec<String>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(crate::portfolio::entities::tag::Entity::find()
        .filter(crate::portfolio::entities::tag::Column::Id.is_in(ids))
        .order_by_asc(crate::portfolio::entities::tag::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect())
}

/// The tag ids for `names`, creating the tags not seen before (matched by `name_key`).
pub(super) async fn tag_ids(
    db: &impl ConnectionTrait,
    names: &[String],
) -> Result<Vec<i32>, AppError> {
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{ColumnTrait, QueryFilter, Set};

    use crate::core::parse::name_key;
    use crate::portfolio::entities::tag;

    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let key = name_key(name);
        let row = tag::ActiveModel {
            name: Set(name.clone()),
            name_key: Set(key.clone()),
            ..Default::default()
        };
        tag::Entity::insert(row)
            .on_conflict(
                OnConflict::column(tag::Column::NameKey)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        let found = tag::Entity::find()
            .filter(tag::Column::NameKey.eq(key))
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        ids.push(found.id);
    }
    Ok(ids)
}

/// Sustainable-development goals as stored (small integers), valid and in order.
pub(super) fn goals(stored: impl IntoIterator<Item = i16>) -> Vec<u8> {
    let mut goals: Vec<u8> = stored
        .into_iter()
        .filter_map(|g| u8::try_from(g).ok())
        .collect();
    goals.sort_unstable();
    goals
}

/// Marks the project changed (the portfolio's default order is last changed first).
pub(super) async fn touch(
    db: &impl ConnectionTrait,
    project_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, Set};
    crate::portfolio::entities::project::ActiveModel {
        id: Set(project_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

