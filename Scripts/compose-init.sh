#!/bin/sh
# Run once by the postgres container of docker-compose.yml, as the server's superuser, when it
# creates its data volume (the image runs /docker-entrypoint-initdb.d/*.sh then; on an existing
# volume, run the same statements by hand). It makes the roles the platform works as, so that no
# service of the compose file ever connects as the superuser:
#
#   micic_owner      owns the database and the schema and runs `micic migrate`: it may create
#                    roles (people, through micic_create_person), but it is no superuser and
#                    has no BYPASSRLS;
#   micic_people     the people's group, micic_admins the platform administrators' (the kernel's
#                    migrations find them made and leave them);
#   admin            the first person, a platform administrator, whom the shell works as and who
#                    creates the other people (`user create`); not listed by `user list`, since
#                    the table of people is made by the migrations afterwards;
#   micic_public     the public's group, and micic_web the login role the delivery API reads as;
#   micic_replicator may replicate and nothing else: the standby service (profile "standby")
#                    copies the server and streams from it as this role, over the compose
#                    network (the line added to pg_hba.conf below lets it, by password).
#
# The passwords come from the container's environment (MICIC_OWNER_PASSWORD,
# MICIC_ADMIN_PASSWORD, MICIC_WEB_PASSWORD) and reach psql as variables, quoted by psql
# itself (:'name'); they are never written into this file. The server that runs this script
# listens on its unix socket only, and is told to log none of these statements.
set -eu

: "${MICIC_OWNER_PASSWORD:?the password of micic_owner (migrations) must be set}"
: "${MICIC_ADMIN_PASSWORD:?the password of the first administrator must be set}"
: "${MICIC_WEB_PASSWORD:?the password of micic_web (the delivery API) must be set}"
: "${MICIC_REPLICATION_PASSWORD:?the password of micic_replicator (the standby) must be set}"

psql --no-psqlrc --set ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-micic}" \
    --set owner_password="$MICIC_OWNER_PASSWORD" \
    --set admin_password="$MICIC_ADMIN_PASSWORD" \
    --set web_password="$MICIC_WEB_PASSWORD" \
    --set replication_password="$MICIC_REPLICATION_PASSWORD" <<'SQL'
-- Nothing of what follows goes to the server's log, not even with an error.
set log_statement = none;
set log_min_error_statement = panic;

create role micic_owner login createrole password :'owner_password';
alter database :"DBNAME" owner to micic_owner;
-- In PostgreSQL 15 the public schema belongs to the database's owner, whoever that is.

create role micic_people nologin;
create role micic_admins nologin in role micic_people;
create role admin login password :'admin_password' in role micic_admins;

create role micic_public nologin;
create role micic_web login password :'web_password' in role micic_public;

create role micic_replicator login replication password :'replication_password';
SQL

# Replication connections match no "all" line of pg_hba.conf: this one lets micic_replicator
# in, by password (the server reads it when the image restarts it after these scripts).
echo "host replication micic_replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
