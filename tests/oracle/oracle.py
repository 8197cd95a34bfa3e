"""oracle.py: independent Python reference implementation of SPEC sections 2-5.

Written from the product spec (SPEC sections 2-5) only (not from the C code), to serve as a
test oracle. Standard library only.

API
  load(dirpath, month_first=False, mapping=None) -> Dataset, or raises
      ImportRefused(errors); month_first reads the two-part day-first date
      forms month first; mapping is {file: {column: header}} (the column
      mapping of an upload)
  compute(ds, params) -> {"summary": {...}, "influencers": [...], "flagged": [...]}
  top(ds, params, n) / bottom(ds, params, n) -> [influencer ids]
  export_cell(text) -> text with the CSV formula-injection guard applied
  parse_query("a=1&b=2") -> [("a", "1"), ("b", "2")]

Money is held as integer paise; everything derived (allocated spend, ratios)
is an exact fractions.Fraction, rounded half away from zero only when
formatted.
"""

import csv
import datetime
import os
import re
import urllib.parse
from dataclasses import dataclass
from fractions import Fraction

FILES = ("influencers.csv", "posts.csv", "tracking_data.csv", "payouts.csv")


class ImportRefused(Exception):
    """The upload is refused; .errors is a list of {file, line, column, value, reason}."""

    def __init__(self, errors):
        super().__init__("%d import error(s); first: %r" % (len(errors), errors[:1]))
        self.errors = errors


class ParamError(ValueError):
    """A malformed query parameter (the product answers 400)."""


# --------------------------------------------------------------------------
# Value parsers: each takes the trimmed text and returns the value or raises
# _Bad(reason).

class _Bad(Exception):
    pass


_WS = " \t\r\n"
_INT_RE = re.compile(r"^(-?)(\d+)(?:\.0+)?$")
_ID_ZERO_FRACTION = re.compile(r"^(\d+)\.0+$")
# Currency mark, then an unsigned number: plain digits, western 1,234,567
# grouping or Indian 12,34,567 grouping, optional fraction.
_MONEY_RE = re.compile(
    r"^(?P<s1>[-+]?)\s*(?:₹|rs\.?|inr)?\s*(?P<s2>[-+]?)\s*"
    r"(?P<int>\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})"
    r"(?:\.(?P<frac>\d+))?$", re.IGNORECASE)
# Dates: year first with - or /, or day first (month first on request)
# with -, / or .; one-digit day and month; a time after a space or T.
_DATE_YEAR_FIRST = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ].*)?\Z", re.DOTALL)
_DATE_YEAR_LAST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ].*)?\Z", re.DOTALL)
_STRICT_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BASIS = {"post": "post", "per_post": "post", "order": "order", "per_order": "order"}


def norm_header(name):
    """SPEC 2: case-insensitive, trimmed, runs of spaces and hyphens as one
    underscore (a no-break space, as spreadsheets write it, is a space)."""
    return re.sub("[ \t\u00a0-]+", "_", name.strip(" \t\u00a0").lower())


def norm_id(text):
    """Trim an id; a whole number with a zero fraction ("42.0") becomes "42"."""
    text = text.strip(_WS)
    m = _ID_ZERO_FRACTION.match(text)
    return m.group(1) if m else text


def round_half_away(q):
    """Round a Fraction to the nearest integer, ties away from zero."""
    n = abs(q.numerator) * 2 + q.denominator
    r = n // (2 * q.denominator)
    return r if q >= 0 else -r


def parse_int(text):
    if text == "":
        return 0
    m = _INT_RE.match(text)
    if not m:
        raise _Bad("not an integer (expected digits, e.g. 17)")
    value = int(m.group(2))
    if m.group(1) and value != 0:
        raise _Bad("negative integer")
    return value


def parse_money(text, allow_negative):
    """Return integer paise; rounds beyond 2 decimals half away from zero."""
    m = _MONEY_RE.match(text)
    if not m or (m.group("s1") and m.group("s2")):
        raise _Bad("not an amount (expected e.g. 1234.50, ₹1,234.50)")
    negative = "-" in (m.group("s1"), m.group("s2"))
    frac = m.group("frac") or ""
    value = Fraction(int(m.group("int").replace(",", "") + frac), 10 ** len(frac))
    paise = round_half_away(value * 100)
    if negative:
        paise = -paise
    if paise < 0 and not allow_negative:
        raise _Bad("negative amount not allowed")
    return paise


def _calendar(y, m, d):
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def parse_date(text, month_first=False):
    m = _DATE_YEAR_FIRST.match(text)
    if m:
        day = _calendar(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if day is None:
            raise _Bad("no such calendar date")
        return day
    m = _DATE_YEAR_LAST.match(text)
    if not m:
        raise _Bad("not a date (expected YYYY-MM-DD, YYYY/MM/DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY)")
    a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    day, other = (_calendar(y, a, b), _calendar(y, b, a)) if month_first else \
        (_calendar(y, b, a), _calendar(y, a, b))
    if day is None:
        if other is not None and (a if month_first else b) > 12:
            raise _Bad("only makes sense %s first" % ("day" if month_first else "month"))
        raise _Bad("no such calendar date")
    return day


def parse_basis(text):
    if text == "":
        return ""
    basis = _BASIS.get(norm_header(text))
    if basis is None:
        raise _Bad("basis must be post or order")
    return basis


# --------------------------------------------------------------------------
# File schemas: canonical column -> (aliases, required, kind).
# Kinds: id (required id), tid (tracking id, empty = organic), text, reqtext,
# int, money (>= 0), smoney (signed), date (required), odate (empty = None),
# basis.

SCHEMAS = {
    "influencers.csv": {
        "id": (("id", "influencer_id"), True, "id"),
        "name": (("name",), True, "reqtext"),
        "category": (("category",), False, "text"),
        "gender": (("gender",), False, "text"),
        "follower_count": (("follower_count", "followers"), False, "int"),
        "platform": (("platform",), False, "text"),
    },
    "posts.csv": {
        "influencer_id": (("influencer_id",), True, "id"),
        "platform": (("platform",), False, "text"),
        "date": (("date", "post_date"), True, "date"),
        "url": (("url", "post_url"), False, "text"),
        "caption": (("caption",), False, "text"),
        "reach": (("reach",), False, "int"),
        "likes": (("likes",), False, "int"),
        "comments": (("comments",), False, "int"),
    },
    "tracking_data.csv": {
        "source": (("source",), False, "text"),
        "brand": (("brand",), False, "text"),
        "campaign": (("campaign",), False, "text"),
        "influencer_id": (("influencer_id",), True, "tid"),
        "user_id": (("user_id",), False, "text"),
        "product": (("product",), False, "text"),
        "date": (("date", "order_date", "transaction_date"), True, "date"),
        "orders": (("orders",), False, "int"),
        "revenue": (("revenue",), True, "smoney"),
    },
    "payouts.csv": {
        "influencer_id": (("influencer_id",), True, "id"),
        "basis": (("basis",), False, "basis"),
        "rate": (("rate",), False, "money"),
        "orders": (("orders",), False, "int"),
        "total_payout": (("total_payout",), True, "money"),
        "date": (("date", "payout_date"), False, "odate"),
    },
}

# Defaults for optional columns absent from the header.
_DEFAULTS = {"text": "", "int": 0, "money": 0, "odate": None, "basis": ""}


def _parse_value(kind, raw, required, month_first=False):
    text = raw.strip(_WS)
    if kind in ("id", "tid"):
        value = norm_id(text)
        if value == "" and kind == "id":
            raise _Bad("empty required value")
        return value
    if text == "" and required:
        raise _Bad("empty required value")
    if kind in ("text", "reqtext"):
        return text
    if kind == "int":
        return parse_int(text)
    if kind in ("money", "smoney"):
        return parse_money(text, kind == "smoney") if text else 0
    if kind in ("date", "odate"):
        return parse_date(text, month_first) if text else None
    if kind == "basis":
        return parse_basis(text)
    raise AssertionError(kind)


@dataclass
class Dataset:
    influencers: dict        # id -> row dict, in file order
    posts: list              # row dicts of known influencers
    tracking: list           # row dicts of known influencers
    payouts: list            # row dicts of known influencers
    organic: list            # tracking rows with an empty influencer_id
    unknown: dict            # file -> rows whose influencer_id is unknown
    brand_column: bool       # tracking_data.csv had a `brand` column
    warnings: list


def _physical_lines(text):
    """Split on LF only, keeping terminators, so csv.reader.line_num counts
    physical lines exactly (CR alone is not a line break here)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _read_file(path, fname, errors, warnings, month_first=False, mapping=None):
    """Parse one file into (row dicts with '_line', header names) or None."""
    def err(line, column, value, reason):
        errors.append({"file": fname, "line": line, "column": column,
                       "value": value[:80], "reason": reason})

    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        err(data[:e.start].count(b"\n") + 1, None,
            repr(data[e.start:e.start + 4]), "invalid UTF-8")
        return None
    reader = csv.reader(_physical_lines(text))
    records = []
    while True:
        start = reader.line_num + 1
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            err(start, None, "", "malformed CSV: %s" % e)
            return None
        if rec:          # a blank line yields [] and is skipped
            records.append((start, rec))
    if not records:
        err(1, None, "", "empty file")
        return None

    header_line, header = records[0]
    index = {}
    for i, name in enumerate(header):
        index.setdefault(norm_header(name), i)
    schema = SCHEMAS[fname]
    cols = {}
    for canon, chosen in (mapping or {}).items():
        if norm_header(chosen) in index:
            cols[canon] = index[norm_header(chosen)]
        else:
            err(header_line, canon, chosen, "the mapping names a header the file lacks")
    for canon, (aliases, required, _kind) in schema.items():
        if canon in cols:
            continue
        for alias in aliases:
            if alias in index:
                cols[canon] = index[alias]
                break
        else:
            if required:
                err(header_line, canon, "", "missing required column")
    known = {a for aliases, _r, _k in schema.values() for a in aliases}
    extra = [h.strip(" \t") for h in header
             if h.strip(" \t") and norm_header(h) not in known]
    if extra:
        warnings.append({"file": fname, "kind": "extra_columns", "columns": extra})
    if any(e["file"] == fname for e in errors):
        return None

    rows = []
    for line, rec in records[1:]:
        if len(rec) != len(header):
            err(line, None, ",".join(rec), "expected %d fields, found %d"
                % (len(header), len(rec)))
            continue
        row, ok = {"_line": line}, True
        for canon, (_aliases, required, kind) in schema.items():
            if canon not in cols:
                row[canon] = _DEFAULTS.get(kind, "")
                continue
            raw = rec[cols[canon]]
            try:
                row[canon] = _parse_value(kind, raw, required, month_first)
            except _Bad as e:
                # An unparsable value in an optional column is not one of
                # the spec's errors: it reads as empty, with a warning.
                # Negative numbers stay errors (the spec lists them).
                # So are dates that read only in the other order (the
                # month-first choice is wrong for the file).
                if not required and kind not in ("id", "tid") and "negative" not in str(e) \
                        and "only makes sense" not in str(e):
                    row[canon] = _DEFAULTS.get(kind, "")
                    warnings.append("%s: line %d: %s %r read as empty (%s)" % (fname, line, canon, raw, e))
                else:
                    err(line, canon, raw, str(e))
                    ok = False
        if ok:
            rows.append(row)
    return rows, cols


def load(dirpath, month_first=False, mapping=None):
    """Load the four CSV files from dirpath (a missing file counts as no rows).

    Returns a Dataset; raises ImportRefused with every error found otherwise.
    """
    errors, warnings, parsed = [], [], {}
    for fname in FILES:
        path = os.path.join(dirpath, fname)
        if os.path.exists(path):
            parsed[fname] = _read_file(path, fname, errors, warnings, month_first,
                                       (mapping or {}).get(fname))
        else:
            parsed[fname] = ([], {})

    # Duplicate influencer ids (reported at the later occurrence).
    influencers = {}
    if parsed["influencers.csv"]:
        for row in parsed["influencers.csv"][0]:
            if row["id"] in influencers:
                errors.append({"file": "influencers.csv", "line": row["_line"],
                               "column": "id", "value": row["id"][:80],
                               "reason": "duplicate influencer id"})
            else:
                influencers[row["id"]] = row
    if errors:
        order = {f: i for i, f in enumerate(FILES)}
        errors.sort(key=lambda e: (order[e["file"]], e["line"]))
        raise ImportRefused(errors)

    tracking_rows, tracking_cols = parsed["tracking_data.csv"]
    brand_column = "brand" in tracking_cols
    for row in tracking_rows:
        if not brand_column:
            row["brand"] = row["source"]

    keep, unknown, organic = {}, {}, []
    for fname in FILES[1:]:
        keep[fname], unknown[fname] = [], []
        for row in parsed[fname][0]:
            iid = row["influencer_id"]
            if iid == "" and fname == "tracking_data.csv":
                organic.append(row)
            elif iid in influencers:
                keep[fname].append(row)
            else:
                unknown[fname].append(row)

    for fname, rows in unknown.items():
        if rows:
            warnings.append({"file": fname, "kind": "unknown_influencer",
                             "rows": len(rows),
                             "revenue": sum(r.get("revenue", 0) for r in rows),
                             "spend": sum(r.get("total_payout", 0) for r in rows)})
    for row in keep["payouts.csv"]:
        if row["basis"] == "order" and \
                abs(row["total_payout"] - row["rate"] * row["orders"]) > 100:
            warnings.append({"file": "payouts.csv", "kind": "payout_mismatch",
                             "line": row["_line"]})
    for row in influencers.values():
        if row["platform"] == "":
            warnings.append({"file": "influencers.csv", "kind": "no_platform",
                             "line": row["_line"]})

    return Dataset(influencers, keep["posts.csv"], keep["tracking_data.csv"],
                   keep["payouts.csv"], organic, unknown, brand_column, warnings)


# --------------------------------------------------------------------------
# Formatting (CSV export conventions of SPEC section 5).

def fmt_money(paise):
    """Paise (int or Fraction) -> '1234.56'; None -> ''."""
    if paise is None:
        return ""
    p = round_half_away(Fraction(paise))
    sign = "-" if p < 0 else ""
    return "%s%d.%02d" % (sign, abs(p) // 100, abs(p) % 100)


def fmt_ratio(q):
    """Fraction -> 4 decimals, half away from zero; None -> ''."""
    if q is None:
        return ""
    t = round_half_away(Fraction(q) * 10000)
    sign = "-" if t < 0 else ""
    return "%s%d.%04d" % (sign, abs(t) // 10000, abs(t) % 10000)


def export_cell(text):
    """Apply the formula-injection guard to a text cell."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _div(a, b):
    return None if b == 0 else Fraction(a) / Fraction(b)


# --------------------------------------------------------------------------
# Filters and metrics.

def _strict_date(name, value):
    m = _STRICT_DATE_RE.match(value)
    try:
        if not m:
            raise ValueError
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ParamError("%s: expected a date YYYY-MM-DD" % name)


def parse_query(query_string):
    """'platform=YouTube&brand=A' -> [(name, value)] for compute/top/bottom."""
    return urllib.parse.parse_qsl(query_string, keep_blank_values=True)


def parse_params(params):
    """Query pairs -> filter dict. Empty values mean "absent"; the first of a
    repeated single-valued parameter wins. Raises ParamError."""
    f = {k: set() for k in ("platform", "gender", "category", "brand",
                            "product", "campaign")}
    f.update({"from": None, "to": None, "influencer": None,
              "baseline": Fraction(1)})
    seen = set()
    for name, value in params:
        if value == "":
            continue
        if name in ("platform", "gender", "category", "brand", "product", "campaign"):
            f[name].add(value)
        elif name in seen:
            continue
        elif name in ("from", "to"):
            f[name] = _strict_date(name, value)
        elif name == "influencer":
            f[name] = norm_id(value)
        elif name == "baseline":
            if not re.match(r"^(\d+(\.\d*)?|\.\d+)$", value):
                raise ParamError("baseline: expected a decimal number >= 0")
            f[name] = Fraction(value)
        seen.add(name)
    return f


def _activity(ds):
    """influencer id -> (tracking rows, posts): every date, brand, product, campaign."""
    act = getattr(ds, "_activity", None)
    if act is None:
        act = {iid: ([], []) for iid in ds.influencers}
        for t in ds.tracking:
            act[t["influencer_id"]][0].append(t)
        for p in ds.posts:
            act[p["influencer_id"]][1].append(p)
        ds._activity = act
    return act


def spend_pieces(ds, payout):
    """SPEC 4, spend timing: [(date or None, Fraction paise)] of one payout row.

    A dated payout is one piece on its date. An undated one is spread over
    the influencer's tracking rows by orders (order basis and no basis) or
    over its posts equally (post basis), the other activity when that one
    is empty; with neither it is one undated (unscheduled) piece."""
    total = payout["total_payout"]
    if payout["date"] is not None:
        return [(payout["date"], Fraction(total))]
    rows, posts = _activity(ds)[payout["influencer_id"]]
    orders = sum(t["orders"] for t in rows)
    by_orders = [(t["date"], Fraction(total * t["orders"], orders)) for t in rows] if orders else []
    by_posts = [(p["date"], Fraction(total, len(posts))) for p in posts]
    if payout["basis"] == "post":
        return by_posts or by_orders or [(None, Fraction(total))]
    return by_orders or by_posts or [(None, Fraction(total))]


def _raw(ds, params):
    """Exact per-influencer figures plus the filter dict."""
    f = parse_params(params)

    def in_range(d):
        return (f["from"] is None or d >= f["from"]) and (f["to"] is None or d <= f["to"])

    def attr_ok(inf):
        return all(not f[k] or inf[k] in f[k] for k in ("platform", "gender", "category")) \
            and (f["influencer"] is None or inf["id"] == f["influencer"])

    scoped = bool(f["brand"] or f["product"] or f["campaign"])
    stats = {}
    for inf in ds.influencers.values():
        if attr_ok(inf):
            stats[inf["id"]] = dict(inf=inf, posts=0, reach=0, engagement=0,
                                    orders=0, all_orders=0, revenue=0, base=0)
    for t in ds.tracking:
        s = stats.get(t["influencer_id"])
        if s is None or not in_range(t["date"]):
            continue
        s["all_orders"] += t["orders"]
        if all(not f[k] or t[k] in f[k] for k in ("brand", "product", "campaign")):
            s["orders"] += t["orders"]
            s["revenue"] += t["revenue"]
    bounded = f["from"] is not None or f["to"] is not None
    for p in ds.payouts:
        s = stats.get(p["influencer_id"])
        if s is not None:
            s["base"] += sum((piece for day, piece in spend_pieces(ds, p)
                              if (day is None and not bounded) or (day is not None and in_range(day))),
                             Fraction(0))
    for p in ds.posts:
        s = stats.get(p["influencer_id"])
        if s is not None and in_range(p["date"]):
            s["posts"] += 1
            s["reach"] += p["reach"]
            s["engagement"] += p["likes"] + p["comments"]
    for s in stats.values():
        if not scoped:
            s["spend"] = Fraction(s["base"])
        elif s["all_orders"]:
            s["spend"] = s["base"] * s["orders"] / s["all_orders"]
        else:
            s["spend"] = Fraction(0)
        s["roas"] = _div(s["revenue"], s["spend"])
    return f, scoped, stats


def _roas_desc_key(s):
    roas = s["roas"]
    return (roas is None, -(roas or 0), -s["revenue"], s["inf"]["id"])


def compute(ds, params):
    """Compute summary.csv metrics and per-influencer rows, formatted as in
    the CSV exports. Raises ParamError on a malformed parameter."""
    f, scoped, stats = _raw(ds, params)
    b = f["baseline"]
    rev = sum(s["revenue"] for s in stats.values())
    spend = sum((s["spend"] for s in stats.values()), Fraction(0))
    base = sum(s["base"] for s in stats.values())
    orders = sum(s["orders"] for s in stats.values())
    reach = sum(s["reach"] for s in stats.values())
    eng = sum(s["engagement"] for s in stats.values())
    roas = _div(rev, spend)
    summary = {
        "revenue": fmt_money(rev),
        "spend": fmt_money(spend),
        "roas": fmt_ratio(roas),
        "roi": fmt_ratio(_div(rev - spend, spend)),
        "incremental_revenue": fmt_money(rev - b * spend),
        "incremental_roas": fmt_ratio(None if roas is None else roas - b),
        "orders": str(orders),
        "cost_per_order": fmt_money(_div(spend, orders)),
        "aov": fmt_money(_div(rev, orders)),
        "influencers": str(len(stats)),
        "posts": str(sum(s["posts"] for s in stats.values())),
        "reach": str(reach),
        "engagement_rate": fmt_ratio(_div(eng, reach)),
        "unallocated_spend": fmt_money(base - spend if scoped else 0),
    }
    rows = []
    for s in sorted(stats.values(), key=_roas_desc_key):
        inf = s["inf"]
        rows.append({
            "id": inf["id"], "name": inf["name"], "platform": inf["platform"],
            "category": inf["category"], "gender": inf["gender"],
            "follower_count": str(inf["follower_count"]),
            "posts": str(s["posts"]), "reach": str(s["reach"]),
            "engagement": str(s["engagement"]),
            "engagement_rate": fmt_ratio(_div(s["engagement"], s["reach"])),
            "orders": str(s["orders"]), "revenue": fmt_money(s["revenue"]),
            "spend": fmt_money(s["spend"]), "roas": fmt_ratio(s["roas"]),
            "incremental_roas": fmt_ratio(None if s["roas"] is None else s["roas"] - b),
            "cost_per_order": fmt_money(_div(s["spend"], s["orders"])),
        })
    flagged = [s["inf"]["id"] for s in sorted(stats.values(), key=_roas_desc_key)
               if s["spend"] > 0 and s["roas"] < b]
    return {"summary": summary, "influencers": rows, "flagged": flagged}


def top(ds, params, n):
    """Ids of the n best influencers: spend > 0, ROAS desc, revenue desc, id asc."""
    _f, _scoped, stats = _raw(ds, params)
    paid = [s for s in stats.values() if s["spend"] > 0]
    paid.sort(key=lambda s: (-s["roas"], -s["revenue"], s["inf"]["id"]))
    return [s["inf"]["id"] for s in paid[:n]]


def bottom(ds, params, n):
    """Ids of the n worst influencers: spend > 0, ROAS asc, spend desc, id asc."""
    _f, _scoped, stats = _raw(ds, params)
    paid = [s for s in stats.values() if s["spend"] > 0]
    paid.sort(key=lambda s: (s["roas"], -s["spend"], s["inf"]["id"]))
    return [s["inf"]["id"] for s in paid[:n]]


# --------------------------------------------------------------------------
# Campaigns, brands, products (SPEC 4): one row per value of T's column.

GROUP_COLUMNS = ["revenue", "orders", "spend", "roas", "incremental_roas", "influencers",
                 "first_date", "last_date"]


def groups(ds, params, by):
    """(rows formatted as campaigns.csv, brands.csv or products.csv, spend
    without orders as a Fraction). by is campaign, brand or product; the
    empty value is "(none)". Rows: ROAS desc (undefined last), revenue
    desc, name asc."""
    f, _scoped, stats = _raw(ds, params)
    b = f["baseline"]

    def in_range(d):
        return (f["from"] is None or d >= f["from"]) and (f["to"] is None or d <= f["to"])

    acc = {}
    for t in ds.tracking:
        if t["influencer_id"] not in stats or not in_range(t["date"]) or \
                not all(not f[k] or t[k] in f[k] for k in ("brand", "product", "campaign")):
            continue
        g = acc.setdefault(t[by], dict(revenue=0, orders=0, first=t["date"], last=t["date"], per={}))
        g["revenue"] += t["revenue"]
        g["orders"] += t["orders"]
        g["first"], g["last"] = min(g["first"], t["date"]), max(g["last"], t["date"])
        g["per"][t["influencer_id"]] = g["per"].get(t["influencer_id"], 0) + t["orders"]
    rows = []
    for key, g in acc.items():
        spend = sum((stats[i]["base"] * o / stats[i]["all_orders"] for i, o in g["per"].items()
                     if stats[i]["all_orders"]), Fraction(0))
        roas = _div(g["revenue"], spend)
        rows.append((roas, g["revenue"], key or "(none)", {
            by: key or "(none)", "revenue": fmt_money(g["revenue"]), "orders": str(g["orders"]),
            "spend": fmt_money(spend), "roas": fmt_ratio(roas),
            "incremental_roas": fmt_ratio(None if roas is None else roas - b),
            "influencers": str(sum(1 for o in g["per"].values() if o > 0)),
            "first_date": g["first"].isoformat(), "last_date": g["last"].isoformat()}))
    rows.sort(key=lambda r: (r[0] is None, -(r[0] or 0), -r[1], r[2]))
    without = sum((s["base"] for s in stats.values() if not s["all_orders"]), Fraction(0))
    return [r[3] for r in rows], without


# --------------------------------------------------------------------------
# Trend (SPEC 4): revenue and spend per period; dated payouts by payout date,
# the spread pieces of undated ones by the date of their order or post.

def _period_start(grain, d):
    if grain == "week":
        return d - datetime.timedelta(days=d.weekday())
    if grain == "month":
        return d.replace(day=1)
    return d


def _next_period(grain, d):
    if grain == "week":
        return d + datetime.timedelta(days=7)
    if grain == "month":
        return datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return d + datetime.timedelta(days=1)


def trend(ds, params):
    """[{period, revenue, spend, roas, cumulative_roas}] formatted as trend.csv."""
    f, scoped, stats = _raw(ds, params)
    dates = [t["date"] for t in ds.tracking + ds.organic] + [p["date"] for p in ds.posts] + \
        [p["date"] for p in ds.payouts if p["date"] is not None]
    if not dates and f["from"] is None:
        return []
    first = f["from"] or min(dates)
    if f["to"] is not None and f["to"] < first:
        first = f["to"]
    last = f["to"] or (max(dates) if dates else first)
    last = max(last, first)
    grain = dict(params).get("grain") or ""
    if grain not in ("day", "week", "month"):
        days = (last - first).days + 1
        grain = "day" if days <= 31 else "week" if days <= 26 * 7 else "month"
    starts = []
    s = _period_start(grain, first)
    while s <= last:
        starts.append(s)
        s = _next_period(grain, s)
    rev = {s: 0 for s in starts}
    spend = {s: Fraction(0) for s in starts}

    def in_view(d):
        return first <= d <= last

    for t in ds.tracking:
        if t["influencer_id"] in stats and in_view(t["date"]) and \
                all(not f[k] or t[k] in f[k] for k in ("brand", "product", "campaign")):
            rev[_period_start(grain, t["date"])] += t["revenue"]
    for p in ds.payouts:
        st = stats.get(p["influencer_id"])
        if st is None:
            continue
        share = Fraction(1)
        if scoped:
            share = Fraction(st["orders"], st["all_orders"]) if st["all_orders"] else Fraction(0)
        for day, piece in spend_pieces(ds, p):
            if day is not None and in_view(day):
                spend[_period_start(grain, day)] += piece * share
    out, crev, cspend = [], 0, Fraction(0)
    for s in starts:
        crev += rev[s]
        cspend += spend[s]
        out.append({"period": s.isoformat()[:7] if grain == "month" else s.isoformat(),
                    "revenue": fmt_money(rev[s]), "spend": fmt_money(spend[s]),
                    "roas": fmt_ratio(_div(rev[s], spend[s])),
                    "cumulative_roas": fmt_ratio(_div(crev, cspend))})
    return out
