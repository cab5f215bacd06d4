"""Fresh set 14a (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Commerce, logistics and travel text (prose/chat), the same settings as machine-readable data
(CSV/TSV, JSON, fixed-width, webhooks, logs, configs, code) and ~30 % hard negatives (tracking
numbers, PNRs, SKUs, EAN/JAN, VAT ids, masked cards, Luhn/checksum-valid numbers named as
something else) that carry no label.
Usage: python3 fresh14a_2026_11_25.py OUT.jsonl
"""
import sys, os, json, base64, string
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(1410)
OUT = []
S = sample_adder(OUT, "f14a")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = "0123456789"
UP = string.ascii_uppercase


def D(n):
    return rnd(DIG, n)


def P(n):
    """a digit block that does not start with 0 or 1 (subscriber numbers)"""
    return rnd("23456789", 1) + rnd(DIG, n - 1)


def ND(n):
    return rnd("123456789", 1) + rnd(DIG, n - 1)


# ---------- generators for formats fakegen has no generator for (all fake) ----------
def pnr():
    return rnd("ABCDEFGHJKLMNPQRSTUVWXYZ", 1) + rnd("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 5)


def ean13(prefix):
    body = prefix + D(12 - len(prefix))
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def upc_a():
    body = ND(11)
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def ups_tracking():
    body = rnd(UP + DIG, 6) + R.choice(["03", "01", "02", "12"]) + D(7)
    vals = [int(c) if c.isdigit() else (ord(c) - 63) % 10 for c in body]
    s = sum(v if i % 2 == 0 else 2 * v for i, v in enumerate(vals))
    return "1Z" + body + str((10 - s % 10) % 10)


def s10(pfx, cc):
    d = D(8)
    s = sum(int(a) * w for a, w in zip(d, [8, 6, 4, 2, 3, 5, 9, 7]))
    c = 11 - s % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return f"{pfx}{d}{c}{cc}"


def sscc(company="40434"):
    body = "3" + company + D(17 - 1 - len(company))
    s = sum(int(c) * (3 if (16 - i) % 2 == 0 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def mod7_12():
    d = ND(11)
    return d + str(int(d) % 7)


def mynumber_check(d11):
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(d11, w)) % 11
    return str(0 if s <= 1 else 11 - s)


def yamato_also_mynumber():
    """A Yamato-style 12-digit slip number (mod 7) that by chance also passes the My Number check."""
    while True:
        d = ND(11)
        if str(int(d) % 7) == mynumber_check(d):
            return d + mynumber_check(d)


def not_mynumber12():
    while True:
        d = ND(12)
        if mynumber_check(d[:11]) != d[11]:
            return d


def houjin_bangou():
    base = ND(12)
    s = sum(int(p) * (1 if n % 2 == 1 else 2) for n, p in enumerate(reversed(base), start=1))
    return str(9 - s % 9) + base


def kr_brn():
    d = ND(9)
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(int(a) * b for a, b in zip(d, w)) + (int(d[8]) * 5) // 10
    full = d + str((10 - s % 10) % 10)
    return f"{full[:3]}-{full[3:5]}-{full[5:]}"


def mod11_10(d):
    product = 10
    for x in d:
        s = (int(x) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    c = 11 - product
    return str(0 if c == 10 else c)


def de_vat():
    d = ND(8)
    return "DE" + d + mod11_10(d)


def gb_vat():
    d = ND(7)
    s = sum(int(a) * w for a, w in zip(d, [8, 7, 6, 5, 4, 3, 2]))
    c = (-s) % 97
    full = d + f"{c:02d}"
    return f"GB {full[:3]} {full[3:7]} {full[7:]}"


def pzn():
    while True:
        d = D(7)
        c = sum(int(a) * (i + 1) for i, a in enumerate(d)) % 11
        if c < 10:
            return d + str(c)


def imei():
    body = "35" + D(12)
    return body + luhn_check(body)


def luhn_with_prefix(prefix, length):
    body = prefix + D(length - 1 - len(prefix))
    return body + luhn_check(body)


def url_pw(n=14):
    """a random password that can stand unescaped in a URL's userinfo"""
    return rnd_mixed(ALNUM + "!*-_$", n)


def b64(s):
    return base64.b64encode(s.encode()).decode()


def fullwidth(s):
    return s.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


def toss_live_sk():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def payjp_live_sk():
    return "sk_live_" + rnd(HEX, 24)


def mollie_live():
    return "live_" + rnd_mixed(ALNUM, 30)


def adyen_key():
    return "AQE" + rnd_mixed(ALNUM + "+/", 85) + "==-" + rnd_mixed(ALNUM + "+/", 43) + "=-" + rnd_mixed(ALNUM, 16)


def paypal_secret():
    return "E" + rnd_mixed(ALNUM + "-_", 79)


def paypal_client_id():
    return "A" + rnd_mixed(ALNUM + "-_", 79)


def line_channel_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def fmt4(n, sep=" "):
    return sep.join(n[i:i + 4] for i in range(0, len(n), 4))


def jdump(o):
    return json.dumps(o, ensure_ascii=False, indent=2)


# =====================================================================================
# EN
# =====================================================================================
# --- commerce / travel prose & chat (positives) ---
ph = f"(617) 384-{P(4)}"
em = "dana.whitfield82@gmail.com"
S("en", "prose", f"""Can you help me figure out if this order actually went through? Here's the confirmation I got:

Thank you for shopping with Birchwood Home!
Order #BW-20931847 - placed Nov 21, 2026
Ship to: Dana Whitfield
41 Linden St, Apt 3
Somerville, MA 02143
Phone: {ph}
Email: {em}
Payment: Visa ending in 4417 - $86.40 (incl. $5.99 shipping)
Estimated delivery: Nov 28 - Dec 2

The status page still says "processing" after 4 days. Is that normal?""", ("phone", ph), ("email", em))

c = fmt_card(card("mc"))
ph = f"+1 415 662 {P(4)}"
S("en", "chat", f"""customer: hi my payment keeps failing at checkout for order ORD-55812
bot: Sorry about that! Could you tell me which payment method you used?
customer: mastercard {c} exp 09/28 cvc 311, billing zip 94110
customer: just retry it pls, or call me {ph} if you need anything else
bot: For your security please don't share full card numbers in chat. I can send you a secure payment link instead.""",
  ("card", c), ("phone", ph))

p = pnr()
ph1 = f"+44 7700 9{P(2)} {P(3)}"
ph2 = f"+44 20 7946 0{P(3)}"
em = "r.okonkwo@outlook.com"
S("en", "prose", f"""Your booking is confirmed
Booking reference: {p}
Passengers: MR RICHARD OKONKWO, MRS ADAEZE OKONKWO
BA 0075  London Heathrow (LHR) T5 -> Lagos (LOS)  Sat 12 Dec 2026  dep 10:35 arr 17:05  Seats 32A/32B
BA 0074  Lagos (LOS) -> London Heathrow (LHR)  Mon 04 Jan 2027  dep 23:25 arr 05:35+1
Contact details you gave us: mobile {ph1}, email {em}
Emergency contact (not travelling): Chidi Okonkwo, {ph2}
Total paid: GBP 1,684.22 - Check-in opens 24 hours before departure.""",
  ("phone", ph1), ("email", em), ("phone", ph2))

c = fmt_card(card("amex"))
ph = f"+61 4{P(2)} {P(3)} {P(3)}"
em = "mia.tran.syd@gmail.com"
S("en", "prose", f"""Fwd: Reservation confirmed - Harbourline Hotel Singapore

Dear Ms Tran,
Thank you for choosing Harbourline. Your reservation details:
Confirmation no.: 88120457
Guest: Mia Tran | Mobile: {ph} | E-mail: {em}
Room: Deluxe King, non-smoking, 3 nights (14-17 Jan 2027), rate SGD 289++ per night incl. breakfast
Guarantee: American Express {c}, exp 03/29 - no charge will be made until check-in.
Cancellation: free until 48 hours before arrival.

(can you summarise the cancellation terms for me?)""", ("phone", ph), ("email", em), ("card", c))

ph1 = f"702-418-{D(4)}"
ph2 = f"+1 (480) 227-{P(4)}"
ph3 = f"1-800-654-{P(4)}"
em = "jgarcia.vegas@yahoo.com"
S("en", "prose", f"""RENTAL AGREEMENT  RA# 402218873
Renter: Jorge Garcia    DL: NV 1502938471 (exp 2029)
Mobile: {ph1}    Email: {em}
Additional driver: Lucia Garcia, mobile {ph2}
Vehicle: Toyota RAV4 or similar, plate 8XKT342 (NV), odometer out 21,408 mi, fuel 8/8
Pick-up: LAS Airport Rental Center, 11/26/2026 09:15 | Return: 11/30/2026 09:00
Deposit hold: $200.00 on Mastercard ****8812
Roadside assistance 24/7: {ph3}
I accept the terms and conditions on the reverse side.""",
  ("phone", ph1), ("email", em), ("phone", ph2), ("phone", ph3))

aa = aadhaar()
aaf = f"{aa[:4]} {aa[4:8]} {aa[8:]}"
ph = f"+91 98{P(3)} {P(5)}"
em = "priya.nair.blr@gmail.com"
S("en", "prose", f"""Can you help me fill in the rest of this CN23 customs declaration? This is what I have so far:

Sender: Tom Hughes, 14 Mill Lane, Bath BA1 2QT, United Kingdom
Recipient: Priya Nair, 3rd Floor, 22 Residency Road, Bengaluru 560025, Karnataka, India
Recipient phone: {ph}
Recipient email: {em}
Recipient KYC for courier import (Aadhaar): {aaf}
Category: Gift
Contents: 2 x merino wool scarf (HS 6117.10), 1 x tin of shortbread (HS 1905.31)
Total value: GBP 64.00, gross weight 0.9 kg""", ("phone", ph), ("email", em), ("in_aadhaar", aaf))

ph1 = f"07911 {P(6)}"
ph2 = f"+44 7456 {P(3)} {P(3)}"
S("en", "chat", f"""Driver: Hi, this is Sam with your Parcelforce delivery. I'm outside 22 Orchard Road but nobody's answering
Me: sorry, stuck in a meeting! can you leave it with no. 24?
Driver: neighbour's not in either. Can I leave it in the bin store? I'll take a photo
Me: yes that's fine. if there's any problem call my partner on {ph1}
Driver: ok no worries. if you need me text {ph2}, I'm on this route till 6
Me: thanks Sam!""", ("phone", ph1), ("phone", ph2))

ib = iban_spaced(iban("GB"))
ph = f"+353 87 {P(3)} {P(4)}"
em = "sean.mcdermott.music@gmail.com"
S("en", "chat", f"""Message from seller "retro_finds_dublin":
Hi! Yes the Technics SL-1200 is still available. To skip the platform fee you can pay by bank transfer - IBAN {ib}, name K. Byrne, reference TURNTABLE. Then WhatsApp me on {ph} and I'll post it the same day with tracking.

My draft reply:
Hi Kelly, I'd rather pay through the site so I keep buyer protection. If you can send an invoice, my email is {em}.

Is this a scam or am I being paranoid?""", ("iban", ib), ("phone", ph), ("email", em))

ss = us_ssn()
ph = f"(512) 903-{P(4)}"
em = "handmade.by.rosa@gmail.com"
S("en", "prose", f"""I'm setting up payouts on a crafts marketplace and it asks for tax info. Does this look right for the W-9 step?

Legal name: Rosa M. Delgado
Business name: Handmade by Rosa (sole proprietor)
Taxpayer ID type: SSN
SSN: {ss}
Address: 2207 E Cesar Chavez St, Austin, TX 78702
Phone: {ph}
Email for 1099-K forms: {em}
Expected sales this year: about $14,000""", ("us_ssn", ss), ("phone", ph), ("email", em))

ni = uk_nino()
nis = f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"
ib = iban("GB")
ph = f"07{P(3)} {P(6)}"
em = "accounts@leah-moss-design.co.uk"
S("en", "prose", f"""INVOICE 2026-041                                   Date: 24 November 2026
From: Leah Moss (sole trader), 9 Canal Walk, Leeds LS2 7HP
Tel {ph} | {em}
National Insurance No: {nis}

Bill to: Kettle & Crumb Bakery Ltd, 3 Market Row, York YO1 8RS
Branding package - logo, packaging labels (3 SKUs), menu board ........ GBP 1,450.00
Not VAT registered.

Please pay within 14 days by bank transfer to IBAN {ib}, reference INV2026-041.""",
  ("phone", ph), ("email", em), ("uk_nino", nis), ("iban", ib))

pw = password()
em = "tomasz.wrobel77@gmail.com"
S("en", "chat", f"""user: I can't log into my account on your shop to track my order
agent: Sorry to hear that! Could you confirm the email address on the account?
user: {em}
user: and the password I'm using is {pw} - it worked last week, I didn't change anything
agent: Thanks. Please never share your password in chat - I've sent a reset link to that address instead.""",
  ("email", em), ("password", pw))

nr = sg_nric()
ph = f"+65 9{P(3)} {P(4)}"
em = "ong.weiling.sg@gmail.com"
S("en", "prose", f"""Hi, I'm booking the Sentosa staycation package for my parents through your agency. Here are the details you asked for:
Lead guest: Ong Wei Ling, NRIC {nr}
Mobile: {ph}
Email: {em}
Dates: 20-22 Dec 2026, 2 adults, 1 Premier Sea View room, breakfast included
Special request: late check-out if possible (anniversary)
Please send the payment link to my email, thanks!""", ("sg_nric", nr), ("phone", ph), ("email", em))

# --- machine-readable (positives) ---
rows = [
    ("10471", "2026-11-22 08:14", "Jack Harlow", "j.harlow@fastmail.com", f"+1-206-{P(3)}-{P(4)}", "US", "visa", "4417", "129.90"),
    ("10472", "2026-11-22 09:02", "Bernd Kuehn", "bernd.kuehn@web.de", f"+49 151 {P(8)}", "DE", "mastercard", "8812", "64.00"),
    ("10473", "2026-11-22 11:47", "Amelia Price", "amelia.price91@hotmail.co.uk", f"0044 7{P(3)} {P(6)}", "GB", "paypal", "", "212.45"),
    ("10474", "2026-11-22 13:30", "Sarah Lim", "sarah.lim@optusnet.com.au", f"(03) 9{P(3)} {P(4)}", "AU", "amex", "1005", "88.10"),
    ("10475", "2026-11-22 16:05", "Camille Moreau", "c.moreau@orange.fr", f"+33 6 {P(2)} {P(2)} {P(2)} {P(2)}", "FR", "visa", "0031", "45.50"),
]
txt = "order_id,created_at,customer,email,phone,ship_country,pay_method,card_last4,total_usd\n" + "\n".join(
    ",".join(f'"{x}"' if " " in x and i == 4 else x for i, x in enumerate(r)) for r in rows)
S("en", "table", "orders_export_2026-11-22.csv\n" + txt,
  *[("email", r[3]) for r in rows], *[("phone", r[4]) for r in rows])

em = "ellen.park@icloud.com"
ph1 = f"+1202{P(3)}{P(4)}"
ph2 = f"(202) {P(3)}-{P(4)}"
ip = "73.158.22.140"
o = {"id": 5839201774, "name": "#10482", "created_at": "2026-11-23T14:02:11-05:00", "currency": "USD",
     "total_price": "129.95", "financial_status": "paid", "browser_ip": ip,
     "customer": {"id": 7710293344, "email": em, "phone": ph1, "first_name": "Ellen", "last_name": "Park",
                  "orders_count": 3},
     "shipping_address": {"name": "Ellen Park", "address1": "1820 Vermont Ave NW", "address2": "Apt 4",
                          "city": "Washington", "province_code": "DC", "zip": "20001", "phone": ph2},
     "payment_details": {"credit_card_company": "Visa", "credit_card_number": "\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 0031"},
     "line_items": [{"sku": "NP-JKT-M-OLV", "title": "Ridgeline Shell Jacket", "quantity": 1, "price": "119.95"}]}
S("en", "json", jdump(o), ("ip_address", ip), ("email", em), ("phone", ph1), ("phone", ph2))

em = "d.kowalczyk@gmail.com"
ph = f"+1 718 {P(3)} {P(4)}"
ip = "24.187.3.90"
ev = {"id": "evt_3QxT" + rnd_mixed(ALNUM, 20), "object": "event", "type": "charge.succeeded", "livemode": True,
      "data": {"object": {"id": "ch_3QxT" + rnd_mixed(ALNUM, 20), "amount": 4599, "currency": "usd",
                          "billing_details": {"address": {"city": "Brooklyn", "country": "US", "line1": "318 Nostrand Ave",
                                                          "postal_code": "11216", "state": "NY"},
                                              "email": em, "name": "Dorota Kowalczyk", "phone": ph},
                          "payment_method_details": {"card": {"brand": "visa", "last4": "4242", "exp_month": 8,
                                                              "exp_year": 2028, "funding": "credit"}},
                          "metadata": {"order_id": "A-77120", "customer_ip": ip}}}}
S("en", "json", "My webhook handler throws KeyError on this payload, why?\n\nStripe-Signature: t=1763911121,v1="
  + rnd(HEX, 64) + "\n\n" + jdump(ev), ("email", em), ("phone", ph), ("ip_address", ip))

pw = password()
basic = b64("shop-admin:" + pw)
em = "ellen.park@icloud.com"
psp = luhn_number(16)
S("en", "log", f"""2026-11-24T09:14:02.118Z INFO  order-svc [req=7f3a9c] POST /api/v2/orders 201 from=98.207.44.13 customer={em} order=OR-2026-118842 total=54.20 USD
2026-11-24T09:14:02.342Z INFO  order-svc [req=7f3a9c] payment captured psp=adyen psp_ref={psp} amount=5420
2026-11-24T09:14:03.010Z WARN  order-svc [req=7f3a9c] fraud-check slow (2.8s) upstream=10.40.2.17:8443
2026-11-24T09:14:05.551Z DEBUG admin-gw  incoming headers: {{"Host":"admin.shop.internal","Authorization":"Basic {basic}","X-Forwarded-For":"203.0.113.50"}}
2026-11-24T09:14:05.552Z INFO  health    GET /healthz 200 from=127.0.0.1 in 2ms""",
  ("ip_address", "98.207.44.13"), ("email", em), ("ip_address", "10.40.2.17"), ("password", basic))

pw = url_pw(16)
url = f"postgres://orders_app:{pw}@db-orders.internal:5432/orders"
sk = stripe("sk_live_")
wh = whsec()
sp = shopify("shpat_")
sg = sendgrid()
tw = twilio_sk()
tws = rnd_mixed(ALNUM, 32)
oa = openai_proj()
S("en", "config", f"""# storefront .env (production) - DO NOT COMMIT
APP_ENV=production
APP_URL=https://shop.northpeak-outfitters.com
DATABASE_URL={url}
REDIS_URL=redis://cache.internal:6379/0
STRIPE_SECRET_KEY={sk}
STRIPE_WEBHOOK_SECRET={wh}
SHOPIFY_ADMIN_API_TOKEN={sp}
SENDGRID_API_KEY={sg}
TWILIO_API_KEY={tw}
TWILIO_API_SECRET={tws}
SUPPORT_BOT_OPENAI_KEY={oa}
ORDER_ALERT_EMAIL=ops@northpeak-outfitters.com
FREE_SHIPPING_THRESHOLD=75""",
  ("url_credentials", url), ("stripe_key", sk), ("stripe_key", wh), ("saas_token", sp), ("saas_token", sg),
  ("saas_token", tw), ("saas_token", tws), ("openai_key", oa), ("email", "ops@northpeak-outfitters.com"))

recs = [
    ("NPK0001", "MARGARET OYELARAN", f"+12674{P(2)}{P(4)}", "m.oyelaran@comcast.net", "19104", "2.30"),
    ("NPK0002", "DEVON ASHBY", f"3125{ND(2)}{D(4)}", "devon.ashby@me.com", "60614", "0.85"),
    ("NPK0003", "LUIS ECHEVERRIA", f"+52 55 {P(4)} {P(4)}", "luis.echeverria@prodigy.net.mx", "06700", "4.10"),
    ("NPK0004", "HANNA SIPILA", f"+358 40 {P(3)} {P(4)}", "hanna.sipila@elisanet.fi", "00100", "1.20"),
]
lines = ["HDR NPKMAN  20261124 0004RECS  CARRIER=UPS"]
for r in recs:
    lines.append("D" + r[0].ljust(9) + r[1].ljust(24) + r[2].ljust(18) + r[3].ljust(34) + r[4].ljust(7) + r[5].rjust(6))
lines.append("TRL 0004 WT=0008.45")
S("en", "table", "\n".join(lines), *[("phone", r[2]) for r in recs], *[("email", r[3]) for r in recs])

sq = square()
em = "marcus.tell@protonmail.com"
S("en", "code", f'''from square.client import Client

client = Client(access_token="{sq}", environment="production")


def charge_order(order):
    body = {{
        "source_id": order["nonce"],
        "idempotency_key": order["id"],
        "amount_money": {{"amount": order["total_cents"], "currency": "USD"}},
        "buyer_email_address": order["email"],
        "note": f"Order {{order['id']}}",
    }}
    return client.payments.create_payment(body)


if __name__ == "__main__":
    print(charge_order({{"id": "SQ-4471", "nonce": "cnon:card-nonce-ok", "total_cents": 2599,
                        "email": "{em}"}}))
''', ("payment_token", sq), ("email", em))

em = "hannah.lindqvist@telia.com"
ph = f"070{P(7)}"
wh_ev = {"id": "WH-7YX49823S2290830K-0JE13296W68552352", "event_type": "CHECKOUT.ORDER.APPROVED",
         "resource": {"id": "5O190127TN364715T", "intent": "CAPTURE",
                      "payer": {"name": {"given_name": "Hannah", "surname": "Lindqvist"}, "email_address": em,
                                "payer_id": "QYR5Z8XDVJNXQ", "phone": {"phone_number": {"national_number": ph}},
                                "address": {"country_code": "SE"}},
                      "purchase_units": [{"reference_id": "NP-118377", "amount": {"currency_code": "EUR", "value": "74.00"},
                                          "shipping": {"address": {"address_line_1": "Storgatan 12", "admin_area_2": "Uppsala",
                                                                   "postal_code": "753 20", "country_code": "SE"}}}]}}
S("en", "json", json.dumps(wh_ev, separators=(",", ":")), ("email", em), ("phone", ph))

g = [
    ("HL-557201", "Kenji Watanabe", "2026-12-02", "3", f"+81 90 {P(4)} {P(4)}", "kenji.w@ybb.ne.jp", card("jcb"), "07/28"),
    ("HL-557202", "Fatima Al-Sayed", "2026-12-02", "2", f"+971 50 {P(3)} {P(4)}", "fatima.alsayed@gmail.com", None, ""),
    ("HL-557203", "Oliver Brennan", "2026-12-03", "5", f"+1 646 {P(3)} {P(4)}", "obrennan@nyc.rr.com", card("visa"), "11/27"),
]
lines = ["conf_no\tguest\tarrival\tnights\tphone\temail\tcard_on_file\texp"]
lab = []
for r in g:
    cf = r[6] if r[6] else "XXXXXXXXXXXX1881"
    if r[6] and r[0].endswith("3"):
        cf = fmt_card(r[6], "-")
    lines.append("\t".join([r[0], r[1], r[2], r[3], r[4], r[5], cf, r[7]]))
    lab += [("phone", r[4]), ("email", r[5])]
    if r[6]:
        lab.append(("card", cf))
S("en", "table", "PMS arrivals export (tab separated)\n" + "\n".join(lines), *lab)

# --- hard negatives (no label) ---
u = ups_tracking()
fx = D(12)
us = "9400" + D(18)
S("en", "prose", f"""Your order #NP-118204 has shipped in 3 packages!

Package 1 of 3 - UPS Ground - Tracking {u} - arriving Tue, Dec 1
Package 2 of 3 - FedEx Home Delivery - Tracking {fx} - arriving Wed, Dec 2
Package 3 of 3 - USPS Ground Advantage - Tracking {fmt4(us)} - arriving Thu, Dec 3

Items: Trail Runner 2 (SKU TR2-BLK-10) x1, Merino Crew Sock 3-pack (SKU MCS-3P-L) x2, Ridgeline Shell (SKU NP-JKT-M-OLV) x1
Subtotal $214.85 | Shipping FREE | Tax $13.97 | Total $228.82
Track anytime at https://shop.northpeak-outfitters.com/orders/NP-118204""")

p = pnr()
S("en", "prose", f"""ELECTRONIC TICKET RECEIPT
Booking ref: {p}    Ticket number: 016 {D(10)}    Issued: 24NOV26
Passenger: SCHMIDT/ANNA MS
UA 0058  14DEC  SFO -> FRA  dep 15:40  arr 11:25+1  class K  seat 34C  bag 1PC  status OK
LH 0454  02JAN  FRA -> SFO  dep 13:20  arr 15:55     class K  seat 41A  bag 1PC  status OK
Fare basis KL7XSAA | Fare USD 812.00 | Taxes/fees USD 472.30 | Total USD 1,284.30
Form of payment: CC VI XXXXXXXXXXXX0452  Endorsements: NONREF/CHG FEE APPLIES""")

S("en", "prose", f"""TAX INVOICE  No. INV-UK-0092231          Date: 24/11/2026
Supplier: Millstone Flour Co. Ltd, Company No. 10482211, VAT Reg No. {gb_vat()}
Customer: Kettle & Crumb Bakery Ltd - account KCB-00418, PO 7719
  25kg Strong White Bread Flour  x 8   @ 21.40   171.20
  16kg Rye Flour (Dark)          x 2   @ 24.90    49.80
  Delivery (pallet, zone B)                      18.00
Net 239.00   VAT @ 0% (zero-rated food) 0.00   VAT @ 20% on delivery 3.60   Total GBP 242.60
Paid by Visa Debit **** 3321, auth code 08114A on 24/11/2026. Thank you for your business.""")

S("en", "prose", f"""Your $50 Northpeak eGift Card is on its way!
Gift card no.: **** **** **** {D(4)}   PIN: ****  (the recipient sees the full code in their email)
Delivery: Nov 25, 2026 | Order GC-77103 | Paid $50.00 with Visa ending 4417

Bonus for you: 15% off your next order with code WINTER15-K7PX (valid until 12/31/2026, min. spend $60, excludes sale items).
Member points earned: 250 (balance 1,830)""")

lines = ["sku,upc,ean13,title,size,color,on_hand,reorder_point,unit_cost"]
for sku, t, s_, col, q in [("TR2-BLK-10", "Trail Runner 2", "10", "Black", 42), ("TR2-BLK-11", "Trail Runner 2", "11", "Black", 17),
                          ("MCS-3P-L", "Merino Crew Sock 3-pack", "L", "Grey", 230), ("NP-JKT-M-OLV", "Ridgeline Shell Jacket", "M", "Olive", 8),
                          ("NP-BTL-750", "Insulated Bottle 750ml", "-", "Sand", 96)]:
    lines.append(f"{sku},{upc_a()},{ean13('40')},{t},{s_},{col},{q},{R.randint(5, 40)},{R.randint(300, 6000) / 100:.2f}")
S("en", "table", "\n".join(lines))

o = {"order_id": "NP-118377", "status": "fulfilled", "placed_at": "2026-11-23T19:48:02Z",
     "loyalty_member_id": luhn_number(16), "customer_ref": "CUS-00771293",
     "items": [{"sku": "MCS-3P-L", "qty": 2, "unit_price": 24.00}, {"sku": "NP-BTL-750", "qty": 1, "unit_price": 32.00}],
     "payment": {"method": "card", "brand": "mastercard", "last4": "8812", "auth_code": "A1B2C3"},
     "shipment": {"carrier": "UPS", "tracking": ups_tracking(), "service": "GROUND"},
     "totals": {"subtotal": 80.00, "discount": -12.00, "shipping": 0.00, "tax": 5.44, "grand_total": 73.44}}
S("en", "json", jdump(o))

S("en", "log", f"""2026-11-24 06:00:01 INFO  wms-api listening on 0.0.0.0:8080
2026-11-24 06:00:01 INFO  scanner allowlist: 198.51.100.0/24, 192.0.2.44 (netmask 255.255.255.0)
2026-11-24 06:02:17 INFO  pick PK-55102 sku=PHN-A15-128-BLK qty=1 imei={imei()} bin=A-14-03
2026-11-24 06:02:19 INFO  pack PK-55102 carton=(00){sscc('0614141')} weight=0.62kg
2026-11-24 06:03:40 WARN  healthcheck 127.0.0.1:9090 slow 812ms
2026-11-24 06:04:02 INFO  label PK-55102 carrier=UPS trk={ups_tracking()} service=GND zone=4
2026-11-24 06:04:05 INFO  wave W-1124-02 closed: 184 picks, 0 exceptions""")

S("en", "prose", f"""Amtrak eTicket - Boston, MA (BOS) to New York, NY (NYP)
Reservation number: {rnd('ABCDEF0123456789', 6)}
Ticket number: {fmt4(luhn_number(16), '-')}
Train 171 Northeast Regional - Sun, Dec 20, 2026 - departs 11:45 AM, arrives 3:58 PM
Car 6, Seat 12C (Coach, Quiet Car)
Fare: $89.00 (Value)  Paid with Mastercard ending 8812
Changes permitted before departure; fare difference may apply.""")

S("en", "prose", f"""Return authorized - RMA #RMA-2026-11-00417
Product: Pixelwave 7 Pro smartphone, 256 GB, Obsidian
Serial number: R5CW{rnd(UP + DIG, 7)}   IMEI: {imei()}
Original order: 112-{D(7)}-{D(7)} (placed Oct 30, 2026)
Reason: screen flicker (warranty claim W-88120)
Please ship the device with the prepaid label (UPS {ups_tracking()}) within 14 days. Refund of $899.00 will go back to the original payment method (Visa ending 0452) once the device passes inspection.""")

# =====================================================================================
# KO
# =====================================================================================
ph = f"010-{P(4)}-{P(4)}"
em = "jiyoon.han93@naver.com"
S("ko", "prose", f"""이거 주문 제대로 들어간 건지 봐줄래? 문자랑 메일로 온 내용 그대로 붙여넣을게.

[주문완료] 한지윤 고객님, 주문이 정상 접수되었습니다.
주문번호: 20261124-0038812
상품: 무선 가습기 HM-300 화이트 1개 / 교체용 필터 2입 1개
받는 분: 한지윤 ({ph})
배송지: 서울특별시 마포구 월드컵북로12길 34, 302호 (04001)
주문자 이메일: {em}
결제: 신한카드(5107-37**-****-2231) 일시불 58,900원
배송 메모: 부재 시 문 앞에 놓아주세요""", ("phone", ph), ("email", em))

rrn = kr_rrn(year=1994, gender=1)
ph = f"+82 10-{P(4)}-{P(4)}"
em = "dh.seo.buy@gmail.com"
S("ko", "prose", f"""배대지 신청서 작성 중인데 이렇게 쓰면 통관 문제 없을까요?

수취인(한글): 서동현
수취인(영문): SEO DONGHYUN
개인통관고유부호: P{D(12)}
주민등록번호(통관용): {rrn}
휴대폰: {ph}
이메일: {em}
주소: 경기도 성남시 분당구 정자일로 95, 1203동 1502호
품목: 러닝화 2켤레 (USD 178.00), 영양제 3병 (USD 64.50)""", ("kr_rrn", rrn), ("phone", ph), ("email", em))

r1 = kr_rrn(year=1985, gender=1)
r2 = kr_rrn(year=1988, gender=2).replace("-", "")
c = fmt_card(card("visa"), "-")
ph1 = f"010-{P(4)}-{P(4)}"
ph2 = f"010.{P(4)}.{P(4)}"
ph3 = f"064-7{P(2)}-{P(4)}"
S("ko", "prose", f"""[제주 바람렌터카 대여계약서]
계약번호: JR-261128-0417
제1운전자: 박성민 / 주민번호 {r1} / 면허번호 서울 11-18-{D(6)}-{D(2)} / 연락처 {ph1}
제2운전자: 이수진 / 주민번호 {r2} / 연락처 {ph2}
차종: 아반떼 CN7 (135하 4827)
대여: 2026-11-28 10:00 제주공항 / 반납: 2026-11-30 18:00 제주공항
보험: 완전자차 (고객부담금 없음)
결제카드: {c} (유효기간 07/29)
영업소 연락처: {ph3}""",
  ("kr_rrn", r1), ("phone", ph1), ("kr_rrn", r2), ("phone", ph2), ("card", c), ("phone", ph3))

ph = f"010{P(8)}"
S("ko", "chat", f"""판매자: 안녕하세요~ 아이패드 에어5 아직 있어요
구매자: 직거래 가능할까요? 성수역 쪽이면 좋겠어요
판매자: 제가 이번 주 평일엔 안 돼서 택배거래만 가능해요. 국민은행 {D(6)}-{D(2)}-{D(6)} (김*현)으로 입금해주시면 바로 보내드릴게요
구매자: 안전결제로 하면 안 될까요?
판매자: 수수료 때문에요 ㅠ 문자 주세요 {ph}
구매자: 음 생각해볼게요""", ("phone", ph))

p = pnr()
ph = f"+82-10-{P(4)}-{P(4)}"
em = "yuna.choi.travel@daum.net"
S("ko", "prose", f"""[예약 확인] 항공권 예약이 완료되었습니다
예약번호: {p}
승객: CHOI/YUNA MS, CHOI/JUNHO MR
여정 1: KE 713 인천(ICN) 12월 19일 08:55 → 도쿄 나리타(NRT) 11:15
여정 2: KE 704 도쿄 나리타(NRT) 12월 23일 12:45 → 인천(ICN) 15:20
예약자 연락처: {ph} / {em}
총 결제금액: 1,048,400원 (유류할증료 및 세금 포함)
발권 기한: 2026년 11월 27일 23:59""", ("phone", ph), ("email", em))

c = card("jcb")
ph = f"+1 (646) 2{P(2)}-{P(4)}"
em = "ethan.kwok@gmail.com"
S("ko", "prose", f"""프런트 인수인계 메모 (11/24 야간)
- 1208호 예약자 Ethan Kwok 님 내일 얼리 체크인 요청 (10시 전후). 연락처 {ph}, 이메일 {em}
- 보증 카드 {c} / 만료 11/28 — 노쇼 시 1박 요금 청구 예정
- 조식 2인 추가, 공항 픽업 불필요
- 1012호 미니바 정산 누락 건 내일 오전 재확인""", ("phone", ph), ("email", em), ("card", c))

ph1 = f"010-{P(4)}-{P(4)}"
ph2 = f"010 {P(4)} {P(4)}"
door = f"{D(4)}#"
S("ko", "chat", f"""[배송기사] 안녕하세요 한빛택배 배송기사입니다. 오늘 14~16시 사이 방문 예정입니다. 공동현관 출입 방법 알려주세요.
[고객] 공동현관 비밀번호 {door} 누르시면 돼요. 문 앞에 두시고 사진 부탁드려요
[배송기사] 네 알겠습니다. 문제 있으면 이 번호({ph1})로 연락드릴게요
[고객] 제가 회사라 전화를 못 받을 수도 있어요. 급하면 남편 번호 {ph2}로 해주세요""",
  ("password", door), ("phone", ph1), ("phone", ph2))

ph = f"010-{P(4)}-{P(4)}"
em = "sora.lim@kakao.com"
cs = f"1588-{P(4)}"
csem = "help@dailymart.co.kr"
S("ko", "prose", f"""안녕하세요, 데일리마트 고객센터입니다.
요청하신 주문(주문번호 DM2611230091)의 반품이 접수되었습니다.

- 회수 예정일: 11월 26일(목)
- 환불 계좌: 카카오뱅크 3333-{D(2)}-{D(7)} (임소라)
- 환불 예정 금액: 32,400원 (반품 배송비 3,000원 차감)

고객님 연락처 {ph} 및 {em} 로 회수 일정 안내가 발송됩니다.
문의: 고객센터 {cs} (평일 09~18시) 또는 {csem}""",
  ("phone", ph), ("email", em), ("phone", cs), ("email", csem))

rrn = kr_rrn(year=R.randint(1975, 1999))
ph = f"010-{P(4)}-{P(4)}"
em = "haneul.jung.shop@gmail.com"
S("ko", "prose", f"""스마트스토어 판매자 정보 변경 신청서 내려는데 양식 맞는지 좀 봐주세요.

판매자 유형: 개인 (사업자등록 전)
성명: 정하늘
주민등록번호: {rrn}
정산 계좌: 신한은행 110-{D(3)}-{D(6)}
휴대전화: {ph}
이메일: {em}
반품지: 인천광역시 연수구 송도과학로 32, B동 805호""", ("kr_rrn", rrn), ("phone", ph), ("email", em))

ph1 = f"010-{P(4)}-{P(4)}"
ph2 = f"02-{P(3)}-{P(4)}"
trk = mod7_12()
S("ko", "prose", f"""택배가 3일째 '배송출발' 상태에서 안 움직여요. 운송장번호는 {trk[:4]}-{trk[4:8]}-{trk[8:]} 이고, 받는 사람 번호가 제 휴대폰({ph1})이 아니라 회사 대표번호({ph2})로 잘못 들어가 있는 것 같아요. 판매자한테 뭐라고 문의하면 좋을지 정중하게 문장 좀 써주세요.""",
  ("phone", ph1), ("phone", ph2))

c = fmt_card(card("visa"), "-")
S("ko", "chat", f"""사용자: 해외 사이트에서 결제가 계속 거절돼요
상담봇: 불편을 드려 죄송합니다. 어떤 카드로 결제하셨나요?
사용자: 비자카드 {c} 유효기간 04/30 이에요. CVC도 맞게 넣었는데요
상담봇: 카드번호 전체는 보안상 입력하지 않으셔도 됩니다. 카드사 앱에서 해외결제 차단 설정을 확인해 주세요.""",
  ("card", c))

r1 = kr_rrn(year=1968, gender=1)
r2 = kr_rrn(year=1971, gender=2)
ph = f"010-{P(4)}-{P(4)}"
em = "jaeseok.yoon@hanmail.net"
S("ko", "prose", f"""[하나로투어] 다낭 4박5일 패키지 예약자 정보
대표 예약자: 윤재석 / {ph} / {em}
여행자보험 가입 정보
 1) 윤재석 {r1}
 2) 배미경 {r2}
출발: 2027-01-08 인천 19:20 → 다낭 22:35 (VJ 879)
귀국: 2027-01-12 다낭 23:50 → 인천 06:30+1 (VJ 878)
잔금 1,980,000원은 12월 20일까지 입금 부탁드립니다.""",
  ("phone", ph), ("email", em), ("kr_rrn", r1), ("kr_rrn", r2))

# --- machine-readable ---
rows = [
    ("2026112400101", "김도윤", f"010-{P(4)}-{P(4)}", "doyoon.kim@naver.com", "06236", "서울 강남구 테헤란로 152", "카드", "38900"),
    ("2026112400102", "이서아", f"010{P(8)}", "seoa_lee@gmail.com", "48058", "부산 해운대구 센텀중앙로 79", "네이버페이", "12500"),
    ("2026112400103", "박지호", f"010 {P(4)} {P(4)}", "jiho.park77@hanmail.net", "61945", "광주 서구 상무중앙로 110", "무통장입금", "67000"),
    ("2026112400104", "최하린", f"+8210{P(8)}", "harin.choi@kakao.com", "35208", "대전 서구 둔산로 100", "카드", "21800"),
    ("2026112400105", "정우진", f"031-{P(3)}-{P(4)}", "woojin.jung@nate.com", "16514", "경기 수원시 영통구 광교중앙로 140", "휴대폰결제", "9900"),
]
txt = "주문번호,주문자명,연락처,이메일,우편번호,배송지,결제수단,결제금액\n" + "\n".join(
    ",".join(f'"{x}"' if i == 5 else x for i, x in enumerate(r)) for r in rows)
S("ko", "table", txt, *[("phone", r[2]) for r in rows], *[("email", r[3]) for r in rows])

ph1 = f"010-{P(4)}-{P(4)}"
ph2 = f"010-{P(4)}-{P(4)}"
em = "seoyeon.moon@naver.com"
ip = "211.36.142.77"
o = {"orderId": "2026112418350012", "orderedAt": "2026-11-24T18:35:00+09:00",
     "buyer": {"name": "문서연", "tel": ph1, "email": em},
     "receiver": {"name": "문지훈", "tel1": ph2, "tel2": "", "zipcode": "48058",
                  "address": "부산광역시 해운대구 센텀중앙로 79", "addressDetail": "1502호"},
     "customsClearanceCode": "P" + D(12),
     "payment": {"method": "CARD", "cardCompany": "현대", "cardNo": "5409-12**-****-8834", "installment": 0, "amount": 87000},
     "client": {"ip": ip, "ua": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)"}}
S("ko", "json", jdump(o), ("phone", ph1), ("email", em), ("phone", ph2), ("ip_address", ip))

tk = toss_live_sk()
tkb = b64(tk + ":")
S("ko", "code", f"""// 결제 승인 API 호출 (서버) — 운영 키, 커밋 전에 환경변수로 옮길 것!!
const secretKey = "{tk}";
const encryptedSecretKey = "Basic " + Buffer.from(secretKey + ":").toString("base64");

app.post("/payments/confirm", async (req, res) => {{
  const {{ paymentKey, orderId, amount }} = req.body;
  const response = await fetch("https://api.tosspayments.com/v1/payments/confirm", {{
    method: "POST",
    headers: {{ Authorization: encryptedSecretKey, "Content-Type": "application/json" }},
    body: JSON.stringify({{ paymentKey, orderId, amount }}),
  }});
  res.status(response.status).json(await response.json());
}});

// 디버그 출력 결과 (2026-11-24):
// Authorization: Basic {tkb}
// → 401 UNAUTHORIZED_KEY 나오는데 왜 그럴까요?""", ("payment_token", tk), ("payment_token", tkb))

ph = f"010{P(8)}"
emq = "hyejin.k%40naver.com"
S("ko", "log", f"""[2026-11-24 21:03:11.204] INFO  [order-api] POST /orders/checkout uid=88213 ip=121.133.47.210 phone=010-****-4471 amount=45900
[2026-11-24 21:03:11.530] ERROR [order-api] SMS 발송 실패 recipient={ph} template=ORDER_DONE code=E403
[2026-11-24 21:03:12.002] INFO  [order-api] GET /api/coupon/apply?email={emq}&code=WELCOME10 200 upstream=172.31.22.9:8080
[2026-11-24 21:03:12.118] INFO  [order-api] health check from 127.0.0.1 OK (3ms)""",
  ("ip_address", "121.133.47.210"), ("phone", ph), ("email", emq), ("ip_address", "172.31.22.9"))

pw = password()
ak = aws_key_id()
asec = aws_secret()
swh = slack_webhook()
S("ko", "config", f"""# application-prod.yml (데일리마트 주문 서버)
spring:
  datasource:
    url: jdbc:mysql://shop-db.cluster-c1x2y3z4.ap-northeast-2.rds.amazonaws.com:3306/shop?serverTimezone=Asia/Seoul
    username: shop_app
    password: "{pw}"
cloud:
  aws:
    region: ap-northeast-2
    credentials:
      access-key: {ak}
      secret-key: {asec}
    s3:
      bucket: dailymart-invoices
notify:
  slack:
    order-webhook: {swh}   # #주문-알림 채널
  free-shipping-min: 30000""",
  ("password", pw), ("aws_access_key", ak), ("aws_secret_key", asec), ("slack_webhook", swh))

cs = f"1670-{P(4)}"
recs = [(mod7_12(), "데일리마트", cs, "오민재", f"010{P(8)}", "서울 송파구 올림픽로 300"),
        (mod7_12(), "데일리마트", cs, "강예린", f"010-{P(4)}-{P(4)}", "대구 수성구 동대구로 364"),
        (mod7_12(), "데일리마트", cs, "홍지민", f"055-{P(3)}-{P(4)}", "경남 창원시 성산구 중앙대로 151")]
lines = ["H20261124DAILYMART  0003"]
for r in recs:
    lines.append("D" + r[0] + r[1].ljust(8) + r[2].ljust(14) + r[3].ljust(6) + r[4].ljust(14) + r[5])
lines.append("T0003")
S("ko", "table", "택배사 전송용 고정길이 파일 (송장번호12|송하인|송하인전화|수하인|수하인전화|주소)\n" + "\n".join(lines),
  ("phone", cs), *[("phone", r[4]) for r in recs])

ph1 = f"010{P(8)}"
ph2 = f"010-{P(4)}-{P(4)}"
body = {"senderKey": rnd(HEX, 40), "templateCode": "ORDER_SHIPPED_01",
        "recipientList": [
            {"recipientNo": ph1, "templateParameter": {"고객명": "오민재", "주문번호": "DM2611240112", "송장번호": mod7_12()}},
            {"recipientNo": ph2, "templateParameter": {"고객명": "강예린", "주문번호": "DM2611240113", "송장번호": mod7_12()}}]}
S("ko", "json", "알림톡 발송 요청 바디인데 400 에러 나요. 어디가 틀렸을까요?\n\n" + jdump(body), ("phone", ph1), ("phone", ph2))

ph = f"010-{P(4)}-{P(4)}"
em = "yerin.kang@gmail.com"
ip = "59.10.184.33"
o = {"eventType": "PAYMENT_DONE", "mid": "dailymart01", "tid": "StdpayCARDdailymart01" + D(20),
     "orderNo": "DM2611240117", "amount": 45900, "buyerName": "강예린", "buyerTel": ph, "buyerEmail": em,
     "cardCode": "11", "cardNum": "94904*********4127", "applNum": D(8), "clientIp": ip, "paidAt": "20261124213512"}
S("ko", "json", jdump(o), ("phone", ph), ("email", em), ("ip_address", ip))

g = [("HB-2612-0031", "Sato Haruka", "JP", f"+81 80-{P(4)}-{P(4)}", "haruka.sato88@gmail.com", fmt_card(card("jcb"), " "), "2026-12-05"),
     ("HB-2612-0032", "Li Wei", "CN", f"+86 139 {P(4)} {P(4)}", "liwei_travel@163.com", "4563-****-****-2201", "2026-12-05"),
     ("HB-2612-0033", "김태희", "KR", f"010-{P(4)}-{P(4)}", "taehee.kim@naver.com", card("mc"), "2026-12-06")]
lines = ["예약번호\t투숙객\t국적\t연락처\t이메일\t보증카드\t체크인"]
lab = []
for r in g:
    lines.append("\t".join(r))
    lab += [("phone", r[3]), ("email", r[4])]
    if "*" not in r[5]:
        lab.append(("card", r[5]))
S("ko", "table", "\n".join(lines), *lab)

# --- hard negatives ---
cj = mod7_12()
ep = "6" + D(12)
hj = D(12)
S("ko", "prose", f"""[배송조회 결과]
1. 한빛택배 {cj} — 11/24 06:12 옥천HUB 간선하차 → 11/24 13:40 서울마포 배송출발
2. 우체국택배 {ep} — 배달완료 (11/23 17:02, 문 앞 전달)
3. 한진택배 {hj} — 집화처리 (11/24 19:30, 부천 대리점)
주문번호 2026112200417, 2026112200418 (분리배송)
상품: 무선 가습기 HM-300 / 교체용 필터 2입 / 아로마 오일 3종 세트""")

p = pnr()
S("ko", "prose", f"""전자항공권 확인증 (e-Ticket Itinerary)
예약번호: {p}
항공권번호: 180-{D(10)}
승객명: KIM/HAEUN MS
KE 017 인천(ICN) → 로스앤젤레스(LAX) 2027-02-03 14:30 / 좌석 45K / 수하물 2PC / 예약등급 M
KE 012 로스앤젤레스(LAX) → 인천(ICN) 2027-02-14 23:50 / 좌석 47A / 수하물 2PC
항공운임: KRW 1,652,000 / 세금·수수료: KRW 312,700 / 합계: KRW 1,964,700
결제: 신용카드 (BC ****-****-****-2210) 승인번호 {D(8)}""")

S("ko", "prose", f"""전자세금계산서
승인번호: 20261124-4100{D(4)}-{rnd(HEX, 8)}
공급자 등록번호: {kr_brn()}  상호: (주)한빛물류  대표: 최동욱
공급받는자 등록번호: {kr_brn()}  상호: 데일리마트(주)
작성일자: 2026-11-24
품목: 11월 택배 운송비 (3,412건)  공급가액 10,236,000  세액 1,023,600
합계금액: 11,259,600원 (청구)""")

S("ko", "prose", f"""[선물하기] 카페 아메리카노 T 2잔 교환권이 도착했어요
교환권 번호: {D(4)} **** **** (선물받은 분 화면에서만 전체 표시)
유효기간: 2027.11.23 까지
주문번호: GIFT-2611-88412 / 결제금액 9,000원
첫 구매 감사 쿠폰: HELLO-7XK2P (15% 할인, 최대 5,000원, 12/31까지)""")

lines = ["상품코드,바코드,상품명,옵션,재고,판매가"]
for code, name, opt, q, pr in [("DM-HM300-WH", "무선 가습기 HM-300", "화이트", 124, 49900), ("DM-HM300-GR", "무선 가습기 HM-300", "그레이", 57, 49900),
                               ("DM-FLT-02", "교체용 필터 2입", "-", 310, 8900), ("DM-ARO-03", "아로마 오일 3종 세트", "라벤더/유칼립투스/시트러스", 88, 15900)]:
    lines.append(f"{code},{ean13('880')},{name},{opt},{q},{pr}")
S("ko", "table", "\n".join(lines))

o = {"orderId": "2026112300731", "status": "DELIVERING", "buyer": {"name": "김*진", "tel": "010-****-5521"},
     "items": [{"sku": "DM-FLT-02", "qty": 2, "price": 8900}, {"sku": "DM-ARO-03", "qty": 1, "price": 15900}],
     "payment": {"method": "CARD", "cardNo": "5327-50**-****-1234", "installment": 0, "approvalNo": D(8)},
     "delivery": {"company": "HANBIT", "invoiceNo": mod7_12()},
     "membershipNo": luhn_number(16), "pointUsed": 1200}
S("ko", "json", jdump(o))

S("ko", "log", f"""[2026-11-24 05:10:22] PICK wave=W1124-03 loc=B-03-12-2 sku=DM-HM300-WH qty=6 tote=T0448
[2026-11-24 05:10:58] PACK box=BX-20261124-00917 weight=3.2kg invoice={mod7_12()}
[2026-11-24 05:11:40] SCAN 입고 PO-2611-0088 바코드={ean13('880')} 수량=240 로트=L261120A
[2026-11-24 05:12:03] WARN 재고 불일치 sku=DM-FLT-02 시스템=310 실사=306 → 조정요청 ADJ-{D(6)}
[2026-11-24 05:12:30] INFO 출고마감 1차 완료 (출고 1,204건 / 보류 3건)""")

S("ko", "prose", f"""승차권 (모바일)
승차일자: 2026년 12월 24일 (목)
KTX 023  서울 07:30 → 부산 10:16
8호차 12A (순방향, 일반실)
운임 59,800원 / 할인 0원 / 영수액 59,800원 (카드 ****-****-****-0318)
승차권번호: {D(5)}-1224-{D(5)}-{D(2)}
회원번호: {D(4)}****{D(2)}""")

S("ko", "prose", f"""[예약확정] 제주 바람렌터카
예약번호: JR-261205-0091
예약자: 이*영 (생년월일 및 성별: 900512-2******)
차종: 레이 (또는 동급) / 12.05 09:00 ~ 12.07 18:00 / 완전자차 포함
대여료: 88,000원
무통장 입금: 농협 301-{D(4)}-{D(4)}-{D(2)} (주)탐라모빌리티
입금 기한: 11/26 23:59 (미입금 시 자동 취소)""")

# =====================================================================================
# JA
# =====================================================================================
ph = f"090-{P(4)}-{P(4)}"
em = "k.saito0412@docomo.ne.jp"
S("ja", "prose", f"""この注文、ちゃんと確定しているか見てもらえますか？届いたメールをそのまま貼ります。

【ご注文確認】斎藤 健太 様
この度はナチュラルリビング オンラインストアをご利用いただき、誠にありがとうございます。
ご注文番号：NL-20261124-004187
ご注文日時：2026年11月24日 21:14
お届け先：〒154-0024 東京都世田谷区三軒茶屋2-11-5 ハイツ三茶201
　　　　　斎藤 健太 様（電話：{ph}）
メールアドレス：{em}
お支払い方法：クレジットカード（VISA 末尾 0318）
合計金額：12,760円（税込・送料無料）
お届け予定日：11月27日（金）午前中""", ("phone", ph), ("email", em))

ph = f"080-{P(4)}-{P(4)}"
em = "mika_vintage_shop@yahoo.co.jp"
S("ja", "chat", f"""【取引メッセージ】
出品者：ご購入ありがとうございます！発送前に一点ご相談です。次回からはアプリを通さず直接お取引いただければ、送料分お安くできます。
出品者：ご連絡は {ph} か {em} までお願いします。振込先はゆうちょ銀行 記号1{D(4)} 番号{D(8)} です。
購入者：規約違反になってしまうので、アプリ内でのお取引でお願いします。
出品者：承知しました～、明日発送しますね。""", ("phone", ph), ("email", em))

c = fmt_card(card("mc"), "-")
ph = f"+1-604-{P(3)}-{P(4)}"
em = "olivia.chen.van@gmail.com"
S("ja", "prose", f"""ご予約確認書（旅館 はなれ雪月）
予約番号：HY-2612-0193
ご宿泊者：Olivia Chen 様（大人2名）
チェックイン：2026年12月30日 15:00～ ／ チェックアウト：2027年1月2日 10:00
お部屋：露天風呂付き和室（1泊2食付き）
ご連絡先：{ph} ／ {em}
保証用カード：{c}（有効期限 05/28）
※キャンセル料：7日前から30%、前日50%、当日100%""", ("phone", ph), ("email", em), ("card", c))

p = pnr()
ph = f"+81 90-{P(4)}-{P(4)}"
em = "nakamura.yui.0701@gmail.com"
S("ja", "prose", f"""【ご予約内容のご確認】
予約番号：{D(4)}　予約参照番号：{p}
ご搭乗者：ナカムラ ユイ 様、ナカムラ ソウタ 様（小児）
往路：NH 241 羽田 07:25 → 福岡 09:20　12月27日（日）
復路：NH 262 福岡 17:30 → 羽田 19:05　1月3日（日）
ご連絡先電話番号：{ph}
メールアドレス：{em}
運賃合計：58,720円（お支払い済み）""", ("phone", ph), ("email", em))

ph1 = f"070-{P(4)}-{P(4)}"
ph2 = f"098-8{P(2)}-{P(4)}"
c = card("jcb")
S("ja", "prose", f"""貸渡契約書（お客様控）
契約番号：OK-26112801
借受人：宮城 大輔 様
運転免許証番号：{not_mynumber12()}（沖縄県公安委員会）
携帯電話：{ph1}
車両：トヨタ アクア（沖縄 わ 12-34）
貸渡：11月28日 9:00 那覇空港店 → 返還：11月30日 17:00 同店
免責補償制度：加入済
お支払い：クレジットカード {c}
店舗電話：{ph2}""", ("phone", ph1), ("card", c), ("phone", ph2))

mn = jp_mynumber()
mnf = f"{mn[:4]} {mn[4:8]} {mn[8:]}"
ph = f"090{P(8)}"
em = "sho.fujita.0603@gmail.com"
S("ja", "prose", f"""宅配買取の申込フォーム、この内容で送って大丈夫でしょうか？

お名前：藤田 翔
生年月日：1991年6月3日
ご職業：会社員
本人確認書類：マイナンバーカード
マイナンバー（個人番号）：{mnf}
電話番号：{ph}
メール：{em}
買取希望品：ゲーム機本体 1点、ソフト 12本
振込先：楽天銀行 第一営業支店 普通 {D(7)}""", ("jp_mynumber", mnf), ("phone", ph), ("email", em))

ph1 = f"070-{P(4)}-{P(4)}"
ph2 = f"080-{P(4)}-{P(4)}"
S("ja", "chat", f"""配達員：お世話になっております、宅配便の配達担当です。本日18～20時でお届け予定ですが、オートロックのためご在宅でしょうか？
お客様：すみません、19時半くらいに帰ります。遅くなるなら宅配ボックスに入れてください
配達員：承知しました。宅配ボックスが満杯の場合はご不在連絡票を入れます。何かあれば携帯 {ph1} までお電話ください
お客様：ありがとうございます。念のため妻の番号も {ph2} です""", ("phone", ph1), ("phone", ph2))

em = "hiro.ishikawa55@icloud.com"
pw = password_random(12)
S("ja", "chat", f"""お客様：会員ページにログインできません。メールアドレスは {em}、パスワードは {pw} で合ってるはずなんですが…
サポート：ご不便をおかけしております。セキュリティのため、パスワードはチャットに入力なさらないようお願いいたします。パスワード再設定のご案内メールをお送りしました。
お客様：わかりました、確認します""", ("email", em), ("password", pw))

ph = f"+81-80-{P(4)}-{P(4)}"
em = "mao.takahashi.fk@gmail.com"
c = card("visa")
S("ja", "prose", f"""海外の通販サイトで注文したいのですが、入力フォームがこれで合っているか確認してください。

Full name: Takahashi Mao
Address: 3-8-12 Tenjin, Chuo-ku, Fukuoka 810-0001, Japan
Phone: {ph}
Email: {em}
Card number: {c}  Exp: 10/27  CVV: 482

関税は受け取り時に支払うと書いてありました。""", ("phone", ph), ("email", em), ("card", c))

mn = jp_mynumber()
mnf = f"{mn[:4]}-{mn[4:8]}-{mn[8:]}"
ph = f"03-{P(4)}-{P(4)}"
em = "info@kobayashi-photo.jp"
S("ja", "prose", f"""請求書
請求番号：2026-11-07　　請求日：2026年11月24日
株式会社ミナト商店 御中
件名：ECサイト商品撮影（11月分・52カット）
金額：165,000円（税込）
源泉徴収税額：▲15,315円
お振込金額：149,685円
振込先：三井住友銀行 新宿支店 普通 {D(7)} コバヤシ ユウ

小林 優（フォトグラファー）
TEL {ph} ／ {em}
※支払調書作成のため、個人番号をお知らせします：{mnf}""", ("phone", ph), ("email", em), ("jp_mynumber", mnf))

c = card("visa")
free = f"0120-{P(3)}-{P(3)}"
S("ja", "chat", f"""ユーザー：ネットショップで「カード情報が正しくありません」と出て決済できません。番号は{c}です
ボット：カード番号の全桁はご入力いただかなくて大丈夫です。有効期限やご利用枠をご確認いただけますか？
ユーザー：カード会社の{free}に電話したら、問題ないと言われました""", ("card", c), ("phone", free))

ph1 = f"03-{P(4)}-{P(4)}"
ph2 = f"090-{P(4)}-{P(4)}"
em = "naoki.yamamoto@nifty.com"
S("ja", "prose", f"""【JR＋宿泊パック お申込み内容】
代表者：山本 直樹 様　電話（自宅）{ph1}　携帯 {ph2}
メール：{em}
行き：12月20日 のぞみ213号 東京 9:33 → 京都 11:48（8号車 14D・14E）
宿泊：京都ホテル烏丸 2泊（ツイン・朝食付）
帰り：12月22日 のぞみ240号 京都 17:12 → 東京 19:24
旅行代金：2名 98,400円""", ("phone", ph1), ("phone", ph2), ("email", em))

# --- machine-readable ---
fw = fullwidth(f"080-{P(4)}-{P(4)}")
rows = [("NL-004190", "2026/11/24", "佐々木 美咲", "ササキ ミサキ", f"090-{P(4)}-{P(4)}", "misaki.sasaki@gmail.com", "060-0061", "北海道札幌市中央区南1条西4-5", "クレジット", "4,980"),
        ("NL-004191", "2026/11/24", "田村 陽介", "タムラ ヨウスケ", fw, "y_tamura@ybb.ne.jp", "460-0008", "愛知県名古屋市中区栄3-6-1", "代引き", "7,150"),
        ("NL-004192", "2026/11/24", "井上 紗希", "イノウエ サキ", f"03{P(8)}", "saki.inoue@outlook.jp", "104-0061", "東京都中央区銀座4-2-15", "コンビニ", "2,640"),
        ("NL-004193", "2026/11/24", "Emily Clarke", "", f"+81 70 {P(4)} {P(4)}", "emily.clarke.jp@gmail.com", "650-0021", "兵庫県神戸市中央区三宮町1-9-1", "PayPay", "11,000"),
        ("NL-004194", "2026/11/25", "木村 拓也", "キムラ タクヤ", f"06-{P(4)}-{P(4)}", "t.kimura@kcn.ne.jp", "530-0001", "大阪府大阪市北区梅田3-1-3", "クレジット", "3,300")]
txt = "受注番号,注文日,氏名,フリガナ,電話番号,メールアドレス,郵便番号,住所,支払方法,合計\n" + "\n".join(
    ",".join(f'"{x}"' if i == 9 else x for i, x in enumerate(r)) for r in rows)
S("ja", "table", txt, *[("phone", r[4]) for r in rows], *[("email", r[5]) for r in rows])

em = "aya.matsumoto@gmail.com"
ph1 = f"070{P(8)}"
ph2 = f"06-{P(4)}-{P(4)}"
ip = "126.34.200.17"
o = {"order_id": "NL-20261124-004201", "ordered_at": "2026-11-24T22:03:51+09:00",
     "customer": {"last_name": "松本", "first_name": "彩", "email": em, "tel": ph1},
     "shipping": {"zip": "530-0001", "pref": "大阪府", "addr1": "大阪市北区梅田1-2-3", "addr2": "梅田レジデンス1105", "tel": ph2,
                  "delivery_time": "19-21"},
     "payment": {"type": "credit", "brand": "JCB", "masked_pan": "3528********4410"},
     "remote_addr": ip, "total": 8800}
S("ja", "json", jdump(o), ("email", em), ("phone", ph1), ("phone", ph2), ("ip_address", ip))

pj = payjp_live_sk()
em = "k.saito0412@docomo.ne.jp"
S("ja", "code", f'''import payjp

payjp.api_key = "{pj}"  # 本番用。あとで環境変数に移す


def charge(order, token):
    return payjp.Charge.create(
        amount=order["total"],
        currency="jpy",
        card=token,
        description=f"注文 {{order['id']}}",
        metadata={{"email": order["email"]}},
    )


# 動作確認
order = {{"id": "NL-20261124-004187", "total": 12760, "email": "{em}"}}
''', ("payment_token", pj), ("email", em))

em = "hiro.ishikawa55@icloud.com"
jw = jwt({"sub": "88213", "role": "customer", "iat": 1763991667, "exp": 1763995267})
S("ja", "log", f"""2026-11-24 22:41:07.512 INFO  [api] POST /v1/orders 201 remote=126.205.88.14 user={em}
2026-11-24 22:41:07.514 DEBUG [api] Authorization: Bearer {jw}
2026-11-24 22:41:07.690 INFO  [payment] 与信OK 取引ID=ch_{rnd(HEX, 24)} 金額=8,800
2026-11-24 22:41:08.003 WARN  [mail] SMTP接続タイムアウト host=192.168.10.25:587 retry=1
2026-11-24 22:41:09.100 INFO  [mail] 注文確認メール送信完了 order=NL-20261124-004233""",
  ("ip_address", "126.205.88.14"), ("email", em), ("jwt", jw), ("ip_address", "192.168.10.25"))

lsec = rnd(HEX, 32)
ltok = line_channel_token()
dwh = discord_webhook()
mg = mailgun()
pw = url_pw(14)
murl = f"mysql://ec_app:{pw}@db01.naturalliving.internal:3306/ec"
S("ja", "config", f"""# config/production.yml（ナチュラルリビング EC）
line:
  channel_id: "165{D(7)}"
  channel_secret: "{lsec}"
  channel_access_token: "{ltok}"
notify:
  # 在庫切れ・高額注文の通知先
  discord_webhook: {dwh}
mail:
  provider: mailgun
  domain: mg.naturalliving.jp
  api_key: {mg}
database:
  url: {murl}
  pool: 10""",
  ("saas_token", lsec), ("saas_token", ltok), ("discord_webhook", dwh), ("saas_token", mg), ("url_credentials", murl))

sender_tel = f"03-{P(4)}-{P(4)}"
recs = [(yamato_also_mynumber() if i == 0 else mod7_12(), f"0{R.choice(['90', '80', '70'])}{P(8)}" if i != 1 else f"0{R.choice(['3', '6'])}-{P(4)}-{P(4)}",
         z, a) for i, (z, a) in enumerate([("2300051", "神奈川県横浜市鶴見区鶴見中央1-1"), ("9800021", "宮城県仙台市青葉区中央2-3-6"), ("8120011", "福岡県福岡市博多区博多駅前2-1-1")])]
lines = []
for tr, tel, z, a in recs:
    lines.append("0" + tr + "20261125" + tel.ljust(15) + z + a.ljust(24, "　") + sender_tel.ljust(15) + "ﾅﾁｭﾗﾙﾘﾋﾞﾝｸﾞ")
S("ja", "table", "送り状発行データ（固定長：伝票番号12・出荷日8・お届け先電話15・郵便番号7・住所・ご依頼主電話15・ご依頼主名）\n" + "\n".join(lines),
  *[("phone", r[1]) for r in recs], ("phone", sender_tel))

ak = anthropic()
em = "yukiko.mori@nifty.com"
ph = f"045-{P(3)}-{P(4)}"
S("ja", "code", f'''import anthropic

client = anthropic.Anthropic(api_key="{ak}")

order = {{
    "order_id": "NL-20261124-004233",
    "name": "森 由紀子",
    "email": "{em}",
    "tel": "{ph}",
    "status": "発送準備中",
}}

msg = client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=512,
    messages=[{{"role": "user", "content": f"次の注文について、お客様への返信文を丁寧語で作成してください: {{order}}"}}],
)
print(msg.content[0].text)
''', ("anthropic_key", ak), ("email", em), ("phone", ph))

em = "r.hayashi@so-net.ne.jp"
ph = f"080{P(8)}"
ip = "60.121.47.9"
o = {"type": "payment.captured", "created_at": "2026-11-24T23:12:40+09:00",
     "data": {"id": rnd("0123456789abcdefghijklmnopqrstuvwxyz", 25), "amount": 5500, "currency": "JPY", "status": "captured",
              "payment_details": {"type": "konbini", "store": "lawson", "email": em, "phone": ph,
                                  "confirmation_code": D(10), "receipt": D(11)},
              "customer_ip": ip, "metadata": {"order": "NL-20261124-004240"}}}
S("ja", "json", jdump(o), ("email", em), ("phone", ph), ("ip_address", ip))

g = [("R-26120501", "Jonas Berg", "Storgata 5, Oslo", f"+47 4{P(2)} {P(2)} {P(3)}", "jonas.berg@online.no", "NO", "F" + D(7), card("visa")),
     ("R-26120502", "西田 真理子", "京都府京都市左京区下鴨本町12", f"075-{P(3)}-{P(4)}", "mariko.nishida@gmail.com", "JP", "-", "****-****-****-5520"),
     ("R-26120503", "Chloé Martin", "12 rue Oberkampf, Paris", f"+33 7 {P(2)} {P(2)} {P(2)} {P(2)}", "chloe.martin75@free.fr", "FR", "2" + D(1) + "AB" + D(5), fmt_card(card("mc"), " "))]
lines = ["予約番号\t氏名\t住所\t電話\tメール\t国籍\t旅券番号\tカード"]
lab = []
for r in g:
    lines.append("\t".join(r))
    lab += [("phone", r[3]), ("email", r[4])]
    if "*" not in r[7]:
        lab.append(("card", r[7]))
S("ja", "table", "宿泊者名簿（12/5チェックイン分）\n" + "\n".join(lines), *lab)

# --- hard negatives ---
y = yamato_also_mynumber()
sg = mod7_12()
S("ja", "prose", f"""【発送完了のお知らせ】
ご注文番号 NL-20261120-003911 の商品を2個口で発送いたしました。
・宅急便 お問い合わせ伝票番号：{y[:4]}-{y[4:8]}-{y[8:]}
・飛脚宅配便 お問い合わせ送り状No.：{sg}
お取り寄せ商品（海外発送分）
・EMS 追跡番号：{s10('EJ', 'JP')}
配達状況はマイページの「注文履歴」からご確認いただけます。""")

p = pnr()
S("ja", "prose", f"""eチケットお客様控
予約番号：{p}
航空券番号：205-{D(10)}
ご搭乗者：YAMADA/TARO MR
NH 203 羽田(HND) 2027/03/10 11:50 → フランクフルト(FRA) 17:15 座席 27A 手荷物 2PC
NH 204 フランクフルト(FRA) 2027/03/18 20:30 → 羽田(HND) 16:40+1 座席 27A
運賃：JPY 168,000　税金等：JPY 71,260　合計：JPY 239,260
お支払い：VISA ************1881""")

hb = houjin_bangou()
S("ja", "prose", f"""適格請求書
株式会社ミナト商店 御中　　　　　　　　　　　請求書番号：INV-2611-0318
登録番号：T{hb}　　　　　　　　　　　　　　請求日：2026年11月25日
株式会社ナチュラルリビング
品目：今治タオル フェイスタオル（品番 NL-TWL-0042）　120枚 × 680円　81,600円
品目：リネンキッチンクロス（品番 NL-KCL-0007）※軽減税率対象外　40枚 × 1,100円　44,000円
小計 125,600円　消費税（10%）12,560円　合計 138,160円
お支払期限：2026年12月31日""")

S("ja", "prose", f"""ギフトカードのご購入ありがとうございました。
ギフト券番号：XXXX-XXXXXX-{rnd(UP + DIG, 4)}（お受取人様へのメールに記載）
金額：5,000円　注文番号：{D(3)}-{D(7)}-{D(7)}
次回使える10%OFFクーポン：XMAS26-NL8K（12/25まで、3,000円以上のお買い物で利用可）
獲得ポイント：50pt（保有ポイント 1,240pt、有効期限 2027/05/31）""")

lines = ["JANコード,品番,商品名,入数,上代,下代"]
for code, name, q, p1 in [("NL-TWL-0042", "今治タオル フェイスタオル 白", 10, 1100), ("NL-TWL-0043", "今治タオル バスタオル 白", 5, 3300),
                          ("NL-KCL-0007", "リネンキッチンクロス 生成り", 20, 1650), ("NL-SOP-0101", "無添加ハンドソープ 300ml", 24, 880)]:
    lines.append(f"{ean13(R.choice(['45', '49']))},{code},{name},{q},{p1},{int(p1 * 0.6)}")
S("ja", "table", "\n".join(lines))

o = {"order_no": "NL-20261124-004150", "member_no": yamato_also_mynumber(), "tel_masked": "090-****-3381",
     "card": {"brand": "MASTER", "last4": "8843", "approval_no": D(6)},
     "points_used": 300, "coupon": "XMAS26-NL8K", "delivery": {"carrier": "yamato", "slip_no": mod7_12(), "time_slot": "14-16"},
     "total": 6380}
S("ja", "json", jdump(o))

S("ja", "log", "\n".join(
    f"2026/11/24 03:00:{10 + i:02d} [alloc] 引当番号={yamato_also_mynumber() if i % 2 == 0 else mod7_12()} 品番={sku} 数量={q} 倉庫=市川DC ステータス={st}"
    for i, (sku, q, st) in enumerate([("NL-TWL-0042", 12, "引当済"), ("NL-TWL-0043", 3, "引当済"), ("NL-SOP-0101", 24, "欠品"),
                                      ("NL-KCL-0007", 6, "引当済")])) + "\n2026/11/24 03:00:20 [alloc] バッチ完了 対象4件 欠品1件")

S("ja", "prose", f"""【ご予約内容】
ご乗車日：2026年12月20日
のぞみ213号 東京 9:33発 → 京都 11:48着
8号車 14番D席・14番E席（普通車指定席）
お預り番号：{rnd(UP, 1)}{D(5)}　会員ID：********{D(4)}
きっぷ代金：2名 28,340円（乗車券・特急券）
※ご乗車前に交通系ICカードでお乗りいただけます。""")

S("ja", "prose", f"""領収書
ナチュラルリビング 渋谷店
2026年11月24日(火) 18:42　レジ02　責No.104
今治タオル フェイスタオル 白　2点　¥2,200
無添加ハンドソープ 300ml　　　1点　¥880
合計　¥3,080（10%対象 ¥3,080　内消費税 ¥280）
クレジット VISA ************0318 一括
承認番号 {D(6)}　伝票番号 {D(5)}　端末番号 {D(7)}-{D(3)}-{D(5)}
登録番号 T{houjin_bangou()}""")

# =====================================================================================
# DE
# =====================================================================================
ib = iban_spaced(iban("DE"))
ph = f"+49 151 {P(8)}"
em = "m.brandt-koeln@web.de"
S("de", "prose", f"""Kannst du mir sagen, ob die Lastschrift schon durch ist? Hier die Mail vom Shop:

Vielen Dank für Ihre Bestellung bei Grünwerk Gartenbedarf!
Bestellnummer: GW-2026-118420
Lieferadresse: Markus Brandt, Venloer Str. 241, 50823 Köln
Telefon für die Spedition: {ph}
E-Mail: {em}
Zahlart: SEPA-Lastschrift vom Konto {ib} (Mandatsreferenz GW-M-0048812)
Gesamtbetrag: 389,90 € inkl. 19 % MwSt.
Voraussichtliche Lieferung: KW 49 (Speditionsware, Terminabsprache telefonisch)""",
  ("phone", ph), ("email", em), ("iban", ib))

ib = iban("DE")
ph = f"0176 {P(8)}"
em = "lena.vogt94@gmx.de"
S("de", "chat", f"""Käufer: Hallo, ist das Rennrad noch zu haben? Würde es nehmen, wenn Versand möglich ist.
Verkäufer: Ja, Versand mit Hermes für 19,90 €. Überweis einfach 469,90 € auf {ib} (Stefan Krüger), Verwendungszweck "Rad".
Käufer: Geht auch "Sicher bezahlen" über die Plattform?
Verkäufer: lieber Überweisung, ruf mich kurz an: {ph}
Käufer: Okay, ich schick dir meine Adresse per Mail, meine ist {em}.""",
  ("iban", ib), ("phone", ph), ("email", em))

st = de_steuer_id()
sts = f"{st[:2]} {st[2:5]} {st[5:8]} {st[8:]}"
ib = iban_spaced(iban("DE"))
ph = f"030 {P(8)}"
em = "hallo@julia-hartmann-illustration.de"
S("de", "prose", f"""RECHNUNG Nr. 2026-117                                   Berlin, 24.11.2026
Julia Hartmann · Illustration & Packaging · Boxhagener Str. 18 · 10245 Berlin
Tel. {ph} · {em}
Steuer-IdNr.: {sts}
Kleinunternehmerin gem. § 19 UStG – es wird keine Umsatzsteuer ausgewiesen.

An: Kaffeerösterei Wellenbrecher GmbH, Hafenstraße 4, 18055 Rostock
Leistung: Etikettendesign für 4 Kaffeesorten inkl. Druckdaten ......... 1.280,00 €

Bitte überweisen Sie den Betrag bis zum 08.12.2026 auf: {ib}""",
  ("phone", ph), ("email", em), ("de_steuer_id", sts), ("iban", ib))

st = de_steuer_id()
ib = iban("DE")
S("de", "prose", f"""Ich verkaufe ab und zu Sachen über eine Plattform und die wollen jetzt wegen DAC7 Daten von mir. Ist das so okay, was ich eingetragen habe?

Vorname/Nachname: Petra Lindemann
Geburtsdatum: 14.03.1979
Anschrift: Am Mühlbach 7, 83022 Rosenheim
Steuerliche Identifikationsnummer: {st}
Bankverbindung für Auszahlungen: {ib}
Anzahl Verkäufe 2026: 41, Umsatz: 2.318,40 €""", ("de_steuer_id", st), ("iban", ib))

p = pnr()
ph1 = f"+49 (0)89 {P(3)} {P(4)}"
ph2 = f"+49 170 {P(7)}"
em = "familie.huber@t-online.de"
S("de", "prose", f"""Buchungsbestätigung
Buchungscode: {p}
Reisende: Herr Thomas Huber, Frau Sabine Huber, Lukas Huber (Kind, 9 J.)
Hinflug:  LH 1830 München (MUC) → Palma de Mallorca (PMI), Sa 27.03.2027, 07:05 – 09:10
Rückflug: LH 1833 Palma de Mallorca (PMI) → München (MUC), Sa 03.04.2027, 17:50 – 19:55
Kontakt: {ph1}, mobil {ph2}, {em}
Gesamtpreis: 1.146,57 €, bezahlt per PayPal""",
  ("phone", ph1), ("phone", ph2), ("email", em))

c = fmt_card(card("mc"))
ph = f"+41 79 {P(3)} {P(2)} {P(2)}"
em = "r.meier@bluewin.ch"
S("de", "prose", f"""Sehr geehrter Herr Meier,

wir bestätigen Ihre Reservierung im Hotel Seeblick Lindau:
Reservierungsnummer: 771204
Anreise 18.12.2026 / Abreise 21.12.2026, Doppelzimmer Seeseite, 2 Erwachsene, inkl. Frühstück
Hinterlegte Kreditkarte: {c} (gültig bis 02/28)
Ihre Angaben: Tel. {ph}, E-Mail {em}
Kostenfreie Stornierung bis 3 Tage vor Anreise.

Mit freundlichen Grüßen
Ihr Rezeptionsteam""", ("card", c), ("phone", ph), ("email", em))

dni = es_dni()
ph = f"+34 6{P(2)} {P(2)} {P(2)} {P(2)}"
ph2 = f"+49 172 {P(7)}"
c = card("visa")
S("de", "prose", f"""Kannst du mir den Mietvertrag übersetzen? Klausel 7 verstehe ich nicht. Hier die Kopfdaten:

Mietvertrag – AutoSol Mallorca
Vertragsnummer: PMI-884102
Hauptfahrer: Andreas Wolf, Führerschein-Nr. B072RRE2I55, Tel. {ph2}
Zusatzfahrer: Javier Morales Ruiz, DNI {dni}, Tel. {ph}
Fahrzeug: Seat Arona, Kennzeichen 4821 LMN
Übernahme: 02.04.2027 10:30 Flughafen PMI / Rückgabe: 09.04.2027 10:00
Kaution: 900,00 € blockiert auf Visa {c}""",
  ("phone", ph2), ("es_dni", dni), ("phone", ph), ("card", c))

cf = it_cf()
ph = f"+39 3{R.choice(['20', '28', '33', '35', '38', '40', '45', '47', '49'])} {P(3)} {P(4)}"
em = "giulia.ferri@libero.it"
S("de", "prose", f"""Ich schicke aus Zürich ein Paket (Armbanduhr, Wert 850 CHF) an meine Cousine in Mailand. Der Kurier will für die italienische Verzollung diese Angaben – passt das so?

Empfängerin: Giulia Ferri
Via Paolo Sarpi 21, 20154 Milano (MI), Italien
Codice Fiscale: {cf}
Telefon: {ph}
E-Mail: {em}
Warenbeschreibung: Armbanduhr, gebraucht, Geschenk
Zolltarifnummer: 9102.11""", ("it_codice_fiscale", cf), ("phone", ph), ("email", em))

ph1 = f"0157 {P(4)} {P(4)}"
ph2 = f"+49 160 {P(7)}"
S("de", "chat", f"""[14:02] Paketbote: Hallo, hier ist Ihr GLS-Fahrer. Bin gleich in der Weserstraße 12, ist jemand da?
[14:03] Ich: Nein, leider nicht. Können Sie es in die Garage stellen? Das Tor ist offen
[14:05] Paketbote: Geht klar, mach ein Foto. Falls was ist: {ph1}
[14:06] Ich: Danke! Meine Nummer für die Zukunft: {ph2}
[14:11] Paketbote: Abgestellt in der Garage, links neben dem Fahrrad 👍""", ("phone", ph1), ("phone", ph2))

nir = fr_nir()
ph = f"+33 6 {P(2)} {P(2)} {P(2)} {P(2)}"
em = "claire.dubois.lyon@orange.fr"
S("de", "prose", f"""Antrag Gruppen-Reiserücktrittsversicherung – Firmenausflug Wien 2027
Mitreisende Person 4: Claire Dubois (Mitarbeiterin Niederlassung Lyon)
Geburtsdatum: 09.07.1987
Numéro de sécurité sociale: {nir}
Telefon: {ph}
E-Mail: {em}
Reisezeitraum: 11.–14.03.2027, Reisepreis p. P. 780,00 €""", ("fr_nir", nir), ("phone", ph), ("email", em))

em = "sandra.oehler@posteo.de"
pw = password()
S("de", "chat", f"""Kundin: Ich komme nicht mehr in mein Kundenkonto, ich will nur meine Rechnung runterladen.
Support-Bot: Das tut mir leid! Unter welcher E-Mail-Adresse ist Ihr Konto registriert?
Kundin: {em}, Passwort war immer {pw}, hat letzte Woche noch geklappt
Support-Bot: Bitte geben Sie Ihr Passwort niemals im Chat ein. Ich habe Ihnen einen Link zum Zurücksetzen geschickt.""",
  ("email", em), ("password", pw))

bsn = nl_bsn()
ib = iban_spaced(iban("NL"))
ph = f"+31 6 {P(8)}"
em = "pieter.devries82@ziggo.nl"
S("de", "prose", f"""Meldeschein für Beherbergungsstätten – Nr. 004417
Hotel Alte Post, Marktplatz 3, 26603 Aurich
Ankunft: 22.11.2026   Voraussichtliche Abreise: 25.11.2026
Name: de Vries, Pieter    Geburtsdatum: 02.05.1982    Staatsangehörigkeit: niederländisch
Anschrift: Oudegracht 144, 3511 AZ Utrecht, Niederlande
Ausweis: Identiteitskaart Nr. NXR{rnd(UP + DIG, 6)}, BSN {bsn}
Telefon: {ph}   E-Mail: {em}
Kaution (Parkkarte) – Rückerstattung auf IBAN {ib}""",
  ("nl_bsn", bsn), ("phone", ph), ("email", em), ("iban", ib))

# --- machine-readable ---
rows = [("K-10293", "Jonas Richter", "jonas.richter@gmx.de", f"+49 221 {P(7)}", iban("DE"), "GW-M-0049001", "49,90", "01.12.2026"),
        ("K-10294", "Elif Yılmaz", "elif.yilmaz@outlook.de", f"0171/{P(7)}", iban("DE"), "GW-M-0049002", "129,00", "01.12.2026"),
        ("K-10295", "Martina Gruber", "martina.gruber@aon.at", f"+43 664 {P(7)}", iban("AT"), "GW-M-0049003", "74,80", "01.12.2026"),
        ("K-10296", "Stefan Bauer", "s.bauer@freenet.de", f"(089) {P(6)}", iban("DE"), "GW-M-0049004", "18,50", "02.12.2026")]
txt = "Kundennr;Name;E-Mail;Telefon;IBAN;Mandatsref;Betrag;Faellig\n" + "\n".join(";".join(r) for r in rows)
S("de", "table", "SEPA-Lastschriften Dezember (Export aus der Warenwirtschaft)\n" + txt,
  *[("email", r[2]) for r in rows], *[("phone", r[3]) for r in rows], *[("iban", r[4]) for r in rows])

em = "jonas.richter@gmx.de"
ph = f"0341 {P(7)}"
ib = iban("DE")
ip = "91.64.173.22"
o = {"orderNumber": "10482", "orderDateTime": "2026-11-24T10:11:42+01:00", "amountTotal": 129.9, "currencyIso": "EUR",
     "orderCustomer": {"email": em, "firstName": "Jonas", "lastName": "Richter", "customerNumber": "SW10293"},
     "billingAddress": {"street": "Lindenallee 5", "zipcode": "04105", "city": "Leipzig", "countryIso": "DE", "phoneNumber": ph},
     "transactions": [{"paymentMethod": "SEPA-Lastschrift", "amount": 129.9,
                       "customFields": {"iban": ib, "bic": "WELADED1LPZ", "mandateId": "GW-M-0049001"}}],
     "customFields": {"remoteAddress": ip, "affiliateCode": "HERBST26"}}
S("de", "json", jdump(o), ("email", em), ("phone", ph), ("iban", ib), ("ip_address", ip))

ml = mollie_live()
em = "kai.neumann@icloud.com"
S("de", "code", f'''<?php
// checkout/mollie.php – Zahlung anlegen und zum Checkout weiterleiten
require __DIR__ . "/../vendor/autoload.php";

$mollie = new \\Mollie\\Api\\MollieApiClient();
$mollie->setApiKey("{ml}");

$payment = $mollie->payments->create([
    "amount"      => ["currency" => "EUR", "value" => "49.90"],
    "description" => "Bestellung #10517",
    "redirectUrl" => "https://www.gruenwerk-garten.de/checkout/danke?order=10517",
    "webhookUrl"  => "https://www.gruenwerk-garten.de/api/mollie/webhook",
    "metadata"    => ["order_id" => "10517", "email" => "{em}"],
]);

header("Location: " . $payment->getCheckoutUrl(), true, 303);
''', ("payment_token", ml), ("email", em))

em = "anja.schreiber@gmx.net"
emq = "anja.schreiber%40gmx.net"
ib = iban("DE")
S("de", "log", f"""2026-11-24 10:15:02,117 INFO  [bestell-service] Neue Bestellung 10518 von 91.12.203.55 kunde={em} summe=74,80 EUR
2026-11-24 10:15:02,201 DEBUG [sepa] Mandat angelegt ref=GW-M-0049123 iban={ib} glaeubiger-id=DE98ZZZ09999999999
2026-11-24 10:15:02,650 INFO  [versand] Label angefordert carrier=DHL sendung={sscc()} gewicht=4,2kg
2026-11-24 10:15:03,004 WARN  [newsletter] GET /api/subscribe?email={emq}&src=checkout -> 502 (upstream 10.12.0.31:8080)""",
  ("ip_address", "91.12.203.55"), ("email", em), ("iban", ib), ("email", emq), ("ip_address", "10.12.0.31"))

ad = adyen_key()
pci = paypal_client_id()
pcs = paypal_secret()
tg = telegram()
pw = url_pw(14)
surl = f"sftp://gruenwerk:{pw}@edi.lieferant-partner.de:22/inbound"
S("de", "config", f"""# application.properties – Produktivsystem Grünwerk
# Zahlungsanbieter
adyen.api-key={ad}
adyen.merchant-account=GruenwerkECOM
paypal.mode=live
paypal.client-id={pci}
paypal.client-secret={pcs}
# Versandbenachrichtigung an das Lager-Team via Telegram
telegram.bot-token={tg}
telegram.chat-id=-100{D(10)}
# EDI-Austausch mit dem Lieferanten
edi.sftp.url={surl}
edi.poll-interval=PT15M""",
  ("payment_token", ad), ("payment_token", pcs), ("telegram_token", tg), ("url_credentials", surl))

recs = [("Baumschule Keller KG", iban("DE"), "GENODEF1M04", "1842,50", "RE 2026-3391"),
        ("Gruber Gartentechnik GmbH", iban("AT"), "BKAUATWWXXX", "612,00", "RG 88120"),
        ("Van Dijk Bloembollen BV", iban("NL"), "RABONL2U", "2310,75", "INV 2026/1184"),
        ("Jardins Peeters SPRL", iban("BE"), "GEBABEBB", "455,20", "F-26-0771")]
lines = ["0128GK" + "GRUENWERK GARTENBEDARF".ljust(27) + "20261125"]
for n, i, b, a, v in recs:
    lines.append("0187C" + n.upper().ljust(27) + i.ljust(34) + b.ljust(11) + a.rjust(12, "0") + v.ljust(27))
lines.append("0128E" + str(len(recs)).rjust(7, "0") + "000000522445")
S("de", "table", "Sammelüberweisung (Festbreitenformat, Auszug)\n" + "\n".join(lines), *[("iban", r[1]) for r in recs])

em = "tobias.lang@gmail.com"
ph1 = f"+4917{P(9)}"
ph2 = f"0711 {P(6)}"
ip = "84.160.71.8"
o = {"event_type": "order.captured", "order_id": rnd(HEX, 8) + "-" + rnd(HEX, 4) + "-4" + rnd(HEX, 3) + "-a" + rnd(HEX, 3) + "-" + rnd(HEX, 12),
     "merchant_reference1": "10522", "captured_amount": 21890, "purchase_currency": "EUR",
     "billing_address": {"given_name": "Tobias", "family_name": "Lang", "email": em, "phone": ph1,
                         "street_address": "Königstraße 28", "postal_code": "70173", "city": "Stuttgart", "country": "DE"},
     "shipping_address": {"given_name": "Tobias", "family_name": "Lang", "phone": ph2, "street_address": "Rotebühlplatz 1",
                          "postal_code": "70178", "city": "Stuttgart", "country": "DE"},
     "customer": {"date_of_birth": "1988-04-02"}, "client_ip": ip}
S("de", "json", jdump(o), ("email", em), ("phone", ph1), ("phone", ph2), ("ip_address", ip))

pk = pem("ec")
pw = password()
S("de", "config", f"""# as2-partner-baumarkt-nord.conf – AS2-Verbindung für EDIFACT ORDERS/DESADV
as2.local.id=GRUENWERK-AS2
as2.partner.id=BAUMARKT-NORD
as2.partner.url=https://as2.baumarkt-nord.de/as2/receive
as2.partner.cert=/etc/as2/certs/baumarkt-nord-2026.cer
as2.mdn.mode=sync
as2.keystore.password={pw}
as2.signing.key=<<EOF
{pk}
EOF""", ("password", pw), ("private_key", pk))

sa, key = gcp_sa_json("gruenwerk-rechnungen")
S("de", "json", "Der Rechnungs-Export nach BigQuery bricht mit 'invalid_grant' ab. Das ist die Schlüsseldatei, die im Container liegt:\n\n" + sa,
  ("gcp_credentials", sa), ("private_key", key), ("email", "ci-deployer@gruenwerk-rechnungen.iam.gserviceaccount.com"))

# --- hard negatives ---
S("de", "prose", f"""Ihre Bestellung GW-2026-118377 ist unterwegs!
Paket 1 (DHL): Sendungsnummer {'00' + sscc()} – Zustellung voraussichtlich Do, 26.11.
Paket 2 (Hermes): Sendungsnummer H100{D(16)} – Zustellung voraussichtlich Fr, 27.11.
Paket 3 (DPD, Sperrgut): Paketnummer 0150{D(10)} – Zustellung voraussichtlich Sa, 28.11.
Inhalt: Hochbeet Lärche 120×80 (Art.-Nr. 40-1182), Pflanzerde 40 l ×3 (Art.-Nr. 22-0040), Gartenschere „Profi“ (Art.-Nr. 31-0007)
Sendungsverfolgung jederzeit unter https://www.gruenwerk-garten.de/konto/bestellungen""")

bc = luhn_with_prefix("7081", 16)
S("de", "prose", f"""Ihre Fahrkarte – Auftragsnummer {rnd(UP + DIG, 6)}
Hinfahrt am 19.12.2026: Hamburg Hbf 08:01 → München Hbf 14:27, ICE 578 / ICE 1011 (Umstieg in Frankfurt(Main)Hbf)
Wagen 7, Platz 65 (Fenster, Großraum, 2. Klasse)
Flexpreis, Ermäßigung BahnCard 25 (BahnCard-Nr. {fmt4(bc)}), 1 Erwachsener
Gesamtpreis: 131,70 € – bezahlt mit Visa **** 4417
Die Fahrkarte gilt nur zusammen mit einem amtlichen Lichtbildausweis.""")

S("de", "prose", f"""Grünwerk Gartenbedarf GmbH · Industriestraße 14 · 50829 Köln
Rechnung Nr. RE-2026-0118420 · Kundennummer 30017 · Datum 24.11.2026
USt-IdNr.: {de_vat()} · Steuernummer: 217/5{D(3)}/{D(4)} · Amtsgericht Köln HRB {D(5)}
Pos. 1  Hochbeet Lärche 120×80 (EAN {ean13('40')})  1 × 249,00 €
Pos. 2  Pflanzerde 40 l (EAN {ean13('40')})          3 ×  9,99 €
Nettobetrag 234,42 € · USt. 19 % 44,54 € · Rechnungsbetrag 278,96 €
Der Betrag wird per SEPA-Lastschrift von Ihrem Konto DE** **** **** **** **{D(2)} {D(2)} eingezogen (BIC COLSDE33).""")

S("de", "prose", f"""Ihr Geschenkgutschein ist da!
Wert: 50,00 € · Gutscheincode: GW-****-****-{rnd(UP + DIG, 4)} (vollständiger Code in der Mail an die beschenkte Person)
Gültig bis 31.12.2029 · Bestellnummer GV-2611-0882
Außerdem für Sie: 10 % Rabatt auf Ihre nächste Bestellung mit dem Code HERBST26 (Mindestbestellwert 40 €, bis 30.11.2026)""")

lines = ["Artikelnummer;EAN;PZN;Bezeichnung;Bestand;VK brutto"]
for a, n, st_, pr in [("22-0040", "Pflanzerde torffrei 40 l", 412, "9,99"), ("31-0007", "Gartenschere Profi", 58, "24,90"),
                      ("55-0210", "Schneckenkorn bio 1 kg", 96, "12,49"), ("55-0311", "Pflanzenschutz-Spray Neem 500 ml", 33, "14,95")]:
    pz = pzn() if a.startswith("55") else ""
    lines.append(f"{a};{ean13('40')};{pz};{n};{st_};{pr}")
S("de", "table", "\n".join(lines))

o = {"bestellnummer": "GW-2026-118391", "kundennummer": de_steuer_id(), "status": "versendet",
     "positionen": [{"artikel": "22-0040", "menge": 3, "preis": 9.99}, {"artikel": "31-0007", "menge": 1, "preis": 24.90}],
     "zahlung": {"art": "SEPA-Lastschrift", "iban_maskiert": "DE** **** **** **** **43 00", "mandatsreferenz": "GW-M-0048790"},
     "versand": {"dienstleister": "DHL", "sendungsnummer": "00" + sscc()}, "summe": 54.87}
S("de", "json", jdump(o))

S("de", "log", f"""2026-11-24 05:40:11 INFO  [lager] WE gebucht: Lieferschein LS-88120, SSCC {sscc('4012345')}, 24 Kolli
2026-11-24 05:41:02 INFO  [lager] Charge L2611-07 MHD 31.05.2028 Art. 55-0210 Menge 240
2026-11-24 05:43:55 INFO  [lager] Kommissionierung Auftrag 118391 Lagerplatz R04-F2-03 Menge 3
2026-11-24 05:44:20 INFO  [retoure] Gerät geprüft: Mähroboter MR-500, Seriennr. {rnd(UP, 2)}{D(8)}, SIM-Modul IMEI {imei()} – zurück in Bestand
2026-11-24 05:45:00 WARN  [lager] Mindestbestand unterschritten Art. 31-0007 (Bestand 8, Meldebestand 10)""")

mm = "992 " + D(3) + " " + D(3) + " " + D(5)
S("de", "prose", f"""Ihr Reiseplan – Buchungscode {pnr()}
Ticketnummer: 220-{D(10)}
Passagier: FRAU ANNA SCHMIDT · Miles & More Nr.: {mm}
LH 400 Frankfurt (FRA) → New York (JFK) · 15.01.2027 · 10:55 – 13:40 · Sitz 38K · Economy Light
LH 401 New York (JFK) → Frankfurt (FRA) · 22.01.2027 · 17:55 – 07:50+1 · Sitz 41C
Flugpreis 612,00 € · Steuern und Gebühren 198,43 € · Gesamt 810,43 €""")

tse_sig = base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()
S("de", "prose", f"""Grünwerk Gartenbedarf – Filiale Köln-Ehrenfeld
Beleg-Nr. 0418821   24.11.2026 17:03   Kasse 2   Bed. 07
Pflanzerde torffrei 40 l   3 x 9,99      29,97 A
Gartenschere Profi                       24,90 A
SUMME EUR                                54,87
Kartenzahlung girocard   **** **** **** {D(4)}
Terminal-ID {D(8)}  TA-Nr. {D(6)}  Genehmigungs-Nr. {D(6)}
MwSt A 19 %  netto 46,11  MwSt 8,76
TSE-Transaktion: {R.randint(100000, 999999)}   TSE-Signaturzähler: {R.randint(100000, 999999)}
TSE-Start: 2026-11-24T17:02:41  TSE-Stop: 2026-11-24T17:03:09
TSE-Seriennummer: {rnd(HEX, 64)}
TSE-Signatur: {tse_sig}
Vielen Dank für Ihren Einkauf!""")

write_corpus(OUT, sys.argv[1])
