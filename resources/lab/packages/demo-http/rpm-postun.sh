# demo-http %postun: reload systemd after the unit file is gone.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload || true
fi
exit 0
