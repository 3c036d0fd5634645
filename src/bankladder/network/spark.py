"""The network computed on Spark over an extract's Parquet files: the same inputs (the same
SQL, ``inputs.py``), the same two hops by joins and group-bys, the same choice of path, the
same ranking, and PageRank by iterated join and sum with the same fixed iterations; results
come back to the driver as Arrow tables in ``embedded.Outcome``'s layout.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as sf

from bankladder.batch.layout import PREVIOUS_STAGE, table_file
from bankladder.errors import InvalidInput
from bankladder.network import graph
from bankladder.network.embedded import Outcome
from bankladder.network.inputs import INTRODUCER_RANK, edges_sql, parties_sql

EMPTY: dict[str, str] = {
    "referral": "SELECT CAST(NULL AS STRING) AS referrer_id, CAST(NULL AS STRING) AS referee_id",
    "wallet_estimate": (
        "SELECT CAST(NULL AS STRING) AS party_id, CAST(NULL AS DATE) AS as_of, "
        "CAST(NULL AS DOUBLE) AS wallet"
    ),
    "assessment": (
        "SELECT CAST(NULL AS STRING) AS party_id, CAST(NULL AS DATE) AS as_of, "
        "CAST(NULL AS BIGINT) AS stage_rank"
    ),
}
"""Tables an extract may lack, as empty views."""


def register_extract(session: SparkSession, folder: Path) -> None:
    """The extract's tables as Spark views named as ``embedded.load_extract`` names them."""
    files = {
        "party": table_file(folder, "party"),
        "relationship": table_file(folder, "relationship"),
        "assessment": table_file(folder, PREVIOUS_STAGE),
        "referral": table_file(folder, "referral"),
        "wallet_estimate": table_file(folder, "wallet_estimate"),
    }
    for name, path in files.items():
        if path.exists():
            session.read.parquet(str(path)).createOrReplaceTempView(name)
        elif name in EMPTY:
            session.sql(f"{EMPTY[name]} WHERE 1 = 0").createOrReplaceTempView(name)
        else:
            raise InvalidInput(
                f"no {path}", fix="write the extract with `bankladder export parquet DIR`"
            )


def _case(column: Column, values: dict[str, Any]) -> Column:
    """``CASE column WHEN name THEN value ...`` from a mapping."""
    pairs = list(values.items())
    expression = sf.when(column == pairs[0][0], pairs[0][1])
    for name, value in pairs[1:]:
        expression = expression.when(column == name, value)
    return expression


def _strength(kind: Column) -> Column:
    return _case(kind, graph.STRENGTH)


def _kind_code(kind: Column) -> Column:
    return _case(kind, {name: code for code, name in enumerate(graph.KINDS)})


def _directed(edges: DataFrame) -> DataFrame:
    """Each edge walked both ways (self-loops left out): (at, to, from_id, to_id, kind, code,
    strength, back = walked against its direction)."""
    kept = edges.filter(sf.col("from_id") != sf.col("to_id")).select(
        "from_id",
        "to_id",
        "kind",
        _kind_code(sf.col("kind")).alias("code"),
        _strength(sf.col("kind")).alias("strength"),
    )
    forwards = kept.select(
        sf.col("from_id").alias("at"), sf.col("to_id").alias("to"), "*", sf.lit(0).alias("back")
    )
    backwards = kept.select(
        sf.col("to_id").alias("at"), sf.col("from_id").alias("to"), "*", sf.lit(1).alias("back")
    )
    return forwards.unionByName(backwards)


def _candidates(introducers: DataFrame, directed: DataFrame, parties: DataFrame) -> DataFrame:
    """Every walk of one or two edges to a non-customer other than the introducer."""
    first = introducers.join(directed, sf.col("intro") == sf.col("at")).select(
        "intro",
        sf.col("to").alias("v"),
        sf.col("from_id").alias("from1"),
        sf.col("to_id").alias("to1"),
        sf.col("kind").alias("kind1"),
        sf.col("code").alias("code1"),
        sf.col("strength").alias("s1"),
        sf.col("back").alias("back1"),
    )
    second = first.join(directed, sf.col("v") == sf.col("at")).filter(
        sf.col("to") != sf.col("intro")
    )
    k = len(graph.KINDS)
    one = first.select(
        "intro",
        sf.col("v").alias("prospect"),
        sf.lit(None).cast("string").alias("via_id"),
        "from1",
        "to1",
        "kind1",
        *[sf.lit(None).cast("string").alias(c) for c in ("from2", "to2", "kind2")],
        sf.col("s1").alias("strength"),
        sf.col("code1").alias("code"),
        (sf.col("back1") * 2).alias("turn"),
    )
    two = second.select(
        "intro",
        sf.col("to").alias("prospect"),
        sf.col("v").alias("via_id"),
        "from1",
        "to1",
        "kind1",
        sf.col("from_id").alias("from2"),
        sf.col("to_id").alias("to2"),
        sf.col("kind").alias("kind2"),
        (sf.col("s1") * sf.col("strength")).alias("strength"),
        (sf.lit(k) + sf.col("code1") * k + sf.col("code")).alias("code"),
        (sf.col("back1") * 2 + sf.col("back")).alias("turn"),
    )
    open_ = parties.filter(~sf.col("customer")).select(sf.col("id").alias("prospect"), "potential")
    return one.unionByName(two).join(open_, "prospect")


def prospects(
    introducers: DataFrame, directed: DataFrame, parties: DataFrame, top: int
) -> tuple[DataFrame, DataFrame]:
    """(the top prospects of each introducer by their strongest path, each introducer's
    reach): the choice of ``graph._strongest``, the ranking of ``graph._ranked``."""
    candidates = _candidates(introducers, directed, parties)
    strongest = Window.partitionBy("intro", "prospect").orderBy(
        sf.col("strength").desc(),
        sf.col("via_id").asc_nulls_first(),
        sf.col("code").asc(),
        sf.col("turn").asc(),
    )
    best = (
        candidates.withColumn("n", sf.row_number().over(strongest))
        .filter(sf.col("n") == 1)
        .withColumn("score", sf.col("strength") * sf.col("potential"))
    )
    by_score = Window.partitionBy("intro").orderBy(
        sf.round("score", graph.SCORE_DECIMALS).desc(), sf.col("prospect").asc()
    )
    ranked = best.withColumn("rank", sf.row_number().over(by_score)).filter(sf.col("rank") <= top)
    reach = best.groupBy("intro").agg(sf.count("*").alias("reach"))
    return ranked, reach


def pagerank(directed: DataFrame, parties: DataFrame) -> DataFrame:
    """``graph.pagerank`` by joins: each step, every party sends rank x strength / degree to
    each neighbour; the isolated parties' rank and the jump go to the non-customers."""
    open_count = parties.filter(~sf.col("customer")).count()
    if open_count == 0:
        return parties.select("id", sf.lit(0.0).alias("rank"))
    links = directed.select(sf.col("at").alias("id"), "to", sf.col("strength").alias("w"))
    degree = links.groupBy("id").agg(sf.sum("w").alias("degree"))
    nodes = (
        parties.select(
            "id", sf.when(~sf.col("customer"), 1.0 / open_count).otherwise(0.0).alias("jump")
        )
        .join(degree, "id", "left")
        .localCheckpoint()
    )
    links = links.localCheckpoint()
    rank = nodes.select("id", sf.col("jump").alias("rank"), sf.col("degree")).localCheckpoint()
    isolated = _isolated(rank)
    for _ in range(graph.ITERATIONS):
        flow = rank.filter(sf.col("degree").isNotNull()).select(
            "id", (sf.col("rank") / sf.col("degree")).alias("flow")
        )
        spread = (
            links.join(flow, "id")
            .groupBy(sf.col("to").alias("id"))
            .agg(sf.sum(sf.col("w") * sf.col("flow")).alias("spread"))
        )
        # the step's plan must not join the previous rank: Spark carries each checkpoint's
        # size estimate, a product over joins, and a square of it per step overflows the heap
        step = (
            nodes.join(spread, "id", "left")
            .select(
                "id",
                (
                    sf.lit(graph.ALPHA) * sf.coalesce(sf.col("spread"), sf.lit(0.0))
                    + sf.lit(graph.ALPHA * isolated + (1 - graph.ALPHA)) * sf.col("jump")
                ).alias("rank"),
                "degree",
            )
            .localCheckpoint()
        )
        totals = (
            step.join(rank.select("id", sf.col("rank").alias("before")), "id")
            .agg(
                sf.sum(sf.abs(sf.col("rank") - sf.col("before"))).alias("change"),
                sf.sum(sf.when(sf.col("degree").isNull(), sf.col("rank"))).alias("isolated"),
            )
            .first()
        )
        assert totals is not None
        rank = step
        isolated = float(totals["isolated"] or 0.0)
        if float(totals["change"]) < graph.TOLERANCE:
            break
    return rank.select("id", "rank")


def _isolated(rank: DataFrame) -> float:
    """The rank held by the parties without edges (handed back to the jump)."""
    total = rank.filter(sf.col("degree").isNull()).agg(sf.sum("rank")).first()
    return float(total[0] or 0.0) if total is not None else 0.0


def compute(session: SparkSession, folder: Path, as_of: dt.date, top: int = 20) -> Outcome:
    """The network of the extract in ``folder`` as of ``as_of``, computed on Spark."""
    register_extract(session, folder)
    columns = {name: set(session.table(name).columns) for name in ("party", "referral")}
    parties = session.sql(
        parties_sql(as_of, stages="assessment", size_band="size_band" in columns["party"])
    ).localCheckpoint()
    edges = session.sql(edges_sql(referrals="referee_id" in columns["referral"]))
    directed = _directed(edges).localCheckpoint()
    introducers = parties.filter(sf.col("stage_rank") >= INTRODUCER_RANK).select(
        sf.col("id").alias("intro")
    )
    ranked, reach = prospects(introducers, directed, parties, top)
    found = ranked.select(
        sf.col("intro").alias("party_id"),
        sf.col("prospect").alias("prospect_id"),
        sf.when(sf.col("via_id").isNull(), 1).otherwise(2).cast("long").alias("hops"),
        "via_id",
        "from1",
        "to1",
        "kind1",
        "from2",
        "to2",
        "kind2",
        "strength",
        "potential",
        "score",
        sf.col("rank").cast("long").alias("rank"),
    ).orderBy("party_id", "rank")
    scores = pagerank(directed, parties)
    by_score = Window.orderBy(sf.round("score", graph.SCORE_DECIMALS).desc(), sf.col("party_id"))
    intermediaries = (
        introducers.join(scores, sf.col("intro") == sf.col("id"))
        .join(reach, "intro", "left")
        .select(
            sf.col("intro").alias("party_id"),
            sf.col("rank").alias("score"),
            sf.coalesce(sf.col("reach"), sf.lit(0)).cast("long").alias("reach"),
        )
        .withColumn("rank", sf.row_number().over(by_score).cast("long"))
        .orderBy("party_id")
    )
    return Outcome(prospects=found.toArrow(), intermediaries=intermediaries.toArrow())
