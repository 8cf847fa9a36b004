# --json prints documents that parse, with the fields scripts rely on.
source "$(dirname "$0")/common.sh" "$1"

init_community
as robin --json case new --report "A report." --category harassment \
  --reporter "Noor <noor@example.net>" --reported "@someone" >"$WORK/new.json"
code=$(json_field url_name <"$WORK/new.json")
/usr/bin/python3 - "$WORK/new.json" <<'PY'
import json, sys
case = json.load(open(sys.argv[1]))
assert case["state"] == "received", case
assert case["categories"] == ["harassment"], case
assert case["parties"][0] == {"number": 1, "role": "reporter", "name": "Noor", "contact": "noor@example.net", "employer": "",
                              "person": None}, case
assert case["parties"][1]["role"] == "reported" and case["parties"][1]["person"], case
assert case["timeline"][0]["kind"] == "report" and case["timeline"][0]["text"] == "A report.", case
PY
as robin --json case list >"$WORK/list.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["cases"]) == 1 and d["cases"][0]["url_name"] == sys.argv[2], d' "$WORK/list.json" "$code"
as robin --json person list >"$WORK/people.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["people"][0]["case_count"] == 1, d' "$WORK/people.json"
as robin --json member list >"$WORK/members.json"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["members"][0]["role"] == "chair", d' "$WORK/members.json"
echo "json_output: ok"
