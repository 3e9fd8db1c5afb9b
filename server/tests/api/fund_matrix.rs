//! The fund's part of the permission matrix (issue 28: employees, reviewers, the council,
//! line managers, admins, anonymous visitors): its operations, who may do them, and the calls
//! and applications they run against (made once, before the matrix runs).

use app::auth::{Actor, Role, UserActor};
use app::core::error::AppError;
use app::fund::domain::application::{ApplicationForm, BudgetLineForm, InCall};
use app::fund::domain::budget::{DecisionForm, RecommendationForm};
use app::fund::domain::call::{CallForm, CallPatch};
use app::fund::domain::review::ReviewForm;
use app::fund::service as fund;
use time::{Duration, OffsetDateTime};

use crate::common::TestDb;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundOp {
    ListCalls,
    GetCall,
    ListTracks,
    OpenCalls,
    ListApplications,
    Apply,
    CreateCall,
    MoveCall,
    SetBudget,
    Overview,
    GetSubmitted,
    GetOthersDraft,
    SubmitOthers,
    Anchor,
    Review,
    Ranking,
    Recommend,
    Decide,
}

pub const FUND_OPS: [FundOp; 18] = [
    FundOp::ListCalls,
    FundOp::GetCall,
    FundOp::ListTracks,
    FundOp::OpenCalls,
    FundOp::ListApplications,
    FundOp::Apply,
    FundOp::CreateCall,
    FundOp::MoveCall,
    FundOp::SetBudget,
    FundOp::Overview,
    FundOp::GetSubmitted,
    FundOp::GetOthersDraft,
    FundOp::SubmitOthers,
    FundOp::Anchor,
    FundOp::Review,
    FundOp::Ranking,
    FundOp::Recommend,
    FundOp::Decide,
];

/// DESIGN §2 and §6, written out.
pub fn allowed(actor: Option<Option<Role>>, op: FundOp) -> bool {
    let council = matches!(actor, Some(Some(Role::Admin | Role::InnovationCouncil)));
    match op {
        // Every employee sees the calls and applies, and lists what is theirs to see.
        FundOp::ListCalls
        | FundOp::GetCall
        | FundOp::ListTracks
        | FundOp::OpenCalls
        | FundOp::ListApplications
        | FundOp::Apply => actor.is_some(),
        // The fund's administrators (the council, admins) and the council's own steps.
        FundOp::CreateCall
        | FundOp::MoveCall
        | FundOp::SetBudget
        | FundOp::Overview
        | FundOp::Ranking
        | FundOp::Recommend
        | FundOp::Decide => council,
        // A submitted application: the council and the call's reviewer (the fixture's call
        // names the fund reviewer), not the role alone elsewhere.
        FundOp::GetSubmitted => council || actor == Some(Some(Role::FundReviewer)),
        // Another's draft and its submission are the applicant's alone.
        FundOp::GetOthersDraft | FundOp::SubmitOthers => false,
        // The line manager: the fixture's manager holds sector 1, the application's.
        FundOp::Anchor => actor == Some(Some(Role::Manager)),
        // A reviewer of the call without a conflict; an admin is no reviewer.
        FundOp::Review => actor == Some(Some(Role::FundReviewer)),
    }
}

/// The calls and applications the operations run against.
pub struct FundFixture {
    track: i32,
    open_call: i32,
    closed_call: i32,
    submitted: i32,
    draft: i32,
    in_sector: i32,
    criteria: Vec<i32>,
}

fn rfc(at: OffsetDateTime) -> String {
    app::core::timefmt::rfc3339(at)
}

fn call_form(
    track: i32,
    opens: OffsetDateTime,
    closes: OffsetDateTime,
    reviewer: &str,
) -> CallForm {
    CallForm {
        track_id: track.to_string(),
        title: "Runde".into(),
        text: "Søk.".into(),
        opens_at: rfc(opens),
        closes_at: rfc(closes),
        budget: "100 000".into(),
        max_amount: "50 000".into(),
        criteria: None,
        reviewers: reviewer.into(),
    }
}

fn application(call_id: i32, criteria: &[i32], site: i32) -> InCall {
    InCall {
        call_id,
        form: ApplicationForm {
            title: "Søknad".into(),
            summary: "Kort.".into(),
            site_id: site.to_string(),
            amount: "10 000".into(),
            budget_lines: vec![BudgetLineForm {
                description: "Alt".into(),
                amount: "10 000".into(),
            }],
            answers: criteria
                .iter()
                .map(|id| (id.to_string(), "Ja".to_owned()))
                .collect(),
            ..Default::default()
        },
    }
}

/// Made before the matrix runs: the applicant is user 1; `reviewer` (the fund reviewer
/// actor's account) reviews both calls; applications come from `site_in_sector` (sector 1,
/// the manager's) and `other_site` (sector 2).
pub async fn fund_fixture(
    t: &TestDb,
    reviewer: i32,
    reviewer_email: &str,
    site_in_sector: i32,
    other_site: i32,
) -> FundFixture {
    let now = OffsetDateTime::now_utc();
    crate::common::grant_role(&t.db, reviewer, Role::FundReviewer).await;
    let system = Actor::System;
    let track = fund::list_tracks(&t.db, &system).await.unwrap()[0].id;
    let year = app::core::timefmt::oslo_date(now).year();
    for y in [year - 1, year] {
        fund::set_track_budget(
            &t.db,
            &system,
            &track.to_string(),
            &y.to_string(),
            "1 000 000 000",
            now,
        )
        .await
        .unwrap();
    }
    let applicant = Actor::User(UserActor {
        id: 1,
        name: "Mål Bruker".into(),
        home_site_id: None,
        roles: vec![],
    });
    let open_call = fund::create_call(
        &t.db,
        &system,
        call_form(
            track,
            now - Duration::days(1),
            now + Duration::days(30),
            reviewer_email,
        ),
        now,
    )
    .await
    .unwrap();
    let earlier = now - Duration::days(5);
    let closed_call = fund::create_call(
        &t.db,
        &system,
        call_form(
            track,
            now - Duration::days(10),
            now - Duration::days(1),
            reviewer_email,
        ),
        earlier,
    )
    .await
    .unwrap();
    let criteria: Vec<i32> = fund::get_call(&t.db, &system, closed_call, now)
        .await
        .unwrap()
        .criteria
        .iter()
        .map(|c| c.id)
        .collect();
    let mut made = Vec::new();
    for (site, submit) in [
        (other_site, true),
        (other_site, false),
        (site_in_sector, true),
    ] {
        let id = fund::save_application(
            &t.db,
            &applicant,
            None,
            application(closed_call, &criteria, site),
            earlier,
        )
        .await
        .unwrap();
        if submit {
            fund::submit_application(&t.db, &applicant, id, earlier)
                .await
                .unwrap();
        }
        made.push(id);
    }
    FundFixture {
        track,
        open_call,
        closed_call,
        submitted: made[0],
        draft: made[1],
        in_sector: made[2],
        criteria,
    }
}

pub async fn attempt(
    t: &TestDb,
    actor: &Actor,
    op: FundOp,
    fx: &FundFixture,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let db = &t.db;
    match op {
        FundOp::ListCalls => fund::list_calls(db, actor, now).await.map(drop),
        FundOp::GetCall => fund::get_call(db, actor, fx.open_call, now).await.map(drop),
        FundOp::ListTracks => fund::list_tracks(db, actor).await.map(drop),
        FundOp::OpenCalls => fund::open_calls(db, actor, now).await.map(drop),
        FundOp::ListApplications => fund::list_applications(db, actor, None).await.map(drop),
        FundOp::Apply => {
            let open_criteria: Vec<i32> = fund::get_call(db, &Actor::System, fx.open_call, now)
                .await?
                .criteria
                .iter()
                .map(|c| c.id)
                .collect();
            let mut input = application(fx.open_call, &open_criteria, 1);
            input.form.site_id = String::new();
            fund::save_application(db, actor, None, input, now)
                .await
                .map(drop)
        }
        FundOp::CreateCall => {
            let form = call_form(fx.track, now, now + Duration::days(10), "");
            fund::create_call(db, actor, form, now).await.map(drop)
        }
        FundOp::MoveCall => {
            fund::patch_call(db, actor, fx.open_call, CallPatch::default(), now).await
        }
        FundOp::SetBudget => {
            let year = app::core::timefmt::oslo_date(now).year().to_string();
            fund::set_track_budget(
                db,
                actor,
                &fx.track.to_string(),
                &year,
                "1 000 000 000",
                now,
            )
            .await
            .map(drop)
        }
        FundOp::Overview => fund::overview(db, actor, 2027, now).await.map(drop),
        FundOp::GetSubmitted => fund::get_application(db, actor, fx.submitted, now)
            .await
            .map(drop),
        FundOp::GetOthersDraft => fund::get_application(db, actor, fx.draft, now)
            .await
            .map(drop),
        FundOp::SubmitOthers => fund::submit_application(db, actor, fx.draft, now).await,
        FundOp::Anchor => fund::anchor_application(db, actor, fx.in_sector, now).await,
        FundOp::Review => {
            let form = ReviewForm {
                conflict: false,
                scores: fx
                    .criteria
                    .iter()
                    .map(|id| (id.to_string(), "3".to_owned()))
                    .collect(),
                comment: String::new(),
            };
            fund::save_review(db, actor, fx.submitted, form, now)
                .await
                .map(drop)
        }
        FundOp::Ranking => fund::ranking(db, actor, fx.closed_call, now)
            .await
            .map(drop),
        FundOp::Recommend => {
            let form = RecommendationForm {
                amount: "0".into(),
                justification: String::new(),
            };
            fund::recommend(db, actor, fx.submitted, form, now)
                .await
                .map(drop)
        }
        FundOp::Decide => {
            // A closed call of its own for each attempt: a decision is made once.
            let form = call_form(
                fx.track,
                now - Duration::days(3),
                now - Duration::days(2),
                "",
            );
            let call = fund::create_call(db, &Actor::System, form, now)
                .await
                .unwrap();
            fund::decide(db, actor, call, DecisionForm::default(), now).await
        }
    }
}
