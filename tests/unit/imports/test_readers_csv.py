"""Reading delimited text: delimiters, encodings, quoting, line ends, row numbers, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bankladder.errors import InvalidInput
from bankladder.imports.readers import Extract, SourceRow, open_extract

pytestmark = pytest.mark.unit

CHINESE = "客户号,客户名称,余额\nC001,张三,100.50\nC002,李四,\n"


def all_rows(extract: Extract) -> list[SourceRow]:
    return [row for batch in extract.rows() for row in batch]


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "|", "\t"])
def test_each_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    text = "\n".join(delimiter.join(r) for r in [["id", "name", "city"], ["1", "Ann", "Xi'an"]])
    extract = open_extract(write(tmp_path, text + "\n"))
    assert extract.format == "csv"
    assert extract.header == ["id", "name", "city"]
    assert all_rows(extract) == [SourceRow(2, {"id": "1", "name": "Ann", "city": "Xi'an"})]


def test_a_delimiter_inside_values_does_not_fool_detection(tmp_path: Path) -> None:
    text = "id;note\n1;a,b\n2;c,d,e\n3;f\n"
    extract = open_extract(write(tmp_path, text))
    assert extract.header == ["id", "note"]
    assert [r.values["note"] for r in all_rows(extract)] == ["a,b", "c,d,e", "f"]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_chinese_headers_read_in_each_encoding(
    tmp_path: Path, encoding: str, detected: str
) -> None:
    extract = open_extract(write(tmp_path, CHINESE, encoding))
    assert extract.encoding == detected
    assert extract.header == ["客户号", "客户名称", "余额"]
    assert all_rows(extract)[0].values == {"客户号": "C001", "客户名称": "张三", "余额": "100.50"}


def test_a_given_encoding_is_used(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, CHINESE, "gbk"), encoding="GBK")
    assert extract.encoding == "gbk"
    assert all_rows(extract)[1].values["客户名称"] == "李四"


def test_a_bom_is_dropped_even_when_utf8_is_named(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, CHINESE, "utf-8-sig"), encoding="utf-8")
    assert extract.header[0] == "客户号"


def test_an_unknown_encoding_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown encoding 'klingon'"):
        open_extract(write(tmp_path, CHINESE), encoding="klingon")


def test_text_that_is_not_the_named_encoding_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not valid utf-8"):
        open_extract(write(tmp_path, CHINESE, "gbk"), encoding="utf-8")


def test_gbk_after_the_sample_is_refused_near_its_line(tmp_path: Path) -> None:
    ascii_part = "id,name\n" + "".join(f"{i},name{i}\n" for i in range(10_000))
    path = tmp_path / "late.csv"
    path.write_bytes(ascii_part.encode() + "10000,张三\n".encode("gbk"))
    extract = open_extract(path)
    assert extract.encoding == "utf-8"
    with pytest.raises(InvalidInput, match="not valid utf-8") as refusal:
        all_rows(extract)
    assert refusal.value.where is not None
    assert refusal.value.where.startswith(f"{path}, line ")
    line = int(refusal.value.where.rsplit(" ", 1)[1])
    assert 1 < line <= 10_002


def test_an_undetectable_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"id,name\n1,\xff\xff\xff\n")
    with pytest.raises(InvalidInput, match="encoding") as refusal:
        open_extract(path)
    assert refusal.value.fix is not None
    assert "--encoding" in refusal.value.fix


def test_quoted_fields_keep_delimiters_and_line_breaks(tmp_path: Path) -> None:
    text = 'id,address,note\n1,"12 Long Rd, Xi\'an","two\nlines"\n2,"say ""hi""",x\n'
    rows = all_rows(open_extract(write(tmp_path, text)))
    assert rows[0].values == {"id": "1", "address": "12 Long Rd, Xi'an", "note": "two\nlines"}
    assert rows[1].values["address"] == 'say "hi"'


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('id,name\n1,Ann\n2,"Bob\n3,Cy\n', "unexpected end of data"),
        ('id,name\n1,Ann\n2,"Bob"by\n3,Cy\n', "',' expected after '\"'"),
    ],
)
def test_broken_quoting_is_refused_at_the_line_of_its_record(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InvalidInput) as refusal:
        all_rows(open_extract(path))
    assert refusal.value.where == f"{path}, line 3"
    assert reason in refusal.value.what


def test_a_row_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    text = 'id,note\n1,"a\nb\nc"\n\n2,x\n3,y\n'
    assert [r.number for r in all_rows(open_extract(write(tmp_path, text)))] == [2, 6, 7]


def test_blank_lines_before_the_header_count_in_row_numbers(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, "\n\nid,name\n1,Ann\n"))
    assert extract.header == ["id", "name"]
    assert [r.number for r in all_rows(extract)] == [4]


def test_crlf_line_ends_are_read(tmp_path: Path) -> None:
    text = 'id,note\r\n1,"a\r\nb"\r\n2,c\r\n'
    rows = all_rows(open_extract(write(tmp_path, text)))
    assert [(r.number, r.values["note"]) for r in rows] == [(2, "a\r\nb"), (4, "c")]


def test_blank_trailing_lines_are_ignored(tmp_path: Path) -> None:
    rows = all_rows(open_extract(write(tmp_path, "id,name\n1,Ann\n\n\r\n,\n  \n\n")))
    assert rows == [SourceRow(2, {"id": "1", "name": "Ann"})]


def test_an_empty_field_is_none(tmp_path: Path) -> None:
    rows = all_rows(open_extract(write(tmp_path, "a,b,c\n,x,\n")))
    assert rows[0].values == {"a": None, "b": "x", "c": None}


def test_a_row_with_the_wrong_number_of_fields_carries_a_problem(tmp_path: Path) -> None:
    rows = all_rows(open_extract(write(tmp_path, "a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n")))
    assert [(r.number, r.problem) for r in rows] == [
        (2, None),
        (3, "the row has 2 fields where the header has 3"),
        (4, "the row has 4 fields where the header has 3"),
        (5, None),
    ]
    assert rows[1].values == {}


def test_blank_and_duplicate_header_names(tmp_path: Path) -> None:
    assert open_extract(write(tmp_path, "a,,c\n1,2,3\n")).header == ["a", "column 2", "c"]
    with pytest.raises(InvalidInput, match="names column 'a' twice"):
        open_extract(write(tmp_path, "a,b,a\n1,2,3\n", name="dup.csv"))


def test_a_file_without_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no header row"):
        open_extract(write(tmp_path, "\n\n"))


def test_rows_come_in_batches(tmp_path: Path) -> None:
    text = "id\n" + "".join(f"{i}\n" for i in range(5))
    batches = list(open_extract(write(tmp_path, text)).rows(batch_size=2))
    assert [len(batch) for batch in batches] == [2, 2, 1]


def test_rows_can_be_read_twice(tmp_path: Path) -> None:
    extract = open_extract(write(tmp_path, "id\n1\n2\n"))
    assert all_rows(extract) == all_rows(extract)
