#!/usr/bin/env bash
# The CI recipes of the README, as far as this machine can run them: their YAML parses, the
# files they hand over agree (the SARIF the upload step reads is the one the check wrote, the
# Code Quality report GitLab reads is the one --format gitlab wrote, the cached folder is the
# install prefix on PATH), and every `mplint check` line in them runs on a copy of the demo
# package in a git repository, with the exit code and output the recipe counts on.
source "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

python3 - "$top/README.md" "$work" <<'PY'
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
def block(heading):
    section = text[text.index(heading):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
for name, heading in (("github", "### GitHub Actions"), ("gitlab", "### GitLab CI")):
    open(f"{sys.argv[2]}/{name}.yml", "w").write(block(heading))
PY

# Prints the `mplint check` lines of a recipe, one per line.
cat >"$work/recipe.py" <<'PY'
import re, shlex, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
kind, what = sys.argv[2], sys.argv[3]
if kind == "github":
    job = doc["jobs"]["mplint"]
    lines = [s["run"] for s in job["steps"] if "run" in s]
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    cache = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")][0]
else:
    job = doc["mplint"]
    lines = job["before_script"] + job["script"]
checks = [l.split("#")[0].strip() for l in lines if l.strip().startswith("mplint check")]
build = "\n".join(l for l in lines if "meson install" in l)
prefix = re.search(r"-Dprefix=(\S+)", build).group(1).strip('"')
if what == "checks":
    print("\n".join(checks))
elif what == "consistent":
    def output_of(flag):
        for c in checks:
            args = shlex.split(c)
            if flag in c:
                return args[args.index("--output") + 1]
    assert any("--fail-on never" not in c for c in checks), "a gating step"
    if kind == "github":
        assert upload and upload[0]["with"]["sarif_file"] == output_of("--format sarif"), "upload reads the SARIF written"
        assert job["permissions"]["security-events"] == "write"
        assert cache["with"]["path"] == prefix, (cache["with"]["path"], prefix)
        assert any(f"echo {prefix}/bin >> \"$GITHUB_PATH\"" in l for l in lines), "prefix on PATH"
        assert any("--format github" in c for c in checks), "annotations"
    else:
        assert job["artifacts"]["reports"]["codequality"] == output_of("--format gitlab"), "codequality reads the report written"
        assert job["artifacts"]["when"] == "always"
        assert prefix == "$CI_PROJECT_DIR/.mplint" and job["cache"]["paths"] == [".mplint/"], prefix
        assert any(".mplint/bin" in l and "PATH" in l for l in lines), "prefix on PATH"
    print("ok")
PY

for kind in github gitlab; do
  check "recipes: $kind YAML parses and its steps agree" python3 "$work/recipe.py" "$work/$kind.yml" "$kind" consistent
  repo="$work/repo-$kind"
  cp -r "$top/fixtures/demo" "$repo" && mkdir "$repo/.git"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    want=1  # the demo has errors: a gating step fails
    case "$line" in *"--fail-on never"*) want=0 ;; esac
    # shellcheck disable=SC2086  # the recipe's own words
    eval "set -- ${line#mplint }"
    expect_exit "recipes: $kind: '$line' exits $want" "$want" bash -c 'cd "$0" && exec "$@"' "$repo" "$mplint" "$@"
  done < <(python3 "$work/recipe.py" "$work/$kind.yml" "$kind" checks)
done
check "recipes: the GitHub job's SARIF passes the Multitool" valid_sarif "$work/repo-github/mplint.sarif"
check "recipes: the GitLab job's report is Code Quality JSON" python3 -c '
import json,sys
entries=json.load(open(sys.argv[1]))
assert entries and all({"description","check_name","fingerprint","severity","location"} <= set(e) for e in entries)
assert all(e["location"]["path"] and not e["location"]["path"].startswith("/") for e in entries)
' "$work/repo-gitlab/gl-code-quality-report.json"

echo "recipes: $passed passed, $failed failed"
[ "$failed" = 0 ]
