import HTTPTypes
import OSSWire
import Hummingbird
import OSSModel
import OSSStorage

extension OSSResponder {
    /// AppendObject: `POST /<key>?append&position=<n>`.
    func appendObject(_ call: OSSCall, request: Request) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        try await authorizeWrite(call, bucket: bucket, key: key.value)
        guard let raw = call.query["position"], let position = Int64(raw), position >= 0 else {
            throw OSSError.invalidArgument(
                "Argument position is invalid.", name: "position", value: call.query["position"])
        }
        let options = try call.writeOptions(for: key)
        let expectedMD5 = try call.contentMD5()
        let data = try await receiveBody(call, request: request)
        if position + data.size > objects.configuration.maxObjectSize {
            if case .blob(let writer) = data.storage { writer.abort() }
            throw OSSError.entityTooLarge
        }
        let record = try await objects.append(
            bucket: bucket, key: key, position: position, data: data, expectedMD5: expectedMD5, options: options,
            ownerID: bucket.ownerID)
        var headers = HTTPFields()
        ResponseBuilder.add(&headers, "ETag", "\"\(record.etag)\"")
        ResponseBuilder.add(&headers, "x-oss-next-append-position", String(record.size))
        if let crc = record.crc64 { ResponseBuilder.add(&headers, "x-oss-hash-crc64ecma", String(crc)) }
        return ResponseBuilder.empty(headers: headers)
    }

    /// RestoreObject: `POST /<key>?restore`, optional `<RestoreRequest><Days>`.
    func restoreObject(_ call: OSSCall, request: Request) async throws -> Response {
        let key = try call.objectKey()
        let bucket = try await objects.bucket(call.bucket)
        let record = try await ownObject(call, bucket: bucket, key: key.value, kind: .objectWrite)
        let body = try await RequestBodyReader.collect(request, limit: 64 * 1024, tooLarge: .malformedXML())
        var days = 1
        if !body.isEmpty {
            let root = try XMLDocumentParser.parse(body)
            guard root.name == "RestoreRequest" else { throw OSSError.malformedXML() }
            if let text = root.childText("Days") {
                guard let value = Int(text), (1...365).contains(value) else {
                    throw OSSError.invalidArgument("The Days parameter is invalid.", name: "Days", value: text)
                }
                days = value
            }
        }
        switch try await objects.restore(record, days: days) {
        case .started: return ResponseBuilder.empty(202)
        case .extended: return ResponseBuilder.empty(200)
        }
    }
}
