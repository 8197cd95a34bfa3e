#!/bin/sh
# serve.sh: starts the three FastCGI programs and a private nginx; foreground until Ctrl-C unless BACKGROUND=1.
# Environment: PORT, WORKERS, UPLOADS, RUNDIR, BIN (built programs), MAX_BODY, BACKGROUND,
# AUTH_DIR (the users file and the session key), ADMIN_USER and ADMIN_PASSWORD (the first admin),
# SESSION_IDLE, SESSION_LIFETIME, COOKIE_SECURE (sessions; see README), LOGIN_RATE (nginx limit_req of POST /login),
# WRAP (a command put before each program, by absolute path, such as /usr/bin/valgrind; empty by default),
# RUN_AS (the unprivileged user the programs run as when started by root; default roi);
# the programs' own settings (RESPONSE_TIMEOUT, KEEP_VERSIONS, ...) pass through the environment.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-8080}
WORKERS=${WORKERS:-2}
UPLOADS=${UPLOADS:-$TOP/uploads}
RUNDIR=${RUNDIR:-$TOP/run}
BIN=${BIN:-$TOP/build/release}
MAX_BODY=${MAX_BODY:-200m}
BACKGROUND=${BACKGROUND:-0}
AUTH_DIR=${AUTH_DIR:-$TOP/nginx/auth}
WRAP=${WRAP:-}

RUNDIR=$(mkdir -p "$RUNDIR" && cd "$RUNDIR" && pwd)
mkdir -p "$RUNDIR/logs" "$RUNDIR/tmp" "$UPLOADS"
chmod 750 "$UPLOADS"
RUNDIR=$RUNDIR sh "$TOP/nginx/stop.sh" quiet

# Started as root, the programs and nginx's workers run as the unprivileged
# RUN_AS user (default roi, created when missing), which owns the uploads.
# When that user cannot read the checkout (say, under /root), they run as
# root and we say so.
SERVICE_USER=$(id -un)
SPAWN_AS=
if [ "$(id -u)" = 0 ] && [ "${RUN_AS:-roi}" != root ]; then
	RUN_AS=${RUN_AS:-roi}
	id -u "$RUN_AS" >/dev/null 2>&1 || useradd --system --user-group --no-create-home \
		--home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
	if runuser -u "$RUN_AS" -- test -x "$BIN/dashboard" -a -r "$TOP/templates/dashboard.tpl" -a -r "$TOP/public/style.css"; then
		chown -R "$RUN_AS:$RUN_AS" "$UPLOADS" "$RUNDIR/logs" "$RUNDIR/tmp"
		SERVICE_USER=$RUN_AS
		SPAWN_AS="-u $RUN_AS -g $RUN_AS -U $RUN_AS -G $RUN_AS"
	else
		echo "serve: user $RUN_AS cannot read $TOP, so the programs run as root (RUN_AS=root silences this)" >&2
	fi
fi

# A first run gets the generated sample dataset.
if [ ! -e "$UPLOADS/current" ]; then
	"$BIN/gen" --out "$RUNDIR/sample" >/dev/null
	"$BIN/import" --user sample "$UPLOADS" "$RUNDIR/sample" >/dev/null 2>&1 || {
		echo "serve: importing the sample dataset failed" >&2; exit 1; }
	echo "serve: loaded the generated sample dataset into $UPLOADS"
fi

# Logins: the users file (logins of the old htpasswd files are taken over
# once); without any admin yet, one is created (a random password is
# printed once) or ADMIN_USER, when it exists, becomes one.
mkdir -p "$AUTH_DIR"
chmod 700 "$AUTH_DIR"
"$BIN/useradm" "$AUTH_DIR" migrate
if ! "$BIN/useradm" "$AUTH_DIR" has-admin; then
	user=${ADMIN_USER:-admin}
	pw=${ADMIN_PASSWORD:-}
	if [ -z "$pw" ] && "$BIN/useradm" "$AUTH_DIR" role "$user" admin >/dev/null; then
		echo "serve: $user is now an admin (with the password it had)"
	else
		if [ -z "$pw" ]; then
			pw=$(openssl rand -base64 12)
			echo "serve: created admin '$user' with password: $pw  (shown once; sign in at /login, add users at /users)"
		fi
		PASSWORD=$pw "$BIN/useradm" "$AUTH_DIR" add "$user" admin >/dev/null
	fi
fi
# Only the programs' user reads the logins and the session key.
[ -z "$SPAWN_AS" ] || chown -R "$SERVICE_USER:$SERVICE_USER" "$AUTH_DIR"

fill() {
	sed -e "s|@LISTEN@|127.0.0.1:$PORT|g" -e "s|@RUNDIR@|$RUNDIR|g" -e "s|@SOCKETS@|$RUNDIR|g" \
	    -e "s|@FASTCGI@|$RUNDIR/fastcgi.conf|g" -e "s|@HEADERS@|$RUNDIR/headers.conf|g" \
	    -e "s|@PUBLIC@|$TOP/public|g" -e "s|@MAX_BODY@|$MAX_BODY|g" -e "s|@USER@|$SERVICE_USER|g" \
	    -e "s|@LOGIN_RATE@|${LOGIN_RATE:-20r/m}|g" "$1" > "$2"
}
fill "$TOP/nginx/main.conf.in" "$RUNDIR/nginx.conf"
fill "$TOP/nginx/site.conf.in" "$RUNDIR/site.conf"
cp "$TOP/nginx/fastcgi.conf" "$TOP/nginx/headers.conf" "$RUNDIR/"

# Part of every ETag: a new build or template answers 200 to old validators.
BUILD_ID=$(cat "$BIN/dashboard" "$BIN/export" "$TOP"/templates/*.tpl | md5sum | cut -c1-16)
for prog in dashboard upload export; do
	rm -f "$RUNDIR/$prog.sock"
	touch "$RUNDIR/logs/$prog.log"
	[ -z "$SPAWN_AS" ] || chown "$SERVICE_USER:" "$RUNDIR/logs/$prog.log"
	# shellcheck disable=SC2086
	UPLOADS_DIR=$UPLOADS TEMPLATE_DIR=$TOP/templates WORKERS=$WORKERS LOG_FILE=$RUNDIR/logs/$prog.log \
		AUTH_DIR=$AUTH_DIR BUILD_ID=$BUILD_ID \
		spawn-fcgi -s "$RUNDIR/$prog.sock" -M 0600 $SPAWN_AS -P "$RUNDIR/$prog.pid" -- $WRAP "$BIN/$prog" \
		>>"$RUNDIR/logs/$prog.log" 2>&1
done

if [ "$BACKGROUND" = 1 ]; then
	nginx -p "$RUNDIR" -c "$RUNDIR/nginx.conf" -e "$RUNDIR/logs/error.log"
	exit 0
fi

trap 'RUNDIR=$RUNDIR sh "$TOP/nginx/stop.sh" quiet; exit 0' INT TERM
echo "serve: dashboard on http://127.0.0.1:$PORT/ (Ctrl-C stops it; logs in $RUNDIR/logs)"
nginx -p "$RUNDIR" -c "$RUNDIR/nginx.conf" -e "$RUNDIR/logs/error.log" -g 'daemon off;' &
wait $! || true
RUNDIR=$RUNDIR sh "$TOP/nginx/stop.sh" quiet
