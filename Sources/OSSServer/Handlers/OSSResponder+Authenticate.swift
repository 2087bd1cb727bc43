import Foundation
import HTTPTypes
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// A request parsed and routed, its signature read but not yet checked.
    struct Prepared {
        let target: RequestTarget
        let query: RawQuery
        let operation: Operation
        let signing: SigningRequest
        let authentication: RequestAuthentication
    }

    /// Parses the target, routes it and reads (without checking) its signature. Throws the
    /// OSS error of a malformed target, an impossible route or a malformed or expired signature.
    func prepare(_ head: HTTPRequest) throws(OSSError) -> Prepared {
        let target = try RequestTarget.parse(
            host: head.authority, path: head.path ?? "/", domain: configuration.domain)
        let query = RawQuery(target.rawQuery)
        let fields = head.headerFields
        let hasCopySource = fields[FieldNames.named("x-oss-copy-source")!] != nil
        let operation = try Operation.route(
            method: head.method.rawValue, target: target, query: query, hasCopySource: hasCopySource)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(fields.count + 1)
        for field in fields { headers.append((field.name.rawName, field.value)) }
        if let authority = head.authority { headers.append(("host", authority)) }
        let signing = SigningRequest(
            method: head.method.rawValue, bucket: target.bucket, key: target.key, rawQuery: target.rawQuery,
            headers: headers)
        let authentication = try SignatureVerifier.inspect(signing, now: Date())
        return Prepared(
            target: target, query: query, operation: operation, signing: signing, authentication: authentication)
    }

    /// The caller, when no store has to be asked: anonymous, or the root key with its
    /// signature verified. Nil for any other access key (see ``authenticate(_:requestID:host:sourceIP:)``).
    /// Throws `SignatureDoesNotMatch` and the other signature errors.
    func principalNow(_ prepared: Prepared) throws(OSSError) -> Principal? {
        switch prepared.authentication {
        case .anonymous:
            return .anonymous
        case .signed(let info):
            guard let key = keys[info.accessKeyId] else { return nil }
            try SignatureVerifier.verify(prepared.signing, info, secret: key.secret)
            return .root(accessKeyId: key.id)
        }
    }

    /// Parses, routes and authenticates a request: anonymous, the root key, or a RAM
    /// user's or STS key from the identity store. Throws `InvalidAccessKeyId` for an
    /// unknown key and the signature errors.
    func authenticate(_ head: HTTPRequest, requestID: String, host: String, sourceIP: String?) async throws -> OSSCall {
        let prepared = try prepare(head)
        var principal = try principalNow(prepared)
        if principal == nil, case .signed(let info) = prepared.authentication {
            guard let identity,
                let (secret, user) = try await identity.resolve(
                    accessKeyId: info.accessKeyId, securityToken: info.securityToken)
            else { throw OSSError.invalidAccessKeyId }
            try SignatureVerifier.verify(prepared.signing, info, secret: secret)
            principal = user
        }
        return call(prepared, head: head, principal: principal ?? .anonymous, requestID: requestID, host: host,
            sourceIP: sourceIP)
    }

    /// The call of an authenticated request.
    func call(
        _ prepared: Prepared, head: HTTPRequest, principal: Principal, requestID: String, host: String,
        sourceIP: String?
    ) -> OSSCall {
        OSSCall(
            requestID: requestID, method: head.method.rawValue, host: host, headers: head.headerFields,
            target: prepared.target, query: prepared.query, operation: prepared.operation, principal: principal,
            sourceIP: sourceIP)
    }
}
