//! Sign-in page and the signed-in area of the header.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use crate::auth::Role;
use crate::auth::api::{SignIn, SignOut, SignedInUser, current_user, demo_accounts};
use crate::core::error::AppError;
use crate::core::error::SignInRefusal;
use crate::i18n::*;
use crate::ui::PageTitle;

/// Shared by the header, the sign-in page and admin pages: who is signed in, the sign-out
/// action, and a counter bumped after a sign-in, so all of them refresh after either.
#[derive(Clone, Copy)]
pub struct AuthActions {
    pub sign_out: ServerAction<SignOut>,
    pub signed_in: RwSignal<usize>,
    pub user: Resource<Result<Option<SignedInUser>, AppError>>,
}

impl AuthActions {
    pub fn provide() {
        let sign_out = ServerAction::new();
        let signed_in = RwSignal::new(0);
        let user = Resource::new(
            move || (signed_in.get(), sign_out.version().get()),
            |_| current_user(),
        );
        provide_context(Self {
            sign_out,
            signed_in,
            user,
        });
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

/// "Signed in as …" with a sign-out button, or a sign-in link.
#[component]
pub fn SessionStatus() -> impl IntoView {
    let i18n = use_i18n();
    let actions = AuthActions::get();
    let user = actions.user;
    let location = use_location();
    let sign_in_href = move || {
        let here = location.pathname.get();
        if here == "/logg-inn" {
            here
        } else {
            crate::core::web::with_next("/logg-inn", &here)
        }
    };
    view! {
        <Transition fallback=move || view! { <p class="session-status">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => {
                        view! {
                            <div class="session-status">
                                <p>
                                    {t!(i18n, signed_in_as)} " "
                                    <a href="/profil" class="session-status__profile">
                                        <strong>{user.name}</strong>
                                    </a>
                                </p>
                                <ActionForm action=actions.sign_out>
                                    <button type="submit" class="button button--quiet">
                                        {t!(i18n, sign_out)}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <p class="session-status">
                                <a href=sign_in_href>{t!(i18n, sign_in)}</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The admin menu item, for administrators only.
#[component]
pub fn AdminNavLink() -> impl IntoView {
    let i18n = use_i18n();
    let user = AuthActions::get().user;
    view! {
        <Transition>
            {move || Suspend::new(async move {
                matches!(user.await, Ok(Some(u)) if u.is_admin)
                    .then(|| {
                        view! {
                            <li>
                                <A href="/admin/brukere">{t!(i18n, nav_admin)}</A>
                            </li>
                            <li>
                                <A href="/admin/organisasjon">{t!(i18n, nav_admin_org)}</A>
                            </li>
                            <li>
                                <A href="/admin/logg">{t!(i18n, nav_admin_audit)}</A>
                            </li>
                        }
                    })
            })}
        </Transition>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    // Created here, inside <Routes>: after a form post without JavaScript the router hands
    // the server function's error (from the URL) only to actions created below it.
    let action = ServerAction::<SignIn>::new();
    let signed_in = AuthActions::get().signed_in;
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            signed_in.update(|n| *n += 1);
        }
    });
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".to_owned());
    let refusal = move || match action.value().get() {
        Some(Err(AppError::SignIn(refusal))) => Some(Ok(refusal)),
        Some(Err(other)) => Some(Err(other)),
        _ => None,
    };
    let has_error = move || refusal().is_some();
    let demo = Resource::new(|| (), |_| demo_accounts());
    view! {
        <PageTitle text=move || t_string!(i18n, sign_in_title).to_string() />
        <h1>{t!(i18n, sign_in_heading)}</h1>
        {move || {
            refusal()
                .map(|refusal| {
                    let text = match refusal {
                        Ok(SignInRefusal::WrongCredentials) => t!(i18n, sign_in_wrong).into_any(),
                        Ok(SignInRefusal::TooManyAttempts { retry_after_secs }) => {
                            let minutes = (retry_after_secs + 59) / 60;
                            t!(i18n, sign_in_too_many, minutes = minutes).into_any()
                        }
                        Err(_) => t!(i18n, error_internal).into_any(),
                    };
                    view! {
                        <div class="alert alert--error" role="alert" id="sign-in-error">
                            <p>{text}</p>
                        </div>
                    }
                })
        }}
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="next" value=next />
            <div class="field">
                <label for="email">{t!(i18n, email_label)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=move || has_error().then_some("sign-in-error")
                />
            </div>
            <div class="field">
                <label for="password">{t!(i18n, password_label)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=move || has_error().then_some("sign-in-error")
                />
            </div>
            <button type="submit" class="button">
                {t!(i18n, sign_in_button)}
            </button>
        </ActionForm>
        <Suspense>
            {move || Suspend::new(async move {
                let accounts = demo.await.unwrap_or_default();
                (!accounts.is_empty())
                    .then(|| {
                        let password = accounts[0].password.clone();
                        view! {
                            <section aria-labelledby="demo-accounts" class="demo-accounts">
                                <h2 id="demo-accounts">{t!(i18n, demo_heading)}</h2>
                                <p>
                                    {t!(i18n, demo_text)} " " <code>{password}</code>
                                </p>
                                <table class="data-table">
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
                                </table>
                            </section>
                        }
                    })
            })}
        </Suspense>
        <p>
            <A href="/">{t!(i18n, not_found_home)}</A>
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
