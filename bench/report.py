"""Writes RESULTS.md from what bench/run measured (standard library only).

Usage: bench/report.py RESULTS_DIR OUTPUT
  RESULTS_DIR holds meta.tsv (KEY<TAB>VALUE), cases.tsv (ID<TAB>LABEL<TAB>COMMAND), and per case
  ID.json (hyperfine --export-json) and ID.rss (peak RSS in KiB from /usr/bin/time -v).
"""
import json
import os
import sys

results, output = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))


def read_tsv(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


meta = {row[0]: row[1] if len(row) > 1 else "" for row in read_tsv("meta.tsv")}
cases = {}
for case_id, label, command, prepare, busy, elapsed in (row + [""] * (6 - len(row)) for row in read_tsv("cases.tsv")):
    with open(os.path.join(results, case_id + ".json"), encoding="utf-8") as f:
        r = json.load(f)["results"][0]
    with open(os.path.join(results, case_id + ".rss"), encoding="utf-8") as f:
        rss = f.read().strip()
    times = r["times"]
    # What other work used: the machine's CPU time while hyperfine ran, less this case's own
    # (user + system of every run; hyperfine's own shell calibration is a few milliseconds),
    # over the time hyperfine ran: the number of CPUs busy with something else, on average.
    try:
        own = len(times) * (r["user"] + r["system"])
        others = max(0.0, float(busy) - own) / float(elapsed)
    except (ValueError, ZeroDivisionError, KeyError, TypeError):
        others = None
    cases[case_id] = {
        "label": label,
        "command": command.strip(),
        "prepare": prepare.strip(),
        "others": others,
        "runs": len(times),
        "median": r["median"],
        "mean": r["mean"],
        "stddev": r["stddev"] if r.get("stddev") is not None else 0.0,
        "min": r["min"],
        "max": r["max"],
        "rss_mib": int(rss) / 1024 if rss else None,
    }


def secs(t):
    if t >= 1:
        return "%.2f s" % t
    if t >= 0.01:
        return "%.0f ms" % (t * 1000)
    return "%.1f ms" % (t * 1000)


def mib(c):
    return "%.0f" % c["rss_mib"] if c["rss_mib"] is not None else "?"


def table(ids, missing=()):
    """Rows for the cases measured; `missing` are (label, reason) rows for the ones that were not."""
    out = [
        "| case | runs | median | mean ± σ | min … max | peak RSS (MiB) | other work (CPUs) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for i in ids:
        if i not in cases:
            continue
        c = cases[i]
        if c["runs"] > 1:
            spread = ("%s ± %s" % (secs(c["mean"]), secs(c["stddev"])), "%s … %s" % (secs(c["min"]), secs(c["max"])))
        else:
            spread = ("—", "—")
        out.append("| %s | %d | **%s** | %s | %s | %s | %s |" % (
            c["label"], c["runs"], secs(c["median"]), spread[0], spread[1], mib(c),
            "%.2f" % c["others"] if c["others"] is not None else "?"))
    for label, reason in missing:
        out.append("| %s | — | %s | | | | |" % (label, reason))
    return out


def verdict(ok):
    return "met" if ok else "missed"


lines = [
    "# Benchmark results",
    "",
    "Written by `bench/run`%s on %s; run it again to replace this file (README.md, "
    "\"Benchmark\", says what it measures)." % (
        " --quick" if meta.get("copies") == "1" else "", meta.get("date", "?")),
    "",
    "## Machine",
    "",
    "- %s CPUs (`nproc`), %s, %s RAM, %s" % (
        meta.get("nproc", "?"), meta.get("cpu", "?"), meta.get("memory", "?"), meta.get("kernel", "?")),
    "- load average (1, 5, 15 min): %s before the bench, %s after it%s" % (
        meta.get("load_before", "?"), meta.get("load_after", "?"),
        " — something else was using the CPU (above 1.5 before, or 2.5 after: the last case "
        "itself keeps one CPU busy), the times are slower than on an idle machine"
        if float((meta.get("load_before") or "0").split()[0]) > 1.5
        or float((meta.get("load_after") or "0").split()[0]) > 2.5 else ""),
    "- %s (commit %s); %s; Node.js %s; %s; libtree-sitter %s" % (
        meta.get("mplint", "?"), meta.get("commit", "?"), meta.get("hyperfine", "?"),
        meta.get("node", "?"), meta.get("cc", "?"), meta.get("tree_sitter", "?")),
]
if "eslint" in meta:
    lines.append("- ESLint %s with @eslint/js and eslint-plugin-wxml; oxlint %s (`bench/tools/package-lock.json`)"
                 % (meta["eslint"], meta.get("oxlint", "?")))

try:
    with open(os.path.join(here, "corpus", "package.json"), encoding="utf-8") as f:
        deps = json.load(f)["dependencies"]
    pinned = ", ".join("%s %s" % (k, v) for k, v in sorted(deps.items()))
except (OSError, ValueError, KeyError):
    pinned = "?"
files = int(meta.get("corpus_files", "0"))
size = int(meta.get("corpus_bytes", "0"))
lines += [
    "",
    "## Corpus",
    "",
    "%s cop%s (%s) of %s (for wux-weapp its `example/` app), from "
    "`bench/corpus/package-lock.json`: **%d files, %.1f MB** (%.1f MiB), of which %s `.js`/`.wxss` "
    "and %s `.js`/`.wxml`." % (
        meta.get("copies", "?"), "y" if meta.get("copies") == "1" else "ies",
        "c1" if meta.get("copies") == "1" else "c1 … c%s" % meta.get("copies", "?"),
        pinned, files, size / 1e6, size / 1048576, meta.get("corpus_js_wxss", "?"),
        meta.get("corpus_js_wxml", "?")),
]
if "mplint_files" in meta:
    lines += [
        "",
        "What each tool read, from a checked run before the timed ones:",
        "",
        "- mplint: %s" % meta["mplint_files"],
        "- parse only: %s" % meta.get("parse_only_files", "?"),
        "- ESLint: %s" % meta.get("eslint_files", "?"),
        "- oxlint: %s" % meta.get("oxlint_files", "?"),
    ]

corpus_ids = ["mplint-j2", "mplint-j1", "mplint-warm", "mplint-edit", "parse-only", "oxlint", "eslint"]
if meta.get("micro_only") != "1":
    missing = []
    if meta.get("cache") != "1":
        missing = [("mplint check -j 2, warm cache", "not measured: no cache yet"),
                   ("mplint check -j 2, warm cache, one JS file changed", "not measured: no cache yet")]
    lines += [
        "",
        "## The corpus, side by side",
        "",
        "Wall time with hyperfine, after one untimed run of each tool (which also checks that it "
        "lints the corpus); peak RSS is the highest of the timed runs, each run under "
        "`/usr/bin/time -v`. \"Other work\" is how many of the %s CPUs, on average, were busy "
        "with something else while the case ran (the machine's CPU time from /proc/stat less the "
        "case's own): near 0 on a quiet machine; more means the case may have waited for a CPU and its "
        "times are slower than on an idle machine. " % meta.get("nproc", "?") + 
        "Cold: %s, ESLint's cache is off by default, oxlint has none." % (
            "mplint with `--no-cache` or an empty `--cache-dir`" if meta.get("cache") == "1"
            else "mplint has no cache yet"),
        "",
    ]
    lines += table(corpus_ids, missing)

    c = cases
    rows = []
    if "mplint-j2" in c and "parse-only" in c:
        r = c["mplint-j2"]["median"] / c["parse-only"]["median"]
        rows.append(("mplint `-j 2` cold / tree-sitter parse only, 1 thread", "%.2f" % r, "≤ 0.75", verdict(r <= 0.75)))
    if "eslint" in c and "mplint-j2" in c:
        r = c["eslint"]["median"] / c["mplint-j2"]["median"]
        rows.append(("ESLint / mplint `-j 2` cold", "%.1f" % r, "≥ 20", verdict(r >= 20)))
    if "mplint-warm" in c and "oxlint" in c:
        r = c["mplint-warm"]["median"] / c["oxlint"]["median"]
        rows.append(("mplint warm-cache re-check / oxlint cold", "%.2f" % r, "< 1", verdict(r < 1)))
    else:
        rows.append(("mplint warm-cache re-check / oxlint cold", "—", "< 1", "not measured: no cache yet"))
    mplint_rss = [c[i]["rss_mib"] for i in ("mplint-j2", "mplint-j1", "mplint-warm", "mplint-edit")
                  if i in c and c[i]["rss_mib"] is not None]
    if mplint_rss:
        m = max(mplint_rss)
        rows.append(("peak memory of mplint (highest of its rows above)", "%.0f MiB" % m, "< 128 MiB", verdict(m < 128)))
    lines += [
        "",
        "## Targets (issue #11)",
        "",
        "| measure (medians) | value | target | |",
        "|---|---:|---:|---|",
    ]
    lines += ["| %s | %s | %s | %s |" % row for row in rows]
    if any(row[3] == "missed" for row in rows):
        lines += [
            "",
            "Where a target is missed, [PROFILE.md](PROFILE.md) says what bounds it: where the "
            "time of a cold run goes, measured with `perf`.",
        ]

lines += [
    "",
    "## Micro cases",
    "",
    "What a pre-commit hook, an editor and a huge generated file cost, measured the same way. "
    "The 6 MB file is one line with a user YAML rule matching 150 000 identifiers in it; its "
    "SARIF report gets one run.",
    "",
]
lines += table(["micro-one", "micro-stdin", "micro-big-json", "micro-big-sarif"])
lines += ["", "## Commands", "", "`CORPUS` is `bench/.work/corpus-x%s`, `WORK` is `bench/.work`." % meta.get("copies", "?"), ""]
top = os.path.dirname(here)
work = os.path.join(here, ".work")
corpus = os.path.join(work, "corpus-x%s" % meta.get("copies", "?"))
for i in corpus_ids + ["micro-one", "micro-stdin", "micro-big-json", "micro-big-sarif"]:
    if i in cases:
        cmd = cases[i]["command"].replace(corpus, "CORPUS").replace(work, "WORK").replace(top + "/", "")
        prep = cases[i]["prepare"].replace(corpus, "CORPUS").replace(work, "WORK").replace(top + "/", "")
        lines.append("- %s: `%s`%s" % (cases[i]["label"], cmd,
                                       " (before each run: `%s`)" % prep if prep else ""))

with open(output, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
