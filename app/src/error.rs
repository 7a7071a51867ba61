//! The one error type of Pratica: every server function and service returns it, and every page
//! turns it into a clear, localised message without internals.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;
pub use crate::kernel::field::Field;

/// Why a piece of input was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvalidReason {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    /// A password that is among the most common ones, or the person's own name.
    Common,
    /// Two fields that must match do not (a password and its confirmation).
    Mismatch,
    /// The current password, asked again before a sensitive change, is wrong.
    WrongPassword,
    /// A link or code that is wrong, used or expired.
    Expired,
    Malformed,
    Duplicate,
    /// A second-factor code that is wrong or was already used.
    WrongCode,
    /// Staff may not change their own role or disable themselves.
    SelfChange,
    /// An organisation would be left without a referent.
    LastReferent,
    /// No (active) account has this name.
    Unknown,
    /// A file that is not a PNG, JPEG or WebP image.
    ImageFormat,
    FileTooLarge {
        max_kb: usize,
    },
    /// Text built so that it would be too heavy to show (deep nesting, enormous tables).
    TooComplex,
    /// The person already did this once (reported this post, proposed this theme).
    AlreadyDone,
    /// A thing named in the form that does not exist (a revision, a section).
    Missing,
    /// A text that still holds the marks of an edit conflict.
    Unresolved,
    /// A forum answer that is not (or no longer) the accepted one.
    NotAccepted,
    /// Too few or too many items (options of a poll, choices in a vote).
    Count {
        min: usize,
        max: usize,
    },
    /// A closing time before the opening time, in the past, or too far away.
    DateOrder,
    /// One more than a person may hold (drafts…).
    TooMany {
        max: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing does not exist or the viewer may not see it: the two look the same.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Bad input on one field; nothing was changed.
    #[error("invalid {field}: {reason:?}")]
    Invalid { field: Field, reason: InvalidReason },
    /// Someone else changed the thing first, or a unique value is taken.
    #[error("conflict")]
    Conflict,
    /// A sign-in with an unknown account or a wrong password: the same answer for both.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The server could not be reached (raised on the client).
    #[error("unavailable")]
    Unavailable,
    /// The community's phase does not allow signing up without an invitation.
    #[error("sign-up needs an invitation")]
    SignUpClosed,
    /// A staff or admin power asked for by an account without its second factor on.
    #[error("second factor required")]
    SecondFactorRequired,
    /// A sensitive change asked for without the password typed again in this session recently.
    #[error("password needed again")]
    PasswordAgain,
    /// The account was disabled by staff (said only after a correct password).
    #[error("account disabled")]
    AccountDisabled,
    /// The thread is closed to new posts (only staff may still write).
    #[error("thread locked")]
    Locked,
    /// A protected wiki page: only staff edit it.
    #[error("page protected")]
    Protected,
    /// A poll that is closed (or, below, not open yet) takes no votes.
    #[error("poll closed")]
    PollClosed,
    #[error("poll not open yet")]
    PollNotOpen,
    /// One vote per organisation: only its referent casts it.
    #[error("referent only")]
    ReferentOnly,
    /// An anonymous poll takes one vote per person (or organisation), never changed.
    #[error("already voted")]
    AlreadyVoted,
    /// The poll's results are not shown yet (to this person), exports included.
    #[error("results hidden")]
    ResultsHidden,
    /// A survey that is closed (or not open yet) takes no answers.
    #[error("survey closed")]
    SurveyClosed,
    #[error("survey not open yet")]
    SurveyNotOpen,
    /// An anonymous survey takes one response per person, never changed.
    #[error("already answered")]
    AlreadyAnswered,
    /// Questions no longer change once people have started answering.
    #[error("survey started")]
    SurveyStarted,
    /// Something failed on our side; the details are in the server log only.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn invalid(field: Field, reason: InvalidReason) -> Self {
        AppError::Invalid { field, reason }
    }

    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Forbidden
            | AppError::SignUpClosed
            | AppError::SecondFactorRequired
            | AppError::PasswordAgain
            | AppError::AccountDisabled
            | AppError::Locked
            | AppError::Protected
            | AppError::ReferentOnly
            | AppError::ResultsHidden => 403,
            AppError::PollClosed
            | AppError::PollNotOpen
            | AppError::AlreadyVoted
            | AppError::SurveyClosed
            | AppError::SurveyNotOpen
            | AppError::AlreadyAnswered
            | AppError::SurveyStarted => 409,
            AppError::Invalid { .. } => 422,
            AppError::Conflict => 409,
            AppError::InvalidCredentials => 401,
            AppError::RateLimited { .. } => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }

    /// The message a person reads, in their language.
    pub fn message(&self, t: &Messages) -> String {
        match self {
            AppError::NotFound => t.error_not_found.to_string(),
            AppError::Forbidden => t.error_forbidden.to_string(),
            AppError::Invalid { field, reason } => {
                let text = Self::reason_message(*reason, t);
                match (t.field_label)(*field) {
                    Some(label) => format!("{label}: {text}"),
                    None => text,
                }
            }
            AppError::Conflict => t.error_conflict.to_string(),
            AppError::InvalidCredentials => t.error_invalid_credentials.to_string(),
            AppError::RateLimited { retry_after_secs } => {
                (t.error_rate_limited)(retry_after_secs.div_ceil(60).max(1))
            }
            AppError::SignUpClosed => t.error_sign_up_closed.to_string(),
            AppError::SecondFactorRequired => t.error_second_factor_required.to_string(),
            AppError::AccountDisabled => t.error_account_disabled.to_string(),
            AppError::PasswordAgain => t.accounts.error_password_again.to_string(),
            AppError::Locked => t.forum.error_locked.to_string(),
            AppError::Protected => t.wiki.error_protected.to_string(),
            AppError::PollClosed => t.polls.error_closed.to_string(),
            AppError::PollNotOpen => t.polls.error_not_open.to_string(),
            AppError::ReferentOnly => t.polls.error_referent_only.to_string(),
            AppError::AlreadyVoted => t.polls.error_already_voted.to_string(),
            AppError::ResultsHidden => t.polls.error_results_hidden.to_string(),
            AppError::SurveyClosed => t.surveys.error_closed.to_string(),
            AppError::SurveyNotOpen => t.surveys.error_not_open.to_string(),
            AppError::AlreadyAnswered => t.surveys.error_already_answered.to_string(),
            AppError::SurveyStarted => t.surveys.error_started.to_string(),
            AppError::Unavailable => t.error_unavailable.to_string(),
            AppError::Internal => t.error_internal.to_string(),
        }
    }

    fn reason_message(reason: InvalidReason, t: &Messages) -> String {
        match reason {
            InvalidReason::Required => t.invalid_required.to_string(),
            InvalidReason::TooLong { max } => (t.invalid_too_long)(max),
            InvalidReason::TooShort { min } => (t.invalid_too_short)(min),
            InvalidReason::Common => t.invalid_common_password.to_string(),
            InvalidReason::Mismatch => t.invalid_mismatch.to_string(),
            InvalidReason::Expired => t.invalid_expired.to_string(),
            InvalidReason::WrongPassword => t.invalid_wrong_password.to_string(),
            InvalidReason::Malformed => t.invalid_malformed.to_string(),
            InvalidReason::Duplicate => t.invalid_duplicate.to_string(),
            InvalidReason::WrongCode => t.invalid_wrong_code.to_string(),
            InvalidReason::SelfChange => t.invalid_self_change.to_string(),
            InvalidReason::LastReferent => t.invalid_last_referent.to_string(),
            InvalidReason::Unknown => t.invalid_unknown_account.to_string(),
            InvalidReason::ImageFormat => t.invalid_image_format.to_string(),
            InvalidReason::FileTooLarge { max_kb } => (t.invalid_file_too_large)(max_kb),
            InvalidReason::TooComplex => t.forum.invalid_too_complex.to_string(),
            InvalidReason::AlreadyDone => t.forum.invalid_already_done.to_string(),
            InvalidReason::Missing => t.wiki.invalid_missing.to_string(),
            InvalidReason::Unresolved => t.wiki.invalid_unresolved.to_string(),
            InvalidReason::NotAccepted => t.wiki.invalid_not_accepted.to_string(),
            InvalidReason::Count { min, max } => (t.polls.invalid_count)(min, max),
            InvalidReason::DateOrder => t.polls.invalid_date_order.to_string(),
            InvalidReason::TooMany { max } => (t.invalid_too_many)(max),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::Unavailable,
            // A body that is not what the function reads (not UTF-8, not its encoding, fields
            // missing or of the wrong type) is bad input, not a fault of ours.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::invalid(Field::Request, InvalidReason::Malformed)
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return AppError::Conflict;
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
