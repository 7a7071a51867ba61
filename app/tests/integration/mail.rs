//! E-mail through a real SMTP server on loopback (Python's aiosmtpd), and the outbox.
use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use app::server::{
    entities::outbox,
    mail::{self, Mailer},
    testing::fresh_db,
};
use sea_orm::EntityTrait;

/// aiosmtpd writing every message it receives into a maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl SmtpServer {
    /// Starts the server, or explains why not: skipped unless `PRATICA_REQUIRE_SMTP_TEST` is set
    /// (scripts/test sets it and installs aiosmtpd).
    fn start() -> Option<SmtpServer> {
        let available = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !available {
            assert!(
                std::env::var("PRATICA_REQUIRE_SMTP_TEST").is_err(),
                "aiosmtpd is required (pip install aiosmtpd)"
            );
            eprintln!("skipped: python3 -m pip install aiosmtpd to run the SMTP test");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = std::env::temp_dir().join(format!("pratica-maildir-{port}"));
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
            ])
            .args(["aiosmtpd.handlers.Mailbox", maildir.to_str().unwrap()])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SmtpServer {
            child,
            port,
            maildir,
        })
    }

    fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

#[tokio::test]
async fn mail_goes_out_over_smtp_once_and_is_marked_sent() {
    let Some(server) = SmtpServer::start() else {
        return;
    };
    let db = fresh_db().await;
    let mailer = Mailer::new(
        Some(&format!("smtp://127.0.0.1:{}", server.port)),
        "Pratica <noreply@pratica.example>",
    )
    .unwrap();
    mail::queue(
        db.write(),
        "anna.rossi@castelmonte.example",
        "Benvenuta",
        "Il corpo del messaggio.",
    )
    .await
    .unwrap();

    assert_eq!(mail::deliver_pending(&db, &mailer, 10).await.unwrap(), 1);
    assert_eq!(
        mail::deliver_pending(&db, &mailer, 10).await.unwrap(),
        0,
        "sent only once"
    );

    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(
        message.contains("To: anna.rossi@castelmonte.example"),
        "{message}"
    );
    assert!(message.contains("From: Pratica <noreply@pratica.example>"));
    assert!(message.contains("Subject: Benvenuta"));
    assert!(message.contains("Il corpo del messaggio."));

    let stored = outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.sent_at.is_some());
    assert_eq!(stored.attempts, 1);
}

#[tokio::test]
async fn without_smtp_mail_waits_in_the_outbox() {
    let db = fresh_db().await;
    let mailer = Mailer::new(None, "Pratica <noreply@pratica.example>").unwrap();
    mail::queue(db.write(), "x@example.org", "Oggetto", "Testo")
        .await
        .unwrap();
    assert!(!mailer.delivers());
    assert_eq!(mail::deliver_pending(&db, &mailer, 10).await.unwrap(), 0);
    let stored = outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.sent_at, stored.attempts), (None, 0));
}

#[tokio::test]
async fn an_unreachable_server_leaves_the_mail_pending_with_the_reason() {
    let db = fresh_db().await;
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::new(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "noreply@pratica.example",
    )
    .unwrap();
    mail::queue(db.write(), "x@example.org", "Oggetto", "Testo")
        .await
        .unwrap();
    assert_eq!(mail::deliver_pending(&db, &mailer, 10).await.unwrap(), 0);
    let stored = outbox::Entity::find()
        .one(db.read())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.sent_at, None);
    assert_eq!(stored.attempts, 1);
    assert!(stored.last_error.is_some());
}

#[test]
fn bad_mail_settings_are_refused_at_start() {
    assert!(Mailer::new(None, "not an address").is_err());
    assert!(Mailer::new(Some("ftp://nope"), "noreply@pratica.example").is_err());
}
