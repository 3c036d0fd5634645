import common, ibis
from bankladder.engine.facts import *
from bankladder.engine.sources import Sources
con = common.duckdb_on(common.OUT/'100k')
src, w = Sources.on(con), Window(common.AS_OF)
print(ibis.to_sql(interaction_facts(src, w, None)))
print(ibis.to_sql(holding_facts(src, w, None)[2]))
print(ibis.to_sql(network_facts(src, w, None)))
