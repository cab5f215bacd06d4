"""Fresh set 6b (2026-11-24): written by a helper who read only fakegen.py, never the rules,
after the set-5 fixes (German 55, Korean 55); scored once (docs/detection.md, "Fresh sets 5 and 6").
Values are generated (fake): see fakegen.py.
Usage: python3 fresh6b_2026_11_24.py OUT.jsonl
"""
import os
import sys, os, json, string, subprocess, tempfile, base64, hashlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX

seed(6602)
OUT = []
S = sample_adder(OUT, "f6b")
DIG = string.digits

# ---------------------------------------------------------------- helpers
def d(n):
    return rnd(DIG, n)

def de_mobile(style=None):
    pre = R.choice(["151", "152", "157", "160", "162", "163", "170", "171", "172", "173", "175", "176", "177", "178", "179"])
    num = rnd("123456789", 1) + d(R.choice([6, 7]))
    st = style if style is not None else R.randint(0, 6)
    return [f"0{pre} {num}", f"0{pre}-{num}", f"0{pre}/{num}", f"+49 {pre} {num}", f"+49{pre}{num}",
            f"0049 {pre} {num}", f"+49 (0){pre} {num}"][st]

def de_land(style=None, area=None):
    area = area or R.choice(["30", "40", "89", "221", "69", "711", "211", "351", "511", "641", "6421", "911"])
    n = 8 - len(area) + 2 if len(area) <= 3 else 6
    num = rnd("123456789", 1) + d(n - 1)
    st = style if style is not None else R.randint(0, 5)
    return [f"0{area} {num}", f"(0{area}) {num[:3]} {num[3:]}", f"+49 {area} {num}", f"0{area}/{num}",
            f"+49 (0){area} {num[:-2]}-{num[-2:]}", f"0{area}-{num}"][st]

def kr_mobile(style=None):
    a, b = rnd("23456789", 1) + d(3), d(4)
    st = style if style is not None else R.randint(0, 6)
    return [f"010-{a}-{b}", f"010{a}{b}", f"010 {a} {b}", f"+82 10-{a}-{b}", f"+82-10-{a}-{b}",
            f"010.{a}.{b}", f"+8210{a}{b}"][st]

def kr_land(style=None):
    area = R.choice(["02", "031", "032", "051", "053", "042", "062", "064"])
    mid = rnd("23456789", 1) + d(R.choice([2, 3]))
    last = d(4)
    st = style if style is not None else R.randint(0, 2)
    return [f"{area}-{mid}-{last}", f"({area}) {mid}-{last}", f"{area}) {mid}-{last}"][st]

def at_phone():
    return f"+43 664 {d(3)} {d(4)}"

def ch_phone():
    return f"+41 44 {rnd('23456789',1)}{d(2)} {d(2)} {d(2)}"

def fr_mobile(intl=True):
    p = R.choice("67") + d(8)
    pairs = " ".join(p[i:i + 2] for i in range(1, 9, 2))
    return f"+33 {p[0]} {pairs}" if intl else f"0{p[0]} {pairs}"

def uk_mobile():
    return f"+44 7{d(3)} {d(6)}"

def es_mobile():
    return f"+34 6{d(2)} {d(3)} {d(3)}"

def sg_mobile():
    return f"+65 {R.choice('89')}{d(3)} {d(4)}"

def in_mobile():
    return f"+91 {R.choice('6789')}{d(4)} {d(5)}"

def us_phone():
    return f"({rnd('23456789',1)}{d(2)}) {rnd('2346789',1)}{d(2)}-{d(4)}"

def jp_mobile():
    return f"0{R.choice(['80','90','70'])}-{d(4)}-{d(4)}"

def priv_ip():
    k = R.randint(0, 2)
    if k == 0:
        return f"10.{R.randint(0,254)}.{R.randint(0,254)}.{R.randint(2,254)}"
    if k == 1:
        return f"172.{R.randint(16,31)}.{R.randint(0,254)}.{R.randint(2,254)}"
    return f"192.168.{R.choice([0,1,10,20,178,100])}.{R.randint(2,254)}"

def pub_ip():
    while True:
        a = R.choice([31, 37, 46, 62, 78, 79, 80, 84, 85, 87, 88, 91, 93, 94, 95, 109, 118, 121, 125, 175, 176, 178, 183, 185, 211, 213, 217, 220, 222])
        ip = f"{a}.{R.randint(1,254)}.{R.randint(0,254)}.{R.randint(1,254)}"
        return ip

def ipv6():
    return f"2a01:{R.choice(['4f8','598','c23'])}:{rnd(HEX,4).lstrip('0') or '1'}:{rnd(HEX,4).lstrip('0') or '2'}::{R.randint(2,9)}"

def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"

def sha256hex():
    return rnd(HEX, 64)

def gitsha():
    return rnd(HEX, 40)

def sri():
    return "sha512-" + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()

def bcrypt_hash():
    return "$2b$12$" + rnd("./" + ALNUM, 53)

def argon2_hash():
    s = base64.b64encode(bytes(R.getrandbits(8) for _ in range(16))).decode().rstrip("=")
    h = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode().rstrip("=")
    return f"$argon2id$v=19$m=65536,t=3,p=4${s}${h}"

def ean13(prefix="400"):
    body = prefix + d(12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)

def isbn13(group="3"):
    body = "978" + group + d(12 - 3 - len(group))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    c = str((10 - s % 10) % 10)
    full = body + c
    return f"978-{group}-{full[3+len(group):8]}-{full[8:12]}-{c}"

def imei():
    body = "35" + d(12)
    return body + luhn_check(body)

def rrn_compact():
    return kr_rrn().replace("-", "")

def rrn_checksum_ok(s):
    s = s.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(a) * b for a, b in zip(s, w)) % 11) % 10 == int(s[12])

def corp_regno():
    """Korean 법인등록번호 shape (6-7) with a 0 in position 7, forced to fail the RRN checksum."""
    while True:
        v = R.choice(["110111", "134511", "160111", "124311"]) + "0" + d(6)
        if not rrn_checksum_ok(v):
            return v[:6] + "-" + v[6:]

def nonrrn_like():
    while True:
        v = "2403" + f"{R.randint(1, 28):02d}" + R.choice("1234") + d(6)
        if not rrn_checksum_ok(v):
            return v[:6] + "-" + v[6:]

def luhn_order16(prefix="2025"):
    body = prefix + d(11)
    return body + luhn_check(body)

def hetzner_token():
    return rnd_mixed(ALNUM, 64)

def toss_sk():
    return "live_sk_" + rnd_mixed(ALNUM, 28)

def toss_ck():
    return "test_ck_" + rnd_mixed(ALNUM, 28)

def ncp_access():
    return "ncp_iam_" + rnd(string.ascii_uppercase + DIG, 20)

def ncp_secret():
    return rnd_mixed(ALNUM, 40)

def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)

def dd_api():
    return rnd(HEX, 32)

def dd_app():
    return rnd(HEX, 40)

def key_body_line(k, sep="\n"):
    return k.split(sep)[1]

def cert_pem():
    dd_ = tempfile.mkdtemp()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", os.path.join(dd_, "k"), "-out", os.path.join(dd_, "c"), "-subj",
                    "/C=DE/O=Intern/CN=ldap.intern.lan", "-days", "730"], check=True, capture_output=True)
    return open(os.path.join(dd_, "c")).read().strip()

def ssh_pub(comment):
    dd_ = tempfile.mkdtemp()
    p = os.path.join(dd_, "k")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", p], check=True)
    return open(p + ".pub").read().strip()

def jdump(o):
    return json.dumps(o, ensure_ascii=False, indent=2)

def jcompact(o):
    return json.dumps(o, ensure_ascii=False)

def grp(s, n=4, sep=" "):
    return sep.join(s[i:i + n] for i in range(0, len(s), n))

# ====================================================================== GERMAN — positives
# DE-P1 e-mail HR -> Steuerbüro
sid = de_steuer_id(); ib = iban("DE"); mob = de_mobile(0); tel = de_land(4, "641"); em = "s.roth@roth-haustechnik.de"
S("de", "email", f"""Betreff: Neueinstellung zum 01.04. – Unterlagen für die Lohnabrechnung

Hallo Frau Brandt,

wie telefonisch besprochen hier die Daten von Herrn Keller für den Stammdatenbogen:

Steuer-ID: {sid}
Steuerklasse I, keine Kinderfreibeträge, Konfession rk
Bankverbindung: {iban_spaced(ib)} (Volksbank Mittelhessen)
Handy für Rückfragen: {mob}

Den Arbeitsvertrag bekommen Sie per Post, Personalnummer wird 4711-023.

Viele Grüße
Sabine Roth
Personal & Organisation
Roth Haustechnik GmbH · Tel. {tel} · {em}""",
  ("de_steuer_id", sid), ("iban", iban_spaced(ib)), ("phone", mob), ("phone", tel), ("email", em))

# DE-P2 slack chat with ssh + password
ip = priv_ip(); pw = password()
S("de", "chat_slack", f"""[09:41] Jonas Weber: moin, staging hängt schon wieder 🙄
[09:42] Lea Hoffmann: kannst du dich mal draufschalten? ssh admin@{ip}, pw ist immer noch {pw}
[09:42] Lea Hoffmann: ja ich weiß, ändern wir nach dem Release
[09:45] Jonas Weber: bin drauf. Platte voll, /var/log/journal hat 38G 🤦""",
  ("ip_address", ip), ("password", pw))

# DE-P3 spreadsheet Personalstammdaten (incl. Grenzgänger NL with BSN)
rows = []
labs = []
for pn, nn, vn, ein, cc in [("100231", "Krüger", "Thomas", "01.02.2019", "DE"), ("100245", "Yılmaz", "Elif", "15.08.2021", "DE"),
                             ("100262", "Schneider", "Anna-Lena", "01.10.2023", "AT"), ("100270", "Jansen", "Ruud", "01.01.2024", "NL")]:
    s_ = de_steuer_id(); i_ = iban(cc); m_ = de_mobile(R.choice([0, 1, 3]))
    bem = ""
    if cc == "NL":
        b_ = nl_bsn(); bem = f"Grenzgänger NL, BSN {b_}"; labs.append(("nl_bsn", b_))
    elif cc == "AT":
        bem = "Konto in Österreich"
    rows.append(f"{pn}\t{nn}\t{vn}\t{ein}\t{s_}\t{i_}\t{m_}\t{bem}")
    labs += [("de_steuer_id", s_), ("iban", i_), ("phone", m_)]
S("de", "spreadsheet", "Personalstammdaten – Export 03/2025 (vertraulich, nur Lohnbuchhaltung)\n"
  "PersNr\tName\tVorname\tEintritt\tSteuer-ID\tIBAN\tMobil\tBemerkung\n" + "\n".join(rows), *labs)

# DE-P4 OCR invoice, odd spacing
ib = iban("DE"); ibs = iban_spaced(ib).replace(" ", "  ", 2); tel = de_land(0, "641")
S("de", "ocr", f"""Malerbetrieb  Schäfer  &  Sohn
Inh.  Markus  Schäfer  ·  Lindenstr.  12  ·  35390  Gießen
RECHNUNG   Nr.  2025-0187              Datum:  14.03.2025
Kunden-Nr.:  K-20931
Pos  Menge    Bezeichnung                         Einzelpreis     Gesamt
1    42 m²    Wandfläche streichen, 2x weiß       8,90            373,80
2    1        Abdeckarbeiten pauschal             95,00            95,00
                                      Netto                       468,80
                                      19 % USt.                    89,07
                                      Gesamtbetrag                557,87 EUR
Zahlbar  innerhalb  14  Tagen  ohne  Abzug  auf:
Sparkasse  Gießen    I BAN:  {ibs}    BIC:  SKGIDE5FXXX
USt-IdNr.:  DE{d(9)}     Tel.  {tel}""",
  ("iban", ibs), ("phone", tel))

# DE-P5 .env with vendors only in comments
ht = hetzner_token(); mg = mailgun(); pw = password_random(16); ip = priv_ip()
S("de", "config_env", f"""# --- shop-prod, zuletzt geändert 11.03. (mk) ---
APP_ENV=production
APP_URL=https://shop.gartenbedarf-kunze.de

# Hetzner Cloud API (Projekt "shop-prod")
HCLOUD_TOKEN={ht}

# Transaktionsmails laufen über Mailgun (EU-Region)
MAIL_DOMAIN=mg.gartenbedarf-kunze.de
MAIL_SECRET={mg}

DATABASE_URL=postgres://shop:{pw}@{ip}:5432/shop_prod
REDIS_URL=redis://127.0.0.1:6379/0
""", ("cloud_token", ht), ("saas_token", mg), ("url_credentials", pw), ("ip_address", ip))

# DE-P6 application log, several records, JWT leaked in a query string
e1 = "m.vogel@kanzlei-vogel-partner.de"; e2 = "petra.lang@gmx.de"; i1 = pub_ip(); i2 = pub_ip(); i3 = pub_ip()
jw = jwt({"sub": "export-svc", "scope": "reports:read", "exp": 1741950000})
S("de", "log", f"""2025-03-14T07:58:12.331+01:00 INFO  [auth] login ok user={e1} src={i1}
2025-03-14T07:58:40.902+01:00 WARN  [auth] login failed user={e2} src={i2} reason=BAD_CREDENTIALS attempt=3
2025-03-14T07:59:03.117+01:00 INFO  [order] created order=A-558213 customer=100482 total=89.90 EUR
2025-03-14T07:59:41.020+01:00 WARN  [auth] account locked user={e2} src={i2} until=08:29:41
2025-03-14T08:01:17.554+01:00 INFO  [http] GET /api/v2/export/umsatz?format=xlsx&access_token={jw} 200 1832ms src={i3}""",
  ("email", e1), ("email", e2), ("ip_address", i1), ("ip_address", i2), ("ip_address", i3), ("jwt", jw))

# DE-P7 OpenAI request: Mahnung with AT IBAN + AT phone
ib = iban("AT"); ph = at_phone()
body = {"model": "gpt-4o-mini", "temperature": 0.4, "messages": [
    {"role": "system", "content": "Du bist Assistent der Buchhaltung. Antworte auf Deutsch, förmlich, ohne Floskeln."},
    {"role": "user", "content": f"Bitte formuliere eine freundliche, aber bestimmte Zahlungserinnerung an Herrn Emre Öztürk (Kundennr. 20-88412). Offen ist Rechnung RE-2025-0311 über 1.249,00 €, fällig seit 28.02. Er soll auf unser Konto {iban_spaced(ib)} überweisen; bei Fragen erreicht er Frau Huber unter {ph}."}]}
S("de", "llm_openai", jdump(body), ("iban", iban_spaced(ib)), ("phone", ph))

# DE-P8 Anthropic tool_use/tool_result with HR record
sid = de_steuer_id(); ib = iban("PL"); em = "k.nowak@logistik-oderland.de"
tr = jcompact({"name": "Nowak, Karolina", "personalnummer": "300517", "steuer_id": sid, "steuerklasse": 6,
               "elstam_abruf": "2025-02-03", "email": em, "iban": ib})
body = {"model": "claude-3-5-sonnet-latest", "max_tokens": 1024,
        "tools": [{"name": "get_employee", "description": "Stammdaten aus dem HR-System lesen",
                   "input_schema": {"type": "object", "properties": {"personalnummer": {"type": "string"}}}}],
        "messages": [
            {"role": "user", "content": "Warum wurde bei Frau Nowak im Februar Steuerklasse VI abgerechnet? Sie hat nur einen Job bei uns."},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Hq7XbVn2kLm9", "name": "get_employee", "input": {"personalnummer": "300517"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Hq7XbVn2kLm9", "content": tr}]}]}
S("de", "llm_anthropic", jcompact(body), ("de_steuer_id", sid), ("email", em), ("iban", ib))

# DE-P9 Python Stripe
sk = stripe("sk_live_"); wh = whsec(); pk = stripe("pk_live_")
S("de", "code_python", f'''# zahlungen/stripe_client.py
import stripe
from django.conf import settings

# TODO vor dem Go-Live in Vault verschieben!!
stripe.api_key = "{sk}"
STRIPE_WEBHOOK_SECRET = "{wh}"
STRIPE_PUBLISHABLE = "{pk}"  # darf ins Frontend

def zahlung_anlegen(betrag_cent, kunde_id):
    return stripe.PaymentIntent.create(amount=betrag_cent, currency="eur", customer=kunde_id)
''', ("stripe_key", sk), ("generic_secret", wh))

# DE-P10 customer complaint e-mail with card
em = "d.wendt@t-online.de"; cd = fmt_card(card("visa")); tel = de_land(1)
S("de", "email", f"""Von: Dieter Wendt <{em}>
An: bestellung@weinhaus-rheingau-direkt.de
Betreff: Zahlung klappt nicht – Bestellung 40-1182734

Sehr geehrte Damen und Herren,

seit gestern versuche ich, meine Bestellung zu bezahlen. Die Kreditkarte ({cd}, gültig bis 09/27) wird jedes Mal abgelehnt, obwohl meine Bank sagt, es sei alles in Ordnung.
Bitte rufen Sie mich zurück, am besten vormittags: {tel}.

Mit freundlichen Grüßen
D. Wendt""", ("email", em), ("email", "bestellung@weinhaus-rheingau-direkt.de"), ("card", cd), ("phone", tel))

# DE-P11 GitHub Actions with hard-coded npm token
nt = npm()
S("de", "config_gha", f"""name: publish
on:
  push:
    tags: ['v*']
jobs:
  npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci && npm run build
      - run: npm publish --access public
        env:
          # temporär, Secret-Sync ist kaputt – bitte wieder rausnehmen (TK)
          NODE_AUTH_TOKEN: {nt}
          GITHUB_TOKEN: ${{{{ secrets.GITHUB_TOKEN }}}}
""", ("npm_token", nt))

# DE-P12 shell history
gh = github("ghp_"); gl = gitlab(); ip = f"192.168.178.{R.randint(20,60)}"; pw = password()
S("de", "shell", f"""  501  cd ~/projekte/lagerverwaltung
  502  export GITHUB_TOKEN={gh}
  503  gh repo clone spedition-maier/lager-api
  504  cd lager-api && git remote add intern https://oauth2:{gl}@gitlab.spedition-maier.de/it/lager-api.git
  505  git push intern main
  506  mysql -h {ip} -u lager -p'{pw}' lager
  507  history | grep mysql""",
  ("github_token", gh), ("gitlab_token", gl), ("url_credentials", gl), ("ip_address", ip), ("password", pw))

# DE-P13 Teams chat: Italian colleague
cf = it_cf(); ib = iban("IT"); em = "giulia.ferrari@libero.it"
S("de", "chat_teams", f"""Nadine Krause  10:14
Hi Markus, für die Anmeldung bei der Krankenkasse fehlt mir von Giulia noch die Sozialversicherungsnummer. Den Codice Fiscale hab ich schon ({cf}), reicht der vorerst?

Markus Albrecht  10:21
Glaub nicht, die SV-Nummer wird ja erst vergeben. Gehalt geht erstmal auf ihr italienisches Konto {iban_spaced(ib)}, sie eröffnet erst im April eins hier.
Ihre private Mail ist {em}, falls du ihr direkt schreiben willst.""",
  ("it_codice_fiscale", cf), ("iban", iban_spaced(ib)), ("email", em))

# DE-P14 HTML form: French employee relocation
nir = fr_nir(); ph = fr_mobile(True); ib = iban("FR")
S("de", "html_form", f"""<form action="/entsendung/absenden" method="post">
  <h2>Entsendung Lyon → Stuttgart: Angaben zur Person</h2>
  <label>Name</label><input name="name" value="Camille Girard">
  <label>Numéro de sécurité sociale (NIR)</label><input name="nir" value="{nir}">
  <label>Telefon (FR)</label><input name="tel" value="{ph}">
  <label>Bankverbindung</label><input name="iban" value="{iban_spaced(ib)}">
  <label>Umzugstermin</label><input type="date" name="umzug" value="2025-05-02">
  <input type="hidden" name="form_id" value="{uuid4()}">
  <button>Weiter</button>
</form>""", ("fr_nir", nir), ("phone", ph), ("iban", iban_spaced(ib)))

# DE-P15 e-mail: BSN for Dutch payroll
bsn = nl_bsn(); ib = iban("NL")
S("de", "email", f"""Betreff: Loonstrook Venlo – BSN fehlt noch

Hallo Herr de Vries,

unser Lohnbüro in Venlo kann Ihre erste Abrechnung nicht anlegen, weil die BSN im System fehlt. Sie hatten sie mir am Telefon durchgegeben – stimmt {bsn}?
Das Gehalt geht dann wie gewünscht auf {ib}.

Schönen Gruß aus Kleve
Anke Lorenz""", ("nl_bsn", bsn), ("iban", ib))

# DE-P16 support ticket: Spanish DNI + NIE
dni = es_dni(); nie = es_nie(); ph = es_mobile()
S("de", "ticket", f"""Ticket #58213 · Kategorie: Kontoverifizierung · Priorität: normal
Kunde: Javier Morales (Kundenkonto 7781320)

Nachricht des Kunden (übersetzt):
„Ich habe meinen Ausweis schon zweimal hochgeladen. Meine DNI ist {dni}, Geburtsdatum 12.06.1987. Meine Frau ist Mitinhaberin der Ferienwohnung, ihre NIE lautet {nie}. Warum ist das Konto immer noch gesperrt?“

Interne Notiz (S. Brandl, 13.03.): Foto unscharf, DNI-Nummer passt aber zur Eingabe. Rückruf unter {ph} für Freitag vereinbart.""",
  ("es_dni", dni), ("es_dni", nie), ("phone", ph))

# DE-P17 Kubernetes secret, vendors only as parent keys
sg = sendgrid(); dda = dd_api(); ddk = dd_app(); xp = slack_user(); em = "alarme@stadtwerke-nordheide.de"
S("de", "config_k8s", f"""apiVersion: v1
kind: Secret
metadata:
  name: notifier-credentials
  namespace: monitoring
type: Opaque
stringData:
  config.yaml: |
    sendgrid:
      api_key: {sg}
      from: {em}
    datadog:
      api_key: {dda}
      app_key: {ddk}
      site: datadoghq.eu
    slack:
      # User-Token von Holger, Bot-App ist noch nicht freigegeben
      token: {xp}
      channel: "#leitstelle"
""", ("saas_token", sg), ("email", em), ("saas_token", dda), ("saas_token", ddk), ("slack_token", xp))

# DE-P18 JS Discord bot
dw = discord_webhook(); dt = discord_token()
S("de", "code_js", f"""// bot.js – Vereinsbot für den TSV-Discord (Trainingszeiten, Spielberichte)
const {{ Client, GatewayIntentBits, WebhookClient }} = require('discord.js');
const client = new Client({{ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] }});

const protokoll = new WebhookClient({{ url: '{dw}' }});

client.on('ready', () => protokoll.send(`Bot online als ${{client.user.tag}}`));
client.on('messageCreate', (msg) => {{
  if (msg.content === '!training') msg.reply('Di + Do 18:30, Halle 2');
}});

client.login('{dt}');
""", ("discord_webhook", dw), ("discord_token", dt))

# DE-P19 chat prose: Telegram bot + Slack webhook
tg = telegram(); sw = slack_webhook()
S("de", "chat", f"""Kurzes Update zur Alarmierung: Der Telegram-Bot für die Rufbereitschaft läuft jetzt, Token ist {tg} (steht noch nicht im Wiki, mach ich heute Abend).
Zusätzlich postet Grafana in #ops-alarme über den Webhook {sw}. Wer Lust hat, kann ja mal den Testalarm auslösen 🙂""",
  ("telegram_token", tg), ("slack_webhook", sw))

# DE-P20 docker-compose with passwords, Groq key, Azure storage connection string
p1 = password_random(18); p2 = password(); gq = groq(); ak = azure_storage_key()
S("de", "config_compose", f"""services:
  db:
    image: postgres:16.2
    environment:
      POSTGRES_USER: wiki
      POSTGRES_PASSWORD: {p1}
    volumes: [pgdata:/var/lib/postgresql/data]
  minio:
    image: minio/minio:RELEASE.2024-12-18T13-15-44Z
    environment:
      MINIO_ROOT_USER: admin
      MINIO_ROOT_PASSWORD: "{p2}"
  zusammenfasser:
    build: ./zusammenfasser
    environment:
      GROQ_API_KEY: {gq}
      DB_DSN: host=db user=wiki dbname=wiki
  backup:
    image: ghcr.io/wiki-team/pg-backup:1.4.2
    environment:
      AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=wikibackupde;AccountKey={ak};EndpointSuffix=core.windows.net"
volumes:
  pgdata: {{}}
""", ("password", p1), ("password", p2), ("ai_api_key", gq), ("azure_key", ak))

# DE-P21 Gemini request: user pastes .env
ok_ = openai_proj(); an = anthropic()
body = {"contents": [{"role": "user", "parts": [{"text": f"Mein Script bekommt von beiden APIs 401, obwohl die Keys stimmen. Hier meine .env:\n\nOPENAI_API_KEY={ok_}\nANTHROPIC_API_KEY={an}\nMODEL=gpt-4o\n\nGeladen wird mit load_dotenv('.env.local') – was mache ich falsch?"}]}],
        "generationConfig": {"temperature": 0.2, "maxOutputTokens": 800}}
S("de", "llm_gemini", jdump(body), ("openai_key", ok_), ("anthropic_key", an))

# DE-P22 Ollama: extraction from an English mail with UK NINO
ni = uk_nino(); em = "oliver.bennett@outlook.com"; ph = uk_mobile()
body = {"model": "llama3.1:8b", "stream": False, "format": "json", "messages": [
    {"role": "system", "content": "Du extrahierst Felder aus E-Mails und antwortest nur mit JSON."},
    {"role": "user", "content": f"Extrahiere Name, National Insurance Number, E-Mail und Telefon:\n\n---\nHi Frau Schmid,\nfor the payroll in Manchester I still need to confirm my NI number: {ni}. You can reach me at {em} or on {ph}.\nCheers, Oliver Bennett\n---"}]}
S("de", "llm_ollama", jdump(body), ("uk_nino", ni), ("email", em), ("phone", ph))

# DE-P23 Terraform AWS keys
ak = aws_key_id(); sk = aws_secret()
S("de", "config_terraform", f"""# TODO: auf OIDC umstellen – das hier ist nur für den Workshop am Freitag
provider "aws" {{
  region     = "eu-central-1"
  access_key = "{ak}"
  secret_key = "{sk}"
}}

resource "aws_s3_bucket" "belege" {{
  bucket = "buchhaltung-belege-2025"
  tags = {{ Owner = "finanzen", CostCenter = "4410" }}
}}
""", ("aws_access_key", ak), ("aws_secret_key", sk))

# DE-P24 Spring properties
ip = priv_ip(); p1 = password_random(20); p2 = password(); em = "auftraege@holzbau-wendland.de"; js = high_entropy(48)
S("de", "config_properties", f"""# application-prod.properties (Auftragsverwaltung)
server.port=8443
spring.datasource.url=jdbc:postgresql://{ip}:5432/auftraege
spring.datasource.username=auftrag_app
spring.datasource.password={p1}
spring.mail.host=smtp.strato.de
spring.mail.username={em}
spring.mail.password={p2}
app.security.jwt-secret={js}
app.version=3.8.1
""", ("ip_address", ip), ("password", p1), ("email", em), ("password", p2), ("generic_secret", js))

# DE-P25 OCR of Lohnsteuerbescheinigung, Steuer-ID grouped
sid = de_steuer_id(); sidg = f"{sid[:2]} {sid[2:5]} {sid[5:8]} {sid[8:]}"
S("de", "ocr", f"""Ausdruck  der  elektronischen  Lohnsteuerbescheinigung  für  2024
Nachstehende  Daten  wurden  maschinell  an  die  Finanzverwaltung  übertragen.

Dauer  des  Dienstverhältnisses          01.01. - 31.12.
Identifikationsnummer:   {sidg}
Personalnummer:   000184            Geburtsdatum:  23.07.1979
Transferticket:   K7Q2-88XN-4LMD-P0C3
3.  Bruttoarbeitslohn  einschl.  Sachbezüge            48 312,00
4.  Einbehaltene  Lohnsteuer                            7 845,25
5.  Einbehaltener  Solidaritätszuschlag                     0,00
Finanzamt  Marburg  ·  Steuernummer  d.  Arbeitgebers:  031 815 08150""", ("de_steuer_id", sidg))

# DE-P26 stack trace with JDBC password
ip = priv_ip(); pw = password_random(12)
S("de", "stack_trace", f"""2025-03-13 22:04:11,873 ERROR [scheduler-1] de.kaiser.erp.sync.ArtikelSync - Sync fehlgeschlagen (Lauf 20250313-2200)
java.sql.SQLNonTransientConnectionException: Could not create connection to database server. Attempted reconnect 3 times. Giving up.
	at com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:111)
	at com.mysql.cj.jdbc.ConnectionImpl.connectWithRetries(ConnectionImpl.java:885)
	at de.kaiser.erp.sync.ArtikelSync.run(ArtikelSync.java:74)
Caused by: com.mysql.cj.exceptions.CJCommunicationsException: Communications link failure
  (url=jdbc:mysql://{ip}:3306/erp?user=erp_sync&password={pw}&useSSL=false)
	... 12 more""", ("ip_address", ip), ("password", pw))

# DE-P27 e-mail: Swiss supplier changes bank account
i_new = iban("CH"); i_old = iban("CH"); ph = ch_phone()
S("de", "email", f"""Sehr geehrte Damen und Herren

Bitte beachten Sie, dass sich unsere Bankverbindung per 1. April 2025 ändert.
Neu: Zürcher Kantonalbank, IBAN {iban_spaced(i_new)}
Die bisherige Verbindung ({i_old}) wird Ende März saldiert; Zahlungen dorthin kommen zurück.

Offene Posten: Rechnung 25-00418 (CHF 3'912.40), Rechnung 25-00433 (CHF 1'205.00).
Für Rückfragen erreichen Sie unsere Buchhaltung unter {ph}.

Freundliche Grüsse
Meier Präzisionstechnik AG""", ("iban", iban_spaced(i_new)), ("iban", i_old), ("phone", ph))

# DE-P28 WhatsApp family chat
em = "papa.grabowski@t-online.de"; pw = R.choice(["Grabowski", "Sonnenblume", "Dackel"]) + R.choice("#&+") + d(4); ph = de_mobile(0)
S("de", "chat_whatsapp", f"""[12.03.25, 19:02] Mama: Kannst du mir nochmal das Passwort vom Netflix schicken? Der Fernseher hat sich abgemeldet
[12.03.25, 19:10] Julia: Mama 🙈 Mail ist {em} und das Passwort {pw}
[12.03.25, 19:11] Mama: Danke Schatz ❤️ Und hast du Tante Gabis neue Nummer?
[12.03.25, 19:13] Julia: {ph}
[12.03.25, 19:13] Julia: Sonntag 15 Uhr bleibt?""", ("email", em), ("password", pw), ("phone", ph))

# DE-P29 CSV customer export
p1 = de_land(0, "69"); p2 = de_land(3, "221"); p3 = de_land(2, "351")
e1 = "petra.lang@gmx.de"; e2 = "m.demir@web.de"; e3 = "tim.fischer1988@gmail.com"
S("de", "csv", f"""kundennr;anrede;nachname;vorname;plz;ort;telefon;email;letzte_bestellung
100482;Frau;Lang;Petra;60311;Frankfurt am Main;{p1};{e1};2025-02-27
100517;Herr;Demir;Mehmet;50667;Köln;{p2};{e2};2025-03-02
100533;Frau;Baumann;Ute;01067;Dresden;{p3};;2024-11-19
100540;Herr;Fischer;Tim;80331;München;;{e3};2025-03-10""",
  ("phone", p1), ("phone", p2), ("phone", p3), ("email", e1), ("email", e2), ("email", e3))

# DE-P30 notebook: HF, Perplexity, Google key
hft = hf(); px = pplx(); gk = google_key()
S("de", "code_python", f'''# Zelle 1 – Setup (Colab)
!pip install -q transformers datasets huggingface_hub google-generativeai
from huggingface_hub import login
login(token="{hft}")   # Lese-Token, Org "lehrstuhl-nlp"

# Zelle 2 – Vergleich mit Perplexity
import requests
PPLX_KEY = "{px}"
r = requests.post("https://api.perplexity.ai/chat/completions",
                  headers={{"Authorization": f"Bearer {{PPLX_KEY}}"}},
                  json={{"model": "sonar", "messages": [{{"role": "user", "content": "Was ist ein Tokenizer?"}}]}})

# Zelle 3 – Gemini
import google.generativeai as genai
genai.configure(api_key="{gk}")
''', ("huggingface_token", hft), ("ai_api_key", px), ("google_api_key", gk))

# DE-P31 .pypirc
pt = pypi(); pw = password_random(14)
S("de", "config_ini", f"""# ~/.pypirc  (Rechner von Stefan, nur für Releases von messwert-tools)
[distutils]
index-servers =
    pypi
    firmen-index

[pypi]
username = __token__
password = {pt}

[firmen-index]
repository = https://nexus.messtechnik-haas.de/repository/pypi-intern/
username = stefan.haas
password = {pw}
""", ("package_registry_token", pt), ("password", pw))

# DE-P32 OpenAI tool call: bulk import of foreign employees
ssn = us_ssn(); ni = uk_nino(); nir = fr_nir(); mn = jp_mynumber(); aa = aadhaar(); aag = grp(aa)
e_us = "jordan.miller@hoefer-group.com"
args = {"mitarbeiter": [
    {"name": "Jordan Miller", "land": "US", "ssn": ssn, "email": e_us, "start": "2025-03-17"},
    {"name": "Amelia Clarke", "land": "GB", "ni_number": ni, "start": "2025-04-01"},
    {"name": "Lucas Moreau", "land": "FR", "nir": nir, "start": "2025-04-01"},
    {"name": "Sato Haruki", "land": "JP", "my_number": mn, "start": "2025-04-07"},
    {"name": "Priya Raman", "land": "IN", "aadhaar": aag, "start": "2025-04-14"}]}
body = {"model": "gpt-4.1", "messages": [
    {"role": "system", "content": "Du bist der HR-Assistent der Höfer Group. Nutze die Tools für Änderungen im Payroll-System."},
    {"role": "user", "content": "Bitte lege die fünf neuen Kolleginnen und Kollegen aus den Auslandsgesellschaften im Payroll-Tool an, Daten siehe Anhang vom Global-HR-Team."},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "call_Qm3tZ81fkA", "type": "function",
        "function": {"name": "import_employees", "arguments": json.dumps(args, ensure_ascii=False)}}]},
    {"role": "tool", "tool_call_id": "call_Qm3tZ81fkA", "content": "{\"angelegt\": 5, \"fehler\": 0, \"batch\": \"IMP-2025-0317-02\"}"}],
    "tools": [{"type": "function", "function": {"name": "import_employees", "parameters": {"type": "object"}}}]}
S("de", "llm_openai", jcompact(body), ("us_ssn", ssn), ("email", e_us), ("uk_nino", ni), ("fr_nir", nir),
  ("jp_mynumber", mn), ("in_aadhaar", aag))

# DE-P33 Slack: GCP service account JSON pasted
sa, key = gcp_sa_json("lieferplan-prod-4821"); kl = key_body_line(key, "\\n")
S("de", "chat_slack", f"""@channel kurze Frage: die Pipeline sagt `invalid_grant: Invalid JWT Signature` – ist das der richtige Key? (ja, gehört nicht in Slack, lösch ich gleich)
```
{sa}
```""", ("gcp_credentials", kl), ("private_key", kl), ("email", "ci-deployer@lieferplan-prod-4821.iam.gserviceaccount.com"))
# ====================================================================== GERMAN — hard negatives
# DE-N1 OCR bank statement with masked IBAN, creditor ID, mandate ref
S("de", "ocr", f"""Kontoauszug  Nr.  3 / 2025        Blatt  1  von  2
Konto  DE** **** **** **** **47 12   Girokonto  Privat
Buchungstag  Valuta   Vorgang                                            Betrag  EUR
03.03.       03.03.   Lastschrift  Stadtwerke  Marburg  GmbH                 -  86,00
                      Gläubiger-ID  DE98ZZZ09999999999
                      Mandatsref.  SWM-{d(10)}  Abschlag  März
05.03.       05.03.   Gutschrift  Gehalt  02/2025                          +  2.841,37
07.03.       07.03.   Kartenzahlung  REWE  Markt  GmbH  {d(4)}  Marburg           -  54,18
                      Kartenfolgenr.  1   Terminal  {d(8)}   Beleg  {d(6)}
Neuer  Saldo  zu  Ihren  Gunsten                                             3.117,92""")

# DE-N2 order confirmation: order, DHL tracking, article numbers, prices
S("de", "email", f"""Betreff: Ihre Bestellung 302-{d(7)}-{d(7)} wurde versandt

Hallo Frau Peters,

gute Nachrichten: Ihr Paket ist unterwegs.
Sendungsnummer (DHL): 00340434{d(12)}
Voraussichtliche Zustellung: Do, 20.03.2025, 10:00–14:00 Uhr

Artikel                                  Art.-Nr.        Menge   Preis
Bosch Akku-Bohrschrauber GSR 12V-15      06019F6000      1       89,99 €
Bit-Set 32-tlg.                          2607017319      1       14,49 €
Versand                                                          0,00 €
Summe inkl. 19 % MwSt.                                           104,48 €

Rücksendungen sind bis 19.04.2025 kostenlos möglich.""")

# DE-N3 Teams chat about a release: versions, build numbers, SHA, tickets; 4-part version that looks like IPv4
sha = gitsha()
S("de", "chat_teams", f"""Tobias Lenz  14:02
Release 4.12.0-rc.2 ist auf Staging, Build 20250311.7, Commit {sha[:12]}.
Die Firmware für die Scanner ist weiterhin 4.2.10.118, da ändert sich nichts.

Melanie Otto  14:05
Super. Sind LAGER-2231 und LAGER-2240 drin? Die Kunden in Halle warten auf den Etikettendruck.

Tobias Lenz  14:06
2231 ja, 2240 kommt mit 4.12.1 – Merge-Request !918 hängt noch im Review.""")

# DE-N4 .env.example with placeholders only
S("de", "config_env", """# .env.example – nach .env kopieren und echte Werte eintragen (NICHT committen)
APP_ENV=local
DB_HOST=localhost
DB_USER=app
DB_PASSWORD=changeme
OPENAI_API_KEY=sk-...
STRIPE_SECRET_KEY=<dein-stripe-key>
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
SMTP_PASSWORD=xxxxxxxx
SENTRY_DSN=""")

# DE-N5 GitHub Actions using only secret references
S("de", "config_gha", """name: deploy-prod
on:
  workflow_dispatch:
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: produktion
    steps:
      - uses: actions/checkout@v4
      - name: Login Registry
        run: echo "${{ secrets.REGISTRY_TOKEN }}" | docker login ghcr.io -u ${{ github.actor }} --password-stdin
      - name: Deploy
        env:
          KUBECONFIG_DATA: ${{ secrets.KUBECONFIG_PROD }}
          DB_PASSWORD: ${{ secrets.DB_PASSWORD }}
        run: ./scripts/deploy.sh --tag ${{ github.sha }}""")

# DE-N6 chat about password policy
S("de", "chat", """Kurze Info von der IT: Ab 1. April gilt die neue Passwortrichtlinie. Mindestens 12 Zeichen, davon mindestens eine Zahl und ein Sonderzeichen, und die letzten 5 Passwörter dürfen nicht wiederverwendet werden. Den Wechsel alle 90 Tage schaffen wir dafür ab, stattdessen kommt MFA für alle. Wer sein Passwort vergessen hat, bitte NICHT per Mail schicken lassen, sondern über das Self-Service-Portal zurücksetzen.""")

# DE-N7 spreadsheet with EAN codes, article numbers, prices
rows = "\n".join(f"{an}\t{ean13('40')}\t{la}\t{bez}\t{m}\t{p}" for an, la, bez, m, p in [
    ("HB-10023", "0176 4420 13", "Schrauben 4x40 verzinkt (200 St.)", "38", "6,95"),
    ("HB-10024", "0176 4420 15", "Schrauben 5x60 verzinkt (100 St.)", "12", "7,49"),
    ("HB-20410", "0030 8812 08", "Dübel Nylon 8 mm (100 St.)", "54", "4,20"),
    ("HB-31077", "WV-909065-ZN", "Winkelverbinder 90x90x65", "7", "1,85")])
S("de", "spreadsheet", "Lagerbestand Filiale Nord – Stand 14.03.2025\nArtikelnr\tEAN\tLief.-Art.-Nr.\tBezeichnung\tBestand\tVK brutto\n" + rows)

# DE-N8 log with UUIDs, loopback, bind addresses, sha256
S("de", "log", f"""2025-03-14 06:00:00.012 INFO  Starte belegservice v2.7.3 (build 1184) auf 0.0.0.0:8080
2025-03-14 06:00:00.215 INFO  Healthcheck http://127.0.0.1:8080/health -> 200
2025-03-14 06:00:02.731 INFO  req={uuid4()} POST /belege 201 143ms
2025-03-14 06:00:03.090 WARN  req={uuid4()} Beleg zu groß (12.4 MB > 10 MB), abgelehnt
2025-03-14 06:00:04.551 INFO  Archiv geschrieben: belege-2025-03-13.tar.zst sha256={sha256hex()}""")

# DE-N9 JS frontend with Stripe publishable key and env reference
S("de", "code_js", f"""// checkout.js – nur der Publishable Key gehört ins Frontend!
const stripe = Stripe('{stripe("pk_live_")}');

// Secret Key kommt serverseitig aus der Umgebung:
// const stripeServer = require('stripe')(process.env.STRIPE_SECRET_KEY);

document.querySelector('#bezahlen').addEventListener('click', async () => {{
  const res = await fetch('/api/checkout-session', {{ method: 'POST' }});
  const {{ id }} = await res.json();
  await stripe.redirectToCheckout({{ sessionId: id }});
}});""")

# DE-N10 repair ticket: IMEI (Luhn-valid), serial, order numbers
S("de", "ticket", f"""Reparaturauftrag RA-2025-{d(5)}
Gerät: Samsung Galaxy S23, Farbe Graphit
IMEI: {imei()}
Seriennummer: R5CW{rnd(string.ascii_uppercase + DIG, 7)}
Fehlerbild laut Kunde: Display flackert nach Sturz, Touch reagiert oben rechts nicht.
Kostenvoranschlag: 189,00 € (Displayeinheit + Arbeitszeit). Kunde stimmt zu bis 220,00 €.
Abholung Filiale Marburg, Auftrag bitte bis KW 13 abschließen.""")

# DE-N11 Python reading credentials from env/keyring
S("de", "code_python", """import os, getpass, keyring

def db_verbindung():
    passwort = os.environ.get("ERP_DB_PASSWORT")
    if not passwort:
        passwort = keyring.get_password("erp", "reporting") or getpass.getpass("DB-Passwort: ")
    print("Verbinde als reporting, Passwort: " + "*" * 8)
    return connect(host="db.intern", user="reporting", password=passwort)""")

# DE-N12 markdown literature list with ISBNs and DOIs
S("de", "markdown", f"""## Literatur für das Seminar „Datenschutz im Unternehmen“

| Titel | Autor | ISBN |
|---|---|---|
| DSGVO – Praxishandbuch | Kühling/Buchner | {isbn13('3')} |
| Datenschutzrecht | Gola | {isbn13('3')} |
| IT-Sicherheit für Praktiker | Eckert | {isbn13('3')} |

Zusätzlich: DOI 10.1007/978-3-658-{d(5)}-{d(1)}, Kapitel 4 (S. 87–112).""")

# DE-N13 invoice e-mail with company numbers only
S("de", "email", f"""Sehr geehrter Herr Lindner,

anbei erhalten Sie unsere Rechnung Nr. 2025-{d(5)} vom 12.03.2025 zu Auftrag A-{d(6)}.
Rechnungsbetrag: 2.380,00 € (netto 2.000,00 € zzgl. 19 % USt.), zahlbar bis 26.03.2025 auf die Ihnen bekannte Bankverbindung.
Bitte geben Sie bei der Überweisung Ihre Kundennummer {d(6)} an.

Mit freundlichen Grüßen
Becker IT-Service GmbH
Amtsgericht Gießen HRB {d(4)} · USt-IdNr. DE{d(9)} · Steuernummer 020 234 {d(5)}""")

# DE-N14 Helm values with template references
S("de", "config_yaml", """# values-prod.yaml (Chart: zeiterfassung)
image:
  repository: registry.intern/zeiterfassung
  tag: "5.3.0"
datenbank:
  host: pg-prod.datenbanken.svc
  benutzer: zeit
  passwort: "{{ .Values.global.dbPasswort }}"
  existingSecret: zeiterfassung-db
smtp:
  passwordFromSecret:
    name: mail-credentials
    key: smtp-password""")

# DE-N15 shell commands that read secrets from files/env
S("de", "shell", """$ export PGPASSWORD="$(cat /run/secrets/pg_passwort)"
$ pg_dump -h db.intern -U backup warenwirtschaft > ww_$(date +%F).sql
$ docker login registry.intern -u ci --password-stdin < ~/.config/registry-token
$ mysql --defaults-extra-file=~/.my.cnf -e 'SHOW DATABASES;'
$ vault kv get -field=passwort secret/erp/reporting | wc -c""")

# DE-N16 Slack: SSH public key for authorized_keys
pub = ssh_pub("jonas@thinkpad-lager")
S("de", "chat_slack", f"""Jonas Weber 11:02
kannst du mir bitte Zugang zum Backup-Server geben? Hier mein öffentlicher Schlüssel:
{pub}
(der private bleibt natürlich bei mir 😉)
Stefanie Kraus 11:10
erledigt, ist in authorized_keys für den User backup""")

# DE-N17 OCR delivery note
S("de", "ocr", f"""LIEFERSCHEIN   Nr.  LS-{d(6)}          Datum  13.03.2025
Ihre  Bestellung:  B-{d(5)}  vom  05.03.2025
Pos.   Artikel                 Menge    Gewicht
1      Palette  Dämmwolle  WLG 035     12  Pak.   240,0 kg
2      Dampfbremsfolie  sd 2 m        4  Rollen   38,4 kg
Sendung:  Hermes  {d(14)}     Packstücke:  2
Lieferanschrift:  Bauvorhaben  Am  Weinberg  7,  35037  Marburg
Ware  in  einwandfreiem  Zustand  erhalten:   ____________________""")

# DE-N18 OpenAI request: contract summary with amounts/dates
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Fasse Verträge für die Geschäftsführung zusammen: Laufzeit, Kosten, Kündigung."},
    {"role": "user", "content": f"Rahmenvertrag RV-2025-{d(4)} mit der Druckerei Hansen KG: Laufzeit 01.04.2025–31.03.2027, Volumen bis 1.250.000,00 € netto, Preisgleitklausel 3,5 % p. a., Kündigung 6 Monate zum Laufzeitende. Anlage 2 regelt Mindestabnahme von 480.000 Stück pro Quartal."}]}
S("de", "llm_openai", jdump(body))

# DE-N19 SQL dump with bcrypt hashes
S("de", "code_sql", f"""-- Auszug Benutzer-Tabelle (Testsystem) – Passwörter nur als Hash gespeichert
INSERT INTO benutzer (id, login, passwort_hash, rolle, erstellt) VALUES
 (17, 'mkraus', '{bcrypt_hash()}', 'admin', '2023-05-02'),
 (18, 'tlenz',  '{bcrypt_hash()}', 'user',  '2024-01-15'),
 (19, 'azubi01', '{bcrypt_hash()}', 'user', '2024-09-01');""")

# DE-N20 ConfigMap with a CA certificate
crt = cert_pem()
S("de", "config_k8s", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ldap-ca\n  namespace: intranet\ndata:\n  # Zertifikat der internen CA (öffentlich, darf ins Repo)\n  ca.crt: |\n" +
  "\n".join("    " + l for l in crt.split("\n")))

# DE-N21 chat with masked values only
S("de", "chat", """Hab die alten Zugänge im Passwortsafe aufgeräumt: der GitHub-Token ghp_**** von Martin ist widerrufen, der OpenAI-Key (sk-…a1b2) läuft Ende März aus und die Firmenkreditkarte **** **** **** 4242 ist aus dem AWS-Account entfernt. Neue Werte gibt's nur über den Safe, nicht hier im Chat.""")

# DE-N22 Anthropic tool_result: tracking data, coordinates, cursor
tr = jcompact({"sendung": "1Z" + rnd(string.ascii_uppercase + DIG, 16), "status": "in_zustellung",
               "letzter_scan": "2025-03-14T07:41:09+01:00", "ort": {"lat": 50.8021, "lon": 8.7667},
               "gewicht_kg": 3.2, "next_cursor": base64.b64encode(b'{"offset":40,"ts":1741934469}').decode()})
body = {"model": "claude-3-5-haiku-latest", "max_tokens": 400, "messages": [
    {"role": "user", "content": "Wo ist gerade meine Lieferung für den Kunden Sommer?"},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_01Vb8", "name": "track", "input": {"kunde": "Sommer"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01Vb8", "content": tr}]}]}
S("de", "llm_anthropic", jcompact(body))
# ====================================================================== KOREAN — positives
# KO-P1 e-mail to labour attorney
rrn = kr_rrn(1996, 1); ph = kr_mobile(0); em = "yuri.choi@daonfood.co.kr"
S("ko", "email", f"""제목: [인사팀] 신규 입사자 4대보험 취득신고 자료 송부

안녕하세요, 노무법인 한결 박지현 노무사님.
3월 17일 입사자 취득신고 건으로 아래 정보 전달드립니다.

- 성명: 이서준
- 주민등록번호: {rrn}
- 입사일: 2025-03-17 / 월 보수액: 3,450,000원
- 연락처: {ph}

추가로 필요한 서류 있으시면 {em} 로 회신 부탁드립니다.
감사합니다.
(주)다온푸드 경영지원팀 최유리 드림""", ("kr_rrn", rrn), ("phone", ph), ("email", em))

# KO-P2 KakaoTalk export: compact RRN followed directly by Hangul
rr = kr_rrn(1961, 2).replace("-", "")
S("ko", "chat_kakaotalk", f"""2025년 3월 12일 수요일
[김민지] [오후 3:12] 과장님 연말정산 간소화 자료에 부양가족 추가하려면 어머니 주민번호가 필요하대요
[김민지] [오후 3:12] {rr}이거 맞죠??
[박정훈] [오후 3:15] 응 맞아. 근데 다음부턴 카톡 말고 사내메일로 보내 ㅠ
[김민지] [오후 3:15] 넵 ㅎㅎ 죄송합니다""", ("kr_rrn", rr))

# KO-P3 customer list spreadsheet
p1, p2, p3, p4 = kr_mobile(0), kr_mobile(1), kr_mobile(3), kr_mobile(5)
e1, e2, e3 = "haeun.jung@naver.com", "dohyun_y@daum.net", "jiho.seo92@gmail.com"
S("ko", "spreadsheet", f"""고객명부 (2025.03 기준) - 외부 반출 금지
No\t고객명\t휴대폰\t이메일\t지역\t등급\t최근구매일
1\t정하은\t{p1}\t{e1}\t서울 마포구\tVIP\t2025-03-08
2\t윤도현\t{p2}\t{e2}\t경기 성남시\t일반\t2025-02-21
3\t한예린\t{p3}\t-\t부산 해운대구\t일반\t2024-12-30
4\t서지호\t{p4}\t{e3}\t대전 유성구\t골드\t2025-03-11""",
  ("phone", p1), ("phone", p2), ("phone", p3), ("phone", p4), ("email", e1), ("email", e2), ("email", e3))

# KO-P4 OCR personnel card, odd spacing
rrn = kr_rrn(1992, 1); rro = rrn.replace("-", " - "); a, b = d(4), d(4); ph = f"010 - {a} - {b}"; em = "minsu.kang@hanmail.net"
S("ko", "ocr", f"""인 사 기 록 카 드
성    명 :  강 민 수        ( 姜 珉 秀 )
주민등록번호 :  {rro}
생 년 월 일 :  1992 . {rrn[2:4]} . {rrn[4:6]}
주    소 :  서울특별시 송파구 올림픽로 300 ,  1203 호
휴 대 전 화 :  {ph}
전 자 우 편 :  {em}
입 사 일 :  2021 . 09 . 01        사 번 :  2021-0093""", ("kr_rrn", rro), ("phone", ph), ("email", em))

# KO-P6 Spring application.yml: DB pw, Toss secret key, NCP keys (vendor only in parent key)
ip = priv_ip(); pw = password_random(16); tsk = toss_sk(); tck = toss_ck(); na = ncp_access(); ns = ncp_secret()
S("ko", "config_yaml", f"""spring:
  datasource:
    url: jdbc:mysql://{ip}:3306/shop?serverTimezone=Asia/Seoul
    username: shop_api
    password: {pw}
toss:
  payments:
    client-key: {tck}
    secret-key: {tsk}
ncloud:
  # 오브젝트 스토리지 (상품 이미지)
  access-key: {na}
  secret-key: {ns}
  bucket: shop-images
""", ("ip_address", ip), ("password", pw), ("payment_token", tsk), ("cloud_token", na), ("cloud_token", ns))

# KO-P7 log with several records
e1 = "sunwoo.lee@kakao.com"; e2 = "jh_park@naver.com"; i1 = pub_ip(); i6 = ipv6()
S("ko", "log", f"""[2025-03-14 02:11:07] [WARN] 로그인 실패 - 아이디: {e1}, IP: {i1}, 사유: 비밀번호 불일치(3회)
[2025-03-14 02:11:35] [WARN] 로그인 실패 - 아이디: {e1}, IP: {i1}, 사유: 비밀번호 불일치(4회)
[2025-03-14 02:12:02] [ERROR] 계정 잠금 처리 - 아이디: {e1}, 해제 예정: 02:42
[2025-03-14 02:14:50] [INFO] 로그인 성공 - 아이디: {e2}, IP: {i6}
[2025-03-14 02:15:12] [INFO] 주문 생성 - 주문번호: 20250314-000871, 결제금액: 38,900원""",
  ("email", e1), ("email", e2), ("ip_address", i1), ("ip_address", i6))

# KO-P8 OpenAI: overseas remittance, DE spaced + GB compact
i_de = iban("DE"); i_gb = iban("GB"); dni = es_dni()
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "당신은 무역회사 재무팀 어시스턴트입니다. 메일은 영어로 작성합니다."},
    {"role": "user", "content": f"독일 거래처 Hoffmann Maschinenbau에 송금 안내 메일 써줘. 인보이스 INV-2025-0042, 금액 EUR 18,420.00. 수취 계좌는 {iban_spaced(i_de)}, BIC COBADEFFXXX. 그리고 영국 대리점 수수료는 {i_gb} 로 따로 보낸다고 덧붙여줘. 스페인 에이전트 Lucía Navarro 건은 개인사업자라 인보이스에 DNI {dni} 적혀 있는지 확인 요청도 넣어줘."}]}
S("ko", "llm_openai", jdump(body), ("iban", iban_spaced(i_de)), ("iban", i_gb), ("es_dni", dni))

# KO-P9 Anthropic tool_result: card + phone
cd = fmt_card(card("mc")); ph = kr_mobile(0)
body = {"model": "claude-3-5-sonnet-latest", "max_tokens": 800, "messages": [
    {"role": "user", "content": "고객 주문 2025031400123 환불 처리하려는데 결제수단 확인해줘"},
    {"role": "assistant", "content": [{"type": "text", "text": "주문 정보를 조회하겠습니다."},
                                      {"type": "tool_use", "id": "toolu_01KrT5", "name": "get_order", "input": {"order_id": "2025031400123"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01KrT5", "content": [
        {"type": "text", "text": f"주문자: 오세훈 / 연락처: {ph} / 결제: 신용카드 {cd}, 할부 0개월 / 승인번호 30012457 / 금액 129,000원 / 배송상태: 배송완료"}]}]}]}
S("ko", "llm_anthropic", jcompact(body), ("phone", ph), ("card", cd))

# KO-P10 Gemini: Japanese My Numbers
m1 = jp_mynumber(); m2 = jp_mynumber(); m2g = grp(m2); em = "yui.tanaka@hanbit-japan.co.jp"
body = {"contents": [{"role": "user", "parts": [{"text": f"도쿄 법인 신입 직원 원천징수 서류 정리 중이야. 마이넘버가 12자리 맞는지만 봐줘.\n다나카 유이: {m1}\n사토 렌: {m2g}\n다나카 씨 메일은 {em} 이고, 서류 원본은 다음 주에 EMS로 온대."}]}],
        "generationConfig": {"temperature": 0}}
S("ko", "llm_gemini", jdump(body), ("jp_mynumber", m1), ("jp_mynumber", m2g), ("email", em))

# KO-P11 Ollama: Singapore CPF document summary
nr = sg_nric(); ph = sg_mobile()
body = {"model": "qwen2.5:14b", "stream": False, "prompt": f"다음 서류 내용을 한국어로 세 줄 요약해줘:\n\nCPF Contribution – New Employee Registration\nEmployer: Hanbit Logistics Pte. Ltd. (UEN 201912345K)\nEmployee: Tan Wei Ling, NRIC {nr}, DOB 14-02-1994, mobile {ph}\nStart date: 01-04-2025, Monthly salary: SGD 5,200"}
S("ko", "llm_ollama", jdump(body), ("sg_nric", nr), ("phone", ph))

# KO-P12 e-mail with Aadhaar
aa = aadhaar(); aag = grp(aa); ph = in_mobile(); em = "rahul.k.verma@gmail.com"
S("ko", "email", f"""제목: RE: 인도 프리랜서 계약서 서명본

Rahul님(cc: 개발본부 윤성호 팀장님),

서명본 잘 받았습니다. 인도 측 세무 처리 때문에 Aadhaar 번호를 기재해 달라고 하셔서 보내주신 {aag}를 계약서 2쪽 하단에 넣었습니다.
대금은 매월 말 USD로 송금되며, 급한 건은 {ph} (WhatsApp)로 연락드리겠습니다.
회신은 {em} 로 드리면 될까요?

감사합니다.
한빛소프트웨어 구매팀 오지은""", ("in_aadhaar", aag), ("phone", ph), ("email", em))

# KO-P13 Teams chat: US SSN in two formats
ss = us_ssn(); ssc = ss.replace("-", "")
S("ko", "chat_teams", f"""[오전 11:20] 정우진: 미국 법인 Michael 급여 세팅 ADP에 넣으려는데 SSN 하이픈 없이 넣어야 하나요? {ssc}
[오전 11:22] Amanda Kim: 하이픈 넣어서 {ss}로 넣으세요. W-4는 받으셨어요?
[오전 11:23] 정우진: 네 어제 받았습니다. 주 정부 양식은 아직이요
[오전 11:24] Amanda Kim: 텍사스라 주 소득세는 없어요 👍""", ("us_ssn", ssc), ("us_ssn", ss))

# KO-P14 Python: Slack bot token + webhook
xb = slack_bot(); sw = slack_webhook()
S("ko", "code_python", f'''# 매출 리포트 슬랙 알림 (cron: 매일 09:00)
from slack_sdk import WebClient
import requests

client = WebClient(token="{xb}")
WEBHOOK = "{sw}"

def send_report(text: str) -> None:
    client.chat_postMessage(channel="#매출-리포트", text=text)
    requests.post(WEBHOOK, json={{"text": "리포트 전송 완료 ✅"}}, timeout=5)
''', ("slack_token", xb), ("slack_webhook", sw))

# KO-P15 TypeScript: OpenAI + Anthropic keys
oa = openai_svc(); an = anthropic()
S("ko", "code_ts", f'''// src/lib/llm.ts
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";

// 로컬 테스트용 - 절대 커밋 금지!!
const openai = new OpenAI({{ apiKey: "{oa}" }});
const claude = new Anthropic({{ apiKey: "{an}" }});

export async function summarize(text: string) {{
  const r = await claude.messages.create({{ model: "claude-3-5-haiku-latest", max_tokens: 300,
    messages: [{{ role: "user", content: `세 줄로 요약: ${{text}}` }}] }});
  return r.content;
}}
''', ("openai_key", oa), ("anthropic_key", an))

# KO-P16 Dockerfile: HF token + index URL with credentials
hft = hf(); pw = password_random(14)
S("ko", "dockerfile", f"""FROM python:3.12-slim
# TODO: 빌드 시크릿(--secret)으로 바꾸기
ENV HF_TOKEN={hft} \\
    PIP_EXTRA_INDEX_URL=https://deploy:{pw}@nexus.hanbit-ai.co.kr/repository/pypi-group/simple
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "serve.py"]""", ("huggingface_token", hft), ("url_credentials", pw))

# KO-P17 shell history: AWS, gh, twine
ak = aws_key_id(); sk = aws_secret(); gh = github("ghp_"); pt = pypi()
S("ko", "shell", f"""$ aws configure set aws_access_key_id {ak}
$ aws configure set aws_secret_access_key {sk}
$ aws s3 ls s3://hanbit-backup-2025/ --region ap-northeast-2
$ echo {gh} | gh auth login --with-token
$ python -m build && twine upload dist/* -u __token__ -p {pt}""",
  ("aws_access_key", ak), ("aws_secret_key", sk), ("github_token", gh), ("package_registry_token", pt))

# KO-P18 .npmrc
gp = github_pat(); nt = npm()
S("ko", "config_npmrc", f"""; 사내 패키지(@daon)는 GitHub Packages, 나머지는 npmjs
@daon:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken={gp}
//registry.npmjs.org/:_authToken={nt}
always-auth=true""", ("github_token", gp), ("npm_token", nt))

# KO-P19 GitLab CI: token + OpenSSH private key
ip = pub_ip(); gl = gitlab(); ok = openssh_key(); kl = key_body_line(ok)
S("ko", "config_gitlab_ci", f"""variables:
  DEPLOY_HOST: "{ip}"
  # 임시 - CI/CD Variables 권한 받으면 옮길 것
  GITLAB_API_TOKEN: "{gl}"

deploy:
  stage: deploy
  before_script:
    - mkdir -p ~/.ssh && chmod 700 ~/.ssh
    - |
      cat > ~/.ssh/id_ed25519 <<'EOF'
""" + "\n".join("      " + l for l in ok.split("\n")) + """
      EOF
    - chmod 600 ~/.ssh/id_ed25519
  script:
    - ssh deploy@$DEPLOY_HOST "cd /srv/app && ./deploy.sh"
""", ("ip_address", ip), ("gitlab_token", gl), ("private_key", kl))

# KO-P20 1:1 inquiry with card
cd = fmt_card(card("visa"), "-"); ph = kr_mobile(1)
S("ko", "ticket", f"""[1:1 문의] 결제 오류 문의드립니다
작성자: 문채원 | 접수번호: Q-20250314-0192 | 주문번호: 250314-77120

카드 결제하려고 하면 계속 "유효하지 않은 카드"라고 떠요. 카드번호 {cd} 이고 유효기간 11/28 입니다.
다른 쇼핑몰에서는 잘 되는데 여기서만 안 돼요. 빠른 연락 부탁드립니다. {ph}""", ("card", cd), ("phone", ph))

# KO-P21 OCR of an Italian invoice with Korean memo; C.F. + IBAN IT
cf = it_cf(); ib = iban("IT")
S("ko", "ocr", f"""회계팀 메모: 이탈리아 가죽 공급처 인보이스입니다. 송금 전 IBAN 재확인 요망 (3/20까지)
[스캔본 텍스트 - 자동 인식]
FATTURA  N.  112/2025          Data:  07/03/2025
Cedente:  Bianchi  Pelletteria  di  Luca  Bianchi
Via  dei  Conciatori  18,  50122  Firenze
P. IVA  0{d(10)}        C.F.  {cf}
Cessionario:  Seoul  Leather  Co.,  Ltd.  -  Seoul,  Korea
Descrizione                           Q.tà     Prezzo      Importo
Pelle  vacchetta  naturale  1,2 mm     120      54,00       6.480,00
Totale  documento                                         €  6.480,00
Pagamento:  bonifico  bancario  -  IBAN  {iban_spaced(ib)}""", ("it_codice_fiscale", cf), ("iban", iban_spaced(ib)))

# KO-P22 C#: Azure storage key + AAD client secret
ak = azure_storage_key(); cs = azure_client_secret()
S("ko", "code_csharp", f"""// 사진 업로드 서비스 (Azure Blob) - appsettings 바인딩 안 되는 문제로 임시 하드코딩
var conn = "DefaultEndpointsProtocol=https;AccountName=daonphotos;AccountKey={ak};EndpointSuffix=core.windows.net";
var blobService = new BlobServiceClient(conn);

var cred = new ClientSecretCredential(
    tenantId: "{uuid4()}",
    clientId: "{uuid4()}",
    clientSecret: "{cs}");
var kv = new SecretClient(new Uri("https://daon-kv.vault.azure.net/"), cred);""", ("azure_key", ak), ("azure_key", cs))

# KO-P23 PHP: Twilio key + secret, mysqli password
tk = twilio_sk(); ts = rnd_mixed(ALNUM, 32); ip = priv_ip(); pw = password()
S("ko", "code_php", f"""<?php
// 문자 인증 발송 (Twilio) + 인증 기록 저장
$twilioKeySid    = '{tk}';
$twilioKeySecret = '{ts}';
$twilioAccount   = getenv('TWILIO_ACCOUNT_SID');

$db = new mysqli('{ip}', 'sms_app', '{pw}', 'auth');
if ($db->connect_errno) {{
    error_log('DB 연결 실패: ' . $db->connect_error);
    exit(1);
}}""", ("saas_token", tk), ("saas_token", ts), ("ip_address", ip), ("password", pw))

# KO-P24 TOML: Discord + Telegram alert bot
dt = discord_token(); dw = discord_webhook(); tg = telegram()
S("ko", "config_toml", f"""# 알림봇 설정 (마인크래프트 서버 모니터링)
[discord]
bot_token = "{dt}"
alert_webhook = "{dw}"

[telegram]
token = "{tg}"
chat_id = -1001987654321

[check]
interval_sec = 30
""", ("discord_token", dt), ("discord_webhook", dw), ("telegram_token", tg))

# KO-P25 Python traceback with Google key + JWT
gk = google_key(); jw = jwt({"sub": "batch-geocoder", "role": "svc", "iat": 1741910400}, "HS256")
S("ko", "stack_trace", f"""Traceback (most recent call last):
  File "/app/jobs/geocode.py", line 48, in <module>
    resp = fetch(addr)
  File "/app/jobs/geocode.py", line 31, in fetch
    r.raise_for_status()
requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://maps.googleapis.com/maps/api/geocode/json?address=%EC%84%9C%EC%9A%B8&key={gk}
[디버그] 요청 헤더: {{'Authorization': 'Bearer {jw}', 'User-Agent': 'python-requests/2.31.0'}}""",
  ("google_api_key", gk), ("jwt", jw))

# KO-P26 family KakaoTalk: card + phone
cd = card("jcb"); cds = fmt_card(cd); ph = kr_mobile(0); kpw = "haneul" + d(4) + "!"
S("ko", "chat_kakaotalk", f"""엄마: 딸 엄마 카드로 인터넷 주문 좀 해줘
엄마: {cds} 이거
엄마: 유효기간은 08/27 뒤에 세자리는 전화로 알려줄게
나: 엄마ㅠㅠ 카톡으로 카드번호 보내면 안 된다니까
엄마: 알았어~ 그리고 아빠 번호 바뀐 거 저장해 {ph}
엄마: 아 쿠팡 비번은 {kpw}이야 까먹지 마""", ("card", cds), ("phone", ph), ("password", kpw))

# KO-P27 markdown wiki: staging account
pw = "Stg#" + d(4) + rnd(string.ascii_lowercase, 3); ip = pub_ip()
S("ko", "markdown", f"""## 스테이징 환경 접속 정보 (신규 입사자용)

| 항목 | 값 |
|---|---|
| 관리자 페이지 | https://stg-admin.daon-mall.co.kr |
| 계정 | admin / {pw} |
| VPN 게이트웨이 | {ip} (WireGuard) |
| DB | 읽기전용 계정은 팀장님께 요청 |

> 비밀번호는 분기마다 바뀝니다. 최신 값은 #dev-infra 채널 공지를 확인하세요.""", ("password", pw), ("ip_address", ip))

# KO-P28 HTML form saved page
p1 = kr_mobile(0); p2 = kr_land(0); em = "sua.bae@naver.com"
S("ko", "html_form", f"""<!-- 회원정보 수정 페이지 (렌더링 결과 저장본) -->
<form id="member-edit" method="post" action="/mypage/edit">
  <input type="hidden" name="memberNo" value="M20230915004">
  <label for="name">이름</label> <input id="name" name="name" value="배수아">
  <label for="hp">휴대폰</label> <input id="hp" name="hp" value="{p1}">
  <label for="email">이메일</label> <input id="email" name="email" value="{em}">
  <label for="tel">자택전화</label> <input id="tel" name="tel" value="{p2}">
  <button type="submit">저장</button>
</form>""", ("phone", p1), ("email", em), ("phone", p2))

# KO-P29 SQL migration insert
r1 = kr_rrn(1984); r2 = kr_rrn(2001); p1 = kr_mobile(0); p2 = kr_mobile(1); em = "dw.shin@hanmail.net"
S("ko", "code_sql", f"""-- 이관 스크립트 (구 회원DB → 신규) ※ 테스트 데이터 아님, 실행 후 파일 삭제
INSERT INTO member (member_id, name, rrn, phone, email, joined_at) VALUES
 (10021, '신동욱', '{r1}', '{p1}', '{em}', '2019-06-03'),
 (10022, '권나연', '{r2}', '{p2}', NULL, '2020-01-15');""",
  ("kr_rrn", r1), ("kr_rrn", r2), ("phone", p1), ("phone", p2), ("email", em))

# KO-P30 Go: DigitalOcean + Vault tokens
dot = do_token(); vt = vault()
S("ko", "code_go", f"""package main

// 배포 자동화: DigitalOcean 드롭릿 스냅샷 + Vault에서 설정 읽기
const (
	doToken    = "{dot}"
	vaultToken = "{vt}"
	vaultAddr  = "https://vault.internal.hanbit.io:8200"
)

func main() {{
	snap := NewSnapshotter(doToken)
	if err := snap.Run("web-prod-01"); err != nil {{
		log.Fatalf("스냅샷 실패: %v", err)
	}}
}}""", ("cloud_token", dot), ("cloud_token", vt))

# KO-P31 Slack: GCP service account JSON
sa, key = gcp_sa_json("daon-analytics-7310"); kl = key_body_line(key, "\\n")
S("ko", "chat_slack", f"""이거 서비스계정 키 파일 내용인데 BigQuery 인증이 계속 실패해요 ㅠ 뭐가 문제일까요?
{sa}
(확인 끝나면 키 바로 폐기할게요)""", ("gcp_credentials", kl), ("private_key", kl), ("email", "ci-deployer@daon-analytics-7310.iam.gserviceaccount.com"))

# KO-P32 Ruby initializer: Square + Shopify
sq = square(); sh = shopify("shpat_")
S("ko", "code_ruby", f"""# config/initializers/payments.rb
# LA 오프라인 매장 결제는 Square, 온라인몰 주문 동기화는 Shopify Admin API
Square.configure do |c|
  c.access_token = "{sq}"
  c.environment  = "production"
end

SHOPIFY_SHOP  = "daon-us.myshopify.com"
SHOPIFY_TOKEN = "{sh}"
""", ("payment_token", sq), ("saas_token", sh))

# KO-P33 e-mail sharing Stripe restricted key + Notion token
rk = stripe("rk_live_"); nt = notion(); em = "boyoung.hwang@designlab.kr"
S("ko", "email", f"""제목: 결제 연동 테스트용 키 전달드립니다

안녕하세요, 디자인랩 개발팀 황보영입니다.
요청하신 Stripe 제한 키(환불 조회 전용) 공유드립니다:
{rk}

Notion 연동은 내부 통합 토큰 {nt} 사용하시면 되고, 작업 끝나면 저희가 바로 폐기하겠습니다.
문의는 {em} 로 부탁드립니다.""", ("stripe_key", rk), ("saas_token", nt), ("email", em))

# KO-P34 spreadsheet: Singapore local staff
rows = []; labs = []
for nm, ti in [("Lim Jia Hui", "Finance"), ("Muhammad Faiz", "Warehouse"), ("Ong Kai Wen", "Sales")]:
    n_ = sg_nric(); p_ = sg_mobile(); e_ = nm.lower().replace(" ", ".") + "@hanbit-sg.com"
    rows.append(f"{nm}\t{ti}\t{n_}\t{p_}\t{e_}")
    labs += [("sg_nric", n_), ("phone", p_), ("email", e_)]
S("ko", "spreadsheet", "싱가포르 법인 현지 직원 명단 (CPF 신고용, 인사팀 전용)\n이름\t부서\tNRIC\t연락처\t이메일\n" + "\n".join(rows), *labs)
# ====================================================================== KOREAN — hard negatives
# KO-N1 shipping notice: Luhn-valid 16-digit order number, CJ waybill, product code
on = luhn_order16("2025"); assert luhn_valid(on)
S("ko", "email", f"""[다온마켓] 주문하신 상품이 출고되었습니다

주문번호: {on}
택배사: CJ대한통운 / 운송장번호: {d(12)}
상품명: 무선 진공청소기 VC-A720 (상품코드 P{d(8)}) 1개
결제금액: 189,000원 (쿠폰 할인 -20,000원 적용)
예상 도착일: 3월 17일(월)

배송 조회는 마이페이지 > 주문내역에서 확인하실 수 있습니다.""")

# KO-N2 OCR tax invoice: business / corporate registration numbers
S("ko", "ocr", f"""전 자 세 금 계 산 서        승인번호  20250314-{d(8)}-{d(8)}
공급자   등록번호  {d(3)}-{d(2)}-{d(5)}    상호  (주)한결산업     성명  김태호
         법인등록번호  {corp_regno()}
공급받는자 등록번호  {d(3)}-{d(2)}-{d(5)}  상호  다온푸드 주식회사
작성일자  2025 . 03 . 14     공급가액   4,500,000     세액   450,000
품목   포장용 박스 (500x400x300)   수량  3,000   단가  1,500
합계금액   4,950,000 원      이 금액을 ( 청구 ) 함""")

# KO-N3 KakaoTalk notice about password policy
S("ko", "chat_kakaotalk", """[전산팀 공지] 다음 주 월요일부터 그룹웨어 비밀번호 정책이 바뀝니다.
- 8자 이상, 영문 대소문자 + 숫자 + 특수문자 조합
- 생일, 전화번호, 아이디 포함 불가
- 최근 3개 비밀번호 재사용 불가
비밀번호 초기화는 전산팀 메신저로 요청하지 마시고 그룹웨어 로그인 화면 '비밀번호 찾기'를 이용해 주세요 🙏""")

# KO-N4 personnel template with masked RRNs
S("ko", "spreadsheet", """인사기록 양식 (작성 예시) - 실제 값은 HR 시스템에만 입력
사번\t성명\t주민등록번호\t부서\t직급\t입사일
2025-0001\t홍길동\t900101-1******\t경영지원팀\t사원\t2025-03-04
2025-0002\t김영희\t950815-2******\t마케팅팀\t대리\t2025-03-04
※ 주민등록번호 뒷자리는 반드시 마스킹해서 공유할 것""")

# KO-N5 Spring config with placeholders
S("ko", "config_yaml", """spring:
  datasource:
    url: jdbc:postgresql://${DB_HOST:localhost}:5432/order
    username: ${DB_USER}
    password: ${DB_PASSWORD}
jwt:
  secret: ${JWT_SECRET}
  access-token-validity: 3600
toss:
  secret-key: ${TOSS_SECRET_KEY:}""")

# KO-N6 log with UUIDs, loopback, versions
S("ko", "log", f"""2025-03-14 09:00:01.004 INFO  [main] 결제 게이트웨이 v3.4.1 시작 (pid 21844, listen 0.0.0.0:9090)
2025-03-14 09:00:01.377 INFO  [main] Redis 연결 성공 127.0.0.1:6379 (db=2)
2025-03-14 09:00:15.820 INFO  [http-7] traceId={rnd(HEX,32)} spanId={rnd(HEX,16)} POST /v1/payments 200 212ms
2025-03-14 09:00:16.011 WARN  [http-3] requestId={uuid4()} 중복 결제 요청 무시 (idempotency hit)
2025-03-14 09:00:20.447 INFO  [sched-1] 정산 배치 완료: 1,284건, 소요 3.8s""")

# KO-N7 OCR receipt with masked card
S("ko", "ocr", f"""[ 신 용 카 드  매 출 전 표 ]
가맹점명 : 카페 온도 성수점
사업자번호 : {d(3)}-{d(2)}-{d(5)}      단말기ID : {d(8)}
카드번호 : 5409-12**-****-3456      (신한)
거래일시 : 2025/03/14 08:47:12
승인번호 : {d(8)}     할부 : 일시불
아메리카노(ICE) x2    9,000
소금빵 x1             3,800
합      계 :         12,800 원""")

# KO-N8 Python with placeholder key / env
S("ko", "code_python", """import os
from openai import OpenAI

# 키는 .env 에서 읽습니다. 예시: OPENAI_API_KEY=<YOUR_API_KEY>
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])

resp = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "환불 정책을 두 문장으로 요약해줘"}],
)
print(resp.choices[0].message.content)""")

# KO-N9 README with placeholder credentials
S("ko", "markdown", """## 로컬 실행 방법

1. `.env.example`을 `.env`로 복사합니다.
2. 아래 값을 본인 키로 바꿔주세요.

```
ANTHROPIC_API_KEY=sk-ant-xxxxxxxx
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ
```

3. `docker compose up -d` 후 http://localhost:3000 접속
> 실제 키는 절대 PR에 올리지 마세요!""")

# KO-N10 Slack deploy chat: SHAs, digests, tags
S("ko", "chat_slack", f"""배포봇 오후 2:31
✅ order-api 운영 배포 완료
이미지: registry.daon.io/order-api:2025.03.14-1 (sha256:{sha256hex()})
커밋: {gitsha()}
이수빈 오후 2:33
롤백 필요하면 이전 태그 2025.03.11-3 쓰면 돼요. 마이그레이션 V42__add_coupon_index.sql 은 되돌릴 필요 없음""")

# KO-N11 Gemini translation request: product codes, certification numbers, prices
body = {"contents": [{"role": "user", "parts": [{"text": f"아래 상품 설명을 자연스러운 영어로 번역해줘.\n\n모델명: SM-S928N / 색상: 티타늄 블랙 / 저장용량 512GB\nKC 인증번호: R-C-SEC-SMS928N\n출고가 1,984,400원, 제조연월 2025.01\n품질보증기간: 구입일로부터 1년"}]}]}
S("ko", "llm_gemini", jdump(body))

# KO-N12 shell: secrets from files / prompts
S("ko", "shell", """$ read -s -p "DB 비밀번호: " DBPW && export DBPW
$ kubectl create secret generic api-secrets --from-file=./secrets/api.env -n prod
$ aws secretsmanager get-secret-value --secret-id prod/order/db --query SecretString --output text | jq -r .password | wc -c
$ unset DBPW""")

# KO-N13 empty signup form with placeholders
S("ko", "html_form", """<form action="/join" method="post">
  <label>휴대폰 번호</label>
  <input type="tel" name="hp" placeholder="010-0000-0000" pattern="010-[0-9]{4}-[0-9]{4}">
  <label>이메일</label>
  <input type="email" name="email" placeholder="이메일 주소를 입력하세요">
  <label>비밀번호</label>
  <input type="password" name="pw" minlength="8" placeholder="8자 이상, 특수문자 포함">
  <button type="submit">가입하기</button>
</form>""")

# KO-N14 CSV stock list with Korean EAN barcodes
rows = "\n".join(f"{c},{ean13('880')},{n},{q},{p}" for c, n, q, p in [
    ("SKU-1001", "국산 현미 5kg", 120, "23900"), ("SKU-1002", "유기농 귀리 1kg", 64, "8900"),
    ("SKU-1017", "볶음 참깨 500g", 33, "7400"), ("SKU-1020", "들기름 350ml", 18, "15800")])
S("ko", "csv", "상품코드,바코드,상품명,재고,판매가\n" + rows)

# KO-N15 chat: parking location, car plate, postcode, coordinates
S("ko", "chat", f"""주차 B2층 C-14 구역에 했어요. 차번호 {R.randint(10,399)}가 {d(4)} 흰색 아반떼!
주소는 서울 성동구 아차산로 {R.randint(10,200)} (우편번호 04{d(3)})
지도 좌표 37.5446, 127.0557 찍으면 정문 바로 나와요""")

# KO-N16 SQL schema storing argon2 hashes
S("ko", "code_sql", f"""-- 비밀번호는 argon2id 해시만 저장 (평문 저장 금지)
CREATE TABLE users (
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  login_id    VARCHAR(50) UNIQUE NOT NULL,
  pw_hash     TEXT NOT NULL,
  created_at  TIMESTAMPTZ DEFAULT now()
);
INSERT INTO users (id, login_id, pw_hash) VALUES
  ('{uuid4()}', 'test_admin', '{argon2_hash()}');""")

# KO-N17 Ollama: certificate details (OIDs, fingerprints, versions)
fp = ":".join(rnd("0123456789ABCDEF", 2) for _ in range(32))
body = {"model": "llama3.1:8b", "stream": False, "messages": [
    {"role": "user", "content": f"이 인증서 정보 해석해줘.\n서명 알고리즘 OID: 1.2.840.113549.1.1.11 (sha256WithRSAEncryption)\n키 용도 OID: 1.3.6.1.5.5.7.3.1\nSHA-256 지문: {fp}\n유효기간: 2025-03-01 ~ 2026-03-31\nOpenSSL 3.0.13 에서 확인함"}]}
S("ko", "llm_ollama", jdump(body))

# KO-N18 .env.sample
S("ko", "config_env", """# 샘플 값입니다. 실제 배포 전 반드시 교체하세요
DB_PASSWORD=changeme
JWT_SECRET=your-secret-here
KAKAO_REST_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
TOSS_SECRET_KEY=test_sk_여기에_키_입력
REDIS_URL=redis://localhost:6379""")

# KO-N19 repair intake: IMEI, receipt number
S("ko", "ticket", f"""[서비스센터 접수증]
접수번호: 2025-0314-{d(4)}
모델: 갤럭시 Z 플립6 (SM-F741N)
IMEI: {imei()}
증상: 힌지 부분 화면 줄 생김, 통화 중 화면 꺼짐
예상 수리비: 액정 교체 368,000원 (보증기간 내 무상 여부 확인 필요)
예상 완료: 3월 18일 오후""")

# KO-N20 e-mail: contract numbers shaped like RRNs
S("ko", "email", f"""안녕하세요 팀장님,
요청하신 3월 갱신 계약 목록 정리했습니다.

- 계약번호 {nonrrn_like()} : (주)세움건설, 연 24,000,000원
- 계약번호 {nonrrn_like()} : 미래물류, 연 9,600,000원
- 계약번호 {nonrrn_like()} : 한솔인쇄, 연 3,300,000원

세 건 모두 4월 1일 자동 갱신 예정이고, 단가 인상률은 3.5%로 통일했습니다.""")

# KO-N21 Anthropic: code review request about Secrets Manager (no values)
body = {"model": "claude-3-5-sonnet-latest", "max_tokens": 1024, "messages": [
    {"role": "user", "content": [{"type": "text", "text": "이 코드 리뷰해줘. 시크릿을 하드코딩 안 하려고 바꿨어.\n\n```python\nimport boto3, json\nsm = boto3.client('secretsmanager', region_name='ap-northeast-2')\nsecret = json.loads(sm.get_secret_value(SecretId='arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:prod/db-AbCdEf')['SecretString'])\nconn = psycopg2.connect(host=secret['host'], password=secret['password'])\n```"}]}]}
S("ko", "llm_anthropic", jcompact(body))

# KO-N22 JSON API response: order list with cursor, timestamps, colours
resp = {"data": [{"orderNo": f"ORD{d(12)}", "status": "DELIVERED", "amount": 45800, "orderedAt": "2025-03-12T14:22:31+09:00", "badgeColor": "#FF5A5F"},
                 {"orderNo": f"ORD{d(12)}", "status": "SHIPPING", "amount": 12900, "orderedAt": "2025-03-13T09:05:10+09:00", "badgeColor": "#00A86B"}],
        "paging": {"nextCursor": base64.b64encode(b'{"id":88123,"at":"2025-03-13T09:05:10"}').decode(), "size": 2}}
S("ko", "json_api_response", jdump(resp))

write_corpus(OUT, sys.argv[1])
print("written", len(OUT))
