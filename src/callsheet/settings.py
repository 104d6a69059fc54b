"""One Settings object for the whole desk, read from CALLSHEET_* environment variables."""

from __future__ import annotations

from datetime import datetime, time
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from callsheet.domain.desks import DeskRecord, read_hh_mm


def default_database_url() -> str:
    data_dir = Path(user_data_dir("callsheet"))
    return f"sqlite:///{data_dir / 'callsheet.db'}"


def default_upload_dir() -> Path:
    return Path(user_cache_dir("callsheet")) / "uploads"


def machine_timezone() -> str:
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:  # noqa: BLE001 - a machine without zone data still runs, in UTC
        return "UTC"


#: US law (TCPA) never allows calls before 08:00 or after 21:00 in the callee's local time.
LEGAL_EARLIEST = time(8, 0)
LEGAL_LATEST = time(21, 0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CALLSHEET_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    #: The desk's own zone: times typed without a zone are read in it.
    timezone: str = Field(default_factory=machine_timezone)
    #: Pins the desk's clock (demos, training, tests); an ISO 8601 time.
    now: datetime | None = None
    #: Who the command line acts as; default is the login name.
    user: str = ""
    #: The desk (by name) the command line works in; unset: the acting user's desk, else the only desk.
    desk: str = ""
    phone_region: str = "US"
    #: The holiday calendar for business days: a country code for its public holidays ("US"), or a
    #: market calendar ("NYSE") for private-sector business days.
    holidays: str = "US"
    window_start: time = time(8, 0)
    window_end: time = time(20, 0)
    #: Weekdays the window is open, Monday=0.
    window_days: list[int] = [0, 1, 2, 3, 4]
    #: Where editable call scripts live, if not in the database.
    scripts_dir: Path | None = None
    #: What call scripts say about the caller: the firm and the call-back number left in voicemails.
    caller_company: str = ""
    caller_phone: str = ""
    #: Signs the web desk's session cookies; empty means a fresh random key each time the server starts.
    secret_key: str = ""
    #: Where files uploaded to the web desk's import page (or the API) are kept while they are imported.
    upload_dir: Path = Field(default_factory=default_upload_dir)
    #: The largest file the import page or API accepts, in megabytes; also where a run's rejects file stops.
    upload_max_mb: int = 200
    #: Session cookies only over HTTPS; turn off for http://127.0.0.1 in development and tests.
    cookie_secure: bool = True
    #: Where search indexes live, one folder per desk under it. Unset: beside a SQLite file
    #: (`<file>.search/`), or for PostgreSQL in the user cache dir, keyed by server and database.
    search_dir: Path | None = None
    #: The web desk's address as others reach it: links the command line prints start with it.
    public_url: str = "http://127.0.0.1:8000"
    #: Click-to-call through Twilio (the `callsheet[twilio]` extra): the account, its auth token (which also
    #: checks every webhook's signature) and the caller ID calls show (E.164). Unset: tel: links only.
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from: str = ""
    #: Twilio's REST base; tests point it at a local stand-in.
    twilio_api_base: str = "https://api.twilio.com"
    #: Recording stays off; "consent" records calls after a consent announcement to both parties.
    twilio_record: str = ""

    @property
    def telephony_configured(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_from)

    @field_validator("window_start")
    @classmethod
    def _not_before_legal(cls, value: time) -> time:
        # Settings may narrow the calling window, never widen it past the law.
        return max(value, LEGAL_EARLIEST)

    @field_validator("window_end")
    @classmethod
    def _not_after_legal(cls, value: time) -> time:
        return min(value, LEGAL_LATEST)

    @field_validator("now", mode="before")
    @classmethod
    def _blank_now_is_unpinned(cls, value: object) -> object:
        return None if value in ("", None) else value


def settings_for_desk(settings: Settings, desk: DeskRecord) -> Settings:
    """The settings of work in a desk: its own time zone, holidays, narrowed window and number where it
    sets them ("" is the server's), the window never wider than the law allows. The one rule the command line, the
    web desk and the API all follow."""
    changes: dict[str, object] = {}
    if desk.timezone:
        changes["timezone"] = desk.timezone
    if desk.holidays:
        changes["holidays"] = desk.holidays
    if desk.number:  # the desk's own caller ID at the telephony provider
        changes["twilio_from"] = desk.number
    start, end = read_hh_mm(desk.window_start, "window-start"), read_hh_mm(desk.window_end, "window-end")
    if start is not None:
        changes["window_start"] = max(start, LEGAL_EARLIEST)
    if end is not None:
        changes["window_end"] = min(end, LEGAL_LATEST)
    return settings.model_copy(update=changes) if changes else settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
