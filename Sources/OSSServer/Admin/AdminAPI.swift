import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OSSModel
import OSSStorage
import OSSWire

/// The ossd admin API: JSON over signed requests under `/-/admin/` (path style; `-` is never
/// a valid bucket name), callable by the root account only. `ossd admin ...` drives it.
///
/// | method + path | does |
/// |---|---|
/// | `GET /-/admin/users`, `POST /-/admin/users` `{"UserName"}` | list, create users |
/// | `DELETE /-/admin/users/<name>` | delete a user with its keys and policies |
/// | `GET/POST /-/admin/users/<name>/keys` | list, create access keys |
/// | `PUT /-/admin/keys/<id>?status=Active\|Inactive`, `DELETE /-/admin/keys/<id>` | enable/disable, delete a key |
/// | `GET /-/admin/users/<name>/policies`, `PUT/DELETE /-/admin/users/<name>/policies/<policy>` | RAM policies |
/// | `POST /-/admin/sts` `{"UserName","DurationSeconds","Policy"?,"Expiration"?}` | STS credentials |
enum AdminAPI {
    static let bucketMarker = "-"
    static let maxBody = 64 * 1024

    static func json(_ object: Any, status: Int = 200) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func object(_ body: [UInt8]) throws(OSSError) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw OSSError.invalidArgument("The request body must be a JSON object.")
        }
        return parsed
    }

    static func user(_ user: UserRecord) -> [String: Any] {
        ["UserId": user.id, "UserName": user.name, "CreateDate": ISO8601Millis.format(user.created)]
    }

    static func credentials(_ issued: IssuedCredentials) -> [String: Any] {
        var out: [String: Any] = ["AccessKeyId": issued.accessKeyId, "AccessKeySecret": issued.accessKeySecret]
        if let token = issued.securityToken { out["SecurityToken"] = token }
        if let expiration = issued.expiration { out["Expiration"] = ISO8601Millis.format(expiration) }
        return out
    }
}

extension OSSResponder {
    func admin(_ call: OSSCall, request: Request) async throws -> Response {
        guard case .root = call.principal else {
            throw OSSError.accessDenied("Only the root account may use the admin API.")
        }
        guard let identity else { throw OSSError.operationNotSupported }
        let path = (call.target.key ?? "").split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard path.first == "admin" else {
            throw OSSError(code: "NoSuchAdminResource", status: 404, message: "No such admin resource.")
        }
        let body = try await RequestBodyReader.collect(
            request, limit: AdminAPI.maxBody, tooLarge: .invalidArgument("Body too large."))
        let route = Array(path.dropFirst())
        switch (call.method, route.count, route.first) {
        case ("GET", 1, "users"):
            return AdminAPI.json(["Users": try await identity.store.users().map(AdminAPI.user)])
        case ("POST", 1, "users"):
            guard let name = try AdminAPI.object(body)["UserName"] as? String else { throw OSSError.missingArgument() }
            return AdminAPI.json(["User": AdminAPI.user(try await identity.createUser(name: name))])
        case ("DELETE", 2, "users"):
            try await identity.store.deleteUser(named: route[1])
            return ResponseBuilder.empty(204)
        case ("POST", 3, "users") where route[2] == "keys":
            return AdminAPI.json(["AccessKey": AdminAPI.credentials(try await identity.createKey(userName: route[1]))])
        case ("GET", 3, "users") where route[2] == "keys":
            let user = try await identity.user(named: route[1])
            let keys = try await identity.store.accessKeys(userID: user.id).filter { $0.securityToken == nil }
            return AdminAPI.json([
                "AccessKeys": keys.map {
                    [
                        "AccessKeyId": $0.id, "Status": $0.isActive ? "Active" : "Inactive",
                        "CreateDate": ISO8601Millis.format($0.created),
                    ]
                }
            ])
        case ("PUT", 2, "keys"):
            guard let status = call.query["status"], status == "Active" || status == "Inactive" else {
                throw OSSError.invalidArgument(
                    "status must be Active or Inactive.", name: "status", value: call.query["status"])
            }
            try await identity.store.setAccessKeyActive(id: route[1], active: status == "Active")
            return ResponseBuilder.empty()
        case ("DELETE", 2, "keys"):
            try await identity.store.deleteAccessKey(id: route[1])
            return ResponseBuilder.empty(204)
        case ("GET", 3, "users") where route[2] == "policies":
            let user = try await identity.user(named: route[1])
            let policies = try await identity.store.policies(userID: user.id)
            return AdminAPI.json(["Policies": policies.map { ["PolicyName": $0.name, "PolicyDocument": $0.document] }])
        case ("PUT", 4, "users") where route[2] == "policies":
            try await identity.attachPolicy(
                userName: route[1], policyName: route[3], document: String(decoding: body, as: UTF8.self))
            return ResponseBuilder.empty()
        case ("DELETE", 4, "users") where route[2] == "policies":
            let user = try await identity.user(named: route[1])
            try await identity.store.detachPolicy(userID: user.id, name: route[3])
            return ResponseBuilder.empty(204)
        case ("POST", 1, "sts"):
            let input = try AdminAPI.object(body)
            guard let name = input["UserName"] as? String else { throw OSSError.missingArgument() }
            let seconds = (input["DurationSeconds"] as? Int) ?? 3600
            let policy = input["Policy"].flatMap { value -> String? in
                if let text = value as? String { return text }
                return (try? JSONSerialization.data(withJSONObject: value)).map { String(decoding: $0, as: UTF8.self) }
            }
            let expiration = (input["Expiration"] as? String).flatMap(ISO8601Millis.parse)
            let issued = try await identity.assume(
                userName: name, seconds: seconds, sessionPolicy: policy, expiresAt: expiration)
            return AdminAPI.json(["Credentials": AdminAPI.credentials(issued)])
        default:
            throw OSSError(code: "NoSuchAdminResource", status: 404, message: "No such admin resource.")
        }
    }
}
