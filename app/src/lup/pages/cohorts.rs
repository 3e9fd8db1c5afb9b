//! Cohorts (`/lup/kull`, `/lup/kull/{id}`, DESIGN §5): the list with its form for a new
//! cohort, and one cohort's page with its gatherings and leader groups and the forms that add
//! them (for LUP coordinators).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::date_nb;
use crate::i18n::*;
use crate::lup::api::{
    AddGathering, CreateCohort, EnrolGroup, load_cohort, load_cohorts,
};
use crate::lup::domain::view::{CohortRow, CohortView};
use crate::lup::pages::labels::group_status_label;
use crate::ui::{DataTable, EnhancedForm, Field, FormSpec, PageTitle};

#[component]
pub fn CohortsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, lup_cohorts_title).to_string() />
        <p>
            <a href="/lup">{t!(i18n, lup_back_to_dashboard)}</a>
        </p>
        <h1>{t!(i18n, lup_cohorts_heading)}</h1>
        {Suspend::new(async move {
            let (cohorts, manage) = match load_cohorts().await {
                Ok(page) => (page.model, page.manages),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            view! {
                <CohortTable cohorts />
                {manage.then(|| view! { <NewCohort done=Flash::for_form(&flash, "cohort").is_some() /> })}
            }
            .into_any()
        })}
    }
}

#[component]
fn CohortTable(cohorts: Vec<CohortRow>) -> impl IntoView {
    let i18n = use_i18n();
    if cohorts.is_empty() {
        return view! { <p>{t!(i18n, lup_cohorts_none)}</p> }.into_any();
    }
    view! {
        <DataTable label=t_string!(i18n, lup_cohorts_heading).to_string()>
            <caption class="visually-hidden">{t!(i18n, lup_cohorts_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, lup_col_cohort)}</th>
                    <th scope="col">{t!(i18n, lup_col_period)}</th>
                    <th scope="col" class="numeric">{t!(i18n, lup_col_groups)}</th>
                    <th scope="col" class="numeric">{t!(i18n, lup_col_completed_groups)}</th>
                    <th scope="col" class="numeric">{t!(i18n, lup_col_capacity)}</th>
                </tr>
            </thead>
            <tbody>
                {cohorts
                    .into_iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/lup/kull/{}", c.id)>{c.name}</a>
                                </th>
                                <td>{format!("{}–{}", date_nb(c.starts_on), date_nb(c.ends_on))}</td>
                                <td class="numeric">{c.groups}</td>
                                <td class="numeric">{c.completed_groups}</td>
                                <td class="numeric">{c.capacity}</td>
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
fn NewCohort(done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let spec = FormSpec::new::<CreateCohort>("cohort", t_string!(i18n, lup_cohort_button))
        .notice(done, t_string!(i18n, lup_cohort_done))
        .field(Field::text("name", t_string!(i18n, lup_cohort_name)).id("cohort-name"))
        .field(
            Field::text("starts_on", t_string!(i18n, lup_cohort_starts))
                .id("cohort-starts")
                .hint(t_string!(i18n, date_hint)),
        )
        .field(
            Field::text("ends_on", t_string!(i18n, lup_cohort_ends))
                .id("cohort-ends")
                .hint(t_string!(i18n, date_hint)),
        )
        .field(
            Field::text("capacity", t_string!(i18n, lup_cohort_capacity))
                .id("cohort-capacity")
                .hint(t_string!(i18n, lup_cohort_capacity_hint)),
        )
        .field(
            Field::text(
                "min_attendance_percent",
                t_string!(i18n, lup_cohort_min_attendance),
            )
            .id("cohort-min-attendance")
            .hint(t_string!(i18n, lup_cohort_min_attendance_hint))
            .optional(),
        )
        .field(
            Field::people(
                "supervisors",
                t_string!(i18n, lup_cohort_supervisors),
                crate::users::downloads::SUGGEST_PEOPLE,
            )
                .id("cohort-supervisors")
                .hint(t_string!(i18n, lup_cohort_supervisors_hint))
                .optional(),
        );
    view! {
        <section aria-labelledby="new-cohort-heading">
            <h2 id="new-cohort-heading">{t!(i18n, lup_new_cohort_heading)}</h2>
            <EnhancedForm locale spec />
        </section>
    }
}

#[component]
pub fn CohortPage() -> impl IntoView {
    let i18n = use_i18n();
    let cohort_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, lup_cohort_title).to_string() />
        <p>
            <a href="/lup/kull">{t!(i18n, lup_back_to_cohorts)}</a>
        </p>
        {Suspend::new(async move {
            let page = match load_cohort(cohort_id).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let forms = if page.manages {
                let flash = crate::auth::service::take_flash().await.ok().flatten();
                Some((flash, page.organisation))
            } else {
                None
            };
            view! { <Cohort cohort=page.model forms /> }.into_any()
        })}
    }
}

type Forms = Option<(Option<Flash>, Vec<crate::org::domain::SectorWithSites>)>;

#[component]
fn Cohort(cohort: CohortView, forms: Forms) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = cohort.row.clone();
    let supervisors = if cohort.supervisors.is_empty() {
        t_string!(i18n, lup_none).to_string()
    } else {
        cohort
            .supervisors
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let min_attendance = row
        .min_attendance_percent
        .map(|p| format!("{p}\u{a0}%"))
        .unwrap_or_else(|| t_string!(i18n, lup_none).to_string());
    let gathering_rows = cohort
        .gatherings
        .iter()
        .map(|g| {
            let kind = if g.alumni {
                t_string!(i18n, lup_gathering_alumni).to_string()
            } else {
                String::new()
            };
            view! {
                <tr>
                    <th scope="row">{date_nb(g.held_on)}</th>
                    <td>{g.theme.clone()}</td>
                    <td>{g.place.clone()}</td>
                    <td>{kind}</td>
                </tr>
            }
        })
        .collect_view();
    let group_rows = cohort
        .groups
        .iter()
        .map(|g| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/lup/grupper/{}", g.id)>{g.site.name.clone()}</a>
                    </th>
                    <td>{g.sector.name.clone()}</td>
                    <td>{group_status_label(locale, g.status)}</td>
                    <td class="numeric">{g.members}</td>
                    <td class="numeric">
                        {g.attendance_percent.map(|p| format!("{p}\u{a0}%")).unwrap_or_default()}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let enrolled: Vec<i32> = cohort.groups.iter().map(|g| g.site.id).collect();
    let forms = forms.map(|(flash, org)| {
        let done = |form: &str| Flash::for_form(&flash, form).is_some();
        let gathering =
            FormSpec::new::<AddGathering>("gathering", t_string!(i18n, lup_gathering_button))
                .notice(done("gathering"), t_string!(i18n, lup_gathering_done))
                .hidden("cohort_id", row.id)
                .field(
                    Field::text("held_on", t_string!(i18n, lup_gathering_date))
                        .id("gathering-date")
                        .hint(t_string!(i18n, date_hint)),
                )
                .field(
                    Field::text("theme", t_string!(i18n, lup_gathering_theme))
                        .id("gathering-theme"),
                )
                .field(
                    Field::text("place", t_string!(i18n, lup_gathering_place))
                        .id("gathering-place"),
                )
                .field(
                    Field::check(
                        "alumni",
                        t_string!(i18n, lup_gathering_alumni_check),
                        "true",
                    )
                    .id("gathering-alumni"),
                );
        let today = crate::core::timefmt::oslo_date(crate::core::state::now());
        let sites = crate::org::choices::site_choices(&org, today, &enrolled, None);
        let enrol = FormSpec::new::<EnrolGroup>("enrol", t_string!(i18n, lup_enrol_button))
            .notice(done("enrol"), t_string!(i18n, lup_enrol_done))
            .hidden("cohort_id", row.id)
            .field(
                Field::select("site_id", t_string!(i18n, lup_enrol_site), sites)
                    .id("enrol-site")
                    .empty(t_string!(i18n, admin_none)),
            );
        view! {
            <section aria-labelledby="gathering-form-heading">
                <h2 id="gathering-form-heading">{t!(i18n, lup_new_gathering_heading)}</h2>
                <EnhancedForm locale spec=gathering />
            </section>
            <section aria-labelledby="enrol-heading">
                <h2 id="enrol-heading">{t!(i18n, lup_enrol_heading)}</h2>
                <EnhancedForm locale spec=enrol />
            </section>
        }
    });
    view! {
        <h1>{row.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, lup_col_period)}</dt>
            <dd>{format!("{}–{}", date_nb(row.starts_on), date_nb(row.ends_on))}</dd>
            <dt>{t!(i18n, lup_col_capacity)}</dt>
            <dd>{format!("{} / {}", row.groups, row.capacity)}</dd>
            <dt>{t!(i18n, lup_cohort_min_attendance)}</dt>
            <dd>{min_attendance}</dd>
            <dt>{t!(i18n, lup_cohort_supervisors)}</dt>
            <dd>{supervisors}</dd>
        </dl>
        <section aria-labelledby="gatherings-heading">
            <h2 id="gatherings-heading">{t!(i18n, lup_gatherings_heading)}</h2>
            {if cohort.gatherings.is_empty() {
                view! { <p>{t!(i18n, lup_gatherings_none)}</p> }.into_any()
            } else {
                view! {
                    <DataTable label=t_string!(i18n, lup_gatherings_heading).to_string()>
                        <caption class="visually-hidden">{t!(i18n, lup_gatherings_heading)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, lup_gathering_date)}</th>
                                <th scope="col">{t!(i18n, lup_gathering_theme)}</th>
                                <th scope="col">{t!(i18n, lup_gathering_place)}</th>
                                <th scope="col">{t!(i18n, lup_col_kind)}</th>
                            </tr>
                        </thead>
                        <tbody>{gathering_rows}</tbody>
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">{t!(i18n, lup_groups_heading)}</h2>
            {if cohort.groups.is_empty() {
                view! { <p>{t!(i18n, lup_groups_none)}</p> }.into_any()
            } else {
                view! {
                    <DataTable label=t_string!(i18n, lup_groups_heading).to_string()>
                        <caption class="visually-hidden">{t!(i18n, lup_groups_heading)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, lup_col_site)}</th>
                                <th scope="col">{t!(i18n, lup_col_sector)}</th>
                                <th scope="col">{t!(i18n, lup_col_status)}</th>
                                <th scope="col" class="numeric">{t!(i18n, lup_col_members)}</th>
                                <th scope="col" class="numeric">{t!(i18n, lup_col_attendance)}</th>
                            </tr>
                        </thead>
                        <tbody>{group_rows}</tbody>
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
        {forms}
    }
}
