#!/bin/sh
# users.sh: adds or replaces a login in nginx/auth: users.sh ROLE NAME [PASSWORD]; ROLE is viewer or editor.
# The password is read from the third argument, $PASSWORD, or the terminal; only its hash is stored.
# users.htpasswd (viewers + editors, what nginx checks on every request) is rewritten each time, so a new
# login works at once; `users.sh refresh` only rewrites it. Files take the group of AUTH_DIR, or USERS_GROUP
# for users.htpasswd (nginx's workers read it) and EDITORS_GROUP for editors.htpasswd (the upload program).
set -eu
AUTH_DIR=${AUTH_DIR:-$(cd "$(dirname "$0")" && pwd)/auth}
USERS_GROUP=${USERS_GROUP:-}
EDITORS_GROUP=${EDITORS_GROUP:-}
role=${1:-}; name=${2:-}; pw=${3:-${PASSWORD:-}}

refresh() {
	touch "$AUTH_DIR/viewers.htpasswd" "$AUTH_DIR/editors.htpasswd"
	cat "$AUTH_DIR/viewers.htpasswd" "$AUTH_DIR/editors.htpasswd" > "$AUTH_DIR/users.tmp"
	mv "$AUTH_DIR/users.tmp" "$AUTH_DIR/users.htpasswd"
	for f in viewers editors users; do
		chmod 640 "$AUTH_DIR/$f.htpasswd"
		chgrp "$(stat -c %g "$AUTH_DIR")" "$AUTH_DIR/$f.htpasswd"
	done
	[ -z "$USERS_GROUP" ] || chgrp "$USERS_GROUP" "$AUTH_DIR/users.htpasswd" ||
		echo "users.sh: cannot give users.htpasswd to group $USERS_GROUP: nginx may not read it" >&2
	[ -z "$EDITORS_GROUP" ] || chgrp "$EDITORS_GROUP" "$AUTH_DIR/editors.htpasswd" ||
		echo "users.sh: cannot give editors.htpasswd to group $EDITORS_GROUP: uploads may be refused" >&2
}
if [ "$role" = refresh ]; then
	mkdir -p "$AUTH_DIR"
	refresh
	exit 0
fi
case "$role" in viewer|editor) ;; *) echo "usage: users.sh viewer|editor NAME [PASSWORD] | users.sh refresh" >&2; exit 2 ;; esac
case "$name" in ""|*:*|*" "*) echo "users.sh: a name without spaces or colons, please" >&2; exit 2 ;; esac
if [ -z "$pw" ]; then
	printf 'password for %s: ' "$name" >&2
	stty -echo 2>/dev/null || true; read -r pw; stty echo 2>/dev/null || true; echo >&2
fi
[ -n "$pw" ] || { echo "users.sh: empty password" >&2; exit 2; }
[ -d "$AUTH_DIR" ] || { mkdir -p "$AUTH_DIR"; chmod 750 "$AUTH_DIR"; } # an existing one keeps its mode
# SHA-512 crypt with 1,000 rounds (glibc's default is 5,000): nginx checks it
# on every request, so this is what a request costs in CPU (about 0.35 ms).
salt=$(openssl rand -hex 8)
hash=$(printf '%s' "$pw" | /usr/bin/python3 -W ignore -c 'import crypt, sys; print(crypt.crypt(sys.stdin.read(), "$6$rounds=1000$" + sys.argv[1]))' "$salt")
for f in viewers editors; do
	touch "$AUTH_DIR/$f.htpasswd"; chmod 640 "$AUTH_DIR/$f.htpasswd"
	grep -v "^$name:" "$AUTH_DIR/$f.htpasswd" > "$AUTH_DIR/$f.tmp" || true
	mv "$AUTH_DIR/$f.tmp" "$AUTH_DIR/$f.htpasswd"
done
echo "$name:$hash" >> "$AUTH_DIR/${role}s.htpasswd"
refresh
echo "users.sh: $name is now a $role"
