"""Which records are one party: each rule with a case it decides and a near miss it does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bankladder.parties.identifiers import credit_code_check, organisation_code_check
from bankladder.parties.resolution import (
    PartyRecord,
    Rule,
    Verdict,
    blocking_keys,
    decide,
    enterprise_name_key,
    normalise_name,
)

pytestmark = pytest.mark.unit

ID_A = "11010519491231002X"
ID_B = "440305199003071236"
ID_TYPO = "440305199003071237"  # ID_B with a wrong check digit
MOBILE = "13800138000"


def credit_code(body: str) -> str:
    first17 = f"91110105{body}{organisation_code_check(body)}"
    return first17 + credit_code_check(first17)


CODE_A, CODE_B = credit_code("12345678"), credit_code("87654321")


def person(party_id: str, name: str = "张三", **values: str | None) -> PartyRecord:
    return PartyRecord(party_id, "person", name, **values)


def enterprise(party_id: str, name: str = "星河贸易有限公司", **values: str | None) -> PartyRecord:
    return PartyRecord(party_id, "enterprise", name, **values)


def rule_of(a: PartyRecord, b: PartyRecord) -> Rule | None:
    match = decide(a, b)
    return None if match is None else match.rule


def test_a_valid_id_number_shared_by_two_persons_makes_them_one() -> None:
    match = decide(person("P1", id_number=ID_A), person("P2", "张叁", id_number=ID_A.lower()))
    assert match is not None
    assert (match.rule, match.verdict) == (Rule.SAME_ID_NUMBER, Verdict.SAME)


def test_a_valid_credit_code_shared_by_two_enterprises_makes_them_one() -> None:
    a, b = enterprise("E1", id_number=CODE_A), enterprise("E2", "别名公司", id_number=CODE_A)
    assert rule_of(a, b) is Rule.SAME_ID_NUMBER


def test_a_person_and_an_enterprise_are_never_one_party() -> None:
    a = person("P1", "星河贸易有限公司", id_number=CODE_A, mobile=MOBILE)
    assert decide(a, enterprise("E1", id_number=CODE_A, mobile=MOBILE)) is None


def test_an_id_number_failing_its_check_only_suggests_the_same_party() -> None:
    match = decide(person("P1", id_number=ID_TYPO), person("P2", "李四", id_number=ID_TYPO))
    assert match is not None
    assert (match.rule, match.verdict) == (Rule.SAME_UNCHECKED_ID_NUMBER, Verdict.LIKELY)


def test_same_name_and_mobile_make_one_party_whatever_the_spacing_and_width() -> None:
    a = person("P1", "张 三", mobile="+86 138-0013-8000")
    assert rule_of(a, person("P2", "张三", mobile=MOBILE)) is Rule.SAME_NAME_AND_MOBILE
    b = enterprise("E1", "ＡＢＣ贸易有限公司", mobile=MOBILE)
    assert rule_of(b, enterprise("E2", "abc 贸易有限公司", mobile=MOBILE)) is (
        Rule.SAME_NAME_AND_MOBILE
    )


def test_same_name_and_mobile_with_a_mistyped_id_number_are_still_one_party() -> None:
    a, b = (
        person("P1", id_number=ID_B, mobile=MOBILE),
        person("P2", id_number=ID_TYPO, mobile=MOBILE),
    )
    assert rule_of(a, b) is Rule.SAME_NAME_AND_MOBILE


def test_two_valid_different_id_numbers_are_two_parties_whatever_else_agrees() -> None:
    a, b = person("P1", id_number=ID_A, mobile=MOBILE), person("P2", id_number=ID_B, mobile=MOBILE)
    assert decide(a, b) is None
    c, d = enterprise("E1", id_number=CODE_A), enterprise("E2", id_number=CODE_B)
    assert decide(c, d) is None


def test_a_shared_mobile_under_different_names_is_only_likely() -> None:
    match = decide(person("P1", mobile=MOBILE), person("P2", "李四", mobile=MOBILE))
    assert match is not None
    assert (match.rule, match.verdict) == (Rule.SHARED_MOBILE, Verdict.LIKELY)
    assert decide(person("P1", mobile=MOBILE), person("P2", "李四", mobile="13900139000")) is None


def test_enterprise_names_in_two_legal_form_spellings_are_likely_one() -> None:
    a, b = enterprise("E1", "星河贸易有限责任公司"), enterprise("E2", "星河 贸易有限公司")
    assert rule_of(a, b) is Rule.SAME_ENTERPRISE_NAME
    assert decide(a, enterprise("E3", "星河贸易股份有限公司")) is None


def test_a_person_of_the_same_name_in_the_same_region_without_an_id_is_likely_one() -> None:
    a = person("P1", id_number=ID_A, region="北京市朝阳区")
    match = decide(a, person("P2", region="北京市朝阳区"))
    assert match is not None
    assert (match.rule, match.verdict) == (Rule.SAME_NAME_AND_REGION, Verdict.LIKELY)
    assert decide(a, person("P3", region="上海市浦东新区")) is None
    assert decide(person("P4", region=None), person("P5", region=None)) is None


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),
        ("ＡＢＣ（北京）有限公司", "abc(北京)有限公司"),
        ("张\u3000三", "张三"),
    ],
)
def test_names_are_compared_without_width_spacing_case_or_dot_differences(
    written: str, same_as: str
) -> None:
    assert normalise_name(written) == normalise_name(same_as)


def test_only_the_legal_form_at_the_end_of_a_name_is_unified() -> None:
    assert enterprise_name_key("星河有限责任公司") == enterprise_name_key("星河有限公司")
    assert enterprise_name_key("有限责任公司星河") != enterprise_name_key("有限公司星河")


names = st.sampled_from(["张三", "张 三", "李四", "星河贸易有限公司", "星河贸易有限责任公司"])
records = st.builds(
    PartyRecord,
    id=st.sampled_from(["A", "B"]),
    kind=st.sampled_from(["person", "enterprise"]),
    name=names,
    id_number=st.none() | st.sampled_from([ID_A, ID_B, ID_TYPO, CODE_A, "E1234567"]),
    mobile=st.none() | st.sampled_from([MOBILE, "13900139000", "+8613800138000", "12345"]),
    region=st.none() | st.sampled_from(["北京市朝阳区", "上海市浦东新区"]),
)


@given(records, records)
def test_a_decision_does_not_depend_on_the_order_of_the_pair(
    a: PartyRecord, b: PartyRecord
) -> None:
    assert decide(a, b) == decide(b, a)


@given(records, records)
def test_every_pair_a_rule_joins_shares_a_blocking_key(a: PartyRecord, b: PartyRecord) -> None:
    if decide(a, b) is not None:
        assert blocking_keys(a) & blocking_keys(b)


@given(st.text(max_size=30))
def test_normalising_a_name_twice_changes_nothing(name: str) -> None:
    assert normalise_name(normalise_name(name)) == normalise_name(name)
