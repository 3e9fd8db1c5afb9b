//! The portfolio's search reads indexes, not every project (issue 27, point 1): the query plan
//! (`EXPLAIN`) of the search, on each backend, names no full scan of `projects`. On
//! PostgreSQL the planner is told not to choose a sequential scan where it has another way
//! (a small table makes one cheap): with no index that serves the predicate it still scans.

use crate::common::{Backend, TestDb};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

/// The plan's lines for the search for `needle`.
async fn plan(t: &TestDb, needle: &str) -> Vec<String> {
    let backend = t.db.get_database_backend();
    plan_of(
        t,
        app::portfolio::service::search_statement(backend, needle),
    )
    .await
}

/// The plan's lines for a statement.
async fn plan_of(t: &TestDb, search: Statement) -> Vec<String> {
    let backend = t.db.get_database_backend();
    let values = search.values.clone();
    match backend {
        DbBackend::Sqlite => {
            let explain = Statement {
                sql: format!("EXPLAIN QUERY PLAN {}", search.sql),
                values,
                db_backend: backend,
            };
            t.db.query_all_raw(explain)
                .await
                .expect("the plan")
                .iter()
                .map(|row| row.try_get::<String>("", "detail").expect("a detail"))
                .collect()
        }
        _ => {
            let txn = t.db.begin().await.expect("a transaction");
            txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                .await
                .expect("planner setting");
            let explain = Statement {
                sql: format!("EXPLAIN {}", search.sql),
                values,
                db_backend: backend,
            };
            let lines = txn
                .query_all_raw(explain)
                .await
                .expect("the plan")
                .iter()
                .map(|row| row.try_get::<String>("", "QUERY PLAN").expect("a line"))
                .collect();
            txn.rollback().await.expect("rollback");
            lines
        }
    }
}

fn scans_projects(plan: &[String]) -> bool {
    scans(plan, "projects")
}

fn scans(plan: &[String], table: &str) -> bool {
    plan.iter().any(|line| {
        let line = line.trim_start_matches([' ', '-', '>']);
        // SQLite: `SCAN projects` (maybe `USING … INDEX`), never `SCAN projects_fts …` (the
        // full-text index's own lookup); PostgreSQL: `Seq Scan on projects`.
        line == format!("SCAN {table}")
            || line.starts_with(&format!("SCAN {table} "))
            || line.starts_with(&format!("Seq Scan on {table}"))
    })
}

/// Tanketanken's search too (issue 29): by word and by part of a word, from indexes.
async fn the_posts_search_reads_indexes_not_every_post(backend: Backend) {
    let t = TestDb::new(backend).await;
    let db_backend = t.db.get_database_backend();
    for needle in ["innsjekk", "sjekk", "100%", "digital innsjekk"] {
        let plan = plan_of(
            &t,
            app::posts::service::search_statement(db_backend, needle),
        )
        .await;
        assert!(!plan.is_empty(), "no plan for {needle:?}");
        assert!(
            !scans(&plan, "posts"),
            "{needle:?} scans every post:\n{}",
            plan.join("\n")
        );
        assert!(
            !plan.iter().any(|line| line.contains("to_tsvector")),
            "{needle:?} computes the search document per row:\n{}",
            plan.join("\n")
        );
    }
}

/// A strand's search as one statement for `needle`.
type SearchStatement = fn(DbBackend, &str) -> Statement;

/// Search across the strands (issue 30, `/sok`): ideas, fund applications and nominations
/// each through their own indexes.
async fn each_strands_search_reads_indexes_not_every_row(backend: Backend) {
    let t = TestDb::new(backend).await;
    let db_backend = t.db.get_database_backend();
    let statements: [(&str, SearchStatement); 3] = [
        ("ideas", app::portfolio::service::idea_search_statement),
        (
            "fund_applications",
            app::fund::service::application_search_statement,
        ),
        (
            "prize_nominations",
            app::prize::service::nomination_search_statement,
        ),
    ];
    for (table, statement) in statements {
        for needle in ["innsjekk", "sjekk", "100%", "digital innsjekk"] {
            let plan = plan_of(&t, statement(db_backend, needle)).await;
            assert!(!plan.is_empty(), "no plan for {table} {needle:?}");
            assert!(
                !scans(&plan, table),
                "{needle:?} scans every row of {table}:\n{}",
                plan.join("\n")
            );
            assert!(
                !plan.iter().any(|line| line.contains("to_tsvector")),
                "{needle:?} computes {table}'s search document per row:\n{}",
                plan.join("\n")
            );
        }
    }
}

async fn the_search_reads_indexes_not_every_project(backend: Backend) {
    let t = TestDb::new(backend).await;
    // Words, a part of a word, a number with a sign: each through an index.
    for needle in ["innsjekk", "sjekk", "100%", "digital innsjekk"] {
        let plan = plan(&t, needle).await;
        assert!(!plan.is_empty(), "no plan for {needle:?}");
        assert!(
            !scans_projects(&plan),
            "{needle:?} scans every project:\n{}",
            plan.join("\n")
        );
        // PostgreSQL reads the stored search document: a row the plan tests is not turned
        // into words again (a page walks its order's index and tests each row it passes).
        assert!(
            !plan.iter().any(|line| line.contains("to_tsvector")),
            "{needle:?} computes the search document per row:\n{}",
            plan.join("\n")
        );
    }
}

on_both_backends!(
    each_strands_search_reads_indexes_not_every_row,
    the_search_reads_indexes_not_every_project,
    the_posts_search_reads_indexes_not_every_post,
);
