/// A feed text that says something the vocabulary cannot read as a fact, with the reason in words a
/// person fixing the feed understands ("'13/45/2012' has no month 13").
struct UnreadableText: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as the feed wrote it.
    let text: String
    /// Why it was not read, as the end of a sentence that starts with the quoted text.
    let reason: String

    var description: String { "'\(text)' \(reason)" }
}
