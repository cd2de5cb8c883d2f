#!/usr/bin/env python3
"""CPU time of each process of the local stack, from /proc: `snap FILE` writes a snapshot;
report.py turns two snapshots around a load run, and two around an idle wait, into the CPU
each process spends per request beyond its idle work."""
import json
import os
import sys
import time

PROCESSES = [  # (name, substring of the command line), first match wins
    ("gateway", "gateway.jar"), ("intake", "intake-service.jar"), ("screening", "screening-service.jar"),
    ("scheduling", "scheduling-service.jar"), ("follow-up", "followup-service.jar"), ("identity provider", "dev-idp.jar"),
    ("Kafka", "org.ketaclinic.local.KafkaServer"), ("mail server", "org.ketaclinic.local.MailServer"),
    ("SMS sink", "org.ketaclinic.smssink.SmsSink"), ("launcher", "ketaclinic-local.jar"),
]


def snapshot():
    ticks = {}
    hz = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = next((n for n, key in PROCESSES if key in command), None)
        if name is None and command.startswith("postgres"):
            name = "PostgreSQL"  # the server and its backends
        if name is None and command.startswith("nginx"):
            name = "nginx"
        if name is not None:
            ticks[pid] = [name, (int(fields[11]) + int(fields[12])) / hz]
    return {"time": time.time(), "processes": ticks}


def spent(before, after):
    """CPU seconds per process name between two snapshots (processes that ended are lost)."""
    total = {}
    for pid, (name, seconds) in after["processes"].items():
        earlier = before["processes"].get(pid, [name, 0.0])[1]
        total[name] = total.get(name, 0.0) + max(0.0, seconds - earlier)
    return total, after["time"] - before["time"]


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "snap":
        sys.exit("usage: cpu_budget.py snap FILE")
    with open(sys.argv[2], "w") as f:
        json.dump(snapshot(), f)
