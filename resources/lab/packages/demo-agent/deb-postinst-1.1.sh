#!/bin/sh
# demo-agent 1.1 postinst: deliberately fails every upgrade (configure with a previous version in
# $2), leaving the package half-configured as a real failed migration would. Fresh installs work.
set -e
if [ "$1" = "configure" ] && [ -n "$2" ]; then
  echo "demo-agent: cannot migrate /etc/demo-agent/agent.conf from $2 to 1.1: state format 1 is no longer supported; upgrade failed" >&2
  exit 1
fi
exit 0
