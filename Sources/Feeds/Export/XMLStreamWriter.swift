import Foundation

/// Writes an XML document element by element into a file, through a fixed-size byte buffer: the
/// document never exists in memory as a whole, however many records it holds. Text and attribute
/// values are escaped; characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF)
/// are dropped, since no escape can represent them.
final class XMLStreamWriter {
    private let handle: FileHandle
    private let capacity: Int
    private var buffer: [UInt8] = []
    private var open: [String] = []
    /// Whether the innermost open element has child elements (its end tag then goes on its own line).
    private var hasChildren = false
    private(set) var bytesWritten: Int64 = 0

    init(handle: FileHandle, bufferSize: Int = 256 * 1024) {
        self.handle = handle
        self.capacity = bufferSize
        buffer.reserveCapacity(bufferSize + 4096)
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`.
    func declaration() throws {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        try flushIfFull()
    }

    /// An element that will hold child elements; close it with `end()`.
    func start(_ name: String, attributes: KeyValuePairs<String, String> = [:]) throws {
        indent()
        startTag(name, attributes)
        append(">\n")
        open.append(name)
        hasChildren = true
        try flushIfFull()
    }

    /// Closes the innermost element opened with `start`.
    func end() throws {
        guard let name = open.popLast() else { return }
        indent()
        append("</")
        append(name)
        append(">\n")
        try flushIfFull()
    }

    /// `<name attributes…>text</name>` on one line.
    func element(_ name: String, _ text: String, attributes: KeyValuePairs<String, String> = [:]) throws {
        indent()
        startTag(name, attributes)
        append(">")
        appendEscaped(text, inAttribute: false)
        append("</")
        append(name)
        append(">\n")
        try flushIfFull()
    }

    /// `<name><child>text</child></name>` on one line, the way AIRS wraps single values
    /// (`<Taxonomy><Code>…</Code></Taxonomy>`, `<URL><Address>…</Address></URL>`).
    func element(_ name: String, child: String, _ text: String) throws {
        indent()
        append("<")
        append(name)
        append("><")
        append(child)
        append(">")
        appendEscaped(text, inAttribute: false)
        append("</")
        append(child)
        append("></")
        append(name)
        append(">\n")
        try flushIfFull()
    }

    /// Writes out whatever is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Bytes

    private func flushIfFull() throws {
        if buffer.count >= capacity { try flush() }
    }

    private func indent() {
        for _ in 0..<open.count { buffer.append(.space); buffer.append(.space) }
    }

    private func startTag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        append("<")
        append(name)
        for (key, value) in attributes {
            append(" ")
            append(key)
            append("=\"")
            appendEscaped(value, inAttribute: true)
            append("\"")
        }
    }

    /// Markup written as is: names and punctuation this writer controls.
    private func append(_ markup: String) {
        buffer.append(contentsOf: markup.utf8)
    }

    private func appendEscaped(_ text: String, inAttribute: Bool) {
        let utf8 = text.utf8
        // Most values need no escape at all: copy them in one go.
        if !utf8.contains(where: Self.needsAttention) {
            buffer.append(contentsOf: utf8)
            return
        }
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\"") where inAttribute: append("&quot;")
            case UInt8(ascii: "'") where inAttribute: append("&apos;")
            // A parser turns a raw CR into LF, and raw tabs and newlines in attributes into spaces.
            case 0x0D: append("&#13;")
            case 0x0A where inAttribute: append("&#10;")
            case 0x09 where inAttribute: append("&#9;")
            case 0x09, 0x0A: buffer.append(byte)
            case ..<0x20: break  // not allowed in XML 1.0, escaped or not
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either: skip all three bytes.
                if let last = Self.noncharacterEnd(in: utf8, at: index) {
                    index = last
                } else {
                    buffer.append(byte)
                }
            default: buffer.append(byte)
            }
            index = utf8.index(after: index)
        }
    }

    /// The index of the last byte of U+FFFE or U+FFFF starting at `index`, if one starts there.
    private static func noncharacterEnd(in utf8: String.UTF8View, at index: String.UTF8View.Index) -> String.UTF8View.Index? {
        let second = utf8.index(after: index)
        guard second != utf8.endIndex, utf8[second] == 0xBF else { return nil }
        let third = utf8.index(after: second)
        guard third != utf8.endIndex, utf8[third] == 0xBE || utf8[third] == 0xBF else { return nil }
        return third
    }

    private static func needsAttention(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 0xEF
    }
}

private extension UInt8 {
    static let space = UInt8(ascii: " ")
}
