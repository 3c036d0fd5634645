"""Which products to put before a party, and why: pure, no I/O.

Four sources give a product reasons: a recorded need not yet won that the product answers
(rung 2, discovery); money kept with other banks, when the party's share of wallet is below
``WALLET_SHARE_MAX`` (rung 4, resource mining: the balance-carrying families); a product held
by at least ``PEER_SHARE_MIN`` of its peer group of at least ``PEERS_MIN`` parties (rung 4);
an enterprise's idle cash (rung 4: cash management and wealth). A product is never suggested
when the party holds it or when its target segments or industries leave the party out. When
the party holds none of a product's prerequisites (any one of them will do: they are ways of
holding the same thing, such as a settlement account), the first prerequisite that fits is
suggested instead, "to hold first". Each suggestion carries the selling points against the
bank the party's needs name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bankladder.ladder.model import Text
from bankladder.products.competitors import competitor_name, points_against
from bankladder.products.families import family_name
from bankladder.products.schemas import (
    IdleCash,
    OpenNeed,
    PartyProfile,
    PeerShare,
    ProductCard,
    Reason,
    SellingPointShown,
    Source,
    Suggestion,
    WalletGap,
)

WALLET_SHARE_MAX = 0.6
"""Below this share of wallet, the money elsewhere is worth drawing to the bank."""
PEER_SHARE_MIN, PEERS_MIN = 0.4, 5
"""A product held by this share of a peer group of at least this many parties."""
WALLET_FAMILIES = {
    "person": ("deposit", "wealth"),
    "enterprise": ("deposit", "wealth", "cash_management"),
}
IDLE_CASH_FAMILIES = ("cash_management", "wealth")
WEIGHTS = {Source.NEED: 3.0, Source.IDLE_CASH: 2.5, Source.WALLET: 1.0, Source.PEERS: 2.0}
Amount = Callable[[Decimal], str]
"""How an amount is shown: in full, or masked."""


@dataclass(frozen=True)
class PartyPicture:
    """What fit reads of one party."""

    profile: PartyProfile
    held: frozenset[str]
    needs: tuple[OpenNeed, ...] = ()
    wallet: WalletGap | None = None
    peers: tuple[PeerShare, ...] = ()
    idle: IdleCash | None = None

    @property
    def banks(self) -> tuple[str, ...]:
        """The other banks its needs name, in the needs' order, each once."""
        named = (n.competitor_bank for n in self.needs if n.competitor_bank)
        return tuple(dict.fromkeys(named))


@dataclass
class _Candidate:
    reasons: list[Reason] = field(default_factory=list)
    score: float = 0.0
    unlocks: list[str] = field(default_factory=list)


def fits(product: ProductCard, profile: PartyProfile) -> bool:
    """The product's targets include the party; an unknown segment or industry excludes
    nothing (lack of data is no reason to hold advice back)."""
    segment_ok = (
        not product.target_segments
        or profile.segment is None
        or profile.segment in product.target_segments
    )
    industry_ok = (
        not product.target_industries
        or profile.industry_code is None
        or any(profile.industry_code.startswith(i) for i in product.target_industries)
    )
    return segment_ok and industry_ok


def suggest(
    catalogue: Sequence[ProductCard], party: PartyPicture, amount: Amount
) -> tuple[Suggestion, ...]:
    """The products to put before the party, best first."""
    products = {p.code: p for p in catalogue}
    wanted: dict[str, _Candidate] = {}
    for code, reason in _reasons(catalogue, party, amount):
        candidate = wanted.setdefault(code, _Candidate())
        candidate.reasons.append(reason)
        candidate.score += WEIGHTS[reason.source] * _strength(reason, party, code)
    offered = _through_prerequisites(wanted, products, party)
    ranked = sorted(offered.items(), key=lambda item: (-item[1].score, item[0]))
    return tuple(_suggestion(products[code], c, party) for code, c in ranked)


def _reasons(
    catalogue: Sequence[ProductCard], party: PartyPicture, amount: Amount
) -> list[tuple[str, Reason]]:
    found: list[tuple[str, Reason]] = []
    for product in catalogue:
        if product.code in party.held or not fits(product, party.profile):
            continue
        found += [(product.code, r) for r in _need_reasons(product, party)]
        found += [(product.code, r) for r in _gap_reasons(product, party, amount)]
    return found


def _need_reasons(product: ProductCard, party: PartyPicture) -> list[Reason]:
    kinds = dict.fromkeys(n.kind for n in party.needs if n.kind in product.need_kinds)
    return [
        Reason(
            Source.NEED,
            Text(
                zh=f"回应已记录的需求：{family_name(kind).zh}",
                en=f"Answers a recorded need: {family_name(kind).en.lower()}",
            ),
        )
        for kind in kinds
    ]


def _gap_reasons(product: ProductCard, party: PartyPicture, amount: Amount) -> list[Reason]:
    reasons = []
    wallet, idle = party.wallet, party.idle
    if (
        wallet is not None
        and wallet.share < WALLET_SHARE_MAX
        and wallet.opportunity > 0
        and product.family in WALLET_FAMILIES.get(party.profile.kind, ())
    ):
        reasons.append(Reason(Source.WALLET, _wallet_text(wallet, amount)))
    peer = next((p for p in party.peers if p.product_code == product.code), None)
    if peer is not None and peer.peers >= PEERS_MIN and peer.share >= PEER_SHARE_MIN:
        reasons.append(Reason(Source.PEERS, _peer_text(peer)))
    if idle is not None and product.family in IDLE_CASH_FAMILIES:
        reasons.append(Reason(Source.IDLE_CASH, _idle_text(idle, amount)))
    return reasons


def _wallet_text(wallet: WalletGap, amount: Amount) -> Text:
    elsewhere = round(100 * (1 - wallet.share))
    money = amount(wallet.opportunity)
    return Text(
        zh=f"约{elsewhere}%的资金（CNY {money}）在他行：把钱吸引过来",
        en=f"About {elsewhere}% of its money (CNY {money}) is with other banks: draw it here",
    )


def _peer_text(peer: PeerShare) -> Text:
    pct = round(100 * peer.share)
    return Text(
        zh=f"同类客户中{pct}%持有（{peer.holders}/{peer.peers}）",
        en=f"Held by {pct}% of similar customers ({peer.holders} of {peer.peers})",
    )


def _idle_text(idle: IdleCash, amount: Amount) -> Text:
    money = amount(idle.amount)
    return Text(
        zh=f"CNY {money} 已在活期账户闲置{idle.months}个月：客户经理作为企业的理财顾问",
        en=f"CNY {money} has stayed idle for {idle.months} months: "
        "the RM as the enterprise's adviser",
    )


def _strength(reason: Reason, party: PartyPicture, code: str) -> float:
    """How strongly a source argues: the gap's size for the wallet, the share for peers."""
    if reason.source is Source.WALLET and party.wallet is not None:
        return 1.0 - party.wallet.share
    if reason.source is Source.PEERS:
        return next((p.share for p in party.peers if p.product_code == code), 0.0)
    return 1.0


def _through_prerequisites(
    wanted: dict[str, _Candidate], products: dict[str, ProductCard], party: PartyPicture
) -> dict[str, _Candidate]:
    """Products the party may take now; one it may not yet is replaced by the prerequisite
    to hold first (or dropped when none fits)."""
    offered: dict[str, _Candidate] = {}
    for code, candidate in wanted.items():
        first = _first_to_hold(products[code], products, party)
        if first is None:
            continue
        if first == code:
            _merge(offered.setdefault(code, _Candidate()), candidate)
            continue
        before = offered.setdefault(first, _Candidate())
        before.score = max(before.score, candidate.score)
        before.unlocks.append(code)
        before.reasons.append(Reason(Source.PREREQUISITE, _prerequisite_text(products[code])))
    return offered


def _first_to_hold(
    product: ProductCard, products: dict[str, ProductCard], party: PartyPicture
) -> str | None:
    """The product itself when its prerequisites are met, else the first one that fits."""
    needed = product.prerequisites
    if not needed or any(code in party.held for code in needed):
        return product.code
    return next(
        (code for code in needed if code in products and fits(products[code], party.profile)),
        None,
    )


def _merge(into: _Candidate, candidate: _Candidate) -> None:
    into.reasons[:0] = candidate.reasons
    into.score += candidate.score


def _prerequisite_text(product: ProductCard) -> Text:
    return Text(
        zh=f"需先持有，才能办理{product.name.zh}",
        en=f"To hold first, before {product.name.en}",
    )


def _suggestion(product: ProductCard, candidate: _Candidate, party: PartyPicture) -> Suggestion:
    return Suggestion(
        product_code=product.code,
        name=product.name,
        family=product.family,
        score=round(candidate.score, 4),
        reasons=tuple(candidate.reasons),
        selling_points=_points(product, party),
        rung=min(reason.source.rung for reason in candidate.reasons),
        unlocks=tuple(candidate.unlocks),
    )


def _points(product: ProductCard, party: PartyPicture) -> tuple[SellingPointShown, ...]:
    """The points against the banks the needs this product answers name, then the others."""
    answering = [n.competitor_bank for n in party.needs if n.kind in product.need_kinds]
    banks = tuple(dict.fromkeys([b for b in answering if b] + list(party.banks)))
    by_competitor = {p.competitor: p for p in product.selling_points}
    return tuple(
        SellingPointShown(
            competitor=bank,
            competitor_name=_against(bank, competitor),
            point=by_competitor[competitor].point,
        )
        for bank, competitor in points_against(banks, by_competitor)
    )


def _against(bank: str, competitor: str) -> Text:
    """The bank, followed by its kind when the point is written against the kind."""
    if bank == competitor:
        return competitor_name(bank)
    kind = competitor_name(competitor)
    return Text(zh=f"{bank}（{kind.zh}）", en=f"{bank} ({kind.en})")
