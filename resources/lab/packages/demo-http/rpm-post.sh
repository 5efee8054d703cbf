# demo-http %post: runs on install ($1 = 1) and upgrade ($1 = 2). Like the Debian package, it
# restarts its own service so an upgrade takes effect at once (Fedora packages would only
# try-restart in %postun). `systemctl enable` works offline; the rest needs a running systemd.
# A failed restart fails the scriptlet, as it fails the Debian postinst.
set -e
if command -v systemctl >/dev/null 2>&1; then
  systemctl enable demo-http.service
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl restart demo-http.service
  fi
fi
