//! Designsystemet's components as Idéverket's building blocks (issue 10): the markup and
//! classes of `@digdir/designsystemet-css`, whose stylesheet `style/build.mjs` bundles. Pages
//! use these instead of writing the classes themselves, so a change of the design system's
//! markup is made here once. All render on the server and need no JavaScript.

use leptos::prelude::*;

/// An alert's colour and meaning (`data-color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Danger,
}

impl Tone {
    fn color(self) -> &'static str {
        match self {
            Tone::Info => "info",
            Tone::Success => "success",
            Tone::Warning => "warning",
            Tone::Danger => "danger",
        }
    }
}

/// A message box. A danger alert is announced at once (`role="alert"`), a success as a
/// status; info and warning are plain text in the page.
#[component]
pub fn Alert(tone: Tone, children: Children) -> impl IntoView {
    let role = match tone {
        Tone::Danger => Some("alert"),
        Tone::Success => Some("status"),
        Tone::Info | Tone::Warning => None,
    };
    view! {
        <div class="ds-alert" data-color=tone.color() role=role>
            {children()}
        </div>
    }
}

/// A table in its own horizontal scroll box, so a wide table never widens the page on a
/// narrow screen (WCAG 1.4.10). The box can take keyboard focus to be scrolled, and is named
/// by `label` for screen readers. The children are the table's caption, head and body.
#[component]
pub fn DataTable(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="ds-table">{children()}</table>
        </div>
    }
}

/// A short label (a role, a phase, a category).
#[component]
pub fn Tag(#[prop(into)] text: String) -> impl IntoView {
    view! {
        <span class="ds-tag" data-color="neutral">
            {text}
        </span>
    }
}

/// A card: a heading that links to `href`, and what the children say about it. The whole
/// card is one link target for the pointer, the heading's link for the keyboard.
#[component]
pub fn Card(
    #[prop(into)] title: String,
    #[prop(into)] href: String,
    children: Children,
) -> impl IntoView {
    view! {
        <article class="ds-card">
            <h3 class="ds-heading" data-size="xs">
                <a class="ds-link" href=href>
                    {title}
                </a>
            </h3>
            {children()}
        </article>
    }
}

/// One link of a [`Pagination`] or [`Tabs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// Links to other pages of a list: previous, next, and numbered pages if given. Plain links,
/// so it works without JavaScript; the current page is marked for assistive technology.
#[component]
pub fn Pagination(#[prop(into)] label: String, links: Vec<NavLink>) -> impl IntoView {
    view! {
        <nav class="ds-pagination" aria-label=label>
            <ul>
                {links
                    .into_iter()
                    .map(|link| {
                        let variant = if link.current { "primary" } else { "tertiary" };
                        view! {
                            <li>
                                <a
                                    class="ds-button"
                                    data-variant=variant
                                    href=link.href
                                    aria-current=link.current.then_some("page")
                                >
                                    {link.label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Views of one thing as tabs that are links (each view its own URL, so it works without
/// JavaScript and can be bookmarked): Designsystemet's tab look, a navigation's semantics.
#[component]
pub fn Tabs(#[prop(into)] label: String, links: Vec<NavLink>) -> impl IntoView {
    view! {
        <nav class="ds-tabs tabs--links" aria-label=label>
            <ul>
                {links
                    .into_iter()
                    .map(|link| {
                        view! {
                            <li>
                                <a href=link.href aria-current=link.current.then_some("page")>
                                    {link.label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn html(view: impl IntoView + 'static) -> String {
        let owner = Owner::new();
        owner.with(|| view.into_view().to_html())
    }

    #[test]
    fn a_danger_alert_is_announced_and_a_success_is_a_status() {
        let danger = html(view! { <Alert tone=Tone::Danger>"Feil"</Alert> });
        assert!(
            danger.contains(r#"class="ds-alert" data-color="danger" role="alert""#),
            "{danger}"
        );
        let success = html(view! { <Alert tone=Tone::Success>"Lagret"</Alert> });
        assert!(
            success.contains(r#"data-color="success" role="status""#),
            "{success}"
        );
        let info = html(view! { <Alert tone=Tone::Info>"Merk"</Alert> });
        assert!(!info.contains("role="), "{info}");
    }

    #[test]
    fn a_table_scrolls_in_a_named_focusable_box() {
        let table = html(view! {
            <DataTable label="Brukere">
                <tbody>
                    <tr>
                        <td>"x"</td>
                    </tr>
                </tbody>
            </DataTable>
        });
        assert!(
            table.contains(r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Brukere"><table class="ds-table">"#),
            "{table}"
        );
    }

    #[test]
    fn pagination_and_tabs_mark_only_the_current_link() {
        let links = vec![
            NavLink {
                label: "1".into(),
                href: "?side=1".into(),
                current: true,
            },
            NavLink {
                label: "2".into(),
                href: "?side=2".into(),
                current: false,
            },
        ];
        let pages = html(view! { <Pagination label="Sider" links=links.clone() /> });
        assert_eq!(
            pages.matches(r#"aria-current="page""#).count(),
            1,
            "{pages}"
        );
        assert!(
            pages.contains(r#"data-variant="primary" href="?side=1" aria-current="page""#),
            "{pages}"
        );
        let tabs = html(view! { <Tabs label="Visninger" links /> });
        assert_eq!(tabs.matches(r#"aria-current="page""#).count(), 1, "{tabs}");
    }

    #[test]
    fn a_card_links_its_heading_and_a_tag_is_a_neutral_label() {
        let card = html(view! { <Card title="LUP" href="/lup">"Lederutvikling"</Card> });
        assert!(
            card.contains(r#"<a class="ds-link" href="/lup">LUP</a>"#),
            "{card}"
        );
        let tag = html(view! { <Tag text="Leder" /> });
        assert!(
            tag.contains(r#"<span class="ds-tag" data-color="neutral">Leder</span>"#),
            "{tag}"
        );
    }
}
