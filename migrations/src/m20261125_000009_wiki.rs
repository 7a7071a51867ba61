//! The wiki: spaces (the community's, one per working group), each with a scope; pages at
//! hierarchical paths, holding their current text and its rendered HTML (a page view reads one
//! row, never the history); every save a numbered revision; the `[[links]]` between pages, for
//! backlinks and for showing links to pages that do not exist yet.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        spaces(manager).await?;
        pages(manager).await?;
        revisions(manager).await?;
        links(manager).await?;
        existing_spaces(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            WikiLinks::Table.into_iden(),
            WikiRevisions::Table.into_iden(),
            WikiPages::Table.into_iden(),
            WikiSpaces::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn spaces(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WikiSpaces::Table)
                .col(pk_auto(WikiSpaces::Id))
                .col(string_len_uniq(WikiSpaces::Slug, 140))
                .col(string_len(WikiSpaces::Name, 160))
                .col(text(WikiSpaces::Description))
                // `public`, `registered`, `members`, `group:<id>` or `staff` (app/src/scope.rs).
                .col(string_len(WikiSpaces::Scope, 32))
                .col(integer_null(WikiSpaces::GroupId).unique_key())
                .col(timestamp_with_time_zone(WikiSpaces::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_spaces_group")
                        .from(WikiSpaces::Table, WikiSpaces::GroupId)
                        .to(Groups::Table, Groups::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_spaces_scope")
                .table(WikiSpaces::Table)
                .col(WikiSpaces::Scope)
                .to_owned(),
        )
        .await
}

async fn pages(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WikiPages::Table)
                .col(pk_auto(WikiPages::Id))
                .col(integer(WikiPages::SpaceId))
                // Lower-case slugs joined by `/`: the title decides the last one, so titles
                // that differ only in case or accents collide here.
                .col(string_len(WikiPages::Path, 240))
                .col(string_len(WikiPages::Title, 200))
                .col(text(WikiPages::Source))
                .col(text(WikiPages::Html))
                .col(integer(WikiPages::RevisionNumber))
                .col(integer(WikiPages::Size))
                .col(boolean(WikiPages::Protected).default(false))
                .col(integer_null(WikiPages::ValidatedBy))
                .col(timestamp_with_time_zone_null(WikiPages::ValidatedAt))
                .col(timestamp_with_time_zone_null(WikiPages::ReviewAt))
                .col(integer_null(WikiPages::UpdatedBy))
                .col(timestamp_with_time_zone(WikiPages::CreatedAt))
                .col(timestamp_with_time_zone(WikiPages::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_pages_space")
                        .from(WikiPages::Table, WikiPages::SpaceId)
                        .to(WikiSpaces::Table, WikiSpaces::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_pages_validated_by")
                        .from(WikiPages::Table, WikiPages::ValidatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_pages_updated_by")
                        .from(WikiPages::Table, WikiPages::UpdatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_pages_path")
                .table(WikiPages::Table)
                .col(WikiPages::SpaceId)
                .col(WikiPages::Path)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_pages_review")
                .table(WikiPages::Table)
                .col(WikiPages::ReviewAt)
                .to_owned(),
        )
        .await
}

async fn revisions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WikiRevisions::Table)
                .col(pk_auto(WikiRevisions::Id))
                .col(integer(WikiRevisions::PageId))
                // 1, 2, 3… per page; the unique index makes two saves from the same base
                // impossible: the second one has to merge.
                .col(integer(WikiRevisions::Number))
                .col(string_len(WikiRevisions::Title, 200))
                .col(text(WikiRevisions::Source))
                .col(string_len(WikiRevisions::Summary, 300))
                .col(integer_null(WikiRevisions::AuthorId))
                .col(integer(WikiRevisions::Size))
                .col(integer(WikiRevisions::SizeDelta))
                // Where the text came from, when not typed here: a restored revision, a
                // promoted answer (`post:<id>`).
                .col(string_len_null(WikiRevisions::Origin, 120))
                .col(timestamp_with_time_zone(WikiRevisions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_revisions_page")
                        .from(WikiRevisions::Table, WikiRevisions::PageId)
                        .to(WikiPages::Table, WikiPages::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_revisions_author")
                        .from(WikiRevisions::Table, WikiRevisions::AuthorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_revisions_number")
                .table(WikiRevisions::Table)
                .col(WikiRevisions::PageId)
                .col(WikiRevisions::Number)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_revisions_recent")
                .table(WikiRevisions::Table)
                .col(WikiRevisions::CreatedAt)
                .col(WikiRevisions::Id)
                .to_owned(),
        )
        .await
}

async fn links(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(WikiLinks::Table)
                .col(integer(WikiLinks::PageId))
                .col(integer(WikiLinks::SpaceId))
                .col(string_len(WikiLinks::Path, 240))
                .primary_key(
                    Index::create()
                        .col(WikiLinks::PageId)
                        .col(WikiLinks::SpaceId)
                        .col(WikiLinks::Path),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wiki_links_page")
                        .from(WikiLinks::Table, WikiLinks::PageId)
                        .to(WikiPages::Table, WikiPages::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_wiki_links_target")
                .table(WikiLinks::Table)
                .col(WikiLinks::SpaceId)
                .col(WikiLinks::Path)
                .to_owned(),
        )
        .await
}

/// The community's space, and one for each existing working group.
async fn existing_spaces(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let now = match manager.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')",
        _ => "CURRENT_TIMESTAMP",
    };
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "INSERT INTO wiki_spaces (slug, name, description, scope, created_at) \
         VALUES ('comunita', 'Wiki della comunità', \
         'Guide, glossario e buone pratiche scritte insieme dalla comunità.', 'public', {now})"
    ))
    .await?;
    db.execute_unprepared(
        "INSERT INTO wiki_spaces (slug, name, description, scope, group_id, created_at) \
         SELECT 'gruppo-' || slug, name, description, 'group:' || CAST(id AS VARCHAR(12)), id, created_at \
         FROM groups",
    )
    .await?;
    Ok(())
}

#[derive(DeriveIden)]
enum WikiSpaces {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Scope,
    GroupId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WikiPages {
    Table,
    Id,
    SpaceId,
    Path,
    Title,
    Source,
    Html,
    RevisionNumber,
    Size,
    Protected,
    ValidatedBy,
    ValidatedAt,
    ReviewAt,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WikiRevisions {
    Table,
    Id,
    PageId,
    Number,
    Title,
    Source,
    Summary,
    AuthorId,
    Size,
    SizeDelta,
    Origin,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WikiLinks {
    Table,
    PageId,
    SpaceId,
    Path,
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
