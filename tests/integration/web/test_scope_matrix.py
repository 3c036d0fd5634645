"""The access matrix, generated from the app's own routes: every route with an object id in its
path, for every role, for every object of the bank, in scope or not.

For an object out of the caller's scope the answer is 404 (or 403 where the role lacks the
route's permission altogether), never the data, and nothing in the store changes. For an
object in scope, a role with the permission is not refused (so the matrix is not passing
because every request is malformed). A route whose path names an object kind the matrix does
not know, or a state-changing route without a sample request, fails the test: a new route
joins the matrix by adding one line below.

Requests carry API tokens (``Authorization: Bearer``), which pages accept as well; CSRF is
tested on its own (``test_requests_are_protected.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select

from bankladder.access.principal import PERMISSIONS, Permission
from bankladder.accounts.service import issue_api_token
from bankladder.config import Settings
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    Action,
    Base,
    Benefit,
    LoanApplication,
    Party,
    PriceConcession,
    Product,
    UserAccount,
)
from bankladder.store.vocabulary import UserRole
from bankladder.web.app import create_app
from bankladder.web.dependencies import Requires
from tests.workbench import PARTIES, RMS, Clock, small_bank, staff

pytestmark = pytest.mark.integration

USERNAMES = {UserRole.RM: "wang", UserRole.MANAGER: "zhao", UserRole.ADMIN: "root"}
USERNAMES[UserRole.AUDITOR] = "shen"
USERNAMES[UserRole.APPROVER] = "qian"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PARAMETER = re.compile(r"{(\w+)}")
TODAY = dt.date(2026, 6, 30)

Body = dict[str, Any]
_minutes = itertools.count(1)


def _earlier() -> dt.datetime:
    """A distinct past minute for each contact the matrix logs (a contact's key is its time)."""
    return dt.datetime(2026, 6, 1, 9, 0) + dt.timedelta(minutes=next(_minutes))


CONCESSION = {
    "product_code": "LOAN01",
    "kind": "loan_rate",
    "standard": "4.35",
    "requested": "4.20",
    "justification": "结算量大，长期合作的优质客户",
}
OTHER = "P-RM01-2"  # the other end of a referral or relationship: in the rm's and manager's scope
SAMPLES: dict[tuple[str, str], Callable[[int], tuple[str, Body]]] = {
    # (method, path) -> given the target's version: ("json" or "form", a valid request)
    ("POST", "/actions/{action_id}/answer"): lambda v: ("form", {"answer": "done", "version": v}),
    ("POST", "/api/v1/actions/{action_id}/answer"): lambda v: ("json", {"answer": "done"}),
    ("POST", "/parties/{party_id}/interactions"): lambda v: (
        "form",
        {"kind": "visit", "occurred_at": _earlier().strftime("%Y-%m-%dT%H:%M")},
    ),
    ("POST", "/api/v1/parties/{party_id}/interactions"): lambda v: (
        "json",
        {"kind": "visit", "occurred_at": _earlier().isoformat()},
    ),
    ("POST", "/parties/{party_id}/unmask"): lambda v: ("form", {"reason": "客户来电核实身份"}),
    ("POST", "/parties/{party_id}/products/unmask"): lambda v: (
        "form",
        {"reason": "客户来电核实身份"},
    ),
    ("POST", "/api/v1/parties/{party_id}/unmask"): lambda v: (
        "json",
        {"reason": "客户来电核实身份"},
    ),
    ("PATCH", "/api/v1/parties/{party_id}"): lambda v: ("json", {"prospect_group": "东城市场"}),
    ("POST", "/parties/{party_id}/needs"): lambda v: (
        "form",
        {"kind": "deposit", "nature": "latent"},
    ),
    ("POST", "/api/v1/parties/{party_id}/needs"): lambda v: (
        "json",
        {"kind": "deposit", "nature": "latent"},
    ),
    ("POST", "/parties/{party_id}/referrals"): lambda v: ("form", {"referee_id": OTHER}),
    ("POST", "/api/v1/parties/{party_id}/referrals"): lambda v: ("json", {"referee_id": OTHER}),
    ("POST", "/parties/{party_id}/relationships"): lambda v: (
        "form",
        {"other_party_id": OTHER, "kind": "supplier_of"},
    ),
    ("POST", "/api/v1/parties/{party_id}/relationships"): lambda v: (
        "json",
        {"other_party_id": OTHER, "kind": "buyer_of"},  # not the form's: each adds its own
    ),
    ("POST", "/parties/{party_id}/benefits"): lambda v: ("form", {"kind": "knowledge"}),
    ("POST", "/api/v1/parties/{party_id}/benefits"): lambda v: ("json", {"kind": "vip_service"}),
    ("POST", "/parties/{party_id}/reciprocity/unmask"): lambda v: (
        "form",
        {"reason": "准备价格谈判"},
    ),
    ("POST", "/api/v1/parties/{party_id}/reciprocity/unmask"): lambda v: (
        "json",
        {"reason": "准备价格谈判"},
    ),
    # price talks: the page withdraws (wang, the maker), the API approves (zhao within 30 bp,
    # qian): the pages' routes come first, so each finds requests still waiting
    ("POST", "/parties/{party_id}/concessions"): lambda v: ("form", CONCESSION),
    ("POST", "/api/v1/parties/{party_id}/concessions"): lambda v: ("json", CONCESSION),
    ("POST", "/concessions/{concession_id}/decisions"): lambda v: (
        "form",
        {"decision": "withdraw", "version": v},
    ),
    ("POST", "/api/v1/concessions/{concession_id}/decisions"): lambda v: (
        "json",
        {"decision": "approve", "note": "结算量大"},
    ),
    # gifts (requested, worth 200, made by wang): the page cancels (wang, the maker; others are
    # refused in words, 409), the API approves what is left (zhao, qian) and hands over an
    # approved one (version 2)
    ("POST", "/benefits/{benefit_id}/decisions"): lambda v: (
        "form",
        {"action": "cancel", "version": v},
    ),
    ("POST", "/api/v1/benefits/{benefit_id}/decisions"): lambda v: (
        "json",
        {"action": "approve" if v == 1 else "handover"},
    ),
    # loans (LA1..LA4, received, LOAN01 without a checklist): the page completes the documents,
    # the API submits to credit review (the RM side; others are refused in words, 409); the
    # supplementary document is on every checklist and receiving it again changes nothing
    ("POST", "/loans/{application_id}/moves"): lambda v: (
        "form",
        {"to_status": "documents_complete", "version": v},
    ),
    ("POST", "/api/v1/loans/{application_id}/moves"): lambda v: (
        "json",
        {"to_status": "credit_review"},
    ),
    ("POST", "/loans/{application_id}/documents"): lambda v: (
        "form",
        {"document_code": "SUPPLEMENT"},
    ),
    ("POST", "/api/v1/loans/{application_id}/documents"): lambda v: (
        "json",
        {"document_code": "SUPPLEMENT"},
    ),
    ("POST", "/parties/{party_id}/loans"): lambda v: (
        "form",
        {"product_code": "LOAN01", "amount": "800000"},
    ),
    ("POST", "/api/v1/parties/{party_id}/loans"): lambda v: (
        "json",
        {"product_code": "LOAN01", "amount": 600000},
    ),
}
"""A valid request per state-changing route with an id; missing ones fail the matrix."""


@dataclass(frozen=True)
class Target:
    """An object of the bank the matrix points a route at, and the RM whose book holds it."""

    kind: str
    id: str
    rm: str


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = small_bank(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'store.db'}")
    staff(engine)
    with unit_of_work(engine) as session:
        session.execute(insert(Action), [_action(party, rm) for party, rm in PARTIES.items()])
        _enterprise_objects(session)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def tokens(bank: Engine) -> dict[UserRole, str]:
    with unit_of_work(bank) as session:
        return {
            role: issue_api_token(session, name, "matrix", Clock()()).token
            for role, name in USERNAMES.items()
        }


@pytest.fixture(scope="module")
def app(bank: Engine) -> FastAPI:
    return create_app(Settings(), store=bank, clock=Clock())


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://workbench.test", follow_redirects=False) as client:
        yield client


def _action(party: str, rm: str) -> dict[str, Any]:
    return {
        "party_id": party,
        "rm_id": rm,
        "kind": "contact",
        "criterion_id": "recent_contact",
        "target_stage": "acquainted",
        "reason_zh": "近期联系",
        "reason_en": "Recent contact",
        "priority": 1.0,
        "due_on": TODAY,
        "status": "open",
        "proposed_on": TODAY,
        "updated_on": TODAY,
    }


def _enterprise_objects(session: Any) -> None:
    """A loan application, a price concession (made by wang) and a requested gift per party."""
    loan = {"code": "LOAN01", "name_zh": "流动资金贷款", "name_en": "Working capital loan"}
    deposit = {"code": "DEP01", "name_zh": "单位定期存款", "name_en": "Corporate time deposit"}
    session.execute(
        insert(Product),
        [{**loan, "family": "loan", "sla_working_days": 2}, {**deposit, "family": "deposit"}],
    )
    wang = session.scalar(select(UserAccount.id).where(UserAccount.username == "wang"))
    at = dt.datetime(2026, 6, 29, 10, 0)
    for n, (party, rm) in enumerate(PARTIES.items(), start=1):
        session.execute(
            insert(LoanApplication),
            [
                {
                    "id": f"LA{n}",
                    "party_id": party,
                    "product_code": "LOAN01",
                    "amount": 500_000,
                    "rm_id": rm,
                    "status": "received",
                    "received_at": at,
                    "status_at": at,
                }
            ],
        )
        session.execute(
            insert(PriceConcession),
            [
                {
                    "party_id": party,
                    "product_code": "LOAN01",
                    "kind": "loan_rate",
                    "standard": 4.35,
                    "requested": 4.2,
                    "justification": "结算量大",
                    "status": "requested",
                    "required_role": "manager",
                    "rm_id": rm,
                    "maker_id": wang,
                    "requested_at": at,
                }
            ],
        )
        session.execute(
            insert(Benefit),
            [
                {
                    "party_id": party,
                    "given_on": TODAY,
                    "kind": "gift",
                    "worth": 200,
                    "rm_id": rm,
                    "status": "requested",
                    "maker_id": wang,
                }
            ],
        )


OWNED = {  # object kind in a path -> (its id column, its party column)
    "application_id": (LoanApplication.id, LoanApplication.party_id),
    "concession_id": (PriceConcession.id, PriceConcession.party_id),
    "benefit_id": (Benefit.id, Benefit.party_id),
}


def id_routes(app: FastAPI) -> list[tuple[str, str, frozenset[Permission]]]:
    """(method, path, permissions it requires) of every route with an object id in its path."""
    found = []
    for route in iter_route_contexts(app.routes):
        path = route.path or ""
        if not isinstance(route.original_route, APIRoute) or not PARAMETER.search(path):
            continue
        needs = frozenset(requires.permission for requires in _requires(route.dependant))
        found += [(method, path, needs) for method in sorted(route.methods or ())]
    return found


def _requires(dependant: Any) -> list[Requires]:
    found = [dependant.call] if isinstance(dependant.call, Requires) else []
    for sub in dependant.dependencies:
        found += _requires(sub)
    return found


def targets(bank: Engine, kind: str) -> list[Target]:
    """Every object of ``kind`` in the bank, with the RM whose book holds it."""
    with bank.connect() as connection:
        if kind == "party_id":
            rows = connection.execute(select(Party.id, Party.rm_id))
        elif kind == "action_id":
            rows = connection.execute(select(Action.id, Action.rm_id))
        elif kind in OWNED:
            key, party = OWNED[kind]
            rows = connection.execute(select(key, Party.rm_id).join(Party, Party.id == party))
        else:
            pytest.fail(f"the matrix knows no object {kind!r}: add how to list them here")
        return [Target(kind, str(row[0]), str(row[1])) for row in rows]


def in_scope(role: UserRole, target: Target) -> bool:
    """The scope rules of ``access.scope``, restated for the bank of ``tests.workbench``."""
    return {
        UserRole.RM: target.rm == "RM01",  # wang serves RM01's book
        UserRole.MANAGER: RMS[target.rm] == "BR01",  # zhao runs branch BR01
        UserRole.ADMIN: False,  # no customer data
        UserRole.AUDITOR: True,  # reads every party
        UserRole.APPROVER: True,  # the head office reads every party
    }[role]


def fingerprint(bank: Engine) -> str:
    """A digest of every business table's rows: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    kept = {"web_session", "sign_in_failure", "api_token"}  # the callers' own traces
    with bank.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in kept:
                continue
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def send(
    client: TestClient, bank: Engine, token: str, method: str, path: str, target: Target
) -> int:
    url = PARAMETER.sub(target.id, path)
    version = _version(bank, target)
    headers = {"Authorization": f"Bearer {token}", "If-Match": f'"{version}"'}
    if method not in WRITES:
        return client.request(method, url, headers=headers).status_code
    sample = SAMPLES.get((method, path))
    if sample is None:
        pytest.fail(f"{method} {path} changes data but has no sample request in SAMPLES")
    encoding, body = sample(version)
    if encoding == "json":
        return client.request(method, url, headers=headers, json=body).status_code
    return client.request(method, url, headers=headers, data=body).status_code


def _version(bank: Engine, target: Target) -> int:
    if target.kind == "party_id":
        query = select(Party.version).where(Party.id == target.id)
    elif target.kind == "action_id":
        query = select(Action.version).where(Action.id == int(target.id))
    else:
        key, _party = OWNED[target.kind]
        model = key.class_
        typed = target.id if target.kind == "application_id" else int(target.id)
        query = select(model.version).where(key == typed)
    with bank.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_no_role_reads_or_changes_an_object_outside_its_scope(
    app: FastAPI, client: TestClient, bank: Engine, tokens: dict[UserRole, str]
) -> None:
    routes = id_routes(app)
    leaks: list[str] = []
    for method, path, needs in routes:
        kind = PARAMETER.search(path).group(1)  # type: ignore[union-attr]
        for role, token in tokens.items():
            for target in targets(bank, kind):
                if in_scope(role, target):
                    continue
                before = fingerprint(bank)
                status = send(client, bank, token, method, path, target)
                allowed = {404} | ({403} if not needs <= PERMISSIONS[role] else set())
                if status not in allowed or fingerprint(bank) != before:
                    leaks.append(f"{role.value} {method} {path} {target.id}: {status}")
    assert leaks == []


def test_a_role_with_the_permission_is_served_in_its_scope(
    app: FastAPI, client: TestClient, bank: Engine, tokens: dict[UserRole, str]
) -> None:
    """Never refused in scope, and each route serves at least one request outright: the
    samples are valid requests, so the refusals above are the scope's, not the body's."""
    refused: list[str] = []
    served: dict[str, int] = {}
    for method, path, needs in id_routes(app):
        kind = PARAMETER.search(path).group(1)  # type: ignore[union-attr]
        served[f"{method} {path}"] = 0
        for role, token in tokens.items():
            if not needs <= PERMISSIONS[role]:
                continue
            for target in targets(bank, kind):
                if not in_scope(role, target):
                    continue
                status = send(client, bank, token, method, path, target)
                if status in (401, 403, 404) or status >= 500:
                    refused.append(f"{role.value} {method} {path} {target.id}: {status}")
                served[f"{method} {path}"] += status < 400
    assert refused == []
    assert [route for route, count in served.items() if count == 0] == []


def test_the_matrix_covers_routes_with_ids(app: FastAPI) -> None:
    """The matrix would pass vacuously without routes: the workbench has some with ids."""
    assert {path for _method, path, _needs in id_routes(app)}
