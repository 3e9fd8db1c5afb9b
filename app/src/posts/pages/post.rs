//! A post (`/tanketanken/{id}`): its text, who wrote it, its links, reactions and comments,
//! and the steps its authors and the editors may take. A visitor reads a public post with
//! its OpenGraph and Twitter-card description, and the page answers conditional requests.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::{date_nb, oslo_date, oslo_datetime};
use crate::i18n::*;
use crate::posts::api::{
    AddComment, DeleteComment, FeaturePost, HideComment, PublishPost, ReactToPost, load_post,
};
use crate::posts::domain::post::{REACTIONS, Status, Visibility};
use crate::posts::domain::view::PostView;
use crate::posts::pages::front::PostCards;
use crate::posts::pages::labels::{link_label, reaction_label, standing};
use crate::ui::{Alert, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice, Tag, Tone, route_id};

#[component]
pub fn PostPage() -> impl IntoView {
    let id = route_id();
    Suspend::new(async move {
        let flash = crate::auth::service::take_flash().await.ok().flatten();
        match load_post(id).await {
            Ok(post) => view! { <Post post flash /> }.into_any(),
            Err(error) => {
                let i18n = use_i18n();
                view! {
                    <PageTitle text=move || t_string!(i18n, posts_title).to_string() />
                    <ErrorPage error />
                }
                .into_any()
            }
        }
    })
}

#[component]
fn Post(post: PostView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = post.row.id;
    let public = post.row.status == Status::Published && post.row.visibility == Visibility::Public;
    if !post.signed_in && public {
        crate::posts::pages::answer_conditionally(post.stamp, &format!("post{id}"));
    }
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let origin = use_context::<axum::http::request::Parts>()
        .map(|parts| {
            let secure = crate::core::state::app_state()
                .map(|s| s.settings.secure_cookies)
                .unwrap_or(false);
            crate::posts::public::origin(&parts.headers, secure)
        })
        .unwrap_or_default();
    let canonical = format!("{origin}/tanketanken/{id}");
    // Only a public post describes itself for link previews: an internal one says nothing.
    // The tags render under this component's owner (inside the page's `Suspend` the
    // renderer has none, and the head's context would not be found).
    let preview = public.then(|| {
        let image = post.row.cover.as_ref().map(|c| format!("{origin}{}", c.url));
        view! {
            <Link rel="canonical" href=canonical.clone() />
            <Meta property="og:type" content="article" />
            <Meta property="og:site_name" content="Idéverket – Tanketanken" />
            <Meta property="og:title" content=post.row.title.clone() />
            <Meta property="og:description" content=post.row.summary.clone() />
            <Meta property="og:url" content=canonical.clone() />
            <Meta property="og:locale" content="nb_NO" />
            <Meta name="description" content=post.row.summary.clone() />
            <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
            <Meta name="twitter:title" content=post.row.title.clone() />
            <Meta name="twitter:description" content=post.row.summary.clone() />
            {image.map(|url| view! {
                <Meta property="og:image" content=url.clone() />
                <Meta name="twitter:image" content=url />
            })}
        }
    })
    .map(leptos::tachys::reactive_graph::OwnedView::new);
    let title = post.row.title.clone();
    let when = post
        .row
        .published_at
        .map(|at| date_nb(oslo_date(at)))
        .unwrap_or_default();
    let state = standing(locale, &post.row);
    let notice = (done("post") || done("publish") || done("feature")).then(|| {
        view! { <SuccessNotice><p>{t!(i18n, posts_saved_notice)}</p></SuccessNotice> }
    });
    let cover = post.row.cover.clone().map(|c| {
        view! { <img class="cover" src=c.url alt=c.alt width=c.width height=c.height /> }
    });
    let authors = post
        .row
        .authors
        .iter()
        .map(|a| view! { <a href=format!("/tanketanken?forfatter={}", a.id)>{a.name.clone()}</a> " " })
        .collect_view();
    let tags = post
        .row
        .tags
        .iter()
        .map(|t| {
            let href = format!(
                "/tanketanken?tagg={}",
                percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC)
            );
            view! { <a href=href><Tag text=t.clone() /></a> " " }
        })
        .collect_view();
    let links = (!post.links.is_empty()).then(|| {
        view! {
            <section aria-labelledby="links-heading">
                <h2 id="links-heading">{t!(i18n, posts_links_heading)}</h2>
                <ul>
                    {post
                        .links
                        .iter()
                        .map(|l| {
                            view! {
                                <li>
                                    {format!("{}: ", link_label(locale, &l.kind))}
                                    <a href=l.href.clone()>{l.title.clone()}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    let tools = (post.may.edit || post.may.publish || post.may.moderate)
        .then(|| view! { <Tools post=post.clone() /> });
    let reactions = post.may.take_part.then(|| {
        let mine = post.reactions.mine.clone();
        view! {
            <section id="reaksjoner" aria-labelledby="reactions-heading">
                <h2 id="reactions-heading">{t!(i18n, posts_reactions_heading)}</h2>
                <div class="reactions">
                    {REACTIONS
                        .iter()
                        .map(|kind| {
                            let count = post
                                .reactions
                                .counts
                                .iter()
                                .find(|(k, _)| k == kind)
                                .map_or(0, |(_, c)| *c);
                            let pressed = mine.as_deref() == Some(*kind);
                            let label = format!("{} ({count})", reaction_label(locale, kind));
                            let label = if pressed {
                                format!("{label} – {}", t_string!(i18n, posts_reaction_yours))
                            } else {
                                label
                            };
                            let spec = FormSpec::new::<ReactToPost>(&format!("reaction-{kind}"), label)
                                .hidden("post_id", id)
                                .hidden("kind", *kind)
                                .class("form inline");
                            view! { <EnhancedForm locale spec /> }
                        })
                        .collect_view()}
                </div>
            </section>
        }
    });
    let comments = post.may.take_part.then(|| view! { <Comments post=post.clone() flash=flash.clone() /> });
    let related = (!post.related.is_empty()).then(|| {
        view! {
            <section aria-labelledby="related-heading">
                <h2 id="related-heading">{t!(i18n, posts_related_heading)}</h2>
                <PostCards posts=post.related.clone() />
            </section>
        }
    });
    let history = (!post.history.is_empty()).then(|| {
        view! {
            <section aria-labelledby="history-heading">
                <h2 id="history-heading">{t!(i18n, posts_history_heading)}</h2>
                <ul>
                    {post
                        .history
                        .iter()
                        .map(|r| {
                            let what = if r.fields.is_empty() {
                                t_string!(i18n, posts_history_created).to_string()
                            } else {
                                r.fields.join(", ")
                            };
                            view! { <li>{format!("{} – {}: {what}", oslo_datetime(r.at), r.editor.name)}</li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <PageTitle text=move || title.clone() />
        {preview}
        <p><a href="/tanketanken">{t!(i18n, posts_back)}</a></p>
        {notice}
        <article class="post">
            <h1>{post.row.title.clone()}</h1>
            <p class="meta">
                {authors} " · " {when} " · " {state}
                {post.row.sector.as_ref().map(|s| format!(" · {}", s.name))}
            </p>
            <p class="lead">{post.row.summary.clone()}</p>
            {cover}
            // The body is the sanitised HTML made when the post was written
            // (`posts::domain::markdown`): the one place a page sets HTML.
            <div class="post-body" inner_html=post.body_html.clone()></div>
            <p class="tags">{tags}</p>
        </article>
        {links}
        {tools}
        {reactions}
        {comments}
        {related}
        {history}
    }
}

/// The authors' and the editors' steps: change, publish, make public, feature.
#[component]
fn Tools(post: PostView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = post.row.id;
    let edit = post.may.edit.then(|| {
        view! { <p><a href=format!("/tanketanken/{id}/endre")>{t!(i18n, posts_edit_link)}</a></p> }
    });
    let published = post.row.status == Status::Published;
    let public = post.row.visibility == Visibility::Public;
    // What the publisher reads is what they publish (a change since is refused).
    let version = post.row.updated_at.unix_timestamp_nanos();
    let internal = (post.may.publish && (!published || public)).then(|| {
        let label = if published {
            t_string!(i18n, posts_make_internal_button)
        } else {
            t_string!(i18n, posts_publish_button)
        };
        let spec = FormSpec::new::<PublishPost>("publish-internal", label)
            .hidden("post_id", id)
            .hidden("visibility", "internal")
            .hidden("version", version);
        view! { <EnhancedForm locale spec /> }
    });
    let make_public = (post.may.make_public && !(published && public)).then(|| {
        let spec = FormSpec::new::<PublishPost>("publish-public", t_string!(i18n, posts_make_public_button))
            .hidden("post_id", id)
            .hidden("visibility", "public")
            .hidden("version", version);
        view! { <EnhancedForm locale spec /> }
    });
    let ask = (post.may.publish && !post.may.make_public && !public).then(|| {
        view! { <p>{t!(i18n, posts_public_needs_editor)}</p> }
    });
    let feature = (post.may.moderate && published).then(|| {
        let (label, value) = if post.row.featured {
            (t_string!(i18n, posts_unfeature_button), "false")
        } else {
            (t_string!(i18n, posts_feature_button), "true")
        };
        let spec = FormSpec::new::<FeaturePost>("feature", label)
            .hidden("post_id", id)
            .hidden("featured", value);
        view! { <EnhancedForm locale spec /> }
    });
    view! {
        <section aria-labelledby="tools-heading">
            <h2 id="tools-heading">{t!(i18n, posts_tools_heading)}</h2>
            {edit}
            {internal}
            {make_public}
            {ask}
            {feature}
        </section>
    }
}

/// The comments the reader sees, each with its author's and the editors' steps, and the
/// comment form.
#[component]
fn Comments(post: PostView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = post.row.id;
    let moderate = post.may.moderate;
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let notice = if done("comment-hidden") {
        Some(t_string!(i18n, posts_comment_hidden_notice))
    } else if done("comment-deleted") {
        Some(t_string!(i18n, posts_comment_deleted_notice))
    } else {
        None
    }
    .map(|text| view! { <SuccessNotice><p>{text}</p></SuccessNotice> });
    let list = if post.comments.is_empty() {
        view! { <p>{t!(i18n, posts_no_comments)}</p> }.into_any()
    } else {
        view! {
            <ol class="comments">
                {post
                    .comments
                    .into_iter()
                    .map(|c| {
                        let hidden = c.hidden_reason.clone().map(|reason| {
                            view! {
                                <Alert tone=Tone::Warning>
                                    <p>{format!("{} {reason}", t_string!(i18n, posts_comment_hidden_reason))}</p>
                                </Alert>
                            }
                        });
                        let delete = c.own.then(|| {
                            let spec = FormSpec::new::<DeleteComment>(
                                &format!("delete-comment-{}", c.id),
                                t_string!(i18n, posts_delete_comment_button),
                            )
                            .hidden("comment_id", c.id)
                            .danger();
                            view! { <EnhancedForm locale spec /> }
                        });
                        let hide = (moderate && c.hidden_reason.is_none()).then(|| {
                            let spec = FormSpec::new::<HideComment>(
                                &format!("hide-comment-{}", c.id),
                                t_string!(i18n, posts_hide_comment_button),
                            )
                            .hidden("comment_id", c.id)
                            .field(
                                Field::text("reason", t_string!(i18n, posts_hide_reason_label))
                                    .id(&format!("hide-reason-{}", c.id))
                                    .hint(t_string!(i18n, posts_hide_reason_hint)),
                            );
                            view! { <EnhancedForm locale spec /> }
                        });
                        view! {
                            <li id=format!("kommentar-{}", c.id)>
                                <p class="meta">{format!("{} · {}", c.author.name, oslo_datetime(c.created_at))}</p>
                                {hidden}
                                <p class="comment-body">{c.body}</p>
                                {delete}
                                {hide}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let add = post.may.take_part.then(|| {
        let spec = FormSpec::new::<AddComment>("comment", t_string!(i18n, posts_comment_button))
            .hidden("post_id", id)
            .field(
                Field::textarea("body", t_string!(i18n, posts_comment_label))
                    .id("comment-body"),
            )
            .notice(done("comment"), t_string!(i18n, posts_comment_notice));
        view! { <EnhancedForm locale spec /> }
    });
    view! {
        <section id="kommentarer" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t!(i18n, posts_comments_heading)}</h2>
            {notice}
            {list}
            {add}
        </section>
    }
}
