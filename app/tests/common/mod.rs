//! Shared by the account tests: a demo community on a fresh database.
use app::features::accounts::service::SignInRequest;
use app::server::{demo, passwords::Passwords, testing::fresh_db, Db};

pub const PASSWORD: &str = "una password di prova";

pub async fn community() -> (Db, Passwords) {
    let db = fresh_db().await;
    let passwords = Passwords::new(2);
    demo::load_if_empty(&db, &passwords, Some(PASSWORD))
        .await
        .unwrap();
    (db, passwords)
}

pub fn attempt<'a>(login: &'a str, password: &'a str, ip: &'a str) -> SignInRequest<'a> {
    SignInRequest {
        login,
        password,
        ip,
        user_agent: "test",
    }
}
