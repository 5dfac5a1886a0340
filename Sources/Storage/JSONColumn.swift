import Foundation

/// Nested values (hours, phones, facet lists) are stored as JSON text, identical on both engines.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own Codable model values cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
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
