/// A request's query as the signature checks read it, split once per request: the raw
/// `name[=value]` items (value `""` without `=`) and the same items percent-decoded with
/// `+` as a space.
struct SigningQuery: Sendable {
    /// The items exactly as sent, in order.
    let raw: [(name: String, value: String)]
    /// The items decoded, in the same order.
    let decoded: [(name: String, value: String)]

    init(_ rawQuery: String) {
        raw = SignatureText.rawItems(rawQuery)
        decoded = raw.map {
            (SignatureText.decode($0.name, plusAsSpace: true), SignatureText.decode($0.value, plusAsSpace: true))
        }
    }

    /// The decoded value of the first item whose decoded name is `name` (case-sensitive).
    func value(_ name: String) -> String? {
        decoded.first { $0.name == name }?.value
    }

    /// Whether some item's decoded name is `name`.
    func has(_ name: String) -> Bool {
        decoded.contains { $0.name == name }
    }

    /// The value of the first item named `name`, percent-decoded without turning `+` into
    /// a space (signatures are base64).
    func signatureValue(_ name: String) -> String? {
        zip(raw, decoded).first { $0.1.name == name }.map { SignatureText.decode($0.0.value, plusAsSpace: false) }
    }
}
