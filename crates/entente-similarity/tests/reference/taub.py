"""Reference for Kendall's tau-b: scipy.stats.kendalltau on the portfolios kappa.R wrote.
Usage: python3 taub.py PORTFOLIOS.csv OUT.csv"""
import csv
import sys
from collections import defaultdict

from scipy.stats import kendalltau

rows = defaultdict(list)
with open(sys.argv[1]) as f:
    for r in csv.reader(f):
        rows[int(float(r[0]))].append((int(float(r[1])), [float(v) for v in r[2:]]))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["year", "ccode1", "ccode2", "taub"])
    for y, states in rows.items():
        for i in range(len(states)):
            for j in range(i + 1, len(states)):
                t = kendalltau(states[i][1], states[j][1]).statistic
                w.writerow([y, states[i][0], states[j][0], repr(float(t))])
