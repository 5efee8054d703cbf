# demo-http %preun: stop and disable the service only on erase ($1 = 0), never on upgrade.
if [ "$1" -eq 0 ] && command -v systemctl >/dev/null 2>&1; then
  if [ -d /run/systemd/system ]; then
    systemctl stop demo-http.service || true
  fi
  systemctl disable demo-http.service >/dev/null 2>&1 || true
fi
exit 0
