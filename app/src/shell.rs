//! The HTML document, the app shell (header, navigation, footer) and the routes. Rendered on
//! the server only (islands mode): the browser gets HTML, and wasm only for the islands in it.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{SsrMode, StaticSegment};
use leptos_use::{SameSite, UseCookieOptions, UseLocalesOptions};

use crate::auth::nav::NavEntry;
use crate::auth::pages::{SessionStatus, SignInPage};
use crate::core::assets::{ICON, STYLESHEET};
use crate::core::web::{LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_SECS, with_next};
use crate::i18n::*;
use crate::pages::{AccessibilityPage, HomePage, NotFoundPage, SearchPage};
use crate::registry::FeatureRoutes;

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The hashed file names (outside a request, at route listing, the plain ones).
    let assets = use_context::<crate::core::state::AppState>()
        .map(|state| state.assets)
        .unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                // Without an icon link, browsers ask for /favicon.ico on every page.
                <link rel="icon" href=assets.url(ICON) type="image/svg+xml" />
                <link rel="stylesheet" href=assets.url(STYLESHEET) />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// What `HydrationScripts islands=true` does, except that the wasm is loaded only on a page
/// that has an island (issue 25): no preload hints (the head is sent before the page knows),
/// and a loader that looks for `<leptos-island>` first (`island_loader.js`). The server's
/// rendering is told it is not hydrating, as Leptos's own component does in islands mode.
#[component]
fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let output = options.output_name.to_string();
    let wasm = format!("{output}_bg");
    let pkg = options.site_pkg_dir.to_string();
    let nonce = leptos::nonce::use_nonce();
    let loader = include_str!("island_loader.js");
    view! {
        // The server takes this script out of a page that has no island
        // (`server::island_loader`, which finds it by this attribute).
        <script type="module" nonce=nonce data-island-loader="">
            {format!("{loader}(\"\", {pkg:?}, {output:?}, {wasm:?});")}
        </script>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_page_i18n();
    view! {
        // Finds the context `provide_page_i18n` made and uses it; it adds `lang` to <html>.
        <I18nContextProvider>
            <Title formatter=|title: String| format!("{title} – Idéverket") />
            <Router>
                <Layout />
            </Router>
        </I18nContextProvider>
    }
}

/// Provides the page's language, read from the language cookie (bokmål unless the user chose
/// otherwise; the browser's Accept-Language is not used).
///
/// leptos_i18n's context starts an isomorphic effect that writes the cookie back, also on the
/// server, as a task of its own. When that task ran on another thread while leptos cleaned the
/// finished page up, it read the disposed language signal and panicked (issue 11). On the server
/// the cookie is set by `/lang/{code}` and the sign-in and profile forms, never by rendering, so
/// the context lives under an owner of its own:
/// - in the page's arena (signals are looked up there) but not among the page's children, so
///   the page's clean-up does not dispose it;
/// - paused at once, so its effects do not run from then on;
/// - dropped a while after the page ended, when a run that had started before the pause is
///   long over (a run is synchronous and takes microseconds).
fn provide_page_i18n() -> leptos_i18n::I18nContext<Locale> {
    use std::borrow::Cow;
    // The detached owner does not see the request in the page's context: hand it the cookies.
    let cookies = use_context::<axum::http::request::Parts>().and_then(|parts| {
        let header = parts.headers.get(axum::http::header::COOKIE)?;
        header.to_str().ok().map(str::to_owned)
    });
    let cookie_options = UseCookieOptions::default()
        .path("/")
        .max_age(LANGUAGE_COOKIE_MAX_AGE_SECS * 1000)
        .same_site(SameSite::Lax)
        .ssr_cookies_header_getter(move || cookies.clone());
    let options = leptos_i18n::context::I18nContextOptions::<Locale> {
        enable_cookie: true,
        cookie_name: Cow::Borrowed(LANGUAGE_COOKIE),
        cookie_options,
        ssr_lang_header_getter: UseLocalesOptions::default().ssr_lang_header_getter(|| None),
    };
    let detached = detached_owner();
    let i18n = detached.with(|| leptos_i18n::context::init_i18n_context_with_options(options));
    detached.pause();
    provide_context(i18n);
    on_cleanup(move || {
        leptos::task::spawn(async move {
            tokio::time::sleep(DETACHED_GRACE).await;
            drop(detached);
        });
    });
    i18n
}

/// How long the language context outlives its page.
const DETACHED_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// An owner in the current owner's arena that is nobody's child: made as a grandchild, then
/// its parent forgets it (`cleanup` empties the list of children) and goes.
fn detached_owner() -> Owner {
    let parent = Owner::current().unwrap_or_default().child();
    let detached = parent.with(Owner::new);
    parent.cleanup();
    detached
}

/// The main menu's first entry; each feature's follow (`registry::FEATURES`).
const HOME: NavEntry = NavEntry {
    href: "/",
    label: |locale| td_string!(locale, nav_home).to_string(),
    requires: None,
};

#[component]
fn Layout() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="ds-skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="brand">
                    <span class="brand__name">{t!(i18n, app_name)}</span>
                    <span class="brand__tagline">{t!(i18n, app_tagline)}</span>
                </a>
                <div class="site-header__tools">
                    <a class="ds-link" href="/sok">{t!(i18n, nav_search)}</a>
                    <SessionStatus />
                    <LanguageLink />
                </div>
            </div>
            // One menu for a wide screen, one behind "Meny" for a phone (issue 30): a disclosure
            // the browser opens and closes itself, so it needs no WebAssembly and the pages
            // without an island stay without the bundle. The stylesheet shows one of the two;
            // the other is `display: none`, out of the accessibility tree and the tab order.
            <nav class="main-nav" aria-label=t_string!(i18n, nav_label).to_string()>
                <div class="main-nav__wide">
                    <MainMenu />
                </div>
                <details class="main-nav__compact">
                    <summary>{t!(i18n, nav_menu_button)}</summary>
                    <MainMenu />
                </details>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <Routes fallback=NotFoundPage>
                <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async />
                <Route
                    path=StaticSegment("tilgjengelighet")
                    view=AccessibilityPage
                    ssr=SsrMode::Async
                />
                <Route path=StaticSegment("logg-inn") view=SignInPage ssr=SsrMode::Async />
                <Route path=StaticSegment("sok") view=SearchPage ssr=SsrMode::Async />
                <Route
                    path=StaticSegment("api-dokumentasjon")
                    view=crate::api_docs::ApiPage
                    ssr=SsrMode::Async
                />
                <FeatureRoutes />
            </Routes>
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_about)}</p>
            <p>
                <a href="/tilgjengelighet">{t!(i18n, footer_accessibility)}</a>
                " · "
                <a href="/api-dokumentasjon">{t!(i18n, footer_api)}</a>
            </p>
        </footer>
    }
}

/// The menu entries the acting user may use; the current page is marked for assistive
/// technology. The longest matching entry is the current one (`/admin/organisasjon` rather
/// than `/organisasjon`'s section).
#[component]
fn MainMenu() -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let path = use_location().pathname.get_untracked();
    Suspend::new(async move {
        let actor = crate::auth::service::current_actor()
            .await
            .unwrap_or(crate::auth::Actor::Anonymous);
        let entries: Vec<&NavEntry> = std::iter::once(&HOME)
            .chain(crate::registry::nav_entries())
            .filter(|entry| entry.shown_to(&actor))
            .collect();
        let current = entries
            .iter()
            .filter(|entry| entry.is_current(&path))
            .map(|entry| entry.href)
            .max_by_key(|href| href.len());
        view! {
            <ul>
                {entries
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <a
                                    href=entry.href
                                    aria-current=(current == Some(entry.href)).then_some("page")
                                >
                                    {(entry.label)(locale)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// Link to the other language: the server's `/lang/{code}` route sets the cookie and sends
/// the browser back to this page, which then renders in that language.
#[component]
fn LanguageLink() -> impl IntoView {
    let i18n = use_i18n();
    let other = match i18n.get_locale_untracked() {
        Locale::nb => Locale::en,
        Locale::en => Locale::nb,
    };
    let label = match other {
        Locale::nb => "Norsk (bokmål)",
        Locale::en => "English",
    };
    let href = with_next(
        &format!("/lang/{}", other.as_str()),
        &use_location().pathname.get_untracked(),
    );
    view! {
        <p class="language-switch">
            <span class="visually-hidden">{t!(i18n, language_label)} ": "</span>
            <a href=href lang=other.as_str() hreflang=other.as_str()>
                {label}
            </a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use leptos::prelude::*;

    /// leptos_i18n's cookie effect ran as a task of its own on the server; when a page ended
    /// while that task ran on another thread, it read a disposed signal and panicked (issue 11,
    /// 1 CI run in 6). Here pages end as leptos ends them (a forced clean-up) just after they
    /// start, while their tasks start on the other worker threads: no task may panic.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn pages_that_end_at_once_leave_no_language_task_to_panic() {
        let _ = any_spawner::Executor::init_tokio();
        let panics = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&panics);
        std::panic::set_hook(Box::new(move |info| {
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                eprintln!("{info}");
            }
        }));

        for _ in 0..3000 {
            let page = Owner::new_root(None);
            let locale = page.with(|| super::provide_page_i18n().get_locale_untracked());
            assert_eq!(locale, crate::i18n::Locale::nb);
            tokio::task::yield_now().await;
            page.unset_with_forced_cleanup();
        }
        // The language contexts are dropped after their grace period, and nothing runs then.
        tokio::time::sleep(super::DETACHED_GRACE * 2).await;

        let _ = std::panic::take_hook();
        assert_eq!(panics.load(Ordering::SeqCst), 0, "a language task panicked");
    }
}
