//! One project as its page and the API show it (DESIGN §4): people, sites, partners, money,
//! the timeline of its phases, its benefits with their measurements and what it stops doing.
//! A fixed number of queries, whatever the project holds.

use crate::portfolio::domain::permission::PortfolioAction;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use std::sync::Arc;

use super::reference::Reference;
use super::summaries::Memo;

use crate::auth::{Actor, authorize};
use crate::portfolio::domain::permission::ProjectRelation;
use crate::core::error::AppError;
use crate::core::money::Nok;
use crate::portfolio::entities::{benefit, benefit_measurement, discontinuation, phase_change, project, project_funding, project_member, project_partner, project_sdg, project_site, project_tag, tag};
use crate::entities::service_site;
use crate::portfolio::domain::benefit::{BenefitKind, Measurement};
use crate::portfolio::domain::phase::Roadmap;
use crate::portfolio::domain::project::{Discontinuation, PartnerKind};
use crate::portfolio::domain::view::{
    BenefitView, Funding, Named, Partner, PhaseRef, ProjectForms, ProjectPage, ProjectView,
    TimelineStep,
};

fn phase_ref(roadmap: &Roadmap, id: i32) -> Result<PhaseRef, AppError> {
    let phase = roadmap.by_id(id).ok_or(AppError::Internal)?;
    Ok(PhaseRef {
        id: phase.id,
        key: phase.key.clone(),
        name: phase.name.clone(),
    })
}

/// The project `project_id`, whole.
pub async fn get_project(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
) -> Result<ProjectView, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let (stamp, reference) = super::reference::read(db).await?;
    project_for(db, actor, project_id, stamp, &reference).await
}

/// The statements a project page may take while the portfolio stands still (issue 27; a
/// test holds the page to it on both backends): the portfolio's stamp, under which the
/// reference data and the project's parts are remembered (1), and the names of its people (1).
pub const PROJECT_PAGE_QUERIES: u64 = 2;

/// The statements of the first view of a project after a write to the portfolio, the
/// reference data remembered: the stamp (1), the project and its parts (10, side by side on
/// the pool's connections), the measurements of its benefits (1) and the names (1). The first
/// page of all after a write also reads the reference data again (4 more): it shares the
/// portfolio's stamp.
pub const PROJECT_PAGE_FIRST_QUERIES: u64 = 13;

/// The project's page (issue 25: a page asks once): the project whole, the roadmap, and for
/// its owner and members what their forms choose from.
pub async fn project_page(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
) -> Result<ProjectPage, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let (stamp, reference) = super::reference::read(db).await?;
    let project = project_for(db, actor, project_id, stamp, &reference).await?;
    let forms = project.editable.then(|| ProjectForms {
        organisation: reference.organisation.clone(),
        programmes: reference.programmes.clone(),
    });
    Ok(ProjectPage {
        project,
        roadmap: reference.roadmap.clone(),
        forms,
    })
}

/// A project's own rows, as the database held them at one portfolio stamp: everything its
/// view shows except the names of its people, which are read on each view (a renamed user
/// does not move the portfolio's stamp).
struct Parts {
    found: project::Model,
    members: Vec<project_member::Model>,
    steps: Vec<phase_change::Model>,
    benefits: Vec<benefit::Model>,
    sites: Vec<service_site::Model>,
    partners: Vec<project_partner::Model>,
    funding: Vec<project_funding::Model>,
    tags: Vec<tag::Model>,
    sdgs: Vec<project_sdg::Model>,
    discontinuations: Vec<discontinuation::Model>,
    measurements: Vec<benefit_measurement::Model>,
}

/// Projects' parts remembered under the portfolio's stamp (issue 27: a page costs its page),
/// at most 256: triggers move the stamp with a write to any table [`Parts`] is read from
/// (migrations `portfolio_stamp`, `portfolio_stamp_reference` for the service sites,
/// `portfolio_stamp_project_parts`), so every instance reads
/// a project again after any change to the portfolio.
static PARTS: Memo<(i64, i32), Arc<Parts>> = Memo::new(256);

/// The parts of project `project_id` at `stamp`, which the caller read before calling: from
/// memory while the stamp stands, otherwise read (11 statements, 10 of them side by side on
/// the pool's connections) and remembered, once for all who ask at the same time. Only a read on the pool may call it: inside a
/// transaction the stamp could belong to a write that is then rolled back.
async fn parts(db: &DatabaseConnection, stamp: i64, project_id: i32) -> Result<Arc<Parts>, AppError> {
    PARTS
        .get_or_compute((stamp, project_id), || read_parts(db, project_id))
        .await
}

/// The parts of project `project_id` as the database holds them now.
async fn read_parts(db: &DatabaseConnection, project_id: i32) -> Result<Arc<Parts>, AppError> {
    let (found, members, steps, benefits, sites, partners, funding, tags, sdgs, discontinuations) =
        tokio::try_join!(
            project::Entity::find_by_id(project_id).one(db),
            project_member::Entity::find()
                .filter(project_member::Column::ProjectId.eq(project_id))
                .all(db),
            phase_change::Entity::find()
                .filter(phase_change::Column::ProjectId.eq(project_id))
                .order_by_asc(phase_change::Column::ChangedAt)
                .order_by_asc(phase_change::Column::Id)
                .all(db),
            benefit::Entity::find()
                .filter(benefit::Column::ProjectId.eq(project_id))
                .order_by_asc(benefit::Column::Id)
                .all(db),
            service_site::Entity::find()
                .filter(
                    service_site::Column::Id.in_subquery(
                        Query::select()
                            .column(project_site::Column::SiteId)
                            .from(project_site::Entity)
                            .and_where(project_site::Column::ProjectId.eq(project_id))
                            .to_owned(),
                    ),
                )
                .order_by_asc(service_site::Column::Name)
                .all(db),
            project_partner::Entity::find()
                .filter(project_partner::Column::ProjectId.eq(project_id))
                .order_by_asc(project_partner::Column::Id)
                .all(db),
            project_funding::Entity::find()
                .filter(project_funding::Column::ProjectId.eq(project_id))
                .order_by_asc(project_funding::Column::Id)
                .all(db),
            tag::Entity::find()
                .filter(
                    tag::Column::Id.in_subquery(
                        Query::select()
                            .column(project_tag::Column::TagId)
                            .from(project_tag::Entity)
                            .and_where(project_tag::Column::ProjectId.eq(project_id))
                            .to_owned(),
                    ),
                )
                .order_by_asc(tag::Column::NameKey)
                .all(db),
            project_sdg::Entity::find()
                .filter(project_sdg::Column::ProjectId.eq(project_id))
                .all(db),
            discontinuation::Entity::find()
                .filter(discontinuation::Column::ProjectId.eq(project_id))
                .order_by_asc(discontinuation::Column::FromDate)
                .all(db),
        )?;
    let found = found.ok_or(AppError::NotFound)?;
    let measurements = benefit_measurement::Entity::find()
        .filter(benefit_measurement::Column::BenefitId.is_in(benefits.iter().map(|b| b.id)))
        .order_by_asc(benefit_measurement::Column::MeasuredOn)
        .order_by_asc(benefit_measurement::Column::Id)
        .all(db)
        .await?;
    Ok(Arc::new(Parts {
        found,
        members,
        steps,
        benefits,
        sites,
        partners,
        funding,
        tags,
        sdgs,
        discontinuations,
        measurements,
    }))
}

/// The project `project_id` for a caller that has checked the reader may see the portfolio,
/// at the portfolio's `stamp` (read before it, with `reference`).
async fn project_for(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    stamp: i64,
    reference: &Reference,
) -> Result<ProjectView, AppError> {
    let roadmap = &reference.roadmap;
    let parts = parts(db, stamp, project_id).await?;
    let Parts {
        found,
        members,
        steps,
        benefits,
        sites,
        partners,
        funding,
        tags,
        sdgs,
        discontinuations,
        measurements,
    } = &*parts;
    let member_ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    let relation = ProjectRelation::of(actor.user_id(), found.owner_id, &member_ids);
    let editable = authorize(actor, PortfolioAction::EditProject { relation }).is_ok();
    let names = crate::core::people::user_names(
        db,
        std::iter::once(found.owner_id)
            .chain(members.iter().map(|m| m.user_id))
            .chain(steps.iter().filter_map(|s| s.changed_by))
            .chain(benefits.iter().map(|b| b.responsible_user_id)),
    )
    .await?;
    let person = |id: i32| Named::looked_up(&names, id);

    let mut sites: Vec<Named> = sites
        .iter()
        .map(|s| Named {
            id: s.id,
            name: s.name.clone(),
        })
        .collect();
    sites.retain(|s| s.id != found.lead_site_id);
    let partners = partners
        .iter()
        .filter_map(|p| {
            PartnerKind::parse(&p.kind).map(|kind| Partner {
                id: p.id,
                kind,
                name: p.name.clone(),
            })
        })
        .collect();
    let funding = funding
        .iter()
        .map(|f| Funding {
            id: f.id,
            source: f.source.clone(),
            amount: Nok(f.amount_nok),
        })
        .collect();
    let tags = tags.iter().map(|t| t.name.clone()).collect();
    let sdgs = super::goals(sdgs.iter().map(|g| g.goal));
    let discontinuations = discontinuations
        .iter()
        .map(|d| Discontinuation {
            what: d.what.clone(),
            from: d.from_date,
            yearly_saving: d.yearly_saving_nok.map(Nok),
        })
        .collect();

    let timeline = steps
        .iter()
        .map(|s| {
            Ok(TimelineStep {
                from: s
                    .from_phase_id
                    .map(|id| phase_ref(roadmap, id))
                    .transpose()?,
                to: phase_ref(roadmap, s.to_phase_id)?,
                note: s.note.clone(),
                by: s.changed_by.map(person),
                at: s.changed_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let benefits = benefits
        .iter()
        .filter_map(|b| {
            let kind = BenefitKind::parse(&b.kind)?;
            Some(BenefitView {
                id: b.id,
                project_id: b.project_id,
                kind,
                description: b.description.clone(),
                unit: b.unit.clone(),
                baseline: b.baseline,
                target: b.target,
                target_date: b.target_date,
                responsible: person(b.responsible_user_id),
                measurements: measurements
                    .iter()
                    .filter(|m| m.benefit_id == b.id)
                    .map(|m| Measurement {
                        measured_on: m.measured_on,
                        value: m.value,
                    })
                    .collect(),
            })
        })
        .collect();
    let owner = person(found.owner_id);
    let member_names = members.iter().map(|m| person(m.user_id)).collect();
    let description = found.description.clone();
    let idea_id = found.idea_id;
    let row = super::list::rows(roadmap, vec![found.clone()], &reference.names)?
        .pop()
        .ok_or(AppError::Internal)?;
    Ok(ProjectView {
        row,
        description,
        owner,
        idea_id,
        members: member_names,
        sites,
        partners,
        funding,
        tags,
        sdgs,
        timeline,
        benefits,
        discontinuations,
        editable,
    })
}
