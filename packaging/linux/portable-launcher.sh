#!/bin/sh
# Portable Counterpart: settings, data and logs go to ./home beside this script, unless
# COUNTERPART_HOME already says where (so a USB stick or a shared folder carries everything).
here=$(dirname -- "$(readlink -f -- "$0")")
: "${COUNTERPART_HOME:=$here/home}"
export COUNTERPART_HOME
exec "$here/bin/counterpart" "$@"
