//! Outgoing e-mail. Every message is first written to the `outbox` table, in the same
//! transaction as what caused it, so no acknowledged action loses its mail; delivery over SMTP
//! (lettre) happens after the commit and is retried by the server's background loop. Without
//! SMTP configured, mail stays in the outbox, where admins can read it (the demo works offline).
use chrono::Utc;
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{entities::outbox, Db};
use crate::error::AppError;

/// Delivery is given up after this many failures (the message stays in the outbox).
pub const MAX_ATTEMPTS: i32 = 5;

#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("smtp", &self.transport.is_some())
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// `smtp_url` like `smtp://host:25`, `smtp://user:pass@host:587?tls=required` or
    /// `smtps://user:pass@host`; `None` keeps mail in the outbox.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("sender address {from:?}: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SMTP URL: {e}"))?
                    .build(),
            ),
            None => None,
        };
        Ok(Mailer { transport, from })
    }

    /// Whether messages leave the outbox at all.
    pub fn delivers(&self) -> bool {
        self.transport.is_some()
    }
}

/// Puts a message in the outbox (use the caller's transaction).
pub async fn queue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<i64, AppError> {
    let row = outbox::ActiveModel {
        recipient: Set(recipient.to_owned()),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Sends what is waiting, oldest first, at most `limit` messages. Returns how many were sent.
pub async fn deliver_pending(db: &Db, mailer: &Mailer, limit: u64) -> Result<usize, AppError> {
    let Some(transport) = &mailer.transport else {
        return Ok(0);
    };
    let pending = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db.read())
        .await?;
    let mut sent = 0;
    for mail in pending {
        let outcome = match build(&mailer.from, &mail) {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let update = outbox::Entity::update_many()
            .col_expr(
                outbox::Column::Attempts,
                Expr::col(outbox::Column::Attempts).add(1),
            )
            .filter(outbox::Column::Id.eq(mail.id));
        let update = match &outcome {
            Ok(()) => update.col_expr(outbox::Column::SentAt, Expr::value(Some(Utc::now()))),
            Err(error) => {
                tracing::warn!(id = mail.id, %error, "mail delivery failed");
                update.col_expr(outbox::Column::LastError, Expr::value(Some(error.clone())))
            }
        };
        update.exec(db.write()).await?;
        if outcome.is_ok() {
            sent += 1;
        }
    }
    Ok(sent)
}

fn build(from: &Mailbox, mail: &outbox::Model) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| format!("recipient: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}

/// A message's text for people who are not its recipient (the admins' outbox view): the
/// addresses of links stay, the values of their parameters and any long token in their path are
/// masked, so reading the outbox never hands over someone's reset, verification or invitation.
pub fn with_links_masked(body: &str) -> String {
    use std::sync::LazyLock;
    static LINK: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"https?://[^\s<>]+").expect("a valid pattern"));
    LINK.replace_all(body, |found: &regex::Captures| mask_link(&found[0]))
        .into_owned()
}

fn mask_link(link: &str) -> String {
    let (address, query) = match link.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (link, None),
    };
    let path: Vec<String> = address
        .split('/')
        .enumerate()
        .map(|(i, part)| {
            // After scheme and host, a long run of letters and digits is a token.
            let token =
                i > 2 && part.len() >= 16 && part.chars().all(|c| c.is_ascii_alphanumeric());
            if token {
                "…".to_owned()
            } else {
                part.to_owned()
            }
        })
        .collect();
    let mut masked = path.join("/");
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) => format!("{name}=…"),
                None => pair.to_owned(),
            })
            .collect();
        masked = format!("{masked}?{}", pairs.join("&"));
    }
    masked
}

#[cfg(test)]
mod masking_tests {
    use super::with_links_masked;

    #[test]
    fn links_keep_their_address_and_lose_their_tokens() {
        let body =
            "Apri https://pratica.example/accedi/nuova-password?token=0123abcd&x=1 entro un'ora.\n\
                    Oppure http://localhost:3000/inviti/0123456789abcdef0123 qui.";
        let masked = with_links_masked(body);
        assert!(!masked.contains("0123abcd") && !masked.contains("0123456789abcdef0123"));
        assert!(masked.contains("https://pratica.example/accedi/nuova-password?token=…&x=…"));
        assert!(masked.contains("http://localhost:3000/inviti/… qui."));
        assert!(masked.starts_with("Apri ") && masked.contains(" entro un'ora."));
        assert_eq!(with_links_masked("nessun link"), "nessun link");
    }
}
