"""Building small, hand-made stores for tests: every row says only what the test needs."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from bankladder.store.database import connect_for_upgrade, unit_of_work, upgrade
from bankladder.store.models import (
    BalanceSnapshot,
    Bank,
    Branch,
    Holding,
    Interaction,
    Need,
    Party,
    Product,
    Referral,
    Relationship,
    RelationshipManager,
)

PRODUCTS = {
    "DEP": "deposit",
    "TD": "deposit",
    "WM": "wealth",
    "CARD": "card",
    "LOAN": "loan",
}


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


@dataclass
class StoreBuilder:
    """Collects rows, then writes them into a fresh store in one transaction."""

    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, model: type, **values: Any) -> dict[str, Any]:
        self.rows.setdefault(model, []).append(values)
        return values

    def party(self, party_id: str, kind: str = "person", rm: str = "RM01", **values: Any) -> str:
        self.add(Party, id=party_id, kind=kind, name=f"客户{party_id}", rm_id=rm, **values)
        return party_id

    def contact(self, party_id: str, kind: str, when: dt.datetime, **values: Any) -> None:
        self.add(
            Interaction, party_id=party_id, rm_id="RM01", kind=kind, occurred_at=when, **values
        )

    def holding(
        self,
        party_id: str,
        product: str,
        opened: str,
        closed: str | None = None,
        balances: dict[str, str] | None = None,
    ) -> int:
        holding_id = next(self.ids)
        self.add(
            Holding,
            id=holding_id,
            party_id=party_id,
            product_code=product,
            opened_on=d(opened),
            closed_on=d(closed) if closed else None,
        )
        for day, amount in (balances or {}).items():
            self.add(
                BalanceSnapshot, holding_id=holding_id, snapshot_on=d(day), amount=Decimal(amount)
            )
        return holding_id

    def need(self, party_id: str, nature: str, identified: str, **values: Any) -> None:
        values.setdefault("status", "identified")
        self.add(
            Need,
            party_id=party_id,
            kind="wealth",
            nature=nature,
            identified_on=d(identified),
            **values,
        )

    def supplies(self, supplier: str, buyer: str, since: str | None = None) -> None:
        self.add_relationship(supplier, buyer, "supplier_of", since)

    def add_relationship(self, source: str, target: str, kind: str, since: str | None) -> None:
        self.add(
            Relationship,
            from_party_id=source,
            to_party_id=target,
            kind=kind,
            since=d(since) if since else None,
        )

    def referral(self, referrer: str, referee: str, on: str, **values: Any) -> None:
        values.setdefault("status", "introduced")
        self.add(Referral, referrer_id=referrer, referee_id=referee, referred_on=d(on), **values)

    def build(self, path: Path, profile: str = "young") -> Engine:
        return self.build_at(f"sqlite:///{path}", profile)

    def build_at(self, url: str, profile: str = "young") -> Engine:
        """The bank in the store at ``url`` (a SQLite file, or an empty PostgreSQL database,
        migrated here as ``bankladder db upgrade`` would)."""
        engine = connect_for_upgrade(url)
        upgrade(engine)
        with unit_of_work(engine) as session:
            session.execute(insert(Bank), [{"name": "测试银行", "profile": profile}])
            session.execute(insert(Branch), [{"id": "BR01", "name": "一支行"}])
            session.execute(
                insert(RelationshipManager),
                [
                    {"id": "RM01", "name": "王经理", "branch_id": "BR01"},
                    {"id": "RM02", "name": "李经理", "branch_id": "BR01"},
                ],
            )
            session.execute(
                insert(Product),
                [
                    {
                        "code": code,
                        "name_zh": code,
                        "name_en": code,
                        "family": family,
                        "target_segments": [],
                        "target_industries": [],
                    }
                    for code, family in PRODUCTS.items()
                ],
            )
            known = (Party, Holding, BalanceSnapshot, Interaction, Need, Relationship, Referral)
            others = [model for model in self.rows if model not in known]  # in the order added
            for model in (*known, *others):
                if self.rows.get(model):
                    session.execute(insert(model), self.rows[model])
        return engine
