import Directory

extension SeededRandom {
    /// The seed of case `index` of a run: independent streams per reader and case, so adding cases to
    /// one reader leaves every other case's seed as it was.
    static func caseSeed(base: UInt64, stream: String, index: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var generator = SeededRandom(seed: base ^ hash ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        return generator.next()
    }
}
