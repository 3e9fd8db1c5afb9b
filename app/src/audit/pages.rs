//! Admin: the audit log (`/admin/logg`), filtered by actor, action, object and date. The
//! filter is a plain GET form, so it works before the WebAssembly loads and can be linked.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::audit::api::list_audit;
use crate::audit::domain::AuditEntry;
use crate::auth::refused::ErrorPage;
use crate::core::error::{AppError, FieldErrors};
use crate::core::paging::Paged;
use crate::i18n::*;
use crate::ui::{
    Alert, DataTable, FieldErrorText, NavLink, PageTitle, Pagination, Tone, described_by,
    field_message, invalid_attr,
};

const FILTERS: [&str; 6] = ["actor", "action", "object_type", "object_id", "from", "to"];

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let values: Vec<String> = FILTERS
        .iter()
        .map(|f| query.read_untracked().get(f).unwrap_or_default())
        .collect();
    let offset = query.read_untracked().get("offset").unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, audit_title).to_string() />
        {Suspend::new(async move {
                let v = values.clone();
                let entries = list_audit(
                    v[0].clone(),
                    v[1].clone(),
                    v[2].clone(),
                    v[3].clone(),
                    v[4].clone(),
                    v[5].clone(),
                    offset,
                )
                .await;
                match entries {
                    Ok(page) => {
                        view! {
                            <h1>{t!(i18n, audit_heading)}</h1>
                            <FilterForm values=values.clone() errors=FieldErrors::new() />
                            <AuditTable page values=values.clone() />
                        }
                            .into_any()
                    }
                    Err(AppError::Invalid(errors)) => {
                        view! {
                            <h1>{t!(i18n, audit_heading)}</h1>
                            <FilterForm values errors />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
    }
}

#[component]
fn FilterForm(values: Vec<String>, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Signal::derive(move || errors.clone());
    let labels = [
        t_string!(i18n, audit_filter_actor).to_string(),
        t_string!(i18n, audit_filter_action).to_string(),
        t_string!(i18n, audit_filter_object_type).to_string(),
        t_string!(i18n, audit_filter_object_id).to_string(),
        t_string!(i18n, audit_filter_from).to_string(),
        t_string!(i18n, audit_filter_to).to_string(),
    ];
    // The offset is not a field of the form: a bad one (typed into the URL) is said above it.
    let locale = crate::ui::current_locale();
    let offset_error = errors
        .with_untracked(|e| e.get("offset").copied())
        .map(|error| {
            view! {
                <Alert tone=Tone::Danger>
                    <p>{t!(i18n, audit_bad_offset)} " " {field_message(locale, error)}</p>
                </Alert>
            }
        });
    view! {
        {offset_error}
        <form method="get" class="filters" aria-label=t_string!(i18n, audit_filter_label)>
            {FILTERS
                .iter()
                .zip(labels)
                .zip(values)
                .map(|((field, label), value)| {
                    let field: &'static str = field;
                    let is_date = matches!(field, "from" | "to");
                    let hint_id = is_date.then(|| format!("{field}-hint"));
                    view! {
                        <div class="ds-field">
                            <label class="ds-label" for=field>{label}</label>
                            {is_date
                                .then(|| {
                                    view! {
                                        <p data-field="description" id=format!("{field}-hint")>
                                            "ÅÅÅÅ-MM-DD"
                                        </p>
                                    }
                                })}
                            <input
                                class="ds-input"
                                id=field
                                name=field
                                type="text"
                                value=value
                                aria-invalid=invalid_attr(errors, field)
                                aria-describedby=described_by(errors, field, hint_id)
                            />
                            <FieldErrorText errors field />
                        </div>
                    }
                })
                .collect_view()}
            <button type="submit" class="ds-button" data-variant="primary">{t!(i18n, audit_filter_button)}</button>
        </form>
    }
}

/// `?actor=…&offset=N` for the link to another page of the same filter.
fn page_link(values: &[String], offset: u64) -> String {
    let mut params: Vec<String> = FILTERS
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{k}={}",
                percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
            )
        })
        .collect();
    params.push(format!("offset={offset}"));
    format!("/admin/logg?{}", params.join("&"))
}

#[component]
fn AuditTable(page: Paged<AuditEntry>, values: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let first = page.offset + 1;
    let last = page.offset + page.items.len() as u64;
    let total = page.total;
    let labels = (
        t_string!(i18n, audit_previous).to_string(),
        t_string!(i18n, audit_next).to_string(),
    );
    let pages = NavLink::previous_next(&page, labels, |offset| page_link(&values, offset));
    if page.items.is_empty() {
        return view! { <p role="status">{t!(i18n, audit_none)}</p> }.into_any();
    }
    view! {
        <p role="status">{t!(i18n, audit_showing, first = first, last = last, count = move || total)}</p>
        <DataTable label=t_string!(i18n, audit_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, audit_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit_col_at)}</th>
                        <th scope="col">{t!(i18n, audit_col_actor)}</th>
                        <th scope="col">{t!(i18n, audit_col_action)}</th>
                        <th scope="col">{t!(i18n, audit_col_object)}</th>
                        <th scope="col">{t!(i18n, audit_col_details)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .items
                        .into_iter()
                        .map(|e| {
                            let object = match e.object_id {
                                Some(id) => format!("{} {id}", e.object_type),
                                None => e.object_type,
                            };
                            view! {
                                <tr>
                                    <td>{e.at}</td>
                                    <td>
                                        {match (e.actor, e.by_system) {
                                            (Some(name), _) => name,
                                            (None, true) => t_string!(i18n, audit_actor_system).to_string(),
                                            (None, false) => {
                                                t_string!(i18n, audit_actor_anonymous).to_string()
                                            }
                                        }}
                                    </td>
                                    <td>
                                        <code>{e.action}</code>
                                    </td>
                                    <td>{object}</td>
                                    <td>
                                        <code class="details">{e.details}</code>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        <Pagination label=t_string!(i18n, audit_pages_label).to_string() links=pages />
    }
    .into_any()
}
