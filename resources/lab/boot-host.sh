#!/bin/sh
# Boots one lab host: runs inside fresh PID, mount, UTS, IPC namespaces (made by unshare) and the
# host's network namespace (entered with nsenter --net, never `ip netns exec`, which remounts
# /sys and hides the cgroup tree from systemd). Ends by exec'ing systemd as PID 1 in a cgroup
# namespace rooted at a per-host cgroup, so ten hosts' systemds never share a cgroup.
# The root filesystem is an overlay of the shared base image and the host's own upper layer,
# mounted here, inside the host's mount namespace, so it vanishes with the host.
# Directories listed in NATIVE/paths are bind-mounted from the real disk over the overlay: tools
# such as dnf needs-restarting ignore mapped files on a device with major number 0 (overlayfs),
# so the demo library must live on a real filesystem, as it does on a server.
#   boot-host.sh HOSTNAME BASE UPPER WORK ROOT CGROUP_LEAF NATIVE
set -eu
name=$1
base=$2
upper=$3
work=$4
root=$5
leaf=$6
native=$7

mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=$base,upperdir=$upper,workdir=$work" "$root"
if [ -f "$native/paths" ]; then
  while read -r path; do
    mount --bind "$native/$path" "$root/$path"
  done < "$native/paths"
fi
hostname "$name"

# A per-host cgroup under our current one in every v1 hierarchy and the unified one.
for dir in /sys/fs/cgroup/*; do
  [ -d "$dir" ] || continue
  ctrl=$(basename "$dir")
  case "$ctrl" in
    unified) current=$(sed -n 's/^0::\(.*\)$/\1/p' /proc/self/cgroup) ;;
    systemd) current=$(sed -n 's/^[0-9]*:name=systemd:\(.*\)$/\1/p' /proc/self/cgroup) ;;
    *) current=$(awk -F: -v c="$ctrl" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' /proc/self/cgroup) ;;
  esac
  [ -n "$current" ] || continue
  target="$dir${current%/}/$leaf"
  mkdir -p "$target"
  # A v1 cpuset cgroup takes no process until it has CPUs and memory nodes of its own.
  if [ "$ctrl" = cpuset ]; then
    cat "$dir$current/cpuset.cpus" > "$target/cpuset.cpus"
    cat "$dir$current/cpuset.mems" > "$target/cpuset.mems"
  fi
  echo $$ > "$target/cgroup.procs"
done

mount -t proc proc "$root/proc"
# Read-only, as systemd-nspawn does: a host must not change the machine's kernel or devices.
mount -t sysfs -o ro sysfs "$root/sys"
mount -t tmpfs -o mode=755 tmpfs "$root/sys/fs/cgroup"
for dir in /sys/fs/cgroup/*; do
  [ -d "$dir" ] || continue
  ctrl=$(basename "$dir")
  mkdir -p "$root/sys/fs/cgroup/$ctrl"
  case "$ctrl" in
    unified) current=$(sed -n 's/^0::\(.*\)$/\1/p' /proc/self/cgroup) ;;
    systemd) current=$(sed -n 's/^[0-9]*:name=systemd:\(.*\)$/\1/p' /proc/self/cgroup) ;;
    *) current=$(awk -F: -v c="$ctrl" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' /proc/self/cgroup) ;;
  esac
  mount --bind "$dir$current" "$root/sys/fs/cgroup/$ctrl"
done
mount -t tmpfs -o mode=755 tmpfs "$root/run"
# Kernel settings under /proc/sys are the machine's (all but the network ones): read-only.
mount --bind "$root/proc/sys" "$root/proc/sys"
mount -o remount,bind,ro "$root/proc/sys"
# A boot id of this boot's own: the kernel's is shared by every host on the machine. Bound after
# the read-only remount, which would otherwise cover it.
cat /proc/sys/kernel/random/uuid > "$root/run/patchwise-lab-boot-id"
mount --bind "$root/run/patchwise-lab-boot-id" "$root/proc/sys/kernel/random/boot_id"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mount --rbind /dev "$root/dev"

exec unshare --cgroup chroot "$root" /usr/bin/env container=patchwise-lab /lib/systemd/systemd
