#!/bin/bash
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d): the role
# the API serves with. It owns nothing; the migrate service (the owner) grants it what it needs
# after every migration. The replica copies it with everything else.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$RUNTIME_DB_PASSWORD" <<'SQL'
CREATE ROLE madoguchi_app WITH LOGIN PASSWORD :'password';
SQL
