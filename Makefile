# Makefile: installs what is missing, builds the three FastCGI programs and tools, runs and tests them.
# `make run` and `make test` are the two commands; see README.md.

PORT ?= 8080
WORKERS ?= 2
DIR ?=
UPLOADS ?= $(CURDIR)/uploads
RUNDIR ?= $(CURDIR)/run

DEB_PACKAGES := build-essential pkg-config libfcgi-dev spawn-fcgi libcsv-dev libhpdf-dev libxlsxwriter-dev \
	libctemplate-dev nginx-light libcmocka-dev curl procps python3 python3-pytest \
	python3-html5lib w3m chromium libgmime-3.0-dev openssl python3-selenium chromium-driver \
	wrk time poppler-utils fonts-dejavu-core clang libclang-rt-14-dev valgrind util-linux passwd \
	libcrypt-dev libssl-dev python3-openpyxl

CC ?= cc
CXX ?= c++
WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
HARDEN := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
CFLAGS_BASE := -std=c11 -D_POSIX_C_SOURCE=200809L -g $(WARN)
ifeq ($(CI),true)
CFLAGS_BASE += -Werror
endif
CXXFLAGS_BASE := -std=c++11 -g -Wall -Wextra -Wno-deprecated-declarations
LDHARDEN := -pie -Wl,-z,relro,-z,now
GMIME_CFLAGS = $(shell pkg-config --cflags gmime-3.0 2>/dev/null)
GMIME_LIBS = $(shell pkg-config --libs gmime-3.0 2>/dev/null)
LIBS = -lfcgi -lcsv -lctemplate -lhpdf -lxlsxwriter $(GMIME_LIBS) -lcrypt -lcrypto -lstdc++ -lm -pthread

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The shared library of the programs: everything but the mains.
LIB_SRC := buf arena settings val csvread csvpipe owner strpool dsfile importlog schema colmap held dataset dssplit store import fmt filter metrics \
	dscache app escape selection view csvout trend axis svg panels view_panels view_groups page_campaigns page_dashboard page_influencers multipart upmap exportkit table tables xlsx grouptab storeread compiled cube gcube groups spread pdf pdfdraw page_report respcache slot page_upload page_export page_health role \
	pwhash users session auth page_login page_users
LIB_CXX := tpl
PROGRAMS := dashboard upload export import gen useradm
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

REL := build/release
ASN := build/asan

.SECONDARY:

.PHONY: all deps build asan run stop adduser import test unit blackbox bench fuzz install uninstall clean

all: build

# Installs the Debian packages that are missing; silent when all are there (one dpkg-query for all).
deps:
	@installed=" $$(dpkg-query -W -f='$${db:Status-Abbrev}$${Package} ' $(DEB_PACKAGES) 2>/dev/null | sed 's/ii */+/g') "; \
	missing=""; for p in $(DEB_PACKAGES); do \
		case "$$installed" in *"+$$p "*) ;; *) missing="$$missing $$p" ;; esac; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "need root to apt-get install:$$missing" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: $(addprefix $(REL)/,$(PROGRAMS))
asan: $(addprefix $(ASN)/,$(PROGRAMS) $(UNIT_TESTS))

# Release build
$(REL)/%.o: cgi/%.c cgi/*.h | $(REL)
	$(CC) $(CFLAGS_BASE) -O2 $(HARDEN) -c $< -o $@
$(REL)/multipart.o: cgi/multipart.c cgi/*.h | $(REL)
	$(CC) $(CFLAGS_BASE) $(GMIME_CFLAGS) -O2 $(HARDEN) -c $< -o $@
$(REL)/%.o: cgi/%.cc cgi/*.h | $(REL)
	$(CXX) $(CXXFLAGS_BASE) -O2 $(HARDEN) -c $< -o $@
$(REL)/lib.a: $(addprefix $(REL)/,$(addsuffix .o,$(LIB_SRC) $(LIB_CXX)))
	rm -f $@ && ar rcs $@ $^
$(REL)/%: $(REL)/%_main.o $(REL)/lib.a
	$(CXX) $(LDHARDEN) $^ $(LIBS) -o $@
$(REL)/gen: $(REL)/gen_main.o
	$(CC) $(LDHARDEN) $^ -lm -o $@

# Sanitizer build (ASan + UBSan): the programs and the unit tests
$(ASN)/%.o: cgi/%.c cgi/*.h | $(ASN)
	$(CC) $(CFLAGS_BASE) -O1 $(SAN) -c $< -o $@
$(ASN)/multipart.o: cgi/multipart.c cgi/*.h | $(ASN)
	$(CC) $(CFLAGS_BASE) $(GMIME_CFLAGS) -O1 $(SAN) -c $< -o $@
$(ASN)/%.o: cgi/%.cc cgi/*.h | $(ASN)
	$(CXX) $(CXXFLAGS_BASE) -O1 $(SAN) -c $< -o $@
$(ASN)/lib.a: $(addprefix $(ASN)/,$(addsuffix .o,$(LIB_SRC) $(LIB_CXX)))
	rm -f $@ && ar rcs $@ $^
$(ASN)/%: $(ASN)/%_main.o $(ASN)/lib.a
	$(CXX) $(SAN) $^ $(LIBS) -o $@
$(ASN)/gen: $(ASN)/gen_main.o
	$(CC) $(SAN) $^ -lm -o $@
$(ASN)/test_%: tests/unit/test_%.c $(ASN)/lib.a tests/unit/*.h
	$(CC) $(CFLAGS_BASE) -Wno-missing-prototypes -O1 $(SAN) -Icgi $< $(ASN)/lib.a $(LIBS) -lcmocka -o $@

$(REL) $(ASN):
	mkdir -p $@

# Serve in the foreground on 127.0.0.1:$(PORT) until Ctrl-C.
run: deps build
	@PORT=$(PORT) WORKERS=$(WORKERS) UPLOADS=$(UPLOADS) RUNDIR=$(RUNDIR) BIN=$(CURDIR)/$(REL) \
		sh nginx/serve.sh

stop:
	@RUNDIR=$(RUNDIR) sh nginx/stop.sh

# Add or replace a login: make adduser NAME=asha ROLE=viewer (or editor, admin); asks for the password.
adduser: deps build
	@BIN=$(CURDIR)/$(REL) sh nginx/users.sh "$(ROLE)" "$(NAME)"

# Validate a directory of CSVs and activate it as a new version.
import: export DATES := $(DATES)
import: export MAP := $(MAP)
import: deps build
	@test -n "$(DIR)" || { echo "usage: make import DIR=path/to/csv-folder" >&2; exit 2; }
	@$(REL)/import $${DATES:+--dates "$$DATES"} $${MAP:+--map "$$MAP"} $(UPLOADS) $(DIR)

test: deps build asan
	@sh tests/run_all.sh

unit: asan
	@for t in $(UNIT_TESTS); do $(ASN)/$$t || exit 1; done

# Performance figures (not a test): make bench, or make bench SIZES="1M" for one size.
bench: deps build
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="python3-pandas"
	@/usr/bin/python3 tests/bench/bench.py $(SIZES)

# Installs for a real server (see README, Deploying): PREFIX, DESTDIR, SYSCONFDIR, LISTEN, MAX_BODY.
PREFIX ?= /usr/local
install: build
	@PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) sh nginx/install.sh install

uninstall:
	@PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) sh nginx/install.sh uninstall

# libFuzzer on each target (import, filter, multipart, values) for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 600
fuzz: deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build run
