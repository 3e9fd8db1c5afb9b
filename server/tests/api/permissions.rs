//! The role × action matrix (DESIGN §2): every service function, called as every kind of actor,
//! is allowed or refused exactly as the table below says. Grows with every feature.

use crate::common::{Backend, TestDb};
use crate::fund_matrix::{FUND_OPS, FundFixture, FundOp};
use crate::posts_matrix::{POST_OPS, PostFixture, PostOp};
use crate::prize_matrix::{PRIZE_OPS, PrizeFixture, PrizeOp};
use app::audit::domain::AuditFilter;
use app::auth::{Actor, Role, RoleGrant, UserActor};
use app::core::error::AppError;
use app::org::domain::{NewSector, NewServiceSite, SitePatch};
use app::users::domain::{NewUserFields, ProfileFields};
use time::OffsetDateTime;
use time::macros::date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    ViewOrganisation,
    ListSectors,
    ListSites,
    GetSite,
    CreateSector,
    RenameSector,
    CreateSite,
    UpdateSite,
    ImportSites,
    ExportSites,
    CreateUser,
    ListUsers,
    GetUser,
    DeactivateUser,
    GrantRole,
    RevokeRole,
    AnonymiseUser,
    SetPassword,
    ImportUsers,
    ExportUsers,
    CreateTokenForUser,
    ViewAuditLog,
    MyProfile,
    UpdateProfile,
    ChangePassword,
    CreateOwnToken,
    ListOwnTokens,
    ExportOwnData,
    ViewRoadmap,
    SubmitIdea,
    SupportIdea,
    AssessIdea,
    ChangePhase,
    ListProjects,
    PortfolioSummary,
    GetProject,
    AddBenefit,
    AddMeasurement,
    AddDiscontinuation,
    CreateProject,
    UpdateProject,
    AddToProject,
    RemoveFromProject,
    ListIdeas,
    GetIdea,
    CommentOnIdea,
    MyNotifications,
    ListProgrammes,
    GetProgramme,
    ListCohorts,
    GetCohort,
    ListGatherings,
    ListGroups,
    GetGroupHere,
    GetGroupElsewhere,
    CoverageSeries,
    SiteRows,
    ListTargets,
    LupDashboard,
    CreateCohort,
    AddGathering,
    EnrolGroup,
    AddGroupMember,
    ChangeGroupStatus,
    RecordAttendance,
    SetTarget,
    ViewCoverage,
    Prize(PrizeOp),
    Fund(FundOp),
    Posts(PostOp),
}

const OPS: [Op; 112] = [
    Op::ViewOrganisation,
    Op::ListSectors,
    Op::ListSites,
    Op::GetSite,
    Op::CreateSector,
    Op::RenameSector,
    Op::CreateSite,
    Op::UpdateSite,
    Op::ImportSites,
    Op::ExportSites,
    Op::CreateUser,
    Op::ListUsers,
    Op::GetUser,
    Op::DeactivateUser,
    Op::GrantRole,
    Op::RevokeRole,
    Op::AnonymiseUser,
    Op::SetPassword,
    Op::ImportUsers,
    Op::ExportUsers,
    Op::CreateTokenForUser,
    Op::ViewAuditLog,
    Op::MyProfile,
    Op::UpdateProfile,
    Op::ChangePassword,
    Op::CreateOwnToken,
    Op::ListOwnTokens,
    Op::ExportOwnData,
    Op::ViewRoadmap,
    Op::SubmitIdea,
    Op::SupportIdea,
    Op::AssessIdea,
    Op::ChangePhase,
    Op::ListProjects,
    Op::PortfolioSummary,
    Op::GetProject,
    Op::AddBenefit,
    Op::AddMeasurement,
    Op::AddDiscontinuation,
    Op::CreateProject,
    Op::UpdateProject,
    Op::AddToProject,
    Op::RemoveFromProject,
    Op::ListIdeas,
    Op::GetIdea,
    Op::CommentOnIdea,
    Op::MyNotifications,
    Op::ListProgrammes,
    Op::GetProgramme,
    Op::ListCohorts,
    Op::GetCohort,
    Op::ListGatherings,
    Op::ListGroups,
    Op::GetGroupHere,
    Op::GetGroupElsewhere,
    Op::CoverageSeries,
    Op::SiteRows,
    Op::ListTargets,
    Op::LupDashboard,
    Op::CreateCohort,
    Op::AddGathering,
    Op::EnrolGroup,
    Op::AddGroupMember,
    Op::ChangeGroupStatus,
    Op::RecordAttendance,
    Op::SetTarget,
    Op::ViewCoverage,
    Op::Prize(PrizeOp::ListYears),
    Op::Prize(PrizeOp::GetYear),
    Op::Prize(PrizeOp::GetPublishedYear),
    Op::Prize(PrizeOp::ListCategories),
    Op::Prize(PrizeOp::GetNomination),
    Op::Prize(PrizeOp::CreateYear),
    Op::Prize(PrizeOp::MoveDates),
    Op::Prize(PrizeOp::CreateCategory),
    Op::Prize(PrizeOp::ListNominations),
    Op::Prize(PrizeOp::Nominate),
    Op::Prize(PrizeOp::Shortlist),
    Op::Prize(PrizeOp::CastBallot),
    Op::Prize(PrizeOp::JuryProgress),
    Op::Prize(PrizeOp::PreviewResults),
    Op::Prize(PrizeOp::ViewPublishedResults),
    Op::Prize(PrizeOp::Publish),
    Op::Fund(FundOp::ListCalls),
    Op::Fund(FundOp::GetCall),
    Op::Fund(FundOp::ListTracks),
    Op::Fund(FundOp::OpenCalls),
    Op::Fund(FundOp::ListApplications),
    Op::Fund(FundOp::Apply),
    Op::Fund(FundOp::CreateCall),
    Op::Fund(FundOp::MoveCall),
    Op::Fund(FundOp::SetBudget),
    Op::Fund(FundOp::Overview),
    Op::Fund(FundOp::GetSubmitted),
    Op::Fund(FundOp::GetOthersDraft),
    Op::Fund(FundOp::SubmitOthers),
    Op::Fund(FundOp::Anchor),
    Op::Fund(FundOp::Review),
    Op::Fund(FundOp::Ranking),
    Op::Fund(FundOp::Recommend),
    Op::Fund(FundOp::Decide),
    Op::Posts(PostOp::List),
    Op::Posts(PostOp::Read),
    Op::Posts(PostOp::Write),
    Op::Posts(PostOp::EditOthers),
    Op::Posts(PostOp::PublishOthersPublicly),
    Op::Posts(PostOp::Feature),
    Op::Posts(PostOp::Comment),
    Op::Posts(PostOp::React),
    Op::Posts(PostOp::HideComment),
    Op::Posts(PostOp::DeleteOthersComment),
    Op::Posts(PostOp::UploadToOthers),
];

/// The spec, written out: which actors may do what. `None` = anonymous, `Some(None)` = an
/// employee with no further role, `Some(Some(role))` = a user holding that role.
fn allowed(actor: Option<Option<Role>>, op: Op) -> bool {
    match op {
        Op::Prize(op) => crate::prize_matrix::allowed(actor, op),
        Op::Fund(op) => crate::fund_matrix::allowed(actor, op),
        Op::Posts(op) => crate::posts_matrix::allowed(actor, op),
        Op::ViewOrganisation | Op::ListSectors | Op::ListSites | Op::GetSite => true,
        Op::MyProfile
        | Op::UpdateProfile
        | Op::ChangePassword
        | Op::CreateOwnToken
        | Op::ListOwnTokens
        | Op::ExportOwnData
        | Op::ViewRoadmap
        | Op::SubmitIdea
        | Op::SupportIdea
        | Op::ListIdeas
        | Op::GetIdea
        | Op::CommentOnIdea
        | Op::MyNotifications
        | Op::ListProjects
        | Op::PortfolioSummary
        | Op::ListProgrammes
        | Op::GetProgramme
        | Op::GetProject => actor.is_some(),
        // DESIGN §4: a manager of the idea's sector (the setup's managers have sector 1, where
        // the idea's site is), the innovation council, an admin.
        Op::AssessIdea => matches!(
            actor,
            Some(Some(Role::Admin | Role::InnovationCouncil | Role::Manager))
        ),
        // DESIGN §2: those who may accept an idea into a project (the setup's manager manages
        // a sector, so counts) start one directly.
        Op::CreateProject => matches!(
            actor,
            Some(Some(Role::Admin | Role::InnovationCouncil | Role::Manager))
        ),
        // DESIGN §2: the owner and members (no actor here is one of a fresh project), admins.
        Op::ChangePhase
        | Op::AddBenefit
        | Op::AddMeasurement
        | Op::AddDiscontinuation
        | Op::UpdateProject
        | Op::AddToProject
        | Op::RemoveFromProject => actor == Some(Some(Role::Admin)),
        // DESIGN §2: managers see LUP's coverage (the setup's for their sector), LUP
        // coordinators run it, admins do both.
        Op::ListCohorts
        | Op::GetCohort
        | Op::ListGatherings
        | Op::ListGroups
        | Op::GetGroupHere
        | Op::CoverageSeries
        | Op::SiteRows
        | Op::ListTargets
        | Op::LupDashboard
        | Op::ViewCoverage => matches!(
            actor,
            Some(Some(Role::Admin | Role::LupCoordinator | Role::Manager))
        ),
        // Reads are scoped as coverage is (issue 23): the manager of sector 1 reads no group
        // of sector 2's site, its members or attendance.
        Op::GetGroupElsewhere => matches!(actor, Some(Some(Role::Admin | Role::LupCoordinator))),
        Op::CreateCohort
        | Op::AddGathering
        | Op::EnrolGroup
        | Op::AddGroupMember
        | Op::ChangeGroupStatus
        | Op::RecordAttendance
        | Op::SetTarget => matches!(actor, Some(Some(Role::Admin | Role::LupCoordinator))),
        Op::CreateSector
        | Op::RenameSector
        | Op::CreateSite
        | Op::UpdateSite
        | Op::ImportSites
        | Op::ExportSites
        | Op::CreateUser
        | Op::ListUsers
        | Op::GetUser
        | Op::DeactivateUser
        | Op::GrantRole
        | Op::RevokeRole
        | Op::AnonymiseUser
        | Op::SetPassword
        | Op::ImportUsers
        | Op::ExportUsers
        | Op::CreateTokenForUser
        | Op::ViewAuditLog => actor == Some(Some(Role::Admin)),
    }
}

/// Every kind of actor; the users get the ids of accounts created by the setup, in order.
fn actors(first_id: i32) -> Vec<(Option<Option<Role>>, Actor)> {
    let user = |id: i32, role: Option<Role>| {
        let roles = role
            .map(|r| {
                let sector = (r == Role::Manager).then_some(1);
                vec![RoleGrant::new(r, sector, None).unwrap()]
            })
            .unwrap_or_default();
        Actor::User(UserActor {
            id,
            name: format!("Bruker {id}"),
            home_site_id: None,
            roles,
        })
    };
    let mut all = vec![(None, Actor::Anonymous), (Some(None), user(first_id, None))];
    for (i, role) in Role::ALL.into_iter().enumerate() {
        all.push((Some(Some(role)), user(first_id + 1 + i as i32, Some(role))));
    }
    all
}

const PASSWORD: &str = "Blåbær-syltetøy-på-Fornebu";

async fn attempt(
    t: &TestDb,
    actor: &Actor,
    op: Op,
    (fx, fund_fx, post_fx): (&PrizeFixture, &FundFixture, &PostFixture),
    n: usize,
) -> Result<(), AppError> {
    use app::core::paging::PageRequest;

    let now = OffsetDateTime::now_utc();
    let editor = RoleGrant::new(Role::Editor, None, None).unwrap();
    match op {
        Op::Prize(op) => crate::prize_matrix::attempt(t, actor, op, fx, n).await,
        Op::Fund(op) => crate::fund_matrix::attempt(t, actor, op, fund_fx).await,
        Op::Posts(op) => crate::posts_matrix::attempt(t, actor, op, post_fx).await,
        Op::ViewOrganisation => app::org::service::list_organisation(&t.db, actor)
            .await
            .map(drop),
        Op::ListSectors => app::org::service::list_sectors(&t.db, actor, PageRequest::default())
            .await
            .map(drop),
        Op::ListSites => app::org::service::list_sites(&t.db, actor, None, PageRequest::default())
            .await
            .map(drop),
        Op::GetSite => app::org::service::get_site(&t.db, actor, 1).await.map(drop),
        Op::CreateSector => {
            let input = NewSector::parse(&format!("Tjenesteområde {n}")).unwrap();
            app::org::service::create_sector(&t.db, actor, input, now)
                .await
                .map(drop)
        }
        Op::RenameSector => {
            let input = NewSector::parse("Oppvekst skole").unwrap();
            app::org::service::rename_sector(&t.db, actor, 1, input, now)
                .await
                .map(drop)
        }
        Op::CreateSite => {
            let input =
                NewServiceSite::parse(1, &format!("Tjenestested {n}"), date!(2020 - 01 - 01), None)
                    .unwrap();
            app::org::service::create_site(&t.db, actor, input, now)
                .await
                .map(drop)
        }
        Op::UpdateSite => {
            let patch = SitePatch {
                closed_on: Some(Some(date!(2030 - 01 - 01))),
                ..Default::default()
            };
            app::org::service::update_site(&t.db, actor, 1, patch, now)
                .await
                .map(drop)
        }
        Op::ImportSites => {
            let csv =
                format!("name,sector,active_from\nImportert sted {n},Oppvekst skole,2021-01-01\n");
            app::org::csv::import_sites(&t.db, actor, &csv, now)
                .await
                .map(drop)
        }
        Op::ExportSites => app::org::csv::export_sites(&t.db, actor).await.map(drop),
        Op::CreateUser => {
            let email = format!("bruker{n}@baerum.example");
            let fields = NewUserFields::parse("Ny Bruker", &email, None, &[]).unwrap();
            app::users::service::create_user(&t.db, actor, fields, PASSWORD, now)
                .await
                .map(drop)
        }
        Op::ListUsers => app::users::service::list_users(&t.db, actor, "", PageRequest::default())
            .await
            .map(drop),
        Op::GetUser => app::users::service::get_user(&t.db, actor, 1)
            .await
            .map(drop),
        // User 1 (the target) and 2 (the leaver) are created by the setup.
        Op::DeactivateUser => {
            app::users::service::set_user_active(&t.db, actor, 1, false, now).await
        }
        Op::GrantRole => app::users::service::grant_role(&t.db, actor, 1, editor, now)
            .await
            .map(drop),
        Op::RevokeRole => app::users::service::revoke_role(&t.db, actor, 1, editor, now)
            .await
            .map(drop),
        Op::AnonymiseUser => app::users::service::anonymise_user(
            &t.db,
            actor,
            2,
            app::users::domain::Confirmed,
            &app::registry::anonymisers(),
            now,
        )
        .await
        .map(drop),
        Op::SetPassword => {
            app::users::service::set_password_by_admin(&t.db, actor, 1, PASSWORD, now).await
        }
        Op::ImportUsers => {
            let csv = format!("name,email\nImportert {n},importert{n}@baerum.example\n");
            app::users::csv::import_users(&t.db, actor, &csv, now)
                .await
                .map(drop)
        }
        Op::ExportUsers => app::users::csv::export_users(&t.db, actor).await.map(drop),
        Op::CreateTokenForUser => app::auth::tokens::create_token_for(
            &t.db,
            actor,
            "aktor1@baerum.example",
            &format!("Nøkkel {n}"),
            now,
        )
        .await
        .map(drop),
        Op::ViewAuditLog => app::audit::service::list_audit(
            &t.db,
            actor,
            &AuditFilter::default(),
            PageRequest::default(),
        )
        .await
        .map(drop),
        Op::MyProfile => app::users::service::my_profile(&t.db, actor)
            .await
            .map(drop),
        Op::UpdateProfile => {
            let fields = ProfileFields::parse("Nytt Navn", None, "nb").unwrap();
            app::users::service::update_profile(&t.db, actor, fields, now)
                .await
                .map(drop)
        }
        Op::ChangePassword => {
            app::users::service::change_password(&t.db, actor, PASSWORD, PASSWORD, now).await
        }
        Op::CreateOwnToken => {
            app::auth::tokens::create_own_token(&t.db, actor, &format!("Nøkkel {n}"), now)
                .await
                .map(drop)
        }
        Op::ListOwnTokens => app::auth::tokens::list_own_tokens(&t.db, actor)
            .await
            .map(drop),
        Op::ExportOwnData => app::registry::export_own_data(&t.db, actor, now)
            .await
            .map(drop),
        Op::ViewRoadmap => app::portfolio::service::roadmap(&t.db, actor)
            .await
            .map(drop),
        Op::SubmitIdea => app::portfolio::service::submit_idea(&t.db, actor, idea_form(), now)
            .await
            .map(drop),
        Op::SupportIdea => {
            let idea = fresh_idea(t).await;
            app::portfolio::service::set_support(&t.db, actor, idea, true, now)
                .await
                .map(drop)
        }
        Op::ChangePhase => {
            let project = fresh_project(t).await;
            app::portfolio::service::change_phase(&t.db, actor, project, "innsikt_og_ide", "", now)
                .await
                .map(drop)
        }
        Op::AssessIdea => {
            let idea = fresh_idea(t).await;
            app::portfolio::service::assess_idea(&t.db, actor, idea, "parked", "Venter", now)
                .await
                .map(drop)
        }
        Op::ListProjects => {
            let all = app::portfolio::domain::filter::FilterText::default();
            app::portfolio::service::list_projects(&t.db, actor, all, PageRequest::default())
                .await
                .map(drop)
        }
        Op::PortfolioSummary => {
            let all = app::portfolio::domain::filter::FilterText::default();
            app::portfolio::service::portfolio_summary(&t.db, actor, all)
                .await
                .map(drop)
        }
        Op::GetProject => {
            let project = fresh_project(t).await;
            app::portfolio::service::get_project(&t.db, actor, project)
                .await
                .map(drop)
        }
        Op::AddBenefit => {
            let project = fresh_project(t).await;
            let form = hours_benefit(t).await;
            app::portfolio::service::add_benefit(&t.db, actor, project, form, now)
                .await
                .map(drop)
        }
        Op::AddMeasurement => {
            let project = fresh_project(t).await;
            let form = hours_benefit(t).await;
            let benefit =
                app::portfolio::service::add_benefit(&t.db, &Actor::System, project, form, now)
                    .await
                    .unwrap();
            app::portfolio::service::add_measurement(
                &t.db,
                actor,
                benefit.id,
                "2026-01-01",
                "10",
                now,
            )
            .await
            .map(drop)
        }
        Op::CreateProject => {
            let form = app::portfolio::domain::project::ProjectForm {
                name: format!("Prosjekt {n}"),
                description: "Startet direkte.".into(),
                lead_site_id: "1".into(),
                ..Default::default()
            };
            app::portfolio::service::create_project(&t.db, actor, form, now)
                .await
                .map(drop)
        }
        Op::UpdateProject => {
            let project = fresh_project(t).await;
            let patch = app::portfolio::domain::project::ProjectPatchForm {
                name: Some(format!("Nytt navn {n}")),
                ..Default::default()
            };
            app::portfolio::service::update_project(&t.db, actor, project, patch, now)
                .await
                .map(drop)
        }
        Op::AddToProject => {
            let project = fresh_project(t).await;
            let form = app::portfolio::domain::involvement::AdditionForm {
                part: "funding".into(),
                source: format!("Kilde {n}"),
                amount: "1000".into(),
                ..Default::default()
            };
            app::portfolio::service::add_to_project(&t.db, actor, project, form, now)
                .await
                .map(drop)
        }
        Op::RemoveFromProject => {
            use app::portfolio::domain::involvement::{AdditionForm, Part};
            let project = fresh_project(t).await;
            let form = AdditionForm {
                part: "partners".into(),
                kind: "research".into(),
                name: "OsloMet".into(),
                ..Default::default()
            };
            let partner =
                app::portfolio::service::add_to_project(&t.db, &Actor::System, project, form, now)
                    .await
                    .unwrap();
            let part = Part::Partners;
            app::portfolio::service::remove_from_project(&t.db, actor, project, part, partner, now)
                .await
                .map(drop)
        }
        Op::ListIdeas => {
            app::portfolio::service::list_ideas(&t.db, actor, None, PageRequest::default())
                .await
                .map(drop)
        }
        Op::GetIdea => {
            let idea = fresh_idea(t).await;
            app::portfolio::service::get_idea(&t.db, actor, idea)
                .await
                .map(drop)
        }
        Op::CommentOnIdea => {
            let idea = fresh_idea(t).await;
            app::portfolio::service::comment_on_idea(&t.db, actor, idea, "Godt tenkt!", now).await
        }
        Op::MyNotifications => app::notifications::service::my_notifications(&t.db, actor)
            .await
            .map(drop),
        Op::ListProgrammes => app::portfolio::service::list_programmes(&t.db, actor)
            .await
            .map(drop),
        Op::GetProgramme => app::portfolio::service::get_programme(&t.db, actor, 1)
            .await
            .map(drop),
        Op::ListCohorts => app::lup::service::list_cohorts(&t.db, actor)
            .await
            .map(drop),
        Op::GetCohort => {
            let cohort = fresh_cohort(t, n).await;
            app::lup::service::get_cohort(&t.db, actor, cohort, now)
                .await
                .map(drop)
        }
        Op::ListGatherings => {
            let cohort = fresh_cohort(t, n).await;
            app::lup::service::list_gatherings(&t.db, actor, cohort)
                .await
                .map(drop)
        }
        Op::ListGroups => app::lup::service::list_groups(&t.db, actor, None, now)
            .await
            .map(drop),
        Op::GetGroupHere => {
            let group = fresh_group(t, n).await;
            app::lup::service::get_group(&t.db, actor, group, now)
                .await
                .map(drop)
        }
        Op::GetGroupElsewhere => {
            let group = fresh_group_at(t, n, OTHER_SECTORS_SITE).await;
            app::lup::service::get_group(&t.db, actor, group, now)
                .await
                .map(drop)
        }
        Op::CoverageSeries => {
            app::lup::service::coverage_series(&t.db, actor, (None, None, None), None, now)
                .await
                .map(drop)
        }
        Op::SiteRows => app::lup::service::site_rows(&t.db, actor, None, now)
            .await
            .map(drop),
        Op::ListTargets => app::lup::service::list_targets(&t.db, actor, now)
            .await
            .map(drop),
        Op::LupDashboard => app::lup::service::dashboard(&t.db, actor, now)
            .await
            .map(drop),
        Op::ViewCoverage => app::lup::service::coverage(&t.db, actor, None, None, now)
            .await
            .map(drop),
        Op::CreateCohort => app::lup::service::create_cohort(&t.db, actor, cohort_form(n), now)
            .await
            .map(drop),
        Op::AddGathering => {
            let cohort = fresh_cohort(t, n).await;
            let form = app::lup::domain::cohort::GatheringForm {
                held_on: "2026-02-03".into(),
                theme: "Innsikt".into(),
                place: "Rådhuset".into(),
                alumni: false,
            };
            app::lup::service::add_gathering(&t.db, actor, cohort, form, now)
                .await
                .map(drop)
        }
        Op::EnrolGroup => {
            let cohort = fresh_cohort(t, n).await;
            app::lup::service::enrol_group(&t.db, actor, &cohort.to_string(), "1", now)
                .await
                .map(drop)
        }
        Op::AddGroupMember => {
            let group = fresh_group(t, n).await;
            app::lup::service::add_group_member(&t.db, actor, group, guest(), now)
                .await
                .map(drop)
        }
        Op::ChangeGroupStatus => {
            let group = fresh_group(t, n).await;
            let change = ("in_progress", "", "");
            app::lup::service::change_group_status(&t.db, actor, group, change, None, now)
                .await
                .map(drop)
        }
        Op::RecordAttendance => {
            let group = fresh_group(t, n).await;
            let system = &Actor::System;
            let member = app::lup::service::add_group_member(&t.db, system, group, guest(), now)
                .await
                .unwrap();
            let view = app::lup::service::get_group(&t.db, system, group, now)
                .await
                .unwrap();
            let form = app::lup::domain::cohort::GatheringForm {
                held_on: "2026-02-03".into(),
                theme: "Innsikt".into(),
                place: "Rådhuset".into(),
                alumni: false,
            };
            let gathering =
                app::lup::service::add_gathering(&t.db, system, view.cohort.id, form, now)
                    .await
                    .unwrap();
            app::lup::service::record_attendance(&t.db, actor, gathering.id, &[(member, true)], now)
                .await
                .map(drop)
        }
        Op::SetTarget => {
            let form = app::lup::domain::target::TargetForm {
                kind: "count".into(),
                value: "120".into(),
                sector_id: String::new(),
                due_on: "2026-12-31".into(),
            };
            app::lup::service::create_target(&t.db, actor, form, now)
                .await
                .map(drop)
        }
        Op::AddDiscontinuation => {
            let project = fresh_project(t).await;
            let stop = ("Papirskjema", "2027-01-01", "");
            app::portfolio::service::add_discontinuation(&t.db, actor, project, stop, now)
                .await
                .map(drop)
        }
    }
}

fn cohort_form(n: usize) -> app::lup::domain::cohort::CohortForm {
    app::lup::domain::cohort::CohortForm {
        name: format!("Kull {n}"),
        starts_on: "2026-01-05".into(),
        ends_on: "2026-06-30".into(),
        capacity: "10".into(),
        ..Default::default()
    }
}

fn guest() -> app::lup::domain::member::MemberForm {
    app::lup::domain::member::MemberForm {
        role: "guest".into(),
        guest_name: "Nina Berg".into(),
        guest_organisation: "KS".into(),
        ..Default::default()
    }
}

/// A cohort of its own for one attempt, made by the system.
async fn fresh_cohort(t: &TestDb, n: usize) -> i32 {
    app::lup::service::create_cohort(
        &t.db,
        &Actor::System,
        cohort_form(n),
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap()
}

/// Site 1's group in a fresh cohort, made by the system.
async fn fresh_group(t: &TestDb, n: usize) -> i32 {
    fresh_group_at(t, n, 1).await
}

/// The site of sector 2, which the setup's managers (of sector 1) do not see.
const OTHER_SECTORS_SITE: i32 = 2;

/// A group of `site` in a fresh cohort, made by the system.
async fn fresh_group_at(t: &TestDb, n: usize, site: i32) -> i32 {
    let cohort = fresh_cohort(t, n).await;
    app::lup::service::enrol_group(
        &t.db,
        &Actor::System,
        &cohort.to_string(),
        &site.to_string(),
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap()
}

/// A benefit of freed hours, its responsible person an active account.
async fn hours_benefit(t: &TestDb) -> app::portfolio::domain::benefit::BenefitForm {
    app::portfolio::domain::benefit::BenefitForm {
        kind: "hours".into(),
        description: "Frigjort tid".into(),
        baseline: "0".into(),
        target: "100".into(),
        responsible_user_id: active_user(t).await.to_string(),
        ..Default::default()
    }
}

/// An account that is still active (earlier attempts deactivate and anonymise some).
async fn active_user(t: &TestDb) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Active.eq(true))
        .order_by_desc(app::entities::user::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A project made from a fresh idea, accepted by the system, owned by the first user.
async fn fresh_project(t: &TestDb) -> i32 {
    let idea = fresh_idea(t).await;
    app::portfolio::service::assess_idea(
        &t.db,
        &Actor::System,
        idea,
        "accepted",
        "Ja",
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap()
    .project_id
    .unwrap()
}

fn idea_form() -> app::portfolio::domain::idea::IdeaForm {
    app::portfolio::domain::idea::IdeaForm {
        title: "Digital innsjekk".into(),
        problem: "Kø".into(),
        proposal: "Skjerm".into(),
        site_id: "1".into(),
        ..Default::default()
    }
}

/// An idea of the setup's first user at site 1 (sector 1), for one attempt.
async fn fresh_idea(t: &TestDb) -> i32 {
    let submitter = Actor::User(UserActor {
        id: 1,
        name: "Mål Bruker".into(),
        home_site_id: None,
        roles: vec![],
    });
    app::portfolio::service::submit_idea(&t.db, &submitter, idea_form(), OffsetDateTime::now_utc())
        .await
        .unwrap()
        .id
}

async fn every_actor_gets_exactly_the_permissions_of_the_matrix(backend: Backend) {
    let t = TestDb::new(backend).await;
    let sector = NewSector::parse("Oppvekst skole").unwrap();
    app::org::service::create_sector(
        &t.db,
        &Actor::System,
        sector,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let target = NewUserFields::parse("Mål Bruker", "maal@baerum.example", None, &[]).unwrap();
    let now = OffsetDateTime::now_utc();
    let created = app::users::service::create_user(
        &t.db,
        &Actor::System,
        target,
        "Blåbær-syltetøy-på-Fornebu",
        now,
    )
    .await
    .unwrap();
    assert_eq!(created.id, 1);
    let site = NewServiceSite::parse(1, "Sandvika skole", date!(2015 - 01 - 01), None).unwrap();
    app::org::service::create_site(&t.db, &Actor::System, site, now)
        .await
        .unwrap();
    // A second sector and its site, outside the managers' scope.
    let health = NewSector::parse("Helse og omsorg").unwrap();
    let health = app::org::service::create_sector(&t.db, &Actor::System, health, now)
        .await
        .unwrap();
    let nursing =
        NewServiceSite::parse(health.id, "Bekkestua sykehjem", date!(2015 - 01 - 01), None)
            .unwrap();
    let nursing = app::org::service::create_site(&t.db, &Actor::System, nursing, now)
        .await
        .unwrap();
    assert_eq!(nursing.id, OTHER_SECTORS_SITE);
    {
        use sea_orm::{ActiveModelTrait, Set};
        app::portfolio::entities::programme::ActiveModel {
            name: Set("Digitalt førstevalg".into()),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
    }
    let mut ids = Vec::new();
    for i in 0..(Role::ALL.len() + 2) {
        let email = format!("aktor{i}@baerum.example");
        let fields = NewUserFields::parse("Aktør Bruker", &email, None, &[]).unwrap();
        let user = app::users::service::create_user(&t.db, &Actor::System, fields, PASSWORD, now)
            .await
            .unwrap();
        ids.push(user.id);
    }
    // The first extra account is the leaver (anonymised), the rest act.
    assert_eq!(ids[0], 2);

    // The jury member's account is the fourth acting one (after the employee, the reviewer
    // and the council member, `actors`); the admin's chairs.
    let juror = ids[1] + 3;
    let chair = ids[1] + 8;
    let fx = crate::prize_matrix::prize_fixture(&t, juror, chair).await;
    assert_eq!(
        PRIZE_OPS.len(),
        OPS.iter().filter(|op| matches!(op, Op::Prize(_))).count()
    );
    // The fund reviewer's account is the first acting one after the employee's.
    let reviewer = ids[1] + 1;
    let fund_fx = crate::fund_matrix::fund_fixture(
        &t,
        reviewer,
        &format!("aktor{}@baerum.example", reviewer - ids[0]),
        1,
        OTHER_SECTORS_SITE,
    )
    .await;
    assert_eq!(
        FUND_OPS.len(),
        OPS.iter().filter(|op| matches!(op, Op::Fund(_))).count()
    );
    let post_fx = crate::posts_matrix::post_fixture(&t).await;
    assert_eq!(
        POST_OPS.len(),
        OPS.iter().filter(|op| matches!(op, Op::Posts(_))).count()
    );

    let mut mismatches = Vec::new();
    let mut n = 0;
    for (who, actor) in actors(ids[1]) {
        for op in OPS {
            n += 1;
            let outcome = attempt(&t, &actor, op, (&fx, &fund_fx, &post_fx), n).await;
            let expected = allowed(who, op);
            match (&outcome, expected) {
                (Ok(()), true) | (Err(AppError::Forbidden), false) => {}
                _ => mismatches.push(format!(
                    "{who:?} {op:?}: expected allowed={expected}, got {outcome:?}"
                )),
            }
        }
    }

    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

on_both_backends!(every_actor_gets_exactly_the_permissions_of_the_matrix);
