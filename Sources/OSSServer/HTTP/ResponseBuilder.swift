import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OSSModel
import OSSWire

/// Small helpers to build responses with OSS's headers.
enum ResponseBuilder {
    /// An empty response with `status` and extra headers.
    static func empty(_ status: Int = 200, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentLength] = "0"
        return Response(status: .init(code: status), headers: fields, body: ResponseBody())
    }

    /// An XML document response.
    static func xml(_ writer: XMLWriter, status: Int = 200, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/xml"
        let buffer = ByteBuffer(bytes: writer.bytes)
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: buffer))
    }

    /// Appends `name: value` (names are validated HTTP tokens; invalid ones are skipped).
    static func add(_ fields: inout HTTPFields, _ name: String, _ value: String) {
        guard let fieldName = FieldNames.named(name) else { return }
        fields.append(HTTPField(name: fieldName, value: value))
    }

    /// The error document for `error`: XML body, or on HEAD `x-oss-err` (base64) instead.
    /// The OSS error document for `error`.
    static func errorDocument(_ error: OSSError, requestID: String, host: String) -> XMLWriter {
        var writer = XMLWriter()
        writer.open("Error")
        writer.element("Code", error.code)
        writer.element("Message", error.message)
        writer.element("RequestId", requestID)
        writer.element("HostId", host)
        for detail in error.details { writer.element(detail.name, detail.value) }
        writer.element("EC", error.effectiveEC)
        if let ec = error.ec { writer.element("RecommendDoc", "https://api.aliyun.com/troubleshoot?q=" + ec) }
        writer.close("Error")
        return writer
    }

    static func error(_ error: OSSError, call: (requestID: String, host: String, method: String)) -> Response {
        let writer = errorDocument(error, requestID: call.requestID, host: call.host)
        let ec = error.effectiveEC
        var fields = HTTPFields()
        fields[.contentType] = "application/xml"
        add(&fields, "x-oss-ec", ec)
        for header in error.headers { add(&fields, header.name, header.value) }
        add(&fields, "x-oss-request-id", call.requestID)
        if error.status == 304 {
            // 304 has no body and no error document (oss2 maps (304, '') to NotModified).
            fields[.contentType] = nil
            fields[.contentLength] = "0"
            return Response(status: .notModified, headers: fields, body: ResponseBody())
        }
        if call.method == "HEAD" {
            let encoded = Data(writer.bytes).base64EncodedString()
            add(&fields, "x-oss-err", encoded)
            add(&fields, "x-oss-error", encoded)
            fields[.contentLength] = "0"
            return Response(status: .init(code: error.status), headers: fields, body: ResponseBody())
        }
        return Response(
            status: .init(code: error.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}
