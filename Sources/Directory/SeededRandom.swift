/// SplitMix64: a seeded generator whose whole state is one number, so a seed gives the same demo
/// district, synthetic directory or test case on every machine and every run (the system generator is
/// neither seedable nor stable). The one generator of the project: demo seeds, benchmarks and tests.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A number in `0..<upperBound`; 0 for an empty range, so callers need not guard empty inputs.
    public mutating func below(_ upperBound: Int) -> Int {
        upperBound <= 0 ? 0 : Int.random(in: 0..<upperBound, using: &self)
    }

    /// One of `values`, which must not be empty.
    public mutating func pick<Element>(_ values: [Element]) -> Element {
        values[below(values.count)]
    }

    /// One of `choices`, each as likely as its weight.
    public mutating func weighted<Element>(_ choices: [(Element, Double)]) -> Element {
        let total = choices.reduce(0) { $0 + $1.1 }
        var point = Double.random(in: 0..<total, using: &self)
        for (value, weight) in choices {
            if point < weight { return value }
            point -= weight
        }
        return choices[choices.count - 1].0
    }

    /// A random subset, in the order of `values`.
    public mutating func subset<Element>(_ values: [Element], probability: Double = 0.5) -> [Element] {
        values.filter { _ in chance(probability) }
    }
}
