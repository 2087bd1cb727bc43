import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OSSModel
import OSSStorage
import OSSWire

/// The single entry point of every request: parse the target into an ``Operation``,
/// authenticate, dispatch to the handler, and render any failure as OSS error XML.
public struct OSSResponder: HTTPResponder {
    public typealias Context = OSSRequestContext

    let objects: ObjectService
    let symlinks: SymlinkService
    let multipart: MultipartService
    let identity: IdentityService?
    let access: AccessService
    let keys: [String: AccessKey]
    /// Presigned requests of the root key already verified (its secret is fixed for the process).
    let presigned = PresignedURLCache()
    let configuration: OSSServerConfiguration
    let logger: Logger
    let boundPort: PortBox

    /// - Parameters:
    ///   - rootKey: the root account's access key (every permission).
    ///   - identity: users, keys and policies; nil serves the root account alone.
    public init(
        objects: ObjectService, rootKey: AccessKey, identity: IdentityService? = nil,
        configuration: OSSServerConfiguration, logger: Logger
    ) {
        self.identity = identity
        self.objects = objects
        self.symlinks = SymlinkService(objects: objects)
        self.multipart = MultipartService(objects: objects)
        self.access = AccessService()
        self.keys = [rootKey.id: rootKey]
        self.configuration = configuration
        self.logger = logger
        self.boundPort = PortBox(configuration.port)
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        try await withTaskExecutorPreference(EventLoopTaskExecutor(context.channel.eventLoop)) {
            try await answer(request, context: context)
        }
    }

    /// The response to `request`, computed on its connection's event loop.
    private func answer(_ request: Request, context: Context) async throws -> Response {
        let requestID = RequestIDs.next()
        let started = ContinuousClock.now
        let host = request.head.authority ?? configuration.publicEndpoint ?? configuration.host
        let method = request.method.rawValue
        var response: Response
        do {
            var call = try await authenticate(
                request.head, requestID: requestID, host: host, sourceIP: context.sourceIP)
            call.channel = context.channel
            try Self.checkBodylessDigest(call)
            response = try await dispatch(call, request: request)
        } catch let error as OSSError {
            response = ResponseBuilder.error(error, call: (requestID, host, method))
        } catch {
            logger.error("request failed", metadata: ["request-id": "\(requestID)", "error": "\(error)"])
            let failure = (error as? StorageIOError)?.isNoSpace == true ? OSSError.insufficientStorage : .internalError
            response = ResponseBuilder.error(failure, call: (requestID, host, method))
        }
        Self.stamp(&response.headers, requestID: requestID, started: started)
        return response
    }

    /// Adds what every response carries: `x-oss-request-id` and `x-oss-server-time`.
    static func stamp(_ headers: inout HTTPFields, requestID: String, started: ContinuousClock.Instant) {
        headers[.ossRequestID] = requestID
        let elapsed = ContinuousClock.now - started
        let millis = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        headers[.ossServerTime] = String(millis)
    }

    /// The v2 SDKs send `Content-MD5` even on GET, HEAD and DELETE; it must be the MD5 of
    /// the empty body (oss-api.md §7).
    static func checkBodylessDigest(_ call: OSSCall) throws(OSSError) {
        guard ["GET", "HEAD", "DELETE"].contains(call.method), let digest = call.header("content-md5"),
            (call.header("content-length") ?? "0") == "0", call.header("transfer-encoding") == nil
        else { return }
        if digest.trimmingCharacters(in: .whitespaces) != "1B2M2Y8AsgTpgAmY7PhCfg==" { throw OSSError.invalidDigest }
    }

    func dispatch(_ call: OSSCall, request: Request) async throws -> Response {
        switch call.operation {
        case .listBuckets: return try await listBuckets(call)
        case .putBucket: return try await putBucket(call, request: request)
        case .deleteBucket: return try await deleteBucket(call)
        case .getBucketInfo: return try await getBucketInfo(call)
        case .getBucketLocation: return try await getBucketLocation(call)
        case .putBucketAcl: return try await putBucketAcl(call)
        case .getBucketAcl: return try await getBucketAcl(call)
        case .listObjects: return try await listObjects(call, version: 1)
        case .listObjectsV2: return try await listObjects(call, version: 2)
        case .deleteMultipleObjects: return try await deleteMultipleObjects(call, request: request)
        case .putObject: return try await putObject(call, request: request)
        case .copyObject: return try await copyObject(call)
        case .getObject, .headObject: return try await getObject(call)
        case .getObjectMeta: return try await getObjectMeta(call)
        case .deleteObject: return try await deleteObject(call)
        case .putObjectAcl: return try await putObjectAcl(call)
        case .getObjectAcl: return try await getObjectAcl(call)
        case .putObjectTagging: return try await putObjectTagging(call, request: request)
        case .getObjectTagging: return try await getObjectTagging(call)
        case .deleteObjectTagging: return try await deleteObjectTagging(call)
        case .putSymlink: return try await putSymlink(call)
        case .getSymlink: return try await getSymlink(call)
        case .appendObject: return try await appendObject(call, request: request)
        case .initiateMultipartUpload: return try await initiateMultipartUpload(call)
        case .uploadPart: return try await uploadPart(call, request: request)
        case .uploadPartCopy: return try await uploadPartCopy(call)
        case .completeMultipartUpload: return try await completeMultipartUpload(call, request: request)
        case .abortMultipartUpload: return try await abortMultipartUpload(call)
        case .listParts: return try await listParts(call)
        case .listMultipartUploads: return try await listMultipartUploads(call)
        case .restoreObject: return try await restoreObject(call, request: request)
        case .putBucketPolicy: return try await putBucketPolicy(call, request: request)
        case .getBucketPolicy: return try await getBucketPolicy(call)
        case .deleteBucketPolicy: return try await deleteBucketPolicy(call)
        case .admin: return try await admin(call, request: request)
        case .unsupported:
            throw OSSError(
                code: "NotImplemented", status: 501,
                message: "A header you provided implies functionality that is not implemented.")
        }
    }
}
