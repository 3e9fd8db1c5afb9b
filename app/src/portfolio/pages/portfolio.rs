//! The portfolio page (`/portefolje`, DESIGN §4): filters as a plain GET form (works before
//! the WebAssembly loads and can be linked), summary figures, charts with their tables, the
//! filtered project list with pages, and downloads of the same selection.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::core::error::FieldErrors;
use crate::core::paging::Paged;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::portfolio::api::load_portfolio_page;
use crate::portfolio::domain::filter::{FilterText, ProjectSort};
use crate::portfolio::domain::phase::Roadmap;
use crate::portfolio::domain::view::{Named, PortfolioSummary, ProjectRow};
use crate::portfolio::pages::labels::{kind_label, kroner, number};
use crate::ui::{
    Alert, BarChart, DataTable, FieldErrorText, NavLink, PageTitle, Pagination, Series, Tone,
    described_by, field_message, invalid_attr,
};

/// The filters' names in the URL, in the form's order.
const FILTERS: [&str; 10] = FilterText::NAMES;

/// The query string of the selection (without the page), for links to other pages and the
/// downloads.
pub fn selection_query(values: &[(String, String)]) -> String {
    values
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{k}={}",
                percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let values: Vec<(String, String)> = FILTERS
        .iter()
        .map(|f| {
            let value = query.read_untracked().get(f).unwrap_or_default();
            ((*f).to_owned(), value)
        })
        .collect();
    let offset = query.read_untracked().get("offset").unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, pf_title).to_string() />
        {Suspend::new(async move {
            let model = match load_portfolio_page(FilterText::from_pairs(&values), offset).await {
                Ok(model) => model,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let (roadmap, org, programmes) = (model.roadmap, model.org, model.programmes);
            let loaded = model.listing;
            let form = |errors: FieldErrors| {
                view! {
                    <FilterForm
                        values=values.clone()
                        errors
                        roadmap=roadmap.clone()
                        org=org.clone()
                        programmes=programmes.clone()
                    />
                }
            };
            match loaded {
                Ok((page, summary)) => {
                    let selection = selection_query(&values);
                    let here = if selection.is_empty() {
                        "/portefolje".to_owned()
                    } else {
                        format!("/portefolje?{selection}")
                    };
                    view! {
                        <h1>{t!(i18n, pf_heading)}</h1>
                        <p class="lead">{t!(i18n, pf_lead)}</p>
                        <p>
                            <a href="/programmer">{t!(i18n, pf_programmes_link)}</a>
                        </p>
                        {form(FieldErrors::new())}
                        <Summary summary />
                        <ProjectTable page selection here />
                    }
                        .into_any()
                }
                Err(errors) => {
                    let locale = i18n.get_locale_untracked();
                    let listed = errors
                        .iter()
                        .map(|(field, error)| format!("{field}: {}", field_message(locale, *error)))
                        .collect::<Vec<_>>()
                        .join("; ");
                    view! {
                        <h1>{t!(i18n, pf_heading)}</h1>
                        <Alert tone=Tone::Danger>
                            <p>{t!(i18n, pf_bad_filter)} " " {listed}</p>
                        </Alert>
                        {form(errors)}
                    }
                        .into_any()
                }
            }
        })}
    }
}

/// One field of the filter form: a text input, or a select of `choices` (value, label) with
/// an "all" choice first.
fn filter_field(
    name: &'static str,
    label: String,
    value: String,
    choices: Option<Vec<(String, String)>>,
    all: String,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let control = match choices {
        None => view! {
            <input
                class="ds-input"
                id=name
                name=name
                type="text"
                value=value
                aria-invalid=invalid_attr(errors, name)
                aria-describedby=described_by(errors, name, None)
            />
        }
        .into_any(),
        Some(choices) => view! {
            <select
                class="ds-input"
                id=name
                name=name
                aria-invalid=invalid_attr(errors, name)
                aria-describedby=described_by(errors, name, None)
            >
                <option value="">{all}</option>
                {choices
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
    };
    view! {
        <div class="ds-field">
            <label class="ds-label" for=name>{label}</label>
            {control}
            <FieldErrorText errors field=name />
        </div>
    }
}

#[component]
fn FilterForm(
    values: Vec<(String, String)>,
    errors: FieldErrors,
    roadmap: Roadmap,
    org: Vec<SectorWithSites>,
    programmes: Vec<Named>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let errors = Signal::derive(move || errors.clone());
    let value = |name: &str| {
        values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = t_string!(i18n, pf_filter_all).to_string();
    let phases = roadmap
        .all()
        .map(|p| (p.key.clone(), p.name.clone()))
        .collect();
    let sectors = org
        .iter()
        .map(|s| (s.sector.id.to_string(), s.sector.name.clone()))
        .collect();
    let mut sites: Vec<(String, String)> = org
        .iter()
        .flat_map(|s| s.sites.iter())
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    sites.sort_by(|a, b| a.1.cmp(&b.1));
    let programmes = programmes
        .into_iter()
        .map(|p| (p.id.to_string(), p.name))
        .collect();
    let goals = (1..=17)
        .map(|n| {
            (
                n.to_string(),
                format!("{} {n}", td_string!(locale, pf_sdg_option)),
            )
        })
        .collect();
    let funded = vec![
        (
            "true".to_owned(),
            t_string!(i18n, pf_funded_yes).to_string(),
        ),
        (
            "false".to_owned(),
            t_string!(i18n, pf_funded_no).to_string(),
        ),
    ];
    let sorts = ProjectSort::ALL
        .into_iter()
        .map(|s| {
            let label = match s {
                ProjectSort::Updated => td_string!(locale, pf_sort_updated),
                ProjectSort::Name => td_string!(locale, pf_sort_name),
                ProjectSort::Started => td_string!(locale, pf_sort_started),
                ProjectSort::Budget => td_string!(locale, pf_sort_budget),
            };
            (s.as_str().to_owned(), label.to_string())
        })
        .collect();
    let label = |key: &str| -> String {
        match key {
            "q" => td_string!(locale, pf_filter_q),
            "phase" => td_string!(locale, pf_filter_phase),
            "sector_id" => td_string!(locale, pf_filter_sector),
            "site_id" => td_string!(locale, pf_filter_site),
            "programme_id" => td_string!(locale, pf_filter_programme),
            "sdg" => td_string!(locale, pf_filter_sdg),
            "tag" => td_string!(locale, pf_filter_tag),
            "year" => td_string!(locale, pf_filter_year),
            "funded" => td_string!(locale, pf_filter_funded),
            _ => td_string!(locale, pf_filter_sort),
        }
        .to_string()
    };
    let mut choices: Vec<Option<Vec<(String, String)>>> = vec![
        None,
        Some(phases),
        Some(sectors),
        Some(sites),
        Some(programmes),
        Some(goals),
        None,
        None,
        Some(funded),
        Some(sorts),
    ];
    let fields = FILTERS
        .iter()
        .zip(choices.drain(..))
        .map(|(name, choices)| {
            // The order's "all" is the default order.
            let first = if *name == "sort" {
                td_string!(locale, pf_sort_updated).to_string()
            } else {
                all.clone()
            };
            let choices = if *name == "sort" {
                choices.map(|c| c.into_iter().skip(1).collect())
            } else {
                choices
            };
            filter_field(name, label(name), value(name), choices, first, errors)
        })
        .collect_view();
    view! {
        <form method="get" class="filters filters--grid" aria-label=t_string!(i18n, pf_filter_label)>
            {fields}
            <div>
                <button type="submit" class="ds-button" data-variant="primary">
                    {t!(i18n, pf_filter_button)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn Summary(summary: PortfolioSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let economic = crate::portfolio::domain::benefit::kroner(&summary.benefits);
    let benefit_count: u64 = summary.benefits.iter().map(|k| k.benefits).sum();
    let phase_names = summary
        .per_phase
        .iter()
        .map(|c| c.of.name.clone())
        .collect();
    let phase_counts = summary
        .per_phase
        .iter()
        .map(|c| i64::try_from(c.projects).unwrap_or(i64::MAX))
        .collect();
    let sector_names = summary
        .per_sector
        .iter()
        .map(|c| c.of.name.clone())
        .collect();
    let sector_counts = summary
        .per_sector
        .iter()
        .map(|c| i64::try_from(c.projects).unwrap_or(i64::MAX))
        .collect();
    let gains = summary
        .benefits
        .iter()
        .map(|k| {
            let unit = k.unit.clone();
            let with_unit = move |v: i64| format!("{} {}", number(v), unit);
            view! {
                <tr>
                    <th scope="row">{kind_label(locale, k.kind)}</th>
                    <td>{k.unit.clone()}</td>
                    <td class="numeric">{number(i64::try_from(k.benefits).unwrap_or(i64::MAX))}</td>
                    <td class="numeric">{number(i64::try_from(k.measured).unwrap_or(i64::MAX))}</td>
                    <td class="numeric">{with_unit(k.planned)}</td>
                    <td class="numeric">{with_unit(k.realised)}</td>
                </tr>
            }
        })
        .collect_view();
    let no_benefits = summary.benefits.is_empty();
    let projects_label = t_string!(i18n, pf_projects_count).to_string();
    view! {
        <section aria-labelledby="summary">
            <h2 id="summary">{t!(i18n, pf_summary_heading)}</h2>
            <ul class="figures">
                <li>
                    <strong>{number(i64::try_from(summary.projects).unwrap_or(i64::MAX))}</strong>
                    {td!(locale, pf_projects_figure, count = move || summary.projects)}
                </li>
                <li>
                    <strong>{number(i64::try_from(benefit_count).unwrap_or(i64::MAX))}</strong>
                    {td!(locale, pf_benefits_figure, count = move || benefit_count)}
                </li>
                <li>
                    <strong>{kroner(economic.planned)}</strong>
                    {t!(i18n, pf_targeted_nok)}
                </li>
                <li>
                    <strong>{kroner(economic.realised)}</strong>
                    {t!(i18n, pf_realised_nok)}
                </li>
            </ul>
            <h3>{t!(i18n, pf_chart_phases)}</h3>
            <BarChart
                id="chart-phases"
                title=t_string!(i18n, pf_chart_phases).to_string()
                description=t_string!(i18n, pf_chart_phases_desc).to_string()
                category_heading=t_string!(i18n, pf_col_phase).to_string()
                categories=phase_names
                series=vec![Series { name: projects_label.clone(), values: phase_counts }]
                format=number
            />
            <h3>{t!(i18n, pf_chart_sectors)}</h3>
            <BarChart
                id="chart-sectors"
                title=t_string!(i18n, pf_chart_sectors).to_string()
                description=t_string!(i18n, pf_chart_sectors_desc).to_string()
                category_heading=t_string!(i18n, pf_col_sector).to_string()
                categories=sector_names
                series=vec![Series { name: projects_label, values: sector_counts }]
                format=number
            />
            // Gains per unit in a table, not a chart: hours, kroner and percent share no scale.
            <h3 id="gains-heading">{t!(i18n, pf_chart_benefits)}</h3>
            <p>{t!(i18n, pf_chart_benefits_desc)}</p>
            {if no_benefits {
                view! { <p>{t!(i18n, pj_benefits_none)}</p> }.into_any()
            } else {
                view! {
                    <DataTable label=t_string!(i18n, pf_chart_benefits).to_string()>
                        <caption class="visually-hidden">{t!(i18n, pf_chart_benefits)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, pf_col_kind)}</th>
                                <th scope="col">{t!(i18n, pf_col_unit)}</th>
                                <th scope="col" class="numeric">{t!(i18n, pf_benefits_col)}</th>
                                <th scope="col" class="numeric">{t!(i18n, pf_measured_col)}</th>
                                <th scope="col" class="numeric">{t!(i18n, pf_targeted)}</th>
                                <th scope="col" class="numeric">{t!(i18n, pf_realised)}</th>
                            </tr>
                        </thead>
                        <tbody>{gains}</tbody>
                    </DataTable>
                }
                .into_any()
            }}
        </section>
    }
}

/// One page of projects with links to the others (on `here`, a path that may carry a query)
/// and the downloads of `selection` (the portfolio's filters as a query).
#[component]
pub(super) fn ProjectTable(
    page: Paged<ProjectRow>,
    selection: String,
    here: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = |offset: u64| {
        let join = if here.contains('?') { '&' } else { '?' };
        format!("{here}{join}offset={offset}")
    };
    let labels = (
        t_string!(i18n, audit_previous).to_string(),
        t_string!(i18n, audit_next).to_string(),
    );
    let pages = NavLink::previous_next(&page, labels, link);
    let downloads = if selection.is_empty() {
        String::new()
    } else {
        format!("?{selection}")
    };
    let first = page.offset + 1;
    let last = page.offset + page.items.len() as u64;
    let total = page.total;
    let table = if page.items.is_empty() {
        view! { <p role="status">{t!(i18n, pf_none)}</p> }.into_any()
    } else {
        view! {
            <p role="status">{t!(i18n, pf_showing, first = first, last = last, count = move || total)}</p>
            <DataTable label=t_string!(i18n, pf_projects_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, pf_projects_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, pf_col_name)}</th>
                        <th scope="col">{t!(i18n, pf_col_phase)}</th>
                        <th scope="col">{t!(i18n, pf_col_sector)}</th>
                        <th scope="col">{t!(i18n, pf_col_lead_site)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pf_col_budget)}</th>
                        <th scope="col">{t!(i18n, pf_col_started)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .items
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/prosjekter/{}", p.id)>{p.name}</a>
                                    </th>
                                    <td>{p.phase.name}</td>
                                    <td>{p.sector.name}</td>
                                    <td>{p.lead_site.name}</td>
                                    <td class="numeric">{p.budget.map(|b| b.format_nb()).unwrap_or_default()}</td>
                                    <td>{p.started_on.map(crate::core::timefmt::date_nb).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
            <Pagination label=t_string!(i18n, pf_pages_label).to_string() links=pages />
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="projects">
            <h2 id="projects">{t!(i18n, pf_projects_heading)}</h2>
            {table}
            <p>
                <a href=format!("/portefolje/eksport.csv{downloads}") download>{t!(i18n, pf_export_csv)}</a>
                " · "
                <a href=format!("/portefolje/eksport.xlsx{downloads}") download>{t!(i18n, pf_export_xlsx)}</a>
            </p>
        </section>
    }
}
