#!/bin/sh
# demo-http postinst: enable the unit, and (Debian-style) restart the service on every configure,
# so an upgrade takes effect at once. `systemctl enable` only writes symlinks, so it also works in
# a chroot before the host has booted; daemon-reload/restart need a running systemd.
set -e
if [ "$1" = "configure" ]; then
  if command -v systemctl >/dev/null 2>&1; then
    systemctl enable demo-http.service
    if [ -d /run/systemd/system ]; then
      systemctl daemon-reload
      systemctl restart demo-http.service
    fi
  fi
fi
exit 0
