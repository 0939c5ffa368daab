#!/usr/bin/env bash
# The check step of citecheck's GitHub Action (action.yml): find the wikitext drafts a pull
# request or push changed, and run the citecheck on PATH over them, reporting only what the
# change introduced. It installs nothing, so it can be run (and tested) outside Actions.
#
# Settings, all from the environment (action.yml maps its inputs onto them):
#   INPUT_MODE      changed (default): the drafts changed since the merge base with the
#                   base; all: every tracked draft, with no diff.
#   INPUT_BASE      the revision to compare with; default: the pull request's base branch
#                   (GITHUB_BASE_REF), else CITECHECK_PUSH_BEFORE (a push's old tip).
#   INPUT_PATHS     git pathspecs, one a line (default: *.wiki *.wikitext *.mediawiki,
#                   at any depth).
#   INPUT_ARGS      more citecheck options; quotes group words as in a shell, nothing is
#                   expanded.
#   INPUT_FAIL_ON   --fail-on, when set (else the config file or citecheck decides).
#   INPUT_BASELINE  --baseline FILE, when set.
#   INPUT_SARIF     where to write the SARIF report (default: $RUNNER_TEMP/citecheck.sarif,
#                   or $TMPDIR/citecheck.sarif outside Actions).
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP: as GitHub Actions sets them.
#
# Outputs (to GITHUB_OUTPUT): exit-code, sarif (empty when no report was written),
# checked-files. Exit status: citecheck's (0 ok, 1 findings, 2 usage or unreadable input);
# 0 with a notice when no draft changed; 2 when the base cannot be found.
#
# Written for bash 3.2 too (the /bin/bash of macOS): no mapfile, and an array is expanded
# only when it has elements, which 3.2 under `set -u` would otherwise call unbound.

set -euo pipefail

readonly DEFAULT_PATHS='*.wiki
*.wikitext
*.mediawiki'

# Workflow commands read one line; escaping as @actions/core does keeps a file or branch
# name from ending the command early or starting another.
escape() {
  local text=${1//'%'/%25}
  text=${text//$'\r'/%0D}
  printf '%s' "${text//$'\n'/%0A}"
}
notice() { printf '::notice title=citecheck::%s\n' "$(escape "$1")"; }
error() { printf '::error title=citecheck::%s\n' "$(escape "$1")"; }

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '%s\n' "$1" >>"$GITHUB_STEP_SUMMARY"
  fi
}

# Every exit goes through here, so the outputs are set whatever happened.
finish() {
  set_output exit-code "$1"
  set_output checked-files "${#files[@]}"
  if [ -n "${sarif:-}" ] && [ -s "$sarif" ]; then
    set_output sarif "$sarif"
  else
    set_output sarif ""
  fi
  exit "$1"
}

trim() {
  local text=$1
  text=${text#"${text%%[![:space:]]*}"}
  printf '%s' "${text%"${text##*[![:space:]]}"}"
}

is_zero_sha() {
  case $1 in
    *[!0]*) return 1 ;;
    *) return 0 ;;
  esac
}

commit_of() {
  git rev-parse --verify --quiet "$1^{commit}" 2>/dev/null
}

files=()
sarif=
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/citecheck.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

mode=$(trim "${INPUT_MODE:-changed}")
case $mode in
  changed | all) ;;
  *)
    error "mode must be 'changed' or 'all', not '$mode'"
    finish 2
    ;;
esac

if ! command -v citecheck >/dev/null 2>&1; then
  error "citecheck is not on PATH: install it before running this script"
  finish 2
fi

if ! top=$(git rev-parse --show-toplevel 2>"$scratch/git-error"); then
  error "not in a git work tree ($(trim "$(cat "$scratch/git-error")")): check the repository out (actions/checkout) before this step"
  finish 2
fi
# git names files from the top of the work tree, and so do annotations and SARIF.
cd "$top"

pathspecs=()
while IFS= read -r line || [ -n "$line" ]; do
  line=$(trim "$line")
  if [ -n "$line" ]; then
    pathspecs+=("$line")
  fi
done <<<"${INPUT_PATHS:-$DEFAULT_PATHS}"
if [ "${#pathspecs[@]}" -eq 0 ]; then
  while IFS= read -r line; do pathspecs+=("$line"); done <<<"$DEFAULT_PATHS"
fi

base=$(trim "${INPUT_BASE:-}")
if [ "$mode" = changed ] && [ -z "$base" ]; then
  if [ -n "${GITHUB_BASE_REF:-}" ]; then
    base=$GITHUB_BASE_REF
  elif [ -n "${CITECHECK_PUSH_BEFORE:-}" ] && ! is_zero_sha "$CITECHECK_PUSH_BEFORE"; then
    base=$CITECHECK_PUSH_BEFORE
  else
    # A new branch, a schedule, a manual run: nothing to compare with, so judge it all.
    notice "no base to compare with (not a pull request, and no base input): checking every draft"
    mode=all
  fi
fi

merge_base=
if [ "$mode" = changed ]; then
  case $base in
    -*)
      error "base must be a branch, tag or commit, not '$base'"
      finish 2
      ;;
  esac
  if [ "$(git rev-parse --is-shallow-repository)" = true ] && git remote get-url origin >/dev/null 2>&1; then
    # The default checkout has one commit, and a merge base needs both histories.
    notice "the checkout is shallow: fetching its history (fetch-depth: 0 on actions/checkout avoids this)"
    git fetch --quiet --no-tags --unshallow origin || true
  fi
  base_commit=$(commit_of "refs/remotes/origin/$base") || base_commit=$(commit_of "$base") || base_commit=
  if [ -z "$base_commit" ] && git remote get-url origin >/dev/null 2>&1; then
    if git fetch --quiet --no-tags origin "$base" 2>"$scratch/git-error"; then
      base_commit=$(commit_of FETCH_HEAD) || base_commit=
    fi
  fi
  if [ -z "$base_commit" ]; then
    error "cannot find the base '$base' in this checkout: check out with fetch-depth: 0, or set the base input"
    finish 2
  fi
  if ! merge_base=$(git merge-base "$base_commit" HEAD); then
    error "'$base' and HEAD have no common history: check out with fetch-depth: 0"
    finish 2
  fi
  # NUL-delimited, so that any file name survives; deleted files have nothing to check.
  # Renames are off: a renamed draft is new under its new name, and is checked in full.
  git -c core.quotePath=false diff --name-only -z --no-renames --diff-filter=d \
    "$merge_base" -- "${pathspecs[@]}" >"$scratch/files"
  what="changed since $base (merge base $(git rev-parse --short "$merge_base"))"
else
  git ls-files -z -- "${pathspecs[@]}" >"$scratch/files"
  what="tracked"
fi

while IFS= read -r -d '' name; do
  # Gone from the work tree, a submodule, a folder: not a draft to read.
  if [ -f "$name" ]; then
    # "-" would mean standard input to citecheck.
    if [ "$name" = - ]; then name=./-; fi
    files+=("$name")
  fi
done <"$scratch/files"

if [ "${#files[@]}" -eq 0 ]; then
  notice "no draft matching $(printf '%s ' "${pathspecs[@]}")is $what: nothing to check"
  summary "### citecheck"$'\n\n'"No draft $what: nothing to check."
  finish 0
fi

# Not in $scratch, which goes at exit: the upload step reads it after this script.
sarif=${INPUT_SARIF:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/citecheck.sarif}
rm -f "$sarif"
argv=(citecheck check --output-format github --write "sarif=$sarif")
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  argv+=(--write "markdown=$GITHUB_STEP_SUMMARY")
fi
if [ -n "$merge_base" ]; then
  argv+=(--diff-against "git:$merge_base")
fi
baseline=$(trim "${INPUT_BASELINE:-}")
if [ -n "$baseline" ]; then
  argv+=(--baseline "$baseline")
fi
fail_on=$(trim "${INPUT_FAIL_ON:-}")
if [ -n "$fail_on" ]; then
  argv+=(--fail-on "$fail_on")
fi
# xargs splits like a shell (quotes, backslashes) but expands and runs nothing.
if [ -n "$(trim "${INPUT_ARGS:-}")" ]; then
  if ! printf '%s' "$INPUT_ARGS" | xargs printf '%s\0' >"$scratch/args" 2>"$scratch/xargs-error"; then
    error "cannot split the args input: $(trim "$(cat "$scratch/xargs-error")")"
    finish 2
  fi
  while IFS= read -r -d '' word; do argv+=("$word"); done <"$scratch/args"
fi
argv+=(-- "${files[@]}")

echo "citecheck: ${#files[@]} draft(s) $what"
# %q keeps a newline in a file name from starting a line the runner would read.
printf 'citecheck: running'
printf ' %q' "${argv[@]}"
printf '\n'

status=0
"${argv[@]}" || status=$?
if [ "$status" -eq 1 ]; then
  echo "citecheck: found problems (exit code 1): see the annotations and the job summary"
elif [ "$status" -ne 0 ]; then
  echo "citecheck: could not check every draft (exit code $status)"
fi
finish "$status"
