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

# =====================================================================================
# KO (25: 16 with labels, 9 hard negatives)
# =====================================================================================

# KO-1 KakaoTalk PC export, RRNs and a phone
rm = kr_rrn(year=1963, gender=2); rd = kr_rrn(year=1958, gender=1).replace("-", ""); kp = f"010-{R.choice('23456789')}{d(3)}-{d(4)}"
S("ko", "chat", f"""박서연 님과 카카오톡 대화
저장한 날짜 : 2025-11-18 22:41:07

--------------- 2025년 11월 18일 화요일 ---------------
[박서연] [오후 3:12] 엄마 실손보험 청구하는데 주민번호랑 연락처 다시 알려줘
[엄마] [오후 3:20] {rm}
[엄마] [오후 3:20] {kp} 이거 새 번호야 저장해
[박서연] [오후 3:21] 아빠 것도 ㅠ
[엄마] [오후 3:25] 아빠는 {rd}
[박서연] [오후 3:25] 고마워 ❤️ 청구 끝나면 카톡할게""", ("kr_rrn", rm), ("kr_rrn", rd), ("phone", kp))

# KO-2 Naver-style mail with RRNs and signature phones
rs = kr_rrn(year=1986, gender=1).replace("-", " - "); rc = kr_rrn(year=2016, gender=4)
km = f"010 {R.choice('23456789')}{d(3)} {d(4)}"; kt = f"02-6204-{d(4)}"; kf = f"02-6204-{d(4)}"
S("ko", "prose", f"""보낸사람 : "이서준" <seojun.lee@hanbit-tax.co.kr>
받는사람 : <jh.kwon77@naver.com>
참조 : "세무팀" <tax@hanbit-tax.co.kr>
날짜 : 2025년 11월 18일 (화) 오전 10:14:37
제목 : [한빛세무] 연말정산 부양가족 서류 요청 건 확인

권지현 고객님 안녕하세요, 한빛세무회계 이서준 세무사입니다.

보내주신 부양가족 정보 아래와 같이 등록했습니다. 틀린 부분 있으면 회신 부탁드립니다.

- 배우자: 김도윤 / 주민등록번호 {rs}
- 자녀: 김하은 / 주민등록번호 {rc}

가족관계증명서(상세)는 11/28까지 이 메일로 회신 주시면 됩니다.

감사합니다.

이서준 세무사
한빛세무회계 | 서울시 마포구 양화로 45, 7층
M. {km} | T. {kt} | F. {kf}""",
  ("email", "seojun.lee@hanbit-tax.co.kr"), ("email", "jh.kwon77@naver.com"), ("email", "tax@hanbit-tax.co.kr"),
  ("kr_rrn", rs), ("kr_rrn", rc), ("phone", km), ("phone", kt), ("phone", kf))

# KO-3 vCard
vc = f"+82-10-{R.choice('23456789')}{d(3)}-{d(4)}"; vw = f"031-8017-{d(4)}"
S("ko", "config", f"""BEGIN:VCARD
VERSION:3.0
N:박;지훈;;;
FN:박지훈
ORG:(주)누리소프트;플랫폼개발팀
TITLE:책임연구원
TEL;TYPE=CELL:{vc}
TEL;TYPE=WORK,VOICE:{vw}
EMAIL;TYPE=INTERNET,WORK:jihoon.park@nurisoft.co.kr
EMAIL;TYPE=INTERNET,HOME:pjh0923@daum.net
ADR;TYPE=WORK:;;판교역로 235 에이치스퀘어 N동 6층;성남시 분당구;경기도;13494;대한민국
NOTE:명함 스캔 2025-11-12 (리멤버)
END:VCARD""", ("phone", vc), ("phone", vw), ("email", "jihoon.park@nurisoft.co.kr"), ("email", "pjh0923@daum.net"))

# KO-4 Zoom ICS in Korean with passcode
kz = "8" + d(10); kzs = f"{kz[:3]} {kz[3:7]} {kz[7:]}"; kpc = rnd_mixed(ALNUM, 6); kd1 = f"+82 2 6105 {d(4)}"; kd2 = f"+82 2 3143 {d(4)}"
S("ko", "config", f"""BEGIN:VCALENDAR
PRODID:-//zoom.us//iCalendar Event//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VEVENT
DTSTAMP:20251118T020000Z
DTSTART;TZID=Asia/Seoul:20251121T100000
DTEND;TZID=Asia/Seoul:20251121T110000
SUMMARY:[주간] 물류센터 이전 TF 회의
UID:ZOOM{kz}
ORGANIZER;CN=정유진:mailto:yujin.jung@daehan-logis.co.kr
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=최현우:mailto:hw.choi@daehan-logis.co.kr
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=오민석(협력사):mailto:ms.oh@kyungin-steel.com
LOCATION:https://us02web.zoom.us/j/{kz}
DESCRIPTION:정유진님이 예약된 Zoom 회의에 귀하를 초대합니다.\\n\\nZoom 회의 참가\\nhttps://us02web.zoom.us/j/{kz}\\n\\n회의 ID: {kzs}\\n암호: {kpc}\\n\\n---\\n\\n전화로 참가\\n{kd1} 대한민국\\n{kd2} 대한민국\\n\\n회의 ID: {kzs}\\n암호: {kpc}
END:VEVENT
END:VCALENDAR""", ("email", "yujin.jung@daehan-logis.co.kr"), ("email", "hw.choi@daehan-logis.co.kr"),
  ("email", "ms.oh@kyungin-steel.com"), ("password", kpc), ("phone", kd1), ("phone", kd2))

# KO-5 Slack export with OpenAI key and a JWT
ok5 = openai_proj(); jw5 = jwt({"sub": "svc-batch", "role": "admin", "iat": 1763451200, "exp": 1764056000})
t5k = slack_ts(); ua, ub = slack_uid(), slack_uid()
msgs = [
    {"type": "message", "user": ua, "text": "임베딩 배치 돌릴 키가 만료됐네요 ㅠ 혹시 임시로 쓸 수 있는 키 있나요?", "ts": t5k,
     "client_msg_id": uid(), "user_profile": {"real_name": "한도현", "display_name": "도현"}},
    {"type": "message", "user": ub, "text": f"테스트용으로 제 개인 키 잠깐 공유합니다. 내일 폐기할게요\n{ok5}", "ts": slack_ts(),
     "thread_ts": t5k, "client_msg_id": uid(), "user_profile": {"real_name": "서민아", "display_name": "mina"}},
    {"type": "message", "user": ub, "text": f"그리고 스테이징 어드민 API는 이 토큰으로 호출하시면 돼요 `{jw5}`", "ts": slack_ts(),
     "thread_ts": t5k, "client_msg_id": uid()},
    {"type": "message", "user": ua, "text": "감사합니다 :pray:", "ts": slack_ts(), "thread_ts": t5k},
]
S("ko", "json", json.dumps(msgs, indent=2, ensure_ascii=False), ("openai_key", ok5), ("jwt", jw5))

# KO-6 delivery SMS + reply with building entry code
dp = f"010-{R.choice('23456789')}{d(3)}-{d(4)}"; door = "*" + d(4) + "#"
S("ko", "chat", f"""[Web발신]
[한진택배] 고객님의 상품(운송장 {d(4)}-{d(4)}-{d(4)})이 오늘 14~16시 배송예정입니다. 부재시 문앞 배송됩니다.
배송기사 최동훈 {dp}

나: 기사님 안녕하세요 문앞에 놔주세요~ 공동현관 비번 {door} 입니다
나: 호수는 1203호예요
최동훈 기사: 네 알겠습니다""", ("phone", dp), ("password", door))

# KO-7 out-of-office
o1 = f"010.{R.choice('23456789')}{d(3)}.{d(4)}"; o2 = f"+82 10 {R.choice('23456789')}{d(3)} {d(4)}"
S("ko", "prose", f"""From: 한유나 <yuna.han@seoulbio.kr>
To: 구매팀 <purchase@dongwoo-chem.co.kr>
Subject: [자동회신] 부재중입니다 (11/17~11/21)
Date: Tue, 18 Nov 2025 09:00:12 +0900
Auto-Submitted: auto-replied

안녕하세요, 서울바이오 품질보증팀 한유나입니다.
11월 17일(월)부터 21일(금)까지 해외 출장으로 메일 확인이 어렵습니다.

급한 건은 정민재 선임(minjae.jung@seoulbio.kr / {o1})에게 연락 부탁드립니다.
출장 중 긴급 연락: {o2} (카카오톡 가능)

감사합니다.""", ("email", "yuna.han@seoulbio.kr"), ("email", "purchase@dongwoo-chem.co.kr"),
  ("email", "minjae.jung@seoulbio.kr"), ("phone", o1), ("phone", o2))

# KO-8 mail server log (Korean)
S("ko", "log", f"""2025-11-18 09:12:44 [smtp-in] 접속 IP=121.134.58.207 HELO=DESKTOP-7JQ2K1M
2025-11-18 09:12:45 [auth] user=h.choi@daehan-logis.co.kr 로그인 실패(비밀번호 불일치) ip=121.134.58.207
2025-11-18 09:12:51 [auth] user=h.choi@daehan-logis.co.kr 로그인 성공 ip=121.134.58.207
2025-11-18 09:13:02 [relay] from=<h.choi@daehan-logis.co.kr> to=<sales@kyungin-steel.com> size=20412 client=192.168.10.57
2025-11-18 09:13:03 [spam] score=1.2 msgid=<20251118091302.4F1A{d(4)}@daehan-logis.co.kr> 결과=정상
2025-11-18 09:13:04 [smtp-out] 전송완료 to=<sales@kyungin-steel.com> relay=mx1.kyungin-steel.com[211.45.113.62] 250 OK""",
  ("ip_address", "121.134.58.207"), ("ip_address", "192.168.10.57"), ("ip_address", "211.45.113.62"),
  ("email", "h.choi@daehan-logis.co.kr"), ("email", "sales@kyungin-steel.com"))

# KO-9 emergency contact table
kr = [f"010-{R.choice('23456789')}{d(3)}-{d(4)}" for _ in range(3)]
S("ko", "table", f"""[2025 하반기 비상연락망] - 외부 유출 금지

| 이름   | 부서     | 휴대폰         | 이메일                     | 생년월일 |
|--------|----------|----------------|----------------------------|----------|
| 오세훈 | 인사     | {kr[0]}  | sh.oh@mirae-food.co.kr     | 870512   |
| 남궁진 | 총무     | {kr[1]}  | jin.namgung@mirae-food.co.kr | 910223 |
| 배수지 | 안전관리 | {kr[2]}  | suji.bae@mirae-food.co.kr  | 950830   |
""", *[("phone", x) for x in kr], ("email", "sh.oh@mirae-food.co.kr"), ("email", "jin.namgung@mirae-food.co.kr"),
  ("email", "suji.bae@mirae-food.co.kr"))

# KO-10 KakaoTalk mobile export, card number
kc = fmt_card(card("mc"), "-"); kph = "010" + R.choice("23456789") + d(7)
S("ko", "chat", f"""2025년 11월 18일 오후 8:01, 최수아 : 공구 결제 누가 해? 오늘 자정 마감이래
2025년 11월 18일 오후 8:02, 윤지호 : 내 카드로 할게 번호 불러줄게
2025년 11월 18일 오후 8:02, 윤지호 : {kc}
2025년 11월 18일 오후 8:03, 윤지호 : 유효기간 09/27 CVC는 전화로 알려줄게
2025년 11월 18일 오후 8:03, 최수아 : ㅇㅋ 내 번호 {kph} 로 전화줘""", ("card", kc), ("phone", kph))

# KO-11 e-mail with GitLab runner token, HMAC secret and internal IP
glt = gitlab(); hm = high_entropy(40)
S("ko", "prose", f"""From: 강태민 <taemin.kang@nurisoft.co.kr>
To: 인프라팀 <infra@nurisoft.co.kr>
Subject: CI 러너 등록 요청 (사내망)
Date: Wed, 19 Nov 2025 13:22:08 +0900

안녕하세요, 플랫폼팀 강태민입니다.

사내망 빌드 서버(10.20.30.41)에 GitLab 러너 등록 부탁드립니다.
등록에 쓸 토큰은 {glt} 입니다.

그리고 배포 웹훅 검증용 HMAC 시크릿은 아래 값으로 맞춰주세요.
DEPLOY_HOOK_SECRET={hm}

감사합니다.""", ("email", "taemin.kang@nurisoft.co.kr"), ("email", "infra@nurisoft.co.kr"),
  ("ip_address", "10.20.30.41"), ("gitlab_token", glt), ("generic_secret", hm))

# KO-12 e-mail with curl Basic auth and SendGrid key
bpw = password_random(14).replace("'", "-"); basic = b64(f"settle_api:{bpw}"); sg = sendgrid()
S("ko", "prose", f"""From: 윤하린 <harin.yoon@minttech.kr>
To: 기술지원 <support@partnerpay.co.kr>
Subject: 정산 API 401 오류 문의
Date: Wed, 19 Nov 2025 16:05:44 +0900

안녕하세요. 어제 저녁부터 정산 API 호출 시 401이 떨어집니다. 재현 방법입니다.

curl -X POST https://api.partnerpay.co.kr/v2/settlements \\
  -H 'Authorization: Basic {basic}' \\
  -H 'Content-Type: application/json' \\
  -d '{{"date":"2025-11-18"}}'

참고로 저희 알림 메일 서버 설정은 아래와 같고 이쪽은 정상입니다.
SENDGRID_API_KEY={sg}

확인 부탁드립니다.""", ("email", "harin.yoon@minttech.kr"), ("email", "support@partnerpay.co.kr"),
  ("password", basic), ("saas_token", sg))

# KO-13 KakaoTalk with Spanish DNI and phone
dni = es_dni(); esp = f"+34 6{d(2)} {d(3)} {d(3)}"
S("ko", "chat", f"""Lucía 님과 카카오톡 대화
저장한 날짜 : 2025-11-19 11:02:55

--------------- 2025년 11월 19일 수요일 ---------------
[김예린] [오전 10:41] Lucía 기숙사 신청서에 여권번호 말고 DNI도 쓰래요
[Lucía] [오전 10:44] ah ok 제 DNI는 {dni} 이에요
[Lucía] [오전 10:44] 스페인 번호도 필요해요? {esp}
[김예린] [오전 10:45] 네 비상연락처 칸에 넣을게요 감사합니다!""", ("es_dni", dni), ("phone", esp))

# KO-14 voicemail transcript
v1 = f"02-3{d(3)}-{d(4)}"; v2 = f"02 3{d(3)} {d(4)}"; v3 = f"010-{R.choice('23456789')}{d(3)}-{d(4)}"
S("ko", "prose", f"""음성메시지 | 발신: {v1} | 2025.11.19 오전 9:03 | 0:38
[자동 변환된 텍스트]
"안녕하세요, 서초구청 민원여권과입니다. 신청하신 여권 발급 관련해서 서류 보완이 필요해서 연락드렸습니다.
회신은 {v2} 또는 담당자 휴대폰 {v3} 으로 주시면 됩니다. 감사합니다."
""", ("phone", v1), ("phone", v2), ("phone", v3))

# KO-15 e-mail with German IBAN for a transfer
de = iban("DE"); dep = f"+49 160 {d(7)}"
S("ko", "prose", f"""From: 이하늘 <haneul.lee@gmail.com>
To: 이정호 <jhlee.1960@hanmail.net>
Subject: 아빠 송금 정보 보내드려요
Date: Tue, 18 Nov 2025 19:44:01 +0100

아빠, 월세 보낼 때 아래 계좌로 해외송금 해주시면 돼요.

예금주: Haneul Lee
은행: Commerzbank Berlin
IBAN: {de}
BIC: COBADEFFXXX

은행에서 확인전화 오면 제 독일 번호 {dep} 알려주세요.
하늘 올림""", ("email", "haneul.lee@gmail.com"), ("email", "jhlee.1960@hanmail.net"), ("iban", de), ("phone", dep))

# KO-16 KakaoTalk office chat: Wi-Fi password and a Groq key
wf = password(); gq = groq()
S("ko", "chat", f"""[개발2팀] [오전 9:31] 신규 입사자분들 사무실 와이파이 NURI-5G / 비번 {wf}
[개발2팀] [오전 9:33] 그리고 LLM 실험용 Groq 키 공용으로 이거 쓰세요 {gq}
[개발2팀] [오전 9:34] 외부 유출 금지입니다 🙏
[정다은] [오전 9:35] 감사합니다!""", ("password", wf), ("ai_api_key", gq))

# ---- KO hard negatives ----
# KO-N1 KakaoTalk about an order, tracking and order numbers only
S("ko", "chat", f"""--------------- 2025년 11월 17일 월요일 ---------------
[엄마] [오후 1:02] 주문한 전기장판 언제 와?
[지우] [오후 1:05] 주문번호 {d(8)}-{d(7)} 이고 CJ대한통운 송장 {d(4)} {d(4)} {d(4)} 이야
[지우] [오후 1:05] 내일 도착 예정 {MOMGIRL}
[엄마] [오후 1:07] 고마워 딸 ❤️
[지우] [오후 1:08] 이모티콘을 보냈습니다.""")

# KO-N2 header dump with encoded Korean subject, documentation IPs
subj = "=?UTF-8?B?" + b64("[공지] 12월 정기 점검 안내") + "?="
S("ko", "prose", f"""사내 공지 메일이 자꾸 스팸함으로 가요. 헤더 붙입니다 (주소는 지웠어요).

Received: from smtp2.example.co.kr (smtp2.example.co.kr [203.0.113.45])
	by mx.example.com with ESMTPS id 4dGC1n2Wx9z8kQ
	; Tue, 18 Nov 2025 09:00:03 +0900 (KST)
Received: from notice-batch01 (unknown [192.0.2.10])
	by smtp2.example.co.kr (Postfix) with ESMTP id 3F1E2A00C4
	; Tue, 18 Nov 2025 09:00:02 +0900 (KST)
Subject: {subj}
Message-ID: <20251118000002.3F1E2A00C4@smtp2.example.co.kr>
{dkim("example.co.kr", "mail2025")}
Content-Type: text/html; charset="UTF-8"
X-Spam-Score: 5.4 (HTML_MIME_NO_HTML_TAG, MIME_HTML_ONLY, RDNS_NONE)""")

# KO-N3 Zoom ICS without passcode
kz2 = "9" + d(10); kz2s = f"{kz2[:3]} {kz2[3:7]} {kz2[7:]}"
S("ko", "config", f"""BEGIN:VCALENDAR
PRODID:-//zoom.us//iCalendar Event//EN
VERSION:2.0
METHOD:PUBLISH
BEGIN:VEVENT
DTSTAMP:20251118T030000Z
DTSTART;TZID=Asia/Seoul:20251125T190000
DTEND;TZID=Asia/Seoul:20251125T203000
SUMMARY:[공개 세미나] 공공데이터 활용 사례
UID:ZOOM{kz2}
LOCATION:https://us06web.zoom.us/j/{kz2}
DESCRIPTION:누구나 참여 가능한 공개 세미나입니다.\\n\\nZoom 회의 참가\\nhttps://us06web.zoom.us/j/{kz2}\\n\\n회의 ID: {kz2s}\\n암호 없음 (대기실 사용)\\n\\n발표자료는 세미나 종료 후 홈페이지에 게시됩니다.
END:VEVENT
END:VCALENDAR""")

# KO-N4 Slack export, emoji and ids
tk = slack_ts(); uk1, uk2 = slack_uid(), slack_uid()
msgs = [
    {"type": "message", "user": uk1, "text": f"오늘 회식 장소 확정! 강남역 11번 출구 {COOK}", "ts": tk, "client_msg_id": uid(), "team": "T03KRB72MQ"},
    {"type": "message", "user": uk2, "text": f"{RAINBOW} 저 조금 늦어요 7시 반 도착", "ts": slack_ts(), "thread_ts": tk, "client_msg_id": uid()},
    {"type": "message", "user": uk1, "text": "예약번호 R-20251119-0734 로 잡혀있어요", "ts": slack_ts(), "thread_ts": tk,
     "edited": {"user": uk1, "ts": slack_ts()}},
]
S("ko", "json", json.dumps(msgs, indent=2, ensure_ascii=False))

# KO-N5 payment log with masked card, ids only
S("ko", "log", "\n".join(
    f"2025-11-18 2{i}:1{i}:0{i}.{d(3)} INFO  [pg-callback] 주문번호=ORD{d(12)} 거래ID=T{rnd(HEX, 20)} 승인번호={d(8)} "
    f"카드=5310-12**-****-{d(4)} 금액={R.randint(5, 300) * 100}원 결과=승인 trace={rnd(HEX, 32)}" for i in range(4)))

# KO-N6 taxi / reservation SMS
S("ko", "prose", f"""[Web발신]
[카카오T] 예약이 확정되었습니다.
예약번호: K2511{d(6)}
탑승일시: 11/20(목) 05:40
출발: 성남시 분당구 정자일로 95 / 도착: 인천국제공항 T1
차량: 12가 3456 (흰색 K8)

[Web발신]
[SRT] 승차권 발권 완료. 11/22 수서→부산 08:00 4호차 11A, 승차권번호 {d(5)}-{d(4)}-{d(5)}-{d(2)}""")

# KO-N7 meeting room table
S("ko", "table", f"""| 회의실   | 일자       | 시간        | 예약자 | 예약번호        | 용도          |
|----------|------------|-------------|--------|-----------------|---------------|
| 8F-대    | 2025-11-20 | 10:00-11:30 | 김OO   | MR-{d(8)}     | 주간회의      |
| 8F-소2   | 2025-11-20 | 14:00-15:00 | 박OO   | MR-{d(8)}     | 면접          |
| 10F-세미나 | 2025-11-21 | 09:00-18:00 | 이OO  | MR-{d(8)}     | 신입 교육     |""")

# KO-N8 MIME with base64 Korean notice body
bnd = "----=_Part_" + d(7) + "_" + d(9) + "." + d(13)
kb = b64("안녕하세요. 12월 6일(토) 02:00~06:00 그룹웨어 정기 점검이 예정되어 있습니다.\n"
         "점검 시간에는 메일 송수신이 지연될 수 있습니다. 양해 부탁드립니다.\n")
S("ko", "prose", f"""이 메일 본문이 깨져 보여요. 디코딩해서 무슨 내용인지 알려주세요.

MIME-Version: 1.0
Subject: =?UTF-8?B?{b64("그룹웨어 점검 안내")}?=
Content-Type: multipart/alternative; boundary="{bnd}"

--{bnd}
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{wrap(kb)}
--{bnd}--""")

# KO-N9 onboarding chat with .env placeholders only
S("ko", "chat", f"""[김태윤] [오후 4:02] 새로 오신 분들 이거 복사해서 .env 만드세요. 실제 값은 1Password 공유 볼트에 있어요
[김태윤] [오후 4:02] DB_HOST=localhost
DB_USER=app
DB_PASSWORD=<1Password 참고>
OPENAI_API_KEY=sk-...여기에-본인-키
REDIS_URL=redis://localhost:6379/0
JWT_SECRET=${{JWT_SECRET}}
[이수빈] [오후 4:05] 넵 볼트 권한은 누구한테 요청하나요?
[김태윤] [오후 4:06] 저한테 DM 주세요""")

# =====================================================================================
# DE (25: 16 with labels, 9 hard negatives)
# =====================================================================================

# DE-1 Outlook thread with IBAN, Steuer-ID, signature phones
di = iban("DE"); dis = iban_spaced(di); st = de_steuer_id(); sts = f"{st[:2]} {st[2:5]} {st[5:8]} {st[8:]}"
dt1 = f"+49 (0)40 / 3289-{d(4)}"; dm1 = f"0171 {d(7)}"; dt2 = f"040 3289-{d(3)}"
S("de", "prose", f"""Von: Krüger, Jana <jana.krueger@elbwerk-logistik.de>
Gesendet: Dienstag, 18. November 2025 09:41
An: Lohnbuchhaltung <lohn@elbwerk-logistik.de>
Cc: Petersen, Ole <o.petersen@elbwerk-logistik.de>
Betreff: AW: Neue Bankverbindung + Steuer-ID für Dezember-Abrechnung

Hallo zusammen,

wie telefonisch besprochen hier meine Daten für die Entgeltabrechnung ab Dezember:

Kontoinhaberin: Jana Krüger
IBAN: {dis}
Bank: Hamburger Sparkasse
Steuerliche Identifikationsnummer: {sts}

Die alte Verbindung bei der Comdirect bitte löschen.

Viele Grüße
Jana Krüger
Disposition Seefracht
Elbwerk Logistik GmbH · Am Sandtorkai 12 · 20457 Hamburg
Tel.: {dt1} · Mobil: {dm1}

Am 17.11.2025 um 14:02 schrieb Petersen, Ole <o.petersen@elbwerk-logistik.de>:
> Hallo Jana,
> bitte schick die neue IBAN direkt an die Lohnbuchhaltung, mich in Kopie.
> Gruß Ole (Durchwahl {dt2})""",
  ("email", "jana.krueger@elbwerk-logistik.de"), ("email", "lohn@elbwerk-logistik.de"), ("email", "o.petersen@elbwerk-logistik.de"),
  ("iban", dis), ("de_steuer_id", sts), ("phone", dt1), ("phone", dm1), ("phone", dt2))

# DE-2 vCard 4.0 with tel: URIs
vt1 = f"+49-151-{d(8)}"; vt2 = f"+49 711 {d(6)}-{d(2)}"
S("de", "config", f"""BEGIN:VCARD
VERSION:4.0
FN:Dr. Matthias Vogel
N:Vogel;Matthias;;Dr.;
ORG:Vogel & Partner Steuerberatung
TEL;TYPE="cell,voice";VALUE=uri:tel:{vt1}
TEL;TYPE="work,voice";PREF=1:{vt2}
EMAIL;TYPE=work:m.vogel@vogel-partner-stb.de
EMAIL;TYPE=home:matthias.vogel71@web.de
ADR;TYPE=work:;;Königstraße 28;Stuttgart;;70173;Deutschland
URL:https://www.vogel-partner-stb.de
REV:20251110T081500Z
END:VCARD""", ("phone", vt1), ("phone", vt2), ("email", "m.vogel@vogel-partner-stb.de"), ("email", "matthias.vogel71@web.de"))

# DE-3 Teams ICS in German with Kenncode and dial-in
tmid = f"{d(3)} {d(3)} {d(3)} {d(3)}"; kc3 = rnd_mixed(ALNUM, 6); conf = d(9); de_dial = f"+49 69 365 {d(5)}"
S("de", "config", f"""BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
ORGANIZER;CN=Schneider\\, Katrin:mailto:katrin.schneider@rheinmetall-zulieferer.de
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Yilmaz\\, Deniz:mailto:deniz.yilmaz@rheinmetall-zulieferer.de
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=t.haas@haas-engineering.at:mailto:t.haas@haas-engineering.at
DESCRIPTION;LANGUAGE=de-DE:________________________________________________________________________________\\nMicrosoft Teams Benötigen Sie Hilfe?\\nJetzt an der Besprechung teilnehmen\\nBesprechungs-ID: {tmid}\\nKenncode: {kc3}\\n________________________________\\nPer Telefon einwählen\\n{de_dial}\\,\\,{conf}# Deutschland\\, Frankfurt am Main\\nTelefonkonferenz-ID: {conf[:3]} {conf[3:6]} {conf[6:]}#\\n________________________________________________________________________________\\n
UID:040000008200E00074C5B7101A82E00800000000{rnd(HEX.upper(), 48)}
SUMMARY;LANGUAGE=de-DE:Abstimmung Lieferplan KW 49
DTSTART;TZID=W. Europe Standard Time:20251126T100000
DTEND;TZID=W. Europe Standard Time:20251126T110000
LOCATION;LANGUAGE=de-DE:Microsoft Teams-Besprechung
END:VEVENT
END:VCALENDAR""", ("email", "katrin.schneider@rheinmetall-zulieferer.de"), ("email", "deniz.yilmaz@rheinmetall-zulieferer.de"),
  ("email", "t.haas@haas-engineering.at"), ("password", kc3), ("phone", de_dial))

# DE-4 WhatsApp group: IBAN, PayPal mail, mobile
wi = iban("DE"); wm = f"0176 {d(8)}"
S("de", "chat", f"""[18.11.25, 21:14:03] Lukas: Wer hat noch nicht fürs Ferienhaus überwiesen? \U0001F605
[18.11.25, 21:15:10] Lukas: IBAN {wi}, Verwendungszweck "Usedom 2026", je 212,50 €
[18.11.25, 21:16:44] Mia: geht auch paypal? lukas.brandt@gmx.de?
[18.11.25, 21:17:02] Lukas: ja genau, an die gmx-Adresse (Freunde & Familie bitte)
[18.11.25, 21:17:30] Lukas: oder ruft mich an {wm}
[18.11.25, 21:18:11] Jonas: \u200eDieses Bild wurde weggelassen.""", ("iban", wi), ("email", "lukas.brandt@gmx.de"), ("phone", wm))

# DE-5 Slack export with Vault and Databricks tokens
vt = vault(); db = databricks(); tt = slack_ts(); ud1, ud2 = slack_uid(), slack_uid()
msgs = [
    {"type": "message", "user": ud1, "text": "Kann mir jemand kurz Staging-Zugriff geben? Terraform plan läuft sonst nicht durch", "ts": tt,
     "client_msg_id": uid(), "user_profile": {"real_name": "Felix Hoffmann", "display_name": "felix.h"}},
    {"type": "message", "user": ud2, "text": f"Hier der Vault-Token für Staging (TTL 24h): `{vt}`\nund für den Databricks-Job nimm {db}", "ts": slack_ts(),
     "thread_ts": tt, "client_msg_id": uid(), "user_profile": {"real_name": "Sabine Wolf", "display_name": "sabine"}},
    {"type": "message", "user": ud1, "text": "Danke! :raised_hands:", "ts": slack_ts(), "thread_ts": tt},
]
S("de", "json", json.dumps(msgs, indent=2, ensure_ascii=False), ("cloud_token", vt), ("cloud_token", db))

# DE-6 Anrufbeantworter
ab1 = f"0176 / {d(2)} {d(2)} {d(2)} {d(2)}"; ab2 = f"+49 5121 {d(6)}"
S("de", "prose", f"""Neue Sprachnachricht von {ab2} · Mi., 19.11.2025, 07:52 · 0:41
Transkript (Vorschau):

„Ja, hallo, hier ist Rüdiger Hahn von der Hausverwaltung Hahn & Söhne. Es geht um den Wasserschaden
in Ihrer Wohnung im zweiten OG. Der Gutachter kommt am Freitag zwischen acht und zehn. Wenn das nicht
passt, rufen Sie mich bitte mobil an unter {ab1}. Danke, tschüss.“""", ("phone", ab1), ("phone", ab2))

# DE-7 Abwesenheitsnotiz with obfuscated e-mail
an1 = f"05121 / 1707-{d(3)}"
S("de", "prose", f"""From: Monika Schulz <monika.schulz@stadtwerke-neuberg.de>
To: anfragen@ingenieurbuero-kern.de
Subject: Automatische Antwort: Hausanschluss Fernwärme, Lindenweg 4
Date: Tue, 18 Nov 2025 07:30:02 +0100
Auto-Submitted: auto-replied

Sehr geehrte Damen und Herren,

ich bin bis einschließlich 28.11.2025 nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.
In dringenden Fällen wenden Sie sich bitte an meine Vertretung, Herrn Schulz,
m.schulz [at] stadtwerke-neuberg.de, Tel. {an1}.

Mit freundlichen Grüßen
Monika Schulz""", ("email", "monika.schulz@stadtwerke-neuberg.de"), ("email", "anfragen@ingenieurbuero-kern.de"),
  ("email", "m.schulz [at] stadtwerke-neuberg.de"), ("phone", an1))

# DE-8 postfix/dovecot log (home server), IPv4 + IPv6
v6 = "2003:e5:8f2a:6b00:a1c9:3b7f:2e10:5d4e"
S("de", "log", f"""Nov 18 07:41:13 nas postfix/submission/smtpd[8812]: connect from p5dd3a1f2.dip0.t-ipconnect.de[93.211.161.242]
Nov 18 07:41:13 nas postfix/submission/smtpd[8812]: 7A3E51C0B2: client=p5dd3a1f2.dip0.t-ipconnect.de[93.211.161.242], sasl_method=PLAIN, sasl_username=familie.berger@berger-home.de
Nov 18 07:41:14 nas postfix/qmgr[702]: 7A3E51C0B2: from=<familie.berger@berger-home.de>, size=1822311, nrcpt=1 (queue active)
Nov 18 07:41:15 nas postfix/smtp[8815]: 7A3E51C0B2: to=<oma.inge@t-online.de>, relay=mx00.t-online.de[194.25.134.8]:25, delay=1.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)
Nov 18 07:52:40 nas dovecot: imap-login: Login: user=<familie.berger@berger-home.de>, method=PLAIN, rip=192.168.178.23, lip=192.168.178.2, mpid=9121, TLS
Nov 18 07:58:02 nas dovecot: imap-login: Login: user=<familie.berger@berger-home.de>, method=PLAIN, rip={v6}, lip=::1, mpid=9170, TLS""",
  ("ip_address", "93.211.161.242"), ("ip_address", "194.25.134.8"), ("ip_address", "192.168.178.23"),
  ("ip_address", "192.168.178.2"), ("ip_address", v6), ("email", "familie.berger@berger-home.de"), ("email", "oma.inge@t-online.de"))

# DE-9 Minijobber table
rows = []
labs = []
for name in ["Aylin Demir", "Tobias Lang", "Greta Nowak"]:
    s_ = de_steuer_id(); s_ = s_ if name != "Tobias Lang" else f"{s_[:2]} {s_[2:5]} {s_[5:8]} {s_[8:]}"
    ib = iban("DE"); ib = ib if name == "Greta Nowak" else iban_spaced(ib)
    mob = f"01{R.choice('567')}{R.randint(0, 9)} {d(7)}"
    rows.append(f"{name};{s_};{ib};{mob}")
    labs += [("de_steuer_id", s_), ("iban", ib), ("phone", mob)]
S("de", "table", "Minijobber Dezember - für DATEV-Import\nName;Steuer-ID;IBAN;Mobil\n" + "\n".join(rows), *labs)

# DE-10 hotel booking with Mastercard
dmc = fmt_card(card("mc")); dhm = f"+49 172 {d(7)}"
S("de", "prose", f"""From: Reservierung Seehotel Ammersee <reservierung@seehotel-ammersee.de>
To: Claudia Weber <claudia.weber@posteo.de>
Subject: AW: Zimmerreservierung 12.-14.12.2025
Date: Tue, 18 Nov 2025 11:04:17 +0100

Sehr geehrte Frau Weber,

vielen Dank, wir haben die Garantie hinterlegt. Ihre Reservierungsnummer lautet SA-25-04417.

Herzliche Grüße aus Herrsching

-----Ursprüngliche Nachricht-----
Von: Claudia Weber <claudia.weber@posteo.de>
Gesendet: Montag, 17. November 2025 20:31
Betreff: Zimmerreservierung 12.-14.12.2025

Guten Abend,

für die Garantie der Buchung: Mastercard {dmc}, gültig bis 03/28, Karteninhaberin Claudia Weber.
Bei Rückfragen bin ich unter {dhm} erreichbar.""",
  ("email", "reservierung@seehotel-ammersee.de"), ("email", "claudia.weber@posteo.de"), ("card", dmc), ("phone", dhm))

# DE-11 Teams export: Azure client secret + PayPal live token
az = azure_client_secret(); ppt = paypal_token()
teams = {"value": [
    {"id": "17634" + d(8), "createdDateTime": "2025-11-19T08:12:44.201Z",
     "from": {"user": {"id": uid(), "displayName": "Nico Bauer", "userIdentityType": "aadUser"}},
     "body": {"contentType": "html", "content": f"<p>App-Registrierung für den Shop-Connector ist angelegt.</p><p>Tenant: {uid()}<br>Client-ID: {uid()}<br>Client-Secret: {az}</p>"}},
    {"id": "17634" + d(8), "createdDateTime": "2025-11-19T08:15:02.554Z",
     "from": {"user": {"id": uid(), "displayName": "Lea Fischer", "userIdentityType": "aadUser"}},
     "body": {"contentType": "html", "content": f"<p>Super. Der PayPal Live Access Token für die Zahlungsabwicklung ist <code>{ppt}</code> – bitte ins Key Vault.</p>"}}]}
S("de", "json", json.dumps(teams, indent=2, ensure_ascii=False), ("azure_key", az), ("payment_token", ppt))

# DE-12 onboarding mail with Dutch BSN
bsn = nl_bsn(); bsn_d = f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"; nlp = f"+31 6 {d(4)} {d(4)}"
S("de", "prose", f"""From: Sophie de Vries <sophie.devries@hotmail.nl>
To: Personalabteilung <personal@grenzland-klinik.de>
Subject: Unterlagen Arbeitsvertrag - Grenzgängerin
Date: Wed, 19 Nov 2025 18:20:30 +0100

Guten Tag Frau Janssen,

anbei wie gewünscht meine Angaben für die Anmeldung als Grenzgängerin:
- Wohnsitz: Venlo (NL)
- Burgerservicenummer (BSN): {bsn_d}
- Handy: {nlp}

Meine deutsche Steuer-ID beantrage ich noch beim Finanzamt Kleve.

Met vriendelijke groet / Mit freundlichen Grüßen
Sophie de Vries""", ("email", "sophie.devries@hotmail.nl"), ("email", "personal@grenzland-klinik.de"),
  ("nl_bsn", bsn_d), ("phone", nlp))

# DE-13 Discord DM export: bot token + PyPI token
dtk = discord_token(); pyp = pypi()
S("de", "chat", f"""[19.11.2025 22:10] kai_dev: kannst du den bot mal auf deinem server starten? meiner hängt
[19.11.2025 22:11] kai_dev: token: {dtk}
[19.11.2025 22:13] jule.b: läuft. btw für das release vom client-paket hab ich das hier im CI hinterlegt
[19.11.2025 22:13] jule.b: {pyp}
[19.11.2025 22:14] kai_dev: bro… das ist ein öffentlicher server \U0001F62C
[19.11.2025 22:14] jule.b: ist eh nur der testkanal, rotier ich morgen""", ("discord_token", dtk), ("package_registry_token", pyp))

# DE-14 family mail: NAS URL with credentials, Wi-Fi key, router IP, percent-encoded e-mail
nas_pw = rnd_mixed(ALNUM, 12); nas = f"https://admin:{nas_pw}@nas.familie-berger.de:5001/"; wlan = password()
enc_mail = urllib.parse.quote("jana.berger@gmx.de", safe="")
S("de", "prose", f"""From: Thomas Berger <thomas@berger-home.de>
To: Jana Berger <jana.berger@gmx.de>
Subject: Zugangsdaten fürs Haus (bitte nicht weiterleiten)
Date: Sun, 16 Nov 2025 20:02:41 +0100

Hallo Jana,

falls ich im Urlaub nicht erreichbar bin:

Fotos/Backups (NAS): {nas}
WLAN "FRITZ!Box 7590 BX": {wlan}
Router-Oberfläche: http://192.168.178.1 (Kennwort steht auf dem Zettel im Schrank)

Dein Konto beim Stromanbieter habe ich schon angelegt, Login-Link:
https://kundenportal.stadtwerke-neuberg.de/login?user={enc_mail}&lang=de

Liebe Grüße
Papa""", ("email", "thomas@berger-home.de"), ("email", "jana.berger@gmx.de"), ("url_credentials", nas),
  ("password", wlan), ("ip_address", "192.168.178.1"), ("email", enc_mail))

# DE-15 mail with Italian Codice Fiscale, IT IBAN and phone
cf = it_cf(); iti = iban("IT"); itp = f"+39 347 {d(3)} {d(4)}"
S("de", "prose", f"""From: Giulia Romano <giulia.romano@libero.it>
To: Buchhaltung <buchhaltung@alpenblick-gastro.de>
Subject: Lohnabrechnung Saisonkraft - fehlende Angaben
Date: Mon, 17 Nov 2025 09:55:12 +0100

Sehr geehrte Damen und Herren,

für meine Lohnabrechnung (Wintersaison) fehlten noch folgende Angaben:

Codice fiscale: {cf}
Bankverbindung (Italien): {iti}
Erreichbar bin ich unter {itp} (auch WhatsApp).

Cordiali saluti
Giulia Romano""", ("email", "giulia.romano@libero.it"), ("email", "buchhaltung@alpenblick-gastro.de"),
  ("it_codice_fiscale", cf), ("iban", iti), ("phone", itp))

# DE-16 mail with OpenSSH private key and server IP
ssh = openssh_key()
S("de", "prose", f"""From: Stefan Maier <stefan.maier@webagentur-maier.de>
To: f.kaya@kaya-it.de
Subject: Server-Zugang für das Relaunch-Projekt

Hi Furkan,

hier der Deploy-Key für den neuen Webserver (Hetzner, 91.107.214.38, User deploy).
Bitte nach dem ersten Login einen eigenen Key hinterlegen, den hier lösche ich dann.

{ssh}

Gruß Stefan""", ("email", "stefan.maier@webagentur-maier.de"), ("email", "f.kaya@kaya-it.de"),
  ("ip_address", "91.107.214.38"), ("private_key", ssh))

# ---- DE hard negatives ----
# DE-N1 header dump with documentation IPs
S("de", "prose", f"""Warum landet unsere Rechnungsmail bei GMX im Spam? Header (Adressen entfernt):

Received: from mout.example.de ([198.51.100.81]) by mx-ha.example.net
 (mxgmx117 [192.0.2.117]) with ESMTPS (Nemesis) id 1MqK8B-{rnd_mixed(ALNUM, 10)}
 for <***>; Tue, 18 Nov 2025 10:15:22 +0100
Received: from buchhaltung-pc ([203.0.113.19]) by mout.example.de (mrelay) with ESMTPSA
 (Nemesis) id 0M8zQe-{rnd_mixed(ALNUM, 10)}; Tue, 18 Nov 2025 10:15:21 +0100
ARC-Seal: i=1; a=rsa-sha256; t=1763457322; cv=none; d=example.net; s=arc-2025;
	b={wrap(rb64(128), 70, chr(10) + chr(9) + " ")}
{dkim("example.de", "s1-ionos")}
Message-ID: <{uid()}@example.de>
X-Mailer: Microsoft Outlook 16.0
X-UI-Out-Filterresults: notjunk:1;V03:K0:{rnd_mixed(ALNUM + '+/', 40)}=
Von: Buchhaltung Müller GmbH
Betreff: Rechnung RE-2025-10447""")

# DE-N2 DHL SMS
S("de", "prose", f"""DHL: Ihre Sendung {d(20)} kommt heute zwischen 11:30 und 13:30. Änderungen: https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={d(20)}
DHL: Ihre Sendung wurde in der Postfiliale 512 (Hauptstr. 4) hinterlegt. Abholung ab morgen 10:00 mit Ausweis.
Hermes: Paket H10{d(17)} wird am Do., 20.11. zugestellt. Wunschzeit wählen: https://hermes.de/s/{rnd_mixed(ALNUM, 8)}""")

# DE-N3 Webex ICS, meeting number only
wx = f"{d(4)} {d(3)} {d(4)}"
S("de", "config", f"""BEGIN:VCALENDAR
PRODID:-//Cisco//Webex//DE
VERSION:2.0
METHOD:PUBLISH
BEGIN:VEVENT
UID:{uid()}
DTSTAMP:20251118T090000Z
DTSTART;TZID=Europe/Berlin:20251203T180000
DTEND;TZID=Europe/Berlin:20251203T193000
SUMMARY:Infoabend Photovoltaik für Mieter (öffentlich)
DESCRIPTION:Teilnahme über Webex: https://stadtwerke-neuberg.webex.com/stadtwerke-neuberg/j.php?MTID=m{rnd(HEX, 32)}\\nMeeting-Nummer: {wx}\\nKein Passwort erforderlich.\\nDie Aufzeichnung wird anschließend veröffentlicht.
LOCATION:Online (Webex)
END:VEVENT
END:VCALENDAR""")

# DE-N4 WhatsApp group chat, emojis with ZWJ, invoice number
S("de", "chat", f"""[20.11.25, 12:01:44] Anke: Weihnachtsfeier steht! 13.12., 19 Uhr, Tisch 12 im Ratskeller {COOK}
[20.11.25, 12:02:10] Bernd: {FAMILY} wir kommen zu viert
[20.11.25, 12:03:31] Anke: Anzahlung ist bezahlt, Rechnung Nr. RK-2025-{d(5)}
[20.11.25, 12:04:02] Claudia: {COUPLE} wir zwei auch
[20.11.25, 12:05:12] Anke: \u200eDieses Bild wurde weggelassen.""")

# DE-N5 order overview with EANs
S("de", "table", "Bestellübersicht Filiale Nord (KW 47)\n| Bestellnr. | Artikel | EAN | Menge | Preis |\n|---|---|---|---|---|\n" + "\n".join(
    f"| B-{d(8)} | {a} | {ean13('40')} | {q} | {p} € |" for a, q, p in
    [("Kaffee Crema 1 kg", 12, "14,99"), ("Hafermilch Barista 1 l", 24, "2,29"), ("Pappbecher 0,3 l (100 St.)", 10, "8,90")]))

# DE-N6 rspamd log, documentation IPs, null sender
S("de", "log", "\n".join(
    f"2025-11-18 10:{10 + i}:0{i} #{R.randint(1000, 9999)}(normal) <{rnd(HEX, 6)}>; task; rspamd_task_write_log: id: <{uid()}@example.de>, "
    f"qid: <{rnd(UP + DIG, 10)}>, ip: {ipx}, from: <>, (default: F (no action): [{R.uniform(-3, 4):.2f}/15.00] "
    f"[BAYES_HAM(-3.00){{99.99%;}},DKIM_TRACE(0.00){{example.de:+;}},R_SPF_ALLOW(-0.20){{+ip4:{ipx};}}]), len: {R.randint(2000, 90000)}, time: {R.randint(20, 400)}.{d(3)}ms"
    for i, ipx in enumerate(["198.51.100.81", "203.0.113.19", "192.0.2.117"])))

# DE-N7 invoice mail with SEPA creditor id, mandate ref, no IBAN
S("de", "prose", f"""Von: Stadtwerke Neuberg - Kundenservice
Betreff: Ihre Jahresabrechnung 2025, Kundennummer 40-{d(7)}

Sehr geehrter Kunde,

Ihre Jahresabrechnung steht im Kundenportal bereit. Der Betrag von 148,20 € wird am 05.12.2025
per SEPA-Lastschrift eingezogen.

Gläubiger-Identifikationsnummer: DE98ZZZ09999999999
Mandatsreferenz: SWN-{d(10)}
Rechnungsnummer: RE-2025-{d(6)}
Zählernummer: 1ESY{d(10)}

Ihr Kundenservice""")

# DE-N8 Slack export with commit SHAs and image digests
msgs = [
    {"type": "message", "subtype": "bot_message", "bot_id": "B0" + rnd(UP + DIG, 9), "username": "CI",
     "text": f"Build #{R.randint(1000, 9999)} erfolgreich :white_check_mark: commit `{rnd(HEX, 40)}` auf `main`\nImage: registry.example.de/shop/api@sha256:{rnd(HEX, 64)}",
     "ts": slack_ts()},
    {"type": "message", "user": slack_uid(), "text": f"Rollback bitte auf `{rnd(HEX, 7)}`, der letzte Build bricht den Checkout", "ts": slack_ts(), "client_msg_id": uid()},
]
S("de", "json", json.dumps(msgs, indent=2, ensure_ascii=False))

# DE-N9 mail with PGP public key block
S("de", "prose", f"""Von: Kanzlei Vogel
Betreff: Unser öffentlicher PGP-Schlüssel

Sehr geehrte Mandantinnen und Mandanten,

für verschlüsselte Kommunikation finden Sie unten unseren öffentlichen Schlüssel.
Fingerprint: {' '.join(rnd(HEX.upper(), 4) for _ in range(10))}

{pgp_block("PUBLIC KEY BLOCK", 420)}""")

# =====================================================================================
# JA (25: 16 with labels, 9 hard negatives)
# =====================================================================================

# JA-1 mail thread with My Number and signature phones
mn = jp_mynumber(); mns = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
jt = f"03-5321-{d(4)}"; jf = f"03-5321-{d(4)}"; jm = f"090-{d(4)}-{d(4)}"
S("ja", "prose", f"""差出人: 田中 一郎 <ichiro.tanaka@kaede-shoji.co.jp>
送信日時: 2025年11月18日(火) 10:12
宛先: 総務部 給与担当 <kyuyo@kaede-shoji.co.jp>
CC: 鈴木 花子 <h.suzuki@kaede-shoji.co.jp>
件名: Re: 年末調整書類の提出について

給与担当 御中

お世話になっております。営業二課の田中です。
扶養控除等申告書の件、記入漏れがありましたので追記いたします。

本人マイナンバー：{mns}

以上、よろしくお願いいたします。

━━━━━━━━━━━━━━━━━━━━
楓商事株式会社 営業二課
田中 一郎
TEL：{jt} FAX：{jf}
携帯：{jm}
━━━━━━━━━━━━━━━━━━━━

> 2025年11月17日(月) 17:40 鈴木 花子 <h.suzuki@kaede-shoji.co.jp>:
> 田中さん、申告書のマイナンバー欄が空欄でしたので、
> このメールへの返信でご連絡ください。""",
  ("email", "ichiro.tanaka@kaede-shoji.co.jp"), ("email", "kyuyo@kaede-shoji.co.jp"), ("email", "h.suzuki@kaede-shoji.co.jp"),
  ("jp_mynumber", mns), ("phone", jt), ("phone", jf), ("phone", jm))

# JA-2 vCard
jc = f"080-{d(4)}-{d(4)}"; jh = f"045-{d(3)}-{d(4)}"
S("ja", "config", f"""BEGIN:VCARD
VERSION:3.0
N:佐藤;美咲;;;
FN:佐藤 美咲
X-PHONETIC-LAST-NAME:サトウ
X-PHONETIC-FIRST-NAME:ミサキ
ORG:株式会社みなとデザイン;
TEL;TYPE=CELL:{jc}
TEL;TYPE=HOME:{jh}
EMAIL;TYPE=INTERNET,CELL:misaki.s-0214@docomo.ne.jp
EMAIL;TYPE=INTERNET,WORK:sato@minato-design.jp
ADR;TYPE=HOME:;;港北区新横浜2-5-14;横浜市;神奈川県;222-0033;日本
END:VCARD""", ("phone", jc), ("phone", jh), ("email", "misaki.s-0214@docomo.ne.jp"), ("email", "sato@minato-design.jp"))

# JA-3 Teams ICS in Japanese with passcode and dial-in
jmid = f"{d(3)} {d(3)} {d(3)} {d(3)}"; jpc = rnd_mixed(ALNUM, 6); jconf = d(9); jdial = f"+81 3-4578-{d(4)}"
S("ja", "config", f"""BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
ORGANIZER;CN=山本 健太:mailto:kenta.yamamoto@hikari-denki.co.jp
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=中村 由美:mailto:yumi.nakamura@hikari-denki.co.jp
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Brian Cho:mailto:bcho@westfield-semis.com
DESCRIPTION;LANGUAGE=ja-JP:________________________________________________________________________________\\nMicrosoft Teams ヘルプが必要ですか?\\n今すぐ会議に参加する\\n会議 ID: {jmid}\\nパスコード: {jpc}\\n________________________________\\n電話で参加する\\n{jdial}\\,\\,{jconf}# 日本、東京\\n電話会議 ID: {jconf[:3]} {jconf[3:6]} {jconf[6:]}#\\n________________________________________________________________________________\\n
UID:040000008200E00074C5B7101A82E00800000000{rnd(HEX.upper(), 48)}
SUMMARY;LANGUAGE=ja-JP:【定例】北米向け量産スケジュール確認
DTSTART;TZID=Tokyo Standard Time:20251127T090000
DTEND;TZID=Tokyo Standard Time:20251127T100000
LOCATION;LANGUAGE=ja-JP:Microsoft Teams 会議
END:VEVENT
END:VCALENDAR""", ("email", "kenta.yamamoto@hikari-denki.co.jp"), ("email", "yumi.nakamura@hikari-denki.co.jp"),
  ("email", "bcho@westfield-semis.com"), ("password", jpc), ("phone", jdial))

# JA-4 LINE export with full-width phone
lp = fullwidth(f"090-{d(4)}-{d(4)}")
S("ja", "chat", f"""[LINE] 山田 花子とのトーク履歴
保存日時：2025/11/18 22:10

2025/11/17(月)
21:03\t山田 花子\t明日の引っ越し業者さん、私の番号で予約したからこれ伝えておいて
21:03\t山田 花子\t{lp}
21:04\t山田 花子\tメールはこっち hanako.yamada.1988@icloud.com
21:10\t佐々木 翔\t了解！ありがとう{MOMGIRL}
21:11\t佐々木 翔\t[スタンプ]""", ("phone", lp), ("email", "hanako.yamada.1988@icloud.com"))

# JA-5 Slack export with Anthropic key
ant = anthropic(); tj = slack_ts(); uj1, uj2 = slack_uid(), slack_uid()
msgs = [
    {"type": "message", "user": uj1, "text": "要約バッチ用のClaudeのキー、どこにありましたっけ？", "ts": tj, "client_msg_id": uid(),
     "user_profile": {"real_name": "小林 大輔", "display_name": "kobayashi"}},
    {"type": "message", "user": uj2, "text": f"これです（検証環境用）\n```ANTHROPIC_API_KEY={ant}```\n本番のはVaultにあります", "ts": slack_ts(),
     "thread_ts": tj, "client_msg_id": uid(), "user_profile": {"real_name": "松本 彩", "display_name": "aya.m"}},
    {"type": "message", "user": uj1, "text": "ありがとうございます！:bow:", "ts": slack_ts(), "thread_ts": tj},
]
S("ja", "json", json.dumps(msgs, indent=2, ensure_ascii=False), ("anthropic_key", ant))

# JA-6 voicemail transcript
ry1 = f"0120-{d(3)}-{d(3)}"; ry2 = f"03-{d(4)}-{d(4)}"; ry3 = f"070 {d(4)} {d(4)}"
S("ja", "prose", f"""留守番電話メッセージ（文字起こし）
着信：{ry1}　2025/11/19 09:14　再生時間 0:36

「もしもし、こちら東都ガスお客さまセンターです。ガスメーターの交換工事の日程についてご連絡いたしました。
お手数ですが、{ry2} までお電話ください。担当は木村です。なお、本日は木村の携帯 {ry3} でも承ります。失礼いたします。」""",
  ("phone", ry1), ("phone", ry2), ("phone", ry3))

# JA-7 out-of-office
ja7 = f"+81-80-{d(4)}-{d(4)}"
S("ja", "prose", f"""From: 森 千尋 <chihiro.mori@sakura-pharma.co.jp>
To: 購買部 <kobai@nishiki-kagaku.co.jp>
Subject: 不在通知：11/17～11/21 海外出張のため不在です
Date: Tue, 18 Nov 2025 08:30:00 +0900
Auto-Submitted: auto-replied

いつもお世話になっております。さくら製薬の森です。
誠に勝手ながら、11月17日(月)～11月21日(金)は海外出張のため不在にしております。

お急ぎの場合は、同部署の石井（ishii.r@sakura-pharma.co.jp）までご連絡ください。
緊急時は携帯（{ja7}）にお電話いただけますと幸いです。""",
  ("email", "chihiro.mori@sakura-pharma.co.jp"), ("email", "kobai@nishiki-kagaku.co.jp"),
  ("email", "ishii.r@sakura-pharma.co.jp"), ("phone", ja7))

# JA-8 mail server log with Japanese ISP IPs and private IP
S("ja", "log", f"""Nov 18 08:02:11 mail01 postfix/submission/smtpd[22310]: connect from softbank126205081043.bbtec.net[126.205.81.43]
Nov 18 08:02:11 mail01 postfix/submission/smtpd[22310]: B0C4A3E01F: client=softbank126205081043.bbtec.net[126.205.81.43], sasl_method=LOGIN, sasl_username=t.ogawa@nishiki-kagaku.co.jp
Nov 18 08:02:12 mail01 postfix/qmgr[1190]: B0C4A3E01F: from=<t.ogawa@nishiki-kagaku.co.jp>, size=30551, nrcpt=2 (queue active)
Nov 18 08:02:13 mail01 postfix/smtp[22314]: B0C4A3E01F: to=<eigyo@kaede-shoji.co.jp>, relay=mx.kaede-shoji.co.jp[153.127.40.211]:25, delay=1.2, dsn=2.0.0, status=sent (250 ok)
Nov 18 08:02:13 mail01 postfix/smtp[22315]: B0C4A3E01F: to=<archive@nishiki-kagaku.co.jp>, relay=172.16.5.20[172.16.5.20]:25, delay=1.1, dsn=2.0.0, status=sent (250 2.0.0 Ok)""",
  ("ip_address", "126.205.81.43"), ("ip_address", "153.127.40.211"), ("ip_address", "172.16.5.20"),
  ("email", "t.ogawa@nishiki-kagaku.co.jp"), ("email", "eigyo@kaede-shoji.co.jp"), ("email", "archive@nishiki-kagaku.co.jp"))

# JA-9 staff list with extensions (not phones) and mobiles
jk = [f"090-{d(4)}-{d(4)}", f"080{d(8)}", f"070-{d(4)}-{d(4)}"]
S("ja", "table", f"""社員連絡先一覧（2025年11月版）※社外秘

| 氏名     | 部署     | 内線 | 携帯          | メール                       |
|----------|----------|------|---------------|------------------------------|
| 井上 拓海 | 情報システム | 2301 | {jk[0]} | t.inoue@hikari-denki.co.jp    |
| 木下 さくら | 経理   | 2115 | {jk[1]}   | s.kinoshita@hikari-denki.co.jp |
| 林 悠斗   | 総務     | 2002 | {jk[2]} | y.hayashi@hikari-denki.co.jp  |
""", *[("phone", x) for x in jk], ("email", "t.inoue@hikari-denki.co.jp"),
  ("email", "s.kinoshita@hikari-denki.co.jp"), ("email", "y.hayashi@hikari-denki.co.jp"))

# JA-10 ryokan reservation with JCB card
jcb = card("jcb"); jcbs = fmt_card(jcb, "-"); jrp = f"090-{d(4)}-{d(4)}"
S("ja", "prose", f"""From: 予約係 <yoyaku@hakone-yunoyado.jp>
To: 高橋 恵 <megumi.takahashi@yahoo.co.jp>
Subject: Re: 12/20 ご宿泊の件（クレジットカード事前決済）
Date: Tue, 18 Nov 2025 14:20:00 +0900

高橋 恵 様

ご返信ありがとうございます。事前決済の手続きが完了いたしました。
ご来館を心よりお待ちしております。

箱根 湯の宿 予約係

----- Original Message -----
> 事前決済はこちらのカードでお願いします。
> JCB {jcbs}　有効期限 2028年6月　名義 MEGUMI TAKAHASHI
> 当日の連絡先は {jrp} です。""",
  ("email", "yoyaku@hakone-yunoyado.jp"), ("email", "megumi.takahashi@yahoo.co.jp"), ("card", jcbs), ("phone", jrp))

# JA-11 Teams export with Hugging Face token and a Notion token
hft = hf(); nt = notion()
teams = {"value": [
    {"id": "17634" + d(8), "createdDateTime": "2025-11-19T03:02:11.410Z",
     "from": {"user": {"id": uid(), "displayName": "渡辺 翔太", "userPrincipalName": "shota.watanabe@aozora-ai.jp", "userIdentityType": "aadUser"}},
     "body": {"contentType": "html", "content": f"<p>社内モデルのダウンロード用トークンです（読み取り専用）: {hft}</p><p>議事録の自動連携はこのNotionインテグレーションで: {nt}</p>"}},
    {"id": "17634" + d(8), "createdDateTime": "2025-11-19T03:05:40.020Z",
     "from": {"user": {"id": uid(), "displayName": "伊藤 美穂", "userPrincipalName": "miho.ito@aozora-ai.jp", "userIdentityType": "aadUser"}},
     "body": {"contentType": "html", "content": "<p>確認しました。ありがとうございます。</p>"}}]}
S("ja", "json", json.dumps(teams, indent=2, ensure_ascii=False),
  ("email", "shota.watanabe@aozora-ai.jp"), ("email", "miho.ito@aozora-ai.jp"), ("huggingface_token", hft), ("saas_token", nt))

# JA-12 LINE family chat: Wi-Fi password and a PIN
jw = password_random(12); pin = d(4)
S("ja", "chat", f"""[LINE] 家族グループのトーク履歴
保存日時：2025/11/19 20:41

2025/11/19(水)
19:02\t母\tおばあちゃん家のWi-Fi、パスワードこれだって　{jw}
19:05\t健二\tありがと
19:20\t母\tあと郵便局のキャッシュカード、暗証番号は {pin} だからおばあちゃんの代わりに記帳してきて
19:21\t健二\tこういうのLINEで送るのやめなって{COUPLE}""", ("password", jw), ("password", pin))

# JA-13 relocation mail with US SSN and US phone
jssn = us_ssn(); usp = f"+1 (206) 555-01{d(2)}"
S("ja", "prose", f"""差出人: 岡田 直樹 <naoki.okada@gmail.com>
宛先: 人事部 海外赴任担当 <global-hr@hikari-denki.co.jp>
件名: 赴任者手当の振込先・SSN取得のご報告
日付: 2025年11月19日 7:48

海外赴任担当 御中

シアトル赴任中の岡田です。ソーシャル・セキュリティ番号を取得しましたのでご報告します。
SSN: {jssn}

現地の携帯番号は {usp} です。
給与システムへの登録をお願いいたします。

岡田""", ("email", "naoki.okada@gmail.com"), ("email", "global-hr@hikari-denki.co.jp"), ("us_ssn", jssn), ("phone", usp))

# JA-14 mail with .npmrc npm token and JWT in curl
nmt = npm(); jw14 = jwt({"sub": "ops-bot", "scope": "deploy:write", "iat": 1763500000})
S("ja", "prose", f"""From: 石田 亮 <ryo.ishida@tsubame-soft.co.jp>
To: 外注先 開発チーム <dev@kaze-works.jp>
Subject: 社内パッケージのインストール手順

お疲れさまです。石田です。
プライベートパッケージの取得には、プロジェクト直下の .npmrc に以下を追加してください。

//registry.npmjs.org/:_authToken={nmt}
@tsubame:registry=https://registry.npmjs.org/

デプロイAPIの疎通確認はこちら：
curl -H "Authorization: Bearer {jw14}" https://deploy.tsubame-soft.co.jp/api/health

よろしくお願いします。""", ("email", "ryo.ishida@tsubame-soft.co.jp"), ("email", "dev@kaze-works.jp"),
  ("npm_token", nmt), ("jwt", jw14))

# JA-15 Slack paste with Google API key, Slack bot token, Slack webhook
gk = google_key(); sb = slack_bot(); sw = slack_webhook()
S("ja", "chat", f"""藤井 悠 11:02
地図表示が出ないって問い合わせ来てます。フロントの設定これで合ってます？
GOOGLE_MAPS_API_KEY={gk}

村上 玲奈 11:05
合ってます。あと通知ボットのトークンも変わったので差し替えお願いします
SLACK_BOT_TOKEN={sb}
アラートのIncoming Webhookは {sw} です

藤井 悠 11:06
了解です、反映します🙇""", ("google_api_key", gk), ("slack_token", sb), ("slack_webhook", sw))

# JA-16 mail from French colleague with NIR, FR IBAN and phone
nir = fr_nir(); fri = iban_spaced(iban("FR")); frp = f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}"
S("ja", "prose", f"""差出人: Camille Laurent <camille.laurent@orange.fr>
宛先: 東京オフィス総務 <soumu-tokyo@lumiere-japon.co.jp>
件名: 社会保障協定の証明書について

総務ご担当者様

来月から東京オフィスに赴任するカミーユ・ローランです。日仏社会保障協定の適用証明書の申請に必要な情報を送ります。

フランス社会保障番号 (NIR)：{nir}
給与振込口座（フランス）：{fri}
連絡先：{frp}

どうぞよろしくお願いいたします。
Camille""", ("email", "camille.laurent@orange.fr"), ("email", "soumu-tokyo@lumiere-japon.co.jp"),
  ("fr_nir", nir), ("iban", fri), ("phone", frp))

# ---- JA hard negatives ----
# JA-N1 header dump with ISO-2022-JP subject, documentation IPs
jsubj = "=?ISO-2022-JP?B?" + base64.b64encode("【重要】システムメンテナンスのお知らせ".encode("iso2022_jp")).decode() + "?="
S("ja", "prose", f"""社内通知メールが迷惑メール扱いになります。ヘッダーを貼ります（アドレスは伏せています）。

Received: from mail.example.jp (mail.example.jp [203.0.113.200])
	by mx.example.com with ESMTPS id 4dGD0p1Mbmz2Tq
	for <*****>; Tue, 18 Nov 2025 18:00:04 +0900 (JST)
Received: from batch-sv02 (unknown [192.0.2.55])
	by mail.example.jp (Postfix) with ESMTP id 7C2D1F0081
	for <*****>; Tue, 18 Nov 2025 18:00:03 +0900 (JST)
Subject: {jsubj}
Message-ID: <20251118090003.7C2D1F0081@mail.example.jp>
{dkim("example.jp", "default")}
Content-Type: text/plain; charset="ISO-2022-JP"
Content-Transfer-Encoding: 7bit
X-Spam-Flag: YES""")

# JA-N2 delivery SMS with Yamato tracking number
ym = yamato()
S("ja", "prose", f"""ヤマト運輸です。お荷物のお届け予定をお知らせします。
伝票番号：{ym[:4]}-{ym[4:8]}-{ym[8:]}
お届け予定日時：11月20日(木) 14時～16時
受取日時の変更はこちら https://jizen.kuronekoyamato.co.jp/jizen/servlet/crjz.b.NQ0010?id={rnd(HEX, 16)}

【佐川急便】お問合せ送り状No.{d(12)} のお荷物は営業所に到着しました。""")

# JA-N3 ICS with meeting ID only
jz = "8" + d(10)
S("ja", "config", f"""BEGIN:VCALENDAR
PRODID:-//zoom.us//iCalendar Event//EN
VERSION:2.0
METHOD:PUBLISH
BEGIN:VEVENT
DTSTAMP:20251118T050000Z
DTSTART;TZID=Asia/Tokyo:20251204T190000
DTEND;TZID=Asia/Tokyo:20251204T203000
SUMMARY:【公開勉強会】はじめての型安全なPython
UID:ZOOM{jz}
LOCATION:https://us06web.zoom.us/j/{jz}
DESCRIPTION:どなたでも参加できます。\\n\\nZoomミーティングに参加する\\nhttps://us06web.zoom.us/j/{jz}\\n\\nミーティングID: {jz[:3]} {jz[3:7]} {jz[7:]}\\nパスコードなし（待機室あり）\\n\\n資料は後日connpassで公開します。
END:VEVENT
END:VCALENDAR""")

# JA-N4 LINE chat with reservation number and ZWJ emoji
S("ja", "chat", f"""[LINE] 同期会のトーク履歴
保存日時：2025/11/20 12:30

2025/11/20(木)
12:01\t大野\t忘年会の店予約したよ！予約番号 {d(4)}-{d(4)}、12/19(金) 19:00～ 8名
12:02\t上田\tありがとう{COOK}
12:03\t大野\t幹事手数料なしで1人5,500円です{FAMILY}
12:05\t佐野\t{RAINBOW}行きます！""")

# JA-N5 order table with JAN codes
S("ja", "table", "注文一覧（11月第3週）\n| 注文番号 | 商品名 | JANコード | 数量 | 単価 |\n|---|---|---|---|---|\n" + "\n".join(
    f"| {d(3)}-{d(7)}-{d(7)} | {a} | {ean13('49')} | {q} | ¥{p} |" for a, q, p in
    [("緑茶ティーバッグ 50袋", 6, "598"), ("ボールペン 0.5mm 黒 10本", 3, "1,080"), ("コピー用紙 A4 500枚", 10, "649")]))

# JA-N6 application log with trace/span ids
S("ja", "log", "\n".join(
    f"2025-11-19T10:1{i}:{R.randint(10, 59)}.{d(3)}+09:00 INFO  [注文API] 注文確定 order_id=ORD-{d(10)} user_id={R.randint(10000, 99999)} "
    f"trace_id={rnd(HEX, 32)} span_id={rnd(HEX, 16)} payload_sha256={rnd(HEX, 64)} 処理時間={R.randint(20, 900)}ms" for i in range(4)))

# JA-N7 Slack export with ts, files, permalinks
fj = "F0" + rnd(UP + DIG, 9); uj = slack_uid()
msgs = [
    {"type": "message", "subtype": "file_share", "user": uj, "text": "来週の勉強会資料です🙌", "ts": slack_ts(), "client_msg_id": uid(),
     "files": [{"id": fj, "name": "勉強会_2025-11.pdf", "mimetype": "application/pdf",
                "url_private": f"https://files.slack.com/files-pri/T02JPX93KA-{fj}/____2025-11.pdf",
                "permalink": f"https://tsubame-soft.slack.com/files/{uj}/{fj}/____2025-11.pdf"}]},
    {"type": "message", "user": slack_uid(), "text": ":eyes: 見ます", "ts": slack_ts(), "client_msg_id": uid()},
]
S("ja", "json", json.dumps(msgs, indent=2, ensure_ascii=False))

# JA-N8 MIME with base64 Japanese body
bj = "----_=_NextPart_" + rnd(HEX, 24)
jbody = b64("いつもご利用ありがとうございます。\n年末年始の営業日についてお知らせいたします。\n12月29日から1月3日まで休業いたします。\n")
S("ja", "prose", f"""このメールの本文が文字化けします。デコードして内容を教えてください。

MIME-Version: 1.0
Subject: =?UTF-8?B?{b64("年末年始休業のお知らせ")}?=
Content-Type: multipart/alternative; boundary="{bj}"

--{bj}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: base64

{wrap(jbody)}
--{bj}--""")

# JA-N9 invoice mail with corporate number and invoice registration number
cn = jp_corp_number()
S("ja", "prose", f"""差出人: 株式会社みなとデザイン 経理部
件名: 【請求書送付】2025年11月分

ご担当者様

いつもお世話になっております。11月分の請求書をお送りいたします。

請求書番号：INV-2025-11-{d(4)}
請求金額：¥330,000（税込）
お支払期限：2025年12月31日
法人番号：{cn}
適格請求書発行事業者登録番号：T{cn}

ご確認のほどよろしくお願いいたします。""")

write_corpus(OUT, sys.argv[1])
