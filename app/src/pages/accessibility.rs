use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::PageTitle;

/// Address for feedback on accessibility (DESIGN §9).
const CONTACT_EMAIL: &str = "innovasjon@baerum.kommune.no";
const COMPLAINT_URL: &str = "https://www.uutilsynet.no/";

/// Tilgjengelighetserklæring: standard, how we test, known deviations, contact.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, a11y_title).to_string() />
        <article class="prose">
            <h1>{t!(i18n, a11y_heading)}</h1>
            <p class="lead">{t!(i18n, a11y_intro)}</p>
            <h2>{t!(i18n, a11y_standard_heading)}</h2>
            <p>{t!(i18n, a11y_standard_text)}</p>
            <h2>{t!(i18n, a11y_status_heading)}</h2>
            <p>{t!(i18n, a11y_status_text)}</p>
            <ul>
                <li>{t!(i18n, a11y_tested_axe)}</li>
                <li>{t!(i18n, a11y_tested_focus)}</li>
                <li>{t!(i18n, a11y_tested_keyboard)}</li>
                <li>{t!(i18n, a11y_tested_zoom)}</li>
                <li>{t!(i18n, a11y_tested_charts)}</li>
                <li>{t!(i18n, a11y_tested_nojs)}</li>
            </ul>
            <h2>{t!(i18n, a11y_deviations_heading)}</h2>
            <ul>
                <li>{t!(i18n, a11y_deviation_manual)}</li>
                <li>{t!(i18n, a11y_deviation_english)}</li>
            </ul>
            <h2>{t!(i18n, a11y_contact_heading)}</h2>
            <p>
                {t!(i18n, a11y_contact_text)} " "
                <a href=format!("mailto:{CONTACT_EMAIL}")>{CONTACT_EMAIL}</a>
            </p>
            <p>
                {t!(i18n, a11y_complaint_text)} " "
                <a href=COMPLAINT_URL>{t!(i18n, a11y_complaint_link)}</a>
            </p>
            <p class="muted">{t!(i18n, a11y_updated)}</p>
        </article>
    }
}
