#!/usr/bin/env python3
"""Reads oha's JSON report on stdin and prints: req/s, p50 ms, p99 ms, success %."""
import json
import sys

report = json.load(sys.stdin)
summary, percentiles = report["summary"], report["latencyPercentiles"]
print(
    f"{summary['requestsPerSec']:.0f} {percentiles['p50'] * 1000:.2f} "
    f"{percentiles['p99'] * 1000:.2f} {summary['successRate'] * 100:.1f}"
)
