"""Fresh set 9b (2026-11-24): written by a helper who read only fakegen.py, never the rules
(Korean 50, Japanese 50); scored once (docs/detection.md). Values are generated (fake): see fakegen.py.
Usage: python3 fresh9b_2026_11_24.py OUT.jsonl
"""
import sys, os, json, string, uuid, hashlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fakegen import *  # noqa
from fakegen import R, rnd, rnd_mixed, ALNUM, HEX
seed(9902)
OUT = []
S = sample_adder(OUT, "f9b")
# S(lang, kind, text, (type, value), (type, value), ...)

DIG = string.digits

# ---------------------------------------------------------------- people / values
KO_PEOPLE = [("김민준", "minjun.kim"), ("이서연", "seoyeon.lee"), ("박지훈", "jihoon.park"), ("최수아", "sua.choi"),
             ("정예준", "yejun.jung"), ("강하은", "haeun.kang"), ("조현우", "hyunwoo.cho"), ("윤지민", "jimin.yoon"),
             ("장도윤", "doyoon.jang"), ("임채원", "chaewon.lim"), ("한승민", "seungmin.han"), ("오유진", "yujin.oh")]
KO_DOM = ["naver.com", "gmail.com", "daum.net", "kakao.com", "hanmail.net"]
KO_CO = [("한빛물류", "hanbit-logis.co.kr"), ("서울핀테크", "seoulfintech.kr"), ("누리헬스케어", "nurihealth.co.kr"),
         ("바다전자", "badaelec.com")]
KO_ADDR = ["서울특별시 강남구 테헤란로 152, 12층", "경기도 성남시 분당구 판교역로 235", "부산광역시 해운대구 센텀중앙로 97",
           "인천광역시 연수구 송도과학로 32"]
JA_PEOPLE = [("佐藤 健太", "kenta.sato"), ("鈴木 美咲", "misaki.suzuki"), ("高橋 翔", "sho.takahashi"),
             ("田中 陽菜", "hina.tanaka"), ("伊藤 大輔", "daisuke.ito"), ("渡辺 さくら", "sakura.watanabe"),
             ("山本 拓海", "takumi.yamamoto"), ("中村 葵", "aoi.nakamura"), ("小林 蓮", "ren.kobayashi"), ("加藤 結衣", "yui.kato")]
JA_DOM = ["yahoo.co.jp", "gmail.com", "docomo.ne.jp", "ezweb.ne.jp", "outlook.jp"]
JA_CO = [("さくら商事", "sakura-shoji.co.jp"), ("株式会社みらいテック", "mirai-tech.jp"), ("東海ロジスティクス", "tokai-logi.co.jp"),
         ("ひかり医療", "hikari-med.or.jp")]
JA_ADDR = ["東京都渋谷区神南1-2-3 神南ビル5F", "大阪府大阪市北区梅田2-4-9", "神奈川県横浜市西区みなとみらい3-6-1",
           "福岡県福岡市博多区博多駅前2-1-1"]


def ko_phone():
    a, b = rnd(DIG, 4), rnd(DIG, 4)
    return R.choice([f"010-{a}-{b}", f"010 {a} {b}", f"010{a}{b}", f"+82-10-{a}-{b}", f"+82 10 {a} {b}",
                     f"02-{rnd(DIG, 3)}-{b}", f"031-{rnd(DIG, 3)}-{b}", f"010.{a}.{b}"])


def ja_phone():
    a, b = rnd(DIG, 4), rnd(DIG, 4)
    return R.choice([f"090-{a}-{b}", f"080-{a}-{b}", f"070{a}{b}", f"+81-90-{a}-{b}", f"+81 80 {a} {b}",
                     f"03-{a}-{b}", f"06-{a}-{b}", f"(03){a}-{b}", f"090{a}{b}"])


def phone(lang):
    return ko_phone() if lang == "ko" else ja_phone()


def person(lang):
    if lang == "ko":
        n, r = R.choice(KO_PEOPLE)
        em = f"{r}{R.choice(['', str(R.randint(1, 99))])}@{R.choice(KO_DOM)}"
        i = kr_rrn()
        if R.random() < 0.2:
            i = i.replace("-", "")
        return dict(name=n, email=em, phone=ko_phone(), nid=i, nid_type="kr_rrn", addr=R.choice(KO_ADDR),
                    card=card(R.choice(["visa", "mc", "visa"])))
    n, r = R.choice(JA_PEOPLE)
    em = f"{r.replace('.', R.choice(['.', '_', '']))}@{R.choice(JA_DOM)}"
    m = jp_mynumber()
    m = R.choice([m, f"{m[:4]} {m[4:8]} {m[8:]}", f"{m[:4]}-{m[4:8]}-{m[8:]}"])
    return dict(name=n, email=em, phone=ja_phone(), nid=m, nid_type="jp_mynumber", addr=R.choice(JA_ADDR),
                card=card(R.choice(["jcb", "visa", "jcb", "mc"])))


def company(lang):
    return R.choice(KO_CO if lang == "ko" else JA_CO)


def pub_ip(lang):
    return R.choice(["211.234", "121.134", "175.223", "58.229"] if lang == "ko" else ["126.72", "133.205", "153.156", "210.148"]) \
        + f".{R.randint(1, 254)}.{R.randint(1, 254)}"


def priv_ip():
    return R.choice([f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(2, 254)}",
                     f"192.168.{R.randint(0, 20)}.{R.randint(2, 254)}", f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"])


def doc_ip():
    return R.choice(["192.0.2.", "198.51.100.", "203.0.113."]) + str(R.randint(1, 254))


def fcard(n):
    return R.choice([fmt_card(n, " "), fmt_card(n, "-"), n])


def toss_sk():  # Toss Payments secret key (payment vendor)
    return "live_sk_" + rnd_mixed(ALNUM, 28)


def kakao_rest():  # Kakao REST API key, 32 hex
    return rnd(HEX, 32)


def line_token():  # LINE Messaging API channel access token (long-lived)
    return rnd_mixed(ALNUM + "+/", 171) + "="


def db_url(kind, host):
    user = R.choice(["app", "svc_agent", "admin", "readonly", "batch"])
    pw = password_random(R.randint(12, 18)).replace("%", "x").replace("#", "x")
    port, scheme, db = {"pg": (5432, "postgresql", "crm"), "my": (3306, "mysql", "shop"), "mongo": (27017, "mongodb", "users"),
                        "redis": (6379, "redis", "0")}[kind]
    if kind == "redis":
        return f"redis://:{pw}@{host}:{port}/0", pw
    return f"{scheme}://{user}:{pw}@{host}:{port}/{db}", pw


def esc(s, levels=1):
    for _ in range(levels):
        s = json.dumps(s, ensure_ascii=False)[1:-1]
    return s


def dump(obj, ascii_=None, indent=None):
    if ascii_ is None:
        ascii_ = R.random() < 0.3
    if indent is None:
        indent = R.choice([None, None, 2])
    if indent is None or indent == -1:
        return json.dumps(obj, ensure_ascii=ascii_, separators=R.choice([(",", ":"), (", ", ": ")]))
    return json.dumps(obj, ensure_ascii=ascii_, indent=indent)


def A(obj):  # tool call arguments: a JSON string
    return json.dumps(obj, ensure_ascii=False, separators=R.choice([(",", ":"), (", ", ": ")]))


def call_id():
    return "call_" + rnd(ALNUM, 24)


def toolu_id():
    return "toolu_01" + rnd(ALNUM, 22)


def order_no(lang):
    return R.choice([f"ORD-2026{R.randint(1000, 1231)}-{rnd(DIG, 6)}", f"{R.randint(2025, 2026)}{rnd(DIG, 4)}-{rnd(DIG, 7)}",
                     f"SO{rnd(DIG, 10)}"])


def tracking(lang):
    if lang == "ko":  # CJ대한통운 12 digits
        return rnd("3456", 1) + rnd(DIG, 11)
    body = rnd(DIG, 11)
    return body + str(int(body) % 7)  # ヤマト運輸 mod-7 check


def ko_corp_no():  # 법인등록번호 (corporate, not personal)
    body = R.choice(["110111", "134511", "284411", "131111"]) + rnd(DIG, 6)
    s = sum(int(c) * w for c, w in zip(body, [1, 2] * 6))
    return body[:6] + "-" + body[6:] + str((10 - s % 10) % 10)


def ko_biz_no():
    return f"{rnd(DIG, 3)}-{rnd(DIG, 2)}-{rnd(DIG, 5)}"


def ja_corp_no():  # 法人番号 13 digits (public)
    body = rnd(DIG, 12)
    s = sum(int(c) * (1 if i % 2 == 0 else 2) for i, c in enumerate(reversed(body)))
    return str(9 - s % 9) + body


def sha256():
    return hashlib.sha256(rnd(ALNUM, 20).encode()).hexdigest()


def gitsha():
    return rnd(HEX, 40)


def bcrypt():
    return "$2b$12$" + rnd(ALNUM + "./", 53)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


MODELS_OAI = ["gpt-4o", "gpt-4.1-mini", "gpt-4o-2024-08-06", "o4-mini"]
MODELS_ANT = ["claude-sonnet-4-5", "claude-3-5-haiku-20241022", "claude-opus-4-1"]
MODELS_GEM = ["gemini-2.5-flash", "gemini-2.0-flash", "gemini-2.5-pro"]

T = {  # small phrasebook
    "ko": dict(sys="당신은 고객지원 에이전트입니다. 도구를 사용해 고객 정보를 조회하고 답변하세요.",
               ask_lookup="주문 관련 문의한 고객 정보 확인해줘. 전화번호는 {p} 이래.",
               done="고객 정보를 확인했습니다.", refund="환불 처리해줘", summarize="이 메일 요약하고 답장 초안 써줘"),
    "ja": dict(sys="あなたはカスタマーサポートのエージェントです。ツールで顧客情報を確認して回答してください。",
               ask_lookup="注文について問い合わせてきたお客様の情報を確認して。電話番号は {p} とのこと。",
               done="顧客情報を確認しました。", refund="返金処理をお願い", summarize="このメールを要約して返信の下書きを作って"),
}


# ================================================================ JSON agent traffic (positives)
def t_openai_crm(lang):
    p = person(lang)
    ph_user = p["phone"]
    cid = call_id()
    rec = {"customer_id": f"C{rnd(DIG, 8)}", "name": p["name"], "phone": ph_user, "email": p["email"],
           ("rrn" if lang == "ko" else "my_number"): p["nid"], "address": p["addr"],
           "card_last4": p["card"][-4:], "last_order": order_no(lang)}
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "system", "content": T[lang]["sys"]},
        {"role": "user", "content": T[lang]["ask_lookup"].format(p=ph_user)},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {
            "name": "lookup_customer", "arguments": A({"phone": ph_user})}}]},
        {"role": "tool", "tool_call_id": cid, "content": A(rec)}],
        "tools": [{"type": "function", "function": {"name": "lookup_customer", "description": "Find a customer by phone number",
                                                     "parameters": {"type": "object", "properties": {"phone": {"type": "string"}},
                                                                    "required": ["phone"]}}}],
        "tool_choice": "auto", "temperature": 0.2}
    return "json", dump(body), ("phone", ph_user), ("email", p["email"]), (p["nid_type"], p["nid"])


def t_anthropic_tooluse(lang):
    p = person(lang)
    tid = toolu_id()
    c = fcard(p["card"])
    exp = f"{R.randint(1, 12):02d}/{R.randint(27, 31)}"
    ask = (f"{p['name']} 고객 카드 재등록해줘. 카드번호 {c}, 유효기간 {exp}, 이메일 {p['email']}" if lang == "ko"
           else f"{p['name']}様のカードを再登録して。カード番号 {c}、有効期限 {exp}、メール {p['email']}")
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 1024,
            "system": T[lang]["sys"],
            "tools": [{"name": "register_card", "description": "Tokenize and attach a card to a customer",
                       "input_schema": {"type": "object", "properties": {"card_number": {"type": "string"}, "exp": {"type": "string"},
                                                                         "email": {"type": "string"}}}}],
            "messages": [{"role": "user", "content": ask},
                         {"role": "assistant", "content": [{"type": "text", "text": T[lang]["done"]},
                                                           {"type": "tool_use", "id": tid, "name": "register_card",
                                                            "input": {"card_number": c, "exp": exp, "email": p["email"]}}]},
                         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid,
                                                       "content": A({"status": "ok", "payment_method": "pm_" + rnd(ALNUM, 24),
                                                                     "brand": "jcb" if p["card"].startswith("35") else "visa",
                                                                     "last4": p["card"][-4:]})}]}]}
    return "json", dump(body), ("card", c), ("email", p["email"])


def t_gemini(lang):
    p, q = person(lang), person(lang)
    args = {"to": p["email"], "cc": [q["email"]], "subject": "계약서 송부" if lang == "ko" else "契約書の送付",
            "body": (f"{p['name']}님, 계약서 첨부합니다. 문의는 {q['phone']} 로 연락주세요." if lang == "ko"
                     else f"{p['name']}様\n契約書を添付いたします。ご不明点は {q['phone']} までご連絡ください。")}
    body = {"contents": [
        {"role": "user", "parts": [{"text": ("방금 작성한 계약서 메일로 보내줘" if lang == "ko" else "さっきの契約書をメールで送って")}]},
        {"role": "model", "parts": [{"functionCall": {"name": "send_email", "args": args}}]},
        {"role": "user", "parts": [{"functionResponse": {"name": "send_email", "response": {
            "messageId": rnd(HEX, 16), "threadId": rnd(HEX, 16), "status": "sent"}}}]}],
        "tools": [{"functionDeclarations": [{"name": "send_email", "parameters": {"type": "OBJECT", "properties": {
            "to": {"type": "STRING"}, "cc": {"type": "ARRAY", "items": {"type": "STRING"}}, "subject": {"type": "STRING"},
            "body": {"type": "STRING"}}}}]}],
        "generationConfig": {"temperature": 0.4}}
    return "json", dump(body), ("email", p["email"]), ("email", q["email"]), ("phone", q["phone"])


def t_mcp_sql(lang):
    rows, labels = [], []
    for _ in range(R.randint(2, 4)):
        p = person(lang)
        rows.append((p["name"], p["phone"], p["email"], p["nid"]))
        labels += [("phone", p["phone"]), ("email", p["email"]), (p["nid_type"], p["nid"])]
    idcol = "rrn" if lang == "ko" else "my_number"
    q = f"SELECT name, phone, email, {idcol} FROM members WHERE joined_at >= '2026-11-01' LIMIT 10;"
    w = [max(len(str(r[i])) for r in rows) for i in range(4)]
    table = " | ".join(h.ljust(w[i]) for i, h in enumerate(["name", "phone", "email", idcol])) + "\n"
    table += "-+-".join("-" * x for x in w) + "\n"
    table += "\n".join(" | ".join(str(r[i]).ljust(w[i]) for i in range(4)) for r in rows)
    table += f"\n({len(rows)} rows)"
    rid = R.randint(1, 99)
    req = {"jsonrpc": "2.0", "id": rid, "method": "tools/call", "params": {"name": "query", "arguments": {"sql": q}}}
    res = {"jsonrpc": "2.0", "id": rid, "result": {"content": [{"type": "text", "text": table}], "isError": False}}
    text = dump(req, ascii_=False, indent=-1) + "\n" + dump(res, ascii_=False, indent=-1)
    return ("json", text, *labels)


def t_mcp_envfile(lang):
    host = priv_ip()
    url, pw = db_url(R.choice(["pg", "my"]), host)
    ok = openai_proj()
    sk = stripe()
    wh = slack_webhook()
    env = (f"# {company(lang)[0]} production\nNODE_ENV=production\nDATABASE_URL={url}\nOPENAI_API_KEY={ok}\n"
           f"STRIPE_SECRET_KEY={sk}\nSTRIPE_PUBLISHABLE_KEY=pk_live_{rnd_mixed(ALNUM, 24)}\nSLACK_WEBHOOK_URL={wh}\n"
           f"SENTRY_RELEASE={gitsha()[:12]}\n")
    rid = R.randint(100, 999)
    req = {"jsonrpc": "2.0", "id": rid, "method": "tools/call", "params": {"name": "read_file", "arguments": {"path": "/srv/app/.env"}}}
    res = {"jsonrpc": "2.0", "id": rid, "result": {"content": [{"type": "text", "text": env}]}}
    text = dump(req, indent=-1) + "\n" + dump(res, indent=-1)
    return "json", text, ("url_credentials", url), ("openai_key", ok), ("stripe_key", sk), ("slack_webhook", wh)


def t_rag_hr(lang):
    chunks, labels = [], []
    for i in range(R.randint(2, 3)):
        p = person(lang)
        if lang == "ko":
            acct = f"{rnd(DIG, 3)}-{rnd(DIG, 6)}-{rnd(DIG, 5)}"
            chunks.append(f"[문서 {i + 1}] 인사기록카드 - 성명: {p['name']} / 주민등록번호: {p['nid']} / 연락처: {p['phone']} / "
                          f"이메일: {p['email']} / 급여계좌: 국민은행 {acct}")
        else:
            chunks.append(f"[資料{i + 1}] 社員台帳 氏名: {p['name']}、個人番号: {p['nid']}、携帯: {p['phone']}、"
                          f"メール: {p['email']}、給与振込口座: 三菱UFJ銀行 渋谷支店 普通 {rnd(DIG, 7)}")
        labels += [(p["nid_type"], p["nid"]), ("phone", p["phone"]), ("email", p["email"])]
    sysmsg = ("다음 검색된 문서를 참고하여 답하세요.\n\n" if lang == "ko" else "以下の検索結果を参考に回答してください。\n\n") + "\n\n".join(chunks)
    q = "연말정산 누락된 직원 목록 정리해줘" if lang == "ko" else "年末調整の書類が未提出の社員を一覧にして"
    body = {"model": R.choice(MODELS_OAI), "messages": [{"role": "system", "content": sysmsg}, {"role": "user", "content": q}],
            "stream": True}
    return ("json", dump(body), *labels)


def t_email_tool(lang):
    p, q = person(lang), person(lang)
    co = company(lang)
    staff = f"support@{co[1]}"
    if lang == "ko":
        mail = (f"From: {p['name']} <{p['email']}>\nTo: {staff}\nDate: Mon, 24 Nov 2026 09:12:44 +0900\nSubject: 결제 오류 문의\n\n"
                f"안녕하세요, 주문번호 {order_no(lang)} 결제가 계속 실패합니다.\n카드번호는 {fcard(p['card'])} 이고 "
                f"유효기간 08/29 입니다. 연락은 {p['phone']} 로 부탁드립니다.")
    else:
        mail = (f"From: {p['name']} <{p['email']}>\nTo: {staff}\nDate: Mon, 24 Nov 2026 09:12:44 +0900\nSubject: 決済エラーについて\n\n"
                f"お世話になっております。注文番号 {order_no(lang)} の決済が失敗します。\nカード番号は {fcard(p['card'])}、"
                f"有効期限 08/29 です。折り返しは {p['phone']} までお願いします。")
    c = mail.split("카드번호는 " if lang == "ko" else "カード番号は ")[1].split(" 이고" if lang == "ko" else "、")[0]
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": T[lang]["summarize"]},
        {"role": "assistant", "tool_calls": [{"id": cid, "type": "function", "function": {"name": "gmail_get_message",
                                                                                          "arguments": A({"message_id": rnd(HEX, 16)})}}]},
        {"role": "tool", "tool_call_id": cid, "content": mail}]}
    return "json", dump(body), ("email", p["email"]), ("email", staff), ("card", c), ("phone", p["phone"])


def t_browser(lang):
    co = company(lang)
    ph1, ph2 = phone(lang), phone(lang)
    e1 = R.choice(["contact", "sales", "info", "recruit"]) + "@" + co[1]
    p = person(lang)
    if lang == "ko":
        page = (f"{co[0]} | 회사소개\n대표전화 {ph1} · 팩스 {ph2}\n이메일 {e1}\n사업자등록번호 {ko_biz_no()}\n"
                f"개인정보보호책임자: {p['name']} ({p['email']})\nCopyright © 2026 {co[0]}. All rights reserved.")
    else:
        page = (f"{co[0]}｜会社概要\n代表電話 {ph1}／FAX {ph2}\nお問い合わせ {e1}\n法人番号 {ja_corp_no()}\n"
                f"個人情報保護管理者: {p['name']}（{p['email']}）\n© 2026 {co[0]}")
    cid = call_id()
    url = f"https://www.{co[1]}/about"
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": f"{co[0]} 연락처 찾아줘" if lang == "ko" else f"{co[0]}の連絡先を調べて"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function",
                                                              "function": {"name": "browser_fetch", "arguments": A({"url": url})}}]},
        {"role": "tool", "tool_call_id": cid, "content": page}]}
    return "json", dump(body), ("phone", ph1), ("phone", ph2), ("email", e1), ("email", p["email"])


def t_shell_aws(lang):
    kid, sec = aws_key_id(), aws_secret()
    kid2, sec2 = aws_key_id(), aws_secret()
    out = (f"[default]\naws_access_key_id = {kid}\naws_secret_access_key = {sec}\nregion = ap-northeast-{2 if lang == 'ko' else 1}\n\n"
           f"[deploy]\naws_access_key_id={kid2}\naws_secret_access_key={sec2}\n")
    tid = toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 2048, "messages": [
        {"role": "user", "content": "배포가 권한 오류로 실패해. 자격증명 설정 확인해줘" if lang == "ko" else "デプロイが権限エラーで失敗する。認証情報の設定を確認して"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "bash", "input": {"command": "cat ~/.aws/credentials"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": [{"type": "text", "text": out}]}]}]}
    return ("json", dump(body), ("aws_access_key", kid), ("aws_secret_key", sec), ("aws_access_key", kid2), ("aws_secret_key", sec2))


def t_shell_env(lang):
    gh, an, hv = github(), anthropic(), vault()
    ip = priv_ip()
    out = (f"HOME=/home/runner\nGITHUB_TOKEN={gh}\nANTHROPIC_API_KEY={an}\nVAULT_ADDR=https://{ip}:8200\nVAULT_TOKEN={hv}\n"
           f"LANG={'ko_KR' if lang == 'ko' else 'ja_JP'}.UTF-8\nCI_COMMIT_SHA={gitsha()}\nPATH=/usr/local/bin:/usr/bin:/bin")
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": "CI 환경변수 뭐가 설정돼 있는지 확인" if lang == "ko" else "CIの環境変数を確認して"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function",
                                                              "function": {"name": "run_shell", "arguments": A({"cmd": "env | sort", "timeout": 30})}}]},
        {"role": "tool", "tool_call_id": cid, "content": out}]}
    return "json", dump(body), ("github_token", gh), ("anthropic_key", an), ("ip_address", ip), ("cloud_token", hv)


def t_sql_payments(lang):
    rows, labels = [], []
    for _ in range(R.randint(2, 3)):
        p = person(lang)
        rows.append({"order_id": order_no(lang), "buyer": p["name"], "email": p["email"], "card_number": p["card"],
                     "amount": R.randint(9900, 990000), "currency": "KRW" if lang == "ko" else "JPY"})
        labels += [("email", p["email"]), ("card", p["card"])]
    res = {"columns": list(rows[0].keys()), "rows": [list(r.values()) for r in rows], "row_count": len(rows), "elapsed_ms": R.randint(3, 80)}
    cid = call_id()
    args = A({"sql": "SELECT order_id, buyer, email, card_number, amount, currency FROM payments WHERE status='FAILED'"})
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": "결제 실패 건 원인 분석해줘" if lang == "ko" else "決済失敗の原因を分析して"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "sql_query", "arguments": args}}]},
        {"role": "tool", "tool_call_id": cid, "content": A(res)}]}
    return ("json", dump(body), *labels)


def t_pay_agent(lang):
    p = person(lang)
    c = p["card"]
    cvc = rnd(DIG, 3)
    ib = iban(R.choice(["DE", "FR", "NL", "GB"]))
    args = {"amount": R.randint(1000, 50000), "currency": "EUR", "beneficiary_iban": ib,
            "payer": {"name": p["name"], "email": p["email"], "phone": p["phone"]}, "card": {"number": c, "cvc": cvc, "exp_month": 4, "exp_year": 2029}}
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": "독일 공급사에 샘플 비용 송금해줘" if lang == "ko" else "ドイツの仕入先にサンプル代を送金して"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "create_payment", "arguments": A(args)}}]}],
        "parallel_tool_calls": False}
    return "json", dump(body), ("iban", ib), ("email", p["email"]), ("phone", p["phone"]), ("card", c)


def t_deploy_agent(lang):
    tg, dw, sg = telegram(), discord_webhook(), sendgrid()
    args = {"service": "notify-worker", "env": {"TELEGRAM_BOT_TOKEN": tg, "DISCORD_WEBHOOK": dw, "SENDGRID_API_KEY": sg,
                                                "LOG_LEVEL": "info", "BUILD": f"v2.{R.randint(1, 30)}.{R.randint(0, 9)}"}}
    tid = toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 1024, "messages": [
        {"role": "user", "content": "알림 워커 재배포해줘" if lang == "ko" else "通知ワーカーを再デプロイして"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "deploy_service", "input": args}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": "deployment 7 rolled out"}]}]}
    return "json", dump(body), ("telegram_token", tg), ("discord_webhook", dw), ("saas_token", sg)


def t_code_in_prompt(lang):
    g, pw = google_key(), password()
    host = pub_ip(lang)
    kk = kakao_rest() if lang == "ko" else line_token()
    if lang == "ko":
        code = (f"import requests\n\nKAKAO_REST_KEY = \"{kk}\"\nGOOGLE_MAPS_KEY = '{g}'\n\n"
                f"def connect():\n    return pymysql.connect(host=\"{host}\", user=\"batch\", password=\"{pw}\", db=\"geo\")\n")
        ask = "이 코드에서 주소 검색이 403 나는 이유 알려줘:\n\n```python\n" + code + "```"
    else:
        code = (f"import requests\n\nLINE_CHANNEL_TOKEN = \"{kk}\"\nGOOGLE_MAPS_KEY = '{g}'\n\n"
                f"def connect():\n    return pymysql.connect(host=\"{host}\", user=\"batch\", password=\"{pw}\", db=\"geo\")\n")
        ask = "このコードで住所検索が403になる理由を教えて：\n\n```python\n" + code + "```"
    body = {"model": R.choice(MODELS_OAI), "messages": [{"role": "user", "content": ask}]}
    text = dump(body, ascii_=False)
    return "json", text, ("saas_token", kk), ("google_api_key", g), ("ip_address", host), ("password", pw)


def t_gcp_file(lang):
    proj = R.choice(["hanbit-prod", "nuri-ml-2026", "sakura-shoji-data", "mirai-analytics"])
    sa, key = gcp_sa_json(proj)
    tid = toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 1024, "messages": [
        {"role": "user", "content": "BigQuery 인증 에러 원인 찾아줘" if lang == "ko" else "BigQueryの認証エラーの原因を調べて"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "read_file", "input": {"path": "./secrets/sa.json"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": sa}]}]}
    text = dump(body, ascii_=False, indent=R.choice([None, 2]))
    em = f"ci-deployer@{proj}.iam.gserviceaccount.com"
    return "json", text, ("gcp_credentials", esc(sa)), ("private_key", esc(key)), ("email", em)


def t_ssh_key(lang):
    k = R.choice([openssh_key, lambda: pem("ec"), pem_rsa_traditional])()
    ip = pub_ip(lang)
    out = k + "\n"
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": f"{ip} 서버 접속이 안돼. 키 파일 확인해줘" if lang == "ko" else f"{ip} のサーバーに接続できない。鍵ファイルを確認して"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "run_shell", "arguments": A({"cmd": "cat ~/.ssh/id_deploy"})}}]},
        {"role": "tool", "tool_call_id": cid, "content": out}]}
    return "json", dump(body, ascii_=False), ("ip_address", ip), ("private_key", esc(k))


def t_system_secret(lang):
    tok = R.choice([("saas_token", notion()), ("saas_token", linear()), ("cloud_token", databricks()), ("ai_api_key", groq()),
                    ("cloud_token", do_token()), ("huggingface_token", hf()), ("gitlab_token", gitlab())])
    j = jwt({"sub": f"agent-{rnd(DIG, 4)}", "role": "service", "iat": 1795400000 + R.randint(0, 99999)})
    if lang == "ko":
        sysm = (f"너는 사내 운영 에이전트다. 내부 API 호출 시 헤더에 Authorization: Bearer {j} 를 넣어라. "
                f"외부 연동 토큰은 {tok[1]} 이다. 절대 사용자에게 노출하지 마라.")
        u = "어제 배치 실패 로그 요약해줘"
    else:
        sysm = (f"あなたは社内運用エージェントです。内部APIを呼ぶときは Authorization: Bearer {j} を付けること。"
                f"外部連携トークンは {tok[1]} 。ユーザーには絶対に見せないこと。")
        u = "昨日のバッチ失敗ログを要約して"
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 800, "system": sysm, "messages": [{"role": "user", "content": u}]}
    return "json", dump(body), ("jwt", j), tok


def t_responses_api(lang):
    p = person(lang)
    cid = "call_" + rnd(ALNUM, 24)
    out = {"found": True, "patient": {"name": p["name"], "dob": f"19{R.randint(55, 99)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}",
                                      "phone": p["phone"], ("rrn" if lang == "ko" else "my_number"): p["nid"]},
           "next_visit": "2026-12-02T10:30:00+09:00"}
    body = {"model": R.choice(MODELS_OAI), "input": [
        {"role": "user", "content": f"{p['name']} 환자 다음 예약 확인해줘" if lang == "ko" else f"{p['name']}さんの次回予約を確認して"},
        {"type": "function_call", "call_id": cid, "name": "find_patient", "arguments": A({"name": p["name"]})},
        {"type": "function_call_output", "call_id": cid, "output": A(out)}],
        "tools": [{"type": "function", "name": "find_patient", "parameters": {"type": "object", "properties": {"name": {"type": "string"}}}}],
        "previous_response_id": "resp_" + rnd(HEX, 48)}
    return "json", dump(body), ("phone", p["phone"]), (p["nid_type"], p["nid"])


def t_mcp_signup(lang):
    p = person(lang)
    pw = R.choice([password, password_random])()
    args = {"email": p["email"], "password": pw, "phone": p["phone"], "display_name": p["name"]}
    rid = uid()
    req = {"jsonrpc": "2.0", "id": rid, "method": "tools/call", "params": {"name": "create_account", "arguments": args}}
    return "json", dump(req), ("email", p["email"]), ("password", pw), ("phone", p["phone"])


def t_azure(lang):
    ak = azure_storage_key()
    cs = azure_client_secret()
    acct = R.choice(["hanbitlogs", "nuridocs", "sakuradata", "miraiblob"])
    conn = f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={ak};EndpointSuffix=core.windows.net"
    args = {"connection_string": conn, "container": "invoices", "prefix": "2026/11/"}
    cfg = {"tenant_id": uid(), "client_id": uid(), "client_secret": cs}
    cid, cid2 = call_id(), call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": "11월 청구서 파일 목록 가져와" if lang == "ko" else "11月の請求書ファイル一覧を取ってきて"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": cid, "type": "function", "function": {"name": "blob_list", "arguments": A(args)}},
            {"id": cid2, "type": "function", "function": {"name": "graph_login", "arguments": A(cfg)}}]}]}
    return "json", dump(body), ("azure_key", ak), ("azure_key", cs)


def t_registry(lang):
    n, py = npm(), pypi()
    out = f"//registry.npmjs.org/:_authToken={n}\n@{company(lang)[1].split('.')[0]}:registry=https://npm.pkg.example.internal/\n"
    pyrc = f"[pypi]\n  username = __token__\n  password = {py}\n"
    tid, tid2 = toolu_id(), toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 1000, "messages": [
        {"role": "user", "content": "패키지 배포 설정 점검해줘" if lang == "ko" else "パッケージ公開の設定を点検して"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "read_file", "input": {"path": "~/.npmrc"}},
                                          {"type": "tool_use", "id": tid2, "name": "read_file", "input": {"path": "~/.pypirc"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": out},
                                     {"type": "tool_result", "tool_use_id": tid2, "content": pyrc}]}]}
    return "json", dump(body), ("npm_token", n), ("package_registry_token", py)


def t_toss_kakao(lang):
    if lang == "ko":
        k = toss_sk()
        p = person(lang)
        args = {"secretKey": k, "paymentKey": "tgen_" + rnd(DIG, 14) + rnd(ALNUM, 6), "orderId": order_no(lang),
                "amount": 59000, "customerMobilePhone": p["phone"].replace("-", "").replace(" ", "")}
        return "json", dump({"jsonrpc": "2.0", "id": R.randint(1, 50), "method": "tools/call",
                             "params": {"name": "toss_confirm_payment", "arguments": args}}), \
            ("payment_token", k), ("phone", args["customerMobilePhone"])
    k = square()
    p = person(lang)
    args = {"access_token": k, "location_id": "L" + rnd(string.ascii_uppercase + DIG, 12), "buyer_email": p["email"],
            "idempotency_key": uid()}
    return "json", dump({"jsonrpc": "2.0", "id": R.randint(1, 50), "method": "tools/call",
                         "params": {"name": "square_create_payment", "arguments": args}}), ("payment_token", k), ("email", p["email"])


def t_ai_keys_router(lang):
    k = R.choice([("ai_api_key", xai()), ("ai_api_key", pplx()), ("ai_api_key", replicate()), ("openai_key", openai_svc())])
    gk = google_key()
    cfg = {"router": {"fallback": [{"provider": "gemini", "api_key": gk, "model": "gemini-2.5-flash"},
                                   {"provider": k[1][:4], "api_key": k[1]}]},
           "trace_id": rnd(HEX, 32)}
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": "라우터 설정 JSON 검증해줘" if lang == "ko" else "ルーター設定JSONを検証して"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "validate_config", "arguments": A(cfg)}}]}]}
    return "json", dump(body), ("google_api_key", gk), k


def t_mcp_mongo_log(lang):
    url, pw = db_url(R.choice(["mongo", "redis"]), R.choice([priv_ip(), f"db-{rnd('abcdef0123456789', 6)}.{company(lang)[1]}"]))
    ip = pub_ip(lang)
    p = person(lang)
    log = (f"2026-11-24T01:{R.randint(10, 59)}:07Z ERROR connect failed uri={url} err=timeout\n"
           f"2026-11-24T01:{R.randint(10, 59)}:09Z WARN login retry user={p['email']} src={ip}\n"
           f"2026-11-24T01:{R.randint(10, 59)}:11Z INFO healthcheck ok from 127.0.0.1")
    req = {"jsonrpc": "2.0", "id": R.randint(1, 500), "method": "tools/call", "params": {"name": "tail_logs", "arguments": {"service": "api", "lines": 3}}}
    res = {"jsonrpc": "2.0", "id": req["id"], "result": {"content": [{"type": "text", "text": log}]}}
    return "json", dump(req, indent=-1) + "\n" + dump(res, indent=-1), ("url_credentials", url), ("email", p["email"]), ("ip_address", ip)


def t_slack_bot(lang):
    sb = R.choice([slack_bot, slack_user])()
    gh = github_pat()
    st = stripe("rk_live_")
    args = A({"slack_token": sb, "channel": "#ops-alerts", "text": "배포 완료" if lang == "ko" else "デプロイ完了"})
    body = {"contents": [{"role": "model", "parts": [{"functionCall": {"name": "post_slack", "args": {"payload": args}}}]}],
            "systemInstruction": {"parts": [{"text": f"GitHub: {gh}\nStripe restricted key: {st}"}]}}
    return "json", dump(body), ("slack_token", sb), ("github_token", gh), ("stripe_key", st)


# ================================================================ JSON hard negatives
def n_openai_ids(lang):
    cid = call_id()
    res = {"order_id": order_no(lang), "tracking_number": tracking(lang), "carrier": "CJ대한통운" if lang == "ko" else "ヤマト運輸",
           "status": "in_transit", "eta": "2026-11-26", "payment": {"method": "card", "masked": f"**** **** **** {rnd(DIG, 4)}"},
           "request_id": uid()}
    body = {"id": "chatcmpl-" + rnd(ALNUM, 29), "model": R.choice(MODELS_OAI), "messages": [
        {"role": "user", "content": f"주문 {res['order_id']} 배송 어디쯤이야?" if lang == "ko" else f"注文 {res['order_id']} の配送状況は？"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "track_order", "arguments": A({"order_id": res["order_id"]})}}]},
        {"role": "tool", "tool_call_id": cid, "content": A(res)}]}
    return ("json", dump(body))


def n_mcp_tools_list(lang):
    tools = [{"name": "send_sms", "description": ("문자 발송. 예: {\"to\": \"010-XXXX-XXXX\", \"text\": \"...\"}" if lang == "ko"
                                                  else "SMS送信。例: {\"to\": \"090-XXXX-XXXX\", \"text\": \"...\"}"),
              "inputSchema": {"type": "object", "properties": {"to": {"type": "string", "pattern": "^\\+?[0-9-]{9,15}$"}, "text": {"type": "string"}}}},
             {"name": "set_api_key", "description": "Store a vendor key. Pass the key as `sk-...`; never log it.",
              "inputSchema": {"type": "object", "properties": {"api_key": {"type": "string", "examples": ["<your-api-key>", "${OPENAI_API_KEY}"]}}}}]
    res = {"jsonrpc": "2.0", "id": R.randint(1, 9), "result": {"tools": tools, "nextCursor": None}}
    return ("json", dump(res))


def n_git_tool(lang):
    commits = "\n".join(f"{gitsha()[:R.choice([7, 40])]} {m}" for m in
                        (["fix: 결제 모듈 타임아웃 수정", "chore: bump axios to 1.7.9", "feat: 주문 조회 API v2"] if lang == "ko" else
                         ["fix: 決済モジュールのタイムアウト修正", "chore: bump axios to 1.7.9", "feat: 注文照会API v2"]))
    tid = toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 600, "messages": [
        {"role": "user", "content": "최근 커밋 요약해서 릴리즈 노트 써줘" if lang == "ko" else "最近のコミットからリリースノートを書いて"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "bash", "input": {"command": "git log --oneline -3"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": commits + f"\nsha256:{sha256()}  dist/app-v3.{R.randint(0, 9)}.{R.randint(0, 20)}.tar.gz"}]}]}
    return ("json", dump(body))


def n_corp_lookup(lang):
    if lang == "ko":
        res = {"company": company(lang)[0], "biz_reg_no": ko_biz_no(), "corp_reg_no": ko_corp_no(), "established": "2011-03-14",
               "employees": R.randint(40, 900), "credit_grade": "BBB+"}
        q = "이 회사 사업자 정보 조회해줘"
    else:
        res = {"company": company(lang)[0], "corporate_number": ja_corp_no(), "invoice_reg_no": "T" + ja_corp_no(),
               "established": "2009-04-01", "capital_jpy": R.randint(10, 900) * 1000000}
        q = "この会社の法人情報を調べて"
    cid = call_id()
    body = {"model": R.choice(MODELS_OAI), "messages": [{"role": "user", "content": q},
                                                       {"role": "assistant", "content": None, "tool_calls": [{"id": cid, "type": "function", "function": {"name": "corp_lookup", "arguments": A({"name": res["company"]})}}]},
                                                       {"role": "tool", "tool_call_id": cid, "content": A(res)}]}
    return ("json", dump(body))


def n_frontend_cfg(lang):
    cfg = {"stripePublishableKey": "pk_live_" + rnd_mixed(ALNUM, 24), "sentryDsnEnv": "${SENTRY_DSN}", "apiBase": "https://api.example.com/v2",
           "buildId": uid(), "version": f"4.{R.randint(0, 12)}.{R.randint(0, 30)}-rc.{R.randint(1, 5)}", "openaiKey": "sk-...",
           "featureFlags": {"newCheckout": True}}
    tid = toolu_id()
    body = {"model": R.choice(MODELS_ANT), "max_tokens": 500, "messages": [
        {"role": "user", "content": "프론트 설정에 비밀값 들어간 거 없는지 봐줘" if lang == "ko" else "フロントの設定に秘密情報が入っていないか見て"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": tid, "name": "read_file", "input": {"path": "public/config.json"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tid, "content": dump(cfg, indent=2)}]}]}
    return ("json", dump(body))


def n_users_hashes(lang):
    rows = [{"id": R.randint(1000, 9999), "username": rnd(string.ascii_lowercase, 7), "password_hash": bcrypt(),
             "created_at": f"2026-0{R.randint(1, 9)}-{R.randint(10, 28)}T0{R.randint(0, 9)}:00:00Z"} for _ in range(3)]
    rid = R.randint(1, 99)
    res = {"jsonrpc": "2.0", "id": rid, "result": {"content": [{"type": "text", "text": dump(rows)}], "isError": False}}
    return ("json", dump(res))


def n_gemini_weather(lang):
    body = {"contents": [{"role": "user", "parts": [{"text": "내일 서울 날씨 어때?" if lang == "ko" else "明日の東京の天気は？"}]},
                         {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Seoul" if lang == "ko" else "Tokyo", "date": "2026-11-25"}}}]},
                         {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"temp_c": R.randint(-3, 15), "pop": 0.3, "station": "47108" if lang == "ko" else "44132", "obs_time": 1795500000 + R.randint(0, 9999)}}}]}]}
    return ("json", dump(body))


# ================================================================ plain text (positives)
def p_prompt_tax(lang):
    p = person(lang)
    if lang == "ko":
        t = (f"연말정산 부양가족 등록 서류 작성 도와줘.\n본인: {p['name']}, 주민번호 {p['nid']}\n"
             f"배우자 주민번호는 {kr_rrn()}\n") 
        sp = t.split("배우자 주민번호는 ")[1].strip()
        t += f"연락처 {p['phone']}, 회사 메일 {p['email']} 로 결과 보내줘."
        return "prose", t, ("kr_rrn", p["nid"]), ("kr_rrn", sp), ("phone", p["phone"]), ("email", p["email"])
    t = (f"扶養控除等申告書を作るのを手伝ってください。\n本人: {p['name']}（マイナンバー {p['nid']}）\n"
         f"配偶者のマイナンバー: {jp_mynumber()}\n")
    sp = t.split("配偶者のマイナンバー: ")[1].strip()
    t += f"電話 {p['phone']}、メール {p['email']} に結果を送って。"
    return "prose", t, ("jp_mynumber", p["nid"]), ("jp_mynumber", sp), ("phone", p["phone"]), ("email", p["email"])


def p_agent_log(lang):
    p = person(lang)
    ip, ip2 = pub_ip(lang), priv_ip()
    ok = openai_proj()
    j = jwt()
    t = (f"2026-11-24 10:02:11 KST INFO  agent.step=3 tool=send_sms to={p['phone']} status=queued\n"
         f"2026-11-24 10:02:11 KST DEBUG http POST https://api.openai.com/v1/chat/completions headers={{'Authorization': 'Bearer {ok}'}}\n"
         f"2026-11-24 10:02:12 KST INFO  client={ip} upstream={ip2}:8080 session={j}\n"
         f"2026-11-24 10:02:12 KST INFO  trace_id={rnd(HEX, 32)} latency_ms=812")
    return "log", t, ("phone", p["phone"]), ("openai_key", ok), ("ip_address", ip), ("ip_address", ip2), ("jwt", j)


def p_chat_handoff(lang):
    p = person(lang)
    pw = password()
    c = fcard(p["card"])
    if lang == "ko":
        t = (f"상담원: 본인 확인을 위해 생년월일 알려주세요.\n고객: {p['nid'][:6]}요. 아 그냥 주민번호 전체 {p['nid']} 입니다\n"
             f"고객: 그리고 쇼핑몰 비번이 {pw} 였는데 로그인이 안돼요. 결제는 {c} 카드로 했어요")
    else:
        t = (f"オペレーター: ご本人確認のため、登録のお電話番号をお願いします。\nお客様: {p['phone']} です。\n"
             f"お客様: ログインできなくて、パスワードは {pw} にしてたはずです。支払いは {c} のカードです。")
    lab = [("password", pw), ("card", c)]
    lab.append(("kr_rrn", p["nid"]) if lang == "ko" else ("phone", p["phone"]))
    return ("chat", t, *lab)


def p_ops_note(lang):
    url, pw = db_url("pg", priv_ip())
    ip = pub_ip(lang)
    k = R.choice([("cloud_token", databricks()), ("saas_token", sendgrid()), ("slack_webhook", slack_webhook()), ("discord_token", discord_token())])
    if lang == "ko":
        t = (f"[에이전트 작업 로그]\n1) 스테이징 DB 접속: {url}\n2) 방화벽에 {ip} 허용 추가\n3) 알림 연동값 교체 → {k[1]}\n"
             f"4) 완료 후 #infra 채널에 공유 (티켓 INFRA-{R.randint(1000, 9999)})")
    else:
        t = (f"【エージェント作業ログ】\n1. ステージングDBへ接続: {url}\n2. FWに {ip} を許可追加\n3. 通知連携の値を差し替え → {k[1]}\n"
             f"4. 完了後 #infra に共有（チケット INFRA-{R.randint(1000, 9999)}）")
    return "log", t, ("url_credentials", url), ("ip_address", ip), k


# ================================================================ plain text (hard negatives)
def pn_order_mail(lang):
    if lang == "ko":
        t = (f"주문이 완료되었습니다.\n주문번호: {order_no(lang)}\n송장번호: {tracking(lang)} (CJ대한통운)\n결제수단: 신한카드 ****-****-****-{rnd(DIG, 4)}\n"
             f"결제일시: 2026-11-24 14:03:55\n사업자등록번호 {ko_biz_no()} · 통신판매업신고 제2026-서울강남-{rnd(DIG, 5)}호")
    else:
        t = (f"ご注文ありがとうございます。\nご注文番号: {order_no(lang)}\nお問い合わせ伝票番号: {tracking(lang)}（ヤマト運輸）\n"
             f"お支払い: JCB カード末尾 {rnd(DIG, 4)}\nご注文日時: 2026/11/24 14:03\n登録番号 T{ja_corp_no()}")
    return ("prose", t)


def pn_docs_placeholders(lang):
    if lang == "ko":
        t = ("## 설정 방법\n`.env` 파일에 아래처럼 넣으세요:\n\n```\nOPENAI_API_KEY=<your-api-key>\nANTHROPIC_API_KEY=sk-ant-xxxx\n"
             "DATABASE_URL=postgresql://USER:PASSWORD@localhost:5432/app\n```\n키는 절대 커밋하지 마세요. 예시 IP는 203.0.113.10 입니다.")
    else:
        t = ("## 設定方法\n`.env` に次のように記述します:\n\n```\nOPENAI_API_KEY=<your-api-key>\nANTHROPIC_API_KEY=sk-ant-xxxx\n"
             "DATABASE_URL=postgresql://USER:PASSWORD@localhost:5432/app\n```\nキーはコミットしないでください。例のIPは 198.51.100.7 です。")
    return ("prose", t)


def pn_release(lang):
    t = (f"{'릴리즈' if lang == 'ko' else 'リリース'} v{R.randint(1, 5)}.{R.randint(0, 20)}.{R.randint(0, 40)} ({gitsha()[:10]})\n"
         f"- image digest sha256:{sha256()}\n- OID 1.3.6.1.4.1.{R.randint(10000, 60000)}.1.2\n- build {uid()}\n"
         f"- {'배포 시각' if lang == 'ko' else 'デプロイ時刻'} {1795500000000 + R.randint(0, 999999)} (epoch ms)\n- netmask 255.255.255.0, bind 0.0.0.0:8443")
    return ("log", t)


def pn_agent_trace(lang):
    t = (f"step=1 tool=search_products query=\"{'무선 이어폰' if lang == 'ko' else 'ワイヤレスイヤホン'}\" results=12 request_id={uid()}\n"
         f"step=2 tool=get_product sku=SKU-{rnd(DIG, 8)} price={R.randint(19, 299)}000 stock={R.randint(0, 80)}\n"
         f"step=3 tool=create_cart cart_id=cart_{rnd(ALNUM, 16)} invoice=INV-2026-{rnd(DIG, 6)}\n"
         f"step=4 tool=checkout payment=card_masked(**** {rnd(DIG, 4)}) token=${{PAYMENT_TOKEN}} status=requires_action")
    return ("log", t)


# ================================================================ schedule
POS_JSON = [t_openai_crm, t_anthropic_tooluse, t_gemini, t_mcp_sql, t_mcp_envfile, t_rag_hr, t_email_tool, t_browser, t_shell_aws,
            t_shell_env, t_sql_payments, t_pay_agent, t_deploy_agent, t_code_in_prompt, t_gcp_file, t_ssh_key, t_system_secret,
            t_responses_api, t_mcp_signup, t_azure, t_registry, t_toss_kakao, t_ai_keys_router, t_mcp_mongo_log, t_slack_bot]
NEG_JSON = [n_openai_ids, n_mcp_tools_list, n_git_tool, n_corp_lookup, n_frontend_cfg, n_users_hashes, n_gemini_weather]
POS_TXT = [p_prompt_tax, p_agent_log, p_chat_handoff, p_ops_note]
NEG_TXT = [pn_order_mail, pn_docs_placeholders, pn_release, pn_agent_trace]

# per language: 26 positive JSON + 9 negative JSON (=35 JSON, 70 %), 8 positive text + 7 negative text
plan = []
for lang in ("ko", "ja"):
    seq = [(lang, f) for f in POS_JSON + [R.choice([t_openai_crm, t_mcp_sql, t_email_tool])]]
    seq += [(lang, NEG_JSON[i % len(NEG_JSON)]) for i in range(9)]
    seq += [(lang, POS_TXT[i % len(POS_TXT)]) for i in range(8)]
    seq += [(lang, NEG_TXT[i % len(NEG_TXT)]) for i in range(7)]
    plan += seq
R.shuffle(plan)
for lang, f in plan:
    kind, text, *labels = f(lang)
    S(lang, kind, text, *labels)

write_corpus(OUT, sys.argv[1])
