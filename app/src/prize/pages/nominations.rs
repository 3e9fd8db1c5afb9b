//! Nominations: the gallery every employee browses (`/pris/nominasjoner`, filters by year,
//! category, sector and site), one nomination (`/pris/nominasjoner/{id}`: its justification,
//! the nominator's edit and withdraw forms, a juror's ballot or recusal, the people's vote),
//! and the form that nominates in a category (`/pris/kategorier/{id}/nominer`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::prize::api::{
    CastBallot, DeclareConflict, Nominate, UpdateNomination, VotePeople, WithdrawNomination,
    load_category, load_nomination, load_nominations, load_years,
};
use crate::prize::domain::ballot::{MAX_SCORE, MIN_SCORE};
use crate::prize::domain::view::{
    CategoryView, CriterionView, GalleryFilter, JurorPanel, NominationRow, NominationView,
};
use crate::prize::domain::year::Phase;
use crate::prize::pages::labels::{phase_label, recusal_label};
use crate::prize::pages::years::route_id;
use crate::ui::{Alert, Card, Choice, EnhancedForm, Field, FormSpec, PageTitle, Tag, Tone};

fn query_id(name: &str) -> Option<i32> {
    use_query_map()
        .read_untracked()
        .get(name)
        .and_then(|v| v.trim().parse().ok())
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = GalleryFilter {
        year_id: query_id("year_id"),
        category_id: query_id("category_id"),
        sector_id: query_id("sector_id"),
        site_id: query_id("site_id"),
        finalists_only: use_query_map().read_untracked().get("finalists").is_some(),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, prize_gallery_title).to_string() />
        <p>
            <a href="/pris">{t!(i18n, prize_back)}</a>
        </p>
        <h1>{t!(i18n, prize_gallery_heading)}</h1>
        <p class="lead">{t!(i18n, prize_gallery_lead)}</p>
        {Suspend::new(async move {
            let (years, org, nominations) = match (
                load_years().await,
                crate::org::api::list_organisation().await,
                load_nominations(filter.clone()).await,
            ) {
                (Ok(y), Ok(o), Ok(n)) => (y, o, n),
                (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                    return view! { <ErrorPage error /> }.into_any();
                }
            };
            let categories = match filter.year_id.or(years.first().map(|y| y.id)) {
                Some(year_id) => crate::prize::api::load_year(year_id)
                    .await
                    .map(|y| y.categories)
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let years = years.into_iter().map(|y| (y.id, y.year.to_string())).collect();
            view! {
                <GalleryFilterForm filter years categories org />
                <Gallery nominations />
            }
                .into_any()
        })}
    }
}

fn select(
    name: &'static str,
    label: String,
    all: String,
    chosen: Option<i32>,
    options: Vec<(String, Vec<(i32, String)>)>,
) -> impl IntoView {
    let option = move |(id, text): (i32, String)| {
        view! { <option value=id.to_string() selected=chosen == Some(id)>{text}</option> }
    };
    view! {
        <div class="ds-field">
            <label class="ds-label" for=format!("filter-{name}")>{label}</label>
            <select class="ds-input" id=format!("filter-{name}") name=name>
                <option value="">{all}</option>
                {options
                    .into_iter()
                    .map(|(group, items)| {
                        if group.is_empty() {
                            items.into_iter().map(option).collect_view().into_any()
                        } else {
                            view! {
                                <optgroup label=group>
                                    {items.into_iter().map(option).collect_view()}
                                </optgroup>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn GalleryFilterForm(
    filter: GalleryFilter,
    years: Vec<(i32, String)>,
    categories: Vec<CategoryView>,
    org: Vec<SectorWithSites>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = || t_string!(i18n, prize_filter_all).to_string();
    let sectors = vec![(
        String::new(),
        org.iter()
            .map(|s| (s.sector.id, s.sector.name.clone()))
            .collect(),
    )];
    let sites = org
        .into_iter()
        .map(|s| {
            (
                s.sector.name,
                s.sites
                    .into_iter()
                    .map(|site| (site.id, site.name))
                    .collect(),
            )
        })
        .collect();
    let categories = vec![(
        String::new(),
        categories.into_iter().map(|c| (c.id, c.name)).collect(),
    )];
    view! {
        <form method="get" action="/pris/nominasjoner" class="filters" role="search">
            {select("year_id", t_string!(i18n, prize_col_year).to_string(), all(), filter.year_id, vec![(String::new(), years)])}
            {select("category_id", t_string!(i18n, prize_col_category).to_string(), all(), filter.category_id, categories)}
            {select("sector_id", t_string!(i18n, prize_col_sector).to_string(), all(), filter.sector_id, sectors)}
            {select("site_id", t_string!(i18n, prize_col_site).to_string(), all(), filter.site_id, sites)}
            <div class="ds-field">
                <input
                    class="ds-input"
                    type="checkbox"
                    id="filter-finalists"
                    name="finalists"
                    value="1"
                    checked=filter.finalists_only
                />
                <label class="ds-label" for="filter-finalists">{t!(i18n, prize_filter_finalists)}</label>
            </div>
            <button class="ds-button" data-variant="secondary" type="submit">
                {t!(i18n, prize_filter_button)}
            </button>
        </form>
    }
}

#[component]
fn Gallery(nominations: Vec<NominationRow>) -> impl IntoView {
    let i18n = use_i18n();
    if nominations.is_empty() {
        return view! { <p>{t!(i18n, prize_gallery_none)}</p> }.into_any();
    }
    let count = format!(
        "{} {}",
        nominations.len(),
        t_string!(i18n, prize_gallery_count)
    );
    view! {
        <p role="status">{count}</p>
        <ul class="card-list">
            {nominations
                .into_iter()
                .map(|n| {
                    let meta = format!(
                        "{} {} · {} · {} · {}",
                        t_string!(i18n, prize_year_prefix),
                        n.year,
                        n.category.name,
                        n.site.name,
                        n.sector.name,
                    );
                    view! {
                        <li>
                            <Card title=n.title.clone() href=format!("/pris/nominasjoner/{}", n.id)>
                                <p>{n.nominee.clone()}</p>
                                <p class="meta">{meta}</p>
                                {n.finalist
                                    .then(|| view! { <Tag text=t_string!(i18n, prize_finalist).to_string() /> })}
                            </Card>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The nomination form of a category (new, or the nominator's edit of `current`).
fn nomination_spec(
    locale: Locale,
    spec: FormSpec,
    category: &CategoryView,
    org: &[SectorWithSites],
    current: Option<&NominationView>,
) -> FormSpec {
    let value = |f: fn(&NominationView) -> String| current.map(f).unwrap_or_default();
    let sites = org
        .iter()
        .map(|s| {
            Choice::group(
                s.sector.name.clone(),
                s.sites
                    .iter()
                    .map(|site| (site.id.to_string(), site.name.clone()))
                    .collect(),
            )
        })
        .collect();
    let mut spec = spec
        .field(
            Field::text("title", td_string!(locale, prize_field_title))
                .id("nomination-title")
                .hint(td_string!(locale, prize_field_title_hint))
                .value(value(|n| n.row.title.clone())),
        )
        .field(
            Field::text("nominee", td_string!(locale, prize_field_nominee))
                .id("nomination-nominee")
                .hint(td_string!(locale, prize_field_nominee_hint))
                .value(value(|n| n.row.nominee.clone())),
        )
        .field(
            Field::text(
                "nominee_email",
                td_string!(locale, prize_field_nominee_email),
            )
            .id("nomination-nominee-email")
            .input_type("email")
            .hint(td_string!(locale, prize_field_nominee_email_hint))
            .optional(),
        )
        .field(
            Field::text("project_id", td_string!(locale, prize_field_project))
                .id("nomination-project")
                .hint(td_string!(locale, prize_field_project_hint))
                .value(value(|n| {
                    n.row
                        .project
                        .as_ref()
                        .map(|p| p.id.to_string())
                        .unwrap_or_default()
                }))
                .optional(),
        )
        .field(
            Field::select("site_id", td_string!(locale, prize_col_site), sites)
                .id("nomination-site")
                .empty(td_string!(locale, prize_field_site_default))
                .hint(td_string!(locale, prize_field_site_hint))
                .value(value(|n| n.row.site.id.to_string())),
        );
    for criterion in &category.criteria {
        let text = current
            .and_then(|n| n.justification.iter().find(|(c, _)| c.id == criterion.id))
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        spec = spec.field(
            Field::textarea(
                &format!("justification[{}]", criterion.id),
                format!(
                    "{}: {}",
                    td_string!(locale, prize_field_justification),
                    criterion.name
                ),
            )
            .id(&format!("justification-{}", criterion.id))
            .value(text),
        );
    }
    spec.field(
        Field::textarea("links", td_string!(locale, prize_field_links))
            .id("nomination-links")
            .hint(td_string!(locale, prize_field_links_hint))
            .value(value(|n| n.links.join("\n")))
            .optional(),
    )
}

#[component]
pub fn NominatePage() -> impl IntoView {
    let i18n = use_i18n();
    let category_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_nominate_title).to_string() />
        {Suspend::new(async move {
            let ((year, category), org) = match (
                load_category(category_id).await,
                crate::org::api::list_organisation().await,
            ) {
                (Ok(c), Ok(o)) => (c, o),
                (Err(error), _) | (_, Err(error)) => {
                    return view! { <ErrorPage error /> }.into_any();
                }
            };
            let locale = i18n.get_locale_untracked();
            let heading = format!("{}: {}", t_string!(i18n, prize_nominate_heading), category.name);
            let back = view! {
                <p>
                    <a href=format!("/pris/aar/{}", year.row.id)>
                        {format!("{} {} {}", t_string!(i18n, prize_back_to_year), t_string!(i18n, prize_year_prefix), year.row.year)}
                    </a>
                </p>
            };
            if year.row.phase != Phase::Nominating {
                return view! {
                    {back}
                    <h1>{heading}</h1>
                    <Alert tone=Tone::Info>
                        <p>{t!(i18n, prize_window_closed)} " " {phase_label(locale, year.row.phase)}</p>
                    </Alert>
                }
                    .into_any();
            }
            let spec = FormSpec::new::<Nominate>("nomination", t_string!(i18n, prize_nominate_button))
                .hidden("category_id", category.id);
            let spec = nomination_spec(locale, spec, &category, &org, None);
            view! {
                {back}
                <h1>{heading}</h1>
                <p class="lead">{t!(i18n, prize_nominate_lead)}</p>
                <p>
                    {format!(
                        "{} {}",
                        t_string!(i18n, prize_window_closes),
                        oslo_datetime(year.row.nominations_close),
                    )}
                </p>
                <EnhancedForm locale spec />
            }
                .into_any()
        })}
    }
}

#[component]
pub fn NominationPage() -> impl IntoView {
    let i18n = use_i18n();
    let nomination_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_nomination_title).to_string() />
        <p>
            <a href="/pris/nominasjoner">{t!(i18n, prize_back_to_gallery)}</a>
        </p>
        {Suspend::new(async move {
            let nomination = match load_nomination(nomination_id).await {
                Ok(n) => n,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let edit = if nomination.editable {
                match (
                    load_category(nomination.row.category.id).await,
                    crate::org::api::list_organisation().await,
                ) {
                    (Ok((_, category)), Ok(org)) => Some((category, org)),
                    (Err(error), _) | (_, Err(error)) => {
                        return view! { <ErrorPage error /> }.into_any();
                    }
                }
            } else {
                None
            };
            view! { <Nomination nomination flash edit /> }.into_any()
        })}
    }
}

#[component]
fn Nomination(
    nomination: NominationView,
    flash: Option<Flash>,
    edit: Option<(CategoryView, Vec<SectorWithSites>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = nomination.row.clone();
    let done = |form| Flash::for_form(&flash, form).is_some();
    let notice = (done("nomination")).then(|| {
        view! {
            <Alert tone=Tone::Success>
                <p>{t!(i18n, prize_nomination_done)}</p>
            </Alert>
        }
    });
    let withdrawn = (row.status == crate::prize::domain::nomination::NominationStatus::Withdrawn)
        .then(|| view! { <Alert tone=Tone::Warning><p>{t!(i18n, prize_withdrawn)}</p></Alert> });
    let finalist = row.finalist.then(|| {
        view! {
            <Alert tone=Tone::Info>
                <p>
                    <strong>{t!(i18n, prize_finalist)}</strong>
                    {row.statement.clone().map(|s| format!(": {s}"))}
                </p>
            </Alert>
        }
    });
    let justification = nomination
        .justification
        .iter()
        .map(|(c, text)| {
            view! {
                <dt>{c.name.clone()}</dt>
                <dd class="prose">{text.clone()}</dd>
            }
        })
        .collect_view();
    let links = (!nomination.links.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, prize_links_heading)}</h2>
            <ul>
                {nomination
                    .links
                    .iter()
                    .map(|l| view! { <li><a href=l.clone() rel="noopener noreferrer nofollow">{l.clone()}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    let juror = nomination.juror.clone().map(|panel| {
        let criteria = nomination.criteria.clone();
        view! {
            <JurorSection
                nomination_id=row.id
                criteria
                panel
                ballot_done=done("ballot")
                conflict_done=done("conflict")
            />
        }
    });
    let people = nomination.people_vote.map(|voted| {
        let spec = FormSpec::new::<VotePeople>("people", t_string!(i18n, prize_people_button))
            .notice(done("people"), t_string!(i18n, prize_people_done))
            .hidden("nomination_id", row.id);
        view! {
            <section aria-labelledby="people-heading">
                <h2 id="people-heading">{t!(i18n, prize_people_heading)}</h2>
                <p>
                    {if voted {
                        t_string!(i18n, prize_people_yours).to_string()
                    } else {
                        t_string!(i18n, prize_people_lead).to_string()
                    }}
                </p>
                {(!voted).then(|| view! { <EnhancedForm locale spec /> })}
            </section>
        }
    });
    let edit = edit.map(|(category, org)| {
        let spec = FormSpec::new::<UpdateNomination>(
            "nomination-edit",
            t_string!(i18n, prize_edit_button),
        )
        .hidden("nomination_id", row.id);
        let spec = nomination_spec(locale, spec, &category, &org, Some(&nomination));
        let withdraw =
            FormSpec::new::<WithdrawNomination>("withdraw", t_string!(i18n, prize_withdraw_button))
                .hidden("nomination_id", row.id)
                .danger();
        view! {
            <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">{t!(i18n, prize_edit_heading)}</h2>
                <details>
                    <summary>{t!(i18n, prize_edit_summary)}</summary>
                    <EnhancedForm locale spec />
                </details>
                <h3>{t!(i18n, prize_withdraw_heading)}</h3>
                <p>{t!(i18n, prize_withdraw_lead)}</p>
                <EnhancedForm locale spec=withdraw />
            </section>
        }
    });
    let nominee_user = nomination
        .nominee_user
        .clone()
        .map(|u| format!(" ({})", u.name));
    let project = row.project.clone().map(|p| {
        view! {
            <dt>{t!(i18n, prize_col_project)}</dt>
            <dd><a href=format!("/prosjekter/{}", p.id)>{p.name}</a></dd>
        }
    });
    view! {
        {notice}
        <h1>{row.title.clone()}</h1>
        {withdrawn}
        {finalist}
        <dl class="facts">
            <dt>{t!(i18n, prize_col_nominee)}</dt>
            <dd>{row.nominee.clone()} {nominee_user}</dd>
            <dt>{t!(i18n, prize_col_category)}</dt>
            <dd>
                <a href=format!("/pris/kategorier/{}", row.category.id)>
                    {format!("{} ({} {})", row.category.name, t_string!(i18n, prize_year_prefix), row.year)}
                </a>
            </dd>
            <dt>{t!(i18n, prize_col_site)}</dt>
            <dd>{format!("{} · {}", row.site.name, row.sector.name)}</dd>
            {project}
            <dt>{t!(i18n, prize_col_nominator)}</dt>
            <dd>{row.nominator.name.clone()}</dd>
            <dt>{t!(i18n, prize_col_submitted)}</dt>
            <dd>{oslo_datetime(row.created_at)}</dd>
            <dt>{t!(i18n, prize_col_phase)}</dt>
            <dd>{phase_label(locale, nomination.phase)}</dd>
        </dl>
        <h2>{t!(i18n, prize_justification_heading)}</h2>
        <dl class="facts">{justification}</dl>
        {links}
        {juror}
        {people}
        {edit}
    }
}

#[component]
fn JurorSection(
    nomination_id: i32,
    criteria: Vec<CriterionView>,
    panel: JurorPanel,
    ballot_done: bool,
    conflict_done: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let body = if let Some(why) = panel.recusal {
        view! {
            <Alert tone=Tone::Info>
                <p>{t!(i18n, prize_recused)} " " {recusal_label(locale, why)}</p>
            </Alert>
        }
        .into_any()
    } else if !panel.open {
        view! { <p>{t!(i18n, prize_ballot_closed)}</p> }.into_any()
    } else {
        view! { <BallotForms nomination_id criteria panel ballot_done conflict_done /> }.into_any()
    };
    view! {
        <section aria-labelledby="ballot-heading">
            <h2 id="ballot-heading">{t!(i18n, prize_ballot_heading)}</h2>
            <p>{t!(i18n, prize_ballot_secret)}</p>
            {body}
        </section>
    }
}

#[component]
fn BallotForms(
    nomination_id: i32,
    criteria: Vec<CriterionView>,
    panel: JurorPanel,
    ballot_done: bool,
    conflict_done: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let saved = panel.ballot.as_ref().map(|b| {
        format!(
            "{} {}",
            t_string!(i18n, prize_ballot_saved_at),
            oslo_datetime(b.updated_at)
        )
    });
    let choices = Choice::options((MIN_SCORE..=MAX_SCORE).map(|s| (s.to_string(), s.to_string())));
    let mut spec = FormSpec::new::<CastBallot>("ballot", t_string!(i18n, prize_ballot_button))
        .notice(ballot_done, t_string!(i18n, prize_ballot_done))
        .hidden("nomination_id", nomination_id);
    for criterion in criteria {
        let criterion_id = criterion.id;
        let name = format!(
            "{} ({} {})",
            criterion.name,
            t_string!(i18n, prize_weight),
            criterion.weight
        );
        let value = panel
            .ballot
            .as_ref()
            .and_then(|b| b.scores.get(&criterion_id))
            .map(|s| s.to_string())
            .unwrap_or_default();
        spec = spec.field(
            Field::radio(&format!("scores[{criterion_id}]"), name, choices.clone())
                .id(&format!("score-{criterion_id}"))
                .value(value),
        );
    }
    let spec = spec.field(
        Field::textarea("comment", t_string!(i18n, prize_field_comment))
            .id("ballot-comment")
            .value(
                panel
                    .ballot
                    .as_ref()
                    .and_then(|b| b.comment.clone())
                    .unwrap_or_default(),
            )
            .optional(),
    );
    let conflict =
        FormSpec::new::<DeclareConflict>("conflict", t_string!(i18n, prize_conflict_button))
            .notice(conflict_done, t_string!(i18n, prize_conflict_done))
            .hidden("nomination_id", nomination_id)
            .field(
                Field::textarea("reason", t_string!(i18n, prize_field_reason))
                    .id("conflict-reason")
                    .hint(t_string!(i18n, prize_field_reason_hint)),
            );
    view! {
        <p>{t!(i18n, prize_ballot_scale)}</p>
        {saved.map(|s| view! { <p>{s}</p> })}
        <EnhancedForm locale spec />
        <h3>{t!(i18n, prize_conflict_heading)}</h3>
        <EnhancedForm locale spec=conflict />
    }
}
