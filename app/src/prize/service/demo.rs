//! Writes the demo prize (`prize::demo`) into an empty prize: last year's, published, with
//! 48 nominations, finalists and the jury's ballots; this year's, its window open.

use crate::prize::domain::permission::PrizeAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::demo::DEMO_USERS;
use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::prize::entities::{prize_ballot, prize_category, prize_criterion, prize_juror, prize_justification, prize_nomination, prize_score, prize_year};
use crate::entities::{service_site, user};
use crate::prize::demo::{
    CURRENT_NOMINATIONS, DemoNomination, DemoYear, PAST_NOMINATIONS, demo_nominations, demo_score,
    demo_years,
};
use crate::prize::domain::category::{DEFAULT_CATEGORIES, DEFAULT_CRITERIA, DEFAULT_WEIGHT};

use super::audit;

/// The demo jury of every category: the jury member (the chair), the council member and
/// the fund reviewer.
const JURY: [&str; 3] = [
    "jury@ideverket.example",
    "innovasjonsrad@ideverket.example",
    "fagvurderer@ideverket.example",
];

/// Who announces the results.
const COMMITTEE: &str = "priskomite@ideverket.example";

/// Loads the demo prize unless there is a prize year; returns the nominations written.
pub async fn seed_demo_prize(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    authorize(actor, PrizeAction::Manage)?;
    if prize_year::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let users = user::Entity::find()
        .filter(user::Column::Email.is_in(DEMO_USERS.iter().map(|u| u.email)))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let id_of = |email: &str| users.iter().find(|u| u.email == email).map(|u| u.id);
    let jury: Vec<i32> = JURY.iter().filter_map(|e| id_of(e)).collect();
    let nominators: Vec<i32> = users.iter().map(|u| u.id).collect();
    // The demo users all live at one site; their jury would be recused from its entries.
    let home: Vec<Option<i32>> = users.iter().map(|u| u.home_site_id).collect();
    let sites = crate::core::spread::round_robin(
        service_site::Entity::find()
            .order_by_asc(service_site::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .filter(|s| !home.contains(&Some(s.id)))
            .map(|s| (s.sector_id, s.id)),
    );
    if jury.is_empty() || nominators.is_empty() || sites.is_empty() {
        return Ok(0);
    }
    let (past, current) = demo_years(now);
    let txn = crate::core::txn::begin_write(db).await?;
    let mut written = 0;
    for (year, nominations) in [
        (past, demo_nominations(PAST_NOMINATIONS, true, 0)),
        (current, demo_nominations(CURRENT_NOMINATIONS, false, 5)),
    ] {
        let categories = write_year(&txn, &year, &jury, now).await?;
        for n in &nominations {
            let (category_id, criteria) = &categories[n.category % categories.len()];
            let nominator = nominators[n.nominator % nominators.len()];
            let site = sites[n.site % sites.len()];
            let id =
                write_nomination(&txn, n, *category_id, criteria, nominator, site, &year).await?;
            if let (Some(rank), true) = (n.finalist, year.published) {
                write_ballots(&txn, id, rank, criteria, &jury, year.jury_deadline).await?;
            }
            written += 1;
        }
    }
    audit(
        &txn,
        actor,
        "prize.demo_loaded",
        ("prize_year", 0),
        json!({ "nominations": written }),
        now,
    )
    .await?;
    txn.commit().await?;
    // Last year's winners as the editors' announcement draft (issue 29), as publishing does.
    let published = prize_year::Entity::find()
        .filter(prize_year::Column::PublishedAt.is_not_null())
        .one(db)
        .await?;
    if let (Some(year), Some(committee)) = (published, id_of(COMMITTEE)) {
        let results = super::results(db, actor, year.id, now).await?;
        crate::posts::write::announce(
            db,
            super::results::winners_announcement(&results, committee),
            now,
        )
        .await?;
    }
    Ok(written)
}

/// The year with the three default categories, each with the default criteria and the jury;
/// returns each category's id and criterion ids.
async fn write_year(
    txn: &impl ConnectionTrait,
    year: &DemoYear,
    jury: &[i32],
    now: OffsetDateTime,
) -> Result<Vec<(i32, Vec<i32>)>, AppError> {
    let created = prize_year::ActiveModel {
        year: Set(year.year),
        nominations_open: Set(year.nominations_open),
        nominations_close: Set(year.nominations_close),
        jury_deadline: Set(year.jury_deadline),
        award_on: Set(year.award_on),
        peoples_choice: Set(year.peoples_choice),
        published_at: Set(year.published.then_some(year.jury_deadline)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut categories = Vec::new();
    for (position, name) in DEFAULT_CATEGORIES.iter().enumerate() {
        let category = prize_category::ActiveModel {
            year_id: Set(created.id),
            name: Set((*name).to_owned()),
            position: Set(i32::try_from(position).unwrap_or(0)),
            chair_id: Set(jury[0]),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut criteria = Vec::new();
        for (i, criterion) in DEFAULT_CRITERIA.iter().enumerate() {
            let c = prize_criterion::ActiveModel {
                category_id: Set(category.id),
                name: Set((*criterion).to_owned()),
                weight: Set(i32::from(DEFAULT_WEIGHT)),
                position: Set(i32::try_from(i).unwrap_or(0)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            criteria.push(c.id);
        }
        prize_juror::Entity::insert_many(jury.iter().map(|&user_id| prize_juror::ActiveModel {
            category_id: Set(category.id),
            user_id: Set(user_id),
        }))
        .exec(txn)
        .await?;
        categories.push((category.id, criteria));
    }
    Ok(categories)
}

async fn write_nomination(
    txn: &impl ConnectionTrait,
    n: &DemoNomination,
    category_id: i32,
    criteria: &[i32],
    nominator: i32,
    site_id: i32,
    year: &DemoYear,
) -> Result<i32, AppError> {
    let at = year.nominations_open + time::Duration::days(i64::try_from(n.nominator).unwrap_or(0));
    let created = prize_nomination::ActiveModel {
        category_id: Set(category_id),
        nominator_id: Set(nominator),
        title: Set(n.title.clone()),
        nominee: Set(n.nominee.clone()),
        nominee_user_id: Set(None),
        project_id: Set(None),
        site_id: Set(site_id),
        links: Set(String::new()),
        status: Set("submitted".into()),
        finalist: Set(n.finalist.is_some()),
        statement: Set(n
            .finalist
            .map(|_| format!("{} har vist vei for resten av kommunen.", n.nominee))),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    prize_justification::Entity::insert_many(criteria.iter().zip(JUSTIFICATIONS).map(
        |(&criterion_id, text)| prize_justification::ActiveModel {
            nomination_id: Set(created.id),
            criterion_id: Set(criterion_id),
            body: Set(format!("{text} ({})", n.nominee)),
        },
    ))
    .exec(txn)
    .await?;
    Ok(created.id)
}

const JUSTIFICATIONS: [&str; 5] = [
    "Ingen i kommunen hadde prøvd dette før",
    "Løsningen er i daglig bruk",
    "Sparer tid for ansatte og gir bedre tjenester for innbyggerne",
    "Teamet jobber annerledes enn før",
    "Kan tas i bruk på andre tjenestesteder uten store tilpasninger",
];

async fn write_ballots(
    txn: &impl ConnectionTrait,
    nomination_id: i32,
    rank: usize,
    criteria: &[i32],
    jury: &[i32],
    at: OffsetDateTime,
) -> Result<(), AppError> {
    for (j, &juror_id) in jury.iter().enumerate() {
        let ballot = prize_ballot::ActiveModel {
            nomination_id: Set(nomination_id),
            juror_id: Set(juror_id),
            comment: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        prize_score::Entity::insert_many(criteria.iter().enumerate().map(|(c, &criterion_id)| {
            prize_score::ActiveModel {
                ballot_id: Set(ballot.id),
                criterion_id: Set(criterion_id),
                score: Set(i16::from(demo_score(rank, j, c))),
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}
