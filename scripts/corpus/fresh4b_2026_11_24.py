"""Fresh set 4b (2026-11-24): written by a helper who read only fakegen.py, never the rules,
after the fixes made from fresh set 3; scored once before any further fix (docs/detection.md,
"Fresh set 3"). Values are generated (fake): see fakegen.py.
Usage: python3 fresh4b_2026_11_24.py OUT.jsonl
"""
import sys, json
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *
seed(4102)
OUT = []
S = sample_adder(OUT, "f4b")

def de_mobile():
    return f"01{R.choice(['51','52','57','60','62','70','71','76'])} {rnd('0123456789',7)}"
def de_fix():
    return f"+49 {R.choice(['30','40','89','221','69'])} {rnd('0123456789',7)}"
def kr_mobile(sep="-"):
    return f"010{sep}{rnd('123456789',1)}{rnd('0123456789',3)}{sep}{rnd('0123456789',4)}"
def kr_fix():
    return f"02-{rnd('23456789',1)}{rnd('0123456789',2)}-{rnd('0123456789',4)}"
def ip4():
    return f"10.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(2,254)}"
def ippub():
    return f"{R.choice([85,91,178,212,46])}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(2,254)}"
def pkline(p):
    return [l for l in p.splitlines() if not l.startswith("-----")][0]

# ---------------- German ----------------
L = "de"
# 1 Lohnabrechnung
st = de_steuer_id(); ib = iban("DE"); ibs = iban_spaced(ib)
S(L, "hr_document", f"""Lohnabrechnung Oktober 2025 – Personalnr. 004417
Name: Katrin Vollmer   Steuerklasse: I   Kinderfreibeträge: 0,5
Steuer-IdNr.: {st}
SV-Nummer: siehe Vorblatt
Brutto 4.215,00 EUR | LSt 612,33 | Soli 0,00 | KiSt 49,10
Auszahlung auf IBAN {ibs} (Sparkasse KölnBonn)
Auszahlungsbetrag: 2.731,84 EUR""", ("de_steuer_id", st), ("iban", ibs))
# 2 Überweisung mit Tippfehlern chat
ib = iban("DE")
S(L, "chat", f"hey kannst du mir die 45€ fürs konzert überweisen?? iban is {ib}.danke dir!! achso verwendungszweck egal", ("iban", ib))
# 3 CSV mit mehreren Spalten
rows = []; labs = []
for n in ["Meier;Jonas", "Özdemir;Elif", "Brandt;Svenja"]:
    s = de_steuer_id(); i = iban("DE"); e = n.split(";")[1].lower() + "." + n.split(";")[0].lower().replace("ö","oe") + "@firma-hansen.de"
    rows.append(f"{n};{s};{i};{e};2025-0{R.randint(1,9)}-15")
    labs += [("de_steuer_id", s), ("iban", i), ("email", e)]
S(L, "csv", "nachname;vorname;steuer_id;iban;email;eintritt\n" + "\n".join(rows), *labs)
# 4 Markdown-Tabelle Kreditkarten / Negativ-Mix
c1 = card("visa"); c1f = fmt_card(c1, " "); c2 = card("mc"); c2f = fmt_card(c2, "-")
S(L, "markdown_table", f"""| Kunde | Karte | Ablauf | Status |
|---|---|---|---|
| K-20931 | {c1f} | 08/27 | offen |
| K-20932 | **** **** **** 4242 | 11/26 | maskiert |
| K-20933 | {c2f} | 02/28 | Rückbuchung |""", ("card", c1f), ("card", c2f))
# 5 Logzeile lang
ip = ippub(); em = "h.krause@posteo.de"; tok = jwt()
S(L, "log", f'2025-11-03T08:14:22.417Z INFO  auth-svc req_id=7f3e2a1c-9b44-4d0e-8e1b-2c5a6f1d9e03 client_ip={ip} user={em} method=POST path=/api/v2/session status=200 latency_ms=87 ua="Mozilla/5.0 (X11; Linux x86_64)" authorization="Bearer {tok}" region=eu-central-1', ("ip_address", ip), ("email", em), ("jwt", tok))
# 6 negative: Bestellnummer etc.
S(L, "email", f"""Sehr geehrte Frau Lindner,
Ihre Bestellung Nr. 302-{luhn_number(7)}-{rnd('0123456789',7)} wurde versandt. Sendungsnummer: 00340434{rnd('0123456789',12)}.
IMEI des Ersatzgeräts: {luhn_number(15)}. Rechnungsbetrag 1.249,00 €, fällig am 12.12.2025.
Mit freundlichen Grüßen
Ihr Kundenservice""")
# 7 .env mit Platzhaltern (negativ)
S(L, "config_env", """# Kopie von .env.example – echte Werte NICHT committen!
DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/shop
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
OPENAI_API_KEY=<your-api-key>
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
SMTP_PASSWORD=changeme""")
# 8 .env echt
ak = aws_key_id(); sk = aws_secret(); pw = password()
S(L, "config_env", f"""# prod – nur für Jenkins
AWS_ACCESS_KEY_ID={ak}
AWS_SECRET_ACCESS_KEY={sk}
AWS_DEFAULT_REGION=eu-central-1
SMTP_USER=noreply@lagerwelt.de
SMTP_PASS={pw}""", ("aws_access_key", ak), ("aws_secret_key", sk), ("password", pw))
# 9 OpenAI request with tool result
st = de_steuer_id(); ph = de_mobile()
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Du bist ein Assistent der Personalabteilung. Gib keine Steuerdaten an Dritte weiter."},
    {"role": "user", "content": "Kannst du prüfen, ob für Herrn Albers die Steuer-ID hinterlegt ist?"},
    {"role": "assistant", "tool_calls": [{"id": "call_81", "type": "function", "function": {"name": "hr_lookup", "arguments": "{\"personalnr\":\"00871\"}"}}]},
    {"role": "tool", "tool_call_id": "call_81", "content": f"Albers, Dirk | Steuer-ID {st} | Tel. {ph} | Steuerklasse III"}]}
S(L, "llm_openai", json.dumps(body, ensure_ascii=False, indent=1), ("de_steuer_id", st), ("phone", ph))
# 10 Anthropic with tool_result + key in system
ak2 = anthropic(); ib = iban("AT")
body = {"model": "claude-sonnet-4", "max_tokens": 800, "system": "Buchhaltungs-Bot der Firma Gruber KG.", "messages": [
    {"role": "user", "content": [{"type": "text", "text": "Bitte die Lieferantenrechnung 2025-118 prüfen."}]},
    {"role": "assistant", "content": [{"type": "tool_use", "id": "tu_1", "name": "erp_get_vendor", "input": {"vendor": "Holzbau Steiner"}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "tu_1", "content": f"Lieferant: Holzbau Steiner GmbH, FN 412233x, IBAN {ib}, UID ATU12345678"}]}],
    "metadata": {"user_id": "buchhaltung-07"}}
S(L, "llm_anthropic", json.dumps(body, ensure_ascii=False), ("iban", ib))
# 11 Gemini with card in parts
c = card("amex"); cf = fmt_card(c, " ")
body = {"contents": [{"role": "user", "parts": [{"text": f"Meine Amex {cf} wurde doppelt belastet (Buchung vom 02.11.). Wie bekomme ich das Geld zurück?"}]}], "generationConfig": {"temperature": 0.2}}
S(L, "llm_gemini", json.dumps(body, ensure_ascii=False), ("card", cf))
# 12 Ollama negative with UUID, sha
S(L, "llm_ollama", json.dumps({"model": "llama3.1:8b", "prompt": "Fasse den Commit 3f9c2e7a1b4d5e6f70819a2b3c4d5e6f7a8b9c0d zusammen. Build 2025.11.4-rc2, Ticket 8d2f4c1e-77aa-4b0e-9c3d-5e6f7a8b9c0d.", "stream": False}, ensure_ascii=False))
# 13 Arztbrief / Anamnese
ph = de_fix(); em = "praxis.dr.wendt@t-online.de"; ssnx = us_ssn()
S(L, "medical_form", f"""Anamnesebogen – Praxis Dr. med. Wendt
Patient/in: Renate Holl, geb. 14.03.1961
Versichertennr.: siehe eGK   Krankenkasse: AOK Bayern
Rückruf unter: {ph}
Zusatzversicherung (USA, Aetna) – SSN lt. Karte: {ssnx}
Allergien: Penicillin; Vorerkrankungen: Hypertonie, Z.n. Cholezystektomie 2018
Befunde bitte an {em} senden.""", ("phone", ph), ("us_ssn", ssnx), ("email", em))
# 14 negativ: Passwortrichtlinie
S(L, "email", "Hallo Team,\nab Montag gilt die neue Passwortrichtlinie: mindestens 12 Zeichen, davon eine Ziffer und ein Sonderzeichen, kein Wiederverwenden der letzten 5 Passwörter. Das alte Passwort läuft nach 90 Tagen ab. Bitte ändert es rechtzeitig im Self-Service-Portal.\nGruß, IT")
# 15 Chat Passwort Tippfehler
pw = password()
S(L, "chat", f"sry hab das wlan pw vergessen zu schicken: {pw} (gross/klein beachten!!)", ("password", pw))
# 16 docker-compose
pw = password_random(16); gh = github()
S(L, "config_compose", f"""services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: "{pw}"
  runner:
    image: myoung34/github-runner:latest
    environment:
      ACCESS_TOKEN: {gh}
      REPO_URL: https://github.com/acme-de/webshop""", ("password", pw), ("github_token", gh))
# 17 GitHub Actions negativ
S(L, "config_gha", """name: deploy
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ./deploy.sh
        env:
          HCLOUD_TOKEN: ${{ secrets.HCLOUD_TOKEN }}
          DB_PASS: ${{ secrets.DB_PASS }}
          SENTRY_RELEASE: ${{ github.sha }}""")
# 18 Stack trace mit URL-Credentials
pw = password_random(12); ip = ip4()
S(L, "stack_trace", f"""Exception in thread "main" org.postgresql.util.PSQLException: FATAL: Passwort-Authentifizierung für Benutzer »report« fehlgeschlagen
	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
	at de.acme.report.Db.connect(Db.java:41)
Caused by: jdbc url was postgresql://report:{pw}@{ip}:5432/reporting""", ("url_credentials", pw), ("ip_address", ip))
# 19 Terraform Hetzner token cloud_token + negativ var
ht = high_entropy(64)
S(L, "config_terraform", f"""provider "hcloud" {{
  token = "{ht}"
}}
variable "db_password" {{
  type      = string
  sensitive = true
}}
resource "hcloud_server" "web" {{
  name        = "web-1"
  server_type = "cx22"
  image       = "debian-12"
}}""", ("cloud_token", ht))
# 20 Shell history
sl = slack_webhook(); pw = password()
S(L, "shell_history", f"""  501  cd ~/deploy
  502  export PGPASSWORD='{pw}'
  503  psql -h db.intern -U backup -c 'select 1'
  504  curl -X POST -H 'Content-type: application/json' --data '{{"text":"Backup fertig"}}' {sl}
  505  history | tail""", ("password", pw), ("slack_webhook", sl))
# 21 negativ shell reading from files
S(L, "shell_history", """  88  read -s DB_PW
  89  mysql -u root -p"$DB_PW" kunden < dump.sql
  90  kubectl create secret generic api --from-file=token=./token.txt
  91  gpg --decrypt secrets.env.gpg > .env
  92  sha256sum release.tar.gz
  93  echo e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""")
# 22 Python code
ok = openai_proj(); hfk = hf()
S(L, "code_python", f'''# TODO: in Vault verschieben, bevor das Repo öffentlich wird
import openai, os
client = openai.OpenAI(api_key="{ok}")
HF_TOKEN = "{hfk}"  # nur Lesezugriff
def zusammenfassen(text):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{{"role":"user","content":text}}])''', ("openai_key", ok), ("huggingface_token", hfk))
# 23 Java properties
pw = password(); mg = mailgun()
S(L, "config_properties", f"""# application-prod.properties
spring.datasource.url=jdbc:mariadb://db01:3306/lager
spring.datasource.username=lager_app
spring.datasource.password={pw}
mailgun.api-key={mg}
mailgun.domain=mg.lagerwelt.de
server.port=8443""", ("password", pw), ("saas_token", mg))
# 24 Stripe publishable negativ + secret positive
sk = stripe("rk_live_"); pk = "pk_live_" + high_entropy(24)
S(L, "code_js", f"""// Frontend darf nur den publishable key kennen
const stripe = Stripe("{pk}");
// Backend (server.js) – NICHT ins Frontend kopieren
const stripeAdmin = require("stripe")("{sk}");""", ("stripe_key", sk))
# 25 SEPA Überweisung Formular OCR
ib = iban("DE"); ibs = iban_spaced(ib)
S(L, "ocr", f"""SEPA-Überweisung / Zahlschein
Angaben zum Zahlungsempfänger: Name, Vorname/Firma
Hausverwaltung Petersen & Co
IBAN  {ibs}
BIC   COBADEFFXXX
Betrag: Euro, Cent   ** 1.180,00
Verwendungszweck: Miete Dez 2025 WE 14
Datum 28.11.2025   Unterschrift ____""", ("iban", ibs))
# 26 negativ: Rechnung mit USt-ID, HRB, Preise
S(L, "email", """Rechnung RE-2025-004781 vom 03.11.2025
Leistungszeitraum: Oktober 2025
Netto 3.450,00 €, USt 19 % 655,50 €, Gesamt 4.105,50 €
Bankverbindung: siehe Briefkopf
Amtsgericht München HRB 238114, USt-IdNr. DE287654321, Steuernummer 143/215/60027
Zahlbar innerhalb von 14 Tagen ohne Abzug.""")
# 27 Slack bot token + discord webhook in YAML
sb = slack_bot(); dw = discord_webhook()
S(L, "config_yaml", f"""benachrichtigungen:
  slack:
    bot_token: {sb}
    kanal: "#alarme"
  discord:
    webhook: "{dw}"
  schwellwert_cpu: 85""", ("slack_token", sb), ("discord_webhook", dw))
# 28 Kubernetes Secret stringData + negativ base64 image
tg = telegram()
S(L, "config_k8s", f"""apiVersion: v1
kind: Secret
metadata:
  name: bot-config
  namespace: monitoring
type: Opaque
stringData:
  TELEGRAM_BOT_TOKEN: "{tg}"
  CHAT_ID: "-1001234567890"
---
# Logo für Benachrichtigungen
# data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==""", ("telegram_token", tg))
# 29 support ticket mit Telefon und E-Mail, Tippfehler
ph = de_mobile(); em = "m.schulze1984@gmx.net"
S(L, "support_ticket", f"""Ticket #58213 – Priorität: hoch
Betreff: kann mich nich mehr einloggen
Hallo, seit dem update komm ich nicht mehr rein, passwort zurücksetzen mail kommt nie an ({em}). Bitte rufen sie mich an: {ph}, am besten nach 17 uhr. danke""", ("email", em), ("phone", ph))
# 30 negativ: masked, truncated
S(L, "support_ticket", """Ticket #58277
Kunde meldet Abbuchung mit Karte endend auf 0183 (**** **** **** 0183). Laut System: Token tok_…e91f, API-Key sk-…a1b2 (gekürzt im Log).
GitHub-Token des Kunden in Screenshot war ghp_**** und bereits widerrufen. Keine weiteren Daten angehängt.""")
# 31 TSV Zeiterfassung mit Telefonnummern und E-Mails
ph1, ph2 = de_mobile(), de_fix()
S(L, "tsv", f"mitarbeiter\tabteilung\ttelefon\tmail\tstunden\nS. Kaya\tLager\t{ph1}\ts.kaya@lagerwelt.de\t38,5\nT. Berg\tEinkauf\t{ph2}\tt.berg@lagerwelt.de\t40,0\nN. N.\tAzubi\t-\t-\t20,0",
  ("phone", ph1), ("email", "s.kaya@lagerwelt.de"), ("phone", ph2), ("email", "t.berg@lagerwelt.de"))
# 32 GCP service account
proj = "lager-prod-" + str(R.randint(100, 999))
js, key = gcp_sa_json(proj)
line = pkline(key.replace("\\n", "\n"))
S(L, "config_json", "Hier die Datei, die bei uns in /etc/gcp/sa.json liegt, falls du sie brauchst:\n" + js, ("gcp_credentials", line), ("private_key", line), ("email", f"ci-deployer@{proj}.iam.gserviceaccount.com"))
# 33 private key PEM in chat
pk = pem("ec"); line = pkline(pk)
S(L, "chat", f"Kannst du den Schlüssel mal auf dem Staging hinterlegen? Ist der vom alten Jenkins:\n{pk}\nDanach bitte hier löschen.", ("private_key", line))
# 34 negativ: public key + certificate
S(L, "chat", """Hier mein öffentlicher Schlüssel für den Server, kannst du in authorized_keys eintragen:
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOq7mJ0X2nQ8vR4tY6uP1sD3fG5hJ7kL9zX0cV2bN4mA jana@laptop
Fingerprint: SHA256:Qm9vL3p4cXh5d3Z1dHNycXBvbm1sa2ppaGdmZWRjYmE""")
# 35 Gehaltsliste Tabelle mit Steuer-ID ohne/mit Leerzeichen
cfx = it_cf(); nirx = fr_nir(); s1 = de_steuer_id(); s2 = de_steuer_id(); s2f = f"{s2[:2]} {s2[2:5]} {s2[5:8]} {s2[8:]}"
S(L, "spreadsheet", f"""Pers.-Nr.	Name	Steuer-ID	Brutto	Netto
1001	Weber, Anna	{s1}	3.900,00	2.514,22
1002	Koch, Lars	{s2f}	5.120,00	3.101,87
Summe			9.020,00	5.616,09
Hinweis Lohnbüro: Rossi (Eintritt 01.12.) hat noch keine Steuer-ID, Codice Fiscale {cfx}; Dupont bringt NIR {nirx} mit.""", ("de_steuer_id", s1), ("de_steuer_id", s2f), ("it_codice_fiscale", cfx), ("fr_nir", nirx))
# 36 IPv6 + IPv4 firewall log, with doc ranges negative
ip6 = f"2a01:4f8:{rnd(HEX,4)}:{rnd(HEX,3)}::{rnd(HEX,2)}"; ipp = ippub()
S(L, "log", f"""Nov 03 10:22:01 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ipp} DST=192.168.10.5 PROTO=TCP SPT=51544 DPT=22
Nov 03 10:22:03 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ip6} DST=2a01:4f8:c17:1a2b::1 PROTO=TCP DPT=3389
Nov 03 10:22:09 fw01 sshd[2231]: test from 203.0.113.7 ignored (Doku-Netz), netmask 255.255.255.0""",
  ("ip_address", ipp), ("ip_address", "192.168.10.5"), ("ip_address", ip6), ("ip_address", "2a01:4f8:c17:1a2b::1"))
# 37 Go code with sendgrid + generic secret
sg = sendgrid(); ws = high_entropy(32, HEX)
S(L, "code_go", f'''package mail

// Konfiguration – Werte kommen später aus der Umgebung
var (
	sendgridKey   = "{sg}"
	webhookSecret = "{ws}" // zum Prüfen der Signatur
)''', ("saas_token", sg), ("generic_secret", ws))
# 38 negativ: Lockfile/SRI/bcrypt
S(L, "code_js", """<script src="https://cdn.example.de/lib.min.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>
<!-- Passwort-Hash Testnutzer: $2b$12$KIXQJ8Z6Wq9b1y7Hn2u3eOQm4r5s6t7u8v9w0x1y2z3A4B5C6D7E8 -->
<div style="color:#3a7bd5">Version 4.18.2</div>""")
# 39 C# connection string
pw = password(); ip = ip4()
S(L, "code_csharp", f'''// TODO Lukas: raus aus dem Code!!
var conn = new SqlConnection("Server={ip},1433;Database=Buchhaltung;User Id=fibu;Password={pw};TrustServerCertificate=True");
conn.Open();''', ("ip_address", ip), ("password", pw))
# 40 PHP with Shopify + E-Mail
sh = shopify(); em = "shop-admin@kaffee-roesterei.de"
S(L, "code_php", f"""<?php
$shop = 'kaffee-roesterei.myshopify.com';
$token = '{sh}';
$kontakt = '{em}';
$ch = curl_init("https://$shop/admin/api/2024-10/orders.json");
curl_setopt($ch, CURLOPT_HTTPHEADER, ["X-Shopify-Access-Token: $token"]);""", ("saas_token", sh), ("email", em))
# 41 negativ: PHP with getenv
S(L, "code_php", """<?php
$pdo = new PDO('mysql:host=db;dbname=crm', getenv('DB_USER'), getenv('DB_PASS'));
$apiKey = $_ENV['MAILJET_KEY'] ?? '';
// Bestellnr. 4006381333931 (EAN), Artikel 978-3-16-148410-0
echo date('Y-m-d H:i:s');""")
# 42 SQL insert mit IBAN und Telefon
ib = iban("DE"); ph = "+49" + rnd("123456789",1) + rnd("0123456789",9)
S(L, "code_sql", f"""INSERT INTO kunden (id, name, iban, telefon, plz, ort) VALUES
  (1207, 'Bäckerei Ludwig', '{ib}', '{ph}', '80331', 'München');
-- PLZ 80331 ist kein Geheimnis""", ("iban", ib), ("phone", ph))
# 43 Ruby with gitlab token
gl = gitlab()
S(L, "code_ruby", f"""require 'gitlab'
Gitlab.configure do |c|
  c.endpoint       = 'https://git.intern.firma.de/api/v4'
  c.private_token  = '{gl}'
end
puts Gitlab.projects(per_page: 5).map(&:name)""", ("gitlab_token", gl))
# 44 negativ: Koordinaten, Zeitstempel, Versionsnummern
S(L, "log", "2025-11-03 12:00:01,044 INFO geo: Standort Lager Nord lat=53.551086 lon=9.993682 Genauigkeit 12m; firmware=2.4.11-build.20251101; seriennr=SN-88-1200-4471; oid=1.3.6.1.4.1.311.21.8; cursor=eyJwYWdlIjozfQ")
# 45 npm + pypi in README-Chat
nt = npm(); pp = pypi()
S(L, "chat", f"Für das Release brauchst du die zwei Tokens: npm → `{nt}` und PyPI → `{pp}`. Bitte danach sofort in 1Password packen.", ("npm_token", nt), ("package_registry_token", pp))
# 46 Azure
ac = azure_client_secret(); asg = azure_storage_key()
S(L, "config_json", json.dumps({"AzureAd": {"TenantId": "9c1f2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b", "ClientId": "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809", "ClientSecret": ac}, "Storage": {"ConnectionString": f"DefaultEndpointsProtocol=https;AccountName=lagerblob;AccountKey={asg};EndpointSuffix=core.windows.net"}}, indent=2), ("azure_key", ac), ("azure_key", asg))
# 47 E-Mail an HR mit Sozial-/Steuerdaten und Telefon
st = de_steuer_id(); ph = de_mobile(); ib = iban("DE"); nix = uk_nino()
S(L, "email", f"""Betreff: Neue Bankverbindung + Unterlagen

Hallo Frau Yilmaz,

anbei wie besprochen meine Daten für die Gehaltsabrechnung: Steuer-ID {st}, neue IBAN {ib}. Die alte Kontoverbindung bitte löschen.
Aus meiner Zeit in London habe ich noch die NI-Nummer {nix}, falls die für die Rentenversicherung relevant ist.
Bei Rückfragen bin ich unter {ph} erreichbar.

Viele Grüße
Tobias Engel""", ("de_steuer_id", st), ("iban", ib), ("uk_nino", nix), ("phone", ph))
# 48 negativ: Kontoauszug-Export mit Referenzen
S(L, "csv", """Buchungstag;Valuta;Auftraggeber;Verwendungszweck;Betrag
03.11.2025;03.11.2025;Stadtwerke;Abschlag Kd-Nr. 700123456 Vertrag 2200418833;-89,00
04.11.2025;04.11.2025;Amazon;Bestellung 028-4471923-1187744;-34,99
05.11.2025;05.11.2025;Arbeitgeber;Gehalt 11/2025 Ref. 20251105-000184;2.731,84""")
# 49 OpenAI request, key in function args
gk = google_key()
body = {"model": "gpt-4.1", "messages": [{"role": "user", "content": "Zeig mir die Route von Hamburg nach Kiel."}, {"role": "assistant", "content": None, "tool_calls": [{"id": "call_9", "type": "function", "function": {"name": "maps_directions", "arguments": json.dumps({"origin": "Hamburg", "destination": "Kiel", "key": gk})}}]}], "tools": [{"type": "function", "function": {"name": "maps_directions", "parameters": {"type": "object"}}}]}
S(L, "llm_openai", json.dumps(body, ensure_ascii=False), ("google_api_key", gk))
# 50 Dockerfile ARG mit Datadog/Doppler
dd = high_entropy(32, HEX); dp = doppler()
S(L, "config_dockerfile", f"""FROM python:3.12-slim
ENV DD_API_KEY={dd}
ENV DOPPLER_TOKEN={dp}
ARG PIP_INDEX_URL
COPY . /app
RUN pip install -r /app/requirements.txt
CMD ["python", "/app/main.py"]""", ("saas_token", dd), ("cloud_token", dp))
# 51 Chat Passwort mit Doppelpunkt unicode
pw = password_random(11)
S(L, "chat", f"Zugang Router: admin / {pw} – bitte nach dem Einrichten ändern, das Standardkennwort auf dem Aufkleber gilt nicht mehr.", ("password", pw))
# 52 negativ: Kennwort-Prosa
S(L, "chat", "Ich hab mein Passwort jetzt im Passwortmanager gespeichert, das alte war eh zu kurz. Wie lang muss das neue für VPN sein? Reichen 10 Zeichen oder will das System 16?")
# 53 INI config mit Groq/Replicate AI keys
gq = groq(); rp = replicate(); anx = anthropic()
S(L, "config_ini", f"""[llm]
anbieter = groq
groq_api_key = {gq}
fallback = replicate
replicate_token = {rp}
anthropic_api_key = {anx}

[cache]
ttl = 3600""", ("ai_api_key", gq), ("ai_api_key", rp), ("anthropic_key", anx))
# 54 TOML mit Bearer generic secret
gs = high_entropy(48, ALNUM + "-_")
S(L, "config_toml", f"""[dienste.lagerapi]
url = "https://lager-api.intern/v1"
auth_header = "Authorization: Bearer {gs}"
timeout_s = 15
[dienste.wetter]
api_key = "${{WETTER_KEY}}"
""", ("generic_secret", gs))
# 55 HTML form ausgefüllt
em = "lea.fuchs@web.de"; ph = de_mobile(); c = card("visa"); cf = fmt_card(c, "")
S(L, "html", f"""<form action="/bestellen" method="post">
  <input name="email" value="{em}">
  <input name="telefon" value="{ph}">
  <input name="kartennummer" value="{cf}">
  <input name="cvc" value="" placeholder="CVC">
  <input name="gutschein" value="HERBST25">
</form>""", ("email", em), ("phone", ph), ("card", cf))
# 56 negativ: Git log
S(L, "log", """commit 9f2b7c41d0e8a3b56c7d8e9f0a1b2c3d4e5f6a7b
Author: Jan Peters <jan.peters@lagerwelt.de>
Date:   Mon Nov 3 09:12:44 2025 +0100

    Passwort-Reset-Flow: Token-Ablauf auf 30 min, Fix für #4412 (Merge-Request !318)""", ("email", "jan.peters@lagerwelt.de"))
# 57 Stripe webhook secret generic + twilio
tw = twilio_sk(); whs = "whsec_" + high_entropy(32)
S(L, "config_env", f"""TWILIO_API_KEY={tw}
TWILIO_FROM=+4915112345678
STRIPE_WEBHOOK_SECRET={whs}""", ("saas_token", tw), ("phone", "+4915112345678"), ("payment_token", whs))
# 58 long log with many fields
ip = ippub(); em = "support-bot@lagerwelt.de"; c = card("mc")
S(L, "log", f'ts=2025-11-03T14:02:11+01:00 lvl=warn svc=checkout pod=checkout-7b9c6d-x2kq trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7 remote={ip} kunde_id=88123 mail={em} msg="Zahlung abgelehnt" pan={c} betrag=129.90 waehrung=EUR retry=2 gateway=adyen', ("ip_address", ip), ("email", em), ("card", c))
# 59 Discord bot token in chat with typo
dt = discord_token()
S(L, "chat", f"bot läuft wieder, hab den token erneuert:{dt} ..bitte nich weitergeben lol", ("discord_token", dt))
# 60 negativ: Dokumentations-Beispiel
S(L, "markdown", """## Konfiguration
Setze die Variable `API_TOKEN` auf deinen persönlichen Token, z. B.:
```
export API_TOKEN=<dein-token-hier>
curl -H "Authorization: Bearer $API_TOKEN" https://api.beispiel.de/v1/me
```
Ein Token sieht ungefähr so aus: `tk_live_XXXXXXXXXXXXXXXX`.""")

# ---------------- Korean ----------------
L = "ko"
# 61 급여명세서
rr = kr_rrn(); ph = kr_mobile()
S(L, "hr_document", f"""2025년 10월 급여명세서
성명: 김민준   사번: 20190377   부서: 물류기획팀
주민등록번호: {rr}
연락처: {ph}
기본급 3,200,000 / 식대 200,000 / 소득세 98,450 / 지방소득세 9,840 / 국민연금 144,000
실수령액 2,947,710원 (국민은행 계좌로 25일 지급)""", ("kr_rrn", rr), ("phone", ph))
# 62 chat with particle glued
ph = kr_mobile()
S(L, "chat", f"낼 택배 오면 {ph}로 연락 주세여 ㅎㅎ 경비실에 맡겨도 돼요", ("phone", ph))
# 63 email glued 입니다
em = "jiwoo.park" + str(R.randint(10,99)) + "@naver.com"
S(L, "chat", f"제 메일은 {em}입니다. 견적서 보내주시면 검토할게요.", ("email", em))
# 64 CSV 회원 목록
rows=[]; labs=[]
for nm in ["이서연", "박도윤", "최하은"]:
    r = kr_rrn(); p = kr_mobile(""); e = "user" + rnd("0123456789",4) + "@daum.net"
    rows.append(f"{nm},{r},{p},{e},서울")
    labs += [("kr_rrn", r), ("phone", p), ("email", e)]
S(L, "csv", "이름,주민번호,휴대폰,이메일,지역\n" + "\n".join(rows), *labs)
# 65 계좌이체 확인 negative-ish (KR account numbers, not IBAN)
S(L, "email", """[계좌이체 완료 안내]
보내는 분: 정우성
받는 분: (주)한빛상사
입금 은행: 신한은행 110-432-918273
이체 금액: 1,250,000원
거래 일시: 2025.11.03 14:22:07
거래 번호: 20251103-0091827-11
본 메일은 발신 전용입니다.""")
# 66 해외송금 with IBAN
ib = iban("DE"); ibs = iban_spaced(ib)
S(L, "support_ticket", f"""문의 #77120 / 해외송금
독일 거래처로 송금하려는데 IBAN이 {ibs} 맞는지 확인 부탁드립니다. SWIFT는 DEUTDEFFXXX라고 들었어요. 수수료는 얼마인가요?""", ("iban", ibs))
# 67 의료 문진표
rr = kr_rrn(1958); ph = kr_fix()
S(L, "medical_form", f"""[서울○○내과 문진표]
환자명: 윤영자   성별: 여   생년월일: 1958년
주민등록번호: {rr}
보호자 연락처: {ph} (아들)
현재 복용 약: 아모디핀 5mg, 메트포르민 500mg
알레르기: 없음   흡연: 비흡연   혈압: 142/91""", ("kr_rrn", rr), ("phone", ph))
# 68 negative: 상품 코드, 운송장
S(L, "chat", "운송장 번호 6892-1034-5521 조회하면 아직 집하 전이래요. 주문번호는 2025110312345678이고 상품코드 KR-010-2233-A입니다. 사업자등록번호 214-86-12345로 세금계산서 부탁드려요.")
# 69 Markdown table 직원 정보
ph1, ph2 = kr_mobile(), kr_mobile("."); e1 = "hs.kang@hanbit-corp.co.kr"
S(L, "markdown_table", f"""| 이름 | 직급 | 내선 | 휴대폰 | 이메일 |
|---|---|---|---|---|
| 강현수 | 과장 | 2231 | {ph1} | {e1} |
| 오지민 | 대리 | 2240 | {ph2} | (미등록) |
| 신입 | 사원 | - | 010-XXXX-XXXX | - |""", ("phone", ph1), ("email", e1), ("phone", ph2))
# 70 log long
ip = ip4(); ph = kr_mobile(); rr = kr_rrn()
S(L, "log", f"[2025-11-03 09:41:17.552][WARN][member-api][tid=a91c] 본인인증 실패 ip={ip} phone={ph} rrn={rr} reason=NAME_MISMATCH retry=3 device=SM-S918N app_ver=5.12.0", ("ip_address", ip), ("phone", ph), ("kr_rrn", rr))
# 71 negative masked rrn, card
S(L, "log", "[INFO] 주문 완료 user=hong*** rrn=900101-1****** card=9410-****-****-1234 amount=59,000 order_id=ORD-20251103-0042 pg_tid=T2025110314220011")
# 72 OpenAI with system prompt containing key
ok = openai_svc(); rr = kr_rrn()
body = {"model": "gpt-4o", "messages": [{"role": "system", "content": f"너는 고객센터 상담봇이다. 내부 API 호출 시 키 {ok} 를 사용한다. 고객 개인정보는 마스킹해서 답하라."}, {"role": "user", "content": f"제 주민번호 {rr}로 가입된 계정 있는지 봐주세요"}]}
S(L, "llm_openai", json.dumps(body, ensure_ascii=False, indent=2), ("openai_key", ok), ("kr_rrn", rr))
# 73 Anthropic tool_result with 회원정보
em = "sujin_lee@kakao.com"; ph = "+82 10-" + rnd("0123456789",4) + "-" + rnd("0123456789",4); ip = ippub()
body = {"model": "claude-3-5-haiku", "max_tokens": 512, "messages": [
    {"role": "user", "content": "최근 로그인 기록 보여줘"},
    {"role": "assistant", "content": [{"type": "text", "text": "조회해 볼게요."}, {"type": "tool_use", "id": "toolu_01", "name": "get_login_history", "input": {"member_id": 55120}}]},
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": [{"type": "text", "text": f"member=55120 email={em} phone={ph} last_ip={ip} last_login=2025-11-02T22:10:44+09:00"}]}]}]}
S(L, "llm_anthropic", json.dumps(body, ensure_ascii=False), ("email", em), ("phone", ph), ("ip_address", ip))
# 74 Gemini with 카드번호 in text and typos
c = card("jcb"); cf = fmt_card(c, "-")
body = {"contents": [{"role": "user", "parts": [{"text": f"카드 {cf} 이거 해외결제 막혀있는지 어케 알아요?? 급해요ㅠ"}]}]}
S(L, "llm_gemini", json.dumps(body, ensure_ascii=False), ("card", cf))
# 75 Ollama negative
S(L, "llm_ollama", json.dumps({"model": "qwen2.5:7b", "messages": [{"role": "user", "content": "비밀번호는 최소 8자 이상, 영문·숫자·특수문자 조합이어야 한다는 정책 문구를 더 자연스럽게 다듬어줘."}], "stream": False}, ensure_ascii=False))
# 76 .env 실제 값
ant = anthropic(); pw = password()
S(L, "config_env", f"""# 운영 서버용 - 절대 커밋 금지
ANTHROPIC_API_KEY={ant}
DB_HOST=10.0.3.21
DB_USER=svc_app
DB_PASSWORD={pw}
LOG_LEVEL=info""", ("anthropic_key", ant), ("ip_address", "10.0.3.21"), ("password", pw))
# 77 negative .env template
S(L, "config_env", """# .env.sample - 값은 각자 채워 넣으세요
ANTHROPIC_API_KEY=sk-ant-...
DB_PASSWORD=
KAKAO_REST_KEY=your_kakao_rest_api_key
JWT_SECRET=${JWT_SECRET}
NEXT_PUBLIC_BASE_URL=http://localhost:3000""")
# 78 카톡 채팅 비번 glued
pw = password()
S(L, "chat", f"[오후 3:12] 팀장님: 공유폴더 비번 {pw}이에요\n[오후 3:13] 나: 넵 감사합니다!!", ("password", pw))
# 79 negative 비번 prose
S(L, "chat", "비번 까먹어서 재설정했는데 인증메일이 안 와요. 스팸함도 봤는데 없네요. 비밀번호 변경 주기가 90일이라 또 바꿔야 하나요?")
# 80 YAML Spring with 네이버 클라우드 keys cloud_token + generic
ak = high_entropy(20, string.ascii_uppercase + string.digits); sk = high_entropy(40)
S(L, "config_yaml", f"""ncloud:
  access-key: {ak}
  secret-key: {sk}
  region: KR
spring:
  datasource:
    password: ${{DB_PASSWORD}}""", ("cloud_token", ak), ("cloud_token", sk))
# 81 Python code kakao/toss payment secret
ts = "live_sk_" + high_entropy(24)
S(L, "code_python", f'''import base64, requests
# 토스페이먼츠 시크릿 키 (운영)
SECRET_KEY = "{ts}"
auth = base64.b64encode((SECRET_KEY + ":").encode()).decode()
r = requests.post("https://api.tosspayments.com/v1/payments/confirm", headers={{"Authorization": f"Basic {{auth}}"}}, json={{"paymentKey": pk, "orderId": oid, "amount": 15000}})''', ("payment_token", ts))
# 82 Java with JWT secret generic
gs = high_entropy(64, HEX)
S(L, "code_java", f'''@Configuration
public class JwtConfig {{
    // 임시로 하드코딩 (배포 전 변경 예정)
    private static final String SIGNING_KEY = "{gs}";
    private static final long EXPIRE_MS = 1000L * 60 * 30;
}}''', ("generic_secret", gs))
# 83 Stack trace with jwt and url creds
tok = jwt(); pw = password_random(10)
S(L, "stack_trace", f"""Traceback (most recent call last):
  File "/srv/app/sync.py", line 88, in <module>
    resp = client.get(url, headers={{"Authorization": "Bearer {tok}"}})
  File "/srv/app/client.py", line 31, in get
    raise ConnectionError(f"연결 실패: redis://:{pw}@cache-01:6379/0")
ConnectionError: 연결 실패""", ("jwt", tok), ("url_credentials", pw))
# 84 Spreadsheet pasted - 급여 이체 목록 with account numbers (neg) + RRN
r1, r2 = kr_rrn(), kr_rrn()
S(L, "spreadsheet", f"""순번	성명	주민등록번호	은행	계좌번호	지급액
1	한지훈	{r1}	우리	1002-845-221903	2,480,000
2	배수아	{r2}	카카오뱅크	3333-12-7781234	2,615,500
합계					5,095,500""", ("kr_rrn", r1), ("kr_rrn", r2))
# 85 negative UUID/sha/version
S(L, "log", "배포 완료: release=v3.14.2 commit=1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d image=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 request_id=3fa85f64-5717-4562-b3fc-2c963f66afa6 소요 42.7s")
# 86 gh pat in issue comment
gp = github_pat()
S(L, "support_ticket", f"CI가 계속 401 나서 새 토큰 만들었어요: {gp}\n이걸로 secrets 갱신해 주실 수 있나요? 만료는 30일로 설정했습니다.", ("github_token", gp))
# 87 GitHub Actions 실수로 평문
sl = slack_bot(); swx = slack_webhook()
S(L, "config_gha", f"""name: 알림
on: workflow_dispatch
jobs:
  notify:
    runs-on: ubuntu-latest
    steps:
      - name: 슬랙 알림
        run: |
          curl -H "Authorization: Bearer {sl}" -d "channel=C01ABCD2EFG&text=배포완료" https://slack.com/api/chat.postMessage
      - name: 웹훅 알림
        run: curl -X POST -d '{{"text":"배포 끝"}}' {swx}
      - name: 정상 예시
        env:
          TOKEN: ${{{{ secrets.SLACK_TOKEN }}}}
        run: echo ok""", ("slack_token", sl), ("slack_webhook", swx))
# 88 Kubernetes with base64 data? use stringData plus negative
pw = password_random(18)
S(L, "config_k8s", f"""apiVersion: v1
kind: Secret
metadata:
  name: mysql-auth
stringData:
  MYSQL_ROOT_PASSWORD: "{pw}"
  MYSQL_USER: "{{{{ .Values.mysql.user }}}}"
  MYSQL_PASSWORD: "{{{{ .Values.mysql.password }}}}\"""", ("password", pw))
# 89 SQL 환자 테이블
rr = kr_rrn(); ph = kr_mobile()
S(L, "code_sql", f"""-- 테스트 데이터라더니 실제 환자 정보가 들어가 있음. 확인 필요
UPDATE patient SET rrn = '{rr}', mobile = '{ph}', memo = '당뇨 추적관찰' WHERE chart_no = 'C-0048812';""", ("kr_rrn", rr), ("phone", ph))
# 90 negative: 사업자/법인번호, 우편번호, 가격
S(L, "email", """(주)다온테크 견적서
사업자등록번호: 120-81-47521 / 법인등록번호: 110111-2345678
주소: 서울특별시 강남구 테헤란로 152 (우 06236)
담당: 영업2팀 (견적번호 Q-2025-1103-07)
금액: 3,850,000원 (VAT 별도), 견적 유효기간 2025-12-31""")
# 91 외국인 직원 서류 - uk_nino / sg_nric / es_nie
ni = uk_nino(); nr = sg_nric(); nie = es_nie(); bsx = nl_bsn(); adx = aadhaar(); nr2 = sg_nric()
S(L, "hr_document", f"""[해외 파견 인력 서류 체크리스트]
- Daniel Wright (영국) / NI 번호: {ni} / 비자 확인 완료
- Tan Wei Ling (싱가포르) / NRIC {nr} / 계약서 회수 필요
- Lucía Romero (스페인) / NIE {nie} / 주소 증명 대기
- Bram Jansen (네덜란드) / BSN {bsx} / 완료
- Rahul Verma (인도) / Aadhaar {adx} / 사본 재요청
- Lim Jun Jie (싱가포르) / NRIC: {nr2} / 완료""", ("uk_nino", ni), ("sg_nric", nr), ("es_dni", nie), ("nl_bsn", bsx), ("in_aadhaar", adx), ("sg_nric", nr2))
# 92 일본 지사 - mynumber
mn = jp_mynumber(); mnf = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
S(L, "chat", f"도쿄 지사 다나카 상 마이넘버가 {mnf}라고 하는데 원천징수 서류에 넣으면 되나요?", ("jp_mynumber", mnf))
# 93 US SSN + card in 해외직구 ticket
ssn = us_ssn(); c = card("visa")
S(L, "support_ticket", f"미국 세금 서류(W-9) 작성 중인데 SSN {ssn}을 적는 칸이 두 군데라 헷갈려요. 그리고 결제는 카드 {c}로 했는데 영수증 다시 받을 수 있을까요?", ("us_ssn", ssn), ("card", c))
# 94 fr_nir, it_cf, nl_bsn in CSV
fn = fr_nir(); cf_ = it_cf(); bs = nl_bsn()
S(L, "csv", f"""국가,이름,식별번호,비고
FR,Claire Martin,{fn},보험 등록
IT,Marco Bianchi,{cf_},급여 계좌 개설
NL,Sanne de Vries,{bs},세금 신고
KR,홍길동,(본사 보관),-""", ("fr_nir", fn), ("it_codice_fiscale", cf_), ("nl_bsn", bs))
# 95 aadhaar
ad = aadhaar(); adf = f"{ad[:4]} {ad[4:8]} {ad[8:]}"
S(L, "email", f"인도 협력사 담당자 Priya Sharma 님 신원 확인용 Aadhaar 번호 {adf} 받았습니다. 원본 파일은 보안폴더에 옮겼어요.", ("in_aadhaar", adf))
# 96 es_dni, de_steuer in Korean chat
dn = es_dni(); st = de_steuer_id(); mnx = jp_mynumber()
S(L, "chat", f"스페인 지사 DNI는 {dn}, 독일 쪽 Steuer-ID는 {st}예요. 둘 다 급여 시스템에 등록해 주세요~ 아 그리고 오사카 파견자 마이넘버 {mnx}도요", ("es_dni", dn), ("de_steuer_id", st), ("jp_mynumber", mnx))
# 97 negative: 가짜 형식 / 예시
S(L, "chat", "주민번호 입력란에 예시로 000000-0000000 이나 123456-1234567 넣으면 오류 나요? 테스트용으론 어떤 값 써야 하죠? 그리고 카드 테스트 번호는 **** **** **** 1111 이런 식으로만 보여요.")
# 98 long nginx access log
i1, i2 = ippub(), ip4()
S(L, "log", f"""{i1} - - [03/Nov/2025:10:15:32 +0900] "GET /api/v1/orders?page=2&cursor=eyJpZCI6MTIzNDV9 HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)" rt=0.043 upstream={i2}:8080
127.0.0.1 - - [03/Nov/2025:10:15:33 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29" rt=0.001""", ("ip_address", i1), ("ip_address", i2))
# 99 private key openssh
ok_ = openssh_key(); line = pkline(ok_)
S(L, "support_ticket", f"서버 접속이 안 돼서 제 키 그대로 붙여요. 확인 후 삭제 부탁드립니다.\n\n{ok_}", ("private_key", line))
# 100 negative: 인증서
S(L, "config_yaml", """tls:
  # 공개 인증서라 커밋해도 됨
  cert: |
    -----BEGIN CERTIFICATE-----
    MIIBszCCAVmgAwIBAgIUQ2x0ZXN0Y2VydGlmaWNhdGUwCgYIKoZIzj0EAwIwEjEQ
    MA4GA1UEAwwHdGVzdC1jYTAeFw0yNTExMDMwMDAwMDBaFw0yNjExMDMwMDAwMDBa
    -----END CERTIFICATE-----
  key_file: /etc/ssl/private/server.key""")
# 101 HF + pplx + xai in notebook
hfk = hf(); px = pplx(); xa = xai()
S(L, "code_python", f"""# 모델 비교 실험 (주피터 노트북 셀 3)
from huggingface_hub import login
login(token="{hfk}")
PPLX_KEY = "{px}"
XAI_KEY = "{xa}"
print("키 세팅 완료")""", ("huggingface_token", hfk), ("ai_api_key", px), ("ai_api_key", xa))
# 102 JS with Notion + Airtable
nt = notion(); at = airtable(); gkx = google_key()
S(L, "code_js", f"""// 노션 → 에어테이블 동기화 스크립트
const notion = new Client({{ auth: '{nt}' }});
const base = new Airtable({{ apiKey: '{at}' }}).base('appXyZ12345');
const MAPS_KEY = "{gkx}"; // 지도 임베드용
// TODO: 키를 환경변수로 (process.env.NOTION_KEY)""", ("saas_token", nt), ("saas_token", at), ("google_api_key", gkx))
# 103 TS with stripe sk + publishable negative
sk = stripe("sk_live_")
S(L, "code_ts", f"""export const STRIPE_PK = "pk_live_51Nq{rnd(ALNUM,40)}"; // 공개 키
export const STRIPE_SK: string = "{sk}"; // ⚠️ 서버 전용""", ("stripe_key", sk))
# 104 Go with vault + do
vt = vault(); dot = do_token(); glx = gitlab()
S(L, "code_go", f"""func main() {{
	// 급하게 테스트하느라 하드코딩함
	os.Setenv("VAULT_TOKEN", "{vt}")
	os.Setenv("DIGITALOCEAN_TOKEN", "{dot}")
	os.Setenv("GITLAB_TOKEN", "{glx}")
	run()
}}""", ("cloud_token", vt), ("cloud_token", dot), ("gitlab_token", glx))
# 105 negative: Go reading env
S(L, "code_go", """func loadConfig() Config {
	return Config{
		DBPassword: os.Getenv("DB_PASSWORD"),
		APIKey:     mustRead("/run/secrets/api_key"),
		Timeout:    30 * time.Second,
	}
}""")
# 106 Ruby with databricks/newrelic
db_ = databricks(); nr_ = newrelic(); dtx = discord_token()
S(L, "code_ruby", f"""# config/initializers/analytics.rb
DATABRICKS_TOKEN = "{db_}"
NEW_RELIC_LICENSE = "{nr_}"  # 모니터링
DISCORD_BOT_TOKEN = "{dtx}" # 알림봇""", ("cloud_token", db_), ("saas_token", nr_), ("discord_token", dtx))
# 107 C# with mailchimp + grafana
mc = mailchimp(); gf = grafana_sa()
S(L, "code_csharp", f"""var mailchimp = new MailChimpManager("{mc}");
var grafanaClient = new HttpClient();
grafanaClient.DefaultRequestHeaders.Add("Authorization", "Bearer {gf}");""", ("saas_token", mc), ("saas_token", gf))
# 108 OCR 통장사본 - account number negative + 이름
S(L, "ocr", """통 장 사 본
예금주 : 김 철 수
계좌번호 : 356-1234-5678-93
은 행 : NH농협은행   지점 : 역삼
발급일 2025. 11. 03""")
# 109 Kakao 알림 chat password glued to 입니다
pw = password_random(12)
S(L, "chat", f"와이파이: Office_5G / 비번은 {pw}입니다. 손님용은 따로 있어요", ("password", pw))
# 110 CLI flag password
pw = password()
S(L, "shell_history", f"""$ mysqldump -h 10.20.1.15 -u backup --password={pw} erp > erp_$(date +%F).sql
$ ls -lh erp_*.sql
$ scp erp_2025-11-03.sql nas:/backup/""", ("ip_address", "10.20.1.15"), ("password", pw))
# 111 negative shell
S(L, "shell_history", """$ aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE
$ docker login -u ci --password-stdin < ~/.docker_pw
$ openssl rand -hex 32 > jwt.key
$ git log --oneline | head -3
b7e23f1 로그인 버그 수정""")
# 112 Anthropic system with IBAN and metadata
ib = iban("NL")
body = {"model": "claude-sonnet-4", "system": [{"type": "text", "text": f"당신은 (주)세림무역의 회계 보조입니다. 네덜란드 거래처 기본 입금 계좌는 {ib} 입니다."}], "messages": [{"role": "user", "content": "이번 달 인보이스 금액 합계 알려줘"}], "metadata": {"user_id": "acct-team-02"}, "max_tokens": 400}
S(L, "llm_anthropic", json.dumps(body, ensure_ascii=False), ("iban", ib))
# 113 OpenAI tool result with DB dump rows
r1 = kr_rrn(); e1 = "minho.choi@hanmail.net"; c1 = fmt_card(card("mc"), "-")
body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "VIP 고객 한 명만 예시로 보여줘"}, {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "sql_query", "arguments": "{\"q\":\"select * from vip limit 1\"}"}}]}, {"role": "tool", "tool_call_id": "c1", "content": json.dumps([{"name": "최민호", "rrn": r1, "email": e1, "card": c1, "grade": "GOLD"}], ensure_ascii=False)}]}
S(L, "llm_openai", json.dumps(body, ensure_ascii=False), ("kr_rrn", r1), ("email", e1), ("card", c1))
# 114 negative gemini
S(L, "llm_gemini", json.dumps({"contents": [{"role": "user", "parts": [{"text": "ISBN 978-89-01-23456-7 책 줄거리 요약하고, 좌표 37.5665, 126.9780 근처 서점 추천해줘."}]}], "safetyS": {}}, ensure_ascii=False))
# 115 Postman / linear / dockerhub in markdown
pm = postman(); ln = linear(); dh = dockerhub(); npx = npm(); ppx = pypi(); dwx = discord_webhook()
S(L, "markdown", f"""### 인수인계 메모 (퇴사 전 정리)
| 서비스 | 토큰 | 비고 |
|---|---|---|
| Postman | `{pm}` | 팀 워크스페이스 |
| Linear | `{ln}` | 이슈 자동화 |
| Docker Hub | `{dh}` | CI 푸시용 |
| npm | `{npx}` | 사내 패키지 배포 |
| PyPI | `{ppx}` | sdk 업로드 |
| Discord 웹훅 | {dwx} | 장애 알림 채널 |""", ("saas_token", pm), ("saas_token", ln), ("cloud_token", dh), ("npm_token", npx), ("package_registry_token", ppx), ("discord_webhook", dwx))
# 116 square payment token
sq = square()
S(L, "config_env", f"SQUARE_ACCESS_TOKEN={sq}\nSQUARE_ENV=production\nSQUARE_LOCATION=L8K2ZQXY1", ("payment_token", sq))
# 117 GOCSPX google client secret -> generic? and AWS ASIA
gc = gocspx(); ak = aws_key_id("ASIA"); sk = aws_secret()
S(L, "config_json", json.dumps({"web": {"client_id": "812345678901-abc123def456.apps.googleusercontent.com", "client_secret": gc}, "aws": {"accessKeyId": ak, "secretAccessKey": sk, "region": "ap-northeast-2"}}, indent=2), ("generic_secret", gc), ("aws_access_key", ak), ("aws_secret_key", sk))
# 118 e-mail with url creds ftp
pw = password()
S(L, "email", f"""제목: 자료 업로드 경로

안녕하세요, 협력사 업로드는 ftp://partner01:{pw}@files.seolim.co.kr/incoming/ 로 해주시면 됩니다.
문의는 02-3456-7890로 주세요.""", ("url_credentials", pw), ("phone", "02-3456-7890"))
# 119 negative: 해시들
S(L, "config_yaml", """users:
  - name: admin
    password_hash: "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
  - name: viewer
    password_hash: "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
theme_color: "#1e90ff"
""")
# 120 Korean chat with telegram + E.164
tg = telegram(); ph = "+8210" + rnd("0123456789", 8)
proj2 = "seolim-alert-" + str(R.randint(100, 999)); js2, key2 = gcp_sa_json(proj2); line2 = pkline(key2.replace("\\n", "\n"))
S(L, "chat", f"텔레그램 봇 토큰은 {tg} 이고, 알림 받을 번호는 {ph}예요. 새벽엔 알림 끄게 해주세요ㅋㅋ\n그리고 GCP 서비스계정 키 파일 내용 여기 붙일게요:\n{js2}", ("telegram_token", tg), ("phone", ph), ("gcp_credentials", line2), ("private_key", line2), ("email", f"ci-deployer@{proj2}.iam.gserviceaccount.com"))
write_corpus(OUT, sys.argv[1])
