//! A project's page (`/prosjekter/{id}`, DESIGN §4): its facts, the timeline of its phases,
//! its benefits as a table and a chart, and what it stops doing. Its owner and members find
//! one "Endre" per section, leading to that section's page of forms
//! (`/prosjekter/{id}/endre/{section}`, [`ProjectSection`]), where an accepted form returns.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::{date_nb, oslo_datetime};
use crate::i18n::*;
use crate::portfolio::api::{
    AddBenefit, AddDiscontinuation, AddMeasurement, ChangePhase, load_project,
};
use crate::portfolio::domain::benefit::{BenefitKind, planned_gain, realised_gain};
use crate::portfolio::domain::phase::Roadmap;
use crate::portfolio::domain::view::{
    BenefitView, Named, ProjectForms, ProjectPage, ProjectSection, ProjectView,
};
use crate::portfolio::pages::details::Details;
use crate::portfolio::pages::involvement::Involvement;
use crate::portfolio::pages::labels::{kind_label, number, partner_label};
use crate::ui::{
    Choice, DataTable, EnhancedForm, Field, FormSpec, LineChart, PageTitle, Point, Tag,
};

#[component]
pub fn ProjectPage() -> impl IntoView {
    let i18n = use_i18n();
    let project_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, pj_title).to_string() />
        <p>
            <a href="/portefolje">{t!(i18n, pj_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_project(project_id).await {
                Ok(page) => {
                    // DESIGN §8: a project page shows its posts (Tanketanken's, through its
                    // published `read`).
                    use crate::posts::read::{LinkKind, PostList, load_linked_posts};
                    let posts = load_linked_posts(LinkKind::Project, project_id)
                        .await
                        .unwrap_or_default();
                    view! {
                        <Project page />
                        <PostList
                            posts
                            heading=t_string!(i18n, pj_posts_heading).to_string()
                            id="project-posts"
                        />
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Project(page: ProjectPage) -> impl IntoView {
    let ProjectPage { project, forms, .. } = page;
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = project.row.clone();
    let editable = forms.is_some();
    let project_id = row.id;
    let edit = move |section: ProjectSection, what: String| {
        editable.then(|| view! { <EditLink project_id section what /> }.into_any())
    };
    let none = || t_string!(i18n, pj_none).to_string();
    let names = |list: &[Named]| {
        if list.is_empty() {
            none()
        } else {
            list.iter()
                .map(|n| n.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let partners = if project.partners.is_empty() {
        none()
    } else {
        project
            .partners
            .iter()
            .map(|p| format!("{} ({})", p.name, partner_label(locale, p.kind)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let funding = if project.funding.is_empty() {
        none()
    } else {
        project
            .funding
            .iter()
            .map(|f| format!("{}: {}", f.source, f.amount.format_nb()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sdgs = if project.sdgs.is_empty() {
        none()
    } else {
        project
            .sdgs
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <h1>{row.name.clone()}</h1>
        <p>
            <Tag text=row.phase.name.clone() />
        </p>
        <p class="prose">{project.description.clone()}</p>
        <section aria-labelledby="facts">
            <h2 id="facts">{t!(i18n, pj_facts)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, pj_phase)}</dt>
                <dd>{row.phase.name.clone()}</dd>
                <dt>{t!(i18n, pj_owner)}</dt>
                <dd>{project.owner.name.clone()}</dd>
                <dt>{t!(i18n, pj_members)}</dt>
                <dd>{names(&project.members)}</dd>
                <dt>{t!(i18n, pj_sector)}</dt>
                <dd>{row.sector.name.clone()}</dd>
                <dt>{t!(i18n, pj_lead_site)}</dt>
                <dd>{row.lead_site.name.clone()}</dd>
                <dt>{t!(i18n, pj_sites)}</dt>
                <dd>{names(&project.sites)}</dd>
                <dt>{t!(i18n, pj_programme)}</dt>
                <dd>{row.programme.as_ref().map(|p| p.name.clone()).unwrap_or_else(none)}</dd>
                <dt>{t!(i18n, pj_budget)}</dt>
                <dd>{row.budget.map(|b| b.format_nb()).unwrap_or_else(none)}</dd>
                <dt>{t!(i18n, pj_started)}</dt>
                <dd>{row.started_on.map(date_nb).unwrap_or_else(none)}</dd>
                <dt>{t!(i18n, pj_partners)}</dt>
                <dd>{partners}</dd>
                <dt>{t!(i18n, pj_funding)}</dt>
                <dd>{funding}</dd>
                <dt>{t!(i18n, pj_tags)}</dt>
                <dd>{if project.tags.is_empty() { none() } else { project.tags.join(", ") }}</dd>
                <dt>{t!(i18n, pj_sdgs)}</dt>
                <dd>{sdgs}</dd>
            </dl>
            {project
                .idea_id
                .map(|id| view! { <p><a href=format!("/ideer/{id}")>{t!(i18n, pj_idea)}</a></p> })}
            {edit(ProjectSection::Facts, t_string!(i18n, pj_facts).to_string())}
        </section>
        <Timeline
            project=project.clone()
            edit=edit(ProjectSection::Phase, t_string!(i18n, pj_phase).to_string())
        />
        <Benefits
            benefits=project.benefits.clone()
            edit=edit(ProjectSection::Benefits, t_string!(i18n, pj_benefits).to_string())
        />
        <Discontinuations
            project
            edit=edit(ProjectSection::Discontinuations, t_string!(i18n, pj_discontinuations).to_string())
        />
        {(!editable).then(|| view! { <p>{t!(i18n, pj_read_only)}</p> })}
    }
}

/// The way to a section's page of forms, for the project's owner and members: "Endre", and
/// for a screen reader which section.
#[component]
fn EditLink(project_id: i32, section: ProjectSection, what: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="edit-link">
            <a href=section.path(project_id) class="ds-link">
                {t!(i18n, pj_edit)}
                <span class="visually-hidden">" – " {what}</span>
            </a>
        </p>
    }
}

/// The page of one section's forms (`/prosjekter/{id}/endre/{section}`): for the project's
/// owner and members (the service decides; others are refused with 403), an unknown section
/// is 404.
#[component]
pub fn ProjectSectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map().read_untracked();
    let project_id = params
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    let section = params.get("section").and_then(|s| ProjectSection::parse(&s));
    let title = move || t_string!(i18n, pj_title).to_string();
    view! {
        {Suspend::new(async move {
            let Some(section) = section else {
                return view! {
                    <PageTitle text=title />
                    <ErrorPage error=crate::core::error::AppError::NotFound />
                }
                .into_any();
            };
            match load_project(project_id).await {
                Ok(ProjectPage { project, roadmap, forms: Some(choices) }) => {
                    let name = project.row.name.clone();
                    let heading = section_title(i18n.get_locale_untracked(), section);
                    let tab = format!("{heading}: {name}");
                    view! {
                        <PageTitle text=move || tab.clone() />
                        <p>
                            <a href=format!("/prosjekter/{project_id}")>
                                {t!(i18n, pj_back_to_project, name = name.clone())}
                            </a>
                        </p>
                        <h1>{heading}</h1>
                        <p class="lead">{name.clone()}</p>
                        <SectionForms project roadmap choices section />
                    }
                    .into_any()
                }
                Ok(_) => {
                    view! {
                        <PageTitle text=title />
                        <ErrorPage error=crate::core::error::AppError::Forbidden />
                    }
                    .into_any()
                }
                Err(error) => view! {
                    <PageTitle text=title />
                    <ErrorPage error />
                }
                .into_any(),
            }
        })}
    }
}

/// A section page's heading.
fn section_title(locale: Locale, section: ProjectSection) -> String {
    match section {
        ProjectSection::Facts => td_string!(locale, pj_edit_facts),
        ProjectSection::Phase => td_string!(locale, pj_edit_phase),
        ProjectSection::Benefits => td_string!(locale, pj_edit_benefits),
        ProjectSection::Discontinuations => td_string!(locale, pj_edit_discontinuations),
    }
    .to_string()
}

#[component]
fn Timeline(project: ProjectView, edit: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="timeline">
            <h2 id="timeline">{t!(i18n, pj_timeline)}</h2>
            <ol class="timeline">
                {project
                    .timeline
                    .into_iter()
                    .map(|step| {
                        let to = step.to.name.clone();
                        let what = match step.from.clone() {
                            None => view! { {t!(i18n, pj_step_start, to = to.clone())} }.into_any(),
                            Some(from) => {
                                let from = from.name;
                                view! { {t!(i18n, pj_step, from = from.clone(), to = to.clone())} }
                                    .into_any()
                            }
                        };
                        let who = step.by.clone().map(|p| {
                            let who = p.name;
                            view! { " " {t!(i18n, pj_by, who = who.clone())} }
                        });
                        view! {
                            <li>
                                <strong>{what}</strong>
                                <br />
                                <span>{oslo_datetime(step.at)} {who}</span>
                                {(!step.note.is_empty()).then(|| view! { <p>{step.note.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {edit}
        </section>
    }
}

/// The forms of one section, for the project's owner and members: the details and who and
/// what the project involves; the phase; a benefit and a measurement; what it stops doing.
#[component]
fn SectionForms(
    project: ProjectView,
    roadmap: Roadmap,
    choices: ProjectForms,
    section: ProjectSection,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let ProjectForms {
        organisation: org,
        programmes,
    } = choices;
    let id = project.row.id;
    Suspend::new(async move {
        let flash = crate::auth::service::take_flash().await.ok().flatten();
        let done = |form: &str| Flash::for_form(&flash, form).is_some();
        let whole = t_string!(i18n, pj_whole_number_hint).to_string();
        // Each section's forms are built only for its own page.
        let phase_form = || {
            let phases = Choice::options(
                roadmap
                    .all()
                    .filter(|p| p.id != project.row.phase.id)
                    .map(|p| (p.key.clone(), p.name.clone())),
            );
            FormSpec::new::<ChangePhase>("phase", t_string!(i18n, pj_phase_button))
                .notice(done("phase"), t_string!(i18n, pj_phase_done))
                .hidden("project_id", id)
                .field(
                    Field::select("to", t_string!(i18n, pj_phase_to), phases)
                        .id("phase-to")
                        .empty(t_string!(i18n, admin_none)),
                )
                .field(
                    Field::textarea("note", t_string!(i18n, pj_phase_note))
                        .id("phase-note")
                        .hint(t_string!(i18n, pj_phase_note_hint))
                        .optional(),
                )
        };
        let benefit = || {
            let mut people: Vec<Named> = vec![project.owner.clone()];
            for member in &project.members {
                if !people.iter().any(|p| p.id == member.id) {
                    people.push(member.clone());
                }
            }
            let kinds = Choice::options(
                BenefitKind::ALL
                    .into_iter()
                    .map(|k| (k.as_str().to_owned(), kind_label(locale, k))),
            );
            FormSpec::new::<AddBenefit>("benefit", t_string!(i18n, pj_benefit_button))
                .notice(done("benefit"), t_string!(i18n, pj_benefit_done))
                .hidden("project_id", id)
                .field(
                    Field::select("kind", t_string!(i18n, pj_benefit_kind), kinds)
                        .empty(t_string!(i18n, admin_none)),
                )
                .field(Field::text(
                    "description",
                    t_string!(i18n, pj_benefit_description),
                ))
                .field(
                    Field::text("unit", t_string!(i18n, pj_benefit_unit))
                        .hint(t_string!(i18n, pj_benefit_unit_hint))
                        .optional(),
                )
                .field(
                    Field::text("baseline", t_string!(i18n, pj_benefit_baseline)).hint(whole.clone()),
                )
                .field(Field::text("target", t_string!(i18n, pj_benefit_target)).hint(whole.clone()))
                .field(
                    Field::text("target_date", t_string!(i18n, pj_benefit_target_date))
                        .hint(t_string!(i18n, date_hint))
                        .optional(),
                )
                .field(
                    Field::select(
                        "responsible_user_id",
                        t_string!(i18n, pj_benefit_responsible),
                        Choice::options(people.iter().map(|p| (p.id.to_string(), p.name.clone()))),
                    )
                    .value(project.owner.id.to_string()),
                )
        };
        let measurement = || (!project.benefits.is_empty()).then(|| {
            let benefits = Choice::options(
                project
                    .benefits
                    .iter()
                    .map(|b| (b.id.to_string(), format!("{} ({})", b.description, b.unit))),
            );
            FormSpec::new::<AddMeasurement>("measurement", t_string!(i18n, pj_measurement_button))
                .notice(done("measurement"), t_string!(i18n, pj_measurement_done))
                .hidden("project_id", id)
                .field(Field::select(
                    "benefit_id",
                    t_string!(i18n, pj_measurement_benefit),
                    benefits,
                ))
                .field(
                    Field::text("measured_on", t_string!(i18n, pj_measurement_date))
                        .hint(t_string!(i18n, date_hint)),
                )
                .field(
                    Field::text("value", t_string!(i18n, pj_measurement_value)).hint(whole.clone()),
                )
        });
        let stop = || FormSpec::new::<AddDiscontinuation>(
            "discontinuation",
            t_string!(i18n, pj_discontinuation_button),
        )
        .notice(
            done("discontinuation"),
            t_string!(i18n, pj_discontinuation_done),
        )
        .hidden("project_id", id)
        .field(Field::text(
            "what",
            t_string!(i18n, pj_discontinuation_what),
        ))
        .field(
            Field::text("from", t_string!(i18n, pj_discontinuation_from))
                .hint(t_string!(i18n, date_hint)),
        )
        .field(
            Field::text("yearly_saving", t_string!(i18n, pj_discontinuation_saving))
                .hint(whole.clone())
                .optional(),
        );
        match section {
            ProjectSection::Facts => view! {
                <Details project=project.clone() programmes done=done("details") />
                <Involvement project=project.clone() flash=flash.clone() org />
            }
            .into_any(),
            ProjectSection::Phase => view! {
                <p>{t!(i18n, pj_phase_now, phase = project.row.phase.name.clone())}</p>
                <section aria-labelledby="phase-heading">
                    <h2 id="phase-heading">{t!(i18n, pj_phase_heading)}</h2>
                    <EnhancedForm locale spec=phase_form() />
                </section>
            }
            .into_any(),
            ProjectSection::Benefits => view! {
                <section aria-labelledby="benefit-heading">
                    <h2 id="benefit-heading">{t!(i18n, pj_new_benefit)}</h2>
                    <EnhancedForm locale spec=benefit() />
                </section>
                {measurement()
                    .map(|spec| {
                        view! {
                            <section aria-labelledby="measurement-heading">
                                <h2 id="measurement-heading">{t!(i18n, pj_new_measurement)}</h2>
                                <EnhancedForm locale spec />
                            </section>
                        }
                    })}
                <Benefits benefits=project.benefits.clone() edit=None />
            }
            .into_any(),
            ProjectSection::Discontinuations => view! {
                <section aria-labelledby="discontinuation-heading">
                    <h2 id="discontinuation-heading">{t!(i18n, pj_new_discontinuation)}</h2>
                    <EnhancedForm locale spec=stop() />
                </section>
                <Discontinuations project=project.clone() edit=None />
            }
            .into_any(),
        }
    })
}

#[component]
fn Benefits(
    benefits: Vec<BenefitView>,
    edit: Option<AnyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if benefits.is_empty() {
        return view! {
            <section aria-labelledby="benefits">
                <h2 id="benefits">{t!(i18n, pj_benefits)}</h2>
                <p>{t!(i18n, pj_benefits_none)}</p>
                {edit}
            </section>
        }
        .into_any();
    }
    // One chart per benefit on its own scale (hours, kroner and percent share none): its
    // baseline, its target and its measurements over time.
    let charts = benefits
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let unit = b.unit.clone();
            let with_unit = move |v: i64| format!("{} {}", number(v), unit);
            let mut measured = b.measurements.clone();
            measured.sort_by_key(|m| m.measured_on);
            let top = measured.iter().map(|m| m.value).max().unwrap_or(0);
            let points: Vec<Point> = measured
                .iter()
                .map(|m| Point {
                    label: date_nb(m.measured_on),
                    value: m.value,
                    cells: vec![
                        with_unit(m.value),
                        with_unit(realised_gain(b.baseline, b.target, m.value)),
                    ],
                })
                .collect();
            let title = format!("{} ({})", b.description, b.unit);
            let body = if points.is_empty() {
                view! { <p>{t!(i18n, pj_no_measurements)}</p> }.into_any()
            } else {
                view! {
                    <LineChart
                        id=format!("chart-benefit-{n}")
                        title=title.clone()
                        description=t_string!(i18n, pj_chart_benefits_desc).to_string()
                        points
                        max=top
                        target=Some((b.target, format!("{}: {}", t_string!(i18n, pj_col_target), with_unit(b.target))))
                        baseline=(b.baseline, format!("{}: {}", t_string!(i18n, pj_col_baseline), with_unit(b.baseline)))
                        headings=vec![
                            t_string!(i18n, pj_col_measured_on).to_string(),
                            t_string!(i18n, pj_col_value).to_string(),
                            t_string!(i18n, pj_col_gain).to_string(),
                        ]
                    />
                }
                .into_any()
            };
            view! {
                <div class="benefit-chart">
                    <h3>{title}</h3>
                    {body}
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="benefits">
            <h2 id="benefits">{t!(i18n, pj_benefits)}</h2>
            <DataTable label=t_string!(i18n, pj_benefits).to_string()>
                <caption class="visually-hidden">{t!(i18n, pj_benefits)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, pj_col_benefit)}</th>
                        <th scope="col">{t!(i18n, pj_col_kind)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_baseline)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_target)}</th>
                        <th scope="col">{t!(i18n, pj_col_target_date)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_latest)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_planned_gain)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_gain)}</th>
                        <th scope="col">{t!(i18n, pj_col_responsible)}</th>
                    </tr>
                </thead>
                <tbody>
                    {benefits
                        .iter()
                        .map(|b| {
                            let unit = b.unit.clone();
                            let with_unit = move |v: i64| format!("{} {}", number(v), unit);
                            let latest = b
                                .latest()
                                .map(|m| format!("{} ({})", with_unit(m.value), date_nb(m.measured_on)))
                                .unwrap_or_default();
                            let gain = b
                                .latest()
                                .map(|m| with_unit(realised_gain(b.baseline, b.target, m.value)))
                                .unwrap_or_else(|| t_string!(i18n, pj_not_measured).to_string());
                            view! {
                                <tr>
                                    <th scope="row">{b.description.clone()}</th>
                                    <td>{kind_label(locale, b.kind)}</td>
                                    <td class="numeric">{with_unit(b.baseline)}</td>
                                    <td class="numeric">{with_unit(b.target)}</td>
                                    <td>{b.target_date.map(date_nb).unwrap_or_default()}</td>
                                    <td class="numeric">{latest}</td>
                                    <td class="numeric">{with_unit(planned_gain(b.baseline, b.target))}</td>
                                    <td class="numeric">{gain}</td>
                                    <td>{b.responsible.name.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
            {charts}
            {edit}
        </section>
    }
    .into_any()
}

#[component]
fn Discontinuations(project: ProjectView, edit: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if project.discontinuations.is_empty() {
        view! { <p>{t!(i18n, pj_discontinuations_none)}</p> }.into_any()
    } else {
        view! {
            <DataTable label=t_string!(i18n, pj_discontinuations).to_string()>
                <caption class="visually-hidden">{t!(i18n, pj_discontinuations)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, pj_col_what)}</th>
                        <th scope="col">{t!(i18n, pj_col_from)}</th>
                        <th scope="col" class="numeric">{t!(i18n, pj_col_saving)}</th>
                    </tr>
                </thead>
                <tbody>
                    {project
                        .discontinuations
                        .into_iter()
                        .map(|d| {
                            view! {
                                <tr>
                                    <th scope="row">{d.what}</th>
                                    <td>{date_nb(d.from)}</td>
                                    <td class="numeric">{d.yearly_saving.map(|s| s.format_nb()).unwrap_or_default()}</td>
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
        <section aria-labelledby="discontinuations">
            <h2 id="discontinuations">{t!(i18n, pj_discontinuations)}</h2>
            {body}
            {edit}
        </section>
    }
}
