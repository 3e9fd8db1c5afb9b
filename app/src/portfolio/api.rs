//! Every server function of the portfolio (DESIGN §4): thin wrappers over the service layer.
//! Forms post here; an accepted post leaves a notice for the page it sends the browser to.
// A server function takes one argument per field of its form (the benefit form has eight),
// and the lint cannot be allowed on the client stub the macro generates.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;

#[cfg(feature = "ssr")]
use crate::core::state::now;
#[cfg(feature = "ssr")]
use crate::portfolio::domain::view::ProjectSection;

/// The page of a project's section a change of it returns to (its notice shows there).
#[cfg(feature = "ssr")]
fn section_page(project_id: i32, section: ProjectSection) -> String {
    section.path(project_id)
}

/// A programme's projects and their summary (the programme page).
#[cfg(feature = "ssr")]
pub async fn load_programme_page(
    programme_id: i32,
    offset: String,
) -> Result<crate::portfolio::domain::view::ProgrammePage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let page = crate::core::paging::PageText {
        limit: None,
        offset: Some(offset.as_str()),
    };
    crate::portfolio::service::programme_page(&state.db, &actor, programme_id, page).await
}

/// The portfolio page's model, in one service call.
#[cfg(feature = "ssr")]
pub async fn load_portfolio_page(
    filter: crate::portfolio::domain::filter::FilterText,
    offset: String,
) -> Result<crate::portfolio::domain::view::PortfolioPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let page = crate::core::paging::PageText {
        limit: None,
        offset: Some(offset.as_str()),
    };
    crate::portfolio::service::portfolio_page(&state.db, &actor, filter, page).await
}

#[cfg(feature = "ssr")]
pub async fn load_project(
    project_id: i32,
) -> Result<crate::portfolio::domain::view::ProjectPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::project_page(&state.db, &actor, project_id).await
}

#[cfg(feature = "ssr")]
pub async fn load_new_idea() -> Result<crate::portfolio::domain::view::NewIdeaPage, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::new_idea_page(&state.db, &actor).await
}

#[cfg(feature = "ssr")]
pub async fn load_ideas(
    status: String,
    offset: String,
) -> Result<crate::core::paging::Paged<crate::portfolio::domain::view::IdeaRow>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let page = crate::core::paging::PageText {
        limit: None,
        offset: Some(offset.as_str()),
    };
    crate::portfolio::service::list_ideas(&state.db, &actor, Some(status.as_str()), page).await
}

/// Every programme with its sums, and whether the reader may create and change them.
#[cfg(feature = "ssr")]
pub async fn load_programmes()
-> Result<(Vec<crate::portfolio::domain::view::ProgrammeView>, bool), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let programmes = crate::portfolio::service::list_programmes(&state.db, &actor).await?;
    Ok((programmes, crate::portfolio::service::manages_settings(&actor)))
}

/// The roadmap's phases, for the administrators' page that renames them.
#[cfg(feature = "ssr")]
pub async fn load_phases() -> Result<crate::portfolio::domain::phase::Roadmap, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::phases_page(&state.db, &actor).await
}

/// A new programme (administrators).
#[server]
pub async fn create_programme(name: String, description: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::portfolio::domain::programme::ProgrammeForm { name, description };
    let id = crate::portfolio::service::create_programme(&state.db, &actor, form, now()).await?;
    answer_form("programme", Notice::Done, &format!("/programmer/{id}")).await
}

/// A programme's new name and description (administrators).
#[server]
pub async fn update_programme(
    programme_id: i32,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::portfolio::domain::programme::ProgrammeForm { name, description };
    crate::portfolio::service::update_programme(&state.db, &actor, programme_id, form, now())
        .await?;
    answer_form(
        "programme-edit",
        Notice::Done,
        &format!("/programmer/{programme_id}"),
    )
    .await
}

/// A phase's new name (administrators).
#[server]
pub async fn rename_phase(phase_id: i32, name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::rename_phase(&state.db, &actor, phase_id, &name, now()).await?;
    answer_form(&format!("phase-{phase_id}"), Notice::Done, "/portefolje/faser").await
}

/// Adds a phase to the roadmap after `after` (a phase id; empty: first).
#[server]
pub async fn add_phase(name: String, #[server(default)] after: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let after = match after.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i32>()
                .map_err(|_| AppError::invalid("after", crate::core::error::FieldError::InvalidChoice))?,
        ),
    };
    crate::portfolio::service::add_phase(&state.db, &actor, &name, after, now()).await?;
    answer_form("phase-new", Notice::Done, "/portefolje/faser").await
}

/// Moves a phase one place `up` or `down` the roadmap.
#[server]
pub async fn reorder_phase(phase_id: i32, direction: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => {
            return Err(AppError::invalid(
                "direction",
                crate::core::error::FieldError::InvalidChoice,
            ));
        }
    };
    crate::portfolio::service::reorder_phase(&state.db, &actor, phase_id, up, now()).await?;
    answer_form(&format!("phase-{phase_id}-{direction}"), Notice::Done, "/portefolje/faser").await
}

/// Sets whether projects may go past a phase on the way forward (the box ticked or not).
#[server]
pub async fn set_phase_rule(
    phase_id: i32,
    #[server(default)] optional: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let optional = optional.as_deref().map(str::trim) == Some("on");
    crate::portfolio::service::set_phase_optional(&state.db, &actor, phase_id, optional, now())
        .await?;
    answer_form(&format!("phase-{phase_id}-rule"), Notice::Done, "/portefolje/faser").await
}

#[cfg(feature = "ssr")]
pub async fn load_idea(idea_id: i32) -> Result<crate::portfolio::domain::view::IdeaView, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::get_idea(&state.db, &actor, idea_id).await
}

/// Goals as one typed text ("3, 11"), one entry each.
#[cfg(feature = "ssr")]
fn goal_list(text: &str) -> Vec<String> {
    text.split([',', ' ', ';'])
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Submits an idea; goals come as one text ("3, 11").
#[server]
pub async fn submit_idea(
    title: String,
    problem: String,
    proposal: String,
    expected_gain: String,
    site_id: String,
    tags: String,
    sdgs: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::portfolio::domain::idea::IdeaForm {
        title,
        problem,
        proposal,
        expected_gain,
        site_id,
        tags,
        sdgs: goal_list(&sdgs),
    };
    let idea = crate::portfolio::service::submit_idea(&state.db, &actor, form, now()).await?;
    answer_form("idea", Notice::Done, &format!("/ideer/{}", idea.id)).await
}

/// Supports an idea (`support` = "true") or withdraws the support.
#[server]
pub async fn support_idea(idea_id: i32, support: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let support = support == "true";
    crate::portfolio::service::set_support(&state.db, &actor, idea_id, support, now()).await?;
    answer_form("support", Notice::Done, &format!("/ideer/{idea_id}")).await
}

#[server]
pub async fn assess_idea(idea_id: i32, decision: String, reason: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::assess_idea(&state.db, &actor, idea_id, &decision, &reason, now())
        .await?;
    answer_form("assess", Notice::Done, &format!("/ideer/{idea_id}")).await
}

#[server]
pub async fn comment_on_idea(idea_id: i32, body: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::comment_on_idea(&state.db, &actor, idea_id, &body, now()).await?;
    answer_form("comment", Notice::Done, &format!("/ideer/{idea_id}")).await
}

/// Changes a project's details from its page's form, which sends every field: each is set to
/// what it holds (an empty programme, budget or start date clears it).
#[server]
pub async fn update_project(
    project_id: i32,
    name: String,
    description: String,
    programme_id: String,
    budget: String,
    started_on: String,
    tags: String,
    sdgs: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let patch = crate::portfolio::domain::project::ProjectPatchForm {
        name: Some(name),
        description: Some(description),
        programme_id: Some(programme_id),
        budget: Some(budget),
        started_on: Some(started_on),
        tags: Some(tags),
        sdgs: Some(goal_list(&sdgs)),
    };
    crate::portfolio::service::update_project(&state.db, &actor, project_id, patch, now()).await?;
    answer_form("details", Notice::Done, &section_page(project_id, ProjectSection::Facts)).await
}

#[server]
pub async fn change_phase(project_id: i32, to: String, note: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::portfolio::service::change_phase(&state.db, &actor, project_id, &to, &note, now())
        .await?;
    answer_form("phase", Notice::Done, &section_page(project_id, ProjectSection::Phase)).await
}

#[server]
pub async fn add_benefit(
    project_id: i32,
    kind: String,
    description: String,
    unit: String,
    baseline: String,
    target: String,
    target_date: String,
    responsible_user_id: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::portfolio::domain::benefit::BenefitForm {
        kind,
        description,
        unit,
        baseline,
        target,
        target_date,
        responsible_user_id,
    };
    crate::portfolio::service::add_benefit(&state.db, &actor, project_id, form, now()).await?;
    answer_form("benefit", Notice::Done, &section_page(project_id, ProjectSection::Benefits)).await
}

#[server]
pub async fn add_measurement(
    project_id: i32,
    benefit_id: String,
    measured_on: String,
    value: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let benefit = crate::core::parse::parse_optional_id(&benefit_id)
        .map_err(|e| AppError::invalid("benefit_id", e))?
        .ok_or_else(|| AppError::invalid("benefit_id", crate::core::error::FieldError::Required))?;
    crate::portfolio::service::add_measurement(
        &state.db,
        &actor,
        benefit,
        &measured_on,
        &value,
        now(),
    )
    .await?;
    answer_form("measurement", Notice::Done, &section_page(project_id, ProjectSection::Benefits)).await
}

#[server]
pub async fn add_discontinuation(
    project_id: i32,
    what: String,
    from: String,
    yearly_saving: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let stop = (what.as_str(), from.as_str(), yearly_saving.as_str());
    crate::portfolio::service::add_discontinuation(&state.db, &actor, project_id, stop, now())
        .await?;
    answer_form("discontinuation", Notice::Done, &section_page(project_id, ProjectSection::Discontinuations)).await
}

/// Adds a member, site, partner or funding source to the project, then back to the page of its
/// facts with the notice for the form `add-{part}`.
#[cfg(feature = "ssr")]
async fn add_to(
    project_id: i32,
    form: crate::portfolio::domain::involvement::AdditionForm,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let notice_for = format!("add-{}", form.part);
    crate::portfolio::service::add_to_project(&state.db, &actor, project_id, form, now()).await?;
    answer_form(&notice_for, Notice::Done, &section_page(project_id, ProjectSection::Facts)).await
}

/// Adds a member, named by e-mail address.
#[server]
pub async fn add_member(project_id: i32, user: String) -> Result<(), AppError> {
    use crate::portfolio::domain::involvement::AdditionForm;
    let form = AdditionForm {
        part: "members".into(),
        user,
        ..Default::default()
    };
    add_to(project_id, form).await
}

#[server]
pub async fn add_site(project_id: i32, site_id: String) -> Result<(), AppError> {
    use crate::portfolio::domain::involvement::AdditionForm;
    let form = AdditionForm {
        part: "sites".into(),
        site_id,
        ..Default::default()
    };
    add_to(project_id, form).await
}

#[server]
pub async fn add_partner(project_id: i32, kind: String, name: String) -> Result<(), AppError> {
    use crate::portfolio::domain::involvement::AdditionForm;
    let form = AdditionForm {
        part: "partners".into(),
        kind,
        name,
        ..Default::default()
    };
    add_to(project_id, form).await
}

#[server]
pub async fn add_funding(project_id: i32, source: String, amount: String) -> Result<(), AppError> {
    use crate::portfolio::domain::involvement::AdditionForm;
    let form = AdditionForm {
        part: "funding".into(),
        source,
        amount,
        ..Default::default()
    };
    add_to(project_id, form).await
}

/// Removes a member, a site, a partner or a funding source (`part`) with the id `id`.
#[server]
pub async fn remove_from_project(project_id: i32, part: String, id: i32) -> Result<(), AppError> {
    use crate::core::error::FieldError;
    use crate::portfolio::domain::involvement::Part;
    let (state, actor) = crate::auth::service::acting().await?;
    let part =
        Part::parse(&part).ok_or_else(|| AppError::invalid("part", FieldError::InvalidChoice))?;
    crate::portfolio::service::remove_from_project(&state.db, &actor, project_id, part, id, now())
        .await?;
    answer_form("remove", Notice::Done, &section_page(project_id, ProjectSection::Facts)).await
}
