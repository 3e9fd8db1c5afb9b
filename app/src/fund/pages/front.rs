//! The fund's front page (`/fond`) and the administrators' yearly overview
//! (`/fond/oversikt`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::{date_nb, oslo_datetime};
use crate::fund::api::{SetFundBudget, load_fund, load_overview};
use crate::fund::domain::view::{ApplicationRow, CallRow, OverviewPage as Overview};
use crate::fund::pages::labels::{money, stage_label, state_label};
use crate::i18n::*;
use crate::ui::{Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle, Tag};

#[component]
pub fn FundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_title).to_string() />
        <h1>{t!(i18n, fund_heading)}</h1>
        <p class="lead">{t!(i18n, fund_lead)}</p>
        {Suspend::new(async move {
            let page = match load_fund().await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let admin = page.manages.then(|| {
                view! {
                    <ul>
                        <li>
                            <a href="/fond/utlysninger/ny">{t!(i18n, fund_new_call_link)}</a>
                        </li>
                        <li>
                            <a href="/fond/oversikt">{t!(i18n, fund_overview_link)}</a>
                        </li>
                    </ul>
                }
            });
            view! {
                {admin}
                <section aria-labelledby="open-calls-heading">
                    <h2 id="open-calls-heading">{t!(i18n, fund_open_heading)}</h2>
                    <CallTable
                        calls=page.open
                        label=t_string!(i18n, fund_open_heading).to_string()
                        empty=t_string!(i18n, fund_open_none).to_string()
                    />
                </section>
                <section aria-labelledby="mine-heading">
                    <h2 id="mine-heading">{t!(i18n, fund_mine_heading)}</h2>
                    <ApplicationTable
                        rows=page.mine
                        label=t_string!(i18n, fund_mine_heading).to_string()
                        empty=t_string!(i18n, fund_mine_none).to_string()
                    />
                </section>
                {(!page.handled.is_empty())
                    .then(|| {
                        view! {
                            <section aria-labelledby="handled-heading">
                                <h2 id="handled-heading">{t!(i18n, fund_handled_heading)}</h2>
                                <ApplicationTable
                                    rows=page.handled
                                    label=t_string!(i18n, fund_handled_heading).to_string()
                                    empty=String::new()
                                />
                            </section>
                        }
                    })}
                <section aria-labelledby="calls-heading">
                    <h2 id="calls-heading">{t!(i18n, fund_calls_heading)}</h2>
                    <CallTable
                        calls=page.calls
                        label=t_string!(i18n, fund_calls_heading).to_string()
                        empty=t_string!(i18n, fund_calls_none).to_string()
                    />
                </section>
            }
                .into_any()
        })}
    }
}

#[component]
fn CallTable(calls: Vec<CallRow>, label: String, empty: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if calls.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <DataTable label=label>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, fund_col_call)}</th>
                    <th scope="col">{t!(i18n, fund_col_track)}</th>
                    <th scope="col">{t!(i18n, fund_col_state)}</th>
                    <th scope="col">{t!(i18n, fund_col_closes)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_budget)}</th>
                </tr>
            </thead>
            <tbody>
                {calls
                    .into_iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/fond/utlysninger/{}", c.id)>{c.title}</a>
                                </th>
                                <td>{c.track.name}</td>
                                <td>{state_label(locale, c.state)}</td>
                                <td>{oslo_datetime(c.closes_at)}</td>
                                <td class="num">{c.budget.format_nb()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

/// Applications in a table: title, applicant, site, amount, stage, anchoring.
#[component]
pub(super) fn ApplicationTable(
    rows: Vec<ApplicationRow>,
    label: String,
    empty: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if rows.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <DataTable label=label>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, fund_col_application)}</th>
                    <th scope="col">{t!(i18n, fund_col_applicant)}</th>
                    <th scope="col">{t!(i18n, fund_col_site)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_amount)}</th>
                    <th scope="col">{t!(i18n, fund_col_stage)}</th>
                    <th scope="col">{t!(i18n, fund_col_anchored)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|a| {
                        let anchored = if a.anchored {
                            t_string!(i18n, fund_yes)
                        } else {
                            t_string!(i18n, fund_no)
                        };
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/fond/soknader/{}", a.id)>{a.title}</a>
                                </th>
                                <td>{a.applicant.name}</td>
                                <td>{a.site.map(|s| s.name).unwrap_or_default()}</td>
                                <td class="num">{money(a.amount)}</td>
                                <td>
                                    <Tag text=stage_label(locale, a.stage) />
                                </td>
                                <td>{anchored}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let year = use_query_map()
        .read_untracked()
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok())
        .filter(|y| (2000..=2100).contains(y));
    view! {
        <PageTitle text=move || t_string!(i18n, fund_overview_title).to_string() />
        <p>
            <a href="/fond">{t!(i18n, fund_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_overview(year).await {
                Ok(page) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <OverviewView page flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn OverviewView(page: Overview, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let year = page.overview.year;
    let line = |name: String, y: crate::fund::domain::budget::TrackYear| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td class="num">{y.budget.format_nb()}</td>
                <td class="num">{y.recommended.format_nb()}</td>
                <td class="num">{y.granted.format_nb()}</td>
                <td class="num">{y.paid.format_nb()}</td>
                <td class="num">{y.returned.format_nb()}</td>
                <td class="num">{y.remaining().format_nb()}</td>
            </tr>
        }
    };
    let rows = page
        .overview
        .tracks
        .iter()
        .map(|t| line(t.track.name.clone(), t.year))
        .collect_view();
    let total = line(t_string!(i18n, fund_total).to_string(), page.overview.total);
    let tracks = page
        .tracks
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()));
    let spec = FormSpec::new::<SetFundBudget>("budget", t_string!(i18n, fund_budget_button))
        .notice(
            Flash::for_form(&flash, "budget").is_some(),
            t_string!(i18n, fund_budget_done),
        )
        .field(
            Field::select(
                "track_id",
                t_string!(i18n, fund_col_track),
                Choice::options(tracks),
            )
            .id("budget-track"),
        )
        .field(
            Field::text("year", t_string!(i18n, fund_field_year))
                .id("budget-year")
                .value(year.to_string()),
        )
        .field(
            Field::text("budget", t_string!(i18n, fund_field_budget))
                .id("budget-amount")
                .hint(t_string!(i18n, fund_amount_hint)),
        );
    let reports = page.reports;
    view! {
        <h1>{format!("{} {year}", t_string!(i18n, fund_overview_heading))}</h1>
        <nav aria-label=t_string!(i18n, fund_years_nav).to_string()>
            <a href=format!("/fond/oversikt?year={}", year - 1)>
                {format!("{} ({})", t_string!(i18n, fund_year_before), year - 1)}
            </a>
            " · "
            <a href=format!("/fond/oversikt?year={}", year + 1)>
                {format!("{} ({})", t_string!(i18n, fund_year_after), year + 1)}
            </a>
        </nav>
        <DataTable label=t_string!(i18n, fund_overview_heading).to_string()>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, fund_col_track)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_budget)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_recommended)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_granted)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_paid)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_returned)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_remaining)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>{total}</tfoot>
        </DataTable>
        <section aria-labelledby="reports-heading">
            <h2 id="reports-heading">{t!(i18n, fund_reports_heading)}</h2>
            {if reports.is_empty() {
                view! { <p>{t!(i18n, fund_reports_none)}</p> }.into_any()
            } else {
                view! {
                    <DataTable label=t_string!(i18n, fund_reports_heading).to_string()>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, fund_col_application)}</th>
                                <th scope="col">{t!(i18n, fund_col_report)}</th>
                                <th scope="col">{t!(i18n, fund_col_due)}</th>
                                <th scope="col">{t!(i18n, fund_col_state)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {reports
                                .into_iter()
                                .map(|r| {
                                    let kind = if r.kind == "final" {
                                        td_string!(locale, fund_report_final)
                                    } else {
                                        td_string!(locale, fund_report_interim)
                                    };
                                    let state = if r.overdue {
                                        td_string!(locale, fund_report_overdue)
                                    } else {
                                        td_string!(locale, fund_report_due)
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!(
                                                    "/fond/soknader/{}",
                                                    r.application_id,
                                                )>{r.application_title}</a>
                                            </th>
                                            <td>{kind}</td>
                                            <td>{date_nb(r.due_on)}</td>
                                            <td>{state}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="guidance-list-heading">
            <h2 id="guidance-list-heading">{t!(i18n, fund_guidance_list_heading)}</h2>
            <ApplicationTable
                rows=page.guidance
                label=t_string!(i18n, fund_guidance_list_heading).to_string()
                empty=t_string!(i18n, fund_guidance_list_none).to_string()
            />
        </section>
        <section aria-labelledby="budget-heading">
            <h2 id="budget-heading">{t!(i18n, fund_budget_heading)}</h2>
            <EnhancedForm locale spec />
        </section>
    }
}
