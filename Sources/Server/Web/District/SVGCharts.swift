import Foundation

/// Charts drawn on the server as inline SVG: no script, no image requests, readable by screen
/// readers (each chart has a title and a description, and the page puts the same numbers in a table).
/// Pure functions of their input, so tests can check the marks.
enum SVGCharts {
    /// One bar: a label, its value (nil when the cell is suppressed) and the text written beside it.
    struct Bar: Sendable, Hashable {
        let label: String
        let value: Double?
        let text: String

        init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    static let barColor = "#0b57d0"
    static let suppressedColor = "#6b7480"
    static let axisColor = "#1b1f24"

    /// Horizontal bars, one row per bar, scaled to `maxValue` (or the largest value). A suppressed
    /// bar is drawn as an outline with its text ("<10"), never as a length that would reveal it.
    static func horizontalBars(id: String, title: String, description: String, bars: [Bar], maxValue: Double? = nil,
                               color: String = barColor) -> String {
        let labelWidth = 220.0, barArea = 300.0, textWidth = 90.0, rowHeight = 26.0, top = 8.0
        let width = labelWidth + barArea + textWidth
        let height = top * 2 + rowHeight * Double(max(bars.count, 1))
        let scale = maxValue ?? bars.compactMap(\.value).max() ?? 1
        var svg = header(id: id, title: title, description: description, width: width, height: height)
        if bars.isEmpty {
            svg += #"<text x="\#(number(labelWidth))" y="\#(number(top + 17))">\#(escape(PageLanguage.words.t("chart.no_data")))</text>"#
        }
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            svg += #"<text x="\#(number(labelWidth - 8))" y="\#(number(y + 17))" text-anchor="end">\#(escape(truncated(bar.label, 30)))</text>"#
            if let value = bar.value {
                let length = scale > 0 ? max(value / scale * barArea, value > 0 ? 2 : 0) : 0
                svg += #"<rect class="bar" x="\#(number(labelWidth))" y="\#(number(y + 4))" width="\#(number(length))" height="\#(number(rowHeight - 8))" fill="\#(color)"/>"#
                svg += #"<text x="\#(number(labelWidth + length + 6))" y="\#(number(y + 17))">\#(escape(bar.text))</text>"#
            } else {
                svg += #"<rect class="suppressed" x="\#(number(labelWidth))" y="\#(number(y + 4))" width="24" height="\#(number(rowHeight - 8))" fill="none" stroke="\#(suppressedColor)" stroke-dasharray="3 2"/>"#
                svg += #"<text x="\#(number(labelWidth + 30))" y="\#(number(y + 17))">\#(escape(bar.text))</text>"#
            }
        }
        return svg + "</svg>"
    }

    /// Vertical bars over ordered bins (a distribution), with the bin labels under the axis.
    static func columns(id: String, title: String, description: String, bars: [Bar], color: String = barColor) -> String {
        let left = 40.0, bottom = 40.0, top = 22.0, plotHeight = 180.0
        let columnWidth = 56.0, gap = 12.0
        let width = left + Double(max(bars.count, 1)) * (columnWidth + gap) + gap
        let height = top + plotHeight + bottom
        let scale = bars.compactMap(\.value).max() ?? 0
        var svg = header(id: id, title: title, description: description, width: width, height: height)
        let axisY = top + plotHeight
        svg += #"<line x1="\#(number(left))" y1="\#(number(axisY))" x2="\#(number(width - gap / 2))" y2="\#(number(axisY))" stroke="\#(axisColor)"/>"#
        if bars.isEmpty {
            svg += #"<text x="\#(number(left))" y="\#(number(top + plotHeight / 2))">\#(escape(PageLanguage.words.t("chart.no_data")))</text>"#
        }
        for (index, bar) in bars.enumerated() {
            let x = left + gap + Double(index) * (columnWidth + gap)
            let center = x + columnWidth / 2
            if let value = bar.value {
                let barHeight = scale > 0 ? max(value / scale * plotHeight, value > 0 ? 2 : 0) : 0
                svg += #"<rect class="bar" x="\#(number(x))" y="\#(number(axisY - barHeight))" width="\#(number(columnWidth))" height="\#(number(barHeight))" fill="\#(color)"/>"#
                svg += #"<text x="\#(number(center))" y="\#(number(axisY - barHeight - 5))" text-anchor="middle">\#(escape(bar.text))</text>"#
            } else {
                svg += #"<rect class="suppressed" x="\#(number(x))" y="\#(number(axisY - 24))" width="\#(number(columnWidth))" height="24" fill="none" stroke="\#(suppressedColor)" stroke-dasharray="3 2"/>"#
                svg += #"<text x="\#(number(center))" y="\#(number(axisY - 29))" text-anchor="middle">\#(escape(bar.text))</text>"#
            }
            svg += #"<text x="\#(number(center))" y="\#(number(axisY + 16))" text-anchor="middle">\#(escape(truncated(bar.label, 10)))</text>"#
        }
        return svg + "</svg>"
    }

    private static func header(id: String, title: String, description: String, width: Double, height: Double) -> String {
        #"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(number(width)) \#(number(height))" role="img" aria-labelledby="\#(id)-title \#(id)-desc">"#
            + #"<title id="\#(id)-title">\#(escape(title))</title><desc id="\#(id)-desc">\#(escape(description))</desc>"#
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func truncated(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// Coordinates with at most one decimal, so the markup is stable and small.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
