//! The profile page (`/profil`): one's name, home site and language, password change,
//! personal API tokens, and the download of one's own data.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::core::error::AppError;
use crate::i18n::*;
use crate::org::api::list_organisation;
use crate::ui::{
    ErrorMessage, PageTitle, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    action_succeeded,
};
use crate::users::api::{
    ChangePassword, CreateToken, RevokeToken, TokenRow, UpdateProfile, list_token_rows, my_profile,
    take_new_token,
};
use crate::users::domain::UserRecord;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<UpdateProfile>::new();
    // Loaded once: after a save the form keeps what was typed (saved or refused).
    let profile = Resource::new(|| (), |_| my_profile());
    // Created here, not in the suspended part below (which may render more than once): the
    // secret of a token created without JavaScript is taken from the session exactly once.
    let flashed = Resource::new(|| (), |_| take_new_token());
    view! {
        <PageTitle text=move || t_string!(i18n, profile_title).to_string() />
        <h1>{t!(i18n, profile_heading)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(user) => {
                        view! {
                            <ProfileForm user save />
                            <PasswordForm />
                            <Tokens flashed />
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
                    }
                    Err(AppError::Forbidden) => {
                        view! {
                            <p>
                                {t!(i18n, profile_sign_in_first)} " "
                                <a href="/logg-inn?next=/profil">{t!(i18n, sign_in_link)}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForm(user: UserRecord, save: ServerAction<UpdateProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = action_errors(save);
    let org = Resource::new(|| (), |_| list_organisation());
    view! {
        <section aria-labelledby="profile-details">
            <h2 id="profile-details">{t!(i18n, profile_details_heading)}</h2>
            <p>{t!(i18n, profile_email)} ": " <strong>{user.email.clone()}</strong></p>
            <SuccessNotice show=action_succeeded(save)>{t!(i18n, profile_saved)}</SuccessNotice>
            <ActionForm action=save attr:class="form">
                <TextField field="name" errors value=user.name.clone() autocomplete="name">
                    {t!(i18n, admin_name_label)}
                </TextField>
                <Suspense>
                    {
                        let home = user.home_site_id.map(|id| id.to_string());
                        move || {
                            let home = home.clone();
                            Suspend::new(async move {
                                let sites: Vec<SelectOption> = org
                                    .await
                                    .unwrap_or_default()
                                    .into_iter()
                                    .flat_map(|s| s.sites)
                                    .map(|site| (site.id.to_string(), site.name))
                                    .collect();
                                view! {
                                    <SelectField
                                        field="home_site_id"
                                        errors
                                        options=sites
                                        selected=home.unwrap_or_default()
                                        empty=t_string!(i18n, admin_none).to_string()
                                    >
                                        {t!(i18n, admin_home_site_label)}
                                    </SelectField>
                                }
                            })
                        }
                    }
                </Suspense>
                <SelectField
                    field="language"
                    errors
                    options=vec![
                        ("nb".to_owned(), "Norsk bokmål".to_owned()),
                        ("en".to_owned(), "English".to_owned()),
                    ]
                    selected=user.language.as_str().to_owned()
                >
                    {t!(i18n, profile_language_label)}
                </SelectField>
                <button type="submit" class="button">{t!(i18n, profile_save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let errors = action_errors(change);
    view! {
        <section aria-labelledby="password">
            <h2 id="password">{t!(i18n, profile_password_heading)}</h2>
            <SuccessNotice show=action_succeeded(change)>{t!(i18n, profile_password_changed)}</SuccessNotice>
            <ActionForm action=change attr:class="form">
                <TextField
                    field="current_password"
                    errors
                    input_type="password"
                    autocomplete="current-password"
                >
                    {t!(i18n, profile_current_password)}
                </TextField>
                <TextField
                    field="new_password"
                    errors
                    input_type="password"
                    autocomplete="new-password"
                    hint=move || t!(i18n, admin_password_hint)
                >
                    {t!(i18n, profile_new_password)}
                </TextField>
                <button type="submit" class="button">
                    {t!(i18n, profile_password_button)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Tokens(flashed: Resource<Result<Option<String>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let errors = action_errors(create);
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_token_rows(),
    );
    let new_secret = move || match create.value().get() {
        Some(Ok(created)) => Some(created.secret),
        _ => flashed.get().and_then(Result::ok).flatten(),
    };
    view! {
        <section aria-labelledby="tokens">
            <h2 id="tokens">{t!(i18n, tokens_heading)}</h2>
            <p>
                {t!(i18n, tokens_intro)} " "
                <a href="/api-dokumentasjon">{t!(i18n, tokens_api_link)}</a>
            </p>
            <Suspense>
            {move || {
                new_secret()
                    .map(|secret| {
                        view! {
                            <div class="alert alert--success" role="status">
                                <p>{t!(i18n, tokens_created)}</p>
                                <p>
                                    <code class="secret" data-testid="new-token">
                                        {secret}
                                    </code>
                                </p>
                            </div>
                        }
                    })
            }}
            </Suspense>
            <ActionForm action=create attr:class="form form--inline">
                <TextField
                    field="name"
                    id="token-name"
                    errors
                    hint=move || t!(i18n, tokens_name_hint)
                >
                    {t!(i18n, tokens_name_label)}
                </TextField>
                <button type="submit" class="button">{t!(i18n, tokens_create)}</button>
            </ActionForm>
            <Suspense>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p>{t!(i18n, tokens_none)}</p> }.into_any()
                        }
                        Ok(rows) => view! { <TokenTable rows revoke /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TokenTable(rows: Vec<TokenRow>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table">
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
                                            view! {
                                                <ActionForm action=revoke>
                                                    <input
                                                        type="hidden"
                                                        name="token_id"
                                                        value=row.token.id.to_string()
                                                    />
                                                    <button
                                                        type="submit"
                                                        class="button button--small"
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
            </table>
        </div>
    }
}
