#!/usr/bin/python3
"""An LMS of our own, written from the IMS specifications (LTI 1.3 Core, IMS Security Framework 1.0, Deep Linking
2.0, AGS 2.0, NRPS 2.0, Dynamic Registration 1.0), that drives a running Handshake Lab end to end as Moodle or Canvas
would and prints one line per check. See README.md next to it. Needs Debian's python3-jwt and python3-cryptography.
"""
import argparse
import base64
import hashlib
import hmac
import html.parser
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
SCOPE_LINEITEM_RO = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
SCOPE_RESULT_RO = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/"
LEARNER_ROLES = [ROLE + "membership#Learner", ROLE + "institution/person#Student"]
INSTRUCTOR_ROLES = [ROLE + "membership#Instructor", ROLE + "institution/person#Faculty"]
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
NRPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# As Moodle's: a query with several parameters, which the tool's form must post back to unchanged.
RETURN_PATH = "/deep-link-return?course=2&sesskey=ab%2Bcd"


# ---------------------------------------------------------------- results

class Report:
    def __init__(self):
        self.rows = []

    def check(self, name, ok, detail=""):
        self.rows.append((name, bool(ok), detail))
        print(("PASS " if ok else "FAIL ") + name + (" -- " + detail if detail and not ok else ""), flush=True)
        return bool(ok)

    def failed(self):
        return [row for row in self.rows if not row[1]]


REPORT = Report()


# ---------------------------------------------------------------- HTTP as a browser or a server-side client

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def request(method, url, body=None, headers=None, cookies=None):
    """One request, no redirect followed, no cookie sent unless given: what a browser in a third-party iframe sends."""
    parts = urllib.parse.urlsplit(url)
    connection = (http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection)(parts.netloc, timeout=20)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    all_headers = dict(headers or {})
    if cookies:
        all_headers["Cookie"] = "; ".join(k + "=" + v for k, v in cookies.items())
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    found = {}
    set_cookies = []
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            set_cookies.append(value)
        found[name.lower()] = value
    connection.close()
    answer = Answer(response.status, found, data)
    answer.set_cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0] for c in set_cookies}
    return answer


class Forms(html.parser.HTMLParser):
    """The forms and links of a page, as a browser sees them."""

    def __init__(self, page):
        super().__init__()
        self.forms, self.links, self.ids = [], [], {}
        self._id_stack = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "method": (a.get("method") or "get").lower(), "fields": {}})
        elif tag == "input" and self.forms and a.get("name") and a.get("type") not in ("radio", "checkbox"):
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and self.forms and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self.forms and getattr(self, "_select", None) and "selected" in a:
            self.forms[-1]["fields"][self._select] = a.get("value", "")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("id"):
            self._id_stack.append((tag, a["id"]))
            self.ids[a["id"]] = ""

    def handle_data(self, data):
        for _, element_id in self._id_stack:
            self.ids[element_id] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if self._id_stack and self._id_stack[-1][0] == tag:
            self._id_stack.pop()


def visible_text(page):
    """The words a reader sees: no tags, scripts, styles or code elements."""
    page = re.sub(r"(?s)<(script|style|code|head)\b.*?</\1>", " ", page)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


# ---------------------------------------------------------------- the platform

class Platform:
    """The LMS's server side: its keys and JWKS, OIDC auth endpoint, token endpoint, AGS, NRPS, registration."""

    def __init__(self, port, tool):
        self.port, self.tool = port, tool
        self.issuer = "http://localhost:%d" % port
        self.client_id = "lms-client-" + uuid.uuid4().hex[:8]
        self.deployment_id = "deployment-1"
        self.keys = {"platform-key-1": rsa.generate_private_key(public_exponent=65537, key_size=2048)}
        self.published = ["platform-key-1"]
        self.signing_kid = "platform-key-1"
        self.jwks_fetches = []
        self.auth_requests = []      # what the tool's redirect asked the auth endpoint for
        self.launch_plans = {}       # login_hint -> how to build the id_token
        self.issued = {}             # access token -> granted scopes
        self.token_requests = []
        self.line_items = {}         # id -> {"label", "scoreMaximum", "resourceId", "resourceLinkId", "fail_next": n}
        self.scores = []             # (line item id, accepted, score JSON, content type)
        self.score_problems = []
        self.score_queries = []
        self.memberships = {}        # context id -> list of members
        self.nrps_requests = []
        self.registrations = []      # tool registrations received
        self.deep_link_returns = []
        self.lock = threading.Lock()
        self.last_posted = None      # the last form the auth endpoint posted to the tool (for replays)

    # ---- keys
    def jwks(self):
        keys = []
        for kid in self.published:
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.keys[kid].public_key()))
            public.update({"kid": kid, "alg": "RS256", "use": "sig"})
            keys.append(public)
        return {"keys": keys}

    def add_key(self, kid, publish=True):
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)

    # ---- the id_token, with real claim names
    def id_token(self, plan, nonce):
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": self.client_id, "sub": plan["sub"], "iat": now, "exp": now + 300, "nonce": nonce,
            "name": plan.get("name", "Ada Lovelace"), "given_name": "Ada", "family_name": "Lovelace",
            "email": plan["sub"] + "@lms.example",
            LTI + "message_type": plan.get("message_type", "LtiResourceLinkRequest"),
            LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": plan.get("target_link_uri", self.tool + "/"),
            LTI + "roles": plan.get("roles", LEARNER_ROLES),
            LTI + "context": {"id": plan.get("context", "course-1"), "label": "NET101", "title": plan.get("context_title", "Networks 101"),
                              "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"]},
            LTI + "tool_platform": {"guid": "lms-check-" + str(self.port), "name": "LMS check", "product_family_code": "lms-check",
                                    "version": "1.0"},
            LTI + "launch_presentation": {"document_target": "iframe", "locale": plan.get("locale", "en"),
                                          "return_url": self.issuer + "/course/1"},
            LTI + "custom": {},
            LTI + "lis": {"person_sourcedid": "sis-" + plan["sub"], "course_section_sourcedid": "NET101-A"},
        }
        if claims[LTI + "message_type"] == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": plan.get("resource_link", "link-1"), "title": "Handshake Lab"}
        else:
            claims[DL + "deep_linking_settings"] = {
                "deep_link_return_url": self.issuer + RETURN_PATH, "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"], "accept_multiple": False,
                "auto_create": True, "title": "Add an activity", "data": plan.get("data", "csrf-opaque-" + uuid.uuid4().hex)}
        if "lineitem" in plan:
            claims[AGS_CLAIM] = {"scope": [SCOPE_LINEITEM, SCOPE_LINEITEM_RO, SCOPE_RESULT_RO, SCOPE_SCORE],
                                 "lineitems": self.issuer + "/lineitems"}
            if plan["lineitem"]:
                claims[AGS_CLAIM]["lineitem"] = plan["lineitem"]
        if plan.get("nrps"):
            claims[NRPS_CLAIM] = {"context_memberships_url": self.issuer + "/memberships/" + plan.get("context", "course-1"),
                                  "service_versions": ["2.0"]}
        for name, value in plan.get("override", {}).items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        kid = plan.get("kid", self.signing_kid)
        if plan.get("alg") in ("HS256", "none"):
            # Algorithm confusion: HMAC keyed with the published public key, or no signature at all.
            header = {"alg": plan["alg"], "kid": kid, "typ": "JWT"}
            encode = lambda part: base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()
            signing_input = encode(header) + "." + encode(claims)
            secret = json.dumps(self.jwks()["keys"][0]).encode()
            signature = b"" if plan["alg"] == "none" else hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
            return signing_input + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()
        key = plan.get("key") or self.keys[kid]
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid, "typ": "JWT"})

    # ---- the tool's signatures
    def tool_key(self, token):
        kid = jwt.get_unverified_header(token).get("kid")
        keys = request("GET", self.tool + "/lti/jwks").json()["keys"]
        for key in keys:
            if key.get("kid") == kid:
                return jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(key))
        raise ValueError("kid %s not in the tool's /lti/jwks" % kid)


class Handler(BaseHTTPRequestHandler):
    platform = None

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def bearer(self):
        auth = self.headers.get("Authorization") or ""
        return self.platform.issued.get(auth[7:]) if auth.startswith("Bearer ") else None

    def do_GET(self):
        p = self.platform
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/jwks":
            p.jwks_fetches.append(time.time())
            return self.send(200, p.jwks())
        if url.path == "/auth":
            return self.auth(query)
        if url.path == "/.well-known/openid-configuration":
            issuer = query.get("claim_issuer", p.issuer)
            return self.send(200, {
                "issuer": issuer, "authorization_endpoint": p.issuer + "/auth", "token_endpoint": p.issuer + "/token",
                "jwks_uri": p.issuer + "/jwks", "registration_endpoint": p.issuer + "/register",
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", SCOPE_SCORE, SCOPE_LINEITEM, SCOPE_NRPS],
                "response_types_supported": ["id_token"], "subject_types_supported": ["public", "pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"], "claims_supported": ["sub", "iss", "name", "email"],
                "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                    "product_family_code": "lms-check", "version": "1.0",
                    "messages_supported": [{"type": "LtiResourceLinkRequest"}, {"type": "LtiDeepLinkingRequest"}]}})
        if url.path.startswith("/memberships/"):
            scopes = self.bearer()
            p.nrps_requests.append({"scopes": scopes, "accept": self.headers.get("Accept")})
            if not scopes or SCOPE_NRPS not in scopes:
                return self.send(401, {"error": "invalid_token"})
            context = url.path[len("/memberships/"):]
            return self.send(200, {"id": p.issuer + url.path, "context": {"id": context, "label": "NET101", "title": "Networks 101"},
                                   "members": p.memberships.get(context, [])}, NRPS_TYPE)
        if url.path.startswith("/lineitems/"):
            item = p.line_items.get(p.issuer + url.path)
            return self.send(200 if item else 404, dict(item or {}, id=p.issuer + url.path), "application/vnd.ims.lis.v2.lineitem+json")
        self.send(404, {"error": "not found"})

    def auth(self, query):
        """OIDC authentication endpoint (IMS Security Framework 5.1.1.2): the browser arrives from the tool's redirect."""
        p = self.platform
        p.auth_requests.append(query)
        plan = p.launch_plans.get(query.get("login_hint"))
        if plan is None or query.get("client_id") != p.client_id:
            return self.send(400, "unknown login_hint or client_id", "text/plain")
        nonce = plan.get("nonce") or query.get("nonce")
        state = plan["state"] if "state" in plan else query.get("state")
        token = p.id_token(plan, nonce)
        fields = {"id_token": token}
        if state is not None:
            fields["state"] = state
        p.last_posted = {"redirect_uri": query.get("redirect_uri"), "fields": fields, "nonce": query.get("nonce")}
        inputs = "".join('<input type="hidden" name="%s" value="%s">' % (k, v) for k, v in fields.items())
        page = '<form method="post" action="%s" id="launch">%s</form>' % (query.get("redirect_uri"), inputs)
        self.send(200, page, "text/html; charset=utf-8")

    def do_POST(self):
        p = self.platform
        url = urllib.parse.urlsplit(self.path)
        raw = self.body()
        content_type = self.headers.get("Content-Type") or ""
        if url.path == "/token":
            return self.token(dict(urllib.parse.parse_qsl(raw.decode())), content_type)
        if url.path == "/register":
            return self.register(raw, content_type)
        if url.path == "/deep-link-return":
            p.deep_link_returns.append(dict(urllib.parse.parse_qsl(raw.decode())))
            return self.send(200, "<p>added</p>", "text/html")
        if url.path == "/lineitems":
            scopes = self.bearer()
            if not scopes or SCOPE_LINEITEM not in scopes:
                return self.send(403, {"error": "insufficient_scope"})
            item = json.loads(raw)
            item_id = p.issuer + "/lineitems/" + str(len(p.line_items) + 1)
            p.line_items[item_id] = dict(item, created_by_tool=content_type)
            return self.send(201, dict(item, id=item_id), "application/vnd.ims.lis.v2.lineitem+json")
        if url.path.startswith("/lineitems/") and url.path.endswith("/scores"):
            return self.score(p.issuer + url.path[:-len("/scores")], raw, content_type, url.query)
        self.send(404, {"error": "not found"})

    def token(self, form, content_type):
        """Client-credentials grant with a JWT assertion (IMS Security Framework 4.1), checked against the tool's JWKS."""
        p = self.platform
        problems = []
        if not content_type.startswith("application/x-www-form-urlencoded"):
            problems.append("content type " + content_type)
        if form.get("grant_type") != "client_credentials":
            problems.append("grant_type " + str(form.get("grant_type")))
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            problems.append("client_assertion_type " + str(form.get("client_assertion_type")))
        assertion = form.get("client_assertion", "")
        try:
            claims = jwt.decode(assertion, p.tool_key(assertion), algorithms=["RS256"], audience=p.issuer + "/token")
            if claims.get("iss") != p.client_id or claims.get("sub") != p.client_id:
                problems.append("iss/sub %s/%s" % (claims.get("iss"), claims.get("sub")))
            if not claims.get("jti"):
                problems.append("no jti")
            if any(claims.get("jti") == r.get("jti") for r in p.token_requests):
                problems.append("jti used twice")
        except Exception as e:  # noqa: BLE001 -- any defect of the assertion is reported, not raised
            claims = {}
            problems.append("assertion: %s" % e)
        asked = (form.get("scope") or "").split()
        granted = [s for s in asked if s in (SCOPE_SCORE, SCOPE_LINEITEM, SCOPE_NRPS)]
        kid = jwt.get_unverified_header(assertion).get("kid") if assertion.count(".") == 2 else None
        p.token_requests.append({"jti": claims.get("jti"), "problems": problems, "asked": asked, "kid": kid})
        if problems or not granted:
            return self.send(400, {"error": "invalid_request" if problems else "invalid_scope"})
        token = uuid.uuid4().hex
        p.issued[token] = granted
        self.send(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": " ".join(granted)})

    def score(self, item_id, raw, content_type, query=""):
        """AGS 2.0 score publish: POST {lineitem}/scores."""
        p = self.platform
        scopes = self.bearer()
        if not scopes or SCOPE_SCORE not in scopes:
            return self.send(401, {"error": "invalid_token"})
        item = p.line_items.get(item_id)
        if item is None:
            return self.send(404, {"error": "no such line item"})
        with p.lock:
            if item.get("fail_with"):
                status = item["fail_with"].pop(0)
                p.scores.append((item_id, False, None, content_type))
                return self.send(status, {"error": "try later"}, headers={"Retry-After": "1"} if status == 503 else {})
        try:
            score = json.loads(raw)
        except ValueError:
            p.score_problems.append("score is not JSON")
            return self.send(400, {"error": "not JSON"})
        p.scores.append((item_id, True, score, content_type))
        p.score_queries.append(query)
        self.send(204, b"")

    def register(self, raw, content_type):
        """Dynamic Registration 1.0 §3.5.2: the tool posts its registration with the token it was given."""
        p = self.platform
        if self.headers.get("Authorization") != "Bearer " + p.registration_token:
            return self.send(401, {"error": "invalid_token"})
        registration = json.loads(raw)
        p.registrations.append({"body": registration, "content_type": content_type})
        client_id = "dyn-" + uuid.uuid4().hex[:8]
        answer = dict(registration, client_id=client_id)
        answer["https://purl.imsglobal.org/spec/lti-tool-configuration"] = dict(
            registration.get("https://purl.imsglobal.org/spec/lti-tool-configuration", {}), deployment_id="dyn-deployment-1")
        self.send(200, answer)


# ---------------------------------------------------------------- the browser and the flows

class Lms:
    def __init__(self, tool, port, admin_user, admin_password):
        self.tool = tool.rstrip("/")
        self.platform = Platform(port, self.tool)
        Handler.platform = self.platform
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.admin_user, self.admin_password = admin_user, admin_password
        self.admin = None

    # ---- the administrator's API calls
    def admin_login(self):
        answer = request("POST", self.tool + "/j_security_check", {"j_username": self.admin_user, "j_password": self.admin_password})
        self.admin = answer.set_cookies
        return REPORT.check("admin signs in (POST /j_security_check)", answer.status in (302, 303) and "hl_teacher" in self.admin,
                            "status %d" % answer.status)

    def api(self, method, path, body=None, cookies=None, language="en"):
        headers = {"Accept": "application/json", "Accept-Language": language}
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        return request(method, self.tool + path, body, headers, cookies if cookies is not None else self.admin)

    def accounts(self):
        return [a.get("username") for a in self.api("GET", "/api/teacher/accounts").json()]

    def platforms(self):
        return self.api("GET", "/api/lti/platforms").json()

    # ---- one launch, as the LMS and a browser in its iframe do it
    def launch(self, plan, language="en", login_method="POST"):
        """Login initiation, the tool's redirect to our auth endpoint, the form post of the id_token; no tool cookie carried."""
        p = self.platform
        hint = plan.setdefault("login_hint", "hint-" + uuid.uuid4().hex[:10])
        plan.setdefault("sub", "user-" + hint)
        p.launch_plans[hint] = plan
        initiation = {"iss": p.issuer, "login_hint": hint, "target_link_uri": plan.get("target_link_uri", self.tool + "/"),
                      "lti_message_hint": "msg-" + hint, "lti_deployment_id": p.deployment_id, "client_id": p.client_id}
        headers = {"Accept-Language": language, "Accept": "text/html",
                   "Origin": p.issuer, "Referer": p.issuer + "/course/1"}
        if login_method == "POST":
            login = request("POST", self.tool + "/lti/login", initiation, headers)
        else:
            login = request("GET", self.tool + "/lti/login?" + urllib.parse.urlencode(initiation), None, headers)
        location = login.header("location") or ""
        if login.status not in (302, 303) or not location.startswith(p.issuer + "/auth"):
            return {"login": login, "launch": None}
        at_platform = request("GET", location, None, headers)
        forms = Forms(at_platform.text()).forms
        if at_platform.status != 200 or not forms:
            return {"login": login, "launch": None, "auth": at_platform}
        form = forms[0]
        launch = request("POST", form["action"], form["fields"], dict(headers, Origin=p.issuer))
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        return {"login": login, "auth_query": query, "launch": launch, "posted": form, "login_cookies": login.set_cookies, "hint": hint}

    def open_session(self, launch, cookies=None):
        """
        The launch page's link, opened in a window of its own (first-party): the tool's cookies are set here. With
        the cookies this browser already holds for the tool (a learner coming back); answers them as updated.
        """
        links = [link for link in Forms(launch.text()).links if "/lti/session?ticket=" in link]
        if not links:
            return None, None
        answer = request("GET", urllib.parse.urljoin(self.tool + "/lti/launch", links[0]), None, None, cookies)
        return answer, dict(cookies or {}, **answer.set_cookies)


def submit_through_page(lms, cookies, quiz, who):
    """The learner's window opens the quiz page and submits its form as it is (no answer chosen, so score 0)."""
    tool = lms.tool
    learner = dict(cookies)
    questions = lms.api("GET", "/api/quizzes/" + quiz).json().get("questions", [])
    page = request("GET", tool + "/quizzes/" + quiz, None, {"Accept": "text/html", "Accept-Language": "en"}, learner)
    learner.update(page.set_cookies)
    forms = [f for f in Forms(page.text()).forms if f["action"] == "/quizzes/" + quiz]
    classes = lms.api("GET", "/api/learners/me/classes", cookies=learner).json()
    code = forms[0]["fields"].get("classCode") if forms else None
    REPORT.check(who + ": the quiz page preselects the course's class (the only one the learner joined)",
                 forms and len(classes) == 1 and code == classes[0].get("joinCode"), "%s %s" % (code, classes))
    fields = dict(forms[0]["fields"] if forms else {}, confirmed="1")
    submitted = request("POST", tool + "/quizzes/" + quiz, fields, {"Accept": "text/html", "Accept-Language": "en", "Origin": tool}, learner)
    REPORT.check(who + ": submits the quiz through the quiz page's form", submitted.status in (200, 303),
                 "%d %s" % (submitted.status, visible_text(submitted.text())[:300]))
    # A double click posts the form again: the attempt is graded once, so it must not make a second score.
    request("POST", tool + "/quizzes/" + quiz, fields, {"Accept": "text/html", "Accept-Language": "en", "Origin": tool}, learner)
    return questions


def check_login_redirect(result, lms, what):
    p = lms.platform
    login, query = result["login"], result.get("auth_query") or {}
    ok = REPORT.check(what + ": login initiation answers a redirect to the auth endpoint", login.status in (302, 303) and query,
                      "status %d, location %s" % (login.status, login.header("location")))
    if not ok:
        return False
    expected = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post", "prompt": "none",
                "client_id": p.client_id, "redirect_uri": lms.tool + "/lti/launch", "login_hint": result["hint"]}
    wrong = {k: query.get(k) for k, v in expected.items() if query.get(k) != v}
    REPORT.check(what + ": OIDC auth request has scope/response_type/response_mode/prompt/client_id/redirect_uri", not wrong, str(wrong))
    REPORT.check(what + ": auth request carries nonce, state and lti_message_hint",
                 len(query.get("nonce", "")) >= 16 and len(query.get("state", "")) >= 16 and query.get("lti_message_hint", "").startswith("msg-"),
                 str(query))
    return True


def run(lms, args):
    p = lms.platform
    tool = lms.tool
    if not lms.admin_login():
        return

    # ---- registration through the API (issue #15: POST /api/lti/platforms)
    registration = {"issuer": p.issuer, "clientId": p.client_id, "deploymentIds": [p.deployment_id],
                    "authLoginUrl": p.issuer + "/auth", "jwksUrl": p.issuer + "/jwks", "accessTokenUrl": p.issuer + "/token",
                    "frameOrigins": [p.issuer]}
    created = lms.api("POST", "/api/lti/platforms", registration)
    REPORT.check("POST /api/lti/platforms registers the LMS (201)", created.status == 201, "%d %s" % (created.status, created.text()[:300]))
    again = lms.api("POST", "/api/lti/platforms", registration)
    REPORT.check("registering the same issuer and client id again is 409 problem+json",
                 again.status == 409 and "problem+json" in (again.header("content-type") or ""), str(again.status))
    bad = lms.api("POST", "/api/lti/platforms", dict(registration, jwksUrl="ftp://x", deploymentIds=[]))
    REPORT.check("a bad registration is 400 naming jwksUrl and deploymentIds",
                 bad.status == 400 and "jwksUrl" in bad.text() and "deploymentIds" in bad.text(), bad.text()[:300])
    anonymous = request("POST", tool + "/api/lti/platforms", json.dumps(registration), {"Content-Type": "application/json", "Accept": "application/json"})
    REPORT.check("registering without signing in is refused (401/403)", anonymous.status in (401, 403), str(anonymous.status))
    jwks = request("GET", tool + "/lti/jwks")
    keys = jwks.json().get("keys", []) if jwks.status == 200 else []
    REPORT.check("/lti/jwks serves RSA public keys with kid, no private parts",
                 keys and all(k.get("kty") == "RSA" and k.get("kid") and "d" not in k for k in keys), jwks.text()[:200])

    quizzes = lms.api("GET", "/api/quizzes").json()
    quiz = quizzes[0]["id"]

    # ---- the instructor deep links a quiz
    dl = lms.launch({"sub": "teacher-1", "name": "Grace Hopper", "roles": INSTRUCTOR_ROLES, "message_type": "LtiDeepLinkingRequest",
                     "data": "opaque-data-" + uuid.uuid4().hex, "context": "course-1", "target_link_uri": tool + "/lti/launch"})
    check_login_redirect(dl, lms, "deep linking")
    picker = dl["launch"]
    REPORT.check("deep linking request opens the picker (200)", picker is not None and picker.status == 200,
                 picker and "%d %s" % (picker.status, picker.text()[:300]))
    data = p.launch_plans[dl["hint"]]["data"] if dl.get("hint") else None
    picked = [f for f in Forms(picker.text()).forms if f["fields"].get("item") == "quiz:" + quiz] if picker else []
    REPORT.check("the picker offers the quiz %s" % quiz, picked)
    line_item = None
    if picked:
        back = request("POST", urllib.parse.urljoin(tool + "/lti/launch", picked[0]["action"]), picked[0]["fields"],
                       {"Accept-Language": "en", "Origin": tool})
        forms = Forms(back.text()).forms
        ret = forms[0] if forms else {"action": None, "fields": {}}
        REPORT.check("the pick answers a form posting JWT to deep_link_return_url (its query kept)",
                     back.status == 200 and ret["action"] == p.issuer + RETURN_PATH and "JWT" in ret["fields"],
                     "%d %s" % (back.status, ret))
        csp = back.header("content-security-policy") or ""
        REPORT.check("the return page may post its form to the LMS (CSP form-action)", p.issuer in csp.split("form-action", 1)[-1].split(";")[0], csp)
        token = ret["fields"].get("JWT")
        if token:
            request("POST", ret["action"], {"JWT": token})
            try:
                response = jwt.decode(token, p.tool_key(token), algorithms=["RS256"], audience=p.issuer)
                REPORT.check("LtiDeepLinkingResponse signature verifies against /lti/jwks", True)
            except Exception as e:  # noqa: BLE001
                response = jwt.decode(token, options={"verify_signature": False})
                REPORT.check("LtiDeepLinkingResponse signature verifies against /lti/jwks", False, str(e))
            REPORT.check("response iss is the client id, aud the issuer, with nonce, iat, exp",
                         response.get("iss") == p.client_id and response.get("nonce") and response.get("exp"), str(response)[:300])
            REPORT.check("response message_type, version, deployment_id",
                         response.get(LTI + "message_type") == "LtiDeepLinkingResponse" and response.get(LTI + "version") == "1.3.0"
                         and response.get(LTI + "deployment_id") == p.deployment_id, str(response)[:300])
            REPORT.check("response echoes the request's data", response.get(DL + "data") == data, str(response.get(DL + "data")))
            items = response.get(DL + "content_items") or []
            item = items[0] if items else {}
            REPORT.check("one ltiResourceLink content item with title and url of the quiz",
                         len(items) == 1 and item.get("type") == "ltiResourceLink" and item.get("title")
                         and urllib.parse.urlsplit(item.get("url", "")).path == "/quizzes/" + quiz, str(items))
            graded = item.get("lineItem") or {}
            REPORT.check("the graded quiz carries a lineItem with scoreMaximum > 0 and a label",
                         isinstance(graded.get("scoreMaximum"), (int, float)) and graded["scoreMaximum"] > 0 and graded.get("label"), str(graded))
            # The platform creates the resource link and its line item, as Moodle and Canvas do.
            # As Moodle's: the line item URL has a query, which the scores URL keeps after "/scores".
            item_path = p.issuer + "/lineitems/%d/lineitem" % (len(p.line_items) + 1)
            line_item = item_path + "?type_id=1"
            p.line_items[item_path] = {"label": graded.get("label"), "scoreMaximum": graded.get("scoreMaximum"),
                                       "resourceId": graded.get("resourceId"), "resourceLinkId": "link-quiz", "fail_with": [503, 500]}
            target = item.get("url")
            replay = request("POST", urllib.parse.urljoin(tool + "/lti/launch", picked[0]["action"]), picked[0]["fields"], {"Accept-Language": "en"})
            REPORT.check("the picker's request cannot be answered twice", replay.status >= 400, str(replay.status))

    # ---- the student launches the deep-linked quiz and submits it: the score reaches the line item
    if line_item:
        student = lms.launch({"sub": "student-1", "name": "Alan Turing", "roles": LEARNER_ROLES, "context": "course-1",
                              "resource_link": "link-quiz", "target_link_uri": target, "lineitem": line_item})
        check_login_redirect(student, lms, "student")
        launch = student["launch"]
        REPORT.check("student launch is accepted (200 page)", launch is not None and launch.status == 200,
                     launch and "%d %s" % (launch.status, visible_text(launch.text())[:300]))
        REPORT.check("the login initiation sets no cookie the launch would need", not student.get("login_cookies"), str(student.get("login_cookies")))
        frame = (launch.header("content-security-policy") or "") if launch else ""
        REPORT.check("the launch page may be framed by the LMS (frame-ancestors)", p.issuer in frame, frame)
        session, cookies = lms.open_session(launch) if launch else (None, None)
        REPORT.check("the launch page's link signs the learner in (hl_learner cookie) and lands on the quiz",
                     session is not None and "hl_learner" in (cookies or {}) and (session.header("location") or "").endswith("/quizzes/" + quiz),
                     session and "%d %s %s" % (session.status, session.header("location"), cookies))
        if cookies and "hl_learner" in cookies:
            questions = submit_through_page(lms, cookies, quiz, "student")
            deadline = time.time() + args.score_wait
            while time.time() < deadline and not any(ok for (i, ok, _, _) in p.scores if i == item_path):
                time.sleep(1)
            tries = [s for s in p.scores if s[0] == item_path]
            accepted = [s for s in tries if s[1]]
            REPORT.check("the tool retried after the platform's 503 and 500 and the score arrived", len(tries) >= 3 and accepted,
                         "%d tries, %d accepted" % (len(tries), len(accepted)))
            if accepted:
                score, content_type = accepted[0][2], accepted[0][3]
                REPORT.check("score Content-Type is " + SCORE_TYPE, content_type.split(";")[0].strip() == SCORE_TYPE, content_type)
                REPORT.check("the scores URL keeps the line item's query (POST …/lineitem/scores?type_id=1)", "type_id=1" in p.score_queries,
                             str(p.score_queries))
                REPORT.check("score userId is the launch's sub", score.get("userId") == "student-1", str(score))
                REPORT.check("score has activityProgress Completed and gradingProgress FullyGraded",
                             score.get("activityProgress") == "Completed" and score.get("gradingProgress") == "FullyGraded", str(score))
                REPORT.check("scoreGiven and scoreMaximum are numbers, 0 <= given <= maximum == questions",
                             isinstance(score.get("scoreGiven"), (int, float)) and score.get("scoreMaximum") == len(questions)
                             and 0 <= score["scoreGiven"] <= score["scoreMaximum"], str(score))
                stamp = score.get("timestamp", "")
                try:
                    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
                    stamp_ok = parsed.tzinfo is not None and re.search(r"T\d\d:\d\d:\d\d\.\d+", stamp) is not None
                except ValueError:
                    stamp_ok = False
                REPORT.check("score timestamp is ISO 8601 with sub-second precision and a time zone", stamp_ok, stamp)
                asked = [t["asked"] for t in p.token_requests]
                REPORT.check("token requests were signed by the tool (client_assertion verified against /lti/jwks)",
                             p.token_requests and not any(t["problems"] for t in p.token_requests), str([t["problems"] for t in p.token_requests]))
                REPORT.check("the tool asked only for the score scope to post a score", [SCOPE_SCORE] in asked, str(asked))
            time.sleep(args.settle)
            REPORT.check("exactly one score accepted for the attempt (its form was posted twice)", len([s for s in p.scores if s[0] == item_path and s[1]]) == 1,
                         str(len([s for s in p.scores if s[0] == item_path and s[1]])))
            second_course(lms, args, cookies, quiz, target, item_path)

    # ---- the tool rotates its key: the old one stays published, the new one signs from now on
    old_kids = [k.get("kid") for k in request("GET", tool + "/lti/jwks").json()["keys"]]
    rotated_key = lms.api("POST", "/api/lti/keys/rotate")
    new_kid = (rotated_key.json() or {}).get("kid") if rotated_key.status == 200 else None
    kids = [k.get("kid") for k in request("GET", tool + "/lti/jwks").json()["keys"]]
    REPORT.check("the tool's key rotation publishes the new kid and keeps the previous one", new_kid in kids and old_kids[0] in kids,
                 "%d %s %s" % (rotated_key.status, rotated_key.text()[:100], kids))

    # ---- Canvas's way: aud as a list with azp, and a graded link with only the course's line items service
    if line_item:
        canvas = lms.launch({"sub": "student-5", "name": "Edsger Dijkstra", "roles": LEARNER_ROLES, "context": "course-1",
                             "resource_link": "link-canvas", "target_link_uri": target, "lineitem": None,
                             "override": {"aud": [p.client_id], "azp": p.client_id}})
        REPORT.check("a launch with aud as a list and azp (Canvas) is accepted", canvas["launch"] is not None and canvas["launch"].status == 200,
                     canvas["launch"] and visible_text(canvas["launch"].text())[:200])
        session, cookies = lms.open_session(canvas["launch"]) if canvas["launch"] else (None, None)
        if cookies and "hl_learner" in cookies:
            known = set(p.line_items)
            submit_through_page(lms, cookies, quiz, "line-items-only student")
            deadline = time.time() + args.score_wait
            while time.time() < deadline and not any(ok and i not in known for (i, ok, _, _) in p.scores):
                time.sleep(1)
            created = [i for i in p.line_items if i not in known]
            item = p.line_items[created[0]] if created else {}
            REPORT.check("with only a line items service the tool creates one line item (lineitem+json, resourceLinkId, scoreMaximum)",
                         len(created) == 1 and item.get("created_by_tool", "").startswith("application/vnd.ims.lis.v2.lineitem+json")
                         and item.get("resourceLinkId") == "link-canvas" and item.get("scoreMaximum"), str(item))
            REPORT.check("... and its score arrives there", any(ok and i in created for (i, ok, _, _) in p.scores), str(p.scores[-1:]))
            last = p.token_requests[-1] if p.token_requests else {}
            REPORT.check("after the rotation the tool's client assertion is signed with the new kid and verifies",
                         last.get("kid") == new_kid and not last.get("problems"), str(last))

    # ---- the instructor launches the course: a class, and the roster from NRPS
    p.memberships["course-1"] = [
        {"status": "Active", "name": "Grace Hopper", "given_name": "Grace", "family_name": "Hopper", "user_id": "teacher-1",
         "roles": [ROLE + "membership#Instructor"]},
        {"status": "Active", "name": "Alan Turing", "user_id": "student-1", "roles": [ROLE + "membership#Learner"]},
        {"status": "Active", "name": "Barbara Liskov", "user_id": "student-2", "roles": ["Learner"]},
        {"status": "Inactive", "name": "Dropped Student", "user_id": "student-3", "roles": [ROLE + "membership#Learner"]}]
    teacher = lms.launch({"sub": "teacher-1", "name": "Grace Hopper", "roles": INSTRUCTOR_ROLES, "context": "course-1",
                          "resource_link": "link-home", "target_link_uri": tool + "/", "nrps": True}, login_method="GET")
    check_login_redirect(teacher, lms, "instructor (GET login)")
    REPORT.check("instructor launch is accepted (200 page)", teacher["launch"] is not None and teacher["launch"].status == 200,
                 teacher["launch"] and visible_text(teacher["launch"].text())[:300])
    session, cookies = lms.open_session(teacher["launch"]) if teacher["launch"] else (None, None)
    landing = (session.header("location") or "") if session else ""
    REPORT.check("the instructor's link signs them in as a teacher and lands on the course's class",
                 cookies and "hl_teacher" in cookies and "/teacher/classes/" in landing, "%s %s" % (landing, cookies))
    if cookies and "/teacher/classes/" in landing:
        code = landing.rsplit("/", 1)[-1]
        deadline = time.time() + 15
        roster = None
        while time.time() < deadline:
            roster = lms.api("GET", "/api/lti/classes/%s/roster" % code, cookies=cookies)
            if roster.status == 200 and roster.json().get("members"):
                break
            time.sleep(1)
        names = sorted(m.get("name") for m in roster.json().get("members", [])) if roster and roster.status == 200 else []
        REPORT.check("NRPS fills the class roster (the learners of the context)", "Barbara Liskov" in names and "Alan Turing" in names,
                     "%s %s" % (roster and roster.status, names))
        REPORT.check("NRPS was called with a token for the membership scope and the NRPS media type",
                     p.nrps_requests and p.nrps_requests[-1]["scopes"] and SCOPE_NRPS in p.nrps_requests[-1]["scopes"]
                     and NRPS_TYPE in (p.nrps_requests[-1]["accept"] or ""), str(p.nrps_requests[-1:]))
        results = lms.api("GET", "/api/teacher/classes/" + code, cookies=cookies)
        REPORT.check("the instructor sees the class's results (the student's attempt)", results.status == 200 and quiz in results.text(),
                     "%d %s" % (results.status, results.text()[:200]))

    # ---- a second instructor of the same course (a co-teacher) teaches its class too
    colleague = lms.launch({"sub": "teacher-2", "name": "Frances Allen", "roles": INSTRUCTOR_ROLES, "context": "course-1",
                            "resource_link": "link-home", "target_link_uri": tool + "/"})
    session2, cookies2 = lms.open_session(colleague["launch"]) if colleague["launch"] else (None, None)
    landing2 = (session2.header("location") or "") if session2 else ""
    page2 = request("GET", tool + landing2, None, {"Accept": "text/html"}, cookies2) if landing2.startswith("/teacher/classes/") else None
    listed2 = lms.api("GET", "/api/teacher/classes", cookies=cookies2).json() if cookies2 and "hl_teacher" in cookies2 else []
    REPORT.check("a second instructor of the course lands on its class page and has the class among theirs",
                 landing2 == landing and page2 is not None and page2.status == 200
                 and any(c.get("joinCode") == landing.rsplit("/", 1)[-1] for c in listed2),
                 "%s %s %s" % (landing2, page2 and page2.status, listed2))

    # ---- the platform rotates its key: a new kid makes the tool fetch the JWKS again
    wait = 31 - (time.time() - (p.jwks_fetches[-1] if p.jwks_fetches else 0))
    if wait > 0:
        time.sleep(wait)
    p.add_key("platform-key-2")
    p.signing_kid = "platform-key-2"
    rotated = lms.launch({"sub": "student-2", "roles": LEARNER_ROLES, "context": "course-1", "target_link_uri": tool + "/"})
    REPORT.check("a launch signed with a newly published kid is accepted (JWKS refetched)",
                 rotated["launch"] is not None and rotated["launch"].status == 200,
                 rotated["launch"] and visible_text(rotated["launch"].text())[:200])

    # ---- the launch page in Chinese (the LMS shows its user Chinese): no English words but the LMS's own data (the
    # course and user names)
    chinese = lms.launch({"sub": "student-zh", "name": "李雷", "roles": LEARNER_ROLES, "context": "course-1", "target_link_uri": tool + "/",
                          "locale": "zh-CN"}, "zh-CN,zh;q=0.9")
    shown = visible_text(chinese["launch"].text()).replace("Networks 101", "") if chinese["launch"] else ""
    english = sorted(set(w for w in re.findall(r"[A-Za-z]{3,}", shown) if w not in ("LMS", "LTI", "Handshake", "Lab", "TCP")))
    REPORT.check("the launch page in Chinese greets 李雷 and has no English words", chinese["launch"] is not None and chinese["launch"].status == 200
                 and "李雷" in shown
                 and re.search(r"[\u4e00-\u9fff]", shown) and not english, str(english))

    chosen_language_outlasts_launches(lms, chinese)

    # ---- every refusal: a clear page in the reader's language, nothing created
    refusals(lms, student if line_item else rotated)
    dynamic_registration(lms)


def page_language(page):
    found = re.search(r'<html lang="([^"]+)"', page.text()) if page is not None else None
    return found.group(1) if found else None


def chosen_language_outlasts_launches(lms, chinese):
    """The LMS's language is the learner's default here; a language they choose here wins over every later launch."""
    tool = lms.tool
    if chinese["launch"] is None:
        return
    _, cookies = lms.open_session(chinese["launch"])
    english_browser = {"Accept": "text/html", "Accept-Language": "en"}
    page = request("GET", tool + "/classes", None, english_browser, cookies) if cookies else None
    REPORT.check("language: the LMS's Chinese is the default of the window the launch opens, over the browser's English",
                 page_language(page) == "zh-Hans", str(page_language(page)))
    chose = request("GET", tool + "/classes?lang=en", None, english_browser, cookies) if cookies else None
    cookies = dict(cookies or {}, **(chose.set_cookies if chose else {}))
    again = lms.launch({"sub": "student-zh", "name": "李雷", "roles": LEARNER_ROLES, "context": "course-1", "target_link_uri": tool + "/",
                        "locale": "zh-CN"}, "zh-CN,zh;q=0.9")
    _, cookies = lms.open_session(again["launch"], cookies) if again["launch"] else (None, cookies)
    page = request("GET", tool + "/classes", None, {"Accept": "text/html", "Accept-Language": "zh-CN"}, cookies)
    REPORT.check("language: English chosen here outlasts a later launch from the Chinese LMS", page_language(page) == "en",
                 str(page_language(page)))


def second_course(lms, args, cookies, quiz, target, first_item):
    """
    The same student launched into the quiz from a second course's graded link: wherever the quiz is opened again,
    it is for that course's class, an attempt for the first course's class is refused, and the score goes to the
    second course's line item only (LTI 1.3 Core §5.3.5, AGS 2.0 §3.2: the grade belongs to the link launched).
    """
    p, tool = lms.platform, lms.tool
    item = p.issuer + "/lineitems/%d/lineitem" % (len(p.line_items) + 1)
    p.line_items[item] = {"label": "Handshake quiz (course 2)", "scoreMaximum": 1, "resourceLinkId": "link-quiz-2"}
    second = lms.launch({"sub": "student-1", "name": "Alan Turing", "roles": LEARNER_ROLES, "context": "course-2",
                         "context_title": "Networks 102", "resource_link": "link-quiz-2", "target_link_uri": target, "lineitem": item})
    _, cookies = lms.open_session(second["launch"], cookies) if second["launch"] else (None, cookies)
    classes = {c.get("name"): c.get("joinCode") for c in lms.api("GET", "/api/learners/me/classes", cookies=cookies).json()}
    # The learner comes back later from the tool's own quiz list, not from the LMS.
    page = request("GET", tool + "/quizzes/" + quiz, None, {"Accept": "text/html", "Accept-Language": "en"}, cookies)
    cookies = dict(cookies, **page.set_cookies)
    shown = Forms(page.text())
    forms = [f for f in shown.forms if f["action"] == "/quizzes/" + quiz]
    fields = dict(forms[0]["fields"] if forms else {}, confirmed="1")
    REPORT.check("two courses: the quiz opened again is for the class of the course it was last launched from, and says so",
                 len(classes) >= 2 and fields.get("classCode") == classes.get("Networks 102")
                 and "Networks 102" in shown.ids.get("launched-class", ""), "%s %s %s" % (classes, fields.get("classCode"), shown.ids.get("launched-class")))
    browser = {"Accept": "text/html", "Accept-Language": "en", "Origin": tool}
    wrong = request("POST", tool + "/quizzes/" + quiz, dict(fields, classCode=classes.get("Networks 101", "")), browser, cookies)
    REPORT.check("two courses: an attempt for the other course's class is refused (409), not sent to this course's line item",
                 wrong.status == 409 and "gradebook" in visible_text(wrong.text()), "%d %s" % (wrong.status, visible_text(wrong.text())[:200]))
    first_scores = len([s for s in p.scores if s[0] == first_item])
    submitted = request("POST", tool + "/quizzes/" + quiz, fields, browser, cookies)
    REPORT.check("two courses: the quiz page's form is graded", submitted.status == 200, str(submitted.status))
    deadline = time.time() + args.score_wait
    while time.time() < deadline and not any(ok for (i, ok, _, _) in p.scores if i == item):
        time.sleep(1)
    time.sleep(args.settle)
    REPORT.check("two courses: the score reaches the second course's line item, and nothing more the first's",
                 len([s for s in p.scores if s[0] == item and s[1]]) == 1 and len([s for s in p.scores if s[0] == first_item]) == first_scores,
                 str([(i, ok) for (i, ok, _, _) in p.scores]))


def refusals(lms, good):
    p = lms.platform
    tool = lms.tool
    before = lms.accounts()
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = [
        ("bad signature", "bad-signature", {"key": other}),
        ("unknown kid", "unknown-key", {"kid": "no-such-kid", "key": other}),
        ("wrong iss", "wrong-issuer", {"override": {"iss": "https://other-lms.example"}}),
        ("wrong aud", "wrong-audience", {"override": {"aud": "some-other-tool"}}),
        ("expired", "expired", {"override": {"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}}),
        ("replayed nonce", "wrong-nonce", {"nonce": good["auth_query"]["nonce"] if good and good.get("auth_query") else "x" * 43}),
        ("unknown deployment", "unknown-deployment", {"override": {LTI + "deployment_id": "no-such-deployment"}}),
        ("wrong version", "wrong-version", {"override": {LTI + "version": "1.2.0"}}),
        ("missing state", "missing-state", {"state": None}),
        ("wrong state", "unknown-state", {"state": "made-up-state-" + uuid.uuid4().hex}),
        ("HS256 keyed with the public key", "bad-signature", {"alg": "HS256"}),
        ("alg none", "malformed-token", {"alg": "none"}),
        ("learner deep linking", "deep-linking-not-allowed", {"roles": LEARNER_ROLES, "message_type": "LtiDeepLinkingRequest"}),
        ("no sub", "missing-claim", {"override": {"sub": None}}),
    ]
    for name, code, change in cases:
        for language in ("en", "zh-CN,zh;q=0.9,en;q=0.8"):
            context = "refused-" + code + "-" + language[:2]
            plan = dict({"sub": "refused-" + uuid.uuid4().hex[:8], "roles": INSTRUCTOR_ROLES, "context": context,
                         "context_title": "Refused " + code, "target_link_uri": tool + "/"}, **change)
            result = lms.launch(plan, language)
            page = result["launch"]
            check_refusal_page(lms, "refusal: %s (%s)" % (name, language[:2]), page, code, language)
    if good and good.get("posted"):
        for language in ("en", "zh"):
            replay = request("POST", good["posted"]["action"], good["posted"]["fields"], {"Accept-Language": language, "Origin": p.issuer})
            check_refusal_page(lms, "refusal: the same id_token and state posted again (%s)" % language, replay, "state-used", language)
    for language in ("en", "zh-CN"):
        unknown = request("POST", tool + "/lti/login", {"iss": "https://unknown-lms.example", "login_hint": "x", "client_id": "y",
                                                        "target_link_uri": tool + "/"}, {"Accept-Language": language})
        check_refusal_page(lms, "refusal: login initiation from an unregistered issuer (%s)" % language[:2], unknown, "unknown-platform", language)
    skewed = lms.launch({"sub": "skewed-" + uuid.uuid4().hex[:6], "roles": LEARNER_ROLES, "context": "course-1", "target_link_uri": tool + "/",
                         "override": {"iat": int(time.time()) + 30}})
    REPORT.check("an id_token issued 30 s in the future (platform clock ahead) is accepted within the clock skew",
                 skewed["launch"] is not None and skewed["launch"].status == 200, skewed["launch"] and str(skewed["launch"].status))
    after = lms.accounts()
    REPORT.check("the refused launches created no account (instructor launches would have)", sorted(before) == sorted(after),
                 str(sorted(set(after) - set(before))))


def check_refusal_page(lms, what, page, code, language):
    if page is None:
        REPORT.check(what, False, "no launch happened")
        return
    body = page.text()
    ids = Forms(body).ids
    shown = (ids.get("refusal-code") or "").strip()
    ok = 400 <= page.status < 500 and "text/html" in (page.header("content-type") or "") and shown == code
    reason = (ids.get("refusal-reason") or "").strip()
    if language.startswith("zh"):
        words = re.findall(r"[A-Za-z]{3,}", visible_text(body))
        allowed = {"LTI", "LMS", "Handshake", "Lab", "TCP", "JWKS", "kid", "iss", "aud", "nonce", "state", "id_token", "token",
                   "deployment_id", "sub", "RS256", "JWT", "Deep", "Linking"}
        english = sorted(set(w for w in words if w not in allowed))
        ok = ok and re.search(r"[\u4e00-\u9fff]", reason) is not None and not english
        detail = "%d code=%s reason=%s english=%s" % (page.status, shown, reason, english)
    else:
        detail = "%d code=%s reason=%s" % (page.status, shown, reason)
    ok = ok and "ticket=" not in body
    REPORT.check(what + " -> " + code, ok, detail)


def dynamic_registration(lms):
    p = lms.platform
    tool = lms.tool
    p.registration_token = "reg-" + uuid.uuid4().hex
    configuration = p.issuer + "/.well-known/openid-configuration"
    before = len(lms.platforms())
    page = request("GET", tool + "/lti/register?" + urllib.parse.urlencode(
        {"openid_configuration": configuration, "registration_token": p.registration_token}), None, {"Accept": "text/html", "Accept-Language": "en"})
    REPORT.check("dynamic registration: /lti/register answers the registered page", page.status == 200 and 'id="registered"' in page.text(),
                 "%d %s" % (page.status, visible_text(page.text())[:200]))
    REPORT.check("dynamic registration: the page asks the LMS to close it (org.imsglobal.lti.close)",
                 "lti-register.js" in page.text() and "org.imsglobal.lti.close" in request("GET", tool + "/js/lti-register.js").text())
    reg = p.registrations[-1] if p.registrations else {"body": {}, "content_type": ""}
    body = reg["body"]
    tool_config = body.get("https://purl.imsglobal.org/spec/lti-tool-configuration", {})
    REPORT.check("dynamic registration: the tool posted JSON with the registration token", reg["content_type"].startswith("application/json"),
                 reg["content_type"])
    expected = {"application_type": "web", "response_types": ["id_token"], "initiate_login_uri": tool + "/lti/login",
                "redirect_uris": [tool + "/lti/launch"], "jwks_uri": tool + "/lti/jwks", "token_endpoint_auth_method": "private_key_jwt"}
    wrong = {k: body.get(k) for k, v in expected.items() if body.get(k) != v}
    REPORT.check("dynamic registration: OIDC client metadata as the tool serves it", not wrong, str(wrong))
    REPORT.check("dynamic registration: grant_types implicit and client_credentials, scopes for score and NRPS",
                 set(body.get("grant_types", [])) >= {"implicit", "client_credentials"}
                 and SCOPE_SCORE in body.get("scope", "") and SCOPE_NRPS in body.get("scope", ""), str(body.get("scope")))
    messages = {m.get("type") for m in tool_config.get("messages", [])}
    REPORT.check("dynamic registration: tool configuration has domain, target_link_uri and both message types",
                 tool_config.get("domain") and tool_config.get("target_link_uri") and messages >= {"LtiResourceLinkRequest", "LtiDeepLinkingRequest"},
                 str(tool_config))
    listed = lms.platforms()
    REPORT.check("dynamic registration: the platform is listed with its client id and deployment", len(listed) == before + 1
                 and any(pl.get("clientId", "").startswith("dyn-") for pl in listed), str(listed)[:300])
    # An issuer must own the configuration URL: "http://localhost:811" is a prefix of "http://localhost:8112/..." but another origin.
    before = len(lms.platforms())
    spoof = request("GET", tool + "/lti/register?" + urllib.parse.urlencode(
        {"openid_configuration": configuration + "?claim_issuer=" + urllib.parse.quote(p.issuer[:-1], safe=""),
         "registration_token": p.registration_token}), None, {"Accept": "text/html", "Accept-Language": "en"})
    REPORT.check("dynamic registration: an issuer of another origin that is only a text prefix of the URL is refused",
                 spoof.status == 400 and len(lms.platforms()) == before and "registration-wrong-issuer" in spoof.text(),
                 "%d, platforms %d -> %d" % (spoof.status, before, len(lms.platforms())))
    before = len(lms.platforms())
    bad_token = request("GET", tool + "/lti/register?" + urllib.parse.urlencode(
        {"openid_configuration": configuration, "registration_token": "wrong"}), None, {"Accept": "text/html", "Accept-Language": "zh"})
    REPORT.check("dynamic registration: a token the LMS refuses is a clear page (zh), nothing stored",
                 bad_token.status == 502 and "registration-refused" in bad_token.text() and re.search(r"[\u4e00-\u9fff]", bad_token.text())
                 and len(lms.platforms()) == before, "%d" % bad_token.status)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", default="http://localhost:8111", help="Handshake Lab's base URL")
    parser.add_argument("--port", type=int, default=8112, help="port of this LMS on 127.0.0.1")
    parser.add_argument("--admin-user", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--score-wait", type=float, default=90, help="seconds to wait for the score to arrive")
    parser.add_argument("--settle", type=float, default=8, help="seconds to wait for a second (wrong) score")
    args = parser.parse_args()
    lms = Lms(args.tool, args.port, args.admin_user, args.admin_password)
    try:
        run(lms, args)
    finally:
        lms.server.shutdown()
    failed = REPORT.failed()
    print("\n%d checks, %d failed" % (len(REPORT.rows), len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
