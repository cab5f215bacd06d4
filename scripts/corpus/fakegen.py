"""Fake identifiers and credentials with valid check digits / checksums. Never real values."""
import base64, json, random, string, subprocess, tempfile, os, zlib

R = random.Random()
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B32 = string.ascii_uppercase + "234567"


def seed(s):
    R.seed(s)


def rnd(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def rnd_mixed(alpha, n):
    while True:
        v = rnd(alpha, n)
        need = [f for f in (str.isupper, str.islower, str.isdigit) if any(f(c) for c in alpha)]
        if all(any(f(c) for c in v) for f in need):
            return v


def luhn_check(digits):
    s = 0
    for i, d in enumerate(reversed(digits)):
        d = int(d)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def luhn_valid(n):
    return luhn_check(n[:-1]) == n[-1]


def card(brand="visa"):
    pre, length = {
        "visa": ("4" + rnd("0123456789", 1), 16),
        "mc": (R.choice(["51", "52", "53", "54", "55", "2221", "2720"]), 16),
        "amex": (R.choice(["34", "37"]), 15),
        "disc": ("6011", 16),
        "jcb": ("35" + str(R.randint(28, 89)), 16),
    }[brand]
    body = pre + rnd("0123456789", length - 1 - len(pre))
    return body + luhn_check(body)


def luhn_number(length):
    body = rnd("123456789", 1) + rnd("0123456789", length - 2)
    return body + luhn_check(body)


def fmt_card(n, sep=" "):
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, len(n), 4))


def kr_rrn(year=None, gender=None):
    y = year or R.randint(1950, 2015)
    m, d = R.randint(1, 12), R.randint(1, 28)
    if gender is None:
        gender = R.choice([1, 2]) if y < 2000 else R.choice([3, 4])
    first = f"{y % 100:02d}{m:02d}{d:02d}{gender}" + rnd("0123456789", 5)
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    s = sum(int(a) * b for a, b in zip(first, w))
    chk = (11 - s % 11) % 10
    full = first + str(chk)
    return full[:6] + "-" + full[6:]


def us_ssn(sep="-"):
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        g, s = R.randint(1, 99), R.randint(1, 9999)
        return f"{a:03d}{sep}{g:02d}{sep}{s:04d}"


def iban(cc):
    spec = {"DE": "8n10n", "GB": "4a6n8n", "FR": "5n5n11c2n", "NL": "4a10n", "ES": "4n4n2n10n",
            "IT": "1a5n5n12c", "AT": "5n11n", "CH": "5n12c", "BE": "3n7n2n", "PL": "8n16n"}[cc]
    bban = ""
    import re
    for cnt, kind in re.findall(r"(\d+)([anc])", spec):
        alpha = {"a": string.ascii_uppercase, "n": string.digits, "c": string.ascii_uppercase + string.digits}[kind]
        bban += rnd(alpha, int(cnt))
    rearr = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in rearr)
    chk = 98 - int(num) % 97
    return f"{cc}{chk:02d}{bban}"


def iban_spaced(v):
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


def jp_mynumber():
    d = rnd("0123456789", 11)
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(d, w)) % 11
    return d + str(0 if s <= 1 else 11 - s)


def uk_nino():
    first = R.choice("ABCEGHJKLMNPRSTWXYZ")
    while True:
        second = R.choice("ABCEGHJKLMNPRSTWXYZ")
        if first + second not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    return first + second + rnd("0123456789", 6) + R.choice("ABCD")


def de_steuer_id():
    while True:
        digits = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(9)]
        counts = {}
        for x in digits:
            counts[x] = counts.get(x, 0) + 1
        reps = [k for k, v in counts.items() if v > 1]
        if len(reps) != 1 or counts[reps[0]] > 3:
            continue
        if any(digits[i] == digits[i + 1] == digits[i + 2] for i in range(8)):
            continue
        break
    product = 10
    for x in digits:
        s = (x + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    chk = 11 - product
    if chk == 10:
        chk = 0
    return "".join(map(str, digits)) + str(chk)


def fr_nir():
    sex = R.choice("12")
    yy = f"{R.randint(50, 99):02d}"
    mm = f"{R.randint(1, 12):02d}"
    dep = f"{R.randint(1, 95):02d}"
    com = f"{R.randint(1, 999):03d}"
    order = f"{R.randint(1, 999):03d}"
    base = sex + yy + mm + dep + com + order
    key = 97 - int(base) % 97
    return f"{sex} {yy} {mm} {dep} {com} {order} {key:02d}"


def es_dni():
    n = R.randint(10000000, 99999999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def es_nie():
    p = R.choice("XYZ")
    n = R.randint(1000000, 9999999)
    v = int(str("XYZ".index(p)) + str(n))
    return f"{p}{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[v % 23]}"


_CF_ODD = {**{str(i): v for i, v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21])},
           **dict(zip(string.ascii_uppercase, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]))}


def it_cf():
    cons = "BCDFGHLMNPRSTVZ"
    body = rnd(cons, 3) + rnd(cons, 3) + f"{R.randint(50, 99):02d}" + R.choice("ABCDEHLMPRST") + \
        f"{R.choice([R.randint(1, 28), R.randint(41, 68)]):02d}" + R.choice("ABCDEFGHILM") + f"{R.randint(1, 999):03d}"
    s = 0
    for i, c in enumerate(body):
        if i % 2 == 0:
            s += _CF_ODD[c]
        else:
            s += int(c) if c.isdigit() else ord(c) - 65
    return body + chr(65 + s % 26)


def nl_bsn():
    while True:
        d = [R.randint(0, 9) for _ in range(8)]
        s = sum(x * w for x, w in zip(d, range(9, 1, -1)))
        last = s % 11
        if last < 10 and (d[0] != 0):
            return "".join(map(str, d)) + str(last)


def sg_nric():
    p = R.choice("ST")
    d = rnd("0123456789", 7)
    s = sum(int(a) * b for a, b in zip(d, [2, 7, 6, 5, 4, 3, 2])) + (4 if p == "T" else 0)
    return p + d + "JZIHGFEDCBA"[s % 11]


_VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
       [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
       [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
       [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def aadhaar():
    d = rnd("23456789", 1) + rnd("0123456789", 10)
    c = 0
    for i, x in enumerate(reversed(d)):
        c = _VD[c][_VP[(i + 1) % 8][int(x)]]
    return d + str(_VINV[c])


def b62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def github(prefix="ghp_"):
    body = rnd(ALNUM, 30)
    return prefix + body + b62(zlib.crc32(body.encode()), 6)


def github_pat():
    return "github_pat_11" + rnd(string.ascii_uppercase + string.digits, 20) + "_" + rnd_mixed(ALNUM, 59)


def b64u(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def jwt(payload=None, alg="HS256"):
    h = {"alg": alg, "typ": "JWT"}
    p = payload or {"sub": str(R.randint(1000, 99999)), "iat": 1763900000 + R.randint(0, 99999)}
    sig = base64.urlsafe_b64encode(bytes(R.getrandbits(8) for _ in range(32 if alg == "HS256" else 64))).decode().rstrip("=")
    return f"{b64u(h)}.{b64u(p)}.{sig}"


def pem(kind="ec"):
    args = {"ec": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            "rsa": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
            "ed": ["-algorithm", "ed25519"]}[kind]
    out = subprocess.run(["openssl", "genpkey", *args], capture_output=True, text=True, check=True).stdout
    return out.strip()


def pem_rsa_traditional():
    k = pem("rsa")
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write(k)
    out = subprocess.run(["openssl", "pkey", "-in", f.name, "-traditional"], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    return out.strip()


def openssh_key():
    d = tempfile.mkdtemp()
    p = os.path.join(d, "k")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy@ci", "-f", p], check=True)
    s = open(p).read().strip()
    return s


def aws_key_id(prefix="AKIA"):
    return prefix + rnd(B32, 16)


def aws_secret():
    return rnd_mixed(ALNUM + "+/", 40)


def slack_bot():
    return f"xoxb-{R.randint(10**10, 10**12)}-{R.randint(10**11, 10**13)}-{rnd_mixed(ALNUM, 24)}"


def slack_user():
    return f"xoxp-{R.randint(10**10, 10**12)}-{R.randint(10**10, 10**12)}-{R.randint(10**11, 10**13)}-{rnd('0123456789abcdef', 32)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rnd(string.ascii_uppercase + string.digits, 10)}/B{rnd(string.ascii_uppercase + string.digits, 10)}/{rnd_mixed(ALNUM, 24)}"


def discord_token():
    uid = str(R.randint(10**17, 10**18 - 1)).encode()
    a = base64.b64encode(uid).decode().rstrip("=")
    return f"{a}.{rnd(ALNUM + '-_', 6)}.{rnd_mixed(ALNUM + '-_', 38)}"


def discord_webhook():
    return f"https://discord.com/api/webhooks/{R.randint(10**17, 10**18 - 1)}/{rnd_mixed(ALNUM + '-_', 68)}"


def telegram():
    return f"{R.randint(10**8, 10**10 - 1)}:AA{rnd_mixed(ALNUM + '-_', 33)}"


def stripe(prefix="sk_live_"):
    return prefix + rnd_mixed(ALNUM, 99 if prefix.startswith(("sk", "rk")) else 32)


def openai_proj():
    return "sk-proj-" + rnd_mixed(ALNUM + "-_", 74) + "T3BlbkFJ" + rnd_mixed(ALNUM + "-_", 74)


def openai_svc():
    return "sk-svcacct-" + rnd_mixed(ALNUM + "-_", 74) + "T3BlbkFJ" + rnd_mixed(ALNUM + "-_", 74)


def openai_legacy():
    return "sk-" + rnd_mixed(ALNUM, 20) + "T3BlbkFJ" + rnd_mixed(ALNUM, 20)


def anthropic():
    return "sk-ant-api03-" + rnd_mixed(ALNUM + "-_", 93) + "AA"


def google_key():
    return "AIza" + rnd_mixed(ALNUM + "-_", 35)


def hf():
    return "hf_" + rnd_mixed(string.ascii_letters, 34)


def npm():
    return "npm_" + rnd_mixed(ALNUM, 36)


def pypi():
    return "pypi-AgEIcHlwaS5vcmc" + rnd_mixed(ALNUM + "-_", 150)


def sendgrid():
    return "SG." + rnd_mixed(ALNUM + "-_", 22) + "." + rnd_mixed(ALNUM + "-_", 43)


def twilio_sk():
    return "SK" + rnd(HEX, 32)


def mailgun():
    return "key-" + rnd(HEX, 32)


def shopify(p="shpat_"):
    return p + rnd(HEX, 32)


def gitlab():
    return "glpat-" + rnd_mixed(ALNUM + "-_", 20)


def do_token():
    return "dop_v1_" + rnd(HEX, 64)


def groq():
    return "gsk_" + rnd_mixed(ALNUM, 52)


def replicate():
    return "r8_" + rnd_mixed(ALNUM, 37)


def pplx():
    return "pplx-" + rnd_mixed(ALNUM, 48)


def xai():
    return "xai-" + rnd_mixed(ALNUM, 80)


def dockerhub():
    return "dckr_pat_" + rnd_mixed(ALNUM + "-_", 27)


def linear():
    return "lin_api_" + rnd_mixed(ALNUM, 40)


def postman():
    return f"PMAK-{rnd(HEX, 24)}-{rnd(HEX, 34)}"


def square():
    return "EAAA" + rnd_mixed(ALNUM + "-_", 60)


def vault():
    return "hvs." + rnd_mixed(ALNUM + "-_", 90)


def databricks():
    return "dapi" + rnd(HEX, 32)


def newrelic():
    return "NRAK-" + rnd(string.ascii_uppercase + string.digits, 27)


def grafana_sa():
    return "glsa_" + rnd_mixed(ALNUM, 32) + "_" + rnd(HEX, 8)


def notion():
    return "ntn_" + rnd(string.digits, 11) + rnd_mixed(ALNUM, 35)


def airtable():
    return "pat" + rnd_mixed(ALNUM, 14) + "." + rnd(HEX, 64)


def doppler():
    return "dp.st.prd." + rnd_mixed(ALNUM, 40)


def mailchimp():
    return rnd(HEX, 32) + "-us" + str(R.randint(2, 21))


def azure_storage_key():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def azure_client_secret():
    return rnd_mixed(ALNUM, 3) + "8Q~" + rnd_mixed(ALNUM + "~_.-", 34)


def gcp_sa_json(email_proj):
    key = pem("rsa").replace("\n", "\\n")
    return ('{\n  "type": "service_account",\n  "project_id": "%s",\n  "private_key_id": "%s",\n'
            '  "private_key": "%s\\n",\n  "client_email": "ci-deployer@%s.iam.gserviceaccount.com",\n'
            '  "client_id": "%s",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}') % (
        email_proj, rnd(HEX, 40), key, email_proj, rnd(string.digits, 21)), key


def gocspx():
    return "GOCSPX-" + rnd_mixed(ALNUM + "-_", 28)


def high_entropy(n=40, alpha=ALNUM):
    return rnd_mixed(alpha, n)


def password():
    words = ["Sommer", "Winter", "tiger", "Falcon", "maple", "Orbit", "river", "Kiwi", "Nebula", "otter", "Blue", "Rocket"]
    sym = "!#$%&*@?-_."
    return R.choice(words) + rnd(string.digits, R.randint(2, 4)) + R.choice(sym) + R.choice(words).lower()[:R.randint(3, 5)]


def password_random(n=14):
    return rnd_mixed(ALNUM + "!#$%*-_", n)


def sample_adder(out, prefix):
    """S(lang, kind, text, *(type, value)) appending a corpus sample with id PREFIX-NNN to out."""
    def add(lang, kind, text, *labels):
        out.append({"id": f"{prefix}-{len(out) + 1:03d}", "lang": lang, "kind": kind, "text": text,
                    "labels": [{"type": t, "value": v} for t, v in labels]})
    return add


def write_checked(samples, path):
    """Writes the samples as JSONL after checking that every label's value stands in its text."""
    for d in samples:
        for l in d["labels"]:
            assert l["value"] and l["value"] in d["text"], (d["id"], l)
    with open(path, "w") as f:
        for d in samples:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


# The corpus's seven kinds (CorpusTest); a writer's own settings fold into them.
def corpus_kind(k):
    if k in ("csv", "tsv", "spreadsheet"):
        return "csv"
    if k in ("log", "stack_trace"):
        return "log"
    if k in ("html", "html_form", "form", "medical_form"):
        return "form"
    if k == "json" or k.startswith(("json_", "llm_")) or k == "code_json":
        return "json"
    if k.startswith("config") or k in ("dockerfile", "compose", "terraform", "properties", "ini", "toml"):
        return "config"
    if k.startswith("code") or k.startswith("shell"):
        return "code"
    return "prose"


def write_corpus(samples, path):
    """write_checked after folding each sample's kind into the corpus's seven (corpus_kind)."""
    for d in samples:
        d["kind"] = corpus_kind(d["kind"])
    write_checked(samples, path)

