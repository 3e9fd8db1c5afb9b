//! Tanketanken's part of the permission matrix (issue 29: employees, editors, admins,
//! anonymous visitors): its operations, who may do them, and the public post and comment they
//! run against (made once, before the matrix runs, by user 1, who is none of the actors).

use app::auth::{Actor, Role, UserActor};
use app::core::error::AppError;
use app::posts::domain::post::{CommentText, PostForm, VisibilityForm};
use app::posts::domain::view::PostFilter;
use app::posts::service as posts;
use time::OffsetDateTime;

use crate::common::TestDb;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostOp {
    List,
    Read,
    Write,
    EditOthers,
    PublishOthersPublicly,
    Feature,
    Comment,
    React,
    HideComment,
    DeleteOthersComment,
    UploadToOthers,
}

pub const POST_OPS: [PostOp; 11] = [
    PostOp::List,
    PostOp::Read,
    PostOp::Write,
    PostOp::EditOthers,
    PostOp::PublishOthersPublicly,
    PostOp::Feature,
    PostOp::Comment,
    PostOp::React,
    PostOp::HideComment,
    PostOp::DeleteOthersComment,
    PostOp::UploadToOthers,
];

/// DESIGN §2 and §8, written out.
pub fn allowed(actor: Option<Option<Role>>, op: PostOp) -> bool {
    let editor = matches!(actor, Some(Some(Role::Admin | Role::Editor)));
    match op {
        // A public post: anyone reads it and the list.
        PostOp::List | PostOp::Read => true,
        // Every employee writes, comments and reacts.
        PostOp::Write | PostOp::Comment | PostOp::React => actor.is_some(),
        // Another's post: the editors (admins stand in).
        PostOp::EditOthers
        | PostOp::PublishOthersPublicly
        | PostOp::Feature
        | PostOp::HideComment
        | PostOp::UploadToOthers => editor,
        // Another's comment is deleted by no one (an editor hides it).
        PostOp::DeleteOthersComment => false,
    }
}

/// The public post and its comment.
pub struct PostFixture {
    post: i32,
    comment: i32,
}

pub async fn post_fixture(t: &TestDb) -> PostFixture {
    let now = OffsetDateTime::now_utc();
    let author = Actor::User(UserActor {
        id: 1,
        name: "Mål Bruker".into(),
        home_site_id: None,
        roles: vec![],
    });
    let links = app::registry::link_targets();
    let post = posts::create_post(&t.db, &author, &links, form(), now)
        .await
        .unwrap();
    // User 1 as an editor approves it (the matrix's actors are others).
    let approving = Actor::User(UserActor {
        id: 1,
        name: "Mål Bruker".into(),
        home_site_id: None,
        roles: vec![app::auth::RoleGrant::new(Role::Editor, None, None).unwrap()],
    });
    posts::publish_post(
        &t.db,
        &approving,
        post,
        VisibilityForm("public".into()),
        now,
    )
    .await
    .unwrap();
    let comment = posts::add_comment(
        &t.db,
        &author,
        post,
        CommentText::body("Første!".into()),
        now,
    )
    .await
    .unwrap();
    PostFixture { post, comment }
}

fn form() -> PostForm {
    PostForm {
        title: "Matrisen".into(),
        summary: "Et innlegg.".into(),
        body: "Tekst.".into(),
        ..PostForm::default()
    }
}

fn png() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(2, 2, image::Rgb([1, 2, 3]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

pub async fn attempt(
    t: &TestDb,
    actor: &Actor,
    op: PostOp,
    fx: &PostFixture,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let db = &t.db;
    let links = app::registry::link_targets();
    let page = app::core::paging::PageRequest::new(Some(5), Some(0));
    match op {
        PostOp::List => posts::list_posts(db, actor, &PostFilter::default(), page)
            .await
            .map(drop),
        PostOp::Read => posts::get_post(db, actor, &links, fx.post).await.map(drop),
        PostOp::Write => posts::create_post(db, actor, &links, form(), now)
            .await
            .map(drop),
        PostOp::EditOthers => posts::update_post(db, actor, &links, fx.post, form(), now).await,
        PostOp::PublishOthersPublicly => {
            posts::publish_post(db, actor, fx.post, VisibilityForm("public".into()), now).await
        }
        PostOp::Feature => posts::feature_post(db, actor, fx.post, true, now).await,
        PostOp::Comment => {
            posts::add_comment(db, actor, fx.post, CommentText::body("Enig.".into()), now)
                .await
                .map(drop)
        }
        PostOp::React => posts::react(db, actor, fx.post, "like", now)
            .await
            .map(drop),
        PostOp::HideComment => posts::hide_comment(
            db,
            actor,
            fx.comment,
            CommentText::reason("Moderert.".into()),
            now,
        )
        .await
        .map(drop),
        PostOp::DeleteOthersComment => posts::delete_comment(db, actor, fx.comment, now)
            .await
            .map(drop),
        PostOp::UploadToOthers => {
            let file = posts::ImageFile {
                bytes: png(),
                alt: "Et bilde".into(),
                cover: false,
            };
            posts::upload_image(db, actor, fx.post, file, now)
                .await
                .map(drop)
        }
    }
}
