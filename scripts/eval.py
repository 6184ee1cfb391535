#!/usr/bin/env python3
"""make eval: score qcweave extract against every answer key it can find.

Extracts each text of SHARED/dev/docs and SHARED/seeds with bin/qcweave,
scores it with SHARED/eval/score.py against its key, and prints one line per
file: the score and the F1 of each scored section (the document section by
field accuracy), then the mean. Then extracts every PDF of SHARED/dev/pdf
(documents that are not about quality-control centers) and prints how many
records each yields, which should be none. Last, the reliability tables
(scripts/reliability.py): the predicted records, and the document fields
apart, binned by confidence, with the share of each bin that the key
confirms; confirmation should rise from bin to bin, and records at 0.9 or
more should be confirmed at least 0.97 of the time.

Then the probe block: the held-out texts of testdata/probe (docs/ and gold/,
written blind to the rules; see testdata/probe/README.md), scored the same
way, with their mean and their own reliability table. The probe measures
how the extraction generalizes; it gates nothing.

    python3 scripts/eval.py [--shared DIR] [--bin PATH] [--probe DIR] [-v NAME]

-v NAME prints the scorer's full report for the files whose name contains NAME.
Exit status 0 whatever the scores (it measures, it does not judge); 2 when the
shared folder or the binary is missing.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reliability  # noqa: E402

SECTIONS = ["document", "counts", "centers", "coverage", "activities", "findings"]


def extract(binary, path):
    p = subprocess.run([binary, "extract", path], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return None, p.stderr.strip()
    return p.stdout, None


def score(scorer, gold, pred_text, out_dir, name):
    pred = os.path.join(out_dir, name + ".json")
    with open(pred, "w", encoding="utf-8") as f:
        f.write(pred_text)
    p = subprocess.run([sys.executable, scorer, gold, pred, "--json"], capture_output=True, text=True)
    lines = p.stdout.strip().splitlines()
    if p.returncode != 0 or len(lines) < 2:
        return None, pred
    return json.loads(lines[0]), pred


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("QCWEAVE_SHARED", "../shared"))
    ap.add_argument("--bin", default="bin/qcweave")
    ap.add_argument("--out", default=None, help="folder for the predictions (default: a new temporary folder)")
    ap.add_argument("--probe", default="testdata/probe",
                    help="folder of the held-out probe texts (docs/ and gold/); skipped when missing")
    ap.add_argument("-v", dest="verbose", action="append", default=[])
    a = ap.parse_args()
    if not os.path.isdir(a.shared) or not os.access(a.bin, os.X_OK):
        print(f"eval: needs {a.shared} (the shared folder) and {a.bin} (make build)", file=sys.stderr)
        return 2
    if a.out is None:
        a.out = tempfile.mkdtemp(prefix="qcweave-eval-")
    os.makedirs(a.out, exist_ok=True)
    scorer = os.path.join(a.shared, "eval", "score.py")
    sc = reliability.load_scorer(scorer)
    records, fields = [], []
    jobs = []
    for docs, gold, group in ((os.path.join(a.shared, "dev", "docs"), os.path.join(a.shared, "dev", "gold"), "dev"),
                              (os.path.join(a.shared, "seeds"), os.path.join(a.shared, "gold"), "seed"),
                              (os.path.join(a.probe, "docs"), os.path.join(a.probe, "gold"), "probe")):
        if not os.path.isdir(gold):
            continue
        for g in sorted(os.listdir(gold)):
            if not g.endswith(".json"):
                continue
            name = g[:-5]
            doc = next((os.path.join(docs, name + ext) for ext in (".txt", ".html", ".pdf", ".docx")
                        if os.path.exists(os.path.join(docs, name + ext))), None)
            if doc:
                jobs.append((name, doc, os.path.join(gold, g), group))

    def run(job):
        name, doc, gold, group = job
        text, err = extract(a.bin, doc)
        if text is None:
            return name, group, None, err
        rep, pred = score(scorer, gold, text, a.out, group + "-" + name)
        return name, group, rep, pred

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        results = list(ex.map(run, jobs))

    scores = {"dev": [], "seed": [], "probe": []}
    probe_records, probe_fields = [], []

    def show(name, group, rep, extra):
        gold = next(j[2] for j in jobs if j[0] == name and j[3] == group)
        if rep is not None and group != "seed":
            with open(gold, encoding="utf-8-sig") as f, open(extra, encoding="utf-8") as g:
                out = reliability.outcomes(sc, json.load(f), json.load(g))
            (records if group == "dev" else probe_records).extend(out["records"])
            (fields if group == "dev" else probe_fields).extend(out["fields"])
        if rep is None:
            print(f"{name:42s} ERROR {extra}")
            scores[group].append(0.0)
            return
        parts = []
        for s in SECTIONS:
            if s in rep.get("scored_sections", []):
                sec = rep["sections"][s]
                v = sec["field_accuracy"] if s == "document" else sec["f1"]
                parts.append(f"{s[:4]} {v if v is not None else 0:.2f}")
        print(f"{name:42s} {rep['score']:.3f}  " + "  ".join(parts))
        scores[group].append(rep["score"])
        if any(v in name for v in a.verbose):
            subprocess.run([sys.executable, scorer, gold, extra])

    for name, group, rep, extra in results:
        if group != "probe":
            show(name, group, rep, extra)
    dev, seeds = scores["dev"], scores["seed"]
    if dev:
        print(f"dev mean {sum(dev) / len(dev):.3f} over {len(dev)} (min {min(dev):.3f}, below 0.60: {sum(1 for x in dev if x < 0.6)})")
    if seeds:
        print("seeds " + " ".join(f"{x:.3f}" for x in seeds))

    pdfs = os.path.join(a.shared, "dev", "pdf")
    if os.path.isdir(pdfs):
        files = sorted(f for f in os.listdir(pdfs) if f.endswith(".pdf"))

        def run_pdf(f):
            text, err = extract(a.bin, os.path.join(pdfs, f))
            if text is None:
                return f, None, err
            return f, json.loads(text), None

        total = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            for f, doc, err in ex.map(run_pdf, files):
                if doc is None:
                    print(f"{f:48s} ERROR {err}")
                    continue
                n = {k: len(doc.get(k) or []) for k in ("counts", "centers", "coverage", "activities")}
                total += sum(n.values())
                print(f"{f:48s} " + " ".join(f"{k} {v}" for k, v in n.items()))
        print(f"off-topic PDFs: {total} records (want 0)")
    if records or fields:
        print()
        print("\n".join(reliability.table(records, "records of the dev texts")))
        print("\n".join(reliability.table(fields, "document fields of the dev texts")))

    probe = [r for r in results if r[1] == "probe"]
    if probe:
        print()
        print(f"probe (held-out texts of {a.probe}; they measure, they do not gate)")
        for name, group, rep, extra in probe:
            show(name, group, rep, extra)
        ps = scores["probe"]
        print(f"probe mean {sum(ps) / len(ps):.3f} over {len(ps)} (min {min(ps):.3f}, below 0.60: {sum(1 for x in ps if x < 0.6)})")
        if probe_records or probe_fields:
            print()
            print("\n".join(reliability.table(probe_records, "records of the probe texts")))
            print("\n".join(reliability.table(probe_fields, "document fields of the probe texts")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
