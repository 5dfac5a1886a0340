/// The formats the HSDS 3.1 package gives some columns (`"format": "uri"` / `"email"`), which
/// frictionless checks: a cell that does not meet its column's format is an error there.
///
/// Feeds write websites as people type them ("www.langleycdc.com" in the BC 211 excerpt). A bare
/// host is the same address as `http://` + host (the scheme every browser assumes for it; a site on
/// HTTPS redirects), so that is how it is written. A value that is neither a URI nor a bare host, or
/// an email that is not one address, is left out of the HSDS cell: it is no fact HSDS can carry as
/// such (Closeloop's own tables keep it exactly).
///
/// Times (`"type": "time"`, schedules' opens_at/closes_at) are read by frictionless as HH:MM:SS, as
/// RFC 3339 full-time writes them: "09:00" is written "09:00:00", the same time.
enum HSDSCellFormat {
    case uri, email, time

    func cell(_ text: String) -> String? {
        switch self {
        case .uri: Self.uri(text)
        case .email: Self.email(text)
        case .time: Self.time(text)
        }
    }

    static func time(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }) else {
            return parts.count == 2 && parts[0].count == 1 ? time("0" + text) : nil
        }
        return parts.count == 2 ? text + ":00" : text
    }

    static func uri(_ text: String) -> String? {
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        if let colon = text.firstIndex(of: ":"), colon != text.startIndex,
           text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
           text.first!.isLetter {
            return text
        }
        // A bare host, perhaps with a path: "www.example.org/programs".
        let host = text.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }) else { return nil }
        return "http://" + text
    }

    static func email(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else { return nil }
        return text
    }
}
