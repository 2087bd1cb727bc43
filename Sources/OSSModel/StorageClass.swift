/// An OSS storage class.
public enum StorageClass: String, Sendable, CaseIterable {
    case standard = "Standard"
    case ia = "IA"
    case archive = "Archive"
    case coldArchive = "ColdArchive"
    case deepColdArchive = "DeepColdArchive"

    /// Parses a wire value case-insensitively (`STANDARD` appears in some documents).
    public static func parse(_ value: String, argumentName: String = "x-oss-storage-class") throws(OSSError)
        -> StorageClass
    {
        let lowered = value.lowercased()
        guard let match = StorageClass.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            throw OSSError.invalidArgument("Invalid storage class.", name: argumentName, value: value)
        }
        return match
    }

    /// Whether reading data of this class needs a restore first.
    public var needsRestore: Bool {
        switch self {
        case .archive, .coldArchive, .deepColdArchive: return true
        case .standard, .ia: return false
        }
    }
}
