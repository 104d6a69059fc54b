"""Promised callbacks: the ones still open, and as an iCalendar file calendar programs open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from callsheet.clock import Clock
from callsheet.services.unit import UnitOfWork


@dataclass(frozen=True)
class Callback:
    touch_id: int
    person_id: int
    name: str
    phone: str
    job_id: int | None
    job_title: str
    company: str
    due_at: datetime
    notes: str


def open_callbacks(uow: UnitOfWork, clock: Clock, owner_user_id: int | None = None) -> list[Callback]:
    """Callbacks whose promise still stands: no later touch on the same person and job."""
    now = clock.now()
    with uow.reading():
        rows = uow.callbacks.open(now, owner_user_id)
    return [Callback(r.id, r.person_id, r.name, r.phone, r.job_id, r.title or "", r.company or "", r.callback_at,
                     r.notes) for r in rows]


def to_ics(callbacks: list[Callback], now: datetime) -> bytes:
    """One VEVENT per callback, 15 minutes long, with a reminder 10 minutes before."""
    cal = Calendar()
    cal.add("prodid", "-//Callsheet//callbacks//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Callsheet callbacks")
    for cb in callbacks:
        event = Event()
        event.add("uid", f"callback-{cb.touch_id}@callsheet")
        event.add("dtstamp", now)
        event.add("dtstart", cb.due_at)
        event.add("dtend", cb.due_at + timedelta(minutes=15))
        about = f" about {cb.job_title} ({cb.company})" if cb.job_title else ""
        event.add("summary", f"Call back {cb.name}{about}")
        event.add("description", "\n".join(x for x in (f"Phone: {cb.phone}", cb.notes) if x))
        event.add("url", f"tel:{cb.phone}")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Call back {cb.name}")
        alarm.add("trigger", timedelta(minutes=-10))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
