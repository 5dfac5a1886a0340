import Foundation

/// The file stream `XMLParser` pulls from, counting the bytes it hands over so progress can report
/// how far into the file parsing is without reading the file twice.
final class AIRSByteCountingStream: InputStream {
    private(set) var bytesRead: Int64 = 0
    /// Set once the file returned end-of-file: a parse error after that means the file was cut short.
    private(set) var reachedEnd = false

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        let count = super.read(buffer, maxLength: length)
        if count > 0 { bytesRead += Int64(count) }
        if count == 0 { reachedEnd = true }
        return count
    }
}
