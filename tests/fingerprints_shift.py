#!/usr/bin/env python3
"""Fingerprints do not move with the lines: lints every fixture case, then the same cases with
ten blank lines prepended to every source file (after a BOM; for JSON, before the value), and
asserts that the (rule, file, fingerprint, message) of every finding is unchanged (numbers in a
message aside: a package's size grows with the lines).
Usage: fingerprints_shift.py MPLINT FIXTURES-DIR WORK-DIR (run by tests/e2e.sh)."""
import json, os, re, shutil, subprocess, sys

mplint, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
SOURCE = (".js", ".ts", ".wxs", ".wxml", ".wxss", ".json")

def cases(root):
    # As the fixture runner sees them: a package folder, else its loose files and each subfolder.
    out = []
    for cat in sorted(os.listdir(root)):
        if cat == "demo":
            out.append("demo")
            continue
        for rule in sorted(os.listdir(os.path.join(root, cat))):
            d = os.path.join(cat, rule)
            if any(os.path.exists(os.path.join(root, d, m)) for m in ("app.json", "project.config.json")):
                out.append(d)
                continue
            subs = sorted(s for s in os.listdir(os.path.join(root, d)) if os.path.isdir(os.path.join(root, d, s)))
            out += [os.path.join(d, s) for s in subs]
            if len(subs) < len(os.listdir(os.path.join(root, d))):
                out += [os.path.join(d, f) for f in sorted(os.listdir(os.path.join(root, d)))
                        if os.path.isfile(os.path.join(root, d, f))]
    return out

def shift(root):
    for dirpath, _, files in os.walk(root):
        for name in files:
            p = os.path.join(dirpath, name)
            if os.path.islink(p) or not name.endswith(SOURCE):
                continue
            data = open(p, "rb").read()
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
            open(p, "wb").write(bom + b"\n" * 10 + data[len(bom):])

def findings(root, case):
    out = subprocess.run([mplint, "check", case, "-f", "sarif", "--fail-on", "never", "-j", "2"],
                         cwd=root, capture_output=True).stdout
    return json.loads(out)["runs"][0]["results"]

def fingerprints(results):
    return sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                   r["partialFingerprints"]["mplint/v1"], re.sub(r"[0-9]+", "#", r["message"]["text"]))
                  for r in results)

def lines(results):
    return sum(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results)

before, after = os.path.join(work, "fx-before", "fixtures"), os.path.join(work, "fx-after", "fixtures")
for d in (before, after):
    shutil.copytree(src, d, symlinks=True)
shift(after)
moved, rules, shifted = [], set(), 0
for case in cases(before):
    ra, rb = findings(before, case), findings(after, case)
    a, b = fingerprints(ra), fingerprints(rb)
    rules |= {f[0] for f in a}
    shifted += lines(rb) - lines(ra)
    if a != b:
        moved += ["%s: %s %s (%s)" % (case, f[0], f[1], f[3]) for f in sorted(set(a) ^ set(b))]
assert len(rules) >= 10, "only these rules fired: %s" % sorted(rules)
assert shifted > 0, "the findings did not move down: nothing was shifted"
assert not moved, "fingerprints moved with the lines:\n" + "\n".join(moved[:20])
