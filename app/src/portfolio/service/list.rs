//! The portfolio view (DESIGN §4): the filtered, sorted, paginated list of projects and its
//! summary. Counts and sums are computed by the database and remembered until the portfolio
//! changes (`summaries`); a page costs the same number of queries whatever the number of
//! projects (issue 12: 10 000 projects; issue 27).

use crate::portfolio::domain::permission::PortfolioAction;
use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::{Expr, ExprTrait as _, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect,
};
use time::{Date, Month};

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::money::Nok;
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::Input;
use crate::portfolio::entities::{benefit, project, project_funding, project_sdg, project_site, project_tag, tag};
use crate::entities::sector;
use crate::portfolio::domain::benefit::{BenefitKind, UnitTotals};
use crate::portfolio::domain::filter::{PortfolioFilter, ProjectSort};
use crate::portfolio::domain::phase::Roadmap;
use crate::portfolio::domain::view::{
    Count, Named, PhaseRef, PortfolioPage, PortfolioSummary, ProgrammePage, ProjectRow,
};

use super::reference::{self, RowNames};
use super::summaries;

/// The projects `filter` lets through, as one condition on `projects`.
fn condition(
    filter: &PortfolioFilter,
    roadmap: &Roadmap,
    backend: DbBackend,
) -> Result<Condition, AppError> {
    let mut all = Condition::all();
    if let Some(key) = &filter.phase {
        let phase = roadmap
            .by_key(key)
            .ok_or_else(|| AppError::invalid("phase", FieldError::InvalidChoice))?;
        all = all.add(project::Column::PhaseId.eq(phase.id));
    }
    if let Some(sector_id) = filter.sector_id {
        all = all.add(project::Column::SectorId.eq(sector_id));
    }
    if let Some(site_id) = filter.site_id {
        let participating = Query::select()
            .column(project_site::Column::ProjectId)
            .from(project_site::Entity)
            .and_where(project_site::Column::SiteId.eq(site_id))
            .to_owned();
        all = all.add(
            Condition::any()
                .add(project::Column::LeadSiteId.eq(site_id))
                .add(project::Column::Id.in_subquery(participating)),
        );
    }
    if let Some(programme_id) = filter.programme_id {
        all = all.add(project::Column::ProgrammeId.eq(programme_id));
    }
    if let Some(goal) = filter.sdg {
        let with_goal = Query::select()
            .column(project_sdg::Column::ProjectId)
            .from(project_sdg::Entity)
            .and_where(project_sdg::Column::Goal.eq(i16::from(goal)))
            .to_owned();
        all = all.add(project::Column::Id.in_subquery(with_goal));
    }
    if let Some(key) = &filter.tag {
        let tagged = Query::select()
            .column((project_tag::Entity, project_tag::Column::ProjectId))
            .from(project_tag::Entity)
            .inner_join(
                tag::Entity,
                Expr::col((tag::Entity, tag::Column::Id))
                    .equals((project_tag::Entity, project_tag::Column::TagId)),
            )
            .and_where(Expr::col((tag::Entity, tag::Column::NameKey)).eq(key.as_str()))
            .to_owned();
        all = all.add(project::Column::Id.in_subquery(tagged));
    }
    if let Some(year) = filter.year {
        let first = Date::from_calendar_date(year, Month::January, 1);
        let last = Date::from_calendar_date(year, Month::December, 31);
        if let (Ok(first), Ok(last)) = (first, last) {
            all = all.add(project::Column::StartedOn.between(first, last));
        }
    }
    if let Some(funded) = filter.funded {
        let with_funding = Query::select()
            .column(project_funding::Column::ProjectId)
            .from(project_funding::Entity)
            .to_owned();
        all = all.add(if funded {
            project::Column::Id.in_subquery(with_funding)
        } else {
            project::Column::Id.not_in_subquery(with_funding)
        });
    }
    if let Some(needle) = &filter.query {
        all = all.add(search(needle, backend));
    }
    Ok(all)
}

/// Projects whose name or description matches `needle` (DESIGN §4: full-text search): by
/// word in the full-text index (PostgreSQL's Norwegian stemming; SQLite's FTS5 by word
/// prefix), or as a literal part of the name or description (numbers, "100%", parts of words).
/// Both parts read indexes (issue 27): on PostgreSQL the stored search document
/// (`search_words`, `to_tsvector('norwegian', …)` of the name and description) with its index
/// and `pg_trgm`'s trigram indexes of the lower-cased name and description, combined by the
/// planner; on SQLite the
/// word index and the trigram index (`projects_trigram`), one lookup of ids: `UNION ALL`,
/// since `IN` asks only whether an id is among them (a `UNION` sorted out the duplicates
/// first: at 100 000 projects, 6 250 of them holding the word, the search took 6 ms in
/// `sqlite3` with it and 3 ms without). A needle of fewer than three characters has no
/// trigram: SQLite then compares every name, as before.
pub(super) fn search(needle: &str, backend: DbBackend) -> Condition {
    let pattern = crate::core::search::contains(needle);
    let literal = Expr::expr(Func::lower(Expr::col((
        project::Entity,
        project::Column::Name,
    ))))
    .like(pattern.clone())
    .or(Expr::expr(Func::lower(Expr::col((
        project::Entity,
        project::Column::Description,
    ))))
    .like(pattern));
    match backend {
        DbBackend::Postgres => Condition::any().add(literal).add(Expr::cust_with_values(
            "projects.search_words @@ plainto_tsquery('norwegian', $1)",
            [needle.to_owned()],
        )),
        DbBackend::Sqlite => match (
            crate::core::search::fts5_query(needle),
            crate::core::search::trigram_query(needle),
        ) {
            // sea-query numbers `$1` placeholders for PostgreSQL only; SQLite takes `?`.
            (Some(words), Some(part)) => Condition::all().add(Expr::cust_with_values(
                "projects.id IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH ? \
                 UNION ALL SELECT rowid FROM projects_trigram WHERE projects_trigram MATCH ?)",
                [words, part],
            )),
            (None, Some(part)) => Condition::all().add(Expr::cust_with_values(
                "projects.id IN (SELECT rowid FROM projects_trigram WHERE projects_trigram MATCH ?)",
                [part],
            )),
            (Some(words), None) => Condition::any().add(literal).add(Expr::cust_with_values(
                "projects.id IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH ?)",
                [words],
            )),
            (None, None) => Condition::any().add(literal),
        },
        _ => Condition::any().add(literal),
    }
}

/// The search as one statement, for reading its query plan (the tests' `EXPLAIN`).
pub fn search_statement(backend: DbBackend, needle: &str) -> sea_orm::Statement {
    use sea_orm::QueryTrait as _;
    project::Entity::find()
        .filter(search(needle, backend))
        .build(backend)
}

/// One page of the projects the filter lets through, in its order.
pub async fn list_projects(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl Input<Parsed = PortfolioFilter>,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<ProjectRow>, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let (filter, page) = crate::core::parse::parse_both(filter, page).map_err(AppError::Invalid)?;
    let (stamp, reference) = reference::read(db).await?;
    let total = summary_of(db, stamp, &filter, &reference.roadmap)
        .await?
        .projects;
    let listed = page_of(db, &filter, &page, &reference.roadmap, total).await?;
    listed.named(&reference.roadmap, &reference.names)
}

/// One page of the projects `filter` lets through, the filter parsed and the roadmap read;
/// `total` is how many it lets through (the summary counts them). Unnamed: its rows still
/// point at sectors, sites and programmes by id ([`Listed::named`]).
async fn page_of(
    db: &impl ConnectionTrait,
    filter: &PortfolioFilter,
    page: &PageRequest,
    roadmap: &Roadmap,
    total: u64,
) -> Result<Listed, AppError> {
    let backend = db.get_database_backend();
    let select = project::Entity::find().filter(condition(filter, roadmap, backend)?);
    // The id breaks ties in the same direction as the sort, so each order is one walk of its
    // (column, id) index: with the id ascending after a descending column, SQLite sorted every
    // tied row in a temporary tree (22 ms instead of 0.1 ms for 10 000 projects).
    let ordered = match filter.sort {
        ProjectSort::Updated => select
            .order_by_desc(project::Column::UpdatedAt)
            .order_by_desc(project::Column::Id),
        ProjectSort::Name => select
            .order_by_asc(project::Column::Name)
            .order_by_asc(project::Column::Id),
        ProjectSort::Started => select
            .order_by_desc(project::Column::StartedOn)
            .order_by_desc(project::Column::Id),
        ProjectSort::Budget => select
            .order_by_desc(project::Column::BudgetNok)
            .order_by_desc(project::Column::Id),
    };
    // A page past the end reads nothing.
    let items = if page.offset >= total {
        Vec::new()
    } else {
        ordered
            .offset(page.offset)
            .limit(page.limit)
            .all(db)
            .await?
    };
    Ok(Listed {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// A page of projects as the database holds them, before their names are looked up.
pub(super) type Listed = Paged<project::Model>;

impl Listed {
    /// The page with its rows named.
    fn named(self, roadmap: &Roadmap, names: &RowNames) -> Result<Paged<ProjectRow>, AppError> {
        Ok(Paged {
            items: rows(roadmap, self.items, names)?,
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        })
    }
}

/// The rows of `models`, named.
pub(super) fn rows(
    roadmap: &Roadmap,
    models: Vec<project::Model>,
    names: &RowNames,
) -> Result<Vec<ProjectRow>, AppError> {
    let named = |id: i32, names: &HashMap<i32, String>| Named::looked_up(names, id);
    models
        .into_iter()
        .map(|m| {
            let phase = roadmap.by_id(m.phase_id).ok_or(AppError::Internal)?;
            Ok(ProjectRow {
                id: m.id,
                name: m.name,
                phase: PhaseRef {
                    id: phase.id,
                    key: phase.key.clone(),
                    name: phase.name.clone(),
                },
                sector: named(m.sector_id, &names.sectors),
                lead_site: named(m.lead_site_id, &names.sites),
                programme: m.programme_id.map(|id| named(id, &names.programmes)),
                budget: m.budget_nok.map(Nok),
                started_on: m.started_on,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

/// A SQL count as an unsigned number.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[derive(FromQueryResult)]
struct GroupCount {
    id: i32,
    projects: i64,
}

#[derive(FromQueryResult)]
struct UnitRow {
    kind: String,
    unit: String,
    benefits: i64,
    measured: i64,
    planned: Option<i64>,
    realised: Option<i64>,
}

/// Counts per phase and per sector, and per benefit kind and unit the planned and realised
/// gains, for the projects the filter lets through. Four queries.
pub async fn portfolio_summary(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl Input<Parsed = PortfolioFilter>,
) -> Result<PortfolioSummary, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let filter = filter.parse().map_err(AppError::Invalid)?;
    let (stamp, reference) = reference::read(db).await?;
    summary_of(db, stamp, &filter, &reference.roadmap).await
}

/// The summary of what `filter` lets through at the portfolio's `stamp` (read before it, with
/// the roadmap: [`reference::read`]): from the memo while the stamp stands, else computed
/// ([`count_and_sum`]) and remembered. On the pool only: inside a transaction the stamp could
/// belong to a write that is then rolled back.
async fn summary_of(
    db: &DatabaseConnection,
    stamp: i64,
    filter: &PortfolioFilter,
    roadmap: &Roadmap,
) -> Result<PortfolioSummary, AppError> {
    summaries::remembered(summaries::key(stamp, filter), || {
        count_and_sum(db, filter, roadmap)
    })
    .await
}

/// The summary of what `filter` lets through, counted and summed by the database: four
/// statements, each over every project the filter lets through.
async fn count_and_sum(
    db: &impl ConnectionTrait,
    filter: &PortfolioFilter,
    roadmap: &Roadmap,
) -> Result<PortfolioSummary, AppError> {
    let selected = condition(filter, roadmap, db.get_database_backend())?;

    let grouped = |column: project::Column| {
        project::Entity::find()
            .select_only()
            .column_as(column, "id")
            .column_as(project::Column::Id.count(), "projects")
            .filter(selected.clone())
            .group_by(column)
            .into_model::<GroupCount>()
    };
    let per_phase_rows: BTreeMap<i32, u64> = grouped(project::Column::PhaseId)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, count(g.projects)))
        .collect();
    let per_sector_rows = grouped(project::Column::SectorId).all(db).await?;

    let selected_projects = Query::select()
        .column((project::Entity, project::Column::Id))
        .from(project::Entity)
        .cond_where(selected.clone())
        .to_owned();
    let kinds_query = benefit::Entity::find()
        .select_only()
        .column(benefit::Column::Kind)
        .column(benefit::Column::Unit)
        .column_as(benefit::Column::Id.count(), "benefits")
        .column_as(benefit::Column::LatestValue.count(), "measured")
        // PostgreSQL sums bigints as numeric: cast back to whole numbers.
        .column_as(Expr::cust(super::benefits::PLANNED_GAIN_SQL), "planned")
        .column_as(Expr::cust(super::benefits::REALISED_GAIN_SQL), "realised")
        .group_by(benefit::Column::Kind)
        .group_by(benefit::Column::Unit);
    // The whole portfolio needs no list of its projects' ids (a third of the query's time
    // with 10 000 projects on SQLite).
    let kinds = if filter.selects_all() {
        kinds_query
    } else {
        kinds_query.filter(benefit::Column::ProjectId.in_subquery(selected_projects))
    }
    .into_model::<UnitRow>()
    .all(db)
    .await?;

    let sector_ids: Vec<i32> = per_sector_rows.iter().map(|g| g.id).collect();
    let mut per_sector: Vec<Count<Named>> = sector::Entity::find()
        .filter(sector::Column::Id.is_in(sector_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| Count {
            projects: per_sector_rows
                .iter()
                .find(|g| g.id == s.id)
                .map_or(0, |g| count(g.projects)),
            of: Named {
                id: s.id,
                name: s.name,
            },
        })
        .collect();
    per_sector.sort_by(|a, b| a.of.name.cmp(&b.of.name));

    let per_phase: Vec<Count<PhaseRef>> = roadmap
        .all()
        .map(|p| Count {
            of: PhaseRef {
                id: p.id,
                key: p.key.clone(),
                name: p.name.clone(),
            },
            projects: per_phase_rows.get(&p.id).copied().unwrap_or(0),
        })
        .collect();
    let mut benefits: Vec<UnitTotals> = kinds
        .into_iter()
        .filter_map(|r| {
            Some(UnitTotals {
                kind: BenefitKind::parse(&r.kind)?,
                unit: r.unit,
                benefits: count(r.benefits),
                measured: count(r.measured),
                planned: r.planned.unwrap_or(0),
                realised: r.realised.unwrap_or(0),
            })
        })
        .collect();
    benefits.sort_by(|a, b| (a.kind, &a.unit).cmp(&(b.kind, &b.unit)));
    Ok(PortfolioSummary {
        projects: per_phase.iter().map(|c| c.projects).sum(),
        per_phase,
        per_sector,
        benefits,
    })
}

/// Everything the portfolio page shows (issue 25: a page asks once): what its filters choose
/// from, and the page of projects with its summary, or why the filter was refused. One
/// permission check, the filter parsed once, the roadmap read once; the number of queries
/// does not grow with the number of projects ([`PORTFOLIO_PAGE_QUERIES`]).
pub async fn portfolio_page(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: impl Input<Parsed = PortfolioFilter>,
    page: impl Input<Parsed = PageRequest>,
) -> Result<PortfolioPage, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let (stamp, reference) = reference::read(db).await?;
    let roadmap = &reference.roadmap;
    let listing = match crate::core::parse::parse_both(filter, page) {
        Ok((filter, page)) => {
            let summary = summary_of(db, stamp, &filter, roadmap).await?;
            let listed = page_of(db, &filter, &page, roadmap, summary.projects).await?;
            Ok((listed.named(roadmap, &reference.names)?, summary))
        }
        Err(refused) => Err(refused),
    };
    Ok(PortfolioPage {
        roadmap: roadmap.clone(),
        org: reference.organisation.clone(),
        programmes: reference.programmes.clone(),
        listing,
    })
}

/// A programme's page (issue 25: a page asks once): the programme with its sums, and one page
/// of its projects with their summary.
pub async fn programme_page(
    db: &DatabaseConnection,
    actor: &Actor,
    programme_id: i32,
    page: impl Input<Parsed = PageRequest>,
) -> Result<ProgrammePage, AppError> {
    let programme = super::get_programme(db, actor, programme_id).await?;
    let filter = crate::portfolio::domain::filter::FilterText {
        programme_id: Some(programme_id.to_string()),
        ..Default::default()
    };
    let (filter, page) =
        crate::core::parse::parse_both(filter, page).map_err(AppError::Invalid)?;
    let (stamp, reference) = reference::read(db).await?;
    let summary = summary_of(db, stamp, &filter, &reference.roadmap).await?;
    let listed = page_of(db, &filter, &page, &reference.roadmap, summary.projects).await?;
    Ok(ProgrammePage {
        programme,
        projects: listed.named(&reference.roadmap, &reference.names)?,
        summary,
        manages: super::manages_settings(actor),
    })
}

/// The most queries the portfolio page makes, whatever the number of projects, while the
/// portfolio stands still: the portfolio's stamp (1) and the page of projects (1), its rows
/// named from the remembered reference data ([`reference`]). After a write, the reference
/// data takes four more (the roadmap, the organisation, the programmes) and the summary four
/// (they count and sum what the filter lets through).
pub const PORTFOLIO_PAGE_QUERIES: u64 = 2;

#[cfg(test)]
mod tests {
    use crate::core::search::fts5_query;

    #[test]
    fn a_search_becomes_quoted_word_prefixes_and_nothing_else() {
        assert_eq!(
            fts5_query("digital innsjekk"),
            Some("\"digital\"* \"innsjekk\"*".to_owned())
        );
        assert_eq!(
            fts5_query("\"a\" OR b* NEAR(c)"),
            Some("\"a\"* \"OR\"* \"b\"* \"NEAR\"* \"c\"*".to_owned()),
            "operators become quoted words"
        );
        assert_eq!(fts5_query("100%"), Some("\"100\"*".to_owned()));
        assert_eq!(fts5_query("% _ -"), None);
        assert_eq!(fts5_query("å ø"), Some("\"å\"* \"ø\"*".to_owned()));
    }

    #[test]
    fn a_literal_part_is_one_quoted_trigram_string_of_three_characters_or_more() {
        assert_eq!(crate::core::search::trigram_query("nsj"), Some("\"nsj\"".to_owned()));
        assert_eq!(crate::core::search::trigram_query("a \"b\""), Some("\"a \"\"b\"\"\"".to_owned()));
        assert_eq!(crate::core::search::trigram_query("ab"), None);
    }
}
