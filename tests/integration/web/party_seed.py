"""A book for the party pages' tests, on the small bank of ``tests.workbench``.

P-RM01-1 (a person of RM01) carries one known value of each personal kind: mobile, ID number,
account number, balance and a contact's note; it is linked to P-RM02-1 (supplier of) and
introduced P-RM03-1. P-RM01-2 stands on the first rung with one contact in the last 90 days
and a need recorded: one more contact is all it lacks for the second rung (``recent_contacts``:
``interactions_90d >= 2``). The store is evaluated as of the day before the tests' clock.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Engine, insert, update

from bankladder.accounts.service import issue_api_token
from bankladder.config import Settings
from bankladder.evaluation.ladders import bank_ladder
from bankladder.evaluation.service import evaluate_store
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    BalanceSnapshot,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
)
from tests.workbench import START, Clock

MOBILE = "13812345678"
ID_NUMBER = "110101199003071234"
ACCOUNT = "6222020200112233445"
BALANCE = Decimal("123456.78")
BALANCE_SHOWN = "123,456.78"
NOTE = "wants a mortgage in spring"
NAME = "欧阳明"
SECRETS = (MOBILE, ID_NUMBER, ACCOUNT, BALANCE_SHOWN, str(BALANCE), NOTE, NAME)
"""Values that must never appear in an answer until the party is unmasked."""
EVALUATED_ON = START.date() - dt.timedelta(days=1)


def seed_book(engine: Engine) -> None:
    day = START.date()
    with unit_of_work(engine) as session:
        session.execute(
            update(Party)
            .where(Party.id == "P-RM01-1")
            .values(name=NAME, mobile=MOBILE, id_number=ID_NUMBER, customer_since=day)
        )
        session.execute(
            insert(Product),
            [
                {
                    "code": "CASA",
                    "name_zh": "活期存款",
                    "name_en": "Current account",
                    "family": "deposit",
                }
            ],
        )
        holding = session.execute(
            insert(Holding)
            .values(
                party_id="P-RM01-1",
                product_code="CASA",
                account_no=ACCOUNT,
                opened_on=day - dt.timedelta(days=300),
            )
            .returning(Holding.id)
        ).scalar_one()
        session.execute(
            insert(BalanceSnapshot),
            [{"holding_id": holding, "snapshot_on": day - dt.timedelta(days=5), "amount": BALANCE}],
        )
        session.execute(insert(Interaction), _contacts(START))
        session.execute(insert(Need), _needs(day))
        session.execute(
            insert(Relationship),
            [{"from_party_id": "P-RM01-1", "to_party_id": "P-RM02-1", "kind": "supplier_of"}],
        )
        session.execute(
            insert(Referral),
            [
                {
                    "referrer_id": "P-RM01-1",
                    "referee_id": "P-RM03-1",
                    "referred_on": day - dt.timedelta(days=20),
                    "status": "introduced",
                }
            ],
        )
        ladder = bank_ladder(session, Settings())
    evaluate_store(engine, ladder, EVALUATED_ON)


def _contacts(now: dt.datetime) -> list[dict[str, object]]:
    ago = lambda days: now - dt.timedelta(days=days)  # noqa: E731
    return [
        {"party_id": "P-RM01-1", "rm_id": "RM01", "kind": "event", "occurred_at": ago(60)},
        {
            "party_id": "P-RM01-1",
            "rm_id": "RM01",
            "kind": "visit",
            "occurred_at": ago(10),
            "outcome": "positive",
            "note": NOTE,
        },
        {"party_id": "P-RM01-2", "rm_id": "RM01", "kind": "event", "occurred_at": ago(30)},
        {"party_id": "P-RM02-1", "rm_id": "RM02", "kind": "visit", "occurred_at": ago(5)},
    ]


def _needs(day: dt.date) -> list[dict[str, object]]:
    return [
        {
            "party_id": party,
            "kind": "mortgage",
            "nature": "latent",
            "status": "identified",
            "identified_on": day - dt.timedelta(days=30),
            "competitor_bank": "ICBC" if party == "P-RM01-1" else None,
        }
        for party in ("P-RM01-1", "P-RM01-2")
    ]


def bearer(engine: Engine, username: str) -> dict[str, str]:
    with unit_of_work(engine) as session:
        token = issue_api_token(session, username, "tests", Clock()()).token
    return {"Authorization": f"Bearer {token}"}
