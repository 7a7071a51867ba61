//! The forum and Q&A: categories (the general one, one per theme, one per working group), each
//! with a scope; threads (discussions and questions), posts with their Markdown source and
//! sanitised HTML, edit history, votes on answers, "utile" reactions, @mentions, reports, unread
//! markers, subscriptions and drafts. Themes gain their proposal and decision fields.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        theme_decisions(manager).await?;
        categories(manager).await?;
        threads(manager).await?;
        posts(manager).await?;
        post_children(manager).await?;
        per_person(manager).await?;
        existing_categories(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Drafts::Table.into_iden(),
            Subscriptions::Table.into_iden(),
            ThreadReads::Table.into_iden(),
            PostReports::Table.into_iden(),
            PostMentions::Table.into_iden(),
            PostReactions::Table.into_iden(),
            PostVotes::Table.into_iden(),
            PostRevisions::Table.into_iden(),
            Posts::Table.into_iden(),
            Threads::Table.into_iden(),
            Categories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Who proposed a theme, and staff's decision: approved, rejected (with a reason) or merged into
/// another theme. SQLite adds one column per ALTER TABLE, without foreign keys.
async fn theme_decisions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let columns = [
        ColumnDef::new(Themes::ProposedBy)
            .integer()
            .null()
            .to_owned(),
        ColumnDef::new(Themes::DecidedBy)
            .integer()
            .null()
            .to_owned(),
        ColumnDef::new(Themes::DecidedAt)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
        ColumnDef::new(Themes::DecisionNote)
            .text()
            .null()
            .to_owned(),
        ColumnDef::new(Themes::MergedInto)
            .integer()
            .null()
            .to_owned(),
    ];
    for column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(Themes::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
    }
    manager
        .create_index(
            Index::create()
                .name("idx_themes_status")
                .table(Themes::Table)
                .col(Themes::Status)
                .to_owned(),
        )
        .await?;
    Ok(())
}

async fn categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Categories::Table)
                .col(pk_auto(Categories::Id))
                .col(string_len_uniq(Categories::Slug, 140))
                .col(string_len(Categories::Name, 160))
                .col(text(Categories::Description))
                // `public`, `registered`, `members`, `group:<id>` or `staff` (app/src/scope.rs).
                .col(string_len(Categories::Scope, 32))
                .col(integer_null(Categories::ThemeId).unique_key())
                .col(integer_null(Categories::GroupId).unique_key())
                .col(integer(Categories::Position).default(0))
                // Threads in it that everyone who sees the category sees (not hidden, not
                // deleted), kept by the services in the transactions that change them.
                .col(integer(Categories::ThreadCount).default(0))
                .col(timestamp_with_time_zone(Categories::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_categories_theme")
                        .from(Categories::Table, Categories::ThemeId)
                        .to(Themes::Table, Themes::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_categories_group")
                        .from(Categories::Table, Categories::GroupId)
                        .to(Groups::Table, Groups::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_categories_scope")
                .table(Categories::Table)
                .col(Categories::Scope)
                .to_owned(),
        )
        .await
}

async fn threads(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Threads::Table)
                .col(pk_auto(Threads::Id))
                .col(integer(Threads::CategoryId))
                // "discussion" or "question".
                .col(string_len(Threads::Kind, 16))
                .col(string_len(Threads::Title, 200))
                .col(integer_null(Threads::AuthorId))
                .col(timestamp_with_time_zone(Threads::CreatedAt))
                .col(timestamp_with_time_zone(Threads::LastActivityAt))
                .col(integer_null(Threads::LastPostId))
                // Visible posts after the first one (answers, for a question).
                .col(integer(Threads::ReplyCount).default(0))
                .col(boolean(Threads::Pinned).default(false))
                .col(boolean(Threads::Locked).default(false))
                .col(boolean(Threads::Hidden).default(false))
                .col(timestamp_with_time_zone_null(Threads::DeletedAt))
                .col(integer_null(Threads::AcceptedPostId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_threads_category")
                        .from(Threads::Table, Threads::CategoryId)
                        .to(Categories::Table, Categories::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_threads_author")
                        .from(Threads::Table, Threads::AuthorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    // Every list is newest activity first with the id as tie-breaker (keyset pagination).
    for (name, columns) in [
        (
            "idx_threads_activity",
            vec![Threads::LastActivityAt, Threads::Id],
        ),
        (
            "idx_threads_category_activity",
            vec![Threads::CategoryId, Threads::LastActivityAt, Threads::Id],
        ),
        (
            "idx_threads_kind_activity",
            vec![Threads::Kind, Threads::LastActivityAt, Threads::Id],
        ),
        ("idx_threads_author", vec![Threads::AuthorId]),
    ] {
        let mut index = Index::create();
        index.name(name).table(Threads::Table);
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    // Staff's counts add the hidden threads: few, found through a partial index that the
    // lists (which ask for threads that are *not* hidden) never mistake for a better plan.
    manager
        .get_connection()
        .execute_unprepared(
            "CREATE INDEX idx_threads_hidden ON threads (category_id) WHERE hidden = TRUE",
        )
        .await?;
    Ok(())
}

async fn posts(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Posts::Table)
                .col(pk_auto(Posts::Id))
                .col(integer(Posts::ThreadId))
                .col(integer_null(Posts::AuthorId))
                // What the author wrote (Markdown) and what is shown (rendered and sanitised).
                .col(text(Posts::Source))
                .col(text(Posts::Html))
                .col(timestamp_with_time_zone(Posts::CreatedAt))
                .col(timestamp_with_time_zone_null(Posts::EditedAt))
                .col(integer_null(Posts::EditedBy))
                .col(integer(Posts::EditCount).default(0))
                .col(timestamp_with_time_zone_null(Posts::DeletedAt))
                .col(integer_null(Posts::DeletedBy))
                .col(boolean(Posts::Hidden).default(false))
                // Sum of the votes on an answer.
                .col(integer(Posts::Score).default(0))
                .col(integer(Posts::UsefulCount).default(0))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_posts_thread")
                        .from(Posts::Table, Posts::ThreadId)
                        .to(Threads::Table, Threads::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_posts_author")
                        .from(Posts::Table, Posts::AuthorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
    for (name, columns) in [
        ("idx_posts_thread", vec![Posts::ThreadId, Posts::Id]),
        (
            "idx_posts_thread_score",
            vec![Posts::ThreadId, Posts::Score, Posts::Id],
        ),
        ("idx_posts_author", vec![Posts::AuthorId]),
    ] {
        let mut index = Index::create();
        index.name(name).table(Posts::Table);
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

/// Revisions, votes, reactions, mentions and reports: each belongs to one post.
async fn post_children(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(PostRevisions::Table)
                .col(pk_auto(PostRevisions::Id))
                .col(integer(PostRevisions::PostId))
                // The text as it was before an edit (and the thread's title, for a first post).
                .col(text(PostRevisions::Source))
                .col(string_len_null(PostRevisions::Title, 200))
                // Who wrote this version, and when.
                .col(integer_null(PostRevisions::WrittenBy))
                .col(timestamp_with_time_zone(PostRevisions::WrittenAt))
                .foreign_key(&mut post_fk("fk_post_revisions_post", PostRevisions::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_post_revisions_post")
                .table(PostRevisions::Table)
                .col(PostRevisions::PostId)
                .col(PostRevisions::Id)
                .to_owned(),
        )
        .await?;

    // One vote per person and answer, enforced here.
    manager
        .create_table(
            Table::create()
                .table(PostVotes::Table)
                .col(integer(PostVotes::PostId))
                .col(integer(PostVotes::UserId))
                .col(small_integer(PostVotes::Value))
                .col(timestamp_with_time_zone(PostVotes::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(PostVotes::PostId)
                        .col(PostVotes::UserId),
                )
                .foreign_key(&mut post_fk("fk_post_votes_post", PostVotes::Table))
                .foreign_key(&mut user_fk("fk_post_votes_user", PostVotes::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(PostReactions::Table)
                .col(integer(PostReactions::PostId))
                .col(integer(PostReactions::UserId))
                // "utile" (useful) today.
                .col(string_len(PostReactions::Kind, 16))
                .col(timestamp_with_time_zone(PostReactions::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(PostReactions::PostId)
                        .col(PostReactions::UserId)
                        .col(PostReactions::Kind),
                )
                .foreign_key(&mut post_fk("fk_post_reactions_post", PostReactions::Table))
                .foreign_key(&mut user_fk("fk_post_reactions_user", PostReactions::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(PostMentions::Table)
                .col(integer(PostMentions::PostId))
                .col(integer(PostMentions::UserId))
                .col(timestamp_with_time_zone(PostMentions::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(PostMentions::PostId)
                        .col(PostMentions::UserId),
                )
                .foreign_key(&mut post_fk("fk_post_mentions_post", PostMentions::Table))
                .foreign_key(&mut user_fk("fk_post_mentions_user", PostMentions::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_post_mentions_user")
                .table(PostMentions::Table)
                .col(PostMentions::UserId)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(PostReports::Table)
                .col(pk_auto(PostReports::Id))
                .col(integer(PostReports::PostId))
                .col(integer(PostReports::UserId))
                .col(text(PostReports::Reason))
                .col(timestamp_with_time_zone(PostReports::CreatedAt))
                .col(timestamp_with_time_zone_null(PostReports::ResolvedAt))
                .col(integer_null(PostReports::ResolvedBy))
                // "dismissed" or "hidden" (the post was hidden).
                .col(string_len_null(PostReports::Resolution, 16))
                .foreign_key(&mut post_fk("fk_post_reports_post", PostReports::Table))
                .foreign_key(&mut user_fk("fk_post_reports_user", PostReports::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_post_reports_open")
                .table(PostReports::Table)
                .col(PostReports::ResolvedAt)
                .col(PostReports::Id)
                .to_owned(),
        )
        .await?;
    // A person reports a post once.
    manager
        .create_index(
            Index::create()
                .name("idx_post_reports_post_user")
                .table(PostReports::Table)
                .col(PostReports::PostId)
                .col(PostReports::UserId)
                .unique()
                .to_owned(),
        )
        .await
}

/// Unread markers, subscriptions and drafts: one row per person and thing.
async fn per_person(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(ThreadReads::Table)
                .col(integer(ThreadReads::UserId))
                .col(integer(ThreadReads::ThreadId))
                .col(integer(ThreadReads::LastReadPostId))
                .primary_key(
                    Index::create()
                        .col(ThreadReads::UserId)
                        .col(ThreadReads::ThreadId),
                )
                .foreign_key(&mut user_fk("fk_thread_reads_user", ThreadReads::Table))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_thread_reads_thread")
                        .from(ThreadReads::Table, ThreadReads::ThreadId)
                        .to(Threads::Table, Threads::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Subscriptions::Table)
                .col(integer(Subscriptions::UserId))
                // "thread" or "category" (themes are followed through user_themes).
                .col(string_len(Subscriptions::Kind, 16))
                .col(integer(Subscriptions::TargetId))
                .col(timestamp_with_time_zone(Subscriptions::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(Subscriptions::UserId)
                        .col(Subscriptions::Kind)
                        .col(Subscriptions::TargetId),
                )
                .foreign_key(&mut user_fk("fk_subscriptions_user", Subscriptions::Table))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_subscriptions_target")
                .table(Subscriptions::Table)
                .col(Subscriptions::Kind)
                .col(Subscriptions::TargetId)
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Drafts::Table)
                .col(integer(Drafts::UserId))
                // "reply:<thread id>", "new:<category id>" or "edit:<post id>".
                .col(string_len(Drafts::Key, 64))
                .col(string_len(Drafts::Title, 200))
                .col(text(Drafts::Body))
                .col(timestamp_with_time_zone(Drafts::UpdatedAt))
                .primary_key(Index::create().col(Drafts::UserId).col(Drafts::Key))
                .foreign_key(&mut user_fk("fk_drafts_user", Drafts::Table))
                .to_owned(),
        )
        .await
}

/// The general category, and one for every approved theme and every working group that exist
/// before the forum (a fresh database has none yet; the services create them from now on).
async fn existing_categories(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let now = match manager.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')",
        _ => "CURRENT_TIMESTAMP",
    };
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "INSERT INTO categories (slug, name, description, scope, position, created_at) \
         VALUES ('generale', 'Generale', \
         'Tutto ciò che non rientra in un tema: presentazioni, domande sulla comunità, avvisi.', \
         'members', 0, {now})"
    ))
    .await?;
    db.execute_unprepared(
        "INSERT INTO categories (slug, name, description, scope, theme_id, position, created_at) \
         SELECT slug, name, description, 'members', id, id, created_at FROM themes \
         WHERE status = 'approved' AND slug <> 'generale'",
    )
    .await?;
    db.execute_unprepared(
        "INSERT INTO categories (slug, name, description, scope, group_id, position, created_at) \
         SELECT 'gruppo-' || slug, name, description, 'group:' || CAST(id AS VARCHAR(12)), id, \
         1000 + id, created_at FROM groups",
    )
    .await?;
    Ok(())
}

fn post_fk(name: &str, table: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, Alias::new("post_id"))
        .to(Posts::Table, Posts::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn user_fk(name: &str, table: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, Alias::new("user_id"))
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
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
enum Themes {
    Table,
    Id,
    Status,
    ProposedBy,
    DecidedBy,
    DecidedAt,
    DecisionNote,
    MergedInto,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Scope,
    ThemeId,
    GroupId,
    Position,
    ThreadCount,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Threads {
    Table,
    Id,
    CategoryId,
    Kind,
    Title,
    AuthorId,
    CreatedAt,
    LastActivityAt,
    LastPostId,
    ReplyCount,
    Pinned,
    Locked,
    Hidden,
    DeletedAt,
    AcceptedPostId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Posts {
    Table,
    Id,
    ThreadId,
    AuthorId,
    Source,
    Html,
    CreatedAt,
    EditedAt,
    EditedBy,
    EditCount,
    DeletedAt,
    DeletedBy,
    Hidden,
    Score,
    UsefulCount,
}

#[derive(DeriveIden)]
enum PostRevisions {
    Table,
    Id,
    PostId,
    Source,
    Title,
    WrittenBy,
    WrittenAt,
}

#[derive(DeriveIden)]
enum PostVotes {
    Table,
    PostId,
    UserId,
    Value,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PostReactions {
    Table,
    PostId,
    UserId,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PostMentions {
    Table,
    PostId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PostReports {
    Table,
    Id,
    PostId,
    UserId,
    Reason,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
    Resolution,
}

#[derive(DeriveIden)]
enum ThreadReads {
    Table,
    UserId,
    ThreadId,
    LastReadPostId,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    UserId,
    Kind,
    TargetId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Drafts {
    Table,
    UserId,
    Key,
    Title,
    Body,
    UpdatedAt,
}
