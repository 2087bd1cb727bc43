import Foundation
import OSSWire

extension OSSClient {
    /// Builds the typed error for a non-2xx answer: from the `Error` document in the body,
    /// or for bodiless answers (HEAD) from the base64 `x-oss-err` header; `x-oss-ec` and
    /// `x-oss-request-id` fill what the document lacks.
    func serviceError(
        _ request: OSSRequest, status: Int, headers: [(name: String, value: String)], body: [UInt8]
    ) -> OSSServiceError {
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value
        }
        var document = body
        if document.isEmpty, let encoded = header("x-oss-err"), let data = Data(base64Encoded: encoded) {
            document = Array(data)
        }
        var fields: [String: String] = [:]
        if let root = try? XMLDocumentParser.parse(document), root.name == "Error" {
            for child in root.children { fields[child.name] = child.trimmedText }
        }
        let code: String
        let message: String
        if let parsed = fields["Code"] {
            code = parsed
            message = fields["Message"] ?? ""
        } else {
            code = "BadErrorResponse"
            message = document.isEmpty ? "Empty body." : "Failed to parse xml from response body."
        }
        return OSSServiceError(
            operation: request.operation, statusCode: status, code: code, message: message,
            requestId: header("x-oss-request-id") ?? fields["RequestId"] ?? "",
            ec: fields["EC"] ?? header("x-oss-ec") ?? "",
            timestamp: header("date").flatMap(HTTPDate.parse),
            requestEndpoint: "\(request.method) \(url(for: request))", fields: fields)
    }
}
