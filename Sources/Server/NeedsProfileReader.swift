import Directory
import Matching

/// Reads the usual `POST /api/v1/match` body — an object of the profile's fields with plain ASCII
/// strings, integers and decimal numbers — in a fraction of JSONDecoder's time. Anything else
/// (escapes, non-ASCII, unknown or repeated keys, a value of the wrong type or out of a vocabulary,
/// malformed JSON) gives nil, and the caller decodes with JSONDecoder instead, which either reads
/// it or names the field at fault. So whatever this returns is what JSONDecoder would have returned.
package struct NeedsProfileReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    package static func read(_ body: UnsafeRawBufferPointer) -> NeedsProfile? {
        var reader = NeedsProfileReader(bytes: body)
        return reader.profile()
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func profile() -> NeedsProfile? {
        var barriers: [String]?
        var tier: Int?
        var age: Int?
        var languages: [LanguageCode] = []
        var insurance: Insurance?
        var home: Coordinates?
        var transportation = FamilyTransportation.none
        var times: [TimeWindow] = []
        var settings: [Setting] = []
        var seen: UInt16 = 0
        /// False when the field was seen before: a repeated key goes to JSONDecoder.
        func first(_ bit: UInt16) -> Bool {
            defer { seen |= bit }
            return seen & bit == 0
        }

        guard consume(UInt8(ascii: "{")) else { return nil }
        if !consume(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "barriers" where first(1 << 0):
                    guard let value = array({ $0.string() }) else { return nil }
                    barriers = value
                case "tier" where first(1 << 1):
                    guard let value = integer() else { return nil }
                    tier = value
                case "age" where first(1 << 2):
                    if null() { age = nil } else {
                        guard let value = integer() else { return nil }
                        age = value
                    }
                case "languages" where first(1 << 3):
                    guard let value = optionalArray({ $0.string().flatMap(LanguageCode.init(rawValue:)) }) else { return nil }
                    languages = value
                case "insurance" where first(1 << 4):
                    if null() { insurance = nil } else {
                        guard let value = string().flatMap(Insurance.init(rawValue:)) else { return nil }
                        insurance = value
                    }
                case "home" where first(1 << 5):
                    if null() { home = nil } else {
                        guard let value = coordinates() else { return nil }
                        home = value
                    }
                case "transportation" where first(1 << 6):
                    if null() { transportation = .none } else {
                        guard let value = string().flatMap(FamilyTransportation.init(rawValue:)) else { return nil }
                        transportation = value
                    }
                case "times" where first(1 << 7):
                    guard let value = optionalArray({ $0.string().flatMap(TimeWindow.init(rawValue:)) }) else { return nil }
                    times = value
                case "settings" where first(1 << 8):
                    guard let value = optionalArray({ $0.string().flatMap(Setting.init(rawValue:)) }) else { return nil }
                    settings = value
                default:
                    return nil
                }
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")) else { return nil }
        }
        skipWhitespace()
        guard position == bytes.count, let barriers, let tier else { return nil }
        return NeedsProfile(
            barriers: barriers, tier: tier, age: age, languages: languages, insurance: insurance, home: home,
            transportation: transportation, times: times, settings: settings)
    }

    // MARK: values

    private mutating func coordinates() -> Coordinates? {
        var lat: Double?, lon: Double?
        guard consume(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), let value = number() else { return nil }
            switch key {
            case "lat" where lat == nil: lat = value
            case "lon" where lon == nil: lon = value
            default: return nil
            }
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")), let lat, let lon else { return nil }
        return Coordinates(lat: lat, lon: lon)
    }

    /// An array, or null for none (`decodeIfPresent(...) ?? []`).
    private mutating func optionalArray<T>(_ element: (inout Self) -> T?) -> [T]? {
        null() ? [] : array(element)
    }

    private mutating func array<T>(_ element: (inout Self) -> T?) -> [T]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var items: [T] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat {
            guard let item = element(&self) else { return nil }
            items.append(item)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? items : nil
    }

    /// A string of printable ASCII without escapes.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        return nil
    }

    /// An integer written as digits (no fraction or exponent), small enough for any Int.
    private mutating func integer() -> Int? {
        skipWhitespace()
        let start = position
        let negative = peek == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))  // wraps past 18 digits, which are refused below
            position += 1
        }
        let digits = position - digitsStart
        // No leading zeros (not JSON), at most 18 digits (no overflow), and a number that ends here.
        guard digits > 0, digits <= 18, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), !continuesNumber else {
            position = start
            return nil
        }
        return negative ? -value : value
    }

    /// A JSON number, converted as JSONDecoder converts it (correctly rounded); finite only.
    private mutating func number() -> Double? {
        skipWhitespace()
        let start = position
        func digits() -> Int {
            let from = position
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
            return position - from
        }
        if peek == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return nil }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return nil }
        }
        guard !continuesNumber,
              let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    // MARK: tokens

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// A number token that goes on past what was read (e.g. "1.5" read as an integer).
    private var continuesNumber: Bool {
        guard let byte = peek else { return false }
        return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    /// Skips whitespace, then takes `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard peek == byte else { return false }
        position += 1
        return true
    }

    private mutating func null() -> Bool {
        skipWhitespace()
        guard bytes.count - position >= 4, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        return true
    }
}
