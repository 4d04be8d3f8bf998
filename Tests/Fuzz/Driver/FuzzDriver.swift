import Foundation

/// The one entry of every fuzz target. Built with FUZZING (and -sanitize=fuzzer), it hands `body` to libFuzzer's
/// driver; otherwise it replays the files named on the command line (a regression run over a corpus).
public enum FuzzDriver {
    public static func run(_ body: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> Never {
        #if FUZZING
        FuzzDriver.body = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) }
        }
        exit(0)
        #endif
    }

    #if FUZZING
    /// libFuzzer calls back one input at a time on one thread.
    nonisolated(unsafe) static var body: ((UnsafeBufferPointer<UInt8>) -> Void)?
    #endif
}

#if FUZZING
/// The callback libFuzzer's runtime names (it references it even when the driver is given another).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzDriver.body?(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver (compiler-rt), for executables that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
