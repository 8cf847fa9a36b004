#!/usr/bin/env bash
# The layers as the build shows them (src/CMakeLists.txt): each includes only the
# layers above it, and no layer above the store names a database engine. A file that
# breaks a rule is printed with the include that breaks it.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
# refuse LAYER PATTERN WHY: no file of src/LAYER includes a header matching PATTERN.
refuse() {
  local found
  found=$(grep -rnE "^#include \"($2)" "src/$1" --include='*.h' --include='*.cpp' || true)
  if [ -n "$found" ]; then
    echo "src/$1 must not include $2: $3"
    echo "$found" | sed 's/^/  /'
    status=1
  fi
}

refuse domain "store/|app/|http/|cli/|json/|crypto/" "the domain is pure rules: no I/O, no keys"
refuse store "app/|http/|cli/|json/|mail/" "the store serves the use cases, never calls them"
refuse mail "store/|app/|http/|cli/|json/|domain/" "mail writes and moves messages; the use cases decide what is sent"
refuse app "store/sqlite/|http/|cli/|json/" "use cases see the Store interface, not an engine"
refuse json "store/sqlite/|http/|cli/" "JSON views see the Store interface, not an engine"
refuse http "store/sqlite/|cli/" "handlers see the Store interface, not an engine"
# Outside its own folder, only the command line (which chooses the engine) names SQLite.
found=$(grep -rlE '^#include "store/sqlite/' src --include='*.h' --include='*.cpp' | grep -vE '^src/(store/sqlite|cli)/' || true)
if [ -n "$found" ]; then
  echo "only src/cli chooses the engine; these name store/sqlite:"
  echo "$found" | sed 's/^/  /'
  status=1
fi
[ "$status" -eq 0 ] && echo "layers: every include goes where the layering allows"
exit "$status"
