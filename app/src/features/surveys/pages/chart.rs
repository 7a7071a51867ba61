//! Results drawn on the server: a horizontal bar chart in SVG (with a title and a description
//! that says every number, for screen readers) and the same numbers in a table.
use leptos::prelude::*;

use crate::{
    features::surveys::types::QuestionResults, i18n::use_messages, ui::escape_html as escape,
};

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn percent(n: i32, of: i32) -> i32 {
    if of > 0 {
        (f64::from(n) * 100.0 / f64::from(of)).round() as i32
    } else {
        0
    }
}

/// The SVG of one question's counts.
pub fn bar_chart_svg(id: i32, label: &str, counts: &[(String, i32)], answered: i32) -> String {
    const WIDTH: i32 = 640;
    const LABELS: i32 = 230;
    const BARS: i32 = 320;
    const ROW: i32 = 30;
    let height = ROW * counts.len() as i32 + 6;
    let top = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let description: Vec<String> = counts
        .iter()
        .map(|(l, n)| format!("{l}: {n} ({}%)", percent(*n, answered)))
        .collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"grafico-{id}-titolo\" \
         aria-describedby=\"grafico-{id}-descrizione\">\
         <title id=\"grafico-{id}-titolo\">{}</title><desc id=\"grafico-{id}-descrizione\">{}</desc>",
        escape(label),
        escape(&description.join("; "))
    );
    for (i, (option, n)) in counts.iter().enumerate() {
        let y = ROW * i as i32;
        let bar = BARS * n / top;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>\
             <rect x=\"{LABELS}\" y=\"{}\" width=\"{}\" height=\"18\" class=\"chart-bar\"/>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{} ({}%)</text>",
            y + 20,
            escape(&short(option, 30)),
            y + 7,
            bar.max(1),
            LABELS + bar + 6,
            y + 20,
            n,
            percent(*n, answered)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One question's results: the chart, the table, the mean; or the written answers.
#[component]
pub fn QuestionResultsView(question: QuestionResults) -> impl IntoView {
    let t = use_messages();
    let s = t.surveys;
    let heading_id = format!("risultati-{}", question.id);
    let body = if question.kind.is_text() {
        let texts = question.texts.clone();
        if texts.is_empty() {
            view! { <p>{s.no_texts}</p> }.into_any()
        } else {
            view! {
                <ul class="survey-texts">
                    {texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    } else {
        let svg = bar_chart_svg(
            question.id,
            &(s.chart_label)(&question.prompt),
            &question.counts,
            question.answered,
        );
        let rows = question
            .counts
            .iter()
            .map(|(label, n)| {
                view! {
                    <tr>
                        <th scope="row">{label.clone()}</th>
                        <td>{*n}</td>
                        <td>{percent(*n, question.answered)} "%"</td>
                    </tr>
                }
            })
            .collect_view();
        let mean = question.mean.map(
            |m| view! { <p>{(s.mean)(&format!("{m:.2}").replace('.', s.decimal_separator))}</p> },
        );
        view! {
            <figure class="chart" inner_html=svg></figure>
            {mean}
            <table class="results-table">
                <caption class="visually-hidden">{question.prompt.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.option}</th>
                        <th scope="col">{s.count}</th>
                        <th scope="col">{s.percent}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="question-results" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{question.prompt.clone()}</h3>
            <p class="meta">{(s.answered_by)(question.answered)}</p>
            {body}
        </section>
    }
}
