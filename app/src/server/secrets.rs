//! The server's secret key and what it protects at rest: second-factor (TOTP) secrets are sealed
//! with an AEAD (XChaCha20-Poly1305), recovery codes are kept as a keyed hash (HMAC-SHA-256), so
//! a copy of the database alone opens no account.
//!
//! The key comes from `PRATICA_SECRET_KEY` (64 hex digits), or else from a key file that the
//! first start creates with mode 0600 in the data folder. Every instance of one community needs
//! the same key (configure it when there are several). Two keys are derived from it, one per use,
//! so the sealing key is never used as a hash key.
use std::{io::Write, path::Path, sync::Arc};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chacha20poly1305::{
    aead::{Aead, KeyInit},
    XChaCha20Poly1305, XNonce,
};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::error::AppError;

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "secret.key";
/// Sealed values start with this (a later key or cipher gets a new prefix).
const SEALED_PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;

#[derive(Clone)]
pub struct Secrets {
    inner: Arc<Keys>,
}

struct Keys {
    sealing: XChaCha20Poly1305,
    hashing: [u8; 32],
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(…)")
    }
}

fn derive(master: &[u8; 32], purpose: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).expect("HMAC takes any key size");
    mac.update(purpose.as_bytes());
    mac.finalize().into_bytes().into()
}

fn parse_hex_key(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Secrets {
    /// Secrets from a 256-bit master key.
    pub fn from_key(master: [u8; 32]) -> Secrets {
        let sealing = XChaCha20Poly1305::new(&derive(&master, "pratica totp sealing").into());
        Secrets {
            inner: Arc::new(Keys {
                sealing,
                hashing: derive(&master, "pratica recovery codes"),
            }),
        }
    }

    /// A random key, for tests.
    pub fn random() -> Secrets {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        Secrets::from_key(key)
    }

    /// The configured key (64 hex digits), or else the key file in `data_dir`, created with a
    /// new random key (mode 0600) when missing.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> Result<Secrets, String> {
        if let Some(text) = configured {
            let key = parse_hex_key(text)
                .ok_or("PRATICA_SECRET_KEY must be 64 hexadecimal digits (256 bits)")?;
            return Ok(Secrets::from_key(key));
        }
        let path = data_dir.join(KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let key = parse_hex_key(&text)
                    .ok_or_else(|| format!("{} does not hold a 256-bit key", path.display()))?;
                return Ok(Secrets::from_key(key));
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
        }
        std::fs::create_dir_all(data_dir)
            .map_err(|err| format!("cannot create {}: {err}", data_dir.display()))?;
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let written = options.open(&path).and_then(|mut file| {
            file.write_all(format!("{}\n", hex(&key)).as_bytes())?;
            file.sync_all()
        });
        match written {
            Ok(()) => {
                tracing::info!(file = %path.display(), "created the secret key");
                Ok(Secrets::from_key(key))
            }
            // Another instance created it first: use theirs.
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                Secrets::load(None, data_dir)
            }
            Err(err) => Err(format!("cannot write {}: {err}", path.display())),
        }
    }

    /// `text` sealed: readable only with this key, and any change to it is detected.
    pub fn seal(&self, text: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .inner
            .sealing
            .encrypt(XNonce::from_slice(&nonce), text.as_bytes())
            .expect("sealing a short text cannot fail");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Whether a stored value is sealed (and not an older clear one).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED_PREFIX)
    }

    /// The text of a sealed value. A value sealed with another key, or changed, is a fault.
    pub fn open(&self, sealed: &str) -> Result<String, AppError> {
        let fault = || {
            tracing::error!("a sealed secret cannot be opened (another key, or changed)");
            AppError::Internal
        };
        let encoded = sealed.strip_prefix(SEALED_PREFIX).ok_or_else(fault)?;
        let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| fault())?;
        if bytes.len() <= NONCE_LEN {
            return Err(fault());
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = self
            .inner
            .sealing
            .decrypt(XNonce::from_slice(nonce), sealed)
            .map_err(|_| fault())?;
        String::from_utf8(plain).map_err(|_| fault())
    }

    /// A keyed hash of `text` (hex): the same text gives the same hash with this key only.
    pub fn keyed_hash(&self, text: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.inner.hashing)
            .expect("HMAC takes any key size");
        mac.update(text.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_the_same_key_only() {
        let secrets = Secrets::random();
        let sealed = secrets.seal("JBSWY3DPEHPK3PXP");
        assert!(Secrets::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(secrets.open(&sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        // A new nonce every time.
        assert_ne!(secrets.seal("JBSWY3DPEHPK3PXP"), sealed);
        assert!(Secrets::random().open(&sealed).is_err());
        let mut changed = sealed.clone();
        changed.pop();
        changed.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(secrets.open(&changed).is_err());
        assert!(secrets.open("JBSWY3DPEHPK3PXP").is_err());
    }

    #[test]
    fn keyed_hashes_depend_on_the_key() {
        let secrets = Secrets::random();
        assert_eq!(secrets.keyed_hash("abc"), secrets.keyed_hash("abc"));
        assert_ne!(secrets.keyed_hash("abc"), secrets.keyed_hash("abd"));
        assert_ne!(
            secrets.keyed_hash("abc"),
            Secrets::random().keyed_hash("abc")
        );
    }

    #[test]
    fn the_key_file_is_created_once_private_and_reused() {
        let dir = std::env::temp_dir().join(format!("pratica-key-{}", rand::random::<u64>()));
        let first = Secrets::load(None, &dir).unwrap();
        let again = Secrets::load(None, &dir).unwrap();
        assert_eq!(first.keyed_hash("x"), again.keyed_hash("x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let configured = Secrets::load(Some(&"ab".repeat(32)), &dir).unwrap();
        assert_ne!(configured.keyed_hash("x"), first.keyed_hash("x"));
        assert!(Secrets::load(Some("short"), &dir).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
