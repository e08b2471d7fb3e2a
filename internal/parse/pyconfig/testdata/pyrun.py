# Instantiates settings classes with chosen environments, for the
# differential test: reads {"dir", "probes": [{"module", "class", "env"}]}
# as JSON on stdin and prints one result per probe: {"ok": true, "dump":
# model_dump(mode="json")} or {"ok": false, "missing": [fields], "failed":
# [fields]}. The environment is replaced for each probe.
import importlib, json, os, sys, warnings

warnings.simplefilter("ignore")
req = json.load(sys.stdin)
sys.path.insert(0, req["dir"])
os.chdir(req["dir"])

def clean(v):
    # Secrets are compared by value; json.dump writes inf and nan as bare
    # words, which Go's decoder rejects; dates, URLs and enums as strings.
    if hasattr(v, "get_secret_value"):
        v = v.get_secret_value()
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return repr(v)
    if isinstance(v, (set, frozenset, tuple)):
        return [clean(x) for x in sorted(v, key=repr)]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clean(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v.value if hasattr(v, "value") else v)
base = {k: v for k, v in os.environ.items() if k in ("PATH", "SYSTEMROOT")}
out = []
for p in req["probes"]:
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(p["env"])
    cls = getattr(importlib.import_module(p["module"]), p["class"])
    try:
        s = cls()
        out.append({"ok": True, "dump": clean(s.model_dump() if hasattr(s, "model_dump") else s.dict())})
    except Exception as e:  # ValidationError, SettingsError
        missing, failed = [], []
        errs = getattr(e, "errors", None)
        if callable(errs):
            for er in errs():
                loc = str(er["loc"][0]) if er["loc"] else ""
                (missing if er["type"] in ("missing", "value_error.missing") else failed).append(loc)
        else:
            failed.append(str(e).split('"')[1] if '"' in str(e) else "")
        out.append({"ok": False, "missing": missing, "failed": failed})
json.dump(out, sys.stdout)
