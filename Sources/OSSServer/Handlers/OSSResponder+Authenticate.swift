import Foundation
import HTTPTypes
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    /// A request parsed and routed; its signature not yet looked at.
    struct Routed {
        let target: RequestTarget
        let query: RawQuery
        let operation: Operation
    }

    /// A request routed, its signature read but not yet checked.
    struct Prepared {
        let routed: Routed
        let signing: SigningRequest
        let authentication: RequestAuthentication
    }

    /// Parses the target and routes it. Throws the OSS error of a malformed target or an
    /// impossible route.
    func route(_ head: HTTPRequest) throws(OSSError) -> Routed {
        let target = try RequestTarget.parse(
            host: head.authority, path: head.path ?? "/", domain: configuration.domain)
        let query = RawQuery(target.rawQuery)
        let hasCopySource = head.headerFields[.ossCopySource] != nil
        let operation = try Operation.route(
            method: head.method.rawValue, target: target, query: query, hasCopySource: hasCopySource)
        return Routed(target: target, query: query, operation: operation)
    }

    /// Reads (without checking) the signature of a routed request. Throws the OSS error of
    /// a malformed or expired signature.
    func prepare(_ head: HTTPRequest, _ routed: Routed, now: Date) throws(OSSError) -> Prepared {
        let fields = head.headerFields
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(fields.count + 1)
        for field in fields { headers.append((field.name.rawName, field.value)) }
        if let authority = head.authority { headers.append(("host", authority)) }
        let target = routed.target
        let signing = SigningRequest(
            method: head.method.rawValue, bucket: target.bucket, key: target.key, rawQuery: target.rawQuery,
            headers: headers)
        let authentication = try SignatureVerifier.inspect(signing, now: now)
        return Prepared(routed: routed, signing: signing, authentication: authentication)
    }

    /// The text of a presigned request, to look up in (or add to) ``presigned``.
    func presignedProbe(_ head: HTTPRequest) -> PresignedURLCache.Probe? {
        PresignedURLCache.Probe(
            method: head.method.rawValue, authority: head.authority, target: head.path ?? "/",
            fields: head.headerFields.lazy.map { (name: $0.name.rawName, value: $0.value) })
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
    ///
    /// A presigned URL of the root key that verified before is recognised by its exact text
    /// (``PresignedURLCache``) and not verified again.
    func authenticate(_ head: HTTPRequest, requestID: String, host: String, sourceIP: String?) async throws -> OSSCall {
        let routed = try route(head)
        let now = Date()
        let probe = presignedProbe(head)
        if let probe, let accessKeyId = presigned.accessKeyId(for: probe, now: now) {
            return call(routed, head: head, principal: .root(accessKeyId: accessKeyId), requestID: requestID,
                host: host, sourceIP: sourceIP)
        }
        let prepared = try prepare(head, routed, now: now)
        var principal = try principalNow(prepared)
        if let probe, case .root(let accessKeyId) = principal, case .signed(let info) = prepared.authentication,
            info.isPresigned, let expiresAt = info.expiresAt
        {
            presigned.remember(probe, accessKeyId: accessKeyId, expiresAt: expiresAt)
        }
        if principal == nil, case .signed(let info) = prepared.authentication {
            guard let identity,
                let (secret, user) = try await identity.resolve(
                    accessKeyId: info.accessKeyId, securityToken: info.securityToken)
            else { throw OSSError.invalidAccessKeyId }
            try SignatureVerifier.verify(prepared.signing, info, secret: secret)
            principal = user
        }
        return call(routed, head: head, principal: principal ?? .anonymous, requestID: requestID, host: host,
            sourceIP: sourceIP)
    }

    /// The call of an authenticated request.
    func call(
        _ routed: Routed, head: HTTPRequest, principal: Principal, requestID: String, host: String,
        sourceIP: String?
    ) -> OSSCall {
        OSSCall(
            requestID: requestID, method: head.method.rawValue, host: host, headers: head.headerFields,
            target: routed.target, query: routed.query, operation: routed.operation, principal: principal,
            sourceIP: sourceIP)
    }
}
