"""Blind set 21, the five pasted families: a rule group from an ESP, an ad editor's boxes, a CDP's JSON, a YAML
manifest, a dashboard link (each renders every shape)."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from blind21_common import _cap, _g, _line, _t
from blind21_words import ADS, BI, CDP, ESP, NAMES, RECREATE

# ===================================================================================== 1. rule group pasted from an ESP
def rule_group_paste(rng, shape, L, cols=None):
    esp = rng.choice(ESP)
    intro = rng.choice([f"Pasting the segment definition from {esp}:", f"This is how the segment was set up in {esp}:",
                        f"Copied straight out of the segment builder in {esp}:", f"Segment conditions as they appear in {esp}:",
                        f"here's the segmnet definition from {esp}"])
    bullet = rng.choice(["•", "-", "▸", "*"])
    hdr_all = rng.choice(["Contacts match ALL of the following conditions:", "Match: all of the following", "People who meet ALL of these conditions:"])
    hdr_any = rng.choice(["Contacts match ANY of the following conditions:", "Match: any of the following", "People who meet AT LEAST ONE of these conditions:"])
    ind = "  "
    out = [f"Segment: {rng.choice(NAMES)}"]
    if shape in ("leaf", "and"):
        out += [hdr_all] + [f"{ind}{bullet} {_line(x.row(rng), rng)}" for x in L]
    elif shape == "or":
        out += [hdr_any] + [f"{ind}{bullet} {_line(x.row(rng), rng)}" for x in L]
    elif shape == "and_or":
        grp = rng.choice(["Condition group — match ANY of:", "Group (any of the following):", "Nested group, ANY of:"])
        out += [hdr_all, f"{ind}{bullet} {_line(L[0].row(rng), rng)}", f"{ind}{bullet} {grp}",
                f"{ind * 3}{bullet} {_line(L[1].row(rng), rng)}", f"{ind * 3}{bullet} {_line(L[2].row(rng), rng)}"]
    elif shape == "and_not":
        if rng.random() < 0.5:
            out += [hdr_all, f"{ind}{bullet} {_line(L[0].row(rng), rng)}", f"{ind}{bullet} {_line(L[1].nrow(rng), rng)}"]
        else:
            out += [hdr_all, f"{ind}{bullet} {_line(L[0].row(rng), rng)}",
                    rng.choice(["…and EXCLUDE contacts who match:", "Exclude contacts matching:", "Then remove anyone where:"]),
                    f"{ind}{bullet} {_line(L[1].row(rng), rng)}"]
    elif shape == "not":
        if rng.random() < 0.5:
            out += [hdr_all, f"{ind}{bullet} {_line(L[0].nrow(rng), rng)}"]
        else:
            out += [rng.choice(["Start from: all contacts", "Base: everyone in the list"]),
                    rng.choice(["Exclude contacts who match:", "EXCLUDE where:"]), f"{ind}{bullet} {_line(L[0].row(rng), rng)}"]
    if cols:
        out.append(rng.choice(["Export fields: customer ID, ", "Columns in the export: customer id, "]) + cols["col"])
    return f"{_g(rng)}{_cap(intro)}\n\n" + "\n".join(out) + f"\n\n{rng.choice(RECREATE)}{_t(rng)}"


# ===================================================================================== 2. ad platform editor, typed from a screenshot
def _ads_told(rng, shape, L, cols, ads):
    """The same include / exclude boxes, told in the marketer's own words."""
    who = rng.choice(["people who", "customers who"])
    c = lambda x: f"{who} {x.clause(rng)}"  # noqa: E731
    none = rng.choice(["The exclude box was empty.", "Nothing was in the exclude box.", "No exclusions."])
    if shape == "leaf":
        body = f"The include box had one rule — {c(L[0])}. {none}"
    elif shape == "and":
        rules = "; ".join(c(x) for x in L)
        body = f"The include box had {len(L)} rules and was set so a person had to meet all of them: {rules}. {none}"
    elif shape == "or":
        body = f"The include box had two rules set to “any”, so meeting either one was enough: {c(L[0])}; {c(L[1])}. {none}"
    elif shape == "and_or":
        body = (f"The include box required {c(L[0])}, and also had a sub-group where one match was enough: {c(L[1])}, or {c(L[2])}. {none}")
    elif shape == "and_not":
        body = f"The include box had {c(L[0])}. The exclude box had {c(L[1])} — anyone matching that was dropped."
    else:
        body = f"Nothing in the include box (so everyone in the customer list), and the exclude box had {c(L[0])} — those were dropped."
    pre = rng.choice([f"In {ads} the custom audience “{rng.choice(NAMES)}” was set up like this.", f"Explaining how our audience in {ads} was built:",
                      f"Our custom audience in {ads} (I double-checked the settings):"])
    ask = rng.choice(["Can you give me the same people from our data?", "I'd like that audience here.", "Who's that here?"])
    if cols:
        ask += f" And I need each person's {cols['col']} for the upload."
    return f"{_g(rng)}{_cap(pre)} {body} {ask}{_t(rng)}"


def ads_editor_transcript(rng, shape, L, cols=None):
    ads = rng.choice(ADS)
    if rng.random() < 0.45:
        return _ads_told(rng, shape, L, cols, ads)
    intro = rng.choice([f"Typed this out from a screenshot of {ads} (custom audience “{rng.choice(NAMES)}”):",
                        f"From {ads}: the custom audience “{rng.choice(NAMES)}” reads",
                        f"Transcribing the audience rules from {ads}:"])
    who = rng.choice(["customers who", "people who", "shoppers who"])
    mark = rng.choice(["›", "–", "o"])
    inc_all = rng.choice(["INCLUDE people who match ALL of these rules:", "Include — must meet every rule below:", "INCLUDE (all rules must match)"])
    inc_any = rng.choice(["INCLUDE people who match ANY of these rules:", "Include — meeting any one rule below is enough:", "INCLUDE (any rule may match)"])
    exc = rng.choice(["EXCLUDE people who match ANY of these rules:", "Exclude — anyone meeting the rule below is removed:", "EXCLUDE (removed even if included above)"])
    empty = rng.choice(["EXCLUDE: (empty)", "Exclude: none", "EXCLUDE — no rules"])
    r = lambda x: f"   {mark} {who} {x.clause(rng)}"  # noqa: E731
    out = []
    if shape in ("leaf", "and"):
        out += [inc_all] + [r(x) for x in L] + [empty]
    elif shape == "or":
        out += [inc_any] + [r(x) for x in L] + [empty]
    elif shape == "and_or":
        out += [inc_all, r(L[0]), f"   {mark} " + rng.choice(["either of the following (one is enough):", "at least one of:"]),
                f"        · {who} {L[1].clause(rng)}", f"        · {who} {L[2].clause(rng)}", empty]
    elif shape == "and_not":
        out += [inc_all, r(L[0]), exc, r(L[1])]
    elif shape == "not":
        out += [rng.choice(["INCLUDE: everyone in the customer list", "Include — all customers (no rules)"]), exc, r(L[0])]
    ask = rng.choice(["Can you build the same audience from our shop data?", "Need the same people here.",
                      "Please recreate it so I can compare counts.", "What does that come to in Portrait?"])
    if cols:
        ask += rng.choice([f" The upload also needs each person's {cols['col']}.", f" And attach their {cols['col']} for the ad match."])
    return f"{_g(rng)}{_cap(intro)}\n\n" + "\n".join(out) + f"\n\n{ask}{_t(rng)}"


# ===================================================================================== 3. CDP audience JSON export
def _camel(d):
    if isinstance(d, dict):
        return {("".join(w.capitalize() if i else w for i, w in enumerate(k.split("_")))): _camel(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_camel(x) for x in d]
    return d


def cdp_json_export(rng, shape, L, cols=None):
    cdp = rng.choice(CDP)
    m_key, all_v, any_v = rng.choice([("match", "all", "any"), ("combinator", "AND", "OR"), ("logic", "and", "or")])
    lst = rng.choice(["conditions", "rules", "filters"])
    grp = lambda mode, items: {m_key: mode, lst: items}  # noqa: E731
    kv = lambda x: x.kv(rng)  # noqa: E731
    aud = {"name": rng.choice(NAMES)}
    if shape in ("leaf", "and"):
        aud["include"] = grp(all_v, [kv(x) for x in L])
    elif shape == "or":
        aud["include"] = grp(any_v, [kv(x) for x in L])
    elif shape == "and_or":
        aud["include"] = grp(all_v, [kv(L[0]), grp(any_v, [kv(L[1]), kv(L[2])])])
    elif shape == "and_not":
        if rng.random() < 0.5:
            aud["include"] = grp(all_v, [kv(L[0])])
            aud["exclude"] = grp(any_v, [kv(L[1])])
        else:
            aud["include"] = grp(all_v, [kv(L[0]), {"not": kv(L[1])}])
    elif shape == "not":
        if rng.random() < 0.5:
            aud["include"] = {"all_profiles": True}
            aud["exclude"] = grp(any_v, [kv(L[0])])
        else:
            aud["include"] = grp(all_v, [{"not": kv(L[0])}])
    if cols:
        aud["export_fields"] = ["customer_id", cols["key"]]
    body = {"audience": aud} if rng.random() < 0.6 else aud
    if rng.random() < 0.35:
        body = _camel(body)
    intro = rng.choice([f"Export of the audience from {cdp}:", f"{cdp} gave me this JSON for the audience, can you run it against our data?",
                        f"JSON from {cdp}'s audience export — same people please:", f"Audience definition ({cdp} export) below."])
    tail = rng.choice(["", "", "Who's in it?", "Please list the matching customers.", "need the list by EOD."])
    end = (tail + _t(rng)).strip()
    return f"{_g(rng)}{_cap(intro)}\n\n{json.dumps(body, indent=2, ensure_ascii=False)}" + (f"\n{end}" if end else "")


# ===================================================================================== 4. YAML audience manifest
def _yscalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_yscalar(x) for x in v) + "]"
    s = str(v)
    return s if s.replace("_", "").replace("-", "").isalnum() and not s[0].isdigit() else json.dumps(s, ensure_ascii=False)


def _ydict(d: dict, ind: int) -> list[str]:
    """A condition mapping as a YAML list item at indent ``ind``."""
    out = []
    for i, (k, v) in enumerate(d.items()):
        pre = " " * ind + ("- " if i == 0 else "  ")
        out.append(f"{pre}{k}: {_yscalar(v)}")
    return out


def yaml_audience_manifest(rng, shape, L, cols=None):
    all_k, any_k, none_k = rng.choice([("all_of", "any_of", "none_of"), ("require_all", "require_any", "exclude_if_any"),
                                       ("match_all", "match_any", "match_none")])
    lines = ["audience:", f"  name: {_yscalar(rng.choice(NAMES))}", f"  source: {_yscalar(rng.choice(['cdp', 'esp', 'crm', 'ads']))}"]
    blk = lambda x, ind: _ydict(x.kv(rng), ind)  # noqa: E731
    if shape in ("leaf", "and", "or"):
        lines.append(f"  {any_k if shape == 'or' else all_k}:")
        for x in L:
            lines += blk(x, 4)
    elif shape == "and_or":
        lines.append(f"  {all_k}:")
        lines += blk(L[0], 4)
        lines.append(f"    - {any_k}:")
        for x in L[1:]:
            lines += blk(x, 8)
    elif shape == "and_not":
        lines.append(f"  {all_k}:")
        lines += blk(L[0], 4)
        lines.append(f"  {none_k}:")
        lines += blk(L[1], 4)
    elif shape == "not":
        lines.append(rng.choice([f"  {all_k}: []   # no include rules: start from every customer", "  base: all_customers"]))
        lines.append(f"  {none_k}:")
        lines += blk(L[0], 4)
    if cols:
        lines.append(f"  output_columns: [customer_id, {cols['key']}]")
    intro = rng.choice(["Our audience config (YAML) from the old setup:", "Moving this over from the old stack — the YAML:",
                        "yaml from the repo where we kept segment defs:", "This is the manifest we used:"])
    ask = rng.choice(RECREATE)
    return f"{_g(rng)}{_cap(intro)}\n\n" + "\n".join(lines) + f"\n\n{ask}{_t(rng)}"


# ===================================================================================== 5. saved dashboard link with a note
def _param(i: int, kv: dict) -> str:
    extras = {k: v for k, v in kv.items() if k not in ("field", "op", "value")}
    val = kv["value"]
    if kv["op"] == "between":
        parts = [f"f{i}[field]={kv['field']}", f"f{i}[op]=between", f"f{i}[min]={val[0]}", f"f{i}[max]={val[1]}", f"f{i}[inclusive]=true"]
        return "&".join(parts)
    if extras:
        parts = [f"f{i}[field]={kv['field']}", f"f{i}[op]={kv['op']}", f"f{i}[value]={quote_plus(str(val))}"]
        parts += [f"f{i}[{k}]={str(v).lower() if isinstance(v, bool) else quote_plus(str(v))}" for k, v in extras.items()]
        return "&".join(parts)
    return f"f{i}={kv['field']}:{kv['op']}:{quote_plus(str(val))}"


def dashboard_link_note(rng, shape, L, cols=None):
    bi = rng.choice(BI)
    kvs = [x.kv(rng) for x in L]
    params = [_param(i + 1, kv) for i, kv in enumerate(kvs)]
    logic = {"leaf": "f1", "and": "+AND+".join(f"f{i + 1}" for i in range(len(L))), "or": "f1+OR+f2", "and_not": "f1+AND+NOT+f2",
             "not": "NOT+f1", "and_or": "f1+AND+(f2+OR+f3)"}[shape]
    q = "&".join(params) + f"&logic={logic}"
    if cols:
        q += f"&columns=customer_id,{cols['key']}"
    host = rng.choice(["https://bi.internal.example/dash/customers", "https://reports.example.net/v/segments/customer-list",
                       "https://analytics.example.com/explore/customers"])
    url = f"{host}?view={rng.choice(['saved', 'shared', 'seg'])}&{q}"
    pre = rng.choice([f"In {bi} we had a saved customer view for this — here's the link with the filters baked in:",
                      f"The link from {bi} had the audience as URL filters (the logic= bit says how they combine):",
                      f"Found the saved view in {bi}; the filters are all in the link:",
                      f"this is the url we used in {bi} to pull the list"])
    post = rng.choice(["Can you give me the same customers here?", "Same people please, the dashboard is going away.",
                       "Recreate it please.", "Who would that be in Portrait?", "pls pull those customers."])
    return f"{_g(rng)}{_cap(pre)}\n{url}\n{post}{_t(rng)}"


# ===================================================================================== 6. a segment query-language line
