#!/usr/bin/env python3
"""Reference evaluator that computed the expected files of the SQL golden cases.

It is a second, deliberately naive implementation of the semantics Weir must share with Flink
SQL, written without looking at Weir's code, so that a bug in Weir shows up as a difference:

  * Watermark: one per source (a filesystem source is one split, the file read top to bottom).
    After each row, wm = max over rows so far of (rowtime - delay). Rows that a WHERE clause drops
    still advance it (Flink assigns watermarks right after the scan, before any filter).
  * Windows are [start, end). TUMBLE(size): start = floor(ts / size) * size. HOP(slide, size):
    every window whose start is a multiple of slide and that contains ts (size need not be a
    multiple of slide). Start times are aligned to the epoch (UTC).
  * A window [s, e) fires once wm >= e - 1. A row is judged against the watermark as it stood
    after the PREVIOUS row: it joins every window containing it that has not fired yet; when
    none is left (the last window containing it has fired) it is late: dropped from the results,
    counted in lateRows and written to the late-data file. At the end of the input every
    remaining window fires. Empty windows emit nothing.
  * Aggregates: COUNT(*) counts rows, COUNT(x) and COUNT(DISTINCT x) skip NULLs; SUM, MIN, MAX,
    AVG ignore NULLs and give NULL when every value is NULL; AVG of an integer type truncates
    toward zero (Java's long division) in that type. NULL keys form their own group.
  * Output as Flink's json format writes it: TIMESTAMP(3) as "yyyy-MM-dd HH:mm:ss" with the
    fraction of a second trimmed of trailing zeros and left out when zero; TIMESTAMP_LTZ(3) the
    same (in UTC) followed by "Z"; DECIMAL as a JSON number; fields in sink-schema order.

Every case below mirrors its query.sql by hand (the SQL is not parsed here). Usage:

  python3 reference.py           check every case's expected files, print differences
  python3 reference.py --write   (re)write expected.jsonl, expected-late.jsonl and
                                 expected-metrics.json from input.jsonl
  python3 reference.py --write CASE...   only those cases

The expected files were also reasoned out by hand (see each case's notes.md where present);
this program is the cross-check of that reasoning.
"""

import datetime
import json
import os
import sys
from collections import OrderedDict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCH = datetime.datetime(1970, 1, 1)
SECOND = 1000
MINUTE = 60 * SECOND


# ---------------------------------------------------------------------------------------------
# Values


class Ts:
    """A TIMESTAMP(3) value (epoch millis of the wall clock read as UTC)."""

    def __init__(self, millis):
        self.millis = millis

    def text(self):
        return format_ts(self.millis)


class Ltz(Ts):
    """A TIMESTAMP_LTZ(3) value (epoch millis), written in UTC with a trailing Z."""

    def text(self):
        return format_ts(self.millis) + "Z"


def parse_ts(text):
    """'yyyy-MM-dd HH:mm:ss[.fff]' -> epoch millis."""
    date, time = text.split(" ")
    if "." in time:
        hms, frac = time.split(".")
        millis = int((frac + "000")[:3])
    else:
        hms, millis = time, 0
    dt = datetime.datetime.strptime(date + " " + hms, "%Y-%m-%d %H:%M:%S")
    return (dt - EPOCH) // datetime.timedelta(milliseconds=1) + millis


def format_ts(millis):
    dt = EPOCH + datetime.timedelta(milliseconds=millis)
    base = dt.strftime("%Y-%m-%d %H:%M:%S")
    ms = millis % 1000
    if ms == 0:
        return base
    return base + "." + ("%03d" % ms).rstrip("0")


def json_value(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Ts):
        return json.dumps(v.text())
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError("cannot write %r" % (v,))


def json_line(pairs):
    return "{" + ",".join(json.dumps(k) + ":" + json_value(v) for k, v in pairs) + "}"


# ---------------------------------------------------------------------------------------------
# Windows, watermark, lateness


def tumble(size):
    def assign(t):
        start = (t // size) * size  # floor division: right for negative times too
        return [(start, start + size)]

    return assign


def hop(slide, size):
    """HOP(slide, size): slide first, as in Flink and Calcite."""

    def assign(t):
        windows = []
        start = (t // slide) * slide
        while start > t - size:
            windows.append((start, start + size))
            start -= slide
        windows.reverse()
        return windows

    return assign


def window_assign(rows, rowtime, delay, assign, where=None):
    """Simulates the source watermark and the window operator's lateness check.

    Returns (assignments, late): assignments is a list of (window, row) for every window a row
    counts in; late lists the rows dropped as late, in input order.
    """
    wm = None
    assignments = []
    late = []
    for row in rows:
        t = rowtime(row)
        if where is None or where(row):
            live = [w for w in assign(t) if wm is None or not wm >= w[1] - 1]
            if not live:
                late.append(row)
            for w in live:
                assignments.append((w, row))
        if wm is None or t - delay > wm:
            wm = t - delay
    return assignments, late


def group(assignments, key):
    """(window, row) pairs -> OrderedDict of (key tuple, window) -> rows."""
    groups = OrderedDict()
    for w, row in assignments:
        groups.setdefault((key(row), w), []).append(row)
    return groups


# ---------------------------------------------------------------------------------------------
# Aggregates


def values(rows, col):
    return [r.get(col) for r in rows if r.get(col) is not None]


def count(rows, col=None):
    return len(rows) if col is None else len(values(rows, col))


def count_distinct(rows, col):
    return len(set(values(rows, col)))


def sql_sum(rows, col):
    v = values(rows, col)
    return sum(v) if v else None


def sql_min(rows, col):
    v = values(rows, col)
    return min(v) if v else None


def sql_max(rows, col):
    v = values(rows, col)
    return max(v) if v else None


def avg_int(rows, col):
    v = values(rows, col)
    if not v:
        return None
    s, c = sum(v), len(v)
    q = abs(s) // c
    return q if s >= 0 else -q


def java_mod(a, b):
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


# ---------------------------------------------------------------------------------------------
# Input


def read_input(case):
    """The JSON objects of input.jsonl; lines that are not JSON come back as None."""
    rows = []
    with open(os.path.join(HERE, case, "input.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    rows.append(json.loads(line, parse_float=Decimal,
                                           object_pairs_hook=OrderedDict))
                except ValueError:
                    rows.append(None)
    return rows


def ts_of(col="ts"):
    return lambda r: parse_ts(r[col])


def ms_of(col):
    return lambda r: r[col]


def win(w):
    return [("window_start", Ts(w[0])), ("window_end", Ts(w[1]))]


# ---------------------------------------------------------------------------------------------
# The cases. Each returns (output rows as lists of (name, value) pairs, late rows, metrics or
# None). Late rows are input rows (dicts), written back as the original JSON lines.

CASES = OrderedDict()


def case(fn):
    CASES[fn.__name__] = fn
    return fn


@case
def tumble_tvf_sensor_stats(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("readings", count(rs)), ("total", sql_sum(rs, "temperature")),
            ("min_temp", sql_min(rs, "temperature")), ("max_temp", sql_max(rs, "temperature"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def tumble_legacy_avg_truncation(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("readings", count(rs)), ("avg_temp", avg_int(rs, "temperature")),
            ("total", sql_sum(rs, "temperature"))])
    return out, late, None


@case
def hop_tvf_slide3_size10(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(3 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["page"]).items():
        out.append([("page", k)] + win(w) + [("clicks", count(rs))])
    return out, late, {"lateRows": 0}


@case
def hop_tvf_named_args_slide4_size10(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(4 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["store"]).items():
        out.append([("store", k)] + win(w) + [
            ("orders", count(rs)), ("revenue", sql_sum(rs, "amount"))])
    return out, late, {"lateRows": 0}


@case
def hop_legacy_slide5_size10(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(5 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["device"]).items():
        out.append([("device", k)] + win(w) + [
            ("events", count(rs)), ("total_bytes", sql_sum(rs, "bytes")),
            ("max_bytes", sql_max(rs, "bytes"))])
    return out, late, None


@case
def tumble_out_of_order_within_delay(rows):
    a, late = window_assign(rows, ts_of(), 3 * SECOND, tumble(5 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["customer"]).items():
        out.append([("customer", k)] + win(w) + [
            ("orders", count(rs)), ("items", sql_sum(rs, "items"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def tumble_late_rows_to_side_output(rows):
    a, late = window_assign(rows, ts_of(), 1 * SECOND, tumble(5 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["url"]).items():
        out.append([("url", k)] + win(w) + [("views", count(rs))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def tumble_late_rows_filtered_by_where(rows):
    a, late = window_assign(rows, ts_of(), 1 * SECOND, tumble(5 * SECOND),
                            where=lambda r: r["log_level"] == "ERROR")
    out = []
    for (k, w), rs in group(a, lambda r: r["service"]).items():
        out.append([("service", k)] + win(w) + [("errors", count(rs))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def hop_legacy_slide3_size10_partially_late(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(3 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("readings", count(rs)), ("max_temp", sql_max(rs, "temperature"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def hop_tvf_slide2_size10_partially_late(rows):
    a, late = window_assign(rows, ts_of(), 1 * SECOND, hop(2 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("readings", count(rs)), ("min_temp", sql_min(rs, "temperature"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def tumble_exact_watermark_boundary(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["meter"]).items():
        out.append([("meter", k)] + win(w) + [
            ("readings", count(rs)), ("kwh", sql_sum(rs, "kwh"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def many_keys_clicks(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(5 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: (r["user_id"], r["device"])).items():
        out.append([("user_id", k[0]), ("device", k[1])] + win(w) + [
            ("clicks", count(rs)),
            ("last_click", Ts(max(parse_ts(r["ts"]) for r in rs)))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def null_keys_and_values(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r.get("sensor_id")).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("all_rows", count(rs)), ("temp_count", count(rs, "temperature")),
            ("temp_sum", sql_sum(rs, "temperature")), ("temp_min", sql_min(rs, "temperature")),
            ("temp_max", sql_max(rs, "temperature")), ("temp_avg", avg_int(rs, "temperature")),
            ("humidity_count", count(rs, "humidity"))])
    return out, late, None


@case
def hop_count_distinct_visitors(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(5 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["page"]).items():
        out.append([("page", k)] + win(w) + [
            ("views", count(rs)), ("visitors", count_distinct(rs, "user_id")),
            ("identified_views", count(rs, "user_id"))])
    return out, late, None


@case
def having_busy_sensors(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        if count(rs) >= 3 and sql_max(rs, "temperature") > 25:
            out.append([("sensor_id", k)] + win(w) + [
                ("readings", count(rs)), ("max_temp", sql_max(rs, "temperature"))])
    return out, late, None


@case
def nested_query_filter_on_aggregate(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(5 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["machine"]).items():
        readings, hi, lo = count(rs), sql_max(rs, "temperature"), sql_min(rs, "temperature")
        if readings > 1 and hi >= 25:
            out.append([("machine", k)] + win(w) + [
                ("readings", readings), ("temp_range", hi - lo)])
    return out, late, None


@case
def view_of_window_aggregate(rows):
    a, late = window_assign(rows, ts_of(), 5 * SECOND, tumble(1 * MINUTE))
    out = []
    for (k, w), rs in group(a, lambda r: r["page"]).items():
        clicks, users = count(rs), count_distinct(rs, "user_id")
        if users >= 2:
            out.append([("page", k), ("window_start", Ts(w[0])), ("clicks", clicks),
                        ("users", users), ("repeat_clicks", clicks - users)])
    return out, late, None


@case
def view_over_source_then_tumble(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND),
                            where=lambda r: r["status"] == "ok" and r["amount_cents"] > 0)
    out = []
    for (k, w), rs in group(a, lambda r: r["merchant"]).items():
        out.append([("merchant", k)] + win(w) + [
            ("payments", count(rs)), ("total_cents", sql_sum(rs, "amount_cents"))])
    return out, late, None


@case
def case_and_arithmetic_around_aggregation(rows):
    def size_class(r):
        gross = r["price_cents"] * r["qty"]
        return "big" if gross >= 5000 else "mid" if gross >= 1000 else "low"

    enriched = []
    for r in rows:
        e = OrderedDict(r)
        e["size_class"] = size_class(r)
        e["line_total"] = r["price_cents"] * r["qty"] - r["discount_cents"]
        enriched.append(e)
    a, late = window_assign(enriched, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["size_class"]).items():
        revenue = sql_sum(rs, "line_total")
        out.append([("size_class", k)] + win(w) + [
            ("orders", count(rs)), ("revenue", revenue),
            ("tier", "gold" if revenue >= 8000 else "base"),
            ("score", revenue * 2 + count(rs)), ("remainder", java_mod(revenue, 1000))])
    return out, late, None


@case
def computed_ltz_rowtime_tumble(rows):
    a, late = window_assign(rows, ms_of("ts_ms"), 2 * SECOND, tumble(5 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["symbol"]).items():
        out.append([("symbol", k)] + win(w) + [
            ("trades", count(rs)), ("volume", sql_sum(rs, "volume"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def ltz_passthrough_projection(rows):
    out = []
    for r in rows:
        if r["price_cents"] > 100:
            out.append([("symbol", r["symbol"]), ("ts", Ltz(r["ts_ms"])),
                        ("price_cents", r["price_cents"])])
    return out, [], {"rowsIn": len(rows), "lateRows": 0}


@case
def decimal_order_totals(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["shop"]).items():
        out.append([("shop", k)] + win(w) + [
            ("orders", count(rs)), ("total", sql_sum(rs, "amount")),
            ("smallest", sql_min(rs, "amount")), ("largest", sql_max(rs, "amount"))])
    return out, late, None


@case
def min_max_strings(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["room"]).items():
        first, last = sql_min(rs, "visitor"), sql_max(rs, "visitor")
        out.append([("room", k)] + win(w) + [
            ("visits", count(rs)), ("first_name", first), ("last_name", last),
            ("last_upper", None if last is None else last.upper()),
            ("first_or_none", "none" if first is None else first)])
    return out, late, None


@case
def passthrough_scalar_functions(rows):
    out = []
    for r in rows:
        if r["code"] == 0:
            continue
        name, delta, code = r["user_name"], r["delta"], r["code"]
        out.append([
            ("user_upper", name.upper()), ("name_length", len(name)),
            ("country", r["country"] if r["country"] is not None else "unknown"),
            ("magnitude", abs(delta)), ("bucket", java_mod(code, 7)),
            ("tag", name[:3] + "-" + str(code)),
            ("direction", "down" if delta < 0 else "rise" if delta > 0 else "flat"),
            ("ts", Ts(parse_ts(r["ts"])))])
    return out, [], {"rowsIn": len(rows), "lateRows": 0}


@case
def pre_1970_timestamps(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["station"]).items():
        out.append([("station", k)] + win(w) + [
            ("readings", count(rs)), ("level_sum", sql_sum(rs, "water_level"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def filtered_row_advances_watermark(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, tumble(10 * SECOND),
                            where=lambda r: r["log_level"] == "ERROR")
    out = []
    for (k, w), rs in group(a, lambda r: r["device"]).items():
        out.append([("device", k)] + win(w) + [("errors", count(rs))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def hop_legacy_region_store_units(rows):
    """HOP(10 s, 30 s), legacy syntax, two grouping columns, counts and sums per store."""
    a, late = window_assign(rows, ts_of(), 5 * SECOND, hop(10 * SECOND, 30 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: (r["region"], r["store"])).items():
        out.append([("region", k[0]), ("store", k[1])] + win(w) + [
            ("sales", count(rs)), ("units", sql_sum(rs, "units"))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


@case
def malformed_rows_skipped(rows):
    # Lines that are not JSON are skipped; a value of the wrong type becomes NULL.
    good = []
    for r in rows:
        if r is not None:
            if not isinstance(r.get("temperature"), int):
                r["temperature"] = None
            good.append(r)
    a, late = window_assign(good, ts_of(), 2 * SECOND, tumble(10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["sensor_id"]).items():
        out.append([("sensor_id", k)] + win(w) + [
            ("readings", count(rs)), ("total", sql_sum(rs, "temperature"))])
    return out, late, {"malformedRows": len(rows) - len(good), "lateRows": len(late)}


@case
def ltz_rowtime_hop_avg_bigint(rows):
    a, late = window_assign(rows, ms_of("ts_ms"), 2 * SECOND, hop(2 * SECOND, 6 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["account"]).items():
        out.append([("account", k)] + win(w) + [
            ("transfers", count(rs)), ("net", sql_sum(rs, "delta")),
            ("avg_delta", avg_int(rs, "delta"))])
    return out, late, {"lateRows": len(late)}


@case
def passthrough_timestamp_arithmetic(rows):
    lo, hi = parse_ts("2024-01-01 00:00:05"), parse_ts("2024-01-01 23:30:00")
    out = []
    for r in rows:
        t = parse_ts(r["ts"])
        if lo <= t < hi:
            minute = (EPOCH + datetime.timedelta(milliseconds=t)).minute
            out.append([("event_id", r["event_id"]), ("ts", Ts(t)),
                        ("ts_next_hour", Ts(t + 60 * MINUTE)), ("ts_earlier", Ts(t - 90 * SECOND)),
                        ("minute_of_hour", minute)])
    return out, [], None


# ---------------------------------------------------------------------------------------------
# User functions of examples-sql/udf (weir-examples), mirrored in Python with the same floating-
# point operations in the same order, so the results are the same doubles.


def java_round(x):
    """Java's Math.round: floor(x + 0.5)."""
    import math
    return int(math.floor(x + 0.5))


def to_fahrenheit(c):
    return c * 9 / 5 + 32


def fval(v):
    return None if v is None else float(v)


@case
def udf_scalar_fahrenheit(rows):
    out = []
    for r in rows:
        c = fval(r["celsius"])
        if not (c is None or to_fahrenheit(c) > 32):
            continue
        f = None if c is None else to_fahrenheit(c)
        label = None if c is None else str(java_round(to_fahrenheit(c))) + "F"
        out.append([("sensor", r["sensor"]), ("celsius", c), ("fahrenheit", f), ("label", label)])
    return out, [], {"rowsIn": len(rows)}


@case
def udf_aggregate_weighted_mean_hop(rows):
    a, late = window_assign(rows, ts_of(), 1 * SECOND, hop(5 * SECOND, 10 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["item"]).items():
        num = 0.0
        den = 0.0
        for r in rs:
            p, q = fval(r["price"]), fval(r["qty"])
            if p is None or q is None:
                continue  # a NULL for the record's primitive component skips the row
            num += p * q
            den += q
        out.append([("item", k)] + win(w) + [("trades", count(rs)),
                                              ("avg_price", None if den == 0 else num / den)])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


def trend(rs):
    pts = sorted(((parse_ts(r["ts"]), fval(r["v"])) for r in rs), key=lambda p: p[0])
    n = len(pts)
    t0 = pts[0][0]
    sx = sy = sxy = sxx = 0.0
    for t, v in pts:
        x = (t - t0) / 1000.0
        sx += x
        sy += v
        sxy += x * v
        sxx += x * x
    d = n * sxx - sx * sx
    return 0.0 if d == 0 else (n * sxy - sx * sy) / d


@case
def udf_window_trend_hop(rows):
    a, late = window_assign(rows, ts_of(), 2 * SECOND, hop(2 * SECOND, 6 * SECOND))
    out = []
    for (k, w), rs in group(a, lambda r: r["tank"]).items():
        out.append([("tank", k)] + win(w) + [("readings", count(rs)), ("slope", trend(rs))])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


def risk_score(amount, country):
    r = min(1.0, amount / 1000) + (0.5 if country in ("XX", "ZZ") else 0)
    return min(1.0, r)


@case
def udf_model_risk_tumble(rows):
    risky = lambda r: risk_score(fval(r["amount"]), r["country"]) >= 0.5
    a, late = window_assign(rows, ts_of(), 1 * SECOND, tumble(10 * SECOND), where=risky)
    out = []
    for (k, w), rs in group(a, lambda r: r["country"]).items():
        top = max(risk_score(fval(r["amount"]), r["country"]) for r in rs)
        out.append([("country", k)] + win(w) + [("risky_payments", count(rs)), ("top_risk", top)])
    return out, late, {"rowsIn": len(rows), "lateRows": len(late)}


# ---------------------------------------------------------------------------------------------
# Driver

# Cases whose query.sql routes late rows to a file ('late-data.path'): they get an
# expected-late.jsonl holding the late input rows.
LATE_FILE_CASES = {"tumble_late_rows_to_side_output", "hop_legacy_slide3_size10_partially_late",
                   "tumble_late_rows_filtered_by_where"}


def expected_files(name):
    rows = read_input(name)
    out, late, metrics = CASES[name](rows)
    files = {"expected.jsonl": "".join(json_line(r) + "\n" for r in out)}
    if name in LATE_FILE_CASES:
        files["expected-late.jsonl"] = "".join(
            json_line(list(r.items())) + "\n" for r in late)
    if metrics is not None:
        files["expected-metrics.json"] = json.dumps(metrics) + "\n"
    return files


def canonical(text):
    """Multiset of parsed JSON lines, numbers by value."""

    def norm(v):
        if isinstance(v, dict):
            return tuple(sorted((k, norm(x)) for k, x in v.items()))
        if isinstance(v, list):
            return tuple(norm(x) for x in v)
        if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
            return ("num", Decimal(v).normalize())
        return v

    lines = [l for l in text.splitlines() if l.strip()]
    return sorted((norm(json.loads(l, parse_float=Decimal)) for l in lines), key=repr)


def main(argv):
    write = "--write" in argv
    names = [a for a in argv if not a.startswith("--")] or list(CASES)
    failures = 0
    for name in names:
        for fname, content in expected_files(name).items():
            path = os.path.join(HERE, name, fname)
            if write:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
                continue
            if not os.path.exists(path):
                print("%s: %s is missing" % (name, fname))
                failures += 1
                continue
            with open(path, encoding="utf-8") as f:
                actual = f.read()
            same = (json.loads(actual) == json.loads(content)) if fname.endswith(".json") \
                else canonical(actual) == canonical(content)
            if not same:
                failures += 1
                print("%s: %s differs from the reference:\n--- file\n%s--- reference\n%s"
                      % (name, fname, actual, content))
    folders = sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d))
                     and os.path.exists(os.path.join(HERE, d, "expected.jsonl")))
    unknown = [d for d in folders if d not in CASES]
    if unknown and not write:
        print("cases without a reference function: %s" % ", ".join(unknown))
    print("%s %d case(s)%s" % ("wrote" if write else "checked", len(names),
                               "" if write else ", %d difference(s)" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
