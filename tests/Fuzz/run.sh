#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that take bytes from outside (tests/Fuzz/README.md): builds the targets,
# instruments a copy of the build with SharpFuzz, and runs AFL++ on each target for a while, two at a time.
# Prints the cases tried per target and fails (exit 1) on any crash (an exception, a broken promise, unbounded
# memory) or hang, printing the input file and the exception.
#
#   tests/Fuzz/run.sh                      # the quick form .ci/run uses: 3 s per target
#   tests/Fuzz/run.sh --seconds 300        # the longer run (5 minutes per target)
#   tests/Fuzz/run.sh --seconds 60 handheld gs1 --keep
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds=3
keep=0
build=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "Installing afl++ (Debian package) for the fuzz targets"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq afl++ >/dev/null
fi

if [ "$build" -eq 1 ]; then
  dotnet build "$here/EdgeAgent.Fuzz.csproj" -c Release -v q -nologo >/dev/null
fi
work=$(mktemp -d /tmp/edgeagent-fuzz-XXXXXX)
# Instrument a copy: the build output stays uninstrumented (instrumented code needs AFL's shared memory to run).
cp -r "$here/bin/Release/net10.0" "$work/bin"
dotnet "$work/bin/EdgeAgent.Fuzz.dll" instrument "$work/bin" >/dev/null
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(dotnet "$work/bin/EdgeAgent.Fuzz.dll" list | awk '{print $1}')
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
dotnet_bin=$(command -v dotnet)
fuzz_one() {
  local t="$1"
  # -t: an input that takes over 3 s is a hang (the parsers take microseconds); -m none: .NET reserves far more
  # virtual memory than it uses, so the bound on memory is the per-input allocation check in Program.cs.
  timeout $((seconds + 120)) afl-fuzz -V "$seconds" -i "$here/corpus/$t" -o "$work/out-$t" -t 3000 -m none \
    -- "$dotnet_bin" "$work/bin/EdgeAgent.Fuzz.dll" "$t" >"$work/afl-$t.log" 2>&1 || echo "afl-fuzz for $t exited $?" >>"$work/afl-$t.log"
}

started=$SECONDS
running=0
for t in "${targets[@]}"; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge 2 ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

status=0; total=0
for t in "${targets[@]}"; do
  stats="$work/out-$t/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz $t: afl-fuzz did not run; its log:" >&2
    tail -20 "$work/afl-$t.log" >&2
    status=1; continue
  fi
  field() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  execs=$(field execs_done); crashes=$(field saved_crashes); hangs=$(field saved_hangs)
  total=$((total + execs))
  echo "fuzz $t: $execs cases in $(field run_time) s, corpus $(field corpus_count), coverage $(field bitmap_cvg), $crashes crashes, $hangs hangs"
  if [ "$crashes" != "0" ] || [ "$hangs" != "0" ]; then
    status=1
    for f in "$work/out-$t/default/crashes/"id:* "$work/out-$t/default/hangs/"id:*; do
      [ -f "$f" ] || continue
      echo "  input: $f ($(wc -c <"$f") bytes)"
      dotnet "$here/bin/Release/net10.0/EdgeAgent.Fuzz.dll" replay "$t" "$f" | sed 's/^/    /' || true
    done
  fi
done
echo "fuzz: ${#targets[@]} targets, $total cases in $((SECONDS - started)) s, status $status"
if [ "$status" -ne 0 ] || [ "$keep" -eq 1 ]; then
  echo "kept: $work (out-<target>/default/{crashes,hangs,queue}, afl-<target>.log)"
else
  rm -rf "$work"
fi
exit "$status"
