//! Coverage (DESIGN §5): on a date, over time, per sector, and each site's standing, for what
//! the viewer sees (`lup::domain::scope`). The organisation is about 200 sites and a few
//! hundred groups: the facts are read in three queries and the arithmetic is the domain's.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use time::{Date, Duration, OffsetDateTime};

use crate::auth::Actor;
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{parse_optional_date, parse_optional_id};
use crate::core::timefmt::oslo_date;
use crate::lup::entities::{lup_cohort, lup_group, lup_group_member};
use crate::entities::{user, user_role};
use crate::lup::domain::coverage::{CoverageFacts, GroupSpan, SiteSpan};
use crate::lup::domain::forecast::Forecast;
use crate::lup::domain::group::GroupStatus;
use crate::lup::domain::target::Goal;
use crate::lup::domain::scope::Visible;
use crate::lup::domain::view::{
    CoverageView, Dashboard, SectorShare, SeriesPoint, SiteRow, SiteStanding,
};

use super::{Organisation, Reader};

/// What the viewer sees and what coverage is computed from.
struct Seen {
    org: Organisation,
    groups: Vec<lup_group::Model>,
    facts: CoverageFacts,
    visible: Visible,
}

/// The viewer's sites (narrowed to one sector when `sector` is given) and every group.
async fn seen(
    db: &DatabaseConnection,
    actor: &Actor,
    sector: Option<i32>,
) -> Result<Seen, AppError> {
    let Reader { org, visible } = Reader::of(db, actor).await?;
    if let Some(id) = sector
        && !visible.sector(id)
    {
        return Err(AppError::Forbidden);
    }
    if let Some(id) = sector
        && !org.sectors.contains_key(&id)
    {
        return Err(AppError::invalid("sector_id", FieldError::UnknownReference));
    }
    let sites: Vec<SiteSpan> = org
        .sites
        .values()
        .filter(|s| visible.site(s.sector_id, s.id))
        .filter(|s| sector.is_none_or(|id| s.sector_id == id))
        .map(|s| SiteSpan {
            site_id: s.id,
            sector_id: s.sector_id,
            active_from: s.active_from,
            closed_on: s.closed_on,
        })
        .collect();
    let site_ids: HashSet<i32> = sites.iter().map(|s| s.site_id).collect();
    let groups: Vec<lup_group::Model> = lup_group::Entity::find()
        .order_by_asc(lup_group::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|g| site_ids.contains(&g.site_id))
        .collect();
    let spans: Vec<GroupSpan> = groups
        .iter()
        .map(|g| GroupSpan {
            site_id: g.site_id,
            status: g.group_status(),
        })
        .collect();
    Ok(Seen {
        facts: CoverageFacts::new(sites, &spans),
        org,
        groups,
        visible,
    })
}

fn parse_sector(raw: Option<&str>) -> Result<Option<i32>, AppError> {
    parse_optional_id(raw.unwrap_or_default()).map_err(|e| AppError::invalid("sector_id", e))
}

fn parse_day(field: &str, raw: Option<&str>) -> Result<Option<Date>, AppError> {
    parse_optional_date(raw.unwrap_or_default()).map_err(|e| AppError::invalid(field, e))
}

fn view_of(seen: &Seen, date: Date) -> CoverageView {
    let c = seen.facts.on(date);
    CoverageView {
        date: c.date,
        share: c.share,
        completed_groups: c.completed_groups,
        by_sector: c
            .by_sector
            .into_iter()
            .map(|s| SectorShare {
                sector: seen.org.sector(s.sector_id),
                share: s.share,
            })
            .collect(),
    }
}

/// Coverage on `date` (today when empty), of the viewer's sites or one sector's.
pub async fn coverage(
    db: &DatabaseConnection,
    actor: &Actor,
    date: Option<&str>,
    sector: Option<&str>,
    now: OffsetDateTime,
) -> Result<CoverageView, AppError> {
    let date = parse_day("date", date)?;
    let sector = parse_sector(sector)?;
    let seen = seen(db, actor, sector).await?;
    Ok(view_of(&seen, date.unwrap_or_else(|| oslo_date(now))))
}

/// The forecast (issue 32) on `date` (today when empty) of when `target_sites` covered sites
/// are reached at the pace of the trailing twelve months, of the viewer's sites or one
/// sector's; with `due_on`, the pace it takes to reach them by then.
pub async fn forecast(
    db: &DatabaseConnection,
    actor: &Actor,
    (date, sector, target_sites, due_on): (Option<&str>, Option<&str>, Option<&str>, Option<&str>),
    now: OffsetDateTime,
) -> Result<Forecast, AppError> {
    let date = parse_day("date", date)?;
    let due_on = parse_day("due_on", due_on)?;
    let sector = parse_sector(sector)?;
    let target = crate::core::parse::parse_bounded(
        target_sites.unwrap_or_default(),
        1,
        i64::from(crate::lup::domain::target::MAX_TARGET_COUNT),
    )
    .map_err(|e| AppError::invalid("target_sites", e))?;
    let goal = Goal::Count(u32::try_from(target).map_err(|_| AppError::Internal)?);
    let seen = seen(db, actor, sector).await?;
    let on = date.unwrap_or_else(|| oslo_date(now));
    Ok(crate::lup::domain::forecast::forecast(
        |d| seen.facts.share_on(d, None),
        seen.facts.first_completion(None),
        on,
        goal,
        due_on,
    ))
}

/// The one step of a coverage series.
pub const SERIES_STEP: &str = "month";

/// Coverage at the end of each month from `from` (the first cohort's start when empty) to
/// `to` (today when empty). Only [`SERIES_STEP`] steps.
pub async fn coverage_series(
    db: &DatabaseConnection,
    actor: &Actor,
    (from, to, step): (Option<&str>, Option<&str>, Option<&str>),
    sector: Option<&str>,
    now: OffsetDateTime,
) -> Result<Vec<SeriesPoint>, AppError> {
    let from = parse_day("from", from)?;
    let to = parse_day("to", to)?;
    if !matches!(step.map(str::trim), None | Some("")) && step.map(str::trim) != Some(SERIES_STEP) {
        return Err(AppError::invalid("step", FieldError::InvalidChoice));
    }
    let sector = parse_sector(sector)?;
    let seen = seen(db, actor, sector).await?;
    let to = to.unwrap_or_else(|| oslo_date(now));
    let from = match from {
        Some(from) => from,
        None => programme_start(db).await?.unwrap_or(to),
    };
    if to < from {
        return Err(AppError::invalid("to", FieldError::EndBeforeStart));
    }
    // A series longer than the API answers is refused, not cut short without a word.
    let months = (i64::from(to.year()) - i64::from(from.year())) * 12
        + i64::from(u8::from(to.month()))
        - i64::from(u8::from(from.month()))
        + 1;
    let most = i64::try_from(crate::lup::domain::coverage::MAX_SERIES_POINTS).unwrap_or(i64::MAX);
    if months > most {
        return Err(AppError::invalid("to", FieldError::OutOfRange));
    }
    Ok(series(&seen, from, to))
}

fn series(seen: &Seen, from: Date, to: Date) -> Vec<SeriesPoint> {
    seen.facts
        .monthly(from, to)
        .into_iter()
        .map(|c| SeriesPoint {
            date: c.date,
            share: c.share,
            completed_groups: c.completed_groups,
        })
        .collect()
}

/// The first cohort's first day: where the programme's history begins.
async fn programme_start(db: &DatabaseConnection) -> Result<Option<Date>, AppError> {
    Ok(lup_cohort::Entity::find()
        .order_by_asc(lup_cohort::Column::StartsOn)
        .one(db)
        .await?
        .map(|c| c.starts_on))
}

/// Every site the viewer sees that is active on `date`, with its standing, by sector and
/// name.
pub async fn site_rows(
    db: &DatabaseConnection,
    actor: &Actor,
    date: Option<&str>,
    now: OffsetDateTime,
) -> Result<Vec<SiteRow>, AppError> {
    let date = parse_day("date", date)?.unwrap_or_else(|| oslo_date(now));
    let seen = seen(db, actor, None).await?;
    standings(db, &seen, date).await
}

async fn standings(
    db: &DatabaseConnection,
    seen: &Seen,
    date: Date,
) -> Result<Vec<SiteRow>, AppError> {
    // Per site: the last completion on or before `date`, and whether a group is under way.
    let mut completed: HashMap<i32, Date> = HashMap::new();
    let mut under_way: HashSet<i32> = HashSet::new();
    let mut completed_groups: Vec<i32> = Vec::new();
    for g in &seen.groups {
        match g.group_status() {
            GroupStatus::Completed { on } if on <= date => {
                completed_groups.push(g.id);
                let last = completed.entry(g.site_id).or_insert(on);
                *last = (*last).max(on);
            }
            GroupStatus::Enrolled | GroupStatus::InProgress => {
                under_way.insert(g.site_id);
            }
            _ => {}
        }
    }
    let turnover = leader_turnover(db, &completed_groups).await?;
    let mut rows: Vec<SiteRow> = seen
        .org
        .sites
        .values()
        .filter(|s| seen.visible.site(s.sector_id, s.id))
        .filter(|s| s.is_active_on(date))
        .map(|s| {
            let completed_on = completed.get(&s.id).copied();
            let standing = match (completed_on, under_way.contains(&s.id)) {
                (Some(_), _) => SiteStanding::Covered,
                (None, true) => SiteStanding::InProgress,
                (None, false) => SiteStanding::NotStarted,
            };
            SiteRow {
                site: seen.org.site(s.id),
                sector: seen.org.sector(s.sector_id),
                standing,
                completed_on,
                leader_turnover: completed_on.is_some() && turnover.contains(&s.id),
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.sector.name, &a.site.name).cmp(&(&b.sector.name, &b.site.name)));
    Ok(rows)
}

/// Each site's leaders: the active users holding the manager role for the site (of `sites`,
/// or of every site).
async fn active_site_leaders(
    db: &DatabaseConnection,
    sites: Option<&[i32]>,
) -> Result<HashMap<i32, Vec<i32>>, AppError> {
    let grants = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(crate::auth::Role::Manager.as_str()))
        .filter(match sites {
            Some(sites) => user_role::Column::SiteId.is_in(sites.iter().copied()),
            None => user_role::Column::SiteId.is_not_null(),
        })
        .all(db)
        .await?;
    let active: HashSet<i32> = user::Entity::find()
        .filter(user::Column::Id.is_in(grants.iter().map(|g| g.user_id)))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut leaders: HashMap<i32, Vec<i32>> = HashMap::new();
    for grant in grants.into_iter().filter(|g| active.contains(&g.user_id)) {
        if let Some(site) = grant.site_id {
            leaders.entry(site).or_default().push(grant.user_id);
        }
    }
    Ok(leaders)
}

/// The sites with a current leader (an active user holding the manager role for the site)
/// of whom none has been a member of any completed group (DESIGN §5: leader turnover).
async fn leader_turnover(
    db: &DatabaseConnection,
    completed_groups: &[i32],
) -> Result<HashSet<i32>, AppError> {
    let leaders = active_site_leaders(db, None).await?;
    let mut alumni: HashSet<i32> = HashSet::new();
    for chunk in completed_groups.chunks(500) {
        let members = lup_group_member::Entity::find()
            .filter(lup_group_member::Column::GroupId.is_in(chunk.to_vec()))
            .filter(lup_group_member::Column::UserId.is_not_null())
            .all(db)
            .await?;
        alumni.extend(members.into_iter().filter_map(|m| m.user_id));
    }
    Ok(leaders
        .into_iter()
        .filter(|(_, ids)| ids.iter().all(|id| !alumni.contains(id)))
        .map(|(site, _)| site)
        .collect())
}

/// The targets the viewer sees, each against the coverage on its date (today, for one not
/// yet due).
pub async fn list_targets(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<crate::lup::domain::view::TargetView>, AppError> {
    let seen = seen(db, actor, None).await?;
    super::targets::evaluate(db, &seen.facts, &seen.org, &seen.visible, oslo_date(now)).await
}

/// The coverage dashboard: today, the monthly series since the programme began, the targets
/// and every site's standing.
pub async fn dashboard(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Dashboard, AppError> {
    let seen = seen(db, actor, None).await?;
    dashboard_of(db, &seen, now).await
}

/// The dashboard and the organisation (for the form that sets a target), read once.
pub(super) async fn dashboard_with_organisation(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<(Dashboard, Vec<crate::org::domain::SectorWithSites>), AppError> {
    let seen = seen(db, actor, None).await?;
    let dashboard = dashboard_of(db, &seen, now).await?;
    Ok((dashboard, seen.org.sectors_with_sites()))
}

async fn dashboard_of(
    db: &DatabaseConnection,
    seen: &Seen,
    now: OffsetDateTime,
) -> Result<Dashboard, AppError> {
    let today = oslo_date(now);
    let from = programme_start(db)
        .await?
        .unwrap_or(today - Duration::days(365));
    let coverage = view_of(seen, today);
    let series = series(seen, from.min(today), today);
    let sites = standings(db, seen, today).await?;
    let targets =
        super::targets::evaluate(db, &seen.facts, &seen.org, &seen.visible, today).await?;
    Ok(Dashboard {
        coverage,
        series,
        targets,
        sites,
        everything: seen.visible.is_everything(),
    })
}

/// DESIGN §5: a manager (or a LUP coordinator) notifies the leaders of the sites they see that
/// have not started LUP — each active user holding the manager role for such a site — in the
/// app and by e-mail where wanted (issue 30). Once a day per leader and site, however often it
/// is pressed. Answers how many were notified now.
pub async fn remind_not_started(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let today = oslo_date(now);
    let seen = seen(db, actor, None).await?;
    let waiting: HashMap<i32, String> = standings(db, &seen, today)
        .await?
        .into_iter()
        .filter(|row| row.standing == SiteStanding::NotStarted)
        .map(|row| (row.site.id, row.site.name))
        .collect();
    if waiting.is_empty() {
        return Ok(0);
    }
    let sites: Vec<i32> = waiting.keys().copied().collect();
    let mut leaders: Vec<(i32, i32)> = active_site_leaders(db, Some(&sites))
        .await?
        .into_iter()
        .flat_map(|(site, users)| users.into_iter().map(move |user| (site, user)))
        .collect();
    leaders.sort_unstable();
    let txn = crate::core::txn::begin_write(db).await?;
    let mut told = 0;
    for (site_id, user_id) in leaders {
        let Some(name) = waiting.get(&site_id) else {
            continue;
        };
        let reminder = crate::feature::reminders::Reminder {
            user_id,
            kind: crate::feature::reminders::ReminderKind::LupNotStarted,
            key: format!("lup_not_started:{site_id}:{user_id}:{today}"),
            subject: name.clone(),
            detail: String::new(),
            link: "/lup".to_owned(),
        };
        if crate::notifications::service::remind(&txn, &reminder, now).await? {
            told += 1;
        }
    }
    super::audit(
        &txn,
        actor,
        "lup.reminded_not_started",
        ("lup", 0),
        serde_json::json!({ "sites": waiting.len(), "leaders_told": told }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(told)
}
