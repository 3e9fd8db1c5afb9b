//! Notifications by e-mail (issue 30, DESIGN §9): over SMTP when it is configured, each
//! person getting the kinds they have not opted out of. A notification is written with its
//! e-mail pending (`service::notify`); [`deliver_pending`] sends what is pending, from any
//! instance: each e-mail is claimed in the database before it is sent, so two instances never
//! send the same one, and a failed one is tried again later, then given up.

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::{Duration, OffsetDateTime};

use crate::core::error::AppError;
use crate::entities::{mail_opt_out, notification, user};
use crate::i18n::Locale;
use crate::notifications::domain::{
    MAIL_FRESH_FOR, MailState, Notification, NotificationKind, retry_after,
};
use crate::notifications::text::{detail_shown_apart, headline};

/// How long a claimed e-mail is this instance's to send before another may try it: well
/// beyond [`SEND_WITHIN`], so a claim never lapses while its e-mail is on the way.
const CLAIM_FOR: Duration = Duration::minutes(10);

/// The most one e-mail may take, every SMTP step included; slower is a failure, tried again.
const SEND_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

/// A delivery claims no more once it has run this long (the rest wait for the next round),
/// so every claim it takes is fresh.
const DELIVER_FOR: std::time::Duration = std::time::Duration::from_secs(180);

/// Most e-mails one delivery sends.
pub const BATCH: u64 = 50;

/// An SMTP server to send through, who the e-mails are from, and the address links start with.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    /// `smtp_url`: `smtp://host:port` (plain, for a relay on the same network),
    /// `smtp://user:password@host:587?tls=required` (STARTTLS) or `smtps://host:465` (TLS);
    /// `from`: `Idéverket <ideverket@kommune.no>`; `public_url`: `https://ideverket.kommune.no`.
    pub fn new(smtp_url: &str, from: &str, public_url: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("IDEVERKET_SMTP_URL is not an SMTP address: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from: Mailbox = from.parse().map_err(|e| {
            format!("IDEVERKET_MAIL_FROM={from:?} is not an address like Idéverket <ideverket@kommune.no>: {e}")
        })?;
        Ok(Self {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }
}

/// What one delivery did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retried: usize,
    /// Failed for the last time, or never sendable (no valid address).
    pub failed: usize,
}

/// The e-mail of a notification: its subject and plain text, in the reader's language.
pub fn compose(locale: Locale, n: &Notification, public_url: &str) -> (String, String) {
    let subject = headline(locale, n);
    let mut body = format!("{subject}\n\n");
    if detail_shown_apart(n.kind) && !n.detail.trim().is_empty() {
        body.push_str(n.detail.trim());
        body.push_str("\n\n");
    }
    let (more, why) = match locale {
        Locale::nb => (
            "Les mer",
            "Du får denne e-posten fra Idéverket fordi du har valgt å få slike varsler. \
             Velg hvilke varsler du får på e-post her",
        ),
        Locale::en => (
            "Read more",
            "You get this e-mail from Idéverket because you chose to get such notifications. \
             Choose which notifications you get by e-mail here",
        ),
    };
    body.push_str(&format!(
        "{more}: {public_url}{}\n\n-- \n{why}: {public_url}/varsler#e-post\n",
        n.link
    ));
    (format!("Idéverket: {subject}"), body)
}

/// Sends the pending e-mails (at most [`BATCH`]), each claimed first by `instance`; gives up
/// those older than [`MAIL_FRESH_FOR`].
pub async fn deliver_pending(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    instance: &str,
    now: OffsetDateTime,
) -> Result<Delivered, AppError> {
    notification::Entity::update_many()
        .col_expr(
            notification::Column::MailState,
            Expr::value(MailState::Expired.as_str()),
        )
        .filter(notification::Column::MailState.eq(MailState::Pending.as_str()))
        .filter(notification::Column::CreatedAt.lt(now - MAIL_FRESH_FOR))
        .exec(db)
        .await?;
    let waiting: Vec<i32> = notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .filter(notification::Column::MailState.eq(MailState::Pending.as_str()))
        .filter(free_at(now))
        .order_by_asc(notification::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let mut done = Delivered::default();
    // Each claim and each outcome is stamped with the time it happens, not the round's start:
    // a slow server must not leave a claim that has lapsed before it is written.
    let started = std::time::Instant::now();
    let at = || now + started.elapsed();
    for id in waiting {
        if started.elapsed() > DELIVER_FOR {
            break;
        }
        if !claim(db, id, instance, at()).await? {
            continue;
        }
        let Some(row) = notification::Entity::find_by_id(id).one(db).await? else {
            continue;
        };
        let reader = user::Entity::find_by_id(row.user_id).one(db).await?;
        let kind = NotificationKind::parse(&row.kind);
        // An opt-out made after the notification was written holds too.
        let unwanted = match kind {
            Some(kind) => mail_opt_out::Entity::find_by_id((row.user_id, kind.as_str().to_owned()))
                .one(db)
                .await?
                .is_some(),
            None => true,
        };
        if unwanted {
            settle(db, id, instance, MailState::Off, None, None, None).await?;
            continue;
        }
        let outcome = match (reader, kind) {
            (Some(reader), Some(kind)) if reader.active => {
                match tokio::time::timeout(SEND_WITHIN, send(mailer, &reader, kind, &row)).await {
                    Ok(sent) => sent,
                    Err(_) => Err(Undeliverable::Now("the SMTP server took too long".into())),
                }
            }
            _ => Err(Undeliverable::Never("no active reader".into())),
        };
        let now = at();
        match outcome {
            Ok(()) => {
                settle(db, id, instance, MailState::Sent, None, None, Some(now)).await?;
                done.sent += 1;
            }
            Err(Undeliverable::Now(reason)) => {
                let attempts = row.mail_attempts.saturating_add(1);
                tracing::warn!(notification = id, attempts, %reason, "e-mail not sent");
                match retry_after(attempts) {
                    Some(wait) => {
                        settle(db, id, instance, MailState::Pending, Some(reason), Some(now + wait), None)
                            .await?;
                        done.retried += 1;
                    }
                    None => {
                        settle(db, id, instance, MailState::Failed, Some(reason), None, None)
                            .await?;
                        done.failed += 1;
                    }
                }
            }
            Err(Undeliverable::Never(reason)) => {
                tracing::warn!(notification = id, %reason, "e-mail cannot be sent");
                settle(db, id, instance, MailState::Failed, Some(reason), None, None).await?;
                done.failed += 1;
            }
        }
    }
    Ok(done)
}

/// Not claimed by anyone, or the claim (or the wait after a failure) is over.
fn free_at(now: OffsetDateTime) -> Condition {
    Condition::any()
        .add(notification::Column::MailClaimedUntil.is_null())
        .add(notification::Column::MailClaimedUntil.lt(now))
}

/// Claims one pending e-mail for `instance`: a compare-and-set, so of two instances trying at
/// once one changes the row and the other finds it claimed (PostgreSQL re-reads the row under
/// its lock before the second update; SQLite writes one at a time).
async fn claim(
    db: &impl ConnectionTrait,
    id: i32,
    instance: &str,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let claimed = notification::Entity::update_many()
        .col_expr(notification::Column::MailClaimedBy, Expr::value(instance))
        .col_expr(
            notification::Column::MailClaimedUntil,
            Expr::value(now + CLAIM_FOR),
        )
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::MailState.eq(MailState::Pending.as_str()))
        .filter(free_at(now))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Records what became of a claimed e-mail, if the claim is still `instance`'s.
async fn settle(
    db: &impl ConnectionTrait,
    id: i32,
    instance: &str,
    state: MailState,
    error: Option<String>,
    retry_at: Option<OffsetDateTime>,
    sent_at: Option<OffsetDateTime>,
) -> Result<(), AppError> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::MailState, Expr::value(state.as_str()))
        .col_expr(notification::Column::MailClaimedUntil, Expr::value(retry_at))
        .col_expr(
            notification::Column::MailClaimedBy,
            Expr::value(Option::<String>::None),
        );
    if let Some(at) = sent_at {
        update = update.col_expr(notification::Column::MailedAt, Expr::value(Some(at)));
    }
    if let Some(error) = error {
        let error: String = error.chars().take(300).collect();
        update = update
            .col_expr(notification::Column::MailError, Expr::value(Some(error)))
            .col_expr(
                notification::Column::MailAttempts,
                Expr::col(notification::Column::MailAttempts).add(1),
            );
    }
    update
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::MailClaimedBy.eq(instance))
        .exec(db)
        .await?;
    Ok(())
}

enum Undeliverable {
    /// The server refused or could not be reached: try again later.
    Now(String),
    /// It can never be sent (no valid address).
    Never(String),
}

async fn send(
    mailer: &Mailer,
    reader: &user::Model,
    kind: NotificationKind,
    row: &notification::Model,
) -> Result<(), Undeliverable> {
    let locale = if reader.language == "en" {
        Locale::en
    } else {
        Locale::nb
    };
    let n = Notification {
        id: row.id,
        kind,
        subject: row.subject.clone(),
        status: row.status.clone(),
        detail: row.detail.clone(),
        link: row.link.clone(),
        created_at: row.created_at,
        read: row.read_at.is_some(),
    };
    let (subject, body) = compose(locale, &n, &mailer.public_url);
    let to = reader
        .email
        .parse()
        .map(|address| Mailbox::new(Some(reader.name.clone()), address))
        .map_err(|e| Undeliverable::Never(format!("the address is not valid: {e}")))?;
    let message = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| Undeliverable::Never(format!("the message cannot be built: {e}")))?;
    mailer
        .transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| {
            // A permanent refusal (5xx: no such mailbox, relaying denied) will not change.
            if e.is_permanent() {
                Undeliverable::Never(e.to_string())
            } else {
                Undeliverable::Now(e.to_string())
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_says_what_happened_why_and_where_to_choose_fewer() {
        let n = Notification {
            id: 7,
            kind: NotificationKind::IdeaAssessed,
            subject: "Lån ut el-sykler".into(),
            status: "accepted".into(),
            detail: "Godt forankret i sektoren.".into(),
            link: "/ideer/7".into(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            read: false,
        };
        let (subject, body) = compose(Locale::nb, &n, "https://ideverket.kommune.no");
        assert!(subject.starts_with("Idéverket: Ideen «Lån ut el-sykler» er vurdert: "));
        assert!(body.contains("Godt forankret i sektoren."));
        assert!(body.contains("https://ideverket.kommune.no/ideer/7"));
        assert!(body.contains("https://ideverket.kommune.no/varsler#e-post"));
        let (english, _) = compose(Locale::en, &n, "https://x");
        assert!(english.starts_with("Idéverket: The idea “Lån ut el-sykler” has been assessed"));
    }

    #[test]
    fn the_mailer_refuses_an_address_that_is_not_smtp_or_a_sender_that_is_not_one() {
        assert!(Mailer::new("http://mail", "a@b.no", "https://x").is_err());
        assert!(Mailer::new("smtp://127.0.0.1:2525", "ikke en adresse", "https://x").is_err());
        assert!(Mailer::new("smtp://127.0.0.1:2525", "Idéverket <ide@kommune.no>", "https://x").is_ok());
    }
}
