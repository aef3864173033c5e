#!/usr/bin/env bash
# The build-cost benchmark of issue 15 (a benchmark, never part of `dotnet test`): generates a project of 200
# [Compile] methods twice (with LoopGen's generator and analyzers, and the same code with the runtime only), then,
# interleaved over several rounds, times a clean build and the build after editing one method body of each, and
# reads the compiler's own analyzer/generator times (-p:ReportAnalyzer=true). Prints a markdown section.
#
#   tools/build-cost.sh [--rounds 5] [--methods 200] [--markdown FILE] [--keep] [--shared-compilation] [--compiler-time]
#
# The temp project lives under $TMPDIR (or /tmp) and is removed at the end unless --keep.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
command -v dotnet >/dev/null || { echo "build-cost: dotnet not found" >&2; exit 2; }
command -v python3 >/dev/null || { echo "build-cost: python3 not found" >&2; exit 2; }
exec python3 "$here/build-cost/build_cost.py" --repo "$repo" "$@"
