//! Polls: a question with 2 to 20 options, a scope, opening and closing times, who sees the
//! results when, anonymous or named, one vote per person or per organisation. Where a poll
//! sits: the home page (featured), a working group's page or a forum thread.
//!
//! The options keep their counts and the poll its number of voters and a revision. `poll_voters` says who has
//! voted (for an organisation: which one, and the referent who cast it). `poll_choices` says
//! who chose what, and is written **only for named polls**: for an anonymous poll no table
//! links a person to an option, and its voters carry no time either.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        polls(manager).await?;
        options(manager).await?;
        voters(manager).await?;
        choices(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PollChoices::Table.into_iden(),
            PollVoters::Table.into_iden(),
            PollOptions::Table.into_iden(),
            Polls::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn polls(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Polls::Table)
                .col(pk_auto(Polls::Id))
                .col(string_len(Polls::Question, 300))
                // `public`, `registered`, `members`, `group:<id>` or `staff` (app/src/scope.rs).
                .col(string_len(Polls::Scope, 32))
                .col(integer_null(Polls::GroupId))
                .col(integer_null(Polls::ThreadId))
                .col(boolean(Polls::Multiple))
                .col(integer(Polls::MaxChoices))
                .col(timestamp_with_time_zone(Polls::OpensAt))
                .col(timestamp_with_time_zone(Polls::ClosesAt))
                // `always`, `voted`, `closed` or `staff`.
                .col(string_len(Polls::Results, 16))
                .col(boolean(Polls::Anonymous))
                .col(boolean(Polls::PerOrganisation))
                .col(boolean(Polls::Featured))
                .col(integer(Polls::Voters))
                // Goes up by one with every vote, under the poll's lock: live pages keep the
                // newest state when two votes' events arrive out of order.
                .col(big_integer(Polls::Revision).default(0))
                .col(integer_null(Polls::CreatedBy))
                .col(timestamp_with_time_zone(Polls::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_polls_group")
                        .from(Polls::Table, Polls::GroupId)
                        .to(Groups::Table, Groups::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_polls_thread")
                        .from(Polls::Table, Polls::ThreadId)
                        .to(Threads::Table, Threads::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_polls_creator")
                        .from(Polls::Table, Polls::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    for (name, column) in [
        ("idx_polls_closes", Polls::ClosesAt),
        ("idx_polls_group", Polls::GroupId),
        ("idx_polls_thread", Polls::ThreadId),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Polls::Table)
                    .col(column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn options(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(PollOptions::Table)
                .col(pk_auto(PollOptions::Id))
                .col(integer(PollOptions::PollId))
                .col(integer(PollOptions::Position))
                .col(string_len(PollOptions::Label, 200))
                .col(integer(PollOptions::Votes))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_poll_options_poll")
                        .from(PollOptions::Table, PollOptions::PollId)
                        .to(Polls::Table, Polls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_poll_options_poll")
                .table(PollOptions::Table)
                .col(PollOptions::PollId)
                .col(PollOptions::Position)
                .to_owned(),
        )
        .await
}

async fn voters(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(PollVoters::Table)
                .col(integer(PollVoters::PollId))
                // `user:<id>` or `org:<id>`: one vote per person or per organisation, by the key.
                .col(string_len(PollVoters::Voter, 24))
                .col(integer(PollVoters::UserId))
                .col(integer_null(PollVoters::OrganisationId))
                // Empty for anonymous polls.
                .col(timestamp_with_time_zone_null(PollVoters::VotedAt))
                .primary_key(
                    Index::create()
                        .col(PollVoters::PollId)
                        .col(PollVoters::Voter),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_poll_voters_poll")
                        .from(PollVoters::Table, PollVoters::PollId)
                        .to(Polls::Table, Polls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_poll_voters_user")
                        .from(PollVoters::Table, PollVoters::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_poll_voters_user")
                .table(PollVoters::Table)
                .col(PollVoters::UserId)
                .to_owned(),
        )
        .await
}

async fn choices(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(PollChoices::Table)
                .col(integer(PollChoices::PollId))
                .col(string_len(PollChoices::Voter, 24))
                .col(integer(PollChoices::OptionId))
                .primary_key(
                    Index::create()
                        .col(PollChoices::PollId)
                        .col(PollChoices::Voter)
                        .col(PollChoices::OptionId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_poll_choices_voter")
                        .from_tbl(PollChoices::Table)
                        .from_col(PollChoices::PollId)
                        .from_col(PollChoices::Voter)
                        .to_tbl(PollVoters::Table)
                        .to_col(PollVoters::PollId)
                        .to_col(PollVoters::Voter)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_poll_choices_option")
                        .from(PollChoices::Table, PollChoices::OptionId)
                        .to(PollOptions::Table, PollOptions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum Polls {
    Table,
    Id,
    Question,
    Scope,
    GroupId,
    ThreadId,
    Multiple,
    MaxChoices,
    OpensAt,
    ClosesAt,
    Results,
    Anonymous,
    PerOrganisation,
    Featured,
    Voters,
    Revision,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PollOptions {
    Table,
    Id,
    PollId,
    Position,
    Label,
    Votes,
}

#[derive(DeriveIden)]
enum PollVoters {
    Table,
    PollId,
    Voter,
    UserId,
    OrganisationId,
    VotedAt,
}

#[derive(DeriveIden)]
enum PollChoices {
    Table,
    PollId,
    Voter,
    OptionId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Groups {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Threads {
    Table,
    Id,
}
