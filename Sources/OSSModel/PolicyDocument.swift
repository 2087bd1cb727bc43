import Foundation

/// A RAM or bucket policy: `{"Version":"1","Statement":[...]}`, parsed and validated.
/// The original text is kept for GetBucketPolicy, which returns it verbatim.
public struct PolicyDocument: Sendable, Equatable {
    public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }

    /// One condition test: `{"StringLike": {"oss:Prefix": ["dir/*"]}}` gives operator
    /// `StringLike`, key `oss:Prefix`, values `["dir/*"]`.
    public struct Condition: Sendable, Equatable {
        public var `operator`: String
        public var key: String
        public var values: [String]
    }

    public struct Statement: Sendable, Equatable {
        public var effect: Effect
        public var actions: [String]
        /// `NotAction`: the statement applies to every action except these.
        public var notActions: [String]
        public var resources: [String]
        /// Bucket policies only: who the statement is about (`*` is anyone, anonymous too).
        public var principals: [String]?
        public var conditions: [Condition]
    }

    public static let maxBytes = 16 * 1024
    public static let supportedOperators: Set<String> = [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike",
        "StringNotLike", "IpAddress", "NotIpAddress", "DateEquals", "DateNotEquals", "DateLessThan",
        "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "NumericEquals",
        "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
        "NumericGreaterThanEquals",
    ]

    public let text: String
    public let statements: [Statement]

    /// Parses `text`. Throws `400 InvalidPolicyDocument` with a message naming what is wrong.
    public init(_ text: String, requirePrincipal: Bool = false) throws(OSSError) {
        guard text.utf8.count <= PolicyDocument.maxBytes else { throw Self.invalid("The policy is larger than 16 KB.") }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw Self.invalid("The policy is not valid JSON.")
        }
        guard let root = json as? [String: Any] else { throw Self.invalid("The policy must be a JSON object.") }
        guard let version = root["Version"] as? String, version == "1" else {
            throw Self.invalid("The policy must have \"Version\": \"1\".")
        }
        guard let rawStatements = root["Statement"] as? [Any], !rawStatements.isEmpty else {
            throw Self.invalid("The policy must have a non-empty \"Statement\" array.")
        }
        var statements: [Statement] = []
        for (index, raw) in rawStatements.enumerated() {
            statements.append(try Self.statement(raw, index: index, requirePrincipal: requirePrincipal))
        }
        self.text = text
        self.statements = statements
    }

    static func invalid(_ message: String) -> OSSError {
        OSSError(code: "InvalidPolicyDocument", status: 400, message: message)
    }

    private static func statement(_ raw: Any, index: Int, requirePrincipal: Bool) throws(OSSError) -> Statement {
        let at = "Statement[\(index)]"
        guard let object = raw as? [String: Any] else { throw invalid("\(at) must be an object.") }
        guard let effectText = object["Effect"] as? String, let effect = Effect(rawValue: effectText) else {
            throw invalid("\(at).Effect must be \"Allow\" or \"Deny\".")
        }
        let actions = try strings(object["Action"], "\(at).Action")
        let notActions = try strings(object["NotAction"], "\(at).NotAction")
        guard actions.isEmpty != notActions.isEmpty else {
            throw invalid("\(at) must have exactly one of Action and NotAction.")
        }
        for action in actions + notActions where !(action == "*" || action.hasPrefix("oss:")) {
            throw invalid("\(at): action \"\(action)\" must be \"*\" or start with \"oss:\".")
        }
        let resources = try strings(object["Resource"], "\(at).Resource")
        guard !resources.isEmpty else { throw invalid("\(at).Resource is required.") }
        for resource in resources where !(resource == "*" || resource.hasPrefix("acs:oss:")) {
            throw invalid("\(at): resource \"\(resource)\" must be \"*\" or start with \"acs:oss:\".")
        }
        var principals: [String]?
        if let raw = object["Principal"] {
            principals = try strings(raw, "\(at).Principal")
        } else if requirePrincipal {
            principals = nil
        }
        var conditions: [Condition] = []
        if let raw = object["Condition"] {
            guard let operators = raw as? [String: Any] else { throw invalid("\(at).Condition must be an object.") }
            for (op, body) in operators {
                guard supportedOperators.contains(op) else {
                    throw invalid("\(at).Condition: unsupported operator \"\(op)\".")
                }
                guard let keys = body as? [String: Any] else {
                    throw invalid("\(at).Condition.\(op) must be an object.")
                }
                for (key, values) in keys {
                    conditions.append(
                        Condition(operator: op, key: key, values: try strings(values, "\(at).Condition.\(op).\(key)")))
                }
            }
        }
        return Statement(
            effect: effect, actions: actions, notActions: notActions, resources: resources, principals: principals,
            conditions: conditions)
    }

    /// A string or an array of strings (also numbers and booleans, as RAM accepts them).
    private static func strings(_ raw: Any?, _ name: String) throws(OSSError) -> [String] {
        guard let raw else { return [] }
        if let text = raw as? String { return [text] }
        if let list = raw as? [Any] {
            var out: [String] = []
            for item in list {
                if let text = item as? String {
                    out.append(text)
                } else if let number = item as? NSNumber {
                    out.append(number.stringValue)
                } else {
                    throw invalid("\(name) must hold strings.")
                }
            }
            return out
        }
        if let number = raw as? NSNumber { return [number.stringValue] }
        if let object = raw as? [String: Any], let list = object["RAM"] ?? object["AWS"] {
            return try strings(list, name)
        }
        throw invalid("\(name) must be a string or an array of strings.")
    }
}
