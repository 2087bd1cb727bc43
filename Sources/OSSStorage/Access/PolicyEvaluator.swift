import Foundation
import OSSModel

/// The result of evaluating policies against a request.
public enum PolicyDecision: Sendable, Equatable {
    case allow
    case deny
    /// No statement applies (implicit deny).
    case none
}

/// Evaluates RAM, session and bucket policies: explicit Deny wins over Allow.
public enum PolicyEvaluator {
    /// Evaluates `document` for `request`.
    /// - Parameter principal: for bucket policies, the caller's user id (nil: anonymous);
    ///   statements apply only when their `Principal` names it or `*`. RAM and session
    ///   policies ignore `Principal`.
    public static func evaluate(
        _ document: PolicyDocument, _ request: AccessRequest, bucketPolicyPrincipal principal: String?? = .none
    ) -> PolicyDecision {
        var allowed = false
        for statement in document.statements {
            if case .some(let caller) = principal {
                let names = statement.principals ?? ["*"]
                guard names.contains("*") || (caller.map { names.contains($0) } ?? false) else { continue }
            }
            let actionMatches =
                statement.actions.isEmpty
                ? !statement.notActions.contains { Wildcard.matches($0, request.action, caseInsensitive: true) }
                : statement.actions.contains { Wildcard.matches($0, request.action, caseInsensitive: true) }
            guard actionMatches else { continue }
            guard statement.resources.contains(where: { resourceMatches($0, request) }) else { continue }
            guard statement.conditions.allSatisfy({ ConditionEvaluator.holds($0, request.context) }) else { continue }
            if statement.effect == .deny { return .deny }
            allowed = true
        }
        return allowed ? .allow : .none
    }

    /// `acs:oss:*:<owner>:<bucket>/<key>` patterns; the owner may also be `*`.
    static func resourceMatches(_ pattern: String, _ request: AccessRequest) -> Bool {
        if pattern == "*" { return true }
        let resource = request.resource
        if Wildcard.matches(pattern, resource, caseInsensitive: false) { return true }
        // ListBuckets and similar service calls match any resource of the account.
        return request.bucket == nil && pattern.hasPrefix("acs:oss:")
    }
}
