//! Session rules through the service layer and the database session store.

use std::sync::Arc;

use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use app::auth::service::{ABSOLUTE_TIMEOUT, actor_from_session, end_session, start_session};
use app::auth::session_store::DbSessionStore;
use app::auth::sign_in::authenticate;
use app::users::service::seed_demo_users;
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

async fn signed_in_session(t: &TestDb, now: OffsetDateTime) -> (Session, i32) {
    app::org::service::seed_demo(&t.db, &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    seed_demo_users(&t.db, &Actor::System, now).await.unwrap();
    let user = authenticate(&t.db, DEMO_USERS[1].email, DEMO_PASSWORD, "10.0.0.1", now)
        .await
        .unwrap()
        .unwrap();
    let session = Session::new(None, Arc::new(DbSessionStore::new(t.db.clone())), None);
    start_session(&t.db, &session, &user, now).await.unwrap();
    session.save().await.unwrap();
    (session, user.id)
}

async fn sign_in_lasts_until_the_absolute_timeout(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let (session, user_id) = signed_in_session(&t, now).await;

    let before = actor_from_session(
        &t.db,
        &session,
        now + ABSOLUTE_TIMEOUT - Duration::minutes(1),
    )
    .await
    .unwrap();
    let after = actor_from_session(
        &t.db,
        &session,
        now + ABSOLUTE_TIMEOUT + Duration::minutes(1),
    )
    .await
    .unwrap();

    assert_eq!(before.user_id(), Some(user_id));
    assert_eq!(after, Actor::Anonymous);
}

async fn session_is_stored_and_loaded_from_the_database(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let (session, user_id) = signed_in_session(&t, now).await;
    let id = session.id().unwrap();

    // A second "instance": a new store on the same database finds the same session.
    let other = Session::new(Some(id), Arc::new(DbSessionStore::new(t.db.clone())), None);
    let actor = actor_from_session(&t.db, &other, now).await.unwrap();

    assert_eq!(actor.user_id(), Some(user_id));
}

async fn ended_session_signs_nobody_in(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let (session, _) = signed_in_session(&t, now).await;
    let id = session.id().unwrap();

    end_session(&session).await.unwrap();
    let other = Session::new(Some(id), Arc::new(DbSessionStore::new(t.db.clone())), None);

    assert_eq!(
        actor_from_session(&t.db, &other, now).await.unwrap(),
        Actor::Anonymous
    );
}

async fn deactivation_ends_the_users_session(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let (session, user_id) = signed_in_session(&t, now).await;

    app::users::service::set_user_active(&t.db, &Actor::System, user_id, false, now)
        .await
        .unwrap();
    let actor = actor_from_session(&t.db, &session, now).await.unwrap();

    assert_eq!(actor, Actor::Anonymous);
    assert!(session.is_empty().await, "the session was flushed");
}

async fn a_save_that_only_nudges_the_expiry_writes_nothing(backend: Backend) {
    use app::auth::session_store::EXPIRY_SLACK;
    use app::entities::session;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};

    let t = TestDb::new(backend).await;
    let store = DbSessionStore::new(t.db.clone());
    let start = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap() + Duration::hours(2);
    let mut record = Record {
        id: Id::default(),
        data: [("user".to_owned(), serde_json::json!(7))].into(),
        expiry_date: start,
    };
    store.create(&mut record).await.unwrap();
    let stored = || async { session::Entity::find().one(&t.db).await.unwrap().unwrap() };
    // Mark the row, so a write shows.
    let mut row: session::ActiveModel = stored().await.into();
    row.data = Set("{\"marked\":true}".into());
    row.update(&t.db).await.unwrap();

    // The same data, a few seconds later: no write.
    record.expiry_date = start + Duration::seconds(5);
    store.save(&record).await.unwrap();
    assert_eq!(stored().await.data, "{\"marked\":true}");
    // Changed data is written at once.
    record
        .data
        .insert("flash".into(), serde_json::json!("done"));
    store.save(&record).await.unwrap();
    let written = stored().await;
    assert!(written.data.contains("flash"), "{}", written.data);
    assert_eq!(written.expires_at, start + Duration::seconds(5));
    // The expiry moved by more than the slack: written.
    let mut row: session::ActiveModel = written.into();
    row.data = Set("{\"marked\":true}".into());
    row.update(&t.db).await.unwrap();
    record.expiry_date = start + Duration::seconds(5) + EXPIRY_SLACK;
    store.save(&record).await.unwrap();
    let written = stored().await;
    assert!(written.data.contains("flash"));
    assert_eq!(written.expires_at, record.expiry_date);
    // A second store (another app instance) knows nothing and writes.
    let other = DbSessionStore::new(t.db.clone());
    let mut row: session::ActiveModel = written.into();
    row.data = Set("{\"marked\":true}".into());
    row.update(&t.db).await.unwrap();
    other.save(&record).await.unwrap();
    assert!(stored().await.data.contains("flash"));
}

/// A request that only read the session (a download of suggestions beside a form post) saves
/// it at its end as it read it, since every request moves the idle expiry: that save must not
/// write the old data back over what the post stored meanwhile (an end-to-end run lost the
/// notice "Medlemmet er lagt til." this way). What a request did change is written, a notice
/// taken away too, though that leaves the data as it was before the notice came.
async fn a_request_that_only_read_the_session_keeps_what_another_stored(backend: Backend) {
    use tower_sessions::Expiry;

    let t = TestDb::new(backend).await;
    let store = Arc::new(DbSessionStore::new(t.db.clone()));
    let idle = || Some(Expiry::OnInactivity(Duration::hours(2)));
    let first = Session::new(None, store.clone(), idle());
    first.insert("user", 7).await.unwrap();
    first.save().await.unwrap();
    let id = first.id().unwrap();

    let reader = Session::new(Some(id), store.clone(), idle());
    assert_eq!(reader.get::<i32>("user").await.unwrap(), Some(7));
    let poster = Session::new(Some(id), store.clone(), idle());
    poster.insert("flash", "done").await.unwrap();
    poster.save().await.unwrap();
    reader.save().await.unwrap();

    // Read by another instance, which remembers nothing.
    let fresh = || {
        Session::new(
            Some(id),
            Arc::new(DbSessionStore::new(t.db.clone())),
            idle(),
        )
    };
    let later = fresh();
    assert_eq!(
        later.get::<String>("flash").await.unwrap().as_deref(),
        Some("done")
    );
    assert_eq!(later.get::<i32>("user").await.unwrap(), Some(7));

    assert_eq!(
        later.remove::<String>("flash").await.unwrap().as_deref(),
        Some("done")
    );
    later.save().await.unwrap();
    let again = fresh();
    assert_eq!(again.get::<String>("flash").await.unwrap(), None);
    assert_eq!(again.get::<i32>("user").await.unwrap(), Some(7));
}

/// A session ended (signed out) while other requests held their copies stays ended when they
/// save: the one that changed nothing, and the one that changed its copy (a notice taken).
async fn a_session_ended_beside_other_requests_stays_ended(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let (session, user_id) = signed_in_session(&t, now).await;
    let id = session.id().unwrap();
    let store = || Arc::new(DbSessionStore::new(t.db.clone()));
    let copy = |store| Session::new(Some(id), store, None);
    let shared = store();
    let reader = copy(shared.clone());
    let changer = copy(shared.clone());
    assert_eq!(
        actor_from_session(&t.db, &reader, now)
            .await
            .unwrap()
            .user_id(),
        Some(user_id)
    );
    assert_eq!(
        actor_from_session(&t.db, &changer, now)
            .await
            .unwrap()
            .user_id(),
        Some(user_id)
    );

    end_session(&copy(shared.clone())).await.unwrap();
    changer.insert("flash", "late").await.unwrap();
    changer.save().await.unwrap();
    reader.save().await.unwrap();

    let later = copy(store());
    assert_eq!(
        actor_from_session(&t.db, &later, now).await.unwrap(),
        Actor::Anonymous
    );
    assert_eq!(later.get::<String>("flash").await.unwrap(), None);
}

on_both_backends!(
    a_session_ended_beside_other_requests_stays_ended,
    a_request_that_only_read_the_session_keeps_what_another_stored,
    a_save_that_only_nudges_the_expiry_writes_nothing,
    sign_in_lasts_until_the_absolute_timeout,
    session_is_stored_and_loaded_from_the_database,
    ended_session_signs_nobody_in,
    deactivation_ends_the_users_session,
);
