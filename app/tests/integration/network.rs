//! The network directory on a real database (SQLite, and PostgreSQL when
//! `PRATICA_TEST_DATABASE_URL` is set): who sees organisations, people and contacts, the
//! filters, editing organisations and profiles, photos and logos.

use crate::common::{community as demo, viewer};
use app::error::Field;
use app::{
    error::{AppError, InvalidReason},
    features::{
        accounts::types::{OrganisationRole, Role, Viewer},
        community::{service as community, types::Phase},
        network::{
            service::{
                directory::{directory, organisation_details},
                images, organisations,
                profile::{self, ProfileInput},
            },
            types::{DirectoryFilter, OrganisationInput, OrganisationKind},
        },
    },
    server::{audit, entities::organisation, Db},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn synthetic(role: Role) -> Viewer {
    Viewer {
        user_id: 9_999,
        username: "someone".into(),
        display_name: "Someone".into(),
        role,
        second_factor: true,
    }
}

fn everything() -> DirectoryFilter {
    DirectoryFilter::default()
}

async fn organisation_id(db: &Db, name: &str) -> i32 {
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(db.read())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A field, a way to spoil the input there, and the reason it is refused for.
type BadInput<T> = (Field, fn(&mut T), InvalidReason);

const CASTELMONTE: &str = "Comune di Castelmonte";
const IL_PONTE: &str = "Cooperativa sociale Il Ponte";

/// Rows: who; columns: phase 1 organisations listed, phase 1 organisation page, phase 3
/// organisations listed, people listed (any phase).
#[tokio::test]
async fn who_sees_the_directory() {
    let (db, _) = demo().await;
    let castelmonte = organisation_id(&db, CASTELMONTE).await;
    let staff_without = Viewer {
        second_factor: false,
        ..synthetic(Role::Staff)
    };
    let table: [(&str, Option<Viewer>, [bool; 4]); 6] = [
        ("visitor", None, [false, false, true, false]),
        ("registered", Some(synthetic(Role::Registered)), [true; 4]),
        ("member", Some(synthetic(Role::Member)), [true; 4]),
        ("expert", Some(synthetic(Role::Expert)), [true; 4]),
        (
            "staff without second factor",
            Some(staff_without),
            [true; 4],
        ),
        ("admin", Some(synthetic(Role::Admin)), [true; 4]),
    ];
    for (who, viewer, [closed_list, closed_page, open_list, people]) in table {
        community::set_phase(db.write(), Phase::Closed)
            .await
            .unwrap();
        let listed = directory(&db, viewer.as_ref(), &everything()).await;
        assert_eq!(listed.is_ok(), closed_list, "{who}: list in phase 1");
        if let Err(error) = &listed {
            assert_eq!(*error, AppError::NotFound, "{who}: a 404, not a refusal");
        }
        let page = organisation_details(&db, viewer.as_ref(), castelmonte).await;
        assert_eq!(page.is_ok(), closed_page, "{who}: page in phase 1");

        community::set_phase(db.write(), Phase::Open).await.unwrap();
        let listed = directory(&db, viewer.as_ref(), &everything()).await;
        assert_eq!(listed.is_ok(), open_list, "{who}: list in phase 3");
        let listed = listed.unwrap();
        assert_eq!(listed.organisations.len(), 5, "{who}");
        assert_eq!(listed.people.is_some(), people, "{who}: people listed");
        let page = organisation_details(&db, viewer.as_ref(), castelmonte)
            .await
            .unwrap();
        assert_eq!(!page.people.is_empty(), people, "{who}: people on the page");
    }
    assert_eq!(
        organisation_details(&db, None, 987_654).await.unwrap_err(),
        AppError::NotFound
    );
}

/// Whose e-mail each viewer sees. Demo choices: giulia "registered", marco "members",
/// anna "members" (referent of Castelmonte), luca "team" (referent of Il Ponte).
#[tokio::test]
async fn contacts_show_only_as_each_person_allows() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let luca = viewer(&db, "luca.esposito").await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let registered = synthetic(Role::Registered);
    let mut staff_without = giulia.clone();
    staff_without.second_factor = false;
    let people = [
        "giulia.ferri",
        "marco.bellini",
        "anna.rossi",
        "luca.esposito",
    ];
    let table: [(&str, &Viewer, [bool; 4]); 5] = [
        ("registered", &registered, [true, false, false, false]),
        ("member anna", &anna, [true, true, true, false]),
        ("member luca", &luca, [true, true, true, true]),
        ("staff", &giulia, [true, true, true, true]),
        // Until their second factor is on, staff see what a member sees.
        (
            "staff without second factor",
            &staff_without,
            [true, true, true, false],
        ),
    ];
    for (who, viewer, expected) in table {
        let listed = directory(&db, Some(viewer), &everything())
            .await
            .unwrap()
            .people
            .unwrap();
        for (username, sees) in people.iter().zip(expected) {
            let card = listed.iter().find(|p| &p.username == username).unwrap();
            assert_eq!(card.contact.is_some(), sees, "{who} → {username}");
        }
    }
    // Luca's referent sees his contacts: make Anna a referent of Il Ponte too.
    let il_ponte = organisation_id(&db, IL_PONTE).await;
    organisations::add_member(
        &db,
        &giulia,
        il_ponte,
        "anna.rossi",
        OrganisationRole::Referent,
    )
    .await
    .unwrap();
    let listed = directory(&db, Some(&anna), &everything())
        .await
        .unwrap()
        .people
        .unwrap();
    let card = listed
        .iter()
        .find(|p| p.username == "luca.esposito")
        .unwrap();
    assert!(
        card.contact.is_some(),
        "a referent sees their people's contacts"
    );
}

#[tokio::test]
async fn filters_narrow_organisations_and_people() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let names = |d: &app::features::network::types::Directory| {
        d.organisations
            .iter()
            .map(|o| o.name.clone())
            .collect::<Vec<_>>()
    };
    let by_kind = directory(
        &db,
        Some(&anna),
        &DirectoryFilter {
            kind: Some(OrganisationKind::ThirdSector),
            ..everything()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        names(&by_kind),
        [
            "Cooperativa sociale Il Ponte",
            "Fondazione Comunità Solidale"
        ]
    );
    let people: Vec<_> = by_kind
        .people
        .unwrap()
        .into_iter()
        .map(|p| p.username)
        .collect();
    assert_eq!(people, ["luca.esposito"], "people of third-sector bodies");

    let by_region = directory(
        &db,
        Some(&anna),
        &DirectoryFilter {
            region: Some("Toscana".into()),
            ..everything()
        },
    )
    .await
    .unwrap();
    assert_eq!(names(&by_region), [CASTELMONTE]);

    let valutazione = by_region
        .themes
        .iter()
        .find(|t| t.name.starts_with("Misurazione"))
        .unwrap()
        .slug
        .clone();
    let by_theme = directory(
        &db,
        Some(&anna),
        &DirectoryFilter {
            theme: Some(valutazione),
            ..everything()
        },
    )
    .await
    .unwrap();
    assert_eq!(names(&by_theme), [CASTELMONTE]);
    let followers: Vec<_> = by_theme
        .people
        .unwrap()
        .into_iter()
        .map(|p| p.username)
        .collect();
    assert_eq!(followers, ["anna.rossi", "giulia.ferri"]);

    for (text, expected) in [
        ("PONTE", vec![IL_PONTE]),
        ("napoli", vec!["Fondazione Comunità Solidale"]),
        ("%", vec![]),
        ("_", vec![]),
    ] {
        let found = directory(
            &db,
            Some(&anna),
            &DirectoryFilter {
                text: text.into(),
                ..everything()
            },
        )
        .await
        .unwrap();
        assert_eq!(names(&found), expected, "search {text:?}");
    }
    let unknown_theme = directory(
        &db,
        Some(&anna),
        &DirectoryFilter {
            theme: Some("nessun-tema".into()),
            ..everything()
        },
    )
    .await
    .unwrap();
    assert!(unknown_theme.organisations.is_empty());
}

fn input_of(details: &app::features::network::types::OrganisationDetails) -> OrganisationInput {
    OrganisationInput {
        name: details.card.name.clone(),
        kind: details.card.kind.as_str().into(),
        ipa_code: details.ipa_code.clone().unwrap_or_default(),
        tax_code: details.tax_code.clone().unwrap_or_default(),
        region: details.card.region.clone(),
        city: details.card.city.clone(),
        website: details.website.clone().unwrap_or_default(),
        description: details.description.clone(),
        themes: details.card.themes.iter().map(|t| t.id).collect(),
    }
}

#[tokio::test]
async fn referents_edit_their_organisation_and_bad_input_changes_nothing() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let luca = viewer(&db, "luca.esposito").await;
    let castelmonte = organisation_id(&db, CASTELMONTE).await;
    let before = organisation_details(&db, Some(&anna), castelmonte)
        .await
        .unwrap();
    assert!(before.manage, "Anna is Castelmonte's referent");
    assert!(
        !organisation_details(&db, Some(&luca), castelmonte)
            .await
            .unwrap()
            .manage
    );

    let mut edit = input_of(&before);
    edit.description = "Nuova presentazione.\n\nSecondo paragrafo.".into();
    edit.website = "castelmonte.example/servizi".into();
    edit.tax_code = "001 2345 0529".into();
    edit.themes = vec![before.all_themes[0].id];
    assert_eq!(
        organisations::update_organisation(&db, &luca, castelmonte, &edit)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    organisations::update_organisation(&db, &anna, castelmonte, &edit)
        .await
        .unwrap();
    let after = organisation_details(&db, Some(&anna), castelmonte)
        .await
        .unwrap();
    assert_eq!(
        after.description,
        "Nuova presentazione.\n\nSecondo paragrafo."
    );
    assert_eq!(
        after.website.as_deref(),
        Some("https://castelmonte.example/servizi")
    );
    assert_eq!(after.tax_code.as_deref(), Some("00123450529"));
    assert_eq!(after.card.themes.len(), 1);
    let entry = &audit::latest(db.read(), 1).await.unwrap()[0];
    assert_eq!(entry.action, "organisation.update");
    assert!(entry
        .before
        .as_deref()
        .unwrap()
        .contains("Ha avviato nel 2024"));
    assert!(entry
        .after
        .as_deref()
        .unwrap()
        .contains("Nuova presentazione"));

    let bad: [BadInput<OrganisationInput>; 8] = [
        (
            Field::OrganisationName,
            |i| i.name = "  ".into(),
            InvalidReason::Required,
        ),
        (
            Field::OrganisationName,
            |i| i.name = "COOPERATIVA SOCIALE IL PONTE".into(),
            InvalidReason::Duplicate,
        ),
        (
            Field::TaxCode,
            |i| i.tax_code = "12345".into(),
            InvalidReason::Malformed,
        ),
        (
            Field::Website,
            |i| i.website = "javascript:alert(1)".into(),
            InvalidReason::Malformed,
        ),
        (
            Field::IpaCode,
            |i| i.ipa_code = "c h501".into(),
            InvalidReason::Malformed,
        ),
        (
            Field::Region,
            |i| i.region = "Atlantide".into(),
            InvalidReason::Required,
        ),
        (
            Field::Themes,
            |i| i.themes = vec![424_242],
            InvalidReason::Malformed,
        ),
        (
            Field::Description,
            |i| i.description = "x".repeat(4001),
            InvalidReason::TooLong { max: 4000 },
        ),
    ];
    for (field, spoil, reason) in bad {
        let mut input = input_of(&after);
        spoil(&mut input);
        let error = organisations::update_organisation(&db, &anna, castelmonte, &input)
            .await
            .unwrap_err();
        assert_eq!(error, AppError::invalid(field, reason), "{field}");
        let unchanged = organisation_details(&db, Some(&anna), castelmonte)
            .await
            .unwrap();
        assert_eq!(unchanged, after, "{field}: nothing changed");
    }
}

#[tokio::test]
async fn only_staff_add_organisations() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let input = OrganisationInput {
        name: "Comune di Valverde".into(),
        kind: "public_administration".into(),
        region: "Umbria".into(),
        city: "Valverde".into(),
        ..Default::default()
    };
    assert_eq!(
        organisations::create_organisation(&db, &anna, &input)
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    let id = organisations::create_organisation(&db, &giulia, &input)
        .await
        .unwrap();
    let page = organisation_details(&db, Some(&anna), id).await.unwrap();
    assert_eq!(page.card.name, "Comune di Valverde");
    assert!(page.people.is_empty());
    assert_eq!(
        organisations::create_organisation(&db, &giulia, &input)
            .await
            .unwrap_err(),
        AppError::invalid(Field::OrganisationName, InvalidReason::Duplicate)
    );
    let listed = directory(&db, Some(&anna), &everything()).await.unwrap();
    assert!(listed.regions.contains(&"Umbria".to_owned()));
}

#[tokio::test]
async fn an_organisation_always_keeps_a_referent() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let luca = viewer(&db, "luca.esposito").await;
    let giulia = viewer(&db, "giulia.ferri").await;
    let castelmonte = organisation_id(&db, CASTELMONTE).await;
    let last = AppError::invalid(Field::Role, InvalidReason::LastReferent);
    assert_eq!(
        organisations::set_member_role(
            &db,
            &anna,
            castelmonte,
            anna.user_id,
            OrganisationRole::Member
        )
        .await
        .unwrap_err(),
        last
    );
    assert_eq!(
        organisations::remove_member(&db, &anna, castelmonte, anna.user_id)
            .await
            .unwrap_err(),
        last
    );
    organisations::add_member(
        &db,
        &giulia,
        castelmonte,
        "@Luca.Esposito",
        OrganisationRole::Member,
    )
    .await
    .unwrap();
    assert_eq!(
        organisations::add_member(
            &db,
            &giulia,
            castelmonte,
            "luca.esposito",
            OrganisationRole::Member
        )
        .await
        .unwrap_err(),
        AppError::invalid(Field::Username, InvalidReason::Duplicate)
    );
    assert_eq!(
        organisations::add_member(
            &db,
            &giulia,
            castelmonte,
            "nessuno",
            OrganisationRole::Member
        )
        .await
        .unwrap_err(),
        AppError::invalid(Field::Username, InvalidReason::Unknown)
    );
    // Luca is a plain member here: he may not manage Castelmonte's people.
    assert_eq!(
        organisations::remove_member(&db, &luca, castelmonte, anna.user_id)
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    organisations::set_member_role(
        &db,
        &anna,
        castelmonte,
        luca.user_id,
        OrganisationRole::Referent,
    )
    .await
    .unwrap();
    organisations::set_member_role(
        &db,
        &anna,
        castelmonte,
        anna.user_id,
        OrganisationRole::Member,
    )
    .await
    .unwrap();
    organisations::remove_member(&db, &luca, castelmonte, anna.user_id)
        .await
        .unwrap();
    let page = organisation_details(&db, Some(&luca), castelmonte)
        .await
        .unwrap();
    let names: Vec<_> = page.people.iter().map(|p| p.username.as_str()).collect();
    assert_eq!(names, ["luca.esposito"]);
    let entry = &audit::latest(db.read(), 1).await.unwrap()[0];
    assert_eq!(entry.action, "organisation.remove_member");
    assert!(entry.before.as_deref().unwrap().contains("anna.rossi"));
}

#[tokio::test]
async fn people_edit_their_profile() {
    let (db, _) = demo().await;
    let marco = viewer(&db, "marco.bellini").await;
    let editor = profile::profile_editor(&db, &marco).await.unwrap();
    let theme = editor.themes[0].clone();
    let input = ProfileInput {
        display_name: "  Marco Bellini  ".into(),
        bio: "Valutazione d’impatto.\r\nMetodi misti.".into(),
        phone: "+39 051 20 90 000".into(),
        contact_visibility: "registered".into(),
        themes: vec![theme.id, theme.id],
    };
    profile::update_profile(&db, &marco, &input).await.unwrap();
    let saved = profile::profile_editor(&db, &marco).await.unwrap();
    assert_eq!(saved.display_name, "Marco Bellini");
    assert_eq!(saved.bio, "Valutazione d’impatto.\nMetodi misti.");
    assert_eq!(saved.phone, "+39 051 20 90 000");
    assert_eq!(saved.followed, [theme.id]);
    let registered = synthetic(Role::Registered);
    let card = directory(&db, Some(&registered), &everything())
        .await
        .unwrap()
        .people
        .unwrap()
        .into_iter()
        .find(|p| p.username == "marco.bellini")
        .unwrap();
    assert_eq!(
        card.contact.map(|c| c.phone),
        Some(Some("+39 051 20 90 000".into())),
        "now everyone signed in sees them"
    );

    let bad: [BadInput<ProfileInput>; 5] = [
        (
            Field::DisplayName,
            |i| i.display_name = " ".into(),
            InvalidReason::Required,
        ),
        (
            Field::Phone,
            |i| i.phone = "chiamami".into(),
            InvalidReason::Malformed,
        ),
        (
            Field::Bio,
            |i| i.bio = "é".repeat(1001),
            InvalidReason::TooLong { max: 1000 },
        ),
        (
            Field::ContactVisibility,
            |i| i.contact_visibility = "everyone".into(),
            InvalidReason::Required,
        ),
        (
            Field::Themes,
            |i| i.themes = vec![-1],
            InvalidReason::Malformed,
        ),
    ];
    for (field, spoil, reason) in bad {
        let mut wrong = input.clone();
        spoil(&mut wrong);
        assert_eq!(
            profile::update_profile(&db, &marco, &wrong)
                .await
                .unwrap_err(),
            AppError::invalid(field, reason),
            "{field}"
        );
        assert_eq!(profile::profile_editor(&db, &marco).await.unwrap(), saved);
    }
}

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

#[tokio::test]
async fn photos_and_logos_are_checked_and_shown_only_to_who_may_see() {
    let (db, _) = demo().await;
    let anna = viewer(&db, "anna.rossi").await;
    let luca = viewer(&db, "luca.esposito").await;
    assert_eq!(images::sniff(PNG), Some("image/png"));
    assert_eq!(images::sniff(b"\xff\xd8\xff\xe0rest"), Some("image/jpeg"));
    assert_eq!(images::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
    assert_eq!(images::sniff(b"<svg onload=alert(1)>"), None);

    let refused = [
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
            InvalidReason::ImageFormat,
        ),
        (Vec::new(), InvalidReason::Required),
        (
            [PNG, &vec![0u8; images::IMAGE_MAX_BYTES]].concat(),
            InvalidReason::FileTooLarge { max_kb: 512 },
        ),
    ];
    for (bytes, reason) in refused {
        assert_eq!(
            images::set_photo(&db, &anna, Some(bytes))
                .await
                .unwrap_err(),
            AppError::invalid(Field::Photo, reason)
        );
    }
    images::set_photo(&db, &anna, Some(PNG.to_vec()))
        .await
        .unwrap();
    let photo = profile::profile_editor(&db, &anna)
        .await
        .unwrap()
        .photo
        .unwrap();
    let (kind, bytes) = images::fetch(&db, Some(&luca), photo).await.unwrap();
    assert_eq!((kind.as_str(), bytes.as_slice()), ("image/png", PNG));
    community::set_phase(db.write(), Phase::Open).await.unwrap();
    assert_eq!(
        images::fetch(&db, None, photo).await.unwrap_err(),
        AppError::NotFound,
        "visitors never see people's photos"
    );
    // A new photo replaces the old one, which is gone.
    images::set_photo(&db, &anna, Some(PNG.to_vec()))
        .await
        .unwrap();
    assert_eq!(
        images::fetch(&db, Some(&luca), photo).await.unwrap_err(),
        AppError::NotFound
    );

    let castelmonte = organisation_id(&db, CASTELMONTE).await;
    assert_eq!(
        images::set_logo(&db, &luca, castelmonte, Some(PNG.to_vec()))
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    images::set_logo(&db, &anna, castelmonte, Some(PNG.to_vec()))
        .await
        .unwrap();
    let logo = organisation_details(&db, None, castelmonte)
        .await
        .unwrap()
        .card
        .logo
        .unwrap();
    assert!(
        images::fetch(&db, None, logo).await.is_ok(),
        "phase 3: public"
    );
    community::set_phase(db.write(), Phase::Closed)
        .await
        .unwrap();
    assert_eq!(
        images::fetch(&db, None, logo).await.unwrap_err(),
        AppError::NotFound
    );
    images::set_logo(&db, &anna, castelmonte, None)
        .await
        .unwrap();
    assert_eq!(
        images::fetch(&db, Some(&anna), logo).await.unwrap_err(),
        AppError::NotFound
    );
}
