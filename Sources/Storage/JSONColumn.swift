import Directory
import Foundation
import TextFormats

/// Nested values (hours, phones, facet lists) are stored as JSON text, identical on both engines.
package enum JSONColumn {
    /// One encoder for every write: a new JSONEncoder per column was 4.6 s of a 100k-service import
    /// (encoding keeps no state between calls, so sharing it is safe).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    package static func encode(_ value: any Encodable) -> String {
        // Encoding our own Codable model values cannot fail.
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// Lists of codes (domains, settings, languages, insurance, taxonomy codes…), most of a
    /// service's JSON columns, written directly: the text JSONEncoder writes, at a fraction of its
    /// cost on an import of 100,000 services.
    package static func encode<T: RawRepresentable>(codes values: [T]) -> String where T.RawValue == String {
        encode(codes: values.map(\.rawValue))
    }

    package static func encode(codes values: [String]) -> String {
        var text = "["
        for (position, value) in values.enumerated() {
            if position > 0 { text += "," }
            appendQuoted(value, to: &text)
        }
        return text + "]"
    }

    /// Opening hours as JSONEncoder writes them (keys sorted), by hand for the same reason.
    /// Written as bytes into one buffer: joining `+` pieces made a dozen short-lived strings per
    /// opening, 0.75 s of the writer's CPU on a 100,000-service import.
    package static func encode(_ hours: [OpeningHours]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + 56 * hours.count)
        bytes.append(UInt8(ascii: "["))
        for (position, opening) in hours.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"closes":""#.utf8)
            opening.closes.write(to: &bytes)
            bytes.append(contentsOf: #"","opens":""#.utf8)
            opening.opens.write(to: &bytes)
            bytes.append(contentsOf: #"","weekday":""#.utf8)
            bytes.append(contentsOf: opening.weekday.rawValue.utf8)
            bytes.append(contentsOf: #""}"#.utf8)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Phones as JSONEncoder writes them: keys sorted, no `language` key when there is none.
    package static func encode(_ phones: [Phone]) -> String {
        var text = "["
        for (position, phone) in phones.enumerated() {
            if position > 0 { text += "," }
            text += #"{"kind":""# + phone.kind.rawValue + "\""
            if let language = phone.language {
                text += #","language":"#
                appendQuoted(language.rawValue, to: &text)
            }
            text += #","number":"#
            appendQuoted(phone.number, to: &text)
            text += "}"
        }
        return text + "]"
    }

    /// A service area; one with a radius goes through JSONEncoder, whose number spelling is the reference.
    package static func encode(_ area: ServiceArea) -> String {
        guard area.radiusKm == nil else { return encode(area as any Encodable) }
        return #"{"postal_codes":"# + encode(codes: area.postalCodes) + "}"
    }

    /// A quoted JSON string, escaped as JSONEncoder escapes it (`JSONStringEscape`).
    private static func appendQuoted(_ value: String, to text: inout String) {
        guard value.utf8.contains(where: JSONStringEscape.needsEscape) else {
            text += "\""
            text += value
            text += "\""
            return
        }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in value.utf8 {
            if JSONStringEscape.needsEscape(byte) {
                JSONStringEscape.escape(byte) { bytes.append($0) }
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// One decoder for every read: building a JSONDecoder per column showed up in request profiles.
    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.integrity("column \(column) holds unreadable JSON: \(error)")
        }
    }
}
