"""Fresh set 13c (2026-11-25): written by a helper who read only fakegen.py, never the rules
(en/ko/de/ja); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh13c_2026_11_25.py OUT.jsonl
"""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
import base64, json, re, shutil, string, subprocess, tempfile
seed(1330)
OUT = []
S = sample_adder(OUT, "f13c")
# S(lang, kind, text, (type, value), (type, value), ...)

LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
UHEX = "0123456789ABCDEF"


def T(tpl, **kw):
    """Fills @@name@@ slots."""
    for k, v in kw.items():
        tpl = tpl.replace("@@" + k + "@@", str(v))
    assert not re.search(r"@@\w+@@", tpl), re.search(r"@@\w+@@", tpl).group(0)
    return tpl


def many(t, *vs):
    return [(t, v) for v in vs]


# ---- passwords (no characters that would break the surrounding syntax) ----
def pw():
    while True:
        v = password()
        if not set(v) & set("&#$"):
            return v


def pwr(n=16):
    while True:
        v = password_random(n)
        if not set(v) & set("#$"):
            return v


def pw_url(n=18):
    return rnd(string.ascii_letters, 1) + rnd_mixed(ALNUM, n - 1)


def b64s(s):
    return base64.b64encode(s.encode()).decode()


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64bytes(n, pad=True, url=False):
    s = (base64.urlsafe_b64encode if url else base64.b64encode)(rbytes(n)).decode()
    return s if pad else s.rstrip("=")


def uuid4():
    h = rnd(HEX, 32)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# ---- vendor formats fakegen has no generator for (documented shapes, random bodies) ----
def whsec():
    return "whsec_" + rnd_mixed(ALNUM, 32)


def jfrog_ref():
    return b64s("reftkn:01:" + str(R.randint(10 ** 9, 10 ** 10 - 1)) + ":" + rnd_mixed(ALNUM, 32)).rstrip("=")


def cloudflare_token():
    return rnd_mixed(ALNUM + "-_", 40)


def datadog_api():
    return rnd(HEX, 32)


def datadog_app():
    return rnd(HEX, 40)


def algolia_admin():
    return rnd(HEX, 32)


def twilio_secret():
    return rnd_mixed(ALNUM, 32)


def pusher_secret():
    return rnd(HEX, 20)


def toss_live():
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def kakao_rest():
    return rnd(HEX, 32)


def upstage():
    return "up_" + rnd_mixed(ALNUM, 29)


def ncp_access():
    return rnd(UPPER_ALNUM, 20)


def ncp_secret():
    return rnd_mixed(ALNUM, 40)


def mollie_live():
    return "live_" + rnd_mixed(ALNUM, 30)


def mistral_key():
    return rnd_mixed(ALNUM, 32)


def hetzner_token():
    return rnd_mixed(ALNUM, 64)


def line_token():
    return rnd_mixed(ALNUM + "+/", 171) + "="


def payjp_live():
    return "sk_live_" + rnd(HEX, 24)


def sakura_secret():
    return rnd_mixed(ALNUM, 64)


def playfab_secret():
    return rnd(UPPER_ALNUM, 52)


def rubygems_key():
    return "rubygems_" + rnd(HEX, 48)


def linear_key():
    return linear()


def django_key():
    return rnd("abcdefghijklmnopqrstuvwxyz0123456789!@%^*(-_=+)", 50)


def rails_skb():
    return rnd(HEX, 128)


def gmail_app_pw():
    return " ".join(rnd(string.ascii_lowercase, 4) for _ in range(4))


# ---- look-alikes for the hard negatives ----
def bcrypt_h(v="2b", cost=12):
    return f"${v}${cost:02d}$" + rnd("./" + ALNUM, 53)


def argon2_h(kind="argon2id"):
    return f"${kind}$v=19$m=65536,t=3,p=4$" + b64bytes(16, pad=False) + "$" + b64bytes(32, pad=False)


def apr1_h():
    return "$apr1$" + rnd("./" + ALNUM, 8) + "$" + rnd("./" + ALNUM, 22)


def scrypt_h():
    return "$scrypt$ln=16,r=8,p=1$" + b64bytes(16, pad=False) + "$" + b64bytes(32, pad=False)


def sops_enc(n):
    return f"ENC[AES256_GCM,data:{b64bytes(n)},iv:{b64bytes(32)},tag:{b64bytes(16)},type:str]"


def vault_blob(indent):
    h = rnd(HEX, 80 * 5 + 34)
    lines = [h[i:i + 80] for i in range(0, len(h), 80)]
    return "$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(indent + l for l in lines)


def maven_enc():
    return "{" + b64bytes(32) + "}"


def pulumi_secure(n=40):
    return "v1:" + b64bytes(n)


def sri():
    return "sha512-" + b64bytes(64)


def sha256hex():
    return rnd(HEX, 64)


def _tmpdir_run(fn):
    d = tempfile.mkdtemp()
    try:
        return fn(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def cert_pem(subj):
    def go(d):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", d + "/k", "-out", d + "/c", "-days", "825", "-subj", subj],
                       check=True, capture_output=True)
        return open(d + "/c").read().strip()
    return _tmpdir_run(go)


def ssh_pub(comment):
    def go(d):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", d + "/k"], check=True)
        return open(d + "/k.pub").read().strip()
    return _tmpdir_run(go)


def age_recipient():
    return "age1" + rnd("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)


# ---- validators, used to build and check the invalid look-alikes ----
def mynumber_valid(v):
    d = re.sub(r"\D", "", v)
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(d[:11], w)) % 11
    return len(d) == 12 and d[11] == str(0 if s <= 1 else 11 - s)


def rrn_valid(v):
    d = v.replace("-", "")
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    s = sum(int(a) * b for a, b in zip(d, w))
    return d[12] == str((11 - s % 11) % 10)


def steuer_valid(v):
    d = [int(c) for c in re.sub(r"\D", "", v)]
    product = 10
    for x in d[:10]:
        s = (x + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    chk = 11 - product
    return d[10] == (0 if chk == 10 else chk)


def iban_valid(v):
    v = v.replace(" ", "")
    r = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def bad_last(v):
    return v[:-1] + str((int(v[-1]) + 1) % 10)


def bad_iban(v):
    c = int(v[2:4])
    return v[:2] + f"{(c + 11) % 97 + 2:02d}" + v[4:]


def fmt_mn(v, sep=" "):
    return sep.join([v[:4], v[4:8], v[8:]])


def fmt_nino(v):
    return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"


def fmt_steuer(v):
    return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"


# ---- Jupyter ----
def _lines(s):
    ls = s.split("\n")
    return [l + "\n" for l in ls[:-1]] + ([ls[-1]] if ls[-1] else [])


def stream(name, text):
    return {"name": name, "output_type": "stream", "text": _lines(text)}


def result(text):
    return {"data": {"text/plain": _lines(text)}, "execution_count": None, "metadata": {},
            "output_type": "execute_result"}


def notebook(cells, lang_version="3.11.9"):
    nb = {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                   "name": "python3"},
                                    "language_info": {"name": "python", "version": lang_version}},
          "nbformat": 4, "nbformat_minor": 5}
    n = 0
    for kind, src, outs in cells:
        cell = {"cell_type": kind, "id": rnd(HEX, 8), "metadata": {}, "source": _lines(src)}
        if kind == "code":
            if outs is None:
                cell["execution_count"] = None
                cell["outputs"] = []
            else:
                n += 1
                cell["execution_count"] = n
                cell["outputs"] = outs
                for o in outs:
                    if o["output_type"] == "execute_result":
                        o["execution_count"] = n
        nb["cells"].append(cell)
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True)


# =====================================================================================
# EN — 18 with labels, 7 hard negatives
# =====================================================================================

# en-1 MySQL dump, INSERT rows with SSNs
ssn1, ssn2, ssn3 = us_ssn(), us_ssn(" "), us_ssn("")
S("en", "code", T("""-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 10.12.0.31    Database: crm_prod
-- ------------------------------------------------------
-- Server version\t8.0.36

/*!40101 SET NAMES utf8mb4 */;

--
-- Dumping data for table `customers`
--

LOCK TABLES `customers` WRITE;
/*!40000 ALTER TABLE `customers` DISABLE KEYS */;
INSERT INTO `customers` (`id`, `full_name`, `email`, `phone`, `ssn`, `created_at`) VALUES (1041,'Dana Whitfield','dana.whitfield@example.com','(415) 555-0132','@@s1@@','2024-03-11 09:14:02'),(1042,'Marcus Oyelaran','m.oyelaran@example.net','+1 646-555-0187','@@s2@@','2024-03-11 10:02:47'),(1043,'Priya Raman','priya.r@example.org','212.555.0143','@@s3@@','2024-03-12 16:40:19');
/*!40000 ALTER TABLE `customers` ENABLE KEYS */;
UNLOCK TABLES;
""", s1=ssn1, s2=ssn2, s3=ssn3),
  ("ip_address", "10.12.0.31"),
  *many("email", "dana.whitfield@example.com", "m.oyelaran@example.net", "priya.r@example.org"),
  *many("phone", "(415) 555-0132", "+1 646-555-0187", "212.555.0143"),
  *many("us_ssn", ssn1, ssn2, ssn3))

# en-2 pg_dump COPY block with PANs and IBANs
c1, c2, c3 = card("visa"), card("mc"), card("amex")
ib1, ib2 = iban("GB"), iban("NL")
rows = [[uuid4(), "30117", "Helen Brandt", c1, "07", "2027", "\\N", "2024-05-02 08:11:54+00"],
        [uuid4(), "30118", "Tom Achterberg", "\\N", "\\N", "\\N", ib1, "2024-05-02 09:40:03+00"],
        [uuid4(), "30121", "Ines Carvalho", c3, "11", "2026", "\\N", "2024-05-03 17:22:41+00"],
        [uuid4(), "30124", "Ruud van Dijk", c2, "02", "2028", ib2, "2024-05-04 06:58:10+00"]]
S("en", "code", T("""--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6
-- Dumped by pg_dump version 16.2

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Data for Name: payment_methods; Type: TABLE DATA; Schema: billing; Owner: billing_owner
--

COPY billing.payment_methods (id, account_id, holder_name, pan, exp_month, exp_year, iban, created_at) FROM stdin;
@@rows@@
\\.

""", rows="\n".join("\t".join(r) for r in rows)),
  *many("card", c1, c2, c3), *many("iban", ib1, ib2))

# en-3 Jupyter notebook with LLM keys pasted into a cell
oa, an, gq = openai_proj(), anthropic(), groq()
S("en", "json", notebook([
    ("markdown", "# Ticket triage: GPT vs Claude\nQuick comparison on 200 labelled support tickets (sample from `tickets_oct.parquet`).", None),
    ("code", 'import os\nimport openai, anthropic\nimport pandas as pd\n\nopenai.api_key = "' + oa + '"\n'
             'client = anthropic.Anthropic(api_key="' + an + '")\n'
             'os.environ["GROQ_API_KEY"] = "' + gq + '"  # llama baseline', []),
    ("code", 'df = pd.read_parquet("tickets_oct.parquet")\nlen(df)', [result("200")]),
    ("code", 'resp = client.messages.create(\n    model="claude-3-5-sonnet-latest",\n    max_tokens=200,\n'
             '    messages=[{"role": "user", "content": df.text[0]}],\n)\nprint(resp.content[0].text[:80])',
     [stream("stdout", "Category: billing / refund request. Urgency: medium. Macro: RF-02\n")]),
    ("code", "", None),
]), ("openai_key", oa), ("anthropic_key", an), ("ai_api_key", gq))

# en-4 Android gradle.properties
p1, p2, sn, gk = pw(), pwr(14), sentry_user(), google_key()
S("en", "config", T("""# Project-wide Gradle settings.
# For more details on how to configure your build environment visit
# http://www.gradle.org/docs/current/userguide/build_environment.html
org.gradle.jvmargs=-Xmx4096m -Dfile.encoding=UTF-8
org.gradle.caching=true
android.useAndroidX=true
android.nonTransitiveRClass=true
kotlin.code.style=official

# Release signing (TODO: move to CI secrets before we open-source this)
RELEASE_STORE_FILE=../keystore/fieldnotes-release.jks
RELEASE_STORE_PASSWORD=@@p1@@
RELEASE_KEY_ALIAS=upload
RELEASE_KEY_PASSWORD=@@p2@@

# Crash reporting / maps
sentry.org=fieldnotes
sentry.project=android
sentry.auth.token=@@sn@@
MAPS_API_KEY=@@gk@@
""", p1=p1, p2=p2, sn=sn, gk=gk),
  ("password", p1), ("password", p2), ("saas_token", sn), ("google_api_key", gk))

# en-5 google-services.json
gk = google_key()
S("en", "json", T("""{
  "project_info": {
    "project_number": "402918337165",
    "project_id": "fieldnotes-prod",
    "storage_bucket": "fieldnotes-prod.appspot.com"
  },
  "client": [
    {
      "client_info": {
        "mobilesdk_app_id": "1:402918337165:android:6c1f0e2bd93a47e1",
        "android_client_info": {
          "package_name": "com.fieldnotes.app"
        }
      },
      "oauth_client": [],
      "api_key": [
        {
          "current_key": "@@gk@@"
        }
      ],
      "services": {
        "appinvite_service": {
          "other_platform_oauth_client": []
        }
      }
    }
  ],
  "configuration_version": "1"
}
""", gk=gk), ("google_api_key", gk))

# en-6 Terraform prod.auto.tfvars
p, dd, dda, cf = pwr(20), datadog_api(), datadog_app(), cloudflare_token()
S("en", "config", T("""# prod.auto.tfvars -- DO NOT COMMIT  (narrator: it was committed)
environment          = "prod"
region               = "us-east-2"
db_instance_class    = "db.r6g.large"
db_master_username   = "appadmin"
db_master_password   = "@@p@@"

datadog_api_key      = "@@dd@@"
datadog_app_key      = "@@dda@@"
cloudflare_api_token = "@@cf@@"

bastion_private_ip   = "10.20.4.17"
alert_emails         = ["oncall-platform@example.com", "sre-leads@example.com"]
""", p=p, dd=dd, dda=dda, cf=cf),
  ("password", p), ("saas_token", dd), ("saas_token", dda), ("cloud_token", cf), ("ip_address", "10.20.4.17"),
  ("email", "oncall-platform@example.com"), ("email", "sre-leads@example.com"))

# en-7 Ansible INI inventory
p1, p2, p3 = pw(), pwr(18), pw()
S("en", "config", T("""# inventories/staging/hosts.ini
[web]
web-01 ansible_host=10.40.2.11
web-02 ansible_host=10.40.2.12

[db]
pg-primary ansible_host=10.40.3.5 ansible_user=postgres ansible_password=@@p1@@

[win]
ad-dc01 ansible_host=172.19.8.20

[win:vars]
ansible_connection=winrm
ansible_user=Administrator
ansible_password=@@p2@@
ansible_winrm_server_cert_validation=ignore

[all:vars]
ansible_python_interpreter=/usr/bin/python3
ansible_become_pass=@@p3@@
""", p1=p1, p2=p2, p3=p3),
  *many("ip_address", "10.40.2.11", "10.40.2.12", "10.40.3.5", "172.19.8.20"), *many("password", p1, p2, p3))

# en-8 bash history
ak, sk, gh, do = aws_key_id(), aws_secret(), github(), do_token()
url = "postgresql://report_ro:" + pw_url() + "@ledger-db.cluster-ro-c9akq2x1.us-east-2.rds.amazonaws.com:5432/ledger"
S("en", "code", T("""cd ~/src/ledger-api
git pull --rebase
export AWS_ACCESS_KEY_ID=@@ak@@
export AWS_SECRET_ACCESS_KEY=@@sk@@
aws s3 ls s3://ledger-exports-prod/2024/11/ --region us-east-2
curl -s -H "Authorization: Bearer @@gh@@" https://api.github.com/repos/acme/ledger-api/actions/runs | jq '.workflow_runs[0].status'
psql "@@url@@" -c 'select count(*) from invoices'
doctl auth init -t @@do@@
doctl compute droplet list --format Name,PublicIPv4
ssh -i ~/.ssh/ledger.pem ec2-user@3.141.77.209
history | grep psql
""", ak=ak, sk=sk, gh=gh, url=url, do=do),
  ("aws_access_key", ak), ("aws_secret_key", sk), ("github_token", gh), ("url_credentials", url),
  ("cloud_token", do), ("ip_address", "3.141.77.209"))

# en-9 .pypirc
t1, t2, p = pypi(), pypi(), pw()
S("en", "config", T("""[distutils]
index-servers =
    pypi
    testpypi
    internal

[pypi]
username = __token__
password = @@t1@@

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
password = @@t2@@

[internal]
repository = https://pypi.corp.example.com/simple/
username = release-bot
password = @@p@@
""", t1=t1, t2=t2, p=p), ("package_registry_token", t1), ("package_registry_token", t2), ("password", p))

# en-10 Maven settings.xml
p, jf = pwr(16), jfrog_ref()
S("en", "config", T("""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>nexus-releases</id>
      <username>ci-deployer</username>
      <password>@@p@@</password>
    </server>
    <server>
      <id>artifactory-libs</id>
      <username>build-svc</username>
      <!-- reference token, expires 2025-06 -->
      <password>@@jf@@</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>artifactory-libs</id>
      <mirrorOf>*</mirrorOf>
      <url>https://acme.jfrog.io/artifactory/libs-release</url>
    </mirror>
  </mirrors>
</settings>
""", p=p, jf=jf), ("password", p), ("package_registry_token", jf))

# en-11 GCP service-account JSON
sa, sakey = gcp_sa_json("billing-etl-prod")
S("en", "json", "$ cat infra/keys/billing-etl-prod-4f2a.json\n" + sa +
  "\n$ gcloud auth activate-service-account --key-file infra/keys/billing-etl-prod-4f2a.json\n"
  "Activated service account credentials for: [ci-deployer@billing-etl-prod.iam.gserviceaccount.com]\n",
  ("gcp_credentials", sakey), ("private_key", sakey), ("email", "ci-deployer@billing-etl-prod.iam.gserviceaccount.com"))

# en-12 Rails credentials:show
skb, ak, sk, st, wh, sg = rails_skb(), aws_key_id(), aws_secret(), stripe("sk_live_"), whsec(), sendgrid()
S("en", "config", T("""$ EDITOR=cat bin/rails credentials:show --environment production
secret_key_base: @@skb@@

aws:
  access_key_id: @@ak@@
  secret_access_key: @@sk@@
  region: us-east-1

stripe:
  secret_key: @@st@@
  webhook_secret: @@wh@@

sendgrid:
  api_key: @@sg@@
""", skb=skb, ak=ak, sk=sk, st=st, wh=wh, sg=sg),
  ("generic_secret", skb), ("aws_access_key", ak), ("aws_secret_key", sk), ("stripe_key", st), ("stripe_key", wh),
  ("saas_token", sg))

# en-13 C# xUnit fixtures (UK / IN / SG payees)
nino, ibgb, aad, nric = uk_nino(), iban("GB"), aadhaar(), sg_nric()
nino_s, ibgb_s, aad_s = fmt_nino(nino), iban_spaced(ibgb), fmt_mn(aad)
S("en", "code", T("""using System.Collections.Generic;
using Xunit;

namespace Payroll.Tests;

public class PayeeExportTests
{
    private static readonly List<Payee> Fixtures = new()
    {
        new Payee
        {
            Id = 7781,
            Name = "Oliver Penhaligon",
            Email = "oliver.penhaligon@example.co.uk",
            Phone = "+44 20 7946 0321",
            NationalInsuranceNumber = "@@nino@@",
            Iban = "@@ib@@",
        },
        new Payee { Id = 7782, Name = "Arjun Mehta", Email = "arjun.mehta@example.in", Phone = "+91 98450 31227", Aadhaar = "@@aad@@" },
        new Payee { Id = 7783, Name = "Tan Wei Ling", Email = "weiling.tan@example.sg", Phone = "+65 9123 4567", Nric = "@@nric@@" },
    };

    [Fact]
    public void Export_MasksIdentifiers()
    {
        var csv = PayeeExporter.ToCsv(Fixtures);
        Assert.DoesNotContain("@@nino@@", csv);
        Assert.Contains("***", csv);
    }
}
""", nino=nino_s, ib=ibgb_s, aad=aad_s, nric=nric),
  ("uk_nino", nino_s), ("iban", ibgb_s), ("in_aadhaar", aad_s), ("sg_nric", nric),
  *many("email", "oliver.penhaligon@example.co.uk", "arjun.mehta@example.in", "weiling.tan@example.sg"),
  *many("phone", "+44 20 7946 0321", "+91 98450 31227", "+65 9123 4567"))

# en-14 Postman environment
tsk, tsec = twilio_sk(), twilio_secret()
tok = jwt({"sub": "svc-notify", "scope": "notify:send notify:read", "iat": 1763901200, "exp": 1763987600})
S("en", "json", T("""{
  "id": "@@id@@",
  "name": "Notifications - prod",
  "values": [
    { "key": "baseUrl", "value": "https://notify.example.com/v2", "type": "default", "enabled": true },
    { "key": "twilioApiKeySid", "value": "@@tsk@@", "type": "default", "enabled": true },
    { "key": "twilioApiKeySecret", "value": "@@tsec@@", "type": "secret", "enabled": true },
    { "key": "accessToken", "value": "@@tok@@", "type": "secret", "enabled": true },
    { "key": "testRecipient", "value": "qa.lead@example.com", "type": "default", "enabled": true },
    { "key": "testPhone", "value": "+14155550178", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-11-20T15:02:11.482Z",
  "_postman_exported_using": "Postman/11.19.0"
}
""", id=uuid4(), tsk=tsk, tsec=tsec, tok=tok),
  ("saas_token", tsk), ("saas_token", tsec), ("jwt", tok), ("email", "qa.lead@example.com"), ("phone", "+14155550178"))

# en-15 Go constants with webhooks and a Telegram bot token
sw, dw, tg = slack_webhook(), discord_webhook(), telegram()
S("en", "code", T("""package alerts

import (
\t"bytes"
\t"encoding/json"
\t"net/http"
)

// Fan-out for the on-call rotation. TODO(mk): read these from env before GA.
const (
\tslackWebhookURL   = "@@sw@@"
\tdiscordWebhookURL = "@@dw@@"
\ttelegramBotToken  = "@@tg@@"
\ttelegramChatID    = -1001844207733
)

func postJSON(url string, v any) error {
\tb, _ := json.Marshal(v)
\tresp, err := http.Post(url, "application/json", bytes.NewReader(b))
\tif err != nil {
\t\treturn err
\t}
\treturn resp.Body.Close()
}
""", sw=sw, dw=dw, tg=tg), ("slack_webhook", sw), ("discord_webhook", dw), ("telegram_token", tg))

# en-16 Laravel .env
appkey, dbp, mg, ps, sq = b64bytes(32), pw(), mailgun(), pusher_secret(), square()
S("en", "config", T("""APP_NAME=Bookly
APP_ENV=production
APP_KEY=base64:@@appkey@@
APP_DEBUG=false
APP_URL=https://bookly.example.com

LOG_CHANNEL=stack

DB_CONNECTION=mysql
DB_HOST=10.0.12.5
DB_PORT=3306
DB_DATABASE=bookly
DB_USERNAME=bookly
DB_PASSWORD="@@dbp@@"

MAIL_MAILER=mailgun
MAILGUN_DOMAIN=mg.bookly.example.com
MAILGUN_SECRET=@@mg@@

PUSHER_APP_ID=1739204
PUSHER_APP_SECRET=@@ps@@
PUSHER_APP_CLUSTER=us2

SQUARE_ENVIRONMENT=production
SQUARE_ACCESS_TOKEN=@@sq@@
""", appkey=appkey, dbp=dbp, mg=mg, ps=ps, sq=sq),
  ("generic_secret", appkey), ("ip_address", "10.0.12.5"), ("password", dbp), ("saas_token", mg), ("saas_token", ps),
  ("payment_token", sq))

# en-17 shell session dumping an SSH config and private key
k = openssh_key()
S("en", "code", T("""$ cat ~/.ssh/config
Host jump-prod
    HostName 172.31.22.140
    User ec2-user
    IdentityFile ~/.ssh/id_ed25519_deploy
    ForwardAgent no

$ cat ~/.ssh/id_ed25519_deploy
@@k@@
$ chmod 600 ~/.ssh/id_ed25519_deploy
$ ssh jump-prod uptime
 14:02:11 up 41 days,  3:17,  1 user,  load average: 0.08, 0.11, 0.09
""", k=k), ("ip_address", "172.31.22.140"), ("private_key", k))

# en-18 Swift beta secrets enum
alg, oal, hft = algolia_admin(), openai_legacy(), hf()
S("en", "code", T("""import Foundation

/// Keys for the internal TestFlight build only.
/// (Rotated after the Oct incident? ask Karen before shipping.)
enum BetaSecrets {
    static let algoliaAppID = "H7QK2M0ZP1"
    static let algoliaAdminKey = "@@alg@@"
    static let openAIKey = "@@oal@@"
    static let huggingFaceToken = "@@hft@@"
    static let summarizerModel = "facebook/bart-large-cnn"
}
""", alg=alg, oal=oal, hft=hft), ("saas_token", alg), ("openai_key", oal), ("huggingface_token", hft))

# ---- EN hard negatives ----

# en-n1 Terraform reading secrets from Vault, random_password, sensitive vars
S("en", "config", """data "vault_generic_secret" "db" {
  path = "secret/data/prod/ledger-db"
}

resource "random_password" "redis" {
  length           = 32
  special          = true
  override_special = "!#%&*()-_=+[]{}<>:?"
}

resource "aws_db_instance" "ledger" {
  identifier              = "ledger-prod"
  engine                  = "postgres"
  engine_version          = "15.6"
  instance_class          = var.db_instance_class
  username                = data.vault_generic_secret.db.data["username"]
  password                = data.vault_generic_secret.db.data["password"]
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period = 14
}

variable "datadog_api_key" {
  type        = string
  sensitive   = true
  description = "Injected by the pipeline from TF_VAR_datadog_api_key"
}

output "redis_password" {
  value     = random_password.redis.result
  sensitive = true
}
""")

# en-n2 Ansible group_vars with inline vault
S("en", "config", T("""# group_vars/prod/main.yml -- inline-encrypted values, decrypt with --ask-vault-pass
db_user: ledger
db_password: !vault |
          @@v1@@
smtp_relay: "{{ lookup('env', 'SMTP_RELAY_HOST') }}"
api_token: "{{ vault_api_token }}"
ssl_key_path: /etc/ssl/private/ledger.key
""", v1=vault_blob("          ")))

# en-n3 package-lock.json excerpt
S("en", "json", T("""{
  "name": "ledger-web",
  "version": "3.8.1",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "node_modules/axios": {
      "version": "1.7.7",
      "resolved": "https://registry.npmjs.org/axios/-/axios-1.7.7.tgz",
      "integrity": "@@i1@@",
      "license": "MIT",
      "dependencies": {
        "follow-redirects": "^1.15.6",
        "form-data": "^4.0.0",
        "proxy-from-env": "^1.1.0"
      }
    },
    "node_modules/follow-redirects": {
      "version": "1.15.9",
      "resolved": "https://registry.npmjs.org/follow-redirects/-/follow-redirects-1.15.9.tgz",
      "integrity": "@@i2@@",
      "funding": [{ "type": "individual", "url": "https://github.com/sponsors/RubenVerborgh" }],
      "license": "MIT"
    },
    "node_modules/jose": {
      "version": "5.9.6",
      "resolved": "https://registry.npmjs.org/jose/-/jose-5.9.6.tgz",
      "integrity": "@@i3@@",
      "license": "MIT"
    }
  }
}
""", i1=sri(), i2=sri(), i3=sri()))

# en-n4 pytest: numbers that must fail validation
bc1, bc2, bc3 = bad_last(card("visa")), bad_last(card("mc")), bad_last(card("amex"))
bib = bad_iban(iban("GB"))
for v in (bc1, bc2, bc3):
    assert not luhn_valid(v)
assert not iban_valid(bib)
S("en", "code", T("""import pytest

from ledger.validators import is_valid_card, is_valid_iban

# Every value below must be REJECTED: check digits are wrong on purpose.
@pytest.mark.parametrize("pan", [
    "@@b1@@",
    "@@b2@@",
    "@@b3@@",
    "XXXX-XXXX-XXXX-XXXX",
])
def test_rejects_bad_luhn(pan):
    assert not is_valid_card(pan)


def test_rejects_bad_iban_checksum():
    assert not is_valid_iban("@@bib@@")


def test_rejects_empty():
    assert not is_valid_card("")
""", b1=fmt_card(bc1), b2=fmt_card(bc2, "-"), b3=bc3, bib=iban_spaced(bib)))

# en-n5 AWS CLI credentials format reference with the documentation example values
S("en", "config", """# ~/.aws/credentials -- format reference for the onboarding wiki.
# The values below are the AWS documentation EXAMPLE keys; they do not work. Use `aws sso login`.
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile ci]
role_arn = arn:aws:iam::123456789012:role/ci-deployer
source_profile = default
region = us-east-2

# Expected Authorization header shape (token is the well-known jwt.io example):
# Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
""")

# en-n6 SQL seed with bcrypt hashes and UUID keys
S("en", "code", T("""-- db/seeds/001_users.sql  (local/dev only)
-- Passwords are bcrypt hashes; dev plaintexts live in the team vault, not here.
INSERT INTO users (id, username, password_hash, role, mfa_enabled, created_at) VALUES
  ('@@u1@@', 'admin',        '@@h1@@', 'admin',   true,  '2024-01-08 00:00:00+00'),
  ('@@u2@@', 'support_lead', '@@h2@@', 'support', true,  '2024-01-08 00:00:00+00'),
  ('@@u3@@', 'readonly',     '@@h3@@', 'viewer',  false, '2024-01-08 00:00:00+00');

-- API clients store only the SHA-256 of the issued secret
INSERT INTO api_clients (id, name, client_id, secret_sha256, created_by) VALUES
  ('@@u4@@', 'reporting', 'rep-7f3c', '@@sh@@', '@@u1@@');
""", u1=uuid4(), u2=uuid4(), u3=uuid4(), u4=uuid4(), h1=bcrypt_h(), h2=bcrypt_h(), h3=bcrypt_h("2a", 10),
  sh=sha256hex()))

# en-n7 GitHub Actions release workflow (secrets by reference, SHA-pinned actions)
S("en", "config", T("""name: release
on:
  push:
    tags: ["v*"]

jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
      contents: read
    steps:
      - uses: actions/checkout@@@s1@@ # v4.1.1
      - uses: actions/setup-node@@@s2@@ # v4.0.2
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --provenance --access public
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
      - uses: aws-actions/configure-aws-credentials@@@s3@@ # v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/gh-release
          aws-region: us-east-2
      - run: aws s3 cp dist/ s3://ledger-web-releases/${{ github.ref_name }}/ --recursive
""", s1=rnd(HEX, 40), s2=rnd(HEX, 40), s3=rnd(HEX, 40)))

