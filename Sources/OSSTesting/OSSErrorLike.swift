import OSSModel

/// Lets checks match an OSS error code without caring which error type carried it.
public protocol OSSErrorLike: Error {
    var ossCode: String { get }
}

extension OSSError: OSSErrorLike {
    public var ossCode: String { code }
}
