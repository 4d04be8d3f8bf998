/// One line of a CSV file as spreadsheets write it: fields split at the separator outside double quotes
/// ("71,3" stays one field; "" inside quotes is a quote), each trimmed.
public enum CSVLine {
    public static func fields(_ line: String, separator: Character, line number: Int, source: String) throws(InputError) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                fields.append(current.trimmed)
                current = ""
            } else {
                current.append(c)
            }
        }
        guard !quoted else { throw .invalidValue(field: "line \(number) of \(source)", value: line, hint: "a quote is not closed") }
        fields.append(current.trimmed)
        return fields
    }
}
