"""How a delimited text file is written: its encoding and its delimiter, found from a sample.

Encoding rule: a UTF-8 byte-order mark means ``utf-8-sig``; else the first sample that decodes
strictly wins among UTF-8 and GB18030 (a superset of GBK and GB2312). Delimiter rule: among
``,`` ``;`` ``|`` and tab, the one giving the header at least two fields and the largest share of
the sample's first records as many fields as the header wins, then the widest header, then the
order above; a file that no candidate splits is one column, read with ``,``.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from bankladder.errors import InvalidInput

SAMPLE_BYTES = 64 * 1024
SAMPLE_RECORDS = 50
DELIMITERS = (",", ";", "|", "\t")
_CANDIDATE_ENCODINGS = ("utf-8", "gb18030")


def read_sample(path: Path) -> bytes:
    """The first bytes of the file, enough to detect the encoding and the delimiter."""
    with path.open("rb") as stream:
        return stream.read(SAMPLE_BYTES)


def detect_encoding(sample: bytes, path: Path) -> str:
    """The encoding of a text file, from its first bytes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in _CANDIDATE_ENCODINGS:
        if _decodes(sample, encoding):
            return encoding
    raise InvalidInput(
        "the file's encoding is none of UTF-8, UTF-8 with BOM, GBK or GB18030",
        where=str(path),
        fix="Save the extract as UTF-8, or name its encoding with --encoding.",
    )


def checked_encoding(name: str, path: Path) -> str:
    """The encoding the user named, if Python knows it."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InvalidInput(
            f"unknown encoding '{name}'",
            where=str(path),
            fix="Name an encoding such as utf-8, utf-8-sig, gbk or gb18030.",
        ) from None


def decode_sample(sample: bytes, encoding: str) -> str:
    """The sample as text, a character cut at the end of the sample dropped."""
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)


def detect_delimiter(sample_text: str, whole_file: bool) -> str:
    """The delimiter whose header width most sample records share; then the widest header."""
    best, best_key = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        widths = _record_widths(sample_text, delimiter, whole_file)
        if not widths or widths[0] < 2:
            continue
        key = (widths.count(widths[0]) / len(widths), widths[0])
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _record_widths(sample_text: str, delimiter: str, whole_file: bool) -> list[int]:
    reader = csv.reader(io.StringIO(sample_text, newline=""), delimiter=delimiter)
    widths = [len(fields) for fields, _ in zip(reader, range(SAMPLE_RECORDS), strict=False)]
    widths = [width for width in widths if width]
    if not whole_file and len(widths) > 1:
        widths.pop()  # the sample may end inside the last record
    return widths


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True
