//! Tanketanken's front page (`/tanketanken`): the featured and the latest posts a reader may
//! read (a visitor: the public ones), filtered by tag, sector and author, searched; the
//! reader's drafts; the feeds.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::core::timefmt::{date_nb, oslo_date};
use crate::i18n::*;
use crate::posts::api::load_posts;
use crate::posts::domain::view::{FrontPage, PostRow};
use crate::posts::pages::labels::{authors, standing};
use crate::ui::{Card, PageTitle, Tag};

#[component]
pub fn PostsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |key: &str| query.with_untracked(|q| q.get(key));
    let (tag, sector, author, q, from) = (
        get("tagg"),
        get("sektor"),
        get("forfatter"),
        get("q"),
        get("fra"),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, posts_title).to_string() />
        <leptos_meta::Link rel="alternate" type_="application/atom+xml" href="/feed.atom" title="Tanketanken (Atom)" />
        <leptos_meta::Link rel="alternate" type_="application/rss+xml" href="/feed.rss" title="Tanketanken (RSS)" />
        <h1>{t!(i18n, posts_heading)}</h1>
        <p class="lead">{t!(i18n, posts_lead)}</p>
        {Suspend::new(async move {
            match load_posts(tag, sector, author, q, from).await {
                Ok(page) => view! { <Front page /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Front(page: FrontPage) -> impl IntoView {
    let i18n = use_i18n();
    if !page.signed_in {
        crate::posts::pages::answer_conditionally(page.stamp, "posts");
    }
    let filter = page.filter.clone();
    let filtered = filter != Default::default();
    let write = page.may_write.then(|| {
        view! {
            <p>
                <a class="ds-button" data-variant="primary" href="/tanketanken/ny">
                    {t!(i18n, posts_write_link)}
                </a>
            </p>
        }
    });
    let drafts = (!page.drafts.is_empty()).then(|| {
        view! {
            <section aria-labelledby="drafts-heading">
                <h2 id="drafts-heading">{t!(i18n, posts_drafts_heading)}</h2>
                <PostCards posts=page.drafts.clone() />
            </section>
        }
    });
    let featured = (!page.featured.is_empty()).then(|| {
        view! {
            <section aria-labelledby="featured-heading">
                <h2 id="featured-heading">{t!(i18n, posts_featured_heading)}</h2>
                <PostCards posts=page.featured.clone() />
            </section>
        }
    });
    let tag_choices = page.tags.clone();
    let sectors = page.sectors.clone();
    let chosen_tag = filter.tag.clone().unwrap_or_default();
    let chosen_sector = filter.sector_id.map(|s| s.to_string()).unwrap_or_default();
    let total = page.total;
    let next = (page.offset + page.limit < page.total).then(|| page.offset + page.limit);
    let previous = (page.offset > 0).then(|| page.offset.saturating_sub(page.limit));
    let link_to = {
        let filter = filter.clone();
        move |offset: u64| {
            let mut query = form_query(&filter);
            query.push(("fra".into(), offset.to_string()));
            let encoded: Vec<String> = query
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{k}={}",
                        percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
                    )
                })
                .collect();
            format!("/tanketanken?{}", encoded.join("&"))
        }
    };
    view! {
        {write}
        {drafts}
        {featured}
        <section aria-labelledby="latest-heading">
            <h2 id="latest-heading">{t!(i18n, posts_latest_heading)}</h2>
            <form method="get" action="/tanketanken" class="filters" role="search">
                <div class="ds-field">
                    <label class="ds-label" for="posts-q">{t!(i18n, posts_search_label)}</label>
                    <input class="ds-input" id="posts-q" name="q" type="search" value=filter.query.clone().unwrap_or_default() />
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="posts-tag">{t!(i18n, posts_tag_label)}</label>
                    <select class="ds-input" id="posts-tag" name="tagg">
                        <option value="">{t!(i18n, posts_all_tags)}</option>
                        {tag_choices
                            .into_iter()
                            .map(|(tag, count)| {
                                let selected = tag == chosen_tag;
                                view! {
                                    <option value=tag.clone() selected=selected>
                                        {format!("{tag} ({count})")}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="posts-sector">{t!(i18n, posts_sector_label)}</label>
                    <select class="ds-input" id="posts-sector" name="sektor">
                        <option value="">{t!(i18n, posts_all_sectors)}</option>
                        {sectors
                            .into_iter()
                            .map(|s| {
                                let selected = s.id.to_string() == chosen_sector;
                                view! { <option value=s.id.to_string() selected=selected>{s.name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                {filter.author_id.map(|a| view! { <input type="hidden" name="forfatter" value=a.to_string() /> })}
                <button class="ds-button" data-variant="secondary" type="submit">
                    {t!(i18n, posts_filter_button)}
                </button>
                {filtered.then(|| view! { <a href="/tanketanken">{t!(i18n, posts_clear_filter)}</a> })}
            </form>
            <p role="status">{format!("{total} {}", if total == 1 { t_string!(i18n, posts_count_one) } else { t_string!(i18n, posts_count_many) })}</p>
            <PostCards posts=page.posts />
            <nav aria-label=t_string!(i18n, posts_pages_label).to_string() class="pager">
                {previous.map(|o| view! { <a href=link_to(o) rel="prev">{t!(i18n, posts_previous)}</a> })}
                " "
                {next.map(|o| view! { <a href=link_to(o) rel="next">{t!(i18n, posts_next)}</a> })}
            </nav>
        </section>
        <p>
            {t!(i18n, posts_feeds)} " " <a href="/feed.atom">"Atom"</a> " · " <a href="/feed.rss">"RSS"</a>
        </p>
    }
}

/// The filter as query-string pairs.
fn form_query(filter: &crate::posts::domain::view::PostFilter) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Some(q) = &filter.query {
        pairs.push(("q".into(), q.clone()));
    }
    if let Some(tag) = &filter.tag {
        pairs.push(("tagg".into(), tag.clone()));
    }
    if let Some(s) = filter.sector_id {
        pairs.push(("sektor".into(), s.to_string()));
    }
    if let Some(a) = filter.author_id {
        pairs.push(("forfatter".into(), a.to_string()));
    }
    pairs
}

/// Posts as cards: title, summary, who and when, tags.
#[component]
pub fn PostCards(posts: Vec<PostRow>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if posts.is_empty() {
        return view! { <p>{t!(i18n, posts_none)}</p> }.into_any();
    }
    view! {
        <div class="card-list">
            {posts
                .into_iter()
                .map(|p| {
                    let when = p.published_at.map(|at| date_nb(oslo_date(at))).unwrap_or_default();
                    let state = standing(locale, &p);
                    let by = authors(&p);
                    view! {
                        <Card title=p.title.clone() href=format!("/tanketanken/{}", p.id)>
                            <p>{p.summary.clone()}</p>
                            <p class="meta">
                                {by} " · " {when} " · " {state}
                                {p.sector.as_ref().map(|s| format!(" · {}", s.name))}
                            </p>
                            <p class="tags">
                                {p.tags.iter().map(|t| view! { <Tag text=t.clone() /> " " }).collect_view()}
                            </p>
                        </Card>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}
