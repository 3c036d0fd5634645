"""``GET /api/v1/me``: who the API token or session belongs to, and what they may do."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from bankladder.web.dependencies import SignedIn

router = APIRouter(prefix="/api/v1")


class Me(BaseModel):
    username: str
    role: str
    rm_id: str | None
    branch_id: str | None
    locale: str
    permissions: list[str]


@router.get("/me", name="api_me")
def me(caller: SignedIn) -> Me:
    account = caller.account
    return Me(
        username=account.username,
        role=account.role.value,
        rm_id=account.rm_id,
        branch_id=account.branch_id,
        locale=account.locale.value,
        permissions=sorted(p.value for p in caller.principal.permissions),
    )
