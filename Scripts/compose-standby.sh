#!/bin/sh
# The entrypoint of the standby service of docker-compose.yml (profile "standby"), run as root
# in the postgres image. The first time (an empty data volume) it copies the primary, the
# postgres service, with pg_basebackup as micic_replicator (a role that may replicate and
# nothing else, made by Scripts/compose-init.sh), writing the standby's settings
# (standby.signal, primary_conninfo) and creating a replication slot, so the primary keeps
# every change the standby has not yet received. Then it runs the server as postgres: a hot
# standby, streaming from the primary, that the second delivery API reads.
#
# The password comes from the container's environment (PGPASSWORD, which libpq reads); it is
# never written into this file.
set -eu

: "${PGPASSWORD:?the password of micic_replicator must be set}"
data="${PGDATA:-/var/lib/postgresql/data}"

if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    chown postgres:postgres "$data"
    chmod 700 "$data"
    copy() {
        gosu postgres pg_basebackup --host postgres --username micic_replicator --pgdata "$data" \
            --write-recovery-conf --wal-method stream --checkpoint fast --slot micic_compose_standby "$@"
    }
    # A slot left by an earlier standby volume is used again rather than made.
    copy --create-slot || { rm -rf "${data:?}"/*; copy; }
fi
exec gosu postgres postgres -D "$data"
