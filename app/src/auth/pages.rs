//! Sign-in page and the signed-in part of the header, rendered on the server.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::auth::Role;
use crate::auth::api::{SignIn, SignOut, current_user, demo_accounts};
use crate::i18n::*;
use crate::ui::{Alert, DataTable, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice, Tone};

/// "Signed in as …" with a sign-out button, or a sign-in link. The sign-out form is a plain
/// form: the server ends the session and sends the browser to the front page.
#[component]
pub fn SessionStatus() -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    let sign_out = ServerAction::<SignOut>::new();
    Suspend::new(async move {
        match current_user().await {
            Ok(Some(user)) => view! {
                <div class="session-status">
                    <p>
                        {t!(i18n, signed_in_as)} " "
                        <a href="/profil" class="session-status__profile">
                            <strong>{user.name}</strong>
                        </a>
                    </p>
                    <ActionForm action=sign_out>
                        <button type="submit" class="ds-button button--on-brand" data-variant="secondary" data-size="sm">
                            {t!(i18n, sign_out)}
                        </button>
                    </ActionForm>
                </div>
            }
            .into_any(),
            _ => {
                let href = if here == "/logg-inn" {
                    here
                } else {
                    crate::core::web::with_next("/logg-inn", &here)
                };
                view! {
                    <p class="session-status">
                        <a href=href>{t!(i18n, sign_in)}</a>
                    </p>
                }
                .into_any()
            }
        }
    })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map().read_untracked();
    // The form carries only a safe target, whatever the link said.
    let next = crate::core::web::safe_local_path(&query.get("next").unwrap_or_default());
    // After a refused sign-in (the address keeps `?utlogget=1`), the refusal is the news and
    // takes focus, not the earlier "signed out" (issue 24).
    let signed_out = query.get("utlogget").is_some() && !crate::ui::follows_refused_post();
    let settings = crate::core::state::app_state()
        .map(|s| s.settings)
        .unwrap_or_default();
    // A sign-in the provider's side refused (issue 31): why, and what to do.
    let refused = query.get("sso").map(|code| sso_refusal(i18n, &code));
    let provider = settings.sso_provider.map(|name| {
        let href = crate::core::web::with_next("/logg-inn/sso", &next);
        view! {
            <p class="sso-choice">
                <a class="ds-button" data-variant="primary" href=href>
                    {t!(i18n, sso_button, provider = name.clone())}
                </a>
            </p>
        }
    });
    let sign_in = FormSpec::new::<SignIn>("sign-in", t_string!(i18n, sign_in_button))
        .hidden("next", next)
        .field(
            Field::text("email", t_string!(i18n, email_label))
                .input_type("email")
                .autocomplete("username"),
        )
        .field(Field::password(
            "password",
            t_string!(i18n, password_label),
            "current-password",
        ))
        .form_error_marks_fields();
    view! {
        <PageTitle text=move || t_string!(i18n, sign_in_title).to_string() />
        <h1>{t!(i18n, sign_in_heading)}</h1>
        {signed_out
            .then(|| {
                view! {
                    <SuccessNotice>
                        <p>{t!(i18n, signed_out_notice)}</p>
                    </SuccessNotice>
                }
            })}
        {refused
            .map(|text| {
                view! {
                    <Alert tone=Tone::Danger>
                        <p>{text}</p>
                    </Alert>
                }
            })}
        {provider}
        {(!settings.passwords_off).then(|| view! { <EnhancedForm locale spec=sign_in /> })}
        {Suspend::new(async move {
            let accounts = demo_accounts().await.unwrap_or_default();
            (!accounts.is_empty())
                .then(|| {
                    let password = accounts[0].password.clone();
                    view! {
                        <section aria-labelledby="demo-accounts" class="demo-accounts">
                            <h2 id="demo-accounts">{t!(i18n, demo_heading)}</h2>
                            <p>{t!(i18n, demo_text)} " " <code>{password}</code></p>
                            <DataTable label=t_string!(i18n, demo_heading).to_string()>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, email_label)}</th>
                                        <th scope="col">{t!(i18n, demo_col_role)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {accounts
                                        .into_iter()
                                        .map(|a| {
                                            view! {
                                                <tr>
                                                    <td>{a.email}</td>
                                                    <td>{role_label(i18n, a.role)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </DataTable>
                        </section>
                    }
                })
        })}
        <p>
            <a href="/">{t!(i18n, not_found_home)}</a>
        </p>
    }
}

/// The translated name of a role (None: employee).
pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: Option<Role>) -> String {
    match role {
        None => t_string!(i18n, role_employee),
        Some(Role::FundReviewer) => t_string!(i18n, role_fund_reviewer),
        Some(Role::InnovationCouncil) => t_string!(i18n, role_innovation_council),
        Some(Role::JuryMember) => t_string!(i18n, role_jury_member),
        Some(Role::PrizeCommittee) => t_string!(i18n, role_prize_committee),
        Some(Role::LupCoordinator) => t_string!(i18n, role_lup_coordinator),
        Some(Role::Manager) => t_string!(i18n, role_manager),
        Some(Role::Editor) => t_string!(i18n, role_editor),
        Some(Role::Admin) => t_string!(i18n, role_admin),
    }
    .to_string()
}

/// Why a sign-in through the provider was refused, and what to do, from the code the SSO pages
/// put in the address (`?sso=`); an unknown code reads as the general failure.
fn sso_refusal(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    match code {
        "email_missing" => t_string!(i18n, sso_email_missing),
        "email_unverified" => t_string!(i18n, sso_email_unverified),
        "unknown_person" => t_string!(i18n, sso_unknown_person),
        "deactivated" => t_string!(i18n, sso_deactivated),
        "email_taken" => t_string!(i18n, sso_email_taken),
        "cancelled" => t_string!(i18n, sso_cancelled),
        "unreachable" => t_string!(i18n, sso_unreachable),
        "expired" => t_string!(i18n, sso_expired),
        _ => t_string!(i18n, sso_failed),
    }
    .to_string()
}
