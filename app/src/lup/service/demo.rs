//! Writes the demo LUP history (`lup::demo`) into an empty LUP: cohorts with gatherings and
//! a supervisor, groups at sites spread over the sectors, the demo users of Sandvika rådhus
//! as members of its group (with attendance), targets, and two sites closed (through the
//! organisation's service).

use crate::lup::domain::permission::LupAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::timefmt::oslo_date;
use crate::lup::entities::{lup_attendance, lup_cohort, lup_cohort_supervisor, lup_gathering, lup_group, lup_group_member, lup_target};
use crate::entities::{sector, service_site, user};
use crate::lup::demo::{DemoStatus, demo_lup, status_day};
use crate::lup::domain::group::GroupStatus;
use crate::lup::domain::member::MemberRole;

use super::audit;

/// Loads the demo history unless LUP already has cohorts; returns the groups written.
pub async fn seed_demo_lup(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    authorize(actor, LupAction::Manage)?;
    if lup_cohort::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let today = oslo_date(now);
    let sites = crate::core::spread::round_robin(
        service_site::Entity::find()
            .order_by_asc(service_site::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.sector_id, s)),
    );
    let demo = demo_lup(today, sites.len());
    let txn = crate::core::txn::begin_write(db).await?;
    let coordinator = user::Entity::find()
        .filter(user::Column::Email.eq("lup@ideverket.example"))
        .one(&txn)
        .await?;
    let mut cohort_ids = Vec::with_capacity(demo.cohorts.len());
    let mut gathering_ids: Vec<Vec<i32>> = Vec::new();
    for cohort in &demo.cohorts {
        let created = lup_cohort::ActiveModel {
            name: Set(cohort.name.clone()),
            starts_on: Set(cohort.starts_on),
            ends_on: Set(cohort.ends_on),
            capacity: Set(i32::from(cohort.capacity)),
            min_attendance_percent: Set(cohort.min_attendance_percent.map(i16::from)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if let Some(supervisor) = &coordinator {
            lup_cohort_supervisor::ActiveModel {
                cohort_id: Set(created.id),
                user_id: Set(supervisor.id),
            }
            .insert(&txn)
            .await?;
        }
        let mut ids = Vec::new();
        for (held_on, theme) in &cohort.gatherings {
            let g = lup_gathering::ActiveModel {
                cohort_id: Set(created.id),
                held_on: Set(*held_on),
                theme: Set((*theme).to_owned()),
                place: Set("Sandvika rådhus, Kommunestyresalen".to_owned()),
                alumni: Set(false),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            ids.push(g.id);
        }
        cohort_ids.push(created.id);
        gathering_ids.push(ids);
    }
    let groups: Vec<lup_group::ActiveModel> = demo
        .groups
        .iter()
        .map(|g| {
            let cohort = &demo.cohorts[g.cohort];
            let day = status_day(cohort);
            let status = match g.status {
                DemoStatus::Completed => GroupStatus::Completed { on: day },
                DemoStatus::Withdrawn => GroupStatus::Withdrawn { on: day },
                DemoStatus::InProgress => GroupStatus::InProgress,
                DemoStatus::Enrolled => GroupStatus::Enrolled,
            };
            lup_group::ActiveModel {
                cohort_id: Set(cohort_ids[g.cohort]),
                site_id: Set(sites[g.site].id),
                status: Set(status.as_str().to_owned()),
                status_on: Set(status.date()),
                withdrawn_reason: Set((g.status == DemoStatus::Withdrawn)
                    .then(|| "Lederen sluttet midt i kullet.".to_owned())),
                project_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    let written = groups.len();
    for chunk in groups.chunks(200) {
        lup_group::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    seed_town_hall_group(&txn, &cohort_ids, &gathering_ids, now).await?;
    for target in &demo.targets {
        lup_target::ActiveModel {
            kind: Set(if target.share { "share" } else { "count" }.to_owned()),
            value: Set(i32::try_from(target.value).unwrap_or(0)),
            sector_id: Set(None),
            due_on: Set(target.due_on),
            created_by: Set(coordinator.as_ref().map(|u| u.id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let details = json!({ "cohorts": cohort_ids.len(), "groups": written });
    audit(&txn, actor, "lup.demo_seeded", ("lup", 0), details, now).await?;
    txn.commit().await?;
    for &(site, closed_on) in &demo.closed_sites {
        let patch = crate::org::domain::SitePatch {
            closed_on: Some(Some(closed_on)),
            ..Default::default()
        };
        crate::org::service::update_site(db, actor, sites[site].id, patch, now).await?;
    }
    // A school whose leader changed after its group completed: the dashboard's "new leader"
    // list has a site to show (through the users' service, like any new account).
    let schools = sector::Entity::find()
        .filter(sector::Column::Name.eq("Oppvekst skole"))
        .one(db)
        .await?;
    let closed: Vec<usize> = demo.closed_sites.iter().map(|(site, _)| *site).collect();
    let school = demo.groups.iter().find(|g| {
        g.status == DemoStatus::Completed
            && !closed.contains(&g.site)
            && schools
                .as_ref()
                .is_some_and(|s| s.id == sites[g.site].sector_id)
    });
    if let Some(group) = school {
        let leader = crate::users::domain::RoleInput {
            role: crate::auth::Role::Manager.as_str().to_owned(),
            sector_id: None,
            site_id: Some(sites[group.site].id),
        };
        let fields = crate::users::domain::NewUserFields::parse(
            NEW_LEADER.0,
            NEW_LEADER.1,
            Some(sites[group.site].id),
            &[leader],
        )
        .map_err(AppError::Invalid)?;
        let password = crate::auth::demo::DEMO_PASSWORD;
        crate::users::service::create_user(db, actor, fields, password, now).await?;
    }
    Ok(written)
}

/// The demo's new school leader, who has not been through LUP.
pub const NEW_LEADER: (&str, &str) = ("Hanne Lie", "ny.leder@ideverket.example");

/// The demo users live at Sandvika rådhus: its group in the cohort under way has the
/// manager as leader, the employee as enthusiast and a guest, with attendance at the
/// gatherings held so far.
async fn seed_town_hall_group(
    txn: &impl sea_orm::ConnectionTrait,
    cohort_ids: &[i32],
    gathering_ids: &[Vec<i32>],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let today = oslo_date(now);
    let (Some(&cohort_id), Some(gatherings)) = (cohort_ids.get(8), gathering_ids.get(8)) else {
        return Ok(());
    };
    let Some(town_hall) = service_site::Entity::find()
        .filter(service_site::Column::Name.eq("Sandvika rådhus"))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let group = match lup_group::Entity::find()
        .filter(lup_group::Column::CohortId.eq(cohort_id))
        .filter(lup_group::Column::SiteId.eq(town_hall.id))
        .one(txn)
        .await?
    {
        Some(group) => group,
        None => {
            lup_group::ActiveModel {
                cohort_id: Set(cohort_id),
                site_id: Set(town_hall.id),
                status: Set(GroupStatus::InProgress.as_str().to_owned()),
                status_on: Set(None),
                withdrawn_reason: Set(None),
                project_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    };
    let mut member_ids = Vec::new();
    for (email, role) in [
        ("leder@ideverket.example", MemberRole::Leader),
        ("ansatt@ideverket.example", MemberRole::Enthusiast),
    ] {
        let Some(person) = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(txn)
            .await?
            .filter(|u| u.home_site_id == Some(town_hall.id))
        else {
            continue;
        };
        let m = lup_group_member::ActiveModel {
            group_id: Set(group.id),
            user_id: Set(Some(person.id)),
            guest_name: Set(None),
            guest_organisation: Set(None),
            role: Set(role.as_str().to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        member_ids.push(m.id);
    }
    let guest = lup_group_member::ActiveModel {
        group_id: Set(group.id),
        user_id: Set(None),
        guest_name: Set(Some("Nina Berg".to_owned())),
        guest_organisation: Set(Some("KS".to_owned())),
        role: Set(MemberRole::Guest.as_str().to_owned()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    member_ids.push(guest.id);
    let held: Vec<i32> = lup_gathering::Entity::find()
        .filter(lup_gathering::Column::Id.is_in(gatherings.clone()))
        .filter(lup_gathering::Column::HeldOn.lte(today))
        .all(txn)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    for (k, gathering_id) in held.iter().enumerate() {
        for (i, member_id) in member_ids.iter().enumerate() {
            lup_attendance::ActiveModel {
                gathering_id: Set(*gathering_id),
                member_id: Set(*member_id),
                // The guest missed the second gathering.
                present: Set(!(i == 2 && k == 1)),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
