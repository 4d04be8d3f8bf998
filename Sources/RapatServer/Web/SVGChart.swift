import Foundation

/// Charts drawn on the server as SVG (no chart library in the browser); every chart has its table beside it,
/// and the SVG says what it shows (`role="img"`, a title and a description).
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        /// Drawn in the warning colour.
        var flagged: Bool
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }

    /// Horizontal bars, one per label, with an optional reference line (a target, the grace period).
    static func bars(id: String, title: String, description: String, bars: [Bar], unit: String, reference: (value: Double, label: String)?) -> String {
        let rowHeight = 26.0, labelWidth = 230.0, width = 720.0, top = 28.0
        let maxValue = max(bars.map(\.value).max() ?? 0, reference?.value ?? 0, 1)
        let plot = width - labelWidth - 60
        let height = top + Double(bars.count) * rowHeight + 20
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = max(1, plot * bar.value / maxValue)
            let label = bar.label.count > 34 ? String(bar.label.prefix(33)) + "…" : bar.label
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 17))\" text-anchor=\"end\" class=\"chart-label\">\(escape(label))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y + 4))\" width=\"\(String(format: "%.1f", w))\" height=\"18\" class=\"\(bar.flagged ? "bar-flag" : "bar")\"/>"
            svg += "<text x=\"\(String(format: "%.1f", labelWidth + w + 6))\" y=\"\(Int(y + 17))\" class=\"chart-value\">\(number(bar.value))\(escape(unit))</text>"
        }
        if let reference {
            let x = labelWidth + plot * reference.value / maxValue
            svg += "<line x1=\"\(String(format: "%.1f", x))\" y1=\"\(Int(top - 6))\" x2=\"\(String(format: "%.1f", x))\" y2=\"\(Int(height - 16))\" class=\"ref\"/>"
            svg += "<text x=\"\(String(format: "%.1f", x))\" y=\"\(Int(top - 10))\" text-anchor=\"middle\" class=\"chart-label\">\(escape(reference.label))</text>"
        }
        return svg + "</svg>"
    }
}
