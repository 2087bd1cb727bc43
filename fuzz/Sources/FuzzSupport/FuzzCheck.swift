/// The invariant checks of the fuzz targets: a violated invariant is a defect, so it traps
/// and libFuzzer records the input as a crash.
public enum FuzzCheck {
    /// Traps with `message` (printed on stderr by the runtime) when `condition` is false.
    @inline(__always)
    public static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition() { fatalError("invariant violated: \(message())", file: file, line: line) }
    }
}
