//! The small example tree `attestor init` writes into a folder with no
//! docs: a plan with a task table, a session log and the test log that
//! backs a claim, so the first build shows every verdict a portal gives.
//!
//! The files are plain text written for this purpose; `attestor check` on
//! them finds no problem (a test proves it).

/// The example's files: path relative to the folder, and text.
pub const FILES: [(&str, &str); 4] = [
    ("README.md", README),
    ("plans/launch-plan.md", PLAN),
    ("sessions/2026-01-06-first-tests.md", SESSION),
    ("tests/2026-01-06-unit-tests.txt", TEST_LOG),
];

const README: &str = "\
# Project docs

This folder was started by `attestor init`. Its files show the forms
attestor reads; replace them with your own plans, session logs and test
logs, then run `attestor build` here and open `public/index.html`.

- `plans/launch-plan.md`: a plan with a task table (ids, owners,
  dependencies, status).
- `sessions/2026-01-06-first-tests.md`: a session log that claims a test
  result and names the log that shows it.
- `tests/2026-01-06-unit-tests.txt`: that test log, the evidence.

`attestor.toml` holds every setting at its default.
";

const PLAN: &str = "\
# Launch plan

**Status**: Active
**Owner**: Platform Team
**Date**: 2026-01-06

The work to put the first version live. A done task is *verified* when a
test or deploy log backs it, and *claimed* until one does.

| Task ID | Description | Owner | Depends On | Status |
|---------|-------------|-------|------------|--------|
| T-001 | Set up the repository and CI | Platform Team | - | ✅ Done |
| T-002 | Write the first unit tests | Platform Team | T-001 | ✅ Done |
| T-003 | Publish the status portal | Docs Team | T-002 | ⏳ Todo |

T-002 evidence: `tests/2026-01-06-unit-tests.txt`
";

const SESSION: &str = "\
# Session 2026-01-06: first tests

**Date**: 2026-01-06

## Accomplishments

- Finished T-002: 12/12 tests passed (`tests/2026-01-06-unit-tests.txt`).

## Next

Publishing the portal from CI is T-003 in the launch plan.
";

const TEST_LOG: &str = "\
============================= test session starts ==============================
platform linux -- Python 3.12.1, pytest-8.0.0
collected 12 items

tests/test_app.py ............                                           [100%]

============================== 12 passed in 0.42s ==============================
";
