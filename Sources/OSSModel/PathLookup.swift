/// What one read of an object path finds: the bucket, the record at the key and, when the
/// record is a symbolic link and the caller asked to follow it, the record at the link's
/// target. Drivers read all three in one consistent snapshot where they can.
public struct PathLookup: Sendable {
    /// The bucket, or nil when it does not exist (then ``object`` and ``target`` are nil).
    public var bucket: BucketRecord?
    /// The record at the key, or nil.
    public var object: ObjectRecord?
    /// The record at ``object``'s symlink target (same bucket), or nil when the target is
    /// missing, the record is not a link, or the link was not followed.
    public var target: ObjectRecord?

    public init(bucket: BucketRecord?, object: ObjectRecord?, target: ObjectRecord?) {
        self.bucket = bucket
        self.object = object
        self.target = target
    }
}
