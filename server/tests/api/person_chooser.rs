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
}

on_both_backends!(a_colleague_is_found_by_part_of_a_name_and_named_by_name_or_address);
