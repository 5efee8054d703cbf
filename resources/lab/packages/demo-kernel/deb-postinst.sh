#!/bin/sh
# demo-kernel postinst: ask for a reboot the way Debian's kernel packages do (through
# /usr/share/update-notifier/notify-reboot-required when present): touch the flag file and
# list the package once in reboot-required.pkgs.
set -e
if [ "$1" = "configure" ]; then
  mkdir -p /var/run
  touch /var/run/reboot-required
  if ! grep -qxF demo-kernel /var/run/reboot-required.pkgs 2>/dev/null; then
    echo demo-kernel >>/var/run/reboot-required.pkgs
  fi
fi
exit 0
