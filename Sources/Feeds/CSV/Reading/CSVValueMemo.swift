/// Remembers a function's results by input text. Linked HSDS tables repeat the same few values
/// ("MO,TU,WE", "09:00", "Spanish") on every row, so each distinct value is parsed once.
package struct CSVValueMemo<Value> {
    private let compute: (String) -> Value
    private var results: [String: Value] = [:]

    package init(_ compute: @escaping (String) -> Value) {
        self.compute = compute
    }

    package subscript(text: String) -> Value {
        mutating get {
            if let known = results[text] { return known }
            let value = compute(text)
            // Bounded so a column of unique values (a free-text note) cannot grow without limit.
            if results.count < 10_000 { results[text] = value }
            return value
        }
    }
}
