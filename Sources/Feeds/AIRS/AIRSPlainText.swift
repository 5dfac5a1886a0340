/// Names and descriptions through `FeedPlainText`, skipping it for text it would hand back unchanged:
/// printable ASCII with no reference ("&"), tag ("<") or escaped line break ("\"), single spaces
/// only and none at either end. Most names of a feed are such text, and each is different, so no
/// memo helps them.
enum AIRSPlainText {
    /// `FeedPlainText.singleLine`.
    static func singleLine(_ text: String) -> String {
        isAlreadyPlain(text) ? text : FeedPlainText.singleLine(text)
    }

    /// Whether both `FeedPlainText` readings return the text as it is.
    static func isAlreadyPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "&"), byte != UInt8(ascii: "<"),
                  byte != UInt8(ascii: "\\"), !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        // Not empty (previous is still the start's space) and no space at the end.
        return previous != 0x20
    }
}
