#!/usr/bin/env bash
# Publishes EdgeAgent (and central's host, for sites that run central themselves) self-contained
# for each runtime id, into a versioned tarball with a SHA-256 checksum file next to it.
#
#   deploy-arm64/publish.sh [--version V] [--out DIR] [--rid RID]... [--no-central]
#
# Default: both linux-arm64 and linux-x64, version from `git describe`, output in artifacts/deploy.
# Untrimmed on purpose: LiteDB's BsonMapper, Serilog's configuration and ASP.NET minimal APIs
# reflect over types the trimmer cannot see, and ONNX Runtime is a native library the trimmer
# does not shrink anyway (see README.md, "Why not trimmed").
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="$(git -C "$repo" describe --tags --always --dirty 2>/dev/null || echo 0.0.0)"
out="$repo/artifacts/deploy"
rids=()
central=1
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --rid) rids+=("$2"); shift 2 ;;
    --no-central) central=0; shift ;;
    *) echo "publish.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-arm64 linux-x64)
case "$version" in
  */*|*" "*|"") echo "publish.sh: version '$version' must be one path segment" >&2; exit 2 ;;
esac
# The version reaches the agent's own assembly only (EdgeAgent.csproj reads these two variables). Passed as a global
# -p: property it reached every library the agent references too, so each publish rebuilt all of them, although
# `dotnet build`/`dotnet test` had just built the very same code. NuGet's restore rejects a Version that is not
# numeric (e.g. a commit id): then only the informational one.
export EDGEAGENT_RELEASE_VERSION="$version"
EDGEAGENT_RELEASE_NUMERIC_VERSION=""
if [[ "${version#v}" =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$ ]]; then EDGEAGENT_RELEASE_NUMERIC_VERSION="${version#v}"; fi
export EDGEAGENT_RELEASE_NUMERIC_VERSION
mkdir -p "$out"
out="$(cd "$out" && pwd)"

for rid in "${rids[@]}"; do
  name="edgeagent-$version-$rid"
  stage="$(mktemp -d)"
  root="$stage/edgeagent-$version"
  echo "Publishing $name"
  dotnet publish "$repo/EdgeAgent/EdgeAgent.csproj" -c Release -r "$rid" --self-contained true \
    -o "$root/agent" --nologo -v quiet
  if [ "$central" -eq 1 ]; then
    dotnet publish "$repo/CloudBridge/Central.Host/CloudBridge.Central.Host.csproj" -c Release -r "$rid" --self-contained true \
      -o "$root/central" --nologo -v quiet
  fi
  # ONNX Runtime's package copies its Windows library into Linux publishes: never loaded, 10+ MB.
  find "$root" \( -name '*.dll' -a -name 'onnxruntime*' -o -name '*.pdb' -o -name '*.dylib' \) -delete
  for manifest in "$repo"/EdgeAgent.Models/models/*.manifest.json; do
    model="${manifest%.manifest.json}.onnx"
    [ -f "$root/agent/models/$(basename "$model")" ] || { echo "publish.sh: $(basename "$model") missing from the publish" >&2; exit 1; }
  done
  cp "$repo/deploy-arm64/install.sh" "$repo/deploy-arm64/edgeagent.service" "$repo/deploy-arm64/README.md" "$root/"
  cp -r "$repo/deploy-arm64/config" "$repo/deploy-arm64/mosquitto" "$root/"
  echo "$version" > "$root/VERSION"
  echo "$rid" > "$root/RID"
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "edgeagent-$version"
  (cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
  rm -rf "$stage"
  echo "Wrote $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1)) and its .sha256"
done
