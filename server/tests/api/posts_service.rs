//! Tanketanken through the service layer on SQLite and PostgreSQL (issue 29): a post from
//! draft to internal to public (an editor's approval only) and back when its author changes
//! it; what a visitor can and cannot see; bad input refused beside its field with nothing
//! written; links to the other strands; comments, the editors' hiding and the audit log;
//! one reaction per person, also under concurrent clicks; images checked and served only to
//! whoever may read their post.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, race};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::core::links::LinkTargets;
use app::entities::audit_log;
use app::posts::domain::post::{CommentText, LinkKind, PostForm, VisibilityForm};
use app::posts::domain::view::PostFilter;
use app::posts::entities::{post, post_link, post_reaction, post_revision};
use app::posts::service as posts;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::OffsetDateTime;
use time::macros::datetime;

const EMPLOYEE: usize = 1;
const REVIEWER: usize = 2;
const COUNCIL: usize = 3;
const EDITOR: usize = 8;

const NOW: OffsetDateTime = datetime!(2027-03-01 10:00 UTC);

fn email(who: usize) -> String {
    app::auth::demo::DEMO_USERS[who].email.to_owned()
}

fn links() -> std::sync::Arc<[LinkTargets]> {
    app::registry::link_targets()
}

fn form(title: &str) -> PostForm {
    PostForm {
        title: title.into(),
        summary: "Hva vi lærte av å prøve.".into(),
        body: "# Hva vi gjorde\n\nVi prøvde **selvinnsjekk**.\n\n<script>alert(1)</script>\n\n[lenke](javascript:alert(1))".into(),
        tags: "Selvbetjening, tjenestedesign".into(),
        ..PostForm::default()
    }
}

/// The announcement `key`'s text and links (for the fund's and the prize's tests).
pub async fn announcement(t: &TestDb, key: &str) -> (String, Vec<(String, i32)>) {
    let found = post::Entity::find()
        .filter(post::Column::AnnouncementKey.eq(key))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no announcement {key}"));
    assert_eq!(
        found.status, "draft",
        "an announcement waits for the editors"
    );
    let links = post_link::Entity::find()
        .filter(post_link::Column::PostId.eq(found.id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.kind, l.target_id))
        .collect();
    (found.body, links)
}

async fn audited(t: &TestDb, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&t.db)
        .await
        .unwrap()
}

async fn public_ids(t: &TestDb) -> Vec<i32> {
    posts::public_posts(&t.db, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

async fn a_post_goes_from_draft_to_internal_to_public_with_an_editors_approval(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let (author, co_author, other, editor) = (
        demo(&t, EMPLOYEE).await,
        demo(&t, REVIEWER).await,
        demo(&t, COUNCIL).await,
        demo(&t, EDITOR).await,
    );
    let mut draft = form("Selvinnsjekk på legevakten");
    draft.co_authors = email(REVIEWER);
    let id = posts::create_post(&t.db, &author, &links(), draft, NOW)
        .await
        .unwrap();
    // The co-author is told their name stands on it; the writer is not.
    let told = |who: i32| {
        let db = t.db.clone();
        async move {
            app::entities::notification::Entity::find()
                .filter(app::entities::notification::Column::UserId.eq(who))
                .filter(app::entities::notification::Column::Kind.eq("post_co_author"))
                .count(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(told(co_author.user_id().unwrap()).await, 1);
    assert_eq!(told(author.user_id().unwrap()).await, 0);
    // The Markdown is made safe when written.
    let seen = posts::get_post(&t.db, &co_author, &links(), id)
        .await
        .unwrap();
    assert!(
        seen.body_html.contains("<h2>Hva vi gjorde</h2>"),
        "{}",
        seen.body_html
    );
    assert!(!seen.body_html.contains("<script"), "{}", seen.body_html);
    assert!(
        !seen.body_html.contains("javascript:"),
        "{}",
        seen.body_html
    );
    assert_eq!(seen.row.tags, vec!["selvbetjening", "tjenestedesign"]);
    assert_eq!(seen.row.authors.len(), 2);
    // A draft: its authors only.
    for reader in [&Actor::Anonymous, &other] {
        assert_eq!(
            posts::get_post(&t.db, reader, &links(), id).await.map(drop),
            Err(AppError::NotFound)
        );
    }
    let listed = posts::list_posts(&t.db, &other, &PostFilter::default(), page())
        .await
        .unwrap();
    assert_eq!(listed.total, 0);

    // Publishing publicly takes an editor; the author publishes internally.
    assert_eq!(
        posts::publish_post(&t.db, &author, id, visibility("public"), NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        posts::publish_post(&t.db, &other, id, visibility("internal"), NOW).await,
        Err(AppError::NotFound),
        "another's draft is not there for them"
    );
    assert!(matches!(
        posts::publish_post(&t.db, &author, id, visibility("hemmelig"), NOW).await,
        Err(AppError::Invalid(e)) if e.get("visibility") == Some(&FieldError::InvalidChoice)
    ));
    posts::publish_post(&t.db, &author, id, visibility("internal"), NOW)
        .await
        .unwrap();
    assert!(posts::get_post(&t.db, &other, &links(), id).await.is_ok());
    assert_eq!(
        posts::get_post(&t.db, &Actor::Anonymous, &links(), id)
            .await
            .map(drop),
        Err(AppError::NotFound),
        "an internal post is no visitor's"
    );
    assert!(public_ids(&t).await.is_empty());
    let anonymous = posts::list_posts(&t.db, &Actor::Anonymous, &PostFilter::default(), page())
        .await
        .unwrap();
    assert_eq!(
        anonymous.total, 0,
        "internal posts are not listed to visitors"
    );

    posts::publish_post(&t.db, &editor, id, visibility("public"), NOW)
        .await
        .unwrap();
    assert_eq!(public_ids(&t).await, vec![id]);
    let public = posts::get_post(&t.db, &Actor::Anonymous, &links(), id)
        .await
        .unwrap();
    assert!(public.comments.is_empty() && public.links.is_empty() && public.body.is_empty());

    // Not an author and not an editor: no changes.
    assert_eq!(
        posts::update_post(&t.db, &other, &links(), id, form("Overtatt"), NOW).await,
        Err(AppError::Forbidden)
    );
    // The author's change takes the post back to internal until an editor approves it again.
    posts::update_post(
        &t.db,
        &author,
        &links(),
        id,
        form("Selvinnsjekk, andre runde"),
        NOW,
    )
    .await
    .unwrap();
    assert!(
        public_ids(&t).await.is_empty(),
        "changed after the approval"
    );
    let history = post_revision::Entity::find()
        .filter(post_revision::Column::PostId.eq(id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(history.len(), 2, "written, then changed");
    let change: serde_json::Value = serde_json::from_str(&history[1].changes).unwrap();
    assert_eq!(
        change["title"], "Selvinnsjekk på legevakten",
        "the title as it was"
    );
    assert!(change.get("body").is_none(), "only what changed");
    // An editor approves the version they read: a change since is refused.
    let read = posts::get_post(&t.db, &editor, &links(), id).await.unwrap();
    let version = read.row.updated_at.unix_timestamp_nanos();
    let stale = app::posts::domain::post::PublishForm {
        visibility: "public".into(),
        version: Some((version - 1).to_string()),
    };
    assert_eq!(
        posts::publish_post(&t.db, &editor, id, stale, NOW).await,
        Err(AppError::conflict(
            "visibility",
            FieldError::ChangedMeanwhile
        ))
    );
    assert!(public_ids(&t).await.is_empty());
    let current = app::posts::domain::post::PublishForm {
        visibility: "public".into(),
        version: Some(version.to_string()),
    };
    posts::publish_post(&t.db, &editor, id, current, NOW)
        .await
        .unwrap();
    // The public side's validator moves with public posts only, never with a draft.
    let public_stamp = posts::stamp(&t.db).await.unwrap();
    assert!(public_stamp.is_some());
    posts::create_post(
        &t.db,
        &other,
        &links(),
        form("Et hemmelig utkast"),
        NOW + time::Duration::hours(1),
    )
    .await
    .unwrap();
    assert_eq!(
        posts::stamp(&t.db).await.unwrap(),
        public_stamp,
        "a draft says nothing"
    );
    // An editor's change keeps it public.
    posts::update_post(
        &t.db,
        &editor,
        &links(),
        id,
        form("Selvinnsjekk, redigert"),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(public_ids(&t).await, vec![id]);
    assert_eq!(audited(&t, "posts.published").await, 3);
    // Leaving the public moves the validator (the blog no longer lists it).
    let before = posts::stamp(&t.db).await.unwrap();
    posts::publish_post(
        &t.db,
        &editor,
        id,
        visibility("internal"),
        NOW + time::Duration::hours(2),
    )
    .await
    .unwrap();
    assert!(posts::stamp(&t.db).await.unwrap() > before);
    posts::publish_post(
        &t.db,
        &editor,
        id,
        visibility("public"),
        NOW + time::Duration::hours(3),
    )
    .await
    .unwrap();
    assert_eq!(audited(&t, "posts.changed").await, 2);

    // Featuring: editors, published posts.
    assert_eq!(
        posts::feature_post(&t.db, &author, id, true, NOW).await,
        Err(AppError::Forbidden)
    );
    posts::feature_post(&t.db, &editor, id, true, NOW)
        .await
        .unwrap();
    let front = posts::front_page(&t.db, &Actor::Anonymous, PostFilter::default(), 0)
        .await
        .unwrap();
    assert_eq!(front.featured.len(), 1);
}

fn page() -> app::core::paging::PageRequest {
    app::core::paging::PageRequest::new(Some(20), Some(0))
}

fn visibility(raw: &str) -> VisibilityForm {
    VisibilityForm(raw.into())
}

async fn bad_input_is_refused_beside_its_field_and_nothing_is_written(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let author = demo(&t, EMPLOYEE).await;
    let bad = PostForm {
        title: " ".into(),
        summary: "x".repeat(600),
        body: "ord ".repeat(20_000),
        tags: (0..12)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(","),
        co_authors: "finnes.ikke@ideverket.example".into(),
        project_ids: "abc".into(),
        ..PostForm::default()
    };
    let Err(AppError::Invalid(errors)) =
        posts::create_post(&t.db, &author, &links(), bad, NOW).await
    else {
        panic!("refused");
    };
    assert_eq!(errors.get("title"), Some(&FieldError::Required));
    assert_eq!(errors.get("summary"), Some(&FieldError::TooLong));
    assert_eq!(errors.get("body"), Some(&FieldError::TooLong));
    assert_eq!(errors.get("tags"), Some(&FieldError::TooMany));
    assert_eq!(errors.get("project_ids"), Some(&FieldError::InvalidNumber));
    // An unknown co-author and a link to nothing are each refused under their field.
    let mut unknown = form("Ukjent");
    unknown.co_authors = "finnes.ikke@ideverket.example".into();
    assert_eq!(
        posts::create_post(&t.db, &author, &links(), unknown, NOW).await,
        Err(AppError::invalid("co_authors", FieldError::UnknownUser))
    );
    for (field, set) in [
        (
            "project_ids",
            (|f: &mut PostForm| f.project_ids = "999999".into()) as fn(&mut PostForm),
        ),
        ("application_ids", |f: &mut PostForm| {
            f.application_ids = "1".into()
        }),
        ("nomination_ids", |f: &mut PostForm| {
            f.nomination_ids = "1".into()
        }),
    ] {
        let mut linked = form("Lenket");
        set(&mut linked);
        assert_eq!(
            posts::create_post(&t.db, &author, &links(), linked, NOW).await,
            Err(AppError::invalid(field, FieldError::UnknownReference)),
            "{field}"
        );
    }
    assert_eq!(
        posts::create_post(&t.db, &Actor::Anonymous, &links(), form("Anonym"), NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        post::Entity::find().count(&t.db).await.unwrap(),
        0,
        "nothing written"
    );
}

async fn a_post_links_a_project_and_the_project_lists_its_posts(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let author = demo(&t, EMPLOYEE).await;
    let site = crate::common::site_in(&t, "Helse og omsorg").await;
    let project = {
        use sea_orm::TransactionTrait;
        let txn = t.db.begin().await.unwrap();
        let grant = app::portfolio::write::Grant {
            project_id: None,
            name: "Digital innsjekk".into(),
            description: "Innsjekk på skjerm.".into(),
            owner_id: author.user_id().unwrap(),
            site_id: Some(site),
            source: "Test".into(),
            amount: app::core::money::Nok(100_000),
        };
        let id = app::portfolio::write::record_grant(&txn, &Actor::System, grant, NOW)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        id
    };
    let mut linked = form("Om innsjekken");
    linked.project_ids = project.to_string();
    let id = posts::create_post(&t.db, &author, &links(), linked, NOW)
        .await
        .unwrap();
    let reader = demo(&t, COUNCIL).await;
    assert!(
        posts::linked_posts(&t.db, &reader, LinkKind::Project, project)
            .await
            .unwrap()
            .is_empty(),
        "a draft is not listed"
    );
    posts::publish_post(&t.db, &author, id, visibility("internal"), NOW)
        .await
        .unwrap();
    let (listed, statements) = t
        .queries_of(posts::linked_posts(
            &t.db,
            &reader,
            LinkKind::Project,
            project,
        ))
        .await;
    let listed = listed.unwrap();
    assert!(
        statements <= posts::LINKED_POSTS_QUERIES,
        "a project's posts took {statements} statements"
    );
    assert_eq!(listed.iter().map(|p| p.id).collect::<Vec<_>>(), vec![id]);
    assert!(
        posts::linked_posts(&t.db, &Actor::Anonymous, LinkKind::Project, project)
            .await
            .unwrap()
            .is_empty(),
        "an internal post is no visitor's"
    );
    let seen = posts::get_post(&t.db, &reader, &links(), id).await.unwrap();
    assert_eq!(seen.links.len(), 1);
    assert_eq!(seen.links[0].title, "Digital innsjekk");
    assert_eq!(seen.links[0].href, format!("/prosjekter/{project}"));
    // Search: by word, and by a literal part of a word.
    for needle in ["selvinnsjekk", "innsjekk", "nsjek"] {
        let filter = posts::read_filter(None, None, None, Some(needle)).unwrap();
        let found = posts::list_posts(&t.db, &reader, &filter, page())
            .await
            .unwrap();
        assert_eq!(found.total, 1, "{needle}");
    }
    let filter = posts::read_filter(Some("tjenestedesign"), None, None, None).unwrap();
    assert_eq!(
        posts::list_posts(&t.db, &reader, &filter, page())
            .await
            .unwrap()
            .total,
        1
    );
    let filter = posts::read_filter(
        None,
        None,
        Some(&reader.user_id().unwrap().to_string()),
        None,
    )
    .unwrap();
    assert_eq!(
        posts::list_posts(&t.db, &reader, &filter, page())
            .await
            .unwrap()
            .total,
        0
    );
}

async fn comments_are_moderated_and_reactions_are_one_per_person(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let (author, commenter, reader, editor) = (
        demo(&t, EMPLOYEE).await,
        demo(&t, REVIEWER).await,
        demo(&t, COUNCIL).await,
        demo(&t, EDITOR).await,
    );
    let id = posts::create_post(&t.db, &author, &links(), form("Delt"), NOW)
        .await
        .unwrap();
    // Not on a draft.
    assert_eq!(
        posts::add_comment(&t.db, &author, id, CommentText::body("Tidlig".into()), NOW).await,
        Err(AppError::Forbidden)
    );
    posts::publish_post(&t.db, &author, id, visibility("internal"), NOW)
        .await
        .unwrap();
    assert_eq!(
        posts::add_comment(
            &t.db,
            &Actor::Anonymous,
            id,
            CommentText::body("Hei".into()),
            NOW
        )
        .await,
        Err(AppError::Forbidden),
        "a visitor does not comment"
    );
    assert!(matches!(
        posts::add_comment(&t.db, &commenter, id, CommentText::body("  ".into()), NOW).await,
        Err(AppError::Invalid(e)) if e.get("body") == Some(&FieldError::Required)
    ));
    let comment = posts::add_comment(
        &t.db,
        &commenter,
        id,
        CommentText::body("<img src=x onerror=alert(1)> Skammelig!".into()),
        NOW,
    )
    .await
    .unwrap();
    // The editor hides it, with a reason.
    assert_eq!(
        posts::hide_comment(
            &t.db,
            &author,
            comment,
            CommentText::reason("Nei".into()),
            NOW
        )
        .await,
        Err(AppError::Forbidden)
    );
    assert!(matches!(
        posts::hide_comment(&t.db, &editor, comment, CommentText::reason(String::new()), NOW).await,
        Err(AppError::Invalid(e)) if e.get("reason") == Some(&FieldError::Required)
    ));
    posts::hide_comment(
        &t.db,
        &editor,
        comment,
        CommentText::reason("Skriv om saken, ikke om personer.".into()),
        NOW,
    )
    .await
    .unwrap();
    assert!(
        posts::list_comments(&t.db, &reader, id)
            .await
            .unwrap()
            .is_empty(),
        "gone for readers"
    );
    let own = posts::list_comments(&t.db, &commenter, id).await.unwrap();
    assert_eq!(
        own[0].hidden_reason.as_deref(),
        Some("Skriv om saken, ikke om personer."),
        "its author sees why"
    );
    assert_eq!(
        posts::list_comments(&t.db, &editor, id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(audited(&t, "posts.comment_hidden").await, 1);
    // Only its author deletes it.
    assert_eq!(
        posts::delete_comment(&t.db, &editor, comment, NOW).await,
        Err(AppError::Forbidden)
    );
    posts::delete_comment(&t.db, &commenter, comment, NOW)
        .await
        .unwrap();
    assert!(
        posts::list_comments(&t.db, &editor, id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(audited(&t, "posts.comment_deleted").await, 1);

    // One reaction per person: again takes it back; another kind replaces it.
    assert_eq!(
        posts::react(&t.db, &reader, id, "like", NOW).await,
        Ok(Some("like"))
    );
    assert_eq!(
        posts::react(&t.db, &reader, id, "like", NOW).await,
        Ok(None)
    );
    assert_eq!(
        posts::react(&t.db, &reader, id, "idea", NOW).await,
        Ok(Some("idea"))
    );
    assert_eq!(
        posts::react(&t.db, &reader, id, "thanks", NOW).await,
        Ok(Some("thanks"))
    );
    assert!(matches!(
        posts::react(&t.db, &reader, id, "<svg onload=x>", NOW).await,
        Err(AppError::Invalid(e)) if e.get("kind") == Some(&FieldError::InvalidChoice)
    ));
    // Clicks at once from one person leave one reaction, none refused.
    let db = t.db.clone();
    let outcomes = race(8, |i| {
        let (db, actor) = (db.clone(), commenter.clone());
        let kind = ["like", "idea"][i % 2];
        async move { posts::react(&db, &actor, id, kind, NOW).await }
    })
    .await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let count = post_reaction::Entity::find()
        .filter(post_reaction::Column::PostId.eq(id))
        .filter(post_reaction::Column::UserId.eq(commenter.user_id().unwrap()))
        .count(&t.db)
        .await
        .unwrap();
    assert!(count <= 1, "{count} reactions of one person");
}

/// A PNG of `width` × `height` pixels with a text chunk that stands for metadata.
fn png_with_metadata(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, 120])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    let bytes = bytes.into_inner();
    // After the header chunk (8 + 25 bytes): a tEXt chunk.
    let data = b"Comment\0GPS 59.89N 10.52E";
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = b"tEXt".to_vec();
    typed.extend_from_slice(data);
    chunk.extend_from_slice(&typed);
    chunk.extend_from_slice(&crc32(&typed).to_be_bytes());
    [&bytes[..33], &chunk[..], &bytes[33..]].concat()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header claims `side` × `side` pixels (its data would never decode).
fn bomb(side: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&13u32.to_be_bytes());
    bytes.extend_from_slice(&ihdr);
    bytes.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // A first (empty) data chunk and the end: a whole file, as far as a header reader goes.
    for (kind, data) in [
        (
            &b"IDAT"[..],
            &[0x78u8, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01][..],
        ),
        (b"IEND", &[]),
    ] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bytes.extend_from_slice(&chunk);
        bytes.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    bytes
}

async fn images_are_checked_cleaned_and_served_only_to_readers(backend: Backend) {
    use posts::ImageFile;
    let t = TestDb::with_demo_users(backend).await;
    let (author, other, editor) = (
        demo(&t, EMPLOYEE).await,
        demo(&t, COUNCIL).await,
        demo(&t, EDITOR).await,
    );
    let id = posts::create_post(&t.db, &author, &links(), form("Med bilde"), NOW)
        .await
        .unwrap();
    let file = |bytes: Vec<u8>, alt: &str| ImageFile {
        bytes,
        alt: alt.into(),
        cover: true,
    };
    for (bytes, field, error) in [
        (
            b"<svg onload=alert(1)></svg>".to_vec(),
            "image",
            FieldError::NotAnImage,
        ),
        (b"GIF89a kort".to_vec(), "image", FieldError::NotAnImage),
        (bomb(50_000), "image", FieldError::ImageTooLarge),
        (
            vec![0u8; 4 * 1024 * 1024],
            "image",
            FieldError::ImageTooLarge,
        ),
        (png_with_metadata(4, 4), "alt", FieldError::Required),
    ] {
        let alt = if field == "alt" { " " } else { "Et bilde" };
        assert_eq!(
            posts::upload_image(&t.db, &author, id, file(bytes, alt), NOW).await,
            Err(AppError::invalid(field, error)),
            "{field} {error:?}"
        );
    }
    assert_eq!(
        posts::upload_image(&t.db, &other, id, file(png_with_metadata(4, 4), "x"), NOW).await,
        Err(AppError::NotFound),
        "not their draft"
    );
    let url = posts::upload_image(
        &t.db,
        &author,
        id,
        file(png_with_metadata(64, 48), "Køen"),
        NOW,
    )
    .await
    .unwrap();
    let name = url.rsplit('/').next().unwrap();
    let stored = posts::image(&t.db, &author, name).await.unwrap();
    assert_eq!(stored.content_type, "image/png");
    assert!(!stored.public);
    let text = String::from_utf8_lossy(&stored.data);
    assert!(!text.contains("GPS"), "the metadata is gone");
    assert_eq!(&stored.data[..8], b"\x89PNG\r\n\x1a\n");
    // The name is the SHA-256 of the bytes served.
    use sha2::Digest;
    assert_eq!(
        name,
        format!("{}.png", hex::encode(sha2::Sha256::digest(&stored.data)))
    );
    // Served only to who may read the post.
    for reader in [&Actor::Anonymous, &other] {
        assert!(matches!(
            posts::image(&t.db, reader, name).await,
            Err(AppError::NotFound)
        ));
    }
    posts::publish_post(&t.db, &editor, id, visibility("public"), NOW)
        .await
        .unwrap();
    let public = posts::image(&t.db, &Actor::Anonymous, name).await.unwrap();
    assert!(public.public);
    // A new image in a public post from its author takes the post back to internal.
    posts::upload_image(
        &t.db,
        &author,
        id,
        ImageFile {
            bytes: png_with_metadata(8, 8),
            alt: "Ny".into(),
            cover: false,
        },
        NOW,
    )
    .await
    .unwrap();
    assert!(
        public_ids(&t).await.is_empty(),
        "new content waits for the editor"
    );
    posts::publish_post(&t.db, &editor, id, visibility("public"), NOW)
        .await
        .unwrap();
    let seen = posts::get_post(&t.db, &Actor::Anonymous, &links(), id)
        .await
        .unwrap();
    assert_eq!(seen.row.cover.unwrap().alt, "Køen");
    for bad in [
        "../../etc/passwd",
        "abc.png",
        &format!("{}.gif", &name[..64]),
    ] {
        assert!(
            matches!(
                posts::image(&t.db, &Actor::Anonymous, bad).await,
                Err(AppError::NotFound)
            ),
            "{bad}"
        );
    }
}

async fn the_demo_has_forty_posts_some_public_with_a_hidden_comment(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let made = posts::seed_demo_posts(&t.db, &Actor::System, &links(), NOW)
        .await
        .unwrap();
    assert_eq!(made, 40);
    let public = public_ids(&t).await.len();
    assert!((10..40).contains(&public), "{public} public");
    let again = posts::seed_demo_posts(&t.db, &Actor::System, &links(), NOW)
        .await
        .unwrap();
    assert_eq!(again, 0, "once");
    let hidden = app::posts::entities::post_comment::Entity::find()
        .filter(app::posts::entities::post_comment::Column::HiddenAt.is_not_null())
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(hidden, 1);
}

on_both_backends!(
    a_post_goes_from_draft_to_internal_to_public_with_an_editors_approval,
    bad_input_is_refused_beside_its_field_and_nothing_is_written,
    a_post_links_a_project_and_the_project_lists_its_posts,
    comments_are_moderated_and_reactions_are_one_per_person,
    images_are_checked_cleaned_and_served_only_to_readers,
    the_demo_has_forty_posts_some_public_with_a_hidden_comment,
);
