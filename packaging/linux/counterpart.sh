#!/bin/sh
# Counterpart's launcher: the program is the bundle in /opt/counterpart.
exec /opt/counterpart/counterpart "$@"
