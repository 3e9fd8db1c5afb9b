//! The form that nominates in a category (`/pris/kategorier/{id}/nominer`), also the
//! nominator's edit form.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::prize::api::{Nominate, load_nominate};
use crate::prize::domain::view::{CategoryView, NominationView};
use crate::prize::domain::year::Phase;
use crate::prize::pages::labels::phase_label;
use crate::prize::pages::years::route_id;
use crate::ui::{Alert, EnhancedForm, Field, FormSpec, PageTitle, Tone};

/// The nomination form of a category (new, or the nominator's edit of `current`).
pub(super) fn nomination_spec(
    locale: Locale,
    spec: FormSpec,
    category: &CategoryView,
    org: &[SectorWithSites],
    current: Option<&NominationView>,
) -> FormSpec {
    let value = |f: fn(&NominationView) -> String| current.map(f).unwrap_or_default();
    let today = crate::core::timefmt::oslo_date(crate::core::state::now());
    let sites = crate::org::choices::site_choices(org, today, &[], current.map(|n| n.row.site.id));
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
            Field::person(
                "nominee_email",
                td_string!(locale, prize_field_nominee_email),
                crate::users::downloads::SUGGEST_PEOPLE,
            )
            .id("nomination-nominee-email")
            .hint(td_string!(locale, prize_field_nominee_email_hint))
            .value(value(|n| n.nominee_email.clone().unwrap_or_default()))
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
            let (year, category, org) = match load_nominate(category_id).await {
                Ok(page) => (page.year, page.category, page.organisation),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
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
