//! The coverage dashboard (`/lup`, DESIGN §5, issue 13): coverage today, the targets, the
//! monthly series with the target line (chart and table), coverage per sector, and the sites
//! not yet covered, in progress, and with a new leader; exports of the site list.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::timefmt::date_nb;
use crate::i18n::*;
use crate::lup::api::{RemindNotStarted, load_dashboard};
use crate::lup::domain::coverage::Share;
use crate::lup::domain::view::{Dashboard, SiteRow, SiteStanding, TargetView};
use crate::lup::pages::labels::{forecast_sentence, goal_text, scope_text, share_text};
use crate::ui::{DataTable, EnhancedForm, FormSpec, LineChart, PageTitle, Point};

#[component]
pub fn LupDashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, lup_title).to_string() />
        <h1>{t!(i18n, lup_heading)}</h1>
        <p class="lead">{t!(i18n, lup_lead)}</p>
        <p>
            <a href="/lup/kull">{t!(i18n, lup_cohorts_link)}</a>
        </p>
        {Suspend::new(async move {
            let page = match load_dashboard().await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let dashboard = page.model;
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let done = |form: &str| crate::core::notice::Flash::for_form(&flash, form).is_some();
            let form = if page.manages {
                let done = done("target");
                Some(view! { <NewTarget org=page.organisation done /> })
            } else {
                None
            };
            // DESIGN §5: whoever sees the sites not started may remind their leaders.
            let remind = dashboard
                .sites
                .iter()
                .any(|s| s.standing == SiteStanding::NotStarted)
                .then(|| {
                    let locale = i18n.get_locale_untracked();
                    let spec = FormSpec::new::<RemindNotStarted>(
                            "lup-remind",
                            t_string!(i18n, lup_remind_button),
                        )
                        .notice(done("lup-remind"), t_string!(i18n, lup_remind_done));
                    view! {
                        <section aria-labelledby="lup-remind-heading">
                            <h2 id="lup-remind-heading">{t!(i18n, lup_remind_heading)}</h2>
                            <p>{t!(i18n, lup_remind_lead)}</p>
                            <EnhancedForm locale spec />
                        </section>
                    }
                });
            view! {
                <Overview dashboard />
                {remind}
                {form}
            }
                .into_any()
        })}
    }
}

#[component]
fn Overview(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let Dashboard {
        coverage,
        series,
        targets,
        sites,
        everything,
    } = dashboard;
    let scope = if everything {
        t_string!(i18n, lup_scope_everything).to_string()
    } else {
        t_string!(i18n, lup_scope_own).to_string()
    };
    // The line shows the first organisation-wide target not yet due, else the last one.
    let today = coverage.date;
    let shown_target = targets
        .iter()
        .filter(|t| t.sector.is_none())
        .find(|t| t.due_on >= today)
        .or_else(|| targets.iter().rfind(|t| t.sector.is_none()));
    let line_target = shown_target.map(|t| {
        let label = format!(
            "{}: {} ({})",
            t_string!(i18n, lup_target_line),
            t.needed,
            date_nb(t.due_on)
        );
        (i64::from(t.needed), label)
    });
    // Its forecast continues the line, dashed, to the month it is reached or its date.
    let ahead: Vec<Point> = shown_target
        .map(|t| t.forecast.months_ahead(t.due_on))
        .unwrap_or_default()
        .into_iter()
        .map(|(date, share)| month_point(date, share, String::new()))
        .collect();
    let forecast = (!ahead.is_empty()).then(|| {
        (
            ahead,
            t_string!(i18n, lup_forecast_line).to_string(),
            t_string!(i18n, lup_forecast_marker).to_string(),
        )
    });
    let max = i64::from(
        series
            .iter()
            .map(|p| p.share.active)
            .max()
            .unwrap_or(coverage.share.active),
    );
    let points: Vec<Point> = series
        .iter()
        .map(|p| month_point(p.date, p.share, p.completed_groups.to_string()))
        .collect();
    let headings = vec![
        t_string!(i18n, lup_col_month).to_string(),
        t_string!(i18n, lup_col_covered).to_string(),
        t_string!(i18n, lup_col_active).to_string(),
        t_string!(i18n, lup_col_share).to_string(),
        t_string!(i18n, lup_col_completed_groups).to_string(),
    ];
    let description = if forecast.is_some() {
        format!(
            "{} {}",
            t_string!(i18n, lup_chart_description),
            t_string!(i18n, lup_chart_forecast_note)
        )
    } else {
        t_string!(i18n, lup_chart_description).to_string()
    };
    let not_started: Vec<SiteRow> = sites
        .iter()
        .filter(|s| s.standing == SiteStanding::NotStarted)
        .cloned()
        .collect();
    let in_progress: Vec<SiteRow> = sites
        .iter()
        .filter(|s| s.standing == SiteStanding::InProgress)
        .cloned()
        .collect();
    let turnover: Vec<SiteRow> = sites
        .iter()
        .filter(|s| s.leader_turnover)
        .cloned()
        .collect();
    view! {
        <section aria-labelledby="lup-today">
            <h2 id="lup-today">{t!(i18n, lup_today_heading)}</h2>
            <p>{scope}</p>
            <ul class="figures">
                <li>
                    <strong>{share_text(locale, coverage.share)}</strong>
                    " "
                    {t!(i18n, lup_figure_covered)}
                </li>
                <li>
                    <strong>{coverage.completed_groups}</strong>
                    " "
                    {t!(i18n, lup_figure_completed)}
                </li>
                <li>
                    <strong>{in_progress.len()}</strong>
                    " "
                    {t!(i18n, lup_figure_in_progress)}
                </li>
            </ul>
            <p>
                <a href="/lup/eksport.csv" download>{t!(i18n, lup_export_csv)}</a>
                " · "
                <a href="/lup/eksport.xlsx" download>{t!(i18n, lup_export_xlsx)}</a>
            </p>
        </section>
        <Targets targets=targets.clone() />
        <Forecasts targets />
        <section aria-labelledby="lup-trend">
            <h2 id="lup-trend">{t!(i18n, lup_trend_heading)}</h2>
            <LineChart
                title=t_string!(i18n, lup_chart_title).to_string()
                description=description
                id="lup-series"
                points
                max
                target=line_target
                forecast
                headings
            />
        </section>
        <section aria-labelledby="lup-sectors">
            <h2 id="lup-sectors">{t!(i18n, lup_sectors_heading)}</h2>
            <DataTable label=t_string!(i18n, lup_sectors_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, lup_sectors_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, lup_col_sector)}</th>
                        <th scope="col" class="numeric">{t!(i18n, lup_col_covered)}</th>
                        <th scope="col" class="numeric">{t!(i18n, lup_col_active)}</th>
                        <th scope="col" class="numeric">{t!(i18n, lup_col_share)}</th>
                    </tr>
                </thead>
                <tbody>
                    {coverage
                        .by_sector
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row">{s.sector.name}</th>
                                    <td class="numeric">{s.share.covered}</td>
                                    <td class="numeric">{s.share.active}</td>
                                    <td class="numeric">{format!("{}\u{a0}%", s.share.percent())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        </section>
        <SiteList
            id="lup-not-started"
            heading=t_string!(i18n, lup_not_started_heading).to_string()
            none=t_string!(i18n, lup_not_started_none).to_string()
            sites=not_started
        />
        <SiteList
            id="lup-in-progress"
            heading=t_string!(i18n, lup_in_progress_heading).to_string()
            none=t_string!(i18n, lup_in_progress_none).to_string()
            sites=in_progress
        />
        <SiteList
            id="lup-turnover"
            heading=t_string!(i18n, lup_turnover_heading).to_string()
            none=t_string!(i18n, lup_turnover_none).to_string()
            sites=turnover
        />
    }
}

#[component]
fn Targets(targets: Vec<TargetView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if targets.is_empty() {
        return view! {
            <section aria-labelledby="lup-targets">
                <h2 id="lup-targets">{t!(i18n, lup_targets_heading)}</h2>
                <p>{t!(i18n, lup_targets_none)}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="lup-targets">
            <h2 id="lup-targets">{t!(i18n, lup_targets_heading)}</h2>
            <DataTable label=t_string!(i18n, lup_targets_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, lup_targets_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, lup_col_target)}</th>
                        <th scope="col">{t!(i18n, lup_col_scope)}</th>
                        <th scope="col">{t!(i18n, lup_col_due)}</th>
                        <th scope="col">{t!(i18n, lup_col_status)}</th>
                    </tr>
                </thead>
                <tbody>
                    {targets
                        .into_iter()
                        .map(|t| {
                            let goal = goal_text(locale, t.goal);
                            let scope = scope_text(locale, t.sector);
                            let status = if t.met {
                                t_string!(i18n, lup_target_met).to_string()
                            } else {
                                t_string!(i18n, lup_target_not_met).to_string()
                            };
                            view! {
                                <tr>
                                    <th scope="row">{goal}</th>
                                    <td>{scope}</td>
                                    <td>{date_nb(t.due_on)}</td>
                                    <td>
                                        {status}
                                        ": "
                                        {share_text(locale, t.share)}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        </section>
    }
    .into_any()
}

/// A month of the chart: its label, its covered sites, and its table row.
fn month_point(date: time::Date, share: Share, completed_groups: String) -> Point {
    Point {
        label: format!("{:02}.{}", u8::from(date.month()), date.year()),
        value: i64::from(share.covered),
        cells: vec![
            share.covered.to_string(),
            share.active.to_string(),
            format!("{}\u{a0}%", share.percent()),
            completed_groups,
        ],
    }
}

/// Each target's forecast in words (issue 32), the one furthest behind the pace it needs
/// first, and the method in two sentences.
#[component]
fn Forecasts(targets: Vec<TargetView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if targets.is_empty() {
        return ().into_any();
    }
    // Most behind first; a target met on its date that has passed is behind no more.
    let behind = |t: &TargetView| {
        if t.met && t.due_on < t.forecast.date {
            f64::NEG_INFINITY
        } else {
            t.forecast.shortfall()
        }
    };
    let mut targets = targets;
    targets.sort_by(|a, b| behind(b).total_cmp(&behind(a)));
    let items = targets
        .into_iter()
        .map(|t| {
            let goal = goal_text(locale, t.goal);
            let scope = scope_text(locale, t.sector);
            let title = format!("{scope}, {goal} {} {}", t_string!(i18n, lup_by), date_nb(t.due_on));
            let sentence = forecast_sentence(locale, t.due_on, t.met, &t.forecast);
            view! {
                <li>
                    <strong>{title}</strong>
                    ": "
                    {sentence}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="lup-forecast">
            <h2 id="lup-forecast">{t!(i18n, lup_forecast_heading)}</h2>
            <p>{t!(i18n, lup_forecast_method)}</p>
            <ul class="forecasts">{items}</ul>
        </section>
    }
    .into_any()
}

/// The coordinators' form for a new target.
#[component]
fn NewTarget(org: Vec<crate::org::domain::SectorWithSites>, done: bool) -> impl IntoView {
    use crate::ui::{Choice, EnhancedForm, Field, FormSpec};
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let kinds = Choice::options([
        (
            "count".to_owned(),
            t_string!(i18n, lup_target_kind_count).to_string(),
        ),
        (
            "share".to_owned(),
            t_string!(i18n, lup_target_kind_share).to_string(),
        ),
    ]);
    let sectors = Choice::options(
        org.into_iter()
            .map(|s| (s.sector.id.to_string(), s.sector.name)),
    );
    let spec = FormSpec::new::<crate::lup::api::CreateTarget>(
        "target",
        t_string!(i18n, lup_target_button),
    )
    .notice(done, t_string!(i18n, lup_target_done))
    .field(
        Field::select("kind", t_string!(i18n, lup_target_kind), kinds)
            .id("target-kind")
            .value("count"),
    )
    .field(
        Field::text("value", t_string!(i18n, lup_target_value))
            .id("target-value")
            .hint(t_string!(i18n, lup_target_value_hint)),
    )
    .field(
        Field::select("sector_id", t_string!(i18n, lup_col_scope), sectors)
            .id("target-sector")
            .empty(t_string!(i18n, lup_whole_organisation)),
    )
    .field(
        Field::text("due_on", t_string!(i18n, lup_col_due))
            .id("target-due")
            .hint(t_string!(i18n, date_hint)),
    );
    view! {
        <section aria-labelledby="target-form-heading">
            <h2 id="target-form-heading">{t!(i18n, lup_new_target_heading)}</h2>
            <EnhancedForm locale spec />
        </section>
    }
}

#[component]
fn SiteList(
    #[prop(into)] id: String,
    heading: String,
    none: String,
    sites: Vec<SiteRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = heading.clone();
    let labelled = id.clone();
    let body = if sites.is_empty() {
        view! { <p>{none}</p> }.into_any()
    } else {
        view! {
            <DataTable label=heading.clone()>
                <caption class="visually-hidden">{heading.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, lup_col_site)}</th>
                        <th scope="col">{t!(i18n, lup_col_sector)}</th>
                        <th scope="col">{t!(i18n, lup_col_last_completed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {sites
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row">{s.site.name}</th>
                                    <td>{s.sector.name}</td>
                                    <td>{s.completed_on.map(date_nb).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby=labelled>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}
