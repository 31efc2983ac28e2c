#!/usr/bin/env python3
"""The whole pipeline in the Python reference a user would pick instead of
cvlens, for `npm run bench -- pipeline`: raw transactions -> per-customer
summary -> BG/NBD and Gamma-Gamma fits -> P(alive), expected purchases and
CLV for every customer, with lifetimes (0.11.3) on pandas.

lifetimes is not a Debian package and PyPI is out of reach here, so the
benchmark puts its source on PYTHONPATH (see bench/pipeline.ts); pandas,
numpy, scipy, autograd and dill must be importable.

Usage: pipeline_lifetimes.py FILE FORMAT
  FORMAT 'cdnow': whitespace separated, a header line, then id, yyyymmdd, count, amount
  FORMAT 'csv':   the simulator's CSV: customer_id,date,amount,... (ISO dates)
Prints one JSON line: stage seconds, customers, fitted parameters, the sum of
CLV, and peak RSS in bytes (VmHWM; see peak_rss).

The same choices as the cvlens run it is compared with: time in weeks of 7
days (freq 'D' with freq_multiplier 7, as cvlens' days / 7), as of the last
day in the file, a 12-month CLV at a monthly discount rate of 0.1 / 12
(lifetimes' customer_lifetime_value discounts month by month).
"""
import json
import resource
import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data


def peak_rss():
    """Peak RSS in bytes: Linux's VmHWM (this program's high-water mark since
    exec). ru_maxrss is inherited through fork from the process that started
    this one (the Node bench), so it said the parent's size, not ours."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def read(path, fmt):
    if fmt == "cdnow":
        df = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "date", "count", "amount"], dtype={"id": str, "date": str})
        df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    else:
        df = pd.read_csv(path, usecols=["customer_id", "date", "amount"], dtype={"customer_id": str, "date": str})
        df = df.rename(columns={"customer_id": "id"})
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df[["id", "date", "amount"]]


def main(path, fmt):
    c0 = time.process_time()
    t0 = time.perf_counter()
    df = read(path, fmt)
    t1 = time.perf_counter()
    summary = summary_data_from_transaction_data(
        df, "id", "date", monetary_value_col="amount", observation_period_end=df["date"].max(), freq="D", freq_multiplier=7
    )
    t2 = time.perf_counter()
    bg = BetaGeoFitter()
    bg.fit(summary["frequency"], summary["recency"], summary["T"])
    t3 = time.perf_counter()
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter()
    gg.fit(repeat["frequency"], repeat["monetary_value"])
    t4 = time.perf_counter()
    p_alive = bg.conditional_probability_alive(summary["frequency"], summary["recency"], summary["T"])
    expected = bg.conditional_expected_number_of_purchases_up_to_time(365 / 7, summary["frequency"], summary["recency"], summary["T"])
    clv = gg.customer_lifetime_value(
        bg, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"], time=12, freq="D", discount_rate=0.1 / 12
    )
    t5 = time.perf_counter()
    print(
        json.dumps(
            {
                "customers": int(len(summary)),
                "rows": int(len(df)),
                "read": t1 - t0,
                "summarise": t2 - t1,
                "bgnbd": t3 - t2,
                "gg": t4 - t3,
                "score": t5 - t4,
                "total": t5 - t0,
                "cpu": time.process_time() - c0,
                "params": {k: float(v) for k, v in bg.params_.items()},
                "meanPAlive": float(p_alive.mean()),
                "sumExpected": float(expected.sum()),
                "sumClv": float(clv.sum()),
                "peakRss": peak_rss(),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
