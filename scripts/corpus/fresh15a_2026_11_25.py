"""Fresh set 15a (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh15a_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, string, urllib.parse, uuid as _uuid
seed(151)
OUT = []
S = sample_adder(OUT, "f15a")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits
UP = string.ascii_uppercase
ZWJ = "\u200d"
FAMILY = "\U0001F468" + ZWJ + "\U0001F469" + ZWJ + "\U0001F467" + ZWJ + "\U0001F466"
COUPLE = "\U0001F469" + ZWJ + "\u2764\ufe0f" + ZWJ + "\U0001F468"
MOMGIRL = "\U0001F469" + ZWJ + "\U0001F467"
COOK = "\U0001F9D1" + ZWJ + "\U0001F373"
RAINBOW = "\U0001F3F3\ufe0f" + ZWJ + "\U0001F308"
NNBSP = "\u202f"


def d(n):
    return rnd(DIG, n)


def b64(s):
    return base64.b64encode(s.encode() if isinstance(s, str) else s).decode()


def rb64(n):
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(n))).decode()


def wrap(s, w=76, sep="\n"):
    return sep.join(s[i:i + w] for i in range(0, len(s), w))


def uid():
    return str(_uuid.UUID(int=R.getrandbits(128), version=4))


def slack_ts():
    return f"{1763400000 + R.randint(0, 99999)}.{d(6)}"


def slack_uid():
    return "U0" + rnd(UP + DIG, 9)


def gmail_msgid():
    return "<CA" + rnd_mixed(ALNUM, 3) + "=" + rnd_mixed(ALNUM + "-_+", 42) + "@mail.gmail.com>"


def dkim(dom, sel, hdrs="From:To:Subject:Date:Message-ID:MIME-Version:Content-Type"):
    b = wrap(rb64(256), 68, "\n\t ")
    return (f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={dom}; s={sel};\n"
            f"\tt={1763400000 + R.randint(0, 99999)}; bh={rb64(32)};\n\th={hdrs};\n\tb={b}")


def fullwidth(s):
    return s.translate(str.maketrans("0123456789-+", "０１２３４５６７８９－＋"))


def ean13(prefix):
    body = prefix + d(12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def yamato():
    body = rnd("123456789", 1) + d(10)
    return body + str(int(body) % 7)


def jp_corp_number():
    base = rnd("123456789", 1) + d(11)
    s = sum(int(c) * (1 if n % 2 == 1 else 2) for n, c in enumerate(reversed(base), start=1))
    return str(9 - s % 9) + base


def nric(prefix):
    while True:
        v = sg_nric()
        if v[0] == prefix:
            return v


def paypal_token():
    return f"access_token$production${rnd(string.ascii_lowercase + DIG, 16)}${rnd(HEX, 32)}"


def pgp_block(kind, nbytes):
    body = wrap(rb64(nbytes), 64)
    crc = rb64(3)
    return f"-----BEGIN PGP {kind}-----\n\n{body}\n={crc}\n-----END PGP {kind}-----"


# =====================================================================================
# EN (25: 16 with labels, 9 hard negatives)
# =====================================================================================

# EN-1 e-mail thread, bank change + NINO, Gmail Received chain
g = iban("GB"); g_sp = iban_spaced(g)
ni = uk_nino(); ni_sp = f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"
t1 = f"020 7946 0{d(3)}"; m1 = f"+44 (0)7700 900{d(3)}"; t2 = f"020 7946 0{d(3)}"
S("en", "prose", f"""Can you check this payroll request looks legit before I action it? Full headers below.

Return-Path: <dana.whitfield@harrowgate-legal.co.uk>
Received: from mail-wr1-f54.google.com (mail-wr1-f54.google.com [209.85.221.54])
        by mx1.brightwater-payroll.co.uk (Postfix) with ESMTPS id 4dG7kq2Ffzz9tVh
        for <payroll@brightwater-payroll.co.uk>; Tue, 18 Nov 2025 10:02:17 +0000 (GMT)
Received: by mail-wr1-f54.google.com with SMTP id ffacd0b85a97d-42b3c8fa0d7so3120115f8f.3
        for <payroll@brightwater-payroll.co.uk>; Tue, 18 Nov 2025 02:02:16 -0800 (PST)
X-Received: by 2002:a05:6000:4021:b0:42b:31a2:9c1e with SMTP id ffacd0b85a97d-42b3c8fa1b2mr14406525f8f.33.1763460136712;
        Tue, 18 Nov 2025 02:02:16 -0800 (PST)
From: Dana Whitfield <dana.whitfield@harrowgate-legal.co.uk>
To: Payroll Team <payroll@brightwater-payroll.co.uk>
Cc: "Raman, Priya" <priya.raman@harrowgate-legal.co.uk>
Reply-To: d.whitfield.home@btinternet.com
Subject: Re: Change of bank details - D Whitfield
Date: Tue, 18 Nov 2025 10:02:04 +0000
Message-ID: {gmail_msgid()}
In-Reply-To: {gmail_msgid()}

Hi all,

Please update my salary account from the December run onwards:

  Account name: Dana M Whitfield
  IBAN: {g_sp}
  NI number: {ni_sp}

The old Barclays account closes on 30 Nov so please don't use it after that.

Kind regards,
Dana

--
Dana Whitfield | Senior Paralegal
Harrowgate Legal LLP
T: {t1}  |  M: {m1}

On Mon, 17 Nov 2025 at 16:45, Raman, Priya <priya.raman@harrowgate-legal.co.uk> wrote:
> Dana - payroll need the new details in writing, just reply to this thread
> and copy me. Thanks, P
>
> Priya Raman, HR Business Partner | {t2}
""", ("email", "dana.whitfield@harrowgate-legal.co.uk"), ("email", "payroll@brightwater-payroll.co.uk"),
  ("email", "priya.raman@harrowgate-legal.co.uk"), ("email", "d.whitfield.home@btinternet.com"),
  ("ip_address", "209.85.221.54"), ("ip_address", "2002:a05:6000:4021:b0:42b:31a2:9c1e"),
  ("iban", g_sp), ("uk_nino", ni_sp), ("phone", t1), ("phone", m1), ("phone", t2))

# EN-2 vCard with SSN in NOTE
c1 = f"+1-312-555-01{d(2)}"; w1 = f"(312) 555-01{d(2)}"; s1 = f"773 555 01{d(2)}"; ssn = us_ssn()
S("en", "config", f"""BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 18.1//EN
N:Okafor;Chidi;;;
FN:Chidi Okafor
ORG:Lakeshore Dental Group;Billing
TITLE:Billing Coordinator
TEL;type=CELL;type=VOICE;type=pref:{c1}
TEL;type=WORK;type=VOICE:{w1} ext. 204
EMAIL;type=INTERNET;type=WORK;type=pref:c.okafor@lakeshoredental.com
EMAIL;type=INTERNET;type=HOME:chidi.okafor88@gmail.com
ADR;type=HOME;type=pref:;;2231 N Kedzie Blvd Apt 3;Chicago;IL;60647;United States
BDAY:1988-04-19
NOTE:Benefits enrollment - SSN {ssn}\\, spouse Adaeze (cell {s1})
REV:2025-11-14T18:22:09Z
UID:{uid().upper()}
END:VCARD""", ("phone", c1), ("phone", w1), ("phone", s1), ("email", "c.okafor@lakeshoredental.com"),
  ("email", "chidi.okafor88@gmail.com"), ("us_ssn", ssn))

# EN-3 Zoom ICS invite with passcode, dial-ins
zid = "8" + d(10); zid_sp = f"{zid[:3]} {zid[3:7]} {zid[7:]}"; zpc = d(6); zpwd = rnd_mixed(ALNUM, 32) + ".1"
direct = f"(917) 555-01{d(2)}"
S("en", "config", f"""BEGIN:VCALENDAR
PRODID:-//zoom.us//iCalendar Event//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VEVENT
DTSTAMP:20251118T091500Z
DTSTART;TZID=America/New_York:20251120T140000
DTEND;TZID=America/New_York:20251120T144500
SUMMARY:Mortgage pre-approval call - Hensley
UID:ZOOM{zid}
TZID:America/New_York
ORGANIZER;CN=Rachel Ngata:mailto:rachel.ngata@summitridge-lending.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Tom Hensley:mailto:tom.hensley@outlook.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=lisa.m.hensley@yahoo.com:mailto:lisa.m.hensley@yahoo.com
LOCATION:https://us06web.zoom.us/j/{zid}?pwd={zpwd}
DESCRIPTION:Rachel Ngata is inviting you to a scheduled Zoom meeting.\\n\\nJoin Zoom Meeting\\nhttps://us06web.zoom.us/j/{zid}?pwd={zpwd}\\n\\nMeeting ID: {zid_sp}\\nPasscode: {zpc}\\n\\n---\\n\\nOne tap mobile\\n+16465588656\\,\\,{zid}#\\,\\,\\,\\,*{zpc}# US (New York)\\n\\n---\\n\\nDial by your location\\n• +1 646 558 8656 US (New York)\\n• +1 301 715 8592 US (Washington DC)\\n\\nQuestions before the call? My direct line is {direct}.\\n
BEGIN:VALARM
TRIGGER:-PT10M
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
END:VCALENDAR""", ("email", "rachel.ngata@summitridge-lending.com"), ("email", "tom.hensley@outlook.com"),
  ("email", "lisa.m.hensley@yahoo.com"), ("password", zpwd), ("password", zpc), ("phone", "+16465588656"),
  ("phone", "+1 646 558 8656"), ("phone", "+1 301 715 8592"), ("phone", direct))

# EN-4 WhatsApp export, card in chat
cv = fmt_card(card("visa")); ven = f"503-555-01{d(2)}"
S("en", "chat", f"""[11/18/25, 9:38:12{NNBSP}PM] Marcus Bell: ok booking the cabin now, site wants a card up front
[11/18/25, 9:38:40{NNBSP}PM] Jess \U0001F332: use mine, I've got the points
[11/18/25, 9:39:02{NNBSP}PM] Jess \U0001F332: {cv}
[11/18/25, 9:39:10{NNBSP}PM] Jess \U0001F332: exp 08/28 cvv 431
[11/18/25, 9:39:31{NNBSP}PM] Marcus Bell: zip?
[11/18/25, 9:39:45{NNBSP}PM] Jess \U0001F332: 97214
[11/18/25, 9:41:07{NNBSP}PM] Marcus Bell: done. confirmation went to jess.ortega.pdx@gmail.com
[11/18/25, 9:41:30{NNBSP}PM] Jess \U0001F332: ty!! venmo me your half, @jess-ortega-7, or just zelle my number {ven}
[11/18/25, 9:42:02{NNBSP}PM] Marcus Bell: \u200e<attached: 00000042-PHOTO-2025-11-18-21-42-02.jpg>""",
  ("card", cv), ("email", "jess.ortega.pdx@gmail.com"), ("phone", ven))

# EN-5 Slack channel export with AWS pair and DB URL
ak = aws_key_id(); sk = aws_secret(); dbpw = rnd_mixed(ALNUM, 18)
dburl = f"postgres://report_ro:{dbpw}@analytics-db.internal.corvid.io:5432/warehouse"
u1, u2 = slack_uid(), slack_uid()
t0 = slack_ts()
msgs = [
    {"type": "message", "user": u1, "text": "anyone know where the old jenkins box creds went? need to pull the nightly report",
     "ts": t0, "client_msg_id": uid(), "team": "T04QWE81ZP",
     "user_profile": {"real_name": "Tom\u00e1s Reyes", "display_name": "tomas", "is_restricted": False}},
    {"type": "message", "user": u2, "text": f"from its env file, pls rotate after:\n```AWS_ACCESS_KEY_ID={ak}\nAWS_SECRET_ACCESS_KEY={sk}\nREPORT_DB_URL={dburl}```",
     "ts": slack_ts(), "thread_ts": t0, "client_msg_id": uid(), "team": "T04QWE81ZP",
     "user_profile": {"real_name": "Hannah Lutz", "display_name": "hlutz", "is_restricted": False}},
    {"type": "message", "user": u1, "text": "legend :pray: will rotate tonight", "ts": slack_ts(), "thread_ts": t0,
     "reactions": [{"name": "white_check_mark", "users": [u2], "count": 1}]},
]
S("en", "json", json.dumps(msgs, indent=2, ensure_ascii=False),
  ("aws_access_key", ak), ("aws_secret_key", sk), ("url_credentials", dburl))

# EN-6 voicemail transcript with spoken SSN
vp1 = f"+1 (469) 555-01{d(2)}"; vp2 = f"469 555 01{d(2)}"; ssn_s = us_ssn(sep=" ")
S("en", "prose", f"""Voicemail from {vp1} · Wed, Nov 19 at 8:12 AM · 0:47
Transcription (low confidence):

"Hi, this is Gloria from Pinecrest Benefits calling for Aaron Feld. I'm returning your call about the
401k rollover. I just need to verify a couple of things, so when you call back please have your social
handy, we have it on file as {ssn_s}, so if that's changed let me know. You can reach me direct at
{vp2}, extension 3, or email gloria.p@pinecrestbenefits.com. Thanks, bye."

Was this transcription useful? Yes / No""",
  ("phone", vp1), ("phone", vp2), ("us_ssn", ssn_s), ("email", "gloria.p@pinecrestbenefits.com"))

# EN-7 out-of-office
oo1 = f"07700 900{d(3)}"; oo2 = f"0161 496 0{d(3)}"
S("en", "prose", f"""From: Nadia Cole <nadia.cole@ferncliff-arch.com>
To: tenders@bramblebuild.co.uk
Subject: Automatic reply: RFI 0412 - Level 3 slab penetrations
Date: Tue, 18 Nov 2025 08:03:51 +0000
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Message-ID: <LO2P265MB{d(4)}{rnd(UP + DIG, 4)}.{R.randint(1000, 9999)}@LO2P265MB{d(4)}.GBRP265.PROD.OUTLOOK.COM>

Thank you for your email. I am on annual leave from 17 to 28 November with no access to email.

For anything urgent on the Wexham Road project please contact Sam Okonjo (sam.okonjo@ferncliff-arch.com,
{oo1}). Invoices and remittances: accounts@ferncliff-arch.com.

Nadia Cole RIBA
Associate Director
Ferncliff Architects | {oo2}""",
  ("email", "nadia.cole@ferncliff-arch.com"), ("email", "tenders@bramblebuild.co.uk"),
  ("email", "sam.okonjo@ferncliff-arch.com"), ("email", "accounts@ferncliff-arch.com"),
  ("phone", oo1), ("phone", oo2))

# EN-8 Teams chat export with GitHub PAT
gh = github()
teams = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#chats('19%3A" + rnd(HEX, 32) + "%40thread.v2')/messages",
         "value": [
             {"id": "17634" + d(8), "messageType": "message", "createdDateTime": "2025-11-18T22:14:03.117Z",
              "from": {"user": {"id": uid(), "displayName": "Wei Zhang", "userPrincipalName": "wei.zhang@norbury-analytics.com",
                                "userIdentityType": "aadUser"}},
              "body": {"contentType": "html", "content": f"<p>can you push the hotfix? my laptop died. use the release bot PAT for now: {gh}</p>"}},
             {"id": "17634" + d(8), "messageType": "message", "createdDateTime": "2025-11-18T22:31:40.502Z",
              "from": {"user": {"id": uid(), "displayName": "Femi Adebayo", "userPrincipalName": "femi.adebayo@norbury-analytics.com",
                                "userIdentityType": "aadUser"}},
              "body": {"contentType": "html", "content": "<p>done \u2705 tagged v3.8.2. revoke that token tomorrow pls</p>"}}]}
S("en", "json", json.dumps(teams, indent=2, ensure_ascii=False),
  ("email", "wei.zhang@norbury-analytics.com"), ("email", "femi.adebayo@norbury-analytics.com"), ("github_token", gh))

# EN-9 contact sheet with Aadhaar
a1 = aadhaar(); a1s = f"{a1[:4]} {a1[4:8]} {a1[8:]}"; a2 = aadhaar(); a2s = f"{a2[:4]}-{a2[4:8]}-{a2[8:]}"
ip1 = f"+91 98{d(3)} {d(5)}"; ip2 = f"0{R.choice('6789')}{d(4)} {d(5)}"; ip3 = f"9845{d(6)}"
S("en", "table", f"""Site contact sheet - Whitefield fit-out (security desk needs Aadhaar for day passes)

| Name          | Role          | Mobile            | Email                         | Aadhaar          |
|---------------|---------------|-------------------|-------------------------------|------------------|
| Rohan Mehta   | Site lead     | {ip1}   | rohan.mehta@tarangbuild.in    | {a1s}   |
| Kavya Iyer    | HSE officer   | {ip2}       | kavya.iyer@tarangbuild.in     | {a2s}   |
| Arjun Pillai  | Electrician   | {ip3}        | -                             | pending          |
""", ("phone", ip1), ("phone", ip2), ("phone", ip3), ("email", "rohan.mehta@tarangbuild.in"),
  ("email", "kavya.iyer@tarangbuild.in"), ("in_aadhaar", a1s), ("in_aadhaar", a2s))

# EN-10 MIME with base64 attachment holding a temp password
pw10 = password(); att = b64(f"username: badeyemi\npassword: {pw10}\n"); bnd = "===============" + d(19) + "=="
hp = f"0117 496 0{d(3)}"
S("en", "prose", f"""From: "IT Helpdesk" <helpdesk@meridian-care.org>
To: "Bukola Adeyemi" <b.adeyemi@meridian-care.org>
Subject: Your temporary login
Date: Mon, 17 Nov 2025 15:20:11 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{bnd}"

--{bnd}
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 7bit

Hi Bukola, your account is set up. Details are in the attached file; please change the
password at first sign-in. Call {hp} if it doesn't work.

--{bnd}
Content-Type: text/plain; charset="utf-8"; name="login.txt"
Content-Disposition: attachment; filename="login.txt"
Content-Transfer-Encoding: base64

{att}
--{bnd}--""", ("email", "helpdesk@meridian-care.org"), ("email", "b.adeyemi@meridian-care.org"),
  ("phone", hp), ("password", att))

# EN-11 e-mail with Stripe restricted key
rk = stripe("rk_live_"); sp11 = f"+1 (628) 555-01{d(2)}"
S("en", "prose", f"""From: Lena Park <lena@juniperandoak.shop>
To: Ravi Shankar <ravi.s.freelance@fastmail.com>
Subject: reconciliation script - access
Date: Wed, 19 Nov 2025 07:55:30 -0800

Hi Ravi,

As discussed, here's a restricted key for the reconciliation script (read-only on charges and payouts):

{rk}

Please keep it out of the repo - put it in the env on your side. Happy to jump on a call, I'm on {sp11} most mornings.

Lena

Sent from my iPhone""", ("email", "lena@juniperandoak.shop"), ("email", "ravi.s.freelance@fastmail.com"),
  ("stripe_key", rk), ("phone", sp11))

# EN-12 hotel booking thread with Amex in quoted reply
ax = fmt_card(card("amex")); hm = f"+44 7700 900{d(3)}"
S("en", "prose", f"""From: Guest Relations <reservations@thecorrinhotel.com>
To: Halima Yusuf <halima.yusuf@protonmail.com>
Subject: RE: Booking HCX-558213 - card guarantee
Date: Tue, 18 Nov 2025 09:12:40 +0000

Dear Ms Yusuf,

Thank you. The new card has been authorised successfully and your booking HCX-558213 (2 nights, Deluxe King) is now guaranteed.
The earlier card ending 1009 was not charged.

Warm regards,
Guest Relations, The Corrin

-----Original Message-----
From: Halima Yusuf <halima.yusuf@protonmail.com>
Sent: 17 November 2025 22:41
To: reservations@thecorrinhotel.com
Subject: Booking HCX-558213 - card guarantee

Hi, please use this one instead: Amex {ax}, exp 11/27, name H A Yusuf.
My mobile is {hm} if you need to call.""",
  ("email", "reservations@thecorrinhotel.com"), ("email", "halima.yusuf@protonmail.com"), ("card", ax), ("phone", hm))

# EN-13 Telegram group export with bot token and Discord webhook
tg = telegram(); dw = discord_webhook()
S("en", "chat", f"""Ilya K, [18.11.2025 23:02]
bot is live \U0001F389 token if you want to test locally: {tg}

Sophie, [18.11.2025 23:04]
nice. I wired the alerts into our discord as well -> {dw}

Ilya K, [18.11.2025 23:05]
pls don't paste secrets in here lol

Sophie, [18.11.2025 23:05]
says the guy who just did \U0001F643""", ("telegram_token", tg), ("discord_webhook", dw))

# EN-14 postfix log
qid = "4dG9Zx1QKsz3wJ"
S("en", "log", f"""Nov 18 06:14:02 mx2 postfix/smtpd[40112]: connect from mail-yw1-f180.google.com[209.85.128.180]
Nov 18 06:14:02 mx2 postfix/smtpd[40112]: {qid}: client=mail-yw1-f180.google.com[209.85.128.180]
Nov 18 06:14:03 mx2 postfix/cleanup[40119]: {qid}: message-id={gmail_msgid()}
Nov 18 06:14:03 mx2 postfix/qmgr[1022]: {qid}: from=<grace.o.nwosu@gmail.com>, size=48211, nrcpt=1 (queue active)
Nov 18 06:14:03 mx2 postfix/lmtp[40121]: {qid}: to=<t.brennan@kilbride-vets.ie>, relay=mail.kilbride-vets.ie[10.40.2.15]:24, delay=0.91, delays=0.4/0.01/0.2/0.3, dsn=2.0.0, status=sent (250 2.0.0 <t.brennan@kilbride-vets.ie> kQ3nN7u3G2n2XwAAa8s3bA Saved)
Nov 18 06:14:03 mx2 postfix/qmgr[1022]: {qid}: removed
Nov 18 06:14:09 mx2 postfix/smtpd[40130]: connect from unknown[45.148.10.174]
Nov 18 06:14:09 mx2 postfix/smtpd[40130]: warning: unknown[45.148.10.174]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
Nov 18 06:14:09 mx2 postfix/smtpd[40130]: disconnect from unknown[45.148.10.174] ehlo=1 auth=0/1 quit=1 commands=2/3""",
  ("ip_address", "209.85.128.180"), ("ip_address", "10.40.2.15"), ("ip_address", "45.148.10.174"),
  ("email", "grace.o.nwosu@gmail.com"), ("email", "t.brennan@kilbride-vets.ie"))

# EN-15 e-mail carrying a base64 GCP service-account JSON
sa_json, sa_key = gcp_sa_json("tallyho-prod-3841"); sa_b64 = b64(sa_json)
S("en", "prose", f"""From: Owen Price <owen.price@tallyhoapps.io>
To: dev@sparrowlabs.dev
Subject: CI access for the Firebase deploy
Date: Wed, 19 Nov 2025 12:40:02 +0000

Hey,

Add this as the GCP_SA_KEY_B64 secret in the repo (Settings > Secrets and variables > Actions). It's the
base64 of the deployer service-account JSON, the workflow decodes it before `gcloud auth`:

GCP_SA_KEY_B64={sa_b64}

Let me know once the first deploy goes through.
Owen""", ("email", "owen.price@tallyhoapps.io"), ("email", "dev@sparrowlabs.dev"),
  ("gcp_credentials", sa_b64), ("private_key", sa_b64), ("email", sa_b64))

# EN-16 Singapore HR e-mail with NRICs
n1 = nric("S"); n2 = nric("T"); sg1 = f"+65 9{d(3)} {d(4)}"; sg2 = f"6{d(3)} {d(4)}"
S("en", "prose", f"""From: HR Ops SG <hrops.sg@kestrel-maritime.com.sg>
To: Lim Wei Ling <weiling.lim@kestrel-maritime.com.sg>
Subject: RE: Group insurance nomination - missing fields
Date: Wed, 19 Nov 2025 10:31:55 +0800

Hi Wei Ling,

Thanks, the form is almost complete. We have your NRIC as {n1}. For your daughter as dependant we
need her birth cert / NRIC no. - you wrote "{n2}", please confirm that's correct.

Also, is your mobile still {sg1}? The insurer only has your home line ({sg2}).

Best,
Farah
HR Operations, Kestrel Maritime Pte Ltd""", ("email", "hrops.sg@kestrel-maritime.com.sg"),
  ("email", "weiling.lim@kestrel-maritime.com.sg"), ("sg_nric", n1), ("sg_nric", n2), ("phone", sg1), ("phone", sg2))

# ---- EN hard negatives ----
# EN-N1 header dump, documentation IPs, DKIM, addresses removed
S("en", "prose", f"""Why does this keep landing in spam? Headers below (I removed the addresses).

Received: from mta-out-07.example.net (mta-out-07.example.net [198.51.100.27])
	by mx.example.org (Postfix) with ESMTPS id 4dGB3c0Wq7z1xR
	for <[removed]>; Tue, 18 Nov 2025 11:20:41 +0000 (UTC)
Received: from app-worker-3 (localhost [127.0.0.1])
	by mta-out-07.example.net (Postfix) with ESMTP id 9A1C2E0041
	for <[removed]>; Tue, 18 Nov 2025 11:20:40 +0000 (UTC)
Authentication-Results: mx.example.org;
	dkim=pass header.d=example.net header.s=s2025 header.b=Qx3vT8mJ;
	spf=softfail (mx.example.org: domain of transitioning bounces.example.net does not designate 203.0.113.88 as permitted sender) smtp.mailfrom=bounces.example.net;
	dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=example.net
{dkim("example.net", "s2025")}
Message-ID: <20251118112040.9A1C2E0041@mta-out-07.example.net>
Feedback-ID: 2025-11:newsletter:example-net
List-Unsubscribe-Post: List-Unsubscribe=One-Click
X-Mailer: Acme Mailer 4.2
X-Spam-Status: Yes, score=6.1 required=5.0 tests=DMARC_QUAR,SPF_SOFTFAIL,URIBL_BLOCKED""")

# EN-N2 MIME with base64 harmless body and inline image Content-ID
bnd2 = "b1_" + rnd(HEX, 32)
body = b64("Hi reader,\n\nThis month: three short essays on urban trees, a recipe for pear galette, and our\n"
           "winter reading list. Reply to this email with your own picks and we may feature them.\n\nSee you in December!\n")
S("en", "prose", f"""Can you decode the text part of this and tell me what it says? My client shows it blank.

MIME-Version: 1.0
Subject: Your November reading list
Date: Sat, 15 Nov 2025 07:00:00 +0000
Content-Type: multipart/related; boundary="{bnd2}"

--{bnd2}
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{wrap(body)}
--{bnd2}
Content-Type: image/png; name="logo.png"
Content-ID: <logo.{rnd(HEX, 8)}@mailer.local>
Content-Disposition: inline; filename="logo.png"
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
--{bnd2}--""")

# EN-N3 shipping SMS
fx = d(12)
S("en", "prose", f"""Three texts from today, which one is the scam?

FedEx: Your package {fx[:4]} {fx[4:8]} {fx[8:]} from ACME OUTDOOR is scheduled for delivery Thu 11/20 by 8pm. Manage: https://www.fedex.com/fedextrack/?trknbr={fx}
Amazon: Your order #113-{d(7)}-{d(7)} has shipped. Track at https://amzn.to/{rnd_mixed(ALNUM, 7)}
USPS: Item 9400 1118 9956 {d(4)} {d(4)} {d(2)} delivered, in/at mailbox at 2:14 pm on November 18, 2025 in PORTLAND OR 97214.
USPS-Notice: Your parcel is on hold due to unpaid $1.99 fee. Update within 12h: https://usps-redelivery-center.top/t/{rnd_mixed(ALNUM, 6)}""")

# EN-N4 public meetup ICS, Teams join URL, no passcode
tid, oid = uid(), uid()
S("en", "config", f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Meetup//RemoteApi//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
BEGIN:VEVENT
UID:event_312447190@meetup.com
DTSTAMP:20251118T160000Z
DTSTART:20251126T013000Z
DTEND:20251126T033000Z
SUMMARY:PDX Rust - November lightning talks
DESCRIPTION:Remote option via Teams:\\nhttps://teams.microsoft.com/l/meetup-join/19%3ameeting_{rnd_mixed(ALNUM, 48)}%40thread.v2/0?context=%7b%22Tid%22%3a%22{tid}%22%2c%22Oid%22%3a%22{oid}%22%7d\\nMeeting ID: 245 118 930 624\\nNo passcode required.\\n\\nCode of conduct: https://pdxrust.org/coc
LOCATION:Online
URL:https://www.meetup.com/pdx-rust/events/312447190/
SEQUENCE:2
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR""")

# EN-N5 Slack export, emoji with ZWJ, ids only
t5 = slack_ts(); u5, u6 = slack_uid(), slack_uid(); fid = "F0" + rnd(UP + DIG, 9)
msgs5 = [
    {"type": "message", "subtype": "file_share", "user": u5, "text": f"thanksgiving crew {FAMILY} {COOK}", "ts": t5,
     "files": [{"id": fid, "name": "IMG_2031.HEIC", "mimetype": "image/heic",
                "url_private": f"https://files.slack.com/files-pri/T04QWE81ZP-{fid}/img_2031.heic",
                "permalink": f"https://corvid-io.slack.com/files/{u5}/{fid}/img_2031.heic"}],
     "client_msg_id": uid(), "team": "T04QWE81ZP"},
    {"type": "message", "user": u6, "text": f"aww {COUPLE} who made the pie", "ts": slack_ts(), "thread_ts": t5,
     "client_msg_id": uid(), "reactions": [{"name": "pie", "users": [u5], "count": 1}]},
    {"type": "message", "subtype": "channel_join", "user": slack_uid(), "text": "<@" + slack_uid() + "> has joined the channel", "ts": slack_ts()},
]
S("en", "json", json.dumps(msgs5, indent=2, ensure_ascii=False))

# EN-N6 webhook delivery log with signatures and ids
lines = []
for i in range(4):
    ts = 1763467304 + i * 37
    lines.append(f"2025-11-18T12:0{i}:44.{d(3)}Z INFO  webhook.deliver evt=evt_{rnd_mixed(ALNUM, 24)} attempt=1 status=200 ms={R.randint(90, 400)} "
                 f"sig=\"t={ts},v1={rnd(HEX, 64)}\" trace={rnd(HEX, 32)} req={uid()}")
lines.append(f"2025-11-18T12:04:02.{d(3)}Z WARN  webhook.deliver evt=evt_{rnd_mixed(ALNUM, 24)} attempt=3 status=502 retry_in=600s body_sha256={rnd(HEX, 64)}")
S("en", "log", "\n".join(lines))

# EN-N7 WhatsApp dinner chat, confirmation code only
S("en", "chat", f"""[11/19/25, 6:02:11{NNBSP}PM] Priya: table for 6 at Nostrana confirmed \U0001F389 conf code NST-7Q4K2
[11/19/25, 6:02:40{NNBSP}PM] Dev: {FAMILY} all four of us coming
[11/19/25, 6:03:05{NNBSP}PM] Priya: 7:30 on the 22nd, they hold it 15 min
[11/19/25, 6:04:17{NNBSP}PM] Sam: {RAINBOW} bringing Alex too if there's room?
[11/19/25, 6:04:59{NNBSP}PM] Priya: that makes 7, I'll call them tomorrow morning
[11/19/25, 6:05:20{NNBSP}PM] Dev: \u200e<attached: 00000051-STICKER-2025-11-19-18-05-20.webp>""")

# EN-N8 order confirmation with masked card, UPS sample tracking number
S("en", "table", f"""Order #W{d(10)} - placed Nov 17, 2025

| Item                          | SKU            | Qty | Price   |
|-------------------------------|----------------|-----|---------|
| Merino crew sock, 3-pack      | MS-3PK-CHR-L   | 2   | $38.00  |
| Packable down vest            | PDV-22-OLV-M   | 1   | $129.00 |
| Gift wrap                     | GW-STD         | 1   | $5.00   |

Subtotal $172.00 · Shipping $0.00 · Tax $0.00
Paid with Visa \u2022\u2022\u2022\u2022 4242 · Auth code 08213X
Gift card ending 7719 applied (-$25.00)
Tracking: 1Z 999 AA1 01 2345 6784 (UPS Ground)""")

# EN-N9 PGP-signed release mail, display names only
S("en", "prose", f"""From: Release Bot
Subject: [ANN] tinykv 2.4.1 released

-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

tinykv 2.4.1 is out. Fixes a compaction stall on ARM64 and the WAL fsync regression from 2.4.0.

SHA-256:
  {rnd(HEX, 64)}  tinykv-2.4.1.tar.gz
  {rnd(HEX, 64)}  tinykv-2.4.1-linux-amd64.tar.gz

Signed with key 3AA5 C343 7186 7F2B 0C84  9E1D 5A8B 4F62 0E17 D9C3
{pgp_block("SIGNATURE", 566)}""")
