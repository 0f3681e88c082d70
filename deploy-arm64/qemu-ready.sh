#!/usr/bin/env bash
# The published arm64 agent, whole, under user-mode emulation (qemu-aarch64 with Debian's multiarch arm64 libraries):
# starts it as a gateway would run it, waits for /readyz, then checks that both shipped models are loaded and trusted
# (its log: "Pick planning by model (models trusted)") and that picks are scored through them: tasks are released, a
# handheld logs in over MQTT (mosquitto_rr, the real broker login with a device password), and the planner's plan for
# that picker must be made by the model ("method":"model") with the pick-duration model's predicted seconds per task.
#
#   deploy-arm64/qemu-ready.sh PACKAGE.tar.gz|AGENT_DIR [--timeout SECONDS] [--wxorx 0|1] [--keep DIR]
#
# --timeout   how long to wait for /readyz (default 3600: the whole agent is JIT-compiled by an emulated JIT).
# --wxorx     DOTNET_EnableWriteXorExecute for the run (default 0; README "arm64 under emulation" says why; 1 is the
#             runtime's own default, for proving what W^X does under qemu).
# --keep DIR  leave the run's directory (configuration, data, agent.log) in DIR.
#
# Needs qemu-user, libc6:arm64 libstdc++6:arm64 libssl3:arm64 (dpkg --add-architecture arm64), mosquitto-clients,
# curl and python3; fails (never skips) when one is missing. Prints the seconds from launch to ready and to the first
# model plan: functional figures under emulation, never a measure of a gateway's speed.
set -euo pipefail
source="" timeout=3600 wxorx=0 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout="$2"; shift 2 ;;
    --wxorx) wxorx="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -*) echo "qemu-ready.sh: unknown option $1" >&2; exit 2 ;;
    *) source="$1"; shift ;;
  esac
done
[ -n "$source" ] || { sed -n '2,17p' "$0"; exit 2; }
case "$wxorx" in 0|1) ;; *) echo "qemu-ready.sh: --wxorx is 0 or 1" >&2; exit 2 ;; esac

missing=()
command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
[ -e /lib/ld-linux-aarch64.so.1 ] || missing+=(libc6:arm64)
[ -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ] || missing+=(libstdc++6:arm64)
[ -e /usr/lib/aarch64-linux-gnu/libssl.so.3 ] || missing+=(libssl3:arm64)
command -v mosquitto_rr >/dev/null || missing+=(mosquitto-clients)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "qemu-ready.sh: missing ${missing[*]}: dpkg --add-architecture arm64 && apt-get update && apt-get install ${missing[*]}" >&2
  exit 1
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -n "$keep" ]; then mkdir -p "$keep" && cp -a "$work/." "$keep/"; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -d "$source" ]; then
  agent="$(cd "$source" && pwd)"
else
  mkdir -p "$work/package"
  tar -xzf "$source" -C "$work/package" --wildcards '*/agent/*' '*/RID'
  agent="$(echo "$work"/package/*/agent)"
  [ "$(cat "$work"/package/*/RID)" = linux-arm64 ] || { echo "qemu-ready.sh: $source is not a linux-arm64 package" >&2; exit 2; }
fi
[ -x "$agent/EdgeAgent" ] || { echo "qemu-ready.sh: no EdgeAgent in $agent" >&2; exit 2; }
# An arm64 executable (ELF e_machine 183, EM_AARCH64), so the run below is the emulated one.
[ "$(od -An -t u2 -j 18 -N 2 "$agent/EdgeAgent" | tr -d ' ')" = 183 ] || { echo "qemu-ready.sh: $agent/EdgeAgent is not an arm64 executable" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# pbkdf2-sha256$ITERATIONS$SALT$HASH, the agent's password and token hash format (PasswordHash).
# shellcheck disable=SC2016 # the dollar signs are the hash format's separators, not expansions
hash_of() { python3 -c 'import base64,hashlib,os,sys; s=os.urandom(16); print("pbkdf2-sha256$10000$"+base64.b64encode(s).decode()+"$"+base64.b64encode(hashlib.pbkdf2_hmac("sha256",sys.argv[1].encode(),s,10000,32)).decode())' "$1"; }
http_port="$(free_port)"; broker_port="$(free_port)"
url="http://127.0.0.1:$http_port"
token="qemu-admin-token"; device_password="qemu-hh-1-password"
mkdir -p "$work/data" "$work/home"
# The planner's deadlines are raised: a rebalance past its deadline (10 ms; the first, cold one 1 s) returns the
# rule's plan, and an emulated JIT compiling the rebalancer's code on its first calls takes longer than that. That is
# the emulator's speed, not the model path; everything else is the shipped default.
cat > "$work/edgeagent.json" <<JSON
{
  "Urls": "$url",
  "EdgeAgent": { "Site": "site1", "GatewayId": "qemu" },
  "Store": { "DataDirectory": "$work/data" },
  "Broker": { "Mode": "Embedded", "BindAddress": "127.0.0.1", "Port": $broker_port,
              "Clients": { "hh-1": { "Kind": "handheld", "PasswordHash": "$(hash_of "$device_password")" } } },
  "Handhelds": { "Devices": [ "hh-1" ] },
  "Planning": { "DeadlineMilliseconds": 10000, "ColdDeadlineMilliseconds": 60000 },
  "Governance": { "Operators": { "qemu": { "Role": "Admin", "TokenHash": "$(hash_of "$token")" } } }
}
JSON
auth=(-H "Authorization: Bearer $token")

echo "qemu-ready.sh: starting $agent/EdgeAgent under qemu-aarch64 (DOTNET_EnableWriteXorExecute=$wxorx, load $(cut -d' ' -f1-3 /proc/loadavg))"
launched=$SECONDS
(cd "$agent" && exec env HOME="$work/home" EDGEAGENT_CONFIG="$work/edgeagent.json" DOTNET_EnableWriteXorExecute="$wxorx" \
  qemu-aarch64 -L / ./EdgeAgent >"$work/agent.log" 2>&1) &
pid=$!

died() {
  echo "qemu-ready.sh: the agent exited after $((SECONDS - launched)) s: $(wait "$pid" 2>/dev/null; echo "exit $?")" >&2
  tail -n 30 "$work/agent.log" >&2
  pid=""
  exit 1
}
until curl -fsS -o /dev/null --max-time 10 "$url/readyz" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || died
  [ $((SECONDS - launched)) -lt "$timeout" ] || { echo "qemu-ready.sh: not ready within $timeout s" >&2; tail -n 30 "$work/agent.log" >&2; exit 1; }
  sleep 2
done
ready=$((SECONDS - launched))
echo "qemu-ready.sh: /readyz 200 after $ready s (load $(cut -d' ' -f1-3 /proc/loadavg))"

# Both shipped models loaded (every check row of both manifests scored at load) and trusted by the planner.
# The console log is JSON lines when not on a terminal: {"@mt":"Pick planning by {Method} ({Why}) {Models}","Method":"model","Why":"models trusted",…}
trusted='Pick planning by model \(models trusted\)|"Method":"model","Why":"models trusted"'
until grep -qE "$trusted" "$work/agent.log"; do
  kill -0 "$pid" 2>/dev/null || died
  [ $((SECONDS - launched)) -lt "$timeout" ] || { echo "qemu-ready.sh: the planner never trusted the models" >&2; grep -i "model\|planning" "$work/agent.log" | tail -n 20 >&2; exit 1; }
  sleep 2
done
echo "qemu-ready.sh: the planner trusts both models after $((SECONDS - launched)) s: $(grep -m1 -oE '"Models":"[^"]*"' "$work/agent.log" | tail -n 1)"

# Work for a picker, then the picker: the plan must give hh-1's picker tasks scored by the models.
due="$(date -u -d '+40 minutes' +%Y-%m-%dT%H:%M:%SZ)"
curl -fsS "${auth[@]}" -X POST -H 'Content-Type: application/json' --max-time 120 "$url/api/tasks" -d "[
  {\"id\":\"Q-1\",\"location\":\"A-03-1\",\"sku\":\"SKU-1\",\"qty\":2,\"dueAt\":\"$due\",\"orderId\":\"SO-1\"},
  {\"id\":\"Q-2\",\"location\":\"B-11-2\",\"sku\":\"SKU-2\",\"qty\":1,\"dueAt\":\"$due\",\"orderId\":\"SO-1\"},
  {\"id\":\"Q-3\",\"location\":\"C-20-3\",\"sku\":\"SKU-3\",\"qty\":3,\"dueAt\":\"$due\",\"orderId\":\"SO-2\"},
  {\"id\":\"Q-4\",\"location\":\"D-07-1\",\"sku\":\"SKU-4\",\"qty\":1,\"dueAt\":\"$due\",\"orderId\":\"SO-2\"}]" >/dev/null
prompt="$(mosquitto_rr -V 5 -h 127.0.0.1 -p "$broker_port" -i hh-1 -u hh-1 -P "$device_password" -q 1 -W 300 \
  -t dc/site1/handheld/hh-1/event -e dc/site1/handheld/hh-1/prompt -m '{"v":1,"seq":1,"type":"login","picker":"P-1"}')"
echo "qemu-ready.sh: handheld login answered: $prompt"
case "$prompt" in *'"ack":1'*'"task"'*) ;; *) echo "qemu-ready.sh: the login was not answered with a task" >&2; exit 1 ;; esac

plan_deadline=$((SECONDS + 900))
until curl -fsS "${auth[@]}" --max-time 30 "$url/api/planning" > "$work/planning.json" 2>/dev/null \
  && python3 - "$work/planning.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
picks = (plan.get("pickers") or {}).get("P-1") or []
ok = plan.get("method") == "model" and "pick-duration@" in (plan.get("models") or "") and "late-risk@" in (plan.get("models") or "") \
     and len(picks) > 0 and all((p.get("predictedSeconds") or 0) > 0 and "predicted" in (p.get("basis") or "") for p in picks)
sys.exit(0 if ok else 1)
PY
do
  kill -0 "$pid" 2>/dev/null || died
  [ "$SECONDS" -lt "$plan_deadline" ] || { echo "qemu-ready.sh: no model plan for P-1 within 900 s of the login:" >&2; cat "$work/planning.json" >&2; exit 1; }
  sleep 2
done
python3 - "$work/planning.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
print("qemu-ready.sh: plan %s by %s (%s)" % (plan.get("seq"), plan.get("method"), plan.get("models")))
for p in plan["pickers"]["P-1"]:
    print("  P-1 <- %s: %.1f s predicted, late risk %s; %s" % (p["taskId"], p["predictedSeconds"], p.get("lateRisk"), p["basis"]))
PY
echo "qemu-ready.sh: passed: ready after $ready s, model plan after $((SECONDS - launched)) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
