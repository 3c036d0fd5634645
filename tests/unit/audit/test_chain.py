"""The audit trail's hash chain: a whole trail verifies; each kind of tampering is named."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bankladder.audit.chain import GENESIS, Entry, content, first_break, link

pytestmark = pytest.mark.unit

T0 = dt.datetime(2026, 11, 30, 9, 0)


def _trail(n: int) -> list[Entry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        at, detail = T0 + dt.timedelta(minutes=seq), {"fields": ["name"], "n": seq}
        text = content(seq, at, 7, "party.unmask", "party", f"P{seq}", "客户来电", detail)
        digest = link(prev, text)
        entries.append(
            Entry(seq, at, 7, "party.unmask", "party", f"P{seq}", "客户来电", detail, prev, digest)
        )
        prev = digest
    return entries


def _head(entries: list[Entry]) -> tuple[int, str]:
    return entries[-1].seq, entries[-1].hash


def test_a_whole_trail_has_no_break() -> None:
    trail = _trail(5)
    assert first_break(trail, *_head(trail)) is None


def test_an_empty_trail_with_an_empty_head_is_whole() -> None:
    assert first_break([], 0, GENESIS) is None


@pytest.mark.parametrize(
    "change",
    [
        {"reason": "另一个理由"},
        {"object_id": "P999"},
        {"detail": {"fields": ["mobile"], "n": 3}},
        {"at": T0},
        {"user_id": 8},
        {"event": "party.view"},
    ],
)
def test_an_edited_entry_is_named(change: dict[str, object]) -> None:
    trail = _trail(5)
    trail[2] = dataclasses.replace(trail[2], **change)  # type: ignore[arg-type]
    found = first_break(trail, *_head(_trail(5)))
    assert found is not None
    assert (found.seq, found.problem) == (3, "altered")


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link() -> None:
    trail = _trail(5)
    forged = dataclasses.replace(trail[2], reason="改过的")
    trail[2] = dataclasses.replace(
        forged,
        hash=link(
            forged.prev_hash,
            content(
                forged.seq,
                forged.at,
                forged.user_id,
                forged.event,
                forged.object_type,
                forged.object_id,
                forged.reason,
                forged.detail,
            ),
        ),
    )
    found = first_break(trail, *_head(_trail(5)))
    assert found is not None
    assert (found.seq, found.problem) == (4, "out_of_order")


def test_a_deleted_entry_is_named_missing() -> None:
    trail = _trail(5)
    del trail[1]
    found = first_break(trail, *_head(_trail(5)))
    assert found is not None
    assert (found.seq, found.problem) == (2, "missing")


def test_entries_cut_off_the_end_are_named() -> None:
    trail = _trail(5)
    found = first_break(trail[:3], *_head(trail))
    assert found is not None
    assert (found.seq, found.problem) == (4, "truncated")
    assert "4 to 5" in found.detail


def test_two_entries_swapped_are_found_at_the_first() -> None:
    trail = _trail(5)
    a, b = trail[1], trail[3]
    trail[1] = dataclasses.replace(b, seq=a.seq)
    trail[3] = dataclasses.replace(a, seq=b.seq)
    found = first_break(trail, *_head(_trail(5)))
    assert found is not None
    assert found.seq == 2


def test_a_replaced_last_entry_does_not_match_the_head() -> None:
    trail = _trail(3)
    head = _head(trail)
    last = trail[-1]
    text = content(3, last.at, 7, "party.unmask", "party", "P3", "另一个", last.detail)
    trail[-1] = dataclasses.replace(last, reason="另一个", hash=link(last.prev_hash, text))
    found = first_break(trail, *head)
    assert found is not None
    assert (found.seq, found.problem) == (3, "altered")
