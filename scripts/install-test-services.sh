#!/usr/bin/env bash
# Install what some tests use when it is available: Debian's Chromium for the test that opens
# a report in a real browser with the network blocked. Without it that one test is skipped.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "+ installing chromium for the browser test"
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/bastion-apt.log 2>&1; then
        echo "warning: could not install chromium (see /tmp/bastion-apt.log); the browser test will be skipped"
    fi
else
    echo "note: chromium not found and not installable here; the browser test will be skipped"
fi
exit 0
