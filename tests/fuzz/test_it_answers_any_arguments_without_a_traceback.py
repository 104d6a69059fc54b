"""Whatever arguments `why`, `queue` and `person show` are given (ids of any size, moments of any year,
text with control characters), the command line answers or refuses plainly: exit 0 or 2, never a
traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.cli import run

IDS = st.one_of(st.integers(-2**70, 2**70), st.sampled_from([0, 1, 2**31 - 1, 2**31, 2**63]).map(int)).map(str)
MOMENTS = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}T09:30", st.integers(1, 9999), st.integers(1, 12),
              st.integers(1, 28)),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=20),
)
COMMANDS = st.one_of(
    st.tuples(st.just("why"), IDS).map(list),
    st.tuples(st.just("why"), IDS, st.just("--at"), MOMENTS).map(list),
    st.tuples(st.just("queue"), st.just("--at"), MOMENTS).map(list),
    st.tuples(st.just("person"), st.just("show"), IDS).map(list),
)


@settings(max_examples=40, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(args=COMMANDS)
def check(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (0, 2), (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


def test_why_queue_and_person_show_answer_any_arguments_with_exit_0_or_2(desk_env: dict[str, str]) -> None:
    added = run("person", "add", "--name", "Ann Lee", "--phone", "414-555-0177", "--json")
    assert added.exit_code == 0, added.stderr
    check()
