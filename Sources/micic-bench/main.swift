import LocalPostgres
import Postgres

let cluster = LocalCluster(home: "/tmp/micic-dbg", database: "postgres")
try cluster.start()
print("started", cluster.url())
let c = try await Connection.connect(ConnectionConfiguration(url: cluster.url()))
print("connected")
let r = try await c.query("select 1 + \(41)")
print(try r[0].decode(Int.self, at: 0))
