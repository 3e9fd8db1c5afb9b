//! What the other strands read of Tanketanken (published, like `portfolio::read`): the posts
//! linked to one of their objects (a project page's posts, DESIGN §8) and the latest posts
//! (the site's front page).

pub use crate::posts::domain::post::LinkKind;
pub use crate::posts::domain::view::PostRow;

/// The published posts the signed-in reader may read that link to `kind`'s object `id`.
#[cfg(feature = "ssr")]
pub async fn load_linked_posts(kind: LinkKind, id: i32) -> Result<Vec<PostRow>, crate::core::error::AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::posts::service::linked_posts(&state.db, &actor, kind, id).await
}

/// The latest published posts the reader may read (a visitor: the public ones).
#[cfg(feature = "ssr")]
pub async fn load_latest_posts(limit: u64) -> Result<Vec<PostRow>, crate::core::error::AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::posts::service::latest_posts(&state.db, &actor, limit).await
}

/// A short list of posts (title, date) under a heading: a project page's posts, the site's
/// front page's latest. Nothing when there are none.
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn PostList(
    posts: Vec<PostRow>,
    #[prop(into)] heading: String,
    #[prop(into)] id: String,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let labelled = id.clone();
    (!posts.is_empty()).then(move || {
        view! {
            <section aria-labelledby=labelled>
                <h2 id=id>{heading}</h2>
                <ul>
                    {posts
                        .into_iter()
                        .map(|p| {
                            let when = p
                                .published_at
                                .map(|at| {
                                    crate::core::timefmt::date_nb(crate::core::timefmt::oslo_date(at))
                                })
                                .unwrap_or_default();
                            view! {
                                <li>
                                    <a href=format!("/tanketanken/{}", p.id)>{p.title}</a>
                                    {format!(" – {when}")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
