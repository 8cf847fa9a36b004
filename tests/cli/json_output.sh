# --json prints documents that parse, with the fields scripts rely on.
source "$(dirname "$0")/common.sh" "$1"

init_community
conduct --json case new --as robin@tidewater.example --report "A report." --category harassment \
  --reporter "Noor <noor@example.net>" --reported "@someone" >"$WORK/new.json"
code=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["url_name"])' "$WORK/new.json")
/usr/bin/python3 - "$WORK/new.json" <<'PY'
import json, sys
case = json.load(open(sys.argv[1]))
assert case["state"] == "received", case
assert case["categories"] == ["harassment"], case
assert case["parties"][0] == {"number": 1, "role": "reporter", "name": "Noor", "contact": "noor@example.net",
                              "person": None}, case
assert case["parties"][1]["role"] == "reported" and case["parties"][1]["person"], case
assert case["timeline"][0]["kind"] == "report" and case["timeline"][0]["text"] == "A report.", case
PY
conduct --json case list --as robin@tidewater.example >"$WORK/list.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["cases"]) == 1 and d["cases"][0]["url_name"] == sys.argv[2], d' "$WORK/list.json" "$code"
conduct --json person list --as robin@tidewater.example >"$WORK/people.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["people"][0]["case_count"] == 1, d' "$WORK/people.json"
conduct --json member list --as robin@tidewater.example >"$WORK/members.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["members"][0]["role"] == "chair", d' "$WORK/members.json"
echo "json_output: ok"
