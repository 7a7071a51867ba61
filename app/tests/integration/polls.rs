//! Polls on a real database (SQLite and PostgreSQL): exact counts under concurrent votes, what
//! an anonymous poll keeps (and never keeps), changing a named vote, refused votes that change
//! nothing, who sees the counts when, one vote per organisation, and who may see which poll.

use crate::common::{audience, community, visitor};
use app::{error::Field, scope::Scope};
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::types::{Role, Viewer},
        forum::service::{categories, moderation},
        polls::{
            service::{self, PollInput},
            types::{PollPhase, ResultsShown},
        },
    },
    i18n::Locale,
    server::{
        access::Audience,
        entities::{
            audit_entry, category, group, poll, poll_choice, poll_option, poll_voter, thread, user,
        },
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, Statement,
};

/// `YYYY-MM-DDTHH:MM` in Rome's time, `days` from now.
fn local_in(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Rome)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn input(question: &str, options: &[&str]) -> PollInput {
    PollInput {
        question: question.into(),
        options: options.join("\n"),
        closes_at: local_in(7),
        results: "always".into(),
        scope: "members".into(),
        ..Default::default()
    }
}

async fn create(db: &Db, input: PollInput) -> (i32, Vec<i32>) {
    let staff = audience(db, "giulia.ferri").await;
    let id = service::create(db, &staff, &input).await.unwrap();
    let options = service::options(db, id)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    (id, options)
}

async fn counts(db: &Db, poll_id: i32) -> Vec<i32> {
    poll_option::Entity::find()
        .filter(poll_option::Column::PollId.eq(poll_id))
        .order_by_asc(poll_option::Column::Position)
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.votes)
        .collect()
}

async fn voters(db: &Db, poll_id: i32) -> i32 {
    poll::Entity::find_by_id(poll_id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .voters
}

/// Moves a poll's closing time into the past.
async fn close_now(db: &Db, poll_id: i32) {
    poll::Entity::update_many()
        .col_expr(
            poll::Column::ClosesAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(poll::Column::Id.eq(poll_id))
        .exec(db.write())
        .await
        .unwrap();
}

/// `n` registered people, as audiences.
async fn people(db: &Db, n: usize) -> Vec<Audience> {
    let mut out = Vec::new();
    for i in 0..n {
        let person = user::ActiveModel {
            username: Set(format!("votante{i}")),
            email: Set(format!("votante{i}@example.org")),
            display_name: Set(format!("Votante {i}")),
            role: Set(app::kernel::identity::Role::Member),
            password_hash: Set(String::new()),
            created_at: Set(Utc::now()),
            bio: Set(String::new()),
            contact_visibility: Set(app::features::network::types::ContactVisibility::Members),
            ..Default::default()
        }
        .insert(db.write())
        .await
        .unwrap();
        let viewer = Viewer {
            user_id: person.id,
            username: person.username,
            display_name: person.display_name,
            role: Role::Member,
            second_factor: false,
        };
        out.push(Audience::new(Some(viewer), Vec::new(), true));
    }
    out
}

#[tokio::test]
async fn a_hundred_concurrent_votes_give_exact_counts() {
    let (db, _) = community().await;
    let (poll_id, options) = create(
        &db,
        PollInput {
            multiple: true,
            max_choices: Some(2),
            ..input("Quando ci vediamo?", &["Lunedì", "Mercoledì", "Venerdì"])
        },
    )
    .await;
    let voters_list = people(&db, 100).await;
    let mut tasks = Vec::new();
    for (i, who) in voters_list.into_iter().enumerate() {
        let db = db.clone();
        // Everyone picks option 0; every second person also option 1; every fifth changes to 2
        // afterwards (named poll: the change replaces the vote).
        let first: Vec<i32> = if i % 2 == 0 {
            vec![options[0], options[1]]
        } else {
            vec![options[0]]
        };
        let change = (i % 5 == 0).then(|| vec![options[2]]);
        tasks.push(tokio::spawn(async move {
            service::vote(&db, &who, poll_id, None, &first)
                .await
                .unwrap();
            if let Some(change) = change {
                service::vote(&db, &who, poll_id, None, &change)
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    // 100 voters; 20 moved to option 2 (10 of them had 0+1, 10 had 0 only).
    assert_eq!(voters(&db, poll_id).await, 100);
    assert_eq!(counts(&db, poll_id).await, vec![80, 40, 20]);
    let rows = poll_voter::Entity::find()
        .filter(poll_voter::Column::PollId.eq(poll_id))
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(rows, 100);
    let choices = poll_choice::Entity::find()
        .filter(poll_choice::Column::PollId.eq(poll_id))
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(choices, 80 + 40 + 20);
}

#[tokio::test]
async fn an_anonymous_poll_keeps_who_voted_and_the_counts_never_who_chose_what() {
    let (db, _) = community().await;
    let (poll_id, options) = create(
        &db,
        PollInput {
            anonymous: true,
            ..input("Il notiziario vi è utile?", &["Sì", "Abbastanza", "No"])
        },
    )
    .await;
    let anna = audience(&db, "anna.rossi").await;
    let luca = audience(&db, "luca.esposito").await;
    let marco = audience(&db, "marco.bellini").await;
    service::vote(&db, &anna, poll_id, None, &[options[0]])
        .await
        .unwrap();
    service::vote(&db, &luca, poll_id, None, &[options[2]])
        .await
        .unwrap();
    service::vote(&db, &marco, poll_id, None, &[options[0]])
        .await
        .unwrap();
    assert_eq!(counts(&db, poll_id).await, vec![2, 0, 1]);

    // The tables: who voted (no time), the counts, and nothing that links the two.
    let rows = poll_voter::Entity::find()
        .filter(poll_voter::Column::PollId.eq(poll_id))
        .all(db.read())
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.voted_at.is_none()), "no time kept");
    assert!(rows.iter().all(|r| r.voter.starts_with("user:")));
    let choices = poll_choice::Entity::find()
        .filter(poll_choice::Column::PollId.eq(poll_id))
        .count(db.read())
        .await
        .unwrap();
    assert_eq!(choices, 0, "no choice rows for an anonymous poll");
    // The voter rows hold no option id; the option rows hold no person.
    let option_ids: Vec<String> = options.iter().map(|o| o.to_string()).collect();
    for row in &rows {
        let text = format!("{row:?}");
        assert!(!text.contains("option"), "{text}");
    }
    for option in poll_option::Entity::find()
        .filter(poll_option::Column::PollId.eq(poll_id))
        .all(db.read())
        .await
        .unwrap()
    {
        let text = format!("{option:?}");
        assert!(!text.contains("user"), "{text}");
    }
    // Nor the audit log.
    for entry in audit_entry::Entity::find().all(db.read()).await.unwrap() {
        let text = format!("{entry:?}");
        assert!(
            !(text.contains("choice")
                || option_ids
                    .iter()
                    .any(|o| text.contains(&format!("option:{o}")))),
            "{text}"
        );
    }
    // On PostgreSQL every row carries the id of the transaction that last wrote it (`xmin`).
    // Each vote rewrites all the options, so they carry the last vote's id, whatever was
    // chosen: no option points back at an earlier voter's row.
    if db.backend() == DbBackend::Postgres {
        let distinct = |table: &str| {
            Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT DISTINCT xmin::text AS x FROM {table} WHERE poll_id = {poll_id}"),
            )
        };
        let options_xmin = db
            .read()
            .query_all_raw(distinct("poll_options"))
            .await
            .unwrap();
        assert_eq!(options_xmin.len(), 1, "one transaction id on every option");
        let voters_xmin = db
            .read()
            .query_all_raw(distinct("poll_voters"))
            .await
            .unwrap();
        assert_eq!(voters_xmin.len(), 3);
    }
    // One vote, never changed: a second one is refused and changes nothing.
    let again = service::vote(&db, &anna, poll_id, None, &[options[1]]).await;
    assert_eq!(again, Err(AppError::AlreadyVoted));
    assert_eq!(counts(&db, poll_id).await, vec![2, 0, 1]);
    assert_eq!(voters(&db, poll_id).await, 3);
}

#[tokio::test]
async fn a_named_vote_changes_until_closing_and_not_after() {
    let (db, _) = community().await;
    let (poll_id, options) =
        create(&db, input("Sede dell’incontro?", &["Bologna", "Ferrara"])).await;
    let anna = audience(&db, "anna.rossi").await;
    service::vote(&db, &anna, poll_id, None, &[options[0]])
        .await
        .unwrap();
    service::vote(&db, &anna, poll_id, None, &[options[1]])
        .await
        .unwrap();
    assert_eq!(counts(&db, poll_id).await, vec![0, 1]);
    assert_eq!(voters(&db, poll_id).await, 1);
    let found = service::find(&db, &anna, poll_id).await.unwrap();
    let details = service::details(&db, &anna, found).await.unwrap();
    assert_eq!(details.mine, vec![options[1]]);
    assert_eq!(
        details.names.get(&options[1]),
        Some(&vec!["Anna Rossi".to_string()])
    );
    close_now(&db, poll_id).await;
    let late = service::vote(&db, &anna, poll_id, None, &[options[0]]).await;
    assert_eq!(late, Err(AppError::PollClosed));
    let luca = audience(&db, "luca.esposito").await;
    let late = service::vote(&db, &luca, poll_id, None, &[options[0]]).await;
    assert_eq!(late, Err(AppError::PollClosed));
    assert_eq!(counts(&db, poll_id).await, vec![0, 1]);
}

#[tokio::test]
async fn extra_duplicate_and_foreign_votes_are_refused_and_change_nothing() {
    let (db, _) = community().await;
    let (single, s) = create(&db, input("Una sola?", &["A", "B", "C"])).await;
    let (multiple, m) = create(
        &db,
        PollInput {
            multiple: true,
            max_choices: Some(2),
            ..input("Fino a due?", &["A", "B", "C"])
        },
    )
    .await;
    let anna = audience(&db, "anna.rossi").await;
    let refused = [
        (
            single,
            vec![],
            AppError::invalid(Field::Choice, InvalidReason::Required),
        ),
        (
            single,
            vec![s[0], s[1]],
            AppError::invalid(Field::Choice, InvalidReason::Count { min: 1, max: 1 }),
        ),
        (
            multiple,
            vec![m[0], m[1], m[2]],
            AppError::invalid(Field::Choice, InvalidReason::Count { min: 1, max: 2 }),
        ),
        (
            multiple,
            vec![m[0], m[0]],
            AppError::invalid(Field::Choice, InvalidReason::Duplicate),
        ),
        (
            multiple,
            vec![s[0]],
            AppError::invalid(Field::Choice, InvalidReason::Malformed),
        ),
        (
            single,
            vec![i32::MAX],
            AppError::invalid(Field::Choice, InvalidReason::Malformed),
        ),
    ];
    for (poll_id, chosen, expected) in refused {
        let result = service::vote(&db, &anna, poll_id, None, &chosen).await;
        assert_eq!(result, Err(expected), "{chosen:?}");
    }
    assert_eq!(counts(&db, single).await, vec![0, 0, 0]);
    assert_eq!(counts(&db, multiple).await, vec![0, 0, 0]);
    assert_eq!(voters(&db, single).await + voters(&db, multiple).await, 0);
    // Visitors cannot vote; a poll not open yet takes no vote.
    let (later, l) = create(
        &db,
        PollInput {
            opens_at: local_in(1),
            ..input("Più avanti?", &["Sì", "No"])
        },
    )
    .await;
    assert_eq!(
        service::vote(&db, &anna, later, None, &[l[0]]).await,
        Err(AppError::PollNotOpen)
    );
    let outsider = visitor(&db).await;
    assert!(service::vote(&db, &outsider, single, None, &[s[0]])
        .await
        .is_err());
    assert_eq!(counts(&db, single).await, vec![0, 0, 0]);
}

#[tokio::test]
async fn creating_a_poll_checks_everything_and_saves_nothing_when_wrong() {
    let (db, _) = community().await;
    let staff = audience(&db, "giulia.ferri").await;
    let before = poll::Entity::find().count(db.read()).await.unwrap();
    let twenty_one: Vec<String> = (1..=21).map(|i| format!("Voce {i}")).collect();
    let refused = [
        (input("Una?", &["Sola"]), "options"),
        (
            input(
                "Troppe?",
                &twenty_one.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            "options",
        ),
        (input("Doppie?", &["Sì", "sì"]), "options"),
        (input("", &["A", "B"]), "question"),
        (
            PollInput {
                closes_at: local_in(-1),
                ..input("Passato?", &["A", "B"])
            },
            "closes_at",
        ),
        (
            PollInput {
                closes_at: "domani".into(),
                ..input("Data?", &["A", "B"])
            },
            "closes_at",
        ),
        (
            PollInput {
                results: "mai".into(),
                ..input("Risultati?", &["A", "B"])
            },
            "results",
        ),
        (
            PollInput {
                multiple: true,
                max_choices: Some(5),
                ..input("Massimo?", &["A", "B"])
            },
            "max_choices",
        ),
    ];
    for (wrong, field) in refused {
        match service::create(&db, &staff, &wrong).await {
            Err(AppError::Invalid { field: f, .. }) => assert_eq!(f.name(), field, "{wrong:?}"),
            other => panic!("{wrong:?} gave {other:?}"),
        }
    }
    // Members do not create polls for the community.
    let anna = audience(&db, "anna.rossi").await;
    assert_eq!(
        service::create(&db, &anna, &input("Mio?", &["A", "B"])).await,
        Err(AppError::NotFound)
    );
    assert_eq!(poll::Entity::find().count(db.read()).await.unwrap(), before);
    // A group's admin creates one in the group: scope `group:<id>`.
    let cabina = group::Entity::find()
        .filter(group::Column::Slug.eq("cabina-di-regia"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let admin_of = app::server::entities::group_member::Entity::find()
        .filter(app::server::entities::group_member::Column::GroupId.eq(cabina.id))
        .filter(app::server::entities::group_member::Column::Role.eq("admin"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let username = user::Entity::find_by_id(admin_of.user_id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .username;
    let admin = audience(&db, &username).await;
    let id = service::create(
        &db,
        &admin,
        &PollInput {
            group: Some("cabina-di-regia".into()),
            ..input("Data della prossima riunione?", &["Martedì", "Giovedì"])
        },
    )
    .await
    .unwrap();
    let created = poll::Entity::find_by_id(id)
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.scope, Scope::Group(cabina.id));
    assert_eq!(created.group_id, Some(cabina.id));
}

#[tokio::test]
async fn the_counts_show_only_when_the_poll_says_so() {
    let (db, _) = community().await;
    let anna = audience(&db, "anna.rossi").await;
    let luca = audience(&db, "luca.esposito").await;
    let staff = audience(&db, "giulia.ferri").await;
    // (rule, luca before voting, anna after voting, staff, everyone after closing)
    let table = [
        (ResultsShown::Always, true, true, true, true),
        (ResultsShown::AfterVoting, false, true, false, true),
        (ResultsShown::AfterClosing, false, false, false, true),
        (ResultsShown::StaffOnly, false, false, true, false),
    ];
    for (rule, luca_sees, anna_sees, staff_sees, closed_sees) in table {
        let (poll_id, options) = create(
            &db,
            PollInput {
                results: rule.as_str().into(),
                ..input(&format!("Regola {}", rule.as_str()), &["A", "B"])
            },
        )
        .await;
        service::vote(&db, &anna, poll_id, None, &[options[0]])
            .await
            .unwrap();
        let shown = |live: app::features::polls::types::PollLive| live.counts.is_some();
        assert_eq!(
            shown(service::live(&db, &luca, poll_id).await.unwrap()),
            luca_sees,
            "{rule:?} luca"
        );
        assert_eq!(
            shown(service::live(&db, &anna, poll_id).await.unwrap()),
            anna_sees,
            "{rule:?} anna"
        );
        assert_eq!(
            shown(service::live(&db, &staff, poll_id).await.unwrap()),
            staff_sees,
            "{rule:?} staff"
        );
        assert_eq!(
            service::stream_shows_counts(&db, &luca, poll_id)
                .await
                .unwrap(),
            luca_sees
        );
        // The voters' names of a named poll follow the same rule.
        let found = service::find(&db, &luca, poll_id).await.unwrap();
        let details = service::details(&db, &luca, found).await.unwrap();
        assert_eq!(!details.names.is_empty(), luca_sees, "{rule:?} names");
        assert_eq!(details.live.counts.is_some(), luca_sees);
        // Everyone sees the number of voters.
        assert_eq!(details.live.voters, 1);
        close_now(&db, poll_id).await;
        let live = service::live(&db, &luca, poll_id).await.unwrap();
        assert_eq!(live.phase, PollPhase::Closed);
        assert_eq!(live.counts.is_some(), closed_sees, "{rule:?} closed");
    }
}

#[tokio::test]
async fn one_vote_per_organisation_is_cast_by_its_referent() {
    let (db, _) = community().await;
    let (poll_id, options) = create(
        &db,
        PollInput {
            per_organisation: true,
            ..input("La vostra organizzazione aderisce?", &["Sì", "No"])
        },
    )
    .await;
    // Marco is a member of his organisation, not its referent.
    let marco = audience(&db, "marco.bellini").await;
    assert_eq!(
        service::vote(&db, &marco, poll_id, None, &[options[0]]).await,
        Err(AppError::ReferentOnly)
    );
    // Anna votes for her organisation, then changes the organisation's vote (a named poll).
    let anna = audience(&db, "anna.rossi").await;
    service::vote(&db, &anna, poll_id, None, &[options[0]])
        .await
        .unwrap();
    service::vote(&db, &anna, poll_id, None, &[options[1]])
        .await
        .unwrap();
    // She cannot vote for an organisation she is not the referent of.
    let luca_org = poll_voter::Entity::find().count(db.read()).await.unwrap();
    assert_eq!(
        service::vote(&db, &anna, poll_id, Some(i32::MAX), &[options[0]]).await,
        Err(AppError::ReferentOnly)
    );
    assert_eq!(
        poll_voter::Entity::find().count(db.read()).await.unwrap(),
        luca_org
    );
    let rows = poll_voter::Entity::find()
        .filter(poll_voter::Column::PollId.eq(poll_id))
        .all(db.read())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].voter.starts_with("org:"));
    assert_eq!(counts(&db, poll_id).await, vec![0, 1]);
    // Luca, referent of another organisation, adds its vote.
    let luca = audience(&db, "luca.esposito").await;
    service::vote(&db, &luca, poll_id, None, &[options[1]])
        .await
        .unwrap();
    assert_eq!(counts(&db, poll_id).await, vec![0, 2]);
    assert_eq!(voters(&db, poll_id).await, 2);
}

#[tokio::test]
async fn who_sees_which_poll() {
    let (db, _) = community().await;
    let staff = audience(&db, "giulia.ferri").await;
    let cabina = group::Entity::find()
        .filter(group::Column::Slug.eq("cabina-di-regia"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let mut ids = Vec::new();
    for scope in ["public", "registered", "members", "staff"] {
        let id = service::create(
            &db,
            &staff,
            &PollInput {
                scope: scope.into(),
                ..input(&format!("Ambito {scope}"), &["A", "B"])
            },
        )
        .await
        .unwrap();
        ids.push(id);
    }
    ids.push(
        service::create(
            &db,
            &staff,
            &PollInput {
                group: Some(cabina.slug.clone()),
                ..input("Ambito gruppo", &["A", "B"])
            },
        )
        .await
        .unwrap(),
    );
    // public, registered, members, staff, secret group (Anna is in it).
    let table: [(&str, [bool; 5]); 5] = [
        ("visitor", [false, false, false, false, false]),
        ("luca.esposito", [true, true, true, false, false]),
        ("marco.bellini", [true, true, true, false, false]),
        ("anna.rossi", [true, true, true, false, true]),
        ("giulia.ferri", [true, true, true, true, true]),
    ];
    for (who, expected) in table {
        let viewer = if who == "visitor" {
            visitor(&db).await
        } else {
            audience(&db, who).await
        };
        let (open, _) = service::list(&db, &viewer).await.unwrap();
        for (id, sees) in ids.iter().zip(expected) {
            let found = service::find(&db, &viewer, *id).await;
            assert_eq!(found.is_ok(), sees, "{who} poll {id}");
            if !sees {
                assert_eq!(found, Err(AppError::NotFound));
                assert!(service::live(&db, &viewer, *id).await.is_err());
                assert!(service::stream_shows_counts(&db, &viewer, *id)
                    .await
                    .is_err());
            }
            assert_eq!(open.iter().any(|p| p.id == *id), sees, "{who} list {id}");
        }
    }
}

#[tokio::test]
async fn every_vote_moves_the_revision_on_so_late_events_can_be_ignored() {
    let (db, _) = community().await;
    let (poll_id, options) = create(&db, input("Quale giorno?", &["Martedì", "Giovedì"])).await;
    let anna = audience(&db, "anna.rossi").await;
    let luca = audience(&db, "luca.esposito").await;
    let first = service::vote(&db, &anna, poll_id, None, &[options[0]])
        .await
        .unwrap();
    let second = service::vote(&db, &luca, poll_id, None, &[options[1]])
        .await
        .unwrap();
    // A changed vote changes no number of voters, but it is a newer state all the same.
    let third = service::vote(&db, &anna, poll_id, None, &[options[1]])
        .await
        .unwrap();
    assert_eq!((first.revision, second.revision, third.revision), (1, 2, 3));
    assert_eq!((second.voters, third.voters), (2, 2));
    assert_eq!(third.counts, vec![(options[0], 0), (options[1], 2)]);
    let live = service::live(&db, &anna, poll_id).await.unwrap();
    assert_eq!(live.revision, 3);
    // A refused vote moves nothing.
    let refused = service::vote(&db, &luca, poll_id, None, &[options[0], options[1]]).await;
    assert!(refused.is_err());
    assert_eq!(
        service::live(&db, &anna, poll_id).await.unwrap().revision,
        3
    );
}

#[tokio::test]
async fn a_poll_in_a_thread_follows_the_thread_when_staff_move_it_or_close_its_category() {
    let (db, _) = community().await;
    let staff = audience(&db, "giulia.ferri").await;
    let cabina = group::Entity::find()
        .filter(group::Column::Slug.eq("cabina-di-regia"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let reserved = category::Entity::find()
        .filter(category::Column::GroupId.eq(cabina.id))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let open_category = category::Entity::find()
        .filter(category::Column::GroupId.is_null())
        .filter(category::Column::Scope.eq("members"))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let discussion = thread::Entity::find()
        .filter(thread::Column::CategoryId.eq(open_category.id))
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    let poll_id = service::create(
        &db,
        &staff,
        &PollInput {
            thread: Some(discussion.id),
            ..input("Ne parliamo al seminario?", &["Sì", "No"])
        },
    )
    .await
    .unwrap();
    let luca = audience(&db, "luca.esposito").await;
    let anna = audience(&db, "anna.rossi").await;
    assert!(service::find(&db, &luca, poll_id).await.is_ok());

    // Into the secret group's category: Luca (not in the group) no longer finds the poll;
    // Anna (in it) does, and the poll now belongs to the group.
    moderation::move_thread(&db, &staff, discussion.id, reserved.id)
        .await
        .unwrap();
    assert_eq!(
        service::find(&db, &luca, poll_id).await,
        Err(AppError::NotFound)
    );
    let (open, _) = service::list(&db, &luca).await.unwrap();
    assert!(open.iter().all(|p| p.id != poll_id));
    let moved = service::find(&db, &anna, poll_id).await.unwrap();
    assert_eq!(moved.group_id, Some(cabina.id));
    assert_eq!(moved.scope, Scope::Group(cabina.id));

    // Back, then the category is closed to staff only: members lose it again.
    moderation::move_thread(&db, &staff, discussion.id, open_category.id)
        .await
        .unwrap();
    assert!(service::find(&db, &luca, poll_id).await.is_ok());
    categories::set_scope(&db, &staff, open_category.id, "staff")
        .await
        .unwrap();
    for member in [&luca, &anna] {
        assert_eq!(
            service::find(&db, member, poll_id).await,
            Err(AppError::NotFound)
        );
        assert!(service::live(&db, member, poll_id).await.is_err());
    }
    assert!(service::find(&db, &staff, poll_id).await.is_ok());
}

#[tokio::test]
async fn the_export_goes_to_those_who_manage_the_poll_when_they_may_see_its_results() {
    let (db, _) = community().await;
    let (named, options) = create(&db, input("Chi porta le slide?", &["Io", "Tu"])).await;
    let (later, _) = create(
        &db,
        PollInput {
            results: "closed".into(),
            ..input("Sede del prossimo incontro?", &["Roma", "Napoli"])
        },
    )
    .await;
    let anna = audience(&db, "anna.rossi").await;
    service::vote(&db, &anna, named, None, &[options[1]])
        .await
        .unwrap();
    let staff = audience(&db, "giulia.ferri").await;
    let luca = audience(&db, "luca.esposito").await;
    let outsider = visitor(&db).await;
    // Staff get the file; a member who sees the poll and a visitor get a 404.
    let (name, bytes) = service::export_csv(&db, &staff, named, Locale::It)
        .await
        .unwrap();
    assert_eq!(name, format!("sondaggio-{named}.csv"));
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, vec!["Opzione", "Voti", "Chi l’ha scelta"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["Io".to_owned(), "0".into(), "".into()],
            vec!["Tu".to_owned(), "1".into(), "Anna Rossi".into()],
        ]
    );
    for who in [&anna, &luca, &outsider] {
        assert_eq!(
            service::export_csv(&db, who, named, Locale::It).await.err(),
            Some(AppError::NotFound)
        );
    }
    // Results shown only after closing: not even staff export them before.
    assert_eq!(
        service::export_csv(&db, &staff, later, Locale::En)
            .await
            .err(),
        Some(AppError::ResultsHidden)
    );
    close_now(&db, later).await;
    let (_, bytes) = service::export_csv(&db, &staff, later, Locale::En)
        .await
        .unwrap();
    assert!(String::from_utf8(bytes)
        .unwrap()
        .starts_with("\u{feff}Option,Votes,Chosen by\n"));
}
