//! Writes the demo fund into a fund without calls: the three tracks' budgets for this year
//! and last year (10 MNOK a year, DESIGN §1); a past round shaped like the municipality's own — 27
//! applications from sites across the sectors, reviewed (the reviewer declared one conflict),
//! ten granted between 35 000 and 500 000 kr, decided, their reports due — and a call open
//! now.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::timefmt::oslo_date;
use crate::entities::{service_site, user};
use crate::fund::demo::{APPLICANTS, DEMO_BUDGETS, PAST_APPLICATIONS, demo_application, past_score};
use crate::fund::domain::call::DEFAULT_CRITERIA;
use crate::fund::domain::followup::{ReportKind, months_after};
use crate::fund::domain::permission::FundAction;
use crate::fund::entities::{
    fund_answer, fund_application, fund_budget_line, fund_call, fund_call_reviewer,
    fund_criterion, fund_report, fund_review, fund_review_score, fund_track, fund_track_budget,
};

use super::audit;

const PAST_ROUND: &str = "Lokale innovasjonsmidler, høstrunden";
const REVIEWER: &str = "fagvurderer@ideverket.example";
const COUNCIL: &str = "innovasjonsrad@ideverket.example";
const MANAGER: &str = "leder@ideverket.example";

/// Loads the demo fund unless there is a track; returns the applications written.
pub async fn seed_demo_fund(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    authorize(actor, FundAction::Manage)?;
    if fund_call::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let tracks: Vec<i32> = fund_track::Entity::find()
        .order_by_asc(fund_track::Column::Position)
        .order_by_asc(fund_track::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let users = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let id_of = |email: &str| users.iter().find(|u| u.email == email).map(|u| u.id);
    let (Some(reviewer), Some(council), Some(manager)) =
        (id_of(REVIEWER), id_of(COUNCIL), id_of(MANAGER))
    else {
        return Ok(0);
    };
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
    if sites.is_empty() || tracks.len() < DEMO_BUDGETS.len() {
        return Ok(0);
    }
    // The applicants work at sites of their own (three sectors), through the users' service.
    let mut applicants = Vec::new();
    for (i, (name, email)) in APPLICANTS.iter().enumerate() {
        let site = sites[i % sites.len()];
        let existing = users.iter().find(|u| u.email == *email);
        let (id, home) = match existing {
            Some(u) => (u.id, u.home_site_id),
            None => {
                let fields = crate::users::domain::NewUserFields::parse(name, email, Some(site), &[])
                    .map_err(AppError::Invalid)?;
                let password = crate::auth::demo::DEMO_PASSWORD;
                let made = crate::users::service::create_user(db, actor, fields, password, now).await?;
                (made.id, Some(site))
            }
        };
        applicants.push((id, home.unwrap_or(site)));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let this_year = oslo_date(now).year();
    for (&track_id, &budget) in tracks.iter().zip(DEMO_BUDGETS.iter()) {
        for year in [this_year - 1, this_year] {
            let exists = fund_track_budget::Entity::find()
                .filter(fund_track_budget::Column::TrackId.eq(track_id))
                .filter(fund_track_budget::Column::Year.eq(year))
                .count(&txn)
                .await?
                > 0;
            if !exists {
                fund_track_budget::ActiveModel {
                    track_id: Set(track_id),
                    year: Set(year),
                    budget_nok: Set(budget),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    // The past round: closed eight months ago, decided six months ago.
    let opens = now - Duration::days(300);
    let closes = now - Duration::days(245);
    let decided = now - Duration::days(190);
    let past = write_call(
        &txn,
        tracks[1],
        PAST_ROUND,
        opens,
        closes,
        (2_500_000, 500_000),
        Some((decided, council)),
        reviewer,
        now,
    )
    .await?;
    let mut written = 0;
    for i in 0..PAST_APPLICATIONS {
        let demo = demo_application(i);
        let submitted = opens + Duration::days(10 + i64::try_from(i).unwrap_or(0));
        let application = fund_application::ActiveModel {
            call_id: Set(past.0),
            applicant_id: Set(applicants[i % applicants.len()].0),
            title: Set(demo.title.clone()),
            summary: Set(Some(demo.summary.clone())),
            site_id: Set(Some(applicants[i % applicants.len()].1)),
            project_id: Set(None),
            amount_nok: Set(Some(demo.amount)),
            own_contribution_nok: Set(demo.amount / 5),
            co_funding_nok: Set(0),
            submitted_at: Set(Some(submitted)),
            anchored_by: Set(Some(manager)),
            anchored_at: Set(Some(submitted)),
            recommended_nok: Set(Some(demo.granted.unwrap_or(0))),
            justification: Set(Some(demo.feedback.clone())),
            recommended_by: Set(Some(council)),
            recommended_at: Set(Some(decided - Duration::days(7))),
            guidance_requested_at: Set(None),
            guidance_given_at: Set(None),
            closed_at: Set(None),
            created_at: Set(submitted),
            updated_at: Set(submitted),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        write_parts(&txn, application.id, &demo.lines, &past.1).await?;
        let review = fund_review::ActiveModel {
            application_id: Set(application.id),
            reviewer_id: Set(reviewer),
            conflict: Set(demo.conflict),
            comment: Set(Some(if demo.conflict {
                "Søkeren er min tidligere kollega.".to_owned()
            } else {
                demo.review_comment.clone()
            })),
            created_at: Set(closes + Duration::days(5)),
            updated_at: Set(closes + Duration::days(5)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if !demo.conflict {
            fund_review_score::Entity::insert_many(past.1.iter().enumerate().map(|(c, &id)| {
                fund_review_score::ActiveModel {
                    review_id: Set(review.id),
                    criterion_id: Set(id),
                    score: Set(i16::from(past_score(i, c))),
                }
            }))
            .exec(&txn)
            .await?;
        }
        if let Some(granted) = demo.granted {
            let grant = crate::portfolio::write::Grant {
                project_id: None,
                name: application.title.clone(),
                description: demo.summary.clone(),
                owner_id: application.applicant_id,
                site_id: application.site_id,
                source: format!("Forsknings- og innovasjonsfondet: {PAST_ROUND}"),
                amount: crate::core::money::Nok(granted),
            };
            let project = crate::portfolio::write::record_grant(&txn, actor, grant, decided).await?;
            let mut linked: fund_application::ActiveModel = application.clone().into();
            linked.project_id = Set(Some(project));
            linked.update(&txn).await?;
            let decided_on = oslo_date(decided);
            // Two of three interim reports came in; the rest are overdue.
            for (kind, submitted) in [
                (ReportKind::Interim, i % 3 != 0),
                (ReportKind::Final, false),
            ] {
                fund_report::ActiveModel {
                    application_id: Set(application.id),
                    kind: Set(kind.as_str().to_owned()),
                    due_on: Set(months_after(decided_on, kind.months_after_decision())),
                    submitted_at: Set(submitted.then_some(now - Duration::days(3))),
                    submitted_by: Set(None),
                    body: Set(submitted.then(|| "Arbeidet går etter planen.".to_owned())),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        written += 1;
    }
    // The open call: opened two weeks ago, closes in six weeks.
    write_call(
        &txn,
        tracks[0],
        "Forsknings- og innovasjonsprosjekter, vårrunden",
        now - Duration::days(14),
        now + Duration::days(42),
        (4_000_000, 1_000_000),
        None,
        reviewer,
        now,
    )
    .await?;
    audit(
        &txn,
        actor,
        "fund.demo_loaded",
        ("fund_call", past.0),
        json!({ "applications": written }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(written)
}

/// A call with the default criteria (weighted 2, 1, 1, 2, 1) and the reviewer; its id and
/// criterion ids.
#[allow(clippy::too_many_arguments)]
async fn write_call(
    txn: &impl ConnectionTrait,
    track_id: i32,
    title: &str,
    opens_at: OffsetDateTime,
    closes_at: OffsetDateTime,
    (budget, max_amount): (i64, i64),
    decided: Option<(OffsetDateTime, i32)>,
    reviewer: i32,
    now: OffsetDateTime,
) -> Result<(i32, Vec<i32>), AppError> {
    let call = fund_call::ActiveModel {
        track_id: Set(track_id),
        year: Set(oslo_date(opens_at).year()),
        title: Set(title.to_owned()),
        body: Set("Fondet støtter ansatte som vil prøve ut nye løsninger sammen med \
                   innbyggere, kolleger og partnere. Søk om midler til utvikling, \
                   utprøving og spredning."
            .to_owned()),
        opens_at: Set(opens_at),
        closes_at: Set(closes_at),
        budget_nok: Set(budget),
        max_amount_nok: Set(max_amount),
        decided_at: Set(decided.map(|(at, _)| at)),
        decided_by: Set(decided.map(|(_, by)| by)),
        case_number: Set(decided.map(|_| "2026/1432".to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut criteria = Vec::new();
    for (position, (name, weight)) in DEFAULT_CRITERIA.iter().zip([2, 1, 1, 2, 1]).enumerate() {
        let criterion = fund_criterion::ActiveModel {
            call_id: Set(call.id),
            name: Set((*name).to_owned()),
            weight: Set(weight),
            position: Set(i32::try_from(position).unwrap_or(0)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        criteria.push(criterion.id);
    }
    fund_call_reviewer::ActiveModel {
        call_id: Set(call.id),
        user_id: Set(reviewer),
    }
    .insert(txn)
    .await?;
    Ok((call.id, criteria))
}

async fn write_parts(
    txn: &impl ConnectionTrait,
    application_id: i32,
    lines: &[(String, i64)],
    criteria: &[i32],
) -> Result<(), AppError> {
    fund_budget_line::Entity::insert_many(lines.iter().enumerate().map(
        |(position, (description, amount))| fund_budget_line::ActiveModel {
            application_id: Set(application_id),
            position: Set(i32::try_from(position).unwrap_or(0)),
            description: Set(description.clone()),
            amount_nok: Set(*amount),
            ..Default::default()
        },
    ))
    .exec(txn)
    .await?;
    fund_answer::Entity::insert_many(criteria.iter().map(|&criterion_id| {
        fund_answer::ActiveModel {
            application_id: Set(application_id),
            criterion_id: Set(criterion_id),
            body: Set("Se sammendraget.".to_owned()),
        }
    }))
    .exec(txn)
    .await?;
    Ok(())
}
