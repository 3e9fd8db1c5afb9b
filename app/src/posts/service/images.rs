//! Uploaded images (issue 29): checked by their content, not their name; refused above a
//! size or dimension that a decoder could be made to choke on (a decompression bomb: a small
//! file of 50 000 × 50 000 pixels); decoded and encoded again, which leaves behind the
//! metadata (a phone's position, the camera) and anything hidden in the file that is not the
//! image; stored in the database, so every instance serves them, under the SHA-256 of their
//! bytes.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::json;
use sha2::Digest;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::parse_name;
use crate::posts::domain::permission::{PostAction, is_editor};
use crate::posts::domain::post::{MAX_ALT_CHARS, Status, Visibility};
use crate::posts::entities::{post, post_image};

use super::{audit, image_url, readable, status, visibility};

/// Largest file taken (the router's body limit is 4 MiB).
pub const MAX_IMAGE_BYTES: usize = 3 * 1024 * 1024;
/// Longest side, and most pixels, of an image taken.
pub const MAX_SIDE: u32 = 6_000;
pub const MAX_PIXELS: u64 = 24_000_000;
/// Images wider than this are made this wide (the page's column is narrower).
pub const SERVED_WIDTH: u32 = 1_600;
/// The most an image may weigh once encoded again (a small lossy file of noise can grow as a
/// PNG).
pub const MAX_STORED_BYTES: usize = 6 * 1024 * 1024;
/// Images one post may hold.
pub const MAX_IMAGES_PER_POST: u64 = 20;

/// Decodings at once: each may take up to the decoder's memory limit, and the machine has
/// few cores. A limit of this process's work, not state another instance needs.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// An image as uploaded.
pub struct ImageFile {
    pub bytes: Vec<u8>,
    pub alt: String,
    /// Make it the post's cover.
    pub cover: bool,
}

/// An image to serve.
pub struct StoredImage {
    pub content_type: String,
    pub data: Vec<u8>,
    /// Whether anyone may read it (a public post's), so caches may share it.
    pub public: bool,
}

/// The bytes as an image of ours: PNG stays PNG, JPEG stays JPEG, GIF and WebP become PNG.
/// Answers its type, bytes, width and height.
pub fn reencode(bytes: &[u8]) -> Result<(&'static str, Vec<u8>, u32, u32), FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::Required);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(FieldError::ImageTooLarge);
    }
    let mut guessed = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| FieldError::NotAnImage)?;
    let format = guessed.format().ok_or(FieldError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(FieldError::NotAnImage);
    }
    // The header's dimensions first, under the limits: nothing is allocated for a bomb.
    guessed.limits(limits());
    let (width, height) = guessed.into_dimensions().map_err(|e| match e {
        image::ImageError::Limits(_) => FieldError::ImageTooLarge,
        _ => FieldError::NotAnImage,
    })?;
    if width == 0 || height == 0 {
        return Err(FieldError::NotAnImage);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(FieldError::ImageTooLarge);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let decoded = reader.decode().map_err(|_| FieldError::NotAnImage)?;
    let decoded = if decoded.width() > SERVED_WIDTH {
        decoded.thumbnail(SERVED_WIDTH, u32::MAX)
    } else {
        decoded
    };
    let (content_type, out_format, image) = if format == ImageFormat::Jpeg {
        (
            "image/jpeg",
            ImageFormat::Jpeg,
            DynamicImage::ImageRgb8(decoded.to_rgb8()),
        )
    } else {
        ("image/png", ImageFormat::Png, decoded)
    };
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, out_format)
        .map_err(|_| FieldError::NotAnImage)?;
    let out = out.into_inner();
    if out.len() > MAX_STORED_BYTES {
        return Err(FieldError::ImageTooLarge);
    }
    Ok((content_type, out, image.width(), image.height()))
}

/// What a decoder may take: the sides, and memory.
fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    limits
}

/// Adds an image to a post (its authors, an editor), optionally as its cover; answers the
/// image's address, for the Markdown.
pub async fn upload_image(
    db: &DatabaseConnection,
    actor: &Actor,
    post_id: i32,
    file: ImageFile,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    super::signed_in(actor)?;
    let (_, authors) = readable(db, actor, post_id).await?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    authorize(
        actor,
        PostAction::Edit {
            author: authors.contains(&me),
        },
    )?;
    let held = post_image::Entity::find()
        .filter(post_image::Column::PostId.eq(post_id))
        .count(db)
        .await?;
    if held >= MAX_IMAGES_PER_POST {
        return Err(AppError::conflict("image", FieldError::TooMany));
    }
    let alt = parse_name(&file.alt, MAX_ALT_CHARS).map_err(|e| AppError::invalid("alt", e));
    let bytes = file.bytes;
    // Decoding is CPU work: off the async workers, two at a time.
    let _turn = DECODING.acquire().await.map_err(|_| AppError::Unavailable)?;
    let encoded = tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "image decoding stopped");
            AppError::Internal
        })?
        .map_err(|e| AppError::invalid("image", e));
    let (alt, (content_type, data, width, height)) = match (alt, encoded) {
        (Ok(alt), Ok(encoded)) => (alt, encoded),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            return Err(AppError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let hash = hex::encode(sha2::Sha256::digest(&data));
    let url = image_url(&hash, content_type);
    let txn = crate::core::txn::begin_write(db).await?;
    let current = crate::core::txn::find_locked::<post::Entity>(&txn, post_id)
        .await?
        .ok_or(AppError::NotFound)?;
    post_image::Entity::insert(post_image::ActiveModel {
        post_id: Set(post_id),
        hash: Set(hash.clone()),
        content_type: Set(content_type.into()),
        data: Set(data),
        width: Set(i32::try_from(width).unwrap_or(i32::MAX)),
        height: Set(i32::try_from(height).unwrap_or(i32::MAX)),
        alt: Set(alt.clone()),
        created_by: Set(me),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([post_image::Column::Hash, post_image::Column::PostId])
            .update_column(post_image::Column::Alt)
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let image_id = post_image::Entity::find()
        .filter(post_image::Column::Hash.eq(hash.clone()))
        .filter(post_image::Column::PostId.eq(post_id))
        .one(&txn)
        .await?
        .map(|i| i.id)
        .ok_or(AppError::Internal)?;
    // A new image in a public post is new public content: an author's takes the post back
    // to internal until an editor approves it again, as a change to its text does.
    let back_to_internal = visibility(&current) == Visibility::Public && !is_editor(actor);
    let mut active: post::ActiveModel = current.into();
    if file.cover {
        active.cover_image_id = Set(Some(image_id));
    }
    if back_to_internal {
        active.visibility = Set(Visibility::Internal.as_str().into());
        active.public_approved_by = Set(None);
        active.left_public_at = Set(Some(now));
    }
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "posts.image_added",
        ("post", post_id),
        json!({ "sha256": hash, "cover": file.cover }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(url)
}

/// Posts holding one image that a request looks through for one the reader may read.
const MAX_HOLDERS_TRIED: u64 = 20;

/// The image named `name` (`<sha256>.png` or `.jpg`), if the actor may read a post it
/// belongs to.
pub async fn image(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
) -> Result<StoredImage, AppError> {
    let hash = name
        .strip_suffix(".png")
        .or_else(|| name.strip_suffix(".jpg"))
        .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or(AppError::NotFound)?;
    // Which posts hold it, without the bytes; the bytes of one copy once the reader may see it.
    let holders: Vec<(i32, i32, String, String)> = post_image::Entity::find()
        .select_only()
        .columns([
            post_image::Column::Id,
            post_image::Column::PostId,
            post_image::Column::Hash,
            post_image::Column::ContentType,
        ])
        .filter(post_image::Column::Hash.eq(hash.to_ascii_lowercase()))
        .limit(MAX_HOLDERS_TRIED)
        .into_tuple()
        .all(db)
        .await?;
    for (id, post_id, hash, content_type) in holders {
        if image_url(&hash, &content_type)
            != format!("{}{name}", crate::posts::domain::markdown::IMAGE_PATH)
        {
            continue;
        }
        if let Ok((owner, _)) = readable(db, actor, post_id).await {
            let data: Option<Vec<u8>> = post_image::Entity::find_by_id(id)
                .select_only()
                .column(post_image::Column::Data)
                .into_tuple()
                .one(db)
                .await?;
            return Ok(StoredImage {
                public: status(&owner) == Status::Published
                    && visibility(&owner) == Visibility::Public,
                content_type,
                data: data.ok_or(AppError::NotFound)?,
            });
        }
    }
    Err(AppError::NotFound)
}
