//! Nominations (DESIGN §7): any employee nominates during the window and may change or
//! withdraw their own until it closes; every submitted nomination is visible to every
//! employee; the committee shortlists the finalists.

use std::collections::{BTreeMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Action, Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::entities::{
    prize_ballot, prize_category, prize_justification, prize_nomination, prize_people_vote,
    prize_year, project,
};
use crate::notifications::domain::{NewNotification, NotificationKind};
use crate::prize::domain::ballot::{NominationFacts, recusal};
use crate::prize::domain::nomination::{
    NewNomination, NominationStatus, Shortlist, match_justification,
};
use crate::prize::domain::view::{
    BallotView, GalleryFilter, JurorPanel, Named, NominationRow, NominationView,
};
use crate::prize::domain::year::Phase;

use super::{
    Places, audit, criteria_of, find_category, find_nomination, jurors_of, named, phase, user_names,
};

/// Where a nomination's site comes from when none is chosen: the project's lead site, else
/// the nominator's home site.
async fn resolve_nomination(
    db: &impl ConnectionTrait,
    actor: &Actor,
    category_id: i32,
    new: &NewNomination,
) -> Result<(Option<i32>, i32, Vec<(i32, String)>), AppError> {
    let criteria: Vec<(i32, String)> = criteria_of(db, &[category_id])
        .await?
        .remove(&category_id)
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let justification =
        match_justification(&criteria, &new.justification).map_err(AppError::Invalid)?;
    let project = match new.project_id {
        Some(id) => Some(
            project::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("project_id", FieldError::UnknownReference))?,
        ),
        None => None,
    };
    let nominee = match &new.nominee_email {
        Some(email) => Some(
            crate::core::people::active_user_by_email(db, email)
                .await?
                .ok_or_else(|| AppError::invalid("nominee_email", FieldError::UnknownUser))?
                .id,
        ),
        None => None,
    };
    let site_id = match new.site_id {
        Some(id) => {
            crate::entities::service_site::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("site_id", FieldError::UnknownReference))?
                .id
        }
        None => project
            .as_ref()
            .map(|p| p.lead_site_id)
            .or_else(|| actor.user().and_then(|u| u.home_site_id))
            .ok_or_else(|| AppError::invalid("site_id", FieldError::Required))?,
    };
    Ok((nominee, site_id, justification))
}

async fn write_justification(
    db: &impl ConnectionTrait,
    nomination_id: i32,
    justification: &[(i32, String)],
) -> Result<(), AppError> {
    prize_justification::Entity::delete_many()
        .filter(prize_justification::Column::NominationId.eq(nomination_id))
        .exec(db)
        .await?;
    prize_justification::Entity::insert_many(justification.iter().map(|(criterion_id, body)| {
        prize_justification::ActiveModel {
            nomination_id: Set(nomination_id),
            criterion_id: Set(*criterion_id),
            body: Set(body.clone()),
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// A colleague named as the nominee is told (DESIGN §7); not when they nominate themselves.
async fn tell_nominee(
    db: &impl ConnectionTrait,
    actor: &Actor,
    nominee: Option<i32>,
    nomination: &prize_nomination::Model,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let Some(user_id) = nominee.filter(|&id| Some(id) != actor.user_id()) else {
        return Ok(());
    };
    let link = format!("/pris/nominasjoner/{}", nomination.id);
    let new = NewNotification {
        user_id,
        kind: NotificationKind::Nominated,
        subject: &nomination.title,
        status: "submitted",
        detail: &nomination.nominee,
        link: &link,
    };
    crate::notifications::service::notify(db, new, now).await
}

/// Nominates in `category_id` during its year's window (409 outside it).
pub async fn nominate(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    input: impl Input<Parsed = NewNomination>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, Action::Nominate)?;
    let nominator = actor.user_id().ok_or(AppError::Forbidden)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let (_, year) = find_category(&txn, category_id)
        .await
        .map_err(|_| AppError::invalid("category_id", FieldError::UnknownReference))?;
    if phase(&year, now) != Phase::Nominating {
        return Err(AppError::conflict(
            "category_id",
            FieldError::NominationsClosed,
        ));
    }
    let (nominee, site_id, justification) =
        resolve_nomination(&txn, actor, category_id, &new).await?;
    let created = prize_nomination::ActiveModel {
        category_id: Set(category_id),
        nominator_id: Set(nominator),
        title: Set(new.title),
        nominee: Set(new.nominee),
        nominee_user_id: Set(nominee),
        project_id: Set(new.project_id),
        site_id: Set(site_id),
        links: Set(new.links.join("\n")),
        status: Set(NominationStatus::Submitted.as_str().to_owned()),
        finalist: Set(false),
        statement: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_justification(&txn, created.id, &justification).await?;
    tell_nominee(&txn, actor, nominee, &created, now).await?;
    let details = json!({ "category_id": category_id, "title": created.title });
    audit(
        &txn,
        actor,
        "prize.nominated",
        ("prize_nomination", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The nominator's own submitted nomination, while the window is open.
async fn own_open_nomination(
    db: &impl ConnectionTrait,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<prize_nomination::Model, AppError> {
    authorize(actor, Action::Nominate)?;
    let (nomination, _, year) = find_nomination(db, nomination_id).await?;
    if Some(nomination.nominator_id) != actor.user_id() {
        return Err(AppError::Forbidden);
    }
    if phase(&year, now) != Phase::Nominating
        || NominationStatus::parse(&nomination.status) != NominationStatus::Submitted
    {
        return Err(AppError::conflict("title", FieldError::NominationsClosed));
    }
    Ok(nomination)
}

pub async fn update_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    input: impl Input<Parsed = NewNomination>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let nomination = own_open_nomination(&txn, actor, nomination_id, now).await?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let (nominee, site_id, justification) =
        resolve_nomination(&txn, actor, nomination.category_id, &new).await?;
    let newly_named = nominee.is_some() && nominee != nomination.nominee_user_id;
    let mut active: prize_nomination::ActiveModel = nomination.into();
    active.title = Set(new.title);
    active.nominee = Set(new.nominee);
    active.nominee_user_id = Set(nominee);
    active.project_id = Set(new.project_id);
    active.site_id = Set(site_id);
    active.links = Set(new.links.join("\n"));
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    write_justification(&txn, nomination_id, &justification).await?;
    if newly_named {
        tell_nominee(&txn, actor, nominee, &updated, now).await?;
    }
    let details = json!({ "title": updated.title });
    audit(
        &txn,
        actor,
        "prize.nomination_changed",
        ("prize_nomination", nomination_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn withdraw_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let nomination = own_open_nomination(&txn, actor, nomination_id, now).await?;
    let mut active: prize_nomination::ActiveModel = nomination.into();
    active.status = Set(NominationStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "prize.nomination_withdrawn",
        ("prize_nomination", nomination_id),
        json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Rows for `nominations` (all of one query's result), with names.
async fn rows(
    db: &impl ConnectionTrait,
    nominations: Vec<prize_nomination::Model>,
) -> Result<Vec<NominationRow>, AppError> {
    let places = Places::load(db).await?;
    let categories: BTreeMap<i32, prize_category::Model> = prize_category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let years: BTreeMap<i32, prize_year::Model> = prize_year::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|y| (y.id, y))
        .collect();
    let project_ids: Vec<i32> = nominations.iter().filter_map(|n| n.project_id).collect();
    let projects: BTreeMap<i32, String> = if project_ids.is_empty() {
        BTreeMap::new()
    } else {
        project::Entity::find()
            .filter(project::Column::Id.is_in(project_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    };
    let names = user_names(db, nominations.iter().map(|n| n.nominator_id)).await?;
    Ok(nominations
        .into_iter()
        .map(|n| {
            let category = categories.get(&n.category_id);
            let year = category.and_then(|c| years.get(&c.year_id));
            NominationRow {
                id: n.id,
                year_id: year.map_or(0, |y| y.id),
                year: year.map_or(0, |y| y.year),
                category: Named {
                    id: n.category_id,
                    name: category.map(|c| c.name.clone()).unwrap_or_default(),
                },
                site: places.site(n.site_id),
                sector: places.sector_of(n.site_id),
                project: n.project_id.map(|id| Named {
                    id,
                    name: projects.get(&id).cloned().unwrap_or_default(),
                }),
                nominator: named(&names, n.nominator_id),
                status: NominationStatus::parse(&n.status),
                finalist: n.finalist,
                statement: n.statement,
                created_at: n.created_at,
                title: n.title,
                nominee: n.nominee,
            }
        })
        .collect())
}

/// The gallery (issue 14): every submitted nomination, filtered by year, category, sector or
/// site, by category and then newest first.
pub async fn list_nominations(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &GalleryFilter,
) -> Result<Vec<NominationRow>, AppError> {
    authorize(actor, Action::ViewPrize)?;
    let mut query = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()));
    if let Some(category) = filter.category_id {
        query = query.filter(prize_nomination::Column::CategoryId.eq(category));
    }
    if let Some(year) = filter.year_id {
        let ids: Vec<i32> = prize_category::Entity::find()
            .filter(prize_category::Column::YearId.eq(year))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        query = query.filter(prize_nomination::Column::CategoryId.is_in(ids));
    }
    if let Some(site) = filter.site_id {
        query = query.filter(prize_nomination::Column::SiteId.eq(site));
    }
    if let Some(sector) = filter.sector_id {
        let ids: Vec<i32> = crate::entities::service_site::Entity::find()
            .filter(crate::entities::service_site::Column::SectorId.eq(sector))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        query = query.filter(prize_nomination::Column::SiteId.is_in(ids));
    }
    if filter.finalists_only {
        query = query.filter(prize_nomination::Column::Finalist.eq(true));
    }
    let nominations = query
        .order_by_asc(prize_nomination::Column::CategoryId)
        .order_by_desc(prize_nomination::Column::CreatedAt)
        .order_by_desc(prize_nomination::Column::Id)
        .all(db)
        .await?;
    rows(db, nominations).await
}

/// What recusal needs to know of a nomination, read from the organisation and the portfolio.
pub(super) async fn facts(
    db: &impl ConnectionTrait,
    n: &prize_nomination::Model,
) -> Result<NominationFacts, AppError> {
    let mut project_people = Vec::new();
    if let Some(project_id) = n.project_id
        && let Some(p) = project::Entity::find_by_id(project_id).one(db).await?
    {
        project_people.push(p.owner_id);
        project_people.extend(
            crate::entities::project_member::Entity::find()
                .filter(crate::entities::project_member::Column::ProjectId.eq(project_id))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.user_id),
        );
    }
    let declared = crate::entities::prize_conflict::Entity::find()
        .filter(crate::entities::prize_conflict::Column::NominationId.eq(n.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.juror_id)
        .collect();
    Ok(NominationFacts {
        nominator_id: n.nominator_id,
        nominee_user_id: n.nominee_user_id,
        project_people,
        site_id: n.site_id,
        declared,
    })
}

/// One nomination. A withdrawn one is seen only by its nominator and the committee.
pub async fn get_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<NominationView, AppError> {
    authorize(actor, Action::ViewPrize)?;
    let (nomination, category, year) = find_nomination(db, nomination_id).await?;
    let status = NominationStatus::parse(&nomination.status);
    let own = Some(nomination.nominator_id) == actor.user_id();
    if status == NominationStatus::Withdrawn
        && !own
        && authorize(actor, Action::ManagePrize).is_err()
    {
        return Err(AppError::NotFound);
    }
    let year_phase = phase(&year, now);
    let criteria = criteria_of(db, &[category.id])
        .await?
        .remove(&category.id)
        .unwrap_or_default();
    let texts: BTreeMap<i32, String> = prize_justification::Entity::find()
        .filter(prize_justification::Column::NominationId.eq(nomination_id))
        .all(db)
        .await?
        .into_iter()
        .map(|j| (j.criterion_id, j.body))
        .collect();
    let justification = criteria
        .iter()
        .cloned()
        .filter_map(|c| texts.get(&c.id).cloned().map(|t| (c, t)))
        .collect();
    let juror = match actor.user() {
        Some(user)
            if nomination.finalist && jurors_of(db, category.id).await?.contains(&user.id) =>
        {
            let why = recusal(user.id, user.home_site_id, &facts(db, &nomination).await?);
            let ballot = own_ballot(db, nomination_id, user.id).await?;
            Some(JurorPanel {
                recusal: why,
                ballot,
                open: year_phase == Phase::Judging,
            })
        }
        _ => None,
    };
    let people_vote = match actor.user_id() {
        Some(user_id)
            if year.peoples_choice && nomination.finalist && year_phase == Phase::Judging =>
        {
            let vote = prize_people_vote::Entity::find_by_id((category.id, user_id))
                .one(db)
                .await?;
            Some(vote.is_some_and(|v| v.nomination_id == nomination_id))
        }
        _ => None,
    };
    let nominee_user = match nomination.nominee_user_id {
        Some(id) => Some(named(&user_names(db, [id]).await?, id)),
        None => None,
    };
    let links = nomination
        .links
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let editable = own && year_phase == Phase::Nominating && status == NominationStatus::Submitted;
    let row = rows(db, vec![nomination])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(NominationView {
        row,
        nominee_user,
        links,
        criteria,
        justification,
        phase: year_phase,
        editable,
        juror,
        people_vote,
    })
}

async fn own_ballot(
    db: &impl ConnectionTrait,
    nomination_id: i32,
    juror_id: i32,
) -> Result<Option<BallotView>, AppError> {
    let Some(ballot) = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.eq(nomination_id))
        .filter(prize_ballot::Column::JurorId.eq(juror_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let scores = crate::entities::prize_score::Entity::find()
        .filter(crate::entities::prize_score::Column::BallotId.eq(ballot.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.criterion_id, u8::try_from(s.score).unwrap_or(0)))
        .collect();
    Ok(Some(BallotView {
        scores,
        comment: ballot.comment,
        updated_at: ballot.updated_at,
    }))
}

/// The committee picks the finalists of a category, after the window has closed and before
/// the jury's deadline; once a juror has voted, the finalists stay.
pub async fn shortlist(
    db: &DatabaseConnection,
    actor: &Actor,
    category_id: i32,
    input: impl Input<Parsed = Shortlist>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, Action::ManagePrize)?;
    let chosen = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let (_, year) = find_category(&txn, category_id).await?;
    match phase(&year, now) {
        Phase::Upcoming | Phase::Nominating => {
            return Err(AppError::conflict(
                "nomination_ids",
                FieldError::NominationsOpen,
            ));
        }
        Phase::Sealed | Phase::Published => {
            return Err(AppError::conflict("nomination_ids", FieldError::JuryClosed));
        }
        Phase::Judging => {}
    }
    let nominations = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::CategoryId.eq(category_id))
        .filter(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()))
        .all(&txn)
        .await?;
    let ids: HashSet<i32> = nominations.iter().map(|n| n.id).collect();
    if chosen.finalists.iter().any(|(id, _)| !ids.contains(id)) {
        return Err(AppError::invalid(
            "nomination_ids",
            FieldError::UnknownReference,
        ));
    }
    let chosen_ids: HashSet<i32> = chosen.finalists.iter().map(|(id, _)| *id).collect();
    let was: HashSet<i32> = nominations
        .iter()
        .filter(|n| n.finalist)
        .map(|n| n.id)
        .collect();
    let voted = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::NominationId.is_in(ids.iter().copied()))
        .count(&txn)
        .await?
        > 0;
    if voted && was != chosen_ids {
        return Err(AppError::conflict(
            "nomination_ids",
            FieldError::BallotsCast,
        ));
    }
    for n in nominations {
        let statement = chosen
            .finalists
            .iter()
            .find(|(id, _)| *id == n.id)
            .map(|(_, s)| s.clone());
        let finalist = statement.is_some();
        let mut active: prize_nomination::ActiveModel = n.into();
        active.finalist = Set(finalist);
        active.statement = Set(statement.flatten());
        active.update(&txn).await?;
    }
    let details =
        json!({ "finalists": chosen.finalists.iter().map(|(id, _)| id).collect::<Vec<_>>() });
    audit(
        &txn,
        actor,
        "prize.shortlisted",
        ("prize_category", category_id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
