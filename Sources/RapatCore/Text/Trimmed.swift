extension StringProtocol {
    /// The text without leading and trailing white space and newlines, as a native String.
    ///
    /// Foundation's `trimmingCharacters(in:)` returns a bridged string that is slow to read byte by
    /// byte, which large exports do for every title and name.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// The string, or nil when it is empty.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
