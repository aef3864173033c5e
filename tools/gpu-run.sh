#!/usr/bin/env bash
# LoopGen's GPU checks, on a machine with an NVIDIA GPU and python3 + jax[cuda13] but no .NET.
# Run from the repo root after tools/publish-gpu.sh has filled artifacts/gpu/ with self-contained apps.
# Everything lands in ${OUT:-artifacts/gpu-results} (the device tool brings $OUT back).
# Every step runs even when an earlier one failed; steps.md records each exit code; the script exits
# nonzero if any step failed.
#
# Knobs (environment): PYTHON (python3), LOOPGEN_GPU_ARTIFACTS (artifacts/gpu),
# LOOPGEN_LOOPS_MAX (largest N for the loops verb, 100000), LOOPGEN_MAX_UNROLLED (largest N LoopGen unrolls
# and compiles, 100000), LOOPGEN_JAX_MAX_UNROLLED (largest unrolled text JAX compiles, 10000),
# LOOPGEN_PJRT_PLUGIN (skip the search and use this plugin).
set -u

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

PY=${PYTHON:-python3}
ART=${LOOPGEN_GPU_ARTIFACTS:-artifacts/gpu}
CONF="$ART/app/loopgen-conformance"
SAMPLES="$ART/app/LoopGen.Samples"
LOOPS_MAX=${LOOPGEN_LOOPS_MAX:-100000}
MAX_UNROLLED=${LOOPGEN_MAX_UNROLLED:-100000}
JAX_MAX_UNROLLED=${LOOPGEN_JAX_MAX_UNROLLED:-10000}
OUT_DIR=${OUT:-artifacts/gpu-results}
mkdir -p "$OUT_DIR" || exit 2
OUT_DIR=$(cd "$OUT_DIR" && pwd)
# publish-gpu.sh packs the apps; the device tool carries the archive, unpacked here once.
if [[ ! -d $ART/app && -f $ART/app.tar.gz ]]; then
  tar -C "$ART" -xzf "$ART/app.tar.gz" || exit 2
fi

STEP_NAMES=()
STEP_RCS=()
STEP_SECS=()
STEP_NOTES=()

# record NAME RC SECONDS [NOTE]
record() {
  STEP_NAMES+=("$1"); STEP_RCS+=("$2"); STEP_SECS+=("$3"); STEP_NOTES+=("${4:-}")
}

# What an exit code means, per kind of step (the apps' and scripts' documented codes).
explain() { # KIND RC
  case $2 in
    0) echo "ok" ;;
    124) echo "timed out" ;;
    137) echo "killed after the timeout" ;;
    126) echo "not executable" ;;
    127) echo "not found" ;;
    *)
      case "$1:$2" in
        conformance:1) echo "a result differs" ;;
        conformance:2) echo "plugin could not be loaded (see stderr)" ;;
        jax:1) echo "a JAX result disagrees or failed" ;;
        jax:2) echo "nothing could be checked (no input, no JAX or no GPU)" ;;
        *) echo "failed" ;;
      esac ;;
  esac
}

# run_step NAME KIND LIMIT_S STDOUT_FILE CMD...: stdout also to STDOUT_FILE when given; both streams reach run.log.
run_step() {
  local name=$1 kind=$2 limit=$3 file=$4 rc start
  shift 4
  echo
  echo "=== $name (limit ${limit} s): $*"
  start=$SECONDS
  if [[ -n $file ]]; then
    timeout --kill-after=15 "$limit" "$@" | tee "$file"
    rc=${PIPESTATUS[0]}
  else
    timeout --kill-after=15 "$limit" "$@"
    rc=$?
  fi
  local secs=$((SECONDS - start)) note
  note=$(explain "$kind" "$rc")
  [[ $rc == 124 || $rc == 137 ]] && note="$note (limit ${limit} s)"
  record "$name" "$rc" "$secs" "$note"
  echo "=== $name: exit $rc after ${secs} s ($note)"
}

# Skips a step whose app is missing (publish-gpu.sh not run), counting it as failed.
have_app() { # NAME PATH
  if [[ -f $2 ]]; then
    [[ -x $2 ]] || chmod +x "$2" 2>/dev/null  # a copy may lose the mode bit
    return 0
  fi
  echo "=== $1: $2 is missing (run tools/publish-gpu.sh first)"
  record "$1" 127 0 "missing $2"
  return 1
}

# Prints KEY=VALUE lines: PLUGIN, LIB (repeated, in load order), CUDA_DIR, NOTE. Uses no jax import (slow,
# and it would pick its own libraries): the plugin and the nvidia wheels are found as files.
python_env() {
  "$PY" - <<'PY'
import glob, importlib.util, os, site, sys

roots = []
cands = list(sys.path)
for get in (getattr(site, "getsitepackages", None), getattr(site, "getusersitepackages", None)):
    try:
        got = get() if get else []
        cands += [got] if isinstance(got, str) else list(got)
    except Exception:
        pass
for p in cands:
    if p and os.path.isdir(p) and os.path.realpath(p) not in roots:
        roots.append(os.path.realpath(p))

plugin = None
try:
    spec = importlib.util.find_spec("jax_plugins.xla_cuda13")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        if os.path.isfile(os.path.join(loc, "xla_cuda_plugin.so")):
            plugin = os.path.join(loc, "xla_cuda_plugin.so")
            break
except Exception as e:
    print(f"NOTE=find_spec('jax_plugins.xla_cuda13') failed: {e!r}")
if plugin is None:
    for r in roots:  # any CUDA plugin, the newest CUDA first
        hits = sorted(glob.glob(os.path.join(r, "jax_plugins", "xla_cuda*", "xla_cuda_plugin.so")), reverse=True)
        if hits:
            plugin = hits[0]
            print(f"NOTE=no jax_plugins.xla_cuda13 package; using {plugin}")
            break
if plugin:
    print(f"PLUGIN={os.path.realpath(plugin)}")
    site_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(plugin))))
    roots.insert(0, site_dir)

# The order JAX preloads them in (jax_plugins/xla_cuda13/__init__.py), then any other nvidia/*/lib.
libs = []
for r in roots:
    for name in ("cu13", "nccl", "nvshmem", "cudnn"):
        d = os.path.join(r, "nvidia", name, "lib")
        if os.path.isdir(d) and d not in libs:
            libs.append(d)
for r in roots:
    for d in sorted(glob.glob(os.path.join(r, "nvidia", "*", "lib"))):
        if d not in libs:
            libs.append(d)
for d in libs:
    print(f"LIB={d}")
for r in roots:
    d = os.path.join(r, "nvidia", "cu13")
    if os.path.isdir(d):
        print(f"CUDA_DIR={d}")
        break
PY
}

main() {
  echo "LoopGen GPU run: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), results in $OUT_DIR"
  if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi -L
  else
    echo "nvidia-smi: not found"
  fi

  # --- environment: plugin, CUDA libraries, ptxas/libdevice
  local plugin="" cuda_dir="" key value start=$SECONDS
  local -a libs=()
  while IFS='=' read -r key value; do
    case $key in
      PLUGIN) plugin=$value ;;
      LIB) libs+=("$value") ;;
      CUDA_DIR) cuda_dir=$value ;;
      NOTE) echo "note: $value" ;;
    esac
  done < <(python_env)
  if [[ -n ${LOOPGEN_PJRT_PLUGIN:-} ]]; then
    echo "LOOPGEN_PJRT_PLUGIN was set; using it instead of $plugin"
    plugin=$LOOPGEN_PJRT_PLUGIN
  fi
  if [[ -n $plugin && -f $plugin ]]; then
    export LOOPGEN_PJRT_PLUGIN=$plugin
    record "find PJRT plugin" 0 $((SECONDS - start)) "$plugin"
  else
    record "find PJRT plugin" 1 $((SECONDS - start)) "no jax_plugins/xla_cuda*/xla_cuda_plugin.so for $PY"
    plugin=""
  fi
  if ((${#libs[@]})); then
    local joined
    joined=$(IFS=:; echo "${libs[*]}")
    export LD_LIBRARY_PATH="$joined${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  # XLA looks for ptxas and libdevice under CUDA_HOME, /usr/local/cuda, or ../nvidia/cu13 from the plugin;
  # the flag makes the pip copy explicit. A data dir the caller already chose wins.
  if [[ -n $cuda_dir && ${XLA_FLAGS:-} != *--xla_gpu_cuda_data_dir=* ]]; then
    export XLA_FLAGS="${XLA_FLAGS:+$XLA_FLAGS }--xla_gpu_cuda_data_dir=$cuda_dir"
  fi
  # A self-contained .NET app needs libicu unless globalization is invariant; bare GPU images often lack it.
  if [[ -z ${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-} ]] && ! ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so'; then
    export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
  fi
  export JAX_ENABLE_COMPILATION_CACHE=false
  echo "LOOPGEN_PJRT_PLUGIN=${LOOPGEN_PJRT_PLUGIN:-<none>}"
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "XLA_FLAGS=${XLA_FLAGS:-}"
  echo "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-}"

  local -a plugin_args=()
  [[ -n $plugin ]] && plugin_args=(--plugin "$plugin")

  # --- LoopGen on the GPU
  if have_app "conformance cases" "$CONF"; then
    run_step "conformance cases" conformance 300 "" \
      "$CONF" cases --out "$OUT_DIR/conformance" ${plugin_args[@]+"${plugin_args[@]}"}
  fi
  if have_app "conformance loops" "$CONF"; then
    # loops --out DIR writes DIR/loops/.
    run_step "conformance loops" conformance 500 "" \
      "$CONF" loops --out "$OUT_DIR" --max "$LOOPS_MAX" --max-unrolled "$MAX_UNROLLED" ${plugin_args[@]+"${plugin_args[@]}"}
  fi
  local step
  for step in "samples run" "samples bench"; do
    if [[ -z $plugin ]]; then
      echo "=== $step: skipped, no PJRT plugin to name in --backend pjrt:PATH"
      record "$step" skipped 0 "no PJRT plugin"
    elif have_app "$step" "$SAMPLES"; then
      if [[ $step == "samples run" ]]; then
        run_step "$step" samples 200 "$OUT_DIR/samples-run.txt" \
          "$SAMPLES" run all --backend "pjrt:$plugin"
      else
        run_step "$step" samples 200 "$OUT_DIR/samples-bench.md" \
          "$SAMPLES" bench --max 100000 --backend "pjrt:$plugin" --markdown
      fi
    fi
  done

  # --- JAX on the same StableHLO text
  run_step "jax compare" jax 400 "" \
    "$PY" -u tools/gpu/jax_compare.py "$OUT_DIR/conformance" --md "$OUT_DIR/jax-compare.md"
  run_step "jax loop times" jax 400 "" \
    "$PY" -u tools/gpu/jax_loop_times.py "$OUT_DIR" --md "$OUT_DIR/loop-times.md" \
      --max "$LOOPS_MAX" --max-unrolled "$JAX_MAX_UNROLLED"

  # --- summary
  local i failed=0 summary
  summary=$'| step | exit | seconds | note |\n|---|---|---|---|\n'
  for i in "${!STEP_NAMES[@]}"; do
    [[ ${STEP_RCS[$i]} == 0 ]] || failed=1
    summary+="| ${STEP_NAMES[$i]} | ${STEP_RCS[$i]} | ${STEP_SECS[$i]} | ${STEP_NOTES[$i]//|/\\|} |"$'\n'
  done
  printf '%s' "$summary" >"$OUT_DIR/steps.md"
  echo
  echo "=== summary (also $OUT_DIR/steps.md)"
  printf '%s' "$summary"
  echo "files:"
  (cd "$OUT_DIR" && find . -maxdepth 2 -not -name '*.npy' | sort | head -n 60)
  return "$failed"
}

main "$@" 2>&1 | tee "$OUT_DIR/run.log"
exit "${PIPESTATUS[0]}"
