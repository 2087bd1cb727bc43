"""Access control through the official SDKs with real user keys: RAM policies, bucket
policies, explicit Deny, ACL fallback, conditions, disabled keys, STS, and links."""

import json
import re

import pytest
import requests

import oss2
import alibabacloud_oss_v2 as oss

from conftest import (REGION, RawClient, anon_get, assert_oss2_error, assert_v2_error, make_oss2_bucket,
                      parse_error_xml)


class Admin:
    """The ossd admin API, called as root."""

    def __init__(self, server):
        self.raw = RawClient(server, "v4")

    def call(self, method, path, body=None, params=None):
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        r = self.raw.request(method, "-", "admin/" + path, data=data, params=params)
        assert r.status_code in (200, 204), (method, path, r.status_code, r.content[:300])
        return r.json() if r.content else None

    def user(self, name, *policies):
        user_id = self.call("POST", "users", {"UserName": name})["User"]["UserId"]
        key = dict(self.call("POST", f"users/{name}/keys")["AccessKey"], UserId=user_id)
        for index, policy in enumerate(policies):
            self.call("PUT", f"users/{name}/policies/p{index}", json.dumps(policy).encode())
        return key


def policy(*statements):
    return {"Version": "1", "Statement": list(statements)}


def allow(actions, resources, **extra):
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def deny(actions, resources, **extra):
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


def objects_of(bucket_name):
    return [f"acs:oss:*:*:{bucket_name}", f"acs:oss:*:*:{bucket_name}/*"]


_users = iter(range(1, 10_000))


@pytest.fixture
def admin_api(server):
    return Admin(server)


@pytest.fixture
def as_user(server, admin_api):
    """as_user(*policies, sig='v4') -> oss2.Bucket factory bound to a new user's key."""

    def make(bucket_name, *policies, sig="v4"):
        key = admin_api.user(f"user{next(_users)}", *policies)
        b = make_oss2_bucket(server, bucket_name, sig, ak=key["AccessKeyId"], sk=key["AccessKeySecret"])
        b.test_key = key
        return b

    return make


@pytest.mark.parametrize("sig", ["v1", "v2", "v4"])
def test_read_only_user(as_user, admin, bucket_name, sig):
    admin.put_object("doc.txt", b"readable")
    b = as_user(bucket_name, policy(allow(["oss:GetObject", "oss:ListObjects"], objects_of(bucket_name))), sig=sig)
    assert b.get_object("doc.txt").read() == b"readable"
    assert [o.key for o in b.list_objects().object_list] == ["doc.txt"]
    assert_oss2_error(lambda: b.put_object("new.txt", b"x"), 403, "AccessDenied")
    assert_oss2_error(lambda: b.delete_object("doc.txt"), 403, "AccessDenied")
    assert_oss2_error(lambda: b.get_bucket_acl(), 403, "AccessDenied")
    assert admin.get_object("doc.txt").read() == b"readable"


def test_prefix_scoped_user(as_user, admin, bucket_name):
    scoped = policy(
        allow(["oss:GetObject", "oss:PutObject", "oss:DeleteObject"], [f"acs:oss:*:*:{bucket_name}/home/alice/*"]),
        allow(["oss:ListObjects"], [f"acs:oss:*:*:{bucket_name}"],
              Condition={"StringLike": {"oss:Prefix": ["home/alice/*"]}}))
    b = as_user(bucket_name, scoped)
    b.put_object("home/alice/notes.txt", b"mine")
    assert b.get_object("home/alice/notes.txt").read() == b"mine"
    assert [o.key for o in b.list_objects(prefix="home/alice/").object_list] == ["home/alice/notes.txt"]
    assert_oss2_error(lambda: b.list_objects(), 403, "AccessDenied")
    assert_oss2_error(lambda: b.put_object("home/bob/x", b"x"), 403, "AccessDenied")
    admin.put_object("home/bob/secret", b"bob")
    assert_oss2_error(lambda: b.get_object("home/bob/secret"), 403, "AccessDenied")


def test_explicit_deny_wins_over_allow(as_user, admin, bucket_name):
    admin.put_object("open.txt", b"o")
    admin.put_object("secret/key.pem", b"s")
    b = as_user(bucket_name, policy(allow(["oss:*"], objects_of(bucket_name))),
                policy(deny(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/secret/*"])))
    assert b.get_object("open.txt").read() == b"o"
    e = assert_oss2_error(lambda: b.get_object("secret/key.pem"), 403, "AccessDenied")
    assert "RAM policy" in e.message


def test_bucket_policy_grants_and_denies(as_user, admin, admin_api, raw, bucket_name, server):
    admin.put_object("shared.txt", b"shared")
    b = as_user(bucket_name)
    assert_oss2_error(lambda: b.get_object("shared.txt"), 403, "AccessDenied")
    user_id = b.test_key["UserId"]
    document = json.dumps(policy(
        allow(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/*"], Principal=[user_id]),
        deny(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/private/*"], Principal=["*"])))
    admin.put_bucket_policy(document)
    assert admin.get_bucket_policy().policy == document
    assert b.get_object("shared.txt").read() == b"shared"
    admin.put_object("private/x", b"p")
    e = assert_oss2_error(lambda: b.get_object("private/x"), 403, "AccessDenied")
    assert "bucket policy" in e.message
    assert admin.delete_bucket_policy().status == 204
    assert_oss2_error(lambda: admin.get_bucket_policy(), 404, "NoSuchBucketPolicy")
    assert_oss2_error(lambda: b.get_object("shared.txt"), 403, "AccessDenied")


def test_anonymous_through_a_star_principal(admin, bucket_name, server):
    admin.put_object("public/p.txt", b"anyone")
    admin.put_object("closed.txt", b"no")
    assert anon_get(server, bucket_name, "public/p.txt").status_code == 403
    admin.put_bucket_policy(json.dumps(policy(
        allow(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/public/*"], Principal=["*"]))))
    ok = anon_get(server, bucket_name, "public/p.txt")
    assert ok.status_code == 200 and ok.content == b"anyone"
    denied = anon_get(server, bucket_name, "closed.txt")
    assert denied.status_code == 403
    assert parse_error_xml(denied.content)["Code"] == "AccessDenied"


def test_acl_fallback_for_users_without_policies(as_user, admin, bucket_name):
    admin.put_object("acl.txt", b"acl", headers={"x-oss-object-acl": "public-read"})
    admin.put_object("private.txt", b"p")
    b = as_user(bucket_name)
    assert b.get_object("acl.txt").read() == b"acl"
    assert_oss2_error(lambda: b.get_object("private.txt"), 403, "AccessDenied")


def test_source_ip_condition(as_user, admin, bucket_name):
    admin.put_object("ip.txt", b"ip")
    elsewhere = as_user(bucket_name, policy(allow(["oss:GetObject"], objects_of(bucket_name),
                                                  Condition={"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}})))
    assert_oss2_error(lambda: elsewhere.get_object("ip.txt"), 403, "AccessDenied")
    here = as_user(bucket_name, policy(allow(["oss:GetObject"], objects_of(bucket_name),
                                             Condition={"IpAddress": {"acs:SourceIp": ["127.0.0.0/8"]}})))
    assert here.get_object("ip.txt").read() == b"ip"


def test_disabled_key_is_refused(as_user, admin, admin_api, bucket_name):
    admin.put_object("k.txt", b"k")
    b = as_user(bucket_name, policy(allow(["oss:GetObject"], objects_of(bucket_name))))
    assert b.get_object("k.txt").read() == b"k"
    admin_api.call("PUT", f"keys/{b.test_key['AccessKeyId']}", params={"status": "Inactive"})
    assert_oss2_error(lambda: b.get_object("k.txt"), 403, "InvalidAccessKeyId")
    admin_api.call("PUT", f"keys/{b.test_key['AccessKeyId']}", params={"status": "Active"})
    assert b.get_object("k.txt").read() == b"k"


def test_sts_credentials_session_policy_and_expiry(server, admin, admin_api, bucket_name):
    admin.put_object("sts.txt", b"sts")
    admin_api.user("sts-user", policy(allow(["oss:*"], objects_of(bucket_name))))
    session = policy(allow(["oss:GetObject"], objects_of(bucket_name)))
    creds = admin_api.call("POST", "sts", {"UserName": "sts-user", "DurationSeconds": 900,
                                           "Policy": session})["Credentials"]
    auth = oss2.StsAuth(creds["AccessKeyId"], creds["AccessKeySecret"], creds["SecurityToken"])
    b = oss2.Bucket(auth, server.endpoint, bucket_name, is_path_style=True)
    assert b.get_object("sts.txt").read() == b"sts"
    assert_oss2_error(lambda: b.put_object("x", b"x"), 403, "AccessDenied")
    cfg = oss.config.load_default()
    cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
        creds["AccessKeyId"], creds["AccessKeySecret"], creds["SecurityToken"])
    cfg.region = REGION
    cfg.endpoint = server.endpoint
    cfg.use_path_style = True
    v2 = oss.Client(cfg)
    got = v2.get_object(oss.GetObjectRequest(bucket=bucket_name, key="sts.txt"))
    assert got.body.read() == b"sts"
    expired = admin_api.call("POST", "sts", {"UserName": "sts-user", "DurationSeconds": 900,
                                             "Expiration": "2020-01-01T00:00:00.000Z"})["Credentials"]
    old = oss2.Bucket(oss2.StsAuth(expired["AccessKeyId"], expired["AccessKeySecret"], expired["SecurityToken"]),
                      server.endpoint, bucket_name, is_path_style=True)
    assert_oss2_error(lambda: old.get_object("sts.txt"), 403, "SecurityTokenExpired")
    wrong = oss2.Bucket(oss2.StsAuth(creds["AccessKeyId"], creds["AccessKeySecret"], "CAISwrong"),
                        server.endpoint, bucket_name, is_path_style=True)
    assert_oss2_error(lambda: wrong.get_object("sts.txt"), 403, "InvalidSecurityToken")


@pytest.mark.symlink
def test_user_allowed_on_link_but_not_target_is_denied(as_user, admin, bucket_name):
    admin.put_object("targets/t.txt", b"target")
    admin.put_symlink("targets/t.txt", "links/l")
    b = as_user(bucket_name, policy(allow(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/links/*"])))
    assert b.get_symlink("links/l").target_key == "targets/t.txt"
    assert_oss2_error(lambda: b.get_object("links/l"), 403, "AccessDenied")
    both = as_user(bucket_name, policy(allow(["oss:GetObject"], [f"acs:oss:*:*:{bucket_name}/links/*",
                                                                  f"acs:oss:*:*:{bucket_name}/targets/*"])))
    assert both.get_object("links/l").read() == b"target"


@pytest.mark.symlink
def test_put_symlink_with_tags_needs_put_object_tagging(as_user, admin, bucket_name):
    writer = as_user(bucket_name, policy(allow(["oss:PutObject"], objects_of(bucket_name))))
    assert writer.put_symlink("t", "plain-link").status == 200
    assert_oss2_error(lambda: writer.put_symlink("t", "tagged", headers={"x-oss-tagging": "a=1"}),
                      403, "AccessDenied")
    tagger = as_user(bucket_name, policy(allow(["oss:PutObject", "oss:PutObjectTagging"], objects_of(bucket_name))))
    assert tagger.put_symlink("t", "tagged", headers={"x-oss-tagging": "a=1"}).status == 200


@pytest.mark.parametrize("document,needle", [
    ("not json", "not valid JSON"),
    ('{"Version":"2","Statement":[]}', "Version"),
    ('{"Version":"1","Statement":[]}', "Statement"),
    ('{"Version":"1","Statement":[{"Effect":"Maybe","Action":"oss:*","Resource":"*"}]}', "Effect"),
    ('{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}', "Action"),
    ('{"Version":"1","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', "oss:"),
    ('{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*"}]}', "Resource"),
    ('{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*",'
     '"Condition":{"Sometimes":{"a":"b"}}}]}', "Sometimes"),
])
def test_malformed_policies_are_invalid_policy_document(admin, document, needle):
    e = assert_oss2_error(lambda: admin.put_bucket_policy(document), 400, "InvalidPolicyDocument")
    assert needle in e.message


def test_admin_api_is_root_only(as_user, bucket_name, server):
    b = as_user(bucket_name, policy(allow(["oss:*"], ["*"])))
    key = b.test_key
    r = RawClient(server, "v4", ak=key["AccessKeyId"], sk=key["AccessKeySecret"]).request("GET", "-", "admin/users")
    assert r.status_code == 403
    assert parse_error_xml(r.content)["Code"] == "AccessDenied"


@pytest.mark.parametrize("sig", ["v1", "v4"])
def test_presigned_url_of_a_user_stops_working_once_its_key_is_disabled(as_user, admin, admin_api, bucket_name, sig):
    """Presigned URLs of the root key are remembered once verified; a user's key can be
    disabled at any time, so its URLs must be checked in full on every request."""
    admin.put_object("shared.txt", b"shared")
    b = as_user(bucket_name, policy(allow(["oss:GetObject"], objects_of(bucket_name))), sig=sig)
    url = b.sign_url("GET", "shared.txt", 300)
    for _ in range(2):
        r = requests.get(url)
        assert (r.status_code, r.content) == (200, b"shared")
    admin_api.call("PUT", f"keys/{b.test_key['AccessKeyId']}", params={"status": "Inactive"})
    r = requests.get(url)
    assert r.status_code == 403
    assert parse_error_xml(r.content)["Code"] == "InvalidAccessKeyId"
    admin_api.call("PUT", f"keys/{b.test_key['AccessKeyId']}", params={"status": "Active"})
    assert requests.get(url).content == b"shared"


def test_presigned_url_of_root_is_reused_but_never_altered(admin, bucket_name):
    admin.put_object("root.txt", b"root")
    url = admin.sign_url("GET", "root.txt", 300)
    for _ in range(3):
        r = requests.get(url)
        assert (r.status_code, r.content) == (200, b"root")
    forged = re.sub(r"([Ss]ignature=)", r"\1A", url, count=1)
    assert forged != url
    r = requests.get(forged)
    assert r.status_code == 403
    assert parse_error_xml(r.content)["Code"] == "SignatureDoesNotMatch"
    r = requests.get(url, headers={"x-oss-meta-added": "1"})
    assert r.status_code == 403
    assert parse_error_xml(r.content)["Code"] == "SignatureDoesNotMatch"
