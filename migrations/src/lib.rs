//! The database schema of Pratica, as sea-orm migrations that run on SQLite and PostgreSQL alike.
pub use sea_orm_migration::prelude::*;

mod m20261124_000001_foundation;
mod m20261124_000002_sessions;
mod m20261124_000003_mail_and_resets;
mod m20261124_000004_invitations;
mod m20261124_000005_second_factor;
mod m20261124_000006_groups;
mod m20261125_000007_directory;
mod m20261125_000008_forum;
mod m20261125_000009_wiki;
mod m20261125_000010_polls;
mod m20261125_000011_surveys;
mod m20261204_000012_refused_forms;
mod m20261205_000013_session_assurance;
mod m20261205_000014_sign_up_confirmation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_foundation::Migration),
            Box::new(m20261124_000002_sessions::Migration),
            Box::new(m20261124_000003_mail_and_resets::Migration),
            Box::new(m20261124_000004_invitations::Migration),
            Box::new(m20261124_000005_second_factor::Migration),
            Box::new(m20261124_000006_groups::Migration),
            Box::new(m20261125_000007_directory::Migration),
            Box::new(m20261125_000008_forum::Migration),
            Box::new(m20261125_000009_wiki::Migration),
            Box::new(m20261125_000010_polls::Migration),
            Box::new(m20261125_000011_surveys::Migration),
            Box::new(m20261204_000012_refused_forms::Migration),
            Box::new(m20261205_000013_session_assurance::Migration),
            Box::new(m20261205_000014_sign_up_confirmation::Migration),
        ]
    }
}
