"""Syntax oracles for mini-program files and mplint's verdicts on the same files.

The verdict of a file is ("accept"|"reject"|"skip", line or None, message):
  .wxml  wcc accepts, or glass-easel reports no error and no warning -> accept;
         wcc rejects and glass-easel reports an error or warning -> reject at wcc's line.
         An error wcc finds in an inline <wxs> module is a reject whatever glass-easel says:
         glass-easel does not compile WXS (it accepts `<wxs module="m">var a = ;</wxs>`).
         wcc needs every <wxs src> module on its command line (imports and includes it does
         not read); a module that does not exist, or an error wcc finds in a module rather
         than in the file itself, makes the file "skip".
  .wxss  wcsc, given every @import'ed file; a missing @import target -> skip.
  .js    node --check (CommonJS, or an ES module when it uses import/export).
  .json  strict JSON.parse.
Used by tests/oracle.sh and scripts/fuzz-oracle.
"""
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(TOP, "tests", "oracle")
BIN = os.path.join(TOP, "tests", "tools", "node_modules", "miniprogram-compiler", "bin", "linux")
WCC, WCSC = os.path.join(BIN, "wcc"), os.path.join(BIN, "wcsc")
LANGS = ("wxml", "wxss", "js", "json")
JOBS = max(2, os.cpu_count() or 2)


def lang_of(path):
    ext = path.rsplit(".", 1)[-1]
    return ext if ext in LANGS else None


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def mini_root(path, stop):
    """The package root of a file as mplint finds it: the nearest folder up to `stop` with a
    project.config.json (following miniprogramRoot) or an app.json; else `stop`."""
    d = os.path.dirname(os.path.abspath(path))
    stop = os.path.abspath(stop)
    while True:
        pc = os.path.join(d, "project.config.json")
        if os.path.isfile(pc):
            try:
                sub = json.loads(read_text(pc)).get("miniprogramRoot")
                if isinstance(sub, str) and sub:
                    return os.path.normpath(os.path.join(d, sub))
            except (ValueError, AttributeError):
                pass
            return d
        if os.path.isfile(os.path.join(d, "app.json")) or d == stop or d == "/":
            return d
        d = os.path.dirname(d)


def resolve(ref, frm, root):
    """A src/@import path as WeChat resolves it: root-absolute or relative to the file."""
    base = root if ref.startswith("/") else os.path.dirname(frm)
    return os.path.normpath(os.path.join(base, ref.lstrip("/")))


WXS_SRC = re.compile(r"<wxs\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.S)
REQUIRE = re.compile(r"\brequire\s*\(\s*(?:\"([^\"]*)\"|'([^']*)')\s*\)")
IMPORT = re.compile(r"@import\s+(?:url\(\s*)?(?:\"([^\"]*)\"|'([^']*)')")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def deps(path, root, text=None):
    """Files wcc/wcsc must be given with `path` (whose text may be given): (existing, missing),
    transitively."""
    found, missing, todo, seen = [], [], [path], {path}
    while todo:
        cur = todo.pop()
        src = text if cur == path and text is not None else read_text(cur)
        if cur.endswith(".wxml"):
            refs = [a or b for a, b in WXS_SRC.findall(src)]
        elif cur.endswith(".wxs"):
            refs = [a or b for a, b in REQUIRE.findall(src)]
        else:
            refs = [a or b for a, b in IMPORT.findall(COMMENT.sub("", src))]
        for ref in refs:
            if not ref or "{{" in ref or "//" in ref:  # dynamic or a URL
                continue
            if cur.endswith(".wxss") and not os.path.splitext(ref)[1]:
                ref += ".wxss"
            dep = resolve(ref, cur, root)
            if dep in seen:
                continue
            seen.add(dep)
            if os.path.isfile(dep):
                found.append(dep)
                todo.append(dep)
            else:
                missing.append(os.path.relpath(dep, root))
    return found, missing


WCC_ERR = re.compile(r"^(.+?):(\d+):(\d+):\s*(.*)$", re.M)
WCSC_ERR = re.compile(r"^ERR: (.+?)\((\d+):(\d+)\):\s*(.*)$", re.M)
NOT_FOUND = re.compile(r"not found from")
END_OF_INPUT = ("unexpected end", "End of file", "unexpected token `$`", "unexpected `")


def compile_batch(targets, root):
    """wcc or wcsc over many files of one root and one language in one run; when it stops at
    an error, the file it names is judged and the run is repeated without it (errors are rare).
    {path: (verdict, line, message)}."""
    res, deps_of = {}, {}
    for t in targets:
        found, missing = deps(t, root)
        if missing:
            res[t] = ("skip", None, "dependency not found: " + ", ".join(missing))
        else:
            deps_of[t] = found
    todo = list(deps_of)
    while todo:
        files = list(dict.fromkeys(todo + [d for t in todo for d in deps_of[t]]))
        rel = ["./" + os.path.relpath(f, root) for f in files]  # "./": wcc resolves "/x" against it
        if todo[0].endswith(".wxml"):
            cmd, pat = [WCC, "-d", *rel, "-gn", "$gwx"], WCC_ERR
        else:
            cmd, pat = [WCSC, "-db", *rel], WCSC_ERR
        try:
            p = subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
            err, code = p.stderr.decode("utf-8", "replace"), p.returncode
        except subprocess.TimeoutExpired:
            err, code = "compiler timed out", -1
        if code == 0 and "ERR:" not in err:
            res.update((t, ("accept", None, "")) for t in todo)
            break
        m = pat.search(err)
        bad = os.path.normpath(os.path.join(root, m.group(1))) if m else None
        if bad in todo and not NOT_FOUND.search(m.group(4)):
            res[bad] = ("reject", int(m.group(2)), m.group(4).strip())
            todo.remove(bad)
            continue
        if len(todo) == 1:  # an error outside the file itself, or one wcc names no file for
            first = err.strip().splitlines()[0] if err.strip() else "exit %d" % code
            why = "error in dependency: " if m and bad != todo[0] else "compiler: "
            res[todo[0]] = ("skip", None, why + first)
            break
        if bad in files and bad not in todo:  # an error in a module: skip whoever needs it
            hit = [t for t in todo if bad in deps_of[t]]
            res.update((t, ("skip", None, "error in dependency: " + m.group(0).strip())) for t in hit)
            todo = [t for t in todo if t not in hit]
            continue
        # anything else: judge one file at a time
        for t in todo:
            res.update(compile_batch([t], root))
        break
    return res


INLINE_WXS = re.compile(r"<wxs\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?<!/)>(.*?)</wxs\s*>", re.S)


def in_inline_wxs(src, line):
    """Is 1-based `line` within an inline <wxs> module (its body or its end tag)?"""
    for m in INLINE_WXS.finditer(src):
        if line and src.count("\n", 0, m.start(1)) + 1 <= line <= src.count("\n", 0, m.end()) + 1:
            return True
    return False


def node_helper(mode, paths):
    """The node helper over many files in one process: {path: (ok, line, message)}."""
    if not paths:
        return {}
    p = subprocess.run(["node", "--no-warnings", "--experimental-vm-modules", os.path.join(HERE, "helper.js"), mode],
                       input="\n".join(paths) + "\n", capture_output=True, text=True, check=True)
    out = {}
    for line in p.stdout.splitlines():
        r = json.loads(line)
        out[r["path"]] = (r["ok"], r["line"], r["message"])
    return out


def judge(files):
    """Oracle verdicts for files given as {path: root}: {path: (verdict, line, message)}."""
    res = {}
    compiled = [f for f in files if lang_of(f) in ("wxml", "wxss")]
    batches = {}
    for f in compiled:
        batches.setdefault((files[f], lang_of(f)), []).append(f)
    with ThreadPoolExecutor(JOBS) as pool:
        for r in pool.map(lambda key: compile_batch(batches[key], key[0]), sorted(batches)):
            res.update(r)
    # wcc is the 2020 compiler: where it rejects, glass-easel may still accept newer syntax.
    # glass-easel does not compile inline <wxs> bodies, so it has no say on errors in them.
    second = [f for f in compiled if f.endswith(".wxml") and res[f][0] == "reject"
              and not in_inline_wxs(read_text(f), res[f][1])]
    for f, (ok, line, msg) in node_helper("ge", second).items():
        if ok:
            res[f] = ("accept", None, "wcc: %s; glass-easel accepts" % res[f][2])
        else:
            res[f] = (res[f][0], res[f][1], "%s | glass-easel: %s" % (res[f][2], msg))
    # An error at the end of the input (an unclosed tag, `{{`, block or string) names where
    # the input ends, not where the error is: no line, so any line of mplint's agrees.
    for f in compiled:
        if res[f][0] == "reject" and res[f][2].split(" | ")[0] in END_OF_INPUT:
            res[f] = ("reject", None, "%s (line %d: end of input)" % (res[f][2], res[f][1]))
    for lang in ("js", "json"):
        for f, (ok, line, msg) in node_helper(lang, [f for f in files if lang_of(f) == lang]).items():
            res[f] = ("accept", None, "") if ok else ("reject", line, msg)
    return res


class RuleLine(int):
    """A line where mplint reports a compile error under its own rule (wx-for-with-else,
    wxs-unsupported-syntax): it stands for a reject verdict, but such a rule also flags
    semantic mistakes a compiler accepts, so it never counts as rejecting a valid file."""


def mplint_lines(mplint, groups, cwd=TOP):
    """syntax/parse-error lines per file, one mplint run per group of files of one package."""
    lines = {}
    for group in groups:
        for i in range(0, len(group), 2000):
            chunk = group[i:i + 2000]
            p = subprocess.run([mplint, "check", *chunk, "-f", "json", "--select", "syntax/parse-error,correctness/wx-for-with-else,correctness/wxs-unsupported-syntax"],
                               cwd=cwd, capture_output=True, text=True)
            if p.returncode > 1:
                raise RuntimeError("mplint exit %d: %s" % (p.returncode, p.stderr.strip()[:300]))
            for f in json.loads(p.stdout):
                line = f["line"] if f["ruleId"] == "syntax/parse-error" else RuleLine(f["line"])
                lines.setdefault(os.path.normpath(os.path.join(cwd, f["path"])), []).append(line)
    return lines


def compare(verdict, got):
    """Does mplint's list of parse-error lines agree with the oracle's verdict?"""
    kind, line, _ = verdict
    if kind == "accept":
        return not [g for g in got if not isinstance(g, RuleLine)]
    if not got:
        return False
    return line is None or any(abs(g - line) <= 1 for g in got)


def describe(verdict, got):
    kind, line, msg = verdict
    o = kind + ("@%d" % line if kind == "reject" and line else "")
    m = "reject@" + ",".join(map(str, sorted(set(got)))) if got else "accept"
    return "oracle=%s mplint=%s (%s)" % (o, m, msg.replace("\n", " ")[:300])


def disagreement_kind(verdict, got):
    if verdict[0] == "accept":
        return "mplint-rejects"
    return "mplint-accepts" if not got else "line"
