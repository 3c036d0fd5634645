"""What each role may do: deny by default, admins see no customers, auditors change nothing."""

from __future__ import annotations

import pytest

from bankladder.access.principal import PERMISSIONS, Permission, Principal
from bankladder.store.vocabulary import UserRole

pytestmark = pytest.mark.unit

WRITES = {Permission.PARTIES_WORK, Permission.USERS_MANAGE, Permission.CONFIG_MANAGE}


def test_every_role_has_its_permissions_listed() -> None:
    assert set(PERMISSIONS) == set(UserRole)


def test_every_signed_in_user_may_see_themselves() -> None:
    assert all(Principal(1, role).may(Permission.SELF_VIEW) for role in UserRole)


def test_an_admin_manages_users_and_configuration_but_reads_no_customer() -> None:
    admin = Principal(1, UserRole.ADMIN)
    assert admin.may(Permission.USERS_MANAGE)
    assert admin.may(Permission.CONFIG_MANAGE)
    assert not admin.may(Permission.PARTIES_READ)


def test_an_auditor_reads_but_changes_nothing() -> None:
    auditor = Principal(1, UserRole.AUDITOR)
    assert auditor.may(Permission.PARTIES_READ)
    assert auditor.may(Permission.AUDIT_READ)
    assert not auditor.permissions & WRITES


def test_only_managers_and_auditors_see_the_team() -> None:
    allowed = {role for role in UserRole if Principal(1, role).may(Permission.TEAM_VIEW)}
    assert allowed == {UserRole.MANAGER, UserRole.AUDITOR}


def test_rms_and_managers_work_on_parties_admins_and_auditors_do_not() -> None:
    allowed = {role for role in UserRole if Principal(1, role).may(Permission.PARTIES_WORK)}
    assert allowed == {UserRole.RM, UserRole.MANAGER}
