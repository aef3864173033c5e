"""Shared by jax_compare.py and jax_loop_times.py.

Two parts: pure helpers (markdown, CSV, the @main signature) that import nothing beyond the standard
library, so they can be checked where numpy and jax are absent; and the JAX part, which imports numpy
and jax inside its functions. Everything that depends on jaxlib's private client API is in
compile_stablehlo() and execute() below: that is the code to fix if a jaxlib release moves it.
"""

from __future__ import annotations

import csv
import os
import re

# --------------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------------


def md_escape(text, limit=160):
    """One markdown table cell: no pipes or newlines, long error texts cut (the full text is printed)."""
    s = " ".join(str(text).split()).replace("|", "\\|")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def md_table(headers, rows):
    """A GitHub markdown table; cells are escaped here."""
    out = ["| " + " | ".join(md_escape(h, 200) for h in headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        cells = list(row) + [""] * (len(headers) - len(row))
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def write_text(path, text):
    """Writes through a temporary file so a run killed by its timeout never leaves half a table."""
    if not path:
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def read_csv_rows(path):
    """Rows of a CSV with a header line, as dicts of stripped strings."""
    with open(path, newline="", encoding="utf-8") as f:
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def fmt_ms(value):
    """Milliseconds for a table cell: 3 significant figures below 100, whole numbers above."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


# MLIR element types the LoopGen emitter uses, with numpy's names for them.
MLIR_TO_NUMPY = {
    "f16": "float16", "f32": "float32", "f64": "float64",
    "i1": "bool", "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64",
    "ui8": "uint8", "ui16": "uint16", "ui32": "uint32", "ui64": "uint64",
}

_TENSOR = re.compile(r"tensor<([^<>]*)>")


def parse_tensor_type(body):
    """'10x3xf32' -> ((10, 3), 'f32'); 'f32' -> ((), 'f32'). Dynamic dims ('?') raise ValueError."""
    parts = body.split(",")[0].strip().split("x")
    dims = tuple(int(p) for p in parts[:-1])  # int('?') raises: a dynamic shape cannot be run here
    return dims, parts[-1].strip()


def parse_main_signature(text):
    """Parameter and result tensor types of `func.func ... @main(...) -> (...)` in module text.

    LoopGen prints the function header in the custom form even when the ops are generic, e.g.
    `func.func public @main(%arg0: tensor<10xf32>) -> (tensor<10xf32>) {`.
    Returns ([(dims, elem)], [(dims, elem)]).
    """
    m = re.search(r"func\.func\s+(?:public\s+|private\s+)?@main\s*\(", text)
    if not m:
        raise ValueError("no `func.func @main(` in the module text")
    i, depth = m.end(), 1
    start = i
    while depth and i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    params = text[start: i - 1]
    brace = text.find("{", i)
    results = text[i: brace if brace >= 0 else len(text)]
    return ([parse_tensor_type(t) for t in _TENSOR.findall(params)],
            [parse_tensor_type(t) for t in _TENSOR.findall(results)])


# --------------------------------------------------------------------------------------------------
# numpy
# --------------------------------------------------------------------------------------------------


def compare_arrays(actual, expected, rtol, atol):
    """(ok, max_abs_diff or None, why). Floats: |a-b| <= atol + rtol*|b|, NaN equals NaN, equal infinities
    agree. Integers and booleans: exact. Shapes and dtypes must match."""
    import numpy as np

    a, b = np.asarray(actual), np.asarray(expected)
    if a.shape != b.shape:
        return False, None, f"shape {a.shape} vs {b.shape}"
    if a.dtype != b.dtype:
        return False, None, f"dtype {a.dtype} vs {b.dtype}"
    if a.size == 0:
        return True, 0.0, ""
    if a.dtype.kind in "fc":
        af, bf = a.astype(np.float64), b.astype(np.float64)
        both_nan = np.isnan(af) & np.isnan(bf)
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(af - bf)
            close = (af == bf) | both_nan | (diff <= atol + rtol * np.abs(bf))
        finite = np.where(np.isfinite(diff), diff, 0.0)
        finite = np.where((af == bf) | both_nan, 0.0, finite)
        max_abs = float(finite.max())
        if bool(close.all()):
            return True, max_abs, ""
        bad = np.argwhere(~close)
        idx = tuple(int(k) for k in bad[0])
        return False, max_abs, (f"{len(bad)} of {a.size} elements differ; first at {idx}: "
                                f"{a[idx] if a.ndim else a.item()!r} vs {b[idx] if b.ndim else b.item()!r}")
    equal = a == b
    max_abs = float(np.abs(a.astype(np.float64) - b.astype(np.float64)).max()) if a.dtype.kind in "iu" else (
        0.0 if bool(equal.all()) else 1.0)
    if bool(np.all(equal)):
        return True, max_abs, ""
    bad = np.argwhere(~equal) if a.ndim else [()]
    idx = tuple(int(k) for k in bad[0])
    return False, max_abs, f"{len(bad)} of {a.size} elements differ; first at {idx}: {a[idx]!r} vs {b[idx]!r}"


def zeros_for(signature_params):
    """Zero-filled numpy inputs for parsed @main parameter types."""
    import numpy as np

    out = []
    for dims, elem in signature_params:
        if elem not in MLIR_TO_NUMPY:
            raise ValueError(f"no numpy dtype for MLIR element type {elem}")
        out.append(np.zeros(dims, dtype=MLIR_TO_NUMPY[elem]))
    return out


# --------------------------------------------------------------------------------------------------
# JAX
# --------------------------------------------------------------------------------------------------


class StableHloJaxError(RuntimeError):
    """Every API tried, each with its error: the message is meant to be read on the GPU machine."""


def versions():
    import jax
    import jaxlib

    return f"jax {jax.__version__}, jaxlib {getattr(jaxlib, '__version__', '?')}"


def setup_jax(platform="gpu", enable_x64=False, disable_cache=True):
    """Configures JAX (before any array exists) and returns the first device of `platform`.

    enable_x64 keeps int64/float64 inputs as they are: without it device_put narrows them to 32 bits.
    """
    import jax

    if enable_x64:
        jax.config.update("jax_enable_x64", True)
    if disable_cache:
        # Timings must be fresh compiles; the persistent cache would turn a second run into a disk read.
        try:
            jax.config.update("jax_enable_compilation_cache", False)
        except Exception as e:  # older names; report, do not hide
            print(f"note: could not disable the persistent compilation cache: {e!r}")
    devices = jax.devices(platform)
    if not devices:
        raise StableHloJaxError(f"jax.devices({platform!r}) is empty")
    return devices[0]


class _FallThrough(Exception):
    """A step of one attempt failed in a way the next (older) API may not share."""


# Errors that mean "this jaxlib has no such API / overload" (nanobind raises TypeError for a signature that
# does not match). Any other error is the computation's own (a compile or run failure): older APIs would only
# repeat it, and for a large module slowly, so it is reported at once.
_API_MISMATCH = (TypeError, AttributeError, ImportError, NotImplementedError, _FallThrough)

# Which attempt worked last time, so later calls (and timings after a warm-up) go straight to it.
_preferred = {}


def _try_in_order(kind, attempts):
    order = sorted(attempts, key=lambda a: a[0] != _preferred.get(kind))
    errors = []
    for name, fn in order:
        try:
            result = fn()
        except Exception as e:  # noqa: BLE001 - each failure is collected and reported below
            errors.append(f"  {name}: {type(e).__name__}: {e}")
            if not isinstance(e, _API_MISMATCH):
                raise StableHloJaxError(f"{kind} failed:\n" + "\n".join(errors)) from e
            continue
        if errors and _preferred.get(kind) != name:
            print(f"note: {kind} fell back to `{name}` after:\n" + "\n".join(errors), flush=True)
        _preferred[kind] = name
        return result, name
    raise StableHloJaxError(f"{kind}: every API failed:\n" + "\n".join(errors))


def compile_stablehlo(text, device):
    """Compiles StableHLO module text with the PJRT client behind `device`. Returns (executable, api name).

    Newest first. Evidence (jax-ml/jax): jax/_src/compiler.py backend_compile_and_load() at jax 0.11 calls
    `backend.compile_and_load(ir.Module, executable_devices=DeviceList, compile_options=...)` (ir.Module
    accepted since jaxlib_extension_version 378, jax 0.8); jaxlib/py_client.cc still binds
    `compile_and_load(str | bytes, Sequence[Device], CompileOptions)` "for users of deprecated APIs" (jaxlib
    0.6.1 on); up to jax 0.6.1 jax called `backend.compile(text_or_bytecode, compile_options=...)`, which
    returned a loaded executable (renamed in commit 9928409798).
    """
    import numpy as np

    try:
        from jax._src.lib import xla_client as xc
    except ImportError:  # jaxlib as a separate top-level module
        from jaxlib import xla_client as xc
    client = device.client

    def options():
        # What jax's get_compile_options() sets for one device: 1 replica, 1 partition, this device.
        opts = xc.CompileOptions()
        opts.num_replicas = 1
        opts.num_partitions = 1
        opts.device_assignment = xc.DeviceAssignment.create(np.array([[device.id]], dtype=np.int32))
        return opts

    def ir_module():
        from jax._src.interpreters import mlir as jax_mlir
        from jax._src.lib.mlir import ir

        try:
            with jax_mlir.make_ir_context():
                return ir.Module.parse(text)
        except Exception as e:  # JAX's context may lack something XLA's own parser (next attempt) has
            raise _FallThrough(f"ir.Module.parse: {type(e).__name__}: {e}") from e

    attempts = [
        ("client.compile_and_load(ir.Module, DeviceList, CompileOptions)",
         lambda: client.compile_and_load(ir_module(), xc.DeviceList((device,)), options())),
        ("client.compile_and_load(str, [device], CompileOptions)",
         lambda: client.compile_and_load(text, [device], options())),
        ("client.compile(str, DeviceList, CompileOptions)",
         lambda: client.compile(text, xc.DeviceList((device,)), options())),
        ("client.compile(str, compile_options=CompileOptions)",
         lambda: client.compile(text, compile_options=options())),
    ]
    return _try_in_order("compile", attempts)


def execute(executable, np_args, device):
    """Runs a compiled executable on numpy inputs; returns its outputs as numpy arrays (waits for them).

    Evidence: jax/_src/interpreters/pxla.py ExecuteReplicated calls `execute_sharded(arrays)`; jaxlib's
    ExecuteResults.disassemble_into_single_device_arrays() returns [output][device] arrays.
    """
    import jax
    import numpy as np

    def inputs():
        return [jax.device_put(a, device) for a in np_args]

    def first_device(per_output):
        return [np.asarray(outs[0]) for outs in per_output]

    attempts = [
        ("executable.execute_sharded(arrays).disassemble_into_single_device_arrays()",
         lambda: first_device(executable.execute_sharded(inputs()).disassemble_into_single_device_arrays())),
        ("executable.execute_sharded_on_local_devices([arrays])",
         lambda: first_device(executable.execute_sharded_on_local_devices([inputs()]))),
        ("executable.execute(arrays)",
         lambda: [np.asarray(o) for o in executable.execute(inputs())]),
    ]
    outputs, _ = _try_in_order("execute", attempts)
    return outputs
