//! The prize's front page (`/pris`: every year, and a form for a new one for the committee)
//! and a year's page (`/pris/aar/{id}`: dates, categories with criteria and jury, and the
//! committee's forms to move dates, add categories and publish).

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::{date_nb, oslo_datetime, oslo_datetime_local};
use crate::i18n::*;
use crate::prize::api::{
    CreatePrizeCategory, CreatePrizeYear, MovePrizeDates, PublishResults, load_year, load_years,
};
use crate::prize::domain::category::{DEFAULT_CATEGORIES, DEFAULT_CRITERIA};
use crate::prize::domain::view::{CategoryView, YearRow, YearView};
use crate::prize::domain::year::Phase;
use crate::prize::pages::labels::phase_label;
use crate::ui::{Card, DataTable, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice};

pub use crate::ui::route_id;

#[component]
pub fn PrizePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_title).to_string() />
        <h1>{t!(i18n, prize_heading)}</h1>
        <p class="lead">{t!(i18n, prize_lead)}</p>
        {Suspend::new(async move {
            let (years, manage, public) = match load_years().await {
                Ok(page) => (page.years, page.manages, page.public),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            view! {
                {if public {
                    view! { <p>{t!(i18n, prize_public_lead)}</p> }.into_any()
                } else {
                    view! {
                        <p>
                            <a href="/pris/nominasjoner">{t!(i18n, prize_gallery_link)}</a>
                        </p>
                    }
                    .into_any()
                }}
                <YearTable years />
                {manage.then(|| view! { <NewYear done=Flash::for_form(&flash, "year").is_some() /> })}
            }
                .into_any()
        })}
    }
}

#[component]
fn YearTable(years: Vec<YearRow>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if years.is_empty() {
        return view! { <p>{t!(i18n, prize_years_none)}</p> }.into_any();
    }
    view! {
        <DataTable label=t_string!(i18n, prize_years_heading).to_string()>
            <caption>{t!(i18n, prize_years_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, prize_col_year)}</th>
                    <th scope="col">{t!(i18n, prize_col_phase)}</th>
                    <th scope="col">{t!(i18n, prize_col_window)}</th>
                    <th scope="col">{t!(i18n, prize_col_jury_deadline)}</th>
                    <th scope="col">{t!(i18n, prize_col_award)}</th>
                </tr>
            </thead>
            <tbody>
                {years
                    .into_iter()
                    .map(|y| {
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/pris/aar/{}", y.id)>
                                        {format!("{} {}", t_string!(i18n, prize_year_prefix), y.year)}
                                    </a>
                                </th>
                                <td>{phase_label(locale, y.phase)}</td>
                                <td>
                                    {format!(
                                        "{}–{}",
                                        oslo_datetime(y.nominations_open),
                                        oslo_datetime(y.nominations_close),
                                    )}
                                </td>
                                <td>{oslo_datetime(y.jury_deadline)}</td>
                                <td>{date_nb(y.award_on)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

/// The four dates of a year as form fields (new year: empty; moving: the year's own).
fn date_fields(spec: FormSpec, locale: Locale, prefix: &str, row: Option<&YearRow>) -> FormSpec {
    let value = |f: fn(&YearRow) -> String| row.map(f).unwrap_or_default();
    let instant = |name: &str, label: &str, v: String| {
        Field::text(name, label)
            .id(&format!("{prefix}-{name}"))
            .input_type("datetime-local")
            .hint(td_string!(locale, prize_instant_hint))
            .value(v)
    };
    spec.field(instant(
        "nominations_open",
        td_string!(locale, prize_field_open),
        value(|y| oslo_datetime_local(y.nominations_open)),
    ))
    .field(instant(
        "nominations_close",
        td_string!(locale, prize_field_close),
        value(|y| oslo_datetime_local(y.nominations_close)),
    ))
    .field(instant(
        "jury_deadline",
        td_string!(locale, prize_field_jury_deadline),
        value(|y| oslo_datetime_local(y.jury_deadline)),
    ))
    .field(
        Field::text("award_date", td_string!(locale, prize_field_award))
            .id(&format!("{prefix}-award"))
            .hint(td_string!(locale, date_hint))
            .value(value(|y| y.award_on.to_string())),
    )
}

#[component]
fn NewYear(done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let spec = FormSpec::new::<CreatePrizeYear>("year", t_string!(i18n, prize_year_button))
        .notice(done, t_string!(i18n, prize_year_done))
        .field(
            Field::text("year", t_string!(i18n, prize_field_year))
                .id("year-year")
                .input_type("text")
                .hint(t_string!(i18n, prize_field_year_hint)),
        );
    let spec = date_fields(spec, locale, "year", None).field(
        Field::check(
            "peoples_choice",
            t_string!(i18n, prize_field_peoples_choice),
            "on",
        )
        .id("year-peoples-choice"),
    );
    view! {
        <section aria-labelledby="new-year-heading">
            <h2 id="new-year-heading">{t!(i18n, prize_new_year_heading)}</h2>
            <EnhancedForm locale spec />
        </section>
    }
}

#[component]
pub fn YearPage() -> impl IntoView {
    let i18n = use_i18n();
    let year_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_year_title).to_string() />
        <p>
            <a href="/pris">{t!(i18n, prize_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_year(year_id).await {
                Ok(year) => {
                    let flash = if year.manages {
                        crate::auth::service::take_flash().await.ok().flatten()
                    } else {
                        None
                    };
                    view! { <Year year flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Year(year: YearView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = year.row.clone();
    let results_open =
        row.phase == Phase::Published || (year.manages && row.phase == Phase::Sealed);
    let public = year.public;
    let links = view! {
        <ul>
            {(!public).then(|| view! {
                <li>
                    <a href=format!("/pris/nominasjoner?year_id={}", row.id)>
                        {t!(i18n, prize_year_gallery)}
                    </a>
                </li>
            })}
            {results_open
                .then(|| {
                    view! {
                        <li>
                            <a href=format!("/pris/aar/{}/resultater", row.id)>
                                {t!(i18n, prize_results_link)}
                            </a>
                        </li>
                        <li>
                            <a href=format!("/pris/aar/{}/seremoni", row.id)>
                                {t!(i18n, prize_ceremony_link)}
                            </a>
                        </li>
                    }
                })}
        </ul>
    };
    let nominating = row.phase == Phase::Nominating;
    let categories = if year.categories.is_empty() {
        view! { <p>{t!(i18n, prize_categories_none)}</p> }.into_any()
    } else {
        year.categories
            .iter()
            .cloned()
            .map(|c| view! { <CategoryCard category=c nominating public /> })
            .collect_view()
            .into_any()
    };
    let forms = year.manages.then(|| {
        let done = |form| Flash::for_form(&flash, form).is_some();
        view! { <CommitteeForms year=year.clone() dates_done=done("dates") category_done=done("category") /> }
    });
    let created = Flash::for_form(&flash, "year").is_some().then(|| {
        view! {
            <SuccessNotice>
                <p>{t!(i18n, prize_year_done)}</p>
            </SuccessNotice>
        }
    });
    view! {
        {created}
        <h1>{format!("{} {}", t_string!(i18n, prize_heading), row.year)}</h1>
        <dl class="facts">
            <dt>{t!(i18n, prize_col_phase)}</dt>
            <dd>{phase_label(locale, row.phase)}</dd>
            <dt>{t!(i18n, prize_col_window)}</dt>
            <dd>
                {format!("{}–{}", oslo_datetime(row.nominations_open), oslo_datetime(row.nominations_close))}
            </dd>
            <dt>{t!(i18n, prize_col_jury_deadline)}</dt>
            <dd>{oslo_datetime(row.jury_deadline)}</dd>
            <dt>{t!(i18n, prize_col_award)}</dt>
            <dd>{date_nb(row.award_on)}</dd>
            <dt>{t!(i18n, prize_col_peoples_choice)}</dt>
            <dd>
                {if row.peoples_choice {
                    t_string!(i18n, prize_yes).to_string()
                } else {
                    t_string!(i18n, prize_no).to_string()
                }}
            </dd>
        </dl>
        {links}
        <h2>{t!(i18n, prize_categories_heading)}</h2>
        {categories}
        {forms}
    }
}

#[component]
fn CategoryCard(category: CategoryView, nominating: bool, public: bool) -> impl IntoView {
    let i18n = use_i18n();
    let criteria = category
        .criteria
        .iter()
        .map(|c| format!("{} ({})", c.name, c.weight))
        .collect::<Vec<_>>()
        .join(", ");
    let jury = category
        .jury
        .iter()
        .map(|j| {
            if j.id == category.chair.id {
                format!("{} ({})", j.name, t_string!(i18n, prize_chair))
            } else {
                j.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let id = category.id;
    view! {
        <Card
            title=category.name.clone()
            href=(!public).then(|| format!("/pris/kategorier/{id}"))
        >
            <dl class="facts">
                <dt>{t!(i18n, prize_criteria_weights)}</dt>
                <dd>{criteria}</dd>
                {(!public).then(|| view! {
                    <dt>{t!(i18n, prize_jury)}</dt>
                    <dd>{jury}</dd>
                    <dt>{t!(i18n, prize_nominations_count)}</dt>
                    <dd>{category.nominations}</dd>
                })}
                <dt>{t!(i18n, prize_finalists_count)}</dt>
                <dd>{category.finalists}</dd>
            </dl>
            {nominating
                .then(|| {
                    view! {
                        <p>
                            <a class="ds-button" data-variant="primary" href=format!("/pris/kategorier/{id}/nominer")>
                                {t!(i18n, prize_nominate_link)}
                                <span class="visually-hidden">
                                    {format!(" {} {}", t_string!(i18n, prize_nominate_in), category.name)}
                                </span>
                            </a>
                        </p>
                    }
                })}
        </Card>
    }
}

#[component]
fn CommitteeForms(year: YearView, dates_done: bool, category_done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = year.row.clone();
    let published = row.phase == Phase::Published;
    let dates = (!published).then(|| {
        let spec = FormSpec::new::<MovePrizeDates>("dates", t_string!(i18n, prize_dates_button))
            .notice(dates_done, t_string!(i18n, prize_dates_done))
            .hidden("year_id", row.id);
        let spec = date_fields(spec, locale, "dates", Some(&row));
        view! {
            <section aria-labelledby="dates-heading">
                <h2 id="dates-heading">{t!(i18n, prize_dates_heading)}</h2>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let category = matches!(row.phase, Phase::Upcoming | Phase::Nominating).then(|| {
        let next_default = DEFAULT_CATEGORIES
            .iter()
            .find(|name| !year.categories.iter().any(|c| c.name == **name))
            .map(|name| (*name).to_owned())
            .unwrap_or_default();
        let criteria = DEFAULT_CRITERIA
            .iter()
            .map(|c| format!("{c}: 1"))
            .collect::<Vec<_>>()
            .join("\n");
        let spec = FormSpec::new::<CreatePrizeCategory>(
            "category",
            t_string!(i18n, prize_category_button),
        )
        .notice(category_done, t_string!(i18n, prize_category_done))
        .hidden("year_id", row.id)
        .field(
            Field::text("name", t_string!(i18n, prize_field_category_name))
                .id("category-name")
                .hint(t_string!(i18n, prize_field_category_name_hint))
                .value(next_default),
        )
        .field(
            Field::textarea("criteria", t_string!(i18n, prize_field_criteria))
                .id("category-criteria")
                .hint(t_string!(i18n, prize_field_criteria_hint))
                .value(criteria)
                .optional(),
        )
        .field(
            Field::people("jury", t_string!(i18n, prize_field_jury), crate::users::downloads::SUGGEST_PEOPLE)
                .id("category-jury")
                .hint(t_string!(i18n, prize_field_jury_hint))
                .optional(),
        )
        .field(
            Field::person("chair", t_string!(i18n, prize_field_chair), crate::users::downloads::SUGGEST_PEOPLE)
                .id("category-chair")
                .hint(t_string!(i18n, prize_field_chair_hint)),
        );
        view! {
            <section aria-labelledby="category-heading">
                <h2 id="category-heading">{t!(i18n, prize_new_category_heading)}</h2>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let publish = (row.phase == Phase::Sealed).then(|| {
        let spec =
            FormSpec::new::<PublishResults>("publish", t_string!(i18n, prize_publish_button))
                .hidden("year_id", row.id)
                .field(
                    Field::check("confirm", t_string!(i18n, prize_publish_confirm), "on")
                        .id("publish-confirm"),
                );
        view! {
            <section aria-labelledby="publish-heading">
                <h2 id="publish-heading">{t!(i18n, prize_publish_heading)}</h2>
                <p>{t!(i18n, prize_publish_lead)}</p>
                <EnhancedForm locale spec />
            </section>
        }
    });
    view! {
        {dates}
        {category}
        {publish}
    }
}
