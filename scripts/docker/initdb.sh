#!/bin/sh
# Runs once when the Docker PostgreSQL volume is new (as the superuser): creates the schema
# owner `mutasi` (not a superuser), which then owns the database, and the server's role
# `mutasi_app`, which owns nothing. Passwords come in as psql variables, quoted by psql.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_pw="$MUTASI_OWNER_PASSWORD" -v app_pw="$MUTASI_APP_PASSWORD" <<'SQL'
CREATE ROLE mutasi LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_pw';
CREATE ROLE mutasi_app LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
ALTER DATABASE mutasi OWNER TO mutasi;
ALTER SCHEMA public OWNER TO mutasi;
SQL
