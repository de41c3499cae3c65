#!/bin/bash
# A streaming replica of `db`: cloned with pg_basebackup on first start, then a hot standby.
set -euo pipefail
PGDATA=/var/lib/postgresql/data
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  until gosu postgres pg_basebackup -h db -U replicator -D "$PGDATA" -R -X stream -P; do
    echo "waiting for the primary…"; sleep 2
  done
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
