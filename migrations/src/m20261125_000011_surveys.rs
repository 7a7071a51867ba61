//! Surveys: staff questionnaires with sections and questions (single, multiple, scale 1–5 or
//! 1–10, short text, long text; required or optional), a scope, opening and closing times, an
//! anonymous option and the option to publish the results to respondents.
//!
//! `survey_responses` holds one response per person while it is a draft or, for named surveys,
//! once submitted (editable until closing). For an **anonymous** survey the submitted response
//! is written without person and without time, and `survey_respondents` records only that the
//! person has responded: nothing links a person to their answers.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Surveys::Table)
                    .col(pk_auto(Surveys::Id))
                    .col(string_len(Surveys::Title, 200))
                    .col(text(Surveys::Description))
                    .col(string_len(Surveys::Scope, 32))
                    .col(boolean(Surveys::Anonymous))
                    .col(boolean(Surveys::PublishResults))
                    .col(timestamp_with_time_zone(Surveys::OpensAt))
                    .col(timestamp_with_time_zone(Surveys::ClosesAt))
                    .col(integer(Surveys::Responses))
                    .col(integer_null(Surveys::CreatedBy))
                    .col(timestamp_with_time_zone(Surveys::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_surveys_creator")
                            .from(Surveys::Table, Surveys::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveySections::Table)
                    .col(pk_auto(SurveySections::Id))
                    .col(integer(SurveySections::SurveyId))
                    .col(integer(SurveySections::Position))
                    .col(string_len(SurveySections::Title, 200))
                    .col(text(SurveySections::Description))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_sections_survey")
                            .from(SurveySections::Table, SurveySections::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyQuestions::Table)
                    .col(pk_auto(SurveyQuestions::Id))
                    .col(integer(SurveyQuestions::SurveyId))
                    .col(integer(SurveyQuestions::SectionId))
                    .col(integer(SurveyQuestions::Position))
                    // `single`, `multiple`, `scale5`, `scale10`, `short` or `long`.
                    .col(string_len(SurveyQuestions::Kind, 16))
                    .col(string_len(SurveyQuestions::Prompt, 500))
                    .col(boolean(SurveyQuestions::Required))
                    // The options of single and multiple questions, one per line.
                    .col(text(SurveyQuestions::Options))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_questions_survey")
                            .from(SurveyQuestions::Table, SurveyQuestions::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_questions_section")
                            .from(SurveyQuestions::Table, SurveyQuestions::SectionId)
                            .to(SurveySections::Table, SurveySections::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyResponses::Table)
                    .col(pk_auto(SurveyResponses::Id))
                    .col(integer(SurveyResponses::SurveyId))
                    // Empty for a submitted response to an anonymous survey.
                    .col(integer_null(SurveyResponses::UserId))
                    .col(boolean(SurveyResponses::Submitted))
                    // Empty for a submitted response to an anonymous survey.
                    .col(timestamp_with_time_zone_null(SurveyResponses::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_responses_survey")
                            .from(SurveyResponses::Table, SurveyResponses::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_responses_user")
                            .from(SurveyResponses::Table, SurveyResponses::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One response (draft or submitted) per person and survey.
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_responses_person")
                    .table(SurveyResponses::Table)
                    .col(SurveyResponses::SurveyId)
                    .col(SurveyResponses::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyAnswers::Table)
                    .col(pk_auto(SurveyAnswers::Id))
                    .col(integer(SurveyAnswers::ResponseId))
                    .col(integer(SurveyAnswers::QuestionId))
                    // The option (0-based) or the scale value; empty for text answers.
                    .col(integer_null(SurveyAnswers::Choice))
                    .col(text_null(SurveyAnswers::Text))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_answers_response")
                            .from(SurveyAnswers::Table, SurveyAnswers::ResponseId)
                            .to(SurveyResponses::Table, SurveyResponses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_answers_question")
                            .from(SurveyAnswers::Table, SurveyAnswers::QuestionId)
                            .to(SurveyQuestions::Table, SurveyQuestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_survey_answers_response", SurveyAnswers::ResponseId),
            ("idx_survey_answers_question", SurveyAnswers::QuestionId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SurveyAnswers::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SurveyRespondents::Table)
                    .col(integer(SurveyRespondents::SurveyId))
                    .col(integer(SurveyRespondents::UserId))
                    .primary_key(
                        Index::create()
                            .col(SurveyRespondents::SurveyId)
                            .col(SurveyRespondents::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_respondents_survey")
                            .from(SurveyRespondents::Table, SurveyRespondents::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_respondents_user")
                            .from(SurveyRespondents::Table, SurveyRespondents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SurveyRespondents::Table.into_iden(),
            SurveyAnswers::Table.into_iden(),
            SurveyResponses::Table.into_iden(),
            SurveyQuestions::Table.into_iden(),
            SurveySections::Table.into_iden(),
            Surveys::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    Title,
    Description,
    Scope,
    Anonymous,
    PublishResults,
    OpensAt,
    ClosesAt,
    Responses,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SurveySections {
    Table,
    Id,
    SurveyId,
    Position,
    Title,
    Description,
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    Id,
    SurveyId,
    SectionId,
    Position,
    Kind,
    Prompt,
    Required,
    Options,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    SurveyId,
    UserId,
    Submitted,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Choice,
    Text,
}

#[derive(DeriveIden)]
enum SurveyRespondents {
    Table,
    SurveyId,
    UserId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
