#!/usr/bin/env bash
# The unit under a real systemd: boots a minimal Debian 12 root with systemd as PID 1 in a container
# (systemd-nspawn --boot), installs an x64 package into it with install.sh's offline path, and checks at run time
# what CI can only check offline:
#   - Type=notify: systemd reports the unit started only after the agent's READY=1, and /readyz then answers 200;
#   - the hardening as the kernel applies it to the running agent (user and groups, no capabilities, no new
#     privileges, seccomp, a read-only system with only /var/lib/edgeagent writable, no /home) and the device policy
#     (the unit's own [Service] section run as a probe: /dev/null opens, any device outside the allow list is refused);
#   - Restart=on-failure: the agent killed with SIGKILL is restarted and ready again;
#   - the watchdog: the data directory's file system is frozen (fsfreeze), so the store writer wedges on its next
#     write; the agent stops feeding the watchdog, systemd kills it after WatchdogSec (WatchdogSignal=SIGKILL) and
#     Restart=on-failure brings it back once the file system thaws, with the data acknowledged before still there;
#   - a clean stop (systemctl stop: exit 0 within TimeoutStopSec).
#
#   sudo deploy-arm64/systemd-check.sh edgeagent-<V>-linux-x64.tar.gz [--base DIR] [--keep DIR]
#
# --base DIR  a Debian root with systemd to copy (default /var/tmp/edgeagent-systemd-base); made with debootstrap from
#             the apt mirror (/etc/apt) when it does not exist, and kept for the next run.
# --keep DIR  copy the container's journal and the run's files there.
#
# Needs root, systemd-container (systemd-nspawn), debootstrap, util-linux (fsfreeze, mount -o loop), e2fsprogs,
# curl and python3. Not part of CI: debootstrap needs the mirror and minutes (README "What CI exercises").
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
pkg="" base="/var/tmp/edgeagent-systemd-base" keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -*) echo "systemd-check.sh: unknown option $1" >&2; exit 2 ;;
    *) pkg="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift ;;
  esac
done
[ -n "$pkg" ] || { sed -n '2,22p' "$0"; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "systemd-check.sh: run as root (it boots a container and mounts a file system)" >&2; exit 2; }
missing=()
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
command -v debootstrap >/dev/null || [ -x "$base/lib/systemd/systemd" ] || missing+=(debootstrap)
command -v fsfreeze >/dev/null || missing+=(util-linux)
command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
[ ${#missing[@]} -eq 0 ] || { echo "systemd-check.sh: missing ${missing[*]}: apt-get install ${missing[*]}" >&2; exit 1; }

say() { echo "systemd-check.sh: $*"; }
fail() { echo "systemd-check.sh: FAIL: $*" >&2; exit 1; }
started=$SECONDS

if [ ! -x "$base/lib/systemd/systemd" ]; then
  mirror="$(awk '/^URIs:/ { print $2; exit } /^deb / { print $2; exit }' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)"
  say "making the base root $base with debootstrap (${mirror:-http://deb.debian.org/debian})"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,libssl3,ca-certificates bookworm "$base" \
    "${mirror:-http://deb.debian.org/debian}" > /dev/null
fi

work="$(mktemp -d /var/tmp/edgeagent-systemd-check.XXXXXX)"
root="$work/root"
data="$root/var/lib/edgeagent"
nspawn_pid="" leader="" frozen=0
in_container() { nsenter -t "$leader" -a "$@"; }
cleanup() {
  [ "$frozen" -eq 0 ] || fsfreeze -u "$data" 2>/dev/null || true
  if [ -n "$keep" ] && [ -n "$leader" ]; then
    mkdir -p "$keep"; in_container journalctl -b --no-pager -o short-precise > "$keep/journal.txt" 2>/dev/null || true
  fi
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    [ -z "$leader" ] || in_container systemctl poweroff 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  if [ -n "$keep" ]; then cp -a "$work/config.json" "$work/probe.txt" "$keep/" 2>/dev/null || true; fi
  mountpoint -q "$data" 2>/dev/null && umount "$data"
  rm -rf "$work"
}
trap cleanup EXIT

say "copying the base root"
cp -a "$base" "$root"
# The data directory on its own small ext4 file system, so it can be frozen to wedge the store writer.
truncate -s 256M "$work/data.img"
mkfs.ext4 -q -F "$work/data.img"
mkdir -p "$data"
mount -o loop "$work/data.img" "$data"
"$repo/deploy-arm64/install.sh" install "$pkg" --root "$root" | sed 's/^/  /'
version="$(readlink "$root/opt/edgeagent/current")"; version="${version##*/}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port="$(free_port)"; broker_port="$(free_port)"
url="http://127.0.0.1:$http_port"
token="systemd-check-admin"
# shellcheck disable=SC2016 # the dollar signs are the hash format's separators, not expansions
token_hash="$(python3 -c 'import base64,hashlib,os,sys; s=os.urandom(16); print("pbkdf2-sha256$10000$"+base64.b64encode(s).decode()+"$"+base64.b64encode(hashlib.pbkdf2_hmac("sha256",sys.argv[1].encode(),s,10000,32)).decode())' "$token")"
# The container shares the host's network: loopback ports chosen free here.
cat > "$root/etc/edgeagent/edgeagent.json" <<JSON
{
  "Urls": "$url",
  "EdgeAgent": { "Site": "site1", "GatewayId": "systemd-check" },
  "Store": { "DataDirectory": "/var/lib/edgeagent" },
  "Broker": { "Mode": "Embedded", "BindAddress": "127.0.0.1", "Port": $broker_port, "Authentication": "Required", "Clients": {} },
  "Governance": { "Operators": { "check": { "Role": "Admin", "TokenHash": "$token_hash" } } }
}
JSON
cp "$root/etc/edgeagent/edgeagent.json" "$work/config.json"
auth=(-H "Authorization: Bearer $token")

# The device policy, as systemd applies the unit's own [Service] section: the same file with only the program, the
# service type, the watchdog and the restart policy changed, running a probe that opens two device nodes (made in the
# data directory, the one place it may read): /dev/null's (1:3, allowed by DevicePolicy=closed) and /dev/kmsg's
# (1:11, in no allow list).
mknod -m 0666 "$data/probe-null" c 1 3
mknod -m 0666 "$data/probe-kmsg" c 1 11
# shellcheck disable=SC2016 # $$d is the unit file's escape for the probe's own $d
sed -e 's#^ExecStart=.*#ExecStart=/bin/sh -c "for d in null kmsg; do if head -c0 /var/lib/edgeagent/probe-$$d 2>/dev/null; then echo probe-$$d opened; else echo probe-$$d refused; fi; done"#' \
    -e 's/^Type=notify/Type=oneshot/' -e '/^WatchdogSec/d;/^WatchdogSignal/d;/^Restart/d;/^NotifyAccess/d' \
    -e '/^\[Install\]/,$d' "$root/etc/systemd/system/edgeagent.service" > "$root/etc/systemd/system/edgeagent-device-probe.service"

say "booting the container (systemd as PID 1)"
booted=$SECONDS
systemd-nspawn -D "$root" --boot --register=no --keep-unit --machine="edgeagent-check-$$" --console=pipe \
  > "$work/nspawn.log" 2>&1 < /dev/null &
nspawn_pid=$!
for _ in $(seq 1 300); do
  leader="$(pgrep -P "$nspawn_pid" | head -n 1 || true)"
  [ -n "$leader" ] && state="$(in_container systemctl is-system-running 2>/dev/null || true)" \
    && case "$state" in running|degraded) break ;; esac
  kill -0 "$nspawn_pid" 2>/dev/null || { cat "$work/nspawn.log" >&2; fail "systemd-nspawn exited"; }
  sleep 0.5
done
say "booted: $(in_container systemctl is-system-running || true) after $((SECONDS - booted)) s; $(in_container systemctl --version | head -n 1)"

unit_show() { in_container systemctl show edgeagent.service -p "$1" --value; }
wait_ready_restarts() { # wait_ready_restarts N: active, /readyz 200, NRestarts = N
  for _ in $(seq 1 600); do
    if [ "$(unit_show ActiveState)" = active ] && [ "$(unit_show NRestarts)" = "$1" ] \
      && curl -fsS -o /dev/null --max-time 2 "$url/readyz" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  in_container systemctl status edgeagent.service --no-pager >&2 || true
  fail "edgeagent.service not active and ready with NRestarts=$1"
}
agent_pid() { pgrep -P "$leader" -x EdgeAgent | head -n 1; }

# 1. Type=notify
wait_ready_restarts 0
[ "$(unit_show Type)" = notify ] || fail "Type is $(unit_show Type)"
# With Type=notify systemd turns the unit active when READY=1 arrives, not when the process starts (Type=simple would
# make both times equal): active must come seconds after the start, and at the agent's own READY=1 (the time it
# logged "Reported ready to systemd", right after sending it). The journal's order of the two lines proves nothing:
# the agent's line reaches journald through its asynchronous log sink, after systemd's own.
times="$(in_container systemctl show edgeagent.service --timestamp=us+utc -p ExecMainStartTimestamp -p ActiveEnterTimestamp --value)"
ready_line="$(in_container journalctl -b -u edgeagent.service --no-pager -o cat | grep -m1 'Reported ready to systemd' || true)"
[ -n "$ready_line" ] || fail "the agent never logged 'Reported ready to systemd'"
read -r exec_start active_at ready_at < <(python3 - "$times" "$ready_line" <<'PY'
import datetime, json, sys
start, active = [datetime.datetime.strptime(t.strip(), "%a %Y-%m-%d %H:%M:%S.%f UTC") for t in sys.argv[1].strip().splitlines()]
ready = datetime.datetime.fromisoformat(json.loads(sys.argv[2])["@t"].rstrip("Z")[:26])
print(0.0, round((active - start).total_seconds(), 3), round((ready - start).total_seconds(), 3))
PY
)
python3 -c 'import sys; a, r = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if a >= 2 and abs(a - r) < 1 else 1)' "$active_at" "$ready_at" \
  || fail "Type=notify: active ${active_at} s after the start, READY=1 at ${ready_at} s"
say "ok  Type=notify: started at ${exec_start} s, READY=1 at ${ready_at} s, unit active at ${active_at} s; /readyz 200"
[ "$(unit_show WatchdogUSec)" = 30s ] || fail "WatchdogUSec is $(unit_show WatchdogUSec)"
curl -fsS "${auth[@]}" -X POST -H 'Content-Type: application/json' --max-time 30 \
  -d '[{"id":"SYS-1","location":"A-01-1","sku":"SKU-SYS","qty":1}]' "$url/api/tasks" >/dev/null

# 2. Hardening of the running agent
pid="$(agent_pid)"; [ -n "$pid" ] || fail "no EdgeAgent process under the container's systemd"
status="$(cat "/proc/$pid/status")"
uid="$(awk -F: '$1 == "edgeagent" { print $3 }' "$root/etc/passwd")"
for want in "Uid:	$uid	$uid	$uid	$uid" "NoNewPrivs:	1" "CapEff:	0000000000000000" "CapBnd:	0000000000000000" \
            "CapAmb:	0000000000000000" "Seccomp:	2"; do
  grep -qF "$want" <<<"$status" || fail "agent $pid: no '$want' in /proc/$pid/status"
done
for group in gpio i2c; do
  gid="$(awk -F: -v g="$group" '$1 == g { print $3 }' "$root/etc/group")"
  grep -E "^Groups:" <<<"$status" | grep -qw "$gid" || fail "agent not in group $group ($gid)"
done
mounts="$(awk '{ print $5, $6 }' "/proc/$pid/mountinfo")"
grep -qx '/ ro,.*' <<<"$mounts" || fail "/ is not read-only for the agent"
grep -q '^/var/lib/edgeagent rw,' <<<"$mounts" || fail "/var/lib/edgeagent is not writable for the agent"
for path in /usr /etc /opt/edgeagent; do
  if nsenter -t "$pid" -m touch "$path/.systemd-check" 2>/dev/null; then fail "$path is writable in the agent's namespace"; fi
done
nsenter -t "$pid" -m touch /var/lib/edgeagent/.systemd-check && nsenter -t "$pid" -m rm /var/lib/edgeagent/.systemd-check
[ "$(stat -c %a "/proc/$pid/root/home")" = 0 ] || fail "/home is visible to the agent"
in_container systemctl start edgeagent-device-probe.service
in_container journalctl -b -u edgeagent-device-probe.service --no-pager -o cat | grep '^probe-' > "$work/probe.txt"
{ grep -qx 'probe-null opened' "$work/probe.txt" && grep -qx 'probe-kmsg refused' "$work/probe.txt"; } \
  || { cat "$work/probe.txt" >&2; fail "the device policy did not apply"; }
say "ok  hardening at run time: uid $uid, groups gpio+i2c, no capabilities, NoNewPrivs, seccomp; / read-only, /usr /etc /opt not writable, /var/lib/edgeagent writable, /home hidden; devices: /dev/null opens, 1:11 refused"

# 3. Restart=on-failure
killed=$SECONDS
kill -KILL "$pid"
wait_ready_restarts 1
say "ok  Restart=on-failure: SIGKILL -> restarted and ready in $((SECONDS - killed)) s"

# 4. The watchdog with a wedged store writer
pid="$(agent_pid)"
fsfreeze -f "$data"; frozen=1; wedged=$SECONDS
# A write the writer now blocks on (the agent answers it only if it ever commits: it is killed first).
curl -sS -o /dev/null --max-time 120 "${auth[@]}" -X POST -H 'Content-Type: application/json' \
  -d '[{"id":"SYS-2","location":"A-01-2","sku":"SKU-SYS","qty":1}]' "$url/api/tasks" > /dev/null 2>&1 &
for _ in $(seq 1 450); do
  in_container journalctl -b -u edgeagent.service --no-pager | grep -q 'Watchdog timeout' && break
  sleep 0.2
done
in_container journalctl -b -u edgeagent.service --no-pager | grep -q 'Watchdog timeout' || fail "no watchdog timeout within 90 s"
timeout_after=$((SECONDS - wedged))
in_container journalctl -b -u edgeagent.service --no-pager | grep -q 'Not feeding the systemd watchdog: .*store writer did not commit' \
  || fail "the agent did not say why it stopped feeding the watchdog"
fsfreeze -u "$data"; frozen=0
wait_ready_restarts 2
journal="$(in_container journalctl -b -u edgeagent.service --no-pager -o cat)"
grep -q "Failed with result 'watchdog'" <<<"$journal" || fail "the restart was not for the watchdog"
grep -q 'with signal SIGKILL' <<<"$journal" || fail "the watchdog did not kill with SIGKILL"
curl -fsS "${auth[@]}" "$url/api/state" | grep -q '"SYS-1"' || fail "the task acknowledged before the wedge is gone"
say "ok  watchdog: writer wedged -> 'Watchdog timeout' after ${timeout_after} s, killed (SIGKILL), restarted after the thaw, ready, SYS-1 kept"

# 5. A clean stop
in_container systemctl stop edgeagent.service
{ [ "$(unit_show Result)" = success ] && [ "$(unit_show ExecMainStatus)" = 0 ]; } || fail "stop: Result=$(unit_show Result) status=$(unit_show ExecMainStatus)"
say "ok  systemctl stop: exit 0"
say "passed ($version, $((SECONDS - started)) s)"
