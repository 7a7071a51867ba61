//! Session assurance (issue 14): a session records when *it* passed the second factor (staff
//! powers come from that, not from the account's flag) and when its owner last typed the password
//! again (enrolling, disabling and new recovery codes need it within minutes).
//!
//! Sessions of accounts with the second factor that were opened before this change cannot say
//! whether they passed it: they end, and those people sign in again. Recovery codes become
//! 80-bit codes under a keyed hash; the earlier 40-bit ones are deleted (the second-factor page
//! offers new ones). The TOTP secret column grows to hold sealed secrets.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A sealed TOTP secret is longer than a clear one (nonce and tag). SQLite does not
        // enforce lengths (and cannot change a column's type).
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .modify_column(ColumnDef::new(Users::TotpSecret).string_len(255).null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(timestamp_with_time_zone_null(Sessions::SecondFactorAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(timestamp_with_time_zone_null(Sessions::ReauthenticatedAt))
                    .to_owned(),
            )
            .await?;
        let with_second_factor = Query::select()
            .column(Users::Id)
            .from(Users::Table)
            .and_where(Expr::col(Users::TotpEnabledAt).is_not_null())
            .to_owned();
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Sessions::Table)
                    .and_where(Expr::col(Sessions::UserId).in_subquery(with_second_factor))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(Query::delete().from_table(RecoveryCodes::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Sessions::SecondFactorAt, Sessions::ReauthenticatedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Sessions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    UserId,
    SecondFactorAt,
    ReauthenticatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    TotpEnabledAt,
    TotpSecret,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
}
