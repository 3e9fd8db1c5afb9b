//! Reading nominations (DESIGN §7): every submitted one is visible to every employee (the
//! gallery, one nomination with its justification); a juror also sees whether they are
//! recused and their own ballot, never another juror's.

use crate::prize::domain::permission::PrizeAction;
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::prize::entities::{prize_ballot, prize_category, prize_justification, prize_nomination, prize_people_vote, prize_year};
use crate::prize::domain::ballot::{NominationFacts, Recusal, recusal};
use crate::prize::domain::nomination::NominationStatus;
use crate::prize::domain::view::{
    BallotView, GalleryFilter, JurorPanel, Named, NominationRow, NominationView,
};
use crate::prize::domain::year::Phase;

use super::{Places, criteria_of, find_nomination, jurors_of, phase, user_names};

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
    let projects: BTreeMap<i32, String> =
        crate::portfolio::read::project_names(db, project_ids).await?;
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
                sector: places.sector_of_site(n.site_id),
                project: n.project_id.map(|id| Named {
                    id,
                    name: projects.get(&id).cloned().unwrap_or_default(),
                }),
                nominator: Named::looked_up(&names, n.nominator_id),
                status: NominationStatus::parse(&n.status),
                finalist: n.finalist,
                statement: n.statement,
                created_at: n.created_at,
                title: n.title,
                nominee: n.nominee,
                shown_publicly: n.shown_publicly,
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
    authorize(actor, PrizeAction::View)?;
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
    facts_of(db, std::slice::from_ref(n))
        .await?
        .remove(&n.id)
        .ok_or(AppError::Internal)
}

/// [`facts`] of each of `nominations`, by id: four statements, whatever their number (the
/// results page reads every finalist's; issue 27).
pub(super) async fn facts_of(
    db: &impl ConnectionTrait,
    nominations: &[prize_nomination::Model],
) -> Result<BTreeMap<i32, NominationFacts>, AppError> {
    use crate::prize::entities::{prize_conflict, prize_recusal};
    let ids: Vec<i32> = nominations.iter().map(|n| n.id).collect();
    let people = crate::portfolio::read::projects_people(
        db,
        nominations.iter().filter_map(|n| n.project_id),
    )
    .await?;
    let mut declared: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for c in prize_conflict::Entity::find()
        .filter(prize_conflict::Column::NominationId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        declared.entry(c.nomination_id).or_default().push(c.juror_id);
    }
    let mut recorded: BTreeMap<i32, Vec<(i32, Recusal)>> = BTreeMap::new();
    for r in prize_recusal::Entity::find()
        .filter(prize_recusal::Column::NominationId.is_in(ids))
        .all(db)
        .await?
    {
        if let Some(why) = Recusal::parse(&r.reason) {
            recorded.entry(r.nomination_id).or_default().push((r.juror_id, why));
        }
    }
    Ok(nominations
        .iter()
        .map(|n| {
            let project_people = match n.project_id {
                // Two nominations of one project share its people.
                Some(project_id) => people.get(&project_id).cloned().unwrap_or_default(),
                None => Vec::new(),
            };
            let facts = NominationFacts {
                nominator_id: n.nominator_id,
                nominee_user_id: n.nominee_user_id,
                project_people,
                site_id: n.site_id,
                declared: declared.remove(&n.id).unwrap_or_default(),
                recorded: recorded.remove(&n.id).unwrap_or_default(),
            };
            (n.id, facts)
        })
        .collect())
}

/// The (juror, nomination) pairs of `jurors` and `finalists` where the juror is recused: the
/// committee's progress view and the tally read the same set.
pub(super) async fn recused_pairs(
    db: &impl ConnectionTrait,
    jurors: &[i32],
    finalists: &[prize_nomination::Model],
) -> Result<BTreeSet<(i32, i32)>, AppError> {
    Ok(recusals(db, jurors, finalists).await?.into_keys().collect())
}

/// Each recused (juror, nomination) pair with its reason: five statements, whatever the
/// number of jurors and finalists.
async fn recusals(
    db: &impl ConnectionTrait,
    jurors: &[i32],
    finalists: &[prize_nomination::Model],
) -> Result<BTreeMap<(i32, i32), Recusal>, AppError> {
    let sites: BTreeMap<i32, Option<i32>> = crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Id.is_in(jurors.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.home_site_id))
        .collect();
    let facts = facts_of(db, finalists).await?;
    let mut recused = BTreeMap::new();
    for n in finalists {
        let Some(f) = facts.get(&n.id) else { continue };
        for &juror in jurors {
            if let Some(why) = recusal(juror, sites.get(&juror).copied().flatten(), f) {
                recused.insert((juror, n.id), why);
            }
        }
    }
    Ok(recused)
}

/// Records the recusals that hold now for `finalists`, beside those recorded before (issue 23):
/// from the shortlist on, a juror cannot lift a recusal by changing their site or project.
pub(super) async fn record_recusals(
    txn: &impl ConnectionTrait,
    jurors: &[i32],
    finalists: &[prize_nomination::Model],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    use crate::prize::entities::prize_recusal;
    let rows: Vec<prize_recusal::ActiveModel> = recusals(txn, jurors, finalists)
        .await?
        .into_iter()
        .map(|((juror, nomination), why)| prize_recusal::ActiveModel {
            nomination_id: Set(nomination),
            juror_id: Set(juror),
            reason: Set(why.as_str().to_owned()),
            recorded_at: Set(now),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    prize_recusal::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            prize_recusal::Column::NominationId,
            prize_recusal::Column::JurorId,
        ])
        .exec(txn)
        .await?;
    Ok(())
}

/// One nomination. A withdrawn one is seen only by its nominator and the committee.
pub async fn get_nomination(
    db: &DatabaseConnection,
    actor: &Actor,
    nomination_id: i32,
    now: OffsetDateTime,
) -> Result<NominationView, AppError> {
    let (nomination, category, year) = find_nomination(db, nomination_id).await?;
    let status = NominationStatus::parse(&nomination.status);
    // Outside the municipality: a finalist of a published year, nothing else.
    let public = super::public_reader(actor, &year)?;
    if public && !(nomination.finalist && status == NominationStatus::Submitted) {
        return Err(AppError::Forbidden);
    }
    let own = Some(nomination.nominator_id) == actor.user_id();
    if status == NominationStatus::Withdrawn
        && !own
        && authorize(actor, PrizeAction::Manage).is_err()
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
        Some(id) => Some(Named::looked_up(&user_names(db, [id]).await?, id)),
        None => None,
    };
    let links = nomination
        .links
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let editable = own && year_phase == Phase::Nominating && status == NominationStatus::Submitted;
    // The edit form starts from what was sent: without the address, saving it would drop the
    // named colleague.
    let nominee_email = match nomination.nominee_user_id {
        Some(id) if editable => crate::entities::user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.email),
        _ => None,
    };
    let names_reader = nomination.nominee_user_id.is_some() && nomination.nominee_user_id == actor.user_id();
    let mut row = rows(db, vec![nomination])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let (nominee_user, links, justification) = if public {
        // Who nominated it, who it names, the project and the nominator's links stay inside
        // the municipality; so do the texts of a nomination whose colleague declined to be
        // shown publicly (they may name them).
        hide_from_public(&mut row);
        let justification = if row.shown_publicly {
            justification
        } else {
            Vec::new()
        };
        (None, Vec::new(), justification)
    } else {
        (nominee_user, links, justification)
    };
    Ok(NominationView {
        row,
        nominee_user,
        nominee_email,
        links,
        criteria,
        justification,
        phase: year_phase,
        editable,
        juror,
        people_vote,
        names_reader,
        public,
    })
}

/// A nomination as a reader outside the municipality sees it: without who nominated it or
/// its project, and without the nominee when they declined to be shown publicly.
fn hide_from_public(row: &mut NominationRow) {
    row.nominator = Named {
        id: 0,
        name: String::new(),
    };
    row.project = None;
    if !row.shown_publicly {
        row.nominee.clear();
    }
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
    let scores = crate::prize::entities::prize_score::Entity::find()
        .filter(crate::prize::entities::prize_score::Column::BallotId.eq(ballot.id))
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
