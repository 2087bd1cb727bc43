import Foundation
import HTTPTypes
import Hummingbird
import OSSModel
import OSSStorage
import OSSWire

extension OSSResponder {
    func listBuckets(_ call: OSSCall) async throws -> Response {
        try authorize(call, .service, bucket: nil, key: nil)
        let prefix = call.query["prefix"] ?? ""
        let marker = call.query["marker"]
        let maxKeys = try Self.maxKeys(call.query["max-keys"], default: 100)
        let found = try await objects.metadata.listBuckets(prefix: prefix, marker: marker, limit: maxKeys + 1)
        let page = Array(found.prefix(maxKeys))
        let truncated = found.count > maxKeys
        var w = XMLWriter()
        w.open("ListAllMyBucketsResult")
        if truncated {
            w.element("Prefix", prefix)
            w.element("Marker", marker ?? "")
            w.element("MaxKeys", maxKeys)
            w.element("IsTruncated", true)
            w.element("NextMarker", page.last?.name ?? "")
        }
        writeOwner(&w, Principal.rootAccountID)
        w.open("Buckets")
        for bucket in page {
            w.open("Bucket")
            w.element("CreationDate", ISO8601Millis.format(bucket.creationDate))
            w.element("ExtranetEndpoint", endpointHost)
            w.element("IntranetEndpoint", endpointHost)
            w.element("Location", "oss-" + bucket.region)
            w.element("Name", bucket.name)
            w.element("Region", bucket.region)
            w.element("StorageClass", bucket.storageClass.rawValue)
            w.close("Bucket")
        }
        w.close("Buckets")
        w.close("ListAllMyBucketsResult")
        return ResponseBuilder.xml(w)
    }

    func putBucket(_ call: OSSCall, request: Request) async throws -> Response {
        let name = try BucketName(call.bucket)
        try authorize(call, .service, bucket: nil, key: nil)
        let acl = try call.header("x-oss-acl").map(BucketACL.parse) ?? .private
        var storageClass = StorageClass.standard
        var redundancy = "LRS"
        let body = try await RequestBodyReader.collect(request, limit: 64 * 1024, tooLarge: .malformedXML())
        if !body.isEmpty {
            let root = try XMLDocumentParser.parse(body)
            guard root.name == "CreateBucketConfiguration" else { throw OSSError.malformedXML() }
            if let value = root.childText("StorageClass"), !value.isEmpty {
                guard let parsed = try? StorageClass.parse(value) else {
                    throw OSSError.invalidArgument(
                        "No such bucket storage class exists.", name: "StorageClass", value: value)
                }
                storageClass = parsed
            }
            if let value = root.childText("DataRedundancyType"), !value.isEmpty {
                guard value == "LRS" || value == "ZRS" else {
                    throw OSSError.invalidArgument(
                        "No such data redundancy type exists.", name: "DataRedundancyType", value: value)
                }
                redundancy = value
            }
        }
        try await objects.createBucket(
            name, acl: acl, storageClass: storageClass, redundancy: redundancy,
            ownerID: call.principal.accountID ?? Principal.rootAccountID)
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "Location", "/" + name.value)
        return ResponseBuilder.empty(headers: headers)
    }

    func deleteBucket(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        try await objects.deleteBucket(bucket.name)
        return ResponseBuilder.empty(204)
    }

    func getBucketInfo(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        var w = XMLWriter()
        w.open("BucketInfo")
        w.open("Bucket")
        w.element("AccessMonitor", "Disabled")
        w.element("CreationDate", ISO8601Millis.format(bucket.creationDate))
        w.element("ExtranetEndpoint", endpointHost)
        w.element("IntranetEndpoint", endpointHost)
        w.element("Location", "oss-" + bucket.region)
        w.element("StorageClass", bucket.storageClass.rawValue)
        w.element("TransferAcceleration", "Disabled")
        w.element("CrossRegionReplication", "Disabled")
        w.element("DataRedundancyType", bucket.dataRedundancyType)
        w.element("Name", bucket.name)
        w.element("Region", bucket.region)
        writeOwner(&w, bucket.ownerID)
        w.open("AccessControlList")
        w.element("Grant", bucket.acl.rawValue)
        w.close("AccessControlList")
        w.open("ServerSideEncryptionRule")
        w.element("SSEAlgorithm", "None")
        w.close("ServerSideEncryptionRule")
        w.element("Comment", "")
        w.close("Bucket")
        w.close("BucketInfo")
        return ResponseBuilder.xml(w)
    }

    func getBucketLocation(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        var w = XMLWriter()
        w.element("LocationConstraint", "oss-" + bucket.region)
        return ResponseBuilder.xml(w)
    }

    func putBucketAcl(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        guard let value = call.header("x-oss-acl") else { throw OSSError.missingArgument() }
        try await objects.metadata.setBucketACL(bucket.name, acl: try BucketACL.parse(value))
        return ResponseBuilder.empty()
    }

    func getBucketAcl(_ call: OSSCall) async throws -> Response {
        let bucket = try await objects.bucket(call.bucket)
        try authorize(call, .ownerOnly, bucket: bucket, key: nil)
        return ResponseBuilder.xml(Self.aclDocument(owner: bucket.ownerID, grant: bucket.acl.rawValue))
    }

    static func aclDocument(owner: String, grant: String) -> XMLWriter {
        var w = XMLWriter()
        w.open("AccessControlPolicy")
        w.open("Owner")
        w.element("ID", owner)
        w.element("DisplayName", owner)
        w.close("Owner")
        w.open("AccessControlList")
        w.element("Grant", grant)
        w.close("AccessControlList")
        w.close("AccessControlPolicy")
        return w
    }

    func writeOwner(_ w: inout XMLWriter, _ id: String) {
        w.open("Owner")
        w.element("ID", id)
        w.element("DisplayName", id)
        w.close("Owner")
    }

    /// The endpoint reported in ListBuckets and GetBucketInfo.
    var endpointHost: String {
        configuration.publicEndpoint ?? "\(configuration.host):\(boundPort.value)"
    }

    /// Parses `max-keys` (1...1000); throws `400 InvalidArgument` otherwise.
    static func maxKeys(_ raw: String?, default value: Int, limit: Int = 1000, name: String = "max-keys")
        throws(OSSError) -> Int
    {
        guard let raw, !raw.isEmpty else { return value }
        guard let parsed = Int(raw), parsed >= 1, parsed <= limit else {
            throw OSSError.invalidArgument(
                "Argument max-keys must be an integer between 1 and \(limit).", name: name, value: raw)
        }
        return parsed
    }
}
