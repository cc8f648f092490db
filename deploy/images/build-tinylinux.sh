#!/usr/bin/env bash
# Builds the tinylinux system image: a raw disk holding a FAT filesystem with Debian's cloud kernel,
# a busybox-static initramfs whose /init reads the metaserver, and SYSLINUX to boot them. Everything
# comes from Debian packages; no loop mounts, so it runs wherever apt-get does.
#
#   deploy/images/build-tinylinux.sh [--rebuild]
#
# Idempotent: the image is rebuilt only when this script or deploy/images/tinylinux/ changed (or
# with --rebuild, e.g. to pick up a newer kernel). Output in .infra/images/ (git-ignored):
# tinylinux.raw and tinylinux.json (image id, sha256, size, package versions). The last two lines
# printed are the image's path and sha256. Also installs what the qemu driver needs on a host
# (qemu-system-x86, qemu-utils, socat), since whoever boots this image needs them.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$ROOT/.infra/images"
IMAGE="$OUT/tinylinux.raw"
MANIFEST="$OUT/tinylinux.json"
KEY_FILE="$OUT/tinylinux.key"
IMAGE_ID=tinylinux_6_1_x64_busybox
# Guest drivers the init loads; their dependencies come along.
MODULES=(virtio_pci virtio_net button evdev pvpanic_pci)

log() { echo "build-tinylinux: $*" >&2; }

apt_get() {
  # Other tools may hold the dpkg lock for a while (unattended upgrades, a parallel build).
  DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600 "$@"
}

apt_updated=false
apt_update_once() {
  if [ "$apt_updated" = false ]; then
    apt_get update
    apt_updated=true
  fi
}

ensure_tools() {
  local missing=() pair
  for pair in qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils socat:socat mkfs.fat:dosfstools \
    mcopy:mtools syslinux:syslinux cpio:cpio gzip:gzip dpkg-deb:dpkg sha256sum:coreutils; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  # The mtools-based installer copies ldlinux.c32 from syslinux-common, which it only recommends.
  [ -f /usr/lib/syslinux/modules/bios/ldlinux.c32 ] || missing+=(syslinux-common)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      log "missing ${missing[*]} and not root to install them"
      exit 1
    fi
    log "installing ${missing[*]}"
    apt_update_once
    apt_get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

input_key() {
  sha256sum "$HERE/build-tinylinux.sh" "$HERE"/tinylinux/* | sha256sum | cut -d' ' -f1
}

report() {
  echo "$IMAGE"
  sha256sum "$IMAGE" | cut -d' ' -f1
}

ensure_tools
mkdir -p "$OUT"
key=$(input_key)
if [ "${1:-}" != --rebuild ] && [ -f "$IMAGE" ] && [ "$(cat "$KEY_FILE" 2>/dev/null)" = "$key" ]; then
  log "up to date"
  report
  exit 0
fi

started=$(date +%s)
work=$(mktemp -d "$OUT/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

apt_update_once
kernel_package=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [ -z "$kernel_package" ]; then
  log "cannot resolve linux-image-cloud-amd64 to a kernel package"
  exit 1
fi
log "downloading $kernel_package and busybox-static"
(cd "$work" && apt_get -o APT::Sandbox::User=root download "$kernel_package" busybox-static)
dpkg-deb -x "$work/$kernel_package"_*.deb "$work/kernel"
dpkg-deb -x "$work"/busybox-static_*.deb "$work/busybox"
kernel_version=${kernel_package#linux-image-}
busybox="$work/busybox/bin/busybox"
modules_dir="$work/kernel/lib/modules/$kernel_version"
"$busybox" depmod -b "$work/kernel" "$kernel_version"

# modules.dep lines read "path/name.ko: dep.ko dep.ko"; module names treat - and _ alike.
module_path() {
  local pattern=${1//[-_]/[-_]}
  grep -m 1 -oE "^([^:]*/)?${pattern}\.ko" "$modules_dir/modules.dep"
}

declare -A wanted=()
add_module() { # relative path of a .ko
  [ -n "${wanted[$1]:-}" ] && return 0
  wanted[$1]=1
  local dep
  for dep in $(grep -E "^$1:" "$modules_dir/modules.dep" | cut -d: -f2); do add_module "$dep"; done
}
for module in "${MODULES[@]}"; do
  path=$(module_path "$module")
  if [ -z "$path" ]; then
    log "kernel $kernel_version has no module $module"
    exit 1
  fi
  add_module "$path"
done

initramfs="$work/initramfs"
mkdir -p "$initramfs/bin" "$initramfs/etc" "$initramfs/lib/modules/$kernel_version"
cp "$busybox" "$initramfs/bin/busybox"
install -m 0755 "$HERE/tinylinux/init" "$initramfs/init"
install -m 0755 "$HERE/tinylinux/udhcpc.script" "$initramfs/etc/udhcpc.script"
for path in "${!wanted[@]}"; do
  mkdir -p "$initramfs/lib/modules/$kernel_version/$(dirname "$path")"
  cp "$modules_dir/$path" "$initramfs/lib/modules/$kernel_version/$path"
done
"$busybox" depmod -b "$initramfs" "$kernel_version"
(cd "$initramfs" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9n) >"$work/initrd"

cat >"$work/syslinux.cfg" <<'CFG'
SERIAL 0 115200
DEFAULT tinylinux
PROMPT 0
TIMEOUT 0
LABEL tinylinux
  LINUX vmlinuz
  INITRD initrd
  APPEND console=ttyS0,115200 quiet
CFG

kernel_image="$work/kernel/boot/vmlinuz-$kernel_version"
payload_kib=$(( ($(stat -c %s "$kernel_image") + $(stat -c %s "$work/initrd")) / 1024 ))
# FAT metadata, ldlinux and slack; rounded to whole MiB so qemu-img sees a tidy size.
disk_kib=$(( (payload_kib * 11 / 10 + 4096 + 1023) / 1024 * 1024 ))
disk="$work/tinylinux.raw"
mkfs.fat -n TINYLINUX -C "$disk" "$disk_kib" >/dev/null
syslinux --install "$disk"
mcopy -i "$disk" "$kernel_image" ::vmlinuz
mcopy -i "$disk" "$work/initrd" ::initrd
mcopy -i "$disk" "$work/syslinux.cfg" ::syslinux.cfg

sha256=$(sha256sum "$disk" | cut -d' ' -f1)
busybox_version=$(dpkg-deb -f "$work"/busybox-static_*.deb Version)
kernel_package_version=$(dpkg-deb -f "$work/$kernel_package"_*.deb Version)
cat >"$work/tinylinux.json" <<JSON
{
  "imageId": "$IMAGE_ID",
  "file": "tinylinux.raw",
  "format": "raw",
  "sizeBytes": $(stat -c %s "$disk"),
  "sha256": "$sha256",
  "kernel": "$kernel_package $kernel_package_version",
  "busybox": "busybox-static $busybox_version"
}
JSON
mv "$disk" "$IMAGE"
mv "$work/tinylinux.json" "$MANIFEST"
echo "$key" >"$KEY_FILE"
log "built $IMAGE_ID in $(( $(date +%s) - started ))s"
report
