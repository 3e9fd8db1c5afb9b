//! The HTML document, the app shell (header, navigation, footer) and the routes.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, SsrMode, StaticSegment};
use leptos_use::{SameSite, UseCookieOptions, UseLocalesOptions};

use crate::auth::pages::{AdminNavLink, AuthActions, SessionStatus, SignInPage};
use crate::core::web::{LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_SECS, with_next};
use crate::i18n::*;
use crate::org::pages::OrganisationPage;
use crate::pages::{AccessibilityPage, HomePage, NotFoundPage};
use crate::users::pages::AdminUsersPage;

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                // Without an icon link, browsers ask for /favicon.ico on every page.
                <link rel="icon" href="/pkg/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let cookie_options = UseCookieOptions::default()
        .path("/")
        .max_age(LANGUAGE_COOKIE_MAX_AGE_SECS * 1000)
        .same_site(SameSite::Lax);
    // Bokmål unless the user chose otherwise: the browser's Accept-Language is not used.
    let no_accept_language = UseLocalesOptions::default().ssr_lang_header_getter(|| None);
    view! {
        <I18nContextProvider
            cookie_name=LANGUAGE_COOKIE
            cookie_options=cookie_options
            ssr_lang_header_getter=no_accept_language
        >
            <Stylesheet id="leptos" href="/pkg/ideverket.css" />
            <TitleFormatter />
            <Router>
                <Layout />
            </Router>
        </I18nContextProvider>
    }
}

/// "Page – Idéverket". The product name is the same in both languages, so the formatter
/// reads no reactive value (see `PageTitle` for why that matters on the server).
#[component]
fn TitleFormatter() -> impl IntoView {
    view! { <Title formatter=|title: String| format!("{title} – Idéverket") /> }
}

#[component]
fn Layout() -> impl IntoView {
    AuthActions::provide();
    let i18n = use_i18n();
    // Tests and styles can tell a hydrated page from a server-rendered one.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand">
                    <span class="brand__name">{t!(i18n, app_name)}</span>
                    <span class="brand__tagline">{t!(i18n, app_tagline)}</span>
                </A>
                <div class="site-header__tools">
                    <SessionStatus />
                    <LanguageSwitch />
                </div>
            </div>
            <nav class="main-nav" aria-label=move || t_string!(i18n, nav_label).to_string()>
                <ul>
                    <li>
                        <A href="/" exact=true>
                            {t!(i18n, nav_home)}
                        </A>
                    </li>
                    <li>
                        <A href="/organisasjon">{t!(i18n, nav_organisation)}</A>
                    </li>
                    <AdminNavLink />
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <Routes fallback=NotFoundPage>
                <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                <Route
                    path=StaticSegment("organisasjon")
                    view=OrganisationPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=StaticSegment("tilgjengelighet")
                    view=AccessibilityPage
                    ssr=SsrMode::Async
                />
                <Route path=StaticSegment("logg-inn") view=SignInPage ssr=SsrMode::Async />
                <Route
                    path=StaticSegment("api-dokumentasjon")
                    view=crate::api_docs::ApiPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("brukere"))
                    view=AdminUsersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("brukere"), ParamSegment("id"))
                    view=crate::users::detail::AdminUserPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("organisasjon"))
                    view=crate::org::admin::AdminOrganisationPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(
                        StaticSegment("admin"),
                        StaticSegment("organisasjon"),
                        StaticSegment("steder"),
                        ParamSegment("id"),
                    )
                    view=crate::org::admin::AdminSitePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("admin"), StaticSegment("logg"))
                    view=crate::audit::pages::AuditLogPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=StaticSegment("profil")
                    view=crate::users::profile::ProfilePage
                    ssr=SsrMode::Async
                />
            </Routes>
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_about)}</p>
            <p>
                <A href="/tilgjengelighet">{t!(i18n, footer_accessibility)}</A>
                " · "
                <A href="/api-dokumentasjon">{t!(i18n, footer_api)}</A>
            </p>
        </footer>
    }
}

/// Link to the other language. Without JavaScript it is a plain link to the server's
/// `/lang/{code}` route (sets the cookie, redirects back); once hydrated it switches in place.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || match i18n.get_locale() {
        Locale::nb => Locale::en,
        Locale::en => Locale::nb,
    };
    let label = move || match other() {
        Locale::nb => "Norsk (bokmål)",
        Locale::en => "English",
    };
    let href = move || {
        let back = location.pathname.get();
        with_next(&format!("/lang/{}", other().as_str()), &back)
    };
    view! {
        <p class="language-switch">
            <span class="visually-hidden">{t!(i18n, language_label)} ": "</span>
            <a
                href=href
                lang=move || other().as_str()
                hreflang=move || other().as_str()
                on:click=move |ev| {
                    ev.prevent_default();
                    i18n.set_locale(other());
                }
            >
                {label}
            </a>
        </p>
    }
}
