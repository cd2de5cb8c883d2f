"""Reads the figures of one Gatling run from its console summary ("Global Information") as JSON."""
import json
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
block = text[text.rfind("---- Global Information"):]


def row(label):
    match = re.search(r"> " + re.escape(label) + r"[^|]*\|\s*([\d,.]+|-)\s*\|\s*([\d,.]+|-)\s*\|\s*([\d,.]+|-)", block)
    if not match:
        return None
    return [None if v == "-" else float(v.replace(",", "")) for v in match.groups()]


count = row("request count")
result = {
    "requests": int(count[0]) if count else 0,
    "ok": int(count[1] or 0) if count else 0,
    "ko": int(count[2] or 0) if count else 0,
    "p50": (row("response time 50th percentile") or [None, None])[1],
    "p95": (row("response time 95th percentile") or [None, None])[1],
    "p99": (row("response time 99th percentile") or [None, None])[1],
    # successful responses per second; "offered" counts every request sent
    "rps": ((row("mean throughput") or [None, None])[1]) or 0.0,
    "offered": (row("mean throughput") or [None])[0],
}
if result["p99"] is None:
    result["p99"] = float("inf")
report = re.search(r"file://(\S+)/index.html", text)
result["report"] = report.group(1) if report else None
print(json.dumps(result))
