//! Live fan-out benchmark client (run by `bench/live`, not a test). Holds N server-sent-event
//! subscribers on one poll of a running server, reads the server's memory before and after,
//! then casts votes one at a time and measures, for every subscriber, the time from sending the
//! vote to receiving its `results` event. Prints one line per N:
//! `N rss_before_kib rss_after_kib per_subscriber_kib p50_ms p95_ms max_ms received/expected`.
//!
//! Arguments (all required, in order): address (`127.0.0.1:3300`), server pid, subscriber
//! cookie, voter cookie, poll id, two option ids (`12,13`), subscriber counts (`1000,5000`),
//! votes per count.
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    sync::{mpsc, Semaphore},
};

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// One subscriber: opens the stream, reports when it is open, then reports every `results`
/// event after the opening one.
async fn subscribe(
    addr: String,
    cookie: Arc<str>,
    poll: i32,
    permit: tokio::sync::OwnedSemaphorePermit,
    opened: mpsc::UnboundedSender<()>,
    received: mpsc::UnboundedSender<Instant>,
) {
    let mut permit = Some(permit);
    let Ok(mut stream) = TcpStream::connect(&addr).await else {
        return;
    };
    let _ = stream.set_nodelay(true);
    let request = format!(
        "GET /live?topic=poll:{poll} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).await.is_err() {
        return;
    }
    let mut buf = vec![0u8; 2048];
    let mut seen = 0usize;
    let mut opened_sent = false;
    loop {
        let Ok(n) = stream.read(&mut buf).await else {
            return;
        };
        if n == 0 {
            return;
        }
        let chunk = &buf[..n];
        let events = chunk
            .windows(14)
            .filter(|w| *w == b"event: results")
            .count();
        for _ in 0..events {
            seen += 1;
            if seen == 1 {
                // The opening state: the stream is live.
                if !opened_sent {
                    let _ = opened.send(());
                    opened_sent = true;
                    // The permit limits connections being opened at once, not those held.
                    drop(permit.take());
                }
            } else {
                let _ = received.send(Instant::now());
            }
        }
    }
}

async fn vote(addr: &str, cookie: &str, poll: i32, option: i32) {
    let body = format!("poll_id={poll}&choice%5B%5D={option}");
    let request = format!(
        "POST /api/vota-sondaggio HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if let Ok(mut stream) = TcpStream::connect(addr).await {
        let _ = stream.write_all(request.as_bytes()).await;
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink).await;
        if !sink.starts_with(b"HTTP/1.1 2") && !sink.starts_with(b"HTTP/1.1 3") {
            eprintln!(
                "vote refused: {}",
                String::from_utf8_lossy(&sink[..sink.len().min(300)])
            );
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, pid, sub_cookie, vote_cookie, poll, options, counts, votes] = args.as_slice() else {
        eprintln!("usage: live_fanout ADDR PID SUB_COOKIE VOTE_COOKIE POLL OPT1,OPT2 N1,N2 VOTES");
        std::process::exit(2);
    };
    let pid: u32 = pid.parse().expect("pid");
    let poll: i32 = poll.parse().expect("poll");
    let options: Vec<i32> = options
        .split(',')
        .map(|o| o.parse().expect("option"))
        .collect();
    let votes: usize = votes.parse().expect("votes");
    let sub_cookie: Arc<str> = sub_cookie.as_str().into();
    for n in counts
        .split(',')
        .map(|c| c.parse::<usize>().expect("count"))
    {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let before = rss_kib(pid);
        let (opened_tx, mut opened_rx) = mpsc::unbounded_channel();
        let (received_tx, mut received_rx) = mpsc::unbounded_channel();
        let gate = Arc::new(Semaphore::new(256));
        let mut tasks = Vec::with_capacity(n);
        for _ in 0..n {
            let permit = gate.clone().acquire_owned().await.expect("semaphore");
            let (addr, cookie) = (addr.clone(), sub_cookie.clone());
            let (opened, received) = (opened_tx.clone(), received_tx.clone());
            tasks.push(tokio::spawn(subscribe(
                addr, cookie, poll, permit, opened, received,
            )));
        }
        let mut open = 0;
        let deadline = Instant::now() + Duration::from_secs(120);
        while open < n && Instant::now() < deadline {
            if let Ok(Some(())) =
                tokio::time::timeout(Duration::from_secs(5), opened_rx.recv()).await
            {
                open += 1;
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = rss_kib(pid);
        let mut latencies = Vec::new();
        let mut expected = 0;
        for v in 0..votes {
            while received_rx.try_recv().is_ok() {}
            let option = options[v % options.len()];
            let sent = Instant::now();
            vote(addr, vote_cookie, poll, option).await;
            expected += open;
            let mut got = 0;
            while got < open {
                match tokio::time::timeout(Duration::from_secs(5), received_rx.recv()).await {
                    Ok(Some(at)) => {
                        latencies.push(at.duration_since(sent).as_secs_f64() * 1000.0);
                        got += 1;
                    }
                    _ => break,
                }
            }
        }
        latencies.sort_by(|a, b| a.total_cmp(b));
        let per = if open > 0 {
            (after.saturating_sub(before)) as f64 / open as f64
        } else {
            f64::NAN
        };
        println!(
            "{open} {before} {after} {per:.1} {:.1} {:.1} {:.1} {}/{}",
            percentile(&latencies, 50.0),
            percentile(&latencies, 95.0),
            latencies.last().copied().unwrap_or(f64::NAN),
            latencies.len(),
            expected
        );
        for task in tasks {
            task.abort();
        }
        // Let the server notice the closed connections before the next round.
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
}
