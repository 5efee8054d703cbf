#!/bin/sh
# demo-agent @VERSION@: the Patchwise lab's package whose upgrade breaks (synthetic).
echo "demo-agent @VERSION@ (config /etc/demo-agent/agent.conf)"
