//! The human-readable API page (`/api-dokumentasjon`). Its endpoint table is read from the
//! same OpenAPI document the server publishes at `/api/v1/openapi.json`, so it cannot drift.

use leptos::prelude::*;

use crate::core::api_reference::ApiEndpoint;
use crate::i18n::*;
use crate::ui::{DataTable, ErrorMessage, PageTitle};

pub async fn api_endpoints() -> Result<Vec<ApiEndpoint>, crate::core::error::AppError> {
    let state = crate::core::state::app_state()?;
    Ok(state.api_reference.as_ref().clone())
}

#[component]
pub fn ApiPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, api_title).to_string() />
        <article class="prose">
            <h1>{t!(i18n, api_heading)}</h1>
            <p class="lead">{t!(i18n, api_intro)}</p>
            <h2>{t!(i18n, api_auth_heading)}</h2>
            <p>{t!(i18n, api_auth_text)}</p>
            <pre><code>"curl -H 'Authorization: Bearer idv_…' https://…/api/v1/me"</code></pre>
            <h2>{t!(i18n, api_errors_heading)}</h2>
            <p>{t!(i18n, api_errors_text)}</p>
            <h2>{t!(i18n, api_paging_heading)}</h2>
            <p>{t!(i18n, api_paging_text)}</p>
            <p>
                <a href="/api/v1/openapi.json">{t!(i18n, api_openapi_link)}</a>
            </p>
        </article>
        <h2>{t!(i18n, api_endpoints_heading)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match api_endpoints().await {
                    Ok(list) => view! { <EndpointTable list /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EndpointTable(list: Vec<ApiEndpoint>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable label=t_string!(i18n, api_endpoints_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, api_endpoints_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, api_col_method)}</th>
                        <th scope="col">{t!(i18n, api_col_path)}</th>
                        <th scope="col">{t!(i18n, api_col_summary)}</th>
                        <th scope="col">{t!(i18n, api_col_token)}</th>
                        <th scope="col">{t!(i18n, api_col_statuses)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr>
                                    <td>
                                        <code>{e.method}</code>
                                    </td>
                                    <td>
                                        <code>{e.path}</code>
                                    </td>
                                    <td lang="en">{e.summary}</td>
                                    <td>
                                        {if e.token_required {
                                            t_string!(i18n, api_token_required)
                                        } else {
                                            t_string!(i18n, api_token_optional)
                                        }}
                                    </td>
                                    <td>{e.statuses.join(", ")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
    }
}
