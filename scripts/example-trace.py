"""Writes examples/traces/office-hours.csv, the trace docs/simulate.md works through: one week (from
Monday 00:00 UTC) of an internal tool. On weekdays from 07:00 to 17:00 UTC (08:00-18:00 in Berlin in
winter) people open it in sessions, about ten an hour, each a handful of requests some seconds apart;
outside those hours a stray request about once an hour. The second column is each request's time in
the app, around 80 ms. Seeded: the same file every time.

usage: python3 scripts/example-trace.py > examples/traces/office-hours.csv
"""
import random

rng = random.Random(2019)
DAY = 86400
requests = []
for day in range(7):
    weekday = day < 5
    start = day * DAY
    # Stray requests, all day long.
    t = start
    while True:
        t += rng.expovariate(1 / 3600)
        if t >= start + DAY:
            break
        requests.append(t)
    if not weekday:
        continue
    t = start + 7 * 3600
    while True:
        t += rng.expovariate(10 / 3600)
        if t >= start + 17 * 3600:
            break
        s = t
        for _ in range(rng.randint(3, 25)):
            requests.append(s)
            s += rng.expovariate(1 / 8)

print("time,service")
for t in sorted(requests):
    print(f"{t:.3f},{rng.lognormvariate(-2.5, 0.4):.3f}")
