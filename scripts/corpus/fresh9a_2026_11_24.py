"""Fresh set 9a (2026-11-24): written by a helper who read only fakegen.py, never the rules
(English 55, German 45); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
About 60 % of samples hide a value (full-width, zero-width, look-alike letters, base64/url,
percent, \\uXXXX, HTML references, hex, wrapped/split values, glued identifiers, spaced digits);
a label's value is the disguised text exactly as it appears (the whole encoded run for
base64/hex/percent encodings).
Usage: python3 fresh9a_2026_11_24.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, hashlib, json, string, urllib.parse, uuid

seed(9901)
OUT = []
S = sample_adder(OUT, "f9a")
# S(lang, kind, text, (type, value), (type, value), ...)
E, D = "en", "de"

# ---------------------------------------------------------------- disguise helpers (never hand-written)
ZW, WJ, BOM = "\u200b", "\u2060", "\ufeff"


def fw(s):
    """Full-width form of printable ASCII (space -> ideographic space)."""
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else ("\u3000" if c == " " else c) for c in s)


def zw(s, ch=ZW, n=1):
    """Insert ch at n positions strictly inside s."""
    pos = sorted(R.sample(range(2, len(s) - 1), n), reverse=True)
    for p in pos:
        s = s[:p] + ch + s[p:]
    return s


CYR = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445", "y": "\u0443",
       "i": "\u0456", "s": "\u0455", "A": "\u0410", "B": "\u0412", "E": "\u0415", "K": "\u041a", "M": "\u041c",
       "H": "\u041d", "O": "\u041e", "P": "\u0420", "C": "\u0421", "T": "\u0422", "X": "\u0425", "I": "\u0406",
       "h": "\u04bb"}
GRK = {"o": "\u03bf", "A": "\u0391", "B": "\u0392", "E": "\u0395", "K": "\u039a", "O": "\u039f", "T": "\u03a4",
       "I": "\u0399", "N": "\u039d", "v": "\u03bd", "Z": "\u0396", "M": "\u039c", "H": "\u0397"}


def homo(s, n=2, table=CYR, first=False):
    """Swap n Latin letters of s for look-alikes (the first eligible ones if first=True)."""
    idx = [i for i, c in enumerate(s) if c in table]
    pick = idx[:n] if first else R.sample(idx, min(n, len(idx)))
    t = list(s)
    for i in pick:
        t[i] = table[t[i]]
    out = "".join(t)
    assert out != s
    return out


def b64(s):
    return base64.b64encode(s.encode()).decode()


def b64url(s):
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")


def pct(s, safe=""):
    return urllib.parse.quote(s, safe=safe)


def pct_all(s):
    return "".join("%%%02X" % b for b in s.encode())


def ju(s):
    return "".join("\\u%04x" % ord(c) for c in s)


def ju_some(s, chars):
    return "".join("\\u%04x" % ord(c) if c in chars else c for c in s)


def html_dec(s):
    return "".join("&#%d;" % ord(c) for c in s)


def html_hex_some(s, chars):
    return "".join("&#x%X;" % ord(c) if c in chars else c for c in s)


def hexb(s, sep=""):
    return sep.join("%02x" % b for b in s.encode())


def spaced(s):
    return " ".join(c for c in s if c not in " -")


def wrap(s, at, nl="\n"):
    return s[:at] + nl + s[at:]


def sha256(s):
    return hashlib.sha256(s.encode()).hexdigest()


def gitsha():
    return rnd(HEX, 40)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def bcrypt_like():
    return "$2b$12$" + rnd(string.ascii_letters + string.digits + "./", 53)


def de_phone():
    return R.choice(["+49 151 ", "+49 170 ", "0176 ", "+49 30 ", "089 "]) + rnd("0123456789", 4) + " " + rnd("0123456789", 4)


# ================================================================= DISGUISED (60)

# 1 full-width AWS key id
k = fw(aws_key_id())
S(E, "chat", f"the DLP proxy keeps eating my paste so here it is in wide chars lol: {k} — region eu-west-1, can you check why AssumeRole fails?",
  ("aws_access_key", k))

# 2 zero-width inside e-mail
em = zw("jana.kruse@kruse-moebel.de", ZW)
S(D, "prose", f"Hallo Team,\nbitte schickt die unterschriebenen Verträge ab sofort an {em} und nicht mehr an die alte Sammeladresse.\nDanke, Jana",
  ("email", em))

# 3 word joiner in a GitHub token
g = zw(github("ghp_"), WJ, 2)
S(E, "code", f'import requests\n\nGH_TOKEN = "{g}"\nr = requests.get("https://api.github.com/user/repos", headers={{"Authorization": f"token {{GH_TOKEN}}"}})\nprint(r.status_code)',
  ("github_token", g))

# 4 k8s secret, base64 of password
pw = password()
b = b64(pw)
S(D, "config", f"# Secret für die Bestell-DB, Namespace shop-prod\napiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\ndata:\n  DB_USER: {b64('orders_app')}\n  DB_PASSWORD: {b}\n",
  ("password", b))

# 5 base64url of JSON holding an OpenAI key
ok = openai_proj()
blob = b64url(json.dumps({"tenant": "acme-support", "provider": "openai", "api_key": ok}))
S(E, "json", json.dumps({"job": "summarize-tickets", "config_blob": blob, "retries": 3}, indent=2),
  ("openai_key", blob))

# 6 percent-encoded @ in query string
em = pct("maria.lopez@gmail.com")
S(E, "log", f'203.0.113.77 - - [24/Nov/2026:09:14:02 +0000] "GET /newsletter/subscribe?email={em}&src=footer HTTP/1.1" 302 0 "-" "Mozilla/5.0"',
  ("email", em))

# 7 every byte percent-encoded password
pw = password()
pe = pct_all(pw)
S(D, "log", f"2026-11-24T08:41:17Z WARN  auth-proxy  POST /login body=user=r.schaefer&pw={pe}&remember=1 client=10.40.12.9",
  ("password", pe), ("ip_address", "10.40.12.9"))

# 8 JSON \u escapes of a Stripe secret
sk = stripe("sk_live_")
je = ju(sk)
S(E, "json", '{\n  "integration": "billing",\n  "stripe_secret": "' + je + '",\n  "webhook_tolerance": 300\n}',
  ("stripe_key", je))

# 9 HTML decimal reference for @
em = "kontakt&#64;mueller-haustechnik.de"
S(D, "code", f'<footer>\n  <p>Müller Haustechnik GmbH · Lindenstraße 4 · 34117 Kassel</p>\n  <p>E-Mail: <a href="mailto:{em}">{em}</a></p>\n</footer>',
  ("email", em))

# 10 hex bytes of a Slack bot token in a C array-ish dump
st = slack_bot()
hx = hexb(st, " ")
S(E, "log", f"[debug] outbound frame len={len(st)} payload-hex: {hx}\n[debug] -> chat.postMessage channel=C04ALERTS",
  ("slack_token", hx))

# 11 AWS secret wrapped over two lines
ak, sec = aws_key_id(), aws_secret()
ws = wrap(sec, 22, "\\\n    ")
S(E, "config", f"[profile billing-ro]\naws_access_key_id = {ak}\naws_secret_access_key = {ws}\nregion = us-east-2",
  ("aws_access_key", ak), ("aws_secret_key", ws))

# 12 IBAN split across two JSON strings
ib = iban_spaced(iban("DE"))
p1, p2 = ib[:12], ib[12:]
txt = '{"zahlung": {"empfaenger": "Hofmann Elektro", "iban_teil": ["' + p1 + '", "' + p2 + '"], "betrag": 1249.90}}'
S(D, "json", txt, ("iban", p1 + '", "' + p2))

# 13 GitHub token glued into an identifier
g = github("gho_")
S(E, "code", f"CACHE_KEY = \"x_{g}_v2\"  # don't ask, legacy from the oauth migration\nredis.set(CACHE_KEY, payload, ex=3600)",
  ("github_token", g))

# 14 spaced-out Steuer-ID
sid = spaced(de_steuer_id())
S(D, "chat", f"meine steuer id ist {sid} (hab extra leerzeichen gemacht, das system mag sonst keine zahlen)",
  ("de_steuer_id", sid))

# 15 spaced card digits
cd = spaced(card("visa"))
S(E, "chat", f"ok typing it slowly: {cd}, exp 09/28, and yes it's the company card", ("card", cd))

# 16 Cyrillic look-alikes in an e-mail
em = homo("sarah.connor@pacificmail.com", 3)
S(E, "prose", f"Please cc {em} on the incident report; she owns the vendor relationship.", ("email", em))

# 17 Cyrillic AKIA
k = homo(aws_key_id(), 3, CYR, first=True)
S(D, "config", f"# alter Schlüssel, nur zur Doku (sollte rotiert sein?)\nAWS_ACCESS_KEY_ID={k}\nAWS_DEFAULT_REGION=eu-central-1",
  ("aws_access_key", k))

# 18 Greek letters inside an Anthropic key
an = anthropic()
ag = an[:14] + homo(an[14:], 3, GRK)
S(E, "chat", f"why does this 401?? client = anthropic.Anthropic(api_key=\"{ag}\") — I copied it straight from the PDF",
  ("anthropic_key", ag))

# 19 full-width @
em = "tom.baker" + fw("@") + "outlook.com"
S(E, "prose", f"Contact for the lease renewal: Tom Baker ({em}), available weekdays after 3pm.", ("email", em))

# 20 BOM inside an IBAN
ib = zw(iban("DE"), BOM)
S(D, "prose", f"Bitte überweisen Sie den Restbetrag bis 05.12.2026 auf {ib} (Verwendungszweck: RE-2026-11873).",
  ("iban", ib))

# 21 base64 of JSON with a card number
cn = card("mc")
blob = b64(json.dumps({"pan": cn, "exp": "11/29", "holder": "L. Fischer"}))
S(E, "log", f"2026-11-24 10:02:33 INFO payment-gw retry queued msg_id=9f2c attempt=2 body_b64={blob}",
  ("card", blob))

# 22 hex of an IBAN line
ib = iban("AT")
hx = hexb("IBAN: " + ib)
S(D, "log", f"[sepa-export] Zeile 14 konnte nicht geparst werden, raw={hx} (encoding?)", ("iban", hx))

# 23 JSON \u0040 in e-mail
em = "j.doe" + ju("@") + "northwind-logistics.com"
S(E, "json", '{"requester": {"name": "John Doe", "email": "' + em + '"}, "subject": "VPN access"}', ("email", em))

# 24 HTML decimal refs for an SSN
ssn = html_dec(us_ssn())
S(E, "code", f"<tr><td>Applicant SSN</td><td>{ssn}</td></tr>", ("us_ssn", ssn))

# 25 percent-encoded DB URL with credentials
u = f"postgres://svc_reporting:{password_random(16)}@db-reporting.internal:5432/analytics"
pu = pct(u)
S(D, "log", f"GET /admin/connect?dsn={pu}&test=1 → 500 Internal Server Error (Verbindung abgelehnt)",
  ("url_credentials", pu))

# 26 Discord webhook with zero-width in the path
dw = discord_webhook()
dz = zw(dw, ZW, 2)
S(E, "config", f"alerts:\n  discord:\n    url: \"{dz}\"\n    mention_role: oncall", ("discord_webhook", dz))

# 27 Telegram token wrapped in a chat message
tt = telegram()
tw = wrap(tt, 20)
S(E, "chat", f"bot token for the staging notifier (sorry, my phone wrapped it):\n{tw}\nplease don't commit it", ("telegram_token", tw))

# 28 zero-width inside a phone number
ph = zw("+49 151 2384 9071", ZW)
S(D, "chat", f"Ruf mich morgen ab 9 kurz an: {ph} – geht um die Schlüsselübergabe.", ("phone", ph))

# 29 spaced NINO
ni = spaced(uk_nino())
S(E, "prose", f"Employee record update: National Insurance number {ni}, starting tax code 1257L.", ("uk_nino", ni))

# 30 base64 of an .env line (Stripe)
sk = stripe("rk_live_")
blob = b64(f"STRIPE_RESTRICTED_KEY={sk}\n")
S(D, "config", f"# CI-Variable (base64, weil GitLab sonst das = frisst)\nENV_FILE_B64={blob}", ("stripe_key", blob))

# 31 full-width card
cd = fw(fmt_card(card("visa")))
S(E, "chat", f"Card on file: {cd}  — the wide font is from my phone keyboard, sorry", ("card", cd))

# 32 hex-encoded e-mail in log
hx = hexb("max.mueller@web.de")
S(D, "log", f"2026-11-24 11:20:05 DEBUG mailer rcpt_hex={hx} status=queued", ("email", hx))

# 33 OpenAI key split into two concatenated strings
ok = openai_proj()
a, c = ok[:60], ok[60:]
S(E, "code", f'// TODO move to vault\nconst OPENAI_KEY = "{a}" +\n  "{c}";\nexport default new OpenAI({{ apiKey: OPENAI_KEY }});',
  ("openai_key", f'{a}" +\n  "{c}'))

# 34 Cyrillic in e-mail domain
em = "lena.wagner@" + homo("gmx.net", 1)
S(D, "prose", f"Die Bewerberin Lena Wagner ist unter {em} erreichbar, Telefon siehe Akte.", ("email", em))

# 35 word joiner in a Slack user token
xt = zw(slack_user(), WJ, 1)
S(E, "config", f"SLACK_USER_TOKEN={xt}\nSLACK_CHANNEL=#deploys", ("slack_token", xt))

# 36 base64 of an Authorization header with a HF token
ht = hf()
blob = b64(f"Authorization: Bearer {ht}")
S(E, "json", json.dumps({"request_id": "req_7782", "replay_headers_b64": blob, "endpoint": "/models/bert-base"}), ("huggingface_token", blob))

# 37 url credentials with percent-escaped password chars
pw = "Winter" + rnd(string.digits, 3) + "!@" + rnd(string.ascii_lowercase, 3)
u = f"https://deploy-bot:{pct(pw)}@git.hansen-it.de/infra/ansible.git"
S(D, "code", f"git remote set-url origin {u}\ngit pull --rebase", ("url_credentials", u))

# 38 HTML hex refs inside a Google key
gk = google_key()
gh = html_hex_some(gk, "aAyS")
S(E, "code", f'<script src="https://maps.googleapis.com/maps/api/js?key={gh}&callback=initMap" async></script>', ("google_api_key", gh))

# 39 Cyrillic letters in a codice fiscale
cf = homo(it_cf(), 3)
S(D, "table", f"Name | Land | Steuernummer\nGiulia Ferraro | IT | {cf}\nPeter Groß | DE | (folgt)", ("it_codice_fiscale", cf))

# 40 full-width BSN
bs = fw(nl_bsn())
S(D, "prose", f"Für den niederländischen Kollegen: BSN {bs}, Lohnabrechnung läuft über Utrecht.", ("nl_bsn", bs))

# 41 JWT wrapped over two lines in a log
jt = jwt({"sub": "u_48213", "email": "k.ito@fabrikam.io", "iat": 1763990000})
jw = wrap(jt, 70)
S(E, "log", f"2026-11-24 12:00:01 ERROR api token rejected: {jw}\n  reason=signature mismatch", ("jwt", jw))

# 42 base64 of a PEM in a k8s TLS secret
pk = pem("ec")
blob = b64(pk + "\n")
S(D, "config", f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: ingress-tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n  tls.key: {blob}\n",
  ("private_key", blob))

# 43 BOM inside a GitLab token
gl = zw(gitlab(), BOM)
S(E, "code", f"export GITLAB_TOKEN='{gl}'\ncurl -H \"PRIVATE-TOKEN: $GITLAB_TOKEN\" https://gitlab.com/api/v4/projects", ("gitlab_token", gl))

# 44 base64url of an .npmrc line
nt = npm()
blob = b64url(f"//registry.npmjs.org/:_authToken={nt}")
S(D, "config", f"# .npmrc aus dem Vault, base64url\nNPMRC_B64URL={blob}", ("npm_token", blob))

# 45 zero-width in SSN
ssn = zw(us_ssn(), ZW)
S(E, "prose", f"Per our call, the claimant's SSN is {ssn} and the claim number is CLM-2026-004417.", ("us_ssn", ssn))

# 46 full-width IBAN
ib = fw(iban_spaced(iban("DE")))
S(D, "chat", f"hier die kontonummer: {ib} (sorry, tastatur auf vollbreite)", ("iban", ib))

# 47 spaced phone digits
ph = "(415) " + spaced("862-3017")
S(E, "chat", f"text me at {ph} if the courier shows up early", ("phone", ph))

# 48 spaced Aadhaar
aa = spaced(aadhaar())
S(E, "prose", f"KYC note: customer supplied Aadhaar {aa}; PAN pending.", ("in_aadhaar", aa))

# 49 \u002e escapes in a SendGrid key
sg = sendgrid()
se = ju_some(sg, ".")
S(D, "json", '{"mail": {"anbieter": "sendgrid", "api_key": "' + se + '", "absender": "noreply@shop-lindner.de"}}', ("saas_token", se), ("email", "noreply@shop-lindner.de"))

# 50 hex of a Databricks token
dt = databricks()
hx = hexb(dt)
S(E, "log", f"INFO jobs-runner loaded secret blob hex={hx} scope=etl", ("cloud_token", hx))

# 51 Cyrillic h in a Vault token
vt = vault()
vc = CYR["h"] + vt[1:]
S(D, "config", f"VAULT_ADDR=https://vault.intern.example:8200\nVAULT_TOKEN={vc}", ("cloud_token", vc))

# 52 Stripe key glued into an identifier
sk = stripe("sk_live_")
S(E, "code", f"# feature-flag keyed by secret (bad idea, I know)\nflag_name = \"cfg_{sk}_enabled\"", ("stripe_key", sk))

# 53 Azure storage key split over two lines in a connection string
az = azure_storage_key()
aw = wrap(az, 44)
S(E, "config", f"AzureWebJobsStorage=DefaultEndpointsProtocol=https;AccountName=stfnreports;AccountKey={aw};EndpointSuffix=core.windows.net",
  ("azure_key", aw))

# 54 full-width private IP
ip = fw("10.20.3.14")
S(D, "chat", f"der drucker hängt jetzt unter {ip}, bitte neu verbinden", ("ip_address", ip))

# 55 Basic auth header (base64 of user:password)
pw = password()
blob = b64(f"admin:{pw}")
S(E, "log", f"> GET /api/v2/reports HTTP/1.1\n> Host: reports.corp.local\n> Authorization: Basic {blob}\n< HTTP/1.1 200 OK", ("password", blob))

# 56 HTML decimal refs for a whole e-mail
em = html_dec("s.becker@stadtwerke-ulm.de")
S(D, "code", f'<p>Ansprechpartnerin: Sabine Becker, <span class="obf">{em}</span></p>', ("email", em))

# 57 hex of an AWS secret
sec = aws_secret()
hx = hexb(sec)
S(E, "log", f"trace: env AWS_SECRET_ACCESS_KEY (hex) = {hx}", ("aws_secret_key", hx))

# 58 zero-width in an Anthropic key, German chat
an = zw(anthropic(), ZW, 2)
S(D, "chat", f"kannst du den key mal testen? {an} – bei mir kommt nur invalid x-api-key", ("anthropic_key", an))

# 59 Discord bot token split across two JSON strings
dt = discord_token()
a, c = dt[:30], dt[30:]
S(E, "json", '{"bot": {"token_parts": ["' + a + '", "' + c + '"], "prefix": "!"}}', ("discord_token", a + '", "' + c))

# 60 full-width e-mail and plain phone
em = fw("k.yamamoto@contoso-travel.com")
S(E, "prose", f"Traveller: Kenji Yamamoto, {em}, mobile +1 646 555 0193, window seat please.",
  ("email", em), ("phone", "+1 646 555 0193"))

# ================================================================= ORDINARY / HARD NEGATIVES (40)

# 61 base64 of an ordinary sentence
S(E, "json", json.dumps({"type": "note", "encoding": "base64", "content": b64("Meeting moved to Thursday, bring the Q3 slides.")}), )

# 62 git SHA + sha256 in CI log
S(D, "log", f"Checke aus {gitsha()}\nartifact app-2.14.3.tar.gz sha256:{sha256('app-2.14.3')}\nBuild #4812 fertig nach 3m12s")

# 63 percent-encoded search URL without credentials
S(D, "log", "GET /suche?q=" + pct("Küchenrolle 3-lagig & Spülmittel") + "&seite=2 200 14ms")

# 64 masked card + order + tracking
S(E, "prose", f"Order #A-{rnd(string.digits, 7)} was charged to Visa **** **** **** 4242. Tracking: 1Z{rnd(string.ascii_uppercase + string.digits, 16)}. Refund ref RF-{rnd(string.digits, 6)}.")

# 65 placeholders
S(D, "config", "# Beispielkonfiguration – echte Werte NICHT einchecken\nOPENAI_API_KEY=<dein-api-key>\nSTRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}\nANTHROPIC_API_KEY=sk-ant-...\nDB_PASSWORD=xxxxxxxx")

# 66 Stripe publishable key (non-secret)
S(E, "code", f'<script>\n  const stripe = Stripe("{stripe("pk_live_")}");\n  const elements = stripe.elements();\n</script>')

# 67 UUIDs, versions, OIDs
S(D, "log", f"Gerät {uid()} registriert, Firmware 4.2.17-rc1, SNMP OID 1.3.6.1.4.1.9.9.13.1.3, Sitzung {uid()}")

# 68 bcrypt hash in a DB dump
S(E, "table", f"id,username,password_hash,created_at\n17,jdoe,{bcrypt_like()},2026-03-14T08:22:10Z\n18,asmith,{bcrypt_like()},2026-04-02T16:05:44Z")

# 69 full-width product code
S(D, "prose", f"Artikel {fw('ABC-1234')} (Vollbreite aus dem japanischen Katalog) ist wieder lieferbar, Preis 39,90 €.")

# 70 JSON \u escapes of ordinary text
S(E, "json", '{"title": "Caf' + ju("é") + ' menu ' + ju("—") + ' winter edition", "price": "' + ju("€") + '4.50"}')

# 71 HTML entities in ordinary text
S(E, "code", "<p>&copy; 2026 Smith &amp; Sons &#8212; prices in &#8364; incl. VAT &#x2013; see &lt;terms&gt;</p>")

# 72 hex dump of a PNG header
S(D, "log", "Datei-Header: 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52 – gültiges PNG, 1024x768")

# 73 AWS documentation example keys
S(E, "prose", "From the AWS docs: set aws_access_key_id = AKIAIOSFODNN7EXAMPLE and aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in ~/.aws/credentials, then replace them with your own.")

# 74 invoice ids, timestamps
S(D, "prose", f"Rechnung RE-2026-{rnd(string.digits, 5)} vom 24.11.2026, Kundennummer K-{rnd(string.digits, 8)}, Auftrag {rnd(string.digits, 10)}, fällig am 08.12.2026 14:00 Uhr.")

# 75 doc/loopback IPs only
S(D, "config", "listen 0.0.0.0:8080\nupstream api { server 127.0.0.1:9000; }\n# Doku-Beispiel: allow 192.0.2.15; allow 198.51.100.0/24;\nnetmask 255.255.255.0")

# 76 base64 of a German sentence
S(D, "code", f"const hinweis = atob(\"{b64('Bitte die Haustür nach 22 Uhr abschließen.')}\");\nconsole.log(hinweis);")

# 77 zero-width joiners in ordinary text / emoji
S(E, "chat", "family photo night \U0001F468\u200d\U0001F469\u200d\U0001F467 — also the word-joiner in \"co\u2060operate\" broke our search, fun")

# 78 tracking number, ISBN
S(E, "prose", f"Shipped via DHL, tracking JJD{rnd(string.digits, 18)}. Book ISBN 978-3-16-148410-0, edition 3.")

# 79 sha256 + semver release notes
S(D, "prose", f"Release 3.8.0 (2026-11-20): Prüfsumme {sha256('release-3.8.0')}, signiert mit Key-ID 0x{rnd('0123456789ABCDEF', 16)}.")

# 80 genuine Cyrillic prose
S(E, "chat", "my Russian colleague wrote \"Спасибо, отчёт готов\" — meaning thanks, report is ready. Ticket OPS-4471.")

# 81 placeholder git token
S(E, "prose", "Create a fine-grained token in Settings > Developer settings and export it as GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx before running the script.")

# 82 percent-encoded form without credentials
S(D, "log", "POST /kontakt body=name=" + pct("Jürgen Müller") + "&stadt=" + pct("Köln") + "&anliegen=" + pct("Rückruf wegen Angebot"))

# 83 base64url pagination cursor
S(E, "json", json.dumps({"items": [], "next_cursor": b64url(json.dumps({"page": 3, "sort": "created_at", "after": 1763990000}))}))

# 84 grouped number that is not a card
S(D, "prose", f"Sendungsnummer 0034 0432 {rnd(string.digits, 4)} {rnd(string.digits, 4)} 22 – Zustellung voraussichtlich Mittwoch.")

# 85 k8s secret with non-sensitive base64
flags = b64("LOG_LEVEL=debug\nFEATURE_X=true\n")
S(E, "config", f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-flags\nbinaryData:\n  settings: {flags}")

# 86 MAC address, hex colours
S(D, "config", "# Netzwerkdrucker\nmac=3C:52:82:1A:7F:0E\nfarbe_primaer=#1f6feb\nfarbe_sekundaer=#d0d7de\nvlan=42")

# 87 docs-style example values
S(E, "prose", "Your key will look like `sk-proj-...` and your org id like `org-XXXXXXXX`; never paste the real value into tickets.")

# 88 dates, postcodes, file numbers
S(D, "prose", "Aktenzeichen 3 O 217/25, Termin 12.01.2027, Landgericht Berlin, 10557 Berlin, Saal 1.14.")

# 89 hex SHA-1 and short hashes
S(E, "chat", f"reverted {gitsha()[:12]} and cherry-picked {gitsha()} onto release/2.9, CI is green")

# 90 full-width Japanese-style date in German text
S(D, "prose", f"Im Katalog steht das Datum als {fw('2026/11/24')} und die Artikelnummer als {fw('JP-00821')}.")

# --- plain values next to near-misses (10)

# 91 request body: email + phone + ids
em, ph = "olivia.chen@brightpath.io", "+1 (312) 555-0148"
S(E, "json", json.dumps({"order_id": f"ORD-{rnd(string.digits, 8)}", "request_uuid": uid(), "customer": {"email": em, "phone": ph}}, indent=2),
  ("email", em), ("phone", ph))

# 92 docker-compose password with placeholder next to it
pw = password_random(14)
S(D, "config", f"services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_USER: shop\n      POSTGRES_PASSWORD: \"{pw}\"\n      REPLICA_PASSWORD: ${{REPLICA_PASSWORD}}", ("password", pw))

# 93 private IP vs doc/loopback
S(E, "log", "conn from 172.16.8.23 -> 203.0.113.10:443 ok; health 127.0.0.1:8081 ok; peer 192.168.178.41 dropped", ("ip_address", "172.16.8.23"), ("ip_address", "192.168.178.41"))

# 94 IBAN next to invoice number
ib = iban_spaced(iban("DE"))
S(D, "prose", f"Rechnung RE-2026-31877: Bitte den Betrag von 482,00 € auf {ib} überweisen.", ("iban", ib))

# 95 secret vs publishable Stripe key
sk, pk = stripe("sk_live_"), stripe("pk_live_")
S(E, "config", f"STRIPE_PUBLISHABLE_KEY={pk}\nSTRIPE_SECRET_KEY={sk}", ("stripe_key", sk))

# 96 employee table
t1, t2 = de_steuer_id(), de_steuer_id()
S(D, "table", f"Personalnr | Name | Steuer-ID | Eintritt\n100482 | Anna Vogt | {t1} | 01.03.2024\n100517 | Jonas Brandt | {t2} | 15.08.2025",
  ("de_steuer_id", t1), ("de_steuer_id", t2))

# 97 Slack webhook next to placeholder
wh = slack_webhook()
S(E, "config", f"notifications:\n  prod: {wh}\n  staging: https://hooks.slack.com/services/XXXX/YYYY/ZZZZ", ("slack_webhook", wh))

# 98 GCP service account JSON
js, key = gcp_sa_json("lager-prognose-4821")
ce = "ci-deployer@lager-prognose-4821.iam.gserviceaccount.com"
S(D, "json", "Hier die Datei für den Build-Server:\n" + js, ("gcp_credentials", key), ("private_key", key), ("email", ce))

# 99 card plain next to masked card
cn = fmt_card(card("amex"))
S(E, "chat", f"the old card ending **** 1005 expired, new one is {cn}, same billing zip", ("card", cn))

# 100 GitHub token in CI log next to a git SHA
g = github("ghp_")
S(D, "log", f"Commit {gitsha()} gebaut\n+ git clone https://x-access-token:{g}@github.com/firma/intern.git\nKlonen nach 'intern' ...",
  ("url_credentials", f"https://x-access-token:{g}@github.com/firma/intern.git"), ("github_token", g))

write_corpus(OUT, sys.argv[1])
