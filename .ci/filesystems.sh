#!/usr/bin/env bash
# Makes the copy-on-write file systems the integration tests run on, and exports where they are:
#   FOLDOUT_TEST_XFS    a loop-mounted XFS with reflink=1 (reflink and reflink-cluster backends, PG 18 clone)
#   FOLDOUT_TEST_XFS_NOREFLINK  a loop-mounted XFS with reflink=0 (the clone verdict: an XFS that copies)
#   FOLDOUT_TEST_BTRFS  a loop-mounted btrfs
#   FOLDOUT_TEST_ZPOOL  a file-backed ZFS pool served by zfs-fuse (zfs backend)
# Needs root. Idempotent: a second run reuses what the first made. Source it (". .ci/filesystems.sh") so the
# variables reach the test command; tests that need one of them skip without it, and fail when CI=true.
set -euo pipefail

FOLDOUT_FS_DIR=${FOLDOUT_FS_DIR:-/var/tmp/foldout-fs}
FOLDOUT_FS_SIZE=${FOLDOUT_FS_SIZE:-16G}
mkdir -p "$FOLDOUT_FS_DIR"

if ! command -v mkfs.xfs >/dev/null || ! command -v mkfs.btrfs >/dev/null || ! command -v zfs-fuse >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends xfsprogs btrfs-progs zfs-fuse >/dev/null
fi

# loop_mount IMAGE DIR MKFS...: makes IMAGE (sparse) with MKFS unless it exists, and mounts it on DIR unless mounted.
loop_mount() {
  local image=$1 dir=$2; shift 2
  if ! mountpoint -q "$dir"; then
    if [[ ! -f "$image" ]]; then
      truncate -s "$FOLDOUT_FS_SIZE" "$image"
      "$@" "$image" >/dev/null
    fi
    mkdir -p "$dir"
    mount -o loop "$image" "$dir"
  fi
  chmod 0777 "$dir"
}
loop_mount "$FOLDOUT_FS_DIR/xfs.img" /mnt/foldout-xfs mkfs.xfs -q -m reflink=1
loop_mount "$FOLDOUT_FS_DIR/btrfs.img" /mnt/foldout-btrfs mkfs.btrfs -q
FOLDOUT_FS_SIZE=2G loop_mount "$FOLDOUT_FS_DIR/xfs-noreflink.img" /mnt/foldout-xfs-noreflink mkfs.xfs -q -m reflink=0
export FOLDOUT_TEST_XFS=/mnt/foldout-xfs
export FOLDOUT_TEST_XFS_NOREFLINK=/mnt/foldout-xfs-noreflink
export FOLDOUT_TEST_BTRFS=/mnt/foldout-btrfs

# zfs-fuse: the daemon serves every zfs/zpool command; a pool on a sparse file. A daemon killed earlier (the
# machine's processes end between a session and CI) leaves its pid file, which stops a new daemon from starting,
# and its datasets' FUSE mounts dead ("Transport endpoint is not connected"). Unless a daemon answers, whatever
# is left of the old one is cleared and a new one started.
if ! zpool list >/dev/null 2>&1; then
  pkill -9 -x zfs-fuse || true
  for _ in $(seq 50); do pgrep -x zfs-fuse >/dev/null || break; sleep 0.1; done
  rm -f /run/zfs-fuse.pid
  # A lazy unmount of a dead FUSE mount detaches it but still exits 32 ("Transport endpoint is not connected"),
  # so its status is not the test: whatever findmnt still lists afterwards is.
  for stale in $(findmnt -rn -t fuse.zfs -o TARGET | sort -r); do umount -l "$stale" 2>/dev/null || true; done
  if findmnt -rn -t fuse.zfs >/dev/null; then
    echo "filesystems.sh: stale zfs-fuse mounts remain ($(findmnt -rn -t fuse.zfs -o TARGET | tr '\n' ' ')); unmount them and run again" >&2
    exit 1
  fi
  zfs-fuse --pidfile /run/zfs-fuse.pid
  for _ in $(seq 100); do zpool list >/dev/null 2>&1 && break; sleep 0.1; done
fi
# A pool whose backing file is gone (a machine whose /var/tmp was emptied) stays listed as FAULTED: drop it.
if [[ "$(zpool list -H -o health foldout-test 2>/dev/null || true)" == FAULTED ]]; then
  zpool destroy -f foldout-test >/dev/null 2>&1 || zpool export -f foldout-test >/dev/null 2>&1 || true
fi
if ! zpool list -H -o name foldout-test >/dev/null 2>&1; then
  [[ -f "$FOLDOUT_FS_DIR/zpool.img" ]] || truncate -s "$FOLDOUT_FS_SIZE" "$FOLDOUT_FS_DIR/zpool.img"
  zpool import -d "$FOLDOUT_FS_DIR" foldout-test >/dev/null 2>&1 \
    || zpool create -f -m /foldout-test foldout-test "$FOLDOUT_FS_DIR/zpool.img"
fi
# A pool the restarted daemon imported from its cache is not mounted by itself.
zfs mount -a
chmod 0777 /foldout-test
export FOLDOUT_TEST_ZPOOL=foldout-test
