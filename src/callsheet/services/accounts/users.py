"""Accounts of the web desk: users with roles and argon2 passwords (API tokens: services/accounts/tokens.py)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from callsheet.clock import Clock
from callsheet.domain.contacts import normalize_email
from callsheet.domain.desks import LOGIN
from callsheet.domain.errors import BadInput, Forbidden, NotFound
from callsheet.domain.model import Role
from callsheet.domain.users import User
from callsheet.lookup.phones import normalize
from callsheet.services.unit import UnitOfWork

_hasher = PasswordHasher()
# Verifying against a throwaway hash when the login is unknown keeps sign-in timing the same either way.
_DUMMY_HASH = _hasher.hash("no such user")
MIN_PASSWORD = 8


def check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise BadInput("role", f"{role!r} is not one of {', '.join(r.value for r in Role)}") from None


def add_user(uow: UnitOfWork, clock: Clock, login: str, role: str, company_id: int | None = None,
             password: str | None = None, name: str = "", phone: str | None = None, region: str = "US") -> User:
    """Create a user, or update the role, company, password (and phone, when given) of an existing one."""
    email = normalize_email(login, "email")
    e164 = None if phone is None else normalize(phone, region) if phone.strip() else ""
    checked = check_role(role)
    if checked is Role.HIRING_MANAGER and company_id is None:
        raise BadInput("company", "a hiring manager needs --company: the company whose jobs they may see")
    if password is not None and len(password) < MIN_PASSWORD:
        raise BadInput("password", f"must be at least {MIN_PASSWORD} characters")
    password_hash = _hasher.hash(password) if password is not None else None
    with uow:
        if company_id is not None and uow.jobs.company(company_id) is None:
            raise NotFound("company", company_id)
        user = uow.users.by_login(email)
        if user is None and uow.desks.desk_of(LOGIN, email) is not None:
            raise BadInput("email", f"{email} signs in to another desk already: a login belongs to one desk")
        if user is None:
            user = uow.users.add(email, name or email, checked.value, clock.now(), company_id, password_hash,
                                 e164 or "")
        else:
            uow.users.set_account(user.id, checked.value, company_id, name or user.name, password_hash)
            if e164 is not None:
                uow.users.set_phone(user.id, e164)
        stored: User | None = uow.users.get(user.id)
    assert stored is not None
    return stored


def authenticate(uow: UnitOfWork, login: str, password: str) -> User | None:
    """The user whose login and password these are, or None; never says which of the two was wrong."""
    with uow.reading():
        user = uow.users.by_login(login.strip().lower())
        stored = uow.users.password_hash(user.id) if user else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if stored else None


def list_users(uow: UnitOfWork, acting: User) -> list[User]:
    """Every user of the desk, for an admin."""
    if acting.role != Role.ADMIN.value:
        raise Forbidden(f"only an admin may see the users of the desk; {acting.login} is a {acting.role}")
    with uow.reading():
        found: list[User] = uow.users.all()
    return found


def active_user(uow: UnitOfWork, user_id: int, session_version: int) -> User | None:
    """The user of a session, if still active and the session not ended since."""
    with uow.reading():
        user: User | None = uow.users.active(user_id, session_version)
    return user


#: The demo's sign-in details; printed by `callsheet demo`. A demo desk only, never a real one.
DEMO_PASSWORD = "callsheet-demo"
DEMO_USERS = [("admin@example.com", "admin", "Demo Admin"), ("recruiter@example.com", "recruiter", "Demo Recruiter"),
              ("manager@example.com", "hiring_manager", "Demo Hiring Manager")]


def add_demo_users(uow: UnitOfWork, clock: Clock, company_id: int | None) -> list[User]:
    """An admin, a recruiter and a hiring manager (of `company_id`) who can sign in to the demo desk."""
    made = []
    for login, role, name in DEMO_USERS:
        if role == Role.HIRING_MANAGER.value and company_id is None:
            continue
        made.append(add_user(uow, clock, login, role, company_id if role == Role.HIRING_MANAGER.value else None,
                             DEMO_PASSWORD, name))
    return made
