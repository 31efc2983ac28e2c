#!/usr/bin/env python3
"""A Python baseline for the BG/NBD fit, written for cvlens' benchmark.

The Python reference library (lifetimes, BetaGeoFitter) cannot be installed
on the build machine (no PyPI), so this script fits BG/NBD the way that
library does: the per-customer log-likelihood of Fader, Hardie & Lee (2005)
with numpy and scipy.special.gammaln, every customer evaluated (no grouping of
identical rows), minimised with scipy's Nelder-Mead in log-parameter space
from all-ones. It is a stand-in for the reference's speed, not the
reference itself.

Reads CSV files with header x,t_x,T (one customer per line) named on the
command line and prints one JSON line per file:
{"file", "customers", "params": {r, alpha, a, b}, "logLikelihood", "seconds"}.
Needs Debian's python3-numpy and python3-scipy.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln


def negative_log_likelihood(log_params, x, t_x, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x), -np.inf)
    ll = a1 + a2 + np.logaddexp(a3, a4)
    return -ll.sum()


def fit(x, t_x, T):
    started = time.perf_counter()
    result = minimize(negative_log_likelihood, np.zeros(4), args=(x, t_x, T), method="Nelder-Mead",
                      options={"maxiter": 20000, "xatol": 1e-7, "fatol": 1e-7})
    seconds = time.perf_counter() - started
    r, alpha, a, b = np.exp(result.x)
    return {"params": {"r": r, "alpha": alpha, "a": a, "b": b}, "logLikelihood": -result.fun, "seconds": seconds,
            "converged": bool(result.success)}


def main(paths):
    for path in paths:
        data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
        out = fit(data[:, 0], data[:, 1], data[:, 2])
        out.update({"file": path, "customers": int(data.shape[0])})
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
