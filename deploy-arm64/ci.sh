#!/usr/bin/env bash
# What CI checks of the deployment: shellcheck on the scripts, the publish for each runtime id,
# `systemd-analyze verify` of the unit, and the x64 package through install -> ready -> upgrade ->
# a deliberately broken upgrade that rolls back -> ready again, in a scratch root without systemd,
# with a task stored before the upgrades still there at the end.
#
#   deploy-arm64/ci.sh [--x64-only]
#
# Order, for time: the x64 package is published first; then the arm64 chain (its publish, the package's content,
# `models check` under qemu-aarch64) runs in the background while the x64 package goes through the offline install
# and the install/upgrade/rollback cycle, which mostly waits on the agent. Its output is printed when it ends; either
# failing fails the script.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
arm64_wanted=1
[ "${1:-}" = "--x64-only" ] && arm64_wanted=0

need=()
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v curl >/dev/null || need+=(curl)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
arm64=0
if [ "$arm64_wanted" -eq 1 ]; then
  # The arm64 agent runs under user-mode emulation with Debian's arm64 libraries (multiarch): glibc, libstdc++ for
  # ONNX Runtime, libssl for .NET's hashing. No ICU: the agent is built with invariant globalization.
  arm64=1
  command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
  for lib in /lib/ld-linux-aarch64.so.1 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libssl.so.3; do
    if [ ! -e "$lib" ]; then
      dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
      need+=(libc6:arm64 libstdc++6:arm64 libssl3:arm64)
      break
    fi
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

step() { echo "== deploy: $*"; }
work="$(mktemp -d)"
agent_root="$work/root"
arm64_pid="" repack_pid=""
cleanup() {
  "$repo/deploy-arm64/install.sh" stop --root "$agent_root" --no-systemd >/dev/null 2>&1 || true
  # The background jobs, if this script ends early: each in its own process group (set -m below).
  for job in "$arm64_pid" "$repack_pid"; do
    if [ -n "$job" ] && kill -0 "$job" 2>/dev/null; then kill -TERM -- "-$job" 2>/dev/null || true; wait "$job" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

step "shellcheck"
shellcheck "$repo"/deploy-arm64/*.sh

version="ci-$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo local)"
step "publish $version (linux-x64)"
started=$SECONDS
"$repo/deploy-arm64/publish.sh" --version "$version" --out "$work/out" --rid linux-x64
echo "publish (linux-x64) took $((SECONDS - started)) s"

# The arm64 chain, in the background from here on (see the top). Everything it runs is its own: the arm64 publish
# (the libraries it shares with the x64 agent were built by the publish above and are only checked), its package
# and its qemu run; nothing below builds.
arm64_chain() {
  set -euo pipefail
  local started=$SECONDS pkg64="$work/out/edgeagent-$version-linux-arm64.tar.gz"
  echo "== deploy (background): publish $version (linux-arm64)"
  "$repo/deploy-arm64/publish.sh" --version "$version" --out "$work/out" --rid linux-arm64
  echo "publish (linux-arm64) took $((SECONDS - started)) s"
  tar -tzf "$pkg64" > "$work/arm64.list"
  grep -q "agent/models/pick-duration.onnx" "$work/arm64.list"
  grep -q "agent/libonnxruntime.so" "$work/arm64.list"
  if grep -q "onnxruntime.dll" "$work/arm64.list"; then echo "Windows onnxruntime.dll in the arm64 package" >&2; return 1; fi
  # The arm64 package's own agent loads both shipped models with ONNX Runtime's arm64 build, exactly as at start
  # (hash, graph, every check row scored and compared with training), under qemu-aarch64. README: "arm64 under emulation".
  echo "== deploy (background): arm64 models check under qemu-aarch64 (emulated: a functional check, not a speed figure)"
  mkdir -p "$work/arm64"
  tar -xzf "$pkg64" -C "$work/arm64" "edgeagent-$version/agent"
  started=$SECONDS
  DOTNET_EnableWriteXorExecute=0 qemu-aarch64 -L / "$work/arm64/edgeagent-$version/agent/EdgeAgent" models check | tee "$work/arm64-models.txt"
  grep -q "^ok    pick-duration " "$work/arm64-models.txt"
  grep -q "^ok    late-risk " "$work/arm64-models.txt"
  grep -q "Arm64 process" "$work/arm64-models.txt"
  echo "arm64 models check under emulation took $((SECONDS - started)) s"
  rm -rf "$work/arm64"
}
if [ "$arm64" -eq 1 ]; then
  set -m   # its own process group, so cleanup can stop the whole chain (dotnet, qemu) at once
  arm64_chain > "$work/arm64.log" 2>&1 &
  arm64_pid=$!
  set +m
fi
ls -l "$work/out"

pkg="$work/out/edgeagent-$version-linux-x64.tar.gz"
tar -xzf "$pkg" -C "$work"
# The release version is in the agent's own assembly (its InformationalVersion; publish.sh sets it for that project only).
grep -qaF "$version" "$work/edgeagent-$version/agent/EdgeAgent.dll" || { echo "EdgeAgent.dll does not carry version $version" >&2; exit 1; }
step "systemd-analyze verify"
sed "s#^ExecStart=.*#ExecStart=$work/edgeagent-$version/agent/EdgeAgent#" "$repo/deploy-arm64/edgeagent.service" > "$work/edgeagent.service"
systemd-analyze verify "$work/edgeagent.service"

# install.sh's systemd path, as far as it runs without systemd as PID 1: an offline install into a scratch image root
# makes the user and groups with the real useradd/groupadd (--root), sets ownership and modes, installs and enables the
# unit (systemctl --root); the unit's hardening is scored by systemd-analyze security. Not run here: systemctl
# start/stop, READY=1 and the watchdog under a real systemd (README: "What CI exercises"; systemd-check.sh does them).
step "systemd path offline into an image root (useradd/groupadd --root, systemctl --root enable, security score)"
sysroot="$work/sysroot"
mkdir -p "$sysroot/etc"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$sysroot/etc/passwd"; printf 'root:x:0:\n' > "$sysroot/etc/group"
: > "$sysroot/etc/shadow"; : > "$sysroot/etc/gshadow"
"$repo/deploy-arm64/install.sh" install "$pkg" --root "$sysroot" 2>&1 | grep -v "missing or non-executable shell"
grep -q '^edgeagent:x:[0-9]*:[0-9]*::/var/lib/edgeagent:/usr/sbin/nologin$' "$sysroot/etc/passwd"
grep -q '^gpio:x:[0-9]*:edgeagent$' "$sysroot/etc/group"
grep -q '^i2c:x:[0-9]*:edgeagent$' "$sysroot/etc/group"
sys_uid="$(awk -F: '$1 == "edgeagent" { print $3 }' "$sysroot/etc/passwd")"
sys_gid="$(awk -F: '$1 == "edgeagent" { print $3 }' "$sysroot/etc/group")"
[ "$(stat -c %u:%g:%a "$sysroot/var/lib/edgeagent")" = "$sys_uid:$sys_gid:750" ]
[ "$(stat -c %u:%g:%a "$sysroot/etc/edgeagent")" = "0:$sys_gid:750" ]
[ "$(stat -c %u:%g:%a "$sysroot/etc/edgeagent/edgeagent.json")" = "0:$sys_gid:640" ]
cmp "$repo/deploy-arm64/edgeagent.service" "$sysroot/etc/systemd/system/edgeagent.service"
[ "$(readlink "$sysroot/etc/systemd/system/multi-user.target.wants/edgeagent.service")" = /etc/systemd/system/edgeagent.service ]
[ "$(readlink "$sysroot/opt/edgeagent/current")" = "versions/$version" ]
# 3.4 ("OK") when measured; a change that weakens the hardening fails here.
systemd-analyze security --offline=true --root="$sysroot" --threshold=34 edgeagent.service | tail -n 1
if "$repo/deploy-arm64/install.sh" upgrade "$pkg" --root "$sysroot" 2>/dev/null; then echo "an offline upgrade claimed to work" >&2; exit 1; fi
rm -rf "$sysroot"

# A package made from another: same agent under a new version, optionally with a change to its files.
repack() { # repack NEW_VERSION [command run inside the unpacked package]
  local new="$1" stage="$work/repack-$1"; shift
  local dir="$stage/edgeagent-$new"
  rm -rf "$stage"; mkdir -p "$stage"
  cp -a "$work/edgeagent-$version" "$dir"
  echo "$new" > "$dir/VERSION"
  if [ $# -gt 0 ]; then (cd "$dir" && "$@"); fi
  # gzip -1: CI's own packages only need to be valid gzip for install.sh; -6 (publish.sh's) took 2.4 times the CPU.
  tar -C "$stage" -cf - "edgeagent-$new" | gzip -1 > "$work/out/edgeagent-$new-linux-x64.tar.gz"
  (cd "$work/out" && sha256sum "edgeagent-$new-linux-x64.tar.gz" > "edgeagent-$new-linux-x64.tar.gz.sha256")
}
# Made in the background while the first install runs (they only read the unpacked x64 package); waited for before
# the first step that uses them.
make_upgrade_packages() {
  set -euo pipefail
  repack "$version-next"
  # A release whose shipped defaults are invalid: it exits at start (code 2) and never gets ready.
  repack "$version-broken" sed -i 's/"Store": {/"Store": { "MaxBatchSize": 0,/' agent/appsettings.json
  grep -q '"MaxBatchSize": 0' "$work/repack-$version-broken/edgeagent-$version-broken/agent/appsettings.json"
}
set -m   # its own process group, like the arm64 chain
make_upgrade_packages > "$work/repack.log" 2>&1 &
repack_pid=$!
set +m

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
# The API needs a credential: an admin operator whose bearer token's hash is made here the way the agent makes one.
token="ci-admin-token"
# shellcheck disable=SC2016 # the dollar signs are the hash format's separators, not expansions
token_hash="$(python3 -c 'import base64,hashlib,os,sys; s=os.urandom(16); print("pbkdf2-sha256$10000$"+base64.b64encode(s).decode()+"$"+base64.b64encode(hashlib.pbkdf2_hmac("sha256",sys.argv[1].encode(),s,10000,32)).decode())' "$token")"
auth=(-H "Authorization: Bearer $token")
mkdir -p "$agent_root/etc/edgeagent"
cat > "$agent_root/etc/edgeagent/edgeagent.json" <<JSON
{
  "Urls": "$url",
  "EdgeAgent": { "Site": "site1", "GatewayId": "ci" },
  "Store": { "DataDirectory": "$agent_root/var/lib/edgeagent" },
  "Broker": { "Mode": "Embedded", "Port": 0 },
  "Governance": { "Operators": { "ci": { "Role": "Admin", "TokenHash": "$token_hash" } } }
}
JSON
install=("$repo/deploy-arm64/install.sh")
opts=(--root "$agent_root" --no-systemd --url "$url" --ready-timeout 120)

config_sum="$(sha256sum < "$agent_root/etc/edgeagent/edgeagent.json")"
step "install $version (HOME empty, the agent writes only its data directory)"
# The agent must write nothing outside its data directory: not ONNX Runtime's telemetry (~/.cache/Microsoft/...), not
# ASP.NET's key ring (~/.aspnet), not into its working directory. HOME is an empty directory of its own and the XDG
# variables are unset, so either default would land there; install.sh leaves ORT_DISABLE_TELEMETRY to the agent.
home="$work/home"; mkdir -p "$home"
agent_env=(env -u XDG_CACHE_HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u ORT_DISABLE_TELEMETRY HOME="$home")
"${agent_env[@]}" "${install[@]}" install "$pkg" "${opts[@]}"
curl -fsS "${auth[@]}" -X POST -H 'Content-Type: application/json' \
  -d '[{"id":"CI-1","location":"A-01-1","sku":"SKU-CI","qty":3}]' "$url/api/tasks" >/dev/null
has_task() { curl -fsS "${auth[@]}" "$url/api/state" > "$work/state.json" && grep -q '"CI-1"' "$work/state.json"; }
has_task
# The models are loaded (ONNX Runtime's environment exists) once the planner reports no rejected model.
for _ in $(seq 1 300); do
  curl -fsS "${auth[@]}" "$url/api/planning" > "$work/planning.json" && grep -q '"rejectedModels":\[\]' "$work/planning.json" && break
  sleep 0.2
done
grep -q '"rejectedModels":\[\]' "$work/planning.json" || { echo "the models did not load:" >&2; cat "$work/planning.json" >&2; exit 1; }
if [ -n "$(find "$home" -mindepth 1 -print -quit)" ]; then echo "the agent wrote into HOME:" >&2; find "$home" >&2; exit 1; fi
diff <(cd "$work/edgeagent-$version/agent" && find . -printf '%p %s\n' | sort) \
     <(cd "$agent_root/opt/edgeagent/current/agent" && find . -printf '%p %s\n' | sort) \
  || { echo "the agent changed its working directory (above)" >&2; exit 1; }

wait "$repack_pid" || { cat "$work/repack.log" >&2; echo "making the upgrade packages failed" >&2; exit 1; }
repack_pid=""
step "tampered package is refused"
cp "$work/out/edgeagent-$version-next-linux-x64.tar.gz" "$work/tampered.tar.gz"
sed 's/[0-9a-f]\{8\}/00000000/' "$work/out/edgeagent-$version-next-linux-x64.tar.gz.sha256" | sed "s#edgeagent-$version-next-linux-x64#tampered#" > "$work/tampered.tar.gz.sha256"
if "${install[@]}" upgrade "$work/tampered.tar.gz" "${opts[@]}"; then echo "a package with a wrong checksum was installed" >&2; exit 1; fi

step "upgrade to $version-next"
"${agent_env[@]}" "${install[@]}" upgrade "$work/out/edgeagent-$version-next-linux-x64.tar.gz" "${opts[@]}"
curl -fsS "$url/readyz" >/dev/null
has_task

step "broken upgrade to $version-broken rolls back"
if "${agent_env[@]}" "${install[@]}" upgrade "$work/out/edgeagent-$version-broken-linux-x64.tar.gz" "${opts[@]}"; then
  echo "the broken upgrade reported success" >&2; exit 1
fi
[ "$("${install[@]}" status "${opts[@]}")" = "current: $version-next  previous: $version" ]
curl -fsS "$url/readyz" >/dev/null
has_task
[ "$(sha256sum < "$agent_root/etc/edgeagent/edgeagent.json")" = "$config_sum" ]
[ -z "$(find "$home" -mindepth 1 -print -quit)" ]

step "rollback to $version"
"${agent_env[@]}" "${install[@]}" rollback "${opts[@]}"
[ "$("${install[@]}" status "${opts[@]}")" = "current: $version  previous: $version-next" ]
has_task

if [ -n "$arm64_pid" ]; then
  step "arm64 chain (ran in the background)"
  arm64_status=0
  wait "$arm64_pid" || arm64_status=$?
  arm64_pid=""
  cat "$work/arm64.log"
  [ "$arm64_status" -eq 0 ] || { echo "the arm64 chain failed (exit $arm64_status)" >&2; exit "$arm64_status"; }
fi

echo "deploy checks passed in $SECONDS s"
