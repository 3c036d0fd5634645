"""Use cases: the bank's catalogue with its selling points, and one party's resource-mining
view (wallet, idle cash, matched products), masked by default; unmasking it with a reason.

``principal`` None is the command line, run by whoever operates the store: it reads every
party, and its output is masked unless asked otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from bankladder.access.principal import Principal
from bankladder.audit import service as audit
from bankladder.errors import InvalidInput
from bankladder.ladder.model import Text
from bankladder.privacy.masking import MASKED_AMOUNT, party_name
from bankladder.products import fit, repository
from bankladder.products.competitors import competitor_name
from bankladder.products.families import FAMILY_NAMES
from bankladder.products.idle_cash import (
    MAX_MONTHS,
    idle_cash,
    is_demand_deposit,
    month_end_totals,
)
from bankladder.products.schemas import (
    IdleCash,
    IdleCashShown,
    OpenNeed,
    PartyProducts,
    PartyProfile,
    PeerShare,
    ProductCard,
    SellingPointShown,
    WalletGap,
    WalletShown,
)
from bankladder.store.models import Party, Product, WalletEstimate
from bankladder.store.vocabulary import PartyKind

REASON_MIN, REASON_MAX = 5, 500
UNMASK_EVENT = "party.unmask"
WINDOW = dt.timedelta(days=31 * (MAX_MONTHS + 1))
"""How far back balances are read for idle cash: the months it looks at, and one more."""


def catalogue(session: Session) -> tuple[ProductCard, ...]:
    """Every product with its selling points, by family (deposits first, a family the bank
    added last)."""
    points: dict[str, list[SellingPointShown]] = defaultdict(list)
    for point in repository.selling_points(session):
        points[point.product_code].append(
            SellingPointShown(
                competitor=point.competitor,
                competitor_name=competitor_name(point.competitor),
                point=Text(zh=point.point_zh, en=point.point_en),
            )
        )
    cards = [_card(p, points[p.code]) for p in repository.products(session)]
    order = {family: i for i, family in enumerate(FAMILY_NAMES)}
    cards.sort(key=lambda c: (order.get(c.family, len(order)), c.family, c.code))
    return tuple(cards)


def party_products(
    session: Session, principal: Principal | None, party_id: str, *, unmasked: bool = False
) -> PartyProducts:
    """The party's wallet, idle cash and matched products; money masked unless ``unmasked``;
    NotFound when the party is out of the principal's scope."""
    party = repository.party(session, principal, party_id)
    products = catalogue(session)
    holdings = repository.open_holdings(session, principal, party.id)
    needs = repository.open_needs(session, principal, party.id)
    estimate = repository.newest_wallet(session, principal, party.id)
    wallet = None if estimate is None else _gap(estimate)
    idle = _idle_cash(session, principal, party, products, holdings)
    picture = fit.PartyPicture(
        profile=PartyProfile(party.kind.value, party.segment, party.industry_code),
        held=frozenset(code for _, code in holdings),
        needs=tuple(OpenNeed(n.kind, n.competitor_bank) for n in needs),
        wallet=wallet,
        peers=_peers(session, wallet),
        idle=idle,
    )
    amount = _shown_amount(unmasked)
    return PartyProducts(
        party_id=party.id,
        name=party.name if unmasked else party_name(party.name, party.kind.value),
        kind=party.kind.value,
        segment=party.segment,
        industry_code=party.industry_code,
        stage_rank=repository.stage_rank(session, principal, party.id),
        held=tuple(sorted(picture.held)),
        wallet=None if wallet is None else _wallet_shown(wallet, amount),
        idle_cash=None
        if idle is None
        else IdleCashShown(amount(idle.amount), idle.months, idle.since),
        suggestions=fit.suggest(products, picture, amount),
        competitors=picture.banks,
        unmasked=unmasked,
    )


def unmask(
    session: Session, principal: Principal | None, party_id: str, reason: str, now: dt.datetime
) -> PartyProducts:
    """The view with its amounts in full, for this answer only; records who unmasked and why
    (``principal`` None: the command line, recorded as the system)."""
    stated = reason.strip()
    if not REASON_MIN <= len(stated) <= REASON_MAX:
        raise InvalidInput(
            f"the reason must be {REASON_MIN} to {REASON_MAX} characters long",
            where="reason",
            fix="say why you need to see this party's amounts",
        )
    view = party_products(session, principal, party_id, unmasked=True)
    shown = (
        ("name", view.kind == PartyKind.PERSON.value),
        ("wallet", view.wallet is not None),
        ("idle_cash", view.idle_cash is not None),
    )
    fields = [name for name, present in shown if present]
    audit.record(
        session,
        principal,
        UNMASK_EVENT,
        "party",
        view.party_id,
        now,
        reason=stated,
        detail={"fields": fields, "page": "products"},
    )
    return view


def _card(product: Product, points: Sequence[SellingPointShown]) -> ProductCard:
    summary = (
        Text(zh=product.selling_points_zh or "", en=product.selling_points_en or "")
        if product.selling_points_zh or product.selling_points_en
        else None
    )
    return ProductCard(
        code=product.code,
        name=Text(zh=product.name_zh, en=product.name_en),
        family=product.family,
        target_segments=tuple(product.target_segments or ()),
        target_industries=tuple(product.target_industries or ()),
        need_kinds=tuple(product.need_kinds or ()),
        prerequisites=tuple(product.prerequisites or ()),
        summary=summary,
        selling_points=tuple(points),
    )


def _gap(estimate: WalletEstimate) -> WalletGap:
    return WalletGap(
        as_of=estimate.as_of,
        at_bank=estimate.at_bank,
        wallet=estimate.wallet,
        share=estimate.share,
        opportunity=estimate.opportunity,
        peer_group=estimate.peer_group,
        peers=estimate.peers,
        method=estimate.method,
    )


def _peers(session: Session, wallet: WalletGap | None) -> tuple[PeerShare, ...]:
    if wallet is None:
        return ()
    rows = repository.peer_holdings(session, wallet.peer_group, wallet.as_of)
    return tuple(PeerShare(r.product_code, r.holders, r.peers) for r in rows)


def _idle_cash(
    session: Session,
    principal: Principal | None,
    party: Party,
    products: Sequence[ProductCard],
    holdings: Sequence[tuple[int, str]],
) -> IdleCash | None:
    """An enterprise's idle cash on its demand-deposit holdings; None for a person."""
    if party.kind is not PartyKind.ENTERPRISE:
        return None
    demand = {p.code for p in products if is_demand_deposit(p.family, p.name.zh, p.name.en)}
    ids = [holding for holding, code in holdings if code in demand]
    newest = repository.newest_snapshot_day(session, principal, ids)
    if newest is None:
        return None
    rows = repository.balances_since(session, principal, ids, newest - WINDOW)
    return idle_cash(month_end_totals(rows))


def _wallet_shown(wallet: WalletGap, amount: fit.Amount) -> WalletShown:
    return WalletShown(
        as_of=wallet.as_of,
        at_bank=amount(wallet.at_bank),
        wallet=amount(wallet.wallet),
        share=round(wallet.share, 4),
        opportunity=amount(wallet.opportunity),
        peer_group=wallet.peer_group,
        peers=wallet.peers,
        method=wallet.method,
    )


def _shown_amount(unmasked: bool) -> fit.Amount:
    def shown(value: Decimal) -> str:
        return f"{value:,.2f}" if unmasked else MASKED_AMOUNT

    return shown
