"""Fresh set 5b (2026-11-24): written by a helper who read only fakegen.py, never the rules,
in the session after fresh sets 3 and 4 (Korean 65, Japanese 65); scored once before any fix of that session's
set-5 pass (docs/detection.md, "Fresh set 5"). Values are generated (fake): see fakegen.py.
Usage: python3 fresh5b_2026_11_24.py OUT.jsonl
"""
import os
import sys, json, string, base64, hashlib, subprocess, tempfile, os, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *

seed(5502)
OUT = []
S = sample_adder(OUT, "f5b")
DG = string.digits


# ---------------------------------------------------------------- helpers
def d(n):
    return rnd(DG, n)


def T(s, **kw):
    """Fill ⟦name⟧ markers (so code with braces stays readable)."""
    for k, v in kw.items():
        s = s.replace("⟦" + k + "⟧", v)
    assert "⟦" not in s, s[:120]
    return s


def J(obj, indent=2):
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def kr_mobile(sep="-"):
    return f"010{sep}{R.randint(2000, 9999)}{sep}{d(4)}"


def kr_seoul():
    mid = str(R.randint(300, 999)) if R.random() < 0.4 else str(R.randint(2000, 6999))
    return f"02-{mid}-{d(4)}"


def kr_area():
    return f"0{R.choice(['31', '32', '51', '53', '62', '42', '64'])}-{R.randint(200, 999)}-{d(4)}"


def jp_mobile(sep="-"):
    return f"0{R.choice('789')}0{sep}{R.randint(1000, 9999)}{sep}{d(4)}"


def jp_tokyo():
    return f"03-{R.randint(3000, 6999)}-{d(4)}"


def jp_osaka():
    return f"06-{R.randint(6100, 6999)}-{d(4)}"


def jp_e164():
    return f"+81-{R.choice('789')}0-{R.randint(1000, 9999)}-{d(4)}"


FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def fw(s):
    return s.translate(FW)


def ip_priv():
    k = R.choice([10, 172, 192])
    if k == 10:
        return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    if k == 172:
        return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"
    return f"192.168.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ip_pub():
    return f"{R.choice([211, 121, 175, 218, 58, 110, 126, 133, 153, 160, 39, 45, 91, 185])}.{R.randint(1, 254)}.{R.randint(0, 255)}.{R.randint(2, 254)}"


def ipv6():
    return "2001:2d8:" + ":".join((rnd(HEX, 4).lstrip("0") or "0") for _ in range(3)) + "::" + (rnd(HEX, 3).lstrip("0") or "1")


def uuid4():
    h = rnd(HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def sha256hex():
    return hashlib.sha256(rnd(ALNUM, 20).encode()).hexdigest()


def gitsha():
    return hashlib.sha1(rnd(ALNUM, 20).encode()).hexdigest()


BC64 = "./" + string.ascii_uppercase + string.ascii_lowercase + string.digits


def bcrypt_hash():
    return "$2a$10$" + rnd(BC64, 53)


def argon2_hash():
    b = string.ascii_letters + string.digits + "+/"
    return f"$argon2id$v=19$m=65536,t=3,p=4${rnd(b, 22)}${rnd(b, 43)}"


def kr_brn():
    """Korean business registration number (사업자등록번호) with its check digit."""
    digits = f"{R.randint(101, 699)}{R.choice(['81', '86', '87', '88', '01', '05', '13'])}{d(4)}"
    w = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    s = sum(int(a) * b for a, b in zip(digits, w)) + int(digits[8]) * 5 // 10
    full = digits + str((10 - s % 10) % 10)
    return f"{full[:3]}-{full[3:5]}-{full[5:]}"


def kr_corpno():
    """Korean corporate registration number (법인등록번호), 6-7 digits like an RRN."""
    base = R.choice(["1101", "1301", "1201", "1801"]) + "11" + d(6)
    s = sum(int(a) * (1 if i % 2 == 0 else 2) for i, a in enumerate(base))
    full = base + str((10 - s % 10) % 10)
    return full[:6] + "-" + full[6:]


def jp_corp():
    """Japanese corporate number (法人番号), 13 digits, leading check digit."""
    base = rnd("123456789", 1) + d(11)
    s = sum(int(c) * (1 if n % 2 == 1 else 2) for n, c in enumerate(reversed(base), start=1))
    return str(9 - s % 9) + base


def mynumber_ok(n):
    w = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    s = sum(int(a) * b for a, b in zip(n[:11], w)) % 11
    return n[11] == str(0 if s <= 1 else 11 - s)


def not_mynumber12():
    while True:
        v = rnd("123456789", 1) + d(11)
        if not mynumber_ok(v):
            return v


def yamato(sep="-"):
    b = rnd("123456789", 1) + d(10)
    f = b + str(int(b) % 7)
    return sep.join([f[:4], f[4:8], f[8:]])


def ean13(prefix):
    b = prefix + d(12 - len(prefix))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b))
    return b + str((10 - s % 10) % 10)


def ssh_pub():
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(R.getrandbits(8) for _ in range(32))
    return "ssh-ed25519 " + base64.b64encode(blob).decode()


def cert(cn, org):
    k = tempfile.mktemp()
    out = subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", k, "-subj", f"/O={org}/CN={cn}", "-days", "398"],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(k)
    return out.strip()


def body_line(key, escaped=False):
    lines = key.split("\\n") if escaped else key.splitlines()
    return lines[1]


def toss_live(kind="sk"):
    return f"live_{kind}_" + rnd_mixed(ALNUM, 28)


def upstage():
    return "up_" + rnd_mixed(ALNUM, 30)


def line_token():
    return rnd_mixed(ALNUM + "/+", 171) + "="


def url_pw(n=16):
    return rnd_mixed(ALNUM, n)


def luhn_ok(n):
    return luhn_valid(n)


# =================================================================== KOREAN (positives)
# K1 KakaoTalk PC export
p = kr_mobile()
S("ko", "chat_kakaotalk", f"""2024년 11월 22일 금요일
[이수진] [오후 2:14] 나 번호 바꿨어 ㅋㅋ 통신사 옮기면서
[이수진] [오후 2:14] {p}이야 저장해놔
[박지훈] [오후 2:16] 오키 ㅇㅇ 근데 청첩장 모바일로 준다며
[이수진] [오후 2:17] 응응 메일로 보낼게 주소 불러줘
[박지훈] [오후 2:18] jihoon.park0412@naver.com으로 보내줘~ 회사메일은 필터링돼서 안 옴
[이수진] [오후 2:18] 넹 저녁에 보낼게""",
  ("phone", p), ("email", "jihoon.park0412@naver.com"))

# K2 Slack thread, URL credentials
pw, ip = url_pw(18), ip_priv()
S("ko", "chat_slack", f"""김민재  오전 10:42
@정하늘 스테이징 주문 DB 접속정보 공유드려요. 읽기전용 계정이라 괜찮을 거예요
`postgres://orders_ro:{pw}@{ip}:5432/orders_stg`
정하늘  오전 10:44
감사합니다! 근데 이거 DM으로 주시지 ㅠㅠ 채널 사람 다 보여요
김민재  오전 10:45
앗 ㅋㅋ 오후에 비번 로테이션 돌릴게요""",
  ("url_credentials", pw), ("ip_address", ip))

# K3 .env with Korean comments (payment token, generic secret, password; client key is publishable)
toss_sk, toss_ck, ksec, ip, pw = toss_live("sk"), toss_live("ck"), high_entropy(32), ip_priv(), password()
S("ko", "config_env", f"""# ===== 결제 (토스페이먼츠) =====
# 운영 키임!!! 절대 깃에 올리지 말 것
TOSS_CLIENT_KEY={toss_ck}
TOSS_SECRET_KEY={toss_sk}

# ===== 카카오 로그인 =====
KAKAO_CLIENT_ID=3f1c0a9e
KAKAO_CLIENT_SECRET={ksec}
KAKAO_REDIRECT_URI=https://ttangkong.kr/oauth/kakao/callback

# ===== DB =====
DB_HOST={ip}
DB_PORT=3306
DB_USER=shop
DB_PASSWORD={pw}
""", ("payment_token", toss_sk), ("generic_secret", ksec), ("ip_address", ip), ("password", pw))

# K4 OpenAI chat body, card-company call memo
p, c = kr_mobile(), card("mc")
body = {"model": "gpt-4o-mini", "temperature": 0.2, "messages": [
    {"role": "system", "content": "너는 카드사 상담 내역을 3줄로 요약하는 어시스턴트야. 요약문에 고객 개인정보는 넣지 마."},
    {"role": "user", "content": f"상담 메모:\n고객 최O영 님({p}) 오늘 오전 해외 결제 승인 문자 받았다고 함. 본인 결제 아님. "
                                f"카드번호 {fmt_card(c, '-')} 즉시 정지 요청, 재발급 희망(등기 수령). 승인번호 30412877, 금액 USD 249.00, 가맹점 'STEAMGAMES.COM'"}]}
S("ko", "llm_openai", J(body), ("phone", p), ("card", fmt_card(c, "-")))

# K5 HR spreadsheet (TSV) with RRNs with/without hyphen
r1, r2 = kr_rrn(1994), kr_rrn(1998)
r2n = r2.replace("-", "")
p1, p2 = kr_mobile(), kr_mobile("")
S("ko", "spreadsheet", f"""사번\t성명\t부서\t주민등록번호\t휴대전화\t이메일\t입사일
20230117\t김도윤\t플랫폼개발팀\t{r1}\t{p1}\tdoyun.kim@hanbit-soft.co.kr\t2023-01-17
20230245\t윤서아\t인사팀\t{r2n}\t{p2}\tseoa.yoon@hanbit-soft.co.kr\t2023-02-06
20230311\t장민호\t재무팀\t(제출대기)\t\t\t2023-03-13""",
  ("kr_rrn", r1), ("kr_rrn", r2n), ("phone", p1), ("phone", p2),
  ("email", "doyun.kim@hanbit-soft.co.kr"), ("email", "seoa.yoon@hanbit-soft.co.kr"))

# K6 Anthropic messages with tool_result carrying member data (postal code unlabelled)
p = kr_mobile()
tid = "toolu_01" + rnd(ALNUM, 22)
member = {"name": "정유진", "phone": p, "email": "yujin_j@kakao.com",
          "address": "경기도 성남시 분당구 판교역로 235 에이치스퀘어 N동 7층", "zipcode": "13494",
          "grade": "VIP", "updated_at": "2024-11-02T09:13:44+09:00"}
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024,
        "tools": [{"name": "lookup_member", "description": "회원번호로 회원 정보를 조회한다",
                   "input_schema": {"type": "object", "properties": {"member_id": {"type": "string"}}, "required": ["member_id"]}}],
        "messages": [
            {"role": "user", "content": "회원번호 M-0088213 배송지 최근에 바뀌었는지 확인해줘"},
            {"role": "assistant", "content": [{"type": "text", "text": "회원 정보를 조회해 볼게요."},
                                              {"type": "tool_use", "id": tid, "name": "lookup_member", "input": {"member_id": "M-0088213"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid,
                                          "content": json.dumps(member, ensure_ascii=False)}]}]}
S("ko", "llm_anthropic", J(body), ("phone", p), ("email", "yujin_j@kakao.com"))

# K7 Gemini body: user pastes boto3 code with keys
ak, sk = aws_key_id(), aws_secret()
txt = (f"boto3로 S3 업로드하는데 SignatureDoesNotMatch 에러가 나요ㅠ 코드 좀 봐주세요\n\nimport boto3\n"
       f"s3 = boto3.client('s3', region_name='ap-northeast-2',\n    aws_access_key_id='{ak}',\n    aws_secret_access_key='{sk}')\n"
       f"s3.upload_file('월간리포트_11월.xlsx', 'hanbit-reports', '2024/11/report.xlsx')")
body = {"contents": [{"role": "user", "parts": [{"text": txt}]}], "generationConfig": {"temperature": 0.4, "maxOutputTokens": 2048}}
S("ko", "llm_gemini", J(body), ("aws_access_key", ak), ("aws_secret_key", sk))

# K8 Ollama generate: meeting notes with a GitHub token and an internal IP
gh, ip = github(), ip_priv()
body = {"model": "llama3.1:8b", "stream": False, "prompt":
        f"다음 회의록을 3줄로 요약해줘.\n\n[주간 회의 11/21]\n- 배포 파이프라인: 젠킨스 → GitHub Actions 이전 완료\n"
        f"- 임시로 제 개인 토큰({gh}) 쓰는 중, 다음 주까지 봇 계정으로 교체 예정\n- QA 서버({ip}) 디스크 사용률 90% 경고, 로그 로테이션 설정 필요\n- 다음 회의: 11/28(목) 10시"}
S("ko", "llm_ollama", J(body), ("github_token", gh), ("ip_address", ip))

# K9 shopping-mall support ticket: address+postal code (unlabelled), phone, card
p, c = kr_mobile(), card("visa")
S("ko", "support_ticket", f"""[문의유형] 배송지 변경 / 결제수단 변경
[주문번호] 2024112318453921
[작성자] 한*민
[작성일] 2024-11-23 09:12

어제 밤에 주문한 거 배송지를 회사로 바꿔주세요.
서울시 영등포구 국제금융로 10, 쓰리아이에프씨 28층 (우편번호 07326)
받는 분 연락처는 {p} 입니다. 경비실 말고 28층 안내데스크에 맡겨주세요.
그리고 결제 카드가 잘못 선택됐는데 {c}로 다시 결제할 수 있나요? 기존 건은 취소해주시고요.""",
  ("phone", p), ("card", c))

# K10 e-mail between German branch and HQ payroll: Steuer-ID, IBAN, +49 phone
de, ib = de_steuer_id(), iban("DE")
ph = f"+49 151 {d(4)} {d(4)}"
S("ko", "email", f"""보낸 사람: 한빛소프트 독일법인 HR <hr.de@hanbit-soft.co.kr>
받는 사람: 본사 급여담당 <payroll@hanbit-soft.co.kr>
제목: [독일 파견] 오세훈 책임 12월 급여 처리 정보

안녕하세요, 독일법인 인사 담당 류지안입니다.
12월부터 뮌헨 사무소로 파견되는 오세훈 책임 급여 처리에 필요한 정보 전달드립니다.

- 성명: 오세훈 (OH SEHOON)
- Steuer-ID(세금 식별번호): {de}
- 급여 계좌(IBAN): {iban_spaced(ib)}
- 현지 연락처: {ph}
- Steuerklasse: 1

Lohnsteuer 계산은 현지 세무사 쪽에서 진행하고, 본사에서는 원화 보전분만 처리해주시면 됩니다.
감사합니다.""",
  ("email", "hr.de@hanbit-soft.co.kr"), ("email", "payroll@hanbit-soft.co.kr"), ("de_steuer_id", de),
  ("iban", iban_spaced(ib)), ("phone", ph))

# K11 Kakao-style chat: Dutch BSN
bsn = nl_bsn()
S("ko", "chat", f"""언니 나 암스테르담 시청 등록 드디어 끝났어!!!
BSN 번호 나왔는데 {bsn} 이거래 ㅋㅋ 은행 계좌 만들 때랑 보험 들 때 다 필요하다고 하더라
DigiD는 집주소로 우편 오면 활성화하라는데 그게 2주 걸린대 ㅠ""", ("nl_bsn", bsn))

# K12 community post (Paris student): French NIR
nir = fr_nir()
S("ko", "forum_post", f"""[파리 유학생 카페] 사회보장번호 정식 번호 나왔어요 (후기)

9월에 Ameli 가입 신청했는데 오늘 우편으로 attestation 받았습니다.
임시번호(7로 시작하는 거) 말고 정식 번호는 {nir} 이렇게 15자리로 나오네요.
carte vitale은 사진 올려서 따로 신청해야 한다고 해서 방금 했어요. 보통 3주 정도 걸린대요.
mutuelle은 학교에서 안내해준 곳으로 가입했는데 혹시 더 싼 데 아시면 댓글 부탁드려요!""", ("fr_nir", nir))

# K13 nginx access log pasted with a question (IPs, JWT in query string)
ip1, ip2, tok = ip_pub(), ip_pub(), jwt({"sub": "u_58213", "role": "member", "iat": 1763880131})
S("ko", "log", f"""이 로그 보면 토큰이 쿼리스트링으로 그대로 찍히는데 이거 문제 아닌가요? 앱팀에 헤더로 바꾸라고 해야 할 듯

{ip1} - - [23/Nov/2024:14:02:11 +0900] "GET /api/v1/orders?page=2&access_token={tok} HTTP/1.1" 200 5123 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) KAKAOTALK 10.4.5"
{ip2} - - [23/Nov/2024:14:02:13 +0900] "GET /api/v1/banners HTTP/1.1" 304 0 "https://m.ttangkong.kr/" "Mozilla/5.0 (Linux; Android 14; SM-S928N)"
""", ("ip_address", ip1), ("ip_address", ip2), ("jwt", tok))

# K14 Spring batch stack trace with JDBC URL password
ipa, ipb, pw = ip_priv(), ip_priv(), password()
S("ko", "stack_trace", f"""정산 배치가 새벽 3시마다 죽는데 원인 아시는 분? 어제 DB 계정 비번 바꾼 뒤부터 이래요

2024-11-23 03:00:02.114 ERROR 18231 --- [           main] o.s.boot.SpringApplication               : Application run failed
org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLException: Access denied for user 'batch'@'{ipa}' (using password: YES)
	url=jdbc:mysql://{ipb}:3306/settle?user=batch&password={pw}&useSSL=false&serverTimezone=Asia/Seoul
	at org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:83)
	at org.springframework.batch.core.repository.support.JobRepositoryFactoryBean.afterPropertiesSet(JobRepositoryFactoryBean.java:187)
	... 41 common frames omitted""",
  ("ip_address", ipa), ("ip_address", ipb), ("password", pw))

# K15 Spring application.yml with password and JWT signing secret
pw, sec = password_random(16), high_entropy(48)
S("ko", "config_yaml", f"""spring:
  datasource:
    url: jdbc:postgresql://pg-main.internal:5432/member
    username: member_app
    password: "{pw}"   # 운영 DB 비번 (임시, 다음 배포 때 Vault로 이전)
  jpa:
    open-in-view: false

jwt:
  # 토큰 서명 키 - 바꾸면 기존 로그인 세션 다 풀림 주의
  secret: {sec}
  access-expiration-ms: 3600000
  refresh-expiration-ms: 1209600000
""", ("password", pw), ("generic_secret", sec))

# K16 Terraform DigitalOcean token
tok = do_token()
S("ko", "config_terraform", f"""# 개발서버용 드롭릿 (싱가포르 리전)
# TODO: 토큰 하드코딩 → TF_VAR로 빼기. 일단 데모 전까지만 이렇게 둠
provider "digitalocean" {{
  token = "{tok}"
}}

resource "digitalocean_droplet" "dev_api" {{
  image  = "ubuntu-22-04-x64"
  name   = "dev-api-01"
  region = "sgp1"
  size   = "s-2vcpu-4gb"
  tags   = ["dev", "한빛-api"]
}}
""", ("cloud_token", tok))

# K17 GitHub Actions with a hard-coded Slack webhook
wh = slack_webhook()
S("ko", "config_gha", f"""name: 배포 알림
on:
  push:
    branches: [ main ]

jobs:
  notify:
    runs-on: ubuntu-latest
    steps:
      - name: 슬랙 알림 보내기
        # FIXME: 웹훅 URL secrets로 옮기기 (급해서 일단 하드코딩함)
        run: |
          curl -sS -X POST -H 'Content-type: application/json' \\
            --data '{{"text":"main 브랜치 배포 완료 :rocket: (${{{{ github.actor }}}})"}}' \\
            {wh}
""", ("slack_webhook", wh))

# K18 chat + shell history with an Anthropic key
ant = anthropic()
S("ko", "shell_history", f"""어제 뭐 쳤는지 히스토리 뽑아봤어요. 키는 환경변수로만 넣었는데 그것도 남네요 ㅋㅋ;;

  501  cd ~/work/support-bot
  502  python -m venv .venv && source .venv/bin/activate
  503  pip install anthropic python-dotenv
  504  export ANTHROPIC_API_KEY={ant}
  505  python scripts/test_claude.py --prompt "환불 규정 요약해줘"
  506  history | grep export""", ("anthropic_key", ant))

# K19 Discord bot (Python) with Korean comments
tok = discord_token()
S("ko", "code_python", T('''import discord

# 디스코드 봇 토큰 (동아리 서버 전용) - 절대 공유 X
TOKEN = "⟦tok⟧"

intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)


@client.event
async def on_message(message):
    if message.author.bot:
        return
    if message.content.startswith("!출석"):
        await message.channel.send(f"{message.author.display_name}님 출석 완료! ✅")

client.run(TOKEN)
''', tok=tok), ("discord_token", tok))

# K20 Node/TS Discord webhook alert helper
wh = discord_webhook()
S("ko", "code_ts", T('''// 서버 에러 나면 디스코드 #장애-알림 채널로 쏴주는 헬퍼
const WEBHOOK_URL = "⟦wh⟧";

export async function alertDiscord(msg: string, level: "warn" | "error" = "error") {
  const prefix = level === "error" ? "🚨 [에러]" : "⚠️ [경고]";
  await fetch(WEBHOOK_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ content: `${prefix} ${msg}` }),
  });
}
''', wh=wh), ("discord_webhook", wh))

# K21 Telegram token in chat prose
tg = telegram()
S("ko", "chat", f"""텔레그램 봇 만들었는데 getUpdates 호출하면 계속 401 Unauthorized 떠요
토큰은 봇파더가 준 {tg} 이거 그대로 복붙했거든요?
혹시 앞에 bot 붙여야 하는 건가요""", ("telegram_token", tg))

# K22 INI config for an internal Slack bot
xb = slack_bot()
S("ko", "config_ini", f"""; 사내 점심메뉴 추천봇 설정
; 담당: 인프라팀 오수빈 (문의는 슬랙 DM)
[slack]
bot_token = {xb}
channel = #점심-뭐먹지
post_time = 11:20

[menu]
source = sheets
sheet_name = 11월_식당목록
""", ("slack_token", xb))

# K23 PHP Stripe live key for overseas checkout
sk = stripe("sk_live_")
S("ko", "code_php", T('''<?php
// 해외 결제용 (Stripe) - 운영키
require_once __DIR__ . '/vendor/autoload.php';
\\Stripe\\Stripe::setApiKey('⟦sk⟧');

$session = \\Stripe\\Checkout\\Session::create([
    'mode' => 'payment',
    'line_items' => [[
        'price_data' => [
            'currency' => 'usd',
            'product_data' => ['name' => '한정판 굿즈 세트'],
            'unit_amount' => 3900,
        ],
        'quantity' => 1,
    ]],
    'success_url' => 'https://shop.ttangkong.kr/order/complete?sid={CHECKOUT_SESSION_ID}',
    'cancel_url' => 'https://shop.ttangkong.kr/cart',
]);
header('Location: ' . $session->url);
''', sk=sk), ("stripe_key", sk))

# K24 HTML page with Google Maps key (coordinates unlabelled)
gk = google_key()
S("ko", "html", f"""<!-- 매물 상세 페이지 지도 -->
<div id="map" style="width:100%;height:360px"></div>
<p class="addr">서울 성동구 왕십리로 83-21 (37.5446, 127.0557)</p>
<script>
  function initMap() {{
    const pos = {{ lat: 37.5446, lng: 127.0557 }};
    const map = new google.maps.Map(document.getElementById("map"), {{ zoom: 16, center: pos }});
    new google.maps.Marker({{ position: pos, map, title: "성수 래미안 84㎡" }});
  }}
</script>
<script async src="https://maps.googleapis.com/maps/api/js?key={gk}&callback=initMap&language=ko&region=KR"></script>
""", ("google_api_key", gk))

# K25 Colab notebook cell with HF token
hft = hf()
S("ko", "code_python", f"""# 코랩에서 한국어 LLM 파인튜닝 (LoRA)
!pip install -q transformers peft datasets accelerate

from huggingface_hub import login
login(token="{hft}")  # 내 토큰임, 노트북 공유할 때 지우기!!

from datasets import load_dataset
ds = load_dataset("beomi/KoAlpaca-v1.1a", split="train[:2000]")
print(ds[0]["instruction"])""", ("huggingface_token", hft))

# K26 .npmrc
nt = npm()
S("ko", "config_npmrc", f"""# 사내 디자인시스템 패키지 배포용 (@ttangkong/ui)
# 로컬에서만 쓰고 CI는 NPM_TOKEN 시크릿 사용
//registry.npmjs.org/:_authToken={nt}
@ttangkong:registry=https://registry.npmjs.org/
save-exact=true
""", ("npm_token", nt))

# K27 .pypirc pasted in a question
pt = pypi()
S("ko", "config_ini", f"""twine upload 하면 403 Forbidden 나와요. 설정파일 그대로 붙입니다 (토큰은 어제 새로 만든 거)

[distutils]
index-servers =
    pypi

[pypi]
username = __token__
password = {pt}
""", ("package_registry_token", pt))

# K28 .env for a Korean LLM app: Upstage, Groq, OpenAI
up, gq, oa = upstage(), groq(), openai_proj()
S("ko", "config_env", f"""# LLM 프로바이더 키 모음 (비교 실험용)
# 솔라(업스테이지)가 한국어 요약 품질 제일 좋았음 - 11/20 기준
UPSTAGE_API_KEY={up}
GROQ_API_KEY={gq}
OPENAI_API_KEY={oa}
DEFAULT_PROVIDER=upstage
MAX_TOKENS=1024
""", ("ai_api_key", up), ("ai_api_key", gq), ("openai_key", oa))

# K29 GitLab API how-to in an internal wiki
gl = gitlab()
S("ko", "wiki_markdown", f"""### 사내 GitLab API로 열린 MR 목록 뽑기

```bash
curl --header "PRIVATE-TOKEN: {gl}" \\
  "https://gitlab.hanbit.kr/api/v4/projects/42/merge_requests?state=opened&per_page=50" | jq '.[].title'
```

※ 위 토큰은 제 개인 토큰이라 다음 주에 폐기합니다. 본인 토큰 발급해서 쓰세요 (User Settings → Access Tokens, 권한은 `read_api`만).""",
  ("gitlab_token", gl))

# K30 C# appsettings.json with Azure storage key and client secret (GUIDs unlabelled)
ask, acs = azure_storage_key(), azure_client_secret()
S("ko", "config_json", f"""{{
  // 개발 환경 설정 - 운영은 Key Vault 참조
  "ConnectionStrings": {{
    "Blob": "DefaultEndpointsProtocol=https;AccountName=hanbitfiles;AccountKey={ask};EndpointSuffix=core.windows.net"
  }},
  "AzureAd": {{
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "{uuid4()}",
    "ClientId": "{uuid4()}",
    "ClientSecret": "{acs}"
  }},
  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }}
}}""", ("azure_key", ask), ("azure_key", acs))

# K31 chat: US SSN
ssn = us_ssn()
S("ko", "chat", f"""미국 회사에서 온보딩 서류로 W-4 작성하라는데 SSN 칸에 {ssn} 넣으면 되는 거 맞지?
카드 실물은 아직 안 왔고 사회보장국에서 번호만 받아 적어둔 상태야""", ("us_ssn", ssn))

# K32 HR e-mail: Aadhaar + Indian phone
aa = aadhaar()
aa_f = f"{aa[:4]} {aa[4:8]} {aa[8:]}"
ph = f"+91 {R.choice('9876')}{d(4)} {d(5)}"
S("ko", "email", f"""Rahul님 안녕하세요, 한빛소프트 인사팀 문가영입니다.

보내주신 비자 서류 잘 받았습니다. 확인차 정리해 드리면
- Aadhaar 번호: {aa_f}
- 인도 현지 비상연락처: {ph} (아버님)
이렇게 등록해 두었고, 외국인등록은 입국 후 90일 이내에 출입국사무소 방문 예약 잡아드릴게요.

궁금한 점 있으시면 편하게 회신 주세요.""", ("in_aadhaar", aa_f), ("phone", ph))

# K33 memo: Singapore NRIC + phone
nr = sg_nric()
ph = f"+65 {R.choice('89')}{d(3)} {d(4)}"
S("ko", "memo", f"""[싱가포르 법인 채용 건] 11/22 메모
- 현지 채용 매니저: Tan Wei Ling
- NRIC: {nr}
- 연락처: {ph}
- 연봉 SGD 96,000 / 수습 3개월 / 입사 예정일 2025-01-06
고용계약서 스캔본은 공유드라이브 '싱가포르법인/채용/2024' 폴더에 올려둠""", ("sg_nric", nr), ("phone", ph))

# K34 blog: Italian codice fiscale
cf = it_cf()
S("ko", "blog", f"""밀라노 교환학생 준비 D-30 🇮🇹
오늘 드디어 codice fiscale 발급 메일 받음!! 영사관 통해서 신청했는데 2주 걸렸다.
내 번호는 {cf} ← 이거 은행, 유심, 기숙사 계약에 다 들어간다고 해서 캡처해둠.
다음 할 일: permesso di soggiorno 예약, 학생 교통카드(ATM) 신청""", ("it_codice_fiscale", cf))

# K35 OpenSSH private key pasted to a colleague
key = openssh_key()
S("ko", "chat", f"""선배 서버 접속용 키 이거 맞나요? ~/.ssh/id_ed25519 내용 그대로 복사했어요

{key}

authorized_keys에 넣으려면 이거 말고 .pub 쪽 보내야 하는 거죠? 헷갈리네요""", ("private_key", body_line(key)))

# K36 IDC ticket: IPv6 + IPv4
v6, v4 = ipv6(), ip_pub()
S("ko", "support_ticket", f"""[장애 문의] 고객사 서버 IPv6 통신 불가

고객사: (주)다온물류 / 랙 B-14
증상: {v6} 로 ping, 443 접속 모두 타임아웃입니다.
같은 서버의 IPv4 주소 {v4}는 정상 응답합니다.
어제 22시 네트워크 작업 이후부터 발생한 것 같습니다. 라우팅 확인 부탁드립니다.""",
  ("ip_address", v6), ("ip_address", v4))

# K37 office chat: Wi-Fi password
pw = password()
S("ko", "chat", f"""📢 사무실 와이파이 비번 바뀌었습니다!
SSID: HANBIT_5G / 비번: {pw}
손님용은 HANBIT_GUEST (비번 없음, 2시간 제한) 쓰시면 됩니다~""", ("password", pw))

# K38 KakaoWork paste of a GCP service-account key
sa, key = gcp_sa_json("hanbit-bq-prod")
bl = body_line(key, escaped=True)
S("ko", "chat", f"""빅쿼리 연동용 서비스 계정 키 파일 내용 붙여드려요. 루커 스튜디오 연결할 때 쓰시면 됩니다

{sa}""", ("gcp_credentials", bl), ("private_key", bl), ("email", "ci-deployer@hanbit-bq-prod.iam.gserviceaccount.com"))

# K39 OCR of a resident registration abstract (주민등록표 초본) with RRN, address, phone
r = kr_rrn(1987)
p = f"051-{R.randint(700, 999)}-{d(4)}"
S("ko", "ocr", f"""주 민 등 록 표 (초 본)
이 초본은 개인별 주민등록표의 원본내용과 틀림없음을 증명합니다.
2024년 11월 20일
성    명 : 배 지 현        주민등록번호 : {r}
세대주 성명 : 배 영 수     세대주와의 관계 : 본인의 자
주    소 : 부산광역시 해운대구 센텀중앙로 97 , 1203동 1502호
전입일 2019-03-04   변동사유 전입
연락처(신청인) {p}
발급번호 1180-2394-7731-5520   수수료 무료(인터넷)""", ("kr_rrn", r), ("phone", p))

# K40 UK working-holiday chat (YMS): NINO + UK mobile
ni = uk_nino()
ph = f"07{R.randint(400, 999)} {d(6)}"
S("ko", "chat", f"""영국 YMS 3주차 후기 ✍️
NI 번호 드디어 나옴!! 편지로 {ni} 라고 왔는데 카페 매니저한테 이거 알려주면 된대.
그리고 유심은 giffgaff로 했고 번호 {ph} 야, 한국 번호는 정지해둠""", ("uk_nino", ni), ("phone", ph))

# =================================================================== KOREAN (hard negatives)
# KN1 shopping-mall footer: business + corporate registration numbers, postal code
S("ko", "html", f"""<footer class="site-footer">
  <p>상호명: (주)땅콩마켓 | 대표이사: 이정훈 | 사업자등록번호: {kr_brn()} <a href="https://www.ftc.go.kr/bizCommPop.do">[사업자정보확인]</a></p>
  <p>통신판매업신고번호: 제2022-서울마포-1873호 | 법인등록번호: {kr_corpno()}</p>
  <p>주소: 서울특별시 마포구 양화로 45, 8층 (서교동) 우편번호 04036</p>
  <p>개인정보보호책임자: 김태희 | 호스팅서비스 제공자: 네이버클라우드(주)</p>
  <p>Copyright © 2024 Ttangkong Market Inc. All rights reserved.</p>
</footer>""")

# KN2 password policy notice, no password
S("ko", "notice", """[보안팀 공지] 12월 1일부터 사내 계정 비밀번호 정책이 변경됩니다.

- 최소 12자 이상, 영문 대/소문자·숫자·특수문자 중 3종류 이상 조합
- 직전 5회 이내에 사용한 비밀번호는 재사용 불가
- 90일마다 변경 (만료 7일 전 메일로 안내)
- 생일, 전화번호, 사번처럼 추측 가능한 정보는 쓰지 마세요

비밀번호를 메신저나 메일로 공유하는 일은 절대 없어야 합니다. 분실 시 IT헬프데스크(내선 2580)로 문의 바랍니다.""")

# KN3 .env.example with placeholders
S("ko", "config_env", """# 복사해서 .env로 쓰세요 (cp .env.example .env)
# 실제 키는 1Password '개발팀 볼트'에 있음. 여기엔 절대 진짜 값 넣지 말 것!
OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
ANTHROPIC_API_KEY=<여기에_키_입력>
KAKAO_REST_API_KEY=
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
DB_PASSWORD=changeme
JWT_SECRET=your-jwt-secret-here
""")

# KN4 GitHub Actions using secrets references only
S("ko", "config_gha", """name: 운영 배포
on:
  workflow_dispatch:
    inputs:
      reason:
        description: "배포 사유"
        required: true

jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - name: AWS 자격증명 설정
        uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
          aws-region: ap-northeast-2
      - name: 슬랙 알림
        env:
          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
        run: ./scripts/notify.sh "운영 배포 완료 - ${{ github.event.inputs.reason }}"
""")

# KN5 CS reply with masked data only
S("ko", "email", """안녕하세요 고객님, 땅콩마켓 고객센터입니다.
문의하신 주문 건을 확인해 보니 아래 정보로 접수되어 있습니다.

- 주문자: 박*영
- 연락처: 010-****-7342
- 결제수단: 신한카드 (5412-****-****-1187)
- 본인확인: 881203-1******

정보 변경이 필요하시면 [마이페이지 > 회원정보 수정]에서 직접 바꾸실 수 있습니다.
더 궁금하신 점은 이 메일에 회신 주세요. 감사합니다.""")

# KN6 app log: UUID trace ids, loopback, timestamps, order numbers
S("ko", "log", f"""2024-11-23T10:15:32.481+09:00 INFO  [http-nio-8080-exec-7] c.t.order.OrderController - 주문 생성 완료 orderId=ORD20241123000417 traceId={uuid4()} userId=58213 amount=38900
2024-11-23T10:15:32.502+09:00 DEBUG [http-nio-8080-exec-7] c.t.common.RedisClient - connect 127.0.0.1:6379 ok (3ms)
2024-11-23T10:15:33.017+09:00 WARN  [kafka-producer-1] c.t.event.Publisher - 재시도 1/3 topic=order.created key={uuid4()} partition=4 offset=88213044
2024-11-23T10:15:33.240+09:00 INFO  [kafka-producer-1] c.t.event.Publisher - 발행 성공 elapsed=759ms""")

# KN7 parcel notification (알림톡): tracking number, order no., price
S("ko", "notification", f"""[CJ대한통운] 고객님의 상품이 배송 출발했습니다.
■ 상품명: 무선청소기 교체필터 외 1건
■ 운송장번호: {R.randint(5, 6)}{d(11)}
■ 주문번호: 20241122-0038817
■ 결제금액: 27,800원
■ 도착예정: 11/25(월) 14~16시
■ 받는 분: 김*진 / 경기 고양시 일산동구 ***
배송조회 ▶ https://trace.cjlogistics.com/next/tracking.html""")

# KN8 code review chat: git SHAs and an image digest
s40 = gitsha()
S("ko", "chat_slack", f"""@서준 rebase 하다가 꼬였는데 {gitsha()[:7]} 커밋이 두 번 들어갔어요 😇
원래 커밋은 {s40} 이고, 중복된 건 revert 해뒀습니다.
운영 이미지는 registry.hanbit.kr/order-api@sha256:{sha256hex()} 로 고정해뒀으니 롤백할 때 이걸로 하시면 돼요.""")

# KN9 Kubernetes Deployment using secretKeyRef only
S("ko", "config_k8s", """apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment-api
  namespace: prod
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: registry.hanbit.kr/payment-api:2.8.1
          env:
            # 시크릿 값은 sealed-secrets로 관리 (직접 넣지 말 것)
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: payment-db
                  key: password
            - name: TOSS_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: payment-pg
                  key: secret-key
""")

# KN10 TS validation code with format descriptions only
S("ko", "code_ts", """// 휴대폰 번호: 010-XXXX-XXXX 형식만 허용 (국번 3~4자리)
const PHONE_RE = /^01[016789]-\\d{3,4}-\\d{4}$/;
// 주민등록번호는 앞 6자리 + 성별 자리까지만 받는다 (뒷자리는 저장 금지)
const RRN_PREFIX_RE = /^\\d{6}-[1-4]$/;

export function maskPhone(p: string): string {
  // 가운데 자리 마스킹: 010-****-1234 형태
  return p.replace(/(\\d{3})-(\\d{3,4})-(\\d{4})/, "$1-****-$3");
}
""")

# KN11 Stripe publishable key explained
S("ko", "chat", f"""프론트 결제 위젯에 넣는 키는 publishable key라서 노출돼도 괜찮아요.

```js
const stripe = Stripe("{stripe('pk_live_')}");
```

시크릿 키(sk_live_로 시작하는 거)는 절대 프론트에 넣지 마시고 서버 환경변수로만 관리해주세요!""")

# KN12 repair ticket with IMEI (Luhn-valid) and serial
S("ko", "support_ticket", f"""[A/S 접수] 접수번호 AS-20241123-0087
모델명: SM-S928N (갤럭시 S24 울트라)
일련번호: R3CX40{rnd(string.ascii_uppercase + DG, 5)}
IMEI: {luhn_number(15)}
증상: 충전 단자 접촉 불량, 고속충전 인식 안 됨
예상 비용: 89,000원 (부품 54,000원 + 공임 35,000원)
접수일시: 2024-11-23 15:40 / 수리 예정: 11-25""")

# KN13 helpdesk prose about a password reset, no value
S("ko", "support_ticket", """제목: 그룹웨어 로그인 안 됨

어제부터 그룹웨어 로그인이 안 돼서 '비밀번호 찾기' 눌렀는데 인증 메일이 안 와요.
스팸함도 봤는데 없습니다. 비번을 5번 정도 틀려서 계정이 잠긴 건지도 모르겠어요.
잠금 해제나 임시 비밀번호 발급 가능할까요? 오늘 결재 올릴 게 있어서 급합니다 ㅠㅠ""")

# KN14 SSH public key registration request
S("ko", "chat", f"""서버에 제 공개키 등록 부탁드려요~ (bastion, dev-api 둘 다)
{ssh_pub()} seoyeon@seoyeon-mbp
개인키는 제 맥북에만 있고 패스프레이즈도 걸어놨습니다!""")

# KN15 SQL console output with bcrypt hashes
S("ko", "code_sql", f"""-- 비번 해시가 bcrypt로 잘 들어가는지 확인차 조회
mysql> SELECT id, login_id, password_hash, status, last_login_at FROM member ORDER BY id LIMIT 3;
+-----+-----------+--------------------------------------------------------------+---------+---------------------+
| id  | login_id  | password_hash                                                | status  | last_login_at       |
+-----+-----------+--------------------------------------------------------------+---------+---------------------+
| 101 | hyunwoo   | {bcrypt_hash()} | ACTIVE  | 2024-11-22 23:10:04 |
| 102 | minji_k   | {bcrypt_hash()} | ACTIVE  | 2024-11-23 08:41:19 |
| 103 | dev_test  | {bcrypt_hash()} | DORMANT | 2023-06-30 17:02:55 |
+-----+-----------+--------------------------------------------------------------+---------+---------------------+
3 rows in set (0.00 sec)""")

# KN16 router guide with documentation / special addresses only
S("ko", "guide", """공유기 고정 IP 설정 예시 (블로그용이라 문서용 주소로 바꿔 적었어요)
- IP 주소: 192.0.2.45
- 서브넷 마스크: 255.255.255.0
- 기본 게이트웨이: 192.0.2.1
- DNS: 198.51.100.53
서버는 0.0.0.0:8080에 바인딩하고, 로컬 테스트는 127.0.0.1:8080 으로 접속해 보세요.""")

# KN17 inventory spreadsheet: EAN-13 barcodes, prices
rows = "\n".join(f"P-{R.randint(100, 999):05d}\t{n}\t{ean13('880')}\t{pr}\t{R.randint(0, 300)}"
                 for n, pr in [("유기농 현미 4kg", "21,900"), ("제주 감귤 3kg(로얄과)", "18,500"),
                               ("국산 들기름 350ml", "15,800"), ("무항생제 계란 30구", "9,990")])
S("ko", "spreadsheet", "상품코드\t상품명\t바코드(EAN)\t판매가\t재고\n" + rows)

# KN19 rider-app log: coordinates, timestamps, prices
S("ko", "log", f"""[2024-11-23 19:42:10] rider=R-20931 status=PICKUP lat=37.49794 lng=127.02762 store=S-1182 fee=3,500원
[2024-11-23 19:51:37] rider=R-20931 status=DELIVERING lat=37.50433 lng=127.04891 eta=6m
[2024-11-23 19:58:02] rider=R-20931 status=DONE lat=37.50812 lng=127.06311 orderNo={d(4)}-{d(6)} tip=1,000원""")

# KN20 tax invoice text: two business registration numbers, approval number
S("ko", "ocr", f"""전자세금계산서 (공급받는자 보관용)
승인번호: 20241123-{d(8)}-{d(8)}
[공급자] 등록번호 {kr_brn()} 상호 (주)다온물류 성명 최현석
[공급받는자] 등록번호 {kr_brn()} 상호 한빛소프트(주) 성명 정은비
작성일자 2024-11-23 공급가액 4,500,000 세액 450,000 합계 4,950,000
품목: 11월 창고 보관료 및 출고 작업비""")

# KN21 Helm values with template references
S("ko", "config_yaml", """# values-prod.yaml (실제 값은 ArgoCD에서 주입)
db:
  host: {{ .Values.global.dbHost }}
  user: order_app
  password: {{ .Values.secrets.dbPassword | quote }}
redis:
  url: "redis://:${REDIS_PASSWORD}@redis-master:6379/0"
external:
  kakaoAdminKey: "{{ required \\"kakaoAdminKey 필요\\" .Values.secrets.kakaoAdminKey }}"
""")

# KN22 shell commands that read passwords from files / vault
S("ko", "shell_history", """# 운영 DB 덤프 (비번은 파일/볼트에서 읽음 - 히스토리에 안 남게)
export PGPASSWORD="$(vault kv get -field=password secret/prod/pg)"
pg_dump -h pg-main.internal -U report -d member -F c -f member_$(date +%Y%m%d).dump
mysql --defaults-extra-file=~/.my-report.cnf -e "SELECT COUNT(*) FROM orders WHERE created_at >= CURDATE();"
docker login registry.hanbit.kr -u ci-bot --password-stdin < /run/secrets/registry_pw""")

# KN23 OpenAI body: question about RRN structure, masked formats only
body = {"model": "gpt-4o", "messages": [
    {"role": "system", "content": "You are a helpful assistant. 한국어로 답변하세요."},
    {"role": "user", "content": "주민등록번호 구조 설명해줘. 앞자리 YYMMDD, 뒷자리 첫 숫자는 성별/세기 구분이라는 건 아는데 "
                                "2020년 10월 이후 발급분은 뒷자리 나머지가 랜덤이라던데 맞아? 예시는 900101-1XXXXXX 처럼 마스킹해서 보여줘."}],
    "max_tokens": 800}
S("ko", "llm_openai", J(body))

# KN24 Anthropic body: tool_result with an order list (ids, tracking, prices)
tid = "toolu_01" + rnd(ALNUM, 22)
orders = [{"order_no": f"2024112{R.randint(0, 3)}{d(8)}", "status": st, "tracking": d(12), "amount": amt}
          for st, amt in [("배송중", 27800), ("배송완료", 154000), ("결제완료", 9900)]]
body = {"model": "claude-haiku-4-5", "max_tokens": 512, "system": "너는 쇼핑몰 상담원이다. 짧고 친절하게 답해.",
        "messages": [{"role": "user", "content": "제 최근 주문 3개 상태 알려주세요"},
                     {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "list_orders", "input": {"limit": 3}}]},
                     {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": json.dumps(orders, ensure_ascii=False)}]}]}
S("ko", "llm_anthropic", J(body))

# KN25 certificate (public) pasted with an SSL question
crt = cert("api.ttangkong.kr", "Ttangkong Market")
S("ko", "chat", f"""인증서 갱신했는데 브라우저에서 아직 예전 만료일로 보여요. 서버에 올린 fullchain 첫 번째 인증서가 이건데 맞나요?

{crt}

nginx reload는 했습니다. 체인 순서 문제일까요?""")

# KN26 HTML email template: base64 image, hex colours
S("ko", "html", f"""<!-- 뉴스레터 헤더 (메일 클라이언트 호환 때문에 인라인 스타일) -->
<table width="600" style="background:#FFF7E6;border-top:4px solid #FF8A00">
  <tr><td style="color:#333333;font-size:18px">이번 주 땅콩마켓 특가 🥜</td>
      <td><img alt="logo" width="48" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAA{rnd(ALNUM + '+/', 120)}AAAAAElFTkSuQmCC"></td></tr>
  <tr><td colspan="2" style="color:#8C8C8C">수신거부를 원하시면 하단 링크를 눌러주세요.</td></tr>
</table>""")

# =================================================================== JAPANESE (positives)
# J1 LINE talk export
p = jp_mobile()
S("ja", "chat_line", f"""[LINE] 佐藤 美咲とのトーク履歴
保存日時：2024/11/23 21:40

2024/11/22(金)
19:02\t佐藤 美咲\t今日はありがとう〜！楽しかった
19:03\t佐藤 美咲\tそういえば来月の同窓会、幹事わたしになったから連絡先まとめてるんだけど
19:03\t佐藤 美咲\tゆうこって携帯変わった？
19:10\t山本 裕子\t変わったよ！今は{p}です。
19:11\t山本 裕子\tメールはyuko.yamamoto0615@docomo.ne.jpでお願い🙏
19:11\t佐藤 美咲\t了解〜ありがと！""", ("phone", p), ("email", "yuko.yamamoto0615@docomo.ne.jp"))

# J2 Slack: AWS keys pasted by mistake
ak, sk = aws_key_id(), aws_secret()
S("ja", "chat_slack", f"""田中 健太  14:05
すみません、ステージングのS3にアップロードできなくて…今こういう設定にしてます
```
AWS_ACCESS_KEY_ID={ak}
AWS_SECRET_ACCESS_KEY={sk}
AWS_DEFAULT_REGION=ap-northeast-1
```
鈴木 亮  14:07
@田中 健太 それ個人のIAMキーですよね？チャンネルに貼っちゃダメなやつです :sweat_smile: すぐ無効化してください
田中 健太  14:08
うわ、すみません！！今からローテーションします""", ("aws_access_key", ak), ("aws_secret_key", sk))

# J3 employee roster (TSV) with My Numbers, phones, e-mails
m1, m2 = jp_mynumber(), jp_mynumber()
m1 = f"{m1[:4]}-{m1[4:8]}-{m1[8:]}"
m2f = f"{m2[:4]} {m2[4:8]} {m2[8:]}"
p1, p2 = jp_mobile(), jp_mobile("")
S("ja", "spreadsheet", f"""社員番号\t氏名\tフリガナ\t所属\t個人番号\t携帯電話\tメールアドレス
A10231\t高橋 翔太\tタカハシ ショウタ\t営業部\t{m1}\t{p1}\ts.takahashi@kaede-shoji.co.jp
A10232\t伊藤 さくら\tイトウ サクラ\t経理部\t{m2f}\t{p2}\tsakura.ito@kaede-shoji.co.jp
A10233\t渡辺 陽介\tワタナベ ヨウスケ\t総務部\t（未提出）\t\tyosuke.w@kaede-shoji.co.jp""",
  ("jp_mynumber", m1), ("jp_mynumber", m2f), ("phone", p1), ("phone", p2),
  ("email", "s.takahashi@kaede-shoji.co.jp"), ("email", "sakura.ito@kaede-shoji.co.jp"), ("email", "yosuke.w@kaede-shoji.co.jp"))

# J4 OCR of a tax form with full-width digits (My Number, phone); postal code unlabelled
mn = fw(jp_mynumber())
ph = fw(jp_mobile())
S("ja", "ocr", f"""給与所得者の扶養控除等（異動）申告書
令和６年分
氏名　中村　大輔　　　　生年月日　昭和６３年４月１２日
個人番号　{mn}
住所　〒２２０－００１２　神奈川県横浜市西区みなとみらい２－３－１　パークタワー１５０４
電話番号　{ph}
源泉控除対象配偶者　中村　恵美（個人番号は別紙）""", ("jp_mynumber", mn), ("phone", ph))

# J5 customer e-mail: address with postal code, TEL/FAX
tel, fax = jp_osaka(), jp_osaka()
S("ja", "email", f"""From: 小林 恵 <megumi.kobayashi@hoshino-kogyo.jp>
To: billing@cloudbox.co.jp
件名: 請求書送付先変更のお願い

株式会社クラウドボックス
ご担当者様

いつもお世話になっております。星野工業の小林です。
来月分より、請求書の送付先を下記に変更いただけますでしょうか。

〒530-0001
大阪府大阪市北区梅田3-1-3 ノースゲートビル15F
星野工業株式会社 経理部 小林 宛
TEL：{tel}（代表）／FAX：{fax}

お手数をおかけしますが、よろしくお願いいたします。""",
  ("email", "megumi.kobayashi@hoshino-kogyo.jp"), ("email", "billing@cloudbox.co.jp"), ("phone", tel), ("phone", fax))

# J6 OpenAI body: CRM tool result carries contact data
p = jp_mobile()
cid = "call_" + rnd(ALNUM, 24)
contact = {"name": "松本 直樹", "company": "株式会社ミナトロジ", "title": "物流企画部 課長",
           "email": "n.matsumoto@minato-logi.co.jp", "mobile": p, "last_meeting": "2024-11-14"}
body = {"model": "gpt-4.1", "messages": [
    {"role": "system", "content": "あなたは営業チームのアシスタントです。丁寧な日本語で回答してください。"},
    {"role": "user", "content": "明日の打ち合わせ前に、ミナトロジの松本さんの連絡先を確認して、リマインドメールの文面を作って。"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function",
                                                             "function": {"name": "search_crm", "arguments": json.dumps({"query": "松本 ミナトロジ"}, ensure_ascii=False)}}]},
    {"role": "tool", "tool_call_id": cid, "content": json.dumps(contact, ensure_ascii=False)}],
    "tools": [{"type": "function", "function": {"name": "search_crm", "description": "CRMから顧客担当者を検索する",
                                                "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}]}
S("ja", "llm_openai", J(body), ("email", "n.matsumoto@minato-logi.co.jp"), ("phone", p))

# J7 Anthropic body: card number in user turn, e-mail in tool result
c = card("jcb")
cf_ = fmt_card(c)
tid = "toolu_01" + rnd(ALNUM, 22)
body = {"model": "claude-sonnet-4-5", "max_tokens": 1024, "system": "あなたはECサイトの決済サポートエージェントです。",
        "messages": [
            {"role": "user", "content": f"注文番号 KS-240981 のカードが期限切れで決済エラーになりました。新しいカード {cf_}（有効期限 08/29）で再決済をお願いします。"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "retry_payment",
                                               "input": {"order_id": "KS-240981", "card_last4": c[-4:]}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": [
                {"type": "text", "text": "決済成功: 承認番号 082144 / 金額 ¥12,980 / 領収書送付先 haruka.mori@gmail.com"}]}]}]}
S("ja", "llm_anthropic", J(body), ("card", cf_), ("email", "haruka.mori@gmail.com"))

# J8 Gemini body: pasted config.yaml with an OpenAI key
oa = openai_proj()
body = {"systemInstruction": {"parts": [{"text": "あなたはPythonとLangChainに詳しいエンジニアです。"}]},
        "contents": [{"role": "user", "parts": [{"text":
                     "以下のconfig.yamlでLangChainのエージェントが起動しません。どこがおかしいですか？\n\n```yaml\nllm:\n  provider: openai\n"
                     f"  model: gpt-4o\n  # 本番用キー（部長承認済み）\n  api_key: {oa}\n  temperature: 0.3\nretriever:\n  top_k: 5\n"
                     "  index: faq_ja_v2\n```\nエラーは `ValidationError: 1 validation error for ChatOpenAI` です。"}]}]}
S("ja", "llm_gemini", J(body), ("openai_key", oa))

# J9 Ollama chat: sshd log with public and private IPs
a1, a2, a3, a4 = ip_pub(), ip_pub(), ip_pub(), ip_priv()
body = {"model": "qwen2.5:14b", "stream": False, "messages": [
    {"role": "system", "content": "あなたはインフラ監視担当のアシスタントです。"},
    {"role": "user", "content": "このsshdのログ、攻撃っぽい？対処法も教えて\n"
                                f"Nov 23 03:14:07 web01 sshd[2211]: Failed password for invalid user admin from {a1} port 52144 ssh2\n"
                                f"Nov 23 03:14:09 web01 sshd[2213]: Failed password for invalid user oracle from {a2} port 40022 ssh2\n"
                                f"Nov 23 03:14:15 web01 sshd[2219]: Failed password for root from {a3} port 61877 ssh2\n"
                                f"Nov 23 08:30:41 web01 sshd[3102]: Accepted publickey for deploy from {a4} port 50514 ssh2"}]}
S("ja", "llm_ollama", J(body), ("ip_address", a1), ("ip_address", a2), ("ip_address", a3), ("ip_address", a4))

# J10 config.toml: Anthropic key + DB password
ant, pw = anthropic(), password()
S("ja", "config_toml", f"""# 社内問い合わせチャットボット設定
# ※本番キーはコミットしないこと！（と書いてあるのに入っている）
[anthropic]
api_key = "{ant}"
model = "claude-3-5-haiku-latest"
max_tokens = 1024

[database]
host = "db.internal.kaede.local"
port = 5432
user = "faqbot"
password = "{pw}"
""", ("anthropic_key", ant), ("password", pw))

# J11 docker-compose with a literal root password and a template ref
pw = password_random(14)
S("ja", "config_compose", f"""# ローカル検証用（本番とは別のパスワードにしてね）
services:
  db:
    image: mysql:8.0
    environment:
      MYSQL_ROOT_PASSWORD: "{pw}"
      MYSQL_DATABASE: ec_dev
      TZ: Asia/Tokyo
    ports:
      - "3306:3306"
  app:
    build: .
    environment:
      DATABASE_URL: mysql://root:${{MYSQL_ROOT_PASSWORD}}@db:3306/ec_dev
    depends_on: [db]
""", ("password", pw))

# J12 Kubernetes Secret: Slack bot token + webhook
xb, wh = slack_bot(), slack_webhook()
S("ja", "config_k8s", f"""# 障害通知Bot用シークレット（SRE 渡辺 / 2024-10 作成）
apiVersion: v1
kind: Secret
metadata:
  name: alert-bot
  namespace: monitoring
type: Opaque
stringData:
  SLACK_BOT_TOKEN: {xb}
  SLACK_WEBHOOK_URL: {wh}
  ALERT_CHANNEL: "#障害通知"
""", ("slack_token", xb), ("slack_webhook", wh))

# J13 LINE Messaging API bot (Python): channel secret + access token
cs, cat = rnd(HEX, 32), line_token()
S("ja", "code_python", f"""from linebot.v3 import WebhookHandler
from linebot.v3.messaging import Configuration, ApiClient, MessagingApi

# LINE Developers コンソールからコピー（チャネル基本設定 / Messaging API設定）
CHANNEL_SECRET = "{cs}"
CHANNEL_ACCESS_TOKEN = "{cat}"

configuration = Configuration(access_token=CHANNEL_ACCESS_TOKEN)
handler = WebhookHandler(CHANNEL_SECRET)
""", ("generic_secret", cs), ("generic_secret", cat))

# J14 Java: Azure AD client secret (tenant/client GUIDs unlabelled)
acs = azure_client_secret()
S("ja", "code_java", f"""// Azure AD アプリ登録（社内経費精算システム）
// TODO: シークレットは Key Vault に移す。期限は 2025/03 まで
ClientSecretCredential credential = new ClientSecretCredentialBuilder()
        .tenantId("{uuid4()}")
        .clientId("{uuid4()}")
        .clientSecret("{acs}")
        .build();

GraphServiceClient graph = new GraphServiceClient(credential, "https://graph.microsoft.com/.default");""",
  ("azure_key", acs))

# J15 Go: Stripe restricted key
rk = stripe("rk_live_")
S("ja", "code_go", T('''// 売上集計バッチ（毎日 02:00 JST 実行）
package main

import (
	"log"
	"strconv"
	"time"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/charge"
)

func main() {
	stripe.Key = "⟦rk⟧" // 読み取り専用の制限付きキー
	params := &stripe.ChargeListParams{}
	params.Filters.AddFilter("created", "gte", strconv.FormatInt(time.Now().Add(-24*time.Hour).Unix(), 10))
	n := 0
	for it := charge.List(params); it.Next(); {
		n++
	}
	log.Printf("前日の売上件数: %d 件", n)
}
''', rk=rk), ("stripe_key", rk))

# J16 Ruby: Shopify access token + API secret
at, ss = shopify("shpat_"), shopify("shpss_")
S("ja", "code_ruby", f"""# 在庫同期スクリプト（楽天 → Shopify）毎時実行
require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "kaede-inventory-sync",
  api_secret_key: "{ss}",
  host: "https://sync.kaede-store.jp",
  scope: "read_products,write_inventory",
  is_embedded: false,
  api_version: "2024-10"
)
session = ShopifyAPI::Auth::Session.new(shop: "kaede-store.myshopify.com", access_token: "{at}")
puts "同期開始: #{{Time.now.strftime('%Y/%m/%d %H:%M')}}"
""", ("saas_token", ss), ("saas_token", at))

# J17 C#: SendGrid key + sender address
sg = sendgrid()
S("ja", "code_csharp", f"""// 会員登録完了メール送信
public async Task SendWelcomeAsync(Member member)
{{
    var client = new SendGridClient("{sg}");
    var from = new EmailAddress("noreply@kaede-store.jp", "楓ストア");
    var to = new EmailAddress(member.Email, member.Name);
    var msg = MailHelper.CreateSingleEmail(from, to, "【楓ストア】会員登録が完了しました", plainText, html);
    var res = await client.SendEmailAsync(msg);
    _logger.LogInformation("ウェルカムメール送信 status={{Status}}", res.StatusCode);
}}""", ("saas_token", sg), ("email", "noreply@kaede-store.jp"))

# J18 shell history: URL credentials + HF token
pw, hft = url_pw(14), hf()
S("ja", "shell_history", f"""研修用にコマンドをメモしておきます（あとでトークン消します）
$ history | tail -n 6
 1021  git clone https://yamada-t:{pw}@git.kaede-shoji.co.jp/ml/recsys.git
 1022  cd recsys
 1023  export HF_TOKEN={hft}
 1024  huggingface-cli download elyza/Llama-3-ELYZA-JP-8B --local-dir models/elyza
 1025  python train.py --config configs/jp_base.yaml
 1026  nvidia-smi""", ("url_credentials", pw), ("huggingface_token", hft))

# J19 wiki markdown table with a Notion integration token (database id unlabelled)
nt = notion()
S("ja", "wiki_markdown", f"""## 社内Wiki自動更新スクリプトの設定

| 項目 | 値 |
|---|---|
| Notion インテグレーション名 | wiki-sync-bot |
| トークン | `{nt}` |
| 対象データベースID | {rnd(HEX, 32)} |
| 実行間隔 | 毎時0分（cron: `0 * * * *`） |
| 担当 | 情報システム部 木村 |

トークンを再発行した場合はこの表も更新してください。""", ("saas_token", nt))

# J20 PyPI upload memo
pt = pypi()
S("ja", "blog", f"""社内ライブラリをPyPIに公開する手順メモ

```bash
python -m build
twine upload dist/* -u __token__ -p {pt}
```

※ `-p` に直接トークンを書くとシェル履歴に残るので、本当は `~/.pypirc` かキーリングを使った方がいいです。""",
  ("package_registry_token", pt))

# J21 Backlog ticket with a GCP service-account key
sa, key = gcp_sa_json("kaede-analytics")
bl = body_line(key, escaped=True)
S("ja", "support_ticket", f"""【KAEDE-1432】GitHub Actions 用 GCP サービスアカウントキー発行
担当者：情報システム部 木村　期限：11/29

サービスアカウントキーを発行しました。以下をCIのシークレット（GCP_SA_KEY）に登録してください。
登録後、このコメントは削除します。

{sa}""", ("gcp_credentials", bl), ("private_key", bl), ("email", "ci-deployer@kaede-analytics.iam.gserviceaccount.com"))

# J23 shell on a bastion: Vault token + DigitalOcean token
vt, dt = vault(), do_token()
S("ja", "shell_history", f"""# 本番シークレット取得手順（踏み台サーバ上で実行）
export VAULT_ADDR=https://vault.kaede.internal:8200
export VAULT_TOKEN={vt}
vault kv get -field=password secret/prod/db
# 検証用ドロップレットの操作
doctl auth init --access-token {dt}
doctl compute droplet list --format Name,PublicIPv4,Status""", ("cloud_token", vt), ("cloud_token", dt))

# J24 .env: Square production access token (location id unlabelled)
sq = square()
S("ja", "config_env", f"""# Square（店舗POS連携）本番環境
# ※ 渋谷店・吉祥寺店の2店舗分。サンドボックスの値と間違えないこと
SQUARE_ENVIRONMENT=production
SQUARE_ACCESS_TOKEN={sq}
SQUARE_LOCATION_ID=L{rnd(string.ascii_uppercase + DG, 12)}
SYNC_INTERVAL_MIN=15
""", ("payment_token", sq))

# J25 Python: various AI vendor keys
pk, xk, rk = pplx(), xai(), replicate()
S("ja", "code_python", f"""# 比較検証用：各社LLM APIキー（検証が終わったら削除すること）
PPLX_API_KEY = "{pk}"
XAI_API_KEY = "{xk}"
REPLICATE_API_TOKEN = "{rk}"

PROMPT = "次の文章を100字以内で要約してください：\\n{{text}}"
MODELS = ["sonar", "grok-2", "meta/meta-llama-3-70b-instruct"]""",
  ("ai_api_key", pk), ("ai_api_key", xk), ("ai_api_key", rk))

# J26 troubleshooting post with a JWT
tok = jwt({"sub": "8f3a1c", "email_verified": True, "iat": 1763890000})
S("ja", "blog", f"""認証付きAPIを叩くと401になる件

```
$ curl -s -H "Authorization: Bearer {tok}" https://api.kaede-store.jp/v2/me
{{"error":"token_expired","message":"JWT has expired"}}
```

期限切れと言われるけど、そもそも exp クレームは入れてないはず…。サーバ側で iat から24時間で切ってるのかな？""",
  ("jwt", tok))

# J27 support ticket: APNs .p8 key (EC private key)
key = pem("ec")
S("ja", "support_ticket", f"""【問い合わせ】Apple Push通知の認証キー更新について

お世話になっております。株式会社かえでの木村です。
APNs用の認証キー（.p8）を再発行したのですが、管理画面に貼り付ける内容は以下で合っていますでしょうか。

{key}

Key ID：7XK29QWM4L　Team ID：A1B2C3D4E5
お手数ですがご確認よろしくお願いいたします。""", ("private_key", body_line(key)))

# J28 UK working holiday: NINO + UK mobile
ni = uk_nino()
ph = f"+44 7{R.randint(400, 999)} {d(3)} {d(3)}"
S("ja", "chat", f"""ワーホリでロンドン来て3週間、やっとNational Insurance Numberの手紙が届いた！
{ni}って書いてある。バイト先のマネージャーに伝えればいいのかな？
あとUKの携帯は{ph}だよ〜日本の番号はもう使えないので""", ("uk_nino", ni), ("phone", ph))

# J29 HR sheet of European assignees: NIE, DNI, codice fiscale, NIR
nie, dni, cf, nir = es_nie(), es_dni(), it_cf(), fr_nir()
S("ja", "spreadsheet", f"""欧州赴任者 現地ID一覧（2024年11月時点）
社員番号\t氏名\t赴任先\t番号種別\t番号\t備考
E0412\t佐々木 拓也\tマドリード\tNIE\t{nie}\tTIE更新 2025/04
E0412\t佐々木 Lucía（配偶者）\tマドリード\tDNI\t{dni}\tスペイン国籍
E0588\t森田 彩\tミラノ\tCodice Fiscale\t{cf}\t
E0611\t岡本 悠\tパリ\tNIR\t{nir}\tcarte vitale 受領済""",
  ("es_dni", nie), ("es_dni", dni), ("it_codice_fiscale", cf), ("fr_nir", nir))

# J30 Singapore branch emergency contacts (TSV): NRIC + phones
n1, n2 = sg_nric(), sg_nric()
q1, q2 = f"+65 9{d(3)} {d(4)}", f"+65 8{d(3)} {d(4)}"
S("ja", "spreadsheet", f"""シンガポール支店 現地スタッフ 緊急連絡先
氏名\tNRIC\t携帯\t入社日
Lim Jia Hui\t{n1}\t{q1}\t2022-04-01
Muhammad Faris\t{n2}\t{q2}\t2023-09-18""",
  ("sg_nric", n1), ("sg_nric", n2), ("phone", q1), ("phone", q2))

# J31 onboarding e-mail: Aadhaar (unformatted); passport number unlabelled
aa = aadhaar()
S("ja", "email", f"""人事部 各位

インド国籍の新入社員 Priya Sharma さんの在留資格認定証明書の申請書類を受領しました。
・Aadhaar番号：{aa}
・パスポート番号：Z{d(7)}
・入社予定日：2025年1月6日
原本は金庫に保管しています。入管への提出は来週月曜の予定です。

総務部 斎藤""", ("in_aadhaar", aa))

# J32 US assignment: SSN without hyphens
ssn = us_ssn(sep="")
S("ja", "chat_slack", f"""木下 真由美  9:12
米国赴任者の給与計算用にSSNを共有します（W-2発行用）
佐々木 拓也：{ssn}
共有後はこのメッセージ消しますね""", ("us_ssn", ssn))

# J33 accounting memo: German vendor invoice with IBAN
ib = iban("DE")
S("ja", "memo", f"""【経理メモ】海外送金依頼
請求書番号：Rechnung Nr. 2024-1187
発行元：Müller Präzisionstechnik GmbH（シュトゥットガルト）
振込先銀行：Deutsche Bank AG
IBAN：{iban_spaced(ib)}
BIC：DEUTDEFFXXX
金額：EUR 12.480,00（約2,014,000円）
支払期限：2024年12月20日　※送金手数料は当方負担""", ("iban", iban_spaced(ib)))

# J34 account-issued e-mail: initial password in prose
pw = password()
S("ja", "email", f"""山田様

社内ポータルのアカウントを発行しました。
ログインID：yamada.taro
初期パスワード：{pw}
初回ログイン時にパスワードの変更をお願いします。変更しないと3日後にロックされます。

情報システム部""", ("password", pw))

# J35 Telegram -> Discord forwarder
tg, wh = telegram(), discord_webhook()
S("ja", "code_python", f"""# テレグラムのチャンネル投稿をDiscordに転送するやつ（個人用）
import requests, time

TG_BOT_TOKEN = "{tg}"
DISCORD_WEBHOOK_URL = "{wh}"

def forward(text: str) -> None:
    requests.post(DISCORD_WEBHOOK_URL, json={{"content": text[:1900]}}, timeout=10)
""", ("telegram_token", tg), ("discord_webhook", wh))

# J36 .gitlab-ci.yml: npm token + GitLab token
nt, gl = npm(), gitlab()
S("ja", "config_gitlab_ci", f"""# 社内npmパッケージのpublish（手動実行）
publish:
  stage: deploy
  image: node:20
  variables:
    NPM_TOKEN: "{nt}"        # ← あとでCI/CD変数に移す
    GITLAB_API_TOKEN: "{gl}"
  script:
    - echo "//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}" > .npmrc
    - npm publish --access public
  when: manual
""", ("npm_token", nt), ("gitlab_token", gl))

# J37 Firebase web config: Google API key (12-digit sender id unlabelled)
gk = google_key()
sid = d(12)
S("ja", "code_js", f"""// Firebase 設定（Webアプリ / 本番）
const firebaseConfig = {{
  apiKey: "{gk}",
  authDomain: "kaede-app-prod.firebaseapp.com",
  projectId: "kaede-app-prod",
  storageBucket: "kaede-app-prod.appspot.com",
  messagingSenderId: "{sid}",
  appId: "1:{sid}:web:{rnd(HEX, 22)}"
}};
const app = initializeApp(firebaseConfig);""", ("google_api_key", gk))

# J38 GitHub issue: fine-grained PAT in a command
gp = github_pat()
S("ja", "issue", f"""### CIで private リポジトリが clone できない

以下のように実行すると `HTTP 403` になります。

```
GH_TOKEN={gp} gh repo clone kaede/infra-terraform
```

トークンの権限は Contents: Read-only にしています。Organization 側で fine-grained token が許可されていないのでしょうか？""",
  ("github_token", gp))

# J39 chat: leaked Discord bot token
tok = discord_token()
S("ja", "chat", f"""やばい、Discordのbotトークンを誤ってGitHubのpublicリポジトリにpushしちゃった…
{tok}
これってもう自動で無効化されてる？それとも自分でDeveloper Portalからリセットしないとダメ？""",
  ("discord_token", tok))

# J40 relocation e-mail to a tax adviser: Dutch BSN + German Steuer-ID
bsn, de = nl_bsn(), de_steuer_id()
S("ja", "email", f"""税理士法人みらい　ご担当 吉田様

お世話になっております。デュッセルドルフに転居した石井です。
ご依頼のあった番号をお送りします。
・オランダ時代のBSN：{bsn}（2024年8月まで）
・ドイツのSteuer-IdNr.：{de}
2024年分はオランダとドイツの両方で申告が必要とのことですので、引き続きよろしくお願いいたします。

石井 亜希子""", ("nl_bsn", bsn), ("de_steuer_id", de))

# =================================================================== JAPANESE (hard negatives)
# JN1 qualified invoice: T-number, corporate number, postal code, amounts
cn = jp_corp()
S("ja", "ocr", f"""請　求　書
株式会社クラウドボックス　御中　　　　　　　　　　　　　　請求日：2024年11月30日
　　　　　　　　　　　　　　　　　　　　　　　　　　　　　請求番号：INV-2024-11-0392
星野工業株式会社
〒530-0001 大阪府大阪市北区梅田3-1-3
登録番号：T{cn}
法人番号：{cn}
品名　　　　　　　　　　　数量　単価　　　　金額
保守サポート（11月分）　　1　　 180,000　　180,000
消費税（10%）　　　　　　　　　　　　　　　 18,000
ご請求金額　　　　　　　　　　　　　　　　 ¥198,000
お振込期限：2024年12月31日""")

# JN2 sign-up form with password policy and placeholders
S("ja", "html_form", """<form action="/signup" method="post" class="signup">
  <label>メールアドレス<input type="email" name="email" placeholder="例）taro@example.com" required></label>
  <label>パスワード
    <input type="password" name="password" minlength="8" maxlength="32" placeholder="半角英数記号 8〜32文字" required>
  </label>
  <p class="hint">※英大文字・英小文字・数字・記号のうち3種類以上を含めてください。前回と同じパスワードは使えません。</p>
  <label>パスワード（確認）<input type="password" name="password_confirmation" required></label>
  <button type="submit">無料で登録する</button>
</form>""")

# JN3 .env.sample with Japanese placeholders
S("ja", "config_env", """# .env.sample — コピーして .env を作成してください
# 値は各自の開発用アカウントで発行したものを入れること（共有禁止）
OPENAI_API_KEY=ここにAPIキーを入れる
ANTHROPIC_API_KEY=sk-ant-...
LINE_CHANNEL_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
DATABASE_URL=postgres://user:password@localhost:5432/app_dev
SESSION_SECRET=<ランダムな文字列>
STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}
""")

# JN4 delivery notice: 12-digit tracking number (My-Number-shaped), postal code
S("ja", "notification", f"""【ヤマト運輸】お荷物お届けのお知らせ
楓ストア様からのお荷物を、下記の日時にお届け予定です。

■送り状番号：{yamato()}
■お届け予定日時：11月25日（月）14時〜16時
■お届け先：〒180-0004 東京都武蔵野市吉祥寺本町 ***
■品名：食品（冷蔵）
受け取り日時の変更はクロネコメンバーズからお手続きください。""")

# JN5 masked My Number / card confirmation
S("ja", "notification", """【マイナンバー登録完了のお知らせ】
証券口座へのマイナンバー（個人番号）登録が完了しました。
登録番号：****-****-3821
また、ご登録のクレジットカード（VISA 末尾 4417、有効期限 **/**）で積立設定を継続します。
お心当たりのない場合はカスタマーセンターまでお問い合わせください。""")

# JN6 git log and image digests
S("ja", "shell_history", f"""$ git log --oneline -4
{gitsha()[:7]} fix: 郵便番号検索APIのタイムアウトを3秒→5秒に変更
{gitsha()[:7]} feat: 請求書PDFにインボイス登録番号を表示
{gitsha()[:7]} chore: bump axios from 1.7.4 to 1.7.7
{gitsha()[:7]} Merge pull request #482 from kaede/feature/invoice-t-number
$ docker inspect --format '{{{{index .RepoDigests 0}}}}' kaede/billing-api:1.12.0
kaede/billing-api@sha256:{sha256hex()}""")

# JN7 product master CSV: JAN codes and ISBN
isbn = ean13("9784")
S("ja", "csv", f"""商品コード,商品名,JANコード,ISBN,税込価格,在庫数
K-1001,楓ブレンドコーヒー 200g,{ean13('49')},,1480,52
K-1002,ドリップバッグ 10袋入,{ean13('45')},,980,130
B-2001,はじめてのPython 第3版,{isbn},{isbn[:3]}-{isbn[3]}-{isbn[4:7]}-{isbn[7:12]}-{isbn[12]},2970,8
K-1003,マグカップ（藍）,{ean13('49')},,2200,0""")

# JN8 app log: UUIDs, loopback, timestamps
S("ja", "log", f"""2024-11-23 09:00:01.112 [main] INFO  jp.kaede.billing.Application - 起動完了 (pid=4123, profile=prod)
2024-11-23 09:00:01.540 [main] INFO  j.k.b.infra.RedisConfig - Redis接続 127.0.0.1:6379 db=2
2024-11-23 09:02:17.903 [http-nio-8080-exec-3] INFO  j.k.b.web.InvoiceController - 請求書発行 requestId={uuid4()} invoiceNo=INV-2024-11-0392 amount=198000
2024-11-23 09:02:18.221 [async-1] WARN  j.k.b.pdf.PdfRenderer - フォント代替: IPAexGothic → Noto Sans JP (requestId={uuid4()})""")

# JN9 GitHub Actions with Workload Identity (refs only)
S("ja", "config_gha", """name: Cloud Run デプロイ
on:
  push:
    branches: [main]
permissions:
  contents: read
  id-token: write   # Workload Identity 連携に必要
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: ${{ secrets.GCP_WIF_PROVIDER }}
          service_account: ${{ vars.GCP_DEPLOY_SA }}
      - run: gcloud run deploy billing-api --image asia-northeast1-docker.pkg.dev/${{ vars.GCP_PROJECT }}/app/billing-api:${{ github.sha }} --region asia-northeast1
""")

# JN10 Terraform: variables and generated passwords only
S("ja", "config_terraform", """# RDS（本番）— パスワードは random_password で生成して Secrets Manager に保存
resource "random_password" "db" {
  length  = 24
  special = true
}

resource "aws_db_instance" "main" {
  identifier     = "kaede-prod-db"
  engine         = "postgres"
  engine_version = "16.3"
  instance_class = "db.t4g.medium"
  username       = var.db_username
  password       = random_password.db.result
  # 手動で上書きする場合は terraform.tfvars ではなく環境変数 TF_VAR_db_password を使うこと
}
""")

# JN11 migration SQL with argon2 hashes
S("ja", "code_sql", f"""-- 開発用シードデータ（パスワードはargon2idでハッシュ化済み、平文はチーム内Wiki参照）
INSERT INTO users (id, login_id, display_name, password_hash, created_at) VALUES
  (1, 'admin',  '管理者',     '{argon2_hash()}', '2024-11-01 10:00:00'),
  (2, 'tanaka', '田中 健太',  '{argon2_hash()}', '2024-11-01 10:00:00'),
  (3, 'suzuki', '鈴木 亮',    '{argon2_hash()}', '2024-11-05 15:30:00');""")

# JN12 known_hosts / authorized_keys lines
S("ja", "chat", f"""踏み台の authorized_keys に以下の公開鍵を追加お願いします（新メンバー2名分）
{ssh_pub()} ogawa@kaede-mbp
{ssh_pub()} nishida@kaede-win11
※秘密鍵は各自のPCから出さないでください""")

# JN13 certificate in an expiry ticket
crt = cert("www.kaede-store.jp", "Kaede Store Co., Ltd.")
S("ja", "support_ticket", f"""【対応依頼】SSL証明書の期限切れ警告について

監視から「残り14日」のアラートが来ています。現在サーバに入っている証明書は以下です。
更新手続き（DV、1年）をお願いできますでしょうか。

{crt}

CSRはこちらで再作成します。""")

# JN14 tutorial with documented example keys and masked tokens
S("ja", "blog", """## AWS CLI の初期設定（Qiita記事より）

```
$ aws configure
AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
Default region name [None]: ap-northeast-1
```

上記はAWS公式ドキュメントのサンプル値です。実際のキーは絶対に記事に載せないでください。
GitHubのトークンも同様で、スクショを貼るときは `ghp_****` のように伏せましょう。""")

# JN15 security awareness prose, no values
S("ja", "notice", """【情報セキュリティ月間】今月のひとこと
チャットツールにパスワードやAPIキーをそのまま貼り付けるのはやめましょう。
検索で誰でも見つけられますし、退職者のアカウントから漏れることもあります。
共有が必要な場合はパスワードマネージャーの共有機能を使い、使い終わったらすぐに変更してください。""")

# JN16 Java stack trace: versions, OID
S("ja", "stack_trace", """決済APIに繋がらなくなりました。Java 8 の古いサーバだけです。

javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
	at sun.security.ssl.Alerts.getSSLException(Alerts.java:192)
	at sun.security.ssl.SSLSocketImpl.fatal(SSLSocketImpl.java:1946)
Caused by: java.security.cert.CertPathValidatorException: Algorithm constraints check failed on signature algorithm: 1.2.840.113549.1.1.5
	... 37 more
java.version=1.8.0_202 / httpclient 4.5.13 / OS: CentOS 7.9.2009""")

# JN17 design doc with documentation IP ranges
S("ja", "markdown_table", """### 3.2 ネットワーク構成（設計書サンプル値）

| 役割 | ホスト名 | IPアドレス | 備考 |
|---|---|---|---|
| LB | lb01 | 203.0.113.10 | VIP |
| Web | web01 | 203.0.113.21 | |
| Web | web02 | 203.0.113.22 | |
| DB | db01 | 2001:db8:10::5 | IPv6のみ |

※本資料のアドレスはRFC 5737 / RFC 3849 の文書用アドレスです。実環境の値は別紙参照。""")

# JN18 store list: postal codes, coordinates, hours (no phone)
S("ja", "csv", """店舗名,郵便番号,住所,緯度,経度,営業時間
楓カフェ 吉祥寺店,180-0004,東京都武蔵野市吉祥寺本町2-8-1,35.70433,139.57954,8:00-21:00
楓カフェ 梅田店,530-0017,大阪府大阪市北区角田町8-7,34.70392,135.49876,7:30-22:00
楓カフェ 栄店,460-0008,愛知県名古屋市中区栄3-5-12,35.16823,136.90612,8:00-20:00""")

# JN19 OpenAI body: My Number check digit question, no number
body = {"model": "gpt-4o-mini", "messages": [
    {"role": "user", "content": "マイナンバーのチェックデジットの計算方法を教えてください。12桁のうち最後の1桁が検査用数字だと聞きました。"
                                "フォームの入力チェックに使いたいので、Pythonの関数で書いてもらえますか？ 例の番号は XXXX-XXXX-XXXX のように伏せてください。"}],
    "temperature": 0}
S("ja", "llm_openai", J(body))

# JN20 Gemini body: product description with model number, JAN, prices
body = {"contents": [{"role": "user", "parts": [{"text":
        f"以下の商品情報から、ECサイト用の紹介文を150字で書いてください。\n型番：KJ-55X80L\nJAN：{ean13('49')}\n"
        "画面サイズ：55V型 / 4K / Google TV搭載\n税込価格：¥128,000（ポイント10%還元）\n発売日：2023年5月"}]}],
        "generationConfig": {"temperature": 0.7, "maxOutputTokens": 400}}
S("ja", "llm_gemini", J(body))

# JN21 Ollama body: build log summary (build numbers, SHAs, durations)
body = {"model": "gemma2:9b", "stream": False, "prompt":
        "次のビルドログを日本語で要約して、失敗原因を1行で教えて。\n"
        f"Build #4821 started by timer\nChecking out Revision {gitsha()} (refs/remotes/origin/main)\n"
        "[INFO] Tests run: 812, Failures: 3, Errors: 0, Skipped: 12\n[ERROR] InvoiceServiceTest.testTaxRounding:88 expected:<18000> but was:<17999>\n"
        "Finished: FAILURE (12 min 44 sec)"}
S("ja", "llm_ollama", J(body))

# JN22 identity-check form: 12-digit driver's licence number (not a My Number)
S("ja", "form", f"""本人確認書類 登録内容の確認
書類の種類：運転免許証
免許証番号：第{not_mynumber12()}号
有効期限：令和9年08月12日まで
氏名：小川 智子　生年月日：平成2年5月3日
住所：〒460-0008 愛知県名古屋市中区栄3-5-12 楓レジデンス 802
※画像の文字が読み取れない場合は再提出をお願いすることがあります。""")

# JN23 commands that read secrets from env/files
S("ja", "shell_history", """# パスワードは直接打たずにファイル/環境変数から読む
$ read -s -p "DB password: " PGPASSWORD && export PGPASSWORD
$ psql -h db.internal.kaede.local -U report -d billing -c "select count(*) from invoices;"
$ aws secretsmanager get-secret-value --secret-id prod/billing/db --query SecretString --output text | jq -r .password > /dev/null
$ echo "$GHCR_TOKEN" | docker login ghcr.io -u kaede-ci --password-stdin""")

# JN24 API response: pagination cursor, base64 thumbnail, ids
cursor = base64.b64encode(json.dumps({"id": R.randint(10000, 99999), "ts": "2024-11-23T09:00:00Z"}).encode()).decode()
S("ja", "json_api_response", J({"items": [{"id": 48213, "title": "楓ブレンド 200g", "price": 1480,
                                          "thumbnail": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA" + rnd(ALNUM + "+/", 96)},
                                         {"id": 48214, "title": "ドリップバッグ 10袋入", "price": 980, "thumbnail": None}],
                               "next_cursor": cursor, "has_more": True, "request_id": uuid4()}))

# JN25 incident chat: versions, build numbers, serials, times
S("ja", "chat_slack", """小川 智子  10:21
POSアプリ v4.8.2（build 4821）に上げた店舗だけレシートプリンタが止まってます
対象端末：製造番号 TM30-2311-00482 / TM30-2311-00517（吉祥寺店）
西田 大輝  10:24
4.8.1（build 4809）にロールバックしたら直りました。ドライバ 2.17.0 との相性っぽいです
小川 智子  10:25
了解です、11:00の定例で共有します""")

# JN26 attendance spreadsheet: employee ids, times, durations
S("ja", "spreadsheet", """勤怠表（2024年11月 第3週）
社員番号\t氏名\t日付\t出勤\t退勤\t休憩\t実働\t残業
A10231\t高橋 翔太\t11/18\t9:02\t18:45\t1:00\t8:43\t0:43
A10231\t高橋 翔太\t11/19\t8:55\t20:10\t1:00\t10:15\t2:15
A10232\t伊藤 さくら\t11/18\t9:30\t18:00\t1:00\t7:30\t0:00
A10232\t伊藤 さくら\t11/19\t9:28\t17:31\t0:45\t7:18\t0:00""")

# ---------------------------------------------------------------- checks + write
assert sum(o["lang"] == "ko" for o in OUT) == 65, collections.Counter(o["lang"] for o in OUT)
assert sum(o["lang"] == "ja" for o in OUT) == 65, collections.Counter(o["lang"] for o in OUT)
for o in OUT:
    assert 30 <= len(o["text"]) <= 1500, (o["id"], len(o["text"]))
write_corpus(OUT, sys.argv[1])

if __name__ == "__main__":
    neg = sum(1 for o in OUT if not o["labels"])
    print(len(OUT), "samples;", neg, "without labels")
    print("lang:", dict(collections.Counter(o["lang"] for o in OUT)))
    print("kind:", dict(collections.Counter(o["kind"] for o in OUT)))
    tc = collections.Counter(l["type"] for o in OUT for l in o["labels"])
    print("types:", dict(sorted(tc.items())))
