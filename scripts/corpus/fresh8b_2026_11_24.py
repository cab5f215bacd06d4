"""Fresh set 8b (2026-11-24): written by a helper who read only fakegen.py, never the rules
(German 55, Korean 55); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh8b_2026_11_24.py OUT.jsonl
"""
import sys, os, json, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(8802)
OUT = []
S = sample_adder(OUT, "f8b")
# S(lang, kind, text, (type, value), (type, value), ...)

D = string.digits


# ---- local generators (documented formats, fake values) ----
def de_mobile():
    return R.choice(["0151", "0152", "0160", "0170", "0171", "0176", "0157"]) + rnd(D, 8)


def kr_mobile(sep="-"):
    return f"010{sep}{rnd(D, 4)}{sep}{rnd(D, 4)}"


def priv_ip():
    return R.choice([f"10.{R.randint(0, 254)}.{R.randint(0, 254)}.{R.randint(2, 254)}",
                     f"192.168.{R.randint(0, 254)}.{R.randint(2, 254)}",
                     f"172.{R.randint(16, 31)}.{R.randint(0, 254)}.{R.randint(2, 254)}"])


def pub_ip():
    return f"{R.choice([46, 77, 85, 91, 94, 121, 175, 211, 220])}.{R.randint(1, 254)}.{R.randint(1, 254)}.{R.randint(2, 254)}"


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def bcrypt():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


def cohere():
    return rnd_mixed(ALNUM, 40)


def mistral():
    return rnd_mixed(ALNUM, 32)


def toss_sk():  # Toss Payments secret key format
    return "live_sk_" + rnd_mixed(ALNUM, 24)


def adyen_key():
    return "AQE" + rnd_mixed(ALNUM, 20) + "+" + rnd_mixed(ALNUM + "+/", 60) + "="


def naver_secret():
    return rnd_mixed(ALNUM + "_", 10)


def kakao_rest():
    return rnd(HEX, 32)


def jira_token():
    return "ATATT3xFfGF0" + rnd_mixed(ALNUM + "-_", 170) + "=" + rnd(HEX.upper(), 8)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


def ionos_nope():
    return rnd(HEX, 40)


# ---- API body wrappers ----
def J(o):
    return json.dumps(o, ensure_ascii=False, indent=2)


def oa(user, system=None, model="gpt-4o-mini"):
    m = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    return J({"model": model, "messages": m, "temperature": 0.2})


def an(user, system=None, model="claude-sonnet-4-5"):
    o = {"model": model, "max_tokens": 1024}
    if system:
        o["system"] = system
    o["messages"] = [{"role": "user", "content": user}]
    return J(o)


def gm(user):
    return J({"contents": [{"role": "user", "parts": [{"text": user}]}],
              "generationConfig": {"temperature": 0.4, "maxOutputTokens": 800}})


def ol(user, model="llama3.1:8b"):
    return J({"model": model, "stream": False, "messages": [{"role": "user", "content": user}]})


def oa_tool(user, fn, args, result=None):
    m = [{"role": "user", "content": user},
         {"role": "assistant", "content": None, "tool_calls": [{"id": "call_" + rnd(ALNUM, 24), "type": "function",
          "function": {"name": fn, "arguments": json.dumps(args, ensure_ascii=False)}}]}]
    if result is not None:
        m.append({"role": "tool", "tool_call_id": m[1]["tool_calls"][0]["id"], "content": result})
    return J({"model": "gpt-4.1", "messages": m})


def an_tool(user, fn, inp, result):
    tid = "toolu_01" + rnd(ALNUM, 22)
    return J({"model": "claude-sonnet-4-5", "max_tokens": 2048, "messages": [
        {"role": "user", "content": user},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": fn, "input": inp}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": result}]}]})


# =====================================================================
# GERMAN (55)
# =====================================================================
# --- human-written (33) ---
ib = iban("DE"); ph = "+49 " + de_mobile()[1:4] + " " + rnd(D, 7); em = "j.hoffmann@gmx.de"
S("de", "prose", f"""Betreff: Neue Bankverbindung für die Gehaltsabrechnung

Hallo Frau Schuster,

ab dem 1. Dezember läuft mein Gehalt bitte auf mein neues Konto bei der DKB:
IBAN {iban_spaced(ib)}
Kontoinhaber: Jonas Hoffmann

Falls Rückfragen sind, erreichen Sie mich unter {ph} oder per Mail an {em}.

Viele Grüße
Jonas Hoffmann (Personalnr. 004217)""", ("iban", iban_spaced(ib)), ("phone", ph), ("email", em))

sid = de_steuer_id(); sid_f = f"{sid[:2]} {sid[2:5]} {sid[5:8]} {sid[8:]}"
S("de", "prose", f"""Hi Team Lohnbuchhaltung,
ich habe im Oktober die Lohnsteuerklasse gewechselt. Meine steuerliche Identifikationsnummer ist {sid_f} –
die alte Nummer im System (Personalnummer 88-1932) bleibt ja gleich, oder?
Danke, Melanie Krüger""", ("de_steuer_id", sid_f))

cd = card("visa"); cdf = fmt_card(cd)
S("de", "chat", f"""[09:14] Sabine: kannst du schnell die Hotelbuchung für Hamburg machen?
[09:15] Tom: klar, mit welcher Karte?
[09:15] Sabine: Firmenkarte: {cdf}, gültig bis 08/28, Prüfziffer 417
[09:16] Tom: ok erledigt, Buchungsnr. HH-2025-118734
[09:16] Sabine: 👍 danke""", ("card", cdf))

S("de", "prose", """Sehr geehrte Damen und Herren,

vielen Dank für Ihre Zahlung. Die Rechnung RE-2025-004711 über 1.249,00 € wurde mit der
Kreditkarte **** **** **** 4242 beglichen. Ihre Kundennummer lautet KD-77120394.
Die Sendung ist unterwegs, Sendungsnummer 00340434161094027318 (DHL).

Mit freundlichen Grüßen
Ihr Kundenservice""")

ph1 = "0" + de_mobile()[1:]; ph1f = ph1[:4] + "/" + ph1[4:]
em1 = "anna.meier@t-online.de"
S("de", "prose", f"""Ticket #48213 – Kunde kann sich nicht einloggen
Kunde: Anna Meier, geb. 14.03.1987
Kontakt: {em1}, Tel. {ph1f}
Beschreibung: Kundin hat Passwort zurückgesetzt, bekommt aber keine Mail. Bitte Spam-Ordner prüfen lassen.
Priorität: mittel""", ("email", em1), ("phone", ph1f))

ib2 = iban("DE"); nm_ph = "+49 (0)89 " + rnd(D, 3) + " " + rnd(D, 4)
S("de", "prose", f"""Schadensmeldung Hausratversicherung – Vertragsnr. HR 5512-883-01

Versicherungsnehmer: Klaus Bergmann
Schadenstag: 03.11.2025, Wasserschaden Küche
Geschätzte Schadenshöhe: ca. 2.800 EUR
Auszahlung bitte auf: {ib2}
Rückruf erwünscht unter {nm_ph} (tagsüber)""", ("iban", ib2), ("phone", nm_ph))

pw = password()
S("de", "chat", f"""Moritz: hey, das WLAN-Passwort im Büro wurde geändert
Moritz: neues PW: {pw}
Lea: danke! gilt das auch fürs Gäste-Netz?
Moritz: nein, Gäste-Netz bleibt "Gast2024" bis Jahresende""", ("password", pw), ("password", "Gast2024"))

S("de", "prose", """Protokoll Teammeeting 18.11.
Teilnehmer: AB, CK, MR, TS
1. Release 4.12.0 verschoben auf KW 49 (Build 4.12.0-rc.3, Commit 9f2c1e7a4b0d3c8e6f1a2b3c4d5e6f7a8b9c0d1e)
2. Ticket JIRA-5521: Timeout im Checkout, Ursache: Datenbank-Lock
3. Nächstes Meeting: Di, 25.11., 10:00 Uhr, Raum 3.14
Action Items: CK prüft Monitoring, MR aktualisiert Runbook.""")

ph3 = "030 " + rnd(D, 3) + " " + rnd(D, 2) + " " + rnd(D, 2); ip3 = pub_ip()
S("de", "prose", f"""Kundenservice-Gesprächsnotiz (Transkript, automatisch)
Agent: Guten Tag, Sie sprechen mit Frau Lehmann von der Stadtwerke-Hotline.
Kunde: Ja, hallo, mein Router zeigt seit gestern keine Verbindung. Die externe IP war immer {ip3}.
Agent: Unter welcher Nummer erreichen wir Sie für den Techniker?
Kunde: Festnetz geht ja nicht, also mobil … äh, nein, doch lieber Büro: {ph3}.
Agent: Notiert. Ihre Vertragsnummer ist 400-1187-22, richtig?
Kunde: Genau.""", ("ip_address", ip3), ("phone", ph3))

sid2 = de_steuer_id(); ib3 = iban("DE"); ib3s = iban_spaced(ib3)
S("de", "table", f"""Mitarbeiter;Personalnr;Steuer-ID;Steuerklasse;IBAN;Eintritt
Weber, Lisa;004512;{sid2};1;{ib3s};01.04.2021
Schmitt, Paul;004513;(folgt);3;(folgt);15.11.2025""", ("de_steuer_id", sid2), ("iban", ib3s))

sid3 = de_steuer_id(); ib4 = iban("DE")
ocr_sid = sid3[:3] + " " + sid3[3:7] + " " + sid3[7:]
ib4o = ib4[:4] + " " + ib4[4:8] + "  " + ib4[8:12] + " " + ib4[12:16] + " " + ib4[16:20] + " " + ib4[20:]
S("de", "prose", f"""Finanzamt München     Steuernummer 143/ 211/ 40567
Bescheid   für   2024  über  Einkommen steuer
Herrn
Stefan  Wagner
Identifikationsnummer :  {ocr_sid}
Erstattung: 1.123,40 €  wird überwiesen auf
IBAN   {ib4o}
BIC  BYLADEMMXXX""", ("de_steuer_id", ocr_sid), ("iban", ib4o))

S("de", "table", """| Pos | Artikel | Menge | Preis | Bestellnr |
|---|---|---|---|---|
| 1 | USB-C Dock | 2 | 129,00 € | B-2025-118872 |
| 2 | Monitorarm | 1 | 59,90 € | B-2025-118873 |
Summe: 317,90 € (inkl. 19 % MwSt), USt-IdNr. DE811234567, HRB 98765 Amtsgericht Köln""")

em5 = "dr.schulze@praxis-schulze.de"; ph5 = "+49 221 " + rnd(D, 7)
S("de", "prose", f"""Anamnesebogen – Praxis Dr. Schulze
Name: Petra Vogel   Geb.: 22.07.1969
Krankenkasse: TK   Versichertennr.: T849203711
Allergien: Penicillin
Hausarzt-Rückfragen an {em5} oder {ph5}
Unterschrift: ____________""", ("email", em5), ("phone", ph5))

ph6 = "+49 " + de_mobile()[1:]; ph6b = "0911 " + rnd(D, 6); em6 = "elternbeirat.gs-nord@web.de"
S("de", "prose", f"""Anmeldung Nachmittagsbetreuung – Grundschule Nord
Kind: Emil Braun, Klasse 2a
Erziehungsberechtigte: Katrin Braun, mobil {ph6}
Notfallkontakt (Oma): {ph6b}
Kopie bitte an {em6}""", ("phone", ph6), ("phone", ph6b), ("email", em6))

gh = github("ghp_")
S("de", "chat", f"""@Felix kannst du mal den Build anschauen? Ich hab den Token aus Versehen in die Pipeline-Variable geschrieben:
GITHUB_TOKEN={gh}
Bitte rotieren, ich hab keine Admin-Rechte im Repo.""", ("github_token", gh))

S("de", "prose", """Hallo ChatGPT, schreib mir bitte eine höfliche Absage an einen Bewerber. Der Bewerber heißt Herr Yilmaz,
die Stelle ist 'Junior Controller (m/w/d)', Referenz-Nr. JOB-2025-0412. Bitte keine Gründe nennen, kurz und freundlich.""")

ib7 = iban("AT"); ib8 = iban("DE")
S("de", "prose", f"""Kannst du mir helfen, einen Dauerauftrag-Text zu formulieren? Ich überweise jeden Monat 450 € Miete von
meinem Konto {ib8} auf das Konto meines Vermieters in Salzburg ({ib7}). Verwendungszweck soll 'Miete Whg 3, Top 12' sein.""",
  ("iban", ib8), ("iban", ib7))

S("de", "prose", """Sehr geehrter Herr Neumann,
Ihre Kfz-Versicherung (Schein-Nr. 77-442190-X) wurde zum 01.01.2026 angepasst. Der neue Beitrag beträgt 412,80 € jährlich.
Die Abbuchung erfolgt wie gewohnt per SEPA-Lastschrift, Mandatsreferenz MR-000392817, Gläubiger-ID DE98ZZZ09999999999.
Ihre Bankverbindung endet auf …4410.""")

pw9 = password_random(12); em9 = "it-support@baeckerei-hansen.de"
S("de", "prose", f"""Von: {em9}
An: alle
Betreff: Neuer Zugang Warenwirtschaft

Moin zusammen,
der neue Login für die Kasse ist ab morgen aktiv. Benutzer: filiale3, Passwort: {pw9}
Bitte nicht auf Zettel an den Monitor kleben!! Beim ersten Login wird ein neues Passwort verlangt.
Gruß, Jens""", ("email", em9), ("password", pw9))

S("de", "log", """2025-11-21T08:12:44Z INFO  auth-service  user=uid:55120 login ok session=3f9a2c1e-8b7d-4e6f-a1b2-c3d4e5f60718
2025-11-21T08:12:45Z WARN  auth-service  password policy: hash=$2b$12$Kq3mQe7vNw8XhL0pZr5TuO5dWl1fYc9bG2sH4jK6mN8pQr0tVx2yC
2025-11-21T08:12:46Z INFO  gateway       GET /api/v2/orders/ORD-99821 200 43ms client=127.0.0.1""")

ip10 = priv_ip(); ip11 = pub_ip()
S("de", "log", f"""Nov 21 09:41:02 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC={ip11} DST={ip10} PROTO=TCP SPT=51544 DPT=22
Nov 21 09:41:05 fw01 sshd[2211]: Failed password for invalid user admin from {ip11} port 51544 ssh2
Nov 21 09:41:06 fw01 sshd[2211]: Netmask 255.255.255.0, gateway 192.0.2.1 (Doku-Netz)""", ("ip_address", ip11), ("ip_address", ip10))

S("de", "prose", """Hallo, ich möchte meine Kreditkarte sperren lassen. Die Karte endet auf 4821, Ablaufdatum 09/27.
Ich habe sie gestern in der S-Bahn verloren. Meine Kundennummer habe ich gerade nicht zur Hand.""")

ph12 = "+49 40 " + rnd(D, 4) + "-" + rnd(D, 3); em12 = "sven.ott@ott-logistik.de"
S("de", "prose", f"""Mit freundlichen Grüßen

Sven Ott
Geschäftsführer
Ott Logistik GmbH · Hafenstraße 12 · 20457 Hamburg
Tel.: {ph12} · Fax: +49 40 1234-999 (nur Faxeingang Zentrale)
{em12} · www.ott-logistik.de
Amtsgericht Hamburg HRB 145522 · USt-IdNr. DE299887766""", ("phone", ph12), ("phone", "+49 40 1234-999"), ("email", em12))

S("de", "config", """# .env.example – NICHT die echten Werte eintragen, siehe Vault
DATABASE_URL=postgres://<user>:<password>@localhost:5432/app
STRIPE_PUBLISHABLE_KEY=pk_live_51NfAkeOnlyForDocsXXXXXXXXXXXXXXXX
STRIPE_SECRET_KEY=sk_live_...
OPENAI_API_KEY=${OPENAI_API_KEY}
SMTP_PASSWORD=xxxxxxxx""")

db_pw = password_random(16); url = f"postgresql://app_rw:{db_pw}@db-prod-01.intern.example-firma.de:5432/shop"
S("de", "config", f"""# application-prod.properties (Kopie aus Ticket OPS-3321, bitte löschen nach Migration)
spring.datasource.url=jdbc:{url}
spring.jpa.hibernate.ddl-auto=validate
server.port=8443""", ("url_credentials", url))

ib13 = iban("DE"); cd13 = card("mc")
S("de", "prose", f"""Betreff: Re: Rückerstattung Bestellung 302-5523981-1120

Hallo,
leider wurde die Rückerstattung auf die falsche Karte gebucht. Ich hatte mit {cd13} bezahlt, nicht mit
der Karte, die auf 1881 endet. Alternativ können Sie auch auf {ib13} überweisen.
Danke, Ingrid Falk""", ("card", cd13), ("iban", ib13))

S("de", "prose", """Hinweis zur Dokumentation: Eine IBAN hat in Deutschland 22 Stellen, z. B. DE89 3704 0044 0532 0130 00
(Beispiel-IBAN aus der Bundesbank-Doku). Die Steuer-ID besteht aus 11 Ziffern, Beispiel: 12 345 678 901 (ungültig).""")

em14 = "m.aydin@posteo.de"; ph14 = "0176 " + rnd(D, 8)
S("de", "chat", f"""WhatsApp-Export, Gruppe "Umzug Aydin"
21.11.25, 18:02 - Mehmet: Hier nochmal meine Nummer für den Umzugswagen: {ph14}
21.11.25, 18:03 - Mehmet: und Mail für die Rechnung {em14}
21.11.25, 18:05 - Ali: Wagen ist reserviert, Reservierungsnr. 7781-AX
21.11.25, 18:06 - Ali: 🚚""", ("phone", ph14), ("email", em14))

S("de", "prose", """Bitte fasse das folgende Meeting zusammen: Wir haben über die Q4-Zahlen gesprochen, der Umsatz lag bei 4,2 Mio €,
Marge 18 %. Die Kostenstelle 4711 überschreitet das Budget um 12 %. Vertriebsleitung soll bis 05.12. einen Plan vorlegen.""")

ip15 = priv_ip(); ssh = openssh_key()
S("de", "prose", f"""Hi Jana, hier wie besprochen der Deploy-Key für den Staging-Server ({ip15}), bitte in ~/.ssh/ ablegen:

{ssh}

Danach `ssh deploy@{ip15}` – Passwort-Login ist deaktiviert.""", ("ip_address", ip15), ("private_key", ssh))

S("de", "table", """Datum,Vorgang,Betrag,Referenz
2025-11-01,Lastschrift Stadtwerke,-84.20,SEPA-REF 2025110100042
2025-11-03,Gutschrift Gehalt,3120.55,LOHN 11/2025
2025-11-07,Kartenzahlung REWE,-56.13,Karte ****7731
2025-11-10,Überweisung,-450.00,Miete Nov""")

ph16 = "+49 " + de_mobile()[1:4] + " " + rnd(D, 4) + " " + rnd(D, 4)
S("de", "prose", f"""Sehr geehrte Frau Dr. Hartmann,
die Ergebnisse der Blutuntersuchung liegen vor. Bitte vereinbaren Sie einen Termin zur Besprechung.
Für Rückfragen erreichen Sie die Praxis unter {ph16} (Mo–Fr 8–12 Uhr).
Befundnummer: LAB-2025-88172""", ("phone", ph16))

# --- German, wrapped in LLM API requests (22) ---
ib17 = iban("DE"); ph17 = "0" + de_mobile()[1:]
S("de", "json", oa(f"Formuliere eine Mahnung an Herrn Peters. Er schuldet 380 € für Rechnung 2025-117. Zahlung bitte auf {ib17}. Er ist unter {ph17} erreichbar.",
                   "Du bist ein Assistent für Buchhaltung."), ("iban", ib17), ("phone", ph17))

sid18 = de_steuer_id(); em18 = "laura.becker@icloud.com"
S("de", "json", an(f"Ich fülle gerade die Anlage N aus. Meine Steuer-ID {sid18} – wo trage ich die ein? Und kann das Finanzamt mir an {em18} schreiben?"),
  ("de_steuer_id", sid18), ("email", em18))

S("de", "json", gm("Erkläre mir den Unterschied zwischen Bestellnummer 4500012345 und Lieferschein LS-88213 in SAP. Unsere Material-ID ist 100-200-300."))

S("de", "json", ol("Schreibe ein Python-Skript, das UUIDs wie 550e8400-e29b-41d4-a716-446655440000 validiert und SHA-256 Hashes (z. B. e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855) erkennt."))

oak = openai_proj()
S("de", "json", oa(f"Warum bekomme ich 401? Mein Code:\n\nimport openai\nclient = openai.OpenAI(api_key=\"{oak}\")\nclient.models.list()"),
  ("openai_key", oak))

ak = anthropic(); akid = aws_key_id(); aks = aws_secret()
S("de", "json", an(f"Hier meine .env, irgendwas stimmt mit dem S3-Upload nicht:\nAWS_ACCESS_KEY_ID={akid}\nAWS_SECRET_ACCESS_KEY={aks}\nAWS_REGION=eu-central-1\nANTHROPIC_API_KEY={ak}",
                   "Du bist ein hilfsbereiter DevOps-Assistent."), ("aws_access_key", akid), ("aws_secret_key", aks), ("anthropic_key", ak))

cd19 = card("visa"); em19 = "f.klein@example.de"
S("de", "json", oa_tool("Buche bitte das Zugticket Berlin–München für morgen 7:30 auf meine Karte.", "book_train_ticket",
                        {"from": "Berlin Hbf", "to": "München Hbf", "date": "2025-11-25", "time": "07:30",
                         "passenger": "Frank Klein", "email": em19, "card_number": cd19, "card_expiry": "11/27"},
                        '{"status":"confirmed","booking_ref":"DB-7HK2QX","price_eur":89.90}'),
  ("email", em19), ("card", cd19))

ib20 = iban("DE"); sid20 = de_steuer_id()
S("de", "json", an_tool("Hol mir die Stammdaten von Mitarbeiter 004512.", "hr_lookup", {"personalnummer": "004512"},
                        f"Name: Lisa Weber\nEintritt: 01.04.2021\nSteuer-ID: {sid20}\nIBAN: {ib20}\nSteuerklasse: 1\nKonfession: rk"),
  ("de_steuer_id", sid20), ("iban", ib20))

S("de", "json", oa_tool("Wo ist mein Paket?", "track_parcel", {"tracking_number": "00340434161094027318", "carrier": "DHL"},
                        '{"status":"in_zustellung","eta":"2025-11-24T14:00:00+01:00","depot":"Hamburg-Billbrook"}'))

sl = slack_webhook()
S("de", "json", gm(f"Mein Alertmanager schickt keine Nachrichten nach Slack. Hier die Config:\nreceivers:\n- name: team-ops\n  slack_configs:\n  - api_url: {sl}\n    channel: '#ops-alerts'"),
  ("slack_webhook", sl))

S("de", "json", oa("Bitte übersetze ins Englische: 'Ihr Zugangscode lautet <IHR-CODE>. Bitte geben Sie ihn niemals weiter. Der API-Schlüssel hat das Format sk-... und ist geheim.'"))

ph21 = "+49 6221 " + rnd(D, 6); em21 = "praxis@dr-roth-heidelberg.de"; ph21b = "+49 " + de_mobile()[1:]
S("de", "json", ol(f"Fasse diesen Arztbrief in einfacher Sprache zusammen:\n\nPatientin: Hannelore Roth, 78 J.\nDiagnose: Vorhofflimmern, Z.n. Apoplex 2023\nMedikation: Apixaban 5 mg 1-0-1\nAngehörige: Tochter Birgit, {ph21b}\nRückfragen: {ph21}, {em21}"),
  ("phone", ph21b), ("phone", ph21), ("email", em21))

hk = hf()
S("de", "json", an(f"Beim Download von meta-llama/Llama-3.1-8B kommt 403. Ich nutze `huggingface-cli login --token {hk}`. Was fehlt?"),
  ("huggingface_token", hk))

S("de", "json", J({"model": "gpt-4o", "messages": [
    {"role": "system", "content": "Antworte knapp."},
    {"role": "user", "content": "Welche Version ist aktuell? Wir haben 2.14.3 und Image nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"}],
    "user": "org-4f2a9c", "metadata": {"request_id": "req_8b3e1f2a9c7d4e5f"}}))

pw22 = password(); em22 = "t.brandt@stadtverwaltung-musterstadt.de"
S("de", "json", oa(f"Schreib mir eine Mail an die IT: Mein Passwort {pw22} funktioniert seit dem Update nicht mehr. Absender ist {em22}."),
  ("password", pw22), ("email", em22))

ip23 = priv_ip(); ip24 = priv_ip()
S("de", "json", oa_tool("Prüfe, ob der Datenbankserver erreichbar ist.", "ping_host", {"host": ip23, "count": 3},
                        f"PING {ip23}: 3 packets transmitted, 3 received, 0% loss, rtt avg 0.41 ms; via gateway {ip24}"),
  ("ip_address", ip23), ("ip_address", ip24))

S("de", "json", an("Was bedeutet dieser bcrypt-Hash: $2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy? Ist das sicher gespeichert? Und ist 'pk_live_' ein geheimer Schlüssel?"))

stk = stripe("sk_live_")
S("de", "json", gm(f"Warum schlägt der Webhook fehl?\n\nconst stripe = require('stripe')('{stk}');\nconst endpointSecret = process.env.STRIPE_WEBHOOK_SECRET;"),
  ("stripe_key", stk))

ib25 = iban("DE"); cd25 = card("mc"); cd25m = cd25[:6] + "******" + cd25[-4:]
S("de", "json", an_tool("Zeig mir die letzte Zahlung von Kunde 77120394.", "get_payment", {"customer_id": "KD-77120394"},
                        f'{{"amount": 1249.00, "currency": "EUR", "card": "{cd25m}", "refund_iban": "{ib25}", "status": "captured"}}'),
  ("iban", ib25))

S("de", "json", ol("Erstelle eine Tabelle mit Beispiel-Daten für einen Testdatensatz: Namen, fiktive Kundennummern (KD-000001 bis KD-000005), Bestellwerte. Keine echten Personen."))

jw = jwt({"sub": "u-55120", "name": "Jonas Hoffmann", "role": "hr-admin", "iat": 1763901234})
S("de", "json", oa(f"Kannst du diesen Token dekodieren? Authorization: Bearer {jw}"), ("jwt", jw))

tg = telegram(); dh = discord_webhook()
S("de", "json", an(f"Ich will die Benachrichtigungen unseres Vereins-Bots von Telegram auf Discord umziehen. Alter Bot-Token: {tg}\nNeuer Webhook: {dh}\nWie portiere ich den Code?"),
  ("telegram_token", tg), ("discord_webhook", dh))

glt = gitlab(); pat = github_pat()
S("de", "json", oa_tool("Spiegel das Repo von GitLab nach GitHub.", "run_shell",
                        {"cmd": f"git clone https://oauth2:{glt}@gitlab.example-firma.de/team/app.git && cd app && git push https://x-access-token:{pat}@github.com/firma/app.git --mirror"}),
  ("url_credentials", f"https://oauth2:{glt}@gitlab.example-firma.de/team/app.git"), ("gitlab_token", glt),
  ("url_credentials", f"https://x-access-token:{pat}@github.com/firma/app.git"), ("github_token", pat))

# =====================================================================
# KOREAN (55)
# =====================================================================
# --- human-written (33) ---
rrn = kr_rrn(); kp = kr_mobile(); kem = "minji.kim@naver.com"
S("ko", "prose", f"""안녕하세요, 인사팀 김민지입니다.
연말정산 서류 제출 관련하여 본인 정보 다시 보내드립니다.
주민등록번호: {rrn}
연락처: {kp}
이메일: {kem}
확인 부탁드립니다. 감사합니다.""", ("kr_rrn", rrn), ("phone", kp), ("email", kem))

rrn2 = kr_rrn(); rrn2s = rrn2.replace("-", "")
S("ko", "chat", f"""[카카오톡] 엄마
오후 3:12 엄마: 아들 보험 가입하는데 주민번호 뭐였지?
오후 3:14 나: {rrn2s}
오후 3:14 나: 근데 카톡으로 이런 거 보내면 안 돼 ㅠ
오후 3:15 엄마: 알았어 지울게""", ("kr_rrn", rrn2s))

S("ko", "prose", """[주문 완료 안내]
주문번호: 20251121-0048213
결제수단: 신한카드 (****-****-****-3391)
배송지: 서울특별시 마포구 ○○로 12
운송장번호: 6892-1123-4471 (CJ대한통운)
고객센터: 1588-1255""", ("phone", "1588-1255"))

kc = card("visa"); kcf = fmt_card(kc, "-")
S("ko", "prose", f"""고객센터 상담 내역
상담원: 안녕하세요 ○○카드입니다. 무엇을 도와드릴까요?
고객: 해외결제가 자꾸 거절돼서요. 카드번호는 {kcf} 이고요.
상담원: 확인해 보니 해외결제 차단이 설정되어 있습니다. 해제해 드릴까요?
고객: 네 해제해 주세요.""", ("card", kcf))

kib_acct = "110-" + rnd(D, 3) + "-" + rnd(D, 6); kp2 = "010 " + rnd(D, 4) + " " + rnd(D, 4)
S("ko", "prose", f"""급여 계좌 변경 신청서
성명: 박준호   사번: 2019-0342
변경 전 계좌: 국민은행 (기존)
변경 후 계좌: 신한은행 {kib_acct}
연락처: {kp2}
신청일: 2025년 11월 20일""", ("phone", kp2))
# bank account numbers without an IBAN: no type in the list -> not labelled

rrn3 = kr_rrn(); rrn3o = rrn3[:6] + " - " + rrn3[7:]
S("ko", "prose", f"""건 강 보 험  자 격 득 실 확 인 서
성    명 :  이 서 연
주민등록번호 :  {rrn3o}
사업장명칭 : (주)한빛소프트       가입일 : 2021 .03 .02
발급번호 : 2025-1121-0039-4471""", ("kr_rrn", rrn3o))

S("ko", "prose", """이번 달 회의록 (11/19)
- 참석: 기획팀 3명, 개발팀 4명
- v3.2.1 배포는 다음 주 화요일로 연기 (커밋 a3f9c21, 빌드 #4471)
- 결제 모듈 버그: 이슈 PAY-1182
- 다음 회의: 11/26 (수) 오후 2시, 7층 회의실""")

kem4 = "hr@hanbit-soft.co.kr"; kp4 = "02-" + rnd(D, 4) + "-" + rnd(D, 4)
S("ko", "prose", f"""From: {kem4}
제목: [인사팀] 2025년 연말정산 안내

임직원 여러분, 연말정산 간소화 자료를 12월 15일까지 제출해 주시기 바랍니다.
문의: 인사팀 내선 2231 또는 {kp4}""", ("email", kem4), ("phone", kp4))

rrn5 = kr_rrn(); kp5 = "+82 10-" + rnd(D, 4) + "-" + rnd(D, 4)
S("ko", "table", f"""| 이름 | 주민등록번호 | 전화번호 | 부서 |
|---|---|---|---|
| 최유진 | {rrn5} | {kp5} | 마케팅 |
| 정하늘 | 950101-2****** | 010-****-1234 | 영업 |""", ("kr_rrn", rrn5), ("phone", kp5))

S("ko", "prose", """주민등록번호 형식 안내: 앞 6자리는 생년월일(YYMMDD), 뒤 7자리 중 첫 자리는 성별입니다.
예시: 900101-1234567 (예시용, 실제 번호 아님). 입력 시 하이픈(-)은 생략 가능합니다.""")

kp6 = kr_mobile(); kp6b = "031-" + rnd(D, 3) + "-" + rnd(D, 4)
S("ko", "prose", f"""가정통신문 회신서 (3학년 2반)
학생명: 오지훈
보호자명: 오세영 (관계: 부)
보호자 연락처: {kp6}
비상연락처(조모): {kp6b}
현장체험학습 참가에 동의합니다. ☑""", ("phone", kp6), ("phone", kp6b))

kpw = password()
S("ko", "chat", f"""팀장님: 공유 드라이브 관리자 비번 바뀌었어요?
나: 네 오늘 아침에 바꿨습니다. 새 비밀번호는 {kpw} 입니다
팀장님: ㅇㅋ 메모해둘게요
나: 메모 말고 1Password에 넣어주세요 ㅎㅎ""", ("password", kpw))

kc7 = card("amex"); kc7f = fmt_card(kc7)
S("ko", "prose", f"""출장비 정산 요청
- 출장지: 싱가포르 (11/10~11/13)
- 항공권: 412,000원 (법인카드 {kc7f} 결제)
- 숙박: 680,000원 (영수증 첨부)
- 결재 요청드립니다.""", ("card", kc7f))

S("ko", "log", """2025-11-21 10:22:01.331 INFO  [order-api] 주문 생성 orderId=ORD-20251121-88213 userId=u_5512 amount=39000
2025-11-21 10:22:01.402 INFO  [pay-gw]    승인 완료 tid=T20251121102201A8821 card=5412-75**-****-1102
2025-11-21 10:22:01.517 DEBUG [trace]     traceId=4bf92f3577b34da6a3ce929d0e0e4736 spanId=00f067aa0ba902b7""")

kip = pub_ip(); kip2 = priv_ip()
S("ko", "log", f"""[보안경보] 2025-11-21 03:14:22 비정상 로그인 시도 탐지
계정: admin / 접속 IP: {kip} (해외)
내부 대상 서버: {kip2}:3389
조치: IP 차단 완료, 담당자 확인 필요""", ("ip_address", kip), ("ip_address", kip2))

rrn8 = kr_rrn(); kp8 = kr_mobile()
S("ko", "prose", f"""진료 신청서 (초진)
성명: 한미경    성별: 여
주민번호: {rrn8}
휴대폰: {kp8}
과거력: 고혈압(2019~), 당뇨 없음
복용약: 암로디핀 5mg
보험: 국민건강보험""", ("kr_rrn", rrn8), ("phone", kp8))

S("ko", "prose", """ChatGPT야, 우리 회사 신입사원 환영 메시지 좀 써줘. 회사 이름은 한빛소프트고, 입사일은 12월 1일이야.
분위기는 밝게, 3~4문장 정도로 부탁해.""")

kem9 = "jh.lee@gmail.com"; kp9 = kr_mobile(""); kc9 = card("mc")
S("ko", "prose", f"""이거 환불 요청 메일 좀 정중하게 다듬어 줘:
'주문번호 2025112100391 환불해주세요. 결제한 카드는 {kc9}이고 연락은 {kp9}나 {kem9}로 주세요. 빨리 처리 안 되면 소보원에 신고할게요'""",
  ("card", kc9), ("phone", kp9), ("email", kem9))

rrn10 = kr_rrn(1988, 5)  # foreigner registration number uses the same layout/check digit
S("ko", "prose", f"""외국인 근로자 등록 현황
성명: NGUYEN VAN AN (베트남)
외국인등록번호: {rrn10}
체류자격: E-9   만료일: 2026-08-31""", ("kr_rrn", rrn10))

S("ko", "table", """사업자등록번호,상호,대표자,업태
214-86-12345,(주)한빛소프트,홍길동,서비스
120-81-47521,○○상사,김철수,도소매
※ 사업자등록번호는 공개 정보입니다""")

kgh = github("ghp_"); kip11 = priv_ip()
S("ko", "chat", f"""#dev-backend
민수: 배포 서버({kip11})에서 private repo clone이 안 돼요
지현: 토큰 만료됐을 거예요. 임시로 제 거 쓰세요 {kgh}
민수: 감사합니다 끝나면 알려드릴게요
지현: 쓰고 바로 revoke 할게요""", ("ip_address", kip11), ("github_token", kgh))

S("ko", "prose", """[알림] 고객님의 택배가 배송 완료되었습니다.
운송장: 5583-2291-0041
수령 위치: 문 앞
배송기사 연락처는 개인정보 보호를 위해 안심번호(0504-XXXX-XXXX)로 제공됩니다.""")

kdb = password_random(14); kurl = f"mysql://svc_batch:{kdb}@10.20.3.15:3306/settlement"
S("ko", "config", f"""# 정산 배치 설정 (운영)
spring:
  datasource:
    url: jdbc:{kurl}
    hikari:
      maximum-pool-size: 20
batch:
  cron: "0 30 2 * * *"   # 매일 02:30""", ("url_credentials", kurl), ("ip_address", "10.20.3.15"))

kem12 = "sales@daehan-trading.co.kr"; kp12 = "+82-2-" + rnd(D, 3) + "-" + rnd(D, 4); kp12b = "+82-10-" + rnd(D, 4) + "-" + rnd(D, 4)
S("ko", "prose", f"""감사합니다.

대한무역(주) 해외영업팀
과장 윤성민
T. {kp12}  M. {kp12b}
E. {kem12}
서울시 중구 세종대로 110""", ("phone", kp12), ("phone", kp12b), ("email", kem12))

S("ko", "prose", """보험금 청구 접수 완료 안내
접수번호: CLM-2025-1121-00873
청구금액: 1,240,000원
지급계좌: 국민은행 ***-**-****-182 (고객님 등록 계좌)
처리 예정일: 영업일 기준 3일 이내""")

rrn13 = kr_rrn(); kc13 = card("visa"); kp13 = kr_mobile()
S("ko", "prose", f"""신용카드 발급 신청서 (스캔본)
성  명 : 강 동 원      영문 : KANG DONG WON
주민등록번호 {rrn13[:6]}-{rrn13[7:]}
휴 대 폰  {kp13}
결제계좌 자동이체 / 기존카드 {kc13}
서명  (인)""", ("kr_rrn", rrn13), ("phone", kp13), ("card", kc13))

S("ko", "chat", """고객: 비밀번호를 잊어버렸어요
상담봇: 본인 확인을 위해 가입하신 휴대폰 번호 뒷자리 4자리를 입력해 주세요.
고객: 1234
상담봇: 인증번호 6자리를 발송했습니다. (유효시간 3분)
고객: 482913""")

kem14 = "yuna.song@kakao.com"
S("ko", "prose", f"""교수님 안녕하세요, 컴퓨터공학과 20211234 송유나입니다.
과제 제출 기한 연장 관련하여 문의드립니다. 병원 진단서 첨부합니다.
회신은 {kem14}로 부탁드립니다.
감사합니다.""", ("email", kem14))

S("ko", "table", """상품코드	상품명	수량	단가	비고
P-00123	무선 마우스	10	25,000	v2.1
P-00124	USB 허브	5	18,000	SKU 8809123456789
합계			340,000	부가세 포함""")

kslk = slack_bot()
S("ko", "config", f"""# 알림 봇 설정 - 절대 커밋 금지
SLACK_BOT_TOKEN="{kslk}"
SLACK_CHANNEL=C0123ABCDEF
SENTRY_DSN=https://<public-key>@o0.ingest.sentry.io/0""", ("slack_token", kslk))

rrn15 = kr_rrn(); kp15 = kr_mobile(".")
S("ko", "prose", f"""임대차 계약서 특약사항 초안 검토 부탁드립니다.
임차인: 장민호 (주민등록번호 {rrn15}), 연락처 {kp15}
보증금 5,000만원, 월세 60만원, 관리비 별도
계약기간: 2026.01.01 ~ 2027.12.31""", ("kr_rrn", rrn15), ("phone", kp15))

S("ko", "prose", """[OTP 안내] 인증번호 [739204]를 입력해 주세요. 타인에게 절대 알려주지 마세요.
본 메시지는 발신전용입니다. 문의 1599-0000""", ("phone", "1599-0000"))

kpem = pem("ec")
S("ko", "prose", f"""안녕하세요 인프라팀입니다. 요청하신 TLS 인증서 개인키 전달드립니다. 메일 확인 후 바로 삭제 부탁드립니다.

{kpem}

인증서(공개)는 위키에 올려두었습니다.""", ("private_key", kpem))

# --- Korean, wrapped in LLM API requests (22) ---
rrn16 = kr_rrn(); kp16 = kr_mobile()
S("ko", "json", oa(f"다음 고객 정보로 보험 가입 안내 문자를 작성해 줘: 이름 김태희, 주민번호 {rrn16}, 휴대폰 {kp16}",
                   "당신은 보험사 상담 도우미입니다."), ("kr_rrn", rrn16), ("phone", kp16))

S("ko", "json", an("주문번호 20251121-0048213 배송이 늦어요. 운송장 6892-1123-4471 조회해 주실 수 있나요? 결제는 ****-****-****-3391 카드로 했어요."))

kem17 = "park.sj@samsung-example.co.kr"
S("ko", "json", gm(f"이 메일 영어로 번역해줘: '박상준 책임님, 회의 자료 공유드립니다. 문의는 {kem17}로 부탁드립니다.'"), ("email", kem17))

S("ko", "json", ol("파이썬으로 주민등록번호 유효성 검사 함수 만들어 줘. 테스트 입력은 '######-#######' 형식의 더미 문자열로 해 줘.", "qwen2.5:7b"))

ggk = google_key()
S("ko", "json", oa(f"구글 맵 API가 REQUEST_DENIED를 반환해요. 키는 {ggk} 이고 HTTP 리퍼러 제한 걸어 뒀어요. 원인이 뭘까요?"),
  ("google_api_key", ggk))

rrn18 = kr_rrn(); kp18 = kr_mobile(); kem18 = "hana.choi@hanmail.net"
S("ko", "json", oa_tool("최하나 고객 정보 조회해줘", "crm_lookup", {"customer_name": "최하나"},
                        json.dumps({"name": "최하나", "rrn": rrn18, "mobile": kp18, "email": kem18, "grade": "VIP"}, ensure_ascii=False)),
  ("kr_rrn", rrn18), ("phone", kp18), ("email", kem18))

kc19 = card("visa"); kp19 = kr_mobile()
S("ko", "json", an_tool("어제 결제한 내역 취소해 줘", "cancel_payment", {"card_number": kc19, "amount": 39000, "approval_no": "30018821"},
                        f"취소 완료. 승인번호 30018821, 취소금액 39,000원. 알림톡 발송: {kp19}"),
  ("card", kc19), ("phone", kp19))

dop = do_token()
S("ko", "json", gm(f"도커 배포 스크립트 검토 부탁해요\n\nexport DIGITALOCEAN_TOKEN={dop}\ndoctl kubernetes cluster kubeconfig save prod-sgp1"),
  ("cloud_token", dop))

S("ko", "json", J({"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "이 커밋 해시 의미가 뭐야? 3e7b2c9f0a1d4e5b6c7d8e9f0a1b2c3d4e5f6a7b, 그리고 버전 1.0.0-beta.2 다음은 뭐야?"}],
    "user": "a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"}))

gsa, gkey = gcp_sa_json("hanbit-prod-4471"); gkey = json.dumps(gkey)[1:-1]  # escaped again inside the request body
gemail = "ci-deployer@hanbit-prod-4471.iam.gserviceaccount.com"
S("ko", "json", an(f"이 서비스 계정 키로 GCS 업로드가 403 나요. 권한 뭐가 필요해요?\n\n{gsa}"),
  ("gcp_credentials", gkey), ("private_key", gkey), ("email", gemail))

kp20 = kr_mobile(); kp20b = "02-" + rnd(D, 3) + "-" + rnd(D, 4)
S("ko", "json", ol(f"이 상담 녹취를 요약해 줘:\n상담원: 네 ○○통신입니다.\n고객: 인터넷이 끊겨요. 제 번호는 {kp20}이고 집 전화는 {kp20b}예요.\n상담원: 기사님 방문 예약해 드리겠습니다."),
  ("phone", kp20), ("phone", kp20b))

S("ko", "json", oa("API 키를 환경변수로 관리하는 예시 보여줘. 예: OPENAI_API_KEY=<your-api-key>, ANTHROPIC_API_KEY=sk-ant-xxxx 처럼 플레이스홀더로."))

gq = groq()
S("ko", "json", an(f"Groq로 바꿨는데 속도가 안 나와요.\n\nfrom groq import Groq\nclient = Groq(api_key=\"{gq}\")"), ("ai_api_key", gq))

tss = toss_sk()
S("ko", "json", oa(f"토스페이먼츠 결제 승인 API에서 401 UNAUTHORIZED_KEY 오류가 나요. Authorization 헤더에 Basic base64('{tss}:') 넣었는데요."),
  ("payment_token", tss))

kip21 = pub_ip(); kip22 = priv_ip()
S("ko", "json", oa_tool("서버 접속 로그에서 이상한 IP 찾아줘", "search_logs", {"query": "status:401", "since": "24h"},
                        f"3건 발견: {kip21} (401 x 212회), {kip22} (401 x 3회), 127.0.0.1 (health check)"),
  ("ip_address", kip21), ("ip_address", kip22))

S("ko", "json", gm("고객 데이터 마스킹 규칙 정리해줘. 예) 주민번호 900101-1******, 전화 010-****-5678, 카드 1234-56**-****-3456 처럼."))

rrn23 = kr_rrn(); kp23 = kr_mobile(" ")
S("ko", "json", an(f"입원 동의서 내용을 표로 정리해 줘.\n\n환자: 윤정숙 / 주민번호 {rrn23} / 보호자 연락처 {kp23}\n진단명: 우측 대퇴골 골절\n수술 예정일: 2025-11-27",
                   "의료 문서 정리 도우미"), ("kr_rrn", rrn23), ("phone", kp23))

ntk = notion(); dckr = dockerhub()
S("ko", "json", oa_tool("배포 파이프라인 시크릿 등록해 줘", "set_ci_secrets",
                        {"repo": "hanbit/web", "secrets": {"NOTION_TOKEN": ntk, "DOCKERHUB_TOKEN": dckr, "APP_VERSION": "3.2.1"}}),
  ("saas_token", ntk), ("package_registry_token", dckr))

S("ko", "json", J({"contents": [{"role": "user", "parts": [{"text": "다음 로그에서 에러 원인 찾아줘:\nERROR 2025-11-21T02:30:01 batch job=settle-20251121 id=7f3c9a1e-2b4d-4c6e-8f0a-1b2c3d4e5f60 failed: timeout after 30000ms"}]}]}))

kc24 = card("jcb"); kem24 = "tour@jeju-hotel.example.kr"
S("ko", "json", ol(f"호텔 예약 확인 메일 작성해 줘. 고객명 Tanaka Yui, 보증 카드 {fmt_card(kc24)}, 문의처 {kem24}"),
  ("card", fmt_card(kc24)), ("email", kem24))

vlt = vault(); dbx = databricks()
S("ko", "json", an_tool("데이터 파이프라인 자격증명 확인해 줘", "read_file", {"path": "/opt/etl/.env"},
                        f"VAULT_ADDR=https://vault.internal:8200\nVAULT_TOKEN={vlt}\nDATABRICKS_HOST=https://adb-1234567890123456.7.azuredatabricks.net\nDATABRICKS_TOKEN={dbx}"),
  ("cloud_token", vlt), ("cloud_token", dbx))

rrn25 = kr_rrn(); kc25 = card("visa")
S("ko", "json", oa(f"아래 텍스트에서 개인정보를 찾아서 마스킹해 줘:\n\n홍길순님 (주민번호 {rrn25}) 께서 {fmt_card(kc25, '')} 카드로 결제하셨습니다. 주문번호 ORD-88213.",
                   "개인정보 마스킹 도구입니다."), ("kr_rrn", rrn25), ("card", fmt_card(kc25, "")))

write_corpus(OUT, sys.argv[1])
