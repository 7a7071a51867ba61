//! Survey types shared by server and browser.
use serde::{Deserialize, Serialize};

crate::stored_enum! {
    pub enum QuestionKind {
        Single = "single",
        Multiple = "multiple",
        Scale5 = "scale5",
        Scale10 = "scale10",
        Short = "short",
        Long = "long",
    }
}

impl QuestionKind {
    /// The highest value of a scale.
    pub fn scale_max(self) -> Option<i32> {
        match self {
            QuestionKind::Scale5 => Some(5),
            QuestionKind::Scale10 => Some(10),
            _ => None,
        }
    }

    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }

    pub fn is_text(self) -> bool {
        matches!(self, QuestionKind::Short | QuestionKind::Long)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyPhase {
    NotYetOpen,
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    pub kind: QuestionKind,
    pub prompt: String,
    pub required: bool,
    pub options: Vec<String>,
    /// The person's answer so far: chosen options or scale value, or the text.
    pub chosen: Vec<i32>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub questions: Vec<QuestionView>,
}

/// Where the person stands with a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseState {
    /// Nothing saved yet.
    None,
    Draft,
    /// Submitted; in a named survey it can still be edited while the survey is open.
    Submitted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub id: i32,
    pub title: String,
    pub phase: SurveyPhase,
    pub closes: String,
    pub responses: i32,
    pub anonymous: bool,
    pub state: ResponseState,
}

/// A survey as its page shows it to this person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub anonymous: bool,
    pub publish_results: bool,
    pub phase: SurveyPhase,
    pub opens: String,
    pub closes: String,
    pub responses: i32,
    pub sections: Vec<SectionView>,
    pub state: ResponseState,
    /// The person may fill the form now (signed in, open, and not an anonymous survey already
    /// submitted).
    pub may_answer: bool,
    pub may_see_results: bool,
    /// Staff: edit questions (until the first response), publish results.
    pub may_manage: bool,
    /// Someone has started answering (a draft or a response): the questions stay as they are.
    pub started: bool,
    /// Questions answered / questions in all.
    pub answered: usize,
    pub total: usize,
}

/// One question's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResults {
    pub id: i32,
    pub kind: QuestionKind,
    pub prompt: String,
    /// `(label, count)` for options and scale values.
    pub counts: Vec<(String, i32)>,
    /// People who answered this question.
    pub answered: i32,
    /// Scales: the mean.
    pub mean: Option<f64>,
    /// Text answers.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub id: i32,
    pub title: String,
    pub responses: i32,
    pub anonymous: bool,
    pub sections: Vec<(String, Vec<QuestionResults>)>,
    /// Staff: the CSV export of every response.
    pub may_export: bool,
}
