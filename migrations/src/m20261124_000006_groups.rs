//! Working groups: open (anyone may join), closed (ask to join, group admins approve) or secret
//! (invisible to non-members); their members, and pending requests and invitations.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Groups::Table)
                    .col(pk_auto(Groups::Id))
                    .col(string_len_uniq(Groups::Slug, 120))
                    .col(string_len(Groups::Name, 120))
                    .col(text(Groups::Description))
                    .col(string_len(Groups::Kind, 16))
                    .col(integer_null(Groups::CreatedBy))
                    .col(timestamp_with_time_zone(Groups::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_groups_created_by")
                            .from(Groups::Table, Groups::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (table, name) in [
            (GroupMembers::Table.into_iden(), "group_members"),
            (GroupRequests::Table.into_iden(), "group_requests"),
        ] {
            let mut create = Table::create();
            create
                .table(table.clone())
                .col(integer(GroupMembers::GroupId))
                .col(integer(GroupMembers::UserId))
                // Members: "admin" or "member". Requests: "request" (asked to join) or
                // "invitation" (invited by a group admin).
                .col(string_len(GroupMembers::Role, 16))
                .col(timestamp_with_time_zone(GroupMembers::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(GroupMembers::GroupId)
                        .col(GroupMembers::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name(format!("fk_{name}_group"))
                        .from(table.clone(), GroupMembers::GroupId)
                        .to(Groups::Table, Groups::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name(format!("fk_{name}_user"))
                        .from(table.clone(), GroupMembers::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                );
            manager.create_table(create.to_owned()).await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{name}_user"))
                        .table(table.clone())
                        .col(GroupMembers::UserId)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            GroupRequests::Table.into_iden(),
            GroupMembers::Table.into_iden(),
            Groups::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
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
    Slug,
    Name,
    Description,
    Kind,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupMembers {
    Table,
    GroupId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupRequests {
    Table,
}
