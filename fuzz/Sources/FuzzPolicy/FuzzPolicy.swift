import FuzzSupport
import OSSModel

/// Feeds the bytes, as text, to `PolicyDocument` (bucket policies) with and without a
/// required principal, and checks every accepted document against the rules it enforces.
enum FuzzPolicy {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for requirePrincipal in [false, true] {
            do {
                let policy = try PolicyDocument(text, requirePrincipal: requirePrincipal)
                FuzzCheck.require(policy.text == text, "policy text differs from the input")
                FuzzCheck.require(text.utf8.count <= PolicyDocument.maxBytes, "policy above the size limit")
                FuzzCheck.require(!policy.statements.isEmpty, "policy without statements")
                for statement in policy.statements {
                    FuzzCheck.require(
                        statement.actions.isEmpty != statement.notActions.isEmpty, "both or neither of Action/NotAction"
                    )
                    FuzzCheck.require(!statement.resources.isEmpty, "statement without resources")
                    for action in statement.actions + statement.notActions {
                        FuzzCheck.require(action == "*" || action.hasPrefix("oss:"), "action \(action) accepted")
                    }
                    for resource in statement.resources {
                        FuzzCheck.require(
                            resource == "*" || resource.hasPrefix("acs:oss:"), "resource \(resource) accepted")
                    }
                    for condition in statement.conditions {
                        FuzzCheck.require(
                            PolicyDocument.supportedOperators.contains(condition.operator),
                            "operator \(condition.operator) accepted")
                    }
                }
            } catch {
                FuzzCheck.require(
                    error.code == "InvalidPolicyDocument" && error.status == 400,
                    "policy threw \(error.code) \(error.status)")
            }
        }
    }
}
