//! The past: a page's history (pick two revisions to compare, restore an old one), the
//! difference between two revisions (inline, word by word, or side by side), "Pagine che puntano
//! qui", the recent changes of the visible spaces, and staff's list of pages due for review.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::{url_with, Trail};
use crate::{
    features::wiki::{
        api::{
            fetch_recent_changes, fetch_review_due, fetch_wiki_backlinks, fetch_wiki_diff,
            fetch_wiki_history, RestoreWikiRevision,
        },
        types::{DiffLine, DiffRow, HistoryEntry, RevisionDiff},
    },
    i18n::{format_date, format_date_time, use_locale, use_messages, Messages},
    ui::{form_error, query_param, FormError, Loaded, PersonName},
};

fn delta(size_delta: i32) -> String {
    if size_delta > 0 {
        format!("+{size_delta}")
    } else {
        size_delta.to_string()
    }
}

fn origin_text(entry: &HistoryEntry, t: &Messages) -> Option<String> {
    let origin = entry.origin.as_deref()?;
    if let Some(n) = origin.strip_prefix("restore:") {
        return Some((t.wiki.restored_from)(n));
    }
    origin
        .strip_prefix("post:")
        .map(|_| t.wiki.from_answer.to_string())
}

/// Shows what a resource loaded with `$ok`, or the page for its error (404 for what one may
/// not see).
macro_rules! load {
    ($data:expr, $ok:expr) => {{
        let t = crate::i18n::use_messages();
        view! {
            <Title text=format!("{} · {}", t.nav_wiki, t.site_name)/>
            <Loaded data=$data view=$ok/>
        }
    }};
}

#[component]
pub fn HistoryPage(address: String) -> impl IntoView {
    let before = query_param("prima").parse::<i32>().ok();
    let key = address.clone();
    let data = Resource::new_blocking(
        move || (key.clone(), before),
        |(address, before)| fetch_wiki_history(address, before),
    );
    let locale = use_locale();
    let t = locale.messages();
    load!(
        data,
        move |history: crate::features::wiki::types::History| {
            let address = address.clone();
            let restore = <RestoreWikiRevision as ServerFn>::PATH;
            let current = history.current;
            let count = history.entries.len();
            let rows = history
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let n = e.number;
                let previous = (n > 1).then(|| {
                    let href = url_with(&address, &format!("azione=diff&da={}&a={n}", n - 1));
                    view! { <a href=href>{t.wiki.diff_previous}</a> }
                });
                let restore_form = (history.may_edit && n != current).then(|| {
                    view! {
                        <form method="post" action=restore class="inline">
                            <input type="hidden" name="address" value=address.clone()/>
                            <input type="hidden" name="number" value=n.to_string()/>
                            <button type="submit" class="link-button">
                                {(t.wiki.restore_n)(n)}
                            </button>
                        </form>
                    }
                });
                let origin = origin_text(&e, t);
                view! {
                    <tr>
                        <td>
                            <input
                                type="radio"
                                form="compare"
                                name="da"
                                value=n.to_string()
                                checked=i == 1 || count == 1
                                aria-label=(t.wiki.compare_from)(n)
                            />
                            <input
                                type="radio"
                                form="compare"
                                name="a"
                                value=n.to_string()
                                checked=i == 0
                                aria-label=(t.wiki.compare_to)(n)
                            />
                        </td>
                        <th scope="row">{n}</th>
                        <td>
                            <time datetime=e.at.to_rfc3339()>{format_date_time(e.at, locale)}</time>
                        </td>
                        <td><PersonName person=e.author/></td>
                        <td>
                            {e.summary}
                            {origin.map(|o| view! { " " <span class="meta">"(" {o} ")"</span> })}
                        </td>
                        <td class="number">{delta(e.size_delta)}</td>
                        <td>{previous} " " {restore_form}</td>
                    </tr>
                }
            })
            .collect_view();
            let older = history.older.map(|n| {
            view! {
                <p>
                    <a class="button secondary" href=url_with(&address, &format!("azione=storia&prima={n}"))>
                        {t.wiki.older_revisions}
                    </a>
                </p>
            }
        });
            let title = (t.wiki.history_title)(&history.page.title);
            let action = url_with(&address, "");
            view! {
            <Title text=format!("{} · {}", title, t.site_name)/>
            <Trail space=history.space ancestors=vec![history.page.clone()]/>
            <h1>{title}</h1>
            <FormError error=form_error()/>
            // The radio buttons belong to this form (`form="compare"`), so that the restore
            // forms in the rows are not nested in it.
            <form method="get" action=action id="compare">
                <input type="hidden" name="azione" value="diff"/>
            </form>
                <div class="table-scroll">
                    <table class="history">
                        <caption class="visually-hidden">{t.wiki.history}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.wiki.compare}</th>
                                <th scope="col">{t.wiki.revision}</th>
                                <th scope="col">{t.wiki.when}</th>
                                <th scope="col">{t.wiki.who}</th>
                                <th scope="col">{t.wiki.summary_label}</th>
                                <th scope="col">{t.wiki.size_change}</th>
                                <th scope="col"><span class="visually-hidden">{t.wiki.actions}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p>
                    <button type="submit" form="compare" class="button">
                        {t.wiki.compare_selected}
                    </button>
                </p>
            {older}
        }
        .into_any()
        }
    )
}

fn line_view(line: Option<DiffLine>, tag: &'static str) -> impl IntoView {
    match line {
        None => view! { <td class="empty"></td><td class="empty"></td> }.into_any(),
        Some(line) => {
            let segments = line
                .segments
                .into_iter()
                .map(|s| {
                    if s.changed {
                        if tag == "del" {
                            view! { <del>{s.text}</del> }.into_any()
                        } else {
                            view! { <ins>{s.text}</ins> }.into_any()
                        }
                    } else {
                        view! { <span>{s.text}</span> }.into_any()
                    }
                })
                .collect_view();
            view! {
                <td class="line-number">{line.number}</td>
                <td class=tag><code>{segments}</code></td>
            }
            .into_any()
        }
    }
}

#[component]
pub fn DiffPage(address: String) -> impl IntoView {
    let from = query_param("da").parse::<i32>().unwrap_or(0);
    let to = query_param("a").parse::<i32>().unwrap_or(0);
    let side_by_side = query_param("vista") == "affiancata";
    let key = address.clone();
    let data = Resource::new_blocking(
        move || (key.clone(), from, to),
        |(address, from, to)| fetch_wiki_diff(address, from, to),
    );
    let t = use_messages();
    load!(data, move |d: RevisionDiff| {
        let address = address.clone();
        diff_view(d, &address, side_by_side, t).into_any()
    })
}

fn diff_view(
    d: RevisionDiff,
    address: &str,
    side_by_side: bool,
    t: &'static Messages,
) -> impl IntoView {
    let locale = use_locale();
    let (from, to) = (d.from.number, d.to.number);
    let other_view = if side_by_side {
        (
            url_with(address, &format!("azione=diff&da={from}&a={to}")),
            t.wiki.view_inline,
        )
    } else {
        (
            url_with(
                address,
                &format!("azione=diff&da={from}&a={to}&vista=affiancata"),
            ),
            t.wiki.view_side_by_side,
        )
    };
    let unchanged = d.diff.rows.is_empty();
    let rows = d
        .diff
        .rows
        .into_iter()
        .map(|row| match row {
            DiffRow::Skipped(n) => view! {
                <tr class="skipped"><td colspan="4">{(t.wiki.lines_unchanged)(n)}</td></tr>
            }
            .into_any(),
            DiffRow::Same { old, new, text } if side_by_side => view! {
                <tr>
                    <td class="line-number">{old}</td><td><code>{text.clone()}</code></td>
                    <td class="line-number">{new}</td><td><code>{text}</code></td>
                </tr>
            }
            .into_any(),
            DiffRow::Same { old, text, .. } => view! {
                <tr><td class="line-number">{old}</td><td><code>{text}</code></td></tr>
            }
            .into_any(),
            DiffRow::Changed { old, new } if side_by_side => view! {
                <tr class="changed">{line_view(old, "del")}{line_view(new, "ins")}</tr>
            }
            .into_any(),
            DiffRow::Changed { old, new } => {
                let removed =
                    old.map(|l| view! { <tr class="changed">{line_view(Some(l), "del")}</tr> });
                let added =
                    new.map(|l| view! { <tr class="changed">{line_view(Some(l), "ins")}</tr> });
                view! { {removed}{added} }.into_any()
            }
        })
        .collect_view();
    let restore = (d.may_edit && from != d.current).then(|| {
        let action = <RestoreWikiRevision as ServerFn>::PATH;
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="address" value=address.to_owned()/>
                <input type="hidden" name="number" value=from.to_string()/>
                <button type="submit" class="button secondary">{(t.wiki.restore_n)(from)}</button>
            </form>
        }
    });
    let title = (t.wiki.diff_title)(&d.page.title);
    let header = if side_by_side {
        view! {
            <tr>
                <th scope="col" colspan="2">{(t.wiki.revision_n)(from)}</th>
                <th scope="col" colspan="2">{(t.wiki.revision_n)(to)}</th>
            </tr>
        }
        .into_any()
    } else {
        view! {
            <tr>
                <th scope="col">{t.wiki.line}</th>
                <th scope="col">{t.wiki.text}</th>
            </tr>
        }
        .into_any()
    };
    let describe = |e: &HistoryEntry| {
        let e = e.clone();
        view! {
            <li>
                <strong>{(t.wiki.revision_n)(e.number)}</strong> ", "
                {format_date_time(e.at, locale)} ", " <PersonName person=e.author/>
                {(!e.summary.is_empty()).then(|| view! { ": " <em>{e.summary.clone()}</em> })}
            </li>
        }
    };
    view! {
        <Title text=format!("{} · {}", title, t.site_name)/>
        <Trail space=d.space ancestors=vec![d.page.clone()]/>
        <h1>{title}</h1>
        <ul class="diff-revisions">{describe(&d.from)}{describe(&d.to)}</ul>
        <p class="meta">
            {(t.wiki.lines_changed)(d.diff.added, d.diff.removed)} " · "
            <a href=other_view.0>{other_view.1}</a> " · "
            <a href=url_with(address, "azione=storia")>{t.wiki.history}</a>
        </p>
        {restore}
        {if unchanged {
            view! { <p class="notice">{t.wiki.no_difference}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="diff" class:side-by-side=side_by_side>
                        <caption class="visually-hidden">{t.wiki.diff_caption}</caption>
                        <thead>{header}</thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
pub fn BacklinksPage(address: String) -> impl IntoView {
    let key = address.clone();
    let data = Resource::new_blocking(move || key.clone(), fetch_wiki_backlinks);
    let t = use_messages();
    load!(data, move |b: crate::features::wiki::types::Backlinks| {
        let title = (t.wiki.backlinks_of)(&b.page.title);
        let list = if b.pages.is_empty() {
            view! { <p class="notice">{t.wiki.no_backlinks}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {b.pages
                        .into_iter()
                        .map(|p| view! { <li><a href=p.url>{p.title}</a></li> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <Title text=format!("{} · {}", title, t.site_name)/>
            <Trail space=b.space ancestors=vec![b.page.clone()]/>
            <h1>{title}</h1>
            {list}
        }
        .into_any()
    })
}

/// `/wiki/modifiche-recenti` (`?spazio=<slug>`, `&prima=<cursor>`).
#[component]
pub fn RecentChangesPage() -> impl IntoView {
    let (space, before) = (query_param("spazio"), query_param("prima"));
    let data = Resource::new_blocking(
        move || (space.clone(), before.clone()),
        |(space, before)| fetch_recent_changes(Some(space), Some(before)),
    );
    let locale = use_locale();
    let t = locale.messages();
    view! {
        <Title text=format!("{} · {}", t.wiki.recent_title, t.site_name)/>
        <nav class="breadcrumb" aria-label=t.forum.breadcrumb_label>
            <a href="/wiki">{t.nav_wiki}</a>
        </nav>
        <h1>{t.wiki.recent_title}</h1>
        <p class="meta">
            <a href="/wiki/feed.atom">{t.wiki.feed_link}</a>
        </p>
        <FormError error=form_error()/>
        {load!(data, move |r: crate::features::wiki::types::RecentChanges| {
            let chosen = r.space.clone().unwrap_or_default();
            let options = r
                .spaces
                .iter()
                .map(|s| view! { <option value=s.slug.clone() selected=s.slug == chosen>{s.name.clone()}</option> })
                .collect_view();
            let rows = r
                .changes
                .into_iter()
                .map(|c| {
                    let diff = (c.number > 1).then(|| {
                        let href = format!("{}?azione=diff&da={}&a={}", c.page.url, c.number - 1, c.number);
                        view! { " · " <a href=href>{t.wiki.diff_short}</a> }
                    });
                    view! {
                        <li>
                            <a href=c.page.url.clone()>{c.page.title.clone()}</a>
                            " " <span class="meta">"(" {c.space.clone()} ")"</span>
                            " · " <time datetime=c.at.to_rfc3339()>{format_date_time(c.at, locale)}</time>
                            " · " <PersonName person=c.author/>
                            " · " <span class="number">{delta(c.size_delta)}</span>
                            {(!c.summary.is_empty()).then(|| view! { " · " <em>{c.summary.clone()}</em> })}
                            {diff}
                        </li>
                    }
                })
                .collect_view();
            let older = r.older.map(|o| {
                let href = format!("/wiki/modifiche-recenti?spazio={chosen}&prima={o}");
                view! { <p><a class="button secondary" href=href>{t.wiki.older_changes}</a></p> }
            });
            view! {
                <form method="get" action="/wiki/modifiche-recenti" class="filters">
                    <p>
                        <label for="spazio">{t.wiki.space_filter}</label>
                        <select id="spazio" name="spazio">
                            <option value="">{t.wiki.all_spaces}</option>
                            {options}
                        </select>
                        " "
                        <button type="submit" class="button secondary">{t.wiki.filter}</button>
                    </p>
                </form>
                <ul class="recent-changes">{rows}</ul>
                {older}
            }
            .into_any()
        })}
    }
}

/// `/wiki/da-rivedere`: staff's list of pages whose review date has passed.
#[component]
pub fn ReviewDuePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| fetch_review_due());
    let locale = use_locale();
    let t = locale.messages();
    view! {
        <Title text=format!("{} · {}", t.wiki.review_title, t.site_name)/>
        <h1>{t.wiki.review_title}</h1>
        {load!(data, move |items: Vec<crate::features::wiki::types::ReviewItem>| {
            if items.is_empty() {
                return view! { <p class="notice">{t.wiki.review_none}</p> }.into_any();
            }
            view! {
                <ul>
                    {items
                        .into_iter()
                        .map(|i| view! {
                            <li>
                                <a href=i.page.url>{i.page.title}</a>
                                " " <span class="meta">"(" {i.space} ")"</span>
                                " · " {(t.wiki.review_on)(&format_date(i.review_at, locale))}
                                " · " {t.wiki.validated_by} " " <PersonName person=i.validated_by/>
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}
