//! The fields a refusal can name: one enum, so every field has a label in each language
//! (a field without one does not compile). Stored and sent as its snake_case name.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Action,
    Answer,
    Answers,
    /// The revision an edit started from.
    Base,
    Bio,
    Body,
    Category,
    /// The sign-in challenge between the password and the code.
    Challenge,
    Choice,
    City,
    ClosesAt,
    Code,
    Confirmation,
    ContactVisibility,
    Current,
    /// A list's page cursor.
    Cursor,
    Days,
    Decision,
    Description,
    DisplayName,
    Draft,
    Email,
    Invitation,
    IpaCode,
    Kind,
    /// The user name or e-mail typed to sign in.
    Login,
    Logo,
    MaxChoices,
    MergeInto,
    Mode,
    Name,
    OpensAt,
    Options,
    Organisation,
    OrganisationName,
    Parent,
    Password,
    Path,
    Phase,
    Phone,
    Photo,
    Post,
    Prompt,
    Question,
    Reason,
    Region,
    Request,
    Results,
    ReviewAt,
    Revision,
    Role,
    Scope,
    Section,
    SectionTitle,
    Source,
    Space,
    Summary,
    TaxCode,
    Theme,
    Themes,
    Title,
    /// A link's token (reset, verification).
    Token,
    Username,
    Vote,
    Website,
}

impl Field {
    /// The name the form's input carries (and the JSON of an error).
    pub fn name(self) -> &'static str {
        match self {
            Field::Action => "action",
            Field::Answer => "answer",
            Field::Answers => "answers",
            Field::Base => "base",
            Field::Bio => "bio",
            Field::Body => "body",
            Field::Category => "category",
            Field::Challenge => "challenge",
            Field::Choice => "choice",
            Field::City => "city",
            Field::ClosesAt => "closes_at",
            Field::Code => "code",
            Field::Confirmation => "confirmation",
            Field::ContactVisibility => "contact_visibility",
            Field::Current => "current",
            Field::Cursor => "cursor",
            Field::Days => "days",
            Field::Decision => "decision",
            Field::Description => "description",
            Field::DisplayName => "display_name",
            Field::Draft => "draft",
            Field::Email => "email",
            Field::Invitation => "invitation",
            Field::IpaCode => "ipa_code",
            Field::Kind => "kind",
            Field::Login => "login",
            Field::Logo => "logo",
            Field::MaxChoices => "max_choices",
            Field::MergeInto => "merge_into",
            Field::Mode => "mode",
            Field::Name => "name",
            Field::OpensAt => "opens_at",
            Field::Options => "options",
            Field::Organisation => "organisation",
            Field::OrganisationName => "organisation_name",
            Field::Parent => "parent",
            Field::Password => "password",
            Field::Path => "path",
            Field::Phase => "phase",
            Field::Phone => "phone",
            Field::Photo => "photo",
            Field::Post => "post",
            Field::Prompt => "prompt",
            Field::Question => "question",
            Field::Reason => "reason",
            Field::Region => "region",
            Field::Request => "request",
            Field::Results => "results",
            Field::ReviewAt => "review_at",
            Field::Revision => "revision",
            Field::Role => "role",
            Field::Scope => "scope",
            Field::Section => "section",
            Field::SectionTitle => "section_title",
            Field::Source => "source",
            Field::Space => "space",
            Field::Summary => "summary",
            Field::TaxCode => "tax_code",
            Field::Theme => "theme",
            Field::Themes => "themes",
            Field::Title => "title",
            Field::Token => "token",
            Field::Username => "username",
            Field::Vote => "vote",
            Field::Website => "website",
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_sent_under_its_form_name() {
        assert_eq!(
            serde_json::to_string(&Field::DisplayName).unwrap(),
            "\"display_name\""
        );
        assert_eq!(Field::OpensAt.name(), "opens_at");
    }
}
