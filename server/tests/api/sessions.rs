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

on_both_backends!(
    sign_in_lasts_until_the_absolute_timeout,
    session_is_stored_and_loaded_from_the_database,
    ended_session_signs_nobody_in,
    deactivation_ends_the_users_session,
);
