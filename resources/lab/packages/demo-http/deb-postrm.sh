#!/bin/sh
# demo-http postrm: forget the unit once the package is gone.
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
  if command -v systemctl >/dev/null 2>&1; then
    systemctl disable demo-http.service >/dev/null 2>&1 || true
    if [ -d /run/systemd/system ]; then
      systemctl daemon-reload || true
    fi
  fi
fi
exit 0
