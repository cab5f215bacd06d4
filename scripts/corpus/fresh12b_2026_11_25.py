"""Fresh set 12b (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/de/ko/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh12b_2026_11_25.py OUT.jsonl
"""
import sys, os, base64, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(1220)
OUT = []
S = sample_adder(OUT, "f12b")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = "0123456789"
UP = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# ---- local generators (formats of the real things; random, never real secrets) -------------
def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def sha(n=40):
    return rnd(HEX, n)


def bcrypt_hash():
    return "$2b$12$" + rnd("./" + ALNUM, 53)


def hubspot_pat():  # HubSpot private-app access token
    return "pat-na1-" + uuid4()


def brevo_key():  # Brevo (ex-Sendinblue) v3 API key
    return "xkeysib-" + rnd(HEX, 64) + "-" + rnd_mixed(ALNUM, 16)


def toss_key(kind="sk", env="live"):  # Toss Payments secret (sk) / client (ck, public) key
    return f"{env}_{kind}_" + rnd_mixed(ALNUM, 24)


def payjp_key(kind="sk"):  # PAY.JP secret / public key
    return f"{kind}_live_" + rnd(HEX, 48)


def line_channel_token():  # LINE Messaging API long-lived channel access token
    return rnd_mixed(ALNUM + "+/", 171) + "="


def basic_b64(user, pw):
    return base64.b64encode(f"{user}:{pw}".encode()).decode()


def sp4(v, sep=" "):
    return sep.join(v[i:i + 4] for i in range(0, len(v), 4))


def steuer_fmt(v):
    return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"


def nino_fmt(v):
    return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"


def yamato_no():  # 12 digits, mod-7 check digit (Yamato style tracking number)
    d = rnd(DIG, 11)
    return d + str(int(d) % 7)


def jp_corp_no():  # 法人番号: 13 digits, check digit first
    base = rnd("123456789", 1) + rnd(DIG, 11)
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(reversed(base)))
    return str(9 - s % 9) + base


def kr_biz_no():  # 사업자등록번호 xxx-xx-xxxxx with check digit
    d = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(8)]
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(a * b for a, b in zip(d, w)) + (d[8] * 5) // 10
    n = "".join(map(str, d)) + str((10 - s % 10) % 10)
    return f"{n[:3]}-{n[3:5]}-{n[5:]}"


def ein():
    return f"{R.randint(10, 88)}-{rnd(DIG, 7)}"


def npi():  # US provider NPI (public registry id), Luhn over 80840 prefix
    body = "1" + rnd(DIG, 8)
    return body + luhn_check("80840" + body)


def ups():
    return "1Z" + rnd(UP + DIG, 6) + rnd(DIG, 10)


def de_ustid():
    return "DE" + rnd("123456789", 1) + rnd(DIG, 8)


def mn_fmt(v, sep=" "):
    return sep.join([v[:4], v[4:8], v[8:]])


def jdump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2)


# =============================================================================== EN (25)
ssn = us_ssn(); c = card("visa"); cf = fmt_card(c); last4 = ssn[-4:]
S("en", "chat", f"""[10:02] Agent (Priya): Thanks for contacting Northwind Mobile support. Can I get the account holder's name and the phone number on the account?
[10:03] Customer: Dana Whitfield. The number on the account is (512) 384-2291, but you can also reach me at work, 512.709.4418 ext. 14
[10:03] Agent: Thank you Dana. For verification, could you give me the last four digits of your SSN?
[10:04] Customer: {last4}. honestly just take the whole thing so we're done: {ssn}
[10:05] Agent: Please don't post the full number here - I've flagged the message for redaction. Which card should autopay use?
[10:06] Customer: visa {cf} exp 08/27, receipts to dana.whitfield@gmail.com pls
[10:07] Agent: Done. Autopay starts with invoice INV-2025-118842 on 12/01. A confirmation will come from billing@northwindmobile.com (ticket NW-771903).
""", ("phone", "(512) 384-2291"), ("phone", "512.709.4418"), ("us_ssn", ssn), ("card", cf),
  ("email", "dana.whitfield@gmail.com"), ("email", "billing@northwindmobile.com"))

nino = uk_nino(); ninof = nino_fmt(nino)
S("en", "prose", f"""Please summarise this thread for the claims handler and list what is still missing.

From: Oliver Bramwell <o.bramwell@btinternet.com>
To: Harbour Mutual Claims <claims@harbourmutual.co.uk>
Subject: Re: Claim HM-CL-0048812 - escape of water, kitchen

Hello,

Following up on my call on 14 November. My policy number is HMH/7731904/02 and, for the loss-of-earnings part your colleague asked about, my National Insurance number is {ninof}.
Best number during the day is 07911 482306; the landline (020 8741 5520) only after 6pm please. The plumber's invoice (No. 2291, £1,184.00) is attached.

Kind regards,
Oliver Bramwell
14 Chiswick Lane, London W4 2PJ

> On 12 Nov 2025, at 09:14, Harbour Mutual Claims <claims@harbourmutual.co.uk> wrote:
> Thank you for reporting your claim. Your reference is HM-CL-0048812. Please quote it when you
> call us on 0345 600 2718 (Mon-Fri 8am-8pm).
""", ("email", "o.bramwell@btinternet.com"), ("email", "claims@harbourmutual.co.uk"), ("uk_nino", ninof),
  ("phone", "07911 482306"), ("phone", "020 8741 5520"), ("phone", "0345 600 2718"))

S("en", "table", """Flag churn risk per account from this CRM export (columns as exported):

account_id,contact_name,email,phone,country,plan,mrr_usd,last_ticket,created
ACC-10442,Megan Ortiz,megan.ortiz@outlook.com,+1 646 832 1947,US,Pro,249.00,TCK-88123,2023-04-11
ACC-10457,Hamish Reid,hreid@reidjoinery.co.uk,+44 131 558 2204,UK,Starter,49.00,TCK-88140,2024-01-30
ACC-10463,Camille Lefèvre,camille.lefevre@orange.fr,+33 6 12 48 90 37,FR,Pro,249.00,TCK-88177,2022-09-02
ACC-10471,Jonas Weber,jonas.weber@web.de,+49 171 3920584,DE,Enterprise,1890.00,,2021-12-15
ACC-10488,Aiko Tanaka,aiko.tanaka@nifty.com,090-4471-2386,JP,Pro,249.00,TCK-88201,2025-06-19
ACC-10490,Min-jun Park,mj.park@kakao.com,010-7724-1053,KR,Starter,49.00,TCK-88214,2025-07-03
""", ("email", "megan.ortiz@outlook.com"), ("phone", "+1 646 832 1947"), ("email", "hreid@reidjoinery.co.uk"),
  ("phone", "+44 131 558 2204"), ("email", "camille.lefevre@orange.fr"), ("phone", "+33 6 12 48 90 37"),
  ("email", "jonas.weber@web.de"), ("phone", "+49 171 3920584"), ("email", "aiko.tanaka@nifty.com"),
  ("phone", "090-4471-2386"), ("email", "mj.park@kakao.com"), ("phone", "010-7724-1053"))

ssn = us_ssn(); n = npi()
S("en", "prose", f"""Summarise this referral for the scheduling team.

LAKESHORE FAMILY MEDICINE - 2210 Atwood Ave, Madison, WI 53704
Tel (608) 274-1100 | Fax (608) 274-0090

REFERRAL: Cardiology (routine, within 4 weeks)
Patient: Harold J. Kimmel        DOB: 03/14/1958        MRN: 00482917
SSN: {ssn} (on file for Medicare crossover billing)
Home phone: (608) 274-1193    Cell: 608-520-8871    E-mail: hkimmel58@charter.net

Reason: exertional chest tightness x 3 months, ECG 11/18/2025 with new LBBB. LDL 162 mg/dL.
ICD-10: R07.89, I44.7. Current meds: lisinopril 20 mg, atorvastatin 40 mg.

Referring physician: Ana Villarreal, MD (NPI {n}) - avillarreal@lakeshorefm.org
""", ("phone", "(608) 274-1100"), ("phone", "(608) 274-0090"), ("us_ssn", ssn), ("phone", "(608) 274-1193"),
  ("phone", "608-520-8871"), ("email", "hkimmel58@charter.net"), ("email", "avillarreal@lakeshorefm.org"))

S("en", "log", f"""2025-11-24T08:14:02.117Z INFO  auth.login ok user=pat.nguyen@acmeinsure.com src_ip=73.189.42.16 session={uuid4()}
2025-11-24T08:14:05.402Z WARN  ratelimit client=10.42.7.19 path=/api/v2/claims/CLM-0093411 status=429 retry_after=30
2025-11-24T08:14:09.881Z DEBUG healthcheck from 127.0.0.1 ok (build 4.12.0+{sha(7)})
2025-11-24T08:15:10.003Z ERROR smtp relay 172.16.40.12:587 rejected RCPT TO:<m.alvarez1984@yahoo.com>: 550 5.1.1 mailbox unavailable
2025-11-24T08:15:11.220Z INFO  claim.update id=CLM-0093411 by=pat.nguyen@acmeinsure.com fields=[status,reserve_usd] trace={sha(32)}
2025-11-24T08:15:13.540Z INFO  listener bound 0.0.0.0:8443 (tls, mask 255.255.255.0 on eth1)
""", ("email", "pat.nguyen@acmeinsure.com"), ("ip_address", "73.189.42.16"), ("ip_address", "10.42.7.19"),
  ("ip_address", "172.16.40.12"), ("email", "m.alvarez1984@yahoo.com"))

hs = hubspot_pat(); sg = sendgrid()
S("en", "code", f"""Subject: Contact sync stopped working after key rotation (ticket #58812)

Hi support, our nightly job that pushes HubSpot contacts into your platform fails with HTTP 401 since yesterday's rotation. Script below (yes, the keys are inline, they'll move to the vault after this):

import requests, sendgrid

HUBSPOT_TOKEN = "{hs}"
SENDGRID_API_KEY = "{sg}"
PORTAL_ID = 24117530

def fetch_contacts(after=None):
    r = requests.get("https://api.hubapi.com/crm/v3/objects/contacts",
                     headers={{"Authorization": f"Bearer {{HUBSPOT_TOKEN}}"}},
                     params={{"limit": 100, "after": after}})
    r.raise_for_status()
    return r.json()

Thanks,
Raj Patel - Brightlane Ops
raj.patel@brightlane.io | +1 (415) 906-2274
""", ("saas_token", hs), ("saas_token", sg), ("email", "raj.patel@brightlane.io"), ("phone", "+1 (415) 906-2274"))

pw = password_random(14); dbpw = rnd_mixed(ALNUM, 18); wh = slack_webhook()
dburl = f"postgresql://payroll_svc:{dbpw}@payroll-db.internal.contoso-hr.com:5432/payroll"
S("en", "config", f"""# payroll-bridge/.env.production  (copied from the ops wiki - why does the monthly export fail?)
APP_ENV=production
APP_VERSION=4.12.0
DATABASE_URL={dburl}
SMTP_HOST=smtp.office365.com
SMTP_PORT=587
SMTP_USER=payroll-notify@contoso-hr.com
SMTP_PASSWORD={pw}
SLACK_WEBHOOK_URL={wh}
EXPORT_CRON="0 3 1 * *"
ADP_CLIENT_ID=contoso-payroll-bridge
ADP_CLIENT_SECRET=${{ADP_CLIENT_SECRET}}
""", ("url_credentials", dburl), ("email", "payroll-notify@contoso-hr.com"), ("password", pw), ("slack_webhook", wh))

ssn = us_ssn(); c = card("mc")
claim = {"claim_id": "CLM-2025-0093411", "policy_no": "PA-44-8810273", "loss_date": "2025-11-02",
         "policyholder": {"name": "Theresa Okafor", "dob": "1979-06-02", "ssn": ssn, "email": "tokafor79@gmail.com",
                          "phone": "+14043197721",
                          "address": {"line1": "881 Ponce de Leon Ave NE", "city": "Atlanta", "state": "GA", "zip": "30306"}},
         "deductible_usd": 500, "estimate_usd": 3412.77,
         "refund": {"method": "card", "card_number": c, "exp": "09/28"},
         "adjuster": {"name": "L. Mbeki", "email": "l.mbeki@peachstate-ins.com", "direct": "404-551-0387"}}
S("en", "json", "Extract the fields from this claim intake payload and draft the acknowledgement letter:\n\n" + jdump(claim),
  ("us_ssn", ssn), ("email", "tokafor79@gmail.com"), ("phone", "+14043197721"), ("card", c),
  ("email", "l.mbeki@peachstate-ins.com"), ("phone", "404-551-0387"))

nino = uk_nino(); ib = iban("GB"); ibs = iban_spaced(ib)
S("en", "prose", f"""Subject: New starter paperwork - Priya Raman (starts 1 Dec)

Hi Tom,

Priya's details for payroll setup, please add them to Sage before Friday:
- NI number: {nino}
- Bank: {ibs} (Barclays, personal current account)
- Mobile: +44 (0)7825 331 904
- Personal email: priya.raman.91@gmail.com
- Tax code from P45: 1257L, student loan plan 2

Her employee number will be E-20931 once the HRIS creates the record.

Thanks,
Sophie Ng | People Operations | Fernleaf Analytics Ltd
T: +44 20 3807 1145 | sophie.ng@fernleaf-analytics.co.uk
""", ("uk_nino", nino), ("iban", ibs), ("phone", "+44 (0)7825 331 904"), ("email", "priya.raman.91@gmail.com"),
  ("phone", "+44 20 3807 1145"), ("email", "sophie.ng@fernleaf-analytics.co.uk"))

ssn = us_ssn()
S("en", "table", f"""Today's callback queue (Policy Services). Please group by reason and draft a one-line note per caller.

| Caller | Callback number | Email | SSN | Reason |
|---|---|---|---|---|
| R. Alvarez | 786-302-4419 | r.alvarez@icloud.com | ***-**-3381 | premium increase on renewal |
| K. Osei | +1 (312) 846 0027 | - | ***-**-0912 | card replacement, old card ending 7719 |
| L. Brandt | 0044 7946 221830 | lena.brandt@gmx.net | n/a (UK resident) | travel cover while abroad |
| S. Moreau | +33 (0)4 72 10 38 55 | s.moreau@courtage-moreau.fr | n/a | broker, office line |
| D. Kowalski | 773 294 8812 | dkowalski@aol.com | {ssn} | wants us to "keep the full SSN on file" |
""", ("phone", "786-302-4419"), ("email", "r.alvarez@icloud.com"), ("phone", "+1 (312) 846 0027"),
  ("phone", "0044 7946 221830"), ("email", "lena.brandt@gmx.net"), ("phone", "+33 (0)4 72 10 38 55"),
  ("email", "s.moreau@courtage-moreau.fr"), ("phone", "773 294 8812"), ("email", "dkowalski@aol.com"), ("us_ssn", ssn))

ssn = us_ssn(sep=" ")
S("en", "prose", f"""Call note 11/24 15:42 (agent T. Brooks): Caller Mrs. Janet Holloway rang from 1-919-405-6621 about auto claim AC-448109. Verified with DOB 11/02/1966 and SSN {ssn} (read out with pauses). She wants the rental reimbursement ($412.60) refunded to her Amex 3782 822463 10005 rather than by cheque, and asked for the confirmation by e-mail to jholloway at comcast dot net. Callback window 2-4pm ET on 919 405 6621 or her daughter's cell (984) 221-7093. Adjuster assigned: #A-2207.
""", ("phone", "1-919-405-6621"), ("us_ssn", ssn), ("card", "3782 822463 10005"), ("email", "jholloway at comcast dot net"),
  ("phone", "919 405 6621"), ("phone", "(984) 221-7093"))

ak = aws_key_id(); sk = aws_secret(); mg = mailgun()
S("en", "code", f"""# reminders.py - next-day appointment reminders (clinic ops asked why SMS to two patients bounced)
import boto3, requests

sns = boto3.client("sns", region_name="us-east-1",
                   aws_access_key_id="{ak}",
                   aws_secret_access_key="{sk}")

MAILGUN_KEY = "{mg}"
MAILGUN_DOMAIN = "mg.riverbendclinic.org"

PATIENTS = [
    {{"mrn": "00571204", "name": "Luis Ortega", "sms": "+13059207714", "email": "luis.ortega@hotmail.com", "appt": "2025-11-26T09:30"}},
    {{"mrn": "00571388", "name": "Grace Lin", "sms": "+1 786 445 0932", "email": None, "appt": "2025-11-26T10:15"}},
]

for p in PATIENTS:
    sns.publish(PhoneNumber=p["sms"].replace(" ", ""),
                Message=f"Reminder: appointment {{p['appt']}} at Riverbend Clinic. Reply C to confirm.")
    if p["email"]:
        requests.post(f"https://api.mailgun.net/v3/{{MAILGUN_DOMAIN}}/messages", auth=("api", MAILGUN_KEY),
                      data={{"from": "noreply@riverbendclinic.org", "to": p["email"], "subject": "Appointment reminder"}})
""", ("aws_access_key", ak), ("aws_secret_key", sk), ("saas_token", mg), ("phone", "+13059207714"),
  ("email", "luis.ortega@hotmail.com"), ("phone", "+1 786 445 0932"), ("email", "noreply@riverbendclinic.org"))

nir = fr_nir(); ib = iban("FR"); ibs = iban_spaced(ib)
S("en", "prose", f"""Ticket #FR-20931 - customer writes in English, please draft a reply in French.

"Hello, I moved from Lyon to Paris and my health top-up contract (contrat n° 7730-11842) still debits my old account. New IBAN: {ibs}. My social security number is {nir} in case you need it for the Carte Vitale link. You can call me on 06 12 48 90 37 or at the office +33 (0)1 44 27 83 10 - ask for Camille. My e-mail changed too: camille.lefevre@free.fr. Thanks! Camille Lefèvre, 75011 Paris"
""", ("iban", ibs), ("fr_nir", nir), ("phone", "06 12 48 90 37"), ("phone", "+33 (0)1 44 27 83 10"),
  ("email", "camille.lefevre@free.fr"))

pw = password(); b = basic_b64("crm_export", pw)
S("en", "code", f"""Support ticket #60117 - "export endpoint returns 403 for one contact"

Steps to reproduce (from the customer):

curl -sS -X GET \\
  -H "Authorization: Basic {b}" \\
  -H "X-Request-Id: {uuid4()}" \\
  "https://api.crmhub.io/v2/contacts/export?email=jane.doe.1990%40outlook.com&fields=name,phone,consent"

Response: 403 {{"error":"consent_missing","contact":"cnt_8f21c0","hint":"see https://docs.crmhub.io/errors#consent"}}
""", ("password", b), ("email", "jane.doe.1990%40outlook.com"))

gj, gk = gcp_sa_json("hr-analytics-prod-4471")
S("en", "json", "Our HR dashboard can't read the BigQuery headcount table anymore (403). This is the service account file we load - is anything wrong with it?\n\n" + gj,
  ("gcp_credentials", gk), ("private_key", gk), ("email", "ci-deployer@hr-analytics-prod-4471.iam.gserviceaccount.com"))

tok = jwt({"sub": "cust_448120", "email": "k.osei@protonmail.com", "role": "member", "iat": 1763911200, "exp": 1763997600})
S("en", "chat", f"""[16:20] Customer: the password reset link doesn't work, it says expired
[16:20] Customer: https://portal.harbourmutual.co.uk/account/reset?token={tok}
[16:21] Agent (Femi): Sorry about that! Reset links expire after 24 hours. I'll send a fresh one - is k.osei@protonmail.com still the right address?
[16:22] Customer: yes. or text me, +44 7456 018 223
[16:23] Agent: New link sent. Reference for this chat: HM-CH-20251124-0912.
""", ("jwt", tok), ("email", "k.osei@protonmail.com"), ("phone", "+44 7456 018 223"))

ok = openai_proj(); org = "org-" + rnd_mixed(ALNUM, 24)
S("en", "chat", f"""Chat export - HelpBot Pro tier, please summarise for tier-2:

[14:19] Customer: I connected my own OpenAI key in Settings > Integrations but the bot still answers "quota exceeded"
[14:20] Agent: Could you confirm the key starts with sk-proj and that the org ID matches your OpenAI dashboard?
[14:21] Customer: org is {org} and the key is {ok}
[14:21] Agent: Thanks - please rotate that key now, it's visible to everyone with access to this chat. Which e-mail is your HelpBot admin login?
[14:22] Customer: ops@lindqvist-dental.se
""", ("openai_key", ok), ("email", "ops@lindqvist-dental.se"))

# --- EN hard negatives (no labels)
c = card("visa"); l4 = c[-4:]
S("en", "prose", f"""Customer email (order issue) - please classify and suggest a reply:

Hi, my order #112-4839205-7731902 placed on Nov 18 still shows "label created". UPS tracking {ups()}. I paid $184.97 with my Visa ending in {l4} (statement shows **** **** **** {l4}) and I've been charged twice - invoice INV-2025-04471 and INV-2025-04472. Shipping to 1420 Mission St, San Francisco, CA 94103. Can you refund one of them?

- Sent from my iPhone
""")

pk = stripe("pk_live_")
S("en", "config", f"""## Configuring the support widget

Copy `.env.example` to `.env` and fill in your own values:

    OPENAI_API_KEY=<your-api-key>          # looks like sk-...
    ANTHROPIC_API_KEY=${{ANTHROPIC_API_KEY}}
    STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
    STRIPE_PUBLISHABLE_KEY={pk}
    CRM_WEBHOOK_SECRET=<generate with: openssl rand -hex 32>
    SUPPORT_PHONE_DISPLAY="+1 (XXX) XXX-XXXX"

The publishable key is embedded in the checkout page by design (Stripe documents it as safe to expose); never put the secret key in front-end code.
""")

S("en", "log", f"""2025-11-25T02:00:00.004Z INFO  job=gdpr-purge run={uuid4()} version=3.8.1 commit={sha(40)}
2025-11-25T02:00:03.911Z INFO  deleted 1,204 contacts with last_activity < 2018-11-25; manifest sha256={sha(64)}
2025-11-25T02:00:04.120Z INFO  upstream 198.51.100.23:443 latency_ms=212 (staging mirror, doc range)
2025-11-25T02:00:04.121Z INFO  bind 127.0.0.1:9090 metrics; 0.0.0.0:8080 http; netmask 255.255.255.0 gateway 203.0.113.1
2025-11-25T02:00:04.500Z DEBUG snmp oid 1.3.6.1.4.1.2021.10.1.3.1 load=0.42 build=2025.11.3-rc.2
""")

S("en", "prose", f"""People Ops handbook, section 4.3 - Handling identifiers in tickets and AI assistants

- Never paste a full Social Security number into a ticket or chat assistant. Use the masked form ***-**-1234 (last four only).
- Our employer identification number (EIN {ein()}) appears on every W-2 and may be shared with benefits vendors.
- Employee IDs (e.g. E-20931) and cost centres (CC-4410) are not confidential.
- Record phone numbers in E.164 format, e.g. +1XXXXXXXXXX; do not invent sample numbers.
- Card numbers: keep the last four only (•••• 4242).

Version 2.3 - approved 2025-10-01 - document ID HR-POL-0043
""")

S("en", "table", f"""Summarise denials by reason code:

| Claim # | Policy # | Provider NPI | Group # | DOS | CPT | ICD-10 | Billed | Allowed | Status |
|---|---|---|---|---|---|---|---|---|---|
| 2025-118273-01 | HMO-4471920 | {npi()} | 0071145 | 2025-10-14 | 99214 | E11.9 | $245.00 | $131.62 | Paid |
| 2025-118274-01 | PPO-2208813 | {npi()} | 0071145 | 2025-10-15 | 93000 | R00.2 | $88.00 | $0.00 | Denied (CO-197) |
| 2025-118291-02 | HMO-4471920 | {npi()} | 0092210 | 2025-10-21 | 80053 | Z00.00 | $64.00 | $18.40 | Paid |
| 2025-118302-01 | EPO-5510927 | {npi()} | 0092210 | 2025-10-22 | 99285 | S06.0X0A | $1,912.00 | $0.00 | Denied (CO-16) |
""")

S("en", "code", f"""# seeds/dev_users.py - local development fixtures only (ticket SUP-4471 asks to explain this file)
USERS = [
    {{"id": "{uuid4()}", "username": "agent.demo", "role": "agent",
     "password_hash": "{bcrypt_hash()}"}},
    {{"id": "{uuid4()}", "username": "supervisor.demo", "role": "supervisor",
     "password_hash": "{bcrypt_hash()}"}},
]
API_BASE = "http://localhost:8000"
SCHEMA_VERSION = "2025.11.0"
""")

ev = {"id": "evt_1Q" + rnd_mixed(ALNUM, 22), "object": "event", "type": "charge.refunded", "api_version": "2024-06-20",
      "data": {"object": {"id": "ch_3Q" + rnd_mixed(ALNUM, 22), "amount": 18497, "amount_refunded": 18497, "currency": "usd",
                          "customer": "cus_" + rnd_mixed(ALNUM, 14), "payment_intent": "pi_3Q" + rnd_mixed(ALNUM, 22),
                          "payment_method_details": {"type": "card", "card": {"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2027,
                                                                              "fingerprint": rnd_mixed(ALNUM, 16)}},
                          "billing_details": {"email": None, "phone": None, "address": {"postal_code": "94103", "country": "US"}},
                          "metadata": {"order_id": "112-4839205-7731902", "ticket": "NW-771903"}}},
      "created": 1763998812}
S("en", "json", "Why did this refund webhook not close the ticket? Event as received:\n\n" + jdump(ev))

S("en", "chat", """Bot: Hi! I can help with orders and returns. Please never share full card numbers or passwords here.
Customer: order 7731902, zip 60614. the package says delivered but it's not here
Bot: Thanks. Order #7731902 shipped via USPS 9400 1118 9922 3847 1029 93 on 11/19 and was scanned "delivered, front door" on 11/21 at 2:14 pm.
Customer: my card ending 0912 got charged $64.10 for it
Bot: I've opened claim RF-20251125-0042 for a replacement. A human agent will call you back on the number on file, (***) ***-4419, within one business day.
""")

# =============================================================================== DE (25)
ib = iban("DE"); ibs = iban_spaced(ib)
S("de", "prose", f"""Bitte fasse die folgende Kundenanfrage zusammen und erstelle einen Antwortentwurf.

Von: Markus Lindner <m.lindner@gmx.de>
An: kundenservice@rheinstrom-energie.de
Betreff: Änderung Bankverbindung – Kundennr. 40021987, Zählernr. 1ESY1160527834

Sehr geehrte Damen und Herren,

ab Dezember soll der Abschlag (89,00 € monatlich) bitte von meinem neuen Konto abgebucht werden:
IBAN {ibs}, BIC COBADEFFXXX, Kontoinhaber Markus Lindner.
Das SEPA-Mandat für das alte Konto (Mandatsreferenz RS-M-0048812) können Sie löschen.

Für Rückfragen bin ich unter 0151 2384 9107 erreichbar, tagsüber auch im Büro unter 0221/47 80 22 10.

Mit freundlichen Grüßen
Markus Lindner
Aachener Str. 112, 50674 Köln
""", ("email", "m.lindner@gmx.de"), ("email", "kundenservice@rheinstrom-energie.de"), ("iban", ibs),
  ("phone", "0151 2384 9107"), ("phone", "0221/47 80 22 10"))

st = de_steuer_id(); stf = steuer_fmt(st)
S("de", "chat", f"""[09:41] Kundin: Hallo, ich möchte für meinen Riester-Vertrag die Zulage beantragen. Was brauchen Sie von mir?
[09:42] Berater (S. Koch): Guten Morgen! Bitte nennen Sie mir Ihre Vertragsnummer und Ihre steuerliche Identifikationsnummer.
[09:44] Kundin: Vertrag RV-2231-0048-7, Steuer-ID ist {stf}
[09:44] Berater: Danke. Unter welcher Telefonnummer erreichen wir Sie bei Rückfragen?
[09:45] Kundin: +49 172 9934 015 oder per Mail an julia.hartmann@posteo.de
[09:46] Berater: Der Antrag ist angelegt (Vorgang 2025-ZL-118273). Sie erhalten eine Bestätigung von noreply@vorsorge-direkt.de.
""", ("de_steuer_id", stf), ("phone", "+49 172 9934 015"), ("email", "julia.hartmann@posteo.de"),
  ("email", "noreply@vorsorge-direkt.de"))

ib1 = iban("DE"); ib1s = iban_spaced(ib1); ib2 = iban("DE"); ib3 = iban("AT")
S("de", "table", f"""Bitte prüfe diesen CRM-Export (TSV) auf Dubletten und fasse zusammen, welche Datensätze zusammengeführt werden sollten:

Kundennr\tName\tE-Mail\tTelefon\tIBAN\tPLZ
K-100231\tPetra Schubert\tpetra.schubert@t-online.de\t030 / 2847 1190\t{ib1s}\t10439
K-100232\tPetra Schubert\tp.schubert@web.de\t+49 30 28471190\t{ib1}\t10439
K-100245\tDr. Emre Aydın\temre.aydin@praxis-aydin.de\t+49 89 21093-417\t{ib2}\t80331
K-100251\tKlaus-Dieter Vogt\tkd.vogt@freenet.de\t0049 (0)40 3287 1150\t{ib3}\t20095
K-100263\tLea Wagner\tlea.wagner99@gmail.com\t0176-44 82 91 03\t\t04109
""", ("email", "petra.schubert@t-online.de"), ("phone", "030 / 2847 1190"), ("iban", ib1s),
  ("email", "p.schubert@web.de"), ("phone", "+49 30 28471190"), ("iban", ib1), ("email", "emre.aydin@praxis-aydin.de"),
  ("phone", "+49 89 21093-417"), ("iban", ib2), ("email", "kd.vogt@freenet.de"), ("phone", "0049 (0)40 3287 1150"),
  ("iban", ib3), ("email", "lea.wagner99@gmail.com"), ("phone", "0176-44 82 91 03"))

S("de", "prose", """Praxis Dr. med. Sabine Roth · Fachärztin für Allgemeinmedizin
Lindenstraße 8 · 69115 Heidelberg · Tel. 06221 18 37 40 · Fax 06221 18 37 49 · praxis@dr-roth-heidelberg.de

Überweisung an: Kardiologische Gemeinschaftspraxis am Neckar, z. Hd. Dr. Yusuf Demir

Patient: Herr Günter Albrecht, geb. 02.09.1951
Erreichbar: 0162 774 0193 (mobil), Tochter Anja Albrecht 06221 / 43 92 17
E-Mail für Terminbestätigung: guenter.albrecht@web.de

Fragestellung: Belastungsdyspnoe seit 8 Wochen, NT-proBNP 1.240 pg/ml. Bitte Echokardiographie und ggf. Ergometrie.
Diagnosen: I50.13 G, I10.90 G. Medikation: Ramipril 5 mg 1-0-0, Torasemid 10 mg 1-0-0.

Mit kollegialen Grüßen
S. Roth
""", ("phone", "06221 18 37 40"), ("phone", "06221 18 37 49"), ("email", "praxis@dr-roth-heidelberg.de"),
  ("phone", "0162 774 0193"), ("phone", "06221 / 43 92 17"), ("email", "guenter.albrecht@web.de"))

S("de", "log", """2025-11-24 08:02:11 [sip] INVITE from "+4915112845593" <sip:+4915112845593@pbx.hv-versicherung.local> to ext 2210 via 10.20.3.15
2025-11-24 08:02:11 [acd] queue=schaden-kfz caller=+4915112845593 wait=00:00:42 position=3
2025-11-24 08:03:57 [sip] INVITE from "0043 664 2381094" to ext 2231 via 10.20.3.15 trunk=carrier-at peer=213.162.71.208
2025-11-24 08:04:02 [crm] screenpop match kunde=K-77120 email=h.steiner@aon.at vertrag=KH-44-7781203
2025-11-24 08:05:40 [sip] BYE ext 2210 duration=218s codec=G.711a mos=4.3
""", ("phone", "+4915112845593"), ("ip_address", "10.20.3.15"), ("phone", "0043 664 2381094"),
  ("ip_address", "213.162.71.208"), ("email", "h.steiner@aon.at"))

ib = iban("DE")
S("de", "prose", f"""Schadenmeldung Kfz-Haftpflicht – Online-Formular (Eingang 23.11.2025, 21:47). Bitte Sachverhalt kurz zusammenfassen.

Versicherungsschein-Nr.: KH-44-7781203
Schadentag: 21.11.2025, ca. 17:30, Parkplatz Ulmer Straße, 73728 Esslingen
Versicherungsnehmer: Tobias Reinhardt, Tel. 0711 93 27 48 10, Mobil +49 (0) 160 9823 4471, tobias.reinhardt@icloud.com
Geschädigte: Frau Ilse Brenner, Tel. 07153 / 61 42 09
Hergang: Beim Ausparken rückwärts das Fahrzeug der Geschädigten (Heckklappe) touchiert. Keine Personenschäden.
Auszahlung eigener Teilkasko-Anteil an: IBAN {ib} (Kontoinhaber: Tobias Reinhardt)
Schadenhöhe lt. Kostenvoranschlag: 1.842,50 € (KVA-Nr. 2025-3318)
""", ("phone", "0711 93 27 48 10"), ("phone", "+49 (0) 160 9823 4471"), ("email", "tobias.reinhardt@icloud.com"),
  ("phone", "07153 / 61 42 09"), ("iban", ib))

st = de_steuer_id(); ib = iban("DE"); ibs = iban_spaced(ib)
S("de", "prose", f"""Personalfragebogen – Neueinstellung zum 01.01.2026 (bitte für die Lohnbuchhaltung zusammenfassen)

Name, Vorname: Nowak, Katarzyna
Geburtsdatum: 17.05.1992, Geburtsort: Wrocław
Anschrift: Hauptstraße 41, 01097 Dresden
Steuerliche Identifikationsnummer: {st}
Steuerklasse: 1, Kinderfreibeträge: 0,5
Krankenkasse: AOK PLUS
Bankverbindung: {ibs}
Telefon privat: 0351 8472 2190 · Handy: +49 1523 7710 482
E-Mail privat: k.nowak.dd@gmail.com
Personalnummer (wird vergeben): 20931
""", ("de_steuer_id", st), ("iban", ibs), ("phone", "0351 8472 2190"), ("phone", "+49 1523 7710 482"),
  ("email", "k.nowak.dd@gmail.com"))

bv = brevo_key(); dbpw = password()
S("de", "config", f"""# newsletter-service/config/production.yml – bitte erklären, warum der Versand seit 22.11. hängt
server:
  port: 8080
  bind: 0.0.0.0
database:
  host: 10.12.0.41
  port: 5432
  name: crm_newsletter
  user: newsletter_rw
  password: "{dbpw}"
brevo:
  api_key: {bv}
  sender: "Stadtwerke Newsletter <newsletter@stadtwerke-musterhausen.de>"
  reply_to: kundenservice@stadtwerke-musterhausen.de
features:
  double_opt_in: true
  version: 2.7.3
""", ("ip_address", "10.12.0.41"), ("password", dbpw), ("saas_token", bv),
  ("email", "newsletter@stadtwerke-musterhausen.de"), ("email", "kundenservice@stadtwerke-musterhausen.de"))

c = card("mc")
hand = {"session_id": uuid4(), "kanal": "webchat", "sprache": "de", "intent": "zahlung_fehlgeschlagen",
        "kunde": {"name": "Sven Köhler", "telefon": "+49 170 5589214", "email": "sven.koehler@outlook.de", "kundennummer": "DE-88412077"},
        "nachrichten": [{"von": "kunde", "text": f"Meine Karte {c} wurde abgelehnt, obwohl genug Guthaben drauf ist"},
                        {"von": "bot", "text": "Das tut mir leid. Ich verbinde Sie mit einem Mitarbeiter."}],
        "bestellung": {"nr": "BE-2025-0044812", "betrag": "249,90 EUR"}}
S("de", "json", "Übergabe vom Chatbot an den Agenten – bitte in zwei Sätzen zusammenfassen:\n\n" + jdump(hand),
  ("phone", "+49 170 5589214"), ("email", "sven.koehler@outlook.de"), ("card", c))

ib = iban("AT"); ust = de_ustid()
S("de", "prose", f"""Von: Sandra Pfeiffer <s.pfeiffer@pfeiffer-versicherungsmakler.de>
An: Leistungsservice <leistung@alpina-kranken.de>
Cc: Michael Gruber <michi.gruber@gmx.at>
Betreff: AW: Erstattung Rechnung Zahnarzt – VS-Nr. 7712-304418-2

Guten Tag Herr Berger,

mein Mandant Herr Gruber ist nach Salzburg gezogen; bitte erstatten Sie künftig auf sein österreichisches Konto IBAN {ib}. Er ist unter +43 664 7231 880 erreichbar.

Freundliche Grüße
Sandra Pfeiffer
Pfeiffer Versicherungsmakler GmbH · Königstraße 28 · 70173 Stuttgart
Tel. +49 (0)711 / 2 84 93-0 · Fax +49 (0)711 / 2 84 93-99 · Mobil 0171 / 553 82 17
Vermittlerregister D-HNR1-K7TQ-42 · USt-IdNr. {ust}

> Am 20.11.2025 schrieb Leistungsservice <leistung@alpina-kranken.de>:
> Sehr geehrte Frau Pfeiffer, die Erstattung über 412,30 € ist freigegeben; bitte teilen Sie uns die neue Bankverbindung mit.
""", ("email", "s.pfeiffer@pfeiffer-versicherungsmakler.de"), ("email", "leistung@alpina-kranken.de"),
  ("email", "michi.gruber@gmx.at"), ("iban", ib), ("phone", "+43 664 7231 880"), ("phone", "+49 (0)711 / 2 84 93-0"),
  ("phone", "+49 (0)711 / 2 84 93-99"), ("phone", "0171 / 553 82 17"))

gh = github("ghp_")
S("de", "config", f"""# .github/workflows/crm-sync.yml – Job schlägt seit gestern fehl, bitte Ursache finden
# TODO: Token in die Repository-Secrets verschieben (Ticket IT-4471)
name: crm-sync
on:
  schedule:
    - cron: "15 2 * * *"
jobs:
  sync:
    runs-on: ubuntu-22.04
    env:
      CRM_API_URL: https://crm.intern.kuehne-logistik.de/api
      GH_TOKEN: {gh}
      NOTIFY_EMAIL: it-crm@kuehne-logistik.de
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python sync.py --since 24h
""", ("github_token", gh), ("email", "it-crm@kuehne-logistik.de"))

S("de", "chat", """Kunde (WhatsApp, +49 157 3829 1046): Hallo, ich hab gestern bei euch bestellt, Bestellnr. 300-4471-2291. Die Zahlung hängt. Hier meine Kreditkarte: 4111-1111-1111-1111 gültig bis 12/27
Agent (Nina): Hallo Herr Brandt, bitte schicken Sie uns keine Kartennummern über WhatsApp – ich habe die Nachricht zur Löschung markiert. Ich schicke Ihnen einen sicheren Zahlungslink.
Kunde: sorry. meine mail ist l.brandt@mailbox.org, schickt ihn bitte dahin
Agent (Nina): Erledigt, der Link ist 48 Stunden gültig.
""", ("phone", "+49 157 3829 1046"), ("card", "4111-1111-1111-1111"), ("email", "l.brandt@mailbox.org"))

S("de", "prose", """Rückrufnotiz – Pflegekasse, 24.11.2025, 15:20 (Hr. Wolff)
Anruferin: Aylin Yılmaz (Tochter der Versicherten Fatma Yılmaz, Pflegegrad 3 beantragt)
Anliegen: Termin für die MD-Begutachtung verschieben, die Mutter liegt bis 02.12. im Krankenhaus.
Rückruf bitte unter 0221 / 93 48 27 10 oder mobil 0157-33824401, alternativ E-Mail an aylin.yilmaz@t-online.de
Vorgangsnummer: PK-2025-118273, Begutachtungstermin alt: 27.11.2025 10:00
""", ("phone", "0221 / 93 48 27 10"), ("phone", "0157-33824401"), ("email", "aylin.yilmaz@t-online.de"))

st1 = de_steuer_id(); st2 = de_steuer_id(); st2f = steuer_fmt(st2)
ia = iban("DE"); ibb = iban("DE"); ibbs = iban_spaced(ibb)
S("de", "table", f"""Bitte prüfe, ob für alle Neueinstellungen Januar die Stammdaten vollständig sind:

| Personalnr. | Name | Steuer-ID | IBAN | Telefon | E-Mail | Eintritt |
|---|---|---|---|---|---|---|
| 20931 | Nowak, Katarzyna | {st1} | {ia} | +49 1523 7710482 | k.nowak.dd@gmail.com | 01.01.2026 |
| 20932 | Demir, Okan | {st2f} | {ibbs} | 0176 / 2219 0475 | okan.demir@outlook.de | 01.01.2026 |
| 20933 | Fischer, Jana | beantragt | – | 089 54 32 19 87 | – | 15.01.2026 |
""", ("de_steuer_id", st1), ("iban", ia), ("phone", "+49 1523 7710482"), ("email", "k.nowak.dd@gmail.com"),
  ("de_steuer_id", st2f), ("iban", ibbs), ("phone", "0176 / 2219 0475"), ("email", "okan.demir@outlook.de"),
  ("phone", "089 54 32 19 87"))

ib = iban("CH"); ibs = iban_spaced(ib)
S("de", "prose", f"""Ticket #CH-4471 (Kundin schreibt aus Zürich) – bitte Antwort vorbereiten:

"Grüezi, ich habe meine Police 88-1204417 per 30.09. gekündigt, aber im November wurde trotzdem abgebucht. Bitte überweisen Sie die CHF 318.40 zurück auf {ibs}. Erreichbar bin ich unter 079 412 58 73 oder +41 44 268 91 30 (Geschäft). Freundliche Grüsse, Regula Meier, regula.meier@bluewin.ch"
""", ("iban", ibs), ("phone", "079 412 58 73"), ("phone", "+41 44 268 91 30"), ("email", "regula.meier@bluewin.ch"))

S("de", "log", f"""2025-11-24 19:22:41,118 ERROR [payment] PSP response 05 DO_NOT_HONOR order=BE-2025-0044812 amount=249.90 EUR
2025-11-24 19:22:41,119 DEBUG [payment] request payload: {{"pan":"5105105105105100","exp":"1227","holder":"S KOEHLER","email":"sven.koehler@outlook.de"}}
2025-11-24 19:22:41,120 INFO  [http] POST /checkout/pay 502 client=91.64.183.27 xff=192.168.178.24 ua="Mozilla/5.0 (iPhone)"
2025-11-24 19:22:41,121 INFO  [audit] masked pan=510510******5100 stored, psp_ref={uuid4()}
""", ("card", "5105105105105100"), ("email", "sven.koehler@outlook.de"), ("ip_address", "91.64.183.27"),
  ("ip_address", "192.168.178.24"))

st1 = de_steuer_id(); st2 = de_steuer_id(); st2f = steuer_fmt(st2)
S("de", "prose", f"""Bitte prüfe, ob der Antrag vollständig ist, und liste fehlende Angaben auf:

Antrag auf Kindergeld – Angaben zur antragstellenden Person
Name: Jonas Becker · Steuer-ID: {st1} · Telefon: 0341 / 2289 4410 · E-Mail: jonas.becker@posteo.de
Angaben zum Kind: Mila Becker, geb. 04.10.2025, Steuer-ID des Kindes: {st2f}
Zuständige Familienkasse: Sachsen, Eingangsnummer 2025-FK-044812
Bankverbindung: unverändert (wie bisher)
Unterschrift: liegt vor (22.11.2025)
""", ("de_steuer_id", st1), ("phone", "0341 / 2289 4410"), ("email", "jonas.becker@posteo.de"), ("de_steuer_id", st2f))

# --- DE hard negatives (no labels)
S("de", "prose", """Eingangsbestätigung Ihrer Schadenmeldung

Sehr geehrter Kunde,
wir haben Ihre Meldung vom 21.11.2025 erhalten. Schadennummer: 2025-KH-0448812, Versicherungsschein-Nr. KH-44-7781203.
Ihr Aktenzeichen bei uns: SB-17/2291. Die voraussichtliche Bearbeitungsdauer beträgt 10 Werktage.
Bitte halten Sie bei Rückfragen die Schadennummer bereit und nutzen Sie die Rufnummer auf Ihrem Versicherungsschein.
Selbstbeteiligung laut Vertrag: 300,00 €. Schadenort: 73728 Esslingen.
""")

S("de", "prose", f"""Rechnung Nr. RE-2025-11-04471 vom 24.11.2025 – bitte Positionen prüfen

Kühne Bürotechnik GmbH · Amtsgericht Charlottenburg HRB 128811 B · USt-IdNr. {de_ustid()} · Steuernummer 29/815/08150
Leistungszeitraum 01.11.–30.11.2025, Kundennummer 40021987, Bestellung PO-7731-22
Pos. 1: Wartungspauschale Multifunktionsgerät, 1 × 189,00 €
Pos. 2: Tonerkartusche TK-5240K, 4 × 62,50 €
Gesamt netto 439,00 €, USt 19 % 83,41 €, Brutto 522,41 €
Versand per DHL, Sendungsnummer 00340434161234567890
Zahlung per Lastschrift von IBAN DE** **** **** **** **30 00 (Mandat KB-M-4471)
""")

S("de", "prose", """Wiki: Anbindung des KI-Assistenten an das Ticketsystem

1. Lege in `.env` folgende Variablen an:
   API_KEY=<DEIN_API_KEY>
   SMTP_PASSWORT=${SMTP_PASSWORT}
   OPENAI_API_KEY=sk-…   (nur Platzhalter, echten Schlüssel aus dem Tresor holen)
2. Telefonnummern werden im Format +49 XXX XXXXXXX gespeichert, Steuer-IDs als „XX XXX XXX XXX“ – echte Werte niemals ins Wiki.
3. Testkunde für die Staging-Umgebung: Kundennummer K-000001, Name „Max Mustermann“.
4. Version der Schnittstelle: 3.2.1 (Stand 11/2025).
""")

S("de", "log", f"""2025-11-25 03:00:00 INFO  dsgvo-loeschlauf gestartet job={uuid4()} version=1.14.2
2025-11-25 03:00:12 INFO  1.318 Kundendatensätze gelöscht (letzte Aktivität < 25.11.2015), protokoll-sha256={sha(64)}
2025-11-25 03:00:12 INFO  erlaubte Quellnetze: 10.0.0.0/8, 192.0.2.0/24; Admin-UI nur auf 127.0.0.1:8081
2025-11-25 03:00:13 INFO  deploy commit {sha(40)} build 2025.47.3
2025-11-25 03:00:13 INFO  fertig, Dauer 13,2 s
""")

S("de", "prose", """Gehaltsabrechnung November 2025 – Zusammenfassung für die Teamleitung (Kostenstelle 4410)

Personalnummer 20417 · Steuerklasse 3 · Kirchensteuer: nein · SV-Tage 30
Brutto 4.850,00 € · Lohnsteuer 612,41 € · Solidaritätszuschlag 0,00 € · KV 395,28 € · RV 451,05 € · AV 63,05 € · PV 82,45 €
Netto 3.245,76 € · Auszahlung am 28.11.2025
Urlaubsanspruch Rest: 6,5 Tage · Überstunden-Saldo: +12,25 h
""")

S("de", "chat", """[11:02] Kunde: Brauche ich für den Antrag meine Steuer-ID? Wo finde ich die?
[11:03] Bot: Ja, die steuerliche Identifikationsnummer ist 11-stellig und steht z. B. auf Ihrer Lohnsteuerbescheinigung (Format: XX XXX XXX XXX). Bitte geben Sie sie nur im verschlüsselten Formular ein, nicht hier im Chat.
[11:03] Kunde: ok. meine Kundennummer ist K-100231, Vertrag RV-2231-0048-7
[11:04] Bot: Danke! Ihr Vorgang 2025-ZL-118273 ist in Bearbeitung, Stand 24.11.2025.
""")

S("de", "config", f"""# crm-frontend/config/default.yml
app:
  name: kundenportal
  version: 5.3.0
  build_sha: {sha(40)}
api:
  base_url: https://api.example.com/v2
  key: ${{CRM_API_KEY}}
  timeout_ms: 8000
auth:
  # Hash des lokalen Notfall-Admins (bcrypt), Klartext liegt nur im Tresor
  admin_hash: "{bcrypt_hash()}"
features:
  rueckruf_widget: true
  max_upload_mb: 20
""")

S("de", "table", """Bitte fasse die Service-Kennzahlen je Filiale zusammen:

| Filiale | PLZ | Öffnungszeiten | Tickets Nov. | Ø Bearbeitungszeit | Zufriedenheit |
|---|---|---|---|---|---|
| Köln-Ehrenfeld | 50823 | Mo–Fr 9–18 | 1.204 | 2,4 Tage | 4,3 / 5 |
| Stuttgart-Mitte | 70173 | Mo–Sa 9–19 | 987 | 1,9 Tage | 4,5 / 5 |
| Leipzig-Zentrum | 04109 | Mo–Fr 8–17 | 642 | 3,1 Tage | 4,0 / 5 |
| Dresden-Neustadt | 01097 | Mo–Fr 10–18 | 415 | 2,7 Tage | 4,1 / 5 |
""")

# =============================================================================== KO (25)
S("ko", "chat", """[상담 채팅 기록 - 2025.11.24 14:02]
고객: 안녕하세요 주문한 패딩 사이즈 교환하고 싶어요. 주문번호 20251121-0048812 입니다
상담원(김하늘): 안녕하세요 고객님, 본인 확인을 위해 주문자 성함과 휴대폰 번호 부탁드립니다.
고객: 이수진이고 010-2847-3391 이요
상담원: 확인되었습니다. 회수 기사님이 방문 전에 연락드릴 예정입니다. 교환 안내를 이메일로도 보내드릴까요?
고객: 네 sujin.lee92@naver.com 으로 보내주세요. 낮에는 회사에 있어서 02-3472-1189 (내선 204)로 주셔도 돼요
상담원: 접수 완료되었습니다. 교환 접수번호는 EX-771903 입니다.
""", ("phone", "010-2847-3391"), ("email", "sujin.lee92@naver.com"), ("phone", "02-3472-1189"))

rrn = kr_rrn(year=1985)
S("ko", "prose", f"""[보험금 청구서 - 실손의료비] 아래 내용을 심사 담당자용으로 요약해 주세요.

피보험자: 박지훈 / 주민등록번호: {rrn}
연락처: 휴대폰 010 9913 4426 / 자택 031-787-2204
이메일: jihoon.park85@gmail.com
증권번호: 2019-4471-2231-08
사고(발병)일: 2025.11.03 / 진단명: 요추 추간판 탈출증 (M51.2)
청구 금액: 1,284,000원 (입원 5일, 도수치료 8회)
보험금 수령: 본인 명의 계좌 (통장 사본 별도 제출)
""", ("kr_rrn", rrn), ("phone", "010 9913 4426"), ("phone", "031-787-2204"), ("email", "jihoon.park85@gmail.com"))

S("ko", "table", """다음 CRM 고객 목록에서 VIP 고객만 추려서 표로 정리해 주세요.

고객ID,이름,휴대폰,이메일,가입일,등급
C-30012,최민서,01038472291,minseo.choi@daum.net,2023-02-14,VIP
C-30013,정우진,+82 10-4729-1103,woojin.j@gmail.com,2023-03-01,일반
C-30019,한예린,010.3391.2048,yerin_han@kakao.com,2024-07-22,VIP
C-30027,오준호,+82-10-5521-7734,,2025-01-09,골드
C-30031,강다은,010 6612 0389,daeun.kang@hanmail.net,2025-05-30,일반
""", ("phone", "01038472291"), ("email", "minseo.choi@daum.net"), ("phone", "+82 10-4729-1103"),
  ("email", "woojin.j@gmail.com"), ("phone", "010.3391.2048"), ("email", "yerin_han@kakao.com"),
  ("phone", "+82-10-5521-7734"), ("phone", "010 6612 0389"), ("email", "daeun.kang@hanmail.net"))

rrn = kr_rrn(year=1948)
S("ko", "prose", f"""진료의뢰서

수신: 한빛대학교병원 심장내과 / 발신: 연세365내과의원 (원장 윤성호)
의원 전화 02-2231-4470 · 팩스 02-2231-4471 · 이메일 yonsei365clinic@naver.com

환자: 김순자 (여, 77세) 주민등록번호 {rrn}
환자 연락처: 010-4417-2093 / 보호자(아들 이동현): 010-8823-1174
상병명: 심방세동 (I48.9), 고혈압 (I10)
의뢰 내용: 최근 2주간 두근거림 및 어지럼증 호소. 심전도상 심방세동 확인되어 홀터 검사 및 항응고 치료 여부 판단 부탁드립니다.
현재 복용약: 암로디핀 5mg 1일 1회
""", ("phone", "02-2231-4470"), ("phone", "02-2231-4471"), ("email", "yonsei365clinic@naver.com"), ("kr_rrn", rrn),
  ("phone", "010-4417-2093"), ("phone", "010-8823-1174"))

S("ko", "log", """2025-11-24 09:12:03.118 [IVR] call_id=IVR-20251124-000418 ani=01047291103 dnis=15884471 menu=1>3>2
2025-11-24 09:12:41.540 [IVR] 본인인증 실패(생년월일 불일치) ani=01047291103 retry=1
2025-11-24 09:13:05.002 [CTI] 상담원 연결 agent=A0231 ext=2231 sip=10.30.1.44
2025-11-24 09:13:05.010 [CRM] 고객조회 phone=+82-10-4729-1103 -> cust=C-30013 email=woojin.j@gmail.com
2025-11-24 09:18:44.771 [CTI] 통화종료 duration=339s recording=/rec/2025/11/24/IVR-20251124-000418.wav
""", ("phone", "01047291103"), ("phone", "15884471"), ("ip_address", "10.30.1.44"), ("phone", "+82-10-4729-1103"),
  ("email", "woojin.j@gmail.com"))

rrn = kr_rrn(year=1996); frn = kr_rrn(year=1993, gender=5)
S("ko", "prose", f"""[인사팀] 12월 신규 입사자 정보 정리 요청 - 아래 내용을 입사 체크리스트 형태로 바꿔 주세요.

1) 윤서연 / 마케팅팀 / 입사일 2025-12-01
   주민등록번호: {rrn}, 휴대폰: 010-5582-9013, 개인메일: seoyeon.yoon@naver.com
2) Nguyen Van An / 개발팀 / 입사일 2025-12-01
   외국인등록번호: {frn}, 휴대폰: 010-7734-2210, 개인메일: an.nguyen.dev@gmail.com
   체류자격: E-7 (만료 2027-03-31)

사번은 입사일에 부여됩니다(예정: 20251201, 20251202). 급여 계좌는 별도 양식으로 받습니다.
""", ("kr_rrn", rrn), ("phone", "010-5582-9013"), ("email", "seoyeon.yoon@naver.com"), ("kr_rrn", frn),
  ("phone", "010-7734-2210"), ("email", "an.nguyen.dev@gmail.com"))

kk = rnd(HEX, 32); nvid = rnd_mixed(ALNUM, 20); nv = rnd_mixed(ALNUM, 10); tsk = toss_key("sk"); tck = toss_key("ck")
dbpw = password_random(16)
S("ko", "config", f"""# 주문 알림 서비스 운영 설정 (application-prod.properties) - 알림톡이 안 나가는 원인 찾아주세요
spring.datasource.url=jdbc:mysql://10.40.2.17:3306/shop?useSSL=true
spring.datasource.username=shop_app
spring.datasource.password={dbpw}
kakao.rest-api-key={kk}
naver.client-id={nvid}
naver.client-secret={nv}
toss.client-key={tck}
toss.secret-key={tsk}
notify.cs-phone=1588-4471
notify.sender-email=no-reply@greenmall.kr
app.version=3.4.1
""", ("ip_address", "10.40.2.17"), ("password", dbpw), ("saas_token", kk), ("saas_token", nv), ("payment_token", tsk),
  ("phone", "1588-4471"), ("email", "no-reply@greenmall.kr"))

c = card("visa"); cf = fmt_card(c, "-")
h = {"상담ID": "CS-20251124-3321", "채널": "카카오톡", "고객": {"이름": "한예린", "휴대폰": "010-3391-2048", "이메일": "yerin_han@kakao.com"},
     "요약": "결제 오류로 주문이 두 번 접수됨. 한 건 취소 요청.",
     "결제": {"카드번호": cf, "할부": "3개월", "승인번호": "30048812"}, "주문번호": ["20251123-0091", "20251123-0092"]}
S("ko", "json", "챗봇에서 상담원에게 넘어온 데이터입니다. 처리 방안을 제안해 주세요.\n\n" + jdump(h),
  ("phone", "010-3391-2048"), ("email", "yerin_han@kakao.com"), ("card", cf))

bz = kr_biz_no()
S("ko", "prose", f"""보낸사람: 정하윤 <hayoon.jung@mirae-ins.co.kr>
받는사람: 고객지원 <cs@greenmall.kr>
제목: RE: 단체상해보험 가입 명단 송부 건

안녕하세요, 미래손해보험 정하윤입니다.
보내주신 가입 명단(42명) 잘 받았습니다. 12월 1일자로 개시되며, 증권은 다음 주 중 발송 예정입니다.
명단 중 3명은 생년월일이 누락되어 있으니 확인 부탁드립니다.

정하윤 과장 | 미래손해보험 법인영업2팀
T. 02-6952-1180 | M. 010-9913-7740 | F. 02-6952-1199
사업자등록번호 {bz} | 서울특별시 중구 세종대로 136
""", ("email", "hayoon.jung@mirae-ins.co.kr"), ("email", "cs@greenmall.kr"), ("phone", "02-6952-1180"),
  ("phone", "010-9913-7740"), ("phone", "02-6952-1199"))

c = card("mc"); cf = fmt_card(c, "-")
S("ko", "prose", f"""[카드 분실 신고 상담 메모] 요약해서 고객 안내 문자 초안 작성해 주세요.

고객: 오준호 고객님 (본인 확인 완료 - 생년월일 및 휴대폰 인증)
분실 카드: {cf} (신용, 본인)
연락처: +82-10-5521-7734
조치: 즉시 정지 처리, 재발급 신청(수령지 자택), 최근 승인 내역 3건 확인 - 부정사용 없음
재발급 카드 뒷자리: ****-****-****-2231 (발급 예정)
접수번호: LC-20251124-0912
""", ("card", cf), ("phone", "+82-10-5521-7734"))

ssn = us_ssn()
S("ko", "prose", f"""해외 거주 고객 FATCA 확인서 접수 건입니다. 누락 항목이 있는지 검토 부탁드립니다.

- 고객명: Daniel Cho (조대현)
- 미국 납세자번호(SSN): {ssn}
- 미국 연락처: +1 (213) 884-2207 / 한국 연락처: 010-3318-5520
- 이메일: daniel.cho.la@gmail.com
- 계좌: 외화예금 (계좌번호는 시스템 조회)
- 미국 주소: 3250 Wilshire Blvd, Los Angeles, CA 90010
""", ("us_ssn", ssn), ("phone", "+1 (213) 884-2207"), ("phone", "010-3318-5520"), ("email", "daniel.cho.la@gmail.com"))

r1 = kr_rrn(year=1988); r2 = kr_rrn(year=1994)
S("ko", "table", f"""아래 직원 명단에서 비상연락망용으로 이름·내선·휴대폰만 남긴 표를 만들어 주세요.

| 사번 | 성명 | 주민등록번호 | 내선 | 휴대폰 | 이메일 |
|---|---|---|---|---|---|
| 2019031 | 배준영 | {r1} | 2231 | 010-4471-8820 | jy.bae@hanbit-corp.co.kr |
| 2021114 | 서민지 | {r2} | 2240 | 010 2093 5518 | minji.seo@hanbit-corp.co.kr |
| 2024007 | 임도윤 | (미제출) | 2255 | 01077310294 | doyun.lim@hanbit-corp.co.kr |
""", ("kr_rrn", r1), ("phone", "010-4471-8820"), ("email", "jy.bae@hanbit-corp.co.kr"), ("kr_rrn", r2),
  ("phone", "010 2093 5518"), ("email", "minji.seo@hanbit-corp.co.kr"), ("phone", "01077310294"),
  ("email", "doyun.lim@hanbit-corp.co.kr"))

sb = slack_bot()
S("ko", "code", f"""# 예약 리마인드 발송 스크립트 (치과 예약 시스템) - 슬랙 알림이 중복으로 가는 이유를 봐주세요
from slack_sdk import WebClient

SLACK_BOT_TOKEN = "{sb}"
client = WebClient(token=SLACK_BOT_TOKEN)

RECIPIENTS = [
    ("김민호", "010-2394-7781", "2025-11-26 10:30"),
    ("박서윤", "+82 10 5530 1298", "2025-11-26 14:00"),
]

def notify(name, phone, at):
    msg = f"[밝은미소치과] {{name}}님, {{at}} 예약이 있습니다. 변경 문의: 02-555-2875"
    client.chat_postMessage(channel="#예약알림", text=f"{{phone}} -> {{msg}}")

for r in RECIPIENTS:
    notify(*r)
""", ("slack_token", sb), ("phone", "010-2394-7781"), ("phone", "+82 10 5530 1298"), ("phone", "02-555-2875"))

c = card("visa"); cf = fmt_card(c)
S("ko", "prose", f"""[렌터카 예약 확인 요청 - 오키나와] 고객에게 보낼 확인 메일을 작성해 주세요.

예약자: 송지아 / 국내 연락처 +82 10-6621-4408 / 현지 연락처(로밍 유심) +81 80-3319-2204
이메일: jia.song@icloud.com
픽업: 2025.12.20 10:00 나하공항 영업소 / 반납: 12.23 18:00
결제 카드: {cf} (예약금 15,000엔 결제됨, 승인번호 30048812)
예약번호: OKA-RC-771903
""", ("phone", "+82 10-6621-4408"), ("phone", "+81 80-3319-2204"), ("email", "jia.song@icloud.com"), ("card", cf))

S("ko", "prose", """제목: 개인정보 노출 의심 민원

안녕하세요. 어제 귀사에서 받은 안내 문자에 제 주민번호가 900101-1****** 형태로 일부 표시되어 있었습니다. 뒷자리가 가려져 있긴 하지만 문자로 보낼 필요가 있는지 의문입니다.
문자 발신번호는 02-6300-8871이었고, 고객번호는 C-30044 입니다.
답변은 010-8842-1937 로 전화 주시거나 hyunwoo.kang@hanmail.net 으로 보내주세요.
강현우 드림
""", ("phone", "02-6300-8871"), ("phone", "010-8842-1937"), ("email", "hyunwoo.kang@hanmail.net"))

S("ko", "log", """211.234.118.45 - - [24/Nov/2025:10:21:07 +0900] "GET /mypage/orders?email=sujin.lee92%40naver.com HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (Linux; Android 14; SM-S921N)"
121.165.40.210 - - [24/Nov/2025:10:21:09 +0900] "POST /api/v1/cs/callback HTTP/1.1" 201 88 "-" "okhttp/4.12.0"
192.168.10.23 - - [24/Nov/2025:10:21:11 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
127.0.0.1 - - [24/Nov/2025:10:21:12 +0900] "GET /metrics HTTP/1.1" 200 20411 "-" "Prometheus/2.53.0"
""", ("ip_address", "211.234.118.45"), ("email", "sujin.lee92%40naver.com"), ("ip_address", "121.165.40.210"),
  ("ip_address", "192.168.10.23"))

rrn = kr_rrn(year=2001)
uw = {"심사번호": "UW-2025-118273", "청약자": {"성명": "장하은", "주민등록번호": rrn, "휴대전화": "010-2287-4419",
                                      "이메일": "haeun.jang01@gmail.com", "직업": "대학원생"},
      "피보험자": "청약자와 동일", "상품코드": "HLT-3021", "월보험료": 48200, "심사결과": "조건부 승인(부담보 2년)"}
S("ko", "json", "보험 심사 API 응답입니다. 고객 안내문을 작성해 주세요.\n\n" + jdump(uw),
  ("kr_rrn", rrn), ("phone", "010-2287-4419"), ("email", "haeun.jang01@gmail.com"))

# --- KO hard negatives (no labels)
S("ko", "prose", """[배송 조회 결과] 고객에게 안내할 문장으로 바꿔 주세요.

주문번호: 20251121-0048812 / 주문일: 2025.11.21
운송장번호: CJ대한통운 6890 4412 7731
받는 분: 이*진 / 연락처: 010-****-3391
주문자 주민번호 확인: 900101-1****** (성인 인증 완료)
결제 금액: 129,000원 (카드 ****-****-****-4471, 일시불)
배송지 우편번호: 06236
""")

S("ko", "prose", f"""아래 쇼핑몰 하단 정보가 전자상거래법 표기 요건을 충족하는지 확인해 주세요.

상호: (주)그린몰 | 대표: 김도현 | 사업자등록번호: {kr_biz_no()} | 통신판매업신고: 제2024-서울강남-01234호
주소: 서울특별시 강남구 테헤란로 427, 12층 (우 06159)
고객센터: 앱 내 1:1 문의 (평일 09:00~18:00, 점심 12:00~13:00)
호스팅 제공자: (주)클라우드원 | 개인정보보호책임자: 박성민 (개인정보팀장)
""")

S("ko", "prose", """[보험금 청구 접수 완료 안내]
접수번호 CL-2025-1124-00871 건이 정상 접수되었습니다.
증권번호: 2019-****-2231-08 / 청구일: 2025.11.24 / 청구 금액: 1,284,000원
심사 예상 기간: 영업일 기준 3~5일. 서류 보완이 필요한 경우 등록된 연락처로 안내드립니다.
※ 본 문자는 발신 전용입니다.
""")

S("ko", "config", f"""## 결제 연동 가이드 (개발 문서)

환경변수 예시입니다. 실제 키는 운영 비밀 저장소에서 주입하세요.

    KAKAO_REST_API_KEY=<발급받은_REST_API_키>
    TOSS_CLIENT_KEY={toss_key("ck", "test")}   # 클라이언트 키: 브라우저에 노출되어도 되는 키
    TOSS_SECRET_KEY=${{TOSS_SECRET_KEY}}
    OPENAI_API_KEY=sk-...
    NAVER_CLIENT_SECRET=xxxxxxxxxx

전화번호 필드는 010-0000-0000 형식으로 검증합니다. SDK 버전: 2.3.0
""")

S("ko", "log", f"""2025-11-25 02:00:00 INFO  배치 시작 job=휴면계정전환 run_id={uuid4()} ver=4.2.0
2025-11-25 02:00:07 INFO  휴면 전환 대상 2,318건 처리 완료, 결과 해시 sha256={sha(64)}
2025-11-25 02:00:07 INFO  내부 API 127.0.0.1:8080 응답 정상, 외부 검증 서버 203.0.113.50 (테스트 대역)
2025-11-25 02:00:08 INFO  배포 커밋 {sha(40)} / 빌드 2025.11.24-1
""")

S("ko", "table", """부서별 연차 사용률을 요약해 주세요.

| 사번 | 부서코드 | 직급 | 부여 연차 | 사용 | 잔여 | 사용률 |
|---|---|---|---|---|---|---|
| 2019031 | MK-01 | 과장 | 17 | 12.5 | 4.5 | 73.5% |
| 2021114 | MK-01 | 대리 | 16 | 9 | 7 | 56.3% |
| 2024007 | DV-03 | 사원 | 15 | 4 | 11 | 26.7% |
| 2017022 | CS-02 | 차장 | 19 | 18 | 1 | 94.7% |
""")

S("ko", "chat", """고객: 본인확인 하려면 주민번호 뒷자리까지 다 말해야 하나요?
챗봇: 아니요. 채팅창에는 주민등록번호를 입력하지 마세요. 생년월일 6자리(예: 900101)와 가입 시 등록한 휴대폰 번호 뒷자리 4자리만 확인합니다.
고객: 휴대폰 번호는 010-0000-0000 이런 형식으로 쓰면 되죠?
챗봇: 네, 다만 지금은 입력하지 않으셔도 됩니다. 상담 접수번호 CS-20251124-4410 으로 상담원이 이어서 도와드립니다.
""")

S("ko", "prose", """[진료 예약 안내]
예약번호: R-20251126-0318 / 진료과: 정형외과 / 담당의: 이○○ 교수
일시: 2025년 11월 26일(수) 오전 10:30 (30분 전 도착)
장소: 본관 3층 B구역 / 예상 진료비: 약 35,000원 (건강보험 적용)
준비물: 신분증, 이전 MRI 영상 CD
※ 예약 변경은 병원 앱에서 가능합니다.
""")

# =============================================================================== JA (25)
S("ja", "chat", """[チャット履歴 2025/11/24 13:05]
お客様: 注文番号 250-4471-2291 の商品がまだ届きません
オペレーター(佐藤): ご不便をおかけしております。ご本人確認のため、ご登録のお電話番号をお願いいたします。
お客様: 090-3817-5524 です。日中は会社 03-5412-7789 にいます
オペレーター: 確認いたしました。配送状況を調べてメールでご連絡いたします。
お客様: yuki.takahashi@docomo.ne.jp にお願いします
オペレーター: 承知しました。お問い合わせ番号は INQ-771903 です。
""", ("phone", "090-3817-5524"), ("phone", "03-5412-7789"), ("email", "yuki.takahashi@docomo.ne.jp"))

mn = jp_mynumber(); mnf = mn_fmt(mn)
S("ja", "prose", f"""以下の保険金請求書の内容を、査定担当者向けに要約してください。

【保険金請求書（死亡保険金）】
請求者: 山本 恵子（被保険者の妻）
個人番号（マイナンバー）: {mnf}
電話番号: 06-6314-2290 / 携帯: 080-4412-9937
メールアドレス: keiko.yamamoto@yahoo.co.jp
証券番号: 2210-448812-07 / 被保険者: 山本 浩二（昭和33年5月2日生）
受取口座: 請求書別紙のとおり
""", ("jp_mynumber", mnf), ("phone", "06-6314-2290"), ("phone", "080-4412-9937"), ("email", "keiko.yamamoto@yahoo.co.jp"))

S("ja", "table", """次の顧客リストから重複していそうな行を指摘してください。

顧客ID,氏名,電話番号,メールアドレス,登録日
J-50021,中村 美咲,0364271190,misaki.nakamura@gmail.com,2023-04-02
J-50022,中村 美咲,03(6427)1190,m.nakamura@icloud.com,2024-11-15
J-50031,吉田 拓也,０９０－２２８４－７７１３,takuya.yoshida@au.com,2024-01-20
J-50040,清水 花子,+81-80-2207-4419,hanako.shimizu@outlook.jp,2025-03-09
J-50047,前田 健,080 4471 9920,,2025-08-27
""", ("phone", "0364271190"), ("email", "misaki.nakamura@gmail.com"), ("phone", "03(6427)1190"),
  ("email", "m.nakamura@icloud.com"), ("phone", "０９０－２２８４－７７１３"), ("email", "takuya.yoshida@au.com"),
  ("phone", "+81-80-2207-4419"), ("email", "hanako.shimizu@outlook.jp"), ("phone", "080 4471 9920"))

S("ja", "prose", """診療情報提供書

紹介先: みなと中央病院 腎臓内科 御侍史
紹介元: 青葉内科クリニック 院長 小林 健一
〒227-0062 横浜市青葉区青葉台2-9-1 TEL 045-985-2210 / FAX 045-985-2211 / aoba-naika@clinic.or.jp

患者氏名: 石井 和夫 様（男性） 生年月日: 昭和24年8月11日（76歳）
連絡先: 045-982-3371（自宅）、長女 石井 真理 様 090-6624-1183
傷病名: 2型糖尿病、慢性腎臓病（G3b）
紹介目的: eGFR低下（38 mL/min/1.73m²）について精査およびご加療をお願いいたします。
""", ("phone", "045-985-2210"), ("phone", "045-985-2211"), ("email", "aoba-naika@clinic.or.jp"),
  ("phone", "045-982-3371"), ("phone", "090-6624-1183"))

S("ja", "log", f"""2025-11-24 10:02:11 [ACD] 着信 ANI=0364271190 DNIS=0120-444-812 キュー=契約変更
2025-11-24 10:02:44 [CTI] オペレーター接続 OP=3021 内線=3021 SIP=172.20.5.31
2025-11-24 10:03:10 [CRM] 顧客照合 tel=03-6427-1190 -> 顧客ID=J-50021 mail=misaki.nakamura@gmail.com
2025-11-24 10:09:58 [CTI] 通話終了 通話時間=00:07:14 録音ID={uuid4()}
""", ("phone", "0364271190"), ("phone", "0120-444-812"), ("ip_address", "172.20.5.31"), ("phone", "03-6427-1190"),
  ("email", "misaki.nakamura@gmail.com"))

mn = jp_mynumber()
S("ja", "prose", f"""人事部 入社手続き連絡票（12月1日入社）— 給与担当向けにチェックリストにしてください。

氏名: 森田 翔太 / 生年月日: 1998年3月9日
個人番号: {mn}
住所: 〒154-0004 東京都世田谷区太子堂4-1-1
携帯電話: 070-2284-5519
個人メール: shota.morita98@gmail.com
扶養: なし / 雇用保険被保険者証: 提出済み
社員番号: 2025-1201-03（予定）
""", ("jp_mynumber", mn), ("phone", "070-2284-5519"), ("email", "shota.morita98@gmail.com"))

ls = rnd(HEX, 32); lt = line_channel_token(); pj = payjp_key("sk"); pjp = payjp_key("pk")
S("ja", "config", f"""# config/production.yml 予約Botの本番設定（Webhook が 401 になる原因を調べてください）
line:
  channel_id: "1657443201"
  channel_secret: "{ls}"
  channel_access_token: "{lt}"
payjp:
  public_key: "{pjp}"   # フロントに埋め込む公開鍵
  secret_key: "{pj}"
support:
  tel: "0120-557-310"
  mail: "support@yoyaku-bot.jp"
app:
  version: "1.8.0"
""", ("saas_token", ls), ("saas_token", lt), ("payment_token", pj), ("phone", "0120-557-310"),
  ("email", "support@yoyaku-bot.jp"))

c = card("jcb")
hj = {"会話ID": uuid4(), "チャネル": "LINE", "顧客": {"氏名": "藤井 彩", "電話": "080-1193-4428", "メール": "aya.fujii@softbank.ne.jp"},
      "要約": "予約金の決済が二重になったので一件返金してほしい",
      "支払い": {"カード番号": c, "有効期限": "11/29"}, "予約番号": "RSV-20251201-0448"}
S("ja", "json", "チャットボットからの引き継ぎデータです。オペレーター向けに要点をまとめてください。\n\n" + jdump(hj),
  ("phone", "080-1193-4428"), ("email", "aya.fujii@softbank.ne.jp"), ("card", c))

S("ja", "prose", f"""差出人: 松本 大輔 <d.matsumoto@sakura-sonpo.co.jp>
宛先: 総務部 <soumu@kitahara-seiki.co.jp>
件名: Re: 団体傷害保険 加入者名簿のご送付について

北原精機株式会社 総務部 御中

いつもお世話になっております。さくら損保の松本です。
加入者名簿（38名）を受領いたしました。12月1日付で補償開始となります。
なお、2名分の生年月日が未記入でしたので、ご確認をお願いいたします。

――――――――――
さくら損害保険株式会社 法人営業第二部
松本 大輔
TEL: 03-6821-4410 / FAX: 03-6821-4411 / 携帯: 080-5521-3307
〒100-0005 東京都千代田区丸の内1-6-5
法人番号: {jp_corp_no()}
""", ("email", "d.matsumoto@sakura-sonpo.co.jp"), ("email", "soumu@kitahara-seiki.co.jp"), ("phone", "03-6821-4410"),
  ("phone", "03-6821-4411"), ("phone", "080-5521-3307"))

c = card("jcb"); cf = fmt_card(c, "-")
S("ja", "prose", f"""【カード紛失受付メモ】お客様への確認メールの文面を作ってください。

受付日時: 2025/11/24 21:14　受付番号: LS-20251124-0331
会員: 岡田 直樹 様（本人確認済）
紛失カード: {cf}
連絡先: ０８０－４４１２－７７０９
対応: 即時利用停止、再発行手配（お届け5〜7営業日）。不正利用の有無は明細確認後に連絡。
""", ("card", cf), ("phone", "０８０－４４１２－７７０９"))

nino = uk_nino(); ib = iban("GB"); ibs = iban_spaced(ib)
S("ja", "prose", f"""英国に転居されたお客様からの年金受取口座変更のご依頼です。内容を整理してください。

・氏名: 佐々木 由美
・英国の国民保険番号（National Insurance number）: {nino}
・新しい受取口座: IBAN {ibs}
・英国の電話: +44 7386 552 019
・日本の緊急連絡先（母）: 011-251-8840
・メール: yumi.sasaki.uk@gmail.com
""", ("uk_nino", nino), ("iban", ibs), ("phone", "+44 7386 552 019"), ("phone", "011-251-8840"),
  ("email", "yumi.sasaki.uk@gmail.com"))

m1 = jp_mynumber(); m2 = jp_mynumber(); m2f = mn_fmt(m2, "-")
S("ja", "table", f"""社員名簿から緊急連絡網用に「氏名・内線・携帯」だけの表を作ってください。

| 社員番号 | 氏名 | マイナンバー | 内線 | 携帯 | メール |
|---|---|---|---|---|---|
| 100231 | 田中 一郎 | {m1} | 3021 | 090-1127-4580 | i.tanaka@kitahara-seiki.co.jp |
| 100245 | 小川 さくら | {m2f} | 3044 | 080-7719-2203 | s.ogawa@kitahara-seiki.co.jp |
| 100260 | 李 俊浩 | 未提出 | 3050 | 070-4410-8826 | jh.lee@kitahara-seiki.co.jp |
""", ("jp_mynumber", m1), ("phone", "090-1127-4580"), ("email", "i.tanaka@kitahara-seiki.co.jp"),
  ("jp_mynumber", m2f), ("phone", "080-7719-2203"), ("email", "s.ogawa@kitahara-seiki.co.jp"),
  ("phone", "070-4410-8826"), ("email", "jh.lee@kitahara-seiki.co.jp"))

sg = sendgrid(); an = anthropic()
S("ja", "code", f"""# remind.py 歯科予約リマインド（問い合わせ要約も追加）— メールが届かない理由を見てください
import anthropic, sendgrid

SENDGRID_API_KEY = "{sg}"
ANTHROPIC_API_KEY = "{an}"
FROM = "yoyaku@hikari-dental.jp"

patients = [
    {{"name": "高橋 健", "email": "ken.takahashi@ezweb.ne.jp", "tel": "090-6612-3398", "at": "11/26 10:00"}},
    {{"name": "渡辺 真由", "email": "mayu.w@i.softbank.jp", "tel": "+81 80 2294 1107", "at": "11/26 15:30"}},
]

sg_client = sendgrid.SendGridAPIClient(SENDGRID_API_KEY)
claude = anthropic.Anthropic(api_key=ANTHROPIC_API_KEY)
""", ("saas_token", sg), ("anthropic_key", an), ("email", "yoyaku@hikari-dental.jp"), ("email", "ken.takahashi@ezweb.ne.jp"),
  ("phone", "090-6612-3398"), ("email", "mayu.w@i.softbank.jp"), ("phone", "+81 80 2294 1107"))

S("ja", "prose", """ホテル予約サポート：韓国からのお客様です。確認メールを日本語と英語で作成してください。

お名前: キム・ミンジ（Kim Minji）
韓国の携帯: +82 10-4471-2093 / 日本滞在中: 080-6622-1934
メール: minji.kim@naver.com
予約番号: HTL-TYO-771903、チェックイン 12/20、3泊、ツイン
カード: Visa **** 4471（保証のみ、決済は現地）
""", ("phone", "+82 10-4471-2093"), ("phone", "080-6622-1934"), ("email", "minji.kim@naver.com"))

S("ja", "prose", """【入居申込書】審査用に要点をまとめてください。

物件: グランパレス中野 302号室（管理番号 NK-0302）
申込者: 加藤 亮 / 生年月日 1990年6月14日
携帯: 090-4417-2286 / 勤務先: 株式会社ミナトシステム TEL 03(3371)5520
メール: ryo.kato1990@outlook.jp
緊急連絡先: 加藤 洋子（母）0952-24-1187
年収: 520万円 / 勤続年数: 6年 / 希望入居日: 2026年1月10日
""", ("phone", "090-4417-2286"), ("phone", "03(3371)5520"), ("email", "ryo.kato1990@outlook.jp"), ("phone", "0952-24-1187"))

S("ja", "log", """126.71.38.202 - - [24/Nov/2025:22:14:07 +0900] "POST /api/inquiry HTTP/2.0" 201 64 "https://support.hikari-shop.jp/contact" "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"
153.242.11.87 - - [24/Nov/2025:22:14:10 +0900] "GET /mypage?mail=aya.fujii%40softbank.ne.jp HTTP/2.0" 200 8812 "-" "Mozilla/5.0"
172.31.14.207 - - [24/Nov/2025:22:14:11 +0900] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"
""", ("ip_address", "126.71.38.202"), ("ip_address", "153.242.11.87"), ("email", "aya.fujii%40softbank.ne.jp"),
  ("ip_address", "172.31.14.207"))

mn = jp_mynumber()
mj = {"申込番号": "MED-2025-04471", "被保険者": {"氏名": "井上 美紀", "個人番号": mn, "電話": "092-771-4408",
                                        "携帯": "090-3356-1128", "メール": "miki.inoue@icloud.com"},
      "告知": {"入院歴": "なし", "服薬": "なし"}, "月額保険料": 3280, "プラン": "医療保険ベーシック"}
S("ja", "json", "医療保険の申込データです。不備がないか確認してください。\n\n" + jdump(mj),
  ("jp_mynumber", mn), ("phone", "092-771-4408"), ("phone", "090-3356-1128"), ("email", "miki.inoue@icloud.com"))

# --- JA hard negatives (no labels)
ym = yamato_no(); ymf = f"{ym[:4]}-{ym[4:8]}-{ym[8:]}"
S("ja", "prose", f"""【ご注文確認】お客様向けの案内文に整えてください。

ご注文番号: 250-4471-2291（2025年11月21日）
お届け予定: 11月25日 午前中 / ヤマト運輸 お問い合わせ伝票番号: {ymf}
お届け先: 〒150-0043 東京都渋谷区道玄坂1-2-3 様方
お支払い: クレジットカード（末尾 4471）一括 12,980円（税込）
ポイント付与: 129ポイント
""")

S("ja", "prose", f"""会社概要ページの記載内容をチェックしてください。

商号: 株式会社ひかりショップ
法人番号: {jp_corp_no()}
適格請求書発行事業者登録番号: T{jp_corp_no()}
設立: 2012年4月 / 資本金: 3,000万円 / 従業員数: 84名（2025年10月現在）
所在地: 〒530-0001 大阪府大阪市北区梅田3-1-3
お問い合わせ: ウェブフォームより受け付けております
""")

S("ja", "prose", """【受付完了のお知らせ】
受付番号 CL-20251124-0871 のご請求を受け付けました。
証券番号: 2210-******-07 / ご請求金額: 1,500,000円 / 受付日: 2025年11月24日
審査には通常5営業日ほどお時間をいただきます。書類に不備がある場合はご登録の連絡先へご案内します。
※本メールは送信専用です。
""")

S("ja", "config", f"""## 予約Bot セットアップ手順

`.env` に以下を設定します（値は各自の管理画面から取得）。

    LINE_CHANNEL_SECRET=<YOUR_CHANNEL_SECRET>
    LINE_CHANNEL_ACCESS_TOKEN=${{LINE_CHANNEL_ACCESS_TOKEN}}
    PAYJP_PUBLIC_KEY={payjp_key("pk")}   # 公開鍵：ブラウザに出しても問題なし
    PAYJP_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxx
    ANTHROPIC_API_KEY=sk-ant-...

電話番号は 090-XXXX-XXXX 形式で入力チェックします。対応 Node.js: 20.x / 22.x
""")

S("ja", "log", f"""2025-11-25 02:00:00 INFO  夜間バッチ開始 job=退会者データ削除 run={uuid4()} version=2.6.0
2025-11-25 02:00:09 INFO  削除件数 742 件、監査ログ sha256={sha(64)}
2025-11-25 02:00:09 INFO  ヘルスチェック 127.0.0.1:8080 OK / 外部疎通確認 198.51.100.14（検証用アドレス）
2025-11-25 02:00:10 INFO  SNMP OID 1.3.6.1.2.1.1.3.0 uptime=1843211 / commit {sha(40)}
""")

S("ja", "table", """評価結果を部署別に集計してください。

| 社員番号 | 部署 | 等級 | 上期評価 | 下期評価 | 賞与係数 |
|---|---|---|---|---|---|
| 100231 | 営業1課 | M2 | A | B+ | 1.15 |
| 100245 | 総務課 | S3 | B | B | 1.00 |
| 100260 | 開発課 | S2 | A+ | A | 1.25 |
| 100274 | 営業2課 | S1 | B- | B | 0.95 |
""")

S("ja", "chat", """お客様: マイナンバーってここに書かないといけないですか？
ボット: いいえ、チャットには入力しないでください。マイナンバー（12桁、例: XXXX XXXX XXXX）は郵送の専用書類でのみお預かりします。
お客様: 電話番号は？
ボット: 電話番号も不要です（090-XXXX-XXXX のような番号はご入力いただかなくて大丈夫です）。お問い合わせ番号 INQ-20251124-5521 で担当者よりご連絡します。
""")

S("ja", "prose", """【ご予約確認】
予約番号: R-20251126-0318
診療科: 整形外科 / 担当: 佐○ 医師
日時: 2025年11月26日（水）10:30（受付は10:00から）
場所: 本館2階 Bブロック / 予想される自己負担額: 約3,500円（3割負担）
持ち物: 保険証またはマイナ保険証、お薬手帳
※ご予約の変更はアプリから行えます。
""")

assert len(OUT) == 100, len(OUT)
for lang in ("en", "de", "ko", "ja"):
    assert sum(1 for d in OUT if d["lang"] == lang) == 25, lang
write_corpus(OUT, sys.argv[1])
