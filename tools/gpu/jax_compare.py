#!/usr/bin/env python3
"""JAX compiles and runs the very StableHLO text LoopGen produced; its outputs are compared with LoopGen's.

Input: the directory written by `loopgen-conformance cases --out DIR` (DIR/cases/<slug>/module.mlir,
argN.npy, expectedN.npy, pjrtN.npy, case.json). For each case JAX's own PJRT client (first GPU) compiles
module.mlir and runs it on the args; the outputs are compared with the interpreter's (expected*.npy) and
with LoopGen's PJRT backend's (pjrt*.npy). A third compiler of the same text separates "LoopGen emitted
something wrong" from "LoopGen's PJRT bindings mishandle it".

Exit codes: 0 every JAX result agrees; 1 one differs or failed to compile or run; 2 nothing could be
checked (no cases, no JAX, no device).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stablehlo_jax as sj  # noqa: E402

HEADERS = ["case", "LoopGen PJRT vs interpreter", "JAX vs interpreter", "JAX vs LoopGen PJRT", "max abs diff"]


def find_cases(root):
    """Case folders (those with a case.json) under ROOT/cases, or under ROOT itself if given the cases folder."""
    base = os.path.join(root, "cases")
    if not os.path.isdir(base):
        base = root
    if not os.path.isdir(base):
        return []
    return sorted(os.path.join(base, d) for d in os.listdir(base)
                  if os.path.isfile(os.path.join(base, d, "case.json")))


def outcome_cell(results):
    """results: [(ok, max_abs, why)] per output -> a table cell."""
    bad = [f"out{k}: {why}" for k, (ok, _, why) in enumerate(results) if not ok]
    return "agree" if not bad else "differ: " + "; ".join(bad)


def max_abs_cell(results):
    diffs = [m for _, m, _ in results if m is not None]
    return "—" if not diffs else ("0" if max(diffs) == 0 else f"{max(diffs):.3g}")


def compare_all(actual, expected, rtol, atol):
    """Per-output comparisons; a count mismatch is one failed entry."""
    if len(actual) != len(expected):
        return [(False, None, f"{len(actual)} outputs vs {len(expected)}")]
    return [sj.compare_arrays(a, b, rtol, atol) for a, b in zip(actual, expected)]


def load_npys(folder, prefix, count):
    """[array] for prefix0..prefix{count-1}.npy, or None when any is absent."""
    import numpy as np

    paths = [os.path.join(folder, f"{prefix}{k}.npy") for k in range(count)]
    if not all(os.path.isfile(p) for p in paths):
        return None
    return [np.load(p, allow_pickle=False) for p in paths]


def run_case(folder, device):
    """(row, JAX agrees with the interpreter, JAX agrees with LoopGen PJRT or None where no pjrt*.npy)."""
    with open(os.path.join(folder, "case.json"), encoding="utf-8") as f:
        info = json.load(f)
    name = info.get("name") or os.path.basename(folder)
    loopgen_pjrt = str(info.get("pjrt", "?"))
    rtol, atol = float(info.get("rtol", 0.0)), float(info.get("atol", 0.0))
    nres = int(info["results"])
    args = load_npys(folder, "arg", int(info["args"]))
    expected = load_npys(folder, "expected", nres)
    pjrt = load_npys(folder, "pjrt", nres)
    if args is None or expected is None:
        return [name, loopgen_pjrt, "error: missing arg*.npy or expected*.npy", "—", "—"], False, None
    with open(os.path.join(folder, "module.mlir"), encoding="utf-8") as f:
        text = f.read()
    try:
        executable, _ = sj.compile_stablehlo(text, device)
    except Exception as e:  # noqa: BLE001 - becomes the row's verdict
        print(f"[{name}] JAX compile failed: {e}", flush=True)
        return [name, loopgen_pjrt, f"error: compile: {e}", "—", "—"], False, None
    try:
        actual = sj.execute(executable, args, device)
    except Exception as e:  # noqa: BLE001
        print(f"[{name}] JAX run failed: {e}", flush=True)
        return [name, loopgen_pjrt, f"error: run: {e}", "—", "—"], False, None
    vs_interp = compare_all(actual, expected, rtol, atol)
    vs_pjrt = compare_all(actual, pjrt, rtol, atol) if pjrt is not None else None
    ok_interp = all(r[0] for r in vs_interp)
    ok_pjrt = None if vs_pjrt is None else all(r[0] for r in vs_pjrt)
    ok = ok_interp and ok_pjrt is not False
    row = [name, loopgen_pjrt, outcome_cell(vs_interp),
           outcome_cell(vs_pjrt) if vs_pjrt is not None else "— (no pjrt*.npy)", max_abs_cell(vs_interp)]
    print(f"[{name}] {'ok' if ok else 'DIFFERS'}: " + " | ".join(row[1:]), flush=True)
    return row, ok_interp, ok_pjrt


def render(header_lines, rows, footer_lines):
    return "\n".join(header_lines).rstrip() + "\n\n" + sj.md_table(HEADERS, rows) + (
        "\n" + "\n".join(footer_lines) + "\n" if footer_lines else "")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir", help="the --out DIR of `loopgen-conformance cases` (holding cases/)")
    p.add_argument("--md", help="write the markdown table here too")
    p.add_argument("--platform", default="gpu", help="JAX platform whose first device runs the cases (default gpu)")
    p.add_argument("--filter", default="", help="only cases whose folder name contains this")
    a = p.parse_args(argv)

    header = ["# JAX vs LoopGen on the same StableHLO text", ""]
    cases = [c for c in find_cases(a.dir) if a.filter in os.path.basename(c)]
    if not cases:
        msg = f"no cases (folders with case.json) under {a.dir}/cases"
        print(msg, file=sys.stderr)
        sj.write_text(a.md, render(header, [], [f"**Not run:** {msg}"]))
        return 2
    try:
        device = sj.setup_jax(a.platform, enable_x64=True)
        header.append(f"{sj.versions()}; device: {device} ({getattr(device, 'device_kind', '?')})")
    except Exception as e:  # noqa: BLE001
        traceback.print_exc()
        sj.write_text(a.md, render(header, [], [f"**Not run:** JAX setup failed: {type(e).__name__}: {e}"]))
        return 2
    print(header[-1], flush=True)

    rows, bad_interp, bad_pjrt, with_pjrt = [], 0, 0, 0
    for folder in cases:
        try:
            row, ok_interp, ok_pjrt = run_case(folder, device)
        except Exception as e:  # noqa: BLE001 - a broken case folder is a failed row, not a crash
            traceback.print_exc()
            row = [os.path.basename(folder), "?", f"error: {type(e).__name__}: {e}", "—", "—"]
            ok_interp, ok_pjrt = False, None
        rows.append(row)
        bad_interp += not ok_interp
        with_pjrt += ok_pjrt is not None
        bad_pjrt += ok_pjrt is False
        # Rewritten after every case so a run cut short by its timeout still leaves what it found.
        sj.write_text(a.md, render(header, rows, []))

    # Any disagreement fails the run: with the oracle, or with LoopGen PJRT (three compilers of one text).
    failed = bad_interp + bad_pjrt
    footer = [f"JAX agrees with the interpreter in {len(rows) - bad_interp} of {len(rows)} cases, "
              f"with LoopGen PJRT in {with_pjrt - bad_pjrt} of {with_pjrt} cases that have pjrt*.npy.",
              f"Compiled with `{sj._preferred.get('compile', '?')}`, run with `{sj._preferred.get('execute', '?')}`."]
    text = render(header, rows, footer)
    sj.write_text(a.md, text)
    print("\n" + text, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
