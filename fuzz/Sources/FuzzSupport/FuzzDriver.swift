#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entry point of every fuzz executable.
///
/// SwiftPM links an executable with its own entry point (`<module>_main` standing in for
/// `main`), so libFuzzer's `main` cannot be used; each target's `main.swift` calls
/// ``run(_:)`` instead, which hands the process arguments to libFuzzer's
/// `LLVMFuzzerRunDriver` (linked in by `-sanitize=fuzzer`).
public enum FuzzDriver {
    /// One fuzz input: the bytes and their count; returns 0.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Runs libFuzzer with the command line of this process and `test` as the target;
    /// exits with libFuzzer's status.
    public static func run(_ test: TestOneInput) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(llvmFuzzerRunDriver(&argc, &argv, test))
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: FuzzDriver.TestOneInput
) -> Int32
