"""A book for product fit on the small bank of ``tests.workbench``, with known answers.

E-RM01 (an SME food maker of RM01, industry C1310) holds a basic account whose month-ends
from January to June 2026 are 900k, 650k, 800k, 700k, 1.2M and 1.0M CNY (idle cash: 650,000
for 6 months), and a negotiated deposit (term money, never idle); it has an open loan need
naming 招商银行 (its won payroll need and lost e-banking need are closed); its newest wallet
estimate gives it a 25% share (3,000,000 elsewhere) in peer group ``enterprise/segment=sme/...``,
where 75% of the peers hold corporate online banking and 25% payroll.

P-RM01-1 (an affluent person) holds the debit card and has a presented wealth need naming
中国工商银行.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Connection, Engine, insert, update

from bankladder.demo.rows import product_rows, selling_point_rows
from bankladder.store.database import unit_of_work
from bankladder.store.models import (
    BalanceSnapshot,
    Holding,
    Need,
    Party,
    PeerHolding,
    Product,
    SellingPoint,
    WalletEstimate,
)

ENTERPRISE = "E-RM01"
PERSON = "P-RM01-1"
PERSON_NAME = "欧阳明"
PEER_GROUP = "enterprise/segment=sme/industry=C/size=small/turnover=unknown"
AS_OF = dt.date(2026, 6, 30)
MONTH_ENDS = (
    (dt.date(2026, 1, 31), 900_000),
    (dt.date(2026, 2, 28), 650_000),
    (dt.date(2026, 3, 31), 800_000),
    (dt.date(2026, 4, 30), 700_000),
    (dt.date(2026, 5, 31), 1_200_000),
    (dt.date(2026, 6, 30), 1_000_000),
)
IDLE_SHOWN = "650,000.00"
OPPORTUNITY_SHOWN = "3,000,000.00"
SECRETS = (IDLE_SHOWN, OPPORTUNITY_SHOWN, "4,000,000.00", PERSON_NAME)
"""Values that must not appear until the party is unmasked."""
ENTERPRISE_ORDER = ["CASH-POOL", "WM-CORP", "LN-BILL", "LN-BIZ", "LN-SUPPLY", "EB-CORP"]
PERSON_ORDER = ["DEP-LCD", "WM-CASH", "WM-STEADY"]


def seed_products(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(insert(Product), product_rows())
        session.execute(insert(SellingPoint), selling_point_rows())
        session.execute(
            insert(Party),
            [
                {
                    "id": ENTERPRISE,
                    "kind": "enterprise",
                    "name": "澄州恒泰食品有限公司",
                    "segment": "sme",
                    "industry_code": "C1310",
                    "rm_id": "RM01",
                    "customer_since": dt.date(2025, 3, 1),
                }
            ],
        )
        session.execute(
            update(Party)
            .where(Party.id == PERSON)
            .values(segment="affluent", name=PERSON_NAME, customer_since=dt.date(2025, 1, 5))
        )
        _holdings(session.connection())
        _needs(session.connection())
        _wallet(session.connection())


def _holdings(connection: Connection) -> None:
    opened, closed = dt.date(2025, 3, 1), dt.date(2025, 9, 1)
    holdings = (
        (1, ENTERPRISE, "DEP-BASIC", None),
        (2, ENTERPRISE, "DEP-CORP-TD", None),
        (3, PERSON, "CARD-DEBIT", None),
        (4, ENTERPRISE, "EB-CORP", closed),  # closed: offered again
    )
    connection.execute(
        insert(Holding),
        [
            {"id": i, "party_id": p, "product_code": c, "opened_on": opened, "closed_on": until}
            for i, p, c, until in holdings
        ],
    )
    connection.execute(
        insert(BalanceSnapshot),
        [
            {"holding_id": 1, "snapshot_on": day, "amount": Decimal(amount)}
            for day, amount in MONTH_ENDS
        ]
        + [{"holding_id": 1, "snapshot_on": dt.date(2026, 2, 10), "amount": Decimal(10)}]
        + [
            {"holding_id": 2, "snapshot_on": day, "amount": Decimal(5_000_000)}
            for day, _ in MONTH_ENDS
        ],
    )


def _needs(connection: Connection) -> None:
    def need(party: str, kind: str, status: str, bank: str | None, day: int) -> dict[str, object]:
        return {
            "party_id": party,
            "kind": kind,
            "nature": "existing" if bank else "latent",
            "competitor_bank": bank,
            "status": status,
            "identified_on": dt.date(2026, 5, day),
        }

    connection.execute(
        insert(Need),
        [
            need(ENTERPRISE, "loan", "identified", "招商银行", 20),
            need(ENTERPRISE, "payroll", "won", "工商银行", 2),
            need(ENTERPRISE, "ebanking", "lost", "建设银行", 3),
            need(PERSON, "wealth", "presented", "中国工商银行", 12),
        ],
    )


def _wallet(connection: Connection) -> None:
    def estimate(as_of: dt.date, share: float, elsewhere: int) -> dict[str, object]:
        return {
            "party_id": ENTERPRISE,
            "as_of": as_of,
            "at_bank": Decimal(1_000_000),
            "wallet": Decimal(1_000_000 + elsewhere),
            "share": share,
            "opportunity": Decimal(elsewhere),
            "peer_group": PEER_GROUP,
            "peers": 40,
            "method": "q0.90 balance",
        }

    connection.execute(
        insert(WalletEstimate),
        [estimate(AS_OF, 0.25, 3_000_000), estimate(dt.date(2026, 5, 31), 0.9, 111_111)],
    )
    connection.execute(
        insert(PeerHolding),
        [
            {
                "as_of": AS_OF,
                "peer_group": PEER_GROUP,
                "product_code": code,
                "holders": n,
                "peers": 40,
            }
            for code, n in (("EB-CORP", 30), ("PAYROLL", 10), ("DEP-BASIC", 40))
        ]
        + [  # an older count, which the newest replaces
            {
                "as_of": dt.date(2026, 5, 31),
                "peer_group": PEER_GROUP,
                "product_code": "PAYROLL",
                "holders": 39,
                "peers": 40,
            }
        ],
    )
