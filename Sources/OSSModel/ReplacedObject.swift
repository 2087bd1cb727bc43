/// What a write found at its key and replaced: enough to have checked its
/// ``WriteCondition`` and to release the replaced data afterwards. A store reads only
/// these fields of the old row, never its metadata or inline bytes.
public struct ReplacedObject: Sendable, Equatable {
    /// The replaced object's type (Normal, Appendable, Multipart or Symlink).
    public var kind: ObjectKind
    /// Its length in bytes (a link's is its target name's length).
    public var size: Int64
    /// Every blob its body referred to (``ObjectBody/blobIDs``): the caller releases those the
    /// new record does not share.
    public var blobIDs: [String]

    public init(kind: ObjectKind, size: Int64, blobIDs: [String]) {
        self.kind = kind
        self.size = size
        self.blobIDs = blobIDs
    }
}

extension ObjectRecord {
    /// This record as what a write replacing it reports.
    public var replaced: ReplacedObject { ReplacedObject(kind: kind, size: size, blobIDs: body.blobIDs) }
}
