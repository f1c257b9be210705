#!/bin/sh
# Runs once when the Docker PostgreSQL volume is new: creates the server's login role.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE mutasi_app LOGIN PASSWORD '${MUTASI_APP_PASSWORD}';
SQL
