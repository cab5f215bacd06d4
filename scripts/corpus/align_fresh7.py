"""Aligns the labels of fresh sets 7a/7b (written 2026-11-24 by helpers who saw only fakegen.py) with
the corpus's documented labelling conventions, after they were scored once as written
(docs/detection.md, "Fresh set 7"). Every change is listed here with its reason; nothing else moves.

Usage: python3 align_fresh7.py IN.jsonl OUT.jsonl
"""
import json
import sys

# (sample id, type, value): labels the writers left out although the text holds the value and the
# corpus labels it everywhere else.
ADD = [
    # Private-network addresses are reported (docs/detection.md, "IP addresses: what is reported");
    # 75 of the corpus's 77 are labelled. 10.0.0.0 in "10.0.0.0/8" is a network, not an address.
    ("f7a-001", "ip_address", "10.0.3.17"),
    ("f7a-038", "ip_address", "10.20.4.11"),
    ("f7a-079", "ip_address", "172.31.8.44"),
    ("f7a-092", "ip_address", "10.10.2.15"),
    ("f7b-008", "ip_address", "10.20.4.17"),
    ("f7b-070", "ip_address", "192.168.10.1"),
    # Test card numbers are card numbers ("Placeholder allowlist": personal-data rules do not drop
    # them); a proxy cannot tell a test card from a card.
    ("f7a-053", "card", "4242 4242 4242 4242"),
    ("f7a-053", "card", "4000 0000 0000 0002"),
    ("f7a-059", "card", "4111111111111111"),
    ("f7a-107", "card", "4242 4242 4242 4242"),
    ("f7a-107", "card", "4000 0000 0000 9995"),
    ("f7b-053", "card", "4242 4242 4242 4242"),
    ("f7b-053", "card", "5555555555554444"),
    ("f7b-104", "card", "4242424242424242"),
    ("f7b-104", "card", "4000 0566 5566 5556"),
    ("f7b-104", "card", "3566002020360505"),
    # An address at example.com, a role mailbox and a vendor's test number are still an address and
    # a number in the text (the same reason; set 7a's writer labelled role mailboxes too).
    ("f7a-035", "email", "admin@example.com"),
    ("f7b-104", "email", "user@example.com"),
    ("f7b-024", "email", "personal@kanzlei-roth.de"),
    ("f7a-037", "phone", "+15005550006"),
    ("f7b-099", "phone", "+15005550006"),
    # A company's representative number (대표번호, 1588-xxxx) is a phone number in the text; the
    # writers of sets 8b and 10b, who had the conventions, labelled every one of theirs.
    ("f7a-077", "phone", "1588-3820"),
    ("f7a-102", "phone", "1588-0011"),
]

# A service-account JSON's private key and client e-mail are labelled beside gcp_credentials in all
# 20 earlier samples: added from the text (the PEM as written, escaped or not).
GCP = ["f7a-022", "f7a-084", "f7b-044", "f7b-077"]

# (sample id, value): documentation-range addresses (192.0.2/24, 198.51.100/24, 203.0.113/24) are
# unlabelled in all 21 earlier samples and reported below the default threshold by design.
REMOVE = [
    ("f7a-048", "198.51.100.23"),
    ("f7a-048", "203.0.113.187"),
    ("f7a-076", "198.51.100.77"),
    ("f7a-076", "203.0.113.45"),
]

# (sample id, value, new type): Vault and Databricks tokens are cloud_token in all 12 earlier labels.
RETYPE = [
    ("f7a-094", "hvs.", "cloud_token"),
    ("f7b-108", "hvs.", "cloud_token"),
    ("f7b-108", "dapi", "cloud_token"),
]


def gcp_labels(text):
    out = []
    start = text.index("-----BEGIN PRIVATE KEY-----")
    end = text.index("-----END PRIVATE KEY-----", start) + len("-----END PRIVATE KEY-----")
    out.append(("private_key", text[start:end]))
    at = text.index('client_email')
    quote = text.index('"', text.index(':', at) + 1)
    if text[quote - 1] == "\\":
        value_end = text.index('\\"', quote + 1)
    else:
        value_end = text.index('"', quote + 1)
    out.append(("email", text[quote + 1:value_end]))
    return out


def main(src, dst):
    samples = [json.loads(line) for line in open(src, encoding="utf-8")]
    by_id = {s["id"]: s for s in samples}
    prefix = samples[0]["id"][:3]
    for sid, typ, value in ADD:
        if sid.startswith(prefix):
            s = by_id[sid]
            assert value in s["text"], (sid, value)
            s["labels"].append({"type": typ, "value": value})
    for sid in GCP:
        if sid.startswith(prefix):
            s = by_id[sid]
            for typ, value in gcp_labels(s["text"]):
                s["labels"].append({"type": typ, "value": value})
    for sid, value in REMOVE:
        if sid.startswith(prefix):
            s = by_id[sid]
            before = len(s["labels"])
            s["labels"] = [l for l in s["labels"] if l["value"] != value]
            assert len(s["labels"]) == before - 1, (sid, value)
    for sid, start, typ in RETYPE:
        if sid.startswith(prefix):
            hits = [l for l in by_id[sid]["labels"] if l["value"].startswith(start)]
            assert len(hits) == 1, (sid, start)
            hits[0]["type"] = typ
    with open(dst, "w", encoding="utf-8") as f:
        for s in samples:
            assert all(l["value"] in s["text"] for l in s["labels"]), s["id"]
            f.write(json.dumps(s, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
