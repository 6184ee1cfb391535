#!/usr/bin/env python3
"""Reliability of qcweave's confidence: is a record at confidence c right about c of the time?

Imported by scripts/eval.py (make eval); also a command for the Go test that
holds the calibration floor:

    python3 scripts/reliability.py --scorer SCORE.py GOLD.json PRED.json [GOLD.json PRED.json ...]

prints one JSON object over all the pairs: {"records": [[section, confidence, confirmed], ...],
"fields": [[field, confidence, confirmed], ...]}.

A predicted record (counts, centers, coverage, activities) is *confirmed*
when the scorer matches it to a record of the key, *not confirmed* when the
scorer counts it spurious; a record the scorer drops (it matches an
`optional` record of the key, or is a second form of a matched activity) is
left out. A document field the prediction gives (not null) is confirmed when
the scorer's comparison gives it full marks. The matching is the scorer's
own (its key functions and greedy one-to-one matching), imported, never
copied.
"""
import argparse
import importlib.util
import json
import sys

LIST_SECTIONS = ["counts", "centers", "coverage", "activities"]

# The bins of the table: lower bounds, each bin up to the next bound.
BINS = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95]


def load_scorer(path):
    """Import the scorer at path as a module."""
    spec = importlib.util.spec_from_file_location("qcweave_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def conf_of(rec):
    try:
        return float(rec.get("confidence") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def list_outcomes(sc, name, gold, pred, ctx):
    """(confidence, confirmed) of every scored prediction of one section."""
    sec = sc.SECTIONS[name]
    golds = [r for r in gold.get(name) or [] if isinstance(r, dict)]
    preds = [r for r in pred.get(name) or [] if isinstance(r, dict)]
    optional = [r for r in ((gold.get("optional") or {}).get(name) or []) if isinstance(r, dict)]
    gm, pm = sc.greedy(golds, preds, sec.key, ctx, sec)
    out = []
    for j, p in enumerate(preds):
        if j in pm:
            out.append((conf_of(p), True))
            continue
        if any(sec.key(o, p, ctx) > 0 for o in optional):
            continue  # optional: neither right nor wrong
        if name == "activities" and absorbed_activity(sc, golds, preds, gm, p, ctx):
            continue
        out.append((conf_of(p), False))
    return out


def absorbed_activity(sc, golds, preds, gm, p, ctx):
    """The scorer's rule: the same event under an alternative center or segmentation."""
    for i, g in enumerate(golds):
        if i not in gm:
            continue
        s, rep = sc.activity_key_detail(g, p, ctx)
        _, rep_m = sc.activity_key_detail(g, preds[gm[i]], ctx)
        if s > 0 and rep != rep_m:
            return True
    return False


def field_outcomes(sc, gold, pred):
    """(field, confidence, confirmed) of every document field the prediction gives."""
    g = gold.get("document") or {}
    p = pred.get("document") if isinstance(pred.get("document"), dict) else {}
    prov = p.get("fields") if isinstance(p.get("fields"), dict) else {}
    galt = g.get("alt") or {}
    out = []
    for k in sc.DOC_FIELDS:
        pv = p.get(k)
        if sc.is_null(pv):
            continue
        options = [g.get(k)] + list(galt.get(k) or [])
        ok = max(sc.DOC_CMP[k](x, pv) for x in options) >= 1.0
        fe = prov.get(k) if isinstance(prov.get(k), dict) else {}
        out.append((k, conf_of(fe), ok))
    return out


def outcomes(sc, gold, pred):
    """Records and fields of one prediction with their confidence and whether the key confirms them."""
    if not isinstance(pred, dict):
        pred = {}
    ctx = {"province": (gold.get("document") or {}).get("province"),
           "gold_centers": [r for r in (gold.get("centers") or []) + ((gold.get("optional") or {}).get("centers") or [])
                            if isinstance(r, dict)]}
    recs = []
    for name in LIST_SECTIONS:
        recs += [(name, c, ok) for c, ok in list_outcomes(sc, name, gold, pred, ctx)]
    return {"records": recs, "fields": field_outcomes(sc, gold, pred)}


def bin_of(c):
    i = 0
    for k, lo in enumerate(BINS):
        if c >= lo:
            i = k
    return i


def bin_label(i):
    lo = BINS[i]
    hi = BINS[i + 1] if i + 1 < len(BINS) else None
    if i == 0:
        return f"<{hi:.2f}"
    return f"{lo:.2f}-{hi:.2f}" if hi is not None else f">={lo:.2f}"


def table(items, title):
    """The reliability table of items [(label, confidence, confirmed)] as text lines."""
    n = [0] * len(BINS)
    ok = [0] * len(BINS)
    per = {}
    for label, c, good in items:
        b = bin_of(c)
        n[b] += 1
        ok[b] += bool(good)
        s = per.setdefault(label, [[0] * len(BINS), [0] * len(BINS)])
        s[0][b] += 1
        s[1][b] += bool(good)
    lines = [f"reliability of {title} (confirmed by the key, per confidence bin)",
             f"  {'confidence':<11} {'n':>5} {'confirmed':>9}  " + "  ".join(f"{k[:10]:>10}" for k in sorted(per))]
    for i in range(len(BINS)):
        share = f"{ok[i] / n[i]:.3f}" if n[i] else "-"
        cells = []
        for k in sorted(per):
            m, g = per[k][0][i], per[k][1][i]
            cells.append(f"{g:>4}/{m:<5}" if m else f"{'-':>10}")
        lines.append(f"  {bin_label(i):<11} {n[i]:>5} {share:>9}  " + "  ".join(cells))
    hi = [(c, g) for _, c, g in items if c >= 0.9]
    if hi:
        lines.append(f"  confidence >= 0.90: {sum(g for _, g in hi)}/{len(hi)} confirmed "
                     f"({sum(g for _, g in hi) / len(hi):.3f})")
    return lines


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorer", required=True)
    ap.add_argument("files", nargs="+", help="GOLD.json PRED.json pairs")
    a = ap.parse_args(argv[1:])
    if len(a.files) % 2:
        ap.error("want pairs of GOLD.json PRED.json")
    sc = load_scorer(a.scorer)
    res = {"records": [], "fields": []}
    for i in range(0, len(a.files), 2):
        with open(a.files[i], encoding="utf-8-sig") as f:
            gold = json.load(f)
        with open(a.files[i + 1], encoding="utf-8-sig") as f:
            pred = json.load(f)
        out = outcomes(sc, gold, pred)
        res["records"] += [list(x) for x in out["records"]]
        res["fields"] += [list(x) for x in out["fields"]]
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
