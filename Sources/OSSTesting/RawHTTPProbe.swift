#if canImport(Glibc)
    import Glibc
#endif

/// Socket primitives for tests that abandon a request half-way.
public enum RawHTTPProbe {
    public static func open(port: Int) throws -> Int32 { try RawHTTP.connect(port: port) }
    public static func write(_ fd: Int32, _ bytes: [UInt8]) throws { try RawHTTP.send(fd, bytes) }
    public static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
