"""Fresh set 7b (2026-11-24): written by a helper who read only fakegen.py, never the rules
(German 55, Japanese 55); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh7b_2026_11_24.py OUT.jsonl
"""
import sys, os, json, string, uuid
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(7702)
OUT = []
S = sample_adder(OUT, "f7b")
# S(lang, kind, text, (type, value), (type, value), ...)

D = string.digits


def J(o, a=False, ind=None):
    return json.dumps(o, ensure_ascii=a, indent=ind)


def e(v):
    """v as it stands inside a JSON string literal."""
    return json.dumps(v, ensure_ascii=False)[1:-1]


def e2(v):
    return e(e(v))


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha(n=40):
    return rnd(HEX, n)


def de_mobile():
    return R.choice(["+49 171 ", "0151 ", "+49 (0)160 ", "0176-"]) + rnd(D, 3) + " " + rnd(D, 4)


def de_fix():
    return R.choice(["+49 30 ", "089 / ", "+49 221 ", "040-"]) + rnd(D, 6) + "-" + rnd(D, 2)


def ja_mobile():
    return f"0{R.choice('789')}0-{rnd(D, 4)}-{rnd(D, 4)}"


def ja_fix():
    return R.choice(["03-", "06-", "045-"]) + rnd(D, 4) + "-" + rnd(D, 4)


def steuer_sp(s):
    return f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"


def myn_sp(s):
    return f"{s[:4]} {s[4:8]} {s[8:]}"


def alibaba_id():
    return "LTAI" + rnd_mixed(ALNUM, 20)


def alibaba_secret():
    return rnd_mixed(ALNUM, 30)


def bcrypt():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


def ts():
    return f"2026-11-{R.randint(10, 23):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}Z"

# ============================ GERMAN (55) ============================
# --- LLM API request bodies (22) ---

# de-1 OpenAI chat: support agent pastes customer data
ib = iban("DE"); em = "k.wagner-hoffmann@web.de"; ph = de_mobile()
body = {"model": "gpt-4o-mini", "temperature": 0.2, "messages": [
    {"role": "system", "content": "Du bist ein hilfreicher Kundenservice-Assistent der Stadtwerke Nordheim. Antworte knapp und höflich."},
    {"role": "user", "content": f"Bitte formuliere eine Antwort an die Kundin. Daten aus dem Ticket:\nName: Katrin Wagner-Hoffmann\nIBAN: {iban_spaced(ib)}\nE-Mail: {em}\nTel.: {ph}\nAnliegen: Lastschrift für Abschlag 11/2026 ist doppelt abgebucht worden (Vertragskonto 4001827731)."}]}
S("de", "json", J(body, ind=2), ("iban", iban_spaced(ib)), ("email", em), ("phone", ph))

# de-2 OpenAI chat with tool_calls (arguments as JSON string)
st = de_steuer_id(); em = "m.oezdemir@gmx.net"
args = J({"steuer_id": st, "email": em, "jahr": 2025})
body = {"model": "gpt-4.1", "messages": [
    {"role": "user", "content": "Leg bitte den Lohnsteuer-Datensatz für Herrn Özdemir an."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + rnd(ALNUM, 24), "type": "function",
        "function": {"name": "create_tax_record", "arguments": args}}]},
    {"role": "tool", "tool_call_id": "call_x", "content": "{\"status\":\"ok\",\"record_id\":\"LST-2025-08812\"}"}],
    "tools": [{"type": "function", "function": {"name": "create_tax_record", "parameters": {"type": "object",
        "properties": {"steuer_id": {"type": "string"}, "email": {"type": "string"}, "jahr": {"type": "integer"}}}}}]}
S("de", "json", J(body), ("de_steuer_id", st), ("email", em))

# de-3 Anthropic: user pastes .env with AWS keys
ak = aws_key_id(); sk = aws_secret()
env = f"# .env.production\nAWS_REGION=eu-central-1\nAWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nS3_BUCKET=rechnungen-archiv-prod\n"
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024,
        "system": "Du bist ein erfahrener DevOps-Engineer. Antworte auf Deutsch.",
        "messages": [{"role": "user", "content": [{"type": "text", "text": "Warum bekomme ich beim Upload 'SignatureDoesNotMatch'? Hier meine Config:\n\n" + env}]}]}
S("de", "json", J(body, ind=2), ("aws_access_key", ak), ("aws_secret_key", e(sk)))

# de-4 Anthropic tool_result with CRM record containing a card
cd = card("mc"); cdf = fmt_card(cd, "-")
body = {"model": "claude-haiku-4-5", "max_tokens": 512, "messages": [
    {"role": "user", "content": "Warum wurde Bestellung 100-4471-2290 storniert?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01" + rnd(ALNUM, 22), "name": "crm_lookup", "input": {"order": "100-4471-2290"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content":
        f"Bestellung 100-4471-2290 | Kunde: Jürgen Albrecht | Zahlart: Kreditkarte {cdf} gültig bis 08/28 | Status: storniert (3-D-Secure fehlgeschlagen) | Sendung: 00340434161094042557"}]}]}
S("de", "json", J(body), ("card", cdf))

# de-5 Gemini: translate an email
st = de_steuer_id(); sts = steuer_sp(st); ph = de_fix(); em = "sabine.krull@t-online.de"
txt = f"Übersetze ins Englische:\n\nSehr geehrte Damen und Herren,\nmeine steuerliche Identifikationsnummer lautet {sts}. Bitte korrigieren Sie die Bescheinigung. Rückfragen gern unter {ph} oder per Mail an {em}.\nMit freundlichen Grüßen\nSabine Krull"
body = {"contents": [{"role": "user", "parts": [{"text": txt}]}], "generationConfig": {"temperature": 0.1, "maxOutputTokens": 800}}
S("de", "json", J(body), ("de_steuer_id", sts), ("phone", ph), ("email", em))

# de-6 Ollama /api/chat with docker-compose containing a DB URL
pw = password(); url = f"postgresql://shop_admin:{pw}@db.intern.shop-mueller.de:5432/shop"
dc = f"services:\n  api:\n    image: registry.shop-mueller.de/api:3.8.1\n    environment:\n      DATABASE_URL: \"{url}\"\n      LOG_LEVEL: info\n"
body = {"model": "qwen2.5-coder:14b", "stream": False, "messages": [
    {"role": "system", "content": "Du hilfst bei Docker-Problemen."},
    {"role": "user", "content": "Der Container startet nicht, Fehler 'connection refused'. Compose-Datei:\n```yaml\n" + dc + "```"}]}
S("de", "json", J(body, ind=2), ("url_credentials", e(url)))

# de-7 Ollama /api/generate prompt with stack trace containing JWT + client IP
jw = jwt({"sub": "u-88121", "email_verified": True, "iat": 1763911000}); ip = "91.64.118.23"
prompt = (f"Erkläre diesen Fehler:\n\n2026-11-21 09:14:02 WARN  AuthFilter - rejected request from {ip}\n"
          f"  Authorization: Bearer {jw}\nio.jsonwebtoken.ExpiredJwtException: JWT expired at 2026-11-21T08:59:59Z\n"
          "\tat io.jsonwebtoken.impl.DefaultJwtParser.parse(DefaultJwtParser.java:385)\n")
S("de", "json", J({"model": "llama3.1:8b", "prompt": prompt, "stream": False}), ("jwt", jw), ("ip_address", ip))

# de-8 Responses API: DB URL in MySQL CLI output
pw = password_random(16); url = f"mysql://reporting:{pw}@10.20.4.17:3306/bi"
body = {"model": "gpt-5-mini", "instructions": "Antworte als SQL-Experte auf Deutsch.",
        "input": [{"role": "user", "content": [{"type": "input_text", "text":
            f"Mein Metabase verbindet sich nicht. Connection-String aus der Admin-Seite: {url}\nFehler: Access denied for user 'reporting'@'metabase-01.bi.intern'"}]}]}
S("de", "json", J(body), ("url_credentials", e(url)))

# de-9 HARD NEG OpenAI chat: order/tracking numbers, UUIDs
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du bist der Versand-Bot von Gartenwelt24."},
    {"role": "user", "content": f"Meine Bestellung Nr. 302-9918273-4410021 ist noch nicht da. DHL-Sendungsnummer 00340434161094042557, Retourenschein {uid()}. Rechnung RE-2026-004812 vom 12.11.2026, Artikel EAN 4006381333931."}]}
S("de", "json", J(body))

# de-10 HARD NEG Anthropic: config review with placeholders
cfg = ("OPENAI_API_KEY=${OPENAI_API_KEY}\nANTHROPIC_API_KEY=<dein-anthropic-key>\nSTRIPE_SECRET_KEY=sk_live_...\n"
       "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nDB_PASSWORD=changeme\n")
body = {"model": "claude-opus-4-1", "max_tokens": 2048, "system": "Prüfe Konfigurationsdateien auf Fehler.",
        "messages": [{"role": "user", "content": "Ist das Template so ok für unsere README?\n\n" + cfg}]}
S("de", "json", J(body, ind=2))

# de-11 Gemini functionResponse: HR record
ib = iban("DE"); st = de_steuer_id(); em = "thomas.brenner@brenner-family.de"
body = {"systemInstruction": {"parts": [{"text": "Du bist der HR-Assistent der Meier Logistik GmbH."}]},
        "contents": [
            {"role": "user", "parts": [{"text": "Wohin geht das Gehalt von Thomas Brenner?"}]},
            {"role": "model", "parts": [{"functionCall": {"name": "get_employee", "args": {"personalnummer": "P-20417"}}}]},
            {"role": "user", "parts": [{"functionResponse": {"name": "get_employee", "response": {
                "personalnummer": "P-20417", "name": "Thomas Brenner", "geburtsdatum": "1984-03-02",
                "iban": ib, "steuer_id": st, "email_privat": em, "kostenstelle": "4100"}}}]}]}
S("de", "json", J(body), ("iban", ib), ("de_steuer_id", st), ("email", em))

# de-12 OpenAI chat: Slack webhook
wh = slack_webhook()
code = f"import requests\nrequests.post(\"{wh}\", json={{\"text\": \"Deploy fertig\"}})"
body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Warum kommt bei Slack nichts an? Ich bekomme 'invalid_payload'.\n```python\n" + code + "\n```"}]}
S("de", "json", J(body), ("slack_webhook", wh))

# de-13 Anthropic: retrieved document with French NIR
nir = fr_nir(); ph = "+33 6 " + " ".join(rnd(D, 2) for _ in range(4))
doc = f"Personalakte (Auszug)\nName: Camille Lefèvre\nWohnort: Strasbourg (Grenzgängerin)\nN° de sécurité sociale: {nir}\nMobil: {ph}\nEintritt: 01.04.2024"
body = {"model": "claude-sonnet-4-5", "max_tokens": 800, "system": "Beantworte Fragen nur anhand der Dokumente.",
        "messages": [{"role": "user", "content": [
            {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": doc}, "title": "akte_lefevre.txt"},
            {"type": "text", "text": "Muss Frau Lefèvre in Deutschland sozialversichert werden?"}]}]}
S("de", "json", J(body), ("fr_nir", nir), ("phone", ph))

# de-14 OpenAI chat, ASCII-escaped unicode, e-mail + password
em = "juergen.faehnrich@posteo.de"; pw = password()
body = {"model": "gpt-4o", "messages": [{"role": "user", "content":
        f"Mein Zugang für das Kundenportal: Benutzer {em}, Passwort {pw} - warum sagt das Portal \"Konto gesperrt\"? Ich habe es drei Mal falsch eingegeben, glaube ich. Grüße aus Düsseldorf"}]}
S("de", "json", J(body, a=True), ("email", em), ("password", e(pw)))

# de-15 Responses API: CI log with npm token + OpenAI key
nt = npm(); ok = openai_proj()
log = (f"$ env | sort\nCI=true\nCI_COMMIT_SHA={sha()}\nNODE_VERSION=22.11.0\nNPM_TOKEN={nt}\nOPENAI_API_KEY={ok}\n"
       "$ npm publish --access public\nnpm error code E403\n")
body = {"model": "gpt-5", "instructions": "Du analysierst CI-Logs.", "input": "Warum schlägt npm publish fehl?\n\n" + log, "store": False}
S("de", "json", J(body), ("npm_token", nt), ("openai_key", ok))

# de-16 Gemini: systemInstruction containing Google API key
gk = google_key()
body = {"systemInstruction": {"role": "system", "parts": [{"text": f"Du bist der Reiseplaner. Für Geokodierung rufe https://maps.googleapis.com/maps/api/geocode/json?key={gk}&address=... auf. Gib den Schlüssel nie aus."}]},
        "contents": [{"role": "user", "parts": [{"text": "Wie weit ist es vom Hauptbahnhof München zum Olympiapark?"}]}]}
S("de", "json", J(body), ("google_api_key", gk))

# de-17 Ollama chat: Stripe live secret + publishable (publishable not labelled)
sk = stripe("sk_live_"); pk = stripe("pk_live_")
code = f"import stripe\nstripe.api_key = \"{sk}\"\nPUBLISHABLE = \"{pk}\"\nstripe.PaymentIntent.create(amount=4990, currency=\"eur\")"
body = {"model": "codellama:13b", "messages": [{"role": "user", "content": "Refaktoriere das bitte in eine Klasse:\n" + code}], "options": {"num_ctx": 8192}}
S("de", "json", J(body, ind=1), ("stripe_key", sk))

# de-18 HARD NEG OpenAI chat: masked card, invoice ids, git sha
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": f"Zahlung mit Visa **** **** **** 4821 ist fehlgeschlagen, Rechnungsnr. 2026-RE-118204, Transaktions-ID txn_{rnd(HEX, 16)}. Betroffener Commit im Shop-Repo: {sha()} (Release v4.12.0)."}]}
S("de", "json", J(body))

# de-19 Anthropic tool_use: SEPA transfer
ib = iban("AT"); em = "buchhaltung.privat.lenz@gmail.com"
body = {"model": "claude-sonnet-4-5", "max_tokens": 600, "tools": [{"name": "sepa_ueberweisung", "description": "Führt eine SEPA-Überweisung aus",
        "input_schema": {"type": "object", "properties": {"empfaenger_iban": {"type": "string"}, "betrag": {"type": "number"}, "avis_email": {"type": "string"}}}}],
        "messages": [{"role": "user", "content": "Überweise 1.250 € Kaution an Frau Lenz."},
                     {"role": "assistant", "content": [{"type": "text", "text": "Ich führe die Überweisung aus."},
                        {"type": "tool_use", "id": "toolu_" + rnd(ALNUM, 24), "name": "sepa_ueberweisung",
                         "input": {"empfaenger_iban": ib, "betrag": 1250.0, "verwendungszweck": "Kaution Whg. 3 OG links", "avis_email": em}}]}]}
S("de", "json", J(body), ("iban", ib), ("email", em))

# de-20 OpenAI chat: discord bot token in JS
dt = discord_token()
code = f"const {{ Client }} = require('discord.js');\nconst client = new Client({{ intents: [] }});\nclient.login('{dt}');"
body = {"model": "gpt-4.1-mini", "messages": [{"role": "system", "content": "Du bist ein JS-Tutor."}, {"role": "user", "content": "Warum \"Used disallowed intents\"?\n" + code}]}
S("de", "json", J(body), ("discord_token", dt))

# de-21 HARD NEG Gemini: digests, versions, OIDs
body = {"contents": [{"role": "user", "parts": [{"text":
        f"Vergleiche die Images: registry.example.org/app@sha256:{sha(64)} und @sha256:{sha(64)}. "
        f"Zertifikat-Policy OID 1.3.6.1.4.1.311.21.8.{R.randint(1000000, 9999999)}, Kernel 6.8.0-49-generic, Build 2026.11.3.1487."}]}]}
S("de", "json", J(body))

# de-22 Anthropic: notebook with HF token + Replicate token
ht = hf(); rt = replicate()
nb = f"from huggingface_hub import login\nlogin(token=\"{ht}\")\nimport replicate, os\nos.environ[\"REPLICATE_API_TOKEN\"] = \"{rt}\""
body = {"model": "claude-sonnet-4-5", "max_tokens": 1500, "messages": [{"role": "user", "content": [{"type": "text", "text": "Zelle 3 meines Notebooks wirft 401. Was ist falsch?\n\n" + nb}]}]}
S("de", "json", J(body), ("huggingface_token", ht), ("ai_api_key", rt))

# --- German non-API (33) ---

# de-23 support ticket prose
ib = iban("DE"); ph = de_mobile(); em = "h.schuster1962@freenet.de"
S("de", "prose", f"""Betreff: Rückerstattung Ticket #48211

Hallo Support-Team,

leider wurde mir der Betrag für die stornierte Reise (Buchungsnr. BK-7719-2026) noch nicht erstattet. Bitte überweisen Sie die 412,80 € auf mein Konto bei der Sparkasse, IBAN {ib}. Sie erreichen mich tagsüber unter {ph} oder unter {em}.

Viele Grüße
Helga Schuster""", ("iban", ib), ("phone", ph), ("email", em))

# de-24 HR e-mail
st = de_steuer_id(); ib = iban("DE"); ibs = iban_spaced(ib)
S("de", "prose", f"""Von: Personalabteilung <personal@kanzlei-roth.de>
An: Lohnbuchhaltung
Betreff: Neueinstellung Frau Yilmaz zum 01.12.

Hallo zusammen,
für die Abrechnung von Frau Aylin Yilmaz (Personalnr. 1187):
- Steuer-ID: {st}
- Steuerklasse 1, keine Kinderfreibeträge
- Bankverbindung: {ibs} (Commerzbank)
Der Arbeitsvertrag liegt in der Personalakte, Aktenzeichen PA-2026-0311.
Gruß, Petra""", ("de_steuer_id", st), ("iban", ibs))

# de-25 chat
pw = password()
S("de", "chat", f"""[09:12] Lukas: kann mir jemand das Passwort vom Staging-Admin geben? Jira-Ticket OPS-2291
[09:13] Miriam: user ist admin, pw {pw}
[09:13] Miriam: bitte danach im Vault rotieren 🙏
[09:14] Lukas: danke, mach ich""", ("password", pw))

# de-26 .env
pw = password_random(18); url = f"postgres://app:{pw}@pg-prod-1.internal:5432/kundenportal"; sg = sendgrid(); sk = stripe("sk_live_"); pk = stripe("pk_live_")
S("de", "config", f"""# Kundenportal – Produktion (nicht committen!)
APP_ENV=production
APP_URL=https://portal.stadtwerke-nordheim.de
DATABASE_URL={url}
SENDGRID_API_KEY={sg}
STRIPE_SECRET_KEY={sk}
STRIPE_PUBLISHABLE_KEY={pk}
SENTRY_DSN=
FEATURE_FLAGS=neues_dashboard,abschlag_v2
""", ("url_credentials", url), ("saas_token", sg), ("stripe_key", sk))

# de-27 docker-compose
pw = password(); rp = password_random(20); mk = high_entropy(40); rurl = f"redis://:{rp}@redis:6379/0"
S("de", "config", f"""version: "3.9"
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_USER: lager
      POSTGRES_PASSWORD: "{pw}"
  cache:
    image: redis:7.4-alpine
    command: ["redis-server", "--requirepass", "{rp}"]
  worker:
    image: ghcr.io/lagerwerk/worker:2.3.0
    environment:
      REDIS_URL: {rurl}
      MINIO_ROOT_USER: lagerwerk
      MINIO_ROOT_PASSWORD_FILE: /run/secrets/minio_pw
      INTERNAL_SIGNING_SECRET: {mk}
""", ("password", pw), ("password", rp), ("url_credentials", rurl), ("generic_secret", mk))

# de-28 Kubernetes Secret
gl = gitlab(); sb = slack_bot()
S("de", "config", f"""apiVersion: v1
kind: Secret
metadata:
  name: release-bot
  namespace: ci-tools
  uid: {uid()}
type: Opaque
stringData:
  GITLAB_TOKEN: {gl}
  SLACK_BOT_TOKEN: "{sb}"
  SLACK_CHANNEL: "#releases"
""", ("gitlab_token", gl), ("slack_token", sb))

# de-29 Python boto3
ak = aws_key_id(); sk = aws_secret()
S("de", "code", f"""# TODO: Schlüssel in den Secrets Manager verschieben (Ticket INFRA-812)
import boto3

s3 = boto3.client(
    "s3",
    region_name="eu-central-1",
    aws_access_key_id="{ak}",
    aws_secret_access_key="{sk}",
)

def lade_rechnung(nr: str) -> bytes:
    return s3.get_object(Bucket="rechnungen-prod", Key=f"2026/{{nr}}.pdf")["Body"].read()
""", ("aws_access_key", ak), ("aws_secret_key", sk))

# de-30 Java Telegram
tg = telegram()
S("de", "code", f"""package de.hausverwaltung.alarm;

public final class AlarmBot {{
    // Bot "HeizungsAlarmBot" – Token vom BotFather
    private static final String TOKEN = "{tg}";
    private static final long CHAT_ID = -1001873349921L;

    public static String sendUrl(String text) {{
        return "https://api.telegram.org/bot" + TOKEN + "/sendMessage?chat_id=" + CHAT_ID + "&text=" + text;
    }}
}}
""", ("telegram_token", tg))

# de-31 shell history
gh = github("ghp_"); pw = password(); ip = "185.22.143.7"
S("de", "code", f"""  501  cd ~/projekte/webshop
  502  git log --oneline -3
  503  export GITHUB_TOKEN={gh}
  504  gh release create v2.4.1 --notes "Bugfixes"
  505  curl -u deploy:{pw} https://nexus.webshop-intern.de/service/rest/v1/status
  506  ssh root@{ip}
  507  history | grep ssh
""", ("github_token", gh), ("password", pw), ("ip_address", ip))

# de-32 CI log with docker hub PAT
dh = dockerhub()
S("de", "log", f"""Running with gitlab-runner 17.5.2 (c1d4b8f2)
  on docker-runner-03 t3_xYz9, system ID: s_5c6d7e8f9a0b
Getting source from Git repository
Checking out {sha()[:8]} as detached HEAD (ref is main)...
$ echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin $CI_REGISTRY
Login Succeeded
$ docker login -u lagerwerkci -p {dh}
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
$ docker push lagerwerk/worker:2.3.0
2.3.0: digest: sha256:{sha(64)} size: 1786
Job succeeded
""", ("package_registry_token", dh))

# de-33 nginx access log
ip1 = "93.211.47.150"; ip2 = "2a02:8070:d84:3f00:8d1:22ff:fe4b:91c2"; em = "anna.berg%40web.de"
S("de", "log", f"""{ip1} - - [21/Nov/2026:10:02:11 +0100] "GET /newsletter/abmelden?email={em}&t=8812 HTTP/2.0" 200 1532 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"
{ip2} - - [21/Nov/2026:10:02:14 +0100] "POST /api/v2/warenkorb HTTP/2.0" 201 88 "https://shop.example.de/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
127.0.0.1 - - [21/Nov/2026:10:02:15 +0100] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"
""", ("ip_address", ip1), ("ip_address", ip2), ("email", em))

# de-34 CSV table employees
rows = []; labs = []
for name in ["Bauer, Lena", "Schmidt, Kai", "Nguyen, Thi Mai"]:
    st = de_steuer_id(); ib = iban("DE"); ph = de_mobile()
    rows.append(f"{name};{st};{ib};{ph};{R.randint(3, 5)}")
    labs += [("de_steuer_id", st), ("iban", ib), ("phone", ph)]
S("de", "table", "Name;Steuer-ID;IBAN;Telefon;Steuerklasse\n" + "\n".join(rows) + "\n", *labs)

# de-35 HARD NEG markdown table
S("de", "table", f"""| Bestellnr. | Datum | Sendungsnummer | Rechnung | Betrag |
|---|---|---|---|---|
| 302-9918273-4410021 | 03.11.2026 | 00340434161094042557 | RE-2026-004812 | 89,90 € |
| 302-1182736-9012284 | 07.11.2026 | JJD000390007812345678 | RE-2026-004977 | 14,99 € |
| 302-5531920-0021837 | 15.11.2026 | 1Z999AA10123456784 | RE-2026-005310 | 249,00 € |

Gutschrift-ID: {uid()} · Kundennr. KD-0047110815
""")

# de-36 SQL dump
rows = []; labs = []
for n, mail in [("Fischer", "ralf.fischer@arcor.de"), ("Wolff", "c.wolff@icloud.com")]:
    ph = de_fix(); ib = iban("DE")
    rows.append(f"({R.randint(1000, 9999)}, '{n}', '{mail}', '{ph}', '{ib}', '{bcrypt()}', '2026-10-{R.randint(10, 30)} 12:00:00')")
    labs += [("email", mail), ("phone", ph), ("iban", ib)]
S("de", "code", "-- MariaDB dump 10.19  Distrib 10.11.8-MariaDB\n-- Host: localhost    Database: verein\n\nINSERT INTO `mitglieder` (`id`, `nachname`, `email`, `telefon`, `iban`, `pw_hash`, `erstellt`) VALUES\n" + ",\n".join(rows) + ";\n", *labs)

# de-37 Java stack trace with JDBC URL credentials
pw = password(); url = f"jdbc:postgresql://fibu:{pw}@db-fibu.lan:5432/fibu"
S("de", "log", f"""2026-11-22 03:00:04,118 ERROR [quartz-1] d.f.j.MonatsabschlussJob - Abschluss fehlgeschlagen
org.postgresql.util.PSQLException: FATAL: password authentication failed for user "fibu"
	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
	at org.postgresql.Driver.connect(Driver.java:297)
	at de.fibu.jobs.DataSourceFactory.create(DataSourceFactory.java:41) url={url}
	... 12 more
""", ("url_credentials", url))

# de-38 HARD NEG TOML with placeholders
S("de", "config", f"""[server]
bind = "0.0.0.0:8080"
instance_id = "{uid()}"

[auth]
# Eigenen Schlüssel unter https://dashboard.example.com/keys erzeugen
api_key = "<DEIN_API_KEY>"
jwt_secret = "${{JWT_SECRET}}"
admin_password = "xxxxxxxx"

[release]
version = "3.14.2"
commit = "{sha()}"
""")

# de-39 INI Azure storage connection string
ak = azure_storage_key()
S("de", "config", f"""[archiv]
provider = azure
container = belege-2026
connection_string = DefaultEndpointsProtocol=https;AccountName=belegarchivprod;AccountKey={ak};EndpointSuffix=core.windows.net
retention_days = 3650
""", ("azure_key", ak))

# de-40 YAML Azure client secret
cs = azure_client_secret()
S("de", "config", f"""# GitHub Actions – Deployment nach Azure
env:
  AZURE_TENANT_ID: {uid()}
  AZURE_CLIENT_ID: {uid()}
  AZURE_CLIENT_SECRET: '{cs}'
  RESOURCE_GROUP: rg-lager-prod-weu
""", ("azure_key", cs))

# de-41 Terraform DigitalOcean
do = do_token()
S("de", "config", f"""terraform {{
  required_providers {{
    digitalocean = {{ source = "digitalocean/digitalocean", version = "~> 2.44" }}
  }}
}}

provider "digitalocean" {{
  token = "{do}"   # FIXME: aus TF_VAR lesen
}}

resource "digitalocean_droplet" "vpn" {{
  image  = "ubuntu-24-04-x64"
  name   = "vpn-fra1"
  region = "fra1"
  size   = "s-1vcpu-1gb"
}}
""", ("cloud_token", do))

# de-42 finance e-mail with card
cd = card("visa"); cdf = fmt_card(cd)
S("de", "prose", f"""Hallo Frau Reuter,

wie telefonisch besprochen hier die Firmenkreditkarte für die Messebuchung in Köln: {cdf}, gültig bis 11/27, Prüfziffer 418. Bitte nur für Hotel (Buchungscode HX-44821) verwenden und die Belege bis Monatsende an die Buchhaltung.

Beste Grüße
Dirk Hansen, Einkauf""", ("card", cdf))

# de-43 chat with private key
pk = openssh_key()
S("de", "chat", f"""Tobias: hier der Deploy-Key für den Jenkins, bitte in ~/.ssh/id_ed25519 ablegen:
{pk}
Tobias: Fingerprint im GitLab unter Deploy Keys ist SHA256:{rnd(ALNUM + '+/', 43)}
Sven: läuft, danke!""", ("private_key", pk))

# de-44 GCP service account JSON
gj, gkey = gcp_sa_json("lager-analytics-4471")
S("de", "json", gj, ("gcp_credentials", gj))

# de-45 Go Square
sq = square()
S("de", "code", f"""package zahlung

import "github.com/square/square-go-sdk/client"

// Kassensystem Café Rösterei – Produktion
var sq = client.NewClient(
	option.WithToken("{sq}"),
	option.WithBaseURL(square.Environments.Production),
)
""", ("payment_token", sq))

# de-46 app log with JWT + email
jw = jwt({"sub": "k-55102", "name": "Eva Kraus", "role": "kunde"}); em = "eva.kraus@mailbox.org"
S("de", "log", f"""{ts()} INFO  [req-{rnd(HEX, 8)}] Login erfolgreich user={em} mfa=totp
{ts()} DEBUG [req-{rnd(HEX, 8)}] Set-Cookie: session={jw}; HttpOnly; Secure; SameSite=Lax
{ts()} INFO  [req-{rnd(HEX, 8)}] GET /konto/uebersicht 200 41ms
""", ("email", em), ("jwt", jw))

# de-47 HARD NEG AWS doc example keys
S("de", "prose", """Beispiel aus der AWS-Dokumentation: Legen Sie in ~/.aws/credentials ein Profil an, z. B.

    [default]
    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

Ersetzen Sie die Beispielwerte durch Ihre eigenen Zugangsdaten. Die Region (z. B. eu-central-1) tragen Sie in ~/.aws/config ein.""")

# de-48 HARD NEG Kubernetes events
S("de", "log", f"""LAST SEEN   TYPE     REASON      OBJECT                               MESSAGE
2m          Normal   Pulled      pod/api-7d9c8b6f5-x2lqp              Container image "ghcr.io/lagerwerk/api@sha256:{sha(64)}" already present on machine
2m          Normal   Created     pod/api-7d9c8b6f5-x2lqp              Created container api
90s         Warning  BackOff     pod/worker-5f6b7c8d9-k8zrt           Back-off restarting failed container worker in pod worker-5f6b7c8d9-k8zrt_prod({uid()})
45s         Normal   Scheduled   pod/migrate-29811920-abcde           Successfully assigned prod/migrate-29811920-abcde to aks-nodepool1-38291044-vmss000002
""")

# de-49 HARD NEG ticket prose
S("de", "prose", """Vorgang 2026-118873: Kunde (Kundennummer 400 118 227) meldet, dass die Karte mit Endziffern 4821 bei der Zahlung abgelehnt wurde. Autorisierungscode 0X7F21, Terminal-ID 69204411, Beleg-Nr. 000318. Rückruf erfolgt über die hinterlegte Nummer; bitte keine Kartendaten im Ticket erfassen. Status: an 2nd Level (Team Zahlungsverkehr) übergeben.""")

# de-50 chat with Dutch BSN
bsn = nl_bsn(); em = "j.vandenberg@ziggo.nl"
S("de", "chat", f"""Jana (HR): Für Jan van den Berg brauchen wir für die niederländische Lohnsteuer seine BSN.
Marco: hat er geschickt: {bsn}
Marco: und private Mail für den Vertrag: {em}
Jana (HR): top, trage ich ein""", ("nl_bsn", bsn), ("email", em))

# de-51 PHP mailgun + mailchimp
mg = mailgun(); mc = mailchimp()
S("de", "code", f"""<?php
// config/mail.php – Vereinsnewsletter
return [
    'mailgun' => [
        'domain' => 'mg.tsv-nordheim.de',
        'secret' => '{mg}',
        'endpoint' => 'api.eu.mailgun.net',
    ],
    'mailchimp' => [
        'apikey' => '{mc}',
        'list_id' => 'a1b2c3d4e5',
    ],
];
""", ("saas_token", mg), ("saas_token", mc))

# de-52 .npmrc + .pypirc
nt = npm(); pp = pypi()
S("de", "config", f"""# ~/.npmrc
@lagerwerk:registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken={nt}

# ~/.pypirc
[pypi]
username = __token__
password = {pp}
""", ("npm_token", nt), ("package_registry_token", pp))

# de-53 HARD NEG unit test with documented test cards
S("de", "code", """import unittest
from zahlung import validiere_karte

class KartenTest(unittest.TestCase):
    # Offizielle Testnummern aus der Stripe-Doku, keine echten Karten
    def test_visa(self):
        self.assertTrue(validiere_karte("4242 4242 4242 4242"))

    def test_mastercard(self):
        self.assertTrue(validiere_karte("5555555555554444"))

    def test_ungueltig(self):
        self.assertFalse(validiere_karte("1234 5678 9012 3456"))

    def test_key_format(self):
        self.assertTrue(ist_publishable("pk_test_TYooMQauvdEDq54NiTphI7jx"))
""")

# de-54 HARD NEG redacted log
S("de", "log", f"""{ts()} INFO  http  POST /api/login body={{"benutzer":"***","passwort":"******"}}
{ts()} DEBUG http  Authorization: Bearer [REDACTED]
{ts()} WARN  vault token=hvs.******** (redacted, len=95) läuft in 12h ab
{ts()} INFO  sepa  Lastschrift an DE** **** **** **** **12 34 angewiesen, Mandat MND-2026-00912
""")

# de-55 relocation e-mail with Italian CF and Spanish DNI
cf = it_cf(); dni = es_dni()
S("de", "prose", f"""Hallo Frau Kern,

für die Entsendung nach Mailand und Madrid benötigt das Reisebüro folgende Angaben:
- Marco Bellini, Codice Fiscale {cf}
- Lucía Navarro, DNI {dni}
Die Flugbuchungen laufen über Auftragsnummer REI-26-3381.

Danke und Gruß
Team Mobility""", ("it_codice_fiscale", cf), ("es_dni", dni))

# ============================ JAPANESE (55) ============================
# --- LLM API request bodies (22) ---

# ja-1 OpenAI chat: support with My Number, phone, email
mn = jp_mynumber(); mns = myn_sp(mn); ph = ja_mobile(); em = "sato.haruka.0921@docomo.ne.jp"
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "system", "content": "あなたは証券会社のカスタマーサポート担当です。丁寧な日本語で回答してください。"},
    {"role": "user", "content": f"以下のお客様への返信文を作成してください。\n氏名：佐藤 遥\nマイナンバー：{mns}\n電話：{ph}\nメール：{em}\n内容：NISA口座開設の書類に不備があると連絡が来た。"}]}
S("ja", "json", J(body, ind=2), ("jp_mynumber", mns), ("phone", ph), ("email", em))

# ja-2 Anthropic: system prompt with DB connection string
pw = password_random(16); url = f"mysql://app_ro:{pw}@mysql-prod.tokyo.internal:3306/orders"
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024,
        "system": f"あなたは社内データ分析アシスタントです。SQLを生成したら次の接続先で実行します: {url}\n個人情報は集計値のみ返すこと。",
        "messages": [{"role": "user", "content": "先月の都道府県別の注文件数を出して"}]}
S("ja", "json", J(body), ("url_credentials", e(url)))

# ja-3 Gemini: chat log with a card
cd = card("jcb"); cdf = fmt_card(cd)
txt = f"次のチャット履歴を要約してください。\n\nお客様: カードが使えません。番号は {cdf}、有効期限 04/29 です。\nオペレーター: 確認いたします。ご注文番号を教えてください。\nお客様: ORD-20261118-00731 です。"
body = {"contents": [{"role": "user", "parts": [{"text": txt}]}], "safetySettings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "threshold": "BLOCK_ONLY_HIGH"}]}
S("ja", "json", J(body), ("card", cdf))

# ja-4 OpenAI tools: arguments with My Number, unicode-escaped
mn = jp_mynumber()
args = J({"name": "山田 太郎", "my_number": mn, "purpose": "源泉徴収票"}, a=True)
body = {"model": "gpt-4.1", "messages": [
    {"role": "user", "content": "山田さんのマイナンバーを登録して"},
    {"role": "assistant", "tool_calls": [{"id": "call_" + rnd(ALNUM, 24), "type": "function", "function": {"name": "register_my_number", "arguments": args}}]}]}
S("ja", "json", J(body, a=True), ("jp_mynumber", mn))

# ja-5 Ollama generate: log with IPs + slack token
xp = slack_user(); ip = "133.242.18.201"
prompt = (f"このログの異常を日本語で説明して:\n{ts()} ERROR slack-notify: invalid_auth token={xp}\n"
          f"{ts()} WARN  ratelimit: client {ip} exceeded 120 req/min\n")
S("ja", "json", J({"model": "gemma2:9b", "prompt": prompt, "stream": True, "options": {"temperature": 0}}), ("slack_token", xp), ("ip_address", ip))

# ja-6 Responses API: .env with Anthropic key
an = anthropic()
body = {"model": "gpt-5", "instructions": "日本語で簡潔に答えてください。",
        "input": [{"role": "user", "content": f"このenvで動かないのはなぜ？\n```\nLLM_PROVIDER=anthropic\nANTHROPIC_API_KEY={an}\nANTHROPIC_MODEL=claude-3-5-sonet\n```"}]}
S("ja", "json", J(body), ("anthropic_key", an))

# ja-7 Anthropic tool_result: employee master
mn = jp_mynumber(); em = "k.nakamura.family@icloud.com"; ph = ja_fix()
res = J({"社員番号": "E-004417", "氏名": "中村 健一", "個人メール": em, "自宅電話": ph, "マイナンバー": mn, "部署": "経理部"}, a=False)
body = {"model": "claude-sonnet-4-5", "max_tokens": 700, "messages": [
    {"role": "user", "content": "中村さんの年末調整に必要な情報を確認して"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rnd(ALNUM, 24), "name": "hr_search", "input": {"employee_id": "E-004417"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_x", "content": [{"type": "text", "text": res}]}]}]}
S("ja", "json", J(body), ("email", em), ("phone", ph), ("jp_mynumber", mn))

# ja-8 HARD NEG Gemini functionResponse: payment status
body = {"contents": [
    {"role": "user", "parts": [{"text": "決済の状況は？"}]},
    {"role": "model", "parts": [{"functionCall": {"name": "get_payment", "args": {"order_id": "A-2026-118833"}}}]},
    {"role": "user", "parts": [{"functionResponse": {"name": "get_payment", "response": {
        "payment_intent": "pi_3Q" + rnd(ALNUM, 22), "status": "succeeded", "card": "**** **** **** 1881", "brand": "visa", "amount": 12800, "currency": "jpy", "receipt": "1738-" + rnd(D, 4)}}}]}]}
S("ja", "json", J(body))

# ja-9 HARD NEG OpenAI: order/tracking/UUID
body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content":
        f"注文番号 250-1187734-0092215 の荷物が届きません。ヤマト運輸の伝票番号は 4702-1183-9920、問い合わせID {uid()} です。JANコード 4901777318526 の商品です。"}]}
S("ja", "json", J(body))

# ja-10 HARD NEG Anthropic: docs with placeholder keys
body = {"model": "claude-haiku-4-5", "max_tokens": 400, "messages": [{"role": "user", "content":
        "README のこの部分、わかりやすく直して:\n\n環境変数 `ANTHROPIC_API_KEY` に `sk-ant-api03-...` で始まるキーを設定します。例: `export ANTHROPIC_API_KEY=<your-api-key>`。OpenAI の場合は `OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxx` のように設定します。"}]}
S("ja", "json", J(body))

# ja-11 OpenAI chat: GitHub Actions yaml with fine-grained PAT
gp = github_pat()
wf = f"jobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: {gp}\n      - run: npm ci && npm run build\n"
body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "このワークフロー、checkoutで403になります。\n```yaml\n" + wf + "```"}]}
S("ja", "json", J(body), ("github_token", gp))

# ja-12 Ollama chat: Korean RRN in transfer doc
rrn = kr_rrn(); em = "minjun.park@naver.com"
body = {"model": "llama3.1:70b", "messages": [
    {"role": "system", "content": "人事書類を日本語に翻訳するアシスタントです。"},
    {"role": "user", "content": f"翻訳してください：\n성명: 박민준\n주민등록번호: {rrn}\n이메일: {em}\n발령: 도쿄 본사 영업2팀 (2027.01.01부)"}], "stream": False}
S("ja", "json", J(body, ind=2), ("kr_rrn", rrn), ("email", em))

# ja-13 Gemini: system instruction with OpenAI legacy key
ok = openai_legacy()
body = {"systemInstruction": {"parts": [{"text": f"あなたはルーターです。Geminiで回答できない場合は OpenAI (api key: {ok}) にフォールバックするコードを提案してください。"}]},
        "contents": [{"role": "user", "parts": [{"text": "フォールバックの実装例を書いて"}]}]}
S("ja", "json", J(body), ("openai_key", ok))

# ja-14 Anthropic: PEM pasted into user message
pk = pem("ec")
body = {"model": "claude-sonnet-4-5", "max_tokens": 512, "messages": [{"role": "user", "content": [{"type": "text", "text": "この鍵はどの形式ですか？nginxで使えますか？\n\n" + pk}]}]}
S("ja", "json", J(body), ("private_key", e(pk)))

# ja-15 OpenAI chat multi-turn with password
pw = password()
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "事務所のルーターの管理画面に入れません"},
    {"role": "assistant", "content": "管理画面のURLとエラー内容を教えてください。パスワードは共有しないでください。"},
    {"role": "user", "content": f"http://192.168.10.1 で、ユーザー admin / パスワード {pw} を入れると「認証失敗」になります"}]}
S("ja", "json", J(body), ("password", pw))

# ja-16 Responses API: Discord webhook
dw = discord_webhook()
body = {"model": "gpt-5-mini", "input": f"Discordに通知が飛ばない。curl -H \"Content-Type: application/json\" -d '{{\"content\":\"デプロイ完了\"}}' {dw} を叩くと 401 が返る", "reasoning": {"effort": "low"}}
S("ja", "json", J(body), ("discord_webhook", dw))

# ja-17 HARD NEG Gemini: hashes, versions
body = {"contents": [{"role": "user", "parts": [{"text":
        f"リリースノートを書いて。v2.14.3 → v2.15.0。主なコミット: {sha()[:7]} ログ改善, {sha()} 依存更新。成果物 sha256: {sha(64)}。ビルド日時 {ts()}。"}]}]}
S("ja", "json", J(body))

# ja-18 Anthropic tool_use: create_user
em = "aoi.kobayashi@gmail.com"; ph = "+81 80-" + rnd(D, 4) + "-" + rnd(D, 4); ip = "126.78.203.45"
body = {"model": "claude-sonnet-4-5", "max_tokens": 300, "messages": [
    {"role": "user", "content": "新規会員を登録して"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_" + rnd(ALNUM, 24), "name": "create_member",
        "input": {"name": "小林 葵", "email": em, "phone": ph, "signup_ip": ip, "plan": "premium"}}]}]}
S("ja", "json", J(body, ind=2), ("email", em), ("phone", ph), ("ip_address", ip))

# ja-19 OpenAI chat: US SSN
ssn = us_ssn(); em = "d.miller@outlook.com"
body = {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content":
        f"米国子会社に出向する David Miller さんの W-4 記入を手伝って。SSN は {ssn}、連絡先 {em}。英語で案内文を。"}]}
S("ja", "json", J(body), ("us_ssn", ssn), ("email", em))

# ja-20 Ollama chat: Groq + xAI keys in code
gq = groq(); xa = xai()
code = f"from groq import Groq\nclient = Groq(api_key=\"{gq}\")\nXAI_KEY = \"{xa}\""
S("ja", "json", J({"model": "deepseek-coder-v2", "messages": [{"role": "user", "content": "このコードを非同期にして\n" + code}]}), ("ai_api_key", gq), ("ai_api_key", xa))

# ja-21 OpenAI chat: Singapore NRIC + Aadhaar
nr = sg_nric(); ad = aadhaar(); ads = f"{ad[:4]} {ad[4:8]} {ad[8:]}"
body = {"model": "gpt-4o", "messages": [{"role": "system", "content": "海外出張者のビザ書類チェックを行います。"},
        {"role": "user", "content": f"シンガポール拠点の Tan Wei Ling (NRIC {nr}) とインド拠点の Priya Sharma (Aadhaar {ads}) の来日ビザ申請書類を確認したい。"}]}
S("ja", "json", J(body), ("sg_nric", nr), ("in_aadhaar", ads))

# ja-22 Anthropic: GCP SA JSON pasted into message (escaped twice in body? no: once in body)
gj, gkey = gcp_sa_json("jp-recsys-prod")
body = {"model": "claude-sonnet-4-5", "max_tokens": 900, "messages": [{"role": "user", "content": "BigQuery に接続できません。このサービスアカウントの JSON で権限は足りてますか？\n\n" + gj}]}
S("ja", "json", J(body), ("gcp_credentials", e(gkey)))

# --- Japanese non-API (33) ---

# ja-23 support ticket
ph = ja_mobile(); em = "tomoko.ishii@ezweb.ne.jp"
S("ja", "prose", f"""件名：【問い合わせ番号 INQ-2026-118273】返金について

お世話になっております。石井智子です。
先日キャンセルした旅行（予約番号 RSV-88120）の返金がまだ確認できません。
支払いに使ったカードは下4桁 3391 のものです。
ご連絡は {ph} または {em} までお願いいたします。""", ("phone", ph), ("email", em))

# ja-24 HR mail with My Number
mn = jp_mynumber()
S("ja", "prose", f"""総務部 各位

新入社員 渡辺 翔太 さん（社員番号 E-005122）のマイナンバーを共有します。
個人番号：{mn}
※本メールは確認後すぐに削除し、台帳（管理番号 MN-2026-044）へ転記してください。

人事部 吉田""", ("jp_mynumber", mn))

# ja-25 chat with password
pw = password()
S("ja", "chat", f"""[10:03] 田中: 共有フォルダのNASのパス教えてもらえますか
[10:04] 鈴木: \\\\nas01\\share です。ユーザーは eigyo、パスは {pw} です
[10:04] 鈴木: 来週変えるので
[10:05] 田中: ありがとうございます！""", ("password", pw))

# ja-26 .env with OpenAI svc key + HF
ok = openai_svc(); ht = hf()
S("ja", "config", f"""# 本番用（絶対にコミットしない）
OPENAI_API_KEY={ok}
OPENAI_ORG_ID=org-{rnd(ALNUM, 24)}
HF_TOKEN={ht}
EMBEDDING_MODEL=intfloat/multilingual-e5-large
# 開発用は .env.example を参照: OPENAI_API_KEY=sk-your-key-here
""", ("openai_key", ok), ("huggingface_token", ht))

# ja-27 docker-compose MySQL
rp = password_random(16); up = password()
S("ja", "config", f"""services:
  mysql:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: {rp}
      MYSQL_DATABASE: ec_site
      MYSQL_USER: ec_app
      MYSQL_PASSWORD: "{up}"
      TZ: Asia/Tokyo
    ports:
      - "3306:3306"
""", ("password", rp), ("password", up))

# ja-28 k8s with slack webhook + New Relic
wh = slack_webhook(); nr = newrelic()
S("ja", "config", f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: alerting
  namespace: monitoring
data:
  alertmanager.yml: |
    receivers:
      - name: slack-oncall
        slack_configs:
          - api_url: {wh}
            channel: '#障害対応'
  NEW_RELIC_API_KEY: "{nr}"
""", ("slack_webhook", wh), ("saas_token", nr))

# ja-29 Python requests with Bearer JWT
jw = jwt({"sub": "svc-batch", "scope": "orders:read", "exp": 1795446000}, alg="HS256")
S("ja", "code", f"""import requests

# 注文同期バッチ（一時的に固定トークン）
HEADERS = {{
    "Authorization": "Bearer {jw}",
    "X-Request-Id": "{uid()}",
}}
r = requests.get("https://api.ec-shop.example.jp/v1/orders?since=2026-11-01", headers=HEADERS, timeout=10)
r.raise_for_status()
""", ("jwt", jw))

# ja-30 TypeScript Stripe restricted key
rk = stripe("rk_live_")
S("ja", "code", f"""import Stripe from "stripe";

// 返金処理専用の制限付きキー
const stripe = new Stripe("{rk}", {{ apiVersion: "2025-10-29.clover" }});

export async function refund(pi: string) {{
  return stripe.refunds.create({{ payment_intent: pi }});
}}
""", ("stripe_key", rk))

# ja-31 shell history with AWS keys
ak = aws_key_id(); sk = aws_secret(); ip = "54.250.31.118"
S("ja", "code", f"""$ aws configure set aws_access_key_id {ak}
$ aws configure set aws_secret_access_key {sk}
$ aws configure set region ap-northeast-1
$ aws s3 ls s3://jp-logs-archive/2026/11/
$ ssh -i ~/.ssh/bastion.pem ec2-user@{ip}
""", ("aws_access_key", ak), ("aws_secret_key", sk), ("ip_address", ip))

# ja-32 GitHub Actions log with leaked GitLab token
gl = gitlab()
S("ja", "log", f"""2026-11-20T02:11:04.5512345Z ##[group]Run ./scripts/mirror.sh
2026-11-20T02:11:04.5513456Z env:
2026-11-20T02:11:04.5513987Z   GH_TOKEN: ***
2026-11-20T02:11:04.5514521Z ##[endgroup]
2026-11-20T02:11:05.1029384Z + git remote add mirror https://gitlab.com/jp-team/app.git
2026-11-20T02:11:05.1031928Z + git -c http.extraHeader='PRIVATE-TOKEN: {gl}' push mirror main
2026-11-20T02:11:07.8810021Z To https://gitlab.com/jp-team/app.git
2026-11-20T02:11:07.8810547Z    {sha()[:7]}..{sha()[:7]}  main -> main
""", ("gitlab_token", gl))

# ja-33 apache access log
ip1 = "118.238.9.71"; ip2 = "202.214.77.140"; ip3 = "240b:10:2c1:a500:5d0e:1c2f:8a44:19b3"
S("ja", "log", f"""{ip1} - - [22/Nov/2026:21:14:02 +0900] "GET /mypage HTTP/1.1" 200 8812 "-" "Mozilla/5.0 (Linux; Android 15)"
{ip2} - - [22/Nov/2026:21:14:05 +0900] "POST /login HTTP/1.1" 302 0 "https://www.example.jp/login" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6)"
{ip3} - - [22/Nov/2026:21:14:09 +0900] "GET /static/app.3f9a2c1.js HTTP/1.1" 304 0 "-" "Mozilla/5.0 (iPhone)"
""", ("ip_address", ip1), ("ip_address", ip2), ("ip_address", ip3))

# ja-34 CSV customers
rows = []; labs = []
for name, mail in [("高橋 美咲", "misaki.t@yahoo.co.jp"), ("伊藤 大輔", "daisuke_ito77@gmail.com"), ("山本 由美", "yumi-yamamoto@nifty.com")]:
    ph = ja_mobile()
    rows.append(f"C{R.randint(100000, 999999)},{name},{mail},{ph},〒{rnd(D, 3)}-{rnd(D, 4)},ゴールド")
    labs += [("email", mail), ("phone", ph)]
S("ja", "table", "顧客ID,氏名,メール,電話番号,郵便番号,会員ランク\n" + "\n".join(rows) + "\n", *labs)

# ja-35 HARD NEG markdown table
S("ja", "table", f"""| 請求書番号 | 発行日 | 注文ID | JANコード | 金額 |
|---|---|---|---|---|
| INV-2026-11-0042 | 2026/11/05 | 250-1187734-0092215 | 4901777318526 | ¥12,800 |
| INV-2026-11-0043 | 2026/11/06 | 250-9912844-1120937 | 4902102072618 | ¥3,240 |
| INV-2026-11-0051 | 2026/11/12 | 250-5529103-7781120 | 4571335880014 | ¥48,000 |

取引ID: {uid()}（登録番号 T1234567890123）
""")

# ja-36 SQL dump
rows = []; labs = []
for name, mail in [("松本", "h.matsumoto@softbank.ne.jp"), ("井上", "inoue.rika@au.com")]:
    ph = ja_fix()
    rows.append(f"({R.randint(100, 999)}, '{name}', '{mail}', '{ph}', '{bcrypt()}', NOW())")
    labs += [("email", mail), ("phone", ph)]
S("ja", "code", "-- PostgreSQL database dump\nSET client_encoding = 'UTF8';\n\nINSERT INTO public.users (id, last_name, email, tel, password_hash, created_at) VALUES\n" + ",\n".join(rows) + ";\n", *labs)

# ja-37 Python stack trace with Redis URL credentials
rp = password_random(20); url = f"redis://default:{rp}@redis-12881.c290.ap-northeast-1-1.ec2.cloud.redislabs.com:12881"
S("ja", "log", f"""Traceback (most recent call last):
  File "/app/worker/tasks.py", line 42, in 在庫同期
    r = redis.from_url("{url}")
  File "/usr/local/lib/python3.12/site-packages/redis/client.py", line 138, in from_url
    return cls(connection_pool=ConnectionPool.from_url(url, **kwargs))
redis.exceptions.AuthenticationError: invalid username-password pair or user is disabled.
""", ("url_credentials", url))

# ja-38 HARD NEG TOML placeholders
S("ja", "config", f"""# 設定テンプレート（値は各自で置き換えてください）
[api]
endpoint = "https://api.example.com/v1"
key = "YOUR_API_KEY_HERE"
secret = "********"

[db]
url = "postgres://user:password@localhost:5432/app"

[build]
version = "1.8.0-rc.2"
git_sha = "{sha()}"
""")

# ja-39 YAML Azure storage connection
ak = azure_storage_key()
S("ja", "config", f"""spring:
  cloud:
    azure:
      storage:
        blob:
          account-name: jpfilesprod
          account-key: {ak}
          endpoint: https://jpfilesprod.blob.core.windows.net
""", ("azure_key", ak))

# ja-40 INI Alibaba Cloud keys
ai = alibaba_id(); asec = alibaba_secret()
S("ja", "config", f"""; 中国リージョン向け OSS アップロード設定
[oss]
endpoint = oss-cn-shanghai.aliyuncs.com
bucket = jp-cn-assets
access_key_id = {ai}
access_key_secret = {asec}
""", ("cloud_token", ai), ("cloud_token", asec))

# ja-41 finance e-mail with German IBAN
ib = iban("DE"); ibs = iban_spaced(ib)
S("ja", "prose", f"""経理部 御中

ドイツの仕入先 Müller Feinmechanik GmbH への支払い（請求書 RE-2026-1182、EUR 18,400.00）について、振込先は以下の通りです。
IBAN: {ibs}
BIC: COBADEFFXXX
送金期日は 11月28日 です。よろしくお願いします。

購買部 西村""", ("iban", ibs))

# ja-42 chat with Discord bot token
dt = discord_token()
S("ja", "chat", f"""ゆうき: botのトークンこれね {dt}
ゆうき: サーバーID 1187733920011223344 に招待済み
はるな: おけ、.envに入れとく""", ("discord_token", dt))

# ja-43 JSON server config with Google API key
gk = google_key()
S("ja", "json", J({"service": "store-locator", "region": "asia-northeast1", "maps": {"server_key": gk, "language": "ja", "cache_ttl_sec": 3600}, "build": {"version": "4.2.0", "commit": sha()}}, ind=2), ("google_api_key", gk))

# ja-44 Go Twilio + SendGrid
tw = twilio_sk(); sg = sendgrid()
S("ja", "code", f"""package notify

const (
	twilioAccountSID = "AC{rnd(HEX, 32)}"
	twilioAPIKeySID  = "{tw}"
	sendgridKey      = "{sg}"
	fromNumber       = "+15005550006"
)
""", ("saas_token", tw), ("saas_token", sg))

# ja-45 app log leaking card + email
cd = card("visa"); em = "r.fujita@example-mail.jp"
S("ja", "log", f"""{ts()} INFO  checkout: user={em} cart=CRT-88123 total=¥24,200
{ts()} DEBUG checkout: payload={{"card_number":"{cd}","exp":"07/30","holder":"RYO FUJITA"}}
{ts()} ERROR checkout: gateway timeout (upstream=pay-gw-02, elapsed=30012ms)
""", ("email", em), ("card", cd))

# ja-46 HARD NEG AWS docs example in Japanese
S("ja", "prose", """AWS CLI の設定例です。以下の値はドキュメント用のサンプルなので、そのまま使わないでください。

    AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
    AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    Default region name [None]: ap-northeast-1

アクセスキーは IAM コンソールの「セキュリティ認証情報」から発行します。""")

# ja-47 HARD NEG redacted log
S("ja", "log", f"""{ts()} INFO  auth: ログイン成功 user_id=88123 session=[FILTERED]
{ts()} DEBUG http: Authorization: Bearer ***
{ts()} INFO  payment: カード **** **** **** 0042 で決済完了 (approval=A0091X)
{ts()} WARN  config: STRIPE_SECRET_KEY が未設定です (sk_live_****)
""")

# ja-48 HARD NEG misc numbers
S("ja", "prose", """お問い合わせ番号 2026-1123-0088 の件でご連絡いたしました。会員番号 0012-3344-5566 のポイントは 11月30日 に失効します。
商品の型番は KJ-55X9500H、シリアル番号 S01-8812734 です。お届け先郵便番号は 〒100-0005 です。
ご不明点はお客様センター（受付番号 A-77120）までお問い合わせください。""")

# ja-49 HARD NEG test fixtures
S("ja", "code", """// テスト用ダミーデータ（本番では使用禁止）
export const testCards = {
  visa: "4242424242424242",
  visaDebit: "4000 0566 5566 5556",
  jcb: "3566002020360505",
};
export const stripePublishableKey = "pk_test_TYooMQauvdEDq54NiTphI7jx";
export const dummyUser = { email: "user@example.com", password: "password123" };
""")

# ja-50 .pypirc
pp = pypi()
S("ja", "config", f"""# ~/.pypirc  社内ライブラリ公開用
[distutils]
index-servers = pypi

[pypi]
username = __token__
password = {pp}
""", ("package_registry_token", pp))

# ja-51 chat: UK NINO
ni = uk_nino(); nis = f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"
S("ja", "chat", f"""佐々木: ロンドン支社の Oliver Brown さん、年金の手続きで NI番号が要るそうです
Oliver: My National Insurance number is {nis}.
佐々木: ありがとうございます、給与システムに登録します""", ("uk_nino", nis))

# ja-52 Rust with Perplexity key
px = pplx()
S("ja", "code", f"""// 検索要約ボット
const PPLX_KEY: &str = "{px}";

fn client() -> reqwest::Client {{
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("Authorization", format!("Bearer {{}}", PPLX_KEY).parse().unwrap());
    reqwest::Client::builder().default_headers(h).build().unwrap()
}}
""", ("ai_api_key", px))

# ja-53 config: Vault + Databricks
vt = vault(); db = databricks()
S("ja", "config", f"""# データ基盤 接続設定
export VAULT_ADDR=https://vault.data.internal:8200
export VAULT_TOKEN={vt}
export DATABRICKS_HOST=https://adb-{rnd(D, 16)}.7.azuredatabricks.net
export DATABRICKS_TOKEN={db}
""", ("saas_token", vt), ("saas_token", db))

# ja-54 shell cat of RSA traditional key
pk = pem_rsa_traditional()
S("ja", "code", f"""[ec2-user@ip-172-31-8-14 ~]$ cat ~/.ssh/legacy_deploy.pem
{pk}
[ec2-user@ip-172-31-8-14 ~]$ chmod 600 ~/.ssh/legacy_deploy.pem
""", ("private_key", pk))

# ja-55 HARD NEG jwt.io example
S("ja", "prose", """JWT は「ヘッダー.ペイロード.署名」の3つの部分から成ります。jwt.io の有名なサンプルは次の通りです。

eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c

ペイロードには sub=1234567890, name=John Doe が入っています。署名の検証には共有鍵（例では "your-256-bit-secret"）を使います。""")

assert len(OUT) == 110, len(OUT)
write_corpus(OUT, sys.argv[1])
