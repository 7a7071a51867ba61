//! The second factor: a TOTP secret per person (pending until confirmed with a code), single-use
//! recovery codes, and the short-lived challenge between the password and the code at sign-in.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            ColumnDef::new(Users::TotpSecret)
                .string_len(64)
                .null()
                .to_owned(),
            ColumnDef::new(Users::TotpEnabledAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            // The last time step whose code was accepted: a code is never accepted twice.
            ColumnDef::new(Users::TotpLastStep)
                .big_integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(pk_auto(RecoveryCodes::Id))
                    .col(integer(RecoveryCodes::UserId))
                    .col(string_len(RecoveryCodes::CodeHash, 64))
                    // Shown on the page but not yet confirmed with a code from the app.
                    .col(boolean(RecoveryCodes::Active).default(false))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_recovery_codes_user")
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInChallenges::Table)
                    .col(string_len(SignInChallenges::Id, 64).primary_key())
                    .col(integer(SignInChallenges::UserId))
                    .col(timestamp_with_time_zone(SignInChallenges::ExpiresAt))
                    .col(integer(SignInChallenges::Attempts).default(0))
                    .col(string_len(SignInChallenges::Next, 512))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sign_in_challenges_user")
                            .from(SignInChallenges::Table, SignInChallenges::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInChallenges::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        for column in [Users::TotpLastStep, Users::TotpEnabledAt, Users::TotpSecret] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    TotpSecret,
    TotpEnabledAt,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    Active,
    UsedAt,
}

#[derive(DeriveIden)]
enum SignInChallenges {
    Table,
    Id,
    UserId,
    ExpiresAt,
    Attempts,
    Next,
}
