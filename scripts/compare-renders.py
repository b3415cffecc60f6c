#!/usr/bin/env python3
"""Differential test for refactors: `BIN render` of an OLD and a NEW function-serverless binary must be
byte-identical (DEVELOPMENT.md, "A refactor").

Usage:
    scripts/py scripts/compare-renders.py --old OLD_BIN --new NEW_BIN [--count N] [--seed S] [--jobs J] [--out DIR]

Phase 1 renders every golden case (Tests/ServerlessCompositionTests/Golden/<group>/<case>/ with xr.yaml and
optional input.yaml, observed.yaml, composition.yaml) and every example XR (examples/*/*.yaml whose top-level
kind is App or Cluster, once per composition*.yaml in its folder). Phase 2 renders N mutated golden XRs
(seeded, reproducible: mutated case i depends only on the seed and i). stdout, stderr and the exit code of
both binaries are compared exactly (for phase 2 the temp XR path is replaced by a placeholder first).

Exit status: 0 when every answer is identical, 1 when anything differs, 2 on a usage error.
Python 3 stdlib + PyYAML.
"""

import argparse
import copy
import difflib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import yaml

TIMEOUT_S = 20
PRINT_LIMIT = 30
DIFF_LINES = 40
XR_PLACEHOLDER = b"<MUTATED-XR>"
OUT_MARKER = ".compare-renders-out"

# ---------------------------------------------------------------------------------------------------------
# Case discovery


class Case:
    """One render: an XR file plus optional files, rendered identically by both binaries."""

    def __init__(self, label, xr, inp=None, observed=None, composition=None, xr_text=None, mutations=None):
        self.label = label  # e.g. "golden/app/basic", "example/app/app-canary.yaml+composition.yaml", "mutated/00017"
        self.xr = xr  # path of the XR file the binaries read
        self.input = inp
        self.observed = observed
        self.composition = composition
        self.xr_text = xr_text  # phase 2: the mutated XR (written to a temp file before rendering)
        self.mutations = mutations or []

    def args(self, xr_path):
        a = ["render", xr_path]
        if self.input:
            a += ["--input", self.input]
        if self.observed:
            a += ["--observed", self.observed]
        if self.composition:
            a += ["--composition", self.composition]
        a.append("--include-function-results")
        return a


def golden_cases(root):
    base = os.path.join(root, "Tests", "ServerlessCompositionTests", "Golden")
    cases = []
    for group in sorted(os.listdir(base)):
        gdir = os.path.join(base, group)
        if not os.path.isdir(gdir):
            continue
        for name in sorted(os.listdir(gdir)):
            d = os.path.join(gdir, name)
            xr = os.path.join(d, "xr.yaml")
            if not os.path.isfile(xr):
                continue

            def opt(f):
                p = os.path.join(d, f)
                return p if os.path.isfile(p) else None

            cases.append(Case("golden/%s/%s" % (group, name), xr, opt("input.yaml"), opt("observed.yaml"),
                              opt("composition.yaml")))
    return cases


def top_level_kind(path):
    try:
        with open(path) as f:
            docs = [d for d in yaml.safe_load_all(f) if d is not None]
    except yaml.YAMLError:
        return None
    if len(docs) == 1 and isinstance(docs[0], dict):
        return docs[0].get("kind")
    return None


def example_cases(root):
    base = os.path.join(root, "examples")
    cases = []
    for folder in sorted(os.listdir(base)):
        d = os.path.join(base, folder)
        if not os.path.isdir(d):
            continue
        files = sorted(f for f in os.listdir(d) if f.endswith(".yaml") and os.path.isfile(os.path.join(d, f)))
        compositions = [f for f in files if f.startswith("composition")]
        for f in files:
            if top_level_kind(os.path.join(d, f)) not in ("App", "Cluster"):
                continue
            for c in compositions:
                cases.append(Case("example/%s/%s+%s" % (folder, f, c), os.path.join(d, f),
                                  composition=os.path.join(d, c)))
    return cases


# ---------------------------------------------------------------------------------------------------------
# Mutation

WRONG_TYPES = ["x", 7, 1.5, -1, 0, True, None, [], {}, [1], {"a": 1}]
PLAUSIBLE_STRINGS = ["0", "gateway-api", "none", "ingress", "90s", "0s", "1h", "abc", "UPPER",
                     "10m", "-1", "1.5", "true", "a-team", " ", "0 8 * * 1-5"]
BIG_NUMBERS = [2 ** 31, 2 ** 53 + 1, 2 ** 63, 2 ** 64, 10 ** 12, 1e30, -2 ** 63 - 1]
LONG_LENGTHS = [64, 254, 1000, 10000]


def long_string(rng):
    n = rng.choice(LONG_LENGTHS)
    return rng.choice(["a", "x-", "A", "9"]) * n if n < 100 else ("abc-" * n)[:n]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def walk(node, path, out):
    """Every (path, value) under node, path being a tuple of keys / list indices."""
    if isinstance(node, dict):
        for k, v in node.items():
            p = path + (k,)
            out.append((p, v))
            walk(v, p, out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            p = path + (i,)
            out.append((p, v))
            walk(v, p, out)


def object_nodes(node, path, out):
    if isinstance(node, dict):
        out.append(path)
        for k, v in node.items():
            object_nodes(v, path + (k,), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            object_nodes(v, path + (i,), out)


def get(doc, path):
    for k in path:
        doc = doc[k]
    return doc


def fmt_path(path):
    s = ""
    for k in path:
        s += "[%d]" % k if isinstance(k, int) and not isinstance(k, bool) else (("." if s else "") + str(k))
    return s


def short(v):
    r = repr(v)
    return r if len(r) <= 60 else r[:40] + "...(%d chars)" % len(r)


class Pools:
    """Keys and scalar values seen anywhere in the golden XRs."""

    def __init__(self, docs):
        keys, scalars = set(), []
        seen = set()

        def visit(n):
            if isinstance(n, dict):
                for k, v in n.items():
                    keys.add(k)
                    visit(v)
            elif isinstance(n, list):
                for v in n:
                    visit(v)
            else:
                key = (type(n).__name__, repr(n))
                if key not in seen:
                    seen.add(key)
                    scalars.append(n)

        for d in docs:
            visit(d)
        self.keys = sorted(keys, key=str)
        self.scalars = scalars


def random_value(rng, pools):
    kind = rng.randrange(7)
    if kind == 0:
        return copy.deepcopy(rng.choice(WRONG_TYPES))
    if kind == 1:
        return ""
    if kind == 2:
        return long_string(rng)
    if kind == 3:
        return rng.choice(PLAUSIBLE_STRINGS)
    if kind == 4:
        return rng.choice(BIG_NUMBERS + [1, 2, 100])
    # a value some golden XR uses somewhere (more likely to pass type checks and reach deeper rules)
    return copy.deepcopy(rng.choice(pools.scalars)) if pools.scalars else "x"


def mutate_once(doc, rng, pools):
    """Apply one mutation in place; return its description (or None when nothing could be mutated)."""
    roots = [r for r in ("spec", "metadata") if r in doc]
    if rng.random() < 0.3:
        nodes = []
        for r in roots:
            object_nodes(doc[r], (r,), nodes)
        if nodes:
            at = rng.choice(nodes)
            key = rng.choice(pools.keys)
            val = random_value(rng, pools)
            get(doc, at)[key] = val
            return "insert %s = %s" % (fmt_path(at + (key,)), short(val))
    paths = []
    for r in roots:
        walk(doc[r], (r,), paths)
    if not paths:
        return None
    path, value = rng.choice(paths)
    parent, key = get(doc, path[:-1]), path[-1]

    ops = ["delete", "wrong-type", "empty-string", "long-string"]
    if is_number(value):
        ops += ["plus-one", "minus-one", "big-number"]
    if isinstance(value, str):
        ops += ["plausible-string", "plausible-string"]
    if isinstance(value, list) and value:
        ops += ["drop-item", "duplicate-item", "empty-list"]
    op = rng.choice(ops)

    if op == "delete":
        del parent[key]
        return "delete %s" % fmt_path(path)
    if op == "wrong-type":
        new = copy.deepcopy(rng.choice([w for w in WRONG_TYPES if not (type(w) is type(value) and w == value)]))
    elif op == "empty-string":
        new = ""
    elif op == "long-string":
        new = long_string(rng)
    elif op == "plus-one":
        new = value + 1
    elif op == "minus-one":
        new = value - 1
    elif op == "big-number":
        new = rng.choice(BIG_NUMBERS)
    elif op == "plausible-string":
        new = rng.choice([s for s in PLAUSIBLE_STRINGS if s != value])
    elif op == "empty-list":
        new = []
    elif op in ("drop-item", "duplicate-item"):
        new = list(value)
        i = rng.randrange(len(new))
        if op == "drop-item":
            del new[i]
        else:
            new.insert(i, copy.deepcopy(new[i]))
        parent[key] = new
        return "%s %s[%d]" % (op, fmt_path(path), i)
    else:
        raise AssertionError(op)
    parent[key] = new
    return "%s %s: %s -> %s" % (op, fmt_path(path), short(value), short(new))


def mutated_cases(goldens, originals, pools, count, seed):
    cases = []
    for i in range(count):
        rng = random.Random("%s/%d" % (seed, i))
        base = rng.choice(goldens)
        doc = copy.deepcopy(originals[base.label])
        muts = []
        if isinstance(doc, dict):
            for _ in range(rng.randint(1, 3)):
                m = mutate_once(doc, rng, pools)
                if m:
                    muts.append(m)
        text = yaml.safe_dump(doc, sort_keys=False, default_flow_style=False, allow_unicode=True)
        cases.append(Case("mutated/%05d(%s)" % (i, base.label[len("golden/"):]), None, base.input, base.observed,
                          base.composition, xr_text=text, mutations=muts))
    return cases


# ---------------------------------------------------------------------------------------------------------
# Running


class Result:
    def __init__(self, rc, out, err, seconds):
        self.rc = rc  # int, or "timeout"
        self.out = out
        self.err = err
        self.seconds = seconds

    def key(self):
        return (self.rc, self.out, self.err)


def run(binary, args, placeholder_for=None):
    t0 = time.monotonic()
    try:
        p = subprocess.run([binary] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
    if placeholder_for:
        b = placeholder_for.encode()
        out, err = out.replace(b, XR_PLACEHOLDER), err.replace(b, XR_PLACEHOLDER)
    return Result(rc, out, err, time.monotonic() - t0)


def render_pair(case, old, new, tmpdir):
    if case.xr_text is not None:
        # One temp file, read by both binaries; its path is replaced in both outputs.
        fd, path = tempfile.mkstemp(prefix="xr-", suffix=".yaml", dir=tmpdir)
        with os.fdopen(fd, "w") as f:
            f.write(case.xr_text)
        try:
            args = case.args(path)
            return run(old, args, path), run(new, args, path)
        finally:
            os.unlink(path)
    args = case.args(case.xr)
    return run(old, args), run(new, args)


def as_text(r):
    lines = ["[exit] %s" % r.rc, "[stdout]"]
    lines += r.out.decode("utf-8", "replace").splitlines()
    lines.append("[stderr]")
    lines += r.err.decode("utf-8", "replace").splitlines()
    return lines


def unified(case, a, b):
    return list(difflib.unified_diff(as_text(a), as_text(b), "old", "new", lineterm="", n=2))


def safe_name(label):
    return "".join(c if c.isalnum() or c in "-_.+" else "_" for c in label)


def save_difference(out_dir, idx, case, a, b, diff):
    d = os.path.join(out_dir, "%04d-%s" % (idx, safe_name(case.label)))
    os.makedirs(d, exist_ok=True)
    xr_text = case.xr_text
    if xr_text is None:
        with open(case.xr) as f:
            xr_text = f.read()
    with open(os.path.join(d, "xr.yaml"), "w") as f:
        f.write(xr_text)
    with open(os.path.join(d, "case.txt"), "w") as f:
        f.write("label: %s\n" % case.label)
        f.write("args: %s\n" % " ".join(case.args(case.xr or "xr.yaml")))
        for m in case.mutations:
            f.write("mutation: %s\n" % m)
    for tag, r in (("old", a), ("new", b)):
        with open(os.path.join(d, tag + ".stdout"), "wb") as f:
            f.write(r.out)
        with open(os.path.join(d, tag + ".stderr"), "wb") as f:
            f.write(r.err)
        with open(os.path.join(d, tag + ".exit"), "w") as f:
            f.write("%s\n" % r.rc)
    with open(os.path.join(d, "diff.txt"), "w") as f:
        f.write("\n".join(diff) + "\n")
    return d


def prepare_out(out_dir):
    """Create DIR; clear only what an earlier run of this tool left there (it holds a marker file)."""
    if os.path.isdir(out_dir) and os.path.exists(os.path.join(out_dir, OUT_MARKER)):
        for name in os.listdir(out_dir):
            p = os.path.join(out_dir, name)
            if os.path.isdir(p) and name[:4].isdigit():
                shutil.rmtree(p)
            elif name in ("summary.txt", "mutated-index.tsv"):
                os.unlink(p)
    os.makedirs(out_dir, exist_ok=True)
    open(os.path.join(out_dir, OUT_MARKER), "w").close()


class Stats:
    def __init__(self):
        self.compared = self.identical = self.different = 0
        self.old_rc = {}
        self.new_rc = {}
        self.seconds = 0.0

    def add(self, a, b, same):
        self.compared += 1
        if same:
            self.identical += 1
        else:
            self.different += 1
        self.old_rc[a.rc] = self.old_rc.get(a.rc, 0) + 1
        self.new_rc[b.rc] = self.new_rc.get(b.rc, 0) + 1

    @staticmethod
    def rc_text(d):
        return ", ".join("exit %s: %d" % (k, d[k]) for k in sorted(d, key=str))


def run_phase(name, cases, args, tmpdir, report):
    stats = Stats()
    t0 = time.monotonic()
    lock = threading.Lock()
    done = [0]
    step = max(1, len(cases) // 10)

    def task(case):
        a, b = render_pair(case, args.old, args.new, tmpdir)
        with lock:
            done[0] += 1
            if len(cases) >= 50 and done[0] % step == 0:
                print("  %s: %d/%d (%.0fs)" % (name, done[0], len(cases), time.monotonic() - t0),
                      file=sys.stderr, flush=True)
        return case, a, b

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case, a, b in pool.map(task, cases):  # in order: output is reproducible
            same = a.key() == b.key()
            stats.add(a, b, same)
            report(case, a, b, same)
    stats.seconds = time.monotonic() - t0
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True, help="the reference binary")
    ap.add_argument("--new", required=True, help="the binary under test")
    ap.add_argument("--count", type=int, default=3000, help="mutated XRs in phase 2 (default 3000)")
    ap.add_argument("--seed", default="1", help="seed for phase 2 (default 1)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel cases (default 2)")
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "compare-renders"), help="where differences are saved")
    ap.add_argument(
        "--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))), help="the repository (golden cases, examples)"
    )
    args = ap.parse_args()

    for b in (args.old, args.new):
        if not (os.path.isfile(b) and os.access(b, os.X_OK)):
            ap.error("not an executable file: %s" % b)
    args.old, args.new = os.path.abspath(args.old), os.path.abspath(args.new)
    args.jobs = max(1, args.jobs)
    t_start = time.monotonic()

    goldens = golden_cases(args.root)
    examples = example_cases(args.root)
    originals = {}
    for c in goldens:
        with open(c.xr) as f:
            try:
                originals[c.label] = yaml.safe_load(f)
            except yaml.YAMLError:
                originals[c.label] = None
    mutable = [c for c in goldens if isinstance(originals[c.label], dict)]
    pools = Pools([originals[c.label] for c in mutable])
    mutated = mutated_cases(mutable, originals, pools, args.count, args.seed)

    prepare_out(args.out)
    tmpdir = tempfile.mkdtemp(prefix="compare-renders-")
    differences = []
    index_lines = ["case\told_exit\tnew_exit\tidentical\tmutations"]

    def report(case, a, b, same):
        if case.xr_text is not None:
            index_lines.append("%s\t%s\t%s\t%s\t%s" % (case.label, a.rc, b.rc, same, " | ".join(case.mutations)))
        if same:
            return
        diff = unified(case, a, b)
        saved = save_difference(args.out, len(differences) + 1, case, a, b, diff)
        differences.append(case.label)
        if len(differences) <= PRINT_LIMIT:
            print("\n=== DIFFERENT: %s  (saved in %s)" % (case.label, saved))
            for m in case.mutations:
                print("    mutation: %s" % m)
            for line in diff[:DIFF_LINES]:
                print("    " + line)
            if len(diff) > DIFF_LINES:
                print("    ... (%d more diff lines)" % (len(diff) - DIFF_LINES))

    print("old: %s\nnew: %s\nseed: %s, count: %d, jobs: %d" % (args.old, args.new, args.seed, args.count, args.jobs))
    print("phase 1: %d golden cases, %d example renders" % (len(goldens), len(examples)), flush=True)
    try:
        s1 = run_phase("phase 1", goldens + examples, args, tmpdir, report)
        print("phase 2: %d mutated XRs from %d golden cases" % (len(mutated), len(mutable)), flush=True)
        s2 = run_phase("phase 2", mutated, args, tmpdir, report)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    with open(os.path.join(args.out, "mutated-index.tsv"), "w") as f:
        f.write("\n".join(index_lines) + "\n")

    lines = ["", "SUMMARY"]
    for name, s in (("phase 1 (golden + examples)", s1), ("phase 2 (mutated)", s2)):
        lines.append("  %-28s compared %5d  identical %5d  different %5d  (%.1fs)"
                     % (name, s.compared, s.identical, s.different, s.seconds))
        lines.append("  %-28s old: %s | new: %s" % ("", Stats.rc_text(s.old_rc), Stats.rc_text(s.new_rc)))
    ok2 = s2.old_rc.get(0, 0)
    fatal2 = s2.old_rc.get(1, 0)
    other2 = s2.compared - ok2 - fatal2
    lines.append("  mutated renders (old binary): %d succeeded (exit 0), %d Fatal (exit 1), %d other%s"
                 % (ok2, fatal2, other2, " (crash/timeout!)" if other2 else ""))
    total = s1.compared + s2.compared
    diff_total = s1.different + s2.different
    lines.append("  TOTAL compared %d  identical %d  different %d  in %.1fs"
                 % (total, total - diff_total, diff_total, time.monotonic() - t_start))
    if diff_total > PRINT_LIMIT:
        lines.append("  (first %d differences printed; all %d saved in %s)" % (PRINT_LIMIT, diff_total, args.out))
    elif diff_total:
        lines.append("  (differences saved in %s)" % args.out)
    lines.append("  per-case exit codes of phase 2: %s" % os.path.join(args.out, "mutated-index.tsv"))
    print("\n".join(lines))
    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        f.write("\n".join(lines[1:]) + "\n")
        f.write("".join("different: %s\n" % d for d in differences))
    return 1 if diff_total else 0


if __name__ == "__main__":
    sys.exit(main())
