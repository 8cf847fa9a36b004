# The server starts only when the database's root key matches the fingerprint that
# `conduct init` pinned in conduct.toml.
source "$(dirname "$0")/common.sh" "$1"

init_community
expect_contains conduct.toml "[communities.tidewater]"
expect_contains conduct.toml "root_fingerprint = "

# A swapped root key in the database is refused.
sqlite3 conduct.db "UPDATE root_keys SET sign_public = zeroblob(32)"
expect_exit 4 timeout 10 "$CONDUCT_BIN" serve --listen 127.0.0.1:1
expect_contains "$WORK/last.err" "does not match the fingerprint pinned in conduct.toml"

# So is a database whose community is not pinned at all.
rm conduct.toml
expect_exit 4 timeout 10 "$CONDUCT_BIN" serve --listen 127.0.0.1:1
expect_contains "$WORK/last.err" "conduct.toml pins no root key for the community 'tidewater'"

# And a configuration with a typo names the key.
printf '[communities.tidewater]\nroot_fingerprnt = "x"\n' > conduct.toml
expect_exit 2 timeout 10 "$CONDUCT_BIN" serve --listen 127.0.0.1:1
expect_contains "$WORK/last.err" "communities.tidewater.root_fingerprnt"
echo "pinned_root: ok"
