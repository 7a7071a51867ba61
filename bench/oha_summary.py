#!/usr/bin/env python3
"""Reads oha's JSON report on stdin and prints: req/s, p50 ms, p99 ms, success %; or, with
--latency, p50 ms, p95 ms and p99 ms."""
import json
import sys

report = json.load(sys.stdin)
summary, percentiles = report["summary"], report["latencyPercentiles"]
if "--latency" in sys.argv:
    print(
        f"{percentiles['p50'] * 1000:.2f} {percentiles['p95'] * 1000:.2f} "
        f"{percentiles['p99'] * 1000:.2f}"
    )
else:
    print(
        f"{summary['requestsPerSec']:.0f} {percentiles['p50'] * 1000:.2f} "
        f"{percentiles['p99'] * 1000:.2f} {summary['successRate'] * 100:.1f}"
    )
