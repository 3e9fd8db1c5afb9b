//! The post's form: a new post (`/tanketanken/ny`) and a change to one
//! (`/tanketanken/{id}/endre`, its authors and the editors), with its images: uploaded here,
//! each with its alt text, and the address to use in the Markdown.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::core::error::FieldError;
use crate::core::notice::Flash;
use crate::i18n::*;
use crate::posts::api::{CreatePost, UpdatePost, load_post, may_write};
use crate::posts::domain::view::PostView;
use crate::ui::{EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice, field_message, route_id};

#[component]
pub fn NewPostPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, posts_new_title).to_string() />
        {Suspend::new(async move {
            match may_write().await {
                Ok(()) => view! {
                    <p><a href="/tanketanken">{t!(i18n, posts_back)}</a></p>
                    <h1>{t!(i18n, posts_new_heading)}</h1>
                    <p class="lead">{t!(i18n, posts_new_lead)}</p>
                    <PostForm post=None />
                }
                .into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
pub fn EditPostPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    let query = use_query_map();
    let refused_image = query.with_untracked(|q| {
        (
            q.get("feil_image"),
            q.get("feil_alt"),
            q.get("alt").unwrap_or_default(),
        )
    });
    view! {
        <PageTitle text=move || t_string!(i18n, posts_edit_title).to_string() />
        {Suspend::new(async move {
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            match load_post(id).await {
                Ok(post) if post.may.edit => view! {
                    <p><a href=format!("/tanketanken/{id}")>{t!(i18n, posts_back_to_post)}</a></p>
                    <h1>{format!("{}: {}", t_string!(i18n, posts_edit_heading), post.row.title)}</h1>
                    <PostForm post=Some(post.clone()) />
                    <Images post flash refused=refused_image.clone() />
                }
                .into_any(),
                Ok(_) => view! { <ErrorPage error=crate::core::error::AppError::Forbidden /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn PostForm(post: Option<PostView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let value = |f: &dyn Fn(&PostView) -> String| post.as_ref().map(f).unwrap_or_default();
    let ids = |kind: &str| {
        value(&|p| {
            p.links
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let spec = match &post {
        Some(p) => FormSpec::new::<UpdatePost>("post", t_string!(i18n, posts_save_button))
            .hidden("post_id", p.row.id),
        None => FormSpec::new::<CreatePost>("post", t_string!(i18n, posts_create_button)),
    };
    let spec = spec
        .field(
            Field::text("title", t_string!(i18n, posts_field_title))
                .id("post-title")
                .value(value(&|p| p.row.title.clone())),
        )
        .field(
            Field::textarea("summary", t_string!(i18n, posts_field_summary))
                .id("post-summary")
                .hint(t_string!(i18n, posts_summary_hint))
                .value(value(&|p| p.row.summary.clone())),
        )
        .field(
            Field::textarea("body", t_string!(i18n, posts_field_body))
                .id("post-body")
                .hint(t_string!(i18n, posts_body_hint))
                .value(value(&|p| p.body.clone())),
        )
        .field(
            Field::text("tags", t_string!(i18n, posts_field_tags))
                .id("post-tags")
                .hint(t_string!(i18n, posts_tags_hint))
                .value(value(&|p| p.row.tags.join(", ")))
                .optional(),
        )
        .field(
            Field::people(
                "co_authors",
                t_string!(i18n, posts_field_co_authors),
                crate::users::downloads::SUGGEST_PEOPLE,
            )
                .id("post-co-authors")
                .hint(t_string!(i18n, posts_co_authors_hint))
                .value(value(&|p| p.co_author_emails.join(", ")))
                .optional(),
        )
        .field(
            Field::text("project_ids", t_string!(i18n, posts_field_projects))
                .id("post-projects")
                .hint(t_string!(i18n, posts_ids_hint))
                .value(ids("project"))
                .optional(),
        )
        .field(
            Field::text("application_ids", t_string!(i18n, posts_field_applications))
                .id("post-applications")
                .hint(t_string!(i18n, posts_applications_hint))
                .value(ids("application"))
                .optional(),
        )
        .field(
            Field::text("nomination_ids", t_string!(i18n, posts_field_nominations))
                .id("post-nominations")
                .hint(t_string!(i18n, posts_nominations_hint))
                .value(ids("nomination"))
                .optional(),
        );
    view! { <EnhancedForm locale spec /> }
}

/// The post's images, and the upload form (multipart: a plain form, no script needed).
#[component]
fn Images(
    post: PostView,
    flash: Option<Flash>,
    refused: (Option<String>, Option<String>, String),
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = post.row.id;
    let added = flash
        .as_ref()
        .and_then(|f| f.form.strip_prefix("image:").map(str::to_owned));
    let message = |code: &Option<String>| {
        code.as_deref()
            .and_then(|c| serde_json::from_value::<FieldError>(serde_json::Value::String(c.to_owned())).ok())
            .map(|e| field_message(locale, e))
    };
    let (image_error, alt_error) = (message(&refused.0), message(&refused.1));
    let summary = (image_error.is_some() || alt_error.is_some()).then(|| {
        view! {
            <div class="ds-alert" data-color="danger" role="alert">
                <p>{t!(i18n, posts_image_refused)}</p>
            </div>
        }
    });
    let described = |error: bool, hint: &str| {
        if error { format!("{hint} {hint}-error") } else { hint.to_owned() }
    };
    view! {
        <section id="bilder" aria-labelledby="images-heading">
            <h2 id="images-heading">{t!(i18n, posts_images_heading)}</h2>
            {added.map(|url| view! {
                <SuccessNotice>
                    <p>{t!(i18n, posts_image_added)} " " <code>{format!("![{}]({url})", t_string!(i18n, posts_image_markdown_alt))}</code></p>
                </SuccessNotice>
            })}
            {(!post.images.is_empty()).then(|| view! {
                <ul class="images">
                    {post.images.iter().map(|img| view! {
                        <li>
                            <img src=img.url.clone() alt=img.alt.clone() width=img.width height=img.height loading="lazy" />
                            <code>{format!("![{}]({})", img.alt, img.url)}</code>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {summary}
            <form class="form" method="post" enctype="multipart/form-data" action=format!("/tanketanken/{id}/bilde")>
                <div class="ds-field">
                    <label class="ds-label" for="image-file">{t!(i18n, posts_field_image)}</label>
                    <div class="ds-field-description" id="image-file-hint">{t!(i18n, posts_image_hint)}</div>
                    {image_error.clone().map(|m| view! { <div class="ds-validation-message" data-color="danger" id="image-file-hint-error">{m}</div> })}
                    <input class="ds-input" id="image-file" name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required
                        aria-describedby=described(image_error.is_some(), "image-file-hint")
                        aria-invalid=image_error.is_some().then_some("true") />
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="image-alt">{t!(i18n, posts_field_alt)}</label>
                    <div class="ds-field-description" id="image-alt-hint">{t!(i18n, posts_alt_hint)}</div>
                    {alt_error.clone().map(|m| view! { <div class="ds-validation-message" data-color="danger" id="image-alt-hint-error">{m}</div> })}
                    <input class="ds-input" id="image-alt" name="alt" type="text" required value=refused.2.clone()
                        aria-describedby=described(alt_error.is_some(), "image-alt-hint")
                        aria-invalid=alt_error.is_some().then_some("true") />
                </div>
                <div class="ds-field">
                    <input class="ds-checkbox" id="image-cover" name="cover" type="checkbox" value="on" />
                    <label class="ds-label" for="image-cover">{t!(i18n, posts_field_cover)}</label>
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{t!(i18n, posts_upload_button)}</button>
            </form>
        </section>
    }
}
