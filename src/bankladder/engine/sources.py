"""The source tables the engine reads, as Ibis tables on one backend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SOURCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "party": (
        "id",
        "kind",
        "segment",
        "rm_id",
        "first_contact_on",
        "customer_since",
        "kyc_expires_on",
        "size_band",  # the network's potential of a prospect without a wallet estimate
        "industry_code",
    ),
    "product": ("code", "family"),
    "holding": ("id", "party_id", "product_code", "opened_on", "closed_on"),
    "balance": ("holding_id", "snapshot_on", "amount"),
    "interaction": ("party_id", "kind", "occurred_at", "resolved_at"),
    "need": (
        "party_id",
        "nature",
        "competitor_bank",
        "status",
        "identified_on",
        "presented_on",
        "closed_on",
    ),
    "relationship": ("from_party_id", "to_party_id", "kind", "since"),
    "referral": ("referrer_id", "referee_id", "status", "referred_on", "converted_on"),
    "wallet_estimate": ("party_id", "as_of", "wallet", "share", "opportunity"),
    "settlement": ("party_id", "month", "inflow"),
    "benefit": ("party_id", "given_on", "status"),
    "aml_flag": ("party_id", "raised_on", "cleared_on"),
    "target_industry": ("code", "since"),
    "rm_specialisation": ("rm_id", "industry_code"),
    "propensity_score": ("party_id", "as_of", "target", "lift"),
}
"""What the batch reads of each source table (the engine's facts, and the network's edges and
potentials): all a batch extract needs to carry. Of a model's scores (``propensity_score``) the
priority reads only the lift, never the reasons."""
SOURCE_TABLES = tuple(SOURCE_COLUMNS)


@dataclass(frozen=True)
class Sources:
    """One Ibis table expression per source table, all on the same backend."""

    party: Any
    product: Any
    holding: Any
    balance: Any
    interaction: Any
    need: Any
    relationship: Any
    referral: Any
    wallet_estimate: Any
    settlement: Any
    benefit: Any
    aml_flag: Any
    target_industry: Any
    rm_specialisation: Any
    propensity_score: Any
    dialect: str

    @classmethod
    def on(cls, backend: Any) -> Sources:
        """The source tables of an Ibis backend that holds them under their store names."""
        tables = {name: backend.table(name).select(*cols) for name, cols in SOURCE_COLUMNS.items()}
        return cls(**tables, dialect=backend.name)
