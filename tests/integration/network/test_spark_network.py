"""The network on Spark equals the embedded batch path on the same extract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bankladder.network import embedded
from bankladder.network import spark as network_spark
from tests.integration.network.network_extract import AS_OF, write_extract

pytestmark = [pytest.mark.integration, pytest.mark.spark]

EXACT = ["party_id", "prospect_id", "hops", "via_id", "from1", "to1", "kind1"]
EXACT += ["from2", "to2", "kind2", "rank"]


def _embedded(folder: Path) -> embedded.Outcome:
    con = embedded.connect(1)
    embedded.load_extract(con, folder)
    return embedded.compute(embedded.code(con, AS_OF))


def test_spark_gives_the_embedded_lists_and_ranking(tmp_path: Path, spark_backend: Any) -> None:
    folder = write_extract(tmp_path / "extract")
    local = _embedded(folder)
    remote = network_spark.compute(spark_backend._session, folder, AS_OF)
    mine = local.prospects.sort_by([("party_id", "ascending"), ("rank", "ascending")])
    theirs = remote.prospects
    assert mine.num_rows > 5
    for column in EXACT:
        assert theirs[column].to_pylist() == mine[column].to_pylist(), column
    for column in ("strength", "potential", "score"):
        assert theirs[column].to_pylist() == pytest.approx(mine[column].to_pylist(), abs=1e-12)
    ours = local.intermediaries.sort_by("party_id")
    assert remote.intermediaries["party_id"].to_pylist() == ours["party_id"].to_pylist()
    assert remote.intermediaries["rank"].to_pylist() == ours["rank"].to_pylist()
    assert remote.intermediaries["reach"].to_pylist() == ours["reach"].to_pylist()
    assert remote.intermediaries["score"].to_pylist() == pytest.approx(
        ours["score"].to_pylist(), abs=1e-9
    )
