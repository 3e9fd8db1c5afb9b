//! The person chooser (issue 30, point 5) on SQLite and PostgreSQL: suggestions by part of a
//! name or address for the signed-in, active colleagues only; a person field takes a
//! suggestion, an address or a name, and says so when a name is shared or unknown.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::portfolio_view::project_of;
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::portfolio::domain::involvement::AdditionForm;
use app::users::domain::NewUserFields;
use sea_orm::EntityTrait;
use time::OffsetDateTime;
use time::macros::datetime;

const EMPLOYEE: usize = 1;
const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

async fn add_member(t: &TestDb, project: i32, typed: &str) -> Result<i32, AppError> {
    let owner = demo(t, EMPLOYEE).await;
    let form = AdditionForm {
        part: "members".into(),
        user: typed.into(),
        ..Default::default()
    };
    app::portfolio::service::add_to_project(&t.db, &owner, project, form, NOW).await
}

async fn a_colleague_is_found_by_part_of_a_name_and_named_by_name_or_address(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let employee = demo(&t, EMPLOYEE).await;
    let suggest = |typed: &'static str| {
        let (db, employee) = (t.db.clone(), employee.clone());
        async move {
            app::users::service::suggest_people(&db, &employee, typed)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        suggest("per hans").await,
        ["Per Hansen <fagvurderer@ideverket.example>"]
    );
    assert_eq!(
        suggest("FAGVURDERER@").await,
        ["Per Hansen <fagvurderer@ideverket.example>"]
    );
    assert!(suggest("p").await.is_empty(), "one letter suggests nobody");
    assert_eq!(
        suggest("100%").await,
        Vec::<String>::new(),
        "a wildcard is a literal"
    );
    assert_eq!(
        app::users::service::suggest_people(&t.db, &Actor::Anonymous, "per").await,
        Err(AppError::Forbidden)
    );

    // A suggestion as chosen, then a name alone.
    let project = project_of(&t, "Digital innsjekk", "digitalisering").await;
    let per = add_member(&t, project, "Per Hansen <fagvurderer@ideverket.example>")
        .await
        .unwrap();
    let reviewer = demo(&t, 2).await.user_id().unwrap();
    assert_eq!(per, reviewer);
    // The council member by name alone, typed in lower case with extra spaces.
    let council = demo(&t, 3).await.user_id().unwrap();
    let name = app::entities::user::Entity::find_by_id(council)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .name;
    let typed = format!("  {}  ", name.to_lowercase().replace(' ', "   "));
    assert_eq!(add_member(&t, project, &typed).await, Ok(council));
    assert_eq!(
        add_member(&t, project, "Ingen Slik Person").await,
        Err(AppError::invalid("user", FieldError::UnknownUser))
    );

    // Two active colleagues share a name: the name alone is refused, with the reason.
    let twin =
        NewUserFields::parse("Per Hansen", "per.hansen@ideverket.example", None, &[]).unwrap();
    app::users::service::create_user(
        &t.db,
        &Actor::System,
        twin,
        "Blåbær-syltetøy-på-Fornebu",
        NOW,
    )
    .await
    .unwrap();
    let other = project_of(&t, "Felles bildeling", "mobilitet").await;
    assert_eq!(
        add_member(&t, other, "per hansen").await,
        Err(AppError::invalid("user", FieldError::AmbiguousName))
    );
    assert_eq!(
        suggest("per hansen").await,
        [
            "Per Hansen <fagvurderer@ideverket.example>",
            "Per Hansen <per.hansen@ideverket.example>"
        ]
    );
    assert!(
        add_member(&t, other, "Per Hansen <per.hansen@ideverket.example>")
            .await
            .is_ok()
    );

    // A Norwegian name typed in lower case is found on both backends (SQLite's lower()
    // folds ASCII only).
    let oyvind =
        NewUserFields::parse("Øyvind Ås", "oyvind.as@ideverket.example", None, &[]).unwrap();
    let oyvind = app::users::service::create_user(
        &t.db,
        &Actor::System,
        oyvind,
        "Blåbær-syltetøy-på-Fornebu",
        NOW,
    )
    .await
    .unwrap()
    .id;
    assert_eq!(add_member(&t, other, "øyvind   ås").await, Ok(oyvind));
    // Part of it in lower case is suggested too: the name's key is stored beside it.
    assert_eq!(
        suggest("øy").await,
        ["Øyvind Ås <oyvind.as@ideverket.example>"]
    );
    assert_eq!(
        suggest("ås").await,
        ["Øyvind Ås <oyvind.as@ideverket.example>"]
    );

    // The key follows the name when it changes.
    let as_oyvind = app::auth::Actor::User(
        app::auth::service::load_user_actor(&t.db, oyvind)
            .await
            .unwrap()
            .unwrap(),
    );
    let renamed = app::users::domain::ProfileForm {
        name: "Øyvind Ærø".into(),
        home_site_id: String::new(),
        language: "nb".into(),
    };
    app::users::service::update_profile(&t.db, &as_oyvind, renamed, NOW)
        .await
        .unwrap();
    assert_eq!(
        suggest("ærø").await,
        ["Øyvind Ærø <oyvind.as@ideverket.example>"]
    );
    assert!(suggest("øyvind ås").await.is_empty());
}

/// The migration wrote the keys of the users it found with its own copy of the key; the app
/// writes them with `core::parse::name_key`. Both must agree, and a key out of step is
/// written again at start.
async fn name_keys_agree_and_are_repaired(backend: Backend) {
    use sea_orm::{ColumnTrait, QueryFilter};
    for name in [
        "Øyvind Ås",
        "  ÅSE\u{a0}MARIT  ",
        "İlker Çelik",
        "Ǆemal",
        "e\u{301}lise",
        "ß",
    ] {
        assert_eq!(
            migrations::migrated_name_key(name),
            app::core::parse::name_key(name),
            "{name:?}"
        );
    }
    let t = TestDb::with_demo_users(backend).await;
    assert_eq!(app::users::service::repair_name_keys(&t.db).await, Ok(0));
    let per = demo(&t, 2).await.user_id().unwrap();
    app::entities::user::Entity::update_many()
        .col_expr(
            app::entities::user::Column::NameKey,
            sea_orm::sea_query::Expr::value("gammel nøkkel"),
        )
        .filter(app::entities::user::Column::Id.eq(per))
        .exec(&t.db)
        .await
        .unwrap();
    assert_eq!(app::users::service::repair_name_keys(&t.db).await, Ok(1));
    let row = app::entities::user::Entity::find_by_id(per)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.name_key, "per hansen");
}

/// Fields of several people (a jury and its chair, a cohort's supervisors, a post's
/// co-authors) take names as the chooser suggests or as typed, beside addresses; a name and
/// the address of one person name them once; an unknown or shared name is refused with its
/// reason and nothing is written.
async fn lists_of_people_take_names(backend: Backend) {
    use app::lup::domain::cohort::CohortForm;
    use app::posts::domain::post::PostForm;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let t = TestDb::with_demo_users(backend).await;
    let user = |who: usize| {
        let t = &t;
        async move { demo(t, who).await.user_id().unwrap() }
    };
    let (reviewer, lup, leader) = (user(2).await, user(6).await, user(7).await);

    let lup_admin = demo(&t, 6).await;
    let cohort = |supervisors: &str| CohortForm {
        name: format!("Kull {}", supervisors.len()),
        starts_on: "2027-01-15".into(),
        ends_on: "2027-06-30".into(),
        capacity: "20".into(),
        min_attendance_percent: String::new(),
        supervisors: supervisors.into(),
    };
    let id = app::lup::service::create_cohort(
        &t.db,
        &lup_admin,
        cohort("marit nilsen, Per Hansen <fagvurderer@ideverket.example>; leder@ideverket.example"),
        NOW,
    )
    .await
    .unwrap();
    let mut supervisors: Vec<i32> = app::lup::entities::lup_cohort_supervisor::Entity::find()
        .filter(app::lup::entities::lup_cohort_supervisor::Column::CohortId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.user_id)
        .collect();
    supervisors.sort_unstable();
    let mut expected = vec![leader, reviewer];
    expected.sort_unstable();
    assert_eq!(
        supervisors, expected,
        "Marit Nilsen by name and address is one"
    );
    let cohorts = app::lup::entities::lup_cohort::Entity::find()
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(
        app::lup::service::create_cohort(
            &t.db,
            &lup_admin,
            cohort("Marit Nilsen, Ingen Slik"),
            NOW
        )
        .await,
        Err(AppError::invalid("supervisors", FieldError::UnknownUser))
    );
    assert_eq!(
        app::lup::entities::lup_cohort::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        cohorts,
        "nothing half-written"
    );

    // A post's co-authors by name: the writer is one of them already.
    let writer = demo(&t, EMPLOYEE).await;
    let post = |co_authors: &str| PostForm {
        title: "Slik gjorde vi det".into(),
        summary: "Kort fortalt.".into(),
        body: "Tekst.".into(),
        co_authors: co_authors.into(),
        ..Default::default()
    };
    let id = app::posts::service::create_post(
        &t.db,
        &writer,
        &app::registry::link_targets(),
        post("per hansen, Lars Pedersen <lup@ideverket.example>"),
        NOW,
    )
    .await
    .unwrap();
    let authors: Vec<i32> = app::posts::entities::post_author::Entity::find()
        .filter(app::posts::entities::post_author::Column::PostId.eq(id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    assert!(
        authors.contains(&reviewer) && authors.contains(&lup) && authors.len() == 3,
        "{authors:?}"
    );
    assert_eq!(
        app::posts::service::create_post(
            &t.db,
            &writer,
            &app::registry::link_targets(),
            post("Per Hansen, Ingen Slik Person"),
            NOW,
        )
        .await,
        Err(AppError::invalid("co_authors", FieldError::UnknownUser))
    );
}

on_both_backends!(
    a_colleague_is_found_by_part_of_a_name_and_named_by_name_or_address,
    lists_of_people_take_names,
    name_keys_agree_and_are_repaired
);
