import pytest

from tests.e2e.cli import run


@pytest.fixture
def demo_desk(desk_env: dict[str, str]) -> dict[str, str]:
    assert run("demo", "--people", "200", "--no-serve").exit_code == 0
    return desk_env


def _ids(query: str) -> list[int]:
    result = run("search", query, "--limit", "1000", "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(f["person_id"] for f in result.json())


def test_it_finds_a_skill_by_any_of_its_spellings_as_fit_does(demo_desk: dict[str, str]) -> None:
    kubernetes = _ids("skill:kubernetes")
    assert kubernetes
    assert _ids("skill:k8s") == _ids("skill:kube") == kubernetes
    assert _ids("skill:K8s AND -skill:kubernetes") == []
