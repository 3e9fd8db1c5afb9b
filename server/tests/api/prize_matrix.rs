//! The prize's part of the permission matrix (issue 14: jurors, the committee, employees,
//! anonymous visitors): its operations, who may do them, and the prize years they run
//! against (made once by the system, in the phase each operation needs).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI32, Ordering};

use crate::common::TestDb;
use app::auth::{Actor, Role, UserActor};
use app::core::error::AppError;
use app::prize::domain::ballot::BallotForm;
use app::prize::domain::category::{CategoryInput, DEFAULT_CRITERIA};
use app::prize::domain::nomination::{NominationForm, ShortlistInput};
use app::prize::domain::view::GalleryFilter;
use app::prize::domain::year::{YearForm, YearPatch};
use app::prize::service as prize;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrizeOp {
    ListYears,
    GetYear,
    GetPublishedYear,
    ListCategories,
    GetNomination,
    CreateYear,
    MoveDates,
    CreateCategory,
    ListNominations,
    Nominate,
    Shortlist,
    CastBallot,
    JuryProgress,
    PreviewResults,
    ViewPublishedResults,
    Publish,
}

pub const PRIZE_OPS: [PrizeOp; 16] = [
    PrizeOp::ListYears,
    PrizeOp::GetYear,
    PrizeOp::GetPublishedYear,
    PrizeOp::ListCategories,
    PrizeOp::GetNomination,
    PrizeOp::CreateYear,
    PrizeOp::MoveDates,
    PrizeOp::CreateCategory,
    PrizeOp::ListNominations,
    PrizeOp::Nominate,
    PrizeOp::Shortlist,
    PrizeOp::CastBallot,
    PrizeOp::JuryProgress,
    PrizeOp::PreviewResults,
    PrizeOp::ViewPublishedResults,
    PrizeOp::Publish,
];

/// DESIGN §2 and §7, written out.
pub fn allowed(actor: Option<Option<Role>>, op: PrizeOp) -> bool {
    match op {
        // Everyone lists the years (a visitor the published ones) and reads a published one
        // (issue 30, DESIGN §2).
        PrizeOp::ListYears | PrizeOp::GetPublishedYear => true,
        // Every employee sees the prize and nominates, their own work too.
        PrizeOp::GetYear
        | PrizeOp::ListCategories
        | PrizeOp::GetNomination
        | PrizeOp::ListNominations
        | PrizeOp::Nominate => actor.is_some(),
        // Winners once announced are public (DESIGN §2).
        PrizeOp::ViewPublishedResults => true,
        PrizeOp::CreateYear
        | PrizeOp::MoveDates
        | PrizeOp::CreateCategory
        | PrizeOp::Shortlist
        | PrizeOp::JuryProgress
        | PrizeOp::PreviewResults
        | PrizeOp::Publish => matches!(actor, Some(Some(Role::Admin | Role::PrizeCommittee))),
        // The fixture's jury is the jury member alone: the role itself grants nothing, the
        // seat on a category's jury does (and an admin is no juror).
        PrizeOp::CastBallot => actor == Some(Some(Role::JuryMember)),
    }
}

/// Prize years are unique per year and bounded (2000–2100): each one made takes the next.
static NEXT_YEAR: AtomicI32 = AtomicI32::new(2001);

fn next_year() -> String {
    NEXT_YEAR.fetch_add(1, Ordering::Relaxed).to_string()
}

fn rfc(at: OffsetDateTime) -> String {
    app::core::timefmt::rfc3339(at)
}

/// A year around `now`, its window from `open` to `close` days and the jury's deadline at
/// `deadline` days (negative: in the past).
fn year_form(now: OffsetDateTime, open: i64, close: i64, deadline: i64) -> YearForm {
    YearForm {
        year: next_year(),
        nominations_open: rfc(now + Duration::days(open)),
        nominations_close: rfc(now + Duration::days(close)),
        jury_deadline: rfc(now + Duration::days(deadline)),
        award_date: (now + Duration::days(deadline + 1)).date().to_string(),
        peoples_choice: false,
    }
}

fn nomination(n: usize) -> NominationForm {
    NominationForm {
        title: format!("Nominasjon {n}"),
        nominee: "Team".into(),
        site_id: "1".into(),
        justification: DEFAULT_CRITERIA
            .iter()
            .map(|c| ((*c).to_owned(), "Fordi".to_owned()))
            .collect(),
        ..Default::default()
    }
}

/// The years and categories the operations run against.
pub struct PrizeFixture {
    nominating_year: i32,
    nominating_category: i32,
    judging_category: i32,
    finalist: i32,
    sealed_year: i32,
    published_year: i32,
    chair: i32,
}

async fn year_with_finalist(
    t: &TestDb,
    now: OffsetDateTime,
    jury: Vec<i64>,
    chair: i32,
    nominator: &Actor,
    seal: bool,
) -> (i32, i32, i32) {
    let system = Actor::System;
    let year = prize::create_year(&t.db, &system, year_form(now, -2, 5, 10), now)
        .await
        .unwrap();
    let input = CategoryInput {
        name: "Årets innovasjon".into(),
        criteria: None,
        jury_user_ids: jury,
        chair_user_id: chair.into(),
    };
    let category = prize::create_category(&t.db, &system, year, input, now)
        .await
        .unwrap();
    let finalist = prize::nominate(&t.db, nominator, category, nomination(0), now)
        .await
        .unwrap();
    let at = now + Duration::days(6);
    let pick = ShortlistInput {
        nomination_ids: vec![finalist.into()],
        statements: BTreeMap::new(),
    };
    prize::shortlist(&t.db, &system, category, pick, at)
        .await
        .unwrap();
    if seal {
        // The window opened two days ago and stays so (a passed date does not move).
        let past = YearPatch {
            nominations_open: None,
            nominations_close: Some(rfc(now - Duration::hours(36))),
            jury_deadline: Some(rfc(now - Duration::hours(12))),
            award_date: Some(now.date().to_string()),
            peoples_choice: None,
        };
        prize::patch_year(&t.db, &system, year, past, now)
            .await
            .unwrap();
    } else {
        let judging = YearPatch {
            nominations_close: Some(rfc(now - Duration::hours(1))),
            ..Default::default()
        };
        prize::patch_year(&t.db, &system, year, judging, now)
            .await
            .unwrap();
    }
    (year, category, finalist)
}

/// Made by the system before the matrix runs; `juror` sits on the judging category's jury,
/// `chair` (another account) chairs every category.
pub async fn prize_fixture(t: &TestDb, juror: i32, chair: i32) -> PrizeFixture {
    let now = OffsetDateTime::now_utc();
    let nominator = Actor::User(UserActor {
        id: 1,
        name: "Mål Bruker".into(),
        home_site_id: None,
        roles: vec![],
    });
    // The juror chairs this one (a chair is on the jury): no one else sits on it.
    let (_, judging_category, finalist) =
        year_with_finalist(t, now, vec![juror.into()], juror, &nominator, false).await;
    let (sealed_year, _, _) =
        year_with_finalist(t, now, vec![chair.into()], chair, &nominator, true).await;
    let (published_year, _, _) =
        year_with_finalist(t, now, vec![chair.into()], chair, &nominator, true).await;
    prize::publish(&t.db, &Actor::System, published_year, now)
        .await
        .unwrap();
    let nominating_year = prize::create_year(&t.db, &Actor::System, year_form(now, -1, 5, 10), now)
        .await
        .unwrap();
    let input = CategoryInput {
        name: "Stjæl med stil".into(),
        criteria: None,
        jury_user_ids: vec![chair.into()],
        chair_user_id: chair.into(),
    };
    let nominating_category =
        prize::create_category(&t.db, &Actor::System, nominating_year, input, now)
            .await
            .unwrap();
    PrizeFixture {
        nominating_year,
        nominating_category,
        judging_category,
        finalist,
        sealed_year,
        published_year,
        chair,
    }
}

pub async fn attempt(
    t: &TestDb,
    actor: &Actor,
    op: PrizeOp,
    fx: &PrizeFixture,
    n: usize,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let db = &t.db;
    match op {
        PrizeOp::ListYears => prize::list_years(db, actor, now).await.map(drop),
        PrizeOp::CreateYear => prize::create_year(db, actor, year_form(now, 1, 5, 10), now)
            .await
            .map(drop),
        PrizeOp::MoveDates => {
            prize::patch_year(db, actor, fx.nominating_year, YearPatch::default(), now)
                .await
                .map(drop)
        }
        PrizeOp::CreateCategory => {
            let input = CategoryInput {
                name: format!("Kategori {n}"),
                criteria: None,
                jury_user_ids: vec![],
                chair_user_id: fx.chair.into(),
            };
            prize::create_category(db, actor, fx.nominating_year, input, now)
                .await
                .map(drop)
        }
        PrizeOp::GetYear => prize::get_year(db, actor, fx.nominating_year, now)
            .await
            .map(drop),
        PrizeOp::GetPublishedYear => prize::get_year(db, actor, fx.published_year, now)
            .await
            .map(drop),
        PrizeOp::ListCategories => prize::list_categories(db, actor, fx.nominating_year)
            .await
            .map(drop),
        PrizeOp::GetNomination => prize::get_nomination(db, actor, fx.finalist, now)
            .await
            .map(drop),
        PrizeOp::ListNominations => prize::list_nominations(db, actor, &GalleryFilter::default())
            .await
            .map(drop),
        PrizeOp::Nominate => prize::nominate(db, actor, fx.nominating_category, nomination(n), now)
            .await
            .map(drop),
        PrizeOp::Shortlist => {
            let pick = ShortlistInput {
                nomination_ids: vec![fx.finalist.into()],
                statements: BTreeMap::new(),
            };
            prize::shortlist(db, actor, fx.judging_category, pick, now).await
        }
        PrizeOp::CastBallot => {
            let view = prize::get_nomination(db, &Actor::System, fx.finalist, now).await?;
            let form = BallotForm {
                scores: view
                    .criteria
                    .iter()
                    .map(|c| (c.id.to_string(), "4".to_owned()))
                    .collect(),
                comment: String::new(),
            };
            prize::cast_ballot(db, actor, fx.finalist, form, now)
                .await
                .map(drop)
        }
        PrizeOp::JuryProgress => prize::ballot_progress(db, actor, fx.judging_category)
            .await
            .map(drop),
        PrizeOp::PreviewResults => prize::results(db, actor, fx.sealed_year, now)
            .await
            .map(drop),
        PrizeOp::ViewPublishedResults => prize::results(db, actor, fx.published_year, now)
            .await
            .map(drop),
        PrizeOp::Publish => {
            let sealed = prize::create_year(db, &Actor::System, year_form(now, -3, -2, -1), now)
                .await
                .unwrap();
            prize::publish(db, actor, sealed, now).await
        }
    }
}
