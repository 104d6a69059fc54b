"""The job seeker's network map and the paths to someone at a company."""

from pathlib import Path

from tests.e2e.cli import run


def _person(name: str, company: str, phone: str) -> int:
    return run("person", "add", "--name", name, "--company", company, "--phone", phone, "--json").json()["id"]


def _fixture() -> dict[str, int]:
    ids = {
        "ann": _person("Ann Direct", "Acme Corp", "414-555-0101"),
        "bo": _person("Bo Friend", "Beta LLC", "414-555-0102"),
        "cy": _person("Cy Warm", "Gamma Inc", "414-555-0103"),
        "dee": _person("Dee Blocked", "Delta Co", "414-555-0104"),
        "eve": _person("Eve Target", "Acme Corp", "414-555-0105"),
        "fay": _person("Fay Target", "Acme Corp", "414-555-0106"),
        "gus": _person("Gus Stranger", "Acme Corp", "414-555-0107"),
    }
    for who in ("ann", "bo", "cy", "dee"):
        assert run("network", "know", str(ids[who])).exit_code == 0
    run("network", "know", str(ids["bo"]), "--knows", str(ids["eve"]))
    run("network", "know", str(ids["cy"]), "--knows", str(ids["fay"]))
    run("network", "know", str(ids["dee"]), "--knows", str(ids["gus"]))
    # Cy is warm: we actually spoke twice this year.
    for _ in range(2):
        run("log", str(ids["cy"]), "--outcome", "connected", "--at", "2026-11-10T10:00")
    run("log", str(ids["dee"]), "--outcome", "do_not_call")
    return ids


def test_it_lists_direct_contacts_then_one_introduction_warmest_first(desk_env: dict[str, str]) -> None:
    ids = _fixture()
    paths = run("network", "intro", "Acme Corp", "--json").json()
    assert [(p["hops"], p["target"]["id"], p["via"] and p["via"]["id"]) for p in paths] == [
        (1, ids["ann"], None), (2, ids["fay"], ids["cy"]), (2, ids["eve"], ids["bo"])]
    assert paths[1]["how"] == "Ask Cy Warm to introduce you to Fay Target at Acme Corp"


def test_it_never_proposes_a_do_not_call_person_as_the_introducer(desk_env: dict[str, str]) -> None:
    ids = _fixture()
    paths = run("network", "intro", "acme corp", "--json").json()
    assert ids["gus"] not in [p["target"]["id"] for p in paths]
    assert ids["dee"] not in [p["via"]["id"] for p in paths if p["via"]]


def test_an_unknown_company_is_a_clear_error(desk_env: dict[str, str]) -> None:
    result = run("network", "intro", "Nowhere Ltd")
    assert result.exit_code == 2 and "Nowhere Ltd" in result.stderr


def test_the_map_renders_to_svg_and_png(desk_env: dict[str, str], tmp_path: Path) -> None:
    _fixture()
    run("plan", "--companies", "Acme Corp, Omega Labs")
    svg, png = tmp_path / "net.svg", tmp_path / "net.png"
    assert run("network", "map", "--out", str(svg)).exit_code == 0
    assert run("network", "map", "--out", str(png)).exit_code == 0
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "Omega Labs" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = run("network", "map", "--out", str(tmp_path / "net.gif"))
    assert bad.exit_code == 2 and "svg" in bad.stderr
