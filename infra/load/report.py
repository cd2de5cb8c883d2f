"""Writes docs/performance.md from the results of infra/load/run (argv[1]) to argv[2]."""
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

results, target = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from cpu_budget import spent  # noqa: E402  (beside this script)


def stats(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    return json.loads(subprocess.check_output([sys.executable, os.path.join(here, "gatling_stats.py"), path]))


def read(name, default=""):
    path = os.path.join(results, name)
    return open(path).read().strip() if os.path.exists(path) else default


def ms(value):
    return "–" if value is None or value == float("inf") else f"{value:.0f} ms"


def machine():
    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read()).group(1))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = ""
    with open("/proc/cpuinfo") as cpuinfo:
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read())
        cpu = found.group(1).strip() if found else platform.processor()
    return f"{cores} cores ({cpu}), {kib / 1024 / 1024:.0f} GiB memory, {java}, {platform.system()} {platform.release()}"


steps = []
for path in sorted(glob.glob(os.path.join(results, "WritePath-*-step.txt")), key=lambda p: int(p.split("-")[1])):
    rate = int(os.path.basename(path).split("-")[1])
    steps.append((rate, stats(os.path.basename(path))))
best = int(read("write-best-rate.txt", "0") or 0)
best_stats = dict(steps).get(best)
lowest = steps[0] if steps else None
pgbench = read("pgbench.txt")
tps_match = re.search(r"tps = ([\d.]+)", pgbench)
tps = float(tps_match.group(1)) if tps_match else None
pg_latency = re.search(r"latency average = ([\d.]+) ms", pgbench)
ratio = (best_stats["rps"] / tps) if best_stats and tps else None

reads = []
for rate in (50, 100, 200):
    gateway, nginx = stats(f"ReadPath-{rate}-gateway.txt"), stats(f"ReadPath-{rate}-nginx.txt")
    if gateway and nginx:
        reads.append((rate, gateway, nginx))
booking = json.loads(read("booking-contention.json", "{}") or "{}")
footprint = dict(kv.split("=") for kv in read("footprint.txt").split()) if read("footprint.txt") else {}
load_rss = read("load-rss.txt", "")

lines = []
add = lines.append
add("# Performance")
add("")
add(f"Measured on {datetime.date.today().isoformat()} by `infra/load/run` on {machine()}. Every figure comes with its")
add("baseline measured in the same run on the same machine, because absolute numbers on a shared 2-core machine are")
add("noisy. Gatling's HTML reports of this run are build output in `infra/load/target/gatling/`.")
add("")
add("Reproduce: `infra/load/run` (needs only a JDK; it installs nginx and the PostgreSQL client from Debian if")
add("missing, builds, starts the local stack, runs everything, stops the stack and rewrites this file).")
add("")
add("Load model: Gatling's Java DSL with open injection (`constantUsersPerSec`: new requests arrive at a fixed rate")
add("whether or not earlier ones were answered), except the booking burst (`atOnceUsers(200)`). Latencies are")
add("Gatling's percentiles of the successful responses; the rate is the achieved mean throughput.")
add("")
add("## Summary")
add("")
add("| # | Benchmark | KetaClinic | Baseline, same run | Ratio or figure | Target | Met |")
add("|---|---|---|---|---|---|---|")
if best_stats and tps:
    add(f"| 1 | Write path: intake submissions through the gateway, highest rate with p99 < 100 ms | {best_stats['rps']:.1f}/s "
        f"(p50 {ms(best_stats['p50'])}, p95 {ms(best_stats['p95'])}, p99 {ms(best_stats['p99'])}) | pgbench, same rows and server, "
        f"10 connections: {tps:.0f} tps (mean {pg_latency.group(1) if pg_latency else '?'} ms) | {ratio:.3f} | ≥ 0.25 | "
        f"{'yes' if ratio >= 0.25 else 'no'} |")
elif lowest and tps:
    rate, s = lowest
    add(f"| 1 | Write path: intake submissions through the gateway, highest rate with p99 < 100 ms | none: at the lowest "
        f"step, {rate}/s, p50 {ms(s['p50'])}, p95 {ms(s['p95'])}, p99 {ms(s['p99'])} | pgbench, same rows and server, "
        f"10 connections: {tps:.0f} tps (mean {pg_latency.group(1) if pg_latency else '?'} ms) | < {rate / tps:.3f} | "
        f"≥ 0.25 | no |")
else:
    add("| 1 | Write path | not measured in this run | | | ≥ 0.25 | – |")
for rate, gateway, nginx in reads:
    through = gateway["rps"] / nginx["rps"] if nginx["rps"] else 0
    added = (gateway["p50"] or 0) - (nginx["p50"] or 0)
    add(f"| 2 | Read through the gateway vs nginx at {rate}/s offered | {gateway['rps']:.1f}/s, p50 {ms(gateway['p50'])}, "
        f"p99 {ms(gateway['p99'])}, {gateway['ko']} errors | nginx: {nginx['rps']:.1f}/s, p50 {ms(nginx['p50'])}, "
        f"p99 {ms(nginx['p99'])}, {nginx['ko']} errors | throughput {through:.2f}, p50 +{added:.0f} ms | ≥ 0.8, ≤ +1 ms | "
        f"{'yes' if through >= 0.8 and added <= 1 else 'no'} |")
pipelines = sorted(glob.glob(os.path.join(results, "event-pipeline-*.json")), key=lambda p: -int(re.search(r"(\d+)\.json", p).group(1)))
for path in pipelines:
    e = json.load(open(path))
    runs = stats(f"EventPipeline-{int(e['rate'])}.txt")
    errors = f", {runs['ko']} of {runs['requests']} intakes refused" if runs and runs["ko"] else ""
    met = e["p99Ms"] is not None and e["p99Ms"] <= 250 and not errors
    add(f"| 3 | Event pipeline: intake 201 to `ScreeningAssessed` readable on Kafka, {e['rate']:.0f} intakes/s offered "
        f"for 30 s | p50 {e['p50Ms']} ms, p95 {e['p95Ms']} ms, p99 {e['p99Ms']} ms ({e['assessed']} of {e['accepted']} "
        f"accepted intakes assessed{errors}) | – | – | p99 ≤ 250 ms at 50/s | "
        f"{('yes' if met else 'no') if int(e['rate']) == 50 else '–'} |")
if not pipelines:
    add("| 3 | Event pipeline: intake 201 to `ScreeningAssessed` on Kafka | not measured in this run | | | p99 ≤ 250 ms at 50/s | – |")
if booking:
    exact = booking["created"] == 20 and booking["conflicts"] == 180 and booking["overlaps"] == 0 and booking["other"] == 0
    add(f"| 4 | Booking under contention: 200 requests at once for 20 free chair-slots | {booking['created']} booked, "
        f"{booking['conflicts']} refused with 409, {booking['other']} other answers, {booking['overlaps']} overlaps | "
        f"– | all answered in {booking['allAnsweredMs']} ms | 20 / 180 / 0 overlaps | {'yes' if exact else 'no'} |")
dispatch = json.loads(read("message-dispatch.json", "{}") or "{}")
if dispatch:
    db, sms, email, base = dispatch["database"], dispatch["sms"], dispatch["email"], dispatch["baseline"]
    total = dispatch["messages"]
    exact = (db["sent"] == total and db["deliveriesNotSent"] == 0 and sms["received"] + email["received"] == total
             and sms["distinctLinks"] + email["distinctLinks"] == total and email["distinctMessageIds"] == email["received"]
             and sms["sinkTotalSinceStart"] == sms["received"])
    add(f"| 5 | Message dispatch: {total:,} check-in links due at once (half SMS, half email), follow-up stopped "
        f"and restarted when half were out | {dispatch['messagesPerSecond']}/s over {dispatch['dispatchSeconds']} s "
        f"({dispatch.get('messagesPerSecondWithoutRestart', '–')}/s without the {dispatch.get('restartSeconds', '–')} s "
        f"restart); received: {sms['received']:,} texts + {email['received']:,} emails, {sms['distinctLinks'] + email['distinctLinks']:,} "
        f"distinct links, {email['distinctMessageIds']:,} distinct Message-IDs, {sms['resendsRecognisedByKey']} resends "
        f"recognised by key | {base['messages']:,} messages sent straight to the same mail server and SMS sink by "
        f"as many threads: {base['messagesPerSecond']}/s | {dispatch.get('messagesPerSecondWithoutRestart', 0) / base['messagesPerSecond']:.2f} "
        f"of the sinks' rate | exactly {total:,}, no duplicates | {'yes' if exact else 'no'} |")
else:
    add("| 5 | Message dispatch: 100,000 due messages with a restart | not measured in this run | | | exactly 100,000 | – |")
jmh = json.loads(read("jmh.json", "[]") or "[]")
if jmh:
    metric = jmh[0]["primaryMetric"]
    add(f"| 6 | Screening rule evaluation: one assessment, every rule, cycling through the ten vignettes (JMH, "
        f"{jmh[0]['measurementIterations']} × {jmh[0]['measurementTime']}, {jmh[0]['forks']} fork) | "
        f"{metric['score']:.2f} ± {metric['scoreError']:.2f} µs | – | – | < 50 µs | {'yes' if metric['score'] < 50 else 'no'} |")
else:
    add("| 6 | Screening rule evaluation (JMH) | not measured in this run | | | < 50 µs | – |")
if footprint:
    add(f"| 7 | Footprint: run command to all-healthy; resident memory of the whole stack | {footprint.get('healthy_seconds')} s; "
        f"{footprint.get('idle_rss_mb')} MB idle, {load_rss or '?'} MB under the write load | – | – | – | – |")
add("")
if steps:
    add("## Write path, step by step")
    add("")
    add("Each step offers a constant arrival rate for 30 s; the search stops at the first step that misses p99 < 100 ms")
    add("or has errors.")
    add("")
    add("| Offered | Achieved | p50 | p95 | p99 | Errors |")
    add("|---|---|---|---|---|---|")
    for rate, s in steps:
        add(f"| {rate}/s | {s['rps']:.1f}/s | {ms(s['p50'])} | {ms(s['p95'])} | {ms(s['p99'])} | {s['ko']} of {s['requests']} |")
    add("")
cpu_files = [os.path.join(results, f"cpu-{n}.json") for n in ("idle-start", "idle-end", "load-start", "load-end")]
cpu_run = stats("WritePath-10-cpu.txt")
if all(os.path.exists(f) for f in cpu_files) and cpu_run and cpu_run["ok"]:
    idle_start, idle_end, load_start, load_end = (json.load(open(f)) for f in cpu_files)
    idle, idle_seconds = spent(idle_start, idle_end)
    load, load_seconds = spent(load_start, load_end)
    rows = []
    for name, seconds in load.items():
        beyond_idle = max(0.0, seconds - idle.get(name, 0.0) / idle_seconds * load_seconds)
        rows.append((beyond_idle * 1000 / cpu_run["ok"], name, idle.get(name, 0.0) / idle_seconds * 100))
    rows.sort(reverse=True)
    per_intake = sum(r[0] for r in rows)
    add("## CPU per intake, by process")
    add("")
    add(f"CPU time each process of the stack spent during {cpu_run['ok']} intake submissions at 10/s "
        f"({load_seconds:.0f} s), minus what it spends when idle (measured warm, for {idle_seconds:.0f} s just before), "
        "divided by the submissions: what one intake costs the whole platform, every consumer and relay included. "
        "The load generator is not counted.")
    add("")
    add("| Process | CPU per intake | Idle, share of one core |")
    add("|---|---|---|")
    for cost, name, idle_share in rows:
        add(f"| {name} | {cost:.1f} ms | {idle_share:.1f}% |")
    add(f"| **all** | **{per_intake:.1f} ms** | {sum(r[2] for r in rows):.1f}% |")
    add("")
    add(f"On {os.cpu_count()} cores that is at most {os.cpu_count() * 1000 / per_intake:.0f} intakes a second with every "
        "core busy and nothing else running, before any queueing.")
    add("")
proxy_cpu = {}
for proxy in ("gateway", "nginx"):
    files = [os.path.join(results, f"cpu-read-{proxy}-{n}.json") for n in ("start", "end")]
    run = stats(f"ReadPath-100-{proxy}.txt")
    if all(os.path.exists(f) for f in files) and run and run["ok"]:
        used, _ = spent(*(json.load(open(f)) for f in files))
        proxy_cpu[proxy] = (used.get(proxy, 0.0) * 1000 / run["requests"], used.get("intake", 0.0) * 1000 / run["requests"])
if len(proxy_cpu) == 2:
    add("## CPU per read, gateway against nginx")
    add("")
    add("CPU time of the proxy process per request during the 100/s read runs (the same intake instance behind "
        "both; its own CPU per request beside it).")
    add("")
    add("| Proxy | Proxy CPU per request | intake CPU per request |")
    add("|---|---|---|")
    for proxy, (own, service) in proxy_cpu.items():
        add(f"| {proxy} | {own:.2f} ms | {service:.2f} ms |")
    add("")
add("## What bounds the figures, and what is still to do")
add("")
add(open(os.path.join(here, "analysis.md")).read().strip())
add("")
with open(target, "w") as out:
    out.write("\n".join(lines))
print("\n".join(lines[:40]))
