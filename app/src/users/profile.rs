//! The profile page (`/profil`): one's name, home site and language, password change,
//! personal API tokens, and the download of one's own data. Rendered on the server; the
//! forms are islands (`users::islands`), revoking a token is a plain form.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::core::error::AppError;
use crate::core::notice::{Flash, Notice};
use crate::i18n::*;
use crate::ui::{Choice, DataTable, EnhancedForm, ErrorMessage, Field, FormSpec, PageTitle};
use crate::users::api::{
    ChangePassword, CreateToken, RevokeToken, TokenRow, UpdateProfile, load_profile,
};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let revoke = ServerAction::<RevokeToken>::new();
    view! {
        <PageTitle text=move || t_string!(i18n, profile_title).to_string() />
        <h1>{t!(i18n, profile_heading)}</h1>
        {Suspend::new(async move {
            let (user, org, tokens) = match load_profile().await {
                Ok(page) => page,
                Err(AppError::Forbidden) => {
                    return view! {
                        <p>
                            {t!(i18n, profile_sign_in_first)} " "
                            <a href="/logg-inn?next=/profil">{t!(i18n, sign_in_link)}</a>
                        </p>
                    }
                        .into_any();
                }
                Err(error) => return view! { <ErrorMessage error /> }.into_any(),
            };
            let sites = Choice::options(
                org
                    .into_iter()
                    .flat_map(|s| s.sites)
                    .map(|site| (site.id.to_string(), site.name)),
            );
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let secret = match Flash::for_form(&flash, "token") {
                Some(Notice::TokenCreated(secret)) => Some(secret),
                _ => None,
            };
            let details = FormSpec::new::<UpdateProfile>("profile", t_string!(i18n, profile_save))
                .notice(
                    Flash::for_form(&flash, "profile").is_some(),
                    t_string!(i18n, profile_saved),
                )
                .field(
                    Field::text("name", t_string!(i18n, admin_name_label))
                        .value(user.name)
                        .autocomplete("name"),
                )
                .field(
                    Field::select("home_site_id", t_string!(i18n, admin_home_site_label), sites)
                        .empty(t_string!(i18n, admin_none))
                        .value(user.home_site_id.map(|id| id.to_string()).unwrap_or_default()),
                )
                .field(
                    Field::select(
                        "language",
                        t_string!(i18n, profile_language_label),
                        Choice::options([
                            ("nb".to_owned(), "Norsk bokmål".to_owned()),
                            ("en".to_owned(), "English".to_owned()),
                        ]),
                    )
                    .value(user.language.as_str()),
                );
            let password = FormSpec::new::<ChangePassword>(
                    "password",
                    t_string!(i18n, profile_password_button),
                )
                .notice(
                    Flash::for_form(&flash, "password").is_some(),
                    t_string!(i18n, profile_password_changed),
                )
                .field(Field::password(
                    "current_password",
                    t_string!(i18n, profile_current_password),
                    "current-password",
                ))
                .field(
                    Field::password(
                        "new_password",
                        t_string!(i18n, profile_new_password),
                        "new-password",
                    )
                    .hint(t_string!(i18n, admin_password_hint)),
                );
            let token = FormSpec::new::<CreateToken>("token", t_string!(i18n, tokens_create))
                .class("form form--inline")
                .field(
                    Field::text("name", t_string!(i18n, tokens_name_label))
                        .id("token-name")
                        .hint(t_string!(i18n, tokens_name_hint)),
                );
            view! {
                <section aria-labelledby="profile-details">
                    <h2 id="profile-details">{t!(i18n, profile_details_heading)}</h2>
                    <p>{t!(i18n, profile_email)} ": " <strong>{user.email.clone()}</strong></p>
                    <EnhancedForm locale spec=details />
                </section>
                <section aria-labelledby="password">
                    <h2 id="password">{t!(i18n, profile_password_heading)}</h2>
                    <EnhancedForm locale spec=password />
                </section>
                <section aria-labelledby="tokens">
                    <h2 id="tokens">{t!(i18n, tokens_heading)}</h2>
                    <p>
                        {t!(i18n, tokens_intro)} " "
                        <a href="/api-dokumentasjon">{t!(i18n, tokens_api_link)}</a>
                    </p>
                    {secret
                        .map(|secret| {
                            view! {
                                <div class="ds-alert" data-color="success" role="status">
                                    <p>{t!(i18n, tokens_created)}</p>
                                    <p>
                                        <code class="secret" data-testid="new-token">
                                            {secret}
                                        </code>
                                    </p>
                                </div>
                            }
                        })}
                    <EnhancedForm locale spec=token />
                    {if tokens.is_empty() {
                        view! { <p>{t!(i18n, tokens_none)}</p> }.into_any()
                    } else {
                        view! { <TokenTable rows=tokens revoke /> }.into_any()
                    }}
                </section>
                <section aria-labelledby="my-data">
                    <h2 id="my-data">{t!(i18n, profile_data_heading)}</h2>
                    <p>{t!(i18n, profile_data_text)}</p>
                    <p>
                        <a href="/profil/mine-data.json" download>
                            {t!(i18n, profile_data_link)}
                        </a>
                    </p>
                </section>
            }
                .into_any()
        })}
    }
}

#[component]
fn TokenTable(rows: Vec<TokenRow>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable label=t_string!(i18n, tokens_heading).to_string()>
                <caption class="visually-hidden">{t!(i18n, tokens_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, tokens_col_name)}</th>
                        <th scope="col">{t!(i18n, tokens_col_prefix)}</th>
                        <th scope="col">{t!(i18n, tokens_col_created)}</th>
                        <th scope="col">{t!(i18n, tokens_col_last_used)}</th>
                        <th scope="col">{t!(i18n, admin_col_action)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let label = format!(
                                "{} {}",
                                t_string!(i18n, tokens_revoke),
                                row.token.name,
                            );
                            let revoked = row.token.revoked_at.is_some();
                            view! {
                                <tr>
                                    <th scope="row">{row.token.name.clone()}</th>
                                    <td>
                                        <code>{row.token.prefix.clone()} "…"</code>
                                    </td>
                                    <td>{row.created}</td>
                                    <td>
                                        {row
                                            .last_used
                                            .unwrap_or_else(|| {
                                                t_string!(i18n, tokens_never_used).to_string()
                                            })}
                                    </td>
                                    <td>
                                        {if revoked {
                                            t!(i18n, tokens_revoked).into_any()
                                        } else {
                                            // A plain form: the page comes back without it.
                                            view! {
                                                <ActionForm action=revoke>
                                                    <input
                                                        type="hidden"
                                                        name="token_id"
                                                        value=row.token.id.to_string()
                                                    />
                                                    <button
                                                        type="submit"
                                                        class="ds-button" data-variant="secondary" data-size="sm"
                                                        aria-label=label
                                                    >
                                                        {t!(i18n, tokens_revoke)}
                                                    </button>
                                                </ActionForm>
                                            }
                                                .into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
    }
}
