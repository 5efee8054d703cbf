#!/bin/sh
# demo-http prerm: stop the service when the package is removed (not on upgrade: postinst restarts it).
set -e
if [ "$1" = "remove" ] && [ -d /run/systemd/system ]; then
  systemctl stop demo-http.service || true
fi
exit 0
