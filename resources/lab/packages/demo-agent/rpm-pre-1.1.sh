# demo-agent 1.1 %pre: deliberately refuses every upgrade ($1 > 1 means another version is
# installed), so rpm/dnf abort this package's install. Fresh installs ($1 = 1) work.
if [ "$1" -gt 1 ]; then
  echo "demo-agent: cannot migrate /etc/demo-agent/agent.conf to 1.1: state format 1 is no longer supported; upgrade refused" >&2
  exit 1
fi
exit 0
