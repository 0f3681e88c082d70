#!/usr/bin/env bash
# Installs, upgrades and rolls back EdgeAgent on a gateway.
#
#   install.sh install  edgeagent-V-RID.tar.gz    first install: user, directories, unit, start
#   install.sh upgrade  edgeagent-V-RID.tar.gz    stop, switch, start, wait for /readyz; roll back if not ready
#   install.sh rollback                           back to the previous version (data left as it is)
#   install.sh status
#
# Options: --root DIR (install under DIR instead of /; with systemd: an offline install into an image, the user and
# groups made in DIR/etc, the unit enabled there, nothing started), --no-systemd (run the agent directly: the test
# mode CI uses), --url URL (where /readyz answers; default http://127.0.0.1:5080),
# --ready-timeout SECONDS (default 180).
#
# Layout: /opt/edgeagent/versions/<V>/ with /opt/edgeagent/current and .../previous links;
# configuration /etc/edgeagent/ (never overwritten); data /var/lib/edgeagent/ (snapshotted to
# /var/lib/edgeagent-backups/ before each upgrade, restored if the upgrade rolls back).
set -euo pipefail

root=""
use_systemd=1
url="http://127.0.0.1:5080"
ready_timeout=180
command="${1:-}"; [ $# -gt 0 ] && shift
tarball=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --no-systemd) use_systemd=0; shift ;;
    --url) url="$2"; shift 2 ;;
    --ready-timeout) ready_timeout="$2"; shift 2 ;;
    -*) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    *) tarball="$1"; shift ;;
  esac
done

opt="$root/opt/edgeagent"
etc="$root/etc/edgeagent"
data="$root/var/lib/edgeagent"
backups="$root/var/lib/edgeagent-backups"
run="$root/run/edgeagent"
unit="$root/etc/systemd/system/edgeagent.service"

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }

version_of() { local target; target="$(readlink "$1" 2>/dev/null)" || return 0; echo "${target##*/}"; }

verify_and_unpack() {
  { [ -n "$tarball" ] && [ -f "$tarball" ]; } || die "give the tarball: install.sh $command edgeagent-<version>-<rid>.tar.gz"
  [ -f "$tarball.sha256" ] || die "$tarball.sha256 is missing: copy it next to the tarball (publish.sh writes both)"
  (cd "$(dirname "$tarball")" && sha256sum --check --status "$(basename "$tarball").sha256") \
    || die "checksum of $tarball does not match $tarball.sha256: the download is damaged or not the published one"
  # Unpacked once, into a private stage directory, and then looked at: reading the listing first (tar -t) would
  # decompress the whole package a second time (~100 MB; seconds on a gateway's CPU).
  mkdir -p "$opt/versions"
  local stage top
  stage="$(mktemp -d "$opt/versions/.unpack.XXXXXX")"
  tar -xzf "$tarball" -C "$stage" || { rm -rf "$stage"; die "could not unpack $tarball"; }
  top="$(cd "$stage" && find . -mindepth 1 -maxdepth 1 -printf '%f\n')"
  # One top directory, edgeagent-<version>, as publish.sh makes it.
  case "$top" in *$'\n'*|"") top="" ;; edgeagent-*) ;; *) top="" ;; esac
  { [ -n "$top" ] && [ -d "$stage/$top" ]; } || { rm -rf "$stage"; die "$tarball is not an EdgeAgent package"; }
  new_version="${top#edgeagent-}"
  if [ "$(version_of "$opt/current")" = "$new_version" ]; then rm -rf "$stage"; die "version $new_version is already the current one"; fi
  rm -rf "${opt:?}/versions/$new_version"
  mv "$stage/$top" "$opt/versions/$new_version"
  rmdir "$stage"
  say "unpacked $new_version (checksum verified)"
}

link() { ln -sfn "versions/$2" "$opt/$1.tmp" && mv -Tf "$opt/$1.tmp" "$opt/$1"; }

# With --root and systemd (an image or a mounted SD card): users, groups, ownership and the enabled unit are made in
# DIR's own /etc (useradd --root, systemctl --root); nothing is started.
offline() { [ "$use_systemd" -eq 1 ] && [ -n "$root" ]; }
in_root=(); [ -z "$root" ] || in_root=(--root "$root")
has() { # has passwd|group NAME
  if [ -z "$root" ]; then getent "$1" "$2" >/dev/null; else grep -q "^$2:" "$root/etc/$1" 2>/dev/null; fi
}
id_of() { # id_of passwd|group NAME: the numeric id, read where the account was made
  if [ -z "$root" ]; then getent "$1" "$2" | cut -d: -f3; else awk -F: -v n="$2" '$1 == n { print $3 }' "$root/etc/$1"; fi
}

prepare_host() {
  mkdir -p "$etc" "$data" "$backups"
  if [ ! -f "$etc/edgeagent.json" ]; then
    cp "$opt/versions/$new_version/config/edgeagent.json" "$etc/edgeagent.json"
    say "wrote a sample $etc/edgeagent.json: set the site, gateway id and devices"
  fi
  if [ "$use_systemd" -eq 1 ]; then
    for group in gpio i2c; do has group "$group" || groupadd "${in_root[@]}" --system "$group"; done
    has passwd edgeagent \
      || useradd "${in_root[@]}" --system --home-dir /var/lib/edgeagent --no-create-home --shell /usr/sbin/nologin --user-group edgeagent
    usermod "${in_root[@]}" -a -G gpio,i2c edgeagent
    local uid gid; uid="$(id_of passwd edgeagent)"; gid="$(id_of group edgeagent)"
    { [ -n "$uid" ] && [ -n "$gid" ]; } || die "the user edgeagent was not created"
    chown -R "$uid:$gid" "$data"
    chown "0:$gid" "$etc" "$etc/edgeagent.json"
    chmod 0750 "$etc" "$data"; chmod 0640 "$etc/edgeagent.json"
    mkdir -p "$(dirname "$unit")"
    install -m 0644 "$opt/versions/$new_version/edgeagent.service" "$unit"
    if offline; then
      systemctl --root="$root" enable edgeagent.service >/dev/null 2>&1
    else
      systemctl daemon-reload
      systemctl enable edgeagent.service >/dev/null
    fi
  fi
}

start() {
  if [ "$use_systemd" -eq 1 ]; then
    # Type=notify: start returns once the agent reported READY=1 (or failed).
    systemctl start edgeagent.service || true
    return
  fi
  mkdir -p "$run"
  # Same working directory as the unit: the agent's own appsettings.json is read from there. ORT_DISABLE_TELEMETRY is
  # left to the agent itself (it sets it before loading a model), so CI's check that nothing lands in HOME tests that.
  (cd "$opt/current/agent" && EDGEAGENT_CONFIG="$etc/edgeagent.json" \
    exec nohup ./EdgeAgent >>"$run/agent.log" 2>&1) &
  echo $! > "$run/pid"
}

stop() {
  if [ "$use_systemd" -eq 1 ]; then
    systemctl stop edgeagent.service || true
    return
  fi
  [ -f "$run/pid" ] || return 0
  local pid; pid="$(cat "$run/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { say "agent $pid did not stop in 60 s; killing it"; kill -KILL "$pid"; }
  fi
  rm -f "$run/pid"
}

wait_ready() {
  local deadline=$((SECONDS + ready_timeout))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsS -o /dev/null --max-time 2 "$url/readyz" 2>/dev/null; then return 0; fi
    if [ "$use_systemd" -eq 0 ] && ! kill -0 "$(cat "$run/pid" 2>/dev/null || echo 0)" 2>/dev/null; then return 1; fi
    if [ "$use_systemd" -eq 1 ] && systemctl is-failed --quiet edgeagent.service; then return 1; fi
    sleep 0.2
  done
  return 1
}

explain_failure() {
  if [ "$use_systemd" -eq 1 ]; then
    say "last lines of the journal:"; journalctl -u edgeagent.service -n 20 --no-pager >&2 || true
  else
    say "last lines of $run/agent.log:"; tail -n 20 "$run/agent.log" >&2 || true
  fi
}

do_install() {
  [ ! -e "$opt/current" ] || die "already installed ($(version_of "$opt/current")); use upgrade"
  verify_and_unpack
  link current "$new_version"
  prepare_host
  if offline; then
    say "installed $new_version into $root (user, groups, unit enabled); it starts when that system boots"
    return 0
  fi
  start
  wait_ready || { explain_failure; die "$new_version did not become ready within ${ready_timeout} s"; }
  say "installed $new_version; ready at $url/readyz"
}

do_upgrade() {
  local old before; old="$(version_of "$opt/current")"; before="$(version_of "$opt/previous")"
  [ -n "$old" ] || die "nothing installed yet; use install"
  verify_and_unpack
  prepare_host
  stop
  # The agent is stopped, so the copy is consistent; it is what a rollback puts back.
  local snapshot; snapshot="$backups/before-$new_version"
  rm -rf "$snapshot"; cp -a "$data" "$snapshot"
  link previous "$old"
  link current "$new_version"
  start
  if wait_ready; then
    say "upgraded $old -> $new_version; data snapshot kept at $snapshot"
    return 0
  fi
  explain_failure
  say "$new_version did not become ready (it exited, or was not ready within ${ready_timeout} s): rolling back to $old"
  stop
  mv "$data" "$backups/failed-$new_version-$(date +%Y%m%dT%H%M%S)"
  cp -a "$snapshot" "$data"
  link current "$old"
  if [ -n "$before" ]; then link previous "$before"; else rm -f "$opt/previous"; fi
  start
  wait_ready || { explain_failure; die "rolled back to $old, but it did not become ready either"; }
  die "upgrade to $new_version failed; rolled back to $old, which is ready with the data as it was before the upgrade"
}

do_rollback() {
  local old current
  old="$(version_of "$opt/previous")"; current="$(version_of "$opt/current")"
  [ -n "$old" ] || die "no previous version to roll back to"
  stop
  link previous "$current"
  link current "$old"
  start
  wait_ready || { explain_failure; die "$old did not become ready; if it refuses a newer store, restore $backups/before-$current (see README)"; }
  say "rolled back $current -> $old"
}

if offline && [ "$command" != install ] && [ "$command" != status ]; then
  die "$command needs the running gateway: with --root use --no-systemd (test mode), or run it on the gateway itself"
fi
case "$command" in
  install) do_install ;;
  upgrade) do_upgrade ;;
  rollback) do_rollback ;;
  stop) stop ;;
  start) start; wait_ready || { explain_failure; die "not ready"; } ;;
  status) echo "current: $(version_of "$opt/current")  previous: $(version_of "$opt/previous")" ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
