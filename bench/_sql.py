import ibis

import common
from bankladder.engine.facts import compute_facts
from bankladder.engine.sources import Sources

con = common.duckdb_on(common.OUT / "100k")
facts = compute_facts(Sources.on(con), common.AS_OF)
print(ibis.to_sql(facts))
