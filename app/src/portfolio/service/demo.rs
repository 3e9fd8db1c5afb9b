//! Writes the demo portfolio (`portfolio::demo`) into an empty portfolio: programmes, projects
//! with their people, sites, tags, goals, partners, funding, timeline, benefits, measurements
//! and stops, and ideas in every state. Rows go in batches, so 10 000 projects (the bench's
//! portfolio) load in one transaction without a query per row.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::portfolio::entities::{benefit, benefit_measurement, discontinuation, idea, idea_comment, idea_support, phase_change, programme, project, project_funding, project_member, project_partner, project_sdg, project_site, project_tag};
use crate::entities::{service_site, user};
use crate::portfolio::demo::{IDEAS, PROGRAMMES, demo_projects};
use crate::portfolio::domain::benefit::Measurement;

/// Rows per INSERT: well under both backends' limits on bound values.
const BATCH: usize = 400;

async fn insert_all<E, A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), AppError>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(BATCH).collect();
        E::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// The ids of the last `count` rows of `E` by id: those just inserted, in insertion order.
async fn last_ids<E>(
    db: &impl ConnectionTrait,
    id: E::Column,
    count: usize,
) -> Result<Vec<i32>, AppError>
where
    E: EntityTrait,
{
    let mut ids: Vec<i32> = E::find()
        .select_only()
        .column(id)
        .order_by_desc(id)
        .limit(count as u64)
        .into_tuple()
        .all(db)
        .await?;
    ids.reverse();
    Ok(ids)
}

/// Loads `count` demo projects and the demo ideas, unless the portfolio already has projects.
/// Returns how many projects were made.
pub async fn seed_demo_portfolio(
    db: &DatabaseConnection,
    actor: &Actor,
    count: usize,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    authorize(actor, PortfolioAction::ManageSettings)?;
    if project::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let sites = service_site::Entity::find()
        .filter(service_site::Column::ClosedOn.is_null())
        .order_by_asc(service_site::Column::Id)
        .all(db)
        .await?;
    let people = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    if sites.is_empty() || people.is_empty() {
        return Ok(0);
    }
    let roadmap = super::roadmap(db, actor).await?;
    let phases: Vec<i32> = roadmap.all().map(|p| p.id).collect();
    let today = crate::core::timefmt::oslo_date(now);
    let projects = demo_projects(count, sites.len(), people.len(), phases.len(), today);

    let txn = crate::core::txn::begin_write(db).await?;
    let mut programme_ids = Vec::new();
    for (name, description) in PROGRAMMES {
        let made = programme::ActiveModel {
            name: Set(name.to_owned()),
            description: Set(Some(description.to_owned())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        programme_ids.push(made.id);
    }
    let mut tag_names: Vec<String> = projects
        .iter()
        .flat_map(|p| p.tags.iter().map(|t| (*t).to_owned()))
        .collect();
    tag_names.sort();
    tag_names.dedup();
    let tag_ids = super::tag_ids(&txn, &tag_names).await?;
    let tag_id = |name: &str| {
        tag_names
            .iter()
            .position(|t| t == name)
            .and_then(|i| tag_ids.get(i).copied())
    };

    // Every fourth project grew from an accepted idea.
    let from_ideas: Vec<usize> = (0..projects.len()).step_by(4).collect();
    let idea_rows = from_ideas.iter().map(|&n| {
        let p = &projects[n];
        idea::ActiveModel {
            title: Set(p.name.clone()),
            problem: Set(p.description.clone()),
            proposal: Set(p.description.clone()),
            expected_gain: Set(None),
            site_id: Set(Some(sites[p.lead_site].id)),
            submitted_by: Set(people[p.people[0]].id),
            status: Set("accepted".to_owned()),
            decision_reason: Set(Some("Godt forankret i tjenesten.".to_owned())),
            decided_by: Set(Some(people[0].id)),
            decided_at: Set(Some(now)),
            created_at: Set(now),
            ..Default::default()
        }
    });
    insert_all(&txn, idea_rows.collect()).await?;
    let idea_ids = last_ids::<idea::Entity>(&txn, idea::Column::Id, from_ideas.len()).await?;

    let project_rows = projects.iter().enumerate().map(|(n, p)| {
        let site = &sites[p.lead_site];
        let idea_id = from_ideas
            .iter()
            .position(|&i| i == n)
            .and_then(|i| idea_ids.get(i).copied());
        project::ActiveModel {
            name: Set(p.name.clone()),
            description: Set(p.description.clone()),
            owner_id: Set(people[p.people[0]].id),
            lead_site_id: Set(site.id),
            sector_id: Set(site.sector_id),
            programme_id: Set(p.programme.and_then(|i| programme_ids.get(i).copied())),
            phase_id: Set(phases[p.phase]),
            budget_nok: Set(p.budget),
            started_on: Set(Some(p.started_on)),
            idea_id: Set(idea_id),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    });
    insert_all(&txn, project_rows.collect()).await?;
    let ids = last_ids::<project::Entity>(&txn, project::Column::Id, projects.len()).await?;

    let (mut members, mut other_sites, mut tags, mut goals) = (vec![], vec![], vec![], vec![]);
    let (mut partners, mut funding, mut steps, mut stops) = (vec![], vec![], vec![], vec![]);
    for (p, &id) in projects.iter().zip(&ids) {
        for &who in &p.people {
            members.push(project_member::ActiveModel {
                project_id: Set(id),
                user_id: Set(people[who].id),
            });
        }
        for &s in &p.other_sites {
            if s != p.lead_site {
                other_sites.push(project_site::ActiveModel {
                    project_id: Set(id),
                    site_id: Set(sites[s].id),
                });
            }
        }
        tags.extend(
            p.tags
                .iter()
                .filter_map(|t| tag_id(t))
                .map(|tag| project_tag::ActiveModel {
                    project_id: Set(id),
                    tag_id: Set(tag),
                }),
        );
        goals.extend(p.sdgs.iter().map(|g| project_sdg::ActiveModel {
            project_id: Set(id),
            goal: Set(i16::from(*g)),
        }));
        partners.extend(
            p.partners
                .iter()
                .map(|(kind, name)| project_partner::ActiveModel {
                    project_id: Set(id),
                    kind: Set(kind.as_str().to_owned()),
                    name: Set((*name).to_owned()),
                    ..Default::default()
                }),
        );
        funding.extend(
            p.funding
                .iter()
                .map(|(source, amount)| project_funding::ActiveModel {
                    project_id: Set(id),
                    source: Set((*source).to_owned()),
                    amount_nok: Set(*amount),
                    ..Default::default()
                }),
        );
        // The timeline: started in the first phase, one step at a time to where it is; a
        // stopped project stops from its second phase, with its lessons.
        let stopped = p.phase + 1 == phases.len();
        let path: Vec<usize> = if stopped {
            vec![0, 1, p.phase]
        } else {
            (0..=p.phase).collect()
        };
        let mut from = None;
        for &step in &path {
            let note = match (from, stopped && step == p.phase) {
                (None, _) => "Startet fra porteføljen.",
                (Some(_), true) => {
                    "Stoppet: behovet ble dekket av en nasjonal løsning. Vi tar med oss erfaringene."
                }
                (Some(_), false) => "",
            };
            steps.push(phase_change::ActiveModel {
                project_id: Set(id),
                from_phase_id: Set(from),
                to_phase_id: Set(phases[step]),
                note: Set(note.to_owned()),
                changed_by: Set(Some(people[p.people[0]].id)),
                changed_at: Set(now),
                ..Default::default()
            });
            from = Some(phases[step]);
        }
        stops.extend(
            p.stops
                .iter()
                .map(|(what, from, saving)| discontinuation::ActiveModel {
                    project_id: Set(id),
                    what: Set((*what).to_owned()),
                    from_date: Set(*from),
                    yearly_saving_nok: Set(*saving),
                    ..Default::default()
                }),
        );
    }
    insert_all(&txn, members).await?;
    insert_all(&txn, other_sites).await?;
    insert_all(&txn, tags).await?;
    insert_all(&txn, goals).await?;
    insert_all(&txn, partners).await?;
    insert_all(&txn, funding).await?;
    insert_all(&txn, steps).await?;
    insert_all(&txn, stops).await?;

    let benefit_rows: Vec<benefit::ActiveModel> = projects
        .iter()
        .zip(&ids)
        .flat_map(|(p, &id)| {
            let owner = people[p.people[0]].id;
            p.benefits.iter().map(move |b| {
                let measured: Vec<Measurement> = b
                    .measurements
                    .iter()
                    .map(|(on, value)| Measurement {
                        measured_on: *on,
                        value: *value,
                    })
                    .collect();
                let latest = crate::portfolio::domain::benefit::latest(&measured);
                benefit::ActiveModel {
                    project_id: Set(id),
                    kind: Set(b.kind.as_str().to_owned()),
                    description: Set(b.description.to_owned()),
                    unit: Set(b.unit.to_owned()),
                    baseline: Set(b.baseline),
                    target: Set(b.target),
                    target_date: Set(Some(b.target_date)),
                    responsible_user_id: Set(owner),
                    created_at: Set(now),
                    latest_value: Set(latest.map(|m| m.value)),
                    latest_on: Set(latest.map(|m| m.measured_on)),
                    ..Default::default()
                }
            })
        })
        .collect();
    let benefit_count = benefit_rows.len();
    insert_all(&txn, benefit_rows).await?;
    let benefit_ids = last_ids::<benefit::Entity>(&txn, benefit::Column::Id, benefit_count).await?;
    let measurements = projects
        .iter()
        .flat_map(|p| p.benefits.iter())
        .zip(&benefit_ids)
        .flat_map(|(b, &id)| {
            b.measurements
                .iter()
                .map(move |(on, value)| benefit_measurement::ActiveModel {
                    benefit_id: Set(id),
                    measured_on: Set(*on),
                    value: Set(*value),
                    recorded_by: Set(None),
                    recorded_at: Set(now),
                    ..Default::default()
                })
        })
        .collect();
    insert_all(&txn, measurements).await?;

    seed_open_ideas(&txn, &sites, &people, now).await?;
    let details = json!({ "projects": ids.len(), "ideas": IDEAS.len() + idea_ids.len() });
    super::audit(
        &txn,
        actor,
        "portfolio.demo_seeded",
        ("portfolio", 0),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(ids.len())
}

/// The demo ideas still in play (submitted, under assessment, parked, declined), with some
/// support and a comment each.
async fn seed_open_ideas(
    txn: &impl ConnectionTrait,
    sites: &[service_site::Model],
    people: &[user::Model],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    for (n, (title, problem, proposal, status)) in IDEAS.iter().enumerate() {
        let submitter = &people[(n + 1) % people.len()];
        let decided = matches!(*status, "parked" | "declined");
        let made = idea::ActiveModel {
            title: Set((*title).to_owned()),
            problem: Set((*problem).to_owned()),
            proposal: Set((*proposal).to_owned()),
            expected_gain: Set(None),
            site_id: Set(Some(sites[(n * 23) % sites.len()].id)),
            submitted_by: Set(submitter.id),
            status: Set((*status).to_owned()),
            decision_reason: Set(decided.then(|| match *status {
                "parked" => "Vi venter på en nasjonal løsning som kommer neste år.".to_owned(),
                _ => "Kostnaden er for høy sammenlignet med gevinsten.".to_owned(),
            })),
            decided_by: Set(decided.then_some(people[0].id)),
            decided_at: Set(decided.then_some(now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for supporter in people.iter().filter(|u| u.id != submitter.id).take(n % 4) {
            idea_support::ActiveModel {
                idea_id: Set(made.id),
                user_id: Set(supporter.id),
                created_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
        idea_comment::ActiveModel {
            idea_id: Set(made.id),
            author_id: Set(people[(n + 2) % people.len()].id),
            body: Set("God idé! Vi har det samme problemet hos oss.".to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
