//! Joining the community: public sign-up by phase, invitation links (who may invite whom, single
//! use, expiry, revocation), e-mail verification, the audit log, and bad input that changes
//! nothing — on a real database (SQLite and PostgreSQL).
use crate::common;
use app::error::Field;

use crate::common::{community, viewer};
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::{
            service::{self, NewInvitation, SignUpRequest},
            types::{OrganisationRole, Role, Viewer},
        },
        community::{service as community, types::Phase},
    },
    i18n::Locale,
    server::{
        entities::{audit_entry, invitation, organisation, organisation_member, outbox, user},
        Db,
    },
};
use chrono::{Duration, Utc};
use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const URL: &str = "https://pratica.example";
const NEW_PASSWORD: &str = "girasoli nel campo di grano";

async fn organisation_id(db: &Db, name_starts: &str) -> i32 {
    organisation::Entity::find()
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name.starts_with(name_starts))
        .unwrap_or_else(|| panic!("no organisation {name_starts}"))
        .id
}

/// The organisation Anna Rossi is referent of.
async fn annas_organisation(db: &Db) -> i32 {
    let anna = viewer(db, "anna.rossi").await;
    organisation_member::Entity::find()
        .filter(organisation_member::Column::UserId.eq(anna.user_id))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .organisation_id
}

fn request<'a>(invitation: &'a str, username: &'a str, email: &'a str) -> SignUpRequest<'a> {
    SignUpRequest {
        invitation,
        display_name: "Chiara Neri",
        username,
        email,
        password: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
        ip: "10.40.0.1",
    }
}

async fn people(db: &Db) -> u64 {
    user::Entity::find().count(db.read()).await.unwrap()
}

async fn last_mail(db: &Db) -> outbox::Model {
    outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .one(db.read())
        .await
        .unwrap()
        .expect("a mail")
}

fn token_in(body: &str, marker: &str) -> String {
    let start = body.find(marker).expect("a link") + marker.len();
    body[start..start + 64].to_owned()
}

fn invite<'a>(email: &'a str, role: Role, organisation_id: Option<i32>) -> NewInvitation<'a> {
    NewInvitation {
        email,
        role,
        organisation_id,
        organisation_role: OrganisationRole::Member,
        days: 14,
    }
}

#[tokio::test]
async fn public_sign_up_is_refused_until_the_community_is_open() {
    let (db, passwords) = community().await;
    let before = people(&db).await;
    for phase in [Phase::Closed, Phase::Extended] {
        community::set_phase(db.write(), phase).await.unwrap();
        let refused = service::sign_up(
            &db,
            &passwords,
            request("", "chiara.neri", "chiara@example.org"),
            URL,
            Locale::It,
        )
        .await;
        assert_eq!(refused.unwrap_err(), AppError::SignUpClosed, "{phase:?}");
        let context = service::sign_up_context(&db, "").await.unwrap();
        assert!(!context.public_sign_up);
    }
    assert_eq!(people(&db).await, before, "nothing was created");

    community::set_phase(db.write(), Phase::Open).await.unwrap();
    assert!(
        service::sign_up_context(&db, "")
            .await
            .unwrap()
            .public_sign_up
    );
    let outcome = service::sign_up(
        &db,
        &passwords,
        request("", " Chiara.Neri ", "Chiara@Example.org"),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    assert_eq!(outcome, service::SignedUp::CheckMail, "no session yet");
    let chiara = user::Entity::find()
        .filter(user::Column::Username.eq("chiara.neri"))
        .one(db.read())
        .await
        .unwrap()
        .expect("the account, waiting for its address");
    assert!(chiara.pending_since.is_some());
    let account = service::own_account(&db, chiara.id).await.unwrap();
    assert_eq!(account.email, "chiara@example.org");
    assert_eq!(
        account.role,
        Role::Registered,
        "on one's own one is registered"
    );
    assert!(!account.email_verified);
    assert!(account.organisations.is_empty());

    // Until the address is confirmed, the password answers like a wrong one.
    let early = common::sign_in(
        &db,
        &passwords,
        common::attempt("chiara@example.org", NEW_PASSWORD, "10.9.0.1"),
    )
    .await;
    assert_eq!(early.unwrap_err(), AppError::InvalidCredentials);

    // The link confirms the address once, activates the account and names it for a session.
    let mail = last_mail(&db).await;
    assert_eq!(mail.recipient, "chiara@example.org");
    let token = token_in(&mail.body, "/verifica-email?token=");
    assert_eq!(
        service::verify_email(&db, &token).await.unwrap(),
        Some(chiara.id)
    );
    assert!(
        service::own_account(&db, chiara.id)
            .await
            .unwrap()
            .email_verified
    );
    assert_eq!(
        service::verify_email(&db, &token).await.unwrap_err(),
        AppError::invalid(Field::Token, InvalidReason::Expired)
    );
    let signed_in = common::sign_in(
        &db,
        &passwords,
        common::attempt("chiara@example.org", NEW_PASSWORD, "10.9.0.2"),
    )
    .await;
    assert!(signed_in.is_ok());
}

#[tokio::test]
async fn signing_up_with_a_known_address_answers_the_same_and_the_mail_says_what_happened() {
    let (db, passwords) = community().await;
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let before = people(&db).await;
    // Anna's address: the same answer as for a new one; nothing is created.
    let outcome = service::sign_up(
        &db,
        &passwords,
        request("", "qualcuno.altro", "Anna.Rossi@castelmonte.example"),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    assert_eq!(outcome, service::SignedUp::CheckMail);
    assert_eq!(people(&db).await, before, "nothing was created");
    let mail = last_mail(&db).await;
    assert_eq!(mail.recipient, "anna.rossi@castelmonte.example");
    assert!(mail.body.contains("ne ha già uno"), "{}", mail.body);
    assert!(mail
        .body
        .contains(&format!("{URL}/accedi/password-dimenticata")));
    assert!(
        !mail.body.contains("token="),
        "no link that acts for anyone"
    );
    // Usernames are public: a taken one is still said.
    let taken = service::sign_up(
        &db,
        &passwords,
        request("", "anna.rossi", "nuova@example.org"),
        URL,
        Locale::It,
    )
    .await;
    assert_eq!(
        taken.unwrap_err(),
        AppError::invalid(Field::Username, InvalidReason::Duplicate)
    );
}

#[tokio::test]
async fn sign_ups_never_confirmed_are_forgotten_after_the_links_lifetime() {
    let (db, passwords) = community().await;
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let before = people(&db).await;
    service::sign_up(
        &db,
        &passwords,
        request("", "mai.confermata", "mai@example.org"),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    assert_eq!(service::forget_unconfirmed_sign_ups(&db).await.unwrap(), 0);
    user::Entity::update_many()
        .col_expr(
            user::Column::PendingSince,
            Expr::value(Some(
                Utc::now() - service::VERIFICATION_LIFETIME - Duration::minutes(1),
            )),
        )
        .filter(user::Column::Username.eq("mai.confermata"))
        .exec(db.write())
        .await
        .unwrap();
    assert_eq!(service::forget_unconfirmed_sign_ups(&db).await.unwrap(), 1);
    assert_eq!(people(&db).await, before, "name and address are free again");
}

#[tokio::test]
async fn an_invitation_brings_its_role_and_organisation_once() {
    let (db, passwords) = community().await;
    let staff = viewer(&db, "giulia.ferri").await;
    let organisation = organisation_id(&db, "Cooperativa").await;
    let created = service::create_invitation(
        &db,
        &staff,
        invite(
            " Paolo.Verdi@Ilponte.example ",
            Role::Member,
            Some(organisation),
        ),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    assert!(
        created.link.is_none(),
        "an invitation to an address is only mailed"
    );
    let mail = last_mail(&db).await;
    assert_eq!(mail.recipient, "paolo.verdi@ilponte.example");
    let token = token_in(&mail.body, "/registrati?invito=");
    assert!(mail.body.contains("Giulia Ferri"));

    let context = service::sign_up_context(&db, &token).await.unwrap();
    let preview = context.invitation.expect("a valid invitation");
    assert_eq!(preview.role, Role::Member);
    assert_eq!(
        preview.email.as_deref(),
        Some("paolo.verdi@ilponte.example")
    );
    assert!(preview.organisation.unwrap().starts_with("Cooperativa"));

    // The invitation is tied to its address.
    let before = people(&db).await;
    let wrong = service::sign_up(
        &db,
        &passwords,
        request(&token, "paolo.verdi", "altro@example.org"),
        URL,
        Locale::It,
    )
    .await;
    assert_eq!(
        wrong.unwrap_err(),
        AppError::invalid(Field::Email, InvalidReason::Mismatch)
    );
    assert_eq!(people(&db).await, before);

    let service::SignedUp::Account(id) = service::sign_up(
        &db,
        &passwords,
        request(&token, "paolo.verdi", "paolo.verdi@ilponte.example"),
        URL,
        Locale::It,
    )
    .await
    .unwrap() else {
        panic!("an invited account is ready at once");
    };
    let account = service::own_account(&db, id).await.unwrap();
    assert_eq!(account.role, Role::Member);
    assert!(account.email_verified, "the invitation was mailed there");
    assert_eq!(account.organisations.len(), 1);
    assert_eq!(account.organisations[0].1, OrganisationRole::Member);

    // Single use.
    let again = service::sign_up(
        &db,
        &passwords,
        request(&token, "paolo.bis", "paolo.verdi@ilponte.example"),
        URL,
        Locale::It,
    )
    .await;
    assert_eq!(
        again.unwrap_err(),
        AppError::invalid(Field::Invitation, InvalidReason::Expired)
    );
    assert!(
        service::sign_up_context(&db, &token)
            .await
            .unwrap()
            .invitation_invalid
    );
    let listed = service::list_invitations(&db, &staff).await.unwrap();
    assert_eq!(listed[0].used_by.as_deref(), Some("Chiara Neri"));

    // Both steps are in the audit log (after the demo's own entries: its groups' creation).
    let actions: Vec<String> = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.starts_with("invitation."))
        .order_by_asc(audit_entry::Column::Id)
        .all(db.read())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["invitation.create", "invitation.use"]);
}

#[tokio::test]
async fn expired_revoked_and_made_up_invitations_change_nothing() {
    let (db, passwords) = community().await;
    let staff = viewer(&db, "giulia.ferri").await;
    let organisation = organisation_id(&db, "Cooperativa").await;
    let expired = service::create_invitation(
        &db,
        &staff,
        invite("", Role::Member, Some(organisation)),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(db.write())
        .await
        .unwrap();
    let revoked = service::create_invitation(
        &db,
        &staff,
        invite("", Role::Member, Some(organisation)),
        URL,
        Locale::It,
    )
    .await
    .unwrap();
    let revoked_id = service::list_invitations(&db, &staff).await.unwrap()[0].id;
    service::revoke_invitation(&db, &staff, revoked_id)
        .await
        .unwrap();

    let before = people(&db).await;
    let (expired, revoked) = (expired.link.unwrap(), revoked.link.unwrap());
    for token in [
        expired.as_str(),
        revoked.as_str(),
        &"ab".repeat(32),
        "corto",
    ] {
        let refused = service::sign_up(
            &db,
            &passwords,
            request(token, "chiara.neri", "chiara@example.org"),
            URL,
            Locale::It,
        )
        .await;
        assert_eq!(
            refused.unwrap_err(),
            AppError::invalid(Field::Invitation, InvalidReason::Expired),
            "{token}"
        );
        assert!(
            service::sign_up_context(&db, token)
                .await
                .unwrap()
                .invitation_invalid
        );
    }
    assert_eq!(people(&db).await, before);
}

/// Who invites, as which role, into which organisation, and what they get.
type Case<'a> = (&'a Viewer, Role, Option<i32>, Result<(), AppError>);

#[tokio::test]
async fn who_may_invite_whom() {
    let (db, _) = community().await;
    let admin = viewer(&db, "admin").await;
    let staff = viewer(&db, "giulia.ferri").await;
    let referent = viewer(&db, "anna.rossi").await;
    let expert = viewer(&db, "marco.bellini").await;
    let own = annas_organisation(&db).await;
    let other = organisation_id(&db, "Cooperativa").await;

    let attempt = |who: Viewer, role: Role, organisation: Option<i32>| {
        let db = db.clone();
        async move {
            service::create_invitation(&db, &who, invite("", role, organisation), URL, Locale::It)
                .await
                .map(|_| ())
        }
    };
    use Role::*;
    // Phase 1 (closed): no experts yet.
    let table: Vec<Case> = vec![
        (&admin, Staff, None, Ok(())),
        (&admin, Admin, None, Ok(())),
        (&admin, Expert, None, Err(AppError::Forbidden)),
        (&staff, Member, Some(other), Ok(())),
        (&staff, Staff, None, Err(AppError::Forbidden)),
        (&staff, Registered, None, Err(AppError::Forbidden)),
        (
            &staff,
            Member,
            None,
            Err(AppError::invalid(
                Field::Organisation,
                InvalidReason::Required,
            )),
        ),
        (&referent, Member, Some(own), Ok(())),
        (
            &referent,
            Member,
            Some(other),
            Err(AppError::invalid(
                Field::Organisation,
                InvalidReason::Malformed,
            )),
        ),
        (&referent, Staff, Some(own), Err(AppError::Forbidden)),
        (&expert, Member, Some(other), Err(AppError::NotFound)),
    ];
    for (who, role, organisation, expected) in table {
        let got = attempt(who.clone(), role, organisation).await;
        assert_eq!(got, expected, "{} inviting as {role:?}", who.username);
    }
    // Phase 2 (extended) lets staff invite experts.
    community::set_phase(db.write(), Phase::Extended)
        .await
        .unwrap();
    assert_eq!(attempt(staff.clone(), Expert, None).await, Ok(()));

    // A referent sees only their organisation's invitations; others see none at all.
    let mine = service::list_invitations(&db, &referent).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        service::list_invitations(&db, &expert).await.unwrap_err(),
        AppError::NotFound
    );
    let all = service::list_invitations(&db, &staff).await.unwrap();
    assert_eq!(all.len(), 5);
    // A referent cannot revoke another organisation's invitation: it is not even there.
    let foreign = all
        .iter()
        .find(|i| {
            i.organisation
                .as_deref()
                .is_some_and(|o| o.starts_with("Coop"))
        })
        .unwrap();
    assert_eq!(
        service::revoke_invitation(&db, &referent, foreign.id)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn bad_sign_up_input_is_refused_and_changes_nothing() {
    let (db, passwords) = community().await;
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let before = people(&db).await;
    let long_name = "N".repeat(81);
    let cases: Vec<(SignUpRequest, AppError)> = vec![
        (
            request("", "Anna.Rossi", "nuova@example.org"),
            AppError::invalid(Field::Username, InvalidReason::Duplicate),
        ),
        (
            request("", "ab", "nuova@example.org"),
            AppError::invalid(Field::Username, InvalidReason::TooShort { min: 3 }),
        ),
        (
            request("", "nome con spazi", "nuova@example.org"),
            AppError::invalid(Field::Username, InvalidReason::Malformed),
        ),
        (
            request("", "nuova.persona", "non-una-email"),
            AppError::invalid(Field::Email, InvalidReason::Malformed),
        ),
        (
            SignUpRequest {
                display_name: &long_name,
                ..request("", "nuova.persona", "nuova@example.org")
            },
            AppError::invalid(Field::DisplayName, InvalidReason::TooLong { max: 80 }),
        ),
        (
            SignUpRequest {
                display_name: "  ",
                ..request("", "nuova.persona", "nuova@example.org")
            },
            AppError::invalid(Field::DisplayName, InvalidReason::Required),
        ),
        (
            SignUpRequest {
                password: "password",
                confirmation: "password",
                ..request("", "nuova.persona", "nuova@example.org")
            },
            AppError::invalid(Field::Password, InvalidReason::Common),
        ),
        (
            SignUpRequest {
                confirmation: "un'altra cosa del tutto",
                ..request("", "nuova.persona", "nuova@example.org")
            },
            AppError::invalid(Field::Confirmation, InvalidReason::Mismatch),
        ),
    ];
    for (bad, expected) in cases {
        let got = service::sign_up(&db, &passwords, bad, URL, Locale::It).await;
        assert_eq!(got.unwrap_err(), expected);
    }
    assert_eq!(people(&db).await, before);
    assert_eq!(outbox::Entity::find().count(db.read()).await.unwrap(), 0);
}

#[tokio::test]
async fn only_admins_change_the_phase_and_the_change_is_logged() {
    let (db, _) = community().await;
    let staff = viewer(&db, "giulia.ferri").await;
    let admin = viewer(&db, "admin").await;
    let phase_changes =
        || audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("community.phase"));
    assert_eq!(
        community::change_phase(&db, &staff, Phase::Open)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    assert_eq!(community::phase(db.read()).await.unwrap(), Phase::Closed);
    assert_eq!(phase_changes().count(db.read()).await.unwrap(), 0);

    community::change_phase(&db, &admin, Phase::Open)
        .await
        .unwrap();
    assert_eq!(community::phase(db.read()).await.unwrap(), Phase::Open);
    let entry = phase_changes().one(db.read()).await.unwrap().unwrap();
    assert_eq!(entry.actor_id, Some(admin.user_id));
    assert_eq!(entry.action, "community.phase");
    assert_eq!(entry.before.as_deref(), Some("1"));
    assert_eq!(entry.after.as_deref(), Some("3"));
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited_before_any_mail_is_sent() {
    let (db, passwords) = community().await;
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    let mut tries = tokio::task::JoinSet::new();
    for n in 0..40 {
        let (db, passwords) = (db.clone(), passwords.clone());
        tries.spawn(async move {
            let (username, email) = (format!("persona.{n}"), format!("persona.{n}@example.org"));
            let request = SignUpRequest {
                ip: "10.40.0.9",
                ..request("", &username, &email)
            };
            service::sign_up(&db, &passwords, request, URL, Locale::It).await
        });
    }
    let (mut created, mut limited) = (0, 0);
    while let Some(outcome) = tries.join_next().await {
        match outcome.unwrap() {
            Ok(_) => created += 1,
            Err(AppError::RateLimited { .. }) => limited += 1,
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(created, service::SIGN_UPS_PER_IP as usize);
    assert_eq!(limited, 40 - created);
    let mails = outbox::Entity::find().count(db.read()).await.unwrap();
    assert_eq!(
        mails,
        service::SIGN_UPS_PER_IP,
        "one verification mail per account made"
    );
}

#[tokio::test]
async fn inviting_a_known_address_answers_the_same_and_the_mail_says_how_to_sign_in() {
    let (db, _) = community().await;
    let staff = viewer(&db, "giulia.ferri").await;
    let organisation = organisation_id(&db, "Cooperativa").await;
    let mut listed = Vec::new();
    for address in [
        "anna.rossi@castelmonte.example",
        "nuova.persona@example.org",
    ] {
        let created = service::create_invitation(
            &db,
            &staff,
            invite(address, Role::Member, Some(organisation)),
            URL,
            Locale::It,
        )
        .await
        .expect("the same answer for both");
        assert!(created.link.is_none());
        let mail = last_mail(&db).await;
        assert_eq!(mail.recipient, address);
        listed.push(mail.body);
    }
    assert!(listed[0].contains("ha già un") && listed[0].contains(&format!("{URL}/accedi")));
    assert!(!listed[0].contains("invito="), "no link to sign up again");
    assert!(listed[1].contains("/registrati?invito="));
    // Both invitations look alike in the inviter's list.
    let list = service::list_invitations(&db, &staff).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].status, list[1].status);
}
