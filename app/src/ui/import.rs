//! The CSV import form's fields and its report: how many rows were imported, or every bad
//! row with its reason (nothing imported).

use leptos::prelude::*;

use crate::core::error::AppError;
use crate::core::import::ImportReport;
use crate::i18n::*;
use crate::ui::{ErrorMessage, field_message};

/// The text area for the CSV and the result of the last import. Put inside an `ActionForm`
/// whose server function takes `csv`.
#[component]
pub fn ImportFields(result: Signal<Option<Result<ImportReport, AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let rejected = move || matches!(result.get(), Some(Err(AppError::ImportRejected(_))));
    view! {
        <div class="field">
            <label for="csv">{t!(i18n, import_label)}</label>
            <p class="hint" id="csv-hint">{t!(i18n, import_hint)}</p>
            <textarea
                id="csv"
                name="csv"
                rows="8"
                required
                aria-describedby=move || {
                    if rejected() { "csv-hint csv-report" } else { "csv-hint" }
                }
                aria-invalid=move || rejected().then_some("true")
            ></textarea>
        </div>
        <button type="submit" class="button">{t!(i18n, import_button)}</button>
        <div id="csv-report" role="status">
            {move || match result.get() {
                Some(Ok(report)) => {
                    view! {
                        <p class="alert alert--success">
                            {t!(
                                i18n, import_done, created = report.created, updated = report.updated
                            )}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(AppError::ImportRejected(rows))) => {
                    let locale = i18n.get_locale();
                    view! {
                        <div class="alert alert--error">
                            <p>{t!(i18n, import_rejected, count = rows.len())}</p>
                            <ul>
                                {rows
                                    .into_iter()
                                    .map(|row| {
                                        view! {
                                            <li>
                                                {t!(
                                                    i18n, import_row, line = row.line, field = row.field.clone()
                                                )} " " {field_message(locale, row.error)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                        .into_any()
                }
                Some(Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}
