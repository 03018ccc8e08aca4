"""scripts/fuzz-oracle: single-edit mutants of real WXML and WXSS files, judged by the syntax
oracle (tests/oracle/oracle.py) and by mplint; prints agreement per language and writes each
disagreement to an output folder for triage. Deterministic for a given seed."""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from check import packages  # noqa: E402

TOKENS = ['"', "'", "{", "}", "{{", "}}", "<", ">", "/", "=", "(", ")", ";", ":", "-->", "<!--", " ", "\n"]


def mutate(rng, src):
    """One edit: (mutant, description)."""
    n = len(src)
    op = rng.choice(["delete", "insert", "cut", "duplicate"])
    if n < 2:
        op = "insert"
    at = rng.randrange(n + 1 if op == "insert" else n)
    if op == "delete":
        return src[:at] + src[at + 1:], "delete %r" % src[at]
    if op == "insert":
        tok = rng.choice(TOKENS)
        return src[:at] + tok + src[at:], "insert %r" % tok
    run = src[at:at + rng.randint(2, 8 if op == "cut" else 16)]
    if op == "cut":
        return src[:at] + src[at + len(run):], "cut %r" % run
    return src[:at] + run + src[at:], "duplicate %r" % run


def line_of(src, at):
    return src.count("\n", 0, at) + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=2000, help="mutants per language (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="folder for disagreements (default /tmp/fuzz-oracle-SEED)")
    ap.add_argument("--lang", default="wxml,wxss")
    ap.add_argument("--keep", action="store_true", help="keep the folder of mutant packages")
    a = ap.parse_args()
    mplint = os.path.abspath(os.environ.get("MPLINT_BIN", os.path.join(oracle.TOP, "build", "mplint")))
    out = a.out or "/tmp/fuzz-oracle-%d" % a.seed
    langs = a.lang.split(",")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    work = tempfile.mkdtemp(prefix="fuzz-oracle-")

    rw = os.path.join(oracle.TOP, "tests", "realworld") + os.sep
    pool = {lang: [] for lang in langs}
    for pkg, files in packages():
        if pkg.startswith(rw):
            for f in files:
                if oracle.lang_of(f) in pool:
                    pool[oracle.lang_of(f)].append((f, oracle.mini_root(f, pkg)))

    rng = random.Random(a.seed)
    mutants = {}  # path of the mutant -> (lang, source, root, description, line of the edit)
    for lang in langs:
        for i in range(a.n):
            src_path, root = rng.choice(pool[lang])
            src = oracle.read_text(src_path)
            text, desc = mutate(rng, src)
            # where the edit is: first differing character
            at = next((k for k, (x, y) in enumerate(zip(src, text)) if x != y), min(len(src), len(text)))
            pkg = os.path.join(work, "%s%05d" % (lang, i))
            rel = os.path.relpath(src_path, root)
            dst = os.path.join(pkg, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(pkg, "app.json"), "w") as f:
                f.write('{"pages": []}\n')
            # the modules/@imports the mutant names, copied from the original package
            for dep in oracle.deps(src_path, root, text)[0]:
                if dep.startswith(root + os.sep):
                    to = os.path.join(pkg, os.path.relpath(dep, root))
                    os.makedirs(os.path.dirname(to), exist_ok=True)
                    shutil.copyfile(dep, to)
            mutants[dst] = (lang, os.path.relpath(src_path, oracle.TOP), desc, line_of(text, at))
        print("%s: %d mutants written" % (lang, a.n), file=sys.stderr)

    verdicts = oracle.judge({m: pkg_root(m, work) for m in mutants})
    got = oracle.mplint_lines(mplint, [[os.path.relpath(m, work) for m in mutants]], cwd=work)

    stats = {lang: {"agree": 0, "mplint-rejects": 0, "mplint-accepts": 0, "line": 0, "skip": 0} for lang in langs}
    rows = []
    for m in sorted(mutants):
        lang, src, desc, line = mutants[m]
        v, lines = verdicts[m], got.get(m, [])
        if v[0] == "skip":
            stats[lang]["skip"] += 1
            continue
        if oracle.compare(v, lines):
            stats[lang]["agree"] += 1
            continue
        kind = oracle.disagreement_kind(v, lines)
        stats[lang][kind] += 1
        mid = os.path.relpath(m, work).split(os.sep)[0]
        d = os.path.join(out, lang, kind)
        os.makedirs(d, exist_ok=True)
        shutil.copyfile(m, os.path.join(d, mid + "." + lang))
        info = {"id": mid, "source": src, "edit": desc, "edit_line": line, "oracle": v[0], "oracle_line": v[1],
                "oracle_message": v[2], "mplint_lines": sorted(set(lines))}
        with open(os.path.join(d, mid + ".json"), "w") as f:
            json.dump(info, f, ensure_ascii=False, indent=1)
        rows.append("\t".join(map(str, [mid, lang, kind, oracle.describe(v, lines), src, line, desc])))
    with open(os.path.join(out, "disagreements.tsv"), "w") as f:
        f.write("id\tlang\tkind\tverdicts\tsource\tedit line\tedit\n" + "".join(r + "\n" for r in rows))
    if a.keep:
        print("mutant packages kept in " + work, file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)

    print("seed %d, %d mutants per language; disagreements in %s" % (a.seed, a.n, out))
    for lang in langs:
        s = stats[lang]
        judged = a.n - s["skip"]
        pct = lambda k: 100.0 * s[k] / judged if judged else 0.0  # noqa: E731
        print("%s: %d judged (%d skipped): agree %.1f%%, mplint rejects what the oracle accepts %.1f%%, "
              "mplint accepts what the oracle rejects %.1f%%, both reject on different lines %.1f%%"
              % (lang, judged, s["skip"], pct("agree"), pct("mplint-rejects"), pct("mplint-accepts"), pct("line")))


def pkg_root(mutant, work):
    return os.path.join(work, os.path.relpath(mutant, work).split(os.sep)[0])


if __name__ == "__main__":
    main()
