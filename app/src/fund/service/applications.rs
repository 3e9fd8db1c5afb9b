//! Applications (DESIGN §6): an employee saves a draft and resumes it, submits it before the
//! call closes (then it is locked), and the line manager confirms its anchoring. Who sees an
//! application: its applicant and team, its line managers, the call's reviewers and the
//! council.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::money::Nok;
use crate::core::named::Named;
use crate::core::parse::Input;
use crate::entities::{service_site, user};
use crate::fund::domain::application::{
    ApplicationDraft, BudgetLine, CallTerms, InCall, Stage,
};
use crate::fund::domain::call::CallState;
use crate::fund::domain::permission::FundAction;
use crate::fund::domain::view::{
    AnswerView, ApplicationRow, ApplicationView, Outcome, Recommendation,
};
use crate::fund::entities::{
    fund_answer, fund_application, fund_budget_line, fund_call, fund_team_member,
};

use super::access::{find_application, stage, standing, team_of};
use super::{audit, criteria_of, find_call, state, user_names, active_users};

/// Saves an application as a draft: a new one (`id` none) to the call `call_id`, or the
/// applicant's own draft. The call must be open; a submitted application is locked.
pub async fn save_application(
    db: &DatabaseConnection,
    actor: &Actor,
    id: Option<i32>,
    input: impl Input<Parsed = InCall>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, FundAction::Apply)?;
    let applicant_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let existing = match id {
        Some(id) => {
            let (application, _) = find_application(db, id).await?;
            authorize(
                actor,
                FundAction::EditApplication {
                    applicant: application.applicant_id == applicant_id,
                    draft: true,
                },
            )?;
            if application.submitted_at.is_some() {
                return Err(AppError::conflict("title", FieldError::AlreadySubmitted));
            }
            Some(application)
        }
        None => None,
    };
    let InCall { call_id, form } = input.parse().map_err(AppError::Invalid)?;
    // No call named (the body left it out) is a field to fill in; a call that does not
    // exist is 404.
    if call_id <= 0 {
        return Err(AppError::invalid("call_id", FieldError::Required));
    }
    let moved = existing.as_ref().is_some_and(|a| a.call_id != call_id);
    let call = match fund_call::Entity::find_by_id(call_id).one(db).await? {
        Some(_) if moved => return Err(AppError::invalid("call_id", FieldError::UnknownReference)),
        Some(call) => call,
        None => return Err(AppError::NotFound),
    };
    open_for_applications(&call, now, "title")?;
    let terms = CallTerms {
        criteria: criteria_of(db, call_id).await?.iter().map(|c| c.id).collect(),
        max_amount: Nok(call.max_amount_nok),
    };
    let draft = form.parse_for(&terms).map_err(AppError::Invalid)?;
    if let Some(site) = draft.site_id
        && service_site::Entity::find_by_id(site).one(db).await?.is_none()
    {
        return Err(AppError::invalid("site_id", FieldError::UnknownReference));
    }
    if let Some(project) = draft.project_id {
        if crate::portfolio::read::project_brief(db, project).await?.is_none() {
            return Err(AppError::invalid("project_id", FieldError::UnknownReference));
        }
        // The grant lands on this project: it must be one the applicant is on.
        let people = crate::portfolio::read::project_people(db, project).await?;
        if !people.contains(&applicant_id) {
            return Err(AppError::invalid("project_id", FieldError::NotYourProject));
        }
    }
    let mut team = active_users(db, &draft.team, "team").await?;
    team.retain(|&id| id != applicant_id);
    let txn = crate::core::txn::begin_write(db).await?;
    let saved = match existing {
        Some(application) => {
            // A concurrent submit takes turns on the row and finds this save, or this save
            // finds the application submitted.
            let current = crate::core::txn::find_locked::<fund_application::Entity>(&txn, application.id)
                .await?
                .ok_or(AppError::NotFound)?;
            if current.submitted_at.is_some() {
                return Err(AppError::conflict("title", FieldError::AlreadySubmitted));
            }
            let mut active: fund_application::ActiveModel = current.into();
            fill(&mut active, &draft);
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            let mut active = fund_application::ActiveModel {
                call_id: Set(call_id),
                applicant_id: Set(applicant_id),
                submitted_at: Set(None),
                anchored_by: Set(None),
                anchored_at: Set(None),
                recommended_nok: Set(None),
                justification: Set(None),
                recommended_by: Set(None),
                recommended_at: Set(None),
                guidance_requested_at: Set(None),
                guidance_given_at: Set(None),
                closed_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            fill(&mut active, &draft);
            active.insert(&txn).await?
        }
    };
    replace_parts(&txn, saved.id, &draft, &team).await?;
    audit(
        &txn,
        actor,
        "fund.application_saved",
        ("fund_application", saved.id),
        json!({ "title": draft.title, "amount": draft.amount.map(|a| a.0) }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

fn fill(active: &mut fund_application::ActiveModel, draft: &ApplicationDraft) {
    active.title = Set(draft.title.clone());
    active.summary = Set(draft.summary.clone());
    active.site_id = Set(draft.site_id);
    active.project_id = Set(draft.project_id);
    active.amount_nok = Set(draft.amount.map(|a| a.0));
    active.own_contribution_nok = Set(draft.own_contribution.0);
    active.co_funding_nok = Set(draft.co_funding.0);
}

async fn replace_parts(
    txn: &impl ConnectionTrait,
    id: i32,
    draft: &ApplicationDraft,
    team: &[i32],
) -> Result<(), AppError> {
    fund_team_member::Entity::delete_many()
        .filter(fund_team_member::Column::ApplicationId.eq(id))
        .exec(txn)
        .await?;
    fund_budget_line::Entity::delete_many()
        .filter(fund_budget_line::Column::ApplicationId.eq(id))
        .exec(txn)
        .await?;
    fund_answer::Entity::delete_many()
        .filter(fund_answer::Column::ApplicationId.eq(id))
        .exec(txn)
        .await?;
    if !team.is_empty() {
        fund_team_member::Entity::insert_many(team.iter().map(|&user_id| {
            fund_team_member::ActiveModel {
                application_id: Set(id),
                user_id: Set(user_id),
            }
        }))
        .exec(txn)
        .await?;
    }
    if !draft.budget_lines.is_empty() {
        fund_budget_line::Entity::insert_many(draft.budget_lines.iter().enumerate().map(
            |(i, line)| fund_budget_line::ActiveModel {
                application_id: Set(id),
                position: Set(i32::try_from(i).unwrap_or(0)),
                description: Set(line.description.clone()),
                amount_nok: Set(line.amount.0),
                ..Default::default()
            },
        ))
        .exec(txn)
        .await?;
    }
    if !draft.answers.is_empty() {
        fund_answer::Entity::insert_many(draft.answers.iter().map(|(&criterion_id, body)| {
            fund_answer::ActiveModel {
                application_id: Set(id),
                criterion_id: Set(criterion_id),
                body: Set(body.clone()),
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Refuses what a call that does not take applications now cannot take.
fn open_for_applications(
    call: &fund_call::Model,
    now: OffsetDateTime,
    field: &str,
) -> Result<(), AppError> {
    match state(call, now) {
        CallState::Open => Ok(()),
        CallState::Upcoming => Err(AppError::conflict(field, FieldError::CallNotOpen)),
        CallState::Closed | CallState::Decided => {
            Err(AppError::conflict(field, FieldError::CallClosed))
        }
    }
}

/// The draft as stored, for the check before submission.
async fn stored_draft(
    db: &impl ConnectionTrait,
    application: &fund_application::Model,
) -> Result<ApplicationDraft, AppError> {
    Ok(ApplicationDraft {
        title: application.title.clone(),
        summary: application.summary.clone(),
        site_id: application.site_id,
        project_id: application.project_id,
        amount: application.amount_nok.map(Nok),
        own_contribution: Nok(application.own_contribution_nok),
        co_funding: Nok(application.co_funding_nok),
        budget_lines: lines_of(db, application.id).await?,
        answers: answers_of(db, application.id).await?,
        team: Vec::new(),
    })
}

async fn lines_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<BudgetLine>, AppError> {
    Ok(fund_budget_line::Entity::find()
        .filter(fund_budget_line::Column::ApplicationId.eq(id))
        .order_by_asc(fund_budget_line::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|l| BudgetLine {
            description: l.description,
            amount: Nok(l.amount_nok),
        })
        .collect())
}

async fn answers_of(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<BTreeMap<i32, String>, AppError> {
    Ok(fund_answer::Entity::find()
        .filter(fund_answer::Column::ApplicationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.criterion_id, a.body))
        .collect())
}

/// Submits the applicant's draft: refused after the closing instant (409) and while
/// anything is missing (422, each field named); then it is locked.
pub async fn submit_application(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::Apply)?;
    let (application, call) = find_application(db, id).await?;
    let applicant = actor.user_id() == Some(application.applicant_id);
    if !applicant {
        // The team sees it, and learns it is not theirs to send; others learn nothing.
        let standing = standing(db, actor, &application).await?;
        authorize(actor, standing.view(&application))?;
        return Err(AppError::Forbidden);
    }
    if application.submitted_at.is_some() {
        return Err(AppError::conflict("title", FieldError::AlreadySubmitted));
    }
    open_for_applications(&call, now, "title")?;
    let criteria: Vec<i32> = criteria_of(db, call.id).await?.iter().map(|c| c.id).collect();
    let txn = crate::core::txn::begin_write(db).await?;
    // What is checked is what is locked: a concurrent save waits for this row.
    let application = crate::core::txn::find_locked::<fund_application::Entity>(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let missing = stored_draft(&txn, &application).await?.missing(&criteria);
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    // Conditional: of two submits at once, one locks it, the other finds it locked.
    let locked = fund_application::Entity::update_many()
        .col_expr(
            fund_application::Column::SubmittedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .col_expr(
            fund_application::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(fund_application::Column::Id.eq(id))
        .filter(fund_application::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(AppError::conflict("title", FieldError::AlreadySubmitted));
    }
    audit(
        &txn,
        actor,
        "fund.application_submitted",
        ("fund_application", id),
        json!({ "call_id": call.id, "amount": application.amount_nok }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The line manager confirms the application's anchoring (DESIGN §6: anchored in the line
/// organisation): a manager of its site or of the site's sector, never the applicant. Until
/// the decision; confirming twice keeps the first confirmation.
pub async fn anchor_application(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, FundAction::View)?;
    let (application, call) = find_application(db, id).await?;
    let standing = standing(db, actor, &application).await?;
    authorize(
        actor,
        FundAction::Anchor {
            line_manager: standing.line_manager,
            applicant: standing.applicant || standing.team,
        },
    )?;
    // What is anchored is what was sent in: a draft can still change its site and amount.
    if application.submitted_at.is_none() {
        return Err(AppError::conflict("anchoring", FieldError::NotSubmitted));
    }
    if call.decided_at.is_some() {
        return Err(AppError::conflict("anchoring", FieldError::AlreadyDecided));
    }
    if application.anchored_at.is_some() {
        return Ok(());
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let mut active: fund_application::ActiveModel = application.into();
    active.anchored_by = Set(actor.user_id());
    active.anchored_at = Set(Some(now));
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "fund.application_anchored",
        ("fund_application", id),
        json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The rows of `applications`, their names looked up in few statements.
pub(super) async fn rows(
    db: &impl ConnectionTrait,
    applications: &[fund_application::Model],
    decided: &HashMap<i32, bool>,
) -> Result<Vec<ApplicationRow>, AppError> {
    let names = user_names(db, applications.iter().map(|a| a.applicant_id)).await?;
    let site_ids: Vec<i32> = applications.iter().filter_map(|a| a.site_id).collect();
    let sites: HashMap<i32, String> = if site_ids.is_empty() {
        HashMap::new()
    } else {
        service_site::Entity::find()
            .filter(service_site::Column::Id.is_in(site_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect()
    };
    Ok(applications
        .iter()
        .map(|a| ApplicationRow {
            id: a.id,
            call_id: a.call_id,
            title: a.title.clone(),
            applicant: Named::looked_up(&names, a.applicant_id),
            site: a.site_id.map(|id| Named::looked_up(&sites, id)),
            amount: a.amount_nok.map(Nok),
            stage: stage(a, decided.get(&a.call_id).copied().unwrap_or(false)),
            submitted_at: a.submitted_at,
            anchored: a.anchored_at.is_some(),
        })
        .collect())
}

/// The applications the actor may see, of one call or of all, the newest first: their
/// own and their team's (drafts too), and the submitted ones they review, anchor or (the
/// council) rank.
pub async fn list_applications(
    db: &DatabaseConnection,
    actor: &Actor,
    call_id: Option<i32>,
) -> Result<Vec<ApplicationRow>, AppError> {
    authorize(actor, FundAction::View)?;
    let mut find = fund_application::Entity::find();
    if let Some(call_id) = call_id {
        find_call(db, call_id).await?;
        find = find.filter(fund_application::Column::CallId.eq(call_id));
    }
    let all = find
        .order_by_desc(fund_application::Column::UpdatedAt)
        .order_by_desc(fund_application::Column::Id)
        .all(db)
        .await?;
    let council = authorize(actor, FundAction::Recommend).is_ok();
    // How the actor stands to every application, from three statements whatever their number.
    let stands = super::access::Stands::of(db, actor).await?;
    let visible: Vec<fund_application::Model> = all
        .into_iter()
        .filter(|application| {
            (council && application.submitted_at.is_some())
                || authorize(actor, stands.to(application).view(application)).is_ok()
        })
        .collect();
    let decided = decided_calls(db, visible.iter().map(|a| a.call_id)).await?;
    rows(db, &visible, &decided).await
}

/// Whether each of the calls `ids` is decided.
pub(super) async fn decided_calls(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, bool>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(fund_call::Entity::find()
        .filter(fund_call::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.decided_at.is_some()))
        .collect())
}

/// One application with what the actor may see of it: the applicant and team everything
/// they wrote and, once decided, the outcome with the council's feedback; a reviewer their
/// desk (conflicts, their review, the others' once they have scored); the council every
/// review and its recommendation.
pub async fn get_application(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    now: OffsetDateTime,
) -> Result<ApplicationView, AppError> {
    authorize(actor, FundAction::View)?;
    let (application, call) = find_application(db, id).await?;
    let standing = standing(db, actor, &application).await?;
    let council = authorize(actor, FundAction::Recommend).is_ok();
    authorize(actor, standing.view(&application))?;
    // The council sees what was sent in, not others' drafts; never the reviews of an
    // application of its own or its team's before the decision.
    let council_sees = council
        && application.submitted_at.is_some()
        && !(standing.applicant || standing.team);
    let decided = HashMap::from([(call.id, call.decided_at.is_some())]);
    let row = rows(db, std::slice::from_ref(&application), &decided)
        .await?
        .remove(0);
    let criteria = criteria_of(db, call.id).await?;
    let answers = answers_of(db, id).await?;
    let team = team_of(db, id).await?;
    let mut people: Vec<i32> = team.clone();
    people.extend(application.anchored_by);
    people.extend(application.recommended_by);
    let names = user_names(db, people).await?;
    let project = match application.project_id {
        Some(project) => crate::portfolio::read::project_brief(db, project)
            .await?
            .map(|p| Named {
                id: p.id,
                name: p.name,
            }),
        None => None,
    };
    let outcome = call.decided_at.map(|decided_at| Outcome {
        granted: Nok(application.recommended_nok.unwrap_or(0)),
        feedback: application.justification.clone(),
        decided_at,
        case_number: call.case_number.clone(),
    });
    let recommendation = if council {
        application.recommended_at.map(|at| Recommendation {
            amount: Nok(application.recommended_nok.unwrap_or(0)),
            justification: application.justification.clone(),
            by: application
                .recommended_by
                .map(|id| Named::looked_up(&names, id)),
            at,
        })
    } else {
        None
    };
    let desk = if standing.reviewer {
        Some(super::reviews::desk(db, actor, &application, &criteria).await?)
    } else {
        None
    };
    let reviews = if council_sees {
        super::reviews::all_reviews(db, id).await?
    } else {
        Vec::new()
    };
    let grant = row.stage == Stage::Granted;
    let follows = standing.applicant || standing.team || council;
    let (reports, payments) = if grant && follows {
        (
            super::followup::reports_of(db, &application, now).await?,
            super::followup::payments_of(db, id).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let manages = authorize(actor, FundAction::Manage).is_ok();
    let may_review = desk
        .as_ref()
        .is_some_and(|d| {
            d.conflicts.is_empty() && d.own.is_none() && state(&call, now) != CallState::Decided
        });
    Ok(ApplicationView {
        call_title: call.title.clone(),
        criteria: criteria.clone(),
        summary: application.summary.clone(),
        project,
        own_contribution: Nok(application.own_contribution_nok),
        co_funding: Nok(application.co_funding_nok),
        budget_lines: lines_of(db, id).await?,
        answers: criteria
            .iter()
            .filter_map(|c| {
                answers.get(&c.id).map(|answer| AnswerView {
                    criterion_id: c.id,
                    criterion: c.name.clone(),
                    answer: answer.clone(),
                })
            })
            .collect(),
        team: team.iter().map(|&id| Named::looked_up(&names, id)).collect(),
        team_emails: if standing.applicant {
            emails_of(db, &team).await?
        } else {
            Vec::new()
        },
        anchored_by: application
            .anchored_by
            .map(|id| Named::looked_up(&names, id)),
        anchored_at: application.anchored_at,
        outcome,
        recommendation,
        desk,
        reviews,
        guidance_requested_at: application.guidance_requested_at,
        guidance_given_at: application.guidance_given_at,
        reports,
        payments,
        may_report: grant && (standing.applicant || standing.team),
        may_ask_guidance: standing.applicant && row.stage == Stage::Declined,
        manages,
        may_edit: standing.applicant
            && application.submitted_at.is_none()
            && state(&call, now) == CallState::Open,
        may_anchor: standing.line_manager
            && application.submitted_at.is_some()
            && !standing.applicant
            && !standing.team
            && application.anchored_at.is_none()
            && call.decided_at.is_none(),
        may_review,
        row,
    })
}

/// The e-mail addresses of the users `ids`, in their order.
async fn emails_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<String>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let users: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    Ok(ids.iter().filter_map(|id| users.get(id).cloned()).collect())
}
