/// What changed between two lists of lines (two versions of minutes as text): the longest common subsequence
/// kept, the rest removed from the first or added in the second, in reading order.
public enum LineDiff {
    public enum Change: String, Sendable, Hashable {
        case same, removed, added
    }

    public struct Line: Sendable, Hashable {
        public var change: Change
        public var text: String
    }

    /// The lines of `old` and `new` marked as kept, removed or added. Quadratic in the lines that differ after the
    /// common head and tail are set aside (minutes have tens to hundreds of lines).
    public static func compare(_ old: [String], _ new: [String]) -> [Line] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let a = Array(old[head..<(old.count - tail)]), b = Array(new[head..<(new.count - tail)])
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var out = old[..<head].map { Line(change: .same, text: $0) }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(Line(change: .same, text: a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // What goes comes before what replaces it, as diffs read.
                out.append(Line(change: .removed, text: a[i])); i += 1
            } else {
                out.append(Line(change: .added, text: b[j])); j += 1
            }
        }
        out += old[(old.count - tail)...].map { Line(change: .same, text: $0) }
        return out
    }
}
