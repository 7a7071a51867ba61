//! Benchmark (run by bench/run): how long one argon2id hash and one verification take here with
//! Pratica's parameters, and how many sign-ins per second one core can check.
use std::time::Instant;

use app::server::passwords::{hash_now, verify_now, ITERATIONS, MEMORY_KIB, PARALLELISM};

fn main() {
    let rounds = 20;
    let mut hash_ms = Vec::new();
    let mut verify_ms = Vec::new();
    let mut hash = String::new();
    for i in 0..rounds {
        let password = format!("una frase di prova numero {i}");
        let start = Instant::now();
        hash = match hash_now(&password) {
            Ok(hash) => hash,
            Err(err) => panic!("hash failed: {err}"),
        };
        hash_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        assert!(verify_now(&password, &hash));
        verify_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    hash_ms.sort_by(f64::total_cmp);
    verify_ms.sort_by(f64::total_cmp);
    let median = |v: &[f64]| v[v.len() / 2];
    println!(
        "  argon2id m={MEMORY_KIB} KiB, t={ITERATIONS}, p={PARALLELISM} ({} chars stored)",
        hash.len()
    );
    println!(
        "  one hash: median {:.1} ms (min {:.1}, max {:.1}); one verification: median {:.1} ms",
        median(&hash_ms),
        hash_ms[0],
        hash_ms[rounds - 1],
        median(&verify_ms)
    );
    println!(
        "  about {:.0} sign-in checks per second per core",
        1000.0 / median(&verify_ms)
    );
}
