#!/bin/sh
# users.sh: adds or replaces a login in AUTH_DIR: users.sh ROLE NAME [PASSWORD]; ROLE is viewer, editor or admin.
# The password is read from the third argument, $PASSWORD, or the terminal; only its yescrypt hash is stored
# (AUTH_DIR/users, 0600, owned like AUTH_DIR). It works at once; a replaced user's sessions end.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
AUTH_DIR=${AUTH_DIR:-$TOP/nginx/auth}
USERADM=${USERADM:-${BIN:-$TOP/build/release}/useradm}
SERVICE_USER=${SERVICE_USER:-}
role=${1:-}; name=${2:-}; pw=${3:-${PASSWORD:-}}

case "$role" in viewer|editor|admin) ;; *) echo "usage: users.sh viewer|editor|admin NAME [PASSWORD]" >&2; exit 2 ;; esac
[ -x "$USERADM" ] || { echo "users.sh: $USERADM is missing: run make build first" >&2; exit 2; }
if [ -z "$pw" ]; then
	printf 'password for %s: ' "$name" >&2
	stty -echo 2>/dev/null || true; read -r pw; stty echo 2>/dev/null || true; echo >&2
fi
[ -n "$pw" ] || { echo "users.sh: empty password" >&2; exit 2; }
# A new directory goes to the service user (SERVICE_USER, when it exists); an existing one keeps its mode and owner.
if [ ! -d "$AUTH_DIR" ]; then
	mkdir -p "$AUTH_DIR"
	chmod 700 "$AUTH_DIR"
	[ -z "$SERVICE_USER" ] || ! id -u "$SERVICE_USER" >/dev/null 2>&1 || chown "$SERVICE_USER:" "$AUTH_DIR"
fi
PASSWORD=$pw exec "$USERADM" "$AUTH_DIR" add "$name" "$role"
