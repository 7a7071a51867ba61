#!/usr/bin/env python3
"""Durability: kill -9 the server during a burst of concurrent writes, restart it, and check that
every acknowledged write is there and that SQLite's integrity check passes. Repeats N rounds.

Usage: durability.py SERVER_BINARY SITE_ROOT [ROUNDS]
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PORT = int(os.environ.get("PRATICA_BENCH_PORT", "3201"))
BASE = f"http://127.0.0.1:{PORT}"
WRITERS = 16


def start(binary, site_root, data_dir):
    env = dict(os.environ)
    env.update(
        PRATICA_ADDR=f"127.0.0.1:{PORT}",
        PRATICA_DATA_DIR=data_dir,
        PRATICA_BENCH="1",
        LEPTOS_SITE_ROOT=site_root,
        RUST_LOG="error",
    )
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not become healthy")


def writer(round_no, worker, acknowledged, stop, lock):
    n = 0
    while not stop.is_set():
        name = f"Durabilita r{round_no} w{worker} n{n}"
        n += 1
        data = urllib.parse.urlencode({"name": name, "description": "scrittura di prova"}).encode()
        try:
            req = urllib.request.Request(f"{BASE}/_bench/themes", data=data, method="POST")
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 201:
                    with lock:
                        acknowledged.append(name)
        except Exception:
            # The server died mid-request: this write was never acknowledged.
            if stop.is_set():
                return
            time.sleep(0.01)


def main():
    binary, site_root = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    data_dir = tempfile.mkdtemp(prefix="pratica-durability-")
    db_path = os.path.join(data_dir, "pratica.db")
    total_ack = 0
    lost_total = 0
    try:
        for round_no in range(1, rounds + 1):
            proc = start(binary, site_root, data_dir)
            acknowledged, lock, stop = [], threading.Lock(), threading.Event()
            threads = [
                threading.Thread(target=writer, args=(round_no, w, acknowledged, stop, lock))
                for w in range(WRITERS)
            ]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.5, 1.5))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            stop.set()
            for t in threads:
                t.join()
            # Restart: the server reopens (and recovers) the database.
            proc = start(binary, site_root, data_dir)
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            con = sqlite3.connect(db_path)
            stored = {row[0] for row in con.execute("SELECT name FROM themes")}
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.close()
            lost = [name for name in acknowledged if name not in stored]
            total_ack += len(acknowledged)
            lost_total += len(lost)
            print(
                f"  round {round_no:2}: {len(acknowledged):5} acknowledged writes, "
                f"{len(lost)} lost, integrity_check={integrity}"
            )
            if lost or integrity != "ok":
                raise SystemExit("DURABILITY FAILURE")
        print(f"durability: {rounds} kill -9 rounds, {total_ack} acknowledged writes, {lost_total} lost, integrity ok")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
