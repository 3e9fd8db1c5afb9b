//! A category's page (`/pris/kategorier/{id}`): its criteria and jury, its nominations, and
//! for the committee the shortlist form and who of the jury has voted (never what); for the
//! chair, the recorded choice that breaks a tie first places leave.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::i18n::*;
use crate::prize::api::{RecordChairChoice, ShortlistFinalists, load_category};
use crate::prize::domain::view::{
    CategoryPage, CategoryView, JurorProgress, Named, NominationRow, YearView,
};
use crate::prize::domain::year::Phase;
use crate::prize::pages::years::route_id;
use crate::ui::{Alert, Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle, Tag, Tone};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let category_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_category_title).to_string() />
        {Suspend::new(async move {
            let page = match load_category(category_id).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let CategoryPage { year, category, nominations, progress, chair, thin_juries } = page;
            view! { <Category year category nominations progress flash chair thin_juries /> }.into_any()
        })}
    }
}

#[component]
fn Category(
    year: YearView,
    category: CategoryView,
    nominations: Vec<NominationRow>,
    progress: Option<Vec<JurorProgress>>,
    flash: Option<Flash>,
    chair: bool,
    thin_juries: Vec<(Named, u32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let phase = year.row.phase;
    let done = |form| Flash::for_form(&flash, form).is_some();
    let criteria = category
        .criteria
        .iter()
        .map(|c| view! { <li>{format!("{} ({} {})", c.name, t_string!(i18n, prize_weight), c.weight)}</li> })
        .collect_view();
    let jury = category
        .jury
        .iter()
        .map(|j| {
            let role =
                (j.id == category.chair.id).then(|| format!(" ({})", t_string!(i18n, prize_chair)));
            view! { <li>{j.name.clone()} {role}</li> }
        })
        .collect_view();
    let nominate = (phase == Phase::Nominating).then(|| {
        view! {
            <p>
                <a class="ds-button" data-variant="primary" href=format!("/pris/kategorier/{}/nominer", category.id)>
                    {t!(i18n, prize_nominate_link)}
                </a>
            </p>
        }
    });
    let shortlist =
        (year.manages && phase == Phase::Judging && !nominations.is_empty()).then(|| {
            let mut spec = FormSpec::new::<ShortlistFinalists>(
                "shortlist",
                t_string!(i18n, prize_shortlist_button),
            )
            .notice(done("shortlist"), t_string!(i18n, prize_shortlist_done))
            .hidden("category_id", category.id);
            for n in &nominations {
                spec = spec
                    .field(
                        Field::check(&format!("finalist[{}]", n.id), n.title.clone(), "on")
                            .id(&format!("finalist-{}", n.id))
                            .checked(n.finalist),
                    )
                    .field(
                        Field::textarea(
                            &format!("statement[{}]", n.id),
                            format!("{}: {}", t_string!(i18n, prize_field_statement), n.title),
                        )
                        .id(&format!("statement-{}", n.id))
                        .value(n.statement.clone().unwrap_or_default())
                        .optional(),
                    );
            }
            view! {
                <section aria-labelledby="shortlist-heading">
                    <h2 id="shortlist-heading">{t!(i18n, prize_shortlist_heading)}</h2>
                    <p>{t!(i18n, prize_shortlist_lead)}</p>
                    <EnhancedForm locale spec />
                </section>
            }
        });
    let finalists: Vec<&NominationRow> = nominations.iter().filter(|n| n.finalist).collect();
    let chair_form = (chair
        && matches!(phase, Phase::Judging | Phase::Sealed)
        && finalists.len() > 1)
        .then(|| {
            let choices = Choice::options(
                finalists
                    .iter()
                    .map(|n| (n.id.to_string(), n.title.clone())),
            );
            let spec =
                FormSpec::new::<RecordChairChoice>("chair", t_string!(i18n, prize_chair_button))
                    .notice(done("chair"), t_string!(i18n, prize_chair_done))
                    .hidden("category_id", category.id)
                    .field(
                        Field::select(
                            "nomination_id",
                            t_string!(i18n, prize_field_chair_choice),
                            choices,
                        )
                        .id("chair-choice"),
                    );
            view! {
                <section aria-labelledby="chair-heading">
                    <h2 id="chair-heading">{t!(i18n, prize_chair_heading)}</h2>
                    <p>{t!(i18n, prize_chair_lead)}</p>
                    <EnhancedForm locale spec />
                </section>
            }
        });
    let progress = progress.map(|rows| view! { <Progress rows /> });
    // The committee is warned of finalists too few jurors may score (the rest recused).
    let thin = (!thin_juries.is_empty()).then(|| {
        view! {
            <Alert tone=Tone::Warning>
                <h2 class="ds-heading" data-size="xs">{t!(i18n, prize_thin_jury_heading)}</h2>
                <p>{t!(i18n, prize_thin_jury_lead)}</p>
                <ul>
                    {thin_juries
                        .into_iter()
                        .map(|(n, eligible)| {
                            view! {
                                <li>
                                    <a href=format!("/pris/nominasjoner/{}", n.id)>{n.name}</a>
                                    {format!(" – {}: {eligible}", t_string!(i18n, prize_thin_jury_count))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Alert>
        }
    });
    view! {
        <p>
            <a href=format!("/pris/aar/{}", year.row.id)>
                {format!("{} {} {}", t_string!(i18n, prize_back_to_year), t_string!(i18n, prize_year_prefix), year.row.year)}
            </a>
        </p>
        <h1>{format!("{} ({} {})", category.name, t_string!(i18n, prize_year_prefix), year.row.year)}</h1>
        <h2>{t!(i18n, prize_criteria_weights)}</h2>
        <ul>{criteria}</ul>
        <h2>{t!(i18n, prize_jury)}</h2>
        <ul>{jury}</ul>
        {nominate}
        <h2>{t!(i18n, prize_nominations_heading)}</h2>
        <NominationTable nominations=nominations.clone() />
        {thin}
        {shortlist}
        {progress}
        {chair_form}
    }
}

#[component]
fn NominationTable(nominations: Vec<NominationRow>) -> impl IntoView {
    let i18n = use_i18n();
    if nominations.is_empty() {
        return view! { <p>{t!(i18n, prize_gallery_none)}</p> }.into_any();
    }
    view! {
        <DataTable label=t_string!(i18n, prize_nominations_heading).to_string()>
            <caption class="visually-hidden">{t!(i18n, prize_nominations_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, prize_field_title)}</th>
                    <th scope="col">{t!(i18n, prize_col_nominee)}</th>
                    <th scope="col">{t!(i18n, prize_col_site)}</th>
                    <th scope="col">{t!(i18n, prize_finalist)}</th>
                </tr>
            </thead>
            <tbody>
                {nominations
                    .into_iter()
                    .map(|n| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/pris/nominasjoner/{}", n.id)>{n.title}</a>
                                </th>
                                <td>{n.nominee}</td>
                                <td>{n.site.name}</td>
                                <td>
                                    {n.finalist.then(|| view! { <Tag text=t_string!(i18n, prize_finalist).to_string() /> })}
                                </td>
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
fn Progress(rows: Vec<JurorProgress>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t!(i18n, prize_progress_heading)}</h2>
            <p>{t!(i18n, prize_progress_lead)}</p>
            <DataTable label=t_string!(i18n, prize_progress_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, prize_progress_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, prize_col_juror)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_scored)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_recused)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_finalists_count)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let chair = r.chair.then(|| format!(" ({})", t_string!(i18n, prize_chair)));
                            view! {
                                <tr>
                                    <th scope="row">{r.juror.name} {chair}</th>
                                    <td class="numeric">{r.scored}</td>
                                    <td class="numeric">{r.recused}</td>
                                    <td class="numeric">{r.finalists}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        </section>
    }
}
