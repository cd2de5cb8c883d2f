#!/bin/sh
# One database and one role per service; each service owns its schema (Flyway). Runs once, on an
# empty data volume, with the passwords from the environment.
set -eu
for service in intake screening scheduling followup; do
  password_var=$(echo "${service}_DB_PASSWORD" | tr '[:lower:]' '[:upper:]')
  eval "password=\${$password_var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
