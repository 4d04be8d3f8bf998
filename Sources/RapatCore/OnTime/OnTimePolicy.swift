import Foundation

/// How strictly a meeting must start on time.
public struct OnTimePolicy: Hashable, Codable, Sendable {
    /// Minutes after the scheduled start that still count as on time (default 0: "rapat on time").
    public var graceMinutes: Int
    /// A meeting may not start more than this many minutes before its scheduled start.
    public var earlyStartLimitMinutes: Int

    public static let standard = OnTimePolicy(graceMinutes: 0, earlyStartLimitMinutes: 10)

    public init(graceMinutes: Int, earlyStartLimitMinutes: Int) {
        self.graceMinutes = graceMinutes
        self.earlyStartLimitMinutes = earlyStartLimitMinutes
    }
}
