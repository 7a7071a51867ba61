//! Secret tokens handed to browsers (session, challenge, reset and invitation links, a refused
//! form's cookie): 256 random bits, stored only as their SHA-256 so a stolen database yields none.
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random token, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What is stored of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
