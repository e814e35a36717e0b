#!/usr/bin/env bash
# Runs `attestor build` for the composite action in action.yml, with the
# action's inputs from the environment (ROOT, OUT, BASE_URL, STRICT), and
# hands its summary line to the workflow: as the step output `summary` and
# in the run's summary page. The step fails with attestor's exit code: 1
# with `strict: true` and problems in the docs, 2 when attestor cannot run.
set -euo pipefail

args=(build "${ROOT:-.}" -o "${OUT:-public}")
if [ -n "${BASE_URL:-}" ]; then args+=(--base-url "$BASE_URL"); fi
case "${STRICT:-false}" in
  true) args+=(--strict) ;;
  false | "") ;;
  *)
    echo "::error title=attestor::the input strict is \`$STRICT\`; it takes true or false"
    exit 64
    ;;
esac

log="$(mktemp "${RUNNER_TEMP:-/tmp}/attestor-build.XXXXXX")"
trap 'rm -f "$log"' EXIT
status=0
echo "attestor ${args[*]}"
attestor "${args[@]}" 2>"$log" || status=$?
cat "$log" >&2

# The summary line is the last line attestor prints: `Built … -> OUT`,
# or `Built …; not published to OUT` when --strict held the portal back.
summary="$(grep '^Built ' "$log" | tail -n 1 || true)"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "summary=$summary" >>"$GITHUB_OUTPUT"; fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -n "$summary" ]; then
  printf '### attestor\n\n%s\n' "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
