#!/usr/bin/env bash
# Publishes loopgen-conformance and the samples app self-contained for linux-x64 (the GPU machine has no .NET)
# into one folder, artifacts/gpu/app (the two apps share the runtime's files), and packs it as
# artifacts/gpu/app.tar.gz (about 35 MB: the device tool carries at most 64 MiB). tools/gpu-run.sh unpacks it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=artifacts/gpu
rm -rf "$out/app" "$out/app.tar.gz"
mkdir -p "$out"
for project in tools/LoopGen.Conformance samples/LoopGen.Samples; do
  # English messages only and no symbols: a smaller carry; nothing else differs from a normal Release build.
  dotnet publish "$project" -c Release -r linux-x64 --self-contained \
    -p:SatelliteResourceLanguages=en -p:DebugType=none -o "$out/app"
done
tar -C "$out" -czf "$out/app.tar.gz" app
echo "published: $out/app ($(du -sh "$out/app" | cut -f1)), packed: $out/app.tar.gz ($(du -h "$out/app.tar.gz" | cut -f1))"
echo "on the GPU machine, from the repo root: bash tools/gpu-run.sh   (carry artifacts/gpu/app.tar.gz)"
