"""What the fuzz tests type into forms and command lines, and the files they upload or import."""

from __future__ import annotations

from hypothesis import strategies as st

from callsheet.domain.bounds import NOTE_MAX
from callsheet.domain.outcomes import Outcome
from callsheet.services.imports.files import KINDS

#: Text a person might type, or a hostile tester would: words of the desk, ids of every size, moments of
#: any year, control characters, a note over the cap, and anything at all. Never the seeded users'
#: password: a sign-in the fuzz got right would change whose session the rest of a test uses.
TYPED = st.one_of(
    st.text(max_size=24),
    st.sampled_from(["", " ", "0", "-1", "1", "2", "3", "2147483647", "2147483648", "99999999999999999999",
                     "1e3", "NaN", "true", *(o.value for o in Outcome), "stop", "compensation", "mid_project",
                     "tomorrow 09:00", "2026-11-17T10:00", "2026-11-17T10:00:00-06:00", "9999-12-31T23:59",
                     "0001-01-01", "1969-12-31T10:00", "America/Chicago", "Mars/Olympus", "414-555-0199",
                     "+1 414 555 0101", "608-555-0103", "Ann Lee", "admin@example.com", "/jobs", "//evil.example",
                     "x" * (NOTE_MAX + 1), "said\x00call back", "bell\x07", *KINDS, "Cell #=mobile", "7", "366"]),
    st.integers(-2**70, 2**70).map(str),
    st.builds("{:04d}-{:02d}-{:02d}T09:30".format, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
)
#: Files a person might upload or import (name, bytes): good ones, empty, binary, UTF-16, and anything.
FILES = st.one_of(
    st.tuples(st.sampled_from(["people.csv", "contacts.vcf", "Connections.csv"]), st.sampled_from([
        b"Name,Phone\nAnn Lee,414-555-0177\n", b"Name;Phone\r\nAnn Lee;414-555-0177\r\n",
        "Full Name\tCell #\r\nRen\u00e9e M\u00fcller\t414-555-0160\r\n".encode("utf-16"),
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nTEL:414-555-0177\nEND:VCARD\n",
        b"First Name,Last Name,Company,Position\nAnn,Lee,Initech,SRE\n", b"", b"\x00\x01\x02"])),
    st.tuples(st.text(max_size=12), st.binary(max_size=200)),
)
