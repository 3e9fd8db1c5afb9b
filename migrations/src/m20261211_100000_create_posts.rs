//! Tanketanken, the sharing posts (DESIGN §8, issue 29): posts with their Markdown and the
//! sanitised HTML made from it, authors, tags, links to the other strands (by kind and id: the
//! post does not reach into their tables), the edit history, comments with the editors'
//! hiding, one reaction per person and post, and uploaded images (in the database, so every
//! instance serves them). Searched by word and by literal part: SQLite's FTS5 (words, and the
//! trigram tokenizer), PostgreSQL's stored Norwegian search document and `pg_trgm`.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::foreign_key as fk;
use crate::m20261123_100000_create_sectors::Sectors;
use crate::m20261123_110000_create_users::Users;

use ForeignKeyAction::{Cascade, Restrict, SetNull};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        let indexes: [(&str, DynIden, Vec<DynIden>, bool); 9] = [
            // The public pages' validator: the newest change to a public post
            // (visibility, then `updated_at`), and the last time a post left the public.
            (
                "ix_posts_public_updated",
                Posts::Table.into_iden(),
                vec![
                    Posts::Visibility.into_iden(),
                    Posts::Status.into_iden(),
                    Posts::UpdatedAt.into_iden(),
                ],
                false,
            ),
            (
                "ix_posts_left_public",
                Posts::Table.into_iden(),
                vec![Posts::LeftPublicAt.into_iden()],
                false,
            ),
            // The public feed, the front page: published posts, newest first.
            (
                "ix_posts_published",
                Posts::Table.into_iden(),
                vec![
                    Posts::Status.into_iden(),
                    Posts::PublishedAt.into_iden(),
                    Posts::Id.into_iden(),
                ],
                false,
            ),
            // One announcement per decided round or published prize year.
            (
                "ux_posts_announcement",
                Posts::Table.into_iden(),
                vec![Posts::AnnouncementKey.into_iden()],
                true,
            ),
            (
                "ix_post_tags_tag",
                PostTags::Table.into_iden(),
                vec![PostTags::Tag.into_iden(), PostTags::PostId.into_iden()],
                false,
            ),
            (
                "ix_post_authors_user",
                PostAuthors::Table.into_iden(),
                vec![PostAuthors::UserId.into_iden()],
                false,
            ),
            (
                "ix_post_links_target",
                PostLinks::Table.into_iden(),
                vec![PostLinks::Kind.into_iden(), PostLinks::TargetId.into_iden()],
                false,
            ),
            (
                "ix_post_comments_post",
                PostComments::Table.into_iden(),
                vec![
                    PostComments::PostId.into_iden(),
                    PostComments::Id.into_iden(),
                ],
                false,
            ),
            // An image is found by its hash (its address); one copy per post.
            (
                "ux_post_images_hash",
                PostImages::Table.into_iden(),
                vec![PostImages::Hash.into_iden(), PostImages::PostId.into_iden()],
                true,
            ),
        ];
        for (name, table, columns, unique) in indexes {
            crate::create_index(manager, name, table, columns, unique).await?;
        }
        crate::create_index(
            manager,
            "ix_post_revisions_post",
            PostRevisions::Table,
            [PostRevisions::PostId],
            false,
        )
        .await?;
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE,
            DbBackend::Postgres => &POSTGRES,
            _ => &[],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}

/// SQLite: a word index (prefix matches, case folded for æ, ø and å too) and a trigram index
/// (any literal part of three characters or more) of the title, summary and body, kept in step
/// by triggers.
const SQLITE: [&str; 7] = [
    "CREATE VIRTUAL TABLE posts_fts USING fts5(title, summary, body, content='posts', \
     content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE posts_trigram USING fts5(title, summary, body, content='posts', \
     content_rowid='id', tokenize='trigram case_sensitive 0')",
    "CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN \
     INSERT INTO posts_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); \
     INSERT INTO posts_trigram(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); END",
    "CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN \
     INSERT INTO posts_fts(posts_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body); \
     INSERT INTO posts_trigram(posts_trigram, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body); END",
    "CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, summary, body ON posts BEGIN \
     INSERT INTO posts_fts(posts_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body); \
     INSERT INTO posts_trigram(posts_trigram, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body); \
     INSERT INTO posts_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); \
     INSERT INTO posts_trigram(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); END",
    "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')",
    "INSERT INTO posts_trigram(posts_trigram) VALUES ('rebuild')",
];

/// PostgreSQL: the Norwegian search document stored with its GIN index, and `pg_trgm`'s
/// trigram index of the lower-cased text for literal parts (the extension as the portfolio's
/// migration creates it, under the same advisory lock).
const POSTGRES: [&str; 5] = [
    "SELECT pg_advisory_xact_lock(2027001)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
    "ALTER TABLE posts ADD COLUMN search_words tsvector GENERATED ALWAYS AS \
     (to_tsvector('norwegian', title || ' ' || summary || ' ' || body)) STORED",
    "CREATE INDEX posts_search_words ON posts USING GIN (search_words)",
    "CREATE INDEX posts_text_trigram ON posts \
     USING GIN (lower(title || ' ' || summary || ' ' || body) public.gin_trgm_ops)",
];

fn pair_key<A: IntoIden + Copy + 'static, B: IntoIden + Copy + 'static>(
    a: A,
    b: B,
) -> IndexCreateStatement {
    Index::create().col(a).col(b).to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        // Draft → published; internal, or public once an editor approved it. `body_html` is
        // the sanitised rendering of `body`, made when the post is written, so a page or feed
        // view renders nothing. `left_public_at`: when it last stopped being public (the
        // public pages' validator moves then too).
        Table::create()
            .table(Posts::Table)
            .if_not_exists()
            .col(pk_auto(Posts::Id))
            .col(string_len(Posts::Title, 200))
            .col(text(Posts::Summary))
            .col(text(Posts::Body))
            .col(text(Posts::BodyHtml))
            .col(string_len(Posts::Status, 16))
            .col(string_len(Posts::Visibility, 16))
            .col(boolean(Posts::Featured).default(false))
            .col(integer_null(Posts::CoverImageId))
            .col(integer_null(Posts::SectorId))
            .col(integer(Posts::CreatedBy))
            .col(integer_null(Posts::PublicApprovedBy))
            .col(string_len_null(Posts::AnnouncementKey, 64))
            .col(timestamp_with_time_zone(Posts::CreatedAt))
            .col(timestamp_with_time_zone(Posts::UpdatedAt))
            .col(timestamp_with_time_zone_null(Posts::PublishedAt))
            .col(timestamp_with_time_zone_null(Posts::LeftPublicAt))
            .foreign_key(&mut fk(
                "fk_posts_sector",
                Posts::Table,
                Posts::SectorId,
                Sectors::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_posts_created_by",
                Posts::Table,
                Posts::CreatedBy,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_posts_public_approved_by",
                Posts::Table,
                Posts::PublicApprovedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table(PostAuthors::Table)
            .if_not_exists()
            .col(integer(PostAuthors::PostId))
            .col(integer(PostAuthors::UserId))
            .col(integer(PostAuthors::Position))
            .primary_key(&mut pair_key(PostAuthors::PostId, PostAuthors::UserId))
            .foreign_key(&mut fk(
                "fk_post_authors_post",
                PostAuthors::Table,
                PostAuthors::PostId,
                Posts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_post_authors_user",
                PostAuthors::Table,
                PostAuthors::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PostTags::Table)
            .if_not_exists()
            .col(integer(PostTags::PostId))
            .col(string_len(PostTags::Tag, 160))
            .primary_key(&mut pair_key(PostTags::PostId, PostTags::Tag))
            .foreign_key(&mut fk(
                "fk_post_tags_post",
                PostTags::Table,
                PostTags::PostId,
                Posts::Table,
                Cascade,
            ))
            .to_owned(),
        // A link to another strand's object: `project`, `application` or `nomination`, by id.
        Table::create()
            .table(PostLinks::Table)
            .if_not_exists()
            .col(integer(PostLinks::PostId))
            .col(string_len(PostLinks::Kind, 16))
            .col(integer(PostLinks::TargetId))
            .primary_key(
                &mut Index::create()
                    .col(PostLinks::PostId)
                    .col(PostLinks::Kind)
                    .col(PostLinks::TargetId)
                    .to_owned(),
            )
            .foreign_key(&mut fk(
                "fk_post_links_post",
                PostLinks::Table,
                PostLinks::PostId,
                Posts::Table,
                Cascade,
            ))
            .to_owned(),
        // Who changed what when: the fields changed, each with the value before (JSON).
        Table::create()
            .table(PostRevisions::Table)
            .if_not_exists()
            .col(pk_auto(PostRevisions::Id))
            .col(integer(PostRevisions::PostId))
            .col(integer(PostRevisions::EditorId))
            .col(timestamp_with_time_zone(PostRevisions::At))
            .col(text(PostRevisions::Changes))
            .foreign_key(&mut fk(
                "fk_post_revisions_post",
                PostRevisions::Table,
                PostRevisions::PostId,
                Posts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_post_revisions_editor",
                PostRevisions::Table,
                PostRevisions::EditorId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PostComments::Table)
            .if_not_exists()
            .col(pk_auto(PostComments::Id))
            .col(integer(PostComments::PostId))
            .col(integer(PostComments::AuthorId))
            .col(text(PostComments::Body))
            .col(timestamp_with_time_zone(PostComments::CreatedAt))
            .col(timestamp_with_time_zone_null(PostComments::HiddenAt))
            .col(integer_null(PostComments::HiddenBy))
            .col(text_null(PostComments::HiddenReason))
            .foreign_key(&mut fk(
                "fk_post_comments_post",
                PostComments::Table,
                PostComments::PostId,
                Posts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_post_comments_author",
                PostComments::Table,
                PostComments::AuthorId,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_post_comments_hidden_by",
                PostComments::Table,
                PostComments::HiddenBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
        // One reaction per person and post (the key), also under concurrent clicks.
        Table::create()
            .table(PostReactions::Table)
            .if_not_exists()
            .col(integer(PostReactions::PostId))
            .col(integer(PostReactions::UserId))
            .col(string_len(PostReactions::Kind, 16))
            .col(timestamp_with_time_zone(PostReactions::CreatedAt))
            .primary_key(&mut pair_key(PostReactions::PostId, PostReactions::UserId))
            .foreign_key(&mut fk(
                "fk_post_reactions_post",
                PostReactions::Table,
                PostReactions::PostId,
                Posts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_post_reactions_user",
                PostReactions::Table,
                PostReactions::UserId,
                Users::Table,
                Cascade,
            ))
            .to_owned(),
        // Re-encoded image bytes under the SHA-256 of those bytes (the URL's name).
        Table::create()
            .table(PostImages::Table)
            .if_not_exists()
            .col(pk_auto(PostImages::Id))
            .col(integer(PostImages::PostId))
            .col(string_len(PostImages::Hash, 64))
            .col(string_len(PostImages::ContentType, 32))
            .col(blob(PostImages::Data))
            .col(integer(PostImages::Width))
            .col(integer(PostImages::Height))
            .col(text(PostImages::Alt))
            .col(integer(PostImages::CreatedBy))
            .col(timestamp_with_time_zone(PostImages::CreatedAt))
            .foreign_key(&mut fk(
                "fk_post_images_post",
                PostImages::Table,
                PostImages::PostId,
                Posts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_post_images_created_by",
                PostImages::Table,
                PostImages::CreatedBy,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Posts {
    Table,
    Id,
    Title,
    Summary,
    Body,
    BodyHtml,
    Status,
    Visibility,
    Featured,
    CoverImageId,
    SectorId,
    CreatedBy,
    PublicApprovedBy,
    AnnouncementKey,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
    LeftPublicAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostAuthors {
    Table,
    PostId,
    UserId,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostTags {
    Table,
    PostId,
    Tag,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostLinks {
    Table,
    PostId,
    Kind,
    TargetId,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostRevisions {
    Table,
    Id,
    PostId,
    EditorId,
    At,
    Changes,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostComments {
    Table,
    Id,
    PostId,
    AuthorId,
    Body,
    CreatedAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostReactions {
    Table,
    PostId,
    UserId,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PostImages {
    Table,
    Id,
    PostId,
    Hash,
    ContentType,
    Data,
    Width,
    Height,
    Alt,
    CreatedBy,
    CreatedAt,
}
