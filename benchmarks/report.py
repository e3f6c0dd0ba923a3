#!/usr/bin/env python3
"""Merges the benchmark CSVs of one run directory, prints the table, writes summary.md and the plot.

Usage: report.py RUN_DIR   (reads ours.csv, ours_triad.csv, peer.csv, compile_times.csv, rss.csv)
Run with build/venv-bench (matplotlib pinned in benchmarks/requirements-bench.txt).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path


def read(path):
    p = Path(path)
    if not p.exists():
        return []
    with open(p) as f:
        return list(csv.DictReader(f))


def fmt(x):
    return "—" if x is None else f"{x:.3g}"


def main():
    run = Path(sys.argv[1])
    rows = read(run / "ours.csv") + read(run / "peer.csv")
    triad = read(run / "ours_triad.csv")
    compile_times = read(run / "compile_times.csv")
    rss = read(run / "rss.csv")
    data = defaultdict(dict)  # (scenario) -> {(variant, n): row}
    for r in rows:
        data[r["scenario"]][(r["variant"], int(r["n"]))] = r
    bw = max((float(t["best_GBps"]) for t in triad), default=None)
    out = []
    if triad:
        out.append("triad: " + ", ".join(f"{t['when']} best {float(t['best_GBps']):.1f} GB/s "
                                         f"(median {float(t['median_GBps']):.1f})" for t in triad))
        out.append(f"elasticity roofline at 96 B/point: {bw * 1e9 / 96:.3g} points/s (best triad)")
    variants = ["eager", "compiled", "peer_eager", "peer_aoti"]
    for scenario, d in data.items():
        unit = "points/s" if scenario == "elasticity" else "point-steps/s"
        ns = sorted({n for _, n in d})
        out.append("")
        out.append(f"### {scenario} ({unit}, median [min–max])")
        out.append("")
        hdr = "| N | " + " | ".join(variants) + " | compiled/eager | compiled/peer_aoti |"
        if scenario == "elasticity" and bw:
            hdr += " compiled/roofline |"
        out.append(hdr)
        out.append("|" + "---|" * (hdr.count("|") - 1))
        for n in ns:
            cells, med = [], {}
            for v in variants:
                r = d.get((v, n))
                if r is None:
                    cells.append("—")
                    continue
                med[v] = float(r["updates_per_s"])
                cells.append(f"{med[v]:.3g} [{float(r['updates_per_s_min']):.2g}–{float(r['updates_per_s_max']):.2g}]")
            ce = med["compiled"] / med["eager"] if "compiled" in med and "eager" in med else None
            cp = med["compiled"] / med["peer_aoti"] if "compiled" in med and "peer_aoti" in med else None
            line = f"| {n} | " + " | ".join(cells) + f" | {fmt(ce)} | {fmt(cp)} |"
            if scenario == "elasticity" and bw:
                line += f" {fmt(med['compiled'] / (bw * 1e9 / 96)) if 'compiled' in med else '—'} |"
            out.append(line)
    if compile_times:
        out.append("")
        out.append("### compile time (s, wall, one process)")
        out.append("")
        out.append("| scenario | ours | NEML2 v3 | ours/peer |")
        out.append("|---|---|---|---|")
        ct = defaultdict(dict)
        for c in compile_times:
            ct[c["scenario"]][c["variant"]] = (float(c["seconds"]), c.get("status", "ok"))
        for s, d in ct.items():
            o = d.get("compiled")
            p = d.get("peer_aoti")
            ratio = o[0] / p[0] if o and p and p[1] == "ok" and o[1] == "ok" else None
            out.append(f"| {s} | {o[0]:.2f} {'' if not o or o[1] == 'ok' else o[1]} | "
                       f"{(f'{p[0]:.1f} ' + ('' if p[1] == 'ok' else p[1])) if p else '—'} | {fmt(ratio)} |"
                       if o else f"| {s} | — | {p[0] if p else '—'} | — |")
    if rss:
        out.append("")
        out.append("### peak RSS (one process per variant: load + one run)")
        out.append("")
        out.append("| scenario | variant | N | RSS after load (MiB) | peak RSS (MiB) |")
        out.append("|---|---|---|---|---|")
        for r in rss:
            out.append(f"| {r['scenario']} | {r['variant']} | {r['n']} | {int(r['before_kib']) / 1024:.0f} | "
                       f"{int(r['peak_kib']) / 1024:.0f} |")
    text = "\n".join(out)
    print(text)
    (run / "summary.md").write_text(text + "\n")

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        print(f"no plot: {e}")
        return 0
    scen = list(data)
    fig, axes = plt.subplots(1, len(scen), figsize=(5.5 * len(scen), 4.5), squeeze=False)
    for ax, scenario in zip(axes[0], scen):
        d = data[scenario]
        for v in variants:
            pts = sorted((n, float(r["updates_per_s"]), float(r["updates_per_s_min"]), float(r["updates_per_s_max"]))
                         for (vv, n), r in d.items() if vv == v)
            if not pts:
                continue
            n, m, lo, hi = zip(*pts)
            ax.errorbar(n, m, yerr=[[a - b for a, b in zip(m, lo)], [b - a for a, b in zip(m, hi)]], marker="o",
                        capsize=2, label=v)
        if scenario == "elasticity" and bw:
            ax.axhline(bw * 1e9 / 96, color="gray", ls="--", label="triad roofline (96 B/pt)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("batch size N (points)")
        ax.set_ylabel("points/s" if scenario == "elasticity" else "point-steps/s (100-step run)")
        ax.set_title(scenario)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(run / "throughput.png", dpi=110)
    print(f"plot: {run / 'throughput.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
