//! Programmes (`/programmer`, `/programmer/{id}`, DESIGN §4): each programme with the sums of
//! its projects, and one programme's page with its summary and its projects.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::auth::refused::ErrorPage;
use crate::i18n::*;
use crate::portfolio::api::{load_programme_page, load_programmes};
use crate::portfolio::domain::view::ProgrammeView;
use crate::portfolio::pages::labels::{kroner, number};
use crate::portfolio::pages::portfolio::{ProjectTable, Summary};
use crate::ui::{DataTable, PageTitle};

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
            match load_programmes().await {
                Ok(programmes) if programmes.is_empty() => {
                    view! { <p>{t!(i18n, pg_none)}</p> }.into_any()
                }
                Ok(programmes) => view! { <ProgrammeTable programmes /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
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
            let (programme, page, summary) = match load_programme_page(programme_id, offset).await {
                Ok(loaded) => (loaded.programme, loaded.projects, loaded.summary),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let selection = format!("programme_id={programme_id}");
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
            }
            .into_any()
        })}
    }
}
