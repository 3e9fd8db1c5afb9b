//! Programmes (`/programmer`, `/programmer/{id}`, DESIGN §4): each programme with the sums of
//! its projects, and one programme's page with its summary and its projects.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::auth::refused::ErrorPage;
use crate::i18n::*;
use crate::core::notice::Flash;
use crate::portfolio::api::{
    AddPhase, CreateProgramme, RenamePhase, ReorderPhase, SetPhaseRule, UpdateProgramme,
    load_phases, load_programme_page,
    load_programmes,
};
use crate::portfolio::domain::view::ProgrammeView;
use crate::portfolio::pages::labels::{kroner, number};
use crate::portfolio::pages::portfolio::{ProjectTable, Summary};
use crate::ui::{Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle, Tag};

/// The programme's two fields, empty or holding `current`.
fn programme_form(spec: FormSpec, locale: Locale, current: Option<&ProgrammeView>) -> FormSpec {
    spec.field(
        Field::text("name", td_string!(locale, pg_field_name))
            .value(current.map(|p| p.name.clone()).unwrap_or_default()),
    )
    .field(
        Field::textarea("description", td_string!(locale, pg_field_description))
            .value(current.and_then(|p| p.description.clone()).unwrap_or_default())
            .optional(),
    )
}

fn count(n: u64) -> String {
    number(i64::try_from(n).unwrap_or(i64::MAX))
}

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, pg_title).to_string() />
        <h1>{t!(i18n, pg_heading)}</h1>
        <p class="lead">{t!(i18n, pg_lead)}</p>
        {Suspend::new(async move {
            let (programmes, manages) = match load_programmes().await {
                Ok(loaded) => loaded,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = if manages {
                crate::auth::service::take_flash().await.ok().flatten()
            } else {
                None
            };
            let list = if programmes.is_empty() {
                view! { <p>{t!(i18n, pg_none)}</p> }.into_any()
            } else {
                view! { <ProgrammeTable programmes /> }.into_any()
            };
            let settings = manages.then(|| {
                let locale = i18n.get_locale_untracked();
                let spec = programme_form(
                    FormSpec::new::<CreateProgramme>("programme", t_string!(i18n, pg_create_button))
                        .notice(Flash::for_form(&flash, "programme").is_some(), t_string!(i18n, pg_saved)),
                    locale,
                    None,
                );
                view! {
                    <section aria-labelledby="new-programme-heading">
                        <h2 id="new-programme-heading">{t!(i18n, pg_new_heading)}</h2>
                        <EnhancedForm locale spec />
                    </section>
                    <p>
                        <a href="/portefolje/faser">{t!(i18n, ph_link)}</a>
                    </p>
                }
            });
            view! {
                {list}
                {settings}
            }
            .into_any()
        })}
    }
}

#[component]
fn ProgrammeTable(programmes: Vec<ProgrammeView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable label=t_string!(i18n, pg_heading).to_string()>
            <caption class="visually-hidden">{t!(i18n, pg_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, pg_col_name)}</th>
                    <th scope="col" class="numeric">{t!(i18n, pg_col_projects)}</th>
                    <th scope="col" class="numeric">{t!(i18n, pg_col_budget)}</th>
                    <th scope="col" class="numeric">{t!(i18n, pg_col_funding)}</th>
                    <th scope="col" class="numeric">{t!(i18n, pg_col_targeted)}</th>
                    <th scope="col" class="numeric">{t!(i18n, pg_col_realised)}</th>
                </tr>
            </thead>
            <tbody>
                {programmes
                    .into_iter()
                    .map(|p| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/programmer/{}", p.id)>{p.name}</a>
                                </th>
                                <td class="numeric">{count(p.projects)}</td>
                                <td class="numeric">{p.budget.format_nb()}</td>
                                <td class="numeric">{p.funding.format_nb()}</td>
                                <td class="numeric">{kroner(p.planned_gain_nok)}</td>
                                <td class="numeric">{kroner(p.realised_gain_nok)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let programme_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    let offset = use_query_map()
        .read_untracked()
        .get("offset")
        .unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, pg_title).to_string() />
        <p>
            <a href="/programmer">{t!(i18n, pg_back)}</a>
        </p>
        {Suspend::new(async move {
            let (programme, page, summary, manages) = match load_programme_page(programme_id, offset).await {
                Ok(loaded) => (loaded.programme, loaded.projects, loaded.summary, loaded.manages),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let selection = format!("programme_id={programme_id}");
            let edit = if manages {
                let flash = crate::auth::service::take_flash().await.ok().flatten();
                let locale = i18n.get_locale_untracked();
                let spec = programme_form(
                    FormSpec::new::<UpdateProgramme>("programme-edit", t_string!(i18n, pg_save_button))
                        .notice(
                            Flash::for_form(&flash, "programme-edit").is_some()
                                || Flash::for_form(&flash, "programme").is_some(),
                            t_string!(i18n, pg_saved),
                        )
                        .hidden("programme_id", programme_id),
                    locale,
                    Some(&programme),
                );
                Some(view! {
                    <section aria-labelledby="edit-programme-heading">
                        <h2 id="edit-programme-heading">{t!(i18n, pg_edit_heading)}</h2>
                        <EnhancedForm locale spec />
                    </section>
                })
            } else {
                None
            };
            let here = format!("/programmer/{programme_id}");
            view! {
                <h1>{programme.name.clone()}</h1>
                {programme
                    .description
                    .clone()
                    .map(|text| view! { <p class="prose">{text}</p> })}
                <section aria-labelledby="programme-sums">
                    <h2 id="programme-sums">{t!(i18n, pg_sums_heading)}</h2>
                    <ul class="figures">
                        <li>
                            <strong>{count(programme.projects)}</strong>
                            {td!(i18n.get_locale_untracked(), pf_projects_figure, count = move || programme.projects)}
                        </li>
                        <li>
                            <strong>{programme.budget.format_nb()}</strong>
                            {t!(i18n, pg_fig_budget)}
                        </li>
                        <li>
                            <strong>{programme.funding.format_nb()}</strong>
                            {t!(i18n, pg_fig_funding)}
                        </li>
                        <li>
                            <strong>{kroner(programme.planned_gain_nok)}</strong>
                            {t!(i18n, pf_targeted_nok)}
                        </li>
                        <li>
                            <strong>{kroner(programme.realised_gain_nok)}</strong>
                            {t!(i18n, pf_realised_nok)}
                        </li>
                    </ul>
                    <p>
                        <a href=format!("/portefolje?{selection}")>{t!(i18n, pg_in_portfolio)}</a>
                    </p>
                </section>
                <Summary summary />
                <ProjectTable page selection here />
                {edit}
            }
            .into_any()
        })}
    }
}

/// `/portefolje/faser` (administrators): each phase of the roadmap with a form to rename it.
/// Its key, place and whether it stops a project stay, so every project stays valid.
#[component]
pub fn PhasesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, ph_title).to_string() />
        <p>
            <a href="/programmer">{t!(i18n, pg_back)}</a>
        </p>
        <h1>{t!(i18n, ph_heading)}</h1>
        <p class="lead">{t!(i18n, ph_lead)}</p>
        {Suspend::new(async move {
            let roadmap = match load_phases().await {
                Ok(roadmap) => roadmap,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let locale = i18n.get_locale_untracked();
            let order = roadmap.order();
            let done = |form: &str| Flash::for_form(&flash, form).is_some();
            let phases = roadmap
                .all()
                .map(|phase| {
                    let form = format!("phase-{}", phase.id);
                    let spec = FormSpec::new::<RenamePhase>(&form, t_string!(i18n, ph_rename_button))
                        .notice(done(&form), t_string!(i18n, ph_renamed))
                        .hidden("phase_id", phase.id)
                        .field(
                            Field::text("name", format!("{} ({})", td_string!(locale, ph_field_name), phase.key))
                                .id(&format!("phase-{}-name", phase.id))
                                .value(phase.name.clone()),
                        );
                    let place = order.iter().position(|id| *id == phase.id);
                    // The transition rule and the order, for the roadmap's phases (not Stoppet).
                    let rule = place.map(|_| {
                        let form = format!("phase-{}-rule", phase.id);
                        let spec = FormSpec::new::<SetPhaseRule>(&form, t_string!(i18n, ph_rule_button))
                            .notice(done(&form), t_string!(i18n, ph_rule_saved))
                            .hidden("phase_id", phase.id)
                            .field(
                                Field::check("optional", t_string!(i18n, ph_optional_label), "on")
                                    .id(&format!("phase-{}-optional", phase.id))
                                    .checked(phase.optional),
                            );
                        view! { <EnhancedForm locale spec /> }
                    });
                    let moves = place.map(|at| {
                        // One notice for the move, on the first button there is: a phase moved
                        // to an end has lost the button it was moved with.
                        let moved = done(&format!("phase-{}-up", phase.id))
                            || done(&format!("phase-{}-down", phase.id));
                        let directions = [
                            ("up", at > 0, td_string!(locale, ph_up)),
                            ("down", at + 1 < order.len(), td_string!(locale, ph_down)),
                        ];
                        directions
                            .into_iter()
                            .filter(|(_, shown, _)| *shown)
                            .enumerate()
                            .map(|(n, (direction, _, word))| {
                                let spec = FormSpec::new::<ReorderPhase>(
                                        &format!("phase-{}-{direction}", phase.id),
                                        format!("{} «{}» {word}", td_string!(locale, ph_move), phase.name),
                                    )
                                    .notice(moved && n == 0, t_string!(i18n, ph_moved))
                                    .class("inline-form")
                                    .hidden("phase_id", phase.id)
                                    .hidden("direction", direction);
                                view! { <EnhancedForm locale spec /> }
                            })
                            .collect_view()
                    });
                    let heading = format!("phase-{}-heading", phase.id);
                    let labelled = heading.clone();
                    let skipped = phase.optional.then(|| view! { " " <Tag text=t_string!(i18n, ph_optional_tag).to_string() /> });
                    view! {
                        <section aria-labelledby=labelled>
                            <h2 id=heading>{phase.name.clone()} {skipped}</h2>
                            <EnhancedForm locale spec />
                            {rule}
                            {moves}
                        </section>
                    }
                })
                .collect_view();
            let after = Choice::options(
                std::iter::once((String::new(), td_string!(locale, ph_new_first).to_string()))
                    .chain(
                        roadmap
                            .all()
                            .filter(|p| order.contains(&p.id))
                            .map(|p| (p.id.to_string(), p.name.clone())),
                    ),
            );
            let last = order.last().map(|id| id.to_string()).unwrap_or_default();
            let add = FormSpec::new::<AddPhase>("phase-new", t_string!(i18n, ph_add_button))
                .notice(done("phase-new"), t_string!(i18n, ph_added))
                .field(Field::text("name", t_string!(i18n, ph_field_name)).id("phase-new-name"))
                .field(
                    Field::select("after", t_string!(i18n, ph_new_after), after)
                        .id("phase-new-after")
                        .value(last),
                );
            view! {
                {phases}
                <section aria-labelledby="phase-new-heading">
                    <h2 id="phase-new-heading">{t!(i18n, ph_new_heading)}</h2>
                    <EnhancedForm locale spec=add />
                </section>
            }
                .into_any()
        })}
    }
}
