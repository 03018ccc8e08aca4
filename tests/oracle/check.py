"""tests/oracle.sh: mplint's syntax/parse-error verdicts against WeChat's compilers, node and
strict JSON on every .wxml/.wxss/.js/.json file of the real-world packages and of fixtures/.
A file passes when both accept, or both reject with mplint's line within 1 of the oracle's.
Disagreements listed in tests/oracle/exceptions.tsv (path, kind, why) are intended."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

TOP = oracle.TOP


def package_files(pkg):
    """Files to judge under pkg, nested node_modules and dot-folders left out."""
    out = []
    for d, dirs, files in os.walk(pkg):
        dirs[:] = sorted(x for x in dirs if x != "node_modules" and not x.startswith("."))
        out += [os.path.join(d, f) for f in sorted(files) if oracle.lang_of(f)]
    return out


def packages():
    """(package folder, files): the real-world libraries e2e.sh lints, and each fixture."""
    rw = os.path.join(TOP, "tests", "realworld")
    deps = json.load(open(os.path.join(rw, "package.json")))["dependencies"]
    pkgs = [os.path.join(rw, "node_modules", name) for name in sorted(deps)]
    fx = os.path.join(TOP, "fixtures")
    for cat in sorted(os.listdir(fx)):
        if os.path.isfile(os.path.join(fx, cat, "app.json")):
            pkgs.append(os.path.join(fx, cat))
            continue
        pkgs += [os.path.join(fx, cat, x) for x in sorted(os.listdir(os.path.join(fx, cat)))
                 if os.path.isdir(os.path.join(fx, cat, x))]
    return [(p, package_files(p)) for p in pkgs]


def load_exceptions():
    path = os.path.join(oracle.HERE, "exceptions.tsv")
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            f, kind, why = line.rstrip("\n").split("\t", 2)
            out[os.path.normpath(os.path.join(TOP, f))] = (kind, why)
    return out


def main():
    start = time.time()
    mplint = os.environ.get("MPLINT_BIN", os.path.join(TOP, "build", "mplint"))
    if not os.path.isabs(mplint):
        mplint = os.path.abspath(mplint)
    for tool in (oracle.WCC, oracle.WCSC):
        if not os.access(tool, os.X_OK):
            os.chmod(tool, 0o755)  # npm may drop the executable bit
    pkgs = packages()
    files = {f: oracle.mini_root(f, pkg) for pkg, fs in pkgs for f in fs}
    verdicts = oracle.judge(files)
    got = oracle.mplint_lines(mplint, [[os.path.relpath(f, TOP) for f in fs] for _, fs in pkgs if fs])
    exceptions = load_exceptions()
    passed = failed = skipped = excepted = 0
    stats = {}
    used = set()
    for f in sorted(files):
        rel = os.path.relpath(f, TOP)
        v, lines = verdicts[f], got.get(f, [])
        s = stats.setdefault(oracle.lang_of(f), [0, 0, 0])
        if v[0] == "skip":
            skipped += 1
            s[2] += 1
            print("SKIP %s: %s" % (rel, v[2]))
        elif oracle.compare(v, lines):
            passed += 1
            s[0] += 1
        elif exceptions.get(f, ("",))[0] == oracle.disagreement_kind(v, lines):
            excepted += 1
            used.add(f)
        else:
            failed += 1
            s[1] += 1
            print("DISAGREE %s: %s" % (rel, oracle.describe(v, lines)))
    for f in sorted(set(exceptions) - used):
        print("STALE EXCEPTION %s: no such disagreement any more; remove it from exceptions.tsv" % os.path.relpath(f, TOP))
        failed += 1
    print("per language (agree/disagree/skip): " + ", ".join("%s %d/%d/%d" % (k, *stats[k]) for k in sorted(stats)))
    print("%d files: %d skipped, %d intended differences (exceptions.tsv), %.0f s"
          % (len(files), skipped, excepted, time.time() - start))
    print("oracle: %d passed, %d failed" % (passed + excepted, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
