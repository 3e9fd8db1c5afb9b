//! Reading posts: the front page and its filters and search, one post with its links,
//! comments, reactions and history, the posts linked to another strand's object, and the
//! public posts for the feeds and the sitemap.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::links::LinkTargets;
use crate::core::named::Named;
use crate::core::paging::{Paged, PageRequest};
use crate::entities::sector;
use crate::posts::domain::permission::{PostAction, is_editor};
use crate::posts::domain::post::{LinkKind, Status, Visibility};
use crate::posts::domain::view::{
    CommentView, FrontPage, LinkView, PostFilter, PostPermissions, PostRow, PostView, Reactions,
    RevisionView,
};
use crate::posts::entities::{
    post, post_author, post_comment, post_image, post_link, post_reaction, post_revision, post_tag,
};

use super::{readable, rows, status};

/// Posts on one page of the list.
pub const PAGE_SIZE: u64 = 20;

/// When the public side last changed (the public pages' and feeds' validator, `ETag`): the
/// newest change to a published public post, or the last time a post stopped being public.
/// Nothing of an internal post or a draft moves it (issue 29: a visitor must not learn when
/// drafts are written). Two walks of an index.
pub async fn stamp(db: &impl ConnectionTrait) -> Result<Option<OffsetDateTime>, AppError> {
    let changed: Option<OffsetDateTime> = post::Entity::find()
        .select_only()
        .column(post::Column::UpdatedAt)
        .filter(post::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(post::Column::Status.eq(Status::Published.as_str()))
        .order_by_desc(post::Column::UpdatedAt)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    let left: Option<Option<OffsetDateTime>> = post::Entity::find()
        .select_only()
        .column(post::Column::LeftPublicAt)
        .filter(post::Column::LeftPublicAt.is_not_null())
        .order_by_desc(post::Column::LeftPublicAt)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(Ord::max(changed, left.flatten()))
}

/// The stamp for a visitor's page; none for a signed-in reader (their pages are their own).
async fn visitor_stamp(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Option<OffsetDateTime>, AppError> {
    if actor.user().is_some() {
        Ok(None)
    } else {
        stamp(db).await
    }
}

/// What the actor may read among published posts: anyone the public ones, employees all.
pub(super) fn published_for(actor: &Actor) -> Condition {
    let published = Condition::all().add(post::Column::Status.eq(Status::Published.as_str()));
    if actor.user().is_some() || matches!(actor, Actor::System) {
        published
    } else {
        published.add(post::Column::Visibility.eq(Visibility::Public.as_str()))
    }
}

/// Posts whose title, summary or body matches `needle`: by word (PostgreSQL's Norwegian
/// stemming, SQLite's FTS5 word prefixes) or as a literal part, both from indexes (the
/// stored search document and the trigram index on PostgreSQL; FTS5's word and trigram
/// tables on SQLite), as the portfolio's search.
pub(super) fn search(needle: &str, backend: DbBackend) -> Condition {
    use crate::core::search::{contains, fts5_query, trigram_query};
    let literal = Expr::cust("lower(posts.title || ' ' || posts.summary || ' ' || posts.body)")
        .like(contains(needle));
    match backend {
        DbBackend::Postgres => Condition::any().add(literal).add(Expr::cust_with_values(
            "posts.search_words @@ plainto_tsquery('norwegian', $1)",
            [needle.to_owned()],
        )),
        _ => match (fts5_query(needle), trigram_query(needle)) {
            (Some(words), Some(part)) => Condition::all().add(Expr::cust_with_values(
                "posts.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? \
                 UNION ALL SELECT rowid FROM posts_trigram WHERE posts_trigram MATCH ?)",
                [words, part],
            )),
            (None, Some(part)) => Condition::all().add(Expr::cust_with_values(
                "posts.id IN (SELECT rowid FROM posts_trigram WHERE posts_trigram MATCH ?)",
                [part],
            )),
            (Some(words), None) => Condition::any().add(Expr::cust_with_values(
                "posts.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)",
                [words],
            )),
            (None, None) => Condition::any().add(literal),
        },
    }
}

/// The search as one statement, for reading its query plan (the tests' `EXPLAIN`).
pub fn search_statement(backend: DbBackend, needle: &str) -> sea_orm::Statement {
    use sea_orm::QueryTrait as _;
    post::Entity::find().filter(search(needle, backend)).build(backend)
}

/// The filter as read from a query string: each part bounded.
pub fn parse_filter(
    tag: Option<&str>,
    sector_id: Option<&str>,
    author_id: Option<&str>,
    query: Option<&str>,
) -> Result<PostFilter, AppError> {
    let id = |raw: Option<&str>, field: &str| -> Result<Option<i32>, AppError> {
        match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => Ok(None),
            // Any id: one that names nothing finds nothing.
            Some(r) => r
                .parse::<i32>()
                .map(Some)
                .map_err(|_| AppError::invalid(field, FieldError::InvalidNumber)),
        }
    };
    let tag = match tag.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => {
            let parsed = crate::posts::domain::post::parse_tags(t)
                .map_err(|e| AppError::invalid("tag", e))?;
            parsed.into_iter().next()
        }
    };
    let query = match query.map(crate::core::search::needle) {
        Some(q) if q.chars().count() > crate::core::search::MAX_SEARCH_CHARS => {
            return Err(AppError::invalid("q", FieldError::TooLong));
        }
        Some(q) if !q.is_empty() => Some(q),
        _ => None,
    };
    Ok(PostFilter {
        tag,
        sector_id: id(sector_id, "sector_id")?,
        author_id: id(author_id, "author_id")?,
        query,
    })
}

fn filtered(actor: &Actor, filter: &PostFilter, backend: DbBackend) -> Condition {
    let mut all = published_for(actor);
    if let Some(tag) = &filter.tag {
        all = all.add(
            post::Column::Id.in_subquery(
                Query::select()
                    .column(post_tag::Column::PostId)
                    .from(post_tag::Entity)
                    .and_where(post_tag::Column::Tag.eq(tag.clone()))
                    .to_owned(),
            ),
        );
    }
    if let Some(sector) = filter.sector_id {
        all = all.add(post::Column::SectorId.eq(sector));
    }
    if let Some(author) = filter.author_id {
        all = all.add(
            post::Column::Id.in_subquery(
                Query::select()
                    .column(post_author::Column::PostId)
                    .from(post_author::Entity)
                    .and_where(post_author::Column::UserId.eq(author))
                    .to_owned(),
            ),
        );
    }
    if let Some(q) = &filter.query {
        all = all.add(search(q, backend));
    }
    all
}

/// One page of the published posts the actor may read that the filter lets through, newest
/// first.
pub async fn list_posts(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &PostFilter,
    page: PageRequest,
) -> Result<Paged<PostRow>, AppError> {
    let backend = db.get_database_backend();
    let condition = filtered(actor, filter, backend);
    let total = post::Entity::find()
        .filter(condition.clone())
        .count(db)
        .await?;
    let found = post::Entity::find()
        .filter(condition)
        .order_by_desc(post::Column::PublishedAt)
        .order_by_desc(post::Column::Id)
        .limit(page.limit)
        .offset(page.offset)
        .all(db)
        .await?;
    Ok(Paged {
        items: rows(db, found).await?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// The newest `limit` published posts the actor may read (the site's front page): one
/// statement for the posts (and `rows`' for their parts when there are any).
pub async fn latest_posts(
    db: &DatabaseConnection,
    actor: &Actor,
    limit: u64,
) -> Result<Vec<PostRow>, AppError> {
    let found = post::Entity::find()
        .filter(published_for(actor))
        .order_by_desc(post::Column::PublishedAt)
        .order_by_desc(post::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    rows(db, found).await
}

/// Tanketanken's front page: the featured posts, a page of the latest (filtered), the
/// reader's drafts (and, for the editors, the announcements waiting), the tags in use.
pub async fn front_page(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: PostFilter,
    offset: u64,
) -> Result<FrontPage, AppError> {
    let page = PageRequest::new(Some(PAGE_SIZE), Some(offset));
    let listed = list_posts(db, actor, &filter, page).await?;
    let unfiltered = filter == PostFilter::default();
    let featured = if unfiltered && offset == 0 {
        let found = post::Entity::find()
            .filter(published_for(actor))
            .filter(post::Column::Featured.eq(true))
            .order_by_desc(post::Column::PublishedAt)
            .limit(3)
            .all(db)
            .await?;
        rows(db, found).await?
    } else {
        Vec::new()
    };
    let drafts = match actor.user_id() {
        Some(me) => {
            let mine = Condition::all()
                .add(post::Column::Status.eq(Status::Draft.as_str()))
                .add(
                    Condition::any()
                        .add(
                            post::Column::Id.in_subquery(
                                Query::select()
                                    .column(post_author::Column::PostId)
                                    .from(post_author::Entity)
                                    .and_where(post_author::Column::UserId.eq(me))
                                    .to_owned(),
                            ),
                        )
                        .add(if is_editor(actor) {
                            post::Column::AnnouncementKey.is_not_null()
                        } else {
                            Expr::val(false)
                        }),
                );
            let found = post::Entity::find()
                .filter(mine)
                .order_by_desc(post::Column::UpdatedAt)
                .limit(50)
                .all(db)
                .await?;
            rows(db, found).await?
        }
        None => Vec::new(),
    };
    let tag_rows: Vec<String> = post_tag::Entity::find()
        .select_only()
        .column(post_tag::Column::Tag)
        .filter(
            post_tag::Column::PostId.in_subquery(
                Query::select()
                    .column(post::Column::Id)
                    .from(post::Entity)
                    .cond_where(published_for(actor))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for tag in tag_rows {
        *counts.entry(tag).or_default() += 1;
    }
    let mut tags: Vec<(String, u64)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tags.truncate(30);
    let sectors = sector::Entity::find()
        .order_by_asc(sector::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Named {
            id: s.id,
            name: s.name,
        })
        .collect();
    Ok(FrontPage {
        featured,
        posts: listed.items,
        total: listed.total,
        offset: listed.offset,
        limit: listed.limit,
        drafts,
        tags,
        sectors,
        filter,
        may_write: authorize(actor, PostAction::Write).is_ok(),
        signed_in: actor.user().is_some(),
        stamp: visitor_stamp(db, actor).await?,
    })
}

/// One post as the actor may see it.
pub async fn get_post(
    db: &DatabaseConnection,
    actor: &Actor,
    links: &[LinkTargets],
    id: i32,
) -> Result<PostView, AppError> {
    let (found, authors) = readable(db, actor, id).await?;
    let me = actor.user_id();
    let author = me.is_some_and(|m| authors.contains(&m));
    let published = status(&found) == Status::Published;
    let editor = is_editor(actor);
    let may = PostPermissions {
        edit: authorize(actor, PostAction::Edit { author }).is_ok(),
        publish: authorize(actor, PostAction::Publish { author, public: false }).is_ok(),
        make_public: authorize(actor, PostAction::Publish { author, public: true }).is_ok(),
        moderate: editor,
        take_part: authorize(actor, PostAction::Take { published }).is_ok(),
    };
    let signed_in = actor.user().is_some();
    // Links, comments and reactions are the employees' (a visitor reads the post itself).
    let link_views = if signed_in {
        resolve_links(db, links, id).await?
    } else {
        Vec::new()
    };
    let comments = if signed_in {
        comments_for(db, actor, id).await?
    } else {
        Vec::new()
    };
    let reactions = if signed_in {
        reactions_of(db, id, me).await?
    } else {
        Reactions {
            counts: Vec::new(),
            mine: None,
        }
    };
    let history = if may.edit {
        history_of(db, id).await?
    } else {
        Vec::new()
    };
    let images = if may.edit {
        let ids: Vec<i32> = post_image::Entity::find()
            .select_only()
            .column(post_image::Column::Id)
            .filter(post_image::Column::PostId.eq(id))
            .into_tuple()
            .all(db)
            .await?;
        let mut found = super::images_without_data(db, ids).await?.into_iter().collect::<Vec<_>>();
        found.sort_by_key(|(id, _)| *id);
        found.into_iter().map(|(_, v)| v).collect()
    } else {
        Vec::new()
    };
    let co_author_emails = if may.edit {
        let ids: Vec<i32> = authors.iter().skip(1).copied().collect();
        let users = crate::entities::user::Entity::find()
            .filter(crate::entities::user::Column::Id.is_in(ids.clone()))
            .all(db)
            .await?;
        ids.iter()
            .filter_map(|id| users.iter().find(|u| u.id == *id).map(|u| u.email.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let related = related_to(db, actor, id).await?;
    let body = found.body.clone();
    let body_html = found.body_html.clone();
    let row = rows(db, vec![found])
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    Ok(PostView {
        row,
        body: if may.edit { body } else { String::new() },
        body_html,
        links: link_views,
        related,
        comments,
        reactions,
        history,
        images,
        may,
        co_author_emails,
        stamp: visitor_stamp(db, actor).await?,
        signed_in,
    })
}

async fn resolve_links(
    db: &DatabaseConnection,
    targets: &[LinkTargets],
    id: i32,
) -> Result<Vec<LinkView>, AppError> {
    let links = post_link::Entity::find()
        .filter(post_link::Column::PostId.eq(id))
        .all(db)
        .await?;
    let named: Vec<(LinkKind, i32)> = links
        .iter()
        .filter_map(|l| Some((LinkKind::parse(&l.kind)?, l.target_id)))
        .collect();
    Ok(super::resolved(db, targets, &named)
        .await?
        .into_iter()
        .map(|(kind, found)| LinkView {
            kind: kind.as_str().into(),
            id: found.id,
            title: found.title,
            href: found.href,
        })
        .collect())
}

/// The comments the actor sees: hidden ones only their author (with the reason) and the
/// editors.
pub(super) async fn comments_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    post_id: i32,
) -> Result<Vec<CommentView>, AppError> {
    let me = actor.user_id();
    let editor = is_editor(actor);
    let found = post_comment::Entity::find()
        .filter(post_comment::Column::PostId.eq(post_id))
        .order_by_asc(post_comment::Column::Id)
        .all(db)
        .await?;
    let visible: Vec<post_comment::Model> = found
        .into_iter()
        .filter(|c| c.hidden_at.is_none() || editor || Some(c.author_id) == me)
        .collect();
    let names = crate::core::people::user_names(db, visible.iter().map(|c| c.author_id)).await?;
    Ok(visible
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            author: Named::looked_up(&names, c.author_id),
            own: Some(c.author_id) == me,
            hidden_reason: c
                .hidden_at
                .map(|_| c.hidden_reason.clone().unwrap_or_default()),
            body: c.body,
            created_at: c.created_at,
        })
        .collect())
}

async fn reactions_of(
    db: &impl ConnectionTrait,
    post_id: i32,
    me: Option<i32>,
) -> Result<Reactions, AppError> {
    let found = post_reaction::Entity::find()
        .filter(post_reaction::Column::PostId.eq(post_id))
        .all(db)
        .await?;
    let mut counts: Vec<(String, u64)> = crate::posts::domain::post::REACTIONS
        .iter()
        .map(|k| ((*k).to_owned(), 0))
        .collect();
    for r in &found {
        if let Some(c) = counts.iter_mut().find(|(k, _)| *k == r.kind) {
            c.1 += 1;
        }
    }
    Ok(Reactions {
        counts,
        mine: found
            .into_iter()
            .find(|r| Some(r.user_id) == me)
            .map(|r| r.kind),
    })
}

async fn history_of(db: &impl ConnectionTrait, post_id: i32) -> Result<Vec<RevisionView>, AppError> {
    let found = post_revision::Entity::find()
        .filter(post_revision::Column::PostId.eq(post_id))
        .order_by_desc(post_revision::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let names = crate::core::people::user_names(db, found.iter().map(|r| r.editor_id)).await?;
    Ok(found
        .into_iter()
        .map(|r| {
            let fields = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&r.changes)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            RevisionView {
                editor: Named::looked_up(&names, r.editor_id),
                at: r.at,
                fields,
            }
        })
        .collect())
}

/// Up to three newer posts the actor may read that share a tag with the post `id`.
async fn related_to(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<Vec<PostRow>, AppError> {
    let tags: Vec<String> = post_tag::Entity::find()
        .select_only()
        .column(post_tag::Column::Tag)
        .filter(post_tag::Column::PostId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    let found = post::Entity::find()
        .filter(published_for(actor))
        .filter(post::Column::Id.ne(id))
        .filter(
            post::Column::Id.in_subquery(
                Query::select()
                    .column(post_tag::Column::PostId)
                    .from(post_tag::Entity)
                    .and_where(post_tag::Column::Tag.is_in(tags))
                    .to_owned(),
            ),
        )
        .order_by_desc(post::Column::PublishedAt)
        .limit(3)
        .all(db)
        .await?;
    rows(db, found).await
}

/// The statements [`linked_posts`] takes, whatever the number of posts: the posts, then
/// their authors, the authors' names, tags, sectors and covers (`rows`).
pub const LINKED_POSTS_QUERIES: u64 = 6;

/// The published posts the actor may read that link to `kind`'s object `target_id` (a
/// project page's posts), newest first.
pub async fn linked_posts(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: LinkKind,
    target_id: i32,
) -> Result<Vec<PostRow>, AppError> {
    let found = post::Entity::find()
        .filter(published_for(actor))
        .filter(
            post::Column::Id.in_subquery(
                Query::select()
                    .column(post_link::Column::PostId)
                    .from(post_link::Entity)
                    .and_where(post_link::Column::Kind.eq(kind.as_str()))
                    .and_where(post_link::Column::TargetId.eq(target_id))
                    .to_owned(),
            ),
        )
        .order_by_desc(post::Column::PublishedAt)
        .limit(20)
        .all(db)
        .await?;
    rows(db, found).await
}

/// A public post as the feeds and the sitemap show it.
#[derive(Debug, Clone)]
pub struct PublicPost {
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub published_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// The newest `limit` published public posts (DESIGN §8: the public blog and its feeds).
/// Nothing internal can pass this filter.
pub async fn public_posts(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<PublicPost>, AppError> {
    let found = post::Entity::find()
        .filter(post::Column::Status.eq(Status::Published.as_str()))
        .filter(post::Column::Visibility.eq(Visibility::Public.as_str()))
        .order_by_desc(post::Column::PublishedAt)
        .order_by_desc(post::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let made = rows(db, found.clone()).await?;
    let html: HashMap<i32, String> = found.iter().map(|p| (p.id, p.body_html.clone())).collect();
    Ok(made
        .into_iter()
        .map(|r| PublicPost {
            id: r.id,
            title: r.title,
            summary: r.summary,
            body_html: html.get(&r.id).cloned().unwrap_or_default(),
            authors: r.authors.into_iter().map(|a| a.name).collect(),
            tags: r.tags,
            published_at: r.published_at.unwrap_or(r.updated_at),
            updated_at: r.updated_at,
        })
        .collect())
}

/// Every published public post's id and last change, newest first, at most `limit` (the
/// sitemap: no text read).
pub async fn public_post_stamps(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<(i32, OffsetDateTime)>, AppError> {
    Ok(post::Entity::find()
        .select_only()
        .columns([post::Column::Id, post::Column::UpdatedAt])
        .filter(post::Column::Status.eq(Status::Published.as_str()))
        .filter(post::Column::Visibility.eq(Visibility::Public.as_str()))
        .order_by_desc(post::Column::PublishedAt)
        .order_by_desc(post::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}
