"""messy.py: deterministic generator of valid-but-messy and invalid datasets.

write_messy(dirpath, seed, n_influencers=40, n_tracking=2000, style="plain")
    Writes influencers.csv, posts.csv, tracking_data.csv and payouts.csv that
    are VALID under SPEC section 2 but exercise every tolerance it grants:
    shuffled and re-cased/padded headers, aliases, extra columns, BOMs, CRLF,
    RFC 4180 quoting with commas/quotes/newlines, Unicode and markup in text,
    ids as "42.0" or space-padded, "007" next to "7", organic and
    unknown-influencer rows, returns, ₹/Rs./INR amounts with Indian or western
    grouping and 3+ decimals, dates with times, undated payouts (none, some
    or all: payout_dates), both bases, no basis.
    Returns a dict describing the choices made (e.g. whether a brand column
    was written). style "sheet" writes files as spreadsheets export them:
    Title Case headers with spaces or hyphens, the aliases of SPEC section 2,
    day-first dates (17-06-2025, 1/4/2025, 17.06.2025), timestamps
    ("2025-06-01 10:22:33.123456"), basis spelt "Per Post" or "per-order";
    style "mdy" is the same with the day-first dates written month first
    (06/17/2025), to be imported with the "dates are month first" choice.

write_invalid(dirpath, kind) -> (file, line, column)
    Writes a dataset with exactly one error of the given kind (see KINDS) and
    returns where the first error is; column is None for file/row level
    errors (field count, invalid UTF-8, empty file).

Only ambiguity-free messiness is generated: text attributes are never
space-padded, numbers are never padded, and negative amounts carry no
currency mark, so any disagreement with the product is a real bug.
"""

import datetime
import os
import random

KINDS = ("missing_column", "bad_date", "feb30", "negative_int", "bad_money",
         "field_count", "duplicate_id", "invalid_utf8", "empty_file",
         "negative_payout")

BRANDS = ("MuscleBlaze", "HKVitals", "Gritzo")
SOURCES = ("PromoCode", "SwipeUp", "BioLink")
PLATFORMS = ("Instagram", "YouTube", "Twitter", "Facebook")
CATEGORIES = ("Fitness", "Nutrition", "Wellness", "Parenting", "Beauty & Care")
GENDERS = ("Female", "Male", "Other")
PRODUCTS = ("Whey Protein", "Creatine", "Multivitamin", "Fish Oil, 1000mg",
            "Kids' Protein \"Choco\"", "Biotin — Hair")
CAMPAIGNS = ("Monsoon Sale 2025", "HKFitBlast", "Gritzo, Kids Run",
             "Diwali \"Mega\" Deal", "नया साल", "New\nYear")
NAMES = ("Zoë Ünïcödé", "अनन्या शर्मा", "李雷", "Renée \"Coach\" O'Brien",
         "Smith, John", "<script>alert('x')</script>", "Ana\nMaria",
         "=HYPERLINK(\"http://evil.example\")", "-Minus Guy", "@handle_fit",
         "Emoji 💪🏽 Kid", "Tab\tInside", "<b>Bold</b> & Co", "Ravi Kumar",
         "Priya", "+91 Fitness", "Crlf\r\nName", "Ø Nordic")
CAPTIONS = ("Loving my #MuscleBlaze shake!", "Morning run, 10k, done 💪",
            "<img src=x onerror=alert(1)>", "He said \"best whey ever\"",
            "Line one\nLine two\nLine three", "Windows\r\nnewline", "",
            "=1+1", "ह्याशट्याग #HKVitals", "a,b,c,\"d\"")
EXTRA = ("notes", "Tier", "exported_at", "Remarks ")

# Influencer ids: digits, leading zeros that must stay distinct from the
# plain number ("007" vs "7"), and non-numeric ids.
SPECIAL_IDS = ("007", "0012", "INF-α9")
UNKNOWN_IDS = ("999", "0007", "7.5", "ghost")

# Per-file schemas: canonical column -> possible header spellings.
HEADERS = {
    "influencers.csv": {"id": ("id", "influencer_id"), "name": ("name",),
                        "category": ("category",), "gender": ("gender",),
                        "follower_count": ("follower_count",),
                        "platform": ("platform",)},
    "posts.csv": {"influencer_id": ("influencer_id",), "platform": ("platform",),
                  "date": ("date",), "url": ("url",), "caption": ("caption",),
                  "reach": ("reach",), "likes": ("likes",), "comments": ("comments",)},
    "tracking_data.csv": {"source": ("source",), "brand": ("brand",),
                          "campaign": ("campaign",), "influencer_id": ("influencer_id",),
                          "user_id": ("user_id",), "product": ("product",),
                          "date": ("date",), "orders": ("orders",),
                          "revenue": ("revenue",)},
    "payouts.csv": {"influencer_id": ("influencer_id",), "basis": ("basis",),
                    "rate": ("rate",), "orders": ("orders",),
                    "total_payout": ("total_payout",), "date": ("date", "payout_date")},
}

# Spreadsheet spellings of each column (aliases included): style "sheet".
SHEET_HEADERS = {
    "influencers.csv": {"id": ("Influencer ID", "ID", "influencer-id"), "name": ("Name", "NAME"),
                        "category": ("Category",), "gender": ("Gender",),
                        "follower_count": ("Follower Count", "Followers", "follower-count", "FOLLOWER  COUNT"),
                        "platform": ("Platform",)},
    "posts.csv": {"influencer_id": ("Influencer ID", "Influencer-ID", "Influencer\u00a0ID"), "platform": ("Platform",),
                  "date": ("Post Date", "Date", "post-date"), "url": ("Post URL", "URL", "post_url"),
                  "caption": ("Caption",), "reach": ("Reach",), "likes": ("Likes",),
                  "comments": ("Comments",)},
    "tracking_data.csv": {"source": ("Source",), "brand": ("Brand",), "campaign": ("Campaign",),
                          "influencer_id": ("Influencer ID", "influencer id"),
                          "user_id": ("User ID", "User-Id"), "product": ("Product",),
                          "date": ("Transaction Date", "Order Date", "Date", "transaction-date"),
                          "orders": ("Orders",), "revenue": ("Revenue", "REVENUE")},
    "payouts.csv": {"influencer_id": ("Influencer ID",), "basis": ("Basis",), "rate": ("Rate",),
                    "orders": ("Orders",), "total_payout": ("Total Payout", "Total-Payout", "total payout"),
                    "date": ("Payout Date", "Date", "payout-date")},
}
SHEET_BASIS = {"post": ("Per Post", "per-post", "PER POST", "Post", "per_post"),
               "order": ("Per Order", "per-order", "ORDER", "Order", "per  order")}

BAD_BYTE_MARK = "\x00BADBYTE\x00"


# --------------------------------------------------------------------------
# Rendering of individual values.

def _group(digits, indian):
    """'1234567' -> '12,34,567' (Indian) or '1,234,567' (western)."""
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    size = 2 if indian else 3
    groups = []
    while len(head) > size:
        groups.insert(0, head[-size:])
        head = head[:-size]
    return ",".join([head] + groups + [tail])


def _money(rng, milli, allow_negative=False):
    """Render an amount given in thousandths of a rupee (int)."""
    negative = milli < 0
    milli = abs(milli)
    rupees, frac = divmod(milli, 1000)
    style = rng.random()
    if milli % 10 or style < 0.15:
        dec = ".%03d" % frac                       # 3 decimals, rounding case
    elif style < 0.3 and frac % 100 == 0:
        dec = "" if frac == 0 else ".%d" % (frac // 100)
    else:
        dec = ".%02d" % (frac // 10)
    digits = str(rupees)
    if rng.random() < 0.4:
        digits = _group(digits, indian=rng.random() < 0.5)
    if negative:
        assert allow_negative
        return "-" + digits + dec                  # no currency mark on returns
    mark = rng.choice(("", "", "₹", "Rs.", "Rs. ", "Rs", "INR ", "INR"))
    return mark + digits + dec


def _int(rng, value):
    r = rng.random()
    if value == 0 and r < 0.2:
        return ""
    return "%d.0" % value if r > 0.9 else str(value)


def _date(rng, day, style="plain"):
    if style != "plain" and hasattr(day, "isoformat"):
        return _sheet_date(rng, day, style == "mdy")
    r = rng.random()
    s = day.isoformat() if hasattr(day, "isoformat") else day
    if r < 0.15:
        return s + "T%02d:%02d:%02d" % (rng.randrange(24), rng.randrange(60), rng.randrange(60))
    if r < 0.25:
        return s + " %02d:%02d" % (rng.randrange(24), rng.randrange(60))
    if r < 0.3:
        return s + "T00:00:00+05:30"
    return s


def _sheet_date(rng, day, month_first):
    """A date as spreadsheets and people in India (or the US) write it."""
    first, second = (day.month, day.day) if month_first else (day.day, day.month)
    r = rng.random()
    if r < 0.15:
        s = "%02d-%02d-%04d" % (first, second, day.year)
    elif r < 0.3:
        s = "%d/%d/%04d" % (first, second, day.year)
    elif r < 0.4:
        s = "%02d.%02d.%04d" % (first, second, day.year)
    elif r < 0.5:
        s = "%02d/%02d/%04d" % (first, second, day.year)
    elif r < 0.6:
        s = "%04d/%02d/%02d" % (day.year, day.month, day.day)
    elif r < 0.7:
        s = day.isoformat() + " %02d:%02d:%02d.%06d" % (rng.randrange(24), rng.randrange(60),
                                                        rng.randrange(60), rng.randrange(10**6))
    elif r < 0.8:
        s = day.isoformat() + "T%02d:%02d:%02dZ" % (rng.randrange(24), rng.randrange(60), rng.randrange(60))
    elif r < 0.9:
        s = "%d-%d-%04d %02d:%02d" % (first, second, day.year, rng.randrange(24), rng.randrange(60))
    else:
        s = day.isoformat()
    return s


def _ref(rng, iid):
    """Render a reference to an influencer id the way exports do."""
    r = rng.random()
    if iid.isdigit() and not iid.startswith("0") and r < 0.2:
        return iid + ".0"
    if r < 0.3:
        return " %s " % iid
    return iid


def _day(rng):
    return datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(181))


def _header_name(rng, name):
    r = rng.random()
    if r < 0.3:
        name = name.upper()
    elif r < 0.5:
        name = name.title()
    if rng.random() < 0.3:
        name = " %s  " % name
    return name


# --------------------------------------------------------------------------
# Building the logical tables (canonical column -> rendered text).

PAYOUT_DATES = ("mixed", "none", "all")


def _build(rng, n_inf, n_track, style="plain", payout_dates="mixed"):
    """Return {file: {"cols": [(canon, header)], "rows": [dict]}}, info.

    style: "plain", "sheet" or "mdy" (see write_messy); payout_dates: "mixed"
    (a quarter of the payouts undated), "none" (every payout undated, some
    without a basis) or "all" (every payout dated)."""
    info = {"brand_column": rng.random() < 0.5}
    n_plain = max(n_inf - len(SPECIAL_IDS), 13)
    ids = [str(i) for i in range(1, n_plain + 1)] + list(SPECIAL_IDS)
    rng.shuffle(ids)
    info["ids"] = ids
    silent = ids[:3]          # no tracking rows at all
    zero = ids[3:5]           # tracking rows with zero orders only
    unpaid = ids[5:7]         # no payout rows (undefined ROAS)
    active = [i for i in ids if i not in silent]

    infl = []
    for n, iid in enumerate(ids):
        infl.append({
            "id": _ref(rng, iid) if n else iid,
            "name": "%s %d" % (rng.choice(NAMES), n) if rng.random() < 0.7 else rng.choice(NAMES),
            "category": rng.choice(CATEGORIES),
            "gender": rng.choice(GENDERS),
            "follower_count": _int(rng, rng.choice((0, rng.randrange(10**3, 10**6),
                                                    rng.randrange(2**31, 2**33)))),
            "platform": "" if n % 9 == 4 else rng.choice(PLATFORMS),
        })

    track = []
    for _ in range(n_track):
        r = rng.random()
        if r < 0.07:
            iid = ""
        elif r < 0.1:
            iid = rng.choice(UNKNOWN_IDS)
        else:
            iid = rng.choice(active)
        orders = 0 if iid in zero else rng.choice((0, 1, 1, 1, 2, 3))
        milli = 0 if iid in zero else rng.randrange(50_000, 2_000_000)
        if milli and rng.random() < 0.3:
            milli = milli - milli % 10 + 5            # x.xx5: a rounding tie
        if milli and rng.random() < 0.05:
            milli, orders = -milli, 0                  # a return
        brand = rng.choice(BRANDS)
        track.append({
            "source": rng.choice(SOURCES) if info["brand_column"] else brand,
            "brand": brand,
            "campaign": rng.choice(CAMPAIGNS),
            "influencer_id": _ref(rng, iid) if iid else "",
            "user_id": "u-%08x" % rng.getrandbits(32),
            "product": rng.choice(PRODUCTS),
            "date": _date(rng, _day(rng), style),
            "orders": _int(rng, orders),
            "revenue": _money(rng, milli, allow_negative=True),
        })

    posts = []
    for _ in range(max(n_track // 4, 20)):
        # silent[0] has no posts either: its undated payouts are unscheduled
        iid = rng.choice(UNKNOWN_IDS) if rng.random() < 0.03 else rng.choice(ids[1:])
        reach = rng.choice((0, rng.randrange(100, 200_000)))
        posts.append({
            "influencer_id": _ref(rng, iid),
            "platform": rng.choice(PLATFORMS),
            "date": _date(rng, _day(rng), style),
            "url": "https://example.com/p?id=%d&x=\"q\"" % rng.randrange(10**6),
            "caption": rng.choice(CAPTIONS),
            "reach": _int(rng, reach),
            "likes": _int(rng, rng.randrange(0, reach // 10 + 1)),
            "comments": _int(rng, rng.randrange(0, reach // 50 + 1)),
        })

    pays = []
    payees = [i for i in ids if i not in unpaid] + [rng.choice(UNKNOWN_IDS)]
    for iid in payees:
        for _ in range(rng.choice((1, 1, 2, 3))):
            basis = rng.choice(("post", "order"))
            orders = rng.randrange(0, 400)
            rate_paise = rng.randrange(2000, 6000) if basis == "order" else rng.randrange(20000, 800000)
            if basis == "order":
                total = rate_paise * orders + (rng.randrange(-5000, 5000) if rng.random() < 0.1 else 0)
            else:
                total = rate_paise * rng.randrange(1, 15)
            total = max(total, 0) * 10 + (5 if rng.random() < 0.2 else 0)
            spelled = {"post": ("post", "Post", "PER_POST", "per_post"),
                       "order": ("order", "ORDER", "Per_Order", "per_order")}[basis]
            if style != "plain":
                spelled = SHEET_BASIS[basis]
            undated = {"none": True, "all": False}.get(payout_dates, rng.random() < 0.25)
            pays.append({
                "influencer_id": _ref(rng, iid),
                "basis": "" if payout_dates == "none" and rng.random() < 0.15 else rng.choice(spelled),
                "rate": _money(rng, rate_paise * 10),
                "orders": _int(rng, orders),
                "total_payout": _money(rng, total),
                "date": "" if undated else _date(rng, _day(rng), style),
            })
    rng.shuffle(pays)

    tables = {"influencers.csv": infl, "posts.csv": posts,
              "tracking_data.csv": track, "payouts.csv": pays}
    files = {}
    for fname, rows in tables.items():
        canon = list(HEADERS[fname])
        if fname == "tracking_data.csv" and not info["brand_column"]:
            canon.remove("brand")
        if fname == "posts.csv" and rng.random() < 0.3:
            canon.remove("url")                      # optional column absent
        for extra in rng.sample(EXTRA, rng.randrange(0, 3)):
            canon.append("x:" + extra)
            for row in rows:
                row["x:" + extra] = rng.choice(("", "n/a", "x, y", "say \"hi\"",
                                                "multi\nline", "₹5,00,000"))
        rng.shuffle(canon)
        if style == "plain":
            cols = [(c, c[2:] if c.startswith("x:") else
                     _header_name(rng, rng.choice(HEADERS[fname][c]))) for c in canon]
        else:
            cols = [(c, c[2:] if c.startswith("x:") else rng.choice(SHEET_HEADERS[fname][c]))
                    for c in canon]
        files[fname] = {"cols": cols, "rows": rows,
                        "crlf": rng.random() < 0.4, "bom": rng.random() < 0.3}
    return files, info


# --------------------------------------------------------------------------
# CSV writing.

def _cell(rng, text):
    if any(c in text for c in ',"\r\n') or rng.random() < 0.1:
        return '"' + text.replace('"', '""') + '"'
    return text


def _write(dirpath, files, rng):
    """Write every file; return {file: [start line of each data row]}."""
    os.makedirs(dirpath, exist_ok=True)
    starts = {}
    for fname, spec in files.items():
        eol = "\r\n" if spec["crlf"] else "\n"
        out = [",".join(_cell(rng, h) for _c, h in spec["cols"]) + eol]
        line = 1 + out[0].count("\n")
        starts[fname] = []
        for row in spec["rows"]:
            cells = [row.get(c, "") for c, _h in spec["cols"]] + row.get("_extra_cells", [])
            rec = ",".join(_cell(rng, v) for v in cells) + eol
            starts[fname].append(line)
            line += rec.count("\n")
            out.append(rec)
        data = "".join(out).encode("utf-8")
        data = data.replace(BAD_BYTE_MARK.encode(), b"\xff")
        if spec["bom"]:
            data = b"\xef\xbb\xbf" + data
        if spec.get("empty"):
            data = b""
        with open(os.path.join(dirpath, fname), "wb") as f:
            f.write(data)
    return starts


def write_messy(dirpath, seed, n_influencers=40, n_tracking=2000, style="plain", payout_dates="mixed"):
    """Write a valid messy dataset; return a dict of the choices made.
    payout_dates is one of PAYOUT_DATES (see _build)."""
    rng = random.Random(seed)
    files, info = _build(rng, n_influencers, n_tracking, style, payout_dates)
    _write(dirpath, files, rng)
    return info


def write_invalid(dirpath, kind):
    """Write a dataset with exactly one error of `kind`; return (file, line, column)."""
    if kind not in KINDS:
        raise ValueError(kind)
    rng = random.Random("invalid:" + kind)
    files, _info = _build(rng, 16, 80)
    target = {"missing_column": "tracking_data.csv", "bad_date": "posts.csv",
              "feb30": "tracking_data.csv", "negative_int": "posts.csv",
              "bad_money": "tracking_data.csv", "field_count": "payouts.csv",
              "duplicate_id": "influencers.csv", "invalid_utf8": "posts.csv",
              "empty_file": "payouts.csv", "negative_payout": "payouts.csv"}[kind]
    spec = files[target]
    k = len(spec["rows"]) * 2 // 3     # late enough for multi-line rows before it
    row = spec["rows"][k]
    column = None
    if kind == "missing_column":
        spec["cols"] = [(c, h) for c, h in spec["cols"] if c != "revenue"]
        column = "revenue"
    elif kind == "bad_date":
        row["date"], column = "04/03/25", "date"
    elif kind == "feb30":
        row["date"], column = "2025-02-30", "date"
    elif kind == "negative_int":
        row["reach"], column = "-12", "reach"
    elif kind == "bad_money":
        row["revenue"], column = "12.3.4", "revenue"
    elif kind == "field_count":
        row["_extra_cells"] = ["surplus"]
    elif kind == "duplicate_id":
        row["id"], column = spec["rows"][0]["id"], "id"
    elif kind == "invalid_utf8":
        row["caption"] = "caf" + BAD_BYTE_MARK + "é"
    elif kind == "empty_file":
        spec["empty"] = True
    elif kind == "negative_payout":
        row["total_payout"], column = "-250.00", "total_payout"
    starts = _write(dirpath, files, rng)
    if kind == "missing_column" or kind == "empty_file":
        return target, 1, column
    if kind == "invalid_utf8":
        with open(os.path.join(dirpath, target), "rb") as f:
            data = f.read()
        return target, data[:data.index(b"\xff")].count(b"\n") + 1, None
    return target, starts[target][k], column
