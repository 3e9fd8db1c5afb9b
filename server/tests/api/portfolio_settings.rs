//! The portfolio's settings (issue 30) on SQLite and PostgreSQL: administrators create and
//! change programmes and rename the roadmap's phases; everyone else is refused; a taken name
//! is refused beside its field; every change is in the audit log and shows at once.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::portfolio_view::{NOW, project_of};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::entities::audit_log;
use app::portfolio::domain::programme::ProgrammeForm;
use app::portfolio::service as portfolio;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const ADMIN: usize = 0;
const EMPLOYEE: usize = 1;

fn form(name: &str) -> ProgrammeForm {
    ProgrammeForm {
        name: name.into(),
        description: "Drift som bruker mindre energi.".into(),
    }
}

async fn audited(t: &TestDb, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&t.db)
        .await
        .unwrap()
}

async fn administrators_create_programmes_and_rename_phases(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let admin = demo(&t, ADMIN).await;
    let employee = demo(&t, EMPLOYEE).await;

    for who in [&employee, &Actor::Anonymous] {
        assert_eq!(
            portfolio::create_programme(&t.db, who, form("Klimaklok drift"), NOW).await,
            Err(AppError::Forbidden)
        );
    }
    let id = portfolio::create_programme(&t.db, &admin, form("Klimaklok drift"), NOW)
        .await
        .unwrap();
    assert_eq!(
        portfolio::create_programme(&t.db, &admin, form("  KLIMAKLOK drift "), NOW).await,
        Err(AppError::conflict("name", FieldError::Taken)),
        "case and spaces aside"
    );
    assert_eq!(
        portfolio::create_programme(&t.db, &admin, form(" "), NOW).await,
        Err(AppError::invalid("name", FieldError::Required))
    );
    let listed = portfolio::list_programmes(&t.db, &employee).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .filter(|p| p.name == "Klimaklok drift")
            .count(),
        1
    );

    portfolio::update_programme(&t.db, &admin, id, form("Klimaklok drift 2027"), NOW)
        .await
        .unwrap();
    assert_eq!(
        portfolio::get_programme(&t.db, &employee, id)
            .await
            .unwrap()
            .name,
        "Klimaklok drift 2027"
    );
    // Saving its own name again is no clash.
    portfolio::update_programme(&t.db, &admin, id, form("Klimaklok drift 2027"), NOW)
        .await
        .unwrap();
    assert_eq!(
        portfolio::update_programme(&t.db, &employee, id, form("X"), NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        portfolio::update_programme(&t.db, &admin, 999_999, form("X"), NOW).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        (
            audited(&t, "programme.created").await,
            audited(&t, "programme.changed").await
        ),
        (1, 2)
    );

    // A phase renamed: the project in it shows the new name at once; its key stays.
    let project = project_of(&t, "Digital innsjekk", "innsjekk").await;
    let first = portfolio::get_project(&t.db, &employee, project)
        .await
        .unwrap()
        .row
        .phase;
    assert_eq!(
        portfolio::rename_phase(&t.db, &employee, first.id, "Forankring i ledelsen", NOW).await,
        Err(AppError::Forbidden)
    );
    portfolio::rename_phase(&t.db, &admin, first.id, "Forankring i ledelsen", NOW)
        .await
        .unwrap();
    let renamed = portfolio::get_project(&t.db, &employee, project)
        .await
        .unwrap()
        .row
        .phase;
    assert_eq!(
        (renamed.id, renamed.key.as_str(), renamed.name.as_str()),
        (first.id, first.key.as_str(), "Forankring i ledelsen")
    );
    let roadmap = portfolio::phases_page(&t.db, &admin).await.unwrap();
    let other = roadmap
        .all()
        .find(|p| p.id != first.id)
        .unwrap()
        .name
        .clone();
    assert_eq!(
        portfolio::rename_phase(&t.db, &admin, first.id, &other.to_uppercase(), NOW).await,
        Err(AppError::conflict("name", FieldError::Taken))
    );
    assert_eq!(
        portfolio::rename_phase(&t.db, &admin, first.id, "", NOW).await,
        Err(AppError::invalid("name", FieldError::Required))
    );
    assert_eq!(
        portfolio::rename_phase(&t.db, &admin, 999_999, "Ny", NOW).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        portfolio::phases_page(&t.db, &employee).await.map(drop),
        Err(AppError::Forbidden)
    );
    assert_eq!(audited(&t, "phase.renamed").await, 1);
}

async fn administrators_add_and_order_phases_and_set_which_may_be_skipped(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let admin = demo(&t, ADMIN).await;
    let employee = demo(&t, EMPLOYEE).await;
    let project = project_of(&t, "Digital innsjekk", "innsjekk").await;
    let first = portfolio::get_project(&t.db, &employee, project)
        .await
        .unwrap()
        .row
        .phase;
    let keys = |t: &TestDb| {
        let db = t.db.clone();
        let admin = admin.clone();
        async move {
            portfolio::phases_page(&db, &admin)
                .await
                .unwrap()
                .all()
                .map(|p| p.key.clone())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        portfolio::add_phase(&t.db, &employee, "Spredning", Some(first.id), NOW).await,
        Err(AppError::Forbidden)
    );
    let added = portfolio::add_phase(&t.db, &admin, "Forankring i ledelsen", Some(first.id), NOW)
        .await
        .unwrap();
    assert_eq!(
        keys(&t).await,
        [
            "forankring",
            "forankring_i_ledelsen",
            "innsikt_og_ide",
            "utvikling_og_utproving",
            "overgang_til_drift",
            "ny_praksis",
            "stoppet"
        ]
    );
    assert_eq!(
        portfolio::add_phase(&t.db, &admin, "FORANKRING  i ledelsen", None, NOW).await,
        Err(AppError::conflict("name", FieldError::Taken))
    );
    assert_eq!(
        portfolio::add_phase(&t.db, &admin, "Noe", Some(999_999), NOW).await,
        Err(AppError::invalid("after", FieldError::InvalidChoice))
    );

    // The project stays where it is, and now steps into the new phase, not past it ...
    assert_eq!(
        portfolio::change_phase(&t.db, &employee, project, "innsikt_og_ide", "", NOW)
            .await
            .map(drop),
        Err(AppError::invalid("to", FieldError::IllegalTransition))
    );
    // ... until the administrator lets projects skip it.
    portfolio::set_phase_optional(&t.db, &admin, added, true, NOW)
        .await
        .unwrap();
    let moved = portfolio::change_phase(&t.db, &employee, project, "innsikt_og_ide", "", NOW)
        .await
        .unwrap();
    assert_eq!(moved.key, "innsikt_og_ide");
    let stopped = portfolio::phases_page(&t.db, &admin)
        .await
        .unwrap()
        .by_key("stoppet")
        .unwrap()
        .id;
    assert_eq!(
        portfolio::set_phase_optional(&t.db, &admin, stopped, true, NOW).await,
        Err(AppError::conflict(
            "optional",
            FieldError::IllegalTransition
        ))
    );

    // Reordered: the roadmap changes, the project keeps its phase.
    let practice = portfolio::phases_page(&t.db, &admin)
        .await
        .unwrap()
        .by_key("ny_praksis")
        .unwrap()
        .id;
    portfolio::reorder_phase(&t.db, &admin, practice, true, NOW)
        .await
        .unwrap();
    assert_eq!(
        keys(&t).await[4..],
        ["ny_praksis", "overgang_til_drift", "stoppet"]
    );
    assert_eq!(
        portfolio::reorder_phase(&t.db, &admin, first.id, true, NOW).await,
        Err(AppError::conflict(
            "direction",
            FieldError::IllegalTransition
        )),
        "the first phase has no place above it"
    );
    assert_eq!(
        portfolio::reorder_phase(&t.db, &employee, practice, false, NOW).await,
        Err(AppError::Forbidden)
    );
    let still = portfolio::get_project(&t.db, &employee, project)
        .await
        .unwrap()
        .row
        .phase;
    assert_eq!(still.key, "innsikt_og_ide");
    for action in ["phase.added", "phase.rule_changed", "phase.moved"] {
        assert_eq!(audited(&t, action).await, 1, "{action}");
    }
}

on_both_backends!(
    administrators_create_programmes_and_rename_phases,
    administrators_add_and_order_phases_and_set_which_may_be_skipped,
);
