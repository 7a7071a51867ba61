//! `/forum/t/<id>`: a thread — the opening post, a question's accepted answer first, the other
//! posts (answers by votes), the pages before and after, new posts arriving live, the reply box
//! and staff's tools. `/forum/m/<id>` sends a permalink to the right page of its thread.
use crate::kernel::draft::DraftKey;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::{
    index::WatchForm,
    live::LiveThreadArea,
    post::{PostArticle, PostContext},
};
use crate::{
    features::{
        forum::{
            api::{fetch_permalink, fetch_thread, ModerateThread, MoveThread, Reply},
            types::{ThreadKind, ThreadPage as ThreadData, BODY_MAX},
        },
        polls::pages::{load_placed_polls, PlacedPollList, PlacedPolls},
    },
    i18n::{format_date_time, use_locale, use_messages, Messages},
    scope::Scope,
    ui::{
        form_error, id_param, query_param, scope_label, EditorText, FormError, Loaded,
        MarkdownEditor, PersonName,
    },
};

fn number(text: String) -> Option<i32> {
    text.parse().ok().filter(|n: &i32| *n > 0)
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let id = id_param();
    let (from, before, quote) = (
        number(query_param("da")),
        number(query_param("prima")),
        number(query_param("cita")),
    );
    let reported = query_param("segnalato") == "1";
    // The thread and the polls placed in it load in one resource (see `PlacedPolls`).
    let data = Resource::new_blocking(
        move || (id, from, before, quote),
        |(id, from, before, quote)| async move {
            let page = fetch_thread(id, from, before, quote).await?;
            let polls = load_placed_polls(None, Some(id)).await?;
            Ok((page, polls))
        },
    );
    view! {
        <Loaded
            data=data
            view=move |(page, polls)| view! { <ThreadView page=page polls=polls reported=reported/> }
        />
    }
}

#[component]
fn ThreadView(page: ThreadData, polls: PlacedPollList, reported: bool) -> impl IntoView {
    let locale = use_locale();
    let t = locale.messages();
    let head = page.thread.clone();
    let question = head.kind == ThreadKind::Question;
    let public_question = question && head.category.scope == Scope::Public;
    let context = PostContext {
        thread_id: head.id,
        question,
        may_accept: page.may_accept,
        may_reply: page.may_reply,
        moderate: page.may_moderate,
        last_read: page.last_read,
        schema: None,
    };
    let answer_context = |accepted: bool| PostContext {
        schema: public_question.then_some(if accepted {
            "acceptedAnswer"
        } else {
            "suggestedAnswer"
        }),
        ..context
    };
    let mut badges: Vec<(&'static str, &'static str)> = vec![(
        "badge",
        if question {
            if head.accepted_post_id.is_some() {
                t.forum.badge_solved
            } else {
                t.forum.badge_question
            }
        } else {
            t.forum.badge_discussion
        },
    )];
    if head.pinned {
        badges.push(("badge", t.forum.badge_pinned));
    }
    if head.locked {
        badges.push(("badge muted", t.forum.badge_locked));
    }
    if head.hidden {
        badges.push(("badge danger", t.forum.badge_hidden));
    }
    let count = if question {
        (t.forum.answers_count)(head.replies.max(0) as u64)
    } else {
        (t.forum.replies_count)(head.replies.max(0) as u64)
    };
    let category_href = format!("/forum/c/{}", head.category.slug);
    let base = format!("/forum/t/{}", head.id);
    let watch = page.signed_in.then(|| {
        view! {
            <WatchForm
                kind="thread"
                target_id=head.id
                watching=page.watching
                on_label=t.forum.watch_thread
                off_label=t.forum.unwatch_thread
            />
        }
    });
    let tools = page
        .may_moderate
        .then(|| view! { <ModerationTools page=page.clone()/> });
    let add_poll = page.may_add_poll.then(|| {
        view! {
            <p>
                <a class="button secondary" href=format!("/sondaggi/nuovo?discussione={}", head.id)>
                    {t.polls.new_in_thread}
                </a>
            </p>
        }
    });
    let middle = page.from_middle.then(|| {
        let previous = page
            .previous
            .map(|id| view! { " · " <a href=format!("{base}?prima={id}") rel="prev">{t.forum.previous_posts}</a> });
        view! {
            <p class="notice">
                <a href=base.clone()>{t.forum.from_start}</a>
                {previous}
            </p>
        }
    });
    let opening = page
        .opening
        .clone()
        .map(|post| view! { <PostArticle post=post context=context/> });
    let accepted = page
        .accepted
        .clone()
        .map(|post| view! { <li><PostArticle post=post context=answer_context(true)/></li> });
    let posts = page
        .posts
        .clone()
        .into_iter()
        .map(|post| {
            let context = if question {
                answer_context(false)
            } else {
                context
            };
            view! { <li><PostArticle post=post context=context/></li> }
        })
        .collect_view();
    let next = page.next.map(|id| {
        view! {
            <nav class="pager" aria-label=t.forum.pages_label>
                <a href=format!("{base}?da={id}") rel="next" class="button secondary">
                    {t.forum.next_posts}
                </a>
            </nav>
        }
    });
    let live = page.next.is_none().then(|| {
        view! {
            <LiveThreadArea thread_id=head.id after=page.last_post_id/>
        }
    });
    let answers_heading = if question {
        t.forum.answers_heading
    } else {
        t.forum.replies_heading
    };
    let schema_type = public_question.then_some("https://schema.org/QAPage");
    let question_type = public_question.then_some("https://schema.org/Question");
    let answer_count = public_question.then(|| head.replies.max(0).to_string());
    let created = format_date_time(head.created_at, locale);
    view! {
        <Title text=format!("{} · {}", head.title, t.site_name)/>
        <div itemscope=schema_type.map(|_| "") itemtype=schema_type>
            <div
                itemprop=question_type.map(|_| "mainEntity")
                itemscope=question_type.map(|_| "")
                itemtype=question_type
            >
                <nav class="breadcrumb" aria-label=t.forum.breadcrumb_label>
                    <a href="/forum">{t.nav_forum}</a>
                    " › "
                    <a href=category_href>{head.category.name.clone()}</a>
                </nav>
                <h1 itemprop=question_type.map(|_| "name")>{head.title.clone()}</h1>
                <p class="meta">
                    {badges
                        .into_iter()
                        .map(|(class, label)| view! { <span class=class>{label}</span> " " })
                        .collect_view()}
                    {scope_label(head.category.scope, t)} " · " {count} " · "
                    {t.forum.started_by} " " <PersonName person=head.author.clone()/> ", "
                    <time datetime=head.created_at.to_rfc3339()>{created}</time>
                </p>
                {answer_count.map(|n| view! { <meta itemprop="answerCount" content=n/> })}
                <FormError error=form_error()/>
                {reported.then(|| view! { <p class="notice" role="status">{t.forum.reported}</p> })}
                {watch}
                {tools}
                {middle}
                {opening}
                <PlacedPolls polls=polls/>
                {add_poll}
                <section aria-labelledby="answers-heading">
                    <h2 id="answers-heading">{answers_heading}</h2>
                    <ol class="post-list">{accepted} {posts}</ol>
                    {next}
                    {live}
                </section>
            </div>
        </div>
        <ReplySection page=page/>
    }
}

#[component]
fn ReplySection(page: ThreadData) -> impl IntoView {
    let t = use_messages();
    let id = page.thread.id;
    if page.may_reply {
        let action = <Reply as ServerFn>::PATH;
        let question = page.thread.kind == ThreadKind::Question;
        let heading = if question {
            t.forum.your_answer
        } else {
            t.forum.your_reply
        };
        let text = EditorText::new(t, t.forum.body_label);
        return view! {
            <section id="rispondi" aria-labelledby="reply-heading" class="reply">
                <h2 id="reply-heading">{heading}</h2>
                {page.thread.locked.then(|| view! { <p class="notice">{t.forum.locked_staff_only}</p> })}
                <form method="post" action=action class="editor-form">
                    <input type="hidden" name="thread_id" value=id.to_string()/>
                    <MarkdownEditor
                        id="body".to_string()
                        name="body".to_string()
                        value=page.draft.clone()
                        draft_key=Some(DraftKey::Reply(id))
                        title=None
                        rows=8
                        max=BODY_MAX
                        text=text
                        preview_from=super::post_preview()
                    />
                    <p>
                        <button type="submit" class="button">{t.forum.send}</button>
                    </p>
                </form>
            </section>
        }
        .into_any();
    }
    if page.thread.locked {
        return view! { <p class="notice" id="rispondi">{t.forum.locked_notice}</p> }.into_any();
    }
    if !page.signed_in {
        let href = format!("/accedi?next=/forum/t/{id}");
        return view! {
            <p class="notice" id="rispondi">
                {t.forum.sign_in_to_reply} " " <a href=href>{t.nav_sign_in}</a>
            </p>
        }
        .into_any();
    }
    view! { <p class="notice" id="rispondi">{t.forum.may_not_reply}</p> }.into_any()
}

fn action_label(action: &str, t: &Messages) -> &'static str {
    match action {
        "pin" => t.forum.pin,
        "unpin" => t.forum.unpin,
        "lock" => t.forum.lock,
        "unlock" => t.forum.unlock,
        "hide" => t.forum.hide_thread,
        _ => t.forum.unhide_thread,
    }
}

/// Staff's tools on a thread: pin, lock, hide, move.
#[component]
fn ModerationTools(page: ThreadData) -> impl IntoView {
    let t = use_messages();
    let id = page.thread.id;
    let moderate = <ModerateThread as ServerFn>::PATH;
    let move_path = <MoveThread as ServerFn>::PATH;
    let head = &page.thread;
    let actions = [
        if head.pinned { "unpin" } else { "pin" },
        if head.locked { "unlock" } else { "lock" },
        if head.hidden { "unhide" } else { "hide" },
    ]
    .into_iter()
    .map(|action| {
        view! {
            <form method="post" action=moderate class="inline">
                <input type="hidden" name="thread_id" value=id.to_string()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button secondary">{action_label(action, t)}</button>
            </form>
        }
    })
    .collect_view();
    let targets = page
        .move_targets
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    view! {
        <details class="staff-tools">
            <summary>{t.forum.moderation}</summary>
            <div class="actions">{actions}</div>
            <form method="post" action=move_path class="filters">
                <input type="hidden" name="thread_id" value=id.to_string()/>
                <p>
                    <label for="move-to">{t.forum.move_to}</label>
                    <select id="move-to" name="category_id">{targets}</select>
                </p>
                <p>
                    <button type="submit" class="button secondary">{t.forum.move_button}</button>
                </p>
            </form>
        </details>
    }
}

/// `/forum/m/<id>`: the post's place in its thread, or not found.
#[component]
pub fn PermalinkPage() -> impl IntoView {
    let id = id_param();
    let target = Resource::new_blocking(move || id, fetch_permalink);
    view! {
        <Loaded data=target view=move |path| view! { <Redirect path=path/> }/>
    }
}
