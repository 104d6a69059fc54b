"""A script that names a field the desk does not have fails with a message naming it, never half-rendered."""

import pytest

from callsheet.domain.errors import BadInput
from callsheet.domain.scripts import Part
from callsheet.services.scripts.catalog import render, sample_context


@pytest.mark.parametrize(("source", "named"), [
    ("Hi {{ person.nickname }}, this is {{ caller.name }}.", "person.nickname"),
    ("Hi {{ person.first_name }}, about {{ salary }}.", "salary"),
    ("Hi {{ person['shoe_size'] }}.", "person.shoe_size"),
    ("{% if job %}{{ job.budget }}{% endif %}", "job.budget"),
])
def test_a_missing_field_fails_with_a_message_naming_it(source: str, named: str) -> None:
    with pytest.raises(BadInput) as caught:
        render(source, sample_context(with_job=True), Part.VOICEMAIL)
    assert caught.value.field == "template" and named in str(caught.value)


def test_a_template_error_is_bad_input_with_its_line() -> None:
    with pytest.raises(BadInput) as caught:
        render("Hi {{ person.name }}\n{% if job %}unclosed", sample_context(with_job=True), Part.CONVERSATION)
    assert "line" in str(caught.value)


def test_a_script_cannot_reach_into_python() -> None:
    with pytest.raises(BadInput):
        render("{{ person.name.__class__.__mro__ }}", sample_context(with_job=False), Part.VOICEMAIL)


def test_a_field_used_without_its_object_fails_instead_of_printing_blank() -> None:
    # No job on this call: the script must guard with {% if job %}, or it is refused.
    with pytest.raises(BadInput) as caught:
        render("About the {{ job.title }} role.", sample_context(with_job=False), Part.VOICEMAIL)
    assert "title" in str(caught.value)


def test_a_voicemail_over_thirty_seconds_is_flagged() -> None:
    long = "Hi {{ person.first_name }}, " + "this is a very long message " * 15
    rendered = render(long, sample_context(with_job=True), Part.VOICEMAIL)
    assert rendered.words > 75 and "75 words" in rendered.warnings[0]
    assert render("Hi {{ person.first_name }}.", sample_context(with_job=True), Part.VOICEMAIL).warnings == ()
