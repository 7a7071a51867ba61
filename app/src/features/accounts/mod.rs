//! Accounts: signing in and out, sessions, sign-up, invitations, e-mail verification, password
//! reset and the second factor (TOTP with recovery codes). Profiles are the directory's
//! (`network`); disabling accounts is the staff console's.
//!
//! - Sessions live in the `sessions` table (token stored as SHA-256; members idle 7 days,
//!   absolute 30; staff and admins 2 hours and 12, `SessionPolicy`), so any instance serves any
//!   request; the server's middleware checks the cookie with `service::viewer_for_token` and pages
//!   read it through `server::session`.
//! - Sign-in failures are counted per IP and per account and answered 429 with `Retry-After`;
//!   unknown accounts and wrong passwords get the same answer in the same time (a dummy argon2).
//! - With a second factor, a correct password opens a five-minute challenge (`/accedi/codice`);
//!   only the code opens a session. Staff and admins must turn it on before their powers work
//!   (`server::access::require_team`), and the powers come from the *session* having passed it;
//!   they cannot turn it off. Turning it on, new recovery codes and turning it off need the
//!   password typed again in the session within five minutes (`reauthentication`). Its secrets
//!   are sealed with the server's key (`server::secrets`).
//! - Signing up on one's own and inviting an address answer the same whether or not the address
//!   has an account; the mail says what happened (decision 0009).
//! - Invitation, sign-up, reset and verification links carry 256-bit random tokens; only their
//!   SHA-256 is stored, and each is claimed with a conditional update, so it works once.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password_policy;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
