//! One post as a thread shows it: author (expert and staff marked), time with its permalink,
//! the sanitised text, and what the viewer may do — vote, accept, "utile", quote, edit, see the
//! versions, delete, report, and for staff hide. Every action is a plain form.
use crate::ui::PersonName;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::{
    features::forum::{
        api::{AcceptAnswer, DeletePost, HidePost, ReportPost, ToggleUseful, Vote},
        types::PostView,
    },
    i18n::{format_date_time, use_locale},
};

/// What the thread around a post lets the viewer do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostContext {
    pub thread_id: i32,
    pub question: bool,
    pub may_accept: bool,
    pub may_reply: bool,
    pub moderate: bool,
    /// Posts after this id are new to the viewer.
    pub last_read: Option<i32>,
    /// schema.org microdata for a public question: "acceptedAnswer" or "suggestedAnswer".
    pub schema: Option<&'static str>,
}

/// A post as the page shows it. On the server its HTML is kept by everything it shows
/// (`ui::fragments`): a thread's page renders only the posts that changed, or that a viewer sees
/// differently, since it was last shown.
#[component]
pub fn PostArticle(post: PostView, context: PostContext) -> impl IntoView {
    let is_new = context
        .last_read
        .is_some_and(|last| post.id > last && !post.opening);
    // The marker itself is not shown, only whether the post is new: viewers who read up to
    // different posts share the same HTML.
    let context = PostContext {
        last_read: None,
        ..context
    };
    #[cfg(feature = "ssr")]
    {
        let key = kept::Article {
            post,
            context,
            is_new,
            locale: use_locale(),
        };
        let html = kept::ARTICLES.get_or_render(key, |key| {
            article(key.post.clone(), key.context, key.is_new)
                .into_view()
                .to_html()
        });
        crate::ui::fragments::kept_html(html)
    }
    #[cfg(not(feature = "ssr"))]
    {
        article(post, context, is_new)
    }
}

#[cfg(feature = "ssr")]
mod kept {
    use std::sync::LazyLock;

    use super::PostContext;
    use crate::{
        features::forum::types::PostView,
        i18n::Locale,
        ui::fragments::{Fragments, Weighed},
    };

    /// Everything a post's HTML depends on.
    #[derive(PartialEq, Eq, Hash)]
    pub struct Article {
        pub post: PostView,
        pub context: PostContext,
        pub is_new: bool,
        pub locale: Locale,
    }

    impl Weighed for Article {
        fn weight(&self) -> usize {
            let author = self
                .post
                .author
                .as_ref()
                .map_or(0, |p| p.username.len() + p.display_name.len());
            std::mem::size_of::<Self>() + self.post.html.len() + author
        }
    }

    /// About 8 MiB at most: the posts of a few dozen busy threads, as several kinds of viewer
    /// see them.
    pub static ARTICLES: LazyLock<Fragments<Article>> =
        LazyLock::new(|| Fragments::new(4 * 1024 * 1024));
}

fn article(post: PostView, context: PostContext, is_new: bool) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let id = post.id;
    let anchor = format!("m{id}");
    let heading_id = format!("m{id}-h");
    let answer = context.question && !post.opening;
    let schema = context
        .schema
        .filter(|_| answer && !post.deleted && !post.hidden);
    let item_type = schema.map(|_| "https://schema.org/Answer");
    let datetime = post.created_at.to_rfc3339();
    let when = format_date_time(post.created_at, locale);
    let edited = post.edited_at.map(|at| {
        let history = format!("/forum/m/{id}/versioni");
        let label = (t.forum.edited_on)(&format_date_time(at, locale));
        view! {
            " · "
            <a href=history>{label}</a>
        }
    });
    let body = if post.deleted && post.html.is_empty() {
        view! { <p class="post-body deleted">{t.forum.post_deleted}</p> }.into_any()
    } else {
        view! {
            <div
                class="post-body"
                itemprop=schema.map(|_| "text")
                inner_html=post.html.clone()
            ></div>
        }
        .into_any()
    };
    let mut badges: Vec<(&'static str, &'static str)> = Vec::new();
    if post.accepted {
        badges.push(("badge solved", t.forum.badge_accepted));
    }
    if post.hidden {
        badges.push(("badge danger", t.forum.badge_hidden));
    }
    if post.deleted {
        badges.push(("badge muted", t.forum.badge_deleted));
    }
    if is_new {
        badges.push(("badge new", t.forum.badge_new));
    }
    let up_count = schema.map(|_| post.score.max(0).to_string());
    let (accepted, hidden, author) = (post.accepted, post.hidden, post.author.clone());
    let name = view! {
        <span itemprop=schema.map(|_| "author") itemscope=schema.map(|_| "") itemtype=schema.map(|_| "https://schema.org/Person")>
            <span itemprop=schema.map(|_| "name")>
                <PersonName person=author/>
            </span>
        </span>
    };
    // The opening post comes before the replies' h2, right under the thread's h1.
    let labelled_by = heading_id.clone();
    let heading = if post.opening {
        view! { <h2 id=heading_id class="post-author">{name}</h2> }.into_any()
    } else {
        view! { <h3 id=heading_id class="post-author">{name}</h3> }.into_any()
    };
    view! {
        <article
            class="post"
            class:accepted=accepted
            class:hidden-post=hidden
            id=anchor
            aria-labelledby=labelled_by
            itemprop=schema
            itemscope=schema.map(|_| "")
            itemtype=item_type
        >
            <header class="post-head">
                {heading}
                {badges
                    .into_iter()
                    .map(|(class, label)| view! { <span class=class>{label}</span> " " })
                    .collect_view()}
                <p class="meta">
                    <a href=format!("/forum/m/{id}") itemprop=schema.map(|_| "url")>
                        <time datetime=datetime.clone() itemprop=schema.map(|_| "dateCreated")>
                            {when}
                        </time>
                    </a>
                    {edited}
                </p>
                {up_count.map(|n| view! { <meta itemprop="upvoteCount" content=n/> })}
            </header>
            {body}
            <PostActions post=post context=context/>
        </article>
    }
}

#[component]
fn PostActions(post: PostView, context: PostContext) -> impl IntoView {
    let t = use_locale().messages();
    let id = post.id;
    let answer = context.question && !post.opening;
    let votes = answer.then(|| {
        let action = <Vote as ServerFn>::PATH;
        let score_label = (t.forum.score_label)(post.score);
        let buttons = post.may_vote.then(|| {
            let button = |value: i16, symbol: &'static str, label: &'static str| {
                let pressed = (post.my_vote == value).to_string();
                view! {
                    <form method="post" action=action class="inline">
                        <input type="hidden" name="post_id" value=id.to_string()/>
                        <input type="hidden" name="value" value=value.to_string()/>
                        <button type="submit" class="vote" aria-pressed=pressed aria-label=label>
                            <span aria-hidden="true">{symbol}</span>
                        </button>
                    </form>
                }
            };
            (
                button(1, "▲", t.forum.vote_up),
                button(-1, "▼", t.forum.vote_down),
            )
        });
        let (up, down) = match buttons {
            Some((up, down)) => (Some(up), Some(down)),
            None => (None, None),
        };
        view! {
            <div class="votes">
                {up}
                <span class="score">{score_label}</span>
                {down}
            </div>
        }
    });
    let accept = (answer && context.may_accept && !post.deleted && !post.hidden).then(|| {
        let action = <AcceptAnswer as ServerFn>::PATH;
        let (value, label) = if post.accepted {
            (None, t.forum.unaccept)
        } else {
            (Some(id.to_string()), t.forum.accept)
        };
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="thread_id" value=context.thread_id.to_string()/>
                {value.map(|v| view! { <input type="hidden" name="post_id" value=v/> })}
                <button type="submit" class="link-button">{label}</button>
            </form>
        }
    });
    let useful = (!post.deleted).then(|| {
        let label = (t.forum.useful_label)(post.useful.max(0) as u64);
        if post.may_react {
            let action = <ToggleUseful as ServerFn>::PATH;
            view! {
                <form method="post" action=action class="inline">
                    <input type="hidden" name="post_id" value=id.to_string()/>
                    <button
                        type="submit"
                        class="link-button"
                        aria-pressed=post.my_useful.to_string()
                    >
                        {label}
                    </button>
                </form>
            }
            .into_any()
        } else {
            view! { <span class="meta">{label}</span> }.into_any()
        }
    });
    let quote = (context.may_reply && !post.deleted).then(|| {
        let href = format!("/forum/t/{}?cita={id}#rispondi", context.thread_id);
        view! { <a href=href>{t.forum.quote}</a> }
    });
    let edit = post.may_edit.then(|| {
        view! { <a href=format!("/forum/m/{id}/modifica")>{t.forum.edit}</a> }
    });
    let delete = post.may_delete.then(|| {
        let action = <DeletePost as ServerFn>::PATH;
        let warning = if post.opening {
            t.forum.delete_thread_warning
        } else {
            t.forum.delete_warning
        };
        view! {
            <details class="inline-details">
                <summary>{t.forum.delete}</summary>
                <form method="post" action=action>
                    <input type="hidden" name="post_id" value=id.to_string()/>
                    <p class="hint">{warning}</p>
                    <button type="submit" class="button danger">{t.forum.delete_confirm}</button>
                </form>
            </details>
        }
    });
    let report = post.may_report.then(|| {
        let action = <ReportPost as ServerFn>::PATH;
        let field = format!("reason-{id}");
        view! {
            <details class="inline-details">
                <summary>{t.forum.report}</summary>
                <form method="post" action=action class="stacked">
                    <input type="hidden" name="post_id" value=id.to_string()/>
                    <p>
                        <label for=field.clone()>{t.forum.report_reason}</label>
                        <textarea id=field name="reason" rows="3" maxlength="1000" required></textarea>
                    </p>
                    <button type="submit" class="button">{t.forum.report_send}</button>
                </form>
            </details>
        }
    });
    let hide = (context.moderate && !post.opening).then(|| {
        let action = <HidePost as ServerFn>::PATH;
        let label = if post.hidden {
            t.forum.unhide_post
        } else {
            t.forum.hide_post
        };
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="post_id" value=id.to_string()/>
                <input type="hidden" name="hidden" value=(!post.hidden).to_string()/>
                <button type="submit" class="link-button">{label}</button>
            </form>
        }
    });
    let promote = (context.moderate && post.accepted && !post.deleted && !post.hidden).then(|| {
        view! { <a href=format!("/wiki/promuovi?messaggio={id}")>{t.wiki.promote_link}</a> }
    });
    view! {
        <footer class="post-actions">
            {votes}
            {accept}
            {promote}
            {useful}
            {quote}
            {edit}
            {delete}
            {report}
            {hide}
        </footer>
    }
}
