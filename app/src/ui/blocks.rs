//! Designsystemet's components as Idéverket's building blocks (issue 10): the markup and
//! classes of `@digdir/designsystemet-css`, whose stylesheet `style/build.mjs` bundles. Pages
//! use these instead of writing the classes themselves, so a change of the design system's
//! markup is made here once. All render on the server and need no JavaScript.

use leptos::prelude::*;

use crate::i18n::*;

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

/// The message that confirms what the user just did (a save, a removal, a sign-out), shown
/// on the page the action led to. It takes focus when the page loads (`autofocus`, so also
/// without the WebAssembly): a screen reader reads it, and the keyboard goes on from where
/// the user was working rather than from the top (issue 24, WCAG 2.4.3 and 4.1.3).
#[component]
pub fn SuccessNotice(children: Children) -> impl IntoView {
    view! {
        <div class="ds-alert" data-color="success" role="status" tabindex="-1" autofocus>
            {children()}
        </div>
    }
}

/// A table in its own horizontal scroll box, so a wide table never widens the page on a
/// narrow screen (WCAG 1.4.10). The box can take keyboard focus to be scrolled, and is named
/// for screen readers after `label`, as a table ("Brukere (tabell)"): a section headed by the
/// same words is a landmark of its own, and two landmarks of one name cannot be told apart
/// (issue 24). The children are the table's caption, head and body.
#[component]
pub fn DataTable(#[prop(into)] label: String, children: Children) -> impl IntoView {
    let name = format!(
        "{label} ({})",
        td_string!(super::current_locale(), table_word)
    );
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=name>
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
    /// Where the title leads; none: the title is plain text.
    #[prop(into)]
    href: Option<String>,
    children: Children,
) -> impl IntoView {
    let heading = match href {
        Some(href) => view! { <a class="ds-link" href=href>{title}</a> }.into_any(),
        None => title.into_any(),
    };
    view! {
        <article class="ds-card">
            <h3 class="ds-heading" data-size="xs">
                {heading}
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

impl NavLink {
    /// The links to the pages before and after `page` of a list (none where there is none):
    /// `link(offset)` makes each address, the labels are the page's words.
    pub fn previous_next<T>(
        page: &crate::core::paging::Paged<T>,
        (previous, next): (String, String),
        link: impl Fn(u64) -> String,
    ) -> Vec<NavLink> {
        let before =
            (page.offset > 0).then(|| (previous, link(page.offset.saturating_sub(page.limit))));
        let after = page
            .has_next()
            .then(|| (next, link(page.offset + page.limit)));
        [before, after]
            .into_iter()
            .flatten()
            .map(|(label, href)| NavLink {
                label,
                href,
                current: false,
            })
            .collect()
    }
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

    #[test]
    fn a_page_links_to_its_neighbours_only_where_they_exist() {
        let page = |offset, items: usize| crate::core::paging::Paged {
            items: vec![0; items],
            total: 120,
            limit: 50,
            offset,
        };
        let labels = || ("Forrige".to_owned(), "Neste".to_owned());
        let hrefs = |offset, items| {
            NavLink::previous_next(&page(offset, items), labels(), |o| format!("?offset={o}"))
                .into_iter()
                .map(|l| (l.label, l.href))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            hrefs(0, 50),
            [("Neste".to_owned(), "?offset=50".to_owned())]
        );
        assert_eq!(
            hrefs(50, 50),
            [
                ("Forrige".to_owned(), "?offset=0".to_owned()),
                ("Neste".to_owned(), "?offset=100".to_owned())
            ]
        );
        assert_eq!(
            hrefs(100, 20),
            [("Forrige".to_owned(), "?offset=50".to_owned())]
        );
        assert_eq!(hrefs(30, 50)[0].1, "?offset=0", "never a negative offset");
    }

    /// The server's HTML of a view, without Leptos's hydration markers (`<!>`).
    fn html(view: impl IntoView + 'static) -> String {
        let owner = Owner::new();
        owner.with(|| view.into_view().to_html()).replace("<!>", "")
    }

    /// The opening tag that contains `marker`; attributes are checked one by one, as their
    /// order in the output is Leptos's business.
    fn tag_with<'a>(html: &'a str, marker: &str) -> &'a str {
        let at = html
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} not in {html}"));
        let start = html[..at].rfind('<').unwrap_or(0);
        let end = at + html[at..].find('>').unwrap_or(html.len() - at - 1);
        &html[start..=end]
    }

    fn has_all(tag: &str, attributes: &[&str]) -> bool {
        attributes.iter().all(|a| tag.contains(a))
    }

    #[test]
    fn a_danger_alert_is_announced_and_a_success_is_a_status() {
        let danger = html(view! { <Alert tone=Tone::Danger>"Feil"</Alert> });
        let tag = tag_with(&danger, r#"class="ds-alert""#);
        assert!(
            has_all(tag, &[r#"data-color="danger""#, r#"role="alert""#]),
            "{tag}"
        );
        let success = html(view! { <Alert tone=Tone::Success>"Lagret"</Alert> });
        let tag = tag_with(&success, r#"class="ds-alert""#);
        assert!(
            has_all(tag, &[r#"data-color="success""#, r#"role="status""#]),
            "{tag}"
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
        let wrap = tag_with(&table, r#"class="table-wrap""#);
        assert!(
            has_all(
                wrap,
                &[
                    r#"tabindex="0""#,
                    r#"role="region""#,
                    r#"aria-label="Brukere (tabell)""#
                ]
            ),
            "{wrap}"
        );
        assert!(
            table.contains(r#"<table class="ds-table"><tbody>"#),
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
        let current = tag_with(&pages, r#"href="?side=1""#);
        assert!(
            has_all(
                current,
                &[r#"data-variant="primary""#, r#"aria-current="page""#]
            ),
            "{current}"
        );
        let other = tag_with(&pages, r#"href="?side=2""#);
        assert!(other.contains(r#"data-variant="tertiary""#), "{other}");
        let tabs = html(view! { <Tabs label="Visninger" links /> });
        assert_eq!(tabs.matches(r#"aria-current="page""#).count(), 1, "{tabs}");
    }

    #[test]
    fn a_card_links_its_heading_and_a_tag_is_a_neutral_label() {
        let card = html(view! { <Card title="LUP" href="/lup".to_owned()>"Lederutvikling"</Card> });
        let link = tag_with(&card, r#"href="/lup""#);
        assert!(link.contains(r#"class="ds-link""#), "{link}");
        assert!(
            card.contains(">LUP</a>") && card.contains("Lederutvikling"),
            "{card}"
        );
        // Without an address the title is plain text (a published prize year's category,
        // for a visitor).
        let plain = html(view! { <Card title="Beste feil" href=None>"Juryen"</Card> });
        assert!(
            !plain.contains("href") && plain.contains(">Beste feil</h3>"),
            "{plain}"
        );
        let tag = html(view! { <Tag text="Leder" /> });
        let span = tag_with(&tag, r#"class="ds-tag""#);
        assert!(span.contains(r#"data-color="neutral""#), "{span}");
        assert!(tag.contains(">Leder</span>"), "{tag}");
    }
}
