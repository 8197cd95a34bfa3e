#!/bin/sh
# install.sh: make install / make uninstall: programs, templates, public/, nginx site, systemd units, config.
# usage: install.sh install|uninstall   Environment: DESTDIR, PREFIX (/usr/local), SYSCONFDIR (/etc),
# BUILD (built programs), LISTEN (nginx listen, 80), MAX_BODY (upload limit, 200m),
# RUNTIME_DIR (the programs' sockets, /run/influencer-roi).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
SYSCONFDIR=${SYSCONFDIR:-/etc}
BUILD=${BUILD:-$TOP/build/release}
LISTEN=${LISTEN:-80}
MAX_BODY=${MAX_BODY:-200m}
RUNTIME_DIR=${RUNTIME_DIR:-/run/influencer-roi}

LIB=$PREFIX/lib/influencer-roi
SHARE=$PREFIX/share/influencer-roi
CONF=$SYSCONFDIR/influencer-roi
UNITS=$PREFIX/lib/systemd/system
SYSUSERS=$PREFIX/lib/sysusers.d
SITE=$SYSCONFDIR/nginx/sites-available/influencer-roi

# Fills the placeholders of a template into an installed file.
fill() {
	sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@SYSCONFDIR@|$SYSCONFDIR|g" -e "s|@LISTEN@|$LISTEN|g" \
	    -e "s|@SOCKETS@|$RUNTIME_DIR|g" -e "s|@FASTCGI@|$CONF/fastcgi.conf|g" -e "s|@HEADERS@|$CONF/headers.conf|g" \
	    -e "s|@PUBLIC@|$SHARE/public|g" \
	    -e "s|@MAX_BODY@|$MAX_BODY|g" -e "s|@LOGIN_RATE@|${LOGIN_RATE:-20r/m}|g" "$1" > "$2"
	chmod "$3" "$2"
}

do_install() {
	for p in dashboard upload export import useradm; do
		[ -x "$BUILD/$p" ] || { echo "install: $BUILD/$p is missing: run make build first" >&2; exit 1; }
	done
	install -d "$DESTDIR$LIB" "$DESTDIR$PREFIX/bin" "$DESTDIR$PREFIX/sbin" "$DESTDIR$SHARE/templates" \
		"$DESTDIR$SHARE/public" "$DESTDIR$UNITS" "$DESTDIR$SYSUSERS" "$DESTDIR$SYSCONFDIR/nginx/sites-available" \
		"$DESTDIR$SYSCONFDIR/logrotate.d" "$DESTDIR$PREFIX/share/doc/influencer-roi"
	install -d -m 755 "$DESTDIR$CONF"
	install -m 755 "$BUILD/dashboard" "$BUILD/upload" "$BUILD/export" "$BUILD/useradm" "$DESTDIR$LIB/"
	install -m 755 "$BUILD/import" "$DESTDIR$PREFIX/bin/influencer-roi-import"
	# the installed login tool reads AUTH_DIR from the settings and hands a new directory to roi
	sed -e "s|^AUTH_DIR=.*|AUTH_DIR=\${AUTH_DIR:-\$(sed -n 's/^AUTH_DIR=//p' $CONF/influencer-roi.conf)}|" \
	    -e "s|^USERADM=.*|USERADM=\${USERADM:-$LIB/useradm}|" -e "s|^SERVICE_USER=.*|SERVICE_USER=\${SERVICE_USER:-roi}|" \
	    "$TOP/nginx/users.sh" > "$DESTDIR$PREFIX/sbin/influencer-roi-user"
	chmod 755 "$DESTDIR$PREFIX/sbin/influencer-roi-user"
	install -m 644 "$TOP"/templates/*.tpl "$DESTDIR$SHARE/templates/"
	cp -R "$TOP/public/." "$DESTDIR$SHARE/public/"
	install -m 644 "$TOP/README.md" "$TOP/SECURITY.md" "$DESTDIR$PREFIX/share/doc/influencer-roi/"
	fill "$TOP/nginx/systemd/influencer-roi@.service" "$DESTDIR$UNITS/influencer-roi@.service" 644
	fill "$TOP/nginx/systemd/influencer-roi@.socket" "$DESTDIR$UNITS/influencer-roi@.socket" 644
	install -m 644 "$TOP/nginx/sysusers.conf" "$DESTDIR$SYSUSERS/influencer-roi.conf"
	install -m 644 "$TOP/nginx/logrotate.conf" "$DESTDIR$SYSCONFDIR/logrotate.d/influencer-roi"
	install -m 644 "$TOP/nginx/fastcgi.conf" "$TOP/nginx/headers.conf" "$DESTDIR$CONF/"
	fill "$TOP/nginx/site.conf.in" "$DESTDIR$SITE" 644
	# the settings file is the administrator's once written: never overwritten
	[ -e "$DESTDIR$CONF/influencer-roi.conf" ] ||
		fill "$TOP/nginx/influencer-roi.conf.in" "$DESTDIR$CONF/influencer-roi.conf" 644
	echo "install: installed under ${DESTDIR:-/} (PREFIX=$PREFIX); README.md, Deploying, has the next steps"
}

do_uninstall() {
	rm -f "$DESTDIR$LIB/dashboard" "$DESTDIR$LIB/upload" "$DESTDIR$LIB/export" "$DESTDIR$LIB/useradm" \
		"$DESTDIR$PREFIX/bin/influencer-roi-import" "$DESTDIR$PREFIX/sbin/influencer-roi-user" \
		"$DESTDIR$UNITS/influencer-roi@.service" "$DESTDIR$UNITS/influencer-roi@.socket" \
		"$DESTDIR$SYSUSERS/influencer-roi.conf" "$DESTDIR$SYSCONFDIR/logrotate.d/influencer-roi" \
		"$DESTDIR$SITE" "$DESTDIR$SYSCONFDIR/nginx/sites-enabled/influencer-roi" "$DESTDIR$CONF/fastcgi.conf" \
		"$DESTDIR$CONF/headers.conf"
	rm -rf "$DESTDIR$SHARE" "$DESTDIR$PREFIX/share/doc/influencer-roi"
	rmdir "$DESTDIR$LIB" 2>/dev/null || true
	echo "uninstall: removed the programs; kept $CONF (settings), /var/lib/influencer-roi (data) and /var/lib/influencer-roi-auth (logins)"
}

case "${1:-}" in
install) do_install ;;
uninstall) do_uninstall ;;
*) echo "usage: install.sh install|uninstall" >&2; exit 2 ;;
esac
