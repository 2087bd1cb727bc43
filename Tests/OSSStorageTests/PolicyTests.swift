import Foundation
import OSSModel
import OSSStorage
import OSSTesting
import Testing

@Suite("Policies")
struct PolicyTests {
    static func document(_ statements: String) throws -> PolicyDocument {
        try PolicyDocument(#"{"Version":"1","Statement":[\#(statements)]}"#)
    }

    static func request(_ action: String, _ key: String?, context: [String: [String]] = [:]) -> AccessRequest {
        AccessRequest(action: action, bucket: "bkt", key: key, context: context)
    }

    @Test(arguments: [
        ("[]", "JSON object"),
        ("{oops", "valid JSON"),
        (#"{"Version":"1"}"#, "Statement"),
        (
            #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","NotAction":"oss:Get*","Resource":"*"}]}"#,
            "exactly one"
        ),
        (#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:*",3],"Resource":"*"}]}"#, "oss:"),
        (#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"arn:aws:s3:::b"}]}"#, "acs:oss:"),
        (
            #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*","Condition":[]}]}"#,
            "Condition"
        ),
    ])
    func malformedDocumentsAreRejectedWithAReason(_ text: String, _ reason: String) {
        do {
            _ = try PolicyDocument(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == "InvalidPolicyDocument")
            #expect(error.status == 400)
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func actionAndResourceWildcards() throws {
        let policy = try Self.document(
            #"{"Effect":"Allow","Action":"oss:Get*","Resource":"acs:oss:*:*:bkt/dir/?.txt"}"#)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "dir/a.txt")) == .allow)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:getobject", "dir/a.txt")) == .allow)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "dir/ab.txt")) == .none)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:PutObject", "dir/a.txt")) == .none)
    }

    @Test func denyWinsAndNotActionInverts() throws {
        let policy = try Self.document(
            #"{"Effect":"Allow","Action":"oss:*","Resource":"*"},{"Effect":"Deny","NotAction":"oss:GetObject","Resource":"*"}"#
        )
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "k")) == .allow)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:DeleteObject", "k")) == .deny)
    }

    @Test func conditions() throws {
        let policy = try Self.document(
            #"{"Effect":"Allow","Action":"oss:ListObjects","Resource":"*","Condition":{"StringLike":{"oss:Prefix":["home/*"]},"IpAddress":{"acs:SourceIp":["192.168.0.0/16"]},"DateLessThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"}}}"#
        )
        let good = [
            "oss:Prefix": ["home/x"], "acs:SourceIp": ["192.168.3.4"], "acs:CurrentTime": ["2026-11-24T00:00:00Z"],
        ]
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:ListObjects", nil, context: good)) == .allow)
        var wrongIP = good
        wrongIP["acs:SourceIp"] = ["10.0.0.1"]
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:ListObjects", nil, context: wrongIP)) == .none)
        var late = good
        late["acs:CurrentTime"] = ["2031-01-01T00:00:00Z"]
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:ListObjects", nil, context: late)) == .none)
        var noPrefix = good
        noPrefix["oss:Prefix"] = nil
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:ListObjects", nil, context: noPrefix)) == .none)
    }

    @Test func resourcesAndConditionsMatchTheBytesOfAKey() throws {
        let policy = try Self.document(
            #"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/caf\u00e9/*"},{"Effect":"Allow","Action":"oss:ListObjects","Resource":"*","Condition":{"StringEquals":{"oss:Prefix":["caf\u00e9/"]}}}"#
        )
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "caf\u{E9}/x")) == .allow)
        #expect(PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "cafe\u{301}/x")) == .none)
        let list = { (prefix: String) in
            PolicyEvaluator.evaluate(policy, Self.request("oss:ListObjects", nil, context: ["oss:Prefix": [prefix]]))
        }
        #expect(list("caf\u{E9}/") == .allow)
        #expect(list("cafe\u{301}/") == .none)
        let one = try Self.document(#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/caf?"}"#)
        #expect(PolicyEvaluator.evaluate(one, Self.request("oss:GetObject", "caf\u{E9}")) == .allow)
        #expect(PolicyEvaluator.evaluate(one, Self.request("oss:GetObject", "cafe\u{301}")) == .none)
    }

    @Test func bucketPolicyPrincipals() throws {
        let policy = try Self.document(
            #"{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Principal":["200"]},{"Effect":"Deny","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/x","Principal":"*"}"#
        )
        let get = Self.request("oss:GetObject", "k")
        #expect(PolicyEvaluator.evaluate(policy, get, bucketPolicyPrincipal: .some("200")) == .allow)
        #expect(PolicyEvaluator.evaluate(policy, get, bucketPolicyPrincipal: .some("300")) == .none)
        #expect(PolicyEvaluator.evaluate(policy, get, bucketPolicyPrincipal: .some(nil)) == .none)
        #expect(
            PolicyEvaluator.evaluate(policy, Self.request("oss:GetObject", "x"), bucketPolicyPrincipal: .some(nil))
                == .deny)
    }

    @Test func accessServiceOrder() throws {
        let access = AccessService()
        let allowAll = try Self.document(#"{"Effect":"Allow","Action":"oss:*","Resource":"*"}"#)
        let getOnly = try Self.document(#"{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}"#)
        let user = Principal.user(
            UserPrincipal(userID: "200", accessKeyId: "k", policies: [allowAll], sessionPolicy: nil))
        let session = Principal.user(
            UserPrincipal(userID: "200", accessKeyId: "k", policies: [allowAll], sessionPolicy: getOnly))
        let bucket = Fixtures.bucket()
        try access.authorize(user, .objectWrite, Self.request("oss:PutObject", "k"), bucket: bucket)
        try access.authorize(session, .objectRead, Self.request("oss:GetObject", "k"), bucket: bucket)
        #expect(throws: OSSError.self) {
            try access.authorize(session, .objectWrite, Self.request("oss:PutObject", "k"), bucket: bucket)
        }
        var denying = bucket
        denying.policy =
            #"{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*","Principal":"*"}]}"#
        #expect(throws: OSSError.accessDenied("Access denied by bucket policy.")) {
            try access.authorize(user, .objectRead, Self.request("oss:GetObject", "k"), bucket: denying)
        }
        let nobody = Principal.user(UserPrincipal(userID: "300", accessKeyId: "k", policies: [], sessionPolicy: nil))
        #expect(throws: OSSError.self) {
            try access.authorize(nobody, .ownerOnly, Self.request("oss:GetBucketAcl", nil), bucket: bucket)
        }
        try access.authorize(
            nobody, .objectRead, Self.request("oss:GetObject", "k"), bucket: bucket, objectACL: .publicRead)
    }
}
