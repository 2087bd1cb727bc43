/// What an object entry is: its `x-oss-object-type`.
public enum ObjectKind: String, Sendable, CaseIterable {
    case normal = "Normal"
    case appendable = "Appendable"
    case multipart = "Multipart"
    case symlink = "Symlink"
}
