//! The storage layer: migrations, concurrent writes, settings, demo data — on SQLite and
//! PostgreSQL alike.
use std::collections::HashSet;

use app::{
    demo,
    features::{
        community::{service as community, types::Phase},
        themes::service as themes,
    },
    server::{passwords, passwords::Passwords, testing::fresh_db, Db},
};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{DbBackend, EntityTrait, PaginatorTrait};

#[tokio::test]
async fn concurrent_writes_all_succeed_without_database_locked_errors() {
    let db = fresh_db().await;
    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let db: Db = db.clone();
            tokio::spawn(async move {
                // Reads interleave with the writes, as on a busy site.
                let _ = themes::list_approved(db.read()).await?;
                let member = app::features::accounts::types::Viewer {
                    user_id: 1,
                    username: "m".into(),
                    display_name: "M".into(),
                    role: app::features::accounts::types::Role::Member,
                    second_factor: false,
                };
                themes::propose(
                    &db,
                    &member,
                    &format!("Tema concorrente {i}"),
                    "scritto in parallelo",
                )
                .await
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let theme = task.await.expect("task").expect("every write succeeds");
        ids.insert(theme.id);
    }
    assert_eq!(ids.len(), 64);
    let stored = app::server::entities::theme::Entity::find()
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(stored, 64);
}

#[tokio::test]
async fn sqlite_reads_go_through_read_only_connections() {
    let db = fresh_db().await;
    if db.backend() != DbBackend::Sqlite {
        return;
    }
    use sea_orm::ConnectionTrait;
    let write_on_reader = db
        .read()
        .execute_unprepared("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        .await;
    assert!(write_on_reader.is_err(), "the read pool must refuse writes");
    assert_eq!(pragma(db.write(), "journal_mode").await, "wal");
    assert_eq!(pragma(db.write(), "synchronous").await, "2", "FULL");
    assert_eq!(pragma(db.read(), "foreign_keys").await, "1");
    assert_eq!(pragma(db.write(), "foreign_keys").await, "1");
}

async fn pragma(conn: &sea_orm::DatabaseConnection, name: &str) -> String {
    use sea_orm::ConnectionTrait;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Sqlite,
            format!("SELECT CAST({name} AS TEXT) FROM pragma_{name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0).unwrap()
}

#[tokio::test]
async fn migrations_roll_back_and_apply_again() {
    let db = fresh_db().await;
    Migrator::down(db.write(), None).await.expect("down");
    Migrator::up(db.write(), None).await.expect("up again");
    assert!(themes::list_approved(db.read()).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_new_community_is_closed_until_an_admin_opens_it() {
    let db = fresh_db().await;
    assert_eq!(community::phase(db.read()).await.unwrap(), Phase::Closed);
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    assert_eq!(community::phase(db.read()).await.unwrap(), Phase::Open);
    community::set_phase(db.write(), Phase::Extended)
        .await
        .unwrap();
    assert_eq!(
        community::status(db.read()).await.unwrap().phase,
        Phase::Extended
    );
}

#[tokio::test]
async fn the_demo_community_loads_once_with_working_passwords() {
    let db = fresh_db().await;
    let hasher = Passwords::new(2);
    let accounts = demo::load_if_empty(
        &db,
        &hasher,
        &app::server::secrets::Secrets::random(),
        None,
        None,
    )
    .await
    .unwrap()
    .expect("first load creates accounts");
    let roles: HashSet<&str> = accounts.iter().map(|a| a.role).collect();
    assert_eq!(roles, HashSet::from(["admin", "staff", "expert", "member"]));
    assert!(accounts.iter().all(|a| a.password.len() >= 16));

    let names: Vec<String> = themes::list_approved(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names.len(), demo::THEMES.len());

    let admin = app::server::entities::user::Entity::find()
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "admin")
        .unwrap();
    let password = &accounts
        .iter()
        .find(|a| a.username == "admin")
        .unwrap()
        .password;
    assert!(passwords::verify_now(password, &admin.password_hash));

    let organisations = app::server::entities::organisation::Entity::find()
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(organisations, 5);

    assert!(demo::load_if_empty(
        &db,
        &hasher,
        &app::server::secrets::Secrets::random(),
        None,
        None
    )
    .await
    .unwrap()
    .is_none());
    assert_eq!(themes::list_approved(db.read()).await.unwrap().len(), 5);
}
