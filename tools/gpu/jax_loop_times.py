#!/usr/bin/env python3
"""Compile times of a rolled vs an unrolled loop, LoopGen's PJRT bindings and JAX side by side.

Input: DIR/loops/ from `loopgen-conformance loops --out DIR --max N`: cumulative.{rolled,unrolled}.n<N>.mlir
and loops.csv (n,mode,ops,text_bytes,trace_ms,compile_ms,first_run_ms,result). The loop carries f32[10]
from zeros and adds 1 N times, so every element of the result is N.

For each N, JAX (a) compiles the very same rolled and unrolled text through its own PJRT client and runs it
once to check the result, and (b) compiles jax.lax.fori_loop over the same loop with jax.jit, timing the
compile and the first run. Every compile is fresh: the persistent cache is off and each N is a new function.

Exit codes: 0 every compile and check passed; 1 one failed; 2 nothing could be measured.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stablehlo_jax as sj  # noqa: E402

HEADERS = ["N", "ops rolled", "ops unrolled",
           "LoopGen PJRT compile rolled (ms)", "LoopGen PJRT compile unrolled (ms)",
           "JAX compile of the same rolled text (ms)", "same unrolled text (ms)",
           "jax.lax.fori_loop compile (ms)", "unrolled/rolled ratio",
           "fori_loop trace+lower (ms)", "fori_loop first run (ms)", "checks"]

_FILE = re.compile(r"^cumulative\.(rolled|unrolled)\.n(\d+)\.mlir$")
SKIPPED = "—"


# ----------------------------------------------------------------------------------------- pure part


def loops_dir(root):
    """ROOT/loops, or ROOT itself when it already is the loops folder."""
    sub = os.path.join(root, "loops")
    return sub if os.path.isdir(sub) else root


def index_csv(rows):
    """{(n, mode): row} from loops.csv rows."""
    out = {}
    for r in rows:
        try:
            out[(int(r["n"]), r["mode"])] = r
        except (KeyError, ValueError):
            continue
    return out


def find_ns(folder, csv_index):
    """Every N named by a .mlir file or a CSV row, ascending."""
    ns = {n for n, _ in csv_index}
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            m = _FILE.match(name)
            if m:
                ns.add(int(m.group(2)))
    return sorted(ns)


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def loopgen_compile_cell(row):
    """LoopGen's compile_ms for one CSV row: the number, or what its result column says instead."""
    if row is None:
        return SKIPPED, None
    result = row.get("result", "")
    ms = _number(row.get("compile_ms"))
    if result and result != "ok":
        return ("error" if result.startswith("error") else result), None
    return (sj.fmt_ms(ms) if ms is not None else SKIPPED), ms


def last_line(error):
    """The telling line of an error: StableHloJaxError lists the APIs tried, the last line is the real error."""
    lines = [ln.strip() for ln in str(error).splitlines() if ln.strip()]
    return lines[-1] if lines else type(error).__name__


def ratio(unrolled, rolled):
    return f"{unrolled / rolled:.3g}×" if unrolled is not None and rolled else None


def build_row(n, csv_index, jax_cells):
    """One table row. jax_cells: {"rolled", "unrolled", "fori", "fori_lower", "fori_run": float ms or str,
    "checks": [str]} (missing keys print as —)."""
    r_row, u_row = csv_index.get((n, "rolled")), csv_index.get((n, "unrolled"))
    lg_r_cell, lg_r = loopgen_compile_cell(r_row)
    lg_u_cell, lg_u = loopgen_compile_cell(u_row)

    def jax_ms(key):
        v = jax_cells.get(key)
        return v if isinstance(v, float) else None

    ratios = []
    if ratio(lg_u, lg_r):
        ratios.append("LoopGen " + ratio(lg_u, lg_r))
    if ratio(jax_ms("unrolled"), jax_ms("rolled")):
        ratios.append("JAX " + ratio(jax_ms("unrolled"), jax_ms("rolled")))
    checks = list(jax_cells.get("checks") or [])
    for mode, row in (("rolled", r_row), ("unrolled", u_row)):
        if row is not None and row.get("result", "ok") not in ("", "ok"):
            checks.append(f"LoopGen {mode}: {row['result']}")
    return [str(n),
            (r_row or {}).get("ops") or SKIPPED, (u_row or {}).get("ops") or SKIPPED,
            lg_r_cell, lg_u_cell,
            sj.fmt_ms(jax_cells.get("rolled")), sj.fmt_ms(jax_cells.get("unrolled")),
            sj.fmt_ms(jax_cells.get("fori")),
            ", ".join(ratios) or SKIPPED,
            sj.fmt_ms(jax_cells.get("fori_lower")), sj.fmt_ms(jax_cells.get("fori_run")),
            "; ".join(checks) or "ok"]


def render(header_lines, rows, footer_lines):
    return "\n".join(header_lines).rstrip() + "\n\n" + sj.md_table(HEADERS, rows) + "\n" + "\n".join(footer_lines) + "\n"


# ------------------------------------------------------------------------------------------ JAX part


def time_text(path, n, device):
    """(compile ms, check message or None) for one .mlir file: compile, run once on zeros, expect all == N."""
    import numpy as np

    with open(path, encoding="utf-8") as f:
        text = f.read()
    t0 = time.perf_counter()
    executable, _ = sj.compile_stablehlo(text, device)
    compile_ms = (time.perf_counter() - t0) * 1e3
    try:
        params, _ = sj.parse_main_signature(text)
        outs = sj.execute(executable, sj.zeros_for(params), device)
    except Exception as e:  # noqa: BLE001 - compiled, but the run or check failed: say so in the row
        return compile_ms, f"run failed: {last_line(e)}"
    if not outs:
        return compile_ms, "no outputs"
    if not np.all(outs[0] == n):
        return compile_ms, f"result {np.unique(outs[0])[:4].tolist()} ≠ {n}"
    return compile_ms, None


def time_fori(n):
    """(trace+lower ms, compile ms, first run ms, check message or None) for jax.lax.fori_loop over N."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    x = jnp.zeros((10,), jnp.float32)
    x.block_until_ready()
    # A new function object per N: no jit cache entry can be reused.
    f = jax.jit(lambda c0: jax.lax.fori_loop(0, n, lambda i, c: c + 1.0, c0))
    t0 = time.perf_counter()
    lowered = f.lower(x)
    t1 = time.perf_counter()
    compiled = lowered.compile()
    t2 = time.perf_counter()
    out = compiled(x)
    out.block_until_ready()
    t3 = time.perf_counter()
    host = np.asarray(out)
    check = None if np.all(host == n) else f"fori_loop result {np.unique(host)[:4].tolist()} ≠ {n}"
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, check


def warm_up(folder, ns, device):
    """One untimed compile of each kind, so one-time set-up (CUDA context, compiler init) is in no cell."""
    import jax
    import jax.numpy as jnp

    notes = []
    for n in ns:
        path = os.path.join(folder, f"cumulative.rolled.n{n}.mlir")
        if os.path.isfile(path):
            try:
                time_text(path, n, device)
                notes.append(f"warm-up: compiled cumulative.rolled.n{n}.mlir once, untimed")
            except Exception as e:  # noqa: BLE001
                notes.append(f"warm-up compile of {os.path.basename(path)} failed: {e}")
            break
    try:
        jax.jit(lambda v: v * 2.0).lower(jnp.ones((10,), jnp.float32)).compile()
        notes.append("warm-up: one untimed jax.jit compile")
    except Exception as e:  # noqa: BLE001 - the fori_loop cells will show the error again
        notes.append(f"warm-up jax.jit compile failed: {type(e).__name__}: {e}")
    return notes


def measure(folder, n, device, max_unrolled):
    cells = {"checks": []}
    for mode in ("rolled", "unrolled"):
        path = os.path.join(folder, f"cumulative.{mode}.n{n}.mlir")
        if mode == "unrolled" and max_unrolled is not None and n > max_unrolled:
            cells[mode] = SKIPPED
        elif not os.path.isfile(path):
            cells[mode] = "missing"
        else:
            try:
                ms, check = time_text(path, n, device)
                cells[mode] = ms
                if check:
                    cells["checks"].append(f"JAX {mode}: {check}")
            except Exception as e:  # noqa: BLE001
                print(f"[n={n} {mode}] JAX compile failed: {e}", flush=True)
                cells[mode] = "error"
                cells["checks"].append(f"JAX {mode}: {last_line(e)}")
    try:
        cells["fori_lower"], cells["fori"], cells["fori_run"], check = time_fori(n)
        if check:
            cells["checks"].append(check)
    except Exception as e:  # noqa: BLE001
        traceback.print_exc()
        cells["fori"] = "error"
        cells["checks"].append(f"fori_loop: {type(e).__name__}: {e}")
    return cells


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir", help="the --out DIR of `loopgen-conformance loops` (holding loops/)")
    p.add_argument("--md", help="write the markdown table here too")
    p.add_argument("--platform", default="gpu", help="JAX platform (default gpu)")
    p.add_argument("--max", type=int, default=None, help="measure no N above this")
    p.add_argument("--max-unrolled", type=int, default=None,
                   help="skip JAX compiles of unrolled texts for N above this (they grow to tens of MB)")
    a = p.parse_args(argv)

    folder = loops_dir(a.dir)
    csv_path = os.path.join(folder, "loops.csv")
    header = ["# Compile time: rolled vs unrolled loop, LoopGen and JAX", ""]
    footer = []
    csv_index = {}
    if os.path.isfile(csv_path):
        csv_index = index_csv(sj.read_csv_rows(csv_path))
    else:
        footer.append(f"No {csv_path}: LoopGen columns are empty.")
    ns = [n for n in find_ns(folder, csv_index) if a.max is None or n <= a.max]
    if not ns:
        msg = f"no cumulative.*.n<N>.mlir or loops.csv rows under {folder}"
        print(msg, file=sys.stderr)
        sj.write_text(a.md, render(header, [], [f"**Not run:** {msg}"]))
        return 2
    try:
        device = sj.setup_jax(a.platform, enable_x64=False, disable_cache=True)
        header.append(f"{sj.versions()}; device: {device} ({getattr(device, 'device_kind', '?')})")
        print(header[-1], flush=True)
        footer += warm_up(folder, ns, device)
    except Exception as e:  # noqa: BLE001
        traceback.print_exc()
        sj.write_text(a.md, render(header, [], [f"**Not run:** JAX setup failed: {type(e).__name__}: {e}"]))
        return 2

    footer += [
        "",
        "LoopGen PJRT compile: loops.csv compile_ms (XLA compile through LoopGen's PJRT bindings).",
        "JAX compile of the same text: text to loaded executable through jaxlib's client "
        f"(`{{api}}`), MLIR parse included; one fresh compile per cell, checked by one run (all elements = N).",
        "jax.lax.fori_loop: `jax.jit(...).lower(x)` is trace+lower, `.compile()` the compile column, "
        "first run includes waiting for the result.",
        "ratio: unrolled compile time / rolled compile time. — : not measured "
        f"(unrolled beyond --max-unrolled={a.max_unrolled}) or absent.",
    ]
    rows, failed = [], False
    for n in ns:
        cells = measure(folder, n, device, a.max_unrolled)
        row = build_row(n, csv_index, cells)
        # Only JAX's own failures fail this step; LoopGen's show in the row and fail the loops step.
        failed |= bool(cells["checks"]) or "error" in (cells.get("rolled"), cells.get("unrolled"), cells.get("fori"))
        rows.append(row)
        print(" | ".join(row), flush=True)
        text = render(header, rows, [f.replace("{api}", sj._preferred.get("compile", "?")) for f in footer])
        sj.write_text(a.md, text)  # after every N, so a timeout still leaves the rows measured so far
    print("\n" + text, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
